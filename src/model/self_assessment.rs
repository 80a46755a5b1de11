//! Result structs of the self-assessment: per wave, each statement and theme; reliability;
//! change between waves. Rows come in output order (wave, then theme order, then statement).

use super::results::{FileAccount, RowAccount};
use serde::Serialize;

/// The rating scale as the self-assessment reads it: scores from low to high.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatingPoints {
    /// Scale name (`agreement`, or `scores 1-5` for numbers).
    pub name: String,
    /// (score, label) from the lowest score to the highest.
    pub points: Vec<(i64, String)>,
    /// Score a rating must reach to count as "at or above".
    pub at_least: i64,
}

impl RatingPoints {
    pub fn lowest(&self) -> i64 {
        self.points.first().map_or(1, |p| p.0)
    }

    pub fn highest(&self) -> i64 {
        self.points.last().map_or(5, |p| p.0)
    }

    /// Label of a score (`Agree`, or `4`).
    pub fn label(&self, score: i64) -> String {
        self.points
            .iter()
            .find(|p| p.0 == score)
            .map_or_else(|| score.to_string(), |p| p.1.clone())
    }

    /// `"Agree" or above` / `4 or above`.
    pub fn at_least_words(&self) -> String {
        let label = self.label(self.at_least);
        let label = if label == self.at_least.to_string() {
            label
        } else {
            format!("\"{label}\"")
        };
        if self.at_least == self.highest() {
            label
        } else {
            format!("{label} or above")
        }
    }

    /// `1 (Strongly disagree) to 5 (Strongly agree)` or `1 to 5`.
    pub fn range_words(&self) -> String {
        let end = |s: i64| {
            let l = self.label(s);
            if l == s.to_string() {
                l
            } else {
                format!("{s} ({l})")
            }
        };
        format!("{} to {}", end(self.lowest()), end(self.highest()))
    }
}

/// One wave as read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveInfo {
    pub name: String,
    pub files: Vec<String>,
    /// Members (rows) with at least one rating.
    pub members: u64,
    /// Whether every file of the wave names its members, so they can be matched.
    pub identified: bool,
    /// When its responses were given, where the files date them (`March 2023`); empty when
    /// they do not.
    pub when: String,
}

impl WaveInfo {
    /// `baseline (March 2023)`, or the name alone when the files do not date the wave.
    pub fn dated(&self) -> String {
        if self.when.is_empty() {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.when)
        }
    }
}

/// Enums whose CSV form is a fixed name.
macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            /// The name written in the tables.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
    };
}

named! {
    /// Where a statement stands in its wave: among the highest rated, the lowest, or neither.
    Standing { Neither => "", Strength => "strength", Development => "area for development" }
}

named! {
    /// Whether a change row is about a theme or one statement.
    Scope { Theme => "theme", Statement => "statement" }
}

named! {
    /// The test of a change: paired when members are matched across waves.
    Test {
        /// Nothing to test (no ratings in a wave).
        None => "none",
        SignedRank => "Wilcoxon signed-rank",
        MannWhitney => "Mann-Whitney U",
    }
}

named! {
    /// How a p-value was computed.
    PValueMethod { Exact => "exact", Normal => "normal approximation" }
}

named! {
    /// Size of a rank-biserial correlation, in the bands of [`super::thresholds`].
    EffectSize { Negligible => "negligible", Small => "small", Moderate => "moderate", Large => "large" }
}

named! {
    /// What a change comes to.
    Direction {
        /// Up, at a Holm-adjusted p below the alpha level.
        Improved => "improved",
        Declined => "declined",
        /// A difference that could be chance.
        NoClearChange => "no clear change",
        /// No member's rating changed: nothing to test.
        NoChange => "no change",
        /// Rated in one wave only, or in neither.
        NotTested => "not tested",
    }
}

impl EffectSize {
    pub fn of(r: f64) -> EffectSize {
        use super::thresholds::{EFFECT_LARGE, EFFECT_MODERATE, EFFECT_SMALL};
        match r.abs() {
            x if x < EFFECT_SMALL => EffectSize::Negligible,
            x if x < EFFECT_MODERATE => EffectSize::Small,
            x if x < EFFECT_LARGE => EffectSize::Moderate,
            _ => EffectSize::Large,
        }
    }
}

/// Why a change needs care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Caution {
    /// Members can be matched but none is in both waves: compared as independent groups.
    NoMemberInBothWaves,
    /// Fewer than [`super::thresholds::FEW_MEMBERS`] compared.
    FewCompared(u64),
    /// At most [`super::thresholds::FEW_CHANGED`] members changed their rating.
    FewChanged(u64),
    /// The rating scale's range is an assumption (the files do not state it): the change is
    /// not judged.
    ScaleAssumed,
}

/// Why a theme's alpha means little.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReliabilityCaveat {
    /// One statement: alpha needs two or more.
    OneStatement,
    /// Fewer than [`super::thresholds::FEW_STATEMENTS`] statements.
    FewStatements(u64),
    /// Fewer than two members rated every statement.
    TooFewMembers(u64),
    /// Fewer than [`super::thresholds::FEW_MEMBERS`] members rated every statement.
    FewMembers(u64),
}

/// Statement x wave: one row of `tables/self_assessment_items.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRow {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    pub wave: String,
    pub theme: String,
    pub statement: String,
    /// Members who rated the statement.
    pub n: u64,
    /// Answers that are not ratings ("Don't know").
    pub not_rated: u64,
    /// Ratings at each score, from the lowest score to the highest.
    pub counts: Vec<u64>,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Quartiles (linear interpolation, as numpy's default).
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    /// Percent of ratings at or above the scale's level.
    pub at_least_percent: Option<f64>,
    /// Rank of the mean within the wave, 1 = highest.
    pub rank: Option<u32>,
    pub standing: Standing,
    /// The theme's listwise alpha without this statement.
    pub alpha_if_deleted: Option<f64>,
}

/// Theme x wave: one row of `tables/self_assessment_themes.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeRow {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    pub wave: String,
    pub theme: String,
    pub statements: u64,
    /// Members with a theme score (rated at least half the theme's statements).
    pub members: u64,
    /// Mean of the members' theme scores, with its 95% t interval.
    pub mean: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    /// Percent of members whose theme score is at or above the scale's level.
    pub at_least_percent: Option<f64>,
    /// Members who rated every statement: the base of the listwise alpha.
    pub alpha_members: u64,
    pub alpha_listwise: Option<f64>,
    pub alpha_pairwise: Option<f64>,
    /// Why alpha means little here, if it does (few members, few statements).
    pub reliability: Vec<ReliabilityCaveat>,
}

/// The change in one theme or statement from one wave to a later one: one row of
/// `tables/self_assessment_change.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeRow {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    pub from: String,
    pub to: String,
    pub level: Scope,
    pub theme: String,
    /// Empty for a theme row.
    pub statement: String,
    pub test: Test,
    /// Members compared: matched pairs (signed-rank) or the two samples (Mann-Whitney).
    pub n_from: u64,
    pub n_to: u64,
    pub pairs: u64,
    /// Pairs with no change, dropped before ranking (Wilcoxon's method).
    pub zero_differences: u64,
    pub mean_from: Option<f64>,
    pub mean_to: Option<f64>,
    /// `mean_to - mean_from` (over the pairs, for the signed-rank test).
    pub change: Option<f64>,
    pub statistic: Option<f64>,
    pub z: Option<f64>,
    pub p: Option<f64>,
    /// Holm-adjusted p: across themes for theme rows, across all statements for statement rows.
    pub p_holm: Option<f64>,
    pub p_method: Option<PValueMethod>,
    /// Rank-biserial correlation, positive when ratings rose.
    pub effect: Option<f64>,
    /// Size of `effect`, when there is one.
    pub effect_size: Option<EffectSize>,
    pub direction: Direction,
    /// Why the figures need care (few members), in the order they apply.
    pub cautions: Vec<Caution>,
}

/// A member's theme score in one wave (personal data: written under `internal/`).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct MemberScore {
    pub wave: String,
    pub member: String,
    pub theme: String,
    pub score: f64,
    pub statements_rated: u64,
}

/// Everything the self-assessment folder gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfAssessment {
    pub folder: String,
    pub scale: RatingPoints,
    /// The scale's range is an assumption: change between waves is not headlined.
    pub scale_assumed: bool,
    pub waves: Vec<WaveInfo>,
    /// Themes in output order.
    pub themes: Vec<String>,
    pub items: Vec<ItemRow>,
    pub theme_rows: Vec<ThemeRow>,
    pub changes: Vec<ChangeRow>,
    pub member_scores: Vec<MemberScore>,
    /// `member id`, `name` or empty: how members were matched across waves.
    pub matched_by: String,
    /// Members in every wave.
    pub matched: u64,
    /// Members missing from a wave that names its members (named by file and row in the
    /// data-quality table).
    pub only_in_one_wave: u64,
    pub files: Vec<FileAccount>,
    pub rows: RowAccount,
}

impl SelfAssessment {
    /// A folder that gave no ratings: only its files and rows to account for.
    pub fn empty(folder: &str, files: Vec<FileAccount>, rows: RowAccount) -> SelfAssessment {
        SelfAssessment {
            folder: folder.to_string(),
            scale: RatingPoints {
                name: String::new(),
                points: Vec::new(),
                at_least: 0,
            },
            scale_assumed: false,
            waves: Vec::new(),
            themes: Vec::new(),
            items: Vec::new(),
            theme_rows: Vec::new(),
            changes: Vec::new(),
            member_scores: Vec::new(),
            matched_by: String::new(),
            matched: 0,
            only_in_one_wave: 0,
            files,
            rows,
        }
    }

    /// Whether any member's ratings were read.
    pub fn has_ratings(&self) -> bool {
        !self.items.is_empty()
    }

    /// The theme rows of the change from the first wave to the last whose figures are
    /// published.
    pub fn theme_changes(&self) -> Vec<&ChangeRow> {
        self.theme_changes_all()
            .into_iter()
            .filter(|c| !c.suppressed)
            .collect()
    }

    /// The theme rows of the change from the first wave to the last, suppressed ones too.
    pub fn theme_changes_all(&self) -> Vec<&ChangeRow> {
        let last = self.waves.last().map(|w| w.name.as_str()).unwrap_or("");
        self.changes
            .iter()
            .filter(|c| c.level == Scope::Theme && c.to == last)
            .collect()
    }
}

impl ChangeRow {
    /// Members compared: the pairs for the signed-rank test, else the smaller wave.
    pub fn compared(&self) -> u64 {
        if self.test == Test::SignedRank {
            self.pairs
        } else {
            self.n_from.min(self.n_to)
        }
    }
}
