//! The layout of one sheet: the role of each column and, for question columns, a first
//! tally of the answers (used to decide each question's kind across files).

use super::columns::{self, Role};
use super::infer::AnswerTally;
use super::matcher::Matcher;
use crate::ingest::SheetData;
use crate::model::{column_letter, Cell};
use std::collections::HashMap;

/// One question column of a sheet.
pub struct QuestionColumn {
    /// Column index in the sheet.
    pub index: usize,
    pub key: String,
    pub label: String,
    pub tally: AnswerTally,
}

pub struct Layout {
    pub roles: Vec<Role>,
    pub questions: Vec<QuestionColumn>,
}

impl Layout {
    pub fn of(sheet: &SheetData, matcher: &Matcher) -> Layout {
        let mut roles = Vec::with_capacity(sheet.headers.len());
        let mut questions: Vec<QuestionColumn> = Vec::new();
        for (i, header) in sheet.headers.iter().enumerate() {
            let letter = column_letter(sheet.first_column + i);
            let has_data = sheet.rows.iter().any(|r| !r.cells[i].is_blank());
            let mut role = columns::role(header, has_data, &letter);
            if let Role::Question(key) = &mut role {
                let mut tally = AnswerTally::default();
                let mut label = columns::display_label(header, &letter);
                if questions.iter().any(|q| &q.key == key) {
                    // Two columns with one header: keep both, told apart by their letter.
                    key.push_str(&format!(" (column {letter})"));
                    label.push_str(&format!(" (column {letter})"));
                }
                // Tally each distinct answer once, in order of first appearance.
                let mut distinct: Vec<(&str, u64)> = Vec::new();
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for row in &sheet.rows {
                    if let Cell::Text(text) = &row.cells[i] {
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
                    } else if let Some(text) = row.cells[i].text() {
                        if !matches!(row.cells[i], Cell::Error(_)) {
                            tally.add(&text, 1, matcher);
                        }
                    }
                }
                for (text, n) in distinct {
                    tally.add(text, n, matcher);
                }
                questions.push(QuestionColumn {
                    index: i,
                    key: key.clone(),
                    label,
                    tally,
                });
            }
            roles.push(role);
        }
        Layout { roles, questions }
    }
}
