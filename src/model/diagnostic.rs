use serde::Serialize;
use std::fmt;

/// How much a diagnostic matters. `Error` means a whole file could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    /// The name written in the data-quality table.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a diagnostic is about: the `check` column of the data-quality table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// A file that could not be read.
    FileFailed,
    /// A file whose bytes are the same as an earlier file's.
    DuplicateFile,
    /// A row with no answer at all (blank, or only metadata).
    BlankResponse,
    /// Any other rejected row (tally sheets: headings, totals, bad counts).
    RowRejected,
    /// The same respondent id twice in one session.
    DuplicateRespondent,
    /// A row identical in every cell to an earlier row of the same file.
    IdenticalRows,
    /// An answer that fits no option of its scale.
    AnswerOutsideScale,
    /// A numeric code outside the codes of its scale.
    CodeOutOfRange,
    /// A question answered by fewer than half of the respondents asked it.
    LowResponse,
    /// A column the survey definition does not mention.
    ColumnNotInDefinition,
    /// A scale whose range or direction was assumed, not read from the form (numbers with no
    /// stated ends): counted, never headlined, until a definition confirms it.
    AssumedScale,
    /// An answer written in under a choice question ("Other: ..."), not one of its options.
    WrittenIn,
    /// A column read as metadata (an identifier, address, time or place), never as a question.
    IdentifierColumn,
    /// A file read with no response in it.
    NoResponses,
    /// A spreadsheet error value (`#N/A`) in an answer cell.
    CellError,
    /// Attendance records that cannot be matched: no roster, or several candidates.
    NoRoster,
    /// Attendance records of which none could be read: coverage is not reported.
    NoCoverage,
    /// An attendee the roster does not list.
    NotOnRoster,
    /// An attendee matched to a member by initial and surname only.
    LooseNameMatch,
    /// The same member twice on the roster.
    DuplicateMember,
    /// The same person recorded twice at one session.
    DuplicateAttendance,
    /// A cell that should be a tick or a level and is neither.
    UnreadableValue,
    /// A self-assessment member who took part in one wave only.
    MemberInOneWave,
    /// A self-assessment file whose wave cannot be told.
    UnknownWave,
    /// A self-assessment column left out: not ratings, or a statement without a theme.
    ColumnLeftOut,
    /// The `[report]` meeting date falls before a session the report covers.
    MeetingBeforeSession,
    /// Anything else worth knowing.
    #[default]
    Note,
}

impl Check {
    pub fn name(self) -> &'static str {
        match self {
            Check::FileFailed => "file_failed",
            Check::DuplicateFile => "duplicate_file",
            Check::BlankResponse => "blank_response",
            Check::RowRejected => "row_rejected",
            Check::DuplicateRespondent => "duplicate_respondent",
            Check::IdenticalRows => "identical_rows",
            Check::AnswerOutsideScale => "answer_outside_scale",
            Check::CodeOutOfRange => "code_out_of_range",
            Check::LowResponse => "low_response",
            Check::ColumnNotInDefinition => "column_not_in_definition",
            Check::AssumedScale => "assumed_scale",
            Check::WrittenIn => "written_in_answer",
            Check::IdentifierColumn => "identifier_column",
            Check::NoResponses => "no_responses",
            Check::CellError => "cell_error",
            Check::NoRoster => "no_roster",
            Check::NoCoverage => "coverage_not_reported",
            Check::NotOnRoster => "attendee_not_on_roster",
            Check::LooseNameMatch => "name_matched_loosely",
            Check::DuplicateMember => "duplicate_member",
            Check::DuplicateAttendance => "duplicate_attendance",
            Check::UnreadableValue => "unreadable_value",
            Check::MemberInOneWave => "member_in_one_wave",
            Check::UnknownWave => "unknown_wave",
            Check::ColumnLeftOut => "column_left_out",
            Check::MeetingBeforeSession => "meeting_before_session",
            Check::Note => "note",
        }
    }
}

/// Something about the input a user should know: a file that failed, a row that was rejected,
/// an answer that fits no option. Carries the place, so the user can find it in the sheet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub check: Check,
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based row number as shown in the spreadsheet.
    pub row: Option<usize>,
    /// Column letter and header, e.g. `D (How satisfied were you?)`.
    pub column: Option<String>,
    /// What is published (tables, briefing): never a name or contact detail of a person.
    pub message: String,
    /// The message with the cell or name it is about, where that may identify a person: shown
    /// on the terminal and written to `internal/` only.
    pub internal: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            check: Check::Note,
            file: file.to_string(),
            sheet: None,
            row: None,
            column: None,
            message: message.into(),
            internal: None,
        }
    }

    /// Keeps `full` (naming the person or quoting the cell) for the terminal and `internal/`,
    /// while the published message stays as it is.
    pub fn internal(mut self, full: impl Into<String>) -> Self {
        self.internal = Some(full.into());
        self
    }

    pub fn check(mut self, check: Check) -> Self {
        self.check = check;
        self
    }

    pub fn sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_string());
        self
    }

    pub fn row(mut self, row: usize) -> Self {
        self.row = Some(row);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// The place alone: `file, sheet 'S', row 5, column D (Header)`.
    pub fn place(&self) -> String {
        let mut out = self.file.clone();
        if let Some(s) = &self.sheet {
            out.push_str(&format!(", sheet '{s}'"));
        }
        if let Some(r) = self.row {
            out.push_str(&format!(", row {r}"));
        }
        if let Some(c) = &self.column {
            out.push_str(&format!(", column {c}"));
        }
        out
    }
}

impl Diagnostic {
    /// The line a published document shows: as on the terminal, but with the published
    /// message (no name or quoted cell that may identify a person).
    pub fn published(&self) -> String {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        format!("{level}: {}: {}", self.place(), self.message)
    }
}

/// The terminal's line: the full message, with the cell or name it is about.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let message = self.internal.as_deref().unwrap_or(&self.message);
        write!(f, "{level}: {}: {message}", self.place())
    }
}

/// Spreadsheet column letter for a 0-based index: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn column_letters_follow_spreadsheet_convention() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
