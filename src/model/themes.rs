//! Free-text analysis results: themes per question, distinctive words, quotes.

use serde::Serialize;

/// One row of `tables/themes.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ThemeCount {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    /// `overall` or a session name.
    pub group: String,
    pub question: String,
    /// A codebook theme, or [`NO_THEME`] for comments that matched none.
    pub theme: String,
    /// Respondents whose comment carries the theme.
    pub respondents: u64,
    /// Respondents who answered the question in the group: the base of `share`.
    #[serde(skip)]
    pub answered: u64,
    /// Percent of `answered`. A comment may carry several themes, so shares add up to more
    /// than 100%.
    pub share: Option<f64>,
}

/// The `theme` of comments that matched no theme of the codebook.
pub const NO_THEME: &str = "(no theme)";

/// One row of `tables/keywords.csv`: a word or two-word phrase distinctive of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Keyword {
    pub question: String,
    /// The most common written form of the (stemmed) term.
    pub term: String,
    /// `word` or `phrase`.
    pub kind: String,
    /// Respondents to the question who used it.
    pub respondents: u64,
    /// TF-IDF score across the free-text questions (higher = more distinctive).
    pub score: f64,
}

/// One row of `tables/quotes.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Quote {
    pub question: String,
    pub theme: String,
    /// 1 for the first quote of the theme.
    pub rank: u32,
    /// Session of the comment.
    pub group: String,
    pub respondent: String,
    /// The comment, redacted.
    pub text: String,
}
