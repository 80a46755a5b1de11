//! The one error type. Every variant that concerns user data names the file (and where it
//! applies the sheet, row and column) and, where there is one, the remedy. Problems that do
//! not stop a file being read are not errors but [`crate::model::Diagnostic`]s.

use std::path::PathBuf;

/// Everything that can stop a file, or the whole run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("input folder {} does not exist or is not a folder; pass the folder that holds the exports", .0.display())]
    NoInputFolder(PathBuf),

    #[error("input folder {} holds no spreadsheet exports (looked for .xlsx, .xlsm, .xlsb, .xls, .ods and .csv)", .0.display())]
    NoInputs(PathBuf),

    #[error("{file}: {source}")]
    File { file: String, source: FileError },

    #[error("earlier cycle {}: {reason}", .dir.display())]
    EarlierCycle { dir: PathBuf, reason: String },

    #[error(transparent)]
    Definition(#[from] DefinitionError),

    #[error("{} already exists; edit it, or pass --force to replace it with a freshly inferred one", .0.display())]
    Exists(PathBuf),

    #[error("the report folder {} is, holds or is inside the input folder {}: writing it would replace or mix with the exports; choose another folder with --out", report.display(), input.display())]
    ReportOverlapsInput { report: PathBuf, input: PathBuf },

    #[error("{} exists and is not a folder: the report folder cannot go there; move it or choose another folder with --out", .0.display())]
    ReportNotAFolder(PathBuf),

    #[error("no file in {} could be read, so nothing was inferred and no evalboard.toml was written: {reasons}", folder.display())]
    NothingRead { folder: PathBuf, reasons: String },

    #[error("the attendance folder {} named in evalboard.toml does not exist; create it with the member roster and the attendance records, or fix `folder` under [attendance]", .0.display())]
    NoAttendanceFolder(PathBuf),

    #[error("the self-assessment folder {} named in evalboard.toml does not exist; create it with one export per wave, or fix `folder` under [self_assessment]", .0.display())]
    NoSelfAssessmentFolder(PathBuf),

    #[error("{} has no evalboard.toml to validate; write one with `evalboard init {}`", .0.display(), .0.display())]
    NoDefinition(PathBuf),

    #[error("building the {what} table failed: {source}")]
    Table {
        what: &'static str,
        source: polars::error::PolarsError,
    },

    #[error("drawing chart '{chart}' failed: {reason}")]
    Chart { chart: String, reason: String },

    #[error("packing the document '{document}' failed: {reason}")]
    Document { document: String, reason: String },

    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Error {
    /// Wraps a polars failure with the name of the table being built.
    pub fn table(what: &'static str) -> impl FnOnce(polars::error::PolarsError) -> Error {
        move |source| Error::Table { what, source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A survey definition that cannot be used: where it is wrong and how to fix it, and every
/// other problem found in the same pass (so that one call of `validate` lists them all).
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionError {
    pub file: String,
    /// 1-based line, when the problem is at one place in the file.
    pub line: Option<usize>,
    /// What is wrong and the fix.
    pub message: String,
    /// The other problems, in file order.
    pub also: Vec<DefinitionError>,
}

impl DefinitionError {
    /// `Ok` when there is no problem; else the first, carrying the others.
    pub fn all(mut problems: Vec<DefinitionError>) -> std::result::Result<(), DefinitionError> {
        if problems.is_empty() {
            return Ok(());
        }
        problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        let mut first = problems.remove(0);
        first.also.extend(problems);
        Err(first)
    }
}

impl std::fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let one = |f: &mut std::fmt::Formatter<'_>, e: &DefinitionError| {
            let line = e.line.map(|l| format!(", line {l}")).unwrap_or_default();
            write!(f, "{}{line}: {}", e.file, e.message)
        };
        one(f, self)?;
        for e in &self.also {
            writeln!(f)?;
            one(f, e)?;
        }
        Ok(())
    }
}

impl std::error::Error for DefinitionError {}

/// Why one input file could not be used. The file itself is named by whoever holds the error
/// (see [`Error::File`] and the data-quality report); the variants say where inside it.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("cannot read the file: {0}")]
    Read(std::io::Error),

    #[error("not a readable {format} file ({reason}); re-export it from the survey tool or open and re-save it in Excel")]
    Workbook {
        format: &'static str,
        reason: String,
    },

    #[error("the workbook has no sheet with any data")]
    NoData,

    #[error(
        "not a spreadsheet export: evalboard reads .xlsx, .xlsm, .xlsb, .xls, .ods and .csv files"
    )]
    Unsupported,

    #[error("no header row found in the first {scanned} rows (a header row has a text label in most columns); check the sheet holds one row per respondent under a row of question headers")]
    NoHeader { sheet: String, scanned: usize },

    #[error("the survey definition asks for sheet '{wanted}', which this workbook does not have (it has: {found}); fix `sheet` in evalboard.toml")]
    NoSheet { wanted: String, found: String },

    #[error("malformed CSV ({reason})")]
    Csv { row: u64, reason: String },

    #[error("{what}, over the limit of {limit}; the file is left out. If it is a genuine export, raise `{setting}` under [limits] in evalboard.toml")]
    TooLarge {
        what: String,
        limit: String,
        setting: &'static str,
    },
}

impl FileError {
    /// The sheet the problem is in, where there is one.
    pub fn sheet(&self) -> Option<&str> {
        match self {
            FileError::NoHeader { sheet, .. } => Some(sheet),
            _ => None,
        }
    }

    /// The 1-based row the problem is on, where there is one.
    pub fn row(&self) -> Option<u64> {
        match self {
            FileError::Csv { row, .. } => Some(*row),
            _ => None,
        }
    }
}
