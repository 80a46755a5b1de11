//! The CSV tables. Numbers are written with a fixed number of decimals so that files compare
//! byte for byte; an empty field means "not defined" (e.g. a mean with no substantive answers).

use crate::model::Evaluation;

/// Decimals of every non-integer number in the tables.
const DECIMALS: usize = 4;

pub(super) fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.DECIMALS$}")).unwrap_or_default()
}

/// `row` as published: for a suppressed group, every cell after the first `keys` (the ones
/// that say which group, question or option the row is) is `[c]`.
pub(super) fn masked(suppressed: bool, keys: usize, mut row: Vec<String>) -> Vec<String> {
    if suppressed {
        for cell in row.iter_mut().skip(keys) {
            *cell = crate::model::CONFIDENTIAL.to_string();
        }
    }
    row
}

/// A table as text: its column names and rows, each value as the CSV writes it. The CSV file
/// and the workbook's sheet are both written from it, so they cannot disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Tabular {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub(super) fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Tabular {
    Tabular {
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: rows.collect(),
    }
}

impl Tabular {
    /// The CSV file, each text field a spreadsheet would run as a formula made inert.
    pub fn csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        w.write_record(&self.header).expect("write to memory");
        for r in &self.rows {
            let fields: Vec<std::borrow::Cow<str>> = r.iter().map(|f| inert(f)).collect();
            w.write_record(fields.iter().map(|f| f.as_bytes()))
                .expect("write to memory");
        }
        w.into_inner().expect("flush to memory")
    }
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
    table(
        &[
            "group", "question", "option", "position", "count", "percent",
        ],
        e.counts.iter().map(|c| {
            masked(
                c.suppressed,
                4,
                vec![
                    c.group.clone(),
                    c.question.clone(),
                    c.option.clone(),
                    c.position.to_string(),
                    c.count.to_string(),
                    num(c.percent),
                ],
            )
        }),
    )
}

pub fn likert_summary(e: &Evaluation) -> Tabular {
    table(
        &[
            "group",
            "question",
            "n",
            "n_substantive",
            "mean",
            "top2_percent",
            "top2_ci_low",
            "top2_ci_high",
        ],
        e.summaries.iter().map(|s| {
            masked(
                s.suppressed,
                2,
                vec![
                    s.group.clone(),
                    s.question.clone(),
                    s.n.to_string(),
                    s.n_substantive.to_string(),
                    num(s.mean),
                    num(s.top2_percent),
                    num(s.top2_ci_low),
                    num(s.top2_ci_high),
                ],
            )
        }),
    )
}

pub fn free_text(e: &Evaluation) -> Tabular {
    table(
        &["group", "question", "respondent", "text"],
        e.free_text.iter().map(|a| {
            vec![
                a.group.clone(),
                a.question.clone(),
                a.respondent.clone(),
                a.text.clone(),
            ]
        }),
    )
}

pub fn unmatched_answers(e: &Evaluation) -> Tabular {
    table(
        &[
            "file",
            "sheet",
            "row",
            "column",
            "question",
            "answer",
            "scale",
            "nearest_option",
        ],
        e.unmatched.iter().map(|u| {
            vec![
                u.file.clone(),
                u.sheet.clone(),
                u.row.to_string(),
                u.column.clone(),
                u.question.clone(),
                u.answer.clone(),
                u.scale.clone(),
                u.nearest_option.clone(),
            ]
        }),
    )
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

fn data_quality_with(e: &Evaluation, internal: bool) -> Tabular {
    let r = e.rows;
    let failed = e.failed_files() as u64;
    let totals = [
        ("files_read", e.read_files() as u64),
        ("files_failed", failed),
        (
            "files_skipped",
            e.all_files()
                .filter(|f| matches!(f.status, crate::model::FileStatus::Skipped(_)))
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
        .map(|(check, n)| {
            vec![
                check.to_string(),
                "total".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                n.to_string(),
                String::new(),
            ]
        });
    let findings = e.diagnostics.iter().map(|d| {
        vec![
            d.check.name().to_string(),
            format!("{:?}", d.severity).to_lowercase(),
            d.file.clone(),
            d.sheet.clone().unwrap_or_default(),
            d.row.map(|r| r.to_string()).unwrap_or_default(),
            d.column.clone().unwrap_or_default(),
            String::new(),
            match (&d.internal, internal) {
                (Some(full), true) => full.clone(),
                _ => d.message.clone(),
            },
        ]
    });
    table(
        &[
            "check", "severity", "file", "sheet", "row", "column", "count", "message",
        ],
        summary.chain(findings),
    )
}

/// `tables/multi_select.csv`.
pub fn multi_select(e: &Evaluation) -> Tabular {
    table(
        &[
            "group",
            "question",
            "option",
            "position",
            "respondents",
            "base",
            "percent",
        ],
        e.choices.iter().map(|c| {
            masked(
                c.suppressed,
                4,
                vec![
                    c.group.clone(),
                    c.question.clone(),
                    c.option.clone(),
                    c.position.to_string(),
                    c.respondents.to_string(),
                    c.base.to_string(),
                    num(c.percent),
                ],
            )
        }),
    )
}

pub fn files(e: &Evaluation) -> Tabular {
    table(
        &[
            "file",
            "status",
            "reason",
            "sheet",
            "header_row",
            "rows_read",
            "rows_used",
            "rows_rejected",
        ],
        e.all_files().map(|f| {
            let (status, reason) = match &f.status {
                crate::model::FileStatus::Read => ("read", String::new()),
                crate::model::FileStatus::Failed(r) => ("failed", r.clone()),
                crate::model::FileStatus::Skipped(r) => ("skipped", r.clone()),
            };
            vec![
                f.file.clone(),
                status.to_string(),
                reason,
                f.sheet.clone().unwrap_or_default(),
                f.header_row.map(|r| r.to_string()).unwrap_or_default(),
                f.rows.read.to_string(),
                f.rows.used.to_string(),
                f.rows.rejected.to_string(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::inert;

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
