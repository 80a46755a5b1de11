//! What each column of a sheet is: respondent id, session, other metadata, or a question.
//! Header names are resolved here, once; after this nobody looks at raw header text.

use crate::model::label_key;

/// The role of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    RespondentId,
    Session,
    /// Metadata the analysis does not use (times, e-mail, name, role...). Kept out of outputs.
    Metadata,
    /// A question, by its matching key.
    Question(String),
    /// An empty header over an empty column.
    Empty,
}

const RESPONDENT_ID: &[&str] = &[
    "id",
    "respondent id",
    "respondentid",
    "response id",
    "responseid",
    "response number",
    "respondent",
];

const SESSION: &[&str] = &[
    "session",
    "session name",
    "training session",
    "course",
    "event",
];

const METADATA: &[&str] = &[
    "start time",
    "completion time",
    "last modified time",
    "timestamp",
    "email",
    "email address",
    "e-mail",
    "e-mail address",
    "name",
    "full name",
    "first name",
    "last name",
    "surname",
    "total points",
    "quiz feedback",
    "date",
    "session date",
    "start date",
    "end date",
    "date submitted",
    "submitted",
    "recorded date",
    "ip address",
    "collector id",
    "role",
    "cohort",
    "ward",
    "party",
    "committee",
];

/// Role of a column from its header. `has_data` tells an unnamed column with answers (a
/// question with no header, named by its letter) from an empty one.
pub fn role(header: &str, has_data: bool, letter: &str) -> Role {
    let key = label_key(header);
    if key.is_empty() {
        return if has_data {
            Role::Question(format!("column {}", letter.to_lowercase()))
        } else {
            Role::Empty
        };
    }
    if RESPONDENT_ID.contains(&key.as_str()) {
        Role::RespondentId
    } else if SESSION.contains(&key.as_str()) {
        Role::Session
    } else if METADATA.contains(&key.as_str()) {
        Role::Metadata
    } else {
        Role::Question(key)
    }
}

/// The label shown for a question: its header, or `Column F` for an unnamed column.
pub fn display_label(header: &str, letter: &str) -> String {
    if header.trim().is_empty() {
        format!("Column {letter}")
    } else {
        header.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_metadata_is_recognised_and_questions_keep_their_key() {
        assert_eq!(role("ID", true, "A"), Role::RespondentId);
        assert_eq!(role("Completion time", true, "C"), Role::Metadata);
        assert_eq!(role(" Timestamp ", true, "A"), Role::Metadata);
        assert_eq!(role("Session", true, "D"), Role::Session);
        assert_eq!(
            role("Were your objectives achieved?", true, "E"),
            Role::Question("were your objectives achieved".into())
        );
        assert_eq!(role("", false, "F"), Role::Empty);
        assert_eq!(role("", true, "F"), Role::Question("column f".into()));
    }
}
