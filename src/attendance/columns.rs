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
    Date,
    /// Whether the person attended (`Yes`/`No`), in one-row-per-record files.
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
        Field::Attended,
        &["attended", "attendance", "present", "status"],
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

/// What a cell of a grid of ticks (or of an `Attended` column) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tick {
    Attended,
    NotAttended,
    /// Something else: reported, read as not attended.
    Unclear,
}

pub fn tick(cell: &Cell) -> Tick {
    match cell {
        Cell::Empty => Tick::NotAttended,
        Cell::Bool(b) => {
            if *b {
                Tick::Attended
            } else {
                Tick::NotAttended
            }
        }
        Cell::Int(1) => Tick::Attended,
        Cell::Int(0) => Tick::NotAttended,
        Cell::Float(x) if *x == 1.0 => Tick::Attended,
        Cell::DateTime(_) => Tick::Attended,
        Cell::Text(t) => match label_key(t).as_str() {
            "" | "no" | "n" | "0" | "-" | "false" | "absent" | "apologies" | "did not attend"
            | "dna" | "not attended" | "declined" | "\u{2717}" | "\u{2718}" => Tick::NotAttended,
            "\u{2713}" | "\u{2714}" | "\u{2705}" | "x" | "y" | "yes" | "1" | "true"
            | "attended" | "present" | "a" | "p" | "tick" => Tick::Attended,
            _ => Tick::Unclear,
        },
        _ => Tick::Unclear,
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
        for t in ["\u{2713}", "x", "Yes", " Y ", "attended", "1"] {
            assert_eq!(tick(&Cell::Text(t.into())), Tick::Attended, "{t}");
        }
        for t in ["", "No", "apologies", "-"] {
            assert_eq!(tick(&Cell::Text(t.into())), Tick::NotAttended, "{t}");
        }
        assert_eq!(tick(&Cell::Int(1)), Tick::Attended);
        assert_eq!(tick(&Cell::Empty), Tick::NotAttended);
        assert_eq!(tick(&Cell::Text("late".into())), Tick::Unclear);
        assert_eq!(tick(&Cell::Int(2)), Tick::Unclear);
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
