//! Wide sheets to tidy long rows: one row per respondent x question answered. Resolves the
//! survey (which questions, which scale each uses) from the headers and answers of all files
//! together, then turns every file's rows into tidy rows in parallel, a wave of runs of rows at
//! a time, handing each wave on as it is made ([`normalise`]): the tidy table is never held
//! whole, and a CSV file read in parts is read again run by run. Every input row ends up used
//! or rejected with a reason; every answer that fits no option is reported.

mod columns;
mod identify;
mod infer;
mod layout;
mod matcher;
mod ordinal;
mod packed;
mod resolve;
mod session_name;
mod tidy;

pub use infer::{end_label, standard as standard_range, stated_range, Inferred};
pub use session_name::session_from_file;
pub use tidy::fingerprint;

use crate::config::{Definition, Loaded};
use crate::error::{Error, Result};
use crate::ingest::{RawRow, SheetData, SourceFile};
use crate::model::{
    Check, Diagnostic, FileAccount, FileStatus, RowAccount, Scale, Severity, Survey,
    UnmatchedAnswer,
};
use infer::AnswerTally;
use layout::Layout;
use matcher::Matcher;
use polars::prelude::{DataFrame, PolarsResult};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tidy::TidyColumns;

/// Rows handed to one parallel task when building the tidy table.
const ROWS_PER_TASK: usize = 4096;

/// Everything the later stages need from the input.
pub struct Normalised {
    pub survey: Survey,
    /// Sessions with at least one used row, sorted by name, with their used rows.
    pub sessions: BTreeMap<String, u64>,
    /// Answers counted from tally sheets, per session.
    pub tallied: BTreeMap<String, u64>,
    /// Per question (survey order): rows answering it, and used rows of the sheets asking it.
    pub coverage: Vec<(u64, u64)>,
    /// One account per input file, in input order.
    pub files: Vec<FileAccount>,
    /// Totals over all files.
    pub rows: RowAccount,
    /// Failed files first, then per file in input order, by row.
    pub diagnostics: Vec<Diagnostic>,
    pub unmatched: Vec<UnmatchedAnswer>,
}

/// A survey definition inferred from the files (for `evalboard init`, or a run without one).
/// What `given` (the analyst's definition, perhaps partial) says is taken as given: its scales
/// join the library answers are matched against, and the columns its questions or metadata
/// lists claim are left to it.
pub fn infer(sources: &[SourceFile], given: &Definition) -> Inferred {
    let library: Vec<Scale> = given.scale_library().into_iter().map(|(s, _)| s).collect();
    let matcher = Matcher::new(&library);
    let columns: Vec<Vec<usize>> = sources
        .par_iter()
        .map(|f| {
            f.content
                .as_ref()
                .map(|sheet| infer::question_columns(sheet, given))
                .unwrap_or_default()
        })
        .collect();
    let mut tallies: Vec<Vec<AnswerTally>> = columns
        .iter()
        .map(|c| vec![AnswerTally::default(); c.len()])
        .collect();
    // A file that cannot be read again fails when it is normalised; inference goes on with
    // what was read.
    let _ = in_waves(sources, &columns, wave_size(), |wave| {
        let tallied: Vec<(usize, Vec<AnswerTally>)> = wave
            .par_iter()
            .map(|(i, _, rows, cols)| (*i, infer::tally_columns(rows, cols)))
            .collect();
        for (i, part) in tallied {
            for (whole, p) in tallies[i].iter_mut().zip(&part) {
                whole.merge(p);
            }
        }
        Ok(())
    });
    infer::definition(sources, &columns, &tallies, given, &library, &matcher)
}

/// The survey resolved from the definition and the files, and how each file's rows become
/// tidy rows: what [`normalise`] follows.
pub struct Plan {
    pub survey: Survey,
    /// One per source; `None` for a file that could not be read or failed.
    layouts: Vec<Option<Layout>>,
    /// One per source: why a file that was read cannot be used.
    failed: Vec<Option<String>>,
    warnings: Vec<Diagnostic>,
}

/// Applies the definition to the files: the survey and each file's layout.
pub fn plan(sources: &[SourceFile], definition: &Loaded) -> Result<Plan> {
    let resolved = resolve::resolve(definition, sources)?;
    Ok(Plan {
        survey: resolved.survey,
        layouts: resolved.layouts,
        failed: resolved.failed,
        warnings: resolved.warnings,
    })
}

impl Plan {
    /// What resolving found to say: columns the definition does not mention, option columns
    /// it does not list.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The sessions the tidy rows will name, before any is built (so that the names
    /// published for them are settled before the first row is handed on).
    pub fn sessions(&self, sources: &[SourceFile]) -> Result<BTreeSet<String>> {
        let matcher = Matcher::new(&self.survey.scales);
        let mut out = BTreeSet::new();
        in_waves(sources, &self.layouts, wave_size(), |wave| {
            let found: Vec<PolarsResult<BTreeSet<String>>> = wave
                .par_iter()
                .map(|(i, sheet, rows, layout)| {
                    let name = &sources[*i].name;
                    tidy::sessions(name, sheet, rows, layout, &self.survey, &matcher)
                })
                .collect();
            for f in found {
                out.extend(f.map_err(Error::table("sessions"))?);
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// Rows built at a time, per thread: the tidy rows of one wave are handed on, in input order,
/// before the next wave is built, so the rows held at once do not grow with the input (two
/// full runs a thread: about 100,000 tidy rows on 2 cores). Runs of small files are gathered
/// up to as many rows, so a batch of small files is not built a few files at a time.
const ROWS_PER_THREAD: usize = 2 * ROWS_PER_TASK;

/// The tidy rows of the files, and their accounts. The tidy rows are not kept: each run of
/// rows (up to [`ROWS_PER_TASK`] rows of one sheet) is built, the tidy rows of a wave of runs
/// are given to `each` in groups (a run's, or those of consecutive small runs together) on
/// whichever core is free, and what `each` returns is given to `then` in input order (file by
/// file, row by row). A group never splits a run, so a respondent's row is in one group.
pub fn normalise<P: Send>(
    sources: &[SourceFile],
    plan: Plan,
    definition: &Loaded,
    each: impl Fn(DataFrame) -> Result<P> + Sync,
    mut then: impl FnMut(P) -> Result<()>,
) -> Result<Normalised> {
    let Plan {
        survey,
        layouts,
        failed,
        warnings,
    } = plan;
    let matcher = Matcher::new(&survey.scales);

    let mut per_file: Vec<Option<tidy::SheetTidy>> = sources.iter().map(|_| None).collect();
    // Every response's (session, id) of the batch, with where it was first seen; rows
    // identical in every cell within the file being read.
    let mut ids: FxHashMap<u128, (usize, usize)> = FxHashMap::default();
    let mut rows_seen: (usize, FxHashMap<u128, usize>) = (usize::MAX, FxHashMap::default());
    // Per file: the respondent ids met twice, then the rows met twice.
    let mut twice: Vec<(Vec<Diagnostic>, Vec<Diagnostic>)> =
        sources.iter().map(|_| Default::default()).collect();
    in_waves(sources, &layouts, wave_size(), |wave| {
        let built: Vec<(usize, PolarsResult<tidy::SheetTidy>)> = wave
            .par_iter()
            .map(|(i, sheet, rows, layout)| {
                let name = &sources[*i].name;
                (
                    *i,
                    tidy::build(name, sheet, rows, layout, &survey, &matcher),
                )
            })
            .collect();
        let mut frames = Vec::new();
        for (i, part) in built {
            let mut part = part.map_err(Error::table("tidy responses"))?;
            frames.append(&mut part.frames);
            let source = &sources[i];
            let sheet = source
                .content
                .as_ref()
                .map(|s| s.sheet.as_str())
                .unwrap_or_default();
            if rows_seen.0 != i {
                rows_seen = (i, FxHashMap::default());
            }
            let (same_id, same_row) = &mut twice[i];
            same_id.extend(repeated_ids(
                sources,
                i,
                sheet,
                std::mem::take(&mut part.ids),
                &mut ids,
            ));
            same_row.extend(repeated_rows(
                &source.name,
                sheet,
                std::mem::take(&mut part.signatures),
                &mut rows_seen.1,
            ));
            match &mut per_file[i] {
                Some(whole) => whole.absorb(part),
                slot => *slot = Some(part),
            }
        }
        // The wave's tidy rows handed on side by side, in groups of whole frames: the frames
        // of small files gathered, so that each group is worth handing on.
        let groups = in_groups(frames).map_err(Error::table("tidy responses"))?;
        let handed: Vec<Result<P>> = groups.into_par_iter().map(&each).collect();
        for p in handed {
            then(p?)?;
        }
        Ok(())
    })?;
    drop(rows_seen);

    let mut files = Vec::with_capacity(sources.len());
    let mut rows = RowAccount::default();
    let mut failures = Vec::new();
    let mut diagnostics = warnings;
    let mut unmatched = Vec::new();
    let mut sessions: BTreeMap<String, u64> = BTreeMap::new();
    let mut tallied: BTreeMap<String, u64> = BTreeMap::new();
    let mut coverage = vec![(0u64, 0u64); survey.questions.len()];
    let mut digests: HashMap<&str, &str> = HashMap::new();
    for (n, ((source, result), (same_id, same_row))) in
        sources.iter().zip(per_file).zip(twice).enumerate()
    {
        diagnostics.extend(source.notes.iter().cloned());
        if source.content.is_ok() {
            if let Some(first) = digests.insert(&source.sha256, &source.name) {
                diagnostics.push(
                    Diagnostic::new(Severity::Warning, &source.name, format!("same content as {first}: its responses are counted twice; remove one of the files"))
                        .check(Check::DuplicateFile),
                );
                digests.insert(&source.sha256, first);
            }
        }
        let failed_here = failed[n].as_ref();
        let (status, sheet, header_row) = match &source.content {
            Ok(s) if failed_here.is_some() => {
                let why = failed_here.cloned().unwrap_or_default();
                failures.push(
                    Diagnostic::new(Severity::Error, &source.name, why.clone())
                        .sheet(&s.sheet)
                        .check(Check::FileFailed),
                );
                (
                    FileStatus::Failed(why),
                    Some(s.sheet.clone()),
                    Some(s.header_row),
                )
            }
            Ok(s) => (FileStatus::Read, Some(s.sheet.clone()), Some(s.header_row)),
            Err(e) => {
                let mut d = Diagnostic::new(Severity::Error, &source.name, e.to_string())
                    .check(Check::FileFailed);
                d.sheet = e.sheet().map(str::to_string);
                d.row = e.row().map(|r| r as usize);
                failures.push(d);
                (FileStatus::Failed(e.to_string()), None, None)
            }
        };
        let mut account = RowAccount::default();
        if let Some(t) = result {
            account = t.rows;
            diagnostics.extend(t.diagnostics);
            unmatched.extend(t.unmatched);
            for (s, n) in t.sessions {
                *sessions.entry(s).or_default() += n;
            }
            for (s, n) in t.tallied {
                *tallied.entry(s).or_default() += n;
            }
            for (q, (a, o)) in t.coverage {
                coverage[q].0 += a;
                coverage[q].1 += o;
            }
            diagnostics.extend(same_id);
            diagnostics.extend(same_row);
        }
        if source.content.is_ok() && failed_here.is_none() && account.used == 0 {
            diagnostics.push(
                Diagnostic::new(Severity::Warning, &source.name, format!(
                    "the file was read but holds no response ({} rows read, {} rejected): check it is the export of responses",
                    account.read, account.rejected
                ))
                .check(Check::NoResponses),
            );
        }
        rows.add(account);
        files.push(FileAccount {
            file: source.name.clone(),
            sha256: source.sha256.clone(),
            bytes: source.bytes,
            status,
            sheet,
            header_row,
            rows: account,
        });
    }
    diagnostics.extend(low_response(&survey, &coverage));
    failures.extend(diagnostics);
    let mut survey = survey;
    where_read(&mut survey, sources, &layouts);
    drop_empty_written_in(
        &mut survey,
        &mut coverage,
        definition.definition.questions.len(),
    );
    Ok(Normalised {
        survey,
        sessions,
        tallied,
        coverage,
        files,
        rows,
        diagnostics: failures,
        unmatched,
    })
}

/// The tidy table of the files as one frame, with its accounts: [`normalise`] keeping every
/// row (for the fuzz harness and tests; a run never holds the table whole).
pub fn normalise_whole(
    sources: &[SourceFile],
    definition: &Loaded,
) -> Result<(Normalised, DataFrame)> {
    let plan = plan(sources, definition)?;
    let mut frames = Vec::new();
    let norm = normalise(sources, plan, definition, Ok, |f| {
        frames.push(f);
        Ok(())
    })?;
    let tidy = stack(frames).map_err(Error::table("tidy responses"))?;
    Ok((norm, tidy))
}

/// Each question's column letters in the first file that asks it.
fn where_read(survey: &mut Survey, sources: &[SourceFile], layouts: &[Option<Layout>]) {
    let mut first_file: Vec<Option<usize>> = vec![None; survey.questions.len()];
    for (n, (source, layout)) in sources.iter().zip(layouts).enumerate() {
        let (Ok(sheet), Some(layout)) = (&source.content, layout) else {
            continue;
        };
        for (i, role) in layout.roles.iter().enumerate() {
            let columns::Role::Question { index, .. } = role else {
                continue;
            };
            if *first_file[*index].get_or_insert(n) == n {
                survey.questions[*index]
                    .columns
                    .push(crate::model::column_letter(sheet.first_column + i));
            }
        }
    }
}

/// The `(other)` questions added for written-in answers that nobody wrote: left out, and the
/// questions listing theirs renumbered. Questions of the definition (`defined` of them, the
/// first in the survey) stay.
fn drop_empty_written_in(survey: &mut Survey, coverage: &mut Vec<(u64, u64)>, defined: usize) {
    let keep: Vec<bool> = (0..survey.questions.len())
        .map(|i| i < defined || coverage[i].0 > 0)
        .collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut new_index = vec![None; keep.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    let mut i = 0;
    survey.questions.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    let mut i = 0;
    coverage.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    for q in &mut survey.questions {
        q.written_in = q.written_in.and_then(|w| new_index[w]);
    }
}

/// The place of a finding about the files together.
pub const ALL_FILES: &str = "(all files)";

/// A question is flagged when fewer than this share of the respondents asked it answered.
const LOW_RESPONSE: f64 = 0.5;

/// Responses with the same respondent id in one session (across files, in input order):
/// `found` are (session, fingerprint of session and id, row) of file `file` of `sources`.
fn repeated_ids(
    sources: &[SourceFile],
    file: usize,
    sheet: &str,
    found: Vec<(std::sync::Arc<str>, u128, usize)>,
    ids: &mut FxHashMap<u128, (usize, usize)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (session, key, row) in found {
        match ids.get(&key) {
            Some(&(f, r)) => out.push(
                // The id itself identifies a person: the message names rows, never the id.
                Diagnostic::new(Severity::Warning, &sources[file].name, format!(
                    "the respondent id of this row appears twice in session '{session}' (also {} row {r}): a duplicate response? Both are counted",
                    sources[f].name
                ))
                .sheet(sheet)
                .row(row)
                .check(Check::DuplicateRespondent),
            ),
            None => {
                ids.insert(key, (file, row));
            }
        }
    }
    out
}

/// Rows identical in every cell within one file: `signatures` are (fingerprint of the cells,
/// row); `seen` holds the file's rows met so far.
fn repeated_rows(
    file: &str,
    sheet: &str,
    signatures: Vec<(u128, usize)>,
    seen: &mut FxHashMap<u128, usize>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (signature, row) in signatures {
        match seen.get(&signature) {
            Some(first) => out.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    format!(
                    "row identical in every cell to row {first}: entered twice? Both are counted"
                ),
                )
                .sheet(sheet)
                .row(row)
                .check(Check::IdenticalRows),
            ),
            None => {
                seen.insert(signature, row);
            }
        }
    }
    out
}

/// Closed questions answered by fewer than half of the respondents of the sheets that ask
/// them. Open questions are optional by nature and are not flagged.
fn low_response(survey: &Survey, coverage: &[(u64, u64)]) -> Vec<Diagnostic> {
    survey
        .questions
        .iter()
        .zip(coverage)
        .filter(|(q, _)| q.kind != crate::model::QuestionKind::FreeText)
        .filter(|(_, (answered, asked))| *asked > 0 && (*answered as f64) < LOW_RESPONSE * *asked as f64)
        .map(|(q, (answered, asked))| {
            Diagnostic::new(Severity::Warning, ALL_FILES, format!(
                "answered by {answered} of {asked} respondents asked it (under half): read its results with care"
            ))
            .column(q.label.clone())
            .check(Check::LowResponse)
        })
        .collect()
}

/// Rows of a run: borrowed from a sheet held whole, or read from a file read in parts.
enum Rows<'a> {
    Held(&'a [RawRow]),
    Read(Vec<RawRow>),
}

impl std::ops::Deref for Rows<'_> {
    type Target = [RawRow];
    fn deref(&self) -> &[RawRow] {
        match self {
            Rows::Held(rows) => rows,
            Rows::Read(rows) => rows,
        }
    }
}

/// A run of rows, with its file's index, sheet and plan.
type Run<'a, T> = (usize, &'a SheetData, Rows<'a>, &'a T);

/// Rows handed on together: [`ROWS_PER_THREAD`] a thread.
fn wave_size() -> usize {
    ROWS_PER_THREAD * rayon::current_num_threads()
}

/// The data rows of every readable file in runs of at most [`ROWS_PER_TASK`], tagged with the
/// file's index and its plan (layout or columns), handed to `wave` in input order as soon as
/// the runs gathered hold `per_wave` rows: the units of parallel work, so one large file
/// keeps every core busy too.
/// A file read in parts is read as its runs are needed; a file without rows is one empty run.
fn in_waves<'a, P: WorkOf>(
    sources: &'a [SourceFile],
    plans: &'a [P],
    per_wave: usize,
    mut wave: impl FnMut(Vec<Run<'a, P::Of>>) -> Result<()>,
) -> Result<()> {
    let mut pending: Vec<Run<'a, P::Of>> = Vec::new();
    let mut rows = 0;
    let mut add = |run: Run<'a, P::Of>, pending: &mut Vec<Run<'a, P::Of>>| -> Result<()> {
        rows += run.2.len();
        pending.push(run);
        if rows >= per_wave {
            rows = 0;
            wave(std::mem::take(pending))?;
        }
        Ok(())
    };
    for (i, (f, plan)) in sources.iter().zip(plans).enumerate() {
        let (Ok(sheet), Some(plan)) = (&f.content, plan.get()) else {
            continue;
        };
        match &f.stream {
            None if sheet.rows.is_empty() => add((i, sheet, Rows::Held(&[]), plan), &mut pending)?,
            None => {
                for rows in sheet.rows.chunks(ROWS_PER_TASK) {
                    add((i, sheet, Rows::Held(rows), plan), &mut pending)?;
                }
            }
            // The file is read on a thread of its own, a wave ahead of the runs being built.
            Some(stream) => std::thread::scope(|scope| -> Result<()> {
                let ahead = per_wave.div_ceil(ROWS_PER_TASK);
                let (to_runs, read) = std::sync::mpsc::sync_channel(ahead);
                scope.spawn(move || {
                    for run in stream.runs(ROWS_PER_TASK) {
                        if to_runs.send(run).is_err() {
                            break;
                        }
                    }
                });
                let mut any = false;
                for rows in read {
                    let rows = rows.map_err(|source| Error::File {
                        file: f.name.clone(),
                        source,
                    })?;
                    any = true;
                    add((i, sheet, Rows::Read(rows), plan), &mut pending)?;
                }
                if !any {
                    add((i, sheet, Rows::Read(Vec::new()), plan), &mut pending)?;
                }
                Ok(())
            })?,
        }
    }
    if !pending.is_empty() {
        wave(pending)?;
    }
    Ok(())
}

/// What each file is processed with: its layout (normalising) or its question columns
/// (inferring).
trait WorkOf: Sync {
    type Of: ?Sized + Sync;
    fn get(&self) -> Option<&Self::Of>;
}

impl WorkOf for Option<Layout> {
    type Of = Layout;
    fn get(&self) -> Option<&Layout> {
        self.as_ref()
    }
}

impl WorkOf for Vec<usize> {
    type Of = [usize];
    fn get(&self) -> Option<&[usize]> {
        Some(self)
    }
}

/// Tidy rows handed on at least this many at a time, where frames are smaller.
const TIDY_ROWS_PER_GROUP: usize = 16_384;

/// Frames in order, the consecutive ones smaller than [`TIDY_ROWS_PER_GROUP`] rows stacked
/// until they reach it.
fn in_groups(frames: Vec<DataFrame>) -> PolarsResult<Vec<DataFrame>> {
    let mut out: Vec<DataFrame> = Vec::new();
    let mut open = false;
    for frame in frames {
        match out.last_mut() {
            Some(last) if open => {
                last.vstack_mut_owned(frame)?;
            }
            _ => out.push(frame),
        }
        open = out.last().is_some_and(|f| f.height() < TIDY_ROWS_PER_GROUP);
    }
    Ok(out)
}

/// A tidy table without rows.
pub fn empty_tidy() -> PolarsResult<DataFrame> {
    TidyColumns::with_capacity(0).into_frame()
}

/// The files' tidy frames one under the other, in input order. Not copied into one
/// contiguous frame: every reader goes chunk by chunk, and the copy doubled the peak memory
/// of a large workbook.
fn stack(frames: Vec<DataFrame>) -> PolarsResult<DataFrame> {
    let mut frames = frames.into_iter();
    let Some(mut all) = frames.next() else {
        return empty_tidy();
    };
    for frame in frames {
        all.vstack_mut_owned(frame)?;
    }
    Ok(all)
}
