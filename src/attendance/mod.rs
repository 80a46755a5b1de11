//! Attendance: the member roster and the attendance records in the attendance folder (by
//! default `attendance/` inside the input folder), read through `ingest` like any export,
//! and every attendee matched to a member of the roster. Attendees the roster does not list
//! are kept (they count in a session's attendance) and reported; nobody is dropped.
//!
//! This module reads and matches; the coverage figures are computed by `aggregate`.

pub(crate) mod columns;
pub(crate) mod names;
mod records;
mod roster;

use crate::config::{attendance::ROSTER_WORDS, AttendanceDef};
use crate::error::{Error, Result};
use crate::ingest::{self, ReadOptions, SourceFile};
use crate::model::{Check, Diagnostic, FileAccount, Level, RowAccount, Severity};
use names::{Directory, Found};
use records::Record;
pub use roster::Roster;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// One training session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub name: String,
    pub date: Option<String>,
    pub level: Level,
}

/// The records matched to the roster.
#[derive(Debug, Clone)]
pub struct Matched {
    pub roster_file: String,
    pub roster: Roster,
    /// Sessions by date (undated last), then name.
    pub sessions: Vec<Session>,
    /// (session, member) for every member recorded at a session, each pair once, sorted.
    pub attended: Vec<(usize, usize)>,
    /// (session, normalised name) of attendees not on the roster, each once, sorted.
    pub outsiders: Vec<(usize, String)>,
    /// (session, member) of members the records say are exempt: out of the session's
    /// denominator, sorted.
    pub exempt: Vec<(usize, usize)>,
    /// When each member completed each session, where the records say (ISO; the latest).
    pub completed: BTreeMap<(usize, usize), String>,
}

/// What the attendance folder gave: the files with their rows, what was found, and the
/// matched records unless no roster could be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<FileAccount>,
    pub rows: RowAccount,
    pub diagnostics: Vec<Diagnostic>,
    pub matched: Option<Matched>,
}

/// Reads the attendance folder of `input`. `Ok(None)` when there is no such folder and the
/// definition does not ask for one.
pub fn load(input: &Path, def: &AttendanceDef, asked: bool) -> Result<Option<Loaded>> {
    let folder = input.join(&def.folder);
    if !folder.is_dir() {
        return if asked {
            Err(Error::NoAttendanceFolder(folder))
        } else {
            Ok(None)
        };
    }
    let mut loaded = Loaded::default();
    let paths = match ingest::discover(&folder) {
        Ok(p) => p,
        Err(_) => {
            loaded.diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    &def.folder,
                    "the attendance folder holds no spreadsheets; add the member roster and the attendance records (.xlsx, .xls, .ods or .csv)",
                )
                .check(Check::NoRoster),
            );
            return Ok(Some(loaded));
        }
    };
    let sources: Vec<SourceFile> =
        ingest::read_all(&folder, &paths, &ReadOptions::default(), &|| {})
            .into_iter()
            .map(|mut s| {
                s.name = format!("{}/{}", def.folder.trim_end_matches('/'), s.name);
                s
            })
            .collect();
    let Some(roster_at) = choose_roster(&sources, def, &mut loaded.diagnostics) else {
        for s in &sources {
            loaded
                .files
                .push(ingest::account(s, None, RowAccount::default()));
        }
        return Ok(Some(loaded));
    };
    // The roster first: its members' names find the person column of records that do not
    // head it.
    let mut roster_read: Option<Roster> = None;
    let mut accounts: Vec<Option<(Option<String>, RowAccount)>> = vec![None; sources.len()];
    if let Ok(sheet) = &sources[roster_at].content {
        let s = &sources[roster_at];
        accounts[roster_at] = Some(
            match roster::read(&s.name, sheet, &mut loaded.diagnostics) {
                Ok((r, rows)) => {
                    roster_read = Some(r);
                    (None, rows)
                }
                Err(reason) => {
                    loaded.diagnostics.push(failed(s, &reason));
                    (Some(reason), RowAccount::default())
                }
            },
        );
    }
    let directory = roster_read.as_ref().map(directory_of);
    let mut all_records: Vec<(usize, records::Records)> = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        loaded.diagnostics.extend(s.notes.iter().cloned());
        let sheet = match &s.content {
            Ok(sheet) => sheet,
            Err(e) => {
                loaded.diagnostics.push(failed(s, &e.to_string()));
                loaded.files.push(ingest::account(
                    s,
                    Some(e.to_string()),
                    RowAccount::default(),
                ));
                continue;
            }
        };
        let read = if i == roster_at {
            match accounts[i].take() {
                Some((None, rows)) => Ok(rows),
                Some((Some(reason), _)) => {
                    loaded
                        .files
                        .push(ingest::account(s, Some(reason), RowAccount::default()));
                    continue;
                }
                None => continue,
            }
        } else {
            records::read(&s.name, sheet, directory.as_ref(), &mut loaded.diagnostics).map(|r| {
                let rows = r.rows;
                loaded.diagnostics.push(
                    Diagnostic::new(
                        Severity::Note,
                        &s.name,
                        format!(
                            "attendance records read as {} ({} attendances)",
                            r.layout,
                            r.records.len()
                        ),
                    )
                    .sheet(&sheet.sheet),
                );
                all_records.push((i, r));
                rows
            })
        };
        match read {
            Ok(rows) => {
                loaded.rows.add(rows);
                loaded.files.push(ingest::account(s, None, rows));
            }
            Err(reason) => {
                loaded
                    .diagnostics
                    .push(failed(s, &reason).sheet(&sheet.sheet));
                loaded
                    .files
                    .push(ingest::account(s, Some(reason), RowAccount::default()));
            }
        }
    }
    // Coverage rests on records that were read: with none, it is not reported (never 0%).
    let records_read = all_records.len();
    if let (Some(roster), true) = (roster_read, records_read > 0) {
        let file = sources[roster_at].name.clone();
        loaded.matched = Some(matching(
            file,
            roster,
            &sources,
            all_records,
            &mut loaded.diagnostics,
        ));
    } else if records_read == 0 && sources.len() > 1 {
        loaded.diagnostics.push(
            Diagnostic::new(
                Severity::Error,
                &def.folder,
                "no attendance records could be read (see the files above): coverage is not reported",
            )
            .check(Check::NoCoverage),
        );
    }
    for d in &mut loaded.diagnostics {
        column_letter_only(d);
    }
    Ok(Some(loaded))
}

/// The roster indexed for matching names and ids.
fn directory_of(roster: &Roster) -> Directory {
    Directory::new(
        roster
            .keys
            .iter()
            .cloned()
            .zip(roster.members.iter().map(|m| m.id.as_deref())),
    )
}

/// Attendance grids head their columns with members' names: a finding's published column is
/// its letter alone, the header going with the full message to `internal/`.
fn column_letter_only(d: &mut Diagnostic) {
    let Some(column) = d.column.take() else {
        return;
    };
    let (letter, header) = match column.split_once(" (") {
        Some((letter, rest)) => (letter.to_string(), rest.trim_end_matches(')')),
        None => (column.clone(), ""),
    };
    if !header.is_empty() {
        let full = d.internal.take().unwrap_or_else(|| d.message.clone());
        d.internal = Some(format!("{full} (column {letter}: '{header}')"));
    }
    d.column = Some(letter);
}

fn failed(s: &SourceFile, reason: &str) -> Diagnostic {
    Diagnostic::new(Severity::Error, &s.name, reason.to_string()).check(Check::FileFailed)
}

/// The roster: the file the definition names, else the one file whose name says roster (or,
/// if none does, members), else the one file that reads as a list of members (see
/// [`roster::looks_like_roster`]). `None` (with an error naming the candidates and how to
/// choose) when there is none or several.
fn choose_roster(
    sources: &[SourceFile],
    def: &AttendanceDef,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let file_name = |s: &SourceFile| s.name.rsplit('/').next().unwrap_or("").to_lowercase();
    let listed = || {
        sources
            .iter()
            .map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let candidates: Vec<usize> = match &def.roster {
        Some(name) => sources
            .iter()
            .position(|s| file_name(s) == name.to_lowercase())
            .into_iter()
            .collect(),
        // The first word that names any file decides: `roster.csv` beats
        // `members_by_sessions.csv`. Failing that, the file that reads as a roster.
        None => ROSTER_WORDS
            .iter()
            .map(|w| {
                (0..sources.len())
                    .filter(|&i| file_name(&sources[i]).contains(w))
                    .collect::<Vec<_>>()
            })
            .find(|c| !c.is_empty())
            .unwrap_or_else(|| {
                (0..sources.len())
                    .filter(|&i| {
                        sources[i]
                            .content
                            .as_ref()
                            .is_ok_and(roster::looks_like_roster)
                    })
                    .collect()
            }),
    };
    let problem = match (candidates.len(), &def.roster) {
        (1, _) => return Some(candidates[0]),
        (0, Some(name)) => format!(
            "the roster '{name}' named in evalboard.toml is not in the attendance folder (it has: {}); fix `roster` under [attendance]",
            listed()
        ),
        (0, None) => format!(
            "no member roster: no file is a list of members (one row per member, a name column, no session or tick columns) or is named 'roster' or 'members'; set `roster` under [attendance] in evalboard.toml (files found: {}); coverage needs the roster",
            listed()
        ),
        _ => format!(
            "several files look like the member roster ({}); set `roster` under [attendance] in evalboard.toml",
            candidates
                .iter()
                .map(|&i| sources[i].name.clone())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    diagnostics.push(Diagnostic::new(Severity::Error, &def.folder, problem).check(Check::NoRoster));
    None
}

/// (undated, date, name key): sorts sessions by date, undated last.
type SessionKey = (bool, Option<String>, String);

/// Matches every record to the roster, collects the sessions and removes repeated records.
fn matching(
    roster_file: String,
    roster: Roster,
    sources: &[SourceFile],
    all_records: Vec<(usize, records::Records)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Matched {
    let directory = directory_of(&roster);
    // Sessions, keyed so that they come out in date order, undated last, then by name.
    let mut sessions: BTreeMap<SessionKey, Session> = BTreeMap::new();
    let mut note_session = |name: &str, date: &Option<String>, level: &Level| {
        let key = (date.is_none(), date.clone(), crate::model::label_key(name));
        let s = sessions.entry(key.clone()).or_insert_with(|| Session {
            name: name.to_string(),
            date: date.clone(),
            level: level.clone(),
        });
        if s.level == Level::NotGiven {
            s.level = level.clone();
        }
        key
    };
    let mut pairs: Vec<(SessionKey, Result<usize, String>, &str, Record)> = Vec::new();
    let mut loose_reported: HashSet<(String, usize)> = HashSet::new();
    for (file_index, r) in all_records {
        let file = sources[file_index].name.as_str();
        for seen in &r.sessions {
            note_session(&seen.session, &seen.date, &seen.level);
        }
        for record in r.records {
            let key = note_session(&record.session, &record.date, &record.level);
            let who = record
                .name
                .clone()
                .or_else(|| record.id.clone())
                .unwrap_or_default();
            let found = directory.find(record.name.as_deref(), record.id.as_deref());
            let member = match found {
                Found::Exact(m) => Ok(m),
                Found::Loose(m) => {
                    if loose_reported.insert((names::key(&who), m)) {
                        diagnostics.push(
                            Diagnostic::new(
                                Severity::Note,
                                file,
                                "an attendee matched to a roster member by initial and surname only (names in internal/data_quality.csv); check it is the same person",
                            )
                            .internal(format!(
                                "'{who}' matched to roster member '{}' by initial and surname only; check it is the same person",
                                roster.members[m].name
                            ))
                            .sheet(&record.sheet)
                            .row(record.row)
                            .check(Check::LooseNameMatch),
                        );
                    }
                    Ok(m)
                }
                Found::NotOnRoster => {
                    let mut d = Diagnostic::new(
                        Severity::Warning,
                        file,
                        format!(
                            "an attendee of session '{}' is not on the roster {roster_file} (name in internal/data_quality.csv); counted in the session's attendance, not in coverage. Add them to the roster or correct the name",
                            record.session
                        ),
                    )
                    .internal(format!(
                        "'{who}' (session '{}') is not on the roster {roster_file}; counted in the session's attendance, not in coverage. Add them to the roster or correct the name",
                        record.session
                    ))
                    .sheet(&record.sheet)
                    .row(record.row)
                    .check(Check::NotOnRoster);
                    if let Some(c) = &record.column {
                        d = d.column(c.clone());
                    }
                    diagnostics.push(d);
                    Err(names::key(&who))
                }
            };
            pairs.push((key, member, file, record));
        }
    }
    let index: BTreeMap<SessionKey, usize> = sessions
        .keys()
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect();
    let mut attended: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut outsiders: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut exempt: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut completed: BTreeMap<(usize, usize), String> = BTreeMap::new();
    for (key, member, file, record) in pairs {
        let s = index[&key];
        if record.exempt {
            if let Ok(m) = member {
                exempt.insert((s, m));
            }
            continue;
        }
        if let (Ok(m), Some(on)) = (&member, &record.completed) {
            let slot = completed.entry((s, *m)).or_insert_with(|| on.clone());
            if on > slot {
                *slot = on.clone();
            }
        }
        let new = match member {
            Ok(m) => attended.insert((s, m)),
            Err(name) => outsiders.insert((s, name)),
        };
        if !new {
            let who = record.name.or(record.id).unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    Severity::Note,
                    file,
                    format!(
                        "an attendee is recorded at session '{}' more than once (name in internal/data_quality.csv); counted once",
                        record.session
                    ),
                )
                .internal(format!(
                    "'{who}' is recorded at session '{}' more than once; counted once",
                    record.session
                ))
                .sheet(&record.sheet)
                .row(record.row)
                .check(Check::DuplicateAttendance),
            );
        }
    }
    Matched {
        roster_file,
        roster,
        sessions: sessions.into_values().collect(),
        // A member recorded as attending is not exempt from it.
        exempt: exempt.difference(&attended).copied().collect(),
        attended: attended.into_iter().collect(),
        outsiders: outsiders.into_iter().collect(),
        completed,
    }
}
