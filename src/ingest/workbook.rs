//! Workbooks (xlsx, xlsm, xlsb, xls, ods) through calamine, with the work per file bounded
//! before it is done: a zipped workbook is measured unzipped before it is opened, and xlsx and
//! xlsb sheets are streamed cell by cell, so that a cell far out (`XFD1048576`) or a sheet of
//! millions of cells is refused with a message instead of exhausting memory.

use super::{clean, sheet_from_rows, ReadOptions, SheetData};
use crate::config::LimitsDef;
use crate::error::FileError;
use crate::model::{column_letter, Cell, CellText, Diagnostic, Severity};
use calamine::{Data, DataRef, Ods, Range, Reader, SheetVisible, Xls, Xlsb, Xlsx};
use compact_str::format_compact;
use std::io::Cursor;

type Bytes = Cursor<Vec<u8>>;

/// Reads the first visible sheet that has a header row and responses under it (hidden sheets,
/// such as option lists, only when no visible one has). Other sheets with data are named in a
/// note.
pub fn read(
    file: &str,
    ext: &str,
    bytes: Vec<u8>,
    options: &ReadOptions,
    notes: &mut Vec<Diagnostic>,
) -> Result<SheetData, FileError> {
    let fail = |format: &'static str, e: &dyn std::fmt::Display| FileError::Workbook {
        format,
        reason: e.to_string(),
    };
    if matches!(ext, "xlsx" | "xlsm" | "xlsb" | "ods") {
        check_unzipped(&bytes, &options.limits)?;
    }
    // Two threads only where the run may use more than one (`--threads 1` keeps to one).
    let large = bytes.len() >= PIPELINED_BYTES && rayon::current_num_threads() > 1;
    let cursor = Cursor::new(bytes);
    match ext {
        "xlsx" | "xlsm" => {
            let format = "Excel (xlsx)";
            let wb = Xlsx::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            pick_sheet(file, format, wb, large, options, notes)
        }
        "xlsb" => {
            let format = "Excel binary (xlsb)";
            let wb = Xlsb::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            pick_sheet(file, format, wb, large, options, notes)
        }
        "xls" => {
            let format = "Excel 97-2003 (xls)";
            let tables =
                super::cfb::check(cursor.get_ref()).map_err(|reason| fail(format, &reason))?;
            // The workbook stream as stored, and the file's bytes as they lie (calamine may
            // read either way round a damaged file).
            let stream = tables.and_then(|t| t.workbook()).unwrap_or_default();
            let declared = super::cfb::declared_cells(&stream)
                .max(super::cfb::declared_cells(cursor.get_ref()));
            if declared == u64::MAX {
                return Err(fail(
                    format,
                    &"a sheet's declared range ends before it starts",
                ));
            }
            if declared > options.limits.cells as u64 {
                return Err(FileError::TooLarge {
                    what: format!("a sheet declares {declared} cells"),
                    limit: format!("{} cells", options.limits.cells),
                    setting: "cells",
                });
            }
            let wb = Xls::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            pick_sheet(file, format, wb, large, options, notes)
        }
        "ods" => {
            let format = "OpenDocument (ods)";
            well_formed(cursor.get_ref(), "content.xml").map_err(|reason| fail(format, &reason))?;
            let wb = Ods::<Bytes>::new(cursor).map_err(|e| fail(format, &e))?;
            pick_sheet(file, format, wb, large, options, notes)
        }
        _ => Err(FileError::Unsupported),
    }
}

/// Refuses a zipped workbook whose parts unzip to more than the limit, before any is read.
fn check_unzipped(bytes: &[u8], limits: &LimitsDef) -> Result<(), FileError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a zip: the reader says so in its own words
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        if let Ok(entry) = zip.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    let limit = limits.unzipped_mb.saturating_mul(1 << 20);
    if total > limit {
        return Err(FileError::TooLarge {
            what: format!("the workbook unzips to {} MB", total >> 20),
            limit: format!("{} MB", limits.unzipped_mb),
            setting: "unzipped_mb",
        });
    }
    Ok(())
}

/// Checks that a part of a zipped workbook is well-formed XML, reading it to the end (calamine's
/// ods reader loops for ever on some damaged XML; the fuzz harness found one).
fn well_formed(bytes: &[u8], part: &str) -> Result<(), String> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a zip: the reader says so in its own words
    };
    let Ok(mut entry) = zip.by_name(part) else {
        return Ok(());
    };
    let mut xml = Vec::new();
    entry
        .read_to_end(&mut xml)
        .map_err(|e| format!("its {part} cannot be unzipped: {e}"))?;
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    // Elements open at the end of the part: a cut-off part is not well-formed either.
    let mut open = 0usize;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) if open == 0 => return Ok(()),
            Ok(Event::Eof) => return Err(format!("its {part} ends inside an element")),
            Ok(Event::Start(_)) => open += 1,
            Ok(Event::End(_)) => open = open.saturating_sub(1),
            Ok(_) => {}
            Err(e) => return Err(format!("its {part} is not well-formed XML ({e})")),
        }
        buf.clear();
    }
}

/// A sheet's non-empty cells as dense rows, with the 0-based row and column of the first.
struct Grid {
    row0: usize,
    col0: usize,
    rows: Vec<Vec<Cell>>,
}

/// Cells gathered one at a time, refusing a sheet as soon as it goes past a limit.
struct GridBuilder<'l> {
    limits: &'l LimitsDef,
    /// Row, column and value, in the order read (row by row in every workbook seen so far).
    cells: Vec<(u32, u32, Cell)>,
    /// Whether the cells came in row and column order.
    in_order: bool,
    bounds: Option<(u32, u32, u32, u32)>,
}

impl<'l> GridBuilder<'l> {
    fn new(limits: &'l LimitsDef) -> Self {
        GridBuilder {
            limits,
            cells: Vec::new(),
            in_order: true,
            bounds: None,
        }
    }

    fn add(&mut self, (row, col): (u32, u32), cell: Cell) -> Result<(), FileError> {
        if cell == Cell::Empty {
            return Ok(());
        }
        if col as usize >= self.limits.columns {
            return Err(FileError::TooLarge {
                what: format!(
                    "the sheet has a cell in column {} (column {})",
                    column_letter(col as usize),
                    col as usize + 1
                ),
                limit: format!("{} columns", self.limits.columns),
                setting: "columns",
            });
        }
        let (r0, r1, c0, c1) = self.bounds.unwrap_or((row, row, col, col));
        let b = (r0.min(row), r1.max(row), c0.min(col), c1.max(col));
        let area = (b.1 - b.0) as u64 + 1;
        let area = area.saturating_mul((b.3 - b.2) as u64 + 1);
        if area > self.limits.cells as u64 {
            return Err(FileError::TooLarge {
                what: format!(
                    "the sheet spans {area} cells ({}{} to {}{})",
                    column_letter(b.2 as usize),
                    b.0 + 1,
                    column_letter(b.3 as usize),
                    b.1 + 1
                ),
                limit: format!("{} cells", self.limits.cells),
                setting: "cells",
            });
        }
        self.bounds = Some(b);
        if let Some(&(r, c, _)) = self.cells.last() {
            self.in_order &= (r, c) <= (row, col);
        }
        self.cells.push((row, col, cell));
        Ok(())
    }

    /// Dense rows from the first cell to the last. A cell given twice keeps its last value.
    fn finish(self) -> Option<Grid> {
        let (r0, r1, c0, c1) = self.bounds?;
        let width = (c1 - c0 + 1) as usize;
        let mut cells = self.cells;
        if !self.in_order {
            // Stable: of two values for one cell, the later stays later.
            cells.sort_by_key(|&(r, c, _)| (r, c));
        }
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity((r1 - r0 + 1) as usize);
        let mut cells = cells.into_iter().peekable();
        for r in r0..=r1 {
            let mut dense = vec![Cell::Empty; width];
            while let Some((_, c, cell)) = cells.next_if(|&(row, _, _)| row == r) {
                dense[(c - c0) as usize] = cell;
            }
            rows.push(dense);
        }
        Some(Grid {
            row0: r0 as usize,
            col0: c0 as usize,
            rows,
        })
    }
}

/// Why a sheet could not be read: the reader's own words, or a limit (passed on as it is).
enum SheetError {
    Reader(String),
    Limit(FileError),
}

impl From<FileError> for SheetError {
    fn from(e: FileError) -> Self {
        SheetError::Limit(e)
    }
}

fn reader<E: std::fmt::Display>(e: E) -> SheetError {
    SheetError::Reader(e.to_string())
}

/// How each kind of workbook gives up a sheet's cells.
trait Cells: Reader<Bytes> {
    /// The sheet's cells; `large` for a file big enough to be worth reading on two threads.
    fn grid(
        &mut self,
        name: &str,
        limits: &LimitsDef,
        large: bool,
    ) -> Result<Option<Grid>, SheetError>;
}

/// A workbook file of at least this many bytes (about 6,000 respondents of a usual evaluation
/// form) is parsed on one thread while its cells are taken on another.
const PIPELINED_BYTES: usize = 1 << 20;

/// Cells handed from the parsing thread to the gathering one at a time.
const BATCH: usize = 8192;

/// A batch of cells, or why the sheet could not be read.
type Batch = Result<Vec<((u32, u32), Streamed)>, String>;

/// A cell as the parsing thread hands it over: its text copied straight from the reader (no
/// string made for it and dropped again), or any other value as calamine gives it. Converting
/// a value (a date to text, say) and cleaning a text are left to the gathering thread, as the
/// parsing one sets the pace.
#[derive(Debug, Clone)]
enum Streamed {
    Text(CellText),
    Value(Data),
}

/// A streamed cell become ours, as [`convert`] makes it.
fn gathered(cell: Streamed) -> Cell {
    match cell {
        Streamed::Text(t) if t.is_empty() => Cell::Empty,
        Streamed::Text(t) => clean::cell(Cell::Text(t)),
        Streamed::Value(data) => convert(data),
    }
}

/// Streams a sheet through `next`, which yields each cell's position and value. With
/// `pipelined`, `next` runs on a thread of its own, handing cells over in batches, while this
/// one converts and gathers them: on a workbook of 200,000 respondents parsing is about two
/// thirds of the work and gathering a third.
fn stream<E: std::fmt::Display>(
    limits: &LimitsDef,
    pipelined: bool,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Streamed)>, E> + Send,
) -> Result<Option<Grid>, SheetError> {
    let mut grid = GridBuilder::new(limits);
    if !pipelined {
        while let Some((pos, cell)) = next().map_err(reader)? {
            grid.add(pos, gathered(cell))?;
        }
        return Ok(grid.finish());
    }
    std::thread::scope(|scope| {
        let (send, batches) = std::sync::mpsc::sync_channel::<Batch>(4);
        scope.spawn(move || loop {
            let mut batch = Vec::with_capacity(BATCH);
            let mut end: Option<Batch> = None;
            while batch.len() < BATCH {
                match next() {
                    Ok(Some(cell)) => batch.push(cell),
                    Ok(None) => {
                        end = Some(Ok(Vec::new()));
                        break;
                    }
                    Err(e) => {
                        end = Some(Err(e.to_string()));
                        break;
                    }
                }
            }
            // A send fails only when the gatherer has stopped (a limit was passed).
            if send.send(Ok(batch)).is_err() {
                return;
            }
            if let Some(end) = end {
                let _ = send.send(end);
                return;
            }
        });
        for batch in batches {
            for (pos, cell) in batch.map_err(SheetError::Reader)? {
                grid.add(pos, gathered(cell))?;
            }
        }
        Ok(grid.finish())
    })
}

/// xlsx and xlsb stream their cells through readers of the same shape (calamine gives them no
/// common trait).
macro_rules! streamed {
    ($($book:ty),*) => {$(
        impl Cells for $book {
            fn grid(
                &mut self,
                name: &str,
                limits: &LimitsDef,
                large: bool,
            ) -> Result<Option<Grid>, SheetError> {
                let mut cells = self.worksheet_cells_reader(name).map_err(reader)?;
                stream(limits, large, || {
                    cells
                        .next_cell()
                        .map(|c| c.map(|c| (c.get_position(), handed_over(c.get_value()))))
                })
            }
        }
    )*};
}

streamed!(Xlsx<Bytes>, Xlsb<Bytes>);

/// Formats whose reader gives the whole range: xls (at most 65,536 x 256 cells by its
/// format) and ods (whose reader caps the sheet size itself).
fn whole_range(range: Range<Data>, limits: &LimitsDef) -> Result<Option<Grid>, SheetError> {
    let Some((r0, c0)) = range.start() else {
        return Ok(None);
    };
    let mut grid = GridBuilder::new(limits);
    for (r, row) in range.rows().enumerate() {
        for (c, d) in row.iter().enumerate() {
            if !matches!(d, Data::Empty) {
                let pos = (r0 + r as u32, c0 + c as u32);
                grid.add(pos, convert(d.clone())).map_err(reader)?;
            }
        }
    }
    Ok(grid.finish())
}

/// xls and ods give their sheets whole (calamine streams neither), so `large` changes nothing.
macro_rules! whole {
    ($($book:ty),*) => {$(
        impl Cells for $book {
            fn grid(
                &mut self,
                name: &str,
                limits: &LimitsDef,
                _large: bool,
            ) -> Result<Option<Grid>, SheetError> {
                whole_range(self.worksheet_range(name).map_err(reader)?, limits)
            }
        }
    )*};
}

whole!(Xls<Bytes>, Ods<Bytes>);

fn pick_sheet<R: Cells>(
    file: &str,
    format: &'static str,
    mut wb: R,
    large: bool,
    options: &ReadOptions,
    notes: &mut Vec<Diagnostic>,
) -> Result<SheetData, FileError> {
    let names = wb.sheet_names();
    if let Some(wanted) = &options.sheet {
        if !names.iter().any(|n| n == wanted) {
            return Err(FileError::NoSheet {
                wanted: wanted.clone(),
                found: names.join(", "),
            });
        }
    }
    // Visible sheets first, in workbook order; hidden ones (option lists) after.
    let hidden: Vec<String> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut order: Vec<String> = names.clone();
    order.sort_by_key(|n| hidden.contains(n));
    let mut first_error: Option<FileError> = None;
    // The first sheet with a header row, and the first with responses under it too.
    let mut with_header: Option<SheetData> = None;
    let mut read: Vec<String> = Vec::new();
    for name in order {
        if options.sheet.as_ref().is_some_and(|w| *w != name) {
            continue;
        }
        let grid = match wb.grid(&name, &options.limits, large) {
            Ok(Some(g)) => g,
            Ok(None) => continue,
            // A sheet over a limit fails the file: what is over the limit is not read at all.
            Err(SheetError::Limit(e)) => return Err(e),
            Err(SheetError::Reader(reason)) => {
                first_error.get_or_insert(FileError::Workbook {
                    format,
                    reason: format!("sheet '{name}': {reason}"),
                });
                continue;
            }
        };
        read.push(name.clone());
        match sheet_from_rows(&name, grid.row0 + 1, grid.col0, grid.rows, options) {
            Ok(sheet) if !sheet.rows.is_empty() => {
                let skipped = read.iter().filter(|n| **n != name);
                for other in skipped {
                    notes.push(
                        Diagnostic::new(Severity::Note, file, format!("sheet not read: it has no responses under a header row; sheet '{name}' was read instead"))
                            .sheet(other),
                    );
                }
                note_others(file, &names, &name, &hidden, notes);
                return Ok(sheet);
            }
            Ok(sheet) => {
                with_header.get_or_insert(sheet);
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if let Some(sheet) = with_header {
        return Ok(sheet);
    }
    Err(first_error.unwrap_or(FileError::NoData))
}

/// Names the sheets that were not looked at once a sheet with responses was found.
fn note_others(
    file: &str,
    names: &[String],
    chosen: &str,
    hidden: &[String],
    notes: &mut Vec<Diagnostic>,
) {
    let chosen_at = names.iter().position(|n| n == chosen).unwrap_or(0);
    for (i, n) in names.iter().enumerate() {
        let later_visible = i > chosen_at && !hidden.contains(n);
        let hidden_unread = hidden.contains(n) && n != chosen;
        if later_visible || hidden_unread {
            let why = if hidden_unread {
                "sheet not read: it is hidden (option lists and workings usually are), and a visible sheet holds the responses"
            } else {
                "sheet not read: only the first sheet with responses is read"
            };
            notes.push(Diagnostic::new(Severity::Note, file, why).sheet(n));
        }
    }
}

/// A cell of the reader's as the parsing thread hands it over (see [`Streamed`]).
fn handed_over(data: &DataRef) -> Streamed {
    match data {
        DataRef::SharedString(s) => Streamed::Text(CellText::new(s)),
        DataRef::String(s) => Streamed::Text(CellText::new(s)),
        other => Streamed::Value(Data::from(other.clone())),
    }
}

/// The one place calamine cells become ours: whole numbers become integers, dates become
/// ISO 8601 text, error cells keep their error code.
fn convert(data: Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() || clean::is_missing(&s) => Cell::Empty,
        Data::String(s) => Cell::Text(clean::answer(s).into()),
        Data::Int(i) => Cell::Int(i),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Cell::Int(f as i64),
        Data::Float(f) => Cell::Float(f),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) if dt.is_duration() => {
            Cell::Text(format_compact!("{}", dt.as_f64() * 24.0))
        }
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _ms) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                Cell::DateTime(format_compact!("{y:04}-{mo:02}-{d:02}"))
            } else {
                Cell::DateTime(format_compact!(
                    "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}"
                ))
            }
        }
        Data::DateTimeIso(s) => Cell::DateTime(s.into()),
        Data::DurationIso(s) => Cell::Text(s.into()),
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

    #[test]
    fn a_far_cell_or_a_huge_span_is_refused_before_it_is_stored() {
        let limits = LimitsDef::default();
        let mut g = GridBuilder::new(&limits);
        let far = g
            .add((1_048_575, 16_383), Cell::Int(1))
            .unwrap_err()
            .to_string();
        assert!(
            far.contains("column XFD") && far.contains("`columns`"),
            "{far}"
        );
        let mut g = GridBuilder::new(&limits);
        g.add((0, 0), Cell::Int(1)).unwrap();
        let span = g
            .add((99_999, 4_000), Cell::Int(1))
            .unwrap_err()
            .to_string();
        assert!(span.contains("`cells`"), "{span}");
        let mut g = GridBuilder::new(&limits);
        g.add((2, 1), Cell::Int(1)).unwrap();
        g.add((4, 3), Cell::Text("x".into())).unwrap();
        let grid = g.finish().unwrap();
        assert_eq!(
            (grid.row0, grid.col0, grid.rows.len(), grid.rows[0].len()),
            (2, 1, 3, 3)
        );
        assert_eq!(grid.rows[2][2], Cell::Text("x".into()));
    }

    /// Cells of a sheet as a reader would give them: row by row, with gaps, one cell out of
    /// order and one given twice (the later value stays).
    fn cells(n: u32) -> Vec<((u32, u32), Data)> {
        let mut out: Vec<((u32, u32), Data)> = (0..n)
            .flat_map(|r| {
                (0..5u32)
                    .filter(move |c| (r + c) % 4 != 0)
                    .map(move |c| ((r + 1, c), Data::String(format!("r{r}c{c}"))))
            })
            .collect();
        out.insert(3, ((n + 2, 1), Data::Int(7)));
        out.push(((1, 1), Data::Float(2.5)));
        out
    }

    fn streamed(cells: &[((u32, u32), Data)], pipelined: bool) -> Result<Option<Grid>, SheetError> {
        let mut it = cells
            .iter()
            .cloned()
            .map(|(pos, data)| (pos, Streamed::Value(data)));
        stream(&LimitsDef::default(), pipelined, || {
            Ok::<_, String>(it.next())
        })
    }

    /// A streamed cell's text, copied from the reader's shared strings and cleaned as it is
    /// gathered, is the cell the owned value gives: short or long, empty or not.
    #[test]
    fn borrowed_and_owned_text_become_the_same_cell() {
        for text in [
            "",
            "Agree",
            "Neither agree nor disagree, on the whole",
            "Line one_x000D_\nline two",
            "Yes,\u{00A0}in full\u{200B}",
            "caf\u{00C3}\u{00A9}",
            "bell\u{0007}",
        ] {
            let owned = convert(Data::String(text.to_string()));
            let shared = gathered(handed_over(&DataRef::SharedString(text)));
            assert_eq!(shared, owned, "{text:?}");
            let inline = gathered(handed_over(&DataRef::String(text.into())));
            assert_eq!(inline, owned, "{text:?}");
        }
        assert_eq!(
            gathered(handed_over(&DataRef::Float(3.0))),
            Cell::Int(3),
            "numbers as before"
        );
    }

    /// Parsing on a thread of its own gives the same sheet, cell for cell, over many batches.
    #[test]
    fn a_large_sheet_streamed_on_two_threads_is_the_same_sheet() {
        let cells = cells(3 * BATCH as u32);
        let one = streamed(&cells, false).ok().flatten().unwrap();
        let two = streamed(&cells, true).ok().flatten().unwrap();
        assert_eq!((one.row0, one.col0), (two.row0, two.col0));
        assert_eq!(one.rows, two.rows);
        assert_eq!(one.rows.len(), 3 * BATCH + 2);
        assert_eq!(
            one.rows[0][1],
            Cell::Float(2.5),
            "the later value of a cell"
        );
        assert_eq!(
            one.rows[3 * BATCH + 1][1],
            Cell::Int(7),
            "a cell out of order"
        );
        assert_eq!((one.row0, one.col0), (1, 0));
        assert_eq!(one.rows[0][0], Cell::Empty, "a gap");
        assert_eq!(one.rows[1][3], Cell::Empty, "a gap");
        assert_eq!(one.rows[1][2], Cell::Text("r1c2".into()));
    }

    /// A reader's error and a passed limit stop the pipelined stream with their message.
    #[test]
    fn a_reader_error_or_a_limit_stops_the_pipelined_stream() {
        let mut n = 0;
        let failed = stream(&LimitsDef::default(), true, || {
            n += 1;
            if n > BATCH + 10 {
                Err("the sheet's XML is cut off")
            } else {
                Ok(Some(((n as u32, 0), Streamed::Value(Data::Int(1)))))
            }
        });
        assert!(matches!(failed, Err(SheetError::Reader(m)) if m.contains("cut off")));
        let limits = LimitsDef {
            columns: 3,
            ..LimitsDef::default()
        };
        let mut n = 0u32;
        let wide = stream(&limits, true, || {
            n += 1;
            Ok::<_, String>(Some(((n / 5, n % 5), Streamed::Value(Data::Int(1)))))
        });
        assert!(matches!(wide, Err(SheetError::Limit(e)) if e.to_string().contains("`columns`")));
    }

    /// A reader that panics on the parsing thread neither hangs the gathering one nor is
    /// lost: the panic comes back to the caller, where `read_bytes` turns it into a failed
    /// file.
    #[test]
    fn a_reader_panicking_on_its_own_thread_comes_back_to_the_caller() {
        let mut n = 0u32;
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            stream(&LimitsDef::default(), true, || {
                n += 1;
                if n > BATCH as u32 + 5 {
                    panic!("damaged data");
                }
                Ok::<_, String>(Some(((n, 0), Streamed::Value(Data::Int(1)))))
            })
            .is_ok()
        }));
        assert!(outcome.is_err());
    }

    /// Every workbook bundled with the project (the sample and the fixtures in the layouts
    /// of the survey platforms) gives the same sheets read on two threads as on one.
    #[test]
    fn every_bundled_workbook_reads_the_same_on_two_threads() {
        fn xlsx_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    xlsx_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "xlsx") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        xlsx_files(&root.join("tests/fixtures"), &mut files);
        xlsx_files(&root.join("input"), &mut files);
        let limits = LimitsDef::default();
        let seen = |grid: Result<Option<Grid>, SheetError>| match grid {
            Ok(g) => Ok(g.map(|g| (g.row0, g.col0, g.rows))),
            Err(SheetError::Reader(e)) => Err(e),
            Err(SheetError::Limit(e)) => Err(e.to_string()),
        };
        let (mut books, mut sheets) = (0, 0);
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            let Ok(mut book) = Xlsx::<Bytes>::new(Cursor::new(bytes)) else {
                continue; // a damaged fixture: refused before any sheet is read
            };
            books += 1;
            for name in book.sheet_names() {
                let one = seen(book.grid(&name, &limits, false));
                let two = seen(book.grid(&name, &limits, true));
                assert_eq!(one, two, "{} sheet {name}", file.display());
                sheets += 1;
            }
        }
        assert!(
            books >= 10 && sheets >= books,
            "{books} workbooks, {sheets} sheets"
        );
    }
}
