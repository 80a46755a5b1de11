//! Self-assessment exports: one row per member, one column per statement, one or more files
//! per wave (baseline, review...), in the self-assessment folder (by default
//! `self_assessment/` inside the input folder), read through `ingest` like any export.
//!
//! Every row is used (a member's ratings) or rejected with a reason; every column is a
//! member, wave or metadata column, a statement, or left out with a note. Members are matched
//! across waves by id (a Member ID or Email column) or else by normalised name; members seen
//! in one wave only are reported. This module reads and matches; the figures are computed by
//! `aggregate::self_assessment`.

mod columns;
mod rating;

pub use columns::NO_THEME;
pub use rating::{Rated, RatingScale};

use crate::attendance::names;
use crate::config::SelfAssessmentDef;
use crate::error::{Error, Result};
use crate::ingest::{self, ReadOptions, SheetData, SourceFile};
use crate::model::{
    label_key, Cell, Check, Diagnostic, FileAccount, RatingPoints, RowAccount, Scale, Severity,
    WaveInfo,
};
use columns::Role;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// A statement and the index of its theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub label: String,
    pub theme: usize,
}

/// A member: as shown, and the key matching them across waves (`None`: anonymous row).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub display: String,
    pub key: Option<String>,
}

/// One rating.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rating {
    pub wave: usize,
    pub member: usize,
    pub statement: usize,
    pub score: i64,
}

/// Everything read, matched and indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings {
    pub scale: RatingPoints,
    pub waves: Vec<WaveInfo>,
    pub themes: Vec<String>,
    /// Ordered by theme, then first appearance.
    pub statements: Vec<Statement>,
    pub members: Vec<Member>,
    /// (member, wave) for every member's part in a wave.
    pub taking_part: BTreeSet<(usize, usize)>,
    /// Sorted by wave, member, statement.
    pub ratings: Vec<Rating>,
    /// (wave, statement) -> answers that were not ratings ("Don't know").
    pub not_rated: BTreeMap<(usize, usize), u64>,
    /// `member id` or `name`; empty when no wave names its members.
    pub matched_by: String,
    /// (member, wave) of members missing from another wave that names its members, sorted.
    pub only_in_some: Vec<(usize, usize)>,
}

/// What the folder gave.
#[derive(Debug, Default)]
pub struct Loaded {
    pub folder: String,
    pub files: Vec<FileAccount>,
    pub rows: RowAccount,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when no file could be used.
    pub ratings: Option<Ratings>,
}

/// Reads the self-assessment folder of `input`. `Ok(None)` when there is no such folder and
/// the definition does not ask for one. `scale` is the scale the definition names, if any;
/// `library` the scales to infer from.
pub fn load(
    input: &Path,
    def: &SelfAssessmentDef,
    asked: bool,
    scale: Option<RatingScale>,
    library: &[Scale],
) -> Result<Option<Loaded>> {
    let folder = input.join(&def.folder);
    if !folder.is_dir() {
        return if asked {
            Err(Error::NoSelfAssessmentFolder(folder))
        } else {
            Ok(None)
        };
    }
    let mut loaded = Loaded {
        folder: def.folder.clone(),
        ..Loaded::default()
    };
    let Ok(paths) = ingest::discover(&folder) else {
        loaded.diagnostics.push(Diagnostic::new(
            Severity::Error,
            &def.folder,
            "the self-assessment folder holds no spreadsheets; add one export per wave (.xlsx, .xls, .ods or .csv)",
        ).check(Check::FileFailed));
        return Ok(Some(loaded));
    };
    let prefix = def.folder.trim_end_matches('/').to_string();
    let sources: Vec<SourceFile> =
        ingest::read_all(&folder, &paths, &ReadOptions::default(), &|| {})
            .into_iter()
            .map(|mut s| {
                s.name = format!("{prefix}/{}", s.name);
                s
            })
            .collect();
    let known = columns::known_themes(def);
    let roles: Vec<Option<Vec<Role>>> = sources
        .iter()
        .map(|s| {
            s.content.as_ref().ok().map(|sheet| {
                sheet
                    .headers
                    .iter()
                    .map(|h| columns::role(h, def, &known))
                    .collect()
            })
        })
        .collect();
    let scale = match scale {
        Some(s) => s,
        None => {
            let cells = sources.iter().zip(&roles).flat_map(|(s, r)| {
                let sheet = s.content.as_ref().ok();
                let r = r.as_deref().unwrap_or(&[]);
                sheet.into_iter().flat_map(move |sheet| {
                    sheet.rows.iter().flat_map(move |row| {
                        row.cells.iter().enumerate().filter_map(move |(i, c)| {
                            matches!(r.get(i), Some(Role::Statement { .. })).then_some(c)
                        })
                    })
                })
            });
            match RatingScale::infer(cells, library, def.at_least.as_deref()) {
                Some(Ok(s)) => {
                    loaded.diagnostics.push(Diagnostic::new(
                        Severity::Note,
                        &def.folder,
                        format!(
                            "ratings read on the scale '{}' ({}); if that is not the scale of the form, set `scale` under [self_assessment]",
                            s.points.name,
                            s.accepted()
                        ),
                    ));
                    s
                }
                other => {
                    let reason = match other {
                        Some(Err(e)) => e,
                        _ => "no column holds ratings (numbers, or words of a known scale); name the scale with `scale` under [self_assessment] and define it with [[scale]]".into(),
                    };
                    loaded.diagnostics.push(
                        Diagnostic::new(Severity::Error, &def.folder, reason)
                            .check(Check::FileFailed),
                    );
                    for s in &sources {
                        loaded.files.push(ingest::account(
                            s,
                            Some("no rating scale".into()),
                            RowAccount::default(),
                        ));
                    }
                    return Ok(Some(loaded));
                }
            }
        }
    };
    // Members are matched by id only when every file has an id column; else by name.
    let use_ids = roles.iter().flatten().all(|r| r.contains(&Role::MemberId));
    let mut reader = Reader::new(def, scale, use_ids);
    for (s, r) in sources.iter().zip(&roles) {
        loaded.diagnostics.extend(s.notes.iter().cloned());
        let (sheet, roles) = match (&s.content, r) {
            (Ok(sheet), Some(roles)) => (sheet, roles),
            (Err(e), _) => {
                loaded.diagnostics.push(
                    Diagnostic::new(Severity::Error, &s.name, e.to_string())
                        .check(Check::FileFailed),
                );
                loaded.files.push(ingest::account(
                    s,
                    Some(e.to_string()),
                    RowAccount::default(),
                ));
                continue;
            }
            _ => continue,
        };
        match reader.read_file(&s.name, sheet, roles, &mut loaded.diagnostics) {
            Ok(rows) => {
                loaded.rows.add(rows);
                loaded.files.push(ingest::account(s, None, rows));
            }
            Err(reason) => {
                loaded.diagnostics.push(
                    Diagnostic::new(Severity::Error, &s.name, reason.clone())
                        .sheet(&sheet.sheet)
                        .check(Check::UnknownWave),
                );
                loaded
                    .files
                    .push(ingest::account(s, Some(reason), RowAccount::default()));
            }
        }
    }
    loaded.ratings = reader.finish(&mut loaded.diagnostics);
    Ok(Some(loaded))
}

/// Collects the ratings of every file.
struct Reader<'a> {
    def: &'a SelfAssessmentDef,
    scale: RatingScale,
    /// Theme names in first-seen order (ordered at the end).
    themes: Vec<String>,
    /// (theme index, statement key) -> statement index in `statements`.
    statement_index: HashMap<(usize, String), usize>,
    statements: Vec<Statement>,
    members: Vec<Member>,
    member_index: HashMap<String, usize>,
    /// (member, wave) -> (file, row) of the row that gave it, to report a repeat.
    taking_part: BTreeMap<(usize, usize), (String, usize)>,
    ratings: Vec<Rating>,
    not_rated: BTreeMap<(usize, usize), u64>,
    /// Per wave: files, and whether all of them name members.
    wave_files: Vec<(Vec<String>, bool)>,
    /// Which kind of key was used: member ids, names.
    keyed_by: BTreeSet<&'static str>,
    /// Match members by their id column (every file has one), else by name.
    use_ids: bool,
}

impl<'a> Reader<'a> {
    fn new(def: &'a SelfAssessmentDef, scale: RatingScale, use_ids: bool) -> Self {
        Reader {
            def,
            scale,
            themes: Vec::new(),
            statement_index: HashMap::new(),
            statements: Vec::new(),
            members: Vec::new(),
            member_index: HashMap::new(),
            taking_part: BTreeMap::new(),
            ratings: Vec::new(),
            not_rated: BTreeMap::new(),
            wave_files: vec![(Vec::new(), true); def.waves.len()],
            keyed_by: BTreeSet::new(),
            use_ids,
        }
    }

    fn wave_named(&self, text: &str) -> Option<usize> {
        let key = label_key(text);
        self.def.waves.iter().position(|w| label_key(w) == key)
    }

    /// The wave of a whole file: from the definition's `files`, else from its name.
    fn file_wave(&self, file: &str) -> Result<Option<usize>, String> {
        let base = file.rsplit('/').next().unwrap_or(file);
        if let Some((_, w)) = self
            .def
            .files
            .iter()
            .find(|(f, _)| label_key(f) == label_key(base))
        {
            return Ok(self.wave_named(w));
        }
        let name = label_key(base);
        let found: Vec<usize> = (0..self.def.waves.len())
            .filter(|&i| name.contains(&label_key(&self.def.waves[i])))
            .collect();
        match found.len() {
            0 => Ok(None),
            1 => Ok(Some(found[0])),
            _ => Err(format!(
                "the file name names more than one wave ({}); set the file's wave under [self_assessment] files",
                found
                    .iter()
                    .map(|&i| self.def.waves[i].clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn theme(&mut self, name: &str) -> usize {
        match self.themes.iter().position(|t| t == name) {
            Some(i) => i,
            None => {
                self.themes.push(name.to_string());
                self.themes.len() - 1
            }
        }
    }

    /// Reads one file; `Err` (the file is not used) when its wave cannot be told.
    fn read_file(
        &mut self,
        file: &str,
        sheet: &SheetData,
        roles: &[Role],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<RowAccount, String> {
        let at = |want: &Role| roles.iter().position(|r| r == want);
        let wave_column = at(&Role::Wave);
        let file_wave = self.file_wave(file)?;
        if file_wave.is_none() && wave_column.is_none() {
            return Err(format!(
                "cannot tell which wave this file belongs to ({}): put the wave in the file name, add a Wave column, or set the file's wave under [self_assessment] files",
                self.def.waves.join(", ")
            ));
        }
        let (id, name, first, last) = (
            at(&Role::MemberId),
            at(&Role::Name),
            at(&Role::FirstName),
            at(&Role::Surname),
        );
        let by_name = name.is_some() || (first.is_some() && last.is_some());
        let names_members = if self.use_ids { id.is_some() } else { by_name };
        // Statement columns that hold ratings; others are left out with a note.
        let mut statement_of: Vec<Option<usize>> = vec![None; roles.len()];
        // Each statement column's cells, rated once: by row position.
        let mut rated_in: Vec<Vec<Rated>> = vec![Vec::new(); roles.len()];
        for (c, role) in roles.iter().enumerate() {
            let Role::Statement { statement, theme } = role else {
                continue;
            };
            let rated: Vec<Rated> = sheet
                .rows
                .iter()
                .map(|r| {
                    r.cells
                        .get(c)
                        .map_or(Rated::Blank, |cell| self.scale.rate(cell))
                })
                .collect();
            let filled = rated.iter().filter(|r| **r != Rated::Blank).count();
            let unreadable = rated.iter().filter(|r| **r == Rated::Unreadable).count();
            if filled > 0 && unreadable * 2 > filled {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Note,
                        file,
                        format!(
                            "column left out: most of its answers are not ratings on the scale ({})",
                            self.scale.accepted()
                        ),
                    )
                    .sheet(&sheet.sheet)
                    .column(sheet.column_name(c))
                    .check(Check::ColumnLeftOut),
                );
                continue;
            }
            if theme == NO_THEME {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        file,
                        format!(
                            "statement '{statement}' belongs to no theme: reported under '{NO_THEME}'. Head the column `Theme [Statement]` or list it under a [[self_assessment.theme]]"
                        ),
                    )
                    .sheet(&sheet.sheet)
                    .column(sheet.column_name(c))
                    .check(Check::ColumnLeftOut),
                );
            }
            let t = self.theme(theme);
            let key = (t, label_key(statement));
            let next = self.statements.len();
            let index = *self.statement_index.entry(key).or_insert(next);
            if index == next {
                self.statements.push(Statement {
                    label: statement.clone(),
                    theme: t,
                });
            }
            statement_of[c] = Some(index);
            rated_in[c] = rated;
        }
        let mut rows = RowAccount::default();
        for (at_row, raw) in sheet.rows.iter().enumerate() {
            rows.read += 1;
            let place = |severity, message: String| {
                Diagnostic::new(severity, file, message)
                    .sheet(&sheet.sheet)
                    .row(raw.row)
            };
            if raw.cells.iter().all(|c| c.is_blank()) {
                rows.rejected += 1;
                diagnostics
                    .push(place(Severity::Warning, "blank row".into()).check(Check::RowRejected));
                continue;
            }
            let text = |i: Option<usize>| {
                i.and_then(|i| raw.cells.get(i)).and_then(|c| {
                    c.text()
                        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                })
            };
            let wave = match wave_column.and_then(|c| text(Some(c))) {
                Some(w) => match self.wave_named(&w) {
                    Some(i) => i,
                    None => {
                        rows.rejected += 1;
                        diagnostics.push(
                            place(Severity::Warning, format!(
                                "wave '{w}' is not one of the waves ({}); the row is left out. Correct it, or list the wave under [self_assessment] waves",
                                self.def.waves.join(", ")
                            ))
                            .column(sheet.column_name(wave_column.unwrap_or(0)))
                            .check(Check::UnknownWave),
                        );
                        continue;
                    }
                },
                None => match file_wave {
                    Some(w) => w,
                    None => {
                        rows.rejected += 1;
                        diagnostics.push(
                            place(Severity::Warning, "no wave in this row and none in the file name; the row is left out".into())
                                .check(Check::UnknownWave),
                        );
                        continue;
                    }
                },
            };
            let full_name = text(name).or_else(|| match (text(first), text(last)) {
                (Some(f), Some(l)) => Some(format!("{f} {l}")),
                (f, l) => f.or(l),
            });
            let member_id = text(id);
            let key = match (&member_id, &full_name) {
                (Some(i), _) if self.use_ids => {
                    self.keyed_by.insert("member id");
                    Some(names::id_key(i))
                }
                (_, Some(n)) if !self.use_ids => {
                    self.keyed_by.insert("name");
                    Some(names::key(n))
                }
                _ => None,
            };
            // The row's ratings.
            let mut found: Vec<(usize, i64)> = Vec::new();
            let mut not_rated: Vec<usize> = Vec::new();
            for (c, st) in statement_of.iter().enumerate() {
                let Some(st) = *st else { continue };
                match rated_in[c][at_row] {
                    Rated::Score(s) => found.push((st, s)),
                    Rated::NotRated => not_rated.push(st),
                    Rated::Blank => {}
                    Rated::Unreadable => diagnostics.push(
                        place(
                            Severity::Warning,
                            unreadable_message(raw.cells.get(c), &self.scale.accepted()),
                        )
                        .column(sheet.column_name(c))
                        .check(Check::AnswerOutsideScale),
                    ),
                }
            }
            let who = member_id
                .clone()
                .or(full_name.clone())
                .unwrap_or_else(|| format!("row {}", raw.row));
            if found.is_empty() && not_rated.is_empty() {
                rows.rejected += 1;
                diagnostics.push(
                    place(
                        Severity::Warning,
                        "no ratings in this row; the row is left out".into(),
                    )
                    .check(Check::BlankResponse),
                );
                continue;
            }
            let member = match &key {
                Some(k) => match self.member_index.get(k) {
                    Some(&m) => m,
                    None => {
                        self.members.push(Member {
                            display: full_name
                                .as_deref()
                                .map(names::forename_first)
                                .unwrap_or_else(|| who.clone()),
                            key: Some(k.clone()),
                        });
                        self.member_index.insert(k.clone(), self.members.len() - 1);
                        self.members.len() - 1
                    }
                },
                None => {
                    self.members.push(Member {
                        display: who.clone(),
                        key: None,
                    });
                    self.members.len() - 1
                }
            };
            if let Some((f, r)) = self.taking_part.get(&(member, wave)) {
                rows.rejected += 1;
                diagnostics.push(
                    place(Severity::Warning, format!(
                        "the member in this row already has ratings for the {} wave ({f}, row {r}); this row is left out so each member counts once",
                        self.def.waves[wave]
                    ))
                    .check(Check::DuplicateRespondent),
                );
                continue;
            }
            rows.used += 1;
            self.taking_part
                .insert((member, wave), (file.to_string(), raw.row));
            for (statement, score) in found {
                self.ratings.push(Rating {
                    wave,
                    member,
                    statement,
                    score,
                });
            }
            for st in not_rated {
                *self.not_rated.entry((wave, st)).or_default() += 1;
            }
            let slot = &mut self.wave_files[wave];
            if !slot.0.iter().any(|f| f == file) {
                slot.0.push(file.to_string());
                slot.1 &= names_members;
            }
        }
        Ok(rows)
    }

    /// Orders themes and statements, reports members in one wave only, and returns the
    /// ratings (`None` when nothing was rated).
    fn finish(mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<Ratings> {
        if self.taking_part.is_empty() {
            return None;
        }
        // Themes: the definition's (or the built-in) order, then others as seen, the
        // residual last.
        let known = columns::known_themes(self.def);
        let rank = |t: &str| {
            let k = known.iter().position(|x| label_key(x) == label_key(t));
            (t == NO_THEME, k.unwrap_or(usize::MAX))
        };
        let mut theme_order: Vec<usize> = (0..self.themes.len()).collect();
        theme_order.sort_by_key(|&i| (rank(&self.themes[i]), i));
        let new_theme: Vec<usize> = {
            let mut v = vec![0; self.themes.len()];
            for (new, &old) in theme_order.iter().enumerate() {
                v[old] = new;
            }
            v
        };
        let themes: Vec<String> = theme_order
            .iter()
            .map(|&i| self.themes[i].clone())
            .collect();
        let mut statement_order: Vec<usize> = (0..self.statements.len()).collect();
        statement_order.sort_by_key(|&i| (new_theme[self.statements[i].theme], i));
        let mut new_statement = vec![0; self.statements.len()];
        for (new, &old) in statement_order.iter().enumerate() {
            new_statement[old] = new;
        }
        let statements: Vec<Statement> = statement_order
            .iter()
            .map(|&i| Statement {
                label: self.statements[i].label.clone(),
                theme: new_theme[self.statements[i].theme],
            })
            .collect();
        for r in &mut self.ratings {
            r.statement = new_statement[r.statement];
        }
        self.ratings
            .sort_by_key(|r| (r.wave, r.member, r.statement));
        let not_rated = self
            .not_rated
            .into_iter()
            .map(|((w, s), n)| ((w, new_statement[s]), n))
            .collect();

        let waves: Vec<WaveInfo> = self
            .def
            .waves
            .iter()
            .enumerate()
            .map(|(i, name)| WaveInfo {
                name: name.clone(),
                files: self.wave_files[i].0.clone(),
                members: self.taking_part.keys().filter(|k| k.1 == i).count() as u64,
                identified: !self.wave_files[i].0.is_empty() && self.wave_files[i].1,
            })
            .collect();
        // Members seen in some waves but not all (only among waves that name members).
        let present: Vec<usize> = (0..waves.len()).filter(|&w| waves[w].identified).collect();
        let mut only_in_some = Vec::new();
        if present.len() > 1 {
            for (m, member) in self.members.iter().enumerate() {
                if member.key.is_none() {
                    continue;
                }
                let in_waves: Vec<usize> = present
                    .iter()
                    .copied()
                    .filter(|&w| self.taking_part.contains_key(&(m, w)))
                    .collect();
                if in_waves.len() < present.len() {
                    only_in_some.extend(in_waves.iter().map(|&w| (m, w)));
                    let (file, row) = &self.taking_part[&(m, in_waves[0])];
                    let names: Vec<&str> =
                        in_waves.iter().map(|&w| waves[w].name.as_str()).collect();
                    diagnostics.push(
                        Diagnostic::new(
                            Severity::Note,
                            file,
                            format!(
                                "the member in this row took part in the {} wave only; left out of the paired comparison. If they are in the other wave under another spelling, make the names (or ids) agree",
                                names.join(" and ")
                            ),
                        )
                        .row(*row)
                        .check(Check::MemberInOneWave),
                    );
                }
            }
        }
        Some(Ratings {
            scale: self.scale.points.clone(),
            waves,
            themes,
            statements,
            members: self.members,
            taking_part: self.taking_part.into_keys().collect(),
            ratings: self.ratings,
            not_rated,
            matched_by: self.keyed_by.into_iter().collect::<Vec<_>>().join(" or "),
            only_in_some,
        })
    }
}

/// Why a cell is not a rating: a number with decimals is named as such (it is left out, never
/// rounded to a point of the scale).
fn unreadable_message(cell: Option<&Cell>, accepted: &str) -> String {
    let given = cell.map(ToString::to_string).unwrap_or_default();
    let decimal = given.trim().parse::<f64>().is_ok_and(|x| x.fract() != 0.0);
    if decimal {
        format!("'{given}' has decimals, and ratings are {accepted}: left out as not rated, not rounded; correct the cell if it was a typing slip")
    } else {
        format!("'{given}' is not a rating on the scale ({accepted}); read as not rated")
    }
}
