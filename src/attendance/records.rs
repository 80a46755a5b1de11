//! Reading attendance records in the three layouts HR systems and registers use:
//!
//! - **one row per attendance**: a session column and a name (or id) column, optionally a
//!   date, a level and an `Attended` yes/no column;
//! - **sessions by members**: a session column (optionally date and level), then one column
//!   per member headed by the member's name, ticked where the member attended;
//! - **members by sessions**: a name (or id) column, then one column per session headed by the
//!   session's title, ticked where the member attended (the level is read from the title:
//!   `... Level 2 ...`).
//!
//! Every row is used or rejected with a reason; a cell that is neither a tick nor blank is
//! reported and read as not attended.

use super::columns::{self, Field, Tick};
use crate::ingest::{RawRow, SheetData};
use crate::model::{Check, Diagnostic, Level, RowAccount, Severity};

/// One person recorded at one session.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub session: String,
    pub date: Option<String>,
    pub level: Level,
    /// The person as the record names them.
    pub name: Option<String>,
    pub id: Option<String>,
    pub sheet: String,
    pub row: usize,
    /// The column that names the person (grids: the ticked member's column).
    pub column: Option<String>,
}

/// A session known from a grid even if nobody attended it.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionSeen {
    pub session: String,
    pub date: Option<String>,
    pub level: Level,
}

/// What one records file holds.
#[derive(Debug, Default)]
pub struct Records {
    pub records: Vec<Record>,
    pub sessions: Vec<SessionSeen>,
    pub rows: RowAccount,
    /// `one row per attendance`, `sessions by members` or `members by sessions`.
    pub layout: &'static str,
}

/// Reads a records sheet in whichever layout its headers show. `Err` names what is missing.
pub fn read(
    file: &str,
    sheet: &SheetData,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Records, String> {
    let fields: Vec<Option<Field>> = sheet.headers.iter().map(|h| columns::field(h)).collect();
    let at = |f| columns::find(&fields, f);
    let person = at(Field::Name).or(at(Field::Id));
    match (at(Field::Session), person) {
        (Some(session), Some(_)) => Ok(long(file, sheet, &fields, session, diagnostics)),
        (Some(session), None) => Ok(grid(file, sheet, &fields, session, true, diagnostics)),
        (None, Some(p)) => Ok(grid(file, sheet, &fields, p, false, diagnostics)),
        (None, None) => Err(format!(
            "neither a session column nor a member column (headers found: {}); an attendance file needs a Session (or Course) column, a Name (or Member) column, or both",
            sheet.headers.join(", ")
        )),
    }
}

/// Rejects a blank row with a diagnostic; true when it was blank.
pub fn rejected_blank(
    file: &str,
    sheet: &SheetData,
    raw: &RawRow,
    rows: &mut RowAccount,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    if !raw.cells.iter().all(|c| c.is_blank()) {
        return false;
    }
    rows.rejected += 1;
    diagnostics.push(
        Diagnostic::new(Severity::Warning, file, "blank row")
            .sheet(&sheet.sheet)
            .row(raw.row)
            .check(Check::RowRejected),
    );
    true
}

fn unclear(file: &str, sheet: &SheetData, row: usize, column: usize, value: &str) -> Diagnostic {
    Diagnostic::new(
        Severity::Warning,
        file,
        format!("'{value}' is neither a tick (\u{2713}, x, Yes, 1, Attended) nor blank; read as not attended"),
    )
    .sheet(&sheet.sheet)
    .row(row)
    .column(sheet.column_name(column))
    .check(Check::UnreadableValue)
}

fn long(
    file: &str,
    sheet: &SheetData,
    fields: &[Option<Field>],
    session: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Records {
    let at = |f| columns::find(fields, f);
    let (name, id, date, level, attended) = (
        at(Field::Name),
        at(Field::Id),
        at(Field::Date),
        at(Field::Level),
        at(Field::Attended),
    );
    let mut out = Records {
        layout: "one row per attendance",
        ..Records::default()
    };
    for raw in &sheet.rows {
        out.rows.read += 1;
        if rejected_blank(file, sheet, raw, &mut out.rows, diagnostics) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| columns::text(raw.cells.get(i)));
        let (who, who_id) = (cell(name), cell(id));
        let Some(title) = cell(Some(session)) else {
            out.rows.rejected += 1;
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    "no session named in this row; the row is left out",
                )
                .sheet(&sheet.sheet)
                .row(raw.row)
                .column(sheet.column_name(session))
                .check(Check::RowRejected),
            );
            continue;
        };
        if who.is_none() && who_id.is_none() {
            out.rows.rejected += 1;
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    format!(
                        "no attendee named in this row of session '{title}'; the row is left out"
                    ),
                )
                .sheet(&sheet.sheet)
                .row(raw.row)
                .check(Check::RowRejected),
            );
            continue;
        }
        out.rows.used += 1;
        if let Some(a) = attended {
            match columns::tick(&raw.cells[a]) {
                Tick::Attended => {}
                Tick::NotAttended => continue,
                Tick::Unclear => {
                    let value = raw.cells[a].to_string();
                    diagnostics.push(unclear(file, sheet, raw.row, a, &value));
                    continue;
                }
            }
        }
        let level = match cell(level) {
            Some(l) => Level::parse(&l),
            None => Level::in_title(&title).map_or(Level::NotGiven, Level::Numbered),
        };
        out.records.push(Record {
            date: date.and_then(|d| columns::date(raw.cells.get(d))),
            session: title,
            level,
            column: name.or(id).map(|c| sheet.column_name(c)),
            name: who,
            id: who_id,
            sheet: sheet.sheet.clone(),
            row: raw.row,
        });
    }
    out
}

/// A grid of ticks. `sessions_down`: rows are sessions and tick columns are members;
/// otherwise rows are members and tick columns are sessions. `key` is the row-naming column.
fn grid(
    file: &str,
    sheet: &SheetData,
    fields: &[Option<Field>],
    key: usize,
    sessions_down: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Records {
    let at = |f| columns::find(fields, f);
    let (date, level, id) = (at(Field::Date), at(Field::Level), at(Field::Id));
    // Every column that is not a known field (and has a header) is a tick column.
    let ticks: Vec<usize> = (0..sheet.headers.len())
        .filter(|&c| c != key && fields[c].is_none() && !sheet.headers[c].is_empty())
        .collect();
    let mut out = Records {
        layout: if sessions_down {
            "sessions by members"
        } else {
            "members by sessions"
        },
        ..Records::default()
    };
    if !sessions_down {
        for &c in &ticks {
            let title = sheet.headers[c].clone();
            out.sessions.push(SessionSeen {
                level: Level::in_title(&title).map_or(Level::NotGiven, Level::Numbered),
                session: title,
                date: None,
            });
        }
    }
    for raw in &sheet.rows {
        out.rows.read += 1;
        if rejected_blank(file, sheet, raw, &mut out.rows, diagnostics) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| columns::text(raw.cells.get(i)));
        let row_id = if sessions_down { None } else { cell(id) };
        let Some(label) = cell(Some(key)).or_else(|| row_id.clone()) else {
            out.rows.rejected += 1;
            let what = if sessions_down { "session" } else { "member" };
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    format!("no {what} named in this row; the row is left out"),
                )
                .sheet(&sheet.sheet)
                .row(raw.row)
                .column(sheet.column_name(key))
                .check(Check::RowRejected),
            );
            continue;
        };
        out.rows.used += 1;
        let row_date = date.and_then(|d| columns::date(raw.cells.get(d)));
        let row_level = match cell(level) {
            Some(l) => Level::parse(&l),
            None => Level::in_title(&label).map_or(Level::NotGiven, Level::Numbered),
        };
        if sessions_down {
            out.sessions.push(SessionSeen {
                session: label.clone(),
                date: row_date.clone(),
                level: row_level.clone(),
            });
        }
        for &c in &ticks {
            match columns::tick(&raw.cells[c]) {
                Tick::NotAttended => continue,
                Tick::Unclear => {
                    let value = raw.cells[c].to_string();
                    diagnostics.push(unclear(file, sheet, raw.row, c, &value));
                    continue;
                }
                Tick::Attended => {}
            }
            let header = sheet.headers[c].clone();
            let record = if sessions_down {
                Record {
                    session: label.clone(),
                    date: row_date.clone(),
                    level: row_level.clone(),
                    name: Some(header),
                    id: None,
                    sheet: sheet.sheet.clone(),
                    row: raw.row,
                    column: Some(sheet.column_name(c)),
                }
            } else {
                Record {
                    level: Level::in_title(&header).map_or(Level::NotGiven, Level::Numbered),
                    session: header,
                    date: None,
                    name: fields[key]
                        .filter(|f| *f != Field::Id)
                        .map(|_| label.clone()),
                    id: row_id.clone(),
                    sheet: sheet.sheet.clone(),
                    row: raw.row,
                    column: Some(sheet.column_name(key)),
                }
            };
            out.records.push(record);
        }
    }
    out
}
