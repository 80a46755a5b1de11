//! Self-assessment exports: one row per member, one column per statement, one or more files
//! per wave (baseline, review...), in the self-assessment folder (by default
//! `self_assessment/` inside the input folder), read through `ingest` like any export.
//!
//! A file's wave is told by the definition's `files`, its name, a Wave column (row by row),
//! before-and-after columns in one row (the first wave and the second, the same member by
//! construction), or else its own dates ([`waves`]). A file most of whose rows hold no rating
//! on the scale is refused: it gives no figure rather than a wrong one.
//!
//! Every row is used (a member's ratings) or rejected with a reason; every column is a
//! member, wave, date or metadata column, a statement, or left out with a note. Members are
//! matched across waves by id (a Member ID or Email column) or else by normalised name;
//! members seen in one wave only are reported. This module reads and matches; the figures are
//! computed by `aggregate::self_assessment`.

mod columns;
mod rating;
mod waves;

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
use columns::{At, Role};
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
    /// The scale's range is an assumption (nothing in the files states it): no change between
    /// waves is headlined.
    pub scale_assumed: bool,
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
    /// `member id`, `e-mail`, `name`, or `the response holding both` for before and after in
    /// one row (joined by `or` when files differ); empty when no wave names its members.
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

/// How a file's wave is told.
#[derive(Debug, Clone, PartialEq)]
enum Told {
    /// By the definition's `files` or the file name, or by the file's dates.
    Wave(usize),
    /// Row by row, by a Wave column; a blank cell by the file's name, when it names one.
    Column(Option<usize>),
    /// Before and after in one row: the first wave and the second.
    BeforeAfter,
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
    let mut roles: Vec<Option<Vec<Role>>> = sources
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
    let before_after: Vec<bool> = roles
        .iter_mut()
        .map(|r| r.as_mut().is_some_and(|r| columns::pair_before_after(r)))
        .collect();
    // Files that all hold before and after in one row, under the default waves: the waves
    // are the start and the end (of the session or programme the form asks about).
    let read = roles.iter().filter(|r| r.is_some()).count();
    let renamed;
    let def = if read > 0
        && before_after.iter().filter(|b| **b).count() == read
        && def.files.is_empty()
        && def.waves == crate::config::self_assessment::DEFAULT_WAVES
    {
        renamed = SelfAssessmentDef {
            waves: BEFORE_AFTER_WAVES.iter().map(|w| w.to_string()).collect(),
            ..def.clone()
        };
        &renamed
    } else {
        def
    };
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
            let headers: Vec<&str> = sources
                .iter()
                .zip(&roles)
                .filter_map(|(s, r)| Some((s.content.as_ref().ok()?, r.as_ref()?)))
                .flat_map(|(sheet, r)| {
                    sheet
                        .headers
                        .iter()
                        .zip(r)
                        .filter(|(_, r)| matches!(r, Role::Statement { .. }))
                        .map(|(h, _)| h.as_str())
                })
                .collect();
            match RatingScale::infer(cells, &headers, library, def.at_least.as_deref()) {
                Some(Ok(s)) => {
                    loaded.diagnostics.push(scale_note(&def.folder, &s));
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
    let days: Vec<Vec<Option<waves::Day>>> = sources
        .iter()
        .zip(&roles)
        .map(|(s, r)| match (&s.content, r) {
            (Ok(sheet), Some(r)) => waves::row_days(sheet, r),
            _ => Vec::new(),
        })
        .collect();
    let told = tell_waves(def, &sources, &roles, &before_after, &days, &mut loaded);
    let mut reader = Reader::new(def, scale, use_ids);
    for (i, (s, r)) in sources.iter().zip(&roles).enumerate() {
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
        let result = match &told[i] {
            Ok(t) => reader.read_file(&s.name, sheet, roles, t, &days[i], &mut loaded.diagnostics),
            Err(reason) => Err((reason.clone(), Check::UnknownWave)),
        };
        match result {
            Ok(rows) => {
                loaded.rows.add(rows);
                loaded.files.push(ingest::account(s, None, rows));
            }
            Err((reason, check)) => {
                loaded.diagnostics.push(
                    Diagnostic::new(Severity::Error, &s.name, reason.clone())
                        .sheet(&sheet.sheet)
                        .check(check),
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

/// Wave names when every file holds before and after in one row and the definition keeps the
/// default waves.
pub const BEFORE_AFTER_WAVES: [&str; 2] = ["start", "end"];

/// The note naming the scale the ratings were read on, and where its range came from; a
/// warning, counted, when the range is an assumption.
fn scale_note(folder: &str, s: &RatingScale) -> Diagnostic {
    if s.assumed {
        Diagnostic::new(
            Severity::Warning,
            folder,
            format!(
                "ratings read as {} ({}): assumed, so no change between waves is headlined; name the scale with `scale` under [self_assessment] and define it with [[scale]]",
                s.accepted(),
                s.evidence
            ),
        )
        .check(Check::AssumedScale)
    } else {
        Diagnostic::new(
            Severity::Note,
            folder,
            format!(
                "ratings read on the scale '{}' ({}), from {}; if that is not the scale of the form, set `scale` under [self_assessment]",
                s.points.name,
                s.accepted(),
                s.evidence
            ),
        )
    }
}

/// The wave of each file (`Err`: why it cannot be told, and what to set): the definition's
/// `files`, the file name, a Wave column, before and after in one row, else the file's own
/// dates (see `waves`).
fn tell_waves(
    def: &SelfAssessmentDef,
    sources: &[SourceFile],
    roles: &[Option<Vec<Role>>],
    before_after: &[bool],
    days: &[Vec<Option<waves::Day>>],
    loaded: &mut Loaded,
) -> Vec<Result<Told, String>> {
    let mut told: Vec<Option<Result<Told, String>>> = sources
        .iter()
        .zip(roles)
        .zip(before_after)
        .map(|((s, r), &ba)| {
            let r = r.as_ref()?;
            Some(if ba {
                if def.waves.len() < 2 {
                    Err("the file holds ratings before and after in one row, which needs two waves; list them under [self_assessment] waves".into())
                } else {
                    Ok(Told::BeforeAfter)
                }
            } else if r.contains(&Role::Wave) {
                Ok(Told::Column(file_wave(def, &s.name).ok().flatten()))
            } else {
                match file_wave(def, &s.name) {
                    Err(e) => Err(e),
                    Ok(Some(w)) => Ok(Told::Wave(w)),
                    Ok(None) => return None,
                }
            })
        })
        .collect();
    // The rest, by their dates, onto the waves no file claims.
    let claimed: BTreeSet<usize> = told
        .iter()
        .flatten()
        .flat_map(|t| match t {
            Ok(Told::Wave(w)) => vec![*w],
            Ok(Told::BeforeAfter) => vec![0, 1],
            _ => Vec::new(),
        })
        .collect();
    let mut dated = Vec::new();
    for (i, t) in told.iter_mut().enumerate() {
        if t.is_some() || roles[i].is_none() {
            continue;
        }
        let seen: Vec<waves::Day> = days[i].iter().flatten().copied().collect();
        match (seen.iter().min(), seen.iter().max()) {
            (Some(&first), Some(&last)) => dated.push(waves::Dated {
                file: i,
                first,
                last,
            }),
            _ => {
                *t = Some(Err(format!(
                    "cannot tell which wave this file belongs to ({}): its name does not say, it has no Wave column and no column dating its responses; put the wave in the file name, add a Wave column, or set the file's wave under [self_assessment] files",
                    def.waves.join(", ")
                )))
            }
        }
    }
    if !dated.is_empty() {
        // The dates of the waves file names claim, to place the other files beside them.
        let anchors: Vec<waves::Anchor> = told
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match t {
                Some(Ok(Told::Wave(w))) => {
                    let seen = days[i].iter().flatten();
                    Some(waves::Anchor {
                        wave: *w,
                        first: *seen.clone().min()?,
                        last: *seen.max()?,
                    })
                }
                _ => None,
            })
            .collect();
        match waves::by_dates(&dated, &anchors, &claimed, def.waves.len()) {
            Ok(assigned) => {
                for (f, w) in assigned {
                    told[f] = Some(Ok(Told::Wave(w)));
                    let d = dated.iter().find(|d| d.file == f).expect("dated file");
                    loaded.diagnostics.push(
                        Diagnostic::new(
                            Severity::Note,
                            &sources[f].name,
                            format!(
                                "read as the {} wave from its own dates ({}); if that is wrong, set the file's wave under [self_assessment] files",
                                def.waves[w],
                                waves::span_words(d.first, d.last)
                            ),
                        ),
                    );
                }
            }
            Err(why) => {
                for d in &dated {
                    told[d.file] = Some(Err(format!(
                        "cannot tell which wave this file belongs to ({}): {why}; list the waves under [self_assessment] waves, or set each file's wave under [self_assessment] files",
                        def.waves.join(", ")
                    )));
                }
            }
        }
    }
    told.into_iter()
        .map(|t| t.unwrap_or_else(|| Err("the file could not be read".into())))
        .collect()
}

/// The wave of a whole file: from the definition's `files`, else from its name.
fn file_wave(def: &SelfAssessmentDef, file: &str) -> Result<Option<usize>, String> {
    let named = |text: &str| {
        let key = label_key(text);
        def.waves.iter().position(|w| label_key(w) == key)
    };
    let base = file.rsplit('/').next().unwrap_or(file);
    if let Some((_, w)) = def
        .files
        .iter()
        .find(|(f, _)| label_key(f) == label_key(base))
    {
        return Ok(named(w));
    }
    let name = label_key(base);
    let found: Vec<usize> = (0..def.waves.len())
        .filter(|&i| name.contains(&label_key(&def.waves[i])))
        .collect();
    match found.len() {
        0 => Ok(None),
        1 => Ok(Some(found[0])),
        _ => Err(format!(
            "the file name names more than one wave ({}); set the file's wave under [self_assessment] files",
            found
                .iter()
                .map(|&i| def.waves[i].clone())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
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
    /// Per wave: the first and last day of its responses, where the files date them.
    wave_days: Vec<Option<(waves::Day, waves::Day)>>,
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
            wave_days: vec![None; def.waves.len()],
            keyed_by: BTreeSet::new(),
            use_ids,
        }
    }

    fn wave_named(&self, text: &str) -> Option<usize> {
        let key = label_key(text);
        self.def.waves.iter().position(|w| label_key(w) == key)
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

    /// Reads one file whose wave is told by `told`; `days`: each row's date, if the file has
    /// one. `Err` (the file is not used, with the reason and its check) when most of its rows
    /// hold no rating on the scale: such a file gives no figure rather than a wrong one.
    fn read_file(
        &mut self,
        file: &str,
        sheet: &SheetData,
        roles: &[Role],
        told: &Told,
        days: &[Option<waves::Day>],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<RowAccount, (String, Check)> {
        let at = |want: &Role| roles.iter().position(|r| r == want);
        let wave_column = matches!(told, Told::Column(_))
            .then(|| at(&Role::Wave))
            .flatten();
        let (id, name, first, last) = (
            at(&Role::MemberId),
            at(&Role::Name),
            at(&Role::FirstName),
            at(&Role::Surname),
        );
        let by_name = name.is_some() || (first.is_some() && last.is_some());
        // Before and after in one row are the same member's by construction.
        let names_members =
            *told == Told::BeforeAfter || if self.use_ids { id.is_some() } else { by_name };
        // The wave of a column when it is not the row's: before and after in one row.
        let column_wave = |at: Option<At>| match (told, at) {
            (Told::BeforeAfter, Some(At::Before)) => Some(0),
            // A statement asked once in a before-and-after form is asked at the end.
            (Told::BeforeAfter, _) => Some(1),
            _ => None,
        };
        // Each statement column's cells, rated once: by row position. Columns that mostly
        // hold no rating are left out with a note.
        let mut rated_in: Vec<Option<Vec<Rated>>> = vec![None; roles.len()];
        let mut tried: Vec<String> = Vec::new();
        for (c, role) in roles.iter().enumerate() {
            if !matches!(role, Role::Statement { .. }) {
                continue;
            }
            tried.push(sheet.column_name(c));
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
            rated_in[c] = Some(rated);
        }
        // A file most of whose filled rows hold no rating is not read at all.
        let filled_rows: Vec<usize> = (0..sheet.rows.len())
            .filter(|&r| !sheet.rows[r].cells.iter().all(Cell::is_blank))
            .collect();
        let rating_rows = filled_rows
            .iter()
            .filter(|&&r| {
                rated_in
                    .iter()
                    .flatten()
                    .any(|col| matches!(col[r], Rated::Score(_) | Rated::NotRated))
            })
            .count();
        if !filled_rows.is_empty() && rating_rows * 2 < filled_rows.len() {
            return Err((
                format!(
                    "not read: {rating_rows} of its {} filled rows hold a rating on the scale ({}). Columns tried as statements: {}. Ratings are expected one member per row, one statement per column; if the file uses another scale, name it with `scale` under [self_assessment]",
                    filled_rows.len(),
                    self.scale.accepted(),
                    if tried.is_empty() { "none".to_string() } else { tried.join(", ") }
                ),
                Check::FileFailed,
            ));
        }
        // Statements with no theme among themed ones are named one by one (a header that
        // lost its theme); a file with no themes at all gets one note.
        let themed = roles.iter().zip(&rated_in).any(|(r, rated)| {
            rated.is_some() && matches!(r, Role::Statement { theme, .. } if theme != NO_THEME)
        });
        if !themed && rated_in.iter().any(Option::is_some) {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Note,
                    file,
                    format!(
                        "the statements carry no themes: reported together under '{NO_THEME}'. To group them, head the columns `Theme [Statement]` or list the themes under [[self_assessment.theme]]"
                    ),
                )
                .sheet(&sheet.sheet),
            );
        }
        // Statements: registered now that the file is read.
        let mut statement_of: Vec<Option<(usize, Option<usize>)>> = vec![None; roles.len()];
        for (c, role) in roles.iter().enumerate() {
            let Role::Statement {
                statement,
                theme,
                at,
            } = role
            else {
                continue;
            };
            if rated_in[c].is_none() {
                continue;
            }
            if theme == NO_THEME && *at != Some(At::After) && themed {
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
            statement_of[c] = Some((index, column_wave(*at)));
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
            // The row's wave, when its columns do not say.
            let row_wave = match told {
                Told::Wave(w) => Some(*w),
                Told::BeforeAfter => None,
                Told::Column(by_name) => match text(wave_column) {
                    Some(w) => match self.wave_named(&w) {
                        Some(i) => Some(i),
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
                    None if by_name.is_some() => *by_name,
                    None => {
                        rows.rejected += 1;
                        diagnostics.push(
                            place(Severity::Warning, "no wave in this row and none in the file name; the row is left out".into())
                                .column(sheet.column_name(wave_column.unwrap_or(0)))
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
                    let header = id.map_or("", |c| sheet.headers[c].as_str());
                    self.keyed_by
                        .insert(if header.to_lowercase().contains("mail") {
                            "e-mail"
                        } else {
                            "member id"
                        });
                    Some(names::id_key(i))
                }
                (_, Some(n)) if !self.use_ids => {
                    self.keyed_by.insert("name");
                    Some(names::key(n))
                }
                // Before and after of one row: the same member, whoever they are.
                _ if *told == Told::BeforeAfter => {
                    self.keyed_by.insert("the response holding both");
                    Some(format!("{file}\u{0}{}", raw.row))
                }
                _ => None,
            };
            // The row's ratings, by wave.
            let mut found: Vec<(usize, usize, i64)> = Vec::new();
            let mut not_rated: Vec<(usize, usize)> = Vec::new();
            for (c, st) in statement_of.iter().enumerate() {
                let Some((st, col_wave)) = *st else { continue };
                let Some(wave) = col_wave.or(row_wave) else {
                    continue;
                };
                match rated_in[c].as_ref().map_or(&Rated::Blank, |r| &r[at_row]) {
                    Rated::Score(s) => found.push((wave, st, *s)),
                    Rated::NotRated => not_rated.push((wave, st)),
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
            let who = full_name
                .clone()
                .or(member_id.clone())
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
            let row_waves: BTreeSet<usize> = found
                .iter()
                .map(|f| f.0)
                .chain(not_rated.iter().map(|n| n.0))
                .collect();
            if let Some((wave, (f, r))) = row_waves
                .iter()
                .find_map(|&w| Some((w, self.taking_part.get(&(member, w))?)))
            {
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
            for &wave in &row_waves {
                self.taking_part
                    .insert((member, wave), (file.to_string(), raw.row));
                if let Some(day) = days.get(at_row).copied().flatten() {
                    let span = &mut self.wave_days[wave];
                    *span = Some(span.map_or((day, day), |(a, b)| (a.min(day), b.max(day))));
                }
                let slot = &mut self.wave_files[wave];
                if !slot.0.iter().any(|f| f == file) {
                    slot.0.push(file.to_string());
                    slot.1 &= names_members;
                }
            }
            for (wave, statement, score) in found {
                self.ratings.push(Rating {
                    wave,
                    member,
                    statement,
                    score,
                });
            }
            for key in not_rated {
                *self.not_rated.entry(key).or_default() += 1;
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
                when: self.wave_days[i]
                    .map(|(a, b)| waves::span_words(a, b))
                    .unwrap_or_default(),
            })
            .collect();
        // A later wave whose responses all came before an earlier one's (files named the
        // other way round, or a definition's waves out of order) is worth a warning: the
        // change would be read backwards.
        for i in 1..waves.len() {
            if let (Some(before), Some(after)) = (self.wave_days[i - 1], self.wave_days[i]) {
                if after.1 < before.0 {
                    diagnostics.push(
                        Diagnostic::new(
                            Severity::Warning,
                            &self.wave_files[i].0.join(", "),
                            format!(
                                "the {} was completed ({}) before the {} ({}): check which file is which wave, or the order of the waves under [self_assessment]",
                                waves[i].name, waves[i].when, waves[i - 1].name, waves[i - 1].when
                            ),
                        )
                        .check(Check::UnknownWave),
                    );
                }
            }
        }
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
            scale_assumed: self.scale.assumed,
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
