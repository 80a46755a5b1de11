//! CSV exports: UTF-8 with or without a byte-order mark, UTF-16 with or without one, and the
//! Windows-1252 files Excel writes on UK machines; comma, semicolon or tab separated.

use super::{clean, sheet_from_rows, ReadOptions, SheetData};
use crate::error::FileError;
use crate::model::{Cell, CellText, Diagnostic, Severity};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// Sheet name given to CSV data in every output.
pub const SHEET: &str = "csv";

pub fn read(
    file: &str,
    bytes: Vec<u8>,
    options: &ReadOptions,
    notes: &mut Vec<Diagnostic>,
) -> Result<SheetData, FileError> {
    let text = decode(&bytes, file, notes);
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let (mut width, limits) = (0usize, &options.limits);
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| FileError::Csv {
            row: i as u64 + 1,
            reason: e.to_string(),
        })?;
        width = width.max(record.len());
        if width > limits.columns {
            return Err(FileError::TooLarge {
                what: format!("row {} has {} fields", i + 1, record.len()),
                limit: format!("{} columns", limits.columns),
                setting: "columns",
            });
        }
        if (i + 1).saturating_mul(width) > limits.cells {
            return Err(FileError::TooLarge {
                what: format!("the file spans more than {} rows of {width} columns", i + 1),
                limit: format!("{} cells", limits.cells),
                setting: "cells",
            });
        }
        rows.push(record.iter().map(cell).collect());
    }
    sheet_from_rows(SHEET, 1, 0, rows, options)
}

/// One field as a cell.
pub fn cell(field: &str) -> Cell {
    if field.is_empty() {
        Cell::Empty
    } else {
        clean::cell(Cell::Text(CellText::new(field)))
    }
}

/// Decodes by byte-order mark, else as UTF-16 when the bytes say so (every other byte zero,
/// as text mostly in the Latin alphabet is in UTF-16), else as UTF-8, else as Windows-1252
/// (with a note saying so).
fn decode<'a>(bytes: &'a [u8], file: &str, notes: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text;
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        notes.push(Diagnostic::new(
            Severity::Note,
            file,
            format!(
                "no byte-order mark, but the bytes are {}: read as such",
                encoding.name()
            ),
        ));
        return encoding.decode_without_bom_handling(bytes).0;
    }
    match UTF_8.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => text,
        None => {
            notes.push(Diagnostic::new(
                Severity::Note,
                file,
                "not valid UTF-8; read as Windows-1252 (the encoding Excel uses for CSV on UK machines)",
            ));
            WINDOWS_1252.decode_without_bom_handling(bytes).0
        }
    }
}

/// UTF-16 without a byte-order mark: in the first 4 KiB, zero bytes at nearly every odd
/// position (little-endian) or even position (big-endian), and hardly any at the other.
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let most = |n: usize| n * 10 >= pairs * 7;
    let few = |n: usize| n * 10 <= pairs;
    if most(odd) && few(even) {
        Some(UTF_16LE)
    } else if most(even) && few(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Lines read to tell the separator.
const SNIFF_LINES: usize = 20;

/// How often each separator occurs, outside quotes, on each of the first lines (a quoted line
/// break stays within its line).
fn separator_counts(text: &str) -> Vec<[usize; 3]> {
    let mut lines = vec![[0usize; 3]];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if lines.len() == SNIFF_LINES {
                    break;
                }
                lines.push([0; 3]);
            }
            _ if !quoted => {
                if let Some(k) = SEPARATORS.iter().position(|&d| d == b) {
                    lines.last_mut().expect("one line at least")[k] += 1;
                }
            }
            _ => {}
        }
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| l.iter().all(|&n| n == 0)) {
        lines.pop();
    }
    lines
}

const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The separator of a table: the one that occurs the same number of times (at least once) on
/// most of the first lines, as a column separator does; a comma in free text or a decimal comma
/// does not. Ties go to the separator occurring more often on those lines, then to the comma.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines = separator_counts(text);
    let score = |k: usize| -> (usize, usize) {
        let mut counts: Vec<usize> = lines.iter().map(|l| l[k]).collect();
        counts.sort_unstable();
        // The most common count (the larger on a tie) and how many lines have it.
        let mut best = (0usize, 0usize);
        let mut i = 0;
        while i < counts.len() {
            let j = counts[i..].iter().take_while(|&&c| c == counts[i]).count();
            if counts[i] > 0 && (j, counts[i]) >= best {
                best = (j, counts[i]);
            }
            i += j;
        }
        best
    };
    (0..SEPARATORS.len())
        .max_by_key(|&k| (score(k), k == 0))
        .map(|k| SEPARATORS[k])
        .unwrap_or(b',')
}

/// Whether the start of a text file reads as a table: its first two lines split into the same
/// number of fields, at least two by a tab or semicolon or at least three by a comma.
pub fn looks_tabular(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let lines = separator_counts(&text);
    lines.len() >= 2
        && (0..SEPARATORS.len()).any(|k| {
            let least = if SEPARATORS[k] == b',' { 2 } else { 1 };
            lines[0][k] >= least && lines[0][k] == lines[1][k]
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_the_fallback_and_says_so() {
        let mut notes = Vec::new();
        let text = decode(b"Caf\xe9 \x93quoted\x94", "f.csv", &mut notes);
        assert_eq!(text, "Caf\u{e9} \u{201c}quoted\u{201d}");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn utf8_bom_and_utf16_bom_are_honoured() {
        let mut notes = Vec::new();
        assert_eq!(decode(b"\xef\xbb\xbfID,Q", "f.csv", &mut notes), "ID,Q");
        assert_eq!(decode(b"\xff\xfeI\x00D\x00", "f.csv", &mut notes), "ID");
        assert!(notes.is_empty());
    }

    /// A UTF-16 LE export without its byte-order mark was read as garbage with NULs.
    #[test]
    fn regression_utf16_without_bom_is_detected() {
        let text = "ID,How satisfied?\n1,Very satisfied\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut notes = Vec::new();
        assert_eq!(decode(&le, "f.csv", &mut notes), text);
        assert_eq!(decode(&be, "f.csv", &mut notes), text);
        assert_eq!(notes.len(), 2);
        assert_eq!(decode(text.as_bytes(), "f.csv", &mut notes), text);
    }

    #[test]
    fn delimiter_is_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n1;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
    }

    /// European Excel saves `;`-separated CSV with decimal commas, and free text has commas:
    /// the separator is the one every line has as often.
    #[test]
    fn the_separator_is_the_one_each_line_has_as_often() {
        let text = "Name;Rating;Comment\nA;3,5;Good, clear, useful, short\nB;4;Fine\nC;2,5;Too long, too fast, too much\n";
        assert_eq!(sniff_delimiter(text), b';');
        assert_eq!(
            sniff_delimiter("Survey export\nQ1,Q2,Q3\n1,2,3\n4,5,6\n"),
            b','
        );
        assert!(looks_tabular(b"id\tq1\tq2\n1\t2\t3\n"));
        assert!(!looks_tabular(
            b"This folder holds the exports, one per session.\nRead them with care.\n"
        ));
    }
}
