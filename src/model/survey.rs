use super::Scale;
use serde::Serialize;

/// What a question column holds, decided once (from the survey definition, or inferred from
/// its answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Answers on a scale: the index of the scale in [`Survey::scales`].
    Likert { scale: usize },
    /// Tick-all-that-apply: the options (unordered, all non-substantive) are the scale at this
    /// index. Each ticked option is counted once per respondent; shares are of the respondents
    /// who ticked anything.
    MultiSelect { scale: usize },
    /// One answer from a list of unordered categories (a department, a role, a coded list):
    /// counted per option, never given a mean or a favourable share. The options are the
    /// scale at this index.
    Category { scale: usize },
    /// Open answers, listed rather than counted.
    FreeText,
}

/// One question of the survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// Short id from the survey definition (`q1`, `pace`...): unique.
    pub id: String,
    /// The label shown in every output: unique within the survey.
    pub label: String,
    /// Theme or grid the question belongs to, if any.
    pub group: Option<String>,
    pub kind: QuestionKind,
    /// Reverse-worded item: its scale is read the other way round (it is given the reversed
    /// scale, so "Strongly disagree" counts as the favourable end).
    pub reverse: bool,
    /// Multi-select answers packed in one cell are split on this (`;`).
    pub separator: Option<String>,
    /// The letters of its columns in the first file that asks it (`C`, or `F`, `G`, `H` for
    /// one column per option), for saying where each question was read from.
    pub columns: Vec<String>,
    /// For a choice question that takes written-in answers ("Other: ..."): the free-text
    /// question (by index) they are listed under as comments, `<label> (other)`.
    pub written_in: Option<usize>,
}

/// The questions of a training cycle, in definition order, and their scales.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Survey {
    pub scales: Vec<Scale>,
    pub questions: Vec<Question>,
}

impl Survey {
    /// The scale of a Likert question; `None` for other kinds.
    pub fn scale_of(&self, question: &Question) -> Option<&Scale> {
        match question.kind {
            QuestionKind::Likert { scale } => self.scales.get(scale),
            _ => None,
        }
    }

    /// Likert questions in order, with their scales.
    pub fn likert(&self) -> impl Iterator<Item = (&Question, &Scale)> {
        self.questions
            .iter()
            .filter_map(|q| self.scale_of(q).map(|s| (q, s)))
    }

    /// Questions answered with one option of a list (scales and categories), in order, with
    /// their scales: the questions whose options are counted.
    pub fn closed(&self) -> impl Iterator<Item = (&Question, &Scale)> {
        self.questions.iter().filter_map(|q| match q.kind {
            QuestionKind::Likert { scale } | QuestionKind::Category { scale } => {
                self.scales.get(scale).map(|s| (q, s))
            }
            _ => None,
        })
    }

    /// Multi-select questions in order, with their options.
    pub fn multi_select(&self) -> impl Iterator<Item = (&Question, &Scale)> {
        self.questions.iter().filter_map(|q| match q.kind {
            QuestionKind::MultiSelect { scale } => self.scales.get(scale).map(|s| (q, s)),
            _ => None,
        })
    }

    /// Free-text questions in order.
    pub fn free_text(&self) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(|q| q.kind == QuestionKind::FreeText)
    }
}
