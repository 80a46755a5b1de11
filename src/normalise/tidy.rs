//! One sheet's rows turned into tidy rows (respondent x question), with every row accounted
//! for: used, or rejected with a diagnostic that says why.

use super::columns::Role;
use super::layout::Layout;
use super::matcher::Matcher;
use crate::ingest::{RawRow, SheetData};
use crate::model::{
    col, column_letter, Cell, Diagnostic, QuestionKind, RowAccount, Severity, Survey,
    UnmatchedAnswer,
};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Tidy rows in column form, built straight into polars arrays (no string per cell).
pub struct TidyColumns {
    file: StringChunkedBuilder,
    sheet: StringChunkedBuilder,
    row: Vec<u32>,
    session: StringChunkedBuilder,
    respondent: StringChunkedBuilder,
    question: StringChunkedBuilder,
    kind: StringChunkedBuilder,
    answer: StringChunkedBuilder,
    option: StringChunkedBuilder,
    position: Vec<Option<u32>>,
    substantive: Vec<Option<bool>>,
}

impl TidyColumns {
    pub fn with_capacity(n: usize) -> Self {
        let text = |name: &str| StringChunkedBuilder::new(name.into(), n);
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
        }
    }

    pub fn into_frame(self) -> PolarsResult<DataFrame> {
        let height = self.row.len();
        DataFrame::new(
            height,
            vec![
                self.file.finish().into_column(),
                self.sheet.finish().into_column(),
                Column::new(col::ROW.into(), self.row),
                self.session.finish().into_column(),
                self.respondent.finish().into_column(),
                self.question.finish().into_column(),
                self.kind.finish().into_column(),
                self.answer.finish().into_column(),
                self.option.finish().into_column(),
                Column::new(col::POSITION.into(), self.position),
                Column::new(col::SUBSTANTIVE.into(), self.substantive),
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
    /// Used rows per session.
    pub sessions: BTreeMap<String, u64>,
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
    }
}

/// Session name for rows without a session column: the file name without extension, with
/// underscores read as spaces.
pub fn session_from_file(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file);
    stem.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Tidy rows of `rows`, a run of the data rows of `sheet`.
#[allow(clippy::too_many_arguments)]
pub fn build(
    file: &str,
    sheet: &SheetData,
    rows: &[RawRow],
    layout: &Layout,
    survey: &Survey,
    question_index: &HashMap<&str, usize>,
    matcher: &Matcher,
) -> PolarsResult<SheetTidy> {
    let mut builder = TidyColumns::with_capacity(rows.len() * layout.questions.len());
    let mut out = Acc::default();
    let id_col = layout.roles.iter().position(|r| *r == Role::RespondentId);
    let session_col = layout.roles.iter().position(|r| *r == Role::Session);
    let default_session = session_from_file(file);
    let columns: Vec<(usize, &crate::model::Question, String)> = layout
        .questions
        .iter()
        .map(|qc| {
            let q = &survey.questions[question_index[qc.key.as_str()]];
            let letter = column_letter(sheet.first_column + qc.index);
            (qc.index, q, format!("{letter} ({})", q.label))
        })
        .collect();
    let place = |row: usize| {
        Diagnostic::new(Severity::Warning, file, String::new())
            .sheet(&sheet.sheet)
            .row(row)
    };

    // Answers repeat down a column: match each distinct one once.
    let mut matched: Vec<HashMap<&str, Option<usize>>> = vec![HashMap::new(); columns.len()];
    for raw in rows {
        out.rows.read += 1;
        let answered = columns
            .iter()
            .filter(|(i, _, _)| {
                !raw.cells[*i].is_blank() && !matches!(raw.cells[*i], Cell::Error(_))
            })
            .count();
        if answered == 0 {
            out.rows.rejected += 1;
            let why = if raw.cells.iter().all(Cell::is_blank) {
                "row rejected: blank row"
            } else {
                "row rejected: no answer to any question"
            };
            out.diagnostics.push(Diagnostic {
                message: why.into(),
                ..place(raw.row)
            });
            // Any error cells on the row are still reported below.
        }
        let session = session_col
            .and_then(|c| raw.cells[c].text().map(|t| t.into_owned()))
            .unwrap_or_else(|| default_session.clone());
        let respondent = id_col
            .and_then(|c| raw.cells[c].text().map(|t| t.into_owned()))
            .unwrap_or_else(|| format!("row {}", raw.row));
        if answered > 0 {
            out.rows.used += 1;
            *out.sessions.entry(session.clone()).or_default() += 1;
        }

        for (k, (i, question, column)) in columns.iter().enumerate() {
            let cell = &raw.cells[*i];
            if let Cell::Error(code) = cell {
                out.diagnostics.push(Diagnostic {
                    message: format!("cell holds the spreadsheet error {code}; not used"),
                    column: Some(column.clone()),
                    ..place(raw.row)
                });
                continue;
            }
            let Some(text) = cell.text() else { continue };
            let (kind, option, position, substantive) = match question.kind {
                QuestionKind::FreeText => (col::KIND_FREE_TEXT, None::<&str>, None, None),
                QuestionKind::Likert { scale: s } => {
                    let scale = &survey.scales[s];
                    let key = match cell {
                        Cell::Text(t) => Some(t.as_str()),
                        _ => None,
                    };
                    let option = match key {
                        Some(t) => *matched[k]
                            .entry(t)
                            .or_insert_with(|| matcher.option_in(t, s)),
                        None => matcher.option_in(&text, s),
                    };
                    match option {
                        Some(o) => (
                            col::KIND_LIKERT,
                            Some(scale.options[o].label.as_str()),
                            Some(o as u32 + 1),
                            Some(scale.options[o].sentiment.is_some()),
                        ),
                        None => {
                            let nearest = scale.nearest(&text).to_string();
                            out.diagnostics.push(Diagnostic {
                                message: format!(
                                    "answer '{text}' fits no option of the '{}' scale (nearest: '{nearest}'); kept in the data, left out of counts",
                                    scale.name
                                ),
                                column: Some(column.clone()),
                                ..place(raw.row)
                            });
                            out.unmatched.push(UnmatchedAnswer {
                                file: file.to_string(),
                                sheet: sheet.sheet.clone(),
                                row: raw.row,
                                column: column.clone(),
                                question: question.label.clone(),
                                answer: text.to_string(),
                                scale: scale.name.clone(),
                                nearest_option: nearest,
                            });
                            (col::KIND_LIKERT, None, None, None)
                        }
                    }
                }
            };
            let c = &mut builder;
            c.file.append_value(file);
            c.sheet.append_value(&sheet.sheet);
            c.row.push(raw.row as u32);
            c.session.append_value(&session);
            c.respondent.append_value(&respondent);
            c.question.append_value(&question.label);
            c.kind.append_value(kind);
            // The answer exactly as given (surrounding spaces and all).
            match cell {
                Cell::Text(raw_text) => c.answer.append_value(raw_text),
                other => c.answer.append_value(other.to_string()),
            }
            c.option.append_option(option);
            c.position.push(position);
            c.substantive.push(substantive);
        }
    }
    Ok(SheetTidy {
        frames: vec![builder.into_frame()?],
        rows: out.rows,
        diagnostics: out.diagnostics,
        unmatched: out.unmatched,
        sessions: out.sessions,
    })
}

/// What is gathered besides the tidy rows while a sheet is read.
#[derive(Default)]
struct Acc {
    rows: RowAccount,
    diagnostics: Vec<Diagnostic>,
    unmatched: Vec<UnmatchedAnswer>,
    sessions: BTreeMap<String, u64>,
}
