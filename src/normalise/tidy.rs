//! One sheet's rows turned into tidy rows (respondent x question), with every row accounted
//! for: used, or rejected with a diagnostic that says why.

use super::columns::Role;
use super::layout::{Layout, TallyLayout};
use super::matcher::Matcher;
use super::session_name::session_from_file;
use crate::frame::TextColumn;
use crate::ingest::{RawRow, SheetData};
use crate::model::{
    col, label_key, Cell, Check, Diagnostic, Question, QuestionKind, RowAccount, Scale, Severity,
    Survey, UnmatchedAnswer,
};
use polars::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hasher;
use std::sync::Arc;

/// 128 bits standing for a list of texts (an id, a row's cells), to tell whether two are the
/// same without keeping them: two SipHash values of the texts, each text closed by a
/// separator. Two different lists share a fingerprint with a chance of about one in 10^38.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a str> + Clone) -> u128 {
    let half = |seed: u8| {
        let mut h = std::hash::DefaultHasher::new();
        h.write_u8(seed);
        for p in parts.clone() {
            h.write(p.as_bytes());
            h.write_u8(0x1f);
        }
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// Tidy rows in column form, built straight into polars arrays (no string per cell; a value
/// repeated down a column stored once).
pub struct TidyColumns {
    file: TextColumn,
    sheet: TextColumn,
    row: Vec<u32>,
    session: TextColumn,
    respondent: TextColumn,
    question: TextColumn,
    kind: TextColumn,
    answer: TextColumn,
    option: TextColumn,
    position: Vec<Option<u32>>,
    substantive: Vec<Option<bool>>,
    weight: Vec<u32>,
}

impl TidyColumns {
    pub fn with_capacity(n: usize) -> Self {
        let text = |name| TextColumn::with_capacity(name, n);
        TidyColumns {
            file: text(col::FILE),
            sheet: text(col::SHEET),
            row: Vec::with_capacity(n),
            session: text(col::SESSION),
            respondent: text(col::RESPONDENT),
            question: text(col::QUESTION),
            kind: text(col::KIND),
            answer: text(col::ANSWER),
            option: text(col::OPTION),
            position: Vec::with_capacity(n),
            substantive: Vec::with_capacity(n),
            weight: Vec::with_capacity(n),
        }
    }

    pub fn into_frame(self) -> PolarsResult<DataFrame> {
        let height = self.row.len();
        DataFrame::new(
            height,
            vec![
                self.file.finish()?.into_column(),
                self.sheet.finish()?.into_column(),
                Column::new(col::ROW.into(), self.row),
                self.session.finish()?.into_column(),
                self.respondent.finish()?.into_column(),
                self.question.finish()?.into_column(),
                self.kind.finish()?.into_column(),
                self.answer.finish()?.into_column(),
                self.option.finish()?.into_column(),
                Column::new(col::POSITION.into(), self.position),
                Column::new(col::SUBSTANTIVE.into(), self.substantive),
                Column::new(col::WEIGHT.into(), self.weight),
            ],
        )
    }
}

/// What one sheet, or a run of its rows, contributed.
pub struct SheetTidy {
    /// Its tidy rows, one frame per run of rows, in row order.
    pub frames: Vec<DataFrame>,
    pub rows: RowAccount,
    pub diagnostics: Vec<Diagnostic>,
    pub unmatched: Vec<UnmatchedAnswer>,
    /// Used rows (respondents) per session.
    pub sessions: BTreeMap<String, u64>,
    /// Answers from tally sheets per session (they have no respondents).
    pub tallied: BTreeMap<String, u64>,
    /// Per question index: (rows answering it, used rows of sheets that ask it).
    pub coverage: BTreeMap<usize, (u64, u64)>,
    /// (session, fingerprint of session and respondent id, row) of used rows, for sheets
    /// with an id column: the ids themselves are not kept.
    pub ids: Vec<(Arc<str>, u128, usize)>,
    /// (every cell of the row, row) of used rows that carry metadata or free text, to find
    /// rows entered twice.
    pub signatures: Vec<(u128, usize)>,
}

impl SheetTidy {
    /// Appends what the next run of rows of the same sheet contributed.
    pub fn absorb(&mut self, next: SheetTidy) {
        self.frames.extend(next.frames);
        self.rows.add(next.rows);
        self.diagnostics.extend(next.diagnostics);
        self.unmatched.extend(next.unmatched);
        for (session, n) in next.sessions {
            *self.sessions.entry(session).or_default() += n;
        }
        for (session, n) in next.tallied {
            *self.tallied.entry(session).or_default() += n;
        }
        for (q, (a, o)) in next.coverage {
            let c = self.coverage.entry(q).or_default();
            c.0 += a;
            c.1 += o;
        }
        self.ids.extend(next.ids);
        self.signatures.extend(next.signatures);
    }
}

/// Tidy rows of `rows`, a run of the data rows of `sheet`.
pub fn build(
    file: &str,
    sheet: &SheetData,
    rows: &[RawRow],
    layout: &Layout,
    survey: &Survey,
    matcher: &Matcher,
) -> PolarsResult<SheetTidy> {
    match &layout.tally {
        Some(t) => build_tally(file, sheet, rows, t, survey, matcher),
        None => build_responses(file, sheet, rows, layout, survey, matcher),
    }
}

/// How many of the question columns `columns` a row answers: cells neither blank nor a
/// spreadsheet error. A row answering none is not used.
fn answered(raw: &RawRow, columns: impl Iterator<Item = usize>) -> usize {
    columns
        .filter(|&i| !raw.cells[i].is_blank() && !matches!(raw.cells[i], Cell::Error(_)))
        .count()
}

/// The session of a row: its session cell, else the session named after the file.
fn session_of<'a>(
    raw: &'a RawRow,
    session_col: Option<usize>,
    default: &'a str,
) -> std::borrow::Cow<'a, str> {
    session_col
        .and_then(|c| raw.cells[c].text())
        .unwrap_or(std::borrow::Cow::Borrowed(default))
}

/// The sessions of the used rows of `rows` (a run of the data rows of `sheet`), named as
/// [`build`] names them: known before any tidy row is built, so that their published names
/// can be settled first.
pub fn sessions(
    file: &str,
    sheet: &SheetData,
    rows: &[RawRow],
    layout: &Layout,
    survey: &Survey,
    matcher: &Matcher,
) -> PolarsResult<BTreeSet<String>> {
    if let Some(t) = &layout.tally {
        let built = build_tally(file, sheet, rows, t, survey, matcher)?;
        return Ok(built.tallied.into_keys().collect());
    }
    let questions: Vec<usize> = layout
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Role::Question { .. }))
        .map(|(i, _)| i)
        .collect();
    let session_col = layout.column_of(&Role::Session);
    let default = session_from_file(file);
    let mut out = BTreeSet::new();
    for raw in rows {
        if answered(raw, questions.iter().copied()) == 0 {
            continue;
        }
        let session = session_of(raw, session_col, &default);
        if !out.contains(session.as_ref()) {
            out.insert(session.into_owned());
        }
    }
    Ok(out)
}

/// A question column of a response sheet, ready for the row loop.
struct QuestionColumn<'a> {
    index: usize,
    question: usize,
    q: &'a Question,
    tick: Option<usize>,
    /// `C (label)`, for messages.
    place: String,
}

fn build_responses(
    file: &str,
    sheet: &SheetData,
    rows: &[RawRow],
    layout: &Layout,
    survey: &Survey,
    matcher: &Matcher,
) -> PolarsResult<SheetTidy> {
    let columns: Vec<QuestionColumn> = layout
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, role)| match role {
            Role::Question { index, tick } => {
                let q = &survey.questions[*index];
                Some(QuestionColumn {
                    index: i,
                    question: *index,
                    q,
                    tick: *tick,
                    place: sheet.column_name(i),
                })
            }
            _ => None,
        })
        .collect();
    let mut builder = TidyColumns::with_capacity(rows.len() * columns.len());
    let mut out = Acc::default();
    let id_col = layout.column_of(&Role::RespondentId);
    let session_col = layout.column_of(&Role::Session);
    let default_session = session_from_file(file);
    let place = |row: usize| {
        Diagnostic::new(Severity::Warning, file, String::new())
            .sheet(&sheet.sheet)
            .row(row)
    };
    let questions_here: Vec<usize> = {
        let mut q: Vec<usize> = columns.iter().map(|c| c.question).collect();
        q.sort_unstable();
        q.dedup();
        q
    };

    // Answers repeat down a column: match each distinct one once.
    let mut matched: Vec<FxHashMap<&str, Option<usize>>> =
        vec![FxHashMap::default(); columns.len()];
    let mut answered_questions: Vec<usize> = Vec::new();
    for raw in rows {
        out.rows.read += 1;
        let answered = answered(raw, columns.iter().map(|c| c.index));
        if answered == 0 {
            out.rows.rejected += 1;
            let why = if raw.cells.iter().all(Cell::is_blank) {
                "row rejected: blank row"
            } else {
                "row rejected: no answer to any question"
            };
            out.diagnostics.push(Diagnostic {
                message: why.into(),
                ..place(raw.row).check(Check::BlankResponse)
            });
            // Any error cells on the row are still reported below.
        }
        let session = session_of(raw, session_col, &default_session).into_owned();
        // Respondents are keyed by their row, in one form for every file: a platform's id
        // (or an e-mail used as one) identifies a person and stays out of the tidy table; it
        // is read only to find responses entered twice.
        let respondent = format!("row {}", raw.row);
        let platform_id = id_col.and_then(|c| raw.cells[c].text().map(|t| t.into_owned()));
        if answered > 0 {
            out.rows.used += 1;
            *out.sessions.entry(session.clone()).or_default() += 1;
            for q in &questions_here {
                out.coverage.entry(*q).or_default().1 += 1;
            }
            if let Some(id) = &platform_id {
                let shared = match &out.last_session {
                    Some(s) if **s == *session => s.clone(),
                    _ => Arc::from(session.as_str()),
                };
                out.last_session = Some(shared.clone());
                let digest = fingerprint([session.as_str(), id.as_str()]);
                out.ids.push((shared, digest, raw.row));
            }
            let distinctive = layout.roles.iter().enumerate().any(|(i, r)| {
                matches!(r, Role::Metadata | Role::RespondentId) && !raw.cells[i].is_blank()
            }) || columns
                .iter()
                .any(|c| c.q.kind == QuestionKind::FreeText && !raw.cells[c.index].is_blank());
            if distinctive {
                let cells: Vec<String> = raw.cells.iter().map(|c| c.to_string()).collect();
                out.signatures
                    .push((fingerprint(cells.iter().map(String::as_str)), raw.row));
            }
        }
        answered_questions.clear();

        for (k, c) in columns.iter().enumerate() {
            let cell = &raw.cells[c.index];
            if let Cell::Error(code) = cell {
                out.diagnostics.push(Diagnostic {
                    message: format!("cell holds the spreadsheet error {code}; not used"),
                    column: Some(c.place.clone()),
                    ..place(raw.row).check(Check::CellError)
                });
                continue;
            }
            let Some(text) = cell.text() else { continue };
            if !answered_questions.contains(&c.question) {
                answered_questions.push(c.question);
            }
            // Written-in answers are listed as comments of the question's `(other)` question.
            let other = c.q.written_in.map(|w| survey.questions[w].label.as_str());
            let mut emit = |kind: &str,
                            answer: &str,
                            option: Option<&str>,
                            position: Option<u32>,
                            substantive: Option<bool>| {
                let b = &mut builder;
                b.file.push(file);
                b.sheet.push(&sheet.sheet);
                b.row.push(raw.row as u32);
                b.session.push(&session);
                b.respondent.push_option(Some(respondent.as_str()));
                b.question.push(match other {
                    Some(label) if kind == col::KIND_FREE_TEXT => label,
                    _ => &c.q.label,
                });
                b.kind.push(kind);
                b.answer.push(answer);
                b.option.push_option(option);
                b.position.push(position);
                b.substantive.push(substantive);
                b.weight.push(1);
            };
            // The answer exactly as given (surrounding spaces and all).
            let given: std::borrow::Cow<str> = match cell {
                Cell::Text(raw_text) => raw_text.as_str().into(),
                other => other.to_string().into(),
            };
            match c.q.kind {
                // A column of what was written in under "Other" says "Not selected" where
                // nothing was.
                QuestionKind::FreeText
                    if c.q.label.ends_with(" (other)") && crate::model::is_untick(&text) => {}
                QuestionKind::FreeText => emit(col::KIND_FREE_TEXT, &given, None, None, None),
                QuestionKind::MultiSelect { scale: s } => {
                    let options = &survey.scales[s].options;
                    if let Some(o) = c.tick {
                        // "Not selected", "0", "Nein": the respondent did not tick it.
                        if crate::model::is_untick(&text) {
                            continue;
                        }
                        emit(
                            col::KIND_MULTI_SELECT,
                            &given,
                            Some(&options[o].label),
                            Some(o as u32 + 1),
                            None,
                        );
                        continue;
                    }
                    let separator = c.q.separator.as_deref().unwrap_or(";");
                    let known = |p: &str| matcher.option_in(p, s).is_some();
                    for part in super::packed::split(&text, separator, &known).iter() {
                        let part = part.as_str();
                        match matcher.option_in(part, s) {
                            Some(o) => emit(
                                col::KIND_MULTI_SELECT,
                                part,
                                Some(&options[o].label),
                                Some(o as u32 + 1),
                                None,
                            ),
                            None => {
                                out.unmatch(
                                    file,
                                    sheet,
                                    raw.row,
                                    &c.place,
                                    c.q,
                                    part,
                                    &survey.scales[s],
                                    place(raw.row),
                                );
                                match c.q.written_in {
                                    Some(w) => {
                                        emit(col::KIND_FREE_TEXT, part, None, None, None);
                                        if !answered_questions.contains(&w) {
                                            answered_questions.push(w);
                                        }
                                    }
                                    None => emit(col::KIND_MULTI_SELECT, part, None, None, None),
                                }
                            }
                        }
                    }
                }
                QuestionKind::Likert { scale: s } | QuestionKind::Category { scale: s } => {
                    let kind = match c.q.kind {
                        QuestionKind::Category { .. } => col::KIND_CATEGORY,
                        _ => col::KIND_LIKERT,
                    };
                    let scale = &survey.scales[s];
                    let option = match cell {
                        Cell::Text(t) => *matched[k]
                            .entry(t.as_str())
                            .or_insert_with(|| matcher.option_in(t, s)),
                        _ => matcher.option_in(&text, s),
                    };
                    match option {
                        Some(o) => emit(
                            kind,
                            &given,
                            Some(scale.options[o].label.as_str()),
                            Some(o as u32 + 1),
                            Some(scale.options[o].sentiment.is_some()),
                        ),
                        None => {
                            out.unmatch(
                                file,
                                sheet,
                                raw.row,
                                &c.place,
                                c.q,
                                &text,
                                scale,
                                place(raw.row),
                            );
                            match c.q.written_in {
                                Some(w) => {
                                    emit(col::KIND_FREE_TEXT, &given, None, None, None);
                                    if !answered_questions.contains(&w) {
                                        answered_questions.push(w);
                                    }
                                }
                                None => emit(kind, &given, None, None, None),
                            }
                        }
                    }
                }
            }
        }
        for q in &answered_questions {
            out.coverage.entry(*q).or_default().0 += 1;
        }
    }
    out.finish(builder)
}

/// Rows of a tally sheet: each (question, option, count) row is one tidy row weighted by its
/// count. A blank question cell repeats the question above (a merged cell).
fn build_tally(
    file: &str,
    sheet: &SheetData,
    rows: &[RawRow],
    t: &TallyLayout,
    survey: &Survey,
    matcher: &Matcher,
) -> PolarsResult<SheetTidy> {
    let mut builder = TidyColumns::with_capacity(rows.len());
    let mut out = Acc::default();
    let default_session = session_from_file(file);
    let cols = t.columns;
    // The question in force at the first row of this run: the last one named above it.
    let mut current: Option<String> = sheet
        .rows
        .iter()
        .take_while(|r| r.row < rows.first().map_or(0, |f| f.row))
        .filter_map(|r| r.cells[cols.question].text().map(|q| q.into_owned()))
        .last();
    for raw in rows {
        out.rows.read += 1;
        if let Some(q) = raw.cells[cols.question].text() {
            current = Some(q.into_owned());
        }
        // Headings and total rows are part of a tally sheet's layout: rejected with a note.
        let reject = |out: &mut Acc, why: String, column: Option<usize>| {
            out.rows.rejected += 1;
            let expected = why.starts_with("question heading") || why.starts_with("total row");
            let severity = if expected {
                Severity::Note
            } else {
                Severity::Warning
            };
            let mut d = Diagnostic::new(severity, file, format!("row rejected: {why}"))
                .sheet(&sheet.sheet)
                .row(raw.row)
                .check(if why == "blank row" {
                    Check::BlankResponse
                } else {
                    Check::RowRejected
                });
            if let Some(c) = column {
                d = d.column(sheet.column_name(c));
            }
            out.diagnostics.push(d);
        };
        let option_text = raw.cells[cols.option].text();
        let count_cell = &raw.cells[cols.count];
        if raw.cells.iter().all(Cell::is_blank) {
            reject(&mut out, "blank row".into(), None);
            continue;
        }
        let Some(option_text) = option_text else {
            let why = if count_cell.is_blank() {
                "question heading (no option or count)"
            } else {
                "count without an option"
            };
            reject(&mut out, why.into(), Some(cols.option));
            continue;
        };
        if super::infer::is_total(&option_text) {
            reject(
                &mut out,
                "total row (totals are recomputed)".into(),
                Some(cols.option),
            );
            continue;
        }
        let Some(count) = super::infer::whole_number(count_cell) else {
            reject(
                &mut out,
                format!("count '{}' is not a whole number", count_cell),
                Some(cols.count),
            );
            continue;
        };
        let question = current
            .as_deref()
            .and_then(|q| t.questions.get(&label_key(q)))
            .map(|&i| &survey.questions[i]);
        let Some(question) = question else {
            reject(
                &mut out,
                format!(
                    "question '{}' matches no question in the survey",
                    current.as_deref().unwrap_or("")
                ),
                Some(cols.question),
            );
            continue;
        };
        let QuestionKind::Likert { scale: s } = question.kind else {
            reject(
                &mut out,
                format!(
                    "question '{}' is not a scale question; tally sheets count scale answers only",
                    question.label
                ),
                Some(cols.question),
            );
            continue;
        };
        let scale = &survey.scales[s];
        let session = cols
            .session
            .and_then(|c| raw.cells[c].text().map(|t| t.into_owned()))
            .unwrap_or_else(|| default_session.clone());
        let place = sheet.column_name(cols.option);
        let option = matcher.option_in(&option_text, s);
        if option.is_none() {
            let d = Diagnostic::new(Severity::Warning, file, String::new())
                .sheet(&sheet.sheet)
                .row(raw.row);
            out.unmatch(
                file,
                sheet,
                raw.row,
                &place,
                question,
                &option_text,
                scale,
                d,
            );
        }
        out.rows.used += 1;
        *out.tallied.entry(session.clone()).or_default() += count;
        let b = &mut builder;
        b.file.push(file);
        b.sheet.push(&sheet.sheet);
        b.row.push(raw.row as u32);
        b.session.push(&session);
        b.respondent.push_option(None);
        b.question.push(&question.label);
        b.kind.push(col::KIND_LIKERT);
        b.answer.push(option_text.as_ref());
        b.option
            .push_option(option.map(|o| scale.options[o].label.as_str()));
        b.position.push(option.map(|o| o as u32 + 1));
        b.substantive
            .push(option.map(|o| scale.options[o].sentiment.is_some()));
        b.weight.push(u32::try_from(count).unwrap_or(u32::MAX));
    }
    out.finish(builder)
}

/// What is gathered besides the tidy rows while a sheet is read.
#[derive(Default)]
struct Acc {
    rows: RowAccount,
    diagnostics: Vec<Diagnostic>,
    unmatched: Vec<UnmatchedAnswer>,
    sessions: BTreeMap<String, u64>,
    tallied: BTreeMap<String, u64>,
    coverage: BTreeMap<usize, (u64, u64)>,
    ids: Vec<(Arc<str>, u128, usize)>,
    signatures: Vec<(u128, usize)>,
    /// The session of the last id kept, shared by the next ones of the same session.
    last_session: Option<Arc<str>>,
}

impl Acc {
    /// Records an answer that fits no option of its scale: a warning and a row of the
    /// unmatched-answers table, with the nearest option as the likely fix.
    #[allow(clippy::too_many_arguments)]
    fn unmatch(
        &mut self,
        file: &str,
        sheet: &SheetData,
        row: usize,
        place: &str,
        q: &Question,
        answer: &str,
        scale: &Scale,
        at: Diagnostic,
    ) {
        let nearest = scale.nearest(answer).to_string();
        if scale.write_ins {
            // Written in under "Other": expected of a choice question, listed with its
            // comments and in the unmatched answers, not a problem with the file.
            self.diagnostics.push(Diagnostic {
                message: "answer written in, not one of the question's options: listed with its comments, left out of the counts".into(),
                column: Some(place.to_string()),
                severity: Severity::Note,
                ..at.check(Check::WrittenIn)
            });
            self.unmatched.push(UnmatchedAnswer {
                file: file.to_string(),
                sheet: sheet.sheet.clone(),
                row,
                column: place.to_string(),
                question: q.label.clone(),
                answer: answer.to_string(),
                scale: scale.name.clone(),
                nearest_option: String::new(),
            });
            return;
        }
        let (what, check) = match scale.code_range() {
            Some((lo, hi)) if answer.trim().parse::<i64>().is_ok() => (
                format!(
                    "numeric code {answer} is outside the codes {lo}-{hi} of the '{}' scale",
                    scale.name
                ),
                Check::CodeOutOfRange,
            ),
            _ => (
                format!(
                    "answer '{answer}' fits no option of the '{}' scale (nearest: '{nearest}')",
                    scale.name
                ),
                Check::AnswerOutsideScale,
            ),
        };
        self.diagnostics.push(Diagnostic {
            message: format!("{what}; kept in the data, left out of counts"),
            column: Some(place.to_string()),
            ..at.check(check)
        });
        self.unmatched.push(UnmatchedAnswer {
            file: file.to_string(),
            sheet: sheet.sheet.clone(),
            row,
            column: place.to_string(),
            question: q.label.clone(),
            answer: answer.to_string(),
            scale: scale.name.clone(),
            nearest_option: nearest,
        });
    }

    fn finish(self, builder: TidyColumns) -> PolarsResult<SheetTidy> {
        Ok(SheetTidy {
            frames: vec![builder.into_frame()?],
            rows: self.rows,
            diagnostics: self.diagnostics,
            unmatched: self.unmatched,
            sessions: self.sessions,
            tallied: self.tallied,
            coverage: self.coverage,
            ids: self.ids,
            signatures: self.signatures,
        })
    }
}
