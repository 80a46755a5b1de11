//! The `[self_assessment]` table of `evalboard.toml`: where the self-assessment exports are,
//! which wave each belongs to, the rating scale, and which statements make up each theme.
//! Every key is optional; without the table a folder `self_assessment/` beside the
//! evaluation exports is read with the defaults below.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Folder, inside the input folder, that holds the self-assessment exports.
pub const DEFAULT_FOLDER: &str = "self_assessment";

/// Waves, in time order, when the definition does not list them.
pub const DEFAULT_WAVES: [&str; 2] = ["baseline", "review"];

/// The themes of the LGA's effective children's scrutiny self-assessment, in its order.
pub const DEFAULT_THEMES: [&str; 6] = [
    "Knowledge of Children's Services",
    "The role of children's scrutiny",
    "Work programming and planning",
    "Demonstrating value and influence",
    "Engagement and working with others",
    "Creating a strong organisational culture",
];

/// Self-assessment settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessmentDef {
    /// Folder inside the input folder. Default: `self_assessment`.
    #[serde(default = "default_folder")]
    pub folder: String,
    /// Wave names in time order; change is measured from the first to each later wave.
    /// Default: `["baseline", "review"]`.
    #[serde(default = "default_waves")]
    pub waves: Vec<String>,
    /// The wave of particular files, by file name (`"March 2023.xlsx" = "baseline"`).
    /// Default: the wave whose name the file name contains, a `Wave` column, before and after
    /// in one row, else the files' own dates (see `self_assessment::waves`).
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// Rating scale: the name of a `[[scale]]` or built-in scale (e.g. `agreement`).
    /// Default: words by the built-in scale they fit; whole numbers as scores, on the range the
    /// headers state, the end labels give, or the shortest standard range holding them (see
    /// `self_assessment::rating`).
    pub scale: Option<String>,
    /// The option (or, for number ratings, the score) a rating must reach to count in the
    /// "share at or above" figures, e.g. `"Agree"` or `"4"`. Default: the second most
    /// favourable option (4 on a 1-5 scale).
    pub at_least: Option<String>,
    /// Header of the column that identifies a member across waves. Default: a column headed
    /// Member ID, Member number, Email... else the name column.
    pub member: Option<String>,
    /// Themes and their statements. Default: the theme named in each statement's header
    /// (`Theme [Statement]`, `Theme - Statement` or `Theme: Statement`), the six built-in
    /// themes first in their usual order.
    #[serde(default, rename = "theme")]
    pub themes: Vec<SaThemeDef>,
}

/// One theme: its name and the headers of its statements.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaThemeDef {
    pub name: String,
    /// Statement headers, or patterns where `*` stands for any text. Matched ignoring case,
    /// spacing and trailing punctuation.
    pub statements: Vec<String>,
}

fn default_folder() -> String {
    DEFAULT_FOLDER.to_string()
}

fn default_waves() -> Vec<String> {
    DEFAULT_WAVES.iter().map(|w| w.to_string()).collect()
}

impl Default for SelfAssessmentDef {
    fn default() -> Self {
        SelfAssessmentDef {
            folder: default_folder(),
            waves: default_waves(),
            files: BTreeMap::new(),
            scale: None,
            at_least: None,
            member: None,
            themes: Vec::new(),
        }
    }
}

impl SelfAssessmentDef {
    /// A problem with the values (the keys are checked by serde): the message and fix.
    pub fn problem(&self) -> Option<String> {
        let key = |s: &str| crate::model::label_key(s);
        if self.waves.is_empty() {
            return Some("self_assessment `waves` is empty; list the waves in time order, e.g. [\"baseline\", \"review\"]".into());
        }
        for (i, w) in self.waves.iter().enumerate() {
            if self.waves[..i].iter().any(|o| key(o) == key(w)) {
                return Some(format!(
                    "self_assessment wave '{w}' is listed twice; give each wave once"
                ));
            }
        }
        for (file, wave) in &self.files {
            if !self.waves.iter().any(|w| key(w) == key(wave)) {
                return Some(format!(
                    "self_assessment file '{file}' is given wave '{wave}', which is not in `waves` ({}); add it there or correct it",
                    self.waves.join(", ")
                ));
            }
        }
        for (i, t) in self.themes.iter().enumerate() {
            if t.statements.is_empty() {
                return Some(format!(
                    "self_assessment theme '{}' lists no statements; give the headers of its statements",
                    t.name
                ));
            }
            if self.themes[..i]
                .iter()
                .any(|o| key(&o.name) == key(&t.name))
            {
                return Some(format!(
                    "self_assessment theme '{}' is defined twice; list all its statements under one [[self_assessment.theme]]",
                    t.name
                ));
            }
        }
        if self.folder.contains("..") || std::path::Path::new(&self.folder).is_absolute() {
            return Some(format!(
                "self_assessment folder '{}' must be a folder inside the input folder",
                self.folder
            ));
        }
        None
    }
}
