//! One sheet's rows turned into tidy rows (respondent x question), with every row accounted
//! for: used, or rejected with a diagnostic that says why.

use super::columns::Role;
use super::layout::Layout;
use super::matcher::Matcher;
use crate::ingest::SheetData;
use crate::model::{
    col, column_letter, Cell, Diagnostic, QuestionKind, RowAccount, Severity, Survey,
    UnmatchedAnswer,
};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Tidy rows in column form, ready to become a polars frame.
#[derive(Default)]
pub struct TidyColumns {
    file: Vec<String>,
    sheet: Vec<String>,
    row: Vec<u32>,
    session: Vec<String>,
    respondent: Vec<String>,
    question: Vec<String>,
    kind: Vec<&'static str>,
    answer: Vec<String>,
    option: Vec<Option<String>>,
    position: Vec<Option<u32>>,
    substantive: Vec<Option<bool>>,
}

impl TidyColumns {
    pub fn append(&mut self, mut other: TidyColumns) {
        self.file.append(&mut other.file);
        self.sheet.append(&mut other.sheet);
        self.row.append(&mut other.row);
        self.session.append(&mut other.session);
        self.respondent.append(&mut other.respondent);
        self.question.append(&mut other.question);
        self.kind.append(&mut other.kind);
        self.answer.append(&mut other.answer);
        self.option.append(&mut other.option);
        self.position.append(&mut other.position);
        self.substantive.append(&mut other.substantive);
    }

    pub fn into_frame(self) -> PolarsResult<DataFrame> {
        let height = self.file.len();
        DataFrame::new(
            height,
            vec![
                Column::new(col::FILE.into(), self.file),
                Column::new(col::SHEET.into(), self.sheet),
                Column::new(col::ROW.into(), self.row),
                Column::new(col::SESSION.into(), self.session),
                Column::new(col::RESPONDENT.into(), self.respondent),
                Column::new(col::QUESTION.into(), self.question),
                Column::new(col::KIND.into(), self.kind),
                Column::new(col::ANSWER.into(), self.answer),
                Column::new(col::OPTION.into(), self.option),
                Column::new(col::POSITION.into(), self.position),
                Column::new(col::SUBSTANTIVE.into(), self.substantive),
            ],
        )
    }
}

/// What one sheet contributed.
#[derive(Default)]
pub struct SheetTidy {
    pub columns: TidyColumns,
    pub rows: RowAccount,
    pub diagnostics: Vec<Diagnostic>,
    pub unmatched: Vec<UnmatchedAnswer>,
    /// Used rows per session.
    pub sessions: BTreeMap<String, u64>,
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

pub fn build(
    file: &str,
    sheet: &SheetData,
    layout: &Layout,
    survey: &Survey,
    question_index: &HashMap<&str, usize>,
    matcher: &Matcher,
) -> SheetTidy {
    let mut out = SheetTidy::default();
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

    for raw in &sheet.rows {
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
            // Error cells on a rejected row are still worth naming.
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

        for (i, question, column) in &columns {
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
                QuestionKind::FreeText => (col::KIND_FREE_TEXT, None, None, None),
                QuestionKind::Likert { scale: s } => {
                    let scale = &survey.scales[s];
                    match matcher.option_in(&text, s) {
                        Some(o) => (
                            col::KIND_LIKERT,
                            Some(scale.options[o].label.clone()),
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
            let c = &mut out.columns;
            c.file.push(file.to_string());
            c.sheet.push(sheet.sheet.clone());
            c.row.push(raw.row as u32);
            c.session.push(session.clone());
            c.respondent.push(respondent.clone());
            c.question.push(question.label.clone());
            c.kind.push(kind);
            // The answer exactly as given (surrounding spaces and all).
            c.answer.push(cell.to_string());
            c.option.push(option);
            c.position.push(position);
            c.substantive.push(substantive);
        }
    }
    out
}
