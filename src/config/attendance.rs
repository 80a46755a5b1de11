//! The `[attendance]` table of `evalboard.toml`: where the member roster and the attendance
//! records are, and the coverage targets. Every key is optional; without the table the
//! defaults below apply, so a folder `attendance/` beside the evaluation exports is enough.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Folder, inside the input folder, that holds the roster and the attendance records.
pub const DEFAULT_FOLDER: &str = "attendance";

/// Words that make a file in the attendance folder the roster, when `roster` is not given,
/// in order of preference.
pub const ROSTER_WORDS: [&str; 2] = ["roster", "members"];

/// Attendance settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceDef {
    /// Folder inside the input folder. Default: `attendance`.
    #[serde(default = "default_folder")]
    pub folder: String,
    /// File name of the member roster inside that folder. Default: the one file whose name
    /// contains "roster" (or, when none does, "members").
    pub roster: Option<String>,
    /// Coverage target in percent, when the council has set one: shown beside coverage and
    /// drawn as a line on the coverage chart. Default: none (coverage is reported without a
    /// target).
    pub target: Option<f64>,
    /// Targets for particular levels, by level number (`"1" = 100`). Default: `target`.
    #[serde(default)]
    pub targets: BTreeMap<String, f64>,
    /// Put the names of members not yet trained into the briefing (they always go to
    /// `internal/`, which is marked as personal data). Default: false.
    #[serde(default)]
    pub name_untrained_in_briefing: bool,
    /// Training that lapses: months a completion stays in date, by course name or pattern
    /// (`*` for any text), e.g. `"Safeguarding*" = 12`. Coverage of such a course counts only
    /// completions in date. Default: none lapses.
    #[serde(default)]
    pub valid_for_months: BTreeMap<String, u32>,
    /// The date coverage of lapsing training is measured at (`YYYY-MM-DD`). Default: the
    /// latest completion date in the records.
    pub as_of: Option<String>,
}

fn default_folder() -> String {
    DEFAULT_FOLDER.to_string()
}

impl Default for AttendanceDef {
    fn default() -> Self {
        AttendanceDef {
            folder: default_folder(),
            roster: None,
            target: None,
            targets: BTreeMap::new(),
            name_untrained_in_briefing: false,
            valid_for_months: BTreeMap::new(),
            as_of: None,
        }
    }
}

impl AttendanceDef {
    /// The months a completion of `course` stays in date, when its training lapses.
    pub fn valid_for(&self, course: &str) -> Option<u32> {
        let key = crate::model::label_key(course);
        self.valid_for_months
            .iter()
            .find(|(p, _)| crate::config::definition::glob(&crate::model::label_key(p), &key))
            .map(|(_, m)| *m)
    }

    /// Target in percent for a numbered level (or for coverage at any level: `None`), when
    /// one is set.
    pub fn target_for(&self, level: Option<u8>) -> Option<f64> {
        level
            .and_then(|l| self.targets.get(&l.to_string()))
            .copied()
            .or(self.target)
    }

    /// A problem with the values (the keys are checked by serde): the message and fix.
    pub fn problem(&self) -> Option<String> {
        let bad = |t: f64| !(0.0..=100.0).contains(&t);
        if let Some(t) = self.target.filter(|t| bad(*t)) {
            return Some(format!(
                "attendance target {t} is not a percentage; give a number from 0 to 100"
            ));
        }
        for (level, t) in &self.targets {
            if !matches!(level.as_str(), "1" | "2" | "3") {
                return Some(format!("attendance target for level '{level}': levels are \"1\" (universal), \"2\" (targeted) and \"3\" (specialist)"));
            }
            if bad(*t) {
                return Some(format!(
                    "attendance target {t} for level {level} is not a percentage; give a number from 0 to 100"
                ));
            }
        }
        if let Some(d) = &self.as_of {
            let ok = d.len() == 10
                && d.as_bytes()[4] == b'-'
                && d.as_bytes()[7] == b'-'
                && d.bytes()
                    .enumerate()
                    .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
            if !ok {
                return Some(format!(
                    "attendance as_of '{d}' is not a date written YYYY-MM-DD (e.g. \"2024-03-31\")"
                ));
            }
        }
        if let Some((course, _)) = self.valid_for_months.iter().find(|(_, m)| **m == 0) {
            return Some(format!(
                "valid_for_months for '{course}' is 0; give the months a completion stays in date (12 for annual training)"
            ));
        }
        if self.folder.contains("..") || std::path::Path::new(&self.folder).is_absolute() {
            return Some(format!(
                "attendance folder '{}' must be a folder inside the input folder",
                self.folder
            ));
        }
        None
    }
}
