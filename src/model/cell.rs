use compact_str::CompactString;
use std::borrow::Cow;
use std::fmt;

/// A cell's text: up to 24 bytes held in the cell itself, longer text in an allocation of its
/// own. Most answers ("Agree", "Very satisfied", a date) are short, so a sheet's cells are not
/// millions of small allocations to make, copy and free.
pub type CellText = CompactString;

/// One spreadsheet cell after conversion at ingest. Whatever the source format, cells reach
/// the rest of the program in this form.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(CellText),
    /// A number that is a whole number (Excel stores every number as a float).
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Date or date-time in ISO 8601 form (`2016-06-24` or `2016-06-24T10:30:00`).
    DateTime(CellText),
    /// A spreadsheet error value such as `#N/A`.
    Error(String),
}

impl Cell {
    /// True for an empty cell or one holding only white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, trimmed; `None` when blank.
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => {
                let t = s.trim();
                (!t.is_empty()).then_some(Cow::Borrowed(t))
            }
            other => Some(Cow::Owned(other.to_string())),
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(s) | Cell::DateTime(s) => f.write_str(s),
            Cell::Error(s) => f.write_str(s),
            Cell::Int(i) => write!(f, "{i}"),
            Cell::Float(x) => write!(f, "{x}"),
            Cell::Bool(b) => f.write_str(if *b { "TRUE" } else { "FALSE" }),
        }
    }
}
