//! The validated settings of a run, built by the command line, and the survey definition read
//! from TOML. Nothing else in the program looks at flags.

pub mod attendance;
pub mod definition;
pub mod limits;
pub mod report;
pub mod self_assessment;
pub mod text;
pub mod write;

pub use attendance::AttendanceDef;
pub use definition::{Definition, Loaded};
pub use limits::LimitsDef;
pub use report::ReportDef;
pub use self_assessment::{SaThemeDef, SelfAssessmentDef};
pub use text::{TextDef, ThemeDef};

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folder holding the exports of one training cycle.
    pub input: PathBuf,
    /// Folder the report is written to (replaced as a whole).
    pub report_dir: PathBuf,
    /// Draw charts (PNG and SVG). Default: true.
    #[serde(default = "yes")]
    pub charts: bool,
    /// Treat warnings (rejected rows, answers outside a scale) as failures. Default: false.
    #[serde(default)]
    pub strict: bool,
    /// Worker threads; `None` uses every core.
    #[serde(default)]
    pub threads: Option<usize>,
    /// Report folders of earlier cycles to compare with, oldest first.
    #[serde(default)]
    pub compare: Vec<PathBuf>,
}

fn yes() -> bool {
    true
}

impl Config {
    /// Settings for `input`, with the report in `reports_root/<input folder name>/`.
    pub fn new(input: &Path, reports_root: &Path) -> Config {
        Config {
            input: input.to_path_buf(),
            report_dir: reports_root.join(folder_name(input)),
            charts: true,
            strict: false,
            threads: None,
            compare: Vec::new(),
        }
    }
}

/// The name of a folder as the user knows it, also for `.` or a path ending in `/`.
pub fn folder_name(path: &Path) -> String {
    let named = path.file_name().map(|n| n.to_string_lossy().into_owned());
    named
        .or_else(|| {
            std::fs::canonicalize(path)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| "report".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_goes_under_the_input_folder_name() {
        let c = Config::new(Path::new("input/"), Path::new("reports"));
        assert_eq!(c.report_dir, Path::new("reports").join("input"));
        assert!(c.charts && !c.strict);
    }
}
