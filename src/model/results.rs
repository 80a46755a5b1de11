//! Result structs: what the computing stages hand to the presenting ones. Plain fields,
//! serialisable, in a fixed order so output never changes between runs.

use serde::Serialize;
use std::sync::Arc;

/// One row of `tables/likert_counts.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct OptionCount {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    /// `overall` or a session name.
    pub group: String,
    pub question: String,
    pub option: String,
    /// 1-based position in scale order.
    pub position: u32,
    pub count: u64,
    /// Percent of all matched answers to the question in the group (`n`); empty when n is 0.
    pub percent: Option<f64>,
}

/// One row of `tables/likert_summary.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct QuestionSummary {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    pub group: String,
    pub question: String,
    /// Answers that matched an option, substantive or not.
    pub n: u64,
    /// Answers on substantive options: the base of the mean and the top-2 share.
    pub n_substantive: u64,
    /// Of them, answers on the favourable options (the numerator of `top2_percent`; 0 where
    /// the scale has no favourable share).
    #[serde(skip)]
    pub n_favourable: u64,
    /// Mean score over substantive answers (k = most favourable of k options, 1 = least).
    pub mean: Option<f64>,
    /// Percent of substantive answers on the two most favourable options.
    pub top2_percent: Option<f64>,
    /// Wilson 95% interval of `top2_percent`.
    pub top2_ci_low: Option<f64>,
    pub top2_ci_high: Option<f64>,
}

/// One row of `tables/multi_select.csv`: how many respondents ticked an option.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ChoiceCount {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    /// `overall` or a session name.
    pub group: String,
    pub question: String,
    pub option: String,
    /// 1-based position in the question's option list.
    pub position: u32,
    /// Respondents who ticked the option.
    pub respondents: u64,
    /// Respondents who ticked anything for the question: the base of the percent.
    pub base: u64,
    /// Percent of `base`; empty when the base is 0. Options add up to more than 100%.
    pub percent: Option<f64>,
}

/// One session's favourable share on a rated question against the other sessions' together:
/// one row of `tables/session_differences.csv`. Only sessions whose figures are published
/// are compared, and "the others" are published sessions only, so no row reveals a
/// suppressed one.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SessionDifference {
    pub question: String,
    pub session: String,
    /// The session's answers on favourable options, and its substantive answers.
    pub favourable: u64,
    pub answered: u64,
    pub percent: f64,
    /// The same for the other sessions together.
    pub others_favourable: u64,
    pub others_answered: u64,
    pub others_percent: f64,
    /// `percent - others_percent`, in percentage points, with its 95% interval (Newcombe's
    /// hybrid score method).
    pub difference: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// Fisher's exact test of the session against the others (two-sided), and the same
    /// adjusted by Holm's method across every question and session of the run.
    pub p_exact: f64,
    pub p_holm: f64,
    /// The Holm-adjusted p is below the alpha level: the session stands apart beyond chance.
    pub beyond_chance: bool,
    /// Fewer than [`super::thresholds::FEW_RESPONSES`] answers in the session: one answer
    /// moves its share by more than ten points.
    pub few: bool,
}

/// One row of `tables/free_text.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct FreeTextAnswer {
    /// The session the answer came from (one copy shared by all its answers).
    pub group: Arc<str>,
    /// The question (one copy shared by all its answers).
    pub question: Arc<str>,
    pub respondent: String,
    pub text: String,
}

/// An answer to a Likert question that fits no option of its scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct UnmatchedAnswer {
    pub file: String,
    pub sheet: String,
    pub row: usize,
    pub column: String,
    pub question: String,
    pub answer: String,
    pub scale: String,
    pub nearest_option: String,
}

/// Whether a file was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "lowercase")]
pub enum FileStatus {
    Read,
    Failed(String),
    /// An entry of the input folder that is not read (a folder, a broken link, another kind of
    /// file), with the reason.
    Skipped(String),
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileAccount {
    /// Path relative to the input folder.
    pub file: String,
    pub sha256: String,
    pub bytes: u64,
    #[serde(flatten)]
    pub status: FileStatus,
    pub sheet: Option<String>,
    /// 1-based row of the header in the sheet.
    pub header_row: Option<usize>,
    pub rows: RowAccount,
}

/// Row accounting: `read == used + rejected` always holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RowAccount {
    /// Data rows below the header.
    pub read: u64,
    /// Rows with at least one answer.
    pub used: u64,
    /// Rows with no answer to any question (each has a diagnostic saying so).
    pub rejected: u64,
}

impl RowAccount {
    pub fn add(&mut self, other: RowAccount) {
        self.read += other.read;
        self.used += other.used;
        self.rejected += other.rejected;
    }

    pub fn balances(&self) -> bool {
        self.read == self.used + self.rejected
    }
}

/// Everything a run found, ready to present.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Name of the input folder (the cycle being evaluated).
    pub name: String,
    pub survey: super::Survey,
    /// Sessions in output order, with the respondents (used response rows) of each; a session
    /// known only from tally sheets has 0.
    pub sessions: Vec<(String, u64)>,
    /// Answers counted from tally sheets, per session (they have no respondents).
    pub tallied: Vec<(String, u64)>,
    pub counts: Vec<OptionCount>,
    pub choices: Vec<ChoiceCount>,
    pub summaries: Vec<QuestionSummary>,
    /// Every free-text answer, redacted.
    pub free_text: Vec<FreeTextAnswer>,
    /// Whether free text was redacted (the default).
    pub redaction: bool,
    /// Answers in which redaction replaced something.
    pub redacted: u64,
    /// Codebook themes per group and question.
    pub themes: Vec<super::ThemeCount>,
    pub keywords: Vec<super::Keyword>,
    pub quotes: Vec<super::Quote>,
    /// Free-text answers that carry no theme.
    pub uncoded: Vec<FreeTextAnswer>,
    pub files: Vec<FileAccount>,
    pub rows: RowAccount,
    pub diagnostics: Vec<super::Diagnostic>,
    pub unmatched: Vec<UnmatchedAnswer>,
    /// Attendance coverage, when the input folder has attendance records.
    pub attendance: Option<super::Attendance>,
    /// Self-assessment figures, when the input folder has self-assessment exports.
    pub self_assessment: Option<super::SelfAssessment>,
    /// The groups whose figures are suppressed (empty until `crate::disclosure` has run).
    pub protection: super::Protection,
    /// Each published session against the others (computed once the figures are protected,
    /// from the published summaries; empty before).
    pub session_differences: Vec<SessionDifference>,
}

impl Evaluation {
    /// Respondents in all sessions together.
    pub fn respondents(&self) -> u64 {
        self.sessions.iter().map(|(_, n)| n).sum()
    }

    /// Answers taken from tally sheets, in all sessions together.
    pub fn tallied_answers(&self) -> u64 {
        self.tallied.iter().map(|(_, n)| n).sum()
    }

    /// Evaluation files, then attendance files, then self-assessment files.
    pub fn all_files(&self) -> impl Iterator<Item = &FileAccount> {
        self.files
            .iter()
            .chain(self.attendance.iter().flat_map(|a| a.files.iter()))
            .chain(self.self_assessment.iter().flat_map(|a| a.files.iter()))
    }

    /// Files that were read (evaluation, attendance and self-assessment).
    pub fn read_files(&self) -> usize {
        self.all_files()
            .filter(|f| f.status == FileStatus::Read)
            .count()
    }

    /// Files that could not be read (evaluation, attendance and self-assessment).
    pub fn failed_files(&self) -> usize {
        self.all_files()
            .filter(|f| matches!(f.status, FileStatus::Failed(_)))
            .count()
    }
}
