//! The CSV tables, each built from its rows' `Serialize` form (see [`super::row`]): a
//! struct's field names are the table's columns, so a column cannot be named in one place
//! and filled in another. An empty field means "not defined" (e.g. a mean with no substantive
//! answers).

use super::row;
use crate::model::{Evaluation, FileStatus, CONFIDENTIAL};
use serde::Serialize;

/// Which cells of a suppressed row are protected: every cell after the first `n` (those that
/// say which group, question or option the row is).
#[derive(Debug, Clone, Copy)]
pub(super) enum Mask {
    After(usize),
}

/// A table as text: its column names and rows, each value as the CSV writes it, a protected
/// figure as `[c]`. The CSV file and the workbook's sheet are both written from it, so they
/// cannot disagree. A table that can hold protected figures (`status`) is written to CSV with
/// them empty and a last column, `status`, saying `[c]` on their rows, so that its figure
/// columns stay numeric for whoever loads them; the workbook keeps `[c]` in the cell, as the
/// guidance for published spreadsheets asks.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabular {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub status: bool,
}

/// One row of a table: its values end to end in one string, and where each ends. A table
/// waits whole while its CSV file and its worksheet are written, and a string for each value
/// held 364 MB for the 5.8 million values of 10,000 sessions' shared tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    text: Box<str>,
    ends: Box<[u32]>,
    /// Some of its figures are protected (`[c]`).
    protected: bool,
}

impl Row {
    pub fn new<S: AsRef<str>>(values: &[S]) -> Row {
        let mut text = String::with_capacity(values.iter().map(|v| v.as_ref().len()).sum());
        let ends = values
            .iter()
            .map(|v| {
                text.push_str(v.as_ref());
                // A row of a report's table is far shorter than 4 GB.
                u32::try_from(text.len()).expect("a row under 4 GB")
            })
            .collect();
        Row {
            text: text.into_boxed_str(),
            ends,
            protected: false,
        }
    }

    /// Whether some of its figures are protected (`[c]`).
    pub fn protected(&self) -> bool {
        self.protected
    }

    /// The `c`th value, if the row has that many.
    pub fn get(&self, c: usize) -> Option<&str> {
        let end = *self.ends.get(c)? as usize;
        let start = c.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).filter_map(|c| self.get(c))
    }
}

/// A table of rows published as they are; `T::default()` names the columns of an empty one.
pub(super) fn table<'a, T: Serialize + Default + 'a>(
    rows: impl IntoIterator<Item = &'a T>,
) -> Tabular {
    Tabular {
        status: false,
        ..masked(&T::default(), rows.into_iter().map(|r| (r, None)))
    }
}

/// A table whose rows come each with how it is suppressed, if it is; `template` (any row of
/// the type) names the columns when there is no row.
pub(super) fn masked<'a, T: Serialize + 'a>(
    template: &T,
    rows: impl IntoIterator<Item = (&'a T, Option<Mask>)>,
) -> Tabular {
    let (header, _) = row::of(template);
    let rows = rows
        .into_iter()
        .map(|(r, mask)| {
            let mut cells = row::cells_of(r, &header);
            match mask {
                Some(Mask::After(keys)) => {
                    cells
                        .iter_mut()
                        .skip(keys)
                        .for_each(|c| *c = CONFIDENTIAL.to_string());
                    Row {
                        protected: true,
                        ..Row::new(&cells)
                    }
                }
                None => Row::new(&cells),
            }
        })
        .collect();
    Tabular {
        header,
        rows,
        status: true,
    }
}

/// Rows whose `suppressed` says to publish every cell after the first `keys` as `[c]`.
pub(super) fn after<T>(
    rows: &[T],
    suppressed: impl Fn(&T) -> bool,
    keys: usize,
) -> impl Iterator<Item = (&T, Option<Mask>)> {
    rows.iter()
        .map(move |r| (r, suppressed(r).then_some(Mask::After(keys))))
}

impl Tabular {
    /// The CSV file, each text field a spreadsheet would run as a formula made inert.
    pub fn csv(&self) -> Vec<u8> {
        if !self.status {
            return write_csv(&self.header, self.rows.iter().map(Row::iter));
        }
        let header: Vec<String> = self
            .header
            .iter()
            .cloned()
            .chain(["status".to_string()])
            .collect();
        let rows = self.rows.iter().map(|r| {
            let protected = r.protected();
            r.iter()
                .map(move |v| {
                    if protected && v == CONFIDENTIAL {
                        ""
                    } else {
                        v
                    }
                })
                .chain([if protected { CONFIDENTIAL } else { "" }])
        });
        write_csv(&header, rows)
    }
}

/// The CSV file of rows published as they are, each row written as soon as it is serialised:
/// the same bytes as `table(rows).csv()` without holding the whole table as text first (the
/// free-text table of 200,000 respondents has 800,000 rows).
pub(super) fn csv_of<'a, T: Serialize + Default + 'a>(
    rows: impl IntoIterator<Item = &'a T>,
) -> Vec<u8> {
    let (header, _) = row::of(&T::default());
    let mut w = csv_writer(&header);
    for r in rows {
        record(&mut w, row::cells_of(r, &header).iter().map(String::as_str));
    }
    w.into_inner().expect("flush to memory")
}

fn write_csv<'r, R: Iterator<Item = &'r str>>(
    header: &[String],
    rows: impl IntoIterator<Item = R>,
) -> Vec<u8> {
    let mut w = csv_writer(header);
    for r in rows {
        record(&mut w, r);
    }
    w.into_inner().expect("flush to memory")
}

/// A CSV writer to memory with the header written.
fn csv_writer(header: &[String]) -> csv::Writer<Vec<u8>> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    w.write_record(header).expect("write to memory");
    w
}

/// One row of a CSV file, its formula-like text made inert.
fn record<'r>(w: &mut csv::Writer<Vec<u8>>, fields: impl Iterator<Item = &'r str>) {
    // Writing to a Vec cannot fail. Field by field, then the terminator: no list of the
    // row's fields is made on the way.
    for field in fields {
        w.write_field(inert(field).as_bytes())
            .expect("write to memory");
    }
    w.write_record(std::iter::empty::<&[u8]>())
        .expect("write to memory");
}

/// A text field a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) written with a leading apostrophe, so that it shows as text, as the
/// OWASP advice on CSV injection has it. Numbers (`-0.5`) are left as they are.
fn inert(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && field.trim().parse::<f64>().is_err() {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

pub fn likert_counts(e: &Evaluation) -> Tabular {
    masked(&Default::default(), after(&e.counts, |c| c.suppressed, 4))
}

pub fn likert_summary(e: &Evaluation) -> Tabular {
    masked(
        &Default::default(),
        after(&e.summaries, |s| s.suppressed, 2),
    )
}

/// `tables/free_text.csv`, written row by row.
pub fn free_text(e: &Evaluation) -> Vec<u8> {
    csv_of(&e.free_text)
}

/// `tables/unmatched_answers.csv`, written row by row.
pub fn unmatched_answers(e: &Evaluation) -> Vec<u8> {
    csv_of(&e.unmatched)
}

/// `tables/data_quality.csv`: the totals (rows read = used + rejected), then every finding
/// with its check, severity and place, in words that name no person.
pub fn data_quality(e: &Evaluation) -> Tabular {
    data_quality_with(e, false)
}

/// `internal/data_quality.csv`: the same, each message with the cell or name it quotes.
pub fn data_quality_internal(e: &Evaluation) -> Tabular {
    data_quality_with(e, true)
}

/// A line of the data-quality table: a total (severity `total`, its figure in `count`) or a
/// finding.
#[derive(Serialize, Default)]
struct QualityLine<'a> {
    check: &'a str,
    severity: &'a str,
    file: &'a str,
    sheet: &'a str,
    row: Option<usize>,
    column: &'a str,
    count: Option<u64>,
    message: &'a str,
}

fn data_quality_with(e: &Evaluation, internal: bool) -> Tabular {
    let r = e.rows;
    let totals = [
        ("files_read", e.read_files() as u64),
        ("files_failed", e.failed_files() as u64),
        (
            "files_skipped",
            e.all_files()
                .filter(|f| matches!(f.status, FileStatus::Skipped(_)))
                .count() as u64,
        ),
        ("rows_read", r.read),
        ("rows_used", r.used),
        ("rows_rejected", r.rejected),
        ("respondents", e.respondents()),
        ("answers_from_tally_sheets", e.tallied_answers()),
    ];
    let attendance = e.attendance.iter().flat_map(|a| {
        [
            ("attendance_rows_read", a.rows.read),
            ("attendance_rows_used", a.rows.used),
            ("attendance_rows_rejected", a.rows.rejected),
            ("roster_members", a.members),
            ("attendees_not_on_roster", a.not_on_roster),
        ]
    });
    let self_assessment = e.self_assessment.iter().flat_map(|s| {
        [
            ("self_assessment_rows_read", s.rows.read),
            ("self_assessment_rows_used", s.rows.used),
            ("self_assessment_rows_rejected", s.rows.rejected),
            ("self_assessment_members_in_every_wave", s.matched),
        ]
    });
    let summary = totals
        .into_iter()
        .chain(attendance)
        .chain(self_assessment)
        .map(|(check, n)| QualityLine {
            check,
            severity: "total",
            count: Some(n),
            ..Default::default()
        });
    let findings = e.diagnostics.iter().map(|d| QualityLine {
        check: d.check.name(),
        severity: d.severity.name(),
        file: &d.file,
        sheet: d.sheet.as_deref().unwrap_or_default(),
        row: d.row,
        column: d.column.as_deref().unwrap_or_default(),
        count: None,
        message: match (&d.internal, internal) {
            (Some(full), true) => full,
            _ => &d.message,
        },
    });
    let lines: Vec<QualityLine> = summary.chain(findings).collect();
    table(&lines)
}

/// A line of `tables/questions.csv`: how one question was read.
#[derive(Serialize, Default)]
struct QuestionLine<'a> {
    question: &'a str,
    group: &'a str,
    read_as: &'static str,
    scale: &'a str,
    /// Whether the scale's order and range are the form's (`confirmed`) or assumed.
    order: &'static str,
    /// The question's column letters in the first file that asks it.
    columns: String,
    /// For a question that takes written-in answers: where they are listed.
    written_in: &'a str,
}

/// `tables/questions.csv`: every question, in survey order, with how it was read (a scale, numbers,
/// categories, a multi-select or free text), on which scale, whether that scale's order is
/// confirmed or assumed, and where in the first file that asks it the question was read.
pub fn questions(e: &Evaluation) -> Tabular {
    use crate::model::{QuestionKind, ScaleKind};
    let s = &e.survey;
    let lines: Vec<QuestionLine> = s
        .questions
        .iter()
        .map(|q| {
            let scale = match q.kind {
                QuestionKind::Likert { scale }
                | QuestionKind::Category { scale }
                | QuestionKind::MultiSelect { scale } => s.scales.get(scale),
                QuestionKind::FreeText => None,
            };
            let read_as = match (q.kind, scale.map(|x| x.kind)) {
                (QuestionKind::Likert { .. }, Some(ScaleKind::Codes)) => "rating in numbers",
                (QuestionKind::Likert { .. }, Some(ScaleKind::Centred)) => "centred scale",
                (QuestionKind::Likert { .. }, Some(ScaleKind::Categories)) => "categories",
                (QuestionKind::Likert { .. }, _) => "rating in words",
                (QuestionKind::Category { .. }, _) => "categories",
                (QuestionKind::MultiSelect { .. }, _) => "multi-select",
                (QuestionKind::FreeText, _) => "free text",
            };
            let order = match (q.kind, scale) {
                (QuestionKind::Likert { .. }, Some(x)) if x.kind != ScaleKind::Categories => {
                    if x.confirmed {
                        "confirmed"
                    } else {
                        "assumed: needs checking"
                    }
                }
                _ => "",
            };
            QuestionLine {
                question: &q.label,
                group: q.group.as_deref().unwrap_or(""),
                read_as,
                scale: match q.kind {
                    QuestionKind::MultiSelect { .. } | QuestionKind::FreeText => "",
                    _ => scale.map_or("", |x| x.name.as_str()),
                },
                order,
                columns: q.columns.join(" "),
                written_in: q
                    .written_in
                    .and_then(|w| s.questions.get(w))
                    .map_or("", |w| w.label.as_str()),
            }
        })
        .collect();
    table(&lines)
}

/// `tables/multi_select.csv`.
pub fn multi_select(e: &Evaluation) -> Tabular {
    masked(&Default::default(), after(&e.choices, |c| c.suppressed, 4))
}

/// `tables/session_differences.csv`: each session against the others, on each rated
/// question (see [`crate::aggregate::sessions`]).
pub fn session_differences(e: &Evaluation) -> Tabular {
    table(&e.session_differences)
}

/// A line of `tables/cycles.csv`: one question in one cycle; on this cycle's line, the change
/// since the last earlier cycle that asked it.
#[derive(Serialize, Default)]
struct CycleLine<'a> {
    question: &'a str,
    cycle: &'a str,
    favourable: Option<u64>,
    answered: Option<u64>,
    percent: Option<f64>,
    change_since: &'a str,
    change: Option<f64>,
    change_ci_low: Option<f64>,
    change_ci_high: Option<f64>,
    beyond_chance: Option<bool>,
}

/// `tables/cycles.csv`: each rated question's favourable share in every cycle compared.
pub fn cycles(c: &crate::model::Comparison) -> Tabular {
    let mut lines = Vec::new();
    for t in &c.trends {
        let last = t.cycles.len().saturating_sub(1);
        for (i, (label, share)) in t.cycles.iter().enumerate() {
            let change = t.change.as_ref().filter(|_| i == last);
            lines.push(CycleLine {
                question: &t.question,
                cycle: label,
                favourable: share.map(|s| s.0),
                answered: share.map(|s| s.1),
                percent: share.map(|(k, n)| 100.0 * k as f64 / n as f64),
                change_since: change.map_or("", |c| c.since.as_str()),
                change: change.map(|c| c.difference),
                change_ci_low: change.map(|c| c.low),
                change_ci_high: change.map(|c| c.high),
                beyond_chance: change.map(|c| c.beyond_chance),
            });
        }
    }
    table(&lines)
}

/// A line of `tables/files.csv`: what happened to one input file.
#[derive(Serialize, Default)]
struct FileLine<'a> {
    file: &'a str,
    status: &'a str,
    reason: &'a str,
    sheet: &'a str,
    header_row: Option<usize>,
    rows_read: u64,
    rows_used: u64,
    rows_rejected: u64,
}

pub fn files(e: &Evaluation) -> Tabular {
    let lines: Vec<FileLine> = e
        .all_files()
        .map(|f| {
            let (status, reason) = match &f.status {
                FileStatus::Read => ("read", ""),
                FileStatus::Failed(r) => ("failed", r.as_str()),
                FileStatus::Skipped(r) => ("skipped", r.as_str()),
            };
            FileLine {
                file: &f.file,
                status,
                reason,
                sheet: f.sheet.as_deref().unwrap_or_default(),
                header_row: f.header_row,
                rows_read: f.rows.read,
                rows_used: f.rows.used,
                rows_rejected: f.rows.rejected,
            }
        })
        .collect();
    table(&lines)
}

#[cfg(test)]
mod tests {
    use super::{csv_of, inert, table, Row};
    use crate::model::FreeTextAnswer;

    /// A row gives back each value as it was, empty and non-ASCII values included, and
    /// nothing past its last.
    #[test]
    fn a_row_reads_back_its_values() {
        let values = ["", "Strongly agree", "", "42.8571", "Ünïcödé", ""];
        let row = Row::new(&values);
        assert_eq!(row.iter().collect::<Vec<_>>(), values);
        assert_eq!(row.get(1), Some("Strongly agree"));
        assert_eq!(row.get(6), None);
        assert_eq!(Row::new::<&str>(&[]).iter().count(), 0);
    }

    #[test]
    fn rows_written_as_they_come_make_the_same_file_as_the_whole_table() {
        let rows: Vec<FreeTextAnswer> = [
            (
                "Session A",
                "What did you learn?",
                "R1",
                "=HYPERLINK(\"x\")",
            ),
            (
                "Session A",
                "What did you learn?",
                "R2",
                "Line one\nline \"two\", three",
            ),
            ("Session B", "Any other comments", "R3", "-0.5"),
        ]
        .into_iter()
        .map(|(g, q, r, t)| FreeTextAnswer {
            group: g.into(),
            question: q.into(),
            respondent: r.into(),
            text: t.into(),
        })
        .collect();
        let whole = table(&rows).csv();
        assert_eq!(csv_of(&rows), whole);
        let text = String::from_utf8(whole).unwrap();
        assert!(
            text.starts_with("group,question,respondent,text\n"),
            "{text}"
        );
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert_eq!(
            csv_of(&Vec::<FreeTextAnswer>::new()),
            table(&Vec::<FreeTextAnswer>::new()).csv()
        );
    }

    /// 182 published cells began with `=`, `+`, `-` or `@` and ran as formulas in Excel.
    #[test]
    fn regression_formula_like_text_is_written_as_text() {
        for risky in ["=1+2", "+44 7700", "-cmd", "@SUM(A1)", "\t=1+2", "\r=1"] {
            assert_eq!(inert(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["-0.5", "+3", "12", "Agree", "", "a=b"] {
            assert_eq!(inert(safe), safe, "{safe:?}");
        }
    }
}
