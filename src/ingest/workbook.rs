//! Workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine.

use super::{clean, sheet_from_rows, ReadOptions, SheetData};
use crate::error::FileError;
use crate::model::{Cell, Diagnostic, Severity};
use calamine::{Data, Ods, Range, Reader, Xls, Xlsb, Xlsx};
use std::io::Cursor;

type Bytes = Cursor<Vec<u8>>;

/// Reads the first sheet that has a header row. Other sheets with data are named in a note.
pub fn read(
    file: &str,
    ext: &str,
    bytes: Vec<u8>,
    options: &ReadOptions,
    notes: &mut Vec<Diagnostic>,
) -> Result<SheetData, FileError> {
    let cursor = Cursor::new(bytes);
    let fail = |format: &'static str, e: &dyn std::fmt::Display| FileError::Workbook {
        format,
        reason: e.to_string(),
    };
    match ext {
        "xlsx" | "xlsm" => {
            let format = "Excel (xlsx)";
            let wb = Xlsx::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            first_sheet(file, format, wb, options, notes)
        }
        "xlsb" => {
            let format = "Excel binary (xlsb)";
            let wb = Xlsb::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            first_sheet(file, format, wb, options, notes)
        }
        "xls" => {
            let format = "Excel 97-2003 (xls)";
            let wb = Xls::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            first_sheet(file, format, wb, options, notes)
        }
        "ods" => {
            let format = "OpenDocument (ods)";
            let wb = Ods::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            first_sheet(file, format, wb, options, notes)
        }
        _ => Err(FileError::Unsupported),
    }
}

fn first_sheet<R>(
    file: &str,
    format: &'static str,
    mut wb: R,
    options: &ReadOptions,
    notes: &mut Vec<Diagnostic>,
) -> Result<SheetData, FileError>
where
    R: Reader<Bytes>,
    R::Error: std::fmt::Display,
{
    let mut chosen: Option<SheetData> = None;
    let mut first_error: Option<FileError> = None;
    let names = wb.sheet_names();
    if let Some(wanted) = &options.sheet {
        if !names.iter().any(|n| n == wanted) {
            return Err(FileError::NoSheet {
                wanted: wanted.clone(),
                found: names.join(", "),
            });
        }
    }
    for name in names {
        if options.sheet.as_ref().is_some_and(|w| *w != name) {
            continue;
        }
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                first_error.get_or_insert(FileError::Workbook {
                    format,
                    reason: format!("sheet '{name}': {e}"),
                });
                continue;
            }
        };
        if range.is_empty() {
            continue;
        }
        if chosen.is_some() {
            notes.push(
                Diagnostic::new(
                    Severity::Note,
                    file,
                    "sheet not read: only the first sheet with a header row is read",
                )
                .sheet(&name),
            );
            continue;
        }
        match sheet_from_range(&name, range, options) {
            Ok(sheet) => chosen = Some(sheet),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    chosen.ok_or_else(|| first_error.unwrap_or(FileError::NoData))
}

fn sheet_from_range(
    sheet: &str,
    mut range: Range<Data>,
    options: &ReadOptions,
) -> Result<SheetData, FileError> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let height = range.height();
    // Cells are moved out of the range, not copied.
    let rows = (0..height)
        .map(|r| {
            range[r]
                .iter_mut()
                .map(|d| convert(std::mem::take(d)))
                .collect()
        })
        .collect();
    sheet_from_rows(sheet, row0 as usize + 1, col0 as usize, rows, options)
}

/// The one place calamine cells become ours: whole numbers become integers, dates become
/// ISO 8601 text, error cells keep their error code.
fn convert(data: Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(clean::answer(s)),
        Data::Int(i) => Cell::Int(i),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Cell::Int(f as i64),
        Data::Float(f) => Cell::Float(f),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) if dt.is_duration() => Cell::Text(format!("{}", dt.as_f64() * 24.0)),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _ms) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                Cell::DateTime(format!("{y:04}-{mo:02}-{d:02}"))
            } else {
                Cell::DateTime(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
            }
        }
        Data::DateTimeIso(s) => Cell::DateTime(s),
        Data::DurationIso(s) => Cell::Text(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn cells_convert_to_our_types() {
        assert_eq!(convert(Data::Float(3.0)), Cell::Int(3));
        assert_eq!(convert(Data::Float(2.5)), Cell::Float(2.5));
        assert_eq!(convert(Data::String(String::new())), Cell::Empty);
        // 42545 is 2016-06-24 in Excel's 1900 date system; .4375 is 10:30.
        let dt = ExcelDateTime::new(42545.4375, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            convert(Data::DateTime(dt)),
            Cell::DateTime("2016-06-24T10:30:00".into())
        );
        let d = ExcelDateTime::new(42545.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            convert(Data::DateTime(d)),
            Cell::DateTime("2016-06-24".into())
        );
        assert_eq!(
            convert(Data::Error(calamine::CellErrorType::NA)),
            Cell::Error("#N/A".into())
        );
    }
}
