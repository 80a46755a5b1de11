//! Attendance: the member roster, attendance records matched to it, and the coverage result
//! structs that the report presents.

use super::{FileAccount, RowAccount};
use serde::Serialize;
use std::fmt;

/// The level of a session, in the tiers of "Putting Corporate Parenting into Practice"
/// (NCB 2015): universal (all members), targeted (members with specific roles), specialist
/// (the Lead Member); or a level the records name some other way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    Numbered(u8),
    Named(String),
    /// The records do not say.
    NotGiven,
}

impl Level {
    /// Reads a level as records write it: `1`, `Level 2`, `L3`, `Universal`,
    /// `Targeted responsibility (Level 2)`...; blank is [`Level::NotGiven`].
    pub fn parse(text: &str) -> Level {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return Level::NotGiven;
        }
        if let Some(n) = number_in(&t) {
            return Level::Numbered(n);
        }
        for (word, n) in [("universal", 1), ("targeted", 2), ("specialist", 3)] {
            if t.contains(word) {
                return Level::Numbered(n);
            }
        }
        Level::Named(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// The level named inside a session title (`... Level 2 ...`, `(L1)`), if any.
    pub fn in_title(title: &str) -> Option<u8> {
        let t = title.to_lowercase();
        let words: Vec<&str> = t
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.iter().enumerate().find_map(|(i, w)| {
            let digit = |s: &str| s.parse::<u8>().ok().filter(|n| (1..=3).contains(n));
            if *w == "level" {
                return words.get(i + 1).and_then(|n| digit(n));
            }
            w.strip_prefix("level")
                .or_else(|| w.strip_prefix('l'))
                .and_then(digit)
        })
    }

    pub fn number(&self) -> Option<u8> {
        match self {
            Level::Numbered(n) => Some(*n),
            _ => None,
        }
    }
}

/// `1`, `level 1`, `l1`, `level1`: a level number 1-3 standing alone or after "level"/"l".
fn number_in(t: &str) -> Option<u8> {
    let digit = |s: &str| s.parse::<u8>().ok().filter(|n| (1..=3).contains(n));
    if let Some(n) = digit(t) {
        return Some(n);
    }
    Level::in_title(t)
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::Numbered(1) => f.write_str("Level 1 (universal)"),
            Level::Numbered(2) => f.write_str("Level 2 (targeted)"),
            Level::Numbered(3) => f.write_str("Level 3 (specialist)"),
            Level::Numbered(n) => write!(f, "Level {n}"),
            Level::Named(s) => f.write_str(s),
            Level::NotGiven => f.write_str("level not given"),
        }
    }
}

/// One member of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Name as the roster writes it.
    pub name: String,
    pub id: Option<String>,
    /// Cohort, e.g. the year elected.
    pub cohort: Option<String>,
    pub role: Option<String>,
    /// The highest level of training expected of the member (1 universal, 2 targeted,
    /// 3 specialist); `None` when the roster has no level column.
    pub level: Option<u8>,
}

impl Member {
    /// Whether the member is expected to attend sessions of `level`: every member for level
    /// 1, for a level the records name otherwise, or when the roster gives no levels; a
    /// member whose roster level is at least n for level n (a member with no level in a
    /// roster that has the column is level 1).
    pub fn expected_at(&self, level: &Level, roster_has_levels: bool) -> bool {
        match (level, roster_has_levels) {
            (Level::Numbered(n), true) => self.level.unwrap_or(1) >= *n,
            _ => true,
        }
    }
}

/// What a coverage row breaks members down by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Breakdown {
    #[default]
    AllMembers,
    Cohort,
    Role,
    /// Members by the number of sessions they attended.
    SessionsPerMember,
}

impl Breakdown {
    /// The name written in the tables.
    pub fn name(self) -> &'static str {
        match self {
            Breakdown::AllMembers => "all members",
            Breakdown::Cohort => "cohort",
            Breakdown::Role => "role",
            Breakdown::SessionsPerMember => "sessions per member",
        }
    }
}

impl Serialize for Breakdown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The `level` of coverage over sessions of every level.
pub const ANY_LEVEL: &str = "any level";
/// The `group` of the all-members rows.
pub const ALL_MEMBERS: &str = "all members";
/// The group of members whose cohort or role the roster leaves blank.
pub const NOT_GIVEN: &str = "not given";

/// One row of `tables/attendance_coverage.csv`: "k out of n members (p%)".
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CoverageRow {
    /// The group is under the disclosure threshold (or would give one away): its figures
    /// are zeroed and shown as `[c]`.
    #[serde(skip)]
    pub suppressed: bool,
    pub breakdown: Breakdown,
    /// The cohort or role (`all members` for the overall row; the number of sessions for
    /// `sessions per member`).
    pub group: String,
    /// [`ANY_LEVEL`], or a level: sessions counted.
    pub level: String,
    /// Members of the group who attended at least one session of the level (for
    /// `sessions per member`: members who attended exactly that many).
    pub attended: u64,
    /// Members of the group expected at the level: the base.
    pub members: u64,
    pub percent: Option<f64>,
    /// Wilson 95% interval of `percent`.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Target in percent (empty for `sessions per member`).
    pub target: Option<f64>,
}

/// One row of `tables/attendance_sessions.csv`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SessionRow {
    /// Fewer attendees than the disclosure threshold: who they were (on the roster or not)
    /// is not published.
    #[serde(skip)]
    pub suppressed: bool,
    pub session: String,
    /// ISO date, when the records give one.
    pub date: Option<String>,
    pub level: String,
    /// Distinct people recorded as attending.
    pub attendees: u64,
    /// Of them, members on the roster.
    pub on_roster: u64,
    /// Of them, people the roster does not list (reported, not dropped).
    pub not_on_roster: u64,
    /// Members expected at the session's level: the base of `percent`.
    pub expected: u64,
    /// Roster members attending, in percent of `expected`.
    #[serde(rename = "percent_of_expected")]
    pub percent: Option<f64>,
}

/// A member not yet trained at a level: one row of the internal list (personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Untrained {
    pub level: String,
    pub member: String,
    pub id: String,
    pub cohort: String,
    pub role: String,
    /// Sessions the member attended at any level.
    pub sessions_attended: u64,
    /// Date of the member's last recorded session at any level, if any.
    pub last_attended: String,
}

/// Everything the attendance part of a run found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attendance {
    /// Roster file, relative to the input folder.
    pub roster_file: String,
    /// Members on the roster.
    pub members: u64,
    /// The roster's heading of the cohort column (e.g. `Elected`), if it has one.
    pub cohort_heading: Option<String>,
    /// Whether the roster says which level each member is expected to reach.
    pub roster_has_levels: bool,
    /// Coverage rows: all members first, then by level, cohort, role; sessions per member last.
    pub coverage: Vec<CoverageRow>,
    /// Sessions by date, then name.
    pub sessions: Vec<SessionRow>,
    /// Members not yet trained, by level, then in roster order.
    pub untrained: Vec<Untrained>,
    /// Attendances (session, person) of people the roster does not list, each counted once.
    pub not_on_roster: u64,
    /// Roster and record files with their rows.
    pub files: Vec<FileAccount>,
    /// Rows of all attendance files: `read == used + rejected`.
    pub rows: RowAccount,
    /// Whether the names of untrained members go into the briefing.
    pub name_untrained_in_briefing: bool,
    /// The date coverage of lapsing training is measured at, when some training lapses.
    pub in_date_at: Option<String>,
    /// Completions of lapsing training out of date at `in_date_at` (personal data: internal).
    pub lapsed: Vec<Lapsed>,
    /// Per session: members exempt from it, left out of its denominator.
    pub exempt: Vec<(String, u64)>,
}

/// A member's completion of lapsing training that is out of date: one row of the internal
/// list (personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Lapsed {
    pub session: String,
    pub member: String,
    /// When the member completed it, if the records say.
    pub completed: String,
    /// The last day it was in date.
    pub valid_until: String,
}

impl Attendance {
    /// Whether the council set a coverage target (`[attendance] target`): without one,
    /// coverage is reported without a target anywhere.
    pub fn has_targets(&self) -> bool {
        self.coverage.iter().any(|r| r.target.is_some())
    }

    /// What the cohort column is about, for headings: `year elected` for a column headed
    /// Elected (or Year elected...), else its heading in lower case.
    pub fn cohort_name(&self) -> String {
        let heading = self
            .cohort_heading
            .as_deref()
            .unwrap_or("cohort")
            .to_lowercase();
        if heading.contains("elect") {
            "year elected".into()
        } else {
            heading
        }
    }

    /// The attendance part of a run whose roster could not be read: only the files.
    pub fn without_roster(files: Vec<FileAccount>, rows: RowAccount) -> Attendance {
        Attendance {
            roster_file: String::new(),
            members: 0,
            cohort_heading: None,
            roster_has_levels: false,
            coverage: Vec::new(),
            sessions: Vec::new(),
            untrained: Vec::new(),
            not_on_roster: 0,
            files,
            rows,
            name_untrained_in_briefing: false,
            in_date_at: None,
            lapsed: Vec::new(),
            exempt: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_read_as_records_write_them() {
        for (text, n) in [
            ("1", 1),
            ("Level 2", 2),
            ("L3", 3),
            ("level1", 1),
            ("Universal", 1),
            ("Targeted responsibility (Level 2)", 2),
            ("Specialist", 3),
        ] {
            assert_eq!(Level::parse(text), Level::Numbered(n), "{text}");
        }
        assert_eq!(Level::parse("  "), Level::NotGiven);
        assert_eq!(
            Level::parse("Refresher  course"),
            Level::Named("Refresher course".into())
        );
        assert_eq!(Level::in_title("Corporate parenting (Level 2)"), Some(2));
        assert_eq!(Level::in_title("Induction L1 2016"), Some(1));
        assert_eq!(Level::in_title("Levelling up briefing 4"), None);
    }

    #[test]
    fn members_are_expected_at_their_level_and_below() {
        let m = |level| Member {
            name: "A".into(),
            id: None,
            cohort: None,
            role: None,
            level,
        };
        assert!(m(Some(2)).expected_at(&Level::Numbered(2), true));
        assert!(!m(Some(2)).expected_at(&Level::Numbered(3), true));
        assert!(m(None).expected_at(&Level::Numbered(1), true));
        assert!(!m(None).expected_at(&Level::Numbered(2), true));
        assert!(m(None).expected_at(&Level::Numbered(3), false));
        assert!(m(Some(1)).expected_at(&Level::Named("Refresher".into()), true));
    }
}
