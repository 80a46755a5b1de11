//! Wide sheets to one tidy long frame: one row per respondent x question answered. Resolves
//! the survey (which questions, which scale each uses) from the headers and answers of all
//! files together, then turns every file's rows into tidy rows in parallel. Every input row
//! ends up used or rejected with a reason; every answer that fits no option is reported.

mod columns;
mod infer;
mod layout;
mod matcher;
mod tidy;

pub use tidy::session_from_file;

use crate::error::{Error, Result};
use crate::ingest::{RawRow, SheetData, SourceFile};
use crate::model::{
    Diagnostic, FileAccount, FileStatus, Question, RowAccount, Scale, Severity, Survey,
    UnmatchedAnswer,
};
use infer::AnswerTally;
use layout::Layout;
use matcher::Matcher;
use polars::prelude::{DataFrame, PolarsResult};
use rayon::prelude::*;
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
    /// One account per input file, in input order.
    pub files: Vec<FileAccount>,
    /// Totals over all files.
    pub rows: RowAccount,
    /// Failed files first, then per file in input order, by row.
    pub diagnostics: Vec<Diagnostic>,
    pub unmatched: Vec<UnmatchedAnswer>,
}

pub fn normalise(sources: &[SourceFile], scales: Vec<Scale>) -> Result<Normalised> {
    let matcher = Matcher::new(&scales);
    let layouts: Vec<Option<Layout>> = sources
        .par_iter()
        .map(|f| f.content.as_ref().ok().map(Layout::of))
        .collect();
    let work = runs_of_rows(sources, &layouts);

    // Each question's answers tallied across every file, to decide its kind.
    let tallied: Vec<(usize, Vec<AnswerTally>)> = work
        .par_iter()
        .map(|&(i, _, rows, layout)| (i, layout.tally(rows, &matcher)))
        .collect();
    let mut tallies: Vec<Vec<AnswerTally>> = sources.iter().map(|_| Vec::new()).collect();
    for (i, part) in tallied {
        if tallies[i].is_empty() {
            tallies[i] = part;
        } else {
            for (whole, p) in tallies[i].iter_mut().zip(&part) {
                whole.merge(p);
            }
        }
    }
    let (survey, kind_notes) = resolve_survey(sources, &layouts, &tallies, scales);
    let index: HashMap<&str, usize> = survey
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.key.as_str(), i))
        .collect();

    let built: Vec<(usize, PolarsResult<tidy::SheetTidy>)> = work
        .par_iter()
        .map(|&(i, sheet, rows, layout)| {
            let name = &sources[i].name;
            (
                i,
                tidy::build(name, sheet, rows, layout, &survey, &index, &matcher),
            )
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
    let mut diagnostics = kind_notes;
    let mut unmatched = Vec::new();
    let mut sessions: BTreeMap<String, u64> = BTreeMap::new();
    for (source, result) in sources.iter().zip(per_file) {
        diagnostics.extend(source.notes.iter().cloned());
        let (status, sheet, header_row) = match &source.content {
            Ok(s) => (FileStatus::Read, Some(s.sheet.clone()), Some(s.header_row)),
            Err(e) => {
                let mut d = Diagnostic::new(Severity::Error, &source.name, e.to_string());
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
    failures.extend(diagnostics);
    let tidy = stack(frames).map_err(Error::table("tidy responses"))?;
    Ok(Normalised {
        survey,
        tidy,
        sessions,
        files,
        rows,
        diagnostics: failures,
        unmatched,
    })
}

/// The data rows of every readable file in runs of at most [`ROWS_PER_TASK`], tagged with the
/// file's index: the units of parallel work, so one large file keeps every core busy too.
fn runs_of_rows<'a>(
    sources: &'a [SourceFile],
    layouts: &'a [Option<Layout>],
) -> Vec<(usize, &'a SheetData, &'a [RawRow], &'a Layout)> {
    sources
        .iter()
        .zip(layouts)
        .enumerate()
        .filter_map(|(i, (f, layout))| Some((i, f.content.as_ref().ok()?, layout.as_ref()?)))
        .flat_map(|(i, sheet, layout)| {
            let runs: Vec<&[RawRow]> = if sheet.rows.is_empty() {
                vec![&sheet.rows[..]]
            } else {
                sheet.rows.chunks(ROWS_PER_TASK).collect()
            };
            runs.into_iter().map(move |rows| (i, sheet, rows, layout))
        })
        .collect()
}

/// The files' tidy frames one under the other, in input order, as one contiguous frame.
fn stack(frames: Vec<DataFrame>) -> PolarsResult<DataFrame> {
    let mut frames = frames.into_iter();
    let Some(mut all) = frames.next() else {
        return TidyColumns::with_capacity(0).into_frame();
    };
    for frame in frames {
        all.vstack_mut_owned(frame)?;
    }
    all.rechunk_mut_par();
    Ok(all)
}

/// Questions in order of first appearance (files in input order, columns left to right),
/// labelled as first seen, each given a kind from its answers in every file.
fn resolve_survey(
    sources: &[SourceFile],
    layouts: &[Option<Layout>],
    file_tallies: &[Vec<AnswerTally>],
    scales: Vec<Scale>,
) -> (Survey, Vec<Diagnostic>) {
    let mut order: Vec<(String, String, String)> = Vec::new(); // key, label, first file
    let mut tallies: HashMap<String, AnswerTally> = HashMap::new();
    for ((source, layout), file_tally) in sources.iter().zip(layouts).zip(file_tallies) {
        let Some(layout) = layout else { continue };
        for (qc, tally) in layout.questions.iter().zip(file_tally) {
            if !tallies.contains_key(&qc.key) {
                order.push((qc.key.clone(), qc.label.clone(), source.name.clone()));
            }
            tallies.entry(qc.key.clone()).or_default().merge(tally);
        }
    }
    let mut notes = Vec::new();
    let questions = order
        .into_iter()
        .map(|(key, label, first_file)| {
            let (kind, note) = infer::kind(&label, &first_file, &tallies[&key]);
            notes.extend(note);
            Question { key, label, kind }
        })
        .collect();
    (Survey { scales, questions }, notes)
}
