//! Opening input files: finding them, reading xlsx/xlsm/xlsb/xls/ods through calamine and csv
//! with encoding detection, choosing the sheet and the header row, and converting cells into
//! our own [`Cell`] in one function. The only module that knows calamine.
//!
//! A file that cannot be read becomes a failed [`SourceFile`] with the reason; it never stops
//! the other files.

mod cfb;
mod clean;
mod csv_file;
mod csv_stream;
mod header;
mod workbook;

pub use csv_stream::{RowStream, SAMPLE_ROWS};
pub use header::variable_as_words;

use crate::config::LimitsDef;
use crate::error::{Error, FileError};
use crate::model::{Cell, Diagnostic, FileAccount, FileStatus, RowAccount};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Extensions read, lower case.
pub const EXTENSIONS: [&str; 8] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt"];

/// One data row of a sheet, below the header.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// 1-based row number as the spreadsheet shows it.
    pub row: usize,
    /// One cell per header column (padded with `Empty`).
    pub cells: Vec<Cell>,
}

/// The sheet chosen from a file: its header and the rows below it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetData {
    /// Sheet name; `csv` for CSV files.
    pub sheet: String,
    /// 1-based row number of the header.
    pub header_row: usize,
    /// 0-based index of the sheet's first column (for column letters).
    pub first_column: usize,
    /// Header cells, trimmed, white space collapsed; empty string for an empty header cell.
    /// Repeated titles are told apart (see `header::distinguish`).
    pub headers: Vec<String>,
    /// The variable names written over the question text (Qualtrics' `Q1`, a row of `q1`,
    /// `age_group`), one per column; empty when the export has none.
    pub ids: Vec<String>,
    pub rows: Vec<RawRow>,
}

impl SheetData {
    /// A column as messages name it: its letter and header, `C (Role)`.
    pub fn column_name(&self, index: usize) -> String {
        format!(
            "{} ({})",
            crate::model::column_letter(self.first_column + index),
            self.headers.get(index).map_or("", String::as_str)
        )
    }
}

/// One input file after reading: its identity, and its sheet or the reason it failed.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the input folder, with `/` separators.
    pub name: String,
    pub sha256: String,
    pub bytes: u64,
    pub content: Result<SheetData, FileError>,
    /// Things worth knowing that did not stop the file (sheets not read, encoding used).
    pub notes: Vec<Diagnostic>,
    /// For a CSV file too large to hold, how to read its rows: the sheet then holds only the
    /// rows that decide its layout (see [`RowStream`]).
    pub stream: Option<RowStream>,
}

/// How to read each file, from the survey definition; the default finds everything itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadOptions {
    /// Read this sheet (by name) instead of the first sheet with a header row.
    pub sheet: Option<String>,
    /// 1-based row of the (first) header row, instead of searching for it.
    pub header_row: Option<usize>,
    /// Number of header rows, instead of recognising sub-header rows.
    pub header_rows: Option<usize>,
    /// How much one file may hold.
    pub limits: LimitsDef,
}

/// Files in `dir` with a supported extension, sorted by name. Office lock files (`~$…`) and
/// hidden files are skipped.
pub fn discover(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Err(Error::NoInputFolder(dir.to_path_buf()));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::File {
        file: dir.display().to_string(),
        source: FileError::Read(e),
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_supported(p))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::NoInputs(dir.to_path_buf()));
    }
    Ok(paths)
}

/// The entries of `dir` that are not read, each with the reason: everything but the files
/// in `read`, the definition file and the `folders` read for their own purpose (attendance,
/// self-assessment). Sorted by name.
pub fn unread_entries(dir: &Path, read: &[PathBuf], folders: &[String]) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let read: std::collections::HashSet<&Path> = read.iter().map(PathBuf::as_path).collect();
    let mut out: Vec<(String, String)> = entries
        .flatten()
        .filter(|e| !read.contains(e.path().as_path()))
        .filter_map(|e| {
            let path = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            let link = e.file_type().is_ok_and(|t| t.is_symlink());
            let why = if link && std::fs::metadata(&path).is_err() {
                "a link that leads nowhere (broken, or a loop): not read"
            } else if path.is_dir() {
                if folders.iter().any(|f| f == &name) {
                    return None;
                }
                if extension(&path).is_some_and(|x| EXTENSIONS.contains(&x.as_str())) {
                    "a folder, though named like a spreadsheet: not read"
                } else {
                    "a folder: only the files directly in the input folder are read (and the attendance and self-assessment folders)"
                }
            } else if name == "evalboard.toml" {
                return None;
            } else if name.starts_with("~$") {
                "an Office lock file (the workbook is open in Excel): not read"
            } else if name.starts_with('.') {
                "a hidden file: not read"
            } else {
                "not a spreadsheet export (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv, .tsv, or a .txt file holding a table): not read"
            };
            Some((name, why.to_string()))
        })
        .collect();
    out.sort();
    out
}

fn is_supported(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with("~$") || name.starts_with('.') {
        return false;
    }
    match extension(path).as_deref() {
        // A text file is read when it holds a table (notes and READMEs are left alone).
        Some("txt") => std::fs::File::open(path).is_ok_and(|f| {
            use std::io::Read;
            let mut head = Vec::with_capacity(8192);
            f.take(8192).read_to_end(&mut head).is_ok() && csv_file::looks_tabular(&head)
        }),
        Some(e) => EXTENSIONS.contains(&e),
        None => false,
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Reads every file, in parallel; the result is in the order of `paths`. `tick` is called
/// once per file read (for a progress bar).
pub fn read_all(
    dir: &Path,
    paths: &[PathBuf],
    options: &ReadOptions,
    tick: &(dyn Fn() + Sync),
) -> Vec<SourceFile> {
    paths
        .par_iter()
        .map(|p| {
            let mut f = read_file(dir, p, options);
            compact(&mut f);
            tick();
            f
        })
        .collect()
}

/// A file smaller than this has its sheet copied once read (see [`compact`]).
const COMPACT_BELOW: u64 = 1 << 20;

/// The sheet of a file just read, copied into fresh memory and the first copy freed.
///
/// Reading a workbook makes short-lived buffers of tens of kilobytes (the decompressor's state,
/// the sheet reader's tables) while the cells it keeps are small strings made among them. Once
/// the buffers are freed the kept cells sit in their holes, the next file's buffers no longer
/// fit there, and the C allocator takes more from the system for every file: after reading
/// 1,000 small workbooks it held 233 MB for 39 MB of cells. Copied once the buffers are gone,
/// a file's cells lie together and the holes are whole again for the next file. A file of a
/// megabyte or more is left as it is: a copy would double its memory for a moment, and a
/// workbook that large has its cells gathered on a thread of their own, apart from the
/// parser's buffers.
fn compact(file: &mut SourceFile) {
    if file.bytes < COMPACT_BELOW {
        if let Ok(sheet) = &mut file.content {
            *sheet = sheet.clone();
        }
    }
}

/// Reads one file. Never fails: a failure is recorded in [`SourceFile::content`].
pub fn read_file(dir: &Path, path: &Path, options: &ReadOptions) -> SourceFile {
    let name = path
        .strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let above = options.limits.stream_above_mb.saturating_mul(1 << 20);
    let large = std::fs::metadata(path).is_ok_and(|m| m.len() > above);
    if large && matches!(extension(path).as_deref(), Some("csv" | "tsv" | "txt")) {
        if let Some(opened) = csv_stream::open(path, options) {
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            return match opened {
                Ok((sheet, stream, sha256)) => SourceFile {
                    name,
                    sha256,
                    bytes,
                    content: Ok(sheet),
                    notes: Vec::new(),
                    stream: Some(stream),
                },
                Err(e) => SourceFile {
                    name,
                    sha256: String::new(),
                    bytes,
                    content: Err(e),
                    notes: Vec::new(),
                    stream: None,
                },
            };
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return SourceFile {
                name,
                sha256: String::new(),
                bytes: 0,
                content: Err(FileError::Read(e)),
                notes: Vec::new(),
                stream: None,
            }
        }
    };
    read_bytes(name, bytes, options)
}

/// Reads one file's bytes; `name` (relative to the input folder) gives the format by its
/// extension. Never fails and never panics on any bytes: what cannot be read is recorded in
/// [`SourceFile::content`] (the fuzz harness, `examples/fuzz.rs`, holds it to that).
pub fn read_bytes(name: String, bytes: Vec<u8>, options: &ReadOptions) -> SourceFile {
    let sha256 = hex(&Sha256::digest(&bytes));
    let size = bytes.len() as u64;
    let mut notes = Vec::new();
    let content = match extension(Path::new(&name)).as_deref() {
        Some("csv" | "tsv" | "txt") => csv_file::read(&name, bytes, options, &mut notes),
        Some(ext @ ("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")) => {
            // The workbook readers panic on some damaged files (the fuzz harness found one in
            // the xls reader): such a file fails alone, like any unreadable file.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                workbook::read(&name, ext, bytes, options, &mut notes)
            }))
            .unwrap_or_else(|_| {
                Err(FileError::Workbook {
                    format: "spreadsheet",
                    reason: "the reader stopped on damaged data".into(),
                })
            })
        }
        _ => Err(FileError::Unsupported),
    };
    SourceFile {
        name,
        sha256,
        bytes: size,
        content,
        notes,
        stream: None,
    }
}

/// The row account of a file read from `s`: its identity, sheet and header row, and why it
/// failed, if it did.
pub fn account(s: &SourceFile, failure: Option<String>, rows: RowAccount) -> FileAccount {
    let sheet = s.content.as_ref().ok();
    FileAccount {
        file: s.name.clone(),
        sha256: s.sha256.clone(),
        bytes: s.bytes,
        status: failure.map_or(FileStatus::Read, FileStatus::Failed),
        sheet: sheet.map(|d| d.sheet.clone()),
        header_row: sheet.map(|d| d.header_row),
        rows,
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Builds a [`SheetData`] from a sheet's rows (each a list of cells, first row being
/// `first_row`, 1-based), finding the header row(s) unless `options` fix them.
fn sheet_from_rows(
    sheet: &str,
    first_row: usize,
    first_column: usize,
    mut rows: Vec<Vec<Cell>>,
    options: &ReadOptions,
) -> Result<SheetData, FileError> {
    let span = match options.header_row {
        Some(r) if r >= first_row && r - first_row < rows.len() => {
            let first = r - first_row;
            Some(header::HeaderSpan {
                first,
                rows: options
                    .header_rows
                    .unwrap_or_else(|| header::depth(&rows, first)),
            })
        }
        Some(r) => {
            return Err(FileError::NoHeader {
                sheet: sheet.to_string(),
                scanned: r,
            })
        }
        None => header::find(&rows, options.header_rows),
    };
    let Some(span) = span else {
        return Err(FileError::NoHeader {
            sheet: sheet.to_string(),
            scanned: rows.len().min(header::SCAN_ROWS),
        });
    };
    let end = (span.first + span.rows).min(rows.len());
    let variables = span.rows == 2 && header::variables_over_text(&rows, span.first);
    let header::Header {
        names: mut headers,
        ids,
    } = header::combine(&rows[span.first..end], variables, clean::header);
    let width = headers.len();
    let data: Vec<RawRow> = rows
        .drain(end..)
        .enumerate()
        .map(|(i, mut cells)| {
            cells.resize(width.max(cells.len()), Cell::Empty);
            RawRow {
                row: first_row + end + i,
                cells,
            }
        })
        .collect();
    header::name_flattened_options(&mut headers, |c| data.iter().map(move |r| &r.cells[c]));
    header::distinguish(&mut headers, first_column);
    Ok(SheetData {
        sheet: sheet.to_string(),
        header_row: first_row + span.first,
        first_column,
        headers,
        ids,
        rows: data,
    })
}
