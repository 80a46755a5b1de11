//! Inferring a survey definition from the files alone: which columns are metadata, which are
//! questions, and what each question is. The rule is "counted by structure, ordered by
//! evidence":
//!
//! - a column of identifiers (IP addresses, times, e-mails, codes or people's names, by what
//!   it holds whatever its header) is metadata, never a question;
//! - one column per option (`Question [Option]` holding the option or a tick) is a
//!   multi-select, as are options packed in one cell when the pieces repeat across
//!   respondents while the whole cells do not ([`choice::packed`]);
//! - answers that fit a scale of the library are read on it, in the export's own words
//!   ([`words`]); answers in numbers are read on the range the question or the answers state,
//!   else on a standard range that is an assumption ([`numbers`]);
//! - answers from a small set of repeated values are a choice question whatever the wording,
//!   counted as categories with its written-in answers set apart ([`choice::choices`]); an
//!   order guessed from wording alone is proposed by `init`, never used by a run;
//! - what is mostly unique is free text.
//!
//! `evalboard init` writes the result for the analyst to check.

mod choice;
mod numbers;
mod tally;
mod words;

pub use numbers::{end_label, standard, stated_range};
pub use tally::{tally_columns, AnswerTally};

use super::columns::{self, Meta};
use super::identify::Identifier;
use super::matcher::Matcher;
use super::ordinal;
use crate::config::definition::{
    Columns, Definition, OptionDef, QuestionDef, QuestionType, ScaleDef, ScaleKindDef,
};
use crate::config::write::Remarks;
use crate::ingest::{SheetData, SourceFile};
use crate::model::{
    column_letter, is_tick_mark, is_untick, label_key, Cell, Check, Diagnostic, Scale, Severity,
};
use std::collections::HashMap;
use toml::Spanned;

/// Columns of a sheet worth tallying: everything the built-in names do not call metadata and
/// the definition does not already claim.
pub fn question_columns(sheet: &SheetData, given: &Definition) -> Vec<usize> {
    if columns::tally(&sheet.headers).is_some() {
        return Vec::new();
    }
    (0..sheet.headers.len())
        .filter(|&i| builtin(sheet, i).is_none() && !given.claims(&sheet.headers[i]))
        .collect()
}

/// What the usual export header names say column `i` is, by its header or by the variable name
/// over it (Qualtrics' `ResponseId` over a label in the respondent's language).
fn builtin(sheet: &SheetData, i: usize) -> Option<Meta> {
    columns::builtin(&sheet.headers[i])
        .or_else(|| sheet.ids.get(i).and_then(|id| columns::builtin(id)))
}

/// What inference found: a definition, remarks for `init` to write beside it, and notes.
pub struct Inferred {
    pub definition: Definition,
    pub remarks: Remarks,
    pub notes: Vec<Diagnostic>,
    /// For each question on a guessed order (by id): answers per option (by matching key).
    guessed_counts: HashMap<String, HashMap<String, u64>>,
}

impl Inferred {
    /// The definition a run without `evalboard.toml` uses. An order guessed from wording alone
    /// is not evidence: those questions are counted as categories, most chosen first, with no
    /// mean, favourable share or headline (`init` proposes the order). Scales of numbers on an
    /// assumed range are counted, unconfirmed: never headlined, each a warning.
    pub fn for_run(&self) -> (Definition, Vec<Diagnostic>) {
        let mut d = self.definition.clone();
        let guessed: Vec<String> = d
            .scales
            .iter()
            .filter(|s| !s.get_ref().confirmed && s.get_ref().kind != ScaleKindDef::Codes)
            .map(|s| s.get_ref().name.clone())
            .collect();
        let mut notes = self.notes.clone();
        let mut categories: Vec<Spanned<ScaleDef>> = Vec::new();
        for q in &mut d.questions {
            let q = q.get_mut();
            let Some(name) = q.scale.clone().filter(|s| guessed.contains(s)) else {
                continue;
            };
            if q.kind != QuestionType::Scale {
                continue;
            }
            notes.push(Diagnostic::new(Severity::Note, "evalboard.toml", format!(
                "answers look like an ordered scale ('{name}'), but nothing in the export says which end is favourable: counted as categories, with no mean or favourable share. Run `evalboard init` on the folder, check the order it proposes and set confirmed = true to rate them"
            )).column(q.header.clone().or(q.label.clone()).unwrap_or_default()));
            let order = self.guessed_counts.get(&q.id).cloned().unwrap_or_default();
            let Some(def) = d.scales.iter().find(|s| s.get_ref().name == name) else {
                continue;
            };
            let mut scale = def.get_ref().clone();
            // Most chosen first, as categories are listed.
            scale.options.sort_by_key(|o| {
                std::cmp::Reverse(
                    order
                        .get(&label_key(&o.get_ref().label))
                        .copied()
                        .unwrap_or(0),
                )
            });
            scale.kind = ScaleKindDef::Categories;
            scale.confirmed = true;
            scale.middle = None;
            scale.name = format!("{} options", q.id);
            q.kind = QuestionType::Category;
            q.scale = Some(scale.name.clone());
            categories.push(Spanned::new(0..0, scale));
        }
        d.scales.retain(|s| !guessed.contains(&s.get_ref().name));
        d.scales.extend(categories);
        (d, notes)
    }
}

/// One question as first seen, before its kind is decided.
struct Seen {
    header: String,
    /// The variable name over it, where the export writes one (`Q3_2`, `age_group`).
    id: Option<String>,
    first_file: String,
    tally: AnswerTally,
    /// One column per option: the options (from the sub-headers), in order.
    ticks: Option<Vec<String>>,
    /// The export has a column of its own for this question's written-in answers.
    other_column: bool,
    /// Its column has no header.
    untitled: bool,
}

/// Infers a definition from the sheets and the tallies of their question columns
/// (`tallies[i]` pairs with `columns[i]` of source `i`). The questions `given` (the analyst's
/// definition) claims are left to it; `library` holds the scales answers are matched against
/// (the built-in ones and any the analyst defined), `matcher` indexes them.
pub fn definition(
    sources: &[SourceFile],
    question_cols: &[Vec<usize>],
    tallies: &[Vec<AnswerTally>],
    given: &Definition,
    library: &[Scale],
    matcher: &Matcher,
) -> Inferred {
    let mut meta = Columns::default();
    let mut seen: Vec<Seen> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut note_sheets: Vec<String> = Vec::new();
    let mut add = |key: String,
                   header: String,
                   id: Option<String>,
                   file: &str,
                   tally: &AnswerTally,
                   ticks: Option<Vec<String>>,
                   other_column: bool,
                   untitled: bool| {
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
            Some(&i) => {
                seen[i].tally.merge(tally);
                seen[i].other_column |= other_column;
            }
            None => {
                by_key.insert(key.clone(), seen.len());
                seen.push(Seen {
                    header,
                    id,
                    first_file: file.to_string(),
                    tally: tally.clone(),
                    ticks,
                    other_column,
                    untitled,
                });
            }
        }
    };
    for ((source, cols), col_tallies) in sources.iter().zip(question_cols).zip(tallies) {
        let Ok(sheet) = &source.content else { continue };
        if let Some(t) = columns::tally(&sheet.headers) {
            note_sheets.push(source.name.clone());
            for (question, tally) in tally_sheet(sheet, t) {
                if given.claims(&question) {
                    continue;
                }
                add(
                    label_key(&question),
                    question,
                    None,
                    &source.name,
                    &tally,
                    None,
                    false,
                    false,
                );
            }
            continue;
        }
        for (i, header) in sheet.headers.iter().enumerate() {
            if let Some(m) = builtin(sheet, i) {
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
        let id_of = |i: usize| sheet.ids.get(i).filter(|id| !id.is_empty()).cloned();
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
                    None,
                    &source.name,
                    &merged,
                    Some(options),
                    false,
                    false,
                );
                continue;
            }
            let untitled = header.is_empty();
            let header = if header.is_empty() {
                format!("Column {}", column_letter(sheet.first_column + i))
            } else {
                header.clone()
            };
            let other_column = sheet
                .headers
                .get(i + 1)
                .is_some_and(|next| label_key(next) == label_key(&format!("{header} (other)")));
            add(
                label_key(&header),
                header,
                id_of(i),
                &source.name,
                tally,
                None,
                other_column,
                untitled,
            );
            k += 1;
        }
    }
    decide(seen, meta, &note_sheets, library, matcher)
}

/// Whether a column under sub-header `part` holds ticks: every answer is the option itself, a
/// tick mark, or a mark for "not ticked".
fn is_tick(tally: &AnswerTally, part: &str) -> bool {
    !tally.overflow
        && tally.answers > 0
        && tally
            .distinct
            .iter()
            .all(|(a, _)| label_key(a) == label_key(part) || is_tick_mark(a) || is_untick(a))
}

/// The (question, tally) pairs of a tally sheet; a question cell left blank repeats the one
/// above (a merged cell).
fn tally_sheet(sheet: &SheetData, t: columns::TallyColumns) -> Vec<(String, AnswerTally)> {
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
        out[slot].1.add(&option, count);
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

/// What one question was read as.
enum Reading {
    /// Nobody answered: nothing to read, left out.
    Empty,
    Meta(Identifier),
    /// One column per option.
    Ticks(Vec<String>),
    /// On a library scale.
    Library(words::LibraryFit),
    /// On a scale of its own: numbers, codes, a guessed order or choices; with what `init`
    /// says about the scale and about the question.
    Scaled {
        scale: ScaleDef,
        why: Vec<String>,
        remark: String,
        /// Answers per option (by matching key), for listing a guessed order's options most
        /// chosen first.
        counts: HashMap<String, u64>,
    },
    Packed(choice::Packed),
    FreeText,
}

/// Reads one question from its tally (see the module's rule, in its order). `grid`: the tally
/// of every statement of the grid it belongs to; `shared`: in how many questions each answer
/// (by matching key) was given.
fn read(
    s: &Seen,
    grid: Option<&AnswerTally>,
    shared: &HashMap<String, usize>,
    library: &[Scale],
    matcher: &Matcher,
) -> Reading {
    if let Some(options) = &s.ticks {
        return Reading::Ticks(options.clone());
    }
    let t = &s.tally;
    if t.answers == 0 {
        return Reading::Empty;
    }
    // What respondents wrote in under a question's "Other" (see `ingest::header::distinguish`).
    if s.header.ends_with(" (other)") && t.identifier().is_none() {
        return Reading::FreeText;
    }
    if let Some(kind) = t.identifier() {
        return Reading::Meta(kind);
    }
    // A column with no header numbering the rows is the index a spreadsheet tool wrote; one
    // of people's names (however often each is repeated) is about people, not a question.
    if s.untitled && t.row_numbers() {
        return Reading::Meta(Identifier::RowNumber);
    }
    if s.untitled && t.names as f64 >= super::identify::MIN_NAME_SHARE * t.answers as f64 {
        return Reading::Meta(Identifier::PersonName);
    }
    let forms = t.forms();
    if let Some(fit) = words::library_fit(&forms, t.answers, library, matcher) {
        return Reading::Library(fit);
    }
    let counts = || forms.iter().map(|f| (f.key.clone(), f.count)).collect();
    let grid_forms = grid.map(AnswerTally::forms);
    if let Some(n) = numbers::numeric(t, &forms, grid_forms.as_deref(), &s.header) {
        let remark = match n.scale.kind {
            ScaleKindDef::Categories => "numbers read as codes of categories: counted, with no mean or favourable share",
            _ if n.scale.confirmed => "numbers read as ratings, on the range and in the direction the form states",
            _ => "numbers read as ratings on an assumed range, the higher assumed the more favourable: counted, not headlined; check the range and direction, then set confirmed = true on the scale",
        };
        return Reading::Scaled {
            scale: n.scale,
            why: n.why,
            remark: remark.into(),
            counts: counts(),
        };
    }
    if let Some(p) = choice::packed(t, &forms) {
        return Reading::Packed(p);
    }
    let elsewhere = |key: &str| shared.get(key).copied().unwrap_or(0) >= 2;
    let Some(c) = choice::choices(t, &forms, &s.header, s.other_column, &elsewhere) else {
        return Reading::FreeText;
    };
    if let Some((scale, why)) = worded(t, &c.options) {
        return Reading::Scaled {
            scale,
            why,
            remark: "scale order guessed from the wording: check it, then set confirmed = true on the scale (until then a run counts the answers as categories)".into(),
            counts: counts(),
        };
    }
    let options = c
        .options
        .iter()
        .map(|f| {
            let substantive = ordinal::place(&f.text) != Some(ordinal::Place::NotSubstantive);
            numbers::option(&f.text, spellings(f), None, substantive)
        })
        .collect();
    let written_in = t.answers - c.options.iter().map(|f| f.count).sum::<u64>();
    let mut why = vec![
        "Answers from a small set of repeated values, read as categories (counted, no mean or"
            .into(),
        "favourable share), most chosen first. If they are an ordered scale, list them most".into(),
        "favourable first, set kind = \"ordered\" and change the questions' type to \"scale\"."
            .into(),
    ];
    if written_in > 0 {
        why.push(format!(
            "{written_in} answers given once that do not look like the options are read as written in (\"Other\"): listed, not counted."
        ));
    }
    Reading::Scaled {
        scale: ScaleDef {
            name: "categories".into(),
            kind: ScaleKindDef::Categories,
            options,
            write_ins: true,
            ..Default::default()
        },
        why,
        remark: "answers from a small set of repeated values, read as categories: counted, with no mean or favourable share".into(),
        counts: counts(),
    }
}

/// The other spellings of a form that match otherwise than its text: none, as a form's
/// spellings differ only in case and spacing, which matching ignores (written out as synonyms,
/// each would repeat the option).
fn spellings(f: &tally::Form) -> Vec<String> {
    let mut keys = vec![crate::model::label_key(&f.text)];
    f.spellings
        .iter()
        .map(|(s, _)| s.clone())
        .filter(|s| {
            let k = crate::model::label_key(s);
            let new = !keys.contains(&k);
            keys.push(k);
            new
        })
        .collect()
}

/// A question id from the variable name the export writes over it: letters, digits and `_`,
/// starting with a letter.
fn id_from(name: &str) -> Option<String> {
    let id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let id = id.trim_matches('_').to_string();
    (id.starts_with(|c: char| c.is_ascii_alphabetic()) && id.len() <= 40).then_some(id)
}

/// Each question's kind from its tally, and the definition around them.
fn decide(
    seen: Vec<Seen>,
    mut columns: Columns,
    tally_files: &[String],
    library: &[Scale],
    matcher: &Matcher,
) -> Inferred {
    // Answers shared between questions: an option of one question that another offers too
    // (a grid's statements answered on one unfamiliar scale) is an option even where only one
    // respondent chose it.
    let mut shared: HashMap<String, usize> = HashMap::new();
    for s in &seen {
        if s.ticks.is_some() || s.tally.overflow {
            continue;
        }
        for f in s.tally.forms() {
            *shared.entry(f.key).or_default() += 1;
        }
    }
    // A grid's statements (`Question [Statement]`) are answered on one scale: the range of
    // their numbers is read from all of them together.
    let mut grids: HashMap<String, AnswerTally> = HashMap::new();
    let mut members: HashMap<String, usize> = HashMap::new();
    for s in &seen {
        if let (None, Some((stem, _))) = (&s.ticks, columns::bracketed(&s.header)) {
            grids.entry(label_key(stem)).or_default().merge(&s.tally);
            *members.entry(label_key(stem)).or_default() += 1;
        }
    }
    let grid_of = |s: &Seen| {
        let (stem, _) = columns::bracketed(&s.header)?;
        let key = label_key(stem);
        (members.get(&key).copied().unwrap_or(0) >= 2)
            .then(|| grids.get(&key))
            .flatten()
    };
    let readings: Vec<Reading> = seen
        .iter()
        .map(|s| read(s, grid_of(s), &shared, library, matcher))
        .collect();
    // Library scales in the export's words: the questions on each library scale, grouped by
    // how they word its options, one scale per group.
    let mut worded_as: HashMap<usize, String> = HashMap::new();
    let mut scales: Vec<Spanned<ScaleDef>> = Vec::new();
    let mut remarks = Remarks::default();
    let mut used: Vec<usize> = readings
        .iter()
        .filter_map(|r| match r {
            Reading::Library(f) => Some(f.scale),
            _ => None,
        })
        .collect();
    used.sort_unstable();
    used.dedup();
    for l in used {
        let on: Vec<(usize, &words::LibraryFit)> = readings
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Reading::Library(f) if f.scale == l => Some((i, f)),
                _ => None,
            })
            .collect();
        let fits: Vec<&words::LibraryFit> = on.iter().map(|(_, f)| *f).collect();
        let groups = words::group(&fits);
        for g in 0..groups.iter().max().map_or(0, |m| m + 1) {
            let members: Vec<&words::LibraryFit> = fits
                .iter()
                .zip(&groups)
                .filter(|(_, gg)| **gg == g)
                .map(|(f, _)| *f)
                .collect();
            let wanted = format!("{} (as worded)", library[l].name);
            let name = unique_scale_name(&scales, library, &wanted);
            let scale_name = match words::in_export_words(&name, &library[l], &members) {
                Some(def) => {
                    remarks.scales.insert(name.clone(), vec![
                        format!("The library's '{}' scale (its order and which answers are favourable), in the", library[l].name),
                        "export's own words. An option nobody chose whose wording is not known is listed only".into(),
                        "if chosen.".into(),
                    ]);
                    scales.push(Spanned::new(0..0, def));
                    name
                }
                None => library[l].name.clone(),
            };
            for ((i, _), gg) in on.iter().zip(&groups) {
                if *gg == g {
                    worded_as.insert(*i, scale_name.clone());
                }
            }
        }
    }

    let mut questions = Vec::new();
    let mut notes = Vec::new();
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut guessed_counts: HashMap<String, HashMap<String, u64>> = HashMap::new();
    for (k, (s, reading)) in seen.into_iter().zip(readings).enumerate() {
        if let Reading::Empty = reading {
            if !columns
                .ignore
                .iter()
                .any(|h| label_key(h) == label_key(&s.header))
            {
                columns.ignore.push(s.header.clone());
            }
            notes.push(
                Diagnostic::new(
                    Severity::Note,
                    &s.first_file,
                    "column left out: nobody answered it",
                )
                .column(s.header.clone()),
            );
            continue;
        }
        if let Reading::Meta(kind) = reading {
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
        let n = questions.len();
        let mut id =
            s.id.as_deref()
                .and_then(id_from)
                .filter(|id| !ids.contains_key(id))
                .unwrap_or_else(|| format!("q{}", n + 1));
        while ids.contains_key(&id) {
            id.push('_');
        }
        ids.insert(id.clone(), n);
        let mut q = QuestionDef {
            id: id.clone(),
            ..Default::default()
        };
        let mut say = |line: String| remarks.questions.entry(id.clone()).or_default().push(line);
        if !matches!(reading, Reading::Ticks(_) | Reading::Packed(_)) {
            q.header = Some(s.header.clone());
            if let Some((stem, part)) = columns::bracketed(&s.header) {
                q.group = Some(stem.to_string());
                q.label = Some(part.to_string());
            } else {
                q.label = crate::ingest::variable_as_words(&s.header);
            }
        }
        let t = &s.tally;
        match reading {
            Reading::Meta(_) | Reading::Empty => unreachable!("metadata is not a question"),
            Reading::Ticks(mut options) => {
                let packed = t
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
                say("one column per option, ticked when not blank (or packed in one column as 'a;b;')".into());
            }
            Reading::Library(fit) => {
                let name = worded_as
                    .get(&k)
                    .cloned()
                    .unwrap_or_else(|| library[fit.scale].name.clone());
                if !fit.outside.is_empty() {
                    say(format!(
                        "some answers fit no option of '{name}': {}",
                        quoted(&fit.outside)
                    ));
                }
                q.scale = Some(name);
            }
            Reading::Packed(p) => {
                q.header = Some(s.header.clone());
                q.kind = QuestionType::MultiSelect;
                q.separator = Some(p.separator.clone());
                q.options = p.options;
                say(format!(
                    "options packed in one cell, separated by '{}'; pieces given once that do not look like the options are read as written in",
                    p.separator
                ));
            }
            Reading::Scaled {
                mut scale,
                why,
                remark,
                counts,
            } => {
                let categories = scale.kind == ScaleKindDef::Categories;
                if categories {
                    q.kind = QuestionType::Category;
                    // Categories belong to their question: named after it.
                    let label = q.label.as_deref().unwrap_or(&s.header);
                    let short: String = label.chars().take(40).collect();
                    scale.name = format!("{} options", short.trim());
                }
                if !scale.confirmed && scale.kind != ScaleKindDef::Codes {
                    guessed_counts.insert(id.clone(), counts);
                }
                let name = match covering(&mut scales, &scale) {
                    Some(existing) => existing,
                    None => {
                        let name = unique_scale_name(&scales, library, &scale.name);
                        scale.name = name.clone();
                        remarks.scales.insert(name.clone(), why);
                        scales.push(Spanned::new(0..0, scale.clone()));
                        name
                    }
                };
                if let Some(def) = scales.iter_mut().find(|d| d.get_ref().name == name) {
                    add_synonyms(def.get_mut(), &scale);
                }
                say(remark);
                q.scale = Some(name);
            }
            Reading::FreeText => {
                q.kind = QuestionType::FreeText;
                let short = t.answers > 0 && t.mean_chars() < 30.0;
                if short && !t.overflow && t.answers >= 3 && !choice::open_worded(&s.header) {
                    let examples: Vec<String> =
                        t.distinct.iter().map(|(a, _)| a.clone()).take(4).collect();
                    say(format!("answers are short but mostly different (e.g. {}); declare a scale if they are choices", quoted(&examples)));
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
        guessed_counts,
    }
}

/// The name of a scale already proposed of the same kind whose options hold the wanted ones
/// (by their matching keys; for numbers and categories, the same options), so that a grid of
/// items answered on one scale gets one scale, not one per item; a proposal that holds an
/// earlier one's options (and more) takes its place.
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
            && d.confirmed == wanted.confirmed
            && d.write_ins == wanted.write_ins
            && d.sentiments.is_none()
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
                if !slot.synonyms.iter().any(|x| label_key(x) == label_key(syn))
                    && label_key(syn) != label_key(&slot.label)
                {
                    slot.synonyms.push(syn.clone());
                }
            }
        }
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|e| format!("'{e}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `wanted`, or `wanted 2`, `wanted 3`... : a name no scale proposed or in the library has.
fn unique_scale_name(scales: &[Spanned<ScaleDef>], library: &[Scale], wanted: &str) -> String {
    let mut name = wanted.to_string();
    let mut n = 2;
    while scales
        .iter()
        .any(|s| label_key(&s.get_ref().name) == label_key(&name))
        || library
            .iter()
            .any(|s| label_key(&s.name) == label_key(&name))
    {
        name = format!("{wanted} {n}");
        n += 1;
    }
    name
}

/// A choice question's options whose wording orders them ("Very useful" ... "Not at all
/// useful"), in the export's words: a proposal for `init`, unconfirmed.
fn worded(t: &AnswerTally, options: &[tally::Form]) -> Option<(ScaleDef, Vec<String>)> {
    if options.len() > 10 || t.mean_chars() >= 30.0 {
        return None;
    }
    let answers: Vec<String> = options.iter().map(|f| f.text.clone()).collect();
    let p = ordinal::propose(&answers)?;
    let spelt = |a: &str| {
        options
            .iter()
            .find(|f| f.text == a)
            .map(spellings)
            .unwrap_or_default()
    };
    let mut opts: Vec<Spanned<OptionDef>> = p
        .ordered
        .iter()
        .map(|a| numbers::option(a, spelt(a), None, true))
        .collect();
    opts.extend(
        p.not_substantive
            .iter()
            .map(|a| numbers::option(a, spelt(a), None, false)),
    );
    let name = p.ordered[0]
        .to_lowercase()
        .split_whitespace()
        .last()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "scale".to_string());
    let mut why = vec![
        "Order guessed from the wording of the answers seen (most favourable first). Check it, add any".into(),
        "option nobody chose, then set confirmed = true; until then a run counts the answers as".into(),
        "categories, with no mean or favourable share.".into(),
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
            options: opts,
            ..Default::default()
        },
        why,
    ))
}
