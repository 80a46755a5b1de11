//! Wide sheets to one tidy long frame: one row per respondent x question answered. Resolves
//! the survey (which questions, which scale each uses) from the headers and answers of all
//! files together, then turns every file's rows into tidy rows in parallel. Every input row
//! ends up used or rejected with a reason; every answer that fits no option is reported.

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
use std::collections::{BTreeMap, HashMap};
use tidy::TidyColumns;

/// Rows handed to one parallel task when building the tidy table.
const ROWS_PER_TASK: usize = 4096;

/// Everything the later stages need from the input.
pub struct Normalised {
    pub survey: Survey,
    /// The tidy long table (columns in [`crate::model::col`]).
    pub tidy: DataFrame,
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
    let work = runs_of_rows(sources, &columns);
    let tallied: Vec<(usize, Vec<AnswerTally>)> = work
        .par_iter()
        .map(|&(i, _, rows, cols)| (i, infer::tally_columns(rows, cols)))
        .collect();
    let mut tallies: Vec<Vec<AnswerTally>> = columns
        .iter()
        .map(|c| vec![AnswerTally::default(); c.len()])
        .collect();
    for (i, part) in tallied {
        for (whole, p) in tallies[i].iter_mut().zip(&part) {
            whole.merge(p);
        }
    }
    infer::definition(sources, &columns, &tallies, given, &library, &matcher)
}

/// The tidy table and its accounts, from the files and the survey definition.
pub fn normalise(sources: &[SourceFile], definition: &Loaded) -> Result<Normalised> {
    let resolved = resolve::resolve(definition, sources)?;
    let survey = resolved.survey;
    let matcher = Matcher::new(&survey.scales);
    let work = runs_of_rows(sources, &resolved.layouts);

    let built: Vec<(usize, PolarsResult<tidy::SheetTidy>)> = work
        .par_iter()
        .map(|&(i, sheet, rows, layout)| {
            let name = &sources[i].name;
            (i, tidy::build(name, sheet, rows, layout, &survey, &matcher))
        })
        .collect();
    let mut per_file: Vec<Option<tidy::SheetTidy>> = sources.iter().map(|_| None).collect();
    for (i, part) in built {
        let part = part.map_err(Error::table("tidy responses"))?;
        match &mut per_file[i] {
            Some(whole) => whole.absorb(part),
            slot => *slot = Some(part),
        }
    }

    let mut frames = Vec::with_capacity(sources.len());
    let mut files = Vec::with_capacity(sources.len());
    let mut rows = RowAccount::default();
    let mut failures = Vec::new();
    let mut diagnostics = resolved.warnings;
    let mut unmatched = Vec::new();
    let mut sessions: BTreeMap<String, u64> = BTreeMap::new();
    let mut tallied: BTreeMap<String, u64> = BTreeMap::new();
    let mut coverage = vec![(0u64, 0u64); survey.questions.len()];
    // Every response's (session, id) of the batch, with where it was first seen.
    let mut ids: FxHashMap<(String, String), (&str, usize)> = FxHashMap::default();
    let mut digests: HashMap<&str, &str> = HashMap::new();
    for (n, (source, result)) in sources.iter().zip(per_file).enumerate() {
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
        let failed_here = resolved.failed[n].as_ref();
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
            frames.extend(t.frames);
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
            let sheet = source
                .content
                .as_ref()
                .map(|s| s.sheet.as_str())
                .unwrap_or_default();
            diagnostics.extend(duplicates(
                &source.name,
                sheet,
                t.ids,
                t.signatures,
                &mut ids,
            ));
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
    where_read(&mut survey, sources, &resolved.layouts);
    drop_empty_written_in(
        &mut survey,
        &mut coverage,
        definition.definition.questions.len(),
    );
    let tidy = stack(frames).map_err(Error::table("tidy responses"))?;
    Ok(Normalised {
        survey,
        tidy,
        sessions,
        tallied,
        coverage,
        files,
        rows,
        diagnostics: failures,
        unmatched,
    })
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

/// A question is flagged when fewer than this share of the respondents asked it answered.
const LOW_RESPONSE: f64 = 0.5;

/// Same respondent id twice in a session (across files, in input order), and rows identical
/// in every cell within one file.
fn duplicates<'a>(
    file: &'a str,
    sheet: &str,
    file_ids: Vec<(String, String, usize)>,
    signatures: Vec<(String, usize)>,
    ids: &mut FxHashMap<(String, String), (&'a str, usize)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (session, id, row) in file_ids {
        let key = (session, id);
        if let Some((f, r)) = ids.get(&key) {
            out.push(
                // The id itself identifies a person: the message names rows, never the id.
                Diagnostic::new(Severity::Warning, file, format!(
                    "the respondent id of this row appears twice in session '{}' (also {f} row {r}): a duplicate response? Both are counted",
                    key.0
                ))
                .sheet(sheet)
                .row(row)
                .check(Check::DuplicateRespondent),
            );
        } else {
            ids.insert(key, (file, row));
        }
    }
    let mut seen: FxHashMap<String, usize> = FxHashMap::default();
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
            Diagnostic::new(Severity::Warning, "(all files)", format!(
                "answered by {answered} of {asked} respondents asked it (under half): read its results with care"
            ))
            .column(q.label.clone())
            .check(Check::LowResponse)
        })
        .collect()
}

/// The data rows of every readable file in runs of at most [`ROWS_PER_TASK`], tagged with the
/// file's index and its plan (layout or columns): the units of parallel work, so one large
/// file keeps every core busy too.
fn runs_of_rows<'a, P: Plan>(
    sources: &'a [SourceFile],
    plans: &'a [P],
) -> Vec<(usize, &'a SheetData, &'a [RawRow], &'a P::Of)> {
    sources
        .iter()
        .zip(plans)
        .enumerate()
        .filter_map(|(i, (f, plan))| Some((i, f.content.as_ref().ok()?, plan.get()?)))
        .flat_map(|(i, sheet, plan)| {
            let runs: Vec<&[RawRow]> = if sheet.rows.is_empty() {
                vec![&sheet.rows[..]]
            } else {
                sheet.rows.chunks(ROWS_PER_TASK).collect()
            };
            runs.into_iter().map(move |rows| (i, sheet, rows, plan))
        })
        .collect()
}

/// What each file is processed with: its layout (normalising) or its question columns
/// (inferring).
trait Plan: Sync {
    type Of: ?Sized + Sync;
    fn get(&self) -> Option<&Self::Of>;
}

impl Plan for Option<Layout> {
    type Of = Layout;
    fn get(&self) -> Option<&Layout> {
        self.as_ref()
    }
}

impl Plan for Vec<usize> {
    type Of = [usize];
    fn get(&self) -> Option<&[usize]> {
        Some(self)
    }
}

/// The files' tidy frames one under the other, in input order. Not copied into one
/// contiguous frame: every reader goes chunk by chunk, and the copy doubled the peak memory
/// of a large workbook.
fn stack(frames: Vec<DataFrame>) -> PolarsResult<DataFrame> {
    let mut frames = frames.into_iter();
    let Some(mut all) = frames.next() else {
        return TidyColumns::with_capacity(0).into_frame();
    };
    for frame in frames {
        all.vstack_mut_owned(frame)?;
    }
    Ok(all)
}
