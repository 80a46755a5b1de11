//! The shared vocabulary: tidy-table column names (defined here and nowhere else), our own
//! [`Cell`], scales, the resolved survey, diagnostics and the result structs that are the
//! contract between computing and presenting. No I/O and no outside crate types leak in.

mod attendance;
mod cell;
mod cycles;
mod diagnostic;
mod disclosure;
pub mod names;
mod paper;
mod results;
mod scale;
mod self_assessment;
mod survey;
mod themes;
pub mod thresholds;

pub use attendance::{
    Attendance, Breakdown, CoverageRow, Lapsed, Level, Member, SessionRow, Untrained, ALL_MEMBERS,
    ANY_LEVEL, NOT_GIVEN,
};
pub use cell::{Cell, CellText};
pub use cycles::{Change, Comparison, Cycle, QuestionTrend};
pub use diagnostic::{column_letter, Check, Diagnostic, Severity};
pub use disclosure::{
    Disclosure, Protection, Reason, Suppressed, ALL_SESSIONS, COMMENTS, CONFIDENTIAL,
    DEFAULT_THRESHOLD, SESSION,
};
pub use paper::Paper;
pub use results::{
    ChoiceCount, Evaluation, FileAccount, FileStatus, FreeTextAnswer, OptionCount, QuestionSummary,
    RowAccount, SessionDifference, UnmatchedAnswer,
};
pub use scale::{
    builtin_scales, code_scale, default_favourable, derived_sentiments, edit_distance,
    is_tick_mark, is_untick, label_key, labelled_number, Scale, ScaleKind, ScaleOption,
};
pub use self_assessment::{
    Caution, ChangeRow, Direction, EffectSize, ItemRow, MemberScore, PValueMethod, RatingPoints,
    ReliabilityCaveat, Scope, SelfAssessment, Standing, Test, ThemeRow, WaveInfo,
};
pub use survey::{Question, QuestionKind, Survey};
pub use themes::{Keyword, Quote, ThemeCount, NO_THEME};

/// The tidy table as a run hands it off (`internal/`), and as a later cycle reads it back.
pub mod handoff {
    /// Path in the report folder.
    pub const PATH: &str = "internal/PERSONAL-DATA_responses.parquet";
    /// The Parquet footer's key for the version of the columns.
    pub const SCHEMA_KEY: &str = "evalboard.tidy_schema";
    /// Version of the columns (README, "The tidy table"); raised when a column is added,
    /// renamed or changes meaning. 2: `cycle`, `session_date`, `question_id`, `scale`,
    /// `score` and `favourable` added. 3: `council` added.
    pub const SCHEMA_VERSION: &str = "3";
    /// Versions a later cycle can be compared with: each holds the columns the comparison
    /// reads (`cycle`, `question`, `favourable`, `weight`).
    pub const COMPARABLE: [&str; 2] = ["2", "3"];
}

/// A count as a committee paper writes it: `30,000`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `3 members`, `1 member`, `1,000 sessions`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", count(n), if n == 1 { one } else { many })
}

/// `k` of `n` as a whole percentage, as committee papers and their charts write it: `68%`. A
/// share that is not all is never shown as 100%, and one that is not none never as 0%.
pub fn whole_percent(k: u64, n: u64) -> String {
    if n == 0 {
        return "-".into();
    }
    let exact = 100.0 * k as f64 / n as f64;
    let mut whole = exact.round() as u64;
    if k < n {
        whole = whole.min(99);
    }
    if k > 0 {
        whole = whole.max(1);
    }
    format!("{whole}%")
}

/// The first item with the largest (or smallest) value: of items tied, the one met first, as
/// every summary, chart and alt text names it. Values equal to 1e-9 are ties, so that two sums
/// of the same counts (98.19819819819820 and ...21) are one value.
pub fn first_extreme<T>(items: &[T], by: impl Fn(&T) -> f64, largest: bool) -> Option<&T> {
    let mut best: Option<&T> = None;
    for item in items {
        let better = match best {
            None => true,
            Some(b) if largest => by(item) > by(b) + 1e-9,
            Some(b) => by(item) < by(b) - 1e-9,
        };
        if better {
            best = Some(item);
        }
    }
    best
}

/// Names joined as a reader says them: `A`, `A and B`, `A, B and C`.
pub fn and_list<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `text` with its first letter in upper case (`baseline` -> `Baseline`).
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Column names of the tidy long table and of the frames derived from it.
pub mod col {
    /// Source file name, relative to the input folder.
    pub const FILE: &str = "file";
    /// Sheet name (`csv` for CSV files).
    pub const SHEET: &str = "sheet";
    /// 1-based row number in the sheet, as a spreadsheet user would see it.
    pub const ROW: &str = "row";
    /// Training session the response belongs to.
    pub const SESSION: &str = "session";
    /// Respondent id within the session.
    pub const RESPONDENT: &str = "respondent";
    /// Question label (display form).
    pub const QUESTION: &str = "question";
    /// `likert`, `multi_select` or `free_text`.
    pub const KIND: &str = "kind";
    /// The answer exactly as given in the file.
    pub const ANSWER: &str = "answer";
    /// Canonical scale option the answer matched (null when it matched none, or for free text).
    pub const OPTION: &str = "option";
    /// 1-based position of the option in scale order.
    pub const POSITION: &str = "position";
    /// Whether the option counts towards means and top-box bases.
    pub const SUBSTANTIVE: &str = "substantive";
    /// How many answers the row stands for: 1 for a respondent's answer, the count for a row
    /// of a tally sheet (already counted by hand).
    pub const WEIGHT: &str = "weight";

    // Derived frames.
    /// `overall` or a session name.
    pub const GROUP: &str = "group";
    /// Sort key of a group (overall first, then sessions in name order).
    pub const GROUP_ORDER: &str = "group_order";
    /// Sort key of a question (order of first appearance).
    pub const QUESTION_ORDER: &str = "question_order";
    /// Number of answers.
    pub const COUNT: &str = "count";
    /// Score of a substantive option: k for the most favourable of k options, down to 1.
    pub const SCORE: &str = "score";
    /// Whether the option counts in the favourable share (the "top two"; see
    /// [`crate::model::Scale::is_favourable`]).
    pub const TOP2: &str = "top2";
    pub const N: &str = "n";
    pub const N_SUBSTANTIVE: &str = "n_substantive";
    pub const SCORE_SUM: &str = "score_sum";
    pub const N_TOP2: &str = "n_top2";

    /// Values of [`KIND`].
    pub const KIND_LIKERT: &str = "likert";
    pub const KIND_FREE_TEXT: &str = "free_text";
    pub const KIND_MULTI_SELECT: &str = "multi_select";
    pub const KIND_CATEGORY: &str = "category";
    /// The [`GROUP`] value of the all-sessions group.
    pub const OVERALL: &str = "overall";
}
