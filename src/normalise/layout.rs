//! The layout of one sheet: the role of each column; and the tally of a run of its rows'
//! answers per question column (used to decide each question's kind across files).

use super::columns::{self, Role};
use super::infer::AnswerTally;
use super::matcher::Matcher;
use crate::ingest::{RawRow, SheetData};
use crate::model::{column_letter, Cell};
use std::collections::HashMap;

/// One question column of a sheet.
pub struct QuestionColumn {
    /// Column index in the sheet.
    pub index: usize,
    pub key: String,
    pub label: String,
}

pub struct Layout {
    pub roles: Vec<Role>,
    pub questions: Vec<QuestionColumn>,
}

impl Layout {
    pub fn of(sheet: &SheetData) -> Layout {
        let mut roles = Vec::with_capacity(sheet.headers.len());
        let mut questions: Vec<QuestionColumn> = Vec::new();
        for (i, header) in sheet.headers.iter().enumerate() {
            let letter = column_letter(sheet.first_column + i);
            let has_data = sheet.rows.iter().any(|r| !r.cells[i].is_blank());
            let mut role = columns::role(header, has_data, &letter);
            if let Role::Question(key) = &mut role {
                let mut label = columns::display_label(header, &letter);
                if questions.iter().any(|q| &q.key == key) {
                    // Two columns with one header: keep both, told apart by their letter.
                    key.push_str(&format!(" (column {letter})"));
                    label.push_str(&format!(" (column {letter})"));
                }
                questions.push(QuestionColumn {
                    index: i,
                    key: key.clone(),
                    label,
                });
            }
            roles.push(role);
        }
        Layout { roles, questions }
    }

    /// Tallies of the answers in `rows`, one per question column, in column order.
    pub fn tally(&self, rows: &[RawRow], matcher: &Matcher) -> Vec<AnswerTally> {
        self.questions
            .iter()
            .map(|q| tally_column(rows, q.index, matcher))
            .collect()
    }
}

/// Each distinct answer is matched once, in order of first appearance.
fn tally_column(rows: &[RawRow], i: usize, matcher: &Matcher) -> AnswerTally {
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
                if !matcher.may_match(text) {
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
