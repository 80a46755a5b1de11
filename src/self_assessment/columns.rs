//! What the columns of a self-assessment export hold: who the member is, the wave, export
//! metadata, or a statement (with its theme, from the definition or from the header).

use crate::attendance::columns::{self as people, Field};
use crate::config::definition::glob;
use crate::config::SelfAssessmentDef;
use crate::model::label_key;
use crate::normalise::stated_range;

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

/// Headers of the columns that date a response (the export's own record of when it was
/// started or sent), which can tell the waves apart when nothing else does.
const DATES: [&str; 14] = [
    "start time",
    "completion time",
    "timestamp",
    "date",
    "start date",
    "end date",
    "submitted",
    "submitted at",
    "date submitted",
    "submission date",
    "response date",
    "completed",
    "completed at",
    "end time",
];

/// Export metadata, never a statement.
const META: [&str; 8] = [
    "id",
    "respondent id",
    "response id",
    "last modified time",
    "ip address",
    "collector id",
    "committee",
    "role",
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
    /// When the response was started or sent.
    Date,
    Meta,
    /// A column that may hold ratings: its statement and theme, and for a statement asked
    /// twice in one row, whether this is the rating before or after.
    Statement {
        statement: String,
        theme: String,
        at: Option<At>,
    },
}

/// Which of a statement's two ratings in one row a column holds ("Q9 Pre" / "Q9 Post",
/// "... - before the session" / "... - now").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum At {
    Before,
    After,
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
    if DATES.contains(&key.as_str()) {
        return Role::Date;
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
    let statement = without_stated_scale(split.map_or(header, |s| s.1)).to_string();
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
        at: None,
    }
}

/// A statement without the scale its header states at the end ("... (1 = not at all
/// confident, 10 = completely confident)", "... (1-5)"): the scale is read from the header,
/// the statement is what members rated.
fn without_stated_scale(statement: &str) -> &str {
    let t = statement.trim_end();
    if let Some(open) = t.rfind('(') {
        if t.ends_with(')') && stated_range(&t[open..]).is_some() {
            return t[..open].trim_end();
        }
    }
    t
}

/// Words that mark the rating before, or after, when a statement is asked twice in one row.
const BEFORE: &[&str] = &["pre", "before", "baseline", "start", "prior", "previously"];
const AFTER: &[&str] = &[
    "post",
    "after",
    "now",
    "today",
    "end",
    "following",
    "afterwards",
];
/// A marker is a short phrase: at most this many words ("before the training session").
const MARKER_WORDS: usize = 4;

/// Whether a phrase marks the rating before or after ("Pre", "before the session", "now",
/// "at the end of the course").
fn marker(phrase: &str) -> Option<At> {
    let lower = phrase.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let first = match words.as_slice() {
        [] => return None,
        ["at" | "on" | "by", rest @ ..] | ["the", rest @ ..] => *rest.first()?,
        [w, ..] => w,
    };
    if words.len() > MARKER_WORDS {
        return None;
    }
    if BEFORE.contains(&first) {
        Some(At::Before)
    } else if AFTER.contains(&first) {
        Some(At::After)
    } else {
        None
    }
}

/// A statement split into its stem and a before/after marker at its end or start: `Q9 Pre`,
/// `Pre: Q9`, `I know X - before the session`, `I know X (now)`, `I know X [after]`.
pub fn time_marker(statement: &str) -> Option<(String, At)> {
    let t = statement.trim();
    // A marker in brackets at the end.
    for (open, close) in [('(', ')'), ('[', ']')] {
        if t.ends_with(close) {
            if let Some(i) = t.rfind(open) {
                if let Some(at) = marker(&t[i + 1..t.len() - 1]) {
                    return stem(&t[..i], at);
                }
            }
        }
    }
    // After the last separator, or before the first.
    for sep in [" - ", " \u{2013} ", ": ", " \u{2014} "] {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            if let Some(at) = marker(tail) {
                return stem(head, at);
            }
        }
        if let Some((head, tail)) = t.split_once(sep) {
            if let Some(at) = marker(head) {
                return stem(tail, at);
            }
        }
    }
    // A single word at the end or start: `Q9 Pre`, `Post Q9`.
    if let Some((head, last)) = t.rsplit_once(' ') {
        if let Some(at) = marker(last).filter(|_| !last.contains(char::is_numeric)) {
            return stem(head, at);
        }
    }
    if let Some((first, rest)) = t.split_once(' ') {
        if let Some(at) = marker(first) {
            return stem(rest, at);
        }
    }
    None
}

fn stem(text: &str, at: At) -> Option<(String, At)> {
    let s = text
        .trim()
        .trim_end_matches(|c: char| c == '-' || c == ':' || c == ',' || c.is_whitespace());
    (!s.is_empty()).then(|| (s.to_string(), at))
}

/// Marks the statements of one file asked twice in a row, before and after: a statement whose
/// stem has both a before and an after column. Any other column keeps its header as the
/// statement (a statement that merely ends in "now" is not a marker without its partner).
pub fn pair_before_after(roles: &mut [Role]) -> bool {
    // The marker is in the statement, or is the whole title of its grid ("Before the
    // session [I know X]" / "After the session [I know X]").
    let marked: Vec<Option<(String, At)>> = roles
        .iter()
        .map(|r| match r {
            Role::Statement {
                statement, theme, ..
            } => time_marker(statement).or_else(|| marker(theme).map(|at| (statement.clone(), at))),
            _ => None,
        })
        .collect();
    let mut sides: std::collections::HashMap<String, (bool, bool)> =
        std::collections::HashMap::new();
    for (stem, at) in marked.iter().flatten() {
        let e = sides.entry(label_key(stem)).or_default();
        match at {
            At::Before => e.0 = true,
            At::After => e.1 = true,
        }
    }
    let mut any = false;
    for (role, m) in roles.iter_mut().zip(marked) {
        let (
            Role::Statement {
                statement,
                theme,
                at,
            },
            Some((stem, side)),
        ) = (role, m)
        else {
            continue;
        };
        if sides.get(&label_key(&stem)) == Some(&(true, true)) {
            if marker(theme).is_some() {
                *theme = NO_THEME.to_string();
            }
            *statement = stem;
            *at = Some(side);
            any = true;
        }
    }
    any
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
                theme: "Knowledge of Children's Services".into(),
                at: None
            }
        );
        assert_eq!(
            role("Work programming and planning: We plan ahead", &def, &known),
            Role::Statement {
                statement: "We plan ahead".into(),
                theme: "Work programming and planning".into(),
                at: None
            }
        );
        // A colon inside a statement that names no theme is not a split.
        assert_eq!(
            role("Note: we meet monthly", &def, &known),
            Role::Statement {
                statement: "Note: we meet monthly".into(),
                theme: NO_THEME.into(),
                at: None
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
                theme: "Planning".into(),
                at: None
            }
        );
        assert_eq!(role("Councillor ref", &def, &known), Role::MemberId);
    }

    fn statement(header: &str) -> Role {
        let def = SelfAssessmentDef::default();
        role(header, &def, &known_themes(&def))
    }

    #[test]
    fn before_and_after_in_one_row_are_paired_by_their_markers() {
        let headers = [
            "Name",
            "Start time",
            "Q9 Pre",
            "Q9 Post",
            "I know what the virtual school does - before the session (1 = not at all confident, 10 = completely confident)",
            "I know what the virtual school does - now (1 = not at all confident, 10 = completely confident)",
            "Before: I can read the scorecard",
            "After: I can read the scorecard",
            // Google Forms grids titled before and after.
            "Before the session [I know the placement figures]",
            "After the session [I know the placement figures]",
            // Ends in a marker word but has no partner: a statement as written.
            "I feel confident now",
        ];
        let mut roles: Vec<Role> = headers.iter().map(|h| statement(h)).collect();
        assert_eq!(roles[1], Role::Date);
        assert!(pair_before_after(&mut roles));
        let got: Vec<(String, Option<At>)> = roles
            .iter()
            .filter_map(|r| match r {
                Role::Statement { statement, at, .. } => Some((statement.clone(), *at)),
                _ => None,
            })
            .collect();
        let want = |s: &str, a| (s.to_string(), a);
        assert_eq!(
            got,
            vec![
                want("Q9", Some(At::Before)),
                want("Q9", Some(At::After)),
                want("I know what the virtual school does", Some(At::Before)),
                want("I know what the virtual school does", Some(At::After)),
                want("I can read the scorecard", Some(At::Before)),
                want("I can read the scorecard", Some(At::After)),
                want("I know the placement figures", Some(At::Before)),
                want("I know the placement figures", Some(At::After)),
                want("I feel confident now", None),
            ]
        );
        // A sheet with no pair is left as it is.
        let mut single = vec![statement("I know what happens after care"), statement("Q3")];
        assert!(!pair_before_after(&mut single));
    }
}
