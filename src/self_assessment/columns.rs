//! What the columns of a self-assessment export hold: who the member is, the wave, export
//! metadata, or a statement (with its theme, from the definition or from the header).

use crate::attendance::columns::{self as people, Field};
use crate::config::definition::glob;
use crate::config::SelfAssessmentDef;
use crate::model::label_key;

/// Headers of columns that identify a member across waves.
const MEMBER_IDS: [&str; 10] = [
    "member id",
    "member number",
    "member no",
    "councillor id",
    "councillor number",
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "person id",
];

/// Headers of the wave column.
const WAVES: [&str; 6] = [
    "wave",
    "stage",
    "round",
    "time point",
    "timepoint",
    "assessment",
];

/// Export metadata, never a statement.
const META: [&str; 16] = [
    "id",
    "respondent id",
    "response id",
    "start time",
    "completion time",
    "last modified time",
    "timestamp",
    "date",
    "start date",
    "end date",
    "submitted",
    "ip address",
    "collector id",
    "committee",
    "role",
    "ward",
];

/// The theme given to statements no theme claims.
pub const NO_THEME: &str = "Other statements";

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    MemberId,
    Name,
    FirstName,
    Surname,
    Wave,
    Meta,
    /// A column that may hold ratings: its statement and theme.
    Statement {
        statement: String,
        theme: String,
    },
}

/// Splits `Theme [Statement]`; also `Theme - Statement` and `Theme: Statement` when the
/// part before names a known theme.
fn split_theme<'a>(header: &'a str, known: &[String]) -> Option<(&'a str, &'a str)> {
    if let Some(open) = header.rfind(" [") {
        if header.ends_with(']') {
            return Some((
                header[..open].trim(),
                header[open + 2..header.len() - 1].trim(),
            ));
        }
    }
    for sep in [" - ", ": ", " \u{2013} "] {
        if let Some((theme, statement)) = header.split_once(sep) {
            if known.iter().any(|k| label_key(k) == label_key(theme)) {
                return Some((theme.trim(), statement.trim()));
            }
        }
    }
    None
}

/// Theme names a header may start with: the definition's, else the built-in six.
pub fn known_themes(def: &SelfAssessmentDef) -> Vec<String> {
    if def.themes.is_empty() {
        crate::config::self_assessment::DEFAULT_THEMES
            .iter()
            .map(|t| t.to_string())
            .collect()
    } else {
        def.themes.iter().map(|t| t.name.clone()).collect()
    }
}

/// The role of the column headed `header`.
pub fn role(header: &str, def: &SelfAssessmentDef, known: &[String]) -> Role {
    let key = label_key(header);
    if let Some(m) = &def.member {
        if label_key(m) == key {
            return Role::MemberId;
        }
    } else if MEMBER_IDS.contains(&key.as_str()) {
        return Role::MemberId;
    }
    if WAVES.contains(&key.as_str()) {
        return Role::Wave;
    }
    match people::field(header) {
        Some(Field::Name) => return Role::Name,
        Some(Field::FirstName) => return Role::FirstName,
        Some(Field::Surname) => return Role::Surname,
        Some(_) => return Role::Meta,
        None => {}
    }
    if META.contains(&key.as_str()) || key.is_empty() {
        return Role::Meta;
    }
    let split = split_theme(header, known);
    let statement = split.map_or(header, |s| s.1).to_string();
    let theme = if def.themes.is_empty() {
        split.map(|s| canonical(s.0, known))
    } else {
        def.themes
            .iter()
            .find(|t| {
                t.statements.iter().any(|p| {
                    let p = label_key(p);
                    glob(&p, &key) || glob(&p, &label_key(&statement))
                })
            })
            .map(|t| t.name.clone())
    };
    Role::Statement {
        statement,
        theme: theme.unwrap_or_else(|| NO_THEME.to_string()),
    }
}

/// A theme named as the known theme it matches, or as written.
fn canonical(theme: &str, known: &[String]) -> String {
    known
        .iter()
        .find(|k| label_key(k) == label_key(theme))
        .cloned()
        .unwrap_or_else(|| theme.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SaThemeDef;

    #[test]
    fn themes_come_from_grid_headers_or_the_definition() {
        let def = SelfAssessmentDef::default();
        let known = known_themes(&def);
        assert_eq!(
            role(
                "Knowledge of children's services [I understand the data]",
                &def,
                &known
            ),
            Role::Statement {
                statement: "I understand the data".into(),
                theme: "Knowledge of Children's Services".into()
            }
        );
        assert_eq!(
            role("Work programming and planning: We plan ahead", &def, &known),
            Role::Statement {
                statement: "We plan ahead".into(),
                theme: "Work programming and planning".into()
            }
        );
        // A colon inside a statement that names no theme is not a split.
        assert_eq!(
            role("Note: we meet monthly", &def, &known),
            Role::Statement {
                statement: "Note: we meet monthly".into(),
                theme: NO_THEME.into()
            }
        );
        assert_eq!(role("Email", &def, &known), Role::MemberId);
        assert_eq!(role("ID", &def, &known), Role::Meta);
        assert_eq!(role("Name", &def, &known), Role::Name);
        assert_eq!(role("Wave", &def, &known), Role::Wave);

        let def = SelfAssessmentDef {
            themes: vec![SaThemeDef {
                name: "Planning".into(),
                statements: vec!["We plan*".into()],
            }],
            member: Some("Councillor ref".into()),
            ..SelfAssessmentDef::default()
        };
        let known = known_themes(&def);
        assert_eq!(
            role("We plan ahead.", &def, &known),
            Role::Statement {
                statement: "We plan ahead.".into(),
                theme: "Planning".into()
            }
        );
        assert_eq!(role("Councillor ref", &def, &known), Role::MemberId);
    }
}
