use super::Scale;
use serde::Serialize;

/// What a question column holds, decided once from its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Answers on a scale: the index of the scale in [`Survey::scales`].
    Likert { scale: usize },
    /// Open answers, listed rather than counted.
    FreeText,
}

/// One question, resolved from the headers of every file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Matching key (see [`super::label_key`]); the same question in two files has one key.
    pub key: String,
    /// Header as first seen, white space tidied: the label shown in every output.
    pub label: String,
    pub kind: QuestionKind,
}

/// The questions of a training cycle, in order of first appearance, and their scales.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Survey {
    pub scales: Vec<Scale>,
    pub questions: Vec<Question>,
}

impl Survey {
    /// The scale of a Likert question; `None` for free text.
    pub fn scale_of(&self, question: &Question) -> Option<&Scale> {
        match question.kind {
            QuestionKind::Likert { scale } => self.scales.get(scale),
            QuestionKind::FreeText => None,
        }
    }

    /// Likert questions in order, with their scales.
    pub fn likert(&self) -> impl Iterator<Item = (&Question, &Scale)> {
        self.questions
            .iter()
            .filter_map(|q| self.scale_of(q).map(|s| (q, s)))
    }

    /// Free-text questions in order.
    pub fn free_text(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(|q| q.kind == QuestionKind::FreeText)
    }
}
