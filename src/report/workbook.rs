//! `tables.xlsx`: the published tables as the Analysis Function's guidance for releasing
//! statistics in spreadsheets lays them out: a cover sheet, a contents sheet, a notes sheet,
//! then one table per worksheet, each marked up as an Excel table with a name, headed by its
//! title in cell A1 and what the sheet holds in A2-A3, with no merged cells and no blank rows.
//! Numbers are stored as numbers with a number format; a figure that cannot be given is `[x]`,
//! explained on the cover. Each sheet is written from the same [`Tabular`] as its CSV file.

use super::tables::Tabular;
use crate::error::{Error, Result};
use crate::model::CONFIDENTIAL;
use rayon::prelude::*;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Table, TableColumn, TableStyle, Url, Workbook, Worksheet,
    XlsxError,
};

/// One table of the workbook.
pub struct Sheet<'a> {
    /// Name of the Excel table and of the CSV file it matches (`likert_counts`).
    pub name: &'a str,
    /// What the table shows, said in full.
    pub title: String,
    /// Notes the table needs, by number on the notes sheet.
    pub notes: Vec<usize>,
    pub table: &'a Tabular,
}

/// The symbol for a figure that cannot be given (GSS: not available).
pub const NOT_AVAILABLE: &str = "[x]";

/// How the figures of a column are shown: whole numbers, percentages, scores, p-values.
fn number_format(column: &str, values: &[&str]) -> &'static str {
    let whole = values
        .iter()
        .all(|v| v.is_empty() || *v == CONFIDENTIAL || v.parse::<i64>().is_ok());
    if whole {
        "0"
    } else if column.contains("percent")
        || column == "target"
        || column.starts_with("ci_")
        || column.starts_with("top2_ci")
    {
        "0.0"
    } else if column == "p"
        || column == "p_holm"
        || column == "p_exact"
        || column.starts_with("alpha")
        || column == "rank_biserial"
        || column == "z"
    {
        "0.000"
    } else {
        "0.00"
    }
}

/// Whether every non-empty value of a column is a number (and at least one is).
/// Whether a column holds numbers: every value a number, empty or suppressed (`[c]`), and
/// at least one not empty.
fn numeric(values: &[&str]) -> bool {
    values.iter().any(|v| !v.is_empty())
        && values.iter().all(|v| {
            v.is_empty() || *v == CONFIDENTIAL || v.trim().parse::<f64>().is_ok_and(f64::is_finite)
        })
}

fn xlsx(what: &str) -> impl Fn(XlsxError) -> Error + '_ {
    move |e| Error::Document {
        document: what.to_string(),
        reason: e.to_string(),
    }
}

/// Writes column A's lines (title first, bold and larger) from row 0; returns the next row.
fn heading(ws: &mut Worksheet, lines: &[String], title: &Format) -> Result<u32, XlsxError> {
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            ws.write_string_with_format(0, 0, line, title)?;
        } else {
            ws.write_string(i as u32, 0, line)?;
        }
    }
    Ok(lines.len() as u32)
}

/// A worksheet named `sheet` holding one two-column table of text (the contents, the notes):
/// its name as title, what it holds, then the table at row 3, marked up as an Excel table
/// named `name`. With `links`, the first column's cells go to the sheets they name.
#[allow(clippy::too_many_arguments)]
fn text_sheet(
    wb: &mut Workbook,
    sheet: &str,
    about: &str,
    name: &str,
    header: [&str; 2],
    rows: &[Vec<String>],
    links: bool,
    widths: [f64; 2],
    title: &Format,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let row = heading(ws, &[sheet.to_string(), about.to_string()], title)?;
    ws.set_column_width(0, widths[0])?;
    ws.set_column_width(1, widths[1])?;
    for (r, values) in rows.iter().enumerate() {
        for (c, v) in values.iter().enumerate() {
            let at = (row + 1 + r as u32, c as u16);
            if links && c == 0 {
                ws.write_url_with_text(at.0, at.1, Url::new(format!("internal:'{v}'!A1")), v)?;
            } else {
                ws.write_string(at.0, at.1, v)?;
            }
        }
    }
    let columns: Vec<TableColumn> = header
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let table = Table::new()
        .set_name(name)
        .set_style(TableStyle::Light1)
        .set_columns(&columns);
    ws.add_table(
        row,
        0,
        row + rows.len().max(1) as u32,
        header.len() as u16 - 1,
        &table,
    )?;
    Ok(())
}

/// Rows a worksheet holds below its heading lines and table header (Excel's 1,048,576 less a
/// margin).
pub const MAX_ROWS: usize = 1_048_570;

/// The workbook. `subject` says what the tables are about ("22 evaluation sheets from 2
/// sessions"); `notes` are the notes' texts, numbered from 1. A table too long for a
/// worksheet is left out, and the cover says so and points to its CSV file. `title`, the
/// committee report's, heads the cover when set.
pub fn render(
    title: Option<&str>,
    subject: &str,
    sheets: &[Sheet],
    notes: &[&str],
    version: &str,
) -> Result<Vec<u8>> {
    let (fit, long): (Vec<&Sheet>, Vec<&Sheet>) =
        sheets.iter().partition(|s| s.table.rows.len() <= MAX_ROWS);
    build(title, subject, &fit, &long, notes, version).map_err(xlsx("tables.xlsx"))
}

fn build(
    report_title: Option<&str>,
    subject: &str,
    sheets: &[&Sheet],
    long: &[&Sheet],
    notes: &[&str],
    version: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // The fastest deflate: on a corpus of 1,000 sessions the sheets hold 18 MB of XML; level 1
    // wrote 3.7 MB where the default wrote 2.0 MB, and took the run from 2.2 s to 1.8 s.
    wb.set_zip_compression_level(1);
    let title_text = match report_title {
        Some(t) => format!("{t}: tables"),
        None => "Member training evaluation: tables".to_string(),
    };
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title_text)
            .set_subject(subject)
            .set_author("evalboard")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let title = Format::new().set_bold().set_font_size(16);
    let bold = Format::new().set_bold();

    let cover = wb.add_worksheet();
    cover.set_name("Cover")?;
    let lines = [
        title_text.clone(),
        format!("This workbook holds the figures of the committee documents: {subject}."),
        "Each table is on its own worksheet, listed on the Contents worksheet; the notes the tables refer to are on the Notes worksheet.".to_string(),
        format!("Source: evaluation sheets, attendance records and self-assessments, read by evalboard {version}. The same tables are in the tables folder as CSV files of the same names."),
        format!("Symbols: {NOT_AVAILABLE} not available (there are no answers to base the figure on); {CONFIDENTIAL} confidential (the group is too small to publish without pointing at a person, or would give such a group away; the technical annex gives the rule)."),
        "Names and contact details in respondents' text have been removed.".to_string(),
    ];
    let mut lines = lines.to_vec();
    for s in long {
        lines.push(format!(
            "{} ({} rows) is longer than a worksheet holds: it is in tables/{}.csv only.",
            s.title,
            s.table.rows.len(),
            s.name
        ));
    }
    heading(cover, &lines, &title)?;
    cover.set_column_width(0, 120)?;

    let rows: Vec<Vec<String>> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| vec![format!("Table_{}", i + 1), s.title.clone()])
        .collect();
    text_sheet(
        &mut wb,
        "Contents",
        "This worksheet contains one table. Select a sheet name to go to it.",
        "contents",
        ["Sheet name", "Table title"],
        &rows,
        true,
        [14.0, 100.0],
        &title,
    )?;
    let rows: Vec<Vec<String>> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| vec![format!("[note {}]", i + 1), n.to_string()])
        .collect();
    text_sheet(
        &mut wb,
        "Notes",
        "This worksheet contains one table.",
        "notes",
        ["Note number", "Note text"],
        &rows,
        false,
        [14.0, 110.0],
        &title,
    )?;

    // Each table's worksheet is filled on its own, side by side, in the writer's constant
    // memory mode: a row's XML goes to an unnamed temporary file (gone when it is closed) as
    // soon as the next row starts, its text written in the cell, instead of every cell held
    // until the workbook is saved (840 MB and 4 s of a 10,000-session batch). Where no
    // temporary file can be made, the sheet is held in memory: the same cells either way.
    let formats: Vec<Vec<Option<Format>>> =
        sheets.par_iter().map(|s| column_formats(s.table)).collect();
    // Such a sheet numbers a format the workbook does not know yet when it first writes it:
    // side by side, the numbers would depend on which sheet got there first (and two sheets
    // could give one format two numbers). The formats are numbered here first, in order, by
    // a sheet that is never added to the workbook.
    if let Ok(mut numbering) = wb.new_worksheet_with_constant_memory() {
        let mut distinct: Vec<&Format> = Vec::new();
        for f in [&title, &bold]
            .into_iter()
            .chain(formats.iter().flatten().flatten())
        {
            if !distinct.contains(&f) {
                distinct.push(f);
            }
        }
        for (c, f) in distinct.into_iter().enumerate() {
            numbering.write_blank(0, c as u16, f)?;
        }
    }
    let mut tables: Vec<Worksheet> = sheets
        .iter()
        .map(|_| {
            wb.new_worksheet_with_constant_memory()
                .unwrap_or_else(|_| Worksheet::new())
        })
        .collect();
    tables
        .par_iter_mut()
        .zip(sheets.par_iter().zip(&formats))
        .enumerate()
        .try_for_each(|(i, (ws, (s, formats)))| table_sheet(ws, i, s, formats, &title, &bold))?;
    for ws in tables {
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

/// The worksheet of the `i`th table: its title, what it holds, the table. Its rows are
/// written from the top down, as the constant memory mode needs.
fn table_sheet(
    ws: &mut Worksheet,
    i: usize,
    s: &Sheet,
    formats: &[Option<Format>],
    title: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    ws.set_name(format!("Table_{}", i + 1))?;
    let notes: Vec<String> = s.notes.iter().map(|n| format!("[note {n}]")).collect();
    let about = if notes.is_empty() {
        "This worksheet contains one table.".to_string()
    } else {
        format!(
            "This worksheet contains one table. Notes: {}.",
            notes.join(", ")
        )
    };
    let top = heading(ws, &[s.title.clone(), about], title)?;
    // Printed as the guidance asks: landscape, one page wide, the header row on every page.
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(top, top)?;
    sheet_table(ws, top, s, formats, bold)
}

/// A date as the tables write it: `YYYY-MM-DD`.
fn iso_date(v: &str) -> Option<ExcelDateTime> {
    let b = v.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    ExcelDateTime::from_ymd(
        v[..4].parse().ok()?,
        v[5..7].parse().ok()?,
        v[8..].parse().ok()?,
    )
    .ok()
}

/// Whether a column holds dates: every value a date or empty, and at least one a date.
fn dates(values: &[&str]) -> bool {
    values.iter().any(|v| !v.is_empty())
        && values
            .iter()
            .all(|v| v.is_empty() || *v == CONFIDENTIAL || iso_date(v).is_some())
}

/// Each column's format: a number format for a numeric column, a date format for a column of
/// dates, none for text.
fn column_formats(t: &Tabular) -> Vec<Option<Format>> {
    (0..t.header.len())
        .map(|c| {
            let values: Vec<&str> = t.rows.iter().map(|r| r.get(c).unwrap_or("")).collect();
            let format = if dates(&values) {
                "yyyy-mm-dd"
            } else if numeric(&values) {
                number_format(&t.header[c], &values)
            } else {
                return None;
            };
            Some(
                Format::new()
                    .set_num_format(format)
                    .set_align(rust_xlsxwriter::FormatAlign::Right),
            )
        })
        .collect()
}

/// A table's column name in words, for the workbook's readers (the CSV keeps the name a
/// program reads): `top2_ci_low` is "Top two CI low", `n_substantive` "Answers that gave a
/// view".
pub fn header_words(name: &str) -> String {
    let known = match name {
        "n" => Some("Answers"),
        "n_substantive" => Some("Answers that gave a view"),
        "top2_percent" => Some("Favourable per cent"),
        "top2_ci_low" => Some("Favourable per cent, 95% CI low"),
        "top2_ci_high" => Some("Favourable per cent, 95% CI high"),
        "ci_low" => Some("95% CI low"),
        "ci_high" => Some("95% CI high"),
        "p" => Some("p-value"),
        "p_holm" => Some("p-value, Holm-adjusted"),
        "iqr" => Some("Interquartile range"),
        "q1" => Some("Lower quartile"),
        "q3" => Some("Upper quartile"),
        _ => None,
    };
    if let Some(k) = known {
        return k.to_string();
    }
    crate::model::capitalised(&name.replace('_', " ").replace("percent", "per cent"))
}

/// The table of a sheet at `row`, its columns formatted by `formats` (from
/// [`column_formats`]): text as text, numeric columns as numbers with formats.
fn sheet_table(
    ws: &mut Worksheet,
    row: u32,
    s: &Sheet,
    formats: &[Option<Format>],
    bold: &Format,
) -> Result<(), XlsxError> {
    let t = s.table;
    let columns = t.header.len();
    // Widths from the longest value of each column (capped), measured here rather than by
    // the writer's autofit, which is slow on a large table.
    for c in 0..columns {
        let longest = t
            .rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|v| v.chars().count())
            .chain(std::iter::once(
                header_words(&t.header[c]).chars().count() + 3,
            ))
            .max()
            .unwrap_or(8);
        ws.set_column_width(c as u16, (longest.clamp(6, 60) + 2) as f64)?;
        // A numeric column's format is set once for the column, and its numbers are written
        // without one: the writer gives them the column's format as it writes each row,
        // rather than looking the format up by its hash for every number (a quarter of a
        // large workbook's time).
        if let Some(Some(f)) = formats.get(c) {
            ws.set_column_format(c as u16, f)?;
        }
    }
    // The table's header row, then its rows below it.
    let header: Vec<TableColumn> = t
        .header
        .iter()
        .map(|h| {
            TableColumn::new()
                .set_header(header_words(h))
                .set_header_format(bold)
        })
        .collect();
    let table = Table::new()
        .set_name(s.name)
        .set_style(TableStyle::Light1)
        .set_columns(&header);
    ws.add_table(
        row,
        0,
        row + t.rows.len().max(1) as u32,
        columns as u16 - 1,
        &table,
    )?;
    for (r, values) in t.rows.iter().enumerate() {
        let at = row + 1 + r as u32;
        for (c, format) in formats.iter().enumerate() {
            let v = values.get(c).unwrap_or("");
            match format {
                Some(f) if v.is_empty() => {
                    ws.write_string_with_format(at, c as u16, NOT_AVAILABLE, f)?;
                }
                Some(f) if v == CONFIDENTIAL => {
                    ws.write_string_with_format(at, c as u16, CONFIDENTIAL, f)?;
                }
                Some(_) => match iso_date(v) {
                    Some(d) => {
                        ws.write_datetime(at, c as u16, d)?;
                    }
                    None => {
                        let x: f64 = v.trim().parse().unwrap_or(0.0);
                        ws.write_number(at, c as u16, x)?;
                    }
                },
                None => {
                    ws.write_string(at, c as u16, v)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{render, Sheet};
    use crate::report::tables::{Row, Tabular};
    use std::io::Read;

    /// A table longer than a worksheet holds is left out, named on the cover; the workbook
    /// is still written.
    #[test]
    fn a_table_too_long_for_a_sheet_is_named_on_the_cover() {
        let long = Tabular {
            header: vec!["n".into()],
            rows: vec![Row::new(&["1"]); super::MAX_ROWS + 1],
            status: false,
        };
        let short = Tabular {
            header: vec!["n".into()],
            rows: vec![Row::new(&["1"])],
            status: false,
        };
        let sheets = [
            Sheet {
                name: "long",
                title: "Long".into(),
                notes: vec![],
                table: &long,
            },
            Sheet {
                name: "short",
                title: "Short".into(),
                notes: vec![],
                table: &short,
            },
        ];
        let bytes = render(None, "a test", &sheets, &["A note."], "0").unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
        assert!(names.contains(&"xl/worksheets/sheet4.xml".to_string()));
        assert!(
            !names.contains(&"xl/worksheets/sheet5.xml".to_string()),
            "{names:?}"
        );
        let mut strings = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut strings)
            .unwrap();
        assert!(
            strings.contains("it is in tables/long.csv only"),
            "{strings}"
        );
    }

    /// The same tables give the same bytes however many threads fill the worksheets: the
    /// sheets' formats (whole numbers, percentages, scores, p-values, each first used by a
    /// different sheet) are numbered in the workbook in the same order every time.
    #[test]
    fn the_workbook_is_the_same_whatever_the_threads() {
        let columns = ["count", "percent", "mean", "p"];
        let values = ["3", "42.5", "2.25", "0.013"];
        let tables: Vec<Tabular> = (0..16)
            .map(|i| {
                let c = i % columns.len();
                Tabular {
                    header: vec!["answer".into(), columns[c].into()],
                    rows: (0..50)
                        .map(|r| Row::new(&[&format!("answer {r}"), values[c]]))
                        .collect(),
                    status: false,
                }
            })
            .collect();
        let names: Vec<String> = (0..tables.len()).map(|i| format!("table_{i}")).collect();
        let sheets: Vec<Sheet> = tables
            .iter()
            .zip(&names)
            .map(|(t, name)| Sheet {
                name,
                title: name.clone(),
                notes: vec![],
                table: t,
            })
            .collect();
        let in_pool = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| render(None, "a test", &sheets, &["A note."], "0").unwrap())
        };
        let one = in_pool(1);
        for _ in 0..10 {
            assert!(in_pool(8) == one, "the workbook changed with the threads");
        }
    }

    /// A column of counts is whole numbers whether or not some are protected ("53", not
    /// "53.00"); a target is a percentage to one decimal.
    #[test]
    fn counts_beside_c_stay_whole_numbers() {
        use super::{dates, header_words, number_format};
        assert_eq!(number_format("attended", &["53", "[c]", ""]), "0");
        assert_eq!(number_format("target", &["90.0000", "[c]"]), "0.0");
        assert_eq!(header_words("top2_percent"), "Favourable per cent");
        assert_eq!(header_words("not_on_roster"), "Not on roster");
        assert_eq!(header_words("percent_of_expected"), "Per cent of expected");
        assert!(dates(&["2016-06-24", "", "[c]"]));
        assert!(!dates(&["2016-06-24", "24/06/2016"]));
        assert!(!dates(&["2016-13-01"]));
    }

    /// Text that looks like a formula is stored as text; numbers as numbers; nothing runs.
    #[test]
    fn formula_like_text_is_text_and_numbers_are_numbers() {
        let t = Tabular {
            header: vec!["answer".into(), "count".into(), "percent".into()],
            rows: vec![
                Row::new(&["=1+2", "3", "42.8571"]),
                Row::new(&["@SUM(A1)", "0", ""]),
            ],
            status: false,
        };
        let sheets = [Sheet {
            name: "answers",
            title: "Answers".into(),
            notes: vec![1],
            table: &t,
        }];
        let bytes = render(None, "a test", &sheets, &["A note."], "0").unwrap();
        assert_eq!(
            bytes,
            render(None, "a test", &sheets, &["A note."], "0").unwrap(),
            "deterministic"
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet4.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(!sheet.contains("<f>"), "no formula: {sheet}");
        assert!(sheet.contains("<v>42.8571</v>"), "{sheet}");
        // The table's text is written in its cells, as text.
        assert!(
            sheet.contains("t=\"inlineStr\"><is><t>=1+2</t></is>") && sheet.contains("<t>[x]</t>"),
            "{sheet}"
        );
        let mut table = String::new();
        zip.by_name("xl/tables/table3.xml")
            .unwrap()
            .read_to_string(&mut table)
            .unwrap();
        assert!(table.contains("name=\"answers\""), "{table}");
        // Each number is shown with its column's format, as a reader of the sheet sees it:
        // counts as whole numbers, percentages to one place; "[x]" right-aligned with them.
        let mut styles = String::new();
        zip.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut styles)
            .unwrap();
        let shown = |cell: &str| -> (String, bool) {
            let at = sheet.find(&format!("<c r=\"{cell}\"")).unwrap();
            let tag = &sheet[at..at + sheet[at..].find('>').unwrap()];
            let s: usize = attribute(tag, "s")
                .parse()
                .unwrap_or_else(|_| panic!("{cell} has no format: {tag}"));
            let xfs = &styles[styles.find("<cellXfs").unwrap()..];
            let xf = xfs.split("<xf ").nth(s + 1).unwrap();
            let id = attribute(xf, "numFmtId");
            let code = styles
                .split("<numFmt ")
                .find(|f| attribute(f, "numFmtId") == id)
                .map_or("General".to_string(), |f| attribute(f, "formatCode"));
            (code, xf.contains("horizontal=\"right\""))
        };
        // The table's header is on row 3; its rows are 4 and 5.
        assert_eq!(shown("B4"), ("0".to_string(), true));
        assert_eq!(shown("B5"), ("0".to_string(), true));
        assert_eq!(shown("C4"), ("0.0".to_string(), true));
        assert_eq!(shown("C5"), ("0.0".to_string(), true));
    }

    /// The value of `name="..."` in an XML tag's text.
    fn attribute(tag: &str, name: &str) -> String {
        // A space first, for a tag's text that starts with its first attribute.
        let tag = format!(" {tag}");
        let key = format!(" {name}=\"");
        let at = tag.find(&key).map(|i| i + key.len());
        at.map_or(String::new(), |i| {
            tag[i..i + tag[i..].find('"').unwrap()].to_string()
        })
    }
}
