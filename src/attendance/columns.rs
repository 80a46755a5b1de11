//! What the columns of a roster or an attendance sheet are, from their headers, and what a
//! cell of a grid of ticks says.

use crate::model::{label_key, Cell};

/// What a header says a column of an attendance file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    FirstName,
    Surname,
    Id,
    Cohort,
    Role,
    Level,
    Session,
    /// The date of a session.
    Date,
    /// The date a person completed a course (a learning system's completion date): the
    /// person's, not the session's.
    Completed,
    /// Whether the person attended (`Yes`/`No`), or their status (`Completed`, `Booked`),
    /// in one-row-per-record files.
    Attended,
    /// Known roster details evalboard does not use (committees, ward, party, e-mail...).
    Detail,
}

const FIELDS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "name",
            "member",
            "member name",
            "members",
            "councillor",
            "councillor name",
            "full name",
            "attendee",
            "attendee name",
            "delegate",
            "delegate name",
            "participant",
            "participant name",
            "learner",
            "learner name",
            "employee",
            "employee name",
            "staff name",
            "user",
            "user name",
            "trainee",
            "trainee name",
        ],
    ),
    (Field::FirstName, &["first name", "forename", "given name"]),
    (Field::Surname, &["surname", "last name", "family name"]),
    (
        Field::Id,
        &[
            "id",
            "member id",
            "member number",
            "member no",
            "employee number",
            "employee id",
            "payroll number",
            "person id",
            "staff number",
        ],
    ),
    (
        Field::Cohort,
        &[
            "cohort",
            "elected",
            "year elected",
            "first elected",
            "elected in",
            "intake",
            "date first elected",
            "first elected date",
            "date elected",
            "elected on",
        ],
    ),
    (Field::Role, &["role", "roles", "position"]),
    (
        Field::Level,
        &[
            "level",
            "training level",
            "responsibility",
            "responsibility level",
            "expected level",
            "corporate parenting level",
        ],
    ),
    (
        Field::Session,
        &[
            "session",
            "session name",
            "course",
            "course name",
            "course title",
            "training",
            "training session",
            "event",
            "module",
            "module name",
            "learning item",
            "activity",
            "programme",
        ],
    ),
    (
        Field::Date,
        &[
            "date",
            "session date",
            "course date",
            "start date",
            "event date",
        ],
    ),
    (
        Field::Completed,
        &[
            "completion date",
            "date completed",
            "date of completion",
            "completed on",
            "date passed",
        ],
    ),
    (
        Field::Attended,
        &[
            "attended",
            "attendance",
            "present",
            "status",
            "completion status",
            "course status",
            "result",
            "outcome",
        ],
    ),
    (
        Field::Detail,
        &[
            "committees",
            "committee",
            "committee membership",
            "panels",
            "ward",
            "party",
            "group",
            "email",
            "e-mail",
            "email address",
            "notes",
        ],
    ),
];

/// The field a header names, if it is one evalboard knows.
pub fn field(header: &str) -> Option<Field> {
    let key = label_key(header);
    FIELDS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(f, _)| *f)
}

/// Index of the first column holding `f`.
pub fn find(fields: &[Option<Field>], f: Field) -> Option<usize> {
    fields.iter().position(|x| *x == Some(f))
}

/// What a cell of a grid of ticks (or of an `Attended` or status column) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tick {
    /// Attended, or completed the course; `on` the date the cell gives (a matrix cell of
    /// `2023`, `14/03/2023` or `Completed 03/2022`), as ISO `YYYY-MM-DD` (a year or a month
    /// alone read as its first day).
    Attended {
        on: Option<String>,
    },
    NotAttended,
    /// Not required of this member: out of the course's denominator.
    Exempt,
    /// Something else: reported, read as not attended.
    Unclear,
}

/// Words of a status column, or of a matrix cell, that mean the person attended or completed.
const ATTENDED: &[&str] = &[
    "\u{2713}",
    "\u{2714}",
    "\u{2705}",
    "x",
    "y",
    "yes",
    "1",
    "true",
    "attended",
    "present",
    "a",
    "p",
    "tick",
    "completed",
    "complete",
    "passed",
    "pass",
    "done",
    "achieved",
];

/// Words that mean the person did not (yet) attend: booked or enrolled is not trained.
const NOT_ATTENDED: &[&str] = &[
    "",
    "no",
    "n",
    "0",
    "-",
    "false",
    "absent",
    "apologies",
    "did not attend",
    "dna",
    "not attended",
    "declined",
    "\u{2717}",
    "\u{2718}",
    "booked",
    "registered",
    "enrolled",
    "in progress",
    "started",
    "not started",
    "not yet started",
    "cancelled",
    "canceled",
    "withdrawn",
    "failed",
    "fail",
    "not completed",
    "incomplete",
    "waiting list",
    "waitlisted",
    "no show",
    "overdue",
    "expired",
];

const EXEMPT: &[&str] = &["exempt", "exempted", "not required", "exemption"];

pub fn tick(cell: &Cell) -> Tick {
    match cell {
        Cell::Empty => Tick::NotAttended,
        Cell::Bool(b) => {
            if *b {
                Tick::Attended { on: None }
            } else {
                Tick::NotAttended
            }
        }
        Cell::Int(1) => Tick::Attended { on: None },
        Cell::Int(0) => Tick::NotAttended,
        // A year typed into a matrix: completed that year.
        Cell::Int(y) if (1990..=2100).contains(y) => Tick::Attended {
            on: Some(format!("{y:04}-01-01")),
        },
        Cell::Float(x) if *x == 1.0 => Tick::Attended { on: None },
        Cell::DateTime(s) => Tick::Attended {
            on: Some(s.chars().take(10).collect()),
        },
        Cell::Text(t) => {
            let key = label_key(t);
            if ATTENDED.contains(&key.as_str()) {
                return Tick::Attended { on: None };
            }
            if NOT_ATTENDED.contains(&key.as_str()) {
                return Tick::NotAttended;
            }
            if EXEMPT.contains(&key.as_str()) {
                return Tick::Exempt;
            }
            // `14/03/2023`, `2023`, `03/2022`, `Completed 03/2022`, `Attended 14/3/23`.
            let words = key.split_whitespace().collect::<Vec<_>>();
            match words.as_slice() {
                [d] => when(d).map_or(Tick::Unclear, |on| Tick::Attended { on: Some(on) }),
                [w, d] if ATTENDED.contains(w) => {
                    when(d).map_or(Tick::Unclear, |on| Tick::Attended { on: Some(on) })
                }
                _ => Tick::Unclear,
            }
        }
        _ => Tick::Unclear,
    }
}

/// A date as a matrix cell writes it, as ISO: `14/03/2023`, `14/3/23`, `2023-03-14`, a month
/// `03/2022` (its first day), a year `2023` (its 1 January).
pub fn when(text: &str) -> Option<String> {
    let t = text.trim();
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let num = |p: &str| {
        p.parse::<u32>()
            .ok()
            .filter(|_| p.bytes().all(|b| b.is_ascii_digit()))
    };
    let year = |y: u32, digits: usize| match digits {
        4 => (1990..=2100).contains(&y).then_some(y),
        2 => Some(2000 + y),
        _ => None,
    };
    match parts.as_slice() {
        [y] => year(num(y)?, y.len())
            .filter(|_| y.len() == 4)
            .map(|y| format!("{y:04}-01-01")),
        [m, y] => {
            let (m, y) = (num(m)?, year(num(y)?, y.len())?);
            (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}-01"))
        }
        [a, b, c] if a.len() == 4 => {
            let (y, m, d) = (num(a)?, num(b)?, num(c)?);
            ((1..=12).contains(&m) && (1..=31).contains(&d) && (1990..=2100).contains(&y))
                .then(|| format!("{y:04}-{m:02}-{d:02}"))
        }
        [d, m, y] => {
            let (d, m, y) = (num(d)?, num(m)?, year(num(y)?, y.len())?);
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then(|| format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// A cell as trimmed text, `None` when blank.
pub fn text(cell: Option<&Cell>) -> Option<String> {
    cell.and_then(|c| {
        c.text()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    })
}

/// A date cell as ISO `YYYY-MM-DD` where it can be read as one (`24/06/2016`, a spreadsheet
/// date), else the text as given.
pub fn date(cell: Option<&Cell>) -> Option<String> {
    let c = cell?;
    if let Cell::DateTime(s) = c {
        return Some(s.chars().take(10).collect());
    }
    let t = text(Some(c))?;
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    if let [d, m, y] = parts[..] {
        if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>()) {
            if (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y) {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
        }
    }
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_fields() {
        assert_eq!(field("Member name"), Some(Field::Name));
        assert_eq!(field("Year elected"), Some(Field::Cohort));
        assert_eq!(field("Course title:"), Some(Field::Session));
        assert_eq!(field("Committees"), Some(Field::Detail));
        assert_eq!(field("Corporate parenting induction 2016"), None);
    }

    #[test]
    fn ticks_read_as_attended_or_not() {
        let yes = Tick::Attended { on: None };
        for t in [
            "\u{2713}",
            "x",
            "Yes",
            " Y ",
            "attended",
            "1",
            "Completed",
            "Passed",
        ] {
            assert_eq!(tick(&Cell::Text(t.into())), yes, "{t}");
        }
        for t in [
            "",
            "No",
            "apologies",
            "-",
            "Booked",
            "In Progress",
            "Not Started",
            "Did Not Attend",
            "Withdrawn",
        ] {
            assert_eq!(tick(&Cell::Text(t.into())), Tick::NotAttended, "{t}");
        }
        assert_eq!(tick(&Cell::Text("Exempt".into())), Tick::Exempt);
        assert_eq!(tick(&Cell::Int(1)), yes);
        assert_eq!(tick(&Cell::Empty), Tick::NotAttended);
        assert_eq!(tick(&Cell::Text("late".into())), Tick::Unclear);
        assert_eq!(tick(&Cell::Int(2)), Tick::Unclear);
    }

    /// A mandatory-training matrix read as nobody trained: its cells hold when, not a tick.
    #[test]
    fn regression_matrix_cells_of_dates_and_years_are_completions() {
        let on = |d: &str| Tick::Attended { on: Some(d.into()) };
        assert_eq!(tick(&Cell::Int(2023)), on("2023-01-01"));
        assert_eq!(tick(&Cell::Text("2023".into())), on("2023-01-01"));
        assert_eq!(tick(&Cell::Text("14/03/2023".into())), on("2023-03-14"));
        assert_eq!(
            tick(&Cell::Text("Completed 03/2022".into())),
            on("2022-03-01")
        );
        assert_eq!(
            tick(&Cell::DateTime("2023-09-21T00:00:00".into())),
            on("2023-09-21")
        );
        assert_eq!(tick(&Cell::Text("31/02/2023x".into())), Tick::Unclear);
    }

    #[test]
    fn dates_become_iso() {
        assert_eq!(
            date(Some(&Cell::Text("24/06/2016".into()))),
            Some("2016-06-24".into())
        );
        assert_eq!(
            date(Some(&Cell::DateTime("2016-07-22T00:00:00".into()))),
            Some("2016-07-22".into())
        );
        assert_eq!(
            date(Some(&Cell::Text("June 2016".into()))),
            Some("June 2016".into())
        );
        assert_eq!(date(Some(&Cell::Empty)), None);
    }
}
