//! Reading the member roster: one row per member with a name (or first name and surname)
//! and optionally an id, cohort, role and expected training level.

use super::columns::{self, Field};
use super::names;
use crate::ingest::SheetData;
use crate::model::{Check, Diagnostic, Level, Member, RowAccount, Severity};
use std::collections::HashMap;

/// The roster as read.
#[derive(Debug, Default, Clone)]
pub struct Roster {
    pub members: Vec<Member>,
    /// Normalised name of each member, same order.
    pub keys: Vec<String>,
    /// The header of the cohort column, e.g. `Elected`.
    pub cohort_heading: Option<String>,
    /// Whether the roster has a level column.
    pub has_levels: bool,
}

/// Whether a sheet reads as a list of members, as a committee management system exports it:
/// a name column (or first name and surname) with a different name on every row, other
/// columns that are member details (ward, party, date first elected, role, level...) or hold
/// no ticks, statuses or dates of attendance, and no session column.
pub fn looks_like_roster(sheet: &SheetData) -> bool {
    let fields: Vec<Option<Field>> = sheet.headers.iter().map(|h| columns::field(h)).collect();
    let at = |f| columns::find(&fields, f);
    let Some(name) = at(Field::Name).or(at(Field::FirstName).and(at(Field::Surname))) else {
        return false;
    };
    if sheet.rows.len() < 2
        || [
            Field::Session,
            Field::Attended,
            Field::Completed,
            Field::Date,
        ]
        .iter()
        .any(|f| at(*f).is_some())
    {
        return false;
    }
    let names: Vec<String> = sheet
        .rows
        .iter()
        .filter_map(|r| columns::text(r.cells.get(name)))
        .collect();
    let distinct: std::collections::HashSet<String> = names.iter().map(|n| names::key(n)).collect();
    if names.is_empty() || distinct.len() * 10 < names.len() * 9 {
        return false;
    }
    // A column no header explains must not hold attendance: ticks, statuses or dates.
    (0..fields.len()).filter(|&c| fields[c].is_none()).all(|c| {
        let values: Vec<&crate::model::Cell> = sheet
            .rows
            .iter()
            .filter_map(|r| r.cells.get(c))
            .filter(|v| !v.is_blank())
            .collect();
        let marks = values
            .iter()
            .filter(|v| columns::tick(v) != columns::Tick::Unclear)
            .count();
        marks * 2 <= values.len()
    })
}

/// Reads a roster sheet. Every row is used (a member) or rejected with a diagnostic: blank,
/// no name, or the same member twice. `Err` when the sheet has no name or id column.
pub fn read(
    file: &str,
    sheet: &SheetData,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Roster, RowAccount), String> {
    let fields: Vec<Option<Field>> = sheet.headers.iter().map(|h| columns::field(h)).collect();
    let at = |f| columns::find(&fields, f);
    let (name, first, last, id) = (
        at(Field::Name),
        at(Field::FirstName),
        at(Field::Surname),
        at(Field::Id),
    );
    if name.is_none() && id.is_none() && (first.is_none() || last.is_none()) {
        return Err(format!(
            "the roster has no column of member names (headers found: {}); head it Name, Member or Councillor, or give First name and Surname columns",
            sheet.headers.join(", ")
        ));
    }
    let (cohort, role, level) = (at(Field::Cohort), at(Field::Role), at(Field::Level));
    let mut roster = Roster {
        cohort_heading: cohort.map(|c| sheet.headers[c].clone()),
        has_levels: level.is_some(),
        ..Roster::default()
    };
    let mut rows = RowAccount::default();
    let mut seen_names: HashMap<String, usize> = HashMap::new();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    for raw in &sheet.rows {
        rows.read += 1;
        let cell = |i: Option<usize>| i.and_then(|i| columns::text(raw.cells.get(i)));
        let reject = |message: String| {
            Diagnostic::new(Severity::Warning, file, message)
                .sheet(&sheet.sheet)
                .row(raw.row)
        };
        if super::records::rejected_blank(file, sheet, raw, &mut rows, diagnostics) {
            continue;
        }
        let full = cell(name).or_else(|| match (cell(first), cell(last)) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (f, l) => f.or(l),
        });
        let member_id = cell(id);
        let Some(display) = full.clone().or_else(|| member_id.clone()) else {
            rows.rejected += 1;
            diagnostics.push(
                reject("no member name or id in this row; the row is left out".into())
                    .check(Check::RowRejected),
            );
            continue;
        };
        let key = full.as_deref().map(names::key).unwrap_or_default();
        let earlier = seen_names
            .get(&key)
            .filter(|_| !key.is_empty())
            .or_else(|| {
                member_id
                    .as_deref()
                    .and_then(|i| seen_ids.get(&names::id_key(i)))
            });
        if let Some(&first_row) = earlier {
            rows.rejected += 1;
            diagnostics.push(
                reject(format!(
                    "a member is on the roster twice (first at row {first_row}); this row is left out, so the member counts once"
                ))
                .internal(format!(
                    "'{display}' is on the roster twice (first at row {first_row}); this row is left out, so the member counts once"
                ))
                .check(Check::DuplicateMember),
            );
            continue;
        }
        if !key.is_empty() {
            seen_names.insert(key.clone(), raw.row);
        }
        if let Some(i) = &member_id {
            seen_ids.insert(names::id_key(i), raw.row);
        }
        let level_text = cell(level);
        let member_level = level_text.as_deref().and_then(|l| Level::parse(l).number());
        if let (Some(t), None, Some(c)) = (&level_text, member_level, level) {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    format!("level '{t}' is not 1 (universal), 2 (targeted) or 3 (specialist); the member is counted at level 1 only"),
                )
                .internal(format!("level '{t}' is not 1 (universal), 2 (targeted) or 3 (specialist); '{display}' is counted at level 1 only"))
                .sheet(&sheet.sheet)
                .row(raw.row)
                .column(sheet.column_name(c))
                .check(Check::UnreadableValue),
            );
        }
        rows.used += 1;
        roster.keys.push(key);
        roster.members.push(Member {
            name: display,
            id: member_id,
            // A date first elected gives the year, the cohort.
            cohort: cohort.and_then(|c| columns::date(raw.cells.get(c))).map(
                |d| match columns::when(&d) {
                    Some(iso) => iso[..4].to_string(),
                    None => d,
                },
            ),
            role: cell(role),
            level: member_level,
        });
    }
    Ok((roster, rows))
}
