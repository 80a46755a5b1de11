//! What a question column's answers look like, gathered across files in one pass: how many,
//! how long, the distinct answers with their counts, and how many look like identifiers
//! rather than answers. Inference decides each question's kind from this alone.

use super::super::identify::{self, Identifier};
use crate::ingest::RawRow;
use crate::model::{label_key, Cell};
use rustc_hash::FxHashMap;

/// Distinct answers kept per question, to read its options from; past this a question is free
/// text, or a list too long to be a choice.
pub const MAX_DISTINCT: usize = 1000;
/// Answers longer than this (characters) are not kept one by one: no option is this long, and
/// even a dozen long options packed together in one cell are shorter.
pub const MAX_KEPT_CHARS: usize = 1000;

/// Tally of one question's answers, gathered across files.
#[derive(Debug, Default, Clone)]
pub struct AnswerTally {
    /// Non-blank answers.
    pub answers: u64,
    /// Total characters of the answers, for telling long text from short choices.
    pub chars: u64,
    /// Answers ending in `;`: options packed in one cell, as Microsoft Forms writes them
    /// (`a;b;c;`). A plain `;` inside prose does not count.
    pub packed: u64,
    /// Answers that look like IP addresses, dates and times, per-person tokens, e-mail
    /// addresses or people's names.
    pub ips: u64,
    pub timestamps: u64,
    pub tokens: u64,
    pub emails: u64,
    pub links: u64,
    pub names: u64,
    /// Of the names, those that start with a common given name.
    pub given: u64,
    /// Distinct answers (trimmed) with their counts, in order of first appearance.
    pub distinct: Vec<(String, u64)>,
    index: FxHashMap<String, usize>,
    /// Some answers were not kept one by one (too many distinct answers, or too long).
    pub overflow: bool,
}

/// One option as a question's answers write it: every spelling that means the same (case and
/// spacing apart) merged under the one written most often.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    /// The spelling written most often (the first seen, on a tie).
    pub text: String,
    /// The matching key ([`label_key`]) of every spelling.
    pub key: String,
    /// Answers with this key.
    pub count: u64,
    /// Place of its first appearance among the distinct answers.
    pub first: usize,
    /// Every spelling, with its count.
    pub spellings: Vec<(String, u64)>,
}

impl AnswerTally {
    /// What the answers identify, when they are metadata rather than answers: most of them
    /// IP addresses, dates and times, e-mail addresses, or (on nearly every row a different
    /// one) codes or people's names, a good share of them starting with a common given name.
    pub fn identifier(&self) -> Option<Identifier> {
        let share =
            |n: u64| self.answers > 0 && n as f64 >= identify::MIN_SHARE * self.answers as f64;
        // Codes and names differ on (nearly) every row: a repeated code or name is an answer
        // (a trainer chosen from a list).
        let repeated: u64 = self.distinct.iter().map(|(_, n)| n.saturating_sub(1)).sum();
        let distinct = self.answers >= 3 && repeated * 10 <= self.answers * 2;
        if share(self.ips) {
            Some(Identifier::IpAddress)
        } else if share(self.emails) {
            Some(Identifier::Email)
        } else if self.links as f64 >= identify::MIN_NAME_SHARE * self.answers as f64 {
            Some(Identifier::Link)
        } else if share(self.timestamps) {
            Some(Identifier::Timestamp)
        } else if share(self.tokens) && self.answers >= 3 && repeated * 10 <= self.answers {
            Some(Identifier::Token)
        } else if self.names as f64 >= identify::MIN_NAME_SHARE * self.answers as f64
            && distinct
            && self.given * 10 >= self.answers * 3
        {
            Some(Identifier::PersonName)
        } else {
            None
        }
    }

    /// Adds an answer given `times` times.
    pub fn add(&mut self, answer: &str, times: u64) {
        let answer = answer.trim();
        self.answers += times;
        let chars = answer.chars().count();
        self.chars += times * chars as u64;
        if answer.ends_with(';') {
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
        if identify::is_email(answer) {
            self.emails += times;
        }
        if identify::is_link(answer) {
            self.links += times;
        }
        if let Some(given) = identify::person_name(answer) {
            self.names += times;
            if given {
                self.given += times;
            }
        }
        self.remember(answer, times, chars);
    }

    fn remember(&mut self, answer: &str, times: u64, chars: usize) {
        if chars > MAX_KEPT_CHARS {
            self.overflow = true;
        } else if let Some(&i) = self.index.get(answer) {
            self.distinct[i].1 += times;
        } else if self.distinct.len() < MAX_DISTINCT {
            self.index.insert(answer.to_string(), self.distinct.len());
            self.distinct.push((answer.to_string(), times));
        } else {
            self.overflow = true;
        }
    }

    pub fn merge(&mut self, other: &AnswerTally) {
        self.answers += other.answers;
        self.chars += other.chars;
        self.packed += other.packed;
        self.ips += other.ips;
        self.timestamps += other.timestamps;
        self.tokens += other.tokens;
        self.emails += other.emails;
        self.links += other.links;
        self.names += other.names;
        self.given += other.given;
        // Once a question has more distinct answers than are kept, no answer's count can
        // make it a choice: the rest are not looked up.
        if !self.overflow {
            for (a, n) in &other.distinct {
                self.remember(a, *n, a.chars().count());
            }
        }
        self.overflow |= other.overflow;
    }

    /// Whether the answers are row numbers: whole numbers, a different one on each of five
    /// rows or more, running without a gap.
    pub fn row_numbers(&self) -> bool {
        if self.overflow || self.answers < 5 || self.distinct.len() as u64 != self.answers {
            return false;
        }
        let numbers: Option<Vec<i64>> = self.distinct.iter().map(|(a, _)| a.parse().ok()).collect();
        numbers.is_some_and(|n| {
            let (lo, hi) = (n.iter().min(), n.iter().max());
            matches!((lo, hi), (Some(lo), Some(hi)) if hi - lo + 1 == n.len() as i64)
        })
    }

    /// Mean length of an answer, in characters.
    pub fn mean_chars(&self) -> f64 {
        self.chars as f64 / self.answers.max(1) as f64
    }

    /// The distinct answers merged by matching key, each under its most written spelling, in
    /// order of first appearance.
    pub fn forms(&self) -> Vec<Form> {
        let mut forms: Vec<Form> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        for (first, (text, n)) in self.distinct.iter().enumerate() {
            let key = label_key(text);
            match by_key.get(&key) {
                Some(&i) => {
                    let f = &mut forms[i];
                    f.count += n;
                    f.spellings.push((text.clone(), *n));
                }
                None => {
                    by_key.insert(key.clone(), forms.len());
                    forms.push(Form {
                        text: text.clone(),
                        key,
                        count: *n,
                        first,
                        spellings: vec![(text.clone(), *n)],
                    });
                }
            }
        }
        for f in &mut forms {
            // The most written spelling; the first seen on a tie (max_by_key keeps the last),
            // its white space runs made single spaces.
            if let Some((best, _)) = f
                .spellings
                .iter()
                .rev()
                .max_by_key(|(_, n)| *n)
                .map(|(t, n)| (t.clone(), *n))
            {
                f.text = best.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        forms
    }
}

/// Tallies of the answers in columns `cols` of `rows`, in that order. The rows are read one
/// after the other, each across the columns, as they lie in memory (a column at a time went
/// back to every row once per column).
pub fn tally_columns(rows: &[RawRow], cols: &[usize]) -> Vec<AnswerTally> {
    let mut columns: Vec<ColumnTally> = cols.iter().map(|_| ColumnTally::default()).collect();
    for row in rows {
        for (column, &i) in columns.iter_mut().zip(cols) {
            column.add(&row.cells[i]);
        }
    }
    columns.into_iter().map(ColumnTally::finish).collect()
}

/// One column's tally while its rows are read: answers that may be options are counted by
/// distinct text first and looked at once each at the end.
#[derive(Default)]
struct ColumnTally<'r> {
    tally: AnswerTally,
    distinct: Vec<(&'r str, u64)>,
    seen: FxHashMap<&'r str, usize>,
}

impl<'r> ColumnTally<'r> {
    fn add(&mut self, cell: &'r Cell) {
        match cell {
            Cell::Text(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return;
                }
                if text.len() > 4 * MAX_KEPT_CHARS {
                    self.tally.add(text, 1);
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
            other => self.tally.add(&other.to_string(), 1),
        }
    }

    fn finish(mut self) -> AnswerTally {
        for (text, n) in self.distinct {
            self.tally.add(text, n);
        }
        self.tally
    }
}
