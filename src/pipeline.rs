//! The only place that knows the order of the stages: find and read the files (in parallel),
//! normalise to the tidy table, aggregate, gather free text, render and write the report.

use crate::config::Config;
use crate::error::Result;
use crate::model::{builtin_scales, Diagnostic, Evaluation, Severity};
use crate::{aggregate, config, ingest, normalise, report, text};
use std::path::PathBuf;

/// Progress of a run, for a progress bar. Called from worker threads.
pub trait Progress: Sync {
    fn start(&self, files: u64);
    fn file_done(&self);
    fn finish(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: u64) {}
    fn file_done(&self) {}
    fn finish(&self) {}
}

/// What a finished run tells its caller.
#[derive(Debug)]
pub struct Outcome {
    pub report_dir: PathBuf,
    pub respondents: u64,
    pub sessions: usize,
    pub files_read: usize,
    pub files_failed: usize,
    /// Every diagnostic, failed files first.
    pub diagnostics: Vec<Diagnostic>,
    pub strict: bool,
}

impl Outcome {
    /// A run succeeds when every file was read and, under `--strict`, nothing was flagged.
    pub fn success(&self) -> bool {
        self.files_failed == 0
            && !(self.strict
                && self
                    .diagnostics
                    .iter()
                    .any(|d| d.severity <= Severity::Warning))
    }
}

pub fn run(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    let paths = ingest::discover(&config.input)?;
    progress.start(paths.len() as u64);
    let sources = ingest::read_all(&config.input, &paths, &|| progress.file_done());
    progress.finish();

    let norm = normalise::normalise(&sources, builtin_scales())?;
    drop(sources); // every cell is in the tidy table now: free the raw sheets before the report
    assert!(
        norm.rows.balances(),
        "row accounting broken: {:?} (rows read must equal rows used + rows rejected)",
        norm.rows
    );
    let sessions: Vec<String> = norm.sessions.keys().cloned().collect();
    let tables = aggregate::likert_tables(&norm.tidy, &norm.survey, &sessions)?;
    let free_text = text::answers(&norm.tidy, &norm.survey)?;

    let evaluation = Evaluation {
        name: config::folder_name(&config.input),
        survey: norm.survey,
        sessions: norm.sessions.into_iter().collect(),
        counts: tables.counts,
        summaries: tables.summaries,
        free_text,
        files: norm.files,
        rows: norm.rows,
        diagnostics: norm.diagnostics,
        unmatched: norm.unmatched,
    };
    let files = report::render(
        &evaluation,
        &norm.tidy,
        &report::Options {
            charts: config.charts,
        },
    )?;
    report::write_atomic(&config.report_dir, &files)?;

    Ok(Outcome {
        report_dir: config.report_dir.clone(),
        respondents: evaluation.respondents(),
        sessions: evaluation.sessions.len(),
        files_read: evaluation.files.len() - evaluation.failed_files(),
        files_failed: evaluation.failed_files(),
        diagnostics: evaluation.diagnostics,
        strict: config.strict,
    })
}
