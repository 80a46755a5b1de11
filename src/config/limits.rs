//! The `[limits]` table of `evalboard.toml`: how much one file may hold before it is refused
//! (alone, with a message naming the limit), so that a damaged or hostile file cannot exhaust
//! the machine and sink the batch. Every key is optional.

use serde::Deserialize;

/// Limits per file. The defaults hold the largest real survey export by a wide margin (a
/// training evaluation rarely has 10,000 rows or 300 columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsDef {
    /// Cells in the used range of a sheet (rows x columns, from the first cell to the last).
    /// Default: 10,000,000 (say, 100,000 rows of 100 columns). A CSV file read in parts (see
    /// `stream_above_mb`) is never held whole and is not limited by cells.
    #[serde(default = "cells")]
    pub cells: usize,
    /// Columns of a sheet. Default: 5,000.
    #[serde(default = "columns")]
    pub columns: usize,
    /// Megabytes of a workbook once unzipped (xlsx, xlsm, xlsb, ods). Default: 1,024.
    #[serde(default = "unzipped_mb")]
    pub unzipped_mb: u64,
    /// Megabytes above which a UTF-8 CSV file is read a run of rows at a time instead of
    /// held whole: its memory then does not grow with its rows. Default: 64.
    #[serde(default = "stream_above_mb")]
    pub stream_above_mb: u64,
}

fn cells() -> usize {
    10_000_000
}

fn columns() -> usize {
    5_000
}

fn unzipped_mb() -> u64 {
    1_024
}

fn stream_above_mb() -> u64 {
    64
}

impl Default for LimitsDef {
    fn default() -> Self {
        LimitsDef {
            cells: cells(),
            columns: columns(),
            unzipped_mb: unzipped_mb(),
            stream_above_mb: stream_above_mb(),
        }
    }
}
