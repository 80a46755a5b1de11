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

    #[error("{file}: cannot read the file: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },

    #[error("{file}: not a readable {format} file ({reason}); re-export it from the survey tool or open and re-save it in Excel")]
    Workbook {
        file: String,
        format: &'static str,
        reason: String,
    },

    #[error("{file}: the workbook has no sheet with any data")]
    NoData { file: String },

    #[error("{file}, sheet '{sheet}': no header row found in the first {scanned} rows (a header row has a text label in most columns); check the sheet holds one row per respondent under a row of question headers")]
    NoHeader {
        file: String,
        sheet: String,
        scanned: usize,
    },

    #[error("{file}, row {row}: malformed CSV ({reason})")]
    Csv {
        file: String,
        row: u64,
        reason: String,
    },

    #[error("building the {what} table failed: {source}")]
    Table {
        what: &'static str,
        source: polars::error::PolarsError,
    },

    #[error("drawing chart '{chart}' failed: {reason}")]
    Chart { chart: String, reason: String },

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
