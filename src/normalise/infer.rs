//! Inferring a survey definition from the files alone: which columns are metadata, which are
//! questions, and what each question is (a built-in scale, a multi-select, a grid of
//! statements, numeric codes or an ordered scale guessed from its wording, or free text).
//! `evalboard init` writes the result for the analyst to check; a run without a definition
//! uses it directly, except for guessed orders, which wait for confirmation.

use super::columns::{self, Meta};
use super::identify::{self, Identifier};
use super::matcher::Matcher;
use super::ordinal;
use crate::config::definition::{
    Columns, Definition, OptionDef, QuestionDef, QuestionType, ScaleDef, ScaleKindDef,
};
use crate::config::write::Remarks;
use crate::ingest::{RawRow, SheetData, SourceFile};
use crate::model::{
    builtin_scales, column_letter, label_key, labelled_number, Cell, Check, Diagnostic, Severity,
};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::OnceLock;
use toml::Spanned;

/// A question's answers must fit one scale at least this often (share of its non-blank
/// answers) for the question to be read as a Likert question on that scale; the rest are
/// listed as answers outside the scale, and a headline is built only when they are few (see
/// `report`).
pub const MIN_SCALE_FIT: f64 = 0.8;
/// Numbers must be at least this share of a question's answers for it to be read as rated in
/// numbers (the rest, "N/A" and the like, are kept as answers outside the scale).
const MIN_NUMBERS: f64 = 0.9;
/// The rating ranges forms use, shortest first: numbers read as ratings are put on the first
/// that holds every number seen, unless the question's text states its own.
const STANDARD_RANGES: &[(i64, i64)] = &[(1, 5), (1, 7), (0, 10), (1, 10)];
/// Short answers repeated this much (answers per distinct answer, at least) with at most
/// [`MAX_CATEGORIES`] distinct ones are read as categories rather than free text.
const CATEGORY_REPEATS: u64 = 2;
const MAX_CATEGORIES: usize = 15;
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
    /// Answers that are whole numbers (alone or with an end label, `5 (Excellent)`), and
    /// their range.
    pub numbers: u64,
    pub range: Option<(i64, i64)>,
    /// Answers that look like IP addresses, dates and times, or per-person tokens.
    pub ips: u64,
    pub timestamps: u64,
    pub tokens: u64,
    /// Distinct short answers with their counts, in order of first appearance.
    pub distinct: Vec<(String, u64)>,
    /// More distinct answers (or longer ones) than [`MAX_DISTINCT`] were seen.
    pub overflow: bool,
}

impl AnswerTally {
    /// What the answers identify, when they are metadata rather than answers.
    pub fn identifier(&self) -> Option<Identifier> {
        let share =
            |n: u64| self.answers > 0 && n as f64 >= identify::MIN_SHARE * self.answers as f64;
        // A token column differs on (nearly) every row: repeated codes are answers.
        let repeated: u64 = self.distinct.iter().map(|(_, n)| n.saturating_sub(1)).sum();
        if share(self.ips) {
            Some(Identifier::IpAddress)
        } else if share(self.timestamps) {
            Some(Identifier::Timestamp)
        } else if share(self.tokens) && self.answers >= 3 && repeated * 10 <= self.answers {
            Some(Identifier::Token)
        } else {
            None
        }
    }

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
        if identify::is_ip(answer) {
            self.ips += times;
        }
        if identify::is_timestamp(answer) {
            self.timestamps += times;
        }
        if identify::is_token(answer) {
            self.tokens += times;
        }
        if let Some(n) = labelled_number(answer) {
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
        self.ips += other.ips;
        self.timestamps += other.timestamps;
        self.tokens += other.tokens;
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

/// Tallies of the answers in columns `cols` of `rows`, in that order; each distinct answer of
/// a column is matched once. The rows are read one after the other, each across the columns,
/// as they lie in memory (a column at a time went back to every row once per column).
pub fn tally_columns(rows: &[RawRow], cols: &[usize], matcher: &Matcher) -> Vec<AnswerTally> {
    let mut columns: Vec<ColumnTally> = cols.iter().map(|_| ColumnTally::default()).collect();
    for row in rows {
        for (column, &i) in columns.iter_mut().zip(cols) {
            column.add(&row.cells[i], matcher);
        }
    }
    columns.into_iter().map(|c| c.finish(matcher)).collect()
}

/// One column's tally while its rows are read: answers that may be options are counted by
/// distinct text first and matched at the end.
#[derive(Default)]
struct ColumnTally<'r> {
    tally: AnswerTally,
    distinct: Vec<(&'r str, u64)>,
    seen: FxHashMap<&'r str, usize>,
}

impl<'r> ColumnTally<'r> {
    fn add(&mut self, cell: &'r Cell, matcher: &Matcher) {
        match cell {
            Cell::Text(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return;
                }
                if !matcher.may_match(text) && text.chars().count() > MAX_OPTION_CHARS {
                    self.tally.add(text, 1, matcher);
                    return;
                }
                let distinct = &mut self.distinct;
                let k = *self.seen.entry(text).or_insert_with(|| {
                    distinct.push((text, 0));
                    distinct.len() - 1
                });
                self.distinct[k].1 += 1;
            }
            Cell::Empty | Cell::Error(_) => {}
            Cell::DateTime(_) => {
                self.tally.answers += 1;
                self.tally.timestamps += 1;
                self.tally.overflow = true;
            }
            other => self.tally.add(&other.to_string(), 1, matcher),
        }
    }

    fn finish(mut self, matcher: &Matcher) -> AnswerTally {
        for (text, n) in self.distinct {
            self.tally.add(text, n, matcher);
        }
        self.tally
    }
}

/// What inference found: a definition, remarks for `init` to write beside it, and notes.
pub struct Inferred {
    pub definition: Definition,
    pub remarks: Remarks,
    pub notes: Vec<Diagnostic>,
}

impl Inferred {
    /// The definition a run without `evalboard.toml` uses: guessed orders of words are not
    /// trusted, so their questions are listed as free text, with a note saying how to confirm
    /// them. Numbers are counted, the higher assumed the more favourable (a note says so).
    pub fn for_run(&self) -> (Definition, Vec<Diagnostic>) {
        let mut d = self.definition.clone();
        let unconfirmed: Vec<String> = d
            .scales
            .iter()
            .filter(|s| !s.get_ref().confirmed && s.get_ref().kind != ScaleKindDef::Codes)
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
        d.scales
            .retain(|s| !unconfirmed.contains(&s.get_ref().name));
        (d, notes)
    }
}

/// One question as first seen, before its kind is decided.
struct Seen {
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
                        // An option column nobody ticked is still an option (counted 0).
                        Some((s, part))
                            if s == stem
                                && (is_tick(&col_tallies[k], part)
                                    || col_tallies[k].answers == 0) =>
                        {
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
        if is_total(&option) {
            continue;
        }
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

/// The option cell of a tally sheet's total row (totals are recomputed, never counted).
pub fn is_total(option: &str) -> bool {
    matches!(
        label_key(option).as_str(),
        "total" | "totals" | "all" | "base"
    )
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
fn decide(seen: Vec<Seen>, mut columns: Columns, tally_files: &[String]) -> Inferred {
    let builtin = builtin_scales();
    let mut scales: Vec<Spanned<ScaleDef>> = Vec::new();
    let mut questions = Vec::new();
    let mut remarks = Remarks::default();
    let mut notes = Vec::new();
    let mut labels: HashMap<String, usize> = HashMap::new();
    for s in seen {
        if s.ticks.is_none() {
            if let Some(kind) = s.tally.identifier() {
                let list = match kind {
                    Identifier::Timestamp => &mut columns.date,
                    _ => &mut columns.ignore,
                };
                if !list.iter().any(|h| label_key(h) == label_key(&s.header)) {
                    list.push(s.header.clone());
                }
                notes.push(
                    Diagnostic::new(Severity::Note, &s.first_file, format!(
                        "column read as metadata, not a question: its values are {}; it is never listed or quoted",
                        kind.describe()
                    ))
                    .column(s.header.clone())
                    .check(Check::IdentifierColumn),
                );
                continue;
            }
        }
        let n = questions.len();
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
            // The scale most answers fit; of two that fit as many, the shorter (a Yes/No
            // question is not put on a longer scale that happens to hold "No").
            let best = t
                .fits
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(
                            builtin[*b.0]
                                .options
                                .len()
                                .cmp(&builtin[*a.0].options.len()),
                        )
                        .then(b.0.cmp(a.0))
                })
                .map(|(s, n)| (*s, *n));
            let short = t.answers > 0 && (t.chars as f64 / t.answers as f64) < 30.0;
            if let Some((scale, _)) = best.filter(|(_, fits)| fits_enough(*fits, t.answers)) {
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
            } else if let Some(proposal) = numeric(t, &s.header)
                .or_else(|| worded(t))
                .or_else(|| categories(t, &s.header))
            {
                let (mut scale, why) = proposal;
                if scale.kind == ScaleKindDef::Categories {
                    q.kind = QuestionType::Category;
                    // Categories belong to their question: named after it.
                    let label = q.label.as_deref().unwrap_or(&s.header);
                    let short: String = label.chars().take(40).collect();
                    scale.name = format!("{} options", short.trim());
                }
                let name = match covering(&mut scales, &scale) {
                    Some(existing) => existing,
                    None => {
                        let name = unique_scale_name(&scales, &scale.name);
                        scale.name = name.clone();
                        remarks.scales.insert(name.clone(), why);
                        scales.push(Spanned::new(0..0, scale.clone()));
                        name
                    }
                };
                if let Some(def) = scales.iter_mut().find(|d| d.get_ref().name == name) {
                    add_synonyms(def.get_mut(), &scale);
                }
                say(match scale.kind {
                    ScaleKindDef::Codes => "numbers read as ratings, the higher assumed the more favourable: check the range and direction, then set confirmed = true on the scale".into(),
                    ScaleKindDef::Categories => "short answers read as categories: counted, with no mean or favourable share".into(),
                    _ => "scale order guessed: check it, then set confirmed = true on the scale".into(),
                });
                q.scale = Some(name);
            } else {
                q.kind = QuestionType::FreeText;
                if short && !t.overflow && t.answers >= 3 {
                    let examples: Vec<&str> =
                        t.distinct.iter().map(|(a, _)| a.as_str()).take(4).collect();
                    say(format!("answers are short but fit no known scale (e.g. {}); declare a scale if they are choices", quoted(&examples)));
                    notes.push(Diagnostic::new(Severity::Note, &s.first_file, "answers are short but fit no known scale; listed as free text. Run `evalboard init` and declare a scale if they are choices").column(s.header.clone()));
                }
            }
        }
        // Labels must be unique: a grid statement that repeats another keeps its full header.
        let label = q.label.clone().or(q.header.clone()).unwrap_or_default();
        if labels.insert(label_key(&label), n).is_some() {
            q.label = Some(format!("{} ({})", label, q.id));
        }
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

/// Whether `fits` of `answers` fitting a scale is evidence enough: [`MIN_SCALE_FIT`] of them,
/// or all but one of a few (one odd answer among four is listed, not a reason to give up).
fn fits_enough(fits: u64, answers: u64) -> bool {
    answers > 0
        && (fits as f64 >= MIN_SCALE_FIT * answers as f64 || (fits >= 3 && fits + 1 >= answers))
}

/// The name of a scale already proposed of the same kind whose options hold the wanted ones
/// (by their matching keys; for numbers and categories, the same options), so that a grid of items answered on one scale gets one scale, not
/// one per item; a proposal that holds an earlier one's options (and more) takes its place.
fn covering(scales: &mut [Spanned<ScaleDef>], wanted: &ScaleDef) -> Option<String> {
    let keys = |d: &ScaleDef| -> Vec<String> {
        d.options
            .iter()
            .map(|o| label_key(&o.get_ref().label))
            .collect()
    };
    let want = keys(wanted);
    let within = |small: &[String], big: &[String]| small.iter().all(|k| big.contains(k));
    let slot = scales.iter_mut().find(|d| {
        let d = d.get_ref();
        let have = keys(d);
        // Worded orders merge when one holds the other; numbers and categories only when
        // they are the same (a 1-5 scale is not a 0-10 scale with options nobody chose).
        let nested = within(&want, &have) || within(&have, &want);
        let same = within(&want, &have) && within(&have, &want);
        d.kind == wanted.kind
            && if d.kind == ScaleKindDef::Ordered {
                nested
            } else {
                same
            }
    })?;
    let have = keys(slot.get_ref());
    if !within(&want, &have) {
        let name = slot.get_ref().name.clone();
        let mut wider = wanted.clone();
        wider.name = name;
        add_synonyms(&mut wider, slot.get_ref());
        *slot.get_mut() = wider;
    }
    Some(slot.get_ref().name.clone())
}

/// Adds the spellings `from` has for each option (`5 (Excellent)` for `5`) to `to`.
fn add_synonyms(to: &mut ScaleDef, from: &ScaleDef) {
    for o in &from.options {
        let o = o.get_ref();
        if let Some(slot) = to
            .options
            .iter_mut()
            .find(|x| label_key(&x.get_ref().label) == label_key(&o.label))
        {
            let slot = slot.get_mut();
            for syn in &o.synonyms {
                if !slot.synonyms.iter().any(|x| label_key(x) == label_key(syn)) {
                    slot.synonyms.push(syn.clone());
                }
            }
        }
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

/// Numbers read as ratings (`5`, `5 (Excellent)`, `Never<br>1`): on the range the question's
/// text states ("1 = poor, 5 = excellent", "0 to 10", "out of 5"), else on the shortest
/// standard range holding every number seen, never on the values seen alone; scores are the
/// codes, the higher assumed the more favourable until a definition confirms it. Numbers
/// under a question that names a list ("which department", "select your team") are
/// categories. Answers that are not numbers are kept as non-substantive options when they
/// say "don't know" or "not applicable".
fn numeric(t: &AnswerTally, header: &str) -> Option<(ScaleDef, Vec<String>)> {
    let (lo, hi) = t.range?;
    if t.answers == 0 || (t.numbers as f64) < MIN_NUMBERS * t.answers as f64 {
        return None;
    }
    let stated = stated_range(header).filter(|(a, b)| *a <= lo && hi <= *b);
    let range = stated.or_else(|| {
        (!names_a_list(header) && !about_a_balance(header))
            .then(|| {
                STANDARD_RANGES
                    .iter()
                    .copied()
                    .find(|(a, b)| *a <= lo && hi <= *b)
            })
            .flatten()
    });
    let spellings = |c: i64| -> Vec<String> {
        t.distinct
            .iter()
            .map(|(a, _)| a.trim())
            .filter(|a| labelled_number(a) == Some(c) && *a != c.to_string())
            .map(str::to_string)
            .collect()
    };
    let Some((a, b)) = range else {
        // A coded list, numbers beyond any rating range, or a length or pace in numbers:
        // counted as categories when few, with any other answers ("3+") as categories too.
        let mut codes: Vec<i64> = t
            .distinct
            .iter()
            .filter_map(|(a, _)| labelled_number(a))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        if t.overflow || t.distinct.len() > MAX_CATEGORIES {
            return None;
        }
        let mut options: Vec<Spanned<OptionDef>> = codes
            .iter()
            .map(|&c| {
                let mut o = option(&c.to_string(), Some(c), true);
                o.get_mut().synonyms = spellings(c);
                o
            })
            .collect();
        options.extend(
            t.distinct
                .iter()
                .filter(|(a, _)| labelled_number(a).is_none())
                .map(|(a, _)| {
                    let substantive = ordinal::place(a) != Some(ordinal::Place::NotSubstantive);
                    option(a, None, substantive)
                }),
        );
        return Some((
            ScaleDef { name: "codes".into(), confirmed: true, middle: None, kind: ScaleKindDef::Categories, favourable: None, options },
            vec![
                "Numbers under a question that names a list or asks about a length, pace or amount (or".into(),
                "beyond any rating range): counted as categories, with no mean. Replace each label".into(),
                "with the form's wording (keep `code`); for a scale, set kind and confirmed.".into(),
            ],
        ));
    };
    let others = t
        .distinct
        .iter()
        .filter(|(a, _)| labelled_number(a).is_none())
        .filter(|(a, _)| ordinal::place(a) == Some(ordinal::Place::NotSubstantive))
        .map(|(a, _)| option(a, None, false));
    let mut options: Vec<Spanned<OptionDef>> = (a..=b)
        .rev()
        .map(|c| {
            let mut o = option(&c.to_string(), Some(c), true);
            o.get_mut().synonyms = spellings(c);
            o
        })
        .collect();
    options.extend(others);
    let source = if stated.is_some() {
        "the question's text"
    } else {
        "the standard rating ranges (1-5, 1-7, 0-10, 1-10)"
    };
    Some((
        ScaleDef { name: format!("codes {a}-{b}"), confirmed: false, middle: None, kind: ScaleKindDef::Codes, favourable: None, options },
        vec![
            format!("Answers are numbers from {lo} to {hi}, read on a scale from {a} to {b} (from {source})."),
            format!("Assumed: {b} is the most favourable; each score is the number itself. If {a} is the most"),
            "favourable, reverse the list; set the range the form used; then set confirmed = true.".into(),
        ],
    ))
}

/// The rating range a question's text states: "1 = poor, 5 = excellent", "(1-5)", "0 to 10",
/// "on a scale of 1 to 7", "out of 10" (from 1).
fn stated_range(header: &str) -> Option<(i64, i64)> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static EQUALS: OnceLock<Regex> = OnceLock::new();
    static OUT_OF: OnceLock<Regex> = OnceLock::new();
    let range = RANGE.get_or_init(|| {
        Regex::new(r"(?i)\b([01])\s*(?:-|\u{2013}|to)\s*(\d{1,2})\b").expect("valid pattern")
    });
    let equals = EQUALS.get_or_init(|| Regex::new(r"\b(\d{1,2})\s*=").expect("valid pattern"));
    let out_of =
        OUT_OF.get_or_init(|| Regex::new(r"(?i)\bout of (\d{1,2})\b").expect("valid pattern"));
    let sane = |(a, b): (i64, i64)| (a <= 1 && (2..=10).contains(&b)).then_some((a, b));
    let ends: Vec<i64> = equals
        .captures_iter(header)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    if ends.len() >= 2 {
        let (a, b) = (*ends.iter().min()?, *ends.iter().max()?);
        return sane((a, b));
    }
    if let Some(c) = range.captures(header) {
        return sane((c[1].parse().ok()?, c[2].parse().ok()?));
    }
    out_of
        .captures(header)
        .and_then(|c| sane((1, c[1].parse().ok()?)))
}

/// Whether a question's text asks about a length, pace or amount, where the best answer is in
/// the middle (numbers under it are not "higher is better").
fn about_a_balance(header: &str) -> bool {
    const BALANCE_WORDS: &[&str] = &["length", "pace", "speed", "amount", "duration", "too"];
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BALANCE_WORDS.contains(&w))
}

/// Whether a question's text asks for one of a list (so numbers under it are codes of
/// categories, not ratings).
fn names_a_list(header: &str) -> bool {
    const LIST_WORDS: &[&str] = &[
        "which",
        "select",
        "department",
        "directorate",
        "service area",
        "ward",
        "gender",
        "ethnic",
        "ethnicity",
        "country",
        "region",
        "organisation",
        "organization",
        "party",
        "postcode",
        "how many",
        "number of",
        "year",
    ];
    let h: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    LIST_WORDS.iter().any(|w| {
        h.match_indices(w).any(|(i, _)| {
            let before = h[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = h[i + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    })
}

/// Short answers from a small set, each given several times (a role, a site, "Daily" /
/// "Weekly" with no known scale): counted as categories, most frequent first. Questions
/// worded as open questions stay free text however short their answers.
fn categories(t: &AnswerTally, header: &str) -> Option<(ScaleDef, Vec<String>)> {
    const OPEN_WORDS: &[&str] = &[
        "comment",
        "suggest",
        "why",
        "explain",
        "describe",
        "feedback",
        "other",
        "specify",
        "anything",
        "what did you",
        "what have you",
        "what will you",
        "what do you",
        "what would",
        "improve",
        "learn",
        "understand",
        "differently",
        "how could",
        "how can",
        "any ",
        "please",
        "tell us",
        "note",
    ];
    let h = header.to_lowercase();
    let distinct = t.distinct.len();
    // Short answers given twice each on average, or longer ones (a sentence chosen from a
    // list) given five times each.
    let mean_chars = t.chars as f64 / t.answers.max(1) as f64;
    let repeated = (mean_chars < 30.0 && t.answers >= CATEGORY_REPEATS * distinct as u64)
        || (distinct <= 8 && t.answers >= 5 * distinct as u64);
    if t.overflow
        || t.answers < 3
        || !(2..=MAX_CATEGORIES).contains(&distinct)
        || !repeated
        || OPEN_WORDS.iter().any(|w| h.contains(w))
    {
        return None;
    }
    let mut ordered: Vec<&(String, u64)> = t.distinct.iter().collect();
    ordered.sort_by_key(|a| std::cmp::Reverse(a.1));
    let options = ordered
        .iter()
        .map(|(a, _)| {
            let substantive = ordinal::place(a) != Some(ordinal::Place::NotSubstantive);
            option(a, None, substantive)
        })
        .collect();
    Some((
        ScaleDef {
            name: "categories".into(),
            confirmed: true,
            middle: None,
            kind: ScaleKindDef::Categories,
            favourable: None,
            options,
        },
        vec![
            "Short answers from a small set, read as categories (counted, no mean or favourable"
                .into(),
            "share), most frequent first. If they are an ordered scale, list them most favourable"
                .into(),
            "first, set kind = \"ordered\" and change the questions' type to \"scale\".".into(),
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
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
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
            kind: ScaleKindDef::Ordered,
            favourable: None,
            options,
        },
        why,
    ))
}
