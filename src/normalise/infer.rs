//! Inferring a survey definition from the files alone: which columns are metadata, which are
//! questions, and what each question is (a built-in scale, a multi-select, a grid of
//! statements, numeric codes or an ordered scale guessed from its wording, or free text).
//! `evalboard init` writes the result for the analyst to check; a run without a definition
//! uses it directly, except for guessed orders, which wait for confirmation.

use super::columns::{self, Meta};
use super::matcher::Matcher;
use super::ordinal;
use crate::config::definition::{
    Columns, Definition, OptionDef, QuestionDef, QuestionType, ScaleDef,
};
use crate::config::write::Remarks;
use crate::ingest::{RawRow, SheetData, SourceFile};
use crate::model::{builtin_scales, column_letter, label_key, Cell, Diagnostic, Severity};
use std::collections::HashMap;
use toml::Spanned;

/// A question's answers must fit one scale at least this often (share of its non-blank
/// answers) for the question to be read as a Likert question on that scale.
pub const MIN_SCALE_FIT: f64 = 0.5;
/// Distinct short answers kept per question, to propose scales and options from.
const MAX_DISTINCT: usize = 40;
/// Answers longer than this (characters) are never options.
const MAX_OPTION_CHARS: usize = 80;
/// Cell values that mean "ticked" in a one-column-per-option layout, besides the option itself.
const TICKS: &[&str] = &[
    "1", "x", "yes", "true", "y", "\u{2713}", "\u{2714}", "selected", "ticked",
];

/// Tally of one question's answers, gathered across files.
#[derive(Debug, Default, Clone)]
pub struct AnswerTally {
    /// Non-blank answers.
    pub answers: u64,
    /// Per built-in scale index: answers that match one of its options.
    pub fits: HashMap<usize, u64>,
    /// Total characters of the answers, for telling long text from short choices.
    pub chars: u64,
    /// Answers ending in `;`: options packed in one cell, as Microsoft Forms writes them
    /// (`a;b;c;`). A plain `;` inside prose does not count.
    pub packed: u64,
    /// Answers that are whole numbers, and their range.
    pub numbers: u64,
    pub range: Option<(i64, i64)>,
    /// Distinct short answers with their counts, in order of first appearance.
    pub distinct: Vec<(String, u64)>,
    /// More distinct answers (or longer ones) than [`MAX_DISTINCT`] were seen.
    pub overflow: bool,
}

impl AnswerTally {
    /// Adds an answer given `times` times.
    pub fn add(&mut self, answer: &str, times: u64, matcher: &Matcher) {
        self.answers += times;
        let chars = answer.chars().count();
        self.chars += times * chars as u64;
        for scale in matcher.scales_fitting(answer) {
            *self.fits.entry(scale).or_default() += times;
        }
        if answer.trim_end().ends_with(';') {
            self.packed += times;
        }
        if let Ok(n) = answer.trim().parse::<i64>() {
            self.numbers += times;
            self.range = Some(match self.range {
                Some((lo, hi)) => (lo.min(n), hi.max(n)),
                None => (n, n),
            });
        }
        self.remember(answer.trim(), times, chars);
    }

    fn remember(&mut self, answer: &str, times: u64, chars: usize) {
        if chars > MAX_OPTION_CHARS {
            self.overflow = true;
        } else if let Some(d) = self.distinct.iter_mut().find(|(a, _)| a == answer) {
            d.1 += times;
        } else if self.distinct.len() < MAX_DISTINCT {
            self.distinct.push((answer.to_string(), times));
        } else {
            self.overflow = true;
        }
    }

    pub fn merge(&mut self, other: &AnswerTally) {
        self.answers += other.answers;
        self.chars += other.chars;
        self.packed += other.packed;
        self.numbers += other.numbers;
        for (s, n) in &other.fits {
            *self.fits.entry(*s).or_default() += n;
        }
        self.range = match (self.range, other.range) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        self.overflow |= other.overflow;
        for (a, n) in &other.distinct {
            self.remember(a, *n, a.chars().count());
        }
    }
}

/// Columns of a sheet worth tallying: everything the built-in names do not call metadata.
pub fn question_columns(sheet: &SheetData) -> Vec<usize> {
    if columns::tally(&sheet.headers).is_some() {
        return Vec::new();
    }
    (0..sheet.headers.len())
        .filter(|&i| columns::builtin(&sheet.headers[i]).is_none())
        .collect()
}

/// Tally of the answers in column `i` of `rows`; each distinct answer is matched once.
pub fn tally_column(rows: &[RawRow], i: usize, matcher: &Matcher) -> AnswerTally {
    let mut tally = AnswerTally::default();
    let mut distinct: Vec<(&str, u64)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        match &row.cells[i] {
            Cell::Text(text) => {
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                if !matcher.may_match(text) && text.chars().count() > MAX_OPTION_CHARS {
                    tally.add(text, 1, matcher);
                    continue;
                }
                let k = *seen.entry(text).or_insert_with(|| {
                    distinct.push((text, 0));
                    distinct.len() - 1
                });
                distinct[k].1 += 1;
            }
            Cell::Empty | Cell::Error(_) => {}
            other => tally.add(&other.to_string(), 1, matcher),
        }
    }
    for (text, n) in distinct {
        tally.add(text, n, matcher);
    }
    tally
}

/// What inference found: a definition, remarks for `init` to write beside it, and notes.
pub struct Inferred {
    pub definition: Definition,
    pub remarks: Remarks,
    pub notes: Vec<Diagnostic>,
}

impl Inferred {
    /// The definition a run without `evalboard.toml` uses: guessed orders are not trusted, so
    /// their questions are listed as free text, with a note saying how to confirm them.
    pub fn for_run(&self) -> (Definition, Vec<Diagnostic>) {
        let mut d = self.definition.clone();
        let unconfirmed: Vec<String> = d
            .scales
            .iter()
            .filter(|s| !s.get_ref().confirmed)
            .map(|s| s.get_ref().name.clone())
            .collect();
        let mut notes = self.notes.clone();
        for q in &mut d.questions {
            let q = q.get_mut();
            if q.kind == QuestionType::Scale
                && q.scale.as_ref().is_some_and(|s| unconfirmed.contains(s))
            {
                notes.push(Diagnostic::new(Severity::Note, "evalboard.toml", format!(
                    "answers look like an ordered scale ('{}'), but its order is a guess: listed as free text. Run `evalboard init` on the folder, check the order and set confirmed = true to count them",
                    q.scale.as_deref().unwrap_or_default()
                )).column(q.label.clone().or(q.header.clone()).unwrap_or_default()));
                q.kind = QuestionType::FreeText;
                q.scale = None;
            }
        }
        d.scales.retain(|s| s.get_ref().confirmed);
        (d, notes)
    }
}

/// One question as first seen, before its kind is decided.
struct Seen {
    key: String,
    header: String,
    first_file: String,
    tally: AnswerTally,
    /// One column per option: the options (from the sub-headers), in order.
    ticks: Option<Vec<String>>,
}

/// Infers a definition from the sheets and the tallies of their question columns
/// (`tallies[i]` pairs with `columns[i]` of source `i`).
pub fn definition(
    sources: &[SourceFile],
    question_cols: &[Vec<usize>],
    tallies: &[Vec<AnswerTally>],
    matcher: &Matcher,
) -> Inferred {
    let mut meta = Columns::default();
    let mut seen: Vec<Seen> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut note_sheets: Vec<String> = Vec::new();
    let mut add = |key: String,
                   header: String,
                   file: &str,
                   tally: &AnswerTally,
                   ticks: Option<Vec<String>>| {
        match by_key.get(&key) {
            Some(&i) if seen[i].ticks.is_some() => {
                seen[i].tally.merge(tally);
                if let (Some(all), Some(new)) = (&mut seen[i].ticks, ticks) {
                    for o in new {
                        if !all.iter().any(|a| label_key(a) == label_key(&o)) {
                            all.push(o);
                        }
                    }
                }
            }
            Some(&i) if ticks.is_some() => {
                // Option columns of a question first seen packed in one column.
                let s = &mut seen[i];
                s.tally.merge(tally);
                s.header = header;
                s.ticks = ticks;
            }
            Some(&i) => seen[i].tally.merge(tally),
            None => {
                by_key.insert(key.clone(), seen.len());
                seen.push(Seen {
                    key,
                    header,
                    first_file: file.to_string(),
                    tally: tally.clone(),
                    ticks,
                });
            }
        }
    };
    for ((source, cols), col_tallies) in sources.iter().zip(question_cols).zip(tallies) {
        let Ok(sheet) = &source.content else { continue };
        if let Some(t) = columns::tally(&sheet.headers) {
            note_sheets.push(source.name.clone());
            for (question, tally) in tally_sheet(sheet, t, matcher) {
                add(label_key(&question), question, &source.name, &tally, None);
            }
            continue;
        }
        for header in &sheet.headers {
            if let Some(m) = columns::builtin(header) {
                let list = match m {
                    Meta::RespondentId => &mut meta.respondent,
                    Meta::Session => &mut meta.session,
                    Meta::Date => &mut meta.date,
                    Meta::MemberRole => &mut meta.role,
                    Meta::Cohort => &mut meta.cohort,
                    Meta::Other => &mut meta.ignore,
                };
                if !list.iter().any(|h| label_key(h) == label_key(header)) {
                    list.push(header.clone());
                }
            }
        }
        // Question columns; runs of `Stem [Part]` tick columns become one multi-select.
        let mut k = 0;
        while k < cols.len() {
            let i = cols[k];
            let header = &sheet.headers[i];
            let tally = &col_tallies[k];
            if header.is_empty() && tally.answers == 0 {
                k += 1;
                continue;
            }
            if let Some((stem, _)) =
                columns::bracketed(header).filter(|(_, part)| is_tick(tally, part))
            {
                let mut options = Vec::new();
                let mut merged = AnswerTally::default();
                while k < cols.len() {
                    let h = &sheet.headers[cols[k]];
                    match columns::bracketed(h) {
                        Some((s, part)) if s == stem && is_tick(&col_tallies[k], part) => {
                            options.push(part.to_string());
                            merged.merge(&col_tallies[k]);
                            k += 1;
                        }
                        _ => break,
                    }
                }
                // Keyed by the stem, so a packed column of the same question in another
                // file (Microsoft Forms) joins it.
                add(
                    label_key(stem),
                    format!("{stem} [*]"),
                    &source.name,
                    &merged,
                    Some(options),
                );
                continue;
            }
            let header = if header.is_empty() {
                format!("Column {}", column_letter(sheet.first_column + i))
            } else {
                header.clone()
            };
            add(label_key(&header), header, &source.name, tally, None);
            k += 1;
        }
    }
    decide(seen, meta, &note_sheets)
}

/// Whether a column under sub-header `part` holds ticks: every answer is the option itself or
/// a tick mark.
fn is_tick(tally: &AnswerTally, part: &str) -> bool {
    !tally.overflow
        && tally.answers > 0
        && tally.distinct.iter().all(|(a, _)| {
            let k = label_key(a);
            k == label_key(part) || TICKS.contains(&k.as_str())
        })
}

/// The (question, tally) pairs of a tally sheet; a question cell left blank repeats the one
/// above (a merged cell).
fn tally_sheet(
    sheet: &SheetData,
    t: columns::TallyColumns,
    matcher: &Matcher,
) -> Vec<(String, AnswerTally)> {
    let mut out: Vec<(String, AnswerTally)> = Vec::new();
    let mut current: Option<String> = None;
    for row in &sheet.rows {
        if let Some(q) = row.cells[t.question].text() {
            current = Some(q.into_owned());
        }
        let (Some(q), Some(option)) = (&current, row.cells[t.option].text()) else {
            continue;
        };
        let Some(count) = whole_number(&row.cells[t.count]) else {
            continue;
        };
        let slot = match out.iter().position(|(x, _)| x == q) {
            Some(p) => p,
            None => {
                out.push((q.clone(), AnswerTally::default()));
                out.len() - 1
            }
        };
        out[slot].1.add(&option, count, matcher);
    }
    out
}

/// A count cell: a whole number of zero or more.
pub fn whole_number(cell: &Cell) -> Option<u64> {
    match cell {
        Cell::Int(i) if *i >= 0 => Some(*i as u64),
        Cell::Text(t) => t.trim().parse::<u64>().ok(),
        _ => None,
    }
}

/// Each question's kind from its tally, and the definition around them.
fn decide(seen: Vec<Seen>, columns: Columns, tally_files: &[String]) -> Inferred {
    let builtin = builtin_scales();
    let mut scales: Vec<Spanned<ScaleDef>> = Vec::new();
    let mut questions = Vec::new();
    let mut remarks = Remarks::default();
    let mut notes = Vec::new();
    let mut labels: HashMap<String, usize> = HashMap::new();
    for (n, s) in seen.into_iter().enumerate() {
        let id = format!("q{}", n + 1);
        let mut q = QuestionDef {
            id: id.clone(),
            ..Default::default()
        };
        let mut say = |line: String| remarks.questions.entry(id.clone()).or_default().push(line);
        if let Some(mut options) = s.ticks {
            let packed = s
                .tally
                .distinct
                .iter()
                .filter(|(a, _)| a.trim_end().ends_with(';'));
            for (a, _) in packed {
                for part in a.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    if !options.iter().any(|o| label_key(o) == label_key(part)) {
                        options.push(part.to_string());
                    }
                }
            }
            q.pattern = Some(s.header.clone());
            q.kind = QuestionType::MultiSelect;
            q.options = options;
            q.label = Some(s.header.trim_end_matches(" [*]").to_string());
            say(
                "one column per option, ticked when not blank (or packed in one column as 'a;b;')"
                    .into(),
            );
        } else {
            q.header = Some(s.header.clone());
            if let Some((stem, part)) = columns::bracketed(&s.header) {
                q.group = Some(stem.to_string());
                q.label = Some(part.to_string());
            }
            let t = &s.tally;
            let best = t
                .fits
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(s, n)| (*s, *n));
            let short = t.answers > 0 && (t.chars as f64 / t.answers as f64) < 30.0;
            if let Some((scale, _)) =
                best.filter(|(_, fits)| *fits as f64 >= MIN_SCALE_FIT * t.answers as f64)
            {
                q.scale = Some(builtin[scale].name.clone());
                let outside: Vec<&str> = t
                    .distinct
                    .iter()
                    .filter(|(a, _)| builtin[scale].find(a).is_none())
                    .map(|(a, _)| a.as_str())
                    .take(4)
                    .collect();
                if !outside.is_empty() {
                    say(format!(
                        "some answers fit no option of '{}': {}",
                        builtin[scale].name,
                        quoted(&outside)
                    ));
                }
            } else if t.packed as f64 >= MIN_SCALE_FIT * t.answers as f64 && t.answers > 0 {
                q.kind = QuestionType::MultiSelect;
                q.separator = Some(";".into());
                let mut options: Vec<String> = Vec::new();
                for (a, _) in &t.distinct {
                    for part in a.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                        if !options.iter().any(|o| label_key(o) == label_key(part)) {
                            options.push(part.to_string());
                        }
                    }
                }
                q.options = options;
                say("options packed in one cell, separated by ';' (Microsoft Forms style)".into());
                if t.overflow {
                    say("many distinct answers: check the option list is complete".into());
                }
            } else if let Some(proposal) = numeric_codes(t).or_else(|| worded(t)) {
                let (scale, why) = proposal;
                let name = unique_scale_name(&scales, &scale.name);
                q.scale = Some(name.clone());
                let mut scale = scale;
                scale.name = name.clone();
                remarks.scales.insert(name, why);
                say("scale order guessed: check it, then set confirmed = true on the scale".into());
                scales.push(Spanned::new(0..0, scale));
            } else {
                q.kind = QuestionType::FreeText;
                if short && !t.overflow && t.answers >= 3 {
                    let examples: Vec<&str> =
                        t.distinct.iter().map(|(a, _)| a.as_str()).take(4).collect();
                    say(format!("answers are short but fit no known scale (e.g. {}); declare a scale if they are choices", quoted(&examples)));
                    notes.push(Diagnostic::new(Severity::Note, &s.first_file, format!("answers are short but fit no known scale (e.g. {}); listed as free text", quoted(&examples))).column(s.header.clone()));
                }
            }
        }
        // Labels must be unique: a grid statement that repeats another keeps its full header.
        let label = q.label.clone().or(q.header.clone()).unwrap_or_default();
        if labels.insert(label_key(&label), n).is_some() {
            q.label = Some(format!("{} ({})", label, q.id));
        }
        let _ = &s.key;
        questions.push(Spanned::new(0..0, q));
    }
    if !tally_files.is_empty() {
        remarks.top.push(format!(
            "Tally sheets (already counted: question, option, count): {}. They add to the counts but have no rows per respondent.",
            tally_files.join(", ")
        ));
    }
    Inferred {
        definition: Definition {
            columns,
            scales,
            questions,
            ..Default::default()
        },
        remarks,
        notes,
    }
}

fn quoted(items: &[&str]) -> String {
    items
        .iter()
        .map(|e| format!("'{e}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unique_scale_name(scales: &[Spanned<ScaleDef>], wanted: &str) -> String {
    let mut name = wanted.to_string();
    let mut n = 2;
    while scales.iter().any(|s| s.get_ref().name == name)
        || builtin_scales().iter().any(|s| s.name == name)
    {
        name = format!("{wanted} {n}");
        n += 1;
    }
    name
}

fn option(label: &str, code: Option<i64>, substantive: bool) -> Spanned<OptionDef> {
    Spanned::new(
        0..0,
        OptionDef {
            label: label.to_string(),
            synonyms: Vec::new(),
            code,
            substantive,
        },
    )
}

/// Whole numbers from a small range (paper forms typed as codes): a scale of codes, highest
/// first, to be confirmed.
fn numeric_codes(t: &AnswerTally) -> Option<(ScaleDef, Vec<String>)> {
    let (lo, hi) = t.range?;
    if t.numbers != t.answers || lo < 0 || hi > 10 || hi - lo < 1 {
        return None;
    }
    let lo = lo.min(1);
    let options = (lo..=hi)
        .rev()
        .map(|c| option(&c.to_string(), Some(c), true))
        .collect();
    Some((
        ScaleDef { name: format!("codes {lo}-{hi}"), confirmed: false, middle: None, options },
        vec![
            format!("Answers are whole numbers from {lo} to {hi}: codes from a paper form?"),
            format!("Guessed: {hi} is the most favourable. If {lo} is, reverse the list. Replace each label with the"),
            "form's wording (keep `code`), add a code for any option nobody chose, then set confirmed = true.".into(),
        ],
    ))
}

/// Short answers whose wording orders them ("Very useful" ... "Not at all useful").
fn worded(t: &AnswerTally) -> Option<(ScaleDef, Vec<String>)> {
    if t.overflow
        || t.distinct.len() > 10
        || t.answers == 0
        || (t.chars as f64 / t.answers as f64) >= 30.0
    {
        return None;
    }
    let answers: Vec<String> = t.distinct.iter().map(|(a, _)| a.clone()).collect();
    let p = ordinal::propose(&answers)?;
    let mut options: Vec<Spanned<OptionDef>> =
        p.ordered.iter().map(|a| option(a, None, true)).collect();
    options.extend(p.not_substantive.iter().map(|a| option(a, None, false)));
    let name = p.ordered[0]
        .to_lowercase()
        .split_whitespace()
        .last()
        .unwrap_or("scale")
        .to_string();
    let mut why = vec![
        "Order guessed from the wording of the answers seen (most favourable first). Check it, add any".into(),
        "option nobody chose, then set confirmed = true; a run refuses an unconfirmed scale.".into(),
    ];
    if p.ties {
        why.push(
            "Two options could not be told apart by their wording: put them in the right order."
                .into(),
        );
    }
    Some((
        ScaleDef {
            name,
            confirmed: false,
            middle: p.middle.map(|m| p.ordered[m].clone()),
            options,
        },
        why,
    ))
}
