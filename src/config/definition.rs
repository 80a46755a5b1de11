//! The survey definition (`evalboard.toml` in the input folder): what the analyst says the
//! survey means. Read with serde; every table rejects keys it does not know, so a misspelt key
//! is an error naming the key and its line rather than a silently ignored setting.
//!
//! This module checks what can be checked without the files (scales, ids, references); the
//! checks against the files' headers happen when the definition is applied (`normalise`).

use super::attendance::AttendanceDef;
use super::limits::LimitsDef;
use super::report::ReportDef;
use super::self_assessment::SelfAssessmentDef;
use super::text::TextDef;
use crate::error::{DefinitionError, Result};
use crate::model::{builtin_scales, derived_sentiments, label_key, Scale, ScaleKind, ScaleOption};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use toml::Spanned;

/// File name of the survey definition inside the input folder.
pub const FILE_NAME: &str = "evalboard.toml";

/// A survey definition. Every field is optional; see each for its default.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Title of the briefing. Default: the input folder's name.
    pub title: Option<String>,
    /// Sheet read in every workbook. Default: the first sheet with a header row.
    pub sheet: Option<String>,
    /// 1-based row of the (first) header row. Default: found in the first 30 rows.
    pub header_row: Option<usize>,
    /// Number of header rows. Default: recognised (1; SurveyMonkey 2; SmartSurvey and
    /// Qualtrics 3).
    pub header_rows: Option<usize>,
    /// Metadata columns by header. Default: the usual export headers (ID, Timestamp...).
    #[serde(default)]
    pub columns: Columns,
    /// Scales used by the questions, besides the built-in ones (a scale with a built-in name
    /// replaces it).
    #[serde(default, rename = "scale")]
    pub scales: Vec<Spanned<ScaleDef>>,
    /// The questions, in the order outputs show them.
    #[serde(default, rename = "question")]
    pub questions: Vec<Spanned<QuestionDef>>,
    /// Member roster and attendance records. Default: the `attendance/` folder, if any.
    pub attendance: Option<Spanned<AttendanceDef>>,
    /// Free-text themes, quotes and redaction. Default: the built-in codebook, redaction on.
    pub text: Option<Spanned<TextDef>>,
    /// Self-assessment waves, scale and themes. Default: the `self_assessment/` folder, if any.
    pub self_assessment: Option<Spanned<SelfAssessmentDef>>,
    /// How much one file may hold. Default: see [`LimitsDef`].
    #[serde(default)]
    pub limits: LimitsDef,
    /// The committee paper the documents are for, and which to write.
    pub report: Option<Spanned<ReportDef>>,
    /// Small-number protection. Default: groups of fewer than 5 are not broken down.
    pub disclosure: Option<Spanned<crate::model::Disclosure>>,
}

/// Headers of metadata columns (matched ignoring case, spacing and trailing punctuation).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    /// Respondent id. Default: ID, Respondent ID, Response ID...
    #[serde(default)]
    pub respondent: Vec<String>,
    /// Session name. Default: Session, Course, Event. Without one, the file name is the session.
    #[serde(default)]
    pub session: Vec<String>,
    /// Date or time of the response. Default: Start time, Timestamp, Start Date...
    #[serde(default)]
    pub date: Vec<String>,
    /// Member's role. Default: Role.
    #[serde(default)]
    pub role: Vec<String>,
    /// Member's cohort (e.g. year elected). Default: Cohort.
    #[serde(default)]
    pub cohort: Vec<String>,
    /// Other columns to leave out (e-mail, name...). Default: the usual export metadata.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// An ordered answer scale.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    /// Name questions refer to.
    pub name: String,
    /// False for an order `evalboard init` guessed: a run refuses it until the analyst has
    /// checked the order and set this to true. Default: true.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Label of the neutral middle option (for `kind = "centred"`, the ideal one). Default:
    /// the centre option when the number of substantive options is odd, none when it is even.
    pub middle: Option<String>,
    /// `ordered` (worded, most favourable first; scores k..1), `codes` (numbers; each score is
    /// the code), `centred` (too little / about right / too much: the share at the middle is
    /// reported, no mean) or `categories` (unordered: counted only). Default: `ordered`.
    #[serde(default)]
    pub kind: ScaleKindDef,
    /// How many of the most favourable options make the favourable share. Default: 2 on
    /// scales of four or more substantive options, else 1.
    pub favourable: Option<usize>,
    /// Options, most favourable first.
    pub options: Vec<Spanned<OptionDef>>,
    /// Set by inference, never read from the file: the options are those repeated in the
    /// answers, and the rest are written-in answers (see [`Scale::write_ins`]).
    #[serde(skip)]
    pub write_ins: bool,
    /// Set by inference, never read from the file: the chart sentiments of a library scale
    /// written in the export's own words, one per substantive option, kept as the library
    /// has them (the order alone would derive them otherwise).
    #[serde(skip)]
    pub sentiments: Option<Vec<i8>>,
}

impl Default for ScaleDef {
    /// A confirmed ordered scale with no name and no options (fill them in).
    fn default() -> Self {
        ScaleDef {
            name: String::new(),
            confirmed: true,
            middle: None,
            kind: ScaleKindDef::Ordered,
            favourable: None,
            options: Vec::new(),
            write_ins: false,
            sentiments: None,
        }
    }
}

/// [`ScaleDef::kind`], as written in `evalboard.toml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKindDef {
    #[default]
    Ordered,
    Codes,
    Centred,
    Categories,
}

impl ScaleKindDef {
    pub fn kind(self) -> ScaleKind {
        match self {
            ScaleKindDef::Ordered => ScaleKind::Ordered,
            ScaleKindDef::Codes => ScaleKind::Codes,
            ScaleKindDef::Centred => ScaleKind::Centred,
            ScaleKindDef::Categories => ScaleKind::Categories,
        }
    }

    /// The word written in `evalboard.toml`.
    pub fn word(self) -> &'static str {
        match self {
            ScaleKindDef::Ordered => "ordered",
            ScaleKindDef::Codes => "codes",
            ScaleKindDef::Centred => "centred",
            ScaleKindDef::Categories => "categories",
        }
    }
}

/// One option of a scale.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    /// Label as shown in outputs.
    pub label: String,
    /// Other spellings that mean this option. Default: none.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Numeric code for paper forms typed as numbers. Default: none.
    pub code: Option<i64>,
    /// False for "Don't know" / "Too early to say": counted, left out of means. Default: true.
    #[serde(default = "yes")]
    pub substantive: bool,
    /// Set by inference, never read from the file: a point of a library scale that nobody
    /// chose and whose wording in this export is unknown, listed only if chosen.
    #[serde(skip)]
    pub optional: bool,
}

/// What kind of answers a question takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    /// One option of `scale`.
    #[default]
    Scale,
    /// Any number of `options`, packed in one cell (`a;b;c;`) or one column per option.
    MultiSelect,
    /// One option of `scale`, read as an unordered category (counted, no mean or share).
    Category,
    /// Open text.
    FreeText,
}

/// One question.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    /// Short unique id.
    pub id: String,
    /// Header text of its column (matched ignoring case, spacing and trailing punctuation).
    pub header: Option<String>,
    /// Or a header pattern where `*` stands for any text, e.g. `Which topics? [*]` for one
    /// column per option of a multi-select question (which also claims a packed column headed
    /// `Which topics?`).
    pub pattern: Option<String>,
    /// Label shown in outputs. Default: the header.
    pub label: Option<String>,
    /// `scale`, `category`, `multi_select` or `free_text`. Default: `scale`.
    #[serde(default, rename = "type")]
    pub kind: QuestionType,
    /// Scale name (types `scale` and `category`).
    pub scale: Option<String>,
    /// Reverse-worded statement: read its scale the other way round. Default: false.
    #[serde(default)]
    pub reverse: bool,
    /// Theme or grid the question belongs to. Default: none.
    pub group: Option<String>,
    /// Options of a multi-select question, in display order.
    #[serde(default)]
    pub options: Vec<String>,
    /// Separator of options packed in one cell. Default: `;`.
    pub separator: Option<String>,
    /// Set by inference, never read from the file: the question was inferred from the files,
    /// not named by the analyst (a column it was inferred from that a run cannot find is no
    /// error in the analyst's definition).
    #[serde(skip)]
    pub inferred: bool,
}

fn yes() -> bool {
    true
}

impl QuestionDef {
    /// What the question's column header must look like, for messages.
    pub fn matcher_text(&self) -> String {
        match (&self.header, &self.pattern) {
            (Some(h), _) => format!("header '{h}'"),
            (_, Some(p)) => format!("pattern '{p}'"),
            _ => "no header".to_string(),
        }
    }

    /// Whether a column header (already cleaned) belongs to this question.
    pub fn matches(&self, header: &str) -> bool {
        let key = label_key(header);
        if let Some(h) = &self.header {
            return label_key(h) == key;
        }
        let Some(pattern) = &self.pattern else {
            return false;
        };
        // A multi-select `Q [*]` also claims the packed column headed `Q` (Microsoft Forms),
        // so one question reads both layouts.
        let packed = self.kind == QuestionType::MultiSelect
            && pattern
                .strip_suffix("[*]")
                .is_some_and(|stem| label_key(stem) == key);
        packed || glob(&label_key(pattern), &key)
    }

    pub fn separator(&self) -> &str {
        self.separator.as_deref().unwrap_or(";")
    }
}

/// `*` matches any run of characters (including none); everything else literally.
pub fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// A definition read from a file, with the text kept to turn byte offsets into line numbers.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub definition: Definition,
    /// File name as shown in messages (`evalboard.toml`).
    pub file: String,
    text: String,
}

impl Loaded {
    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }

    /// Line of a spanned item; `None` for one not read from the file.
    pub fn line_of<T>(&self, item: &Spanned<T>) -> Option<usize> {
        let span = item.span();
        (span.end > 0).then(|| self.line(span.start))
    }

    pub fn error(&self, line: Option<usize>, message: impl Into<String>) -> DefinitionError {
        DefinitionError {
            file: self.file.clone(),
            line,
            message: message.into(),
            also: Vec::new(),
        }
    }

    /// A definition that did not come from a file (inferred).
    pub fn inferred(definition: Definition) -> Loaded {
        Loaded {
            definition,
            file: "(inferred survey)".to_string(),
            text: String::new(),
        }
    }
}

/// Reads and checks `evalboard.toml` in `dir`; `Ok(None)` when there is none.
pub fn load(dir: &Path) -> Result<Option<Loaded>> {
    let path = dir.join(FILE_NAME);
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| DefinitionError {
        file: FILE_NAME.to_string(),
        line: None,
        message: format!("cannot read it: {e}"),
        also: Vec::new(),
    })?;
    parse(FILE_NAME, text).map(Some)
}

/// Parses and checks a definition's text.
pub fn parse(file: &str, text: String) -> Result<Loaded> {
    let definition: Definition = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        DefinitionError {
            file: file.to_string(),
            line,
            message: format!(
                "{}; every key evalboard knows is listed, with its default, in the file `evalboard init` writes",
                e.message().trim_end()
            ),
            also: Vec::new(),
        }
    })?;
    let loaded = Loaded {
        definition,
        file: file.to_string(),
        text,
    };
    check(&loaded)?;
    Ok(loaded)
}

/// Checks that need no files: scales well formed, ids unique, references resolve. Every
/// problem is reported, each with its line, not only the first.
pub fn check(loaded: &Loaded) -> Result<(), DefinitionError> {
    let d = &loaded.definition;
    let mut problems: Vec<DefinitionError> = Vec::new();
    if let Some(r) = &d.report {
        for message in r.get_ref().problems() {
            problems.push(loaded.error(loaded.line_of(r), message));
        }
    }
    if let Some(x) = &d.disclosure {
        if x.get_ref().threshold == 0 {
            problems.push(loaded.error(
                loaded.line_of(x),
                "[disclosure] threshold is 0; the smallest group that may be broken down is at least 1 (1 switches protection off; the default is 5)".to_string(),
            ));
        }
    }
    let mut scale_names: HashMap<String, usize> = HashMap::new();
    for s in &d.scales {
        let line = loaded.line_of(s);
        let scale = s.get_ref();
        if let Some(first) = scale_names.insert(label_key(&scale.name), line.unwrap_or(0)) {
            problems.push(loaded.error(
                line,
                format!("scale '{}' is defined twice (first on line {first}); give each scale its own name", scale.name),
            ));
        }
        if scale.options.is_empty() {
            problems.push(loaded.error(
                line,
                format!(
                    "scale '{}' has no options; list them, most favourable first",
                    scale.name
                ),
            ));
        }
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut codes: HashMap<i64, String> = HashMap::new();
        for o in &scale.options {
            let option = o.get_ref();
            let oline = loaded.line_of(o);
            for spelling in std::iter::once(&option.label).chain(&option.synonyms) {
                if let Some(other) = seen.insert(label_key(spelling), option.label.clone()) {
                    problems.push(loaded.error(
                        oline,
                        format!(
                            "scale '{}' lists '{spelling}' twice (already an option or synonym of '{other}'); an answer must mean one option: remove one of them",
                            scale.name
                        ),
                    ));
                }
            }
            if let Some(code) = option.code {
                if let Some(other) = codes.insert(code, option.label.clone()) {
                    problems.push(loaded.error(
                        oline,
                        format!("scale '{}' gives code {code} to both '{other}' and '{}'; give each option its own code", scale.name, option.label),
                    ));
                }
            }
        }
        if let Some(m) = &scale.middle {
            let found = scale
                .options
                .iter()
                .any(|o| label_key(&o.get_ref().label) == label_key(m) && o.get_ref().substantive);
            if !found {
                problems.push(loaded.error(line, format!("scale '{}' names '{m}' as its middle, but no substantive option has that label", scale.name)));
            }
        }
    }
    if let Some(a) = &d.attendance {
        if let Some(problem) = a.get_ref().problem() {
            problems.push(loaded.error(loaded.line_of(a), problem));
        }
    }
    if let Some(t) = &d.text {
        if let Some(problem) = t.get_ref().problem() {
            problems.push(loaded.error(loaded.line_of(t), problem));
        }
    }
    if let Some(a) = &d.self_assessment {
        if let Some(problem) = a.get_ref().problem() {
            problems.push(loaded.error(loaded.line_of(a), problem));
        }
    }
    let builtin: Vec<String> = builtin_scales()
        .iter()
        .map(|s| label_key(&s.name))
        .collect();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut labels: HashMap<String, usize> = HashMap::new();
    for q in &d.questions {
        let line = loaded.line_of(q);
        let question = q.get_ref();
        if let Some(first) = ids.insert(question.id.clone(), line.unwrap_or(0)) {
            problems.push(loaded.error(
                line,
                format!(
                    "question id '{}' is used twice (first on line {first}); ids must be unique",
                    question.id
                ),
            ));
        }
        let label = question
            .label
            .clone()
            .or_else(|| question.header.clone())
            .unwrap_or_else(|| question.id.clone());
        if let Some(first) = labels.insert(label_key(&label), line.unwrap_or(0)) {
            problems.push(loaded.error(line, format!("question '{}' has the label '{label}', already used on line {first}; give it its own `label`", question.id)));
        }
        match (&question.header, &question.pattern) {
            (None, None) => problems.push(loaded.error(line, format!("question '{}' has neither `header` nor `pattern`; add the header text of its column", question.id))),
            (Some(_), Some(_)) => problems.push(loaded.error(line, format!("question '{}' has both `header` and `pattern`; keep one", question.id))),
            _ => {}
        }
        match question.kind {
            QuestionType::Scale | QuestionType::Category => {
                let Some(name) = &question.scale else {
                    problems.push(loaded.error(line, format!("question '{}' has no `scale`; name one, or set type = \"free_text\" or \"multi_select\"", question.id)));
                    continue;
                };
                let key = label_key(name);
                if !scale_names.contains_key(&key) && !builtin.contains(&key) {
                    let known: Vec<String> = d
                        .scales
                        .iter()
                        .map(|s| s.get_ref().name.clone())
                        .chain(builtin_scales().into_iter().map(|s| s.name))
                        .collect();
                    problems.push(loaded.error(line, format!("question '{}' uses scale '{name}', which is not defined (known: {}); add a [[scale]] with that name", question.id, known.join(", "))));
                }
            }
            QuestionType::MultiSelect if question.options.is_empty() => {
                problems.push(loaded.error(
                    line,
                    format!("multi-select question '{}' lists no `options`", question.id),
                ));
            }
            _ => {}
        }
    }
    DefinitionError::all(problems)
}

impl Definition {
    /// Whether a column header is the definition's: matched by one of its questions, or listed
    /// among its metadata columns. Inference leaves such columns to it.
    pub fn claims(&self, header: &str) -> bool {
        let key = label_key(header);
        let c = &self.columns;
        let listed = [
            &c.respondent,
            &c.session,
            &c.date,
            &c.role,
            &c.cohort,
            &c.ignore,
        ]
        .iter()
        .any(|l| l.iter().any(|h| label_key(h) == key));
        listed || self.questions.iter().any(|q| q.get_ref().matches(header))
    }

    /// The scale library a run uses: the built-in scales, with the definition's own added
    /// (or replacing a built-in one of the same name). Returned with each scale's `confirmed`.
    pub fn scale_library(&self) -> Vec<(Scale, bool)> {
        let mut library: Vec<(Scale, bool)> =
            builtin_scales().into_iter().map(|s| (s, true)).collect();
        for s in &self.scales {
            let def = s.get_ref();
            let scale = def.to_scale();
            match library
                .iter_mut()
                .find(|(b, _)| label_key(&b.name) == label_key(&def.name))
            {
                Some(slot) => *slot = (scale, def.confirmed),
                None => library.push((scale, def.confirmed)),
            }
        }
        library
    }

    /// The free-text settings, defaults filled in.
    pub fn text(&self) -> TextDef {
        self.text
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_default()
    }

    /// The committee paper's settings, defaults filled in.
    /// The disclosure settings, defaults filled in.
    pub fn disclosure(&self) -> crate::model::Disclosure {
        self.disclosure
            .as_ref()
            .map(|x| *x.get_ref())
            .unwrap_or_default()
    }

    pub fn report(&self) -> ReportDef {
        self.report
            .as_ref()
            .map(|r| r.get_ref().clone())
            .unwrap_or_default()
    }

    /// The attendance settings, defaults filled in.
    pub fn attendance(&self) -> AttendanceDef {
        self.attendance
            .as_ref()
            .map(|a| a.get_ref().clone())
            .unwrap_or_default()
    }

    /// The self-assessment settings, defaults filled in.
    pub fn self_assessment(&self) -> SelfAssessmentDef {
        self.self_assessment
            .as_ref()
            .map(|a| a.get_ref().clone())
            .unwrap_or_default()
    }

    /// The [`crate::ingest::ReadOptions`]-shaped settings, as a tuple to keep this module
    /// free of ingest: (sheet, header row, header rows).
    pub fn read_settings(&self) -> (Option<String>, Option<usize>, Option<usize>) {
        (self.sheet.clone(), self.header_row, self.header_rows)
    }
}

impl ScaleDef {
    /// The scale with chart sentiments derived from the option order and the middle.
    pub fn to_scale(&self) -> Scale {
        let kind = self.kind.kind();
        let substantive: Vec<&OptionDef> = self
            .options
            .iter()
            .map(Spanned::get_ref)
            .filter(|o| o.substantive)
            .collect();
        let k = substantive.len();
        let middle = match &self.middle {
            Some(m) => substantive
                .iter()
                .position(|o| label_key(&o.label) == label_key(m)),
            None => (k % 2 == 1 && k > 1).then_some(k / 2),
        };
        let sentiments: Vec<i8> = match kind {
            _ if self.sentiments.as_ref().is_some_and(|s| s.len() == k) => {
                self.sentiments.clone().unwrap_or_default()
            }
            ScaleKind::Ordered | ScaleKind::Codes => derived_sentiments(k, middle),
            // The ideal middle is the favourable end; either side of it is unfavourable.
            ScaleKind::Centred => (0..k)
                .map(|i| match middle {
                    Some(m) if i == m => 2,
                    Some(m) if i + 1 == m || i == m + 1 => -1,
                    _ => -2,
                })
                .collect(),
            ScaleKind::Categories => vec![0; k],
        };
        let mut sentiments = sentiments.into_iter();
        let options = self
            .options
            .iter()
            .map(Spanned::get_ref)
            .map(|o| ScaleOption {
                label: o.label.clone(),
                synonyms: o.synonyms.clone(),
                sentiment: if o.substantive {
                    sentiments.next()
                } else {
                    None
                },
                code: o.code,
                optional: o.optional,
            })
            .collect();
        let mut scale = Scale::new(&self.name, kind, options);
        if let Some(n) = self.favourable {
            scale.favourable = n;
        }
        scale.confirmed = self.confirmed;
        scale.write_ins = self.write_ins;
        scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> DefinitionError {
        match parse("evalboard.toml", text.to_string()) {
            Err(crate::error::Error::Definition(e)) => e,
            other => panic!("expected a definition error, got {other:?}"),
        }
    }

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let e = err("title = \"x\"\n\n[[question]]\nid = \"q1\"\nheader = \"Q\"\nscale = \"agreement\"\nrevers = true\n");
        assert_eq!(e.line, Some(7));
        assert!(e.message.contains("revers"), "{}", e.message);
    }

    #[test]
    fn an_option_listed_twice_is_named_with_its_line() {
        let e = err("[[scale]]\nname = \"useful\"\noptions = [\n  { label = \"Very useful\" },\n  { label = \"Useful\", synonyms = [\"very useful\"] },\n]\n");
        assert_eq!(e.line, Some(5));
        assert!(e.message.contains("'very useful' twice"), "{}", e.message);
    }

    #[test]
    fn an_unknown_scale_is_named() {
        let e = err("[[question]]\nid = \"q1\"\nheader = \"Q\"\nscale = \"helpfulness\"\n");
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("'helpfulness'") && e.message.contains("agreement"));
    }

    #[test]
    fn a_custom_scale_gets_sentiments_from_its_order() {
        let l = parse("x", "[[scale]]\nname = \"useful\"\noptions = [{ label = \"Very useful\" }, { label = \"Quite useful\" }, { label = \"Not useful\" }, { label = \"Not sure\", substantive = false }]\n".into()).unwrap();
        let s = l.definition.scales[0].get_ref().to_scale();
        let sentiments: Vec<Option<i8>> = s.options.iter().map(|o| o.sentiment).collect();
        assert_eq!(sentiments, [Some(2), Some(0), Some(-2), None]);
    }

    #[test]
    fn glob_patterns_match_any_run() {
        assert!(glob("which topics? [*]", "which topics? [data]"));
        assert!(!glob("which topics? [*]", "which topics?"));
        assert!(glob("*satisf*", "how satisfied were you"));
        assert!(glob("q", "q") && !glob("q", "qq"));
    }
}
