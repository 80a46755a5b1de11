//! Reading attendance records in the layouts HR systems, learning systems and registers use:
//!
//! - **one row per attendance**: a session (or course) column and a name (or id) column,
//!   optionally a date, a level and an `Attended` yes/no or status column (`Completed`,
//!   `Booked`, `Did Not Attend`) with its completion date, as a learning system reports
//!   course completions;
//! - **sessions by members**: a session column (optionally date and level), then one column
//!   per member headed by the member's name, ticked where the member attended;
//! - **members by sessions**: a name (or id) column, then one column per session or course
//!   headed by its title, ticked where the member attended, or holding when (`2023`,
//!   `14/03/2023`, `Completed 03/2022`), `Booked` or `Exempt`, as a mandatory-training
//!   matrix does (the level is read from the title: `... Level 2 ...`).
//!
//! Columns are recognised by their headers, and where the headers do not say, by what they
//! hold: the person column by its values being the roster's members, the status column by its
//! words, the course column by its repeated values. Every row is used or rejected with a
//! reason. A value that is neither a tick, a status, a date nor blank is read as not attended
//! and reported once per distinct value; a file most of whose values are such is not read at
//! all, so that no coverage figure rests on it.

use super::columns::{self, Field, Tick};
use super::names::{Directory, Found};
use crate::ingest::{RawRow, SheetData};
use crate::model::{Check, Diagnostic, Level, RowAccount, Severity};
use std::collections::BTreeMap;

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
    /// When the person completed it, where the record says (ISO date).
    pub completed: Option<String>,
    /// Not required of this person: out of the session's denominator, not an attendance.
    pub exempt: bool,
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

/// The fields of a sheet's columns: by header, then by content where the headers leave the
/// person, the session or the status unsaid (`directory`: the roster, to know members' names).
fn fields_of(sheet: &SheetData, directory: Option<&Directory>) -> Vec<Option<Field>> {
    let mut fields: Vec<Option<Field>> = sheet.headers.iter().map(|h| columns::field(h)).collect();
    let has = |fields: &[Option<Field>], f| fields.contains(&Some(f));
    let values = |c: usize| -> Vec<String> {
        sheet
            .rows
            .iter()
            .filter_map(|r| columns::text(r.cells.get(c)))
            .collect()
    };
    let share = |vals: &[String], test: &dyn Fn(&str) -> bool| {
        !vals.is_empty() && vals.iter().filter(|v| test(v)).count() * 2 > vals.len()
    };
    // The person column: most of its values are members of the roster.
    if let Some(dir) = directory {
        if !has(&fields, Field::Name) && !has(&fields, Field::Id) {
            let found = (0..fields.len()).find(|&c| {
                fields[c].is_none()
                    && share(&values(c), &|v| {
                        dir.find(Some(v), None) != Found::NotOnRoster
                    })
            });
            if let Some(c) = found {
                fields[c] = Some(Field::Name);
            }
        }
    }
    let person = has(&fields, Field::Name) || has(&fields, Field::Id);
    // One row per record: the course column by its repeated values (none a tick, a status or
    // a date), then the status column by its words, where the headers do not say. A grid's
    // columns hold ticks, so a grid never has either.
    if person && !has(&fields, Field::Session) {
        let course = (0..fields.len()).find(|&c| {
            let vals = values(c);
            let distinct: std::collections::HashSet<&String> = vals.iter().collect();
            fields[c].is_none()
                && vals.len() >= 2
                && distinct.len() * 2 <= vals.len()
                && !vals.iter().any(|v| {
                    columns::tick(&crate::model::Cell::Text(v.as_str().into())) != Tick::Unclear
                })
        });
        // A course column goes with a status or completion date (a grid's detail column, a
        // party or a group, does not).
        let said = has(&fields, Field::Attended) || has(&fields, Field::Completed);
        if let Some(c) = course.filter(|&c| said || status_column(&fields, c, &values).is_some()) {
            fields[c] = Some(Field::Session);
        }
    }
    if has(&fields, Field::Session) && person && !has(&fields, Field::Attended) {
        if let Some(c) = status_column(&fields, usize::MAX, &values) {
            fields[c] = Some(Field::Attended);
        }
    }
    // A column of dates no header names, in one row per record: when each was completed.
    if has(&fields, Field::Session)
        && person
        && !has(&fields, Field::Completed)
        && !has(&fields, Field::Date)
    {
        let dated = (0..fields.len()).find(|&c| {
            let vals = values(c);
            fields[c].is_none()
                && !vals.is_empty()
                && vals.iter().filter(|v| columns::when(v).is_some()).count() * 5 >= vals.len() * 4
        });
        if let Some(c) = dated {
            fields[c] = Some(Field::Completed);
        }
    }
    fields
}

/// The column (other than `except`) no header names whose values are mostly status words.
fn status_column(
    fields: &[Option<Field>],
    except: usize,
    values: &dyn Fn(usize) -> Vec<String>,
) -> Option<usize> {
    (0..fields.len()).find(|&c| {
        let vals = values(c);
        c != except
            && fields[c].is_none()
            && vals.len() >= 2
            && vals.iter().filter(|v| is_status(v)).count() * 5 >= vals.len() * 4
    })
}

/// A word of a status column (`Completed`, `Booked`, `Exempt`...), not a tick mark or date.
fn is_status(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && matches!(
            columns::tick(&crate::model::Cell::Text(text.into())),
            Tick::Attended { .. } | Tick::NotAttended | Tick::Exempt
        )
}

/// What the values of a file's tick or status cells were, to tell a file that could not be
/// read from one where few attended.
#[derive(Default)]
struct Values {
    read: u64,
    unclear: u64,
    /// Each value that is neither a tick, a status nor a date, with its cells' count and the
    /// first cell's place, reported once.
    unknown: BTreeMap<String, (u64, usize, usize)>,
}

impl Values {
    fn mark(&mut self, cell: &crate::model::Cell, row: usize, column: usize) -> Tick {
        let t = columns::tick(cell);
        if !cell.is_blank() {
            self.read += 1;
        }
        if t == Tick::Unclear {
            self.unclear += 1;
            let e = self
                .unknown
                .entry(cell.to_string().trim().to_string())
                .or_insert((0, row, column));
            e.0 += 1;
        }
        t
    }

    /// Whether most values were unreadable: the file is then not read.
    fn mostly_unreadable(&self) -> bool {
        self.read > 0 && self.unclear * 2 > self.read
    }

    /// One warning per distinct unreadable value.
    fn report(&self, file: &str, sheet: &SheetData, diagnostics: &mut Vec<Diagnostic>) {
        for (value, (n, row, column)) in &self.unknown {
            let cells = if *n == 1 {
                "1 cell".to_string()
            } else {
                format!("{n} cells")
            };
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    format!(
                        "'{value}' is neither a tick, a status (Completed, Booked, Exempt...) nor a date; read as not attended ({cells}, the first here)"
                    ),
                )
                .sheet(&sheet.sheet)
                .row(*row)
                .column(sheet.column_name(*column))
                .check(Check::UnreadableValue),
            );
        }
    }

    /// Why a file is not read, naming what was tried and what was expected.
    fn unreadable(&self, tried: &str) -> String {
        let examples: Vec<String> = self
            .unknown
            .keys()
            .take(3)
            .map(|v| format!("'{v}'"))
            .collect();
        format!(
            "not read: {} of its {} values are neither ticks, statuses (Completed, Attended, Booked, Exempt...) nor dates (for example {}), so no attendance figure is drawn from it. It was read as {tried}; give the person, the session or course and the attendance or status in columns of their own, headed as such",
            self.unclear,
            self.read,
            examples.join(", ")
        )
    }
}

/// Reads a records sheet in whichever layout its columns show. `Err` names what is missing,
/// or why the file could not be read. `directory` (the roster) finds the person column by its
/// values where no header names it.
pub fn read(
    file: &str,
    sheet: &SheetData,
    directory: Option<&Directory>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Records, String> {
    let fields = fields_of(sheet, directory);
    let at = |f| columns::find(&fields, f);
    let person = at(Field::Name).or(at(Field::Id));
    let named =
        |c: Option<usize>| c.map_or("none".to_string(), |c| format!("'{}'", sheet.headers[c]));
    let mut values = Values::default();
    let records = match (at(Field::Session), person) {
        (Some(session), Some(_)) => long(file, sheet, &fields, session, &mut values, diagnostics),
        (Some(session), None) => grid(file, sheet, &fields, session, true, &mut values, diagnostics),
        (None, Some(p)) => grid(file, sheet, &fields, p, false, &mut values, diagnostics),
        (None, None) => {
            return Err(format!(
                "neither a session column nor a member column (headers found: {}); an attendance file needs a Session (or Course) column, a Name (or Member) column whose names are on the roster, or both",
                sheet.headers.join(", ")
            ))
        }
    };
    if values.mostly_unreadable() {
        let tried = format!(
            "{}, with person column {}, session column {} and status column {}",
            records.layout,
            named(person),
            named(at(Field::Session)),
            named(at(Field::Attended))
        );
        return Err(values.unreadable(&tried));
    }
    values.report(file, sheet, diagnostics);
    Ok(records)
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

fn long(
    file: &str,
    sheet: &SheetData,
    fields: &[Option<Field>],
    session: usize,
    values: &mut Values,
    diagnostics: &mut Vec<Diagnostic>,
) -> Records {
    let at = |f| columns::find(fields, f);
    let (name, id, date, level, attended, completed) = (
        at(Field::Name),
        at(Field::Id),
        at(Field::Date),
        at(Field::Level),
        at(Field::Attended),
        at(Field::Completed),
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
        let mut on = None;
        let mut exempt = false;
        if let Some(a) = attended {
            match values.mark(&raw.cells[a], raw.row, a) {
                Tick::Attended { on: when } => on = when,
                Tick::Exempt => exempt = true,
                Tick::NotAttended | Tick::Unclear => continue,
            }
        } else if let Some(c) = completed {
            // No status: the completion date says whether the course was completed.
            match values.mark(&raw.cells[c], raw.row, c) {
                Tick::Attended { on: when } => on = when,
                Tick::Exempt => exempt = true,
                Tick::NotAttended | Tick::Unclear => continue,
            }
        }
        let level = match cell(level) {
            Some(l) => Level::parse(&l),
            None => Level::in_title(&title).map_or(Level::NotGiven, Level::Numbered),
        };
        let completed = completed
            .and_then(|c| columns::date(raw.cells.get(c)))
            .and_then(|d| columns::when(&d))
            .or(on);
        out.records.push(Record {
            date: date.and_then(|d| columns::date(raw.cells.get(d))),
            session: title,
            level,
            column: name.or(id).map(|c| sheet.column_name(c)),
            name: who,
            id: who_id,
            sheet: sheet.sheet.clone(),
            row: raw.row,
            completed,
            exempt,
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
    values: &mut Values,
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
            let (completed, exempt) = match values.mark(&raw.cells[c], raw.row, c) {
                Tick::NotAttended | Tick::Unclear => continue,
                Tick::Exempt => (None, true),
                Tick::Attended { on } => (on, false),
            };
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
                    completed,
                    exempt,
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
                    completed,
                    exempt,
                }
            };
            out.records.push(record);
        }
    }
    out
}
