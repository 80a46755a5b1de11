//! Deciding, from its answers across every file, what each question is: which built-in scale
//! it uses, or that it is free text.

use super::matcher::Matcher;
use crate::model::{Diagnostic, QuestionKind, Severity};
use std::collections::BTreeMap;

/// A question's answers must fit one scale at least this often (share of its non-blank
/// answers) for the question to be read as a Likert question on that scale.
pub const MIN_SCALE_FIT: f64 = 0.5;

/// Tally of one question's answers, gathered across files.
#[derive(Debug, Default)]
pub struct AnswerTally {
    /// Non-blank text answers.
    pub answers: u64,
    /// Per scale index: answers that match one of its options.
    pub fits: BTreeMap<usize, u64>,
    /// Total characters of the answers, for telling long text from short choices.
    pub chars: u64,
    /// Up to a few distinct answers, for the message when nothing fits.
    pub examples: Vec<String>,
}

impl AnswerTally {
    /// Adds an answer given `times` times.
    pub fn add(&mut self, answer: &str, times: u64, matcher: &Matcher) {
        self.answers += times;
        self.chars += times * answer.chars().count() as u64;
        for scale in matcher.scales_fitting(answer) {
            *self.fits.entry(scale).or_default() += times;
        }
        if self.examples.len() < 4 && !self.examples.iter().any(|e| e == answer) {
            self.examples.push(answer.to_string());
        }
    }

    pub fn merge(&mut self, other: &AnswerTally) {
        self.answers += other.answers;
        self.chars += other.chars;
        for (s, n) in &other.fits {
            *self.fits.entry(*s).or_default() += n;
        }
        for e in &other.examples {
            if self.examples.len() < 4 && !self.examples.contains(e) {
                self.examples.push(e.clone());
            }
        }
    }
}

/// The kind of a question from its tally: the scale most of its answers fit (earliest in the
/// library on a tie), or free text. A short-answer question that fits no scale is read as free
/// text with a note, so its answers are listed rather than lost.
pub fn kind(
    label: &str,
    first_file: &str,
    tally: &AnswerTally,
) -> (QuestionKind, Option<Diagnostic>) {
    let best = tally
        .fits
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(s, n)| (*s, *n));
    if let Some((scale, fits)) = best {
        if fits as f64 >= MIN_SCALE_FIT * tally.answers as f64 {
            return (QuestionKind::Likert { scale }, None);
        }
    }
    let mean_chars = tally.chars as f64 / tally.answers.max(1) as f64;
    let note = (tally.answers > 0 && mean_chars < 25.0).then(|| {
        Diagnostic::new(
            Severity::Note,
            first_file,
            format!(
                "answers are short but fit no known scale (e.g. {}); listed as free text",
                tally
                    .examples
                    .iter()
                    .map(|e| format!("'{e}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .column(label.to_string())
    });
    (QuestionKind::FreeText, note)
}
