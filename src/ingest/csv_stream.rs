//! CSV files too large to hold: read a run of rows at a time, as often as the run needs them.
//!
//! A UTF-8 CSV file larger than `[limits] stream_above_mb` (64 MB) is read once in full when it is
//! opened: every record is parsed (so a damaged file fails then, as any file does), the bytes
//! are hashed, and only the rows that decide its layout are kept: the first [`SAMPLE_ROWS`],
//! and the first row holding a value in each column that is empty in those. Its header is
//! found among them as in any file. Every later step that needs the rows themselves (inferring
//! the survey, naming the sessions, building the tidy rows) reads them again from the file,
//! [`RowStream::runs`] at a time, so the rows held at once do not grow with the file.
//!
//! Files in other encodings (UTF-16, Windows-1252) are read whole, as before: exports that
//! large come from survey platforms, which write UTF-8.

use super::{hex, sheet_from_rows, ReadOptions, SheetData};
use crate::error::FileError;
use crate::model::Cell;
use sha2::{Digest, Sha256};
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// Rows kept from a file read in parts to decide its layout (header rows, which columns are
/// questions); the answers of all its rows are read for the rest.
pub const SAMPLE_ROWS: usize = 10_000;

/// How to read the rows of a CSV file again, a run at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct RowStream {
    path: PathBuf,
    /// Bytes of the byte-order mark, skipped.
    bom: u64,
    delimiter: u8,
    /// Records before the first data row (the title and header rows).
    skip: usize,
    /// Cells of a row: the header's width, or more for a longer row.
    width: usize,
    /// Data rows in the file.
    pub rows: usize,
}

/// The file's first rows as a sheet, how to read all its rows, and its SHA-256; `None` when
/// the file is not UTF-8 (it is then read whole).
pub type Opened = Option<Result<(SheetData, RowStream, String), FileError>>;

/// Reads `path` through once: see the module's documentation.
pub fn open(path: &Path, options: &ReadOptions) -> Opened {
    let mut head = vec![0u8; 64 << 10];
    let n = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .ok()?;
    head.truncate(n);
    let bom = match encoding_rs::Encoding::for_bom(&head) {
        Some((enc, len)) if enc == encoding_rs::UTF_8 => len as u64,
        Some(_) => return None,
        None if super::csv_file::utf16_without_bom(&head).is_some() => return None,
        None => 0,
    };
    let text = String::from_utf8_lossy(&head[bom as usize..]);
    let delimiter = super::csv_file::sniff_delimiter(&text);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Some(Err(FileError::Read(e))),
    };
    let mut hashed = Hashed {
        inner: BufReader::with_capacity(1 << 20, file),
        sha: Sha256::new(),
    };
    if let Err(e) = hashed.read_exact(&mut vec![0u8; bom as usize]) {
        return Some(Err(FileError::Read(e)));
    }
    let mut reader = builder(delimiter).from_reader(hashed);
    let mut record = csv::StringRecord::new();
    // Rows kept, each with its record's index.
    let mut kept: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut filled: Vec<bool> = Vec::new();
    let mut records = 0usize;
    let columns = options.limits.columns;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => return None,
            Err(e) => {
                return Some(Err(FileError::Csv {
                    row: records as u64 + 1,
                    reason: e.to_string(),
                }))
            }
        }
        if record.len() > columns {
            return Some(Err(FileError::TooLarge {
                what: format!("row {} has {} fields", records + 1, record.len()),
                limit: format!("{columns} columns"),
                setting: "columns",
            }));
        }
        if filled.len() < record.len() {
            filled.resize(record.len(), false);
        }
        let first_value = record
            .iter()
            .zip(&filled)
            .any(|(f, seen)| !seen && !f.trim().is_empty());
        if records < SAMPLE_ROWS || first_value {
            // Values below the rows where a header is looked for: a header's own cells do
            // not count as a column's value.
            if records >= super::header::SCAN_ROWS {
                for (f, seen) in record.iter().zip(filled.iter_mut()) {
                    *seen |= !f.trim().is_empty();
                }
            }
            kept.push((records, cells(&record)));
        }
        records += 1;
    }
    let sha256 = hex(&reader.into_inner().sha.finalize());
    let indices: Vec<usize> = kept.iter().map(|(i, _)| *i).collect();
    let sample: Vec<Vec<Cell>> = kept.into_iter().map(|(_, c)| c).collect();
    let held = sample.len();
    let mut sheet = match sheet_from_rows(super::csv_file::SHEET, 1, 0, sample, options) {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    // The data rows kept past the first ones carry their own row numbers.
    let skip = held - sheet.rows.len();
    for (row, &index) in sheet.rows.iter_mut().zip(&indices[skip..]) {
        row.row = index + 1;
    }
    let width = sheet.headers.len();
    let stream = RowStream {
        path: path.to_path_buf(),
        bom,
        delimiter,
        skip,
        width,
        rows: records - skip,
    };
    Some(Ok((sheet, stream, sha256)))
}

impl RowStream {
    /// The data rows of the file, in runs of `per_run` rows, each row numbered as the file's
    /// row. A file that cannot be read again (changed or removed since it was opened) ends
    /// the runs with the error.
    pub fn runs(
        &self,
        per_run: usize,
    ) -> impl Iterator<Item = Result<Vec<super::RawRow>, FileError>> + '_ {
        let mut reader = std::fs::File::open(&self.path)
            .map_err(FileError::Read)
            .and_then(|mut f| {
                f.read_exact(&mut vec![0u8; self.bom as usize])
                    .map_err(FileError::Read)?;
                Ok(builder(self.delimiter).from_reader(BufReader::with_capacity(1 << 20, f)))
            });
        let mut record = csv::StringRecord::new();
        let mut index = 0usize;
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let reader = match &mut reader {
                Ok(r) => r,
                Err(e) => {
                    done = true;
                    return Some(Err(FileError::Read(std::io::Error::other(e.to_string()))));
                }
            };
            let mut run = Vec::with_capacity(per_run);
            while run.len() < per_run {
                match reader.read_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => {
                        done = true;
                        break;
                    }
                    Err(e) => {
                        done = true;
                        return Some(Err(FileError::Csv {
                            row: index as u64 + 1,
                            reason: format!("{e} (the file changed while it was read?)"),
                        }));
                    }
                }
                index += 1;
                if index <= self.skip {
                    continue;
                }
                let mut cells = cells(&record);
                cells.resize(self.width.max(cells.len()), Cell::Empty);
                run.push(super::RawRow { row: index, cells });
            }
            (!run.is_empty()).then_some(Ok(run))
        })
    }
}

/// The reader every pass uses, so every pass reads the same records.
fn builder(delimiter: u8) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(false).flexible(true).delimiter(delimiter);
    b
}

/// A record's cells, converted as every CSV cell is.
fn cells(record: &csv::StringRecord) -> Vec<Cell> {
    record.iter().map(super::csv_file::cell).collect()
}

/// Fills `buf` as far as the file goes; the bytes read.
fn read_up_to(f: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// A reader that hashes what passes through it.
struct Hashed<R> {
    inner: R,
    sha: Sha256,
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file read in parts gives the rows, row numbers, header and hash of the file read
    /// whole, including a column whose first value comes after the rows kept.
    #[test]
    fn read_in_parts_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let mut text = String::from("\u{feff}Survey export\nID,How satisfied were you?,Comments\n");
        for i in 0..SAMPLE_ROWS + 500 {
            let comment = if i == SAMPLE_ROWS + 200 {
                "\"late, but here\""
            } else {
                ""
            };
            text.push_str(&format!("{i},Very satisfied,{comment}\n"));
        }
        std::fs::write(&path, &text).unwrap();
        let options = ReadOptions::default();
        let (sheet, stream, sha) = open(&path, &options).unwrap().unwrap();
        let whole = super::super::read_bytes("big.csv".into(), text.clone().into_bytes(), &options);
        let held = whole.content.unwrap();
        assert_eq!(sha, whole.sha256);
        assert_eq!(
            (sheet.headers.clone(), sheet.header_row),
            (held.headers.clone(), held.header_row)
        );
        assert_eq!(stream.rows, held.rows.len());
        let read: Vec<super::super::RawRow> = stream.runs(4096).flat_map(|r| r.unwrap()).collect();
        assert_eq!(read, held.rows);
        // The rows kept: the first ones, and the one with the first comment.
        assert_eq!(sheet.rows.len(), SAMPLE_ROWS - 2 + 1);
        let late = sheet.rows.last().unwrap();
        assert_eq!(late.row, SAMPLE_ROWS + 200 + 3);
        assert_eq!(late.cells[2], Cell::Text("late, but here".into()));
    }

    #[test]
    fn a_file_not_in_utf8_is_left_to_the_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.csv");
        std::fs::write(&path, b"ID,Caf\xe9\n1,2\n").unwrap();
        assert!(open(&path, &ReadOptions::default()).is_none());
    }
}
