//! Writing a survey definition as commented TOML: what `evalboard init` leaves for the analyst
//! to read and edit. Every key is written, with its default where it has one, so the file is
//! its own documentation.

use super::definition::{Definition, QuestionDef, QuestionType, ScaleDef, ScaleKindDef};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Remarks to write above items: why something was inferred, or what to check.
#[derive(Debug, Clone, Default)]
pub struct Remarks {
    /// Lines written at the top of the file.
    pub top: Vec<String>,
    /// By scale name.
    pub scales: BTreeMap<String, Vec<String>>,
    /// By question id.
    pub questions: BTreeMap<String, Vec<String>>,
}

/// A TOML basic string.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn comment(out: &mut String, lines: &[String]) {
    for l in lines {
        let _ = writeln!(out, "# {l}");
    }
}

pub fn to_toml(d: &Definition, remarks: &Remarks) -> String {
    let mut out = String::new();
    comment(&mut out, &[
        "evalboard survey definition. Edit it, then check it with `evalboard validate <folder>`.".into(),
        "Headers and answers are matched ignoring case, extra spaces, curly quotes and trailing punctuation.".into(),
    ]);
    comment(&mut out, &remarks.top);
    out.push('\n');
    comment(
        &mut out,
        &["What the run is called in the briefing and the manifest when [report] gives no title. Default: the input folder's name.".into()],
    );
    match &d.title {
        Some(t) => {
            let _ = writeln!(out, "title = {}", quote(t));
        }
        None => out.push_str("# title = \"Corporate parenting induction\"\n"),
    }
    comment(
        &mut out,
        &["Sheet read in every workbook. Default: the first sheet with a header row.".into()],
    );
    match &d.sheet {
        Some(s) => {
            let _ = writeln!(out, "sheet = {}", quote(s));
        }
        None => out.push_str("# sheet = \"Sheet1\"\n"),
    }
    comment(
        &mut out,
        &[
            "1-based row of the header, and how many rows it spans. Default: found and recognised"
                .into(),
            "(1 row; SurveyMonkey 2; SmartSurvey and Qualtrics 3).".into(),
        ],
    );
    match d.header_row {
        Some(r) => {
            let _ = writeln!(out, "header_row = {r}");
        }
        None => out.push_str("# header_row = 1\n"),
    }
    match d.header_rows {
        Some(r) => {
            let _ = writeln!(out, "header_rows = {r}");
        }
        None => out.push_str("# header_rows = 1\n"),
    }

    out.push_str("\n[columns]\n");
    comment(
        &mut out,
        &[
            "Metadata columns, by header. Columns named here are not questions.".into(),
            "Without a session column, each file is one session named after the file.".into(),
        ],
    );
    let c = &d.columns;
    for (key, items) in [
        ("respondent", &c.respondent),
        ("session", &c.session),
        ("date", &c.date),
        ("role", &c.role),
        ("cohort", &c.cohort),
        ("ignore", &c.ignore),
    ] {
        let _ = writeln!(out, "{key} = {}", list(items));
    }

    if !d.scales.is_empty() {
        out.push('\n');
        comment(&mut out, &["Scales: options most favourable first. `substantive = false` marks \"Don't know\"-type options".into(),
            "(counted, left out of means). `code` is the number a paper form uses for the option.".into(),
            "`middle` is the neutral option (default: the centre one when their number is odd).".into(),
            "Built-in scales (objectives, extent, satisfaction, expectations, agreement) need not be listed.".into()]);
    }
    for s in &d.scales {
        scale(&mut out, s.get_ref(), remarks.scales.get(&s.get_ref().name));
    }

    out.push('\n');
    comment(&mut out, &["Questions, in the order outputs show them. `header` is the column's header text, or".into(),
        "`pattern` with * for any text. type: \"scale\" (default), \"multi_select\" or \"free_text\".".into(),
        "`label` is what outputs show (default: the header); `reverse = true` reads a reverse-worded".into(),
        "statement's scale the other way round; `group` is its theme or grid.".into()]);
    for q in &d.questions {
        question(
            &mut out,
            q.get_ref(),
            remarks.questions.get(&q.get_ref().id),
        );
    }
    out.push_str(ATTENDANCE);
    out.push_str(TEXT);
    out.push_str(SELF_ASSESSMENT);
    out.push_str(REPORT);
    out.push_str(DISCLOSURE);
    out.push_str(LIMITS);
    out
}

/// The `[report]` table, commented out.
const REPORT: &str = "
# The committee paper: the covering report (report.docx) follows the council's template and
# takes these fields; the topic documents are its appendices, headed by its title. A field not
# set is marked [to fill in] in the covering report. `documents` says which to write (default:
# every one the input has).
# [report]
# council = \"Rotherham Metropolitan Borough Council\"
# title = \"Overview of corporate parenting training for elected members\"
# committee = \"Corporate Parenting Panel\"
# meeting_date = \"2016-09-27\"          # YYYY-MM-DD
# author = \"Senior Adviser (Scrutiny and Member Development)\"
# contact = \"Democratic Services\"
# director = \"Assistant Chief Executive\"
# key_decision = false
# wards = \"All\"
# exempt = false
# recommendations = [\"That the Panel comments on the overview of training for elected members\"]
# background_papers = \"Nil\"
# documents = [\"report\", \"board\", \"evaluation\", \"attendance\", \"self_assessment\", \"technical_annex\"]
";

/// The `[disclosure]` table, commented out with its default.
const DISCLOSURE: &str = "
# Small-number protection: a group smaller than this (respondents of a session, members of a
# cohort or role, members rating a statement, comments on a question) is not broken down in
# anything published; its figures show as [c], and one more group is hidden where a total would
# give it away. The full figures are in internal/. 1 switches protection off.
# [disclosure]
# threshold = 5
";

/// The `[limits]` table, commented out with its defaults.
const LIMITS: &str = "
# How much one file may hold: a file over a limit fails alone, with a message naming the setting.
# [limits]
# cells = 10000000                   # used range of a sheet, rows x columns
# columns = 5000
# unzipped_mb = 1024                 # a workbook (xlsx, xlsb, ods) unzipped
# stream_above_mb = 64               # a CSV file larger than this is read in parts
";

/// The `[text]` table, commented out with its defaults.
const TEXT: &str = "
# Free text: redaction (on by default: e-mail addresses, UK phone numbers, postcodes, IP
# addresses, the names below, the attendance roster's members and likely names on no list
# become [email], [phone], [postcode], [ip address], [name]) and the
# codebook of themes (built in: information and resources, practical guidance, data and
# statistics, presenter and delivery, discussion, time and pacing, materials, relevance to role,
# scrutiny and challenge, children in care, partners and professionals).
# [text]
# redact = true
# names = [\"Jane Smith\"]             # names to redact besides the roster's
# guess_names = true                 # also capitalised common given names on no list
# quotes = 3                         # quotes per theme and question
# default_themes = true              # false: only the themes below
# [[text.theme]]                     # adds a theme, or replaces a built-in one of that name
# name = \"Venue\"
# words = [\"room\", \"car park\"]        # words and phrases, with their plurals and verb endings
# exclude = [\"chat room\"]            # words and phrases that stop it matching
";

/// The `[self_assessment]` table, commented out with its defaults and an example theme.
const SELF_ASSESSMENT: &str = "
# Self-assessment and review: members' ratings of statements, one export per wave, in a folder
# inside the input folder (read when the folder exists). Uncomment to change the defaults.
# [self_assessment]
# folder = \"self_assessment\"         # the folder
# waves = [\"baseline\", \"review\"]     # in time order; a file's wave is in its name or a Wave column
# files = { \"March.xlsx\" = \"baseline\" } # or say it per file
# scale = \"agreement\"                # default: numbers read as scores, words by the scale they fit
# at_least = \"Agree\"                 # the level counted in the share at or above
# member = \"Email\"                   # column matching members across waves; default: id, else name
# [[self_assessment.theme]]          # default: the theme in each header, `Theme [Statement]`
# name = \"Work programming and planning\"
# statements = [\"Our work programme*\"] # statement headers; `*` stands for any text
";

/// The `[attendance]` table, commented out with its defaults: uncomment to change them.
const ATTENDANCE: &str = "
# Attendance coverage: the member roster and attendance records in a folder inside the input
# folder (read when the folder exists). Uncomment to change the defaults shown.
# [attendance]
# folder = \"attendance\"              # the folder
# roster = \"roster.csv\"              # default: the file whose name contains roster (else members)
# target = 90                        # a coverage target in percent, if the council set one (none by default)
# targets = { \"1\" = 100 }            # targets by level (1 universal, 2 targeted, 3 specialist)
# name_untrained_in_briefing = false # names of members not yet trained also in the briefing
";

fn scale(out: &mut String, s: &ScaleDef, remarks: Option<&Vec<String>>) {
    out.push('\n');
    if let Some(r) = remarks {
        comment(out, r);
    }
    out.push_str("[[scale]]\n");
    let _ = writeln!(out, "name = {}", quote(&s.name));
    let _ = writeln!(out, "confirmed = {}", s.confirmed);
    if s.kind != ScaleKindDef::Ordered {
        let _ = writeln!(out, "kind = {}", quote(s.kind.word()));
    }
    if let Some(n) = s.favourable {
        let _ = writeln!(out, "favourable = {n}");
    }
    if let Some(m) = &s.middle {
        let _ = writeln!(out, "middle = {}", quote(m));
    }
    out.push_str("options = [\n");
    for o in &s.options {
        let o = o.get_ref();
        let mut fields = vec![format!("label = {}", quote(&o.label))];
        if !o.synonyms.is_empty() {
            fields.push(format!("synonyms = {}", list(&o.synonyms)));
        }
        if let Some(code) = o.code {
            fields.push(format!("code = {code}"));
        }
        if !o.substantive {
            fields.push("substantive = false".into());
        }
        let _ = writeln!(out, "  {{ {} }},", fields.join(", "));
    }
    out.push_str("]\n");
}

fn question(out: &mut String, q: &QuestionDef, remarks: Option<&Vec<String>>) {
    out.push('\n');
    if let Some(r) = remarks {
        comment(out, r);
    }
    out.push_str("[[question]]\n");
    let _ = writeln!(out, "id = {}", quote(&q.id));
    if let Some(h) = &q.header {
        let _ = writeln!(out, "header = {}", quote(h));
    }
    if let Some(p) = &q.pattern {
        let _ = writeln!(out, "pattern = {}", quote(p));
    }
    if let Some(l) = &q.label {
        let _ = writeln!(out, "label = {}", quote(l));
    }
    match q.kind {
        QuestionType::Scale => {
            let _ = writeln!(out, "scale = {}", quote(q.scale.as_deref().unwrap_or("")));
            let _ = writeln!(out, "reverse = {}", q.reverse);
        }
        QuestionType::Category => {
            out.push_str("type = \"category\"\n");
            let _ = writeln!(out, "scale = {}", quote(q.scale.as_deref().unwrap_or("")));
        }
        QuestionType::MultiSelect => {
            out.push_str("type = \"multi_select\"\n");
            let _ = writeln!(out, "options = {}", list(&q.options));
            if q.header.is_some() {
                let _ = writeln!(out, "separator = {}", quote(q.separator()));
            }
        }
        QuestionType::FreeText => out.push_str("type = \"free_text\"\n"),
    }
    if let Some(g) = &q.group {
        let _ = writeln!(out, "group = {}", quote(g));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::definition::{parse, OptionDef};
    use toml::Spanned;

    #[test]
    fn written_definitions_read_back_the_same() {
        let option = |label: &str, code: Option<i64>, substantive: bool| {
            Spanned::new(
                0..0,
                OptionDef {
                    label: label.into(),
                    synonyms: vec!["a \"quoted\" one".into()][..usize::from(code.is_some())]
                        .to_vec(),
                    code,
                    substantive,
                    optional: false,
                },
            )
        };
        let d = Definition {
            title: Some("Induction \\ 2016".into()),
            scales: vec![Spanned::new(
                0..0,
                ScaleDef {
                    name: "useful".into(),
                    confirmed: false,
                    middle: None,
                    kind: ScaleKindDef::Codes,
                    favourable: Some(1),
                    options: vec![
                        option("Very useful", Some(3), true),
                        option("Not useful", None, true),
                        option("Not sure", None, false),
                    ],
                    ..Default::default()
                },
            )],
            questions: vec![
                Spanned::new(
                    0..0,
                    QuestionDef {
                        id: "q1".into(),
                        header: Some("How useful?".into()),
                        scale: Some("useful".into()),
                        reverse: true,
                        group: Some("Grid".into()),
                        ..Default::default()
                    },
                ),
                Spanned::new(
                    0..0,
                    QuestionDef {
                        id: "q2".into(),
                        pattern: Some("Topics [*]".into()),
                        kind: QuestionType::MultiSelect,
                        options: vec!["Data".into(), "Law".into()],
                        ..Default::default()
                    },
                ),
                Spanned::new(
                    0..0,
                    QuestionDef {
                        id: "q3".into(),
                        header: Some("Comments".into()),
                        kind: QuestionType::FreeText,
                        ..Default::default()
                    },
                ),
            ],
            ..Default::default()
        };
        let text = to_toml(&d, &Remarks::default());
        let back = parse("x", text.clone()).expect(&text).definition;
        let strip = |d: &Definition| {
            format!(
                "{:?}",
                (
                    &d.title,
                    d.scales
                        .iter()
                        .map(|s| s.get_ref().clone())
                        .collect::<Vec<_>>(),
                    d.questions
                        .iter()
                        .map(|q| q.get_ref().clone())
                        .collect::<Vec<_>>()
                )
            )
            .replace("Spanned", "")
        };
        // Spans differ (read from text vs built); the values must not.
        let norm = |s: String| {
            let mut out = String::new();
            let mut skip = false;
            for part in s.split("span: ") {
                if skip {
                    out.push_str(&part[part.find(", value").map(|i| i + 2).unwrap_or(0)..]);
                } else {
                    out.push_str(part);
                }
                skip = true;
            }
            out
        };
        assert_eq!(norm(strip(&back)), norm(strip(&d)));
    }

    /// The commented `[attendance]` and `[text]` blocks `init` writes are valid once
    /// uncommented, and say the defaults.
    #[test]
    fn attendance_block_uncommented_reads_back_as_the_defaults() {
        let text = to_toml(&Definition::default(), &Remarks::default());
        let at = text.find("# [attendance]").expect("block written");
        // Settings lines (`# [table]`, `# key = value`) uncommented; prose comments dropped.
        let uncommented: String = text[at..]
            .lines()
            .map(|l| l.trim_start_matches("# "))
            .filter(|l| l.starts_with('[') || l.split_whitespace().nth(1) == Some("="))
            .map(|l| l.to_string() + "\n")
            .collect();
        let back = parse("x", format!("{}{uncommented}", &text[..at]))
            .expect("uncommented block parses")
            .definition
            .attendance();
        let defaults = crate::config::AttendanceDef::default();
        assert_eq!(back.folder, defaults.folder);
        // No target unless set; the template's example sets 90, and 100 at level 1.
        assert_eq!(defaults.target, None);
        assert_eq!(back.target, Some(90.0));
        assert_eq!(back.target_for(Some(1)), Some(100.0));
        assert_eq!(back.target_for(Some(2)), Some(90.0));
        assert!(!back.name_untrained_in_briefing);
        assert_eq!(back.roster.as_deref(), Some("roster.csv"));
        let text_def = parse("x", format!("{}{uncommented}", &text[..at]))
            .unwrap()
            .definition
            .text();
        let defaults = crate::config::TextDef::default();
        assert_eq!(
            (text_def.redact, text_def.quotes, text_def.default_themes),
            (defaults.redact, defaults.quotes, defaults.default_themes)
        );
        assert_eq!(text_def.themes[0].name, "Venue");
        let sa = parse("x", format!("{}{uncommented}", &text[..at]))
            .unwrap()
            .definition
            .self_assessment();
        let defaults = crate::config::SelfAssessmentDef::default();
        assert_eq!((&sa.folder, &sa.waves), (&defaults.folder, &defaults.waves));
        assert_eq!(sa.themes[0].statements, ["Our work programme*"]);
        let limits = parse("x", format!("{}{uncommented}", &text[..at]))
            .unwrap()
            .definition
            .limits;
        assert_eq!(limits, crate::config::LimitsDef::default());
        assert!(uncommented.contains("[limits]"));
    }
}
