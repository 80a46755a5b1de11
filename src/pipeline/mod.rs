//! The only place that knows the order of the stages: find and read the files (in parallel),
//! take the survey definition (or infer one), settle the names to publish, then normalise to
//! tidy rows that are published, counted, gathered for free text and written to the Parquet
//! file a wave at a time (never held whole), analyse the free text, render and write the
//! report. Also the two steps before a run: `init` (infer and
//! write a definition) and `validate` (apply a definition without writing a report).

mod publish;

use crate::config::{definition, Config, Loaded};
use crate::error::{Error, Result};
use crate::ingest::ReadOptions;
use crate::model::Attendance;
use crate::model::{Diagnostic, Evaluation, FileAccount, FileStatus, Severity};
use crate::{
    aggregate, attendance, config, disclosure, ingest, normalise, report, self_assessment, text,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One run of tidy rows as published, with what was counted and gathered from it.
struct Published {
    /// The rows as handed off to the Parquet file.
    rows: polars::prelude::DataFrame,
    counts: aggregate::Counts,
    free_text: Vec<crate::model::FreeTextAnswer>,
    /// Free-text answers redaction changed.
    changed: u64,
}

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
    /// Answers counted from tally sheets.
    pub tallied: u64,
    pub sessions: usize,
    pub files_read: usize,
    pub files_failed: usize,
    /// Every diagnostic, failed files first.
    pub diagnostics: Vec<Diagnostic>,
    pub strict: bool,
    /// Attendance coverage in a few sentences (empty without attendance records).
    pub attendance: Vec<String>,
    /// The self-assessment in a few sentences (empty without self-assessment exports).
    pub self_assessment: Vec<String>,
    /// How long each stage took, in order.
    pub timings: Vec<Lap>,
}

/// One stage of a run: its name, wall-clock time and the peak memory of the process at its
/// end (where the system tells it).
#[derive(Debug, Clone)]
pub struct Lap {
    pub stage: &'static str,
    pub took: std::time::Duration,
    pub peak_bytes: Option<u64>,
}

/// The process's peak resident memory so far: `VmHWM` of `/proc/self/status` on Linux.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Wall-clock time of each stage of a run.
struct Stopwatch {
    last: std::time::Instant,
    laps: Vec<Lap>,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name`.
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push(Lap {
            stage: name,
            took: now - self.last,
            peak_bytes: peak_memory(),
        });
        self.last = now;
    }
}

impl Outcome {
    /// A run succeeds when every file was read (and, with attendance records, a roster was
    /// found) and, under `--strict`, nothing was flagged.
    pub fn success(&self) -> bool {
        self.files_failed == 0
            && !self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
            && !(self.strict
                && self
                    .diagnostics
                    .iter()
                    .any(|d| d.severity <= Severity::Warning))
    }
}

/// The files of a folder, read as the definition (if any) says, and the definition to use.
struct Prepared {
    sources: Vec<ingest::SourceFile>,
    definition: Loaded,
    /// Notes from inference when there was no definition file.
    notes: Vec<Diagnostic>,
}

fn read(
    input: &Path,
    progress: &dyn Progress,
) -> Result<(Vec<ingest::SourceFile>, Option<Loaded>)> {
    let definition = definition::load(input)?;
    if let Some(l) = &definition {
        named_files_exist(input, l)?;
    }
    let settings = definition
        .as_ref()
        .map_or_else(Default::default, |l| l.definition.clone());
    // A folder with attendance records or self-assessments alone is a run about those only.
    let side_folder = input.join(settings.attendance().folder).is_dir()
        || input.join(settings.self_assessment().folder).is_dir();
    let paths = match ingest::discover(input) {
        Err(Error::NoInputs(_)) if side_folder => Vec::new(),
        other => other?,
    };
    let options = definition.as_ref().map_or_else(ReadOptions::default, |l| {
        let (sheet, header_row, header_rows) = l.definition.read_settings();
        ReadOptions {
            sheet,
            header_row,
            header_rows,
            limits: l.definition.limits,
        }
    });
    progress.start(paths.len() as u64);
    let sources = ingest::read_all(input, &paths, &options, &|| progress.file_done());
    progress.finish();
    Ok((sources, definition))
}

/// Every file the definition names (a roster, self-assessment waves) must be there: a name
/// that matches nothing is a mistake in the definition, not a file to pass over.
fn named_files_exist(input: &Path, l: &Loaded) -> Result<()> {
    let d = &l.definition;
    let mut problems = Vec::new();
    if let Some(a) = &d.attendance {
        let def = a.get_ref();
        if let Some(roster) = &def.roster {
            let path = input.join(&def.folder).join(roster);
            if !path.is_file() {
                problems.push(l.error(l.line_of(a), format!("the roster '{roster}' named under [attendance] is not in the folder {}; fix `roster` or add the file", input.join(&def.folder).display())));
            }
        }
    }
    if let Some(sa) = &d.self_assessment {
        let def = sa.get_ref();
        for file in def.files.keys() {
            let path = input.join(&def.folder).join(file);
            if !path.is_file() {
                problems.push(l.error(l.line_of(sa), format!("the file '{file}' named under [self_assessment] files is not in the folder {}; fix its name or add the file", input.join(&def.folder).display())));
            }
        }
    }
    crate::error::DefinitionError::all(problems).map_err(Error::from)
}

/// Every entry of the input folder that is not read, as a skipped file with its reason and a
/// note, so that nothing in the folder passes without a word.
fn unread(input: &Path, definition: &Loaded, notes: &mut Vec<Diagnostic>) -> Vec<FileAccount> {
    let read = ingest::discover(input).unwrap_or_default();
    let d = &definition.definition;
    let folders = [d.attendance().folder, d.self_assessment().folder];
    ingest::unread_entries(input, &read, &folders)
        .into_iter()
        .map(|(name, why)| {
            notes.push(Diagnostic::new(Severity::Note, &name, why.clone()));
            FileAccount {
                file: name,
                sha256: String::new(),
                bytes: 0,
                status: FileStatus::Skipped(why),
                sheet: None,
                header_row: None,
                rows: Default::default(),
            }
        })
        .collect()
}

/// The analyst's definition completed by inference: what it names (questions, scales,
/// metadata columns) is taken as given, and the columns it leaves are inferred, as they would
/// be without it. A definition that names every column is used as it is.
fn complete(mut d: Loaded, sources: &[ingest::SourceFile]) -> (Loaded, Vec<Diagnostic>) {
    let (inferred, notes) = normalise::infer(sources, &d.definition).for_run();
    let given = &mut d.definition;
    let mut ids: std::collections::HashSet<String> = given
        .questions
        .iter()
        .map(|q| q.get_ref().id.clone())
        .collect();
    for mut q in inferred.questions {
        let def = q.get_mut();
        while !ids.insert(def.id.clone()) {
            def.id.push('_');
        }
        def.inferred = true;
        given.questions.push(q);
    }
    given.scales.extend(inferred.scales);
    let c = &mut given.columns;
    let i = inferred.columns;
    for (mine, found) in [
        (&mut c.respondent, i.respondent),
        (&mut c.session, i.session),
        (&mut c.date, i.date),
        (&mut c.role, i.role),
        (&mut c.cohort, i.cohort),
        (&mut c.ignore, i.ignore),
    ] {
        for h in found {
            if !mine.contains(&h) {
                mine.push(h);
            }
        }
    }
    (d, notes)
}

fn prepare(input: &Path, progress: &dyn Progress) -> Result<Prepared> {
    let (sources, definition) = read(input, progress)?;
    let (definition, notes) = match definition {
        Some(d) => complete(d, &sources),
        None => {
            let (d, notes) =
                normalise::infer(&sources, &definition::Definition::default()).for_run();
            let mut d = Loaded::inferred(d);
            for q in &mut d.definition.questions {
                q.get_mut().inferred = true;
            }
            (d, notes)
        }
    };
    Ok(Prepared {
        sources,
        definition,
        notes,
    })
}

pub fn run(config: &Config, progress: &dyn Progress) -> Result<Outcome> {
    report::check_destination(&config.input, &config.report_dir)?;
    let mut clock = Stopwatch::start();
    // Earlier cycles first: a report folder that cannot be compared stops the run before any
    // work is done.
    let earlier = config
        .compare
        .iter()
        .map(|dir| crate::earlier::read(dir))
        .collect::<Result<Vec<_>>>()?;
    let prepared = prepare(&config.input, progress)?;
    clock.lap("read the files");
    let plan = normalise::plan(&prepared.sources, &prepared.definition)?;
    // Findings of the steps besides the responses, listed after the responses' own.
    let mut found = prepared.notes;
    let unread = unread(&config.input, &prepared.definition, &mut found);
    let (mut attendance, roster) = attendance_of(config, &prepared.definition, &mut found)?;
    let mut self_assessment = self_assessment_of(
        &config.input,
        &prepared.definition,
        &plan.survey.scales,
        &mut found,
    )?;
    clock.lap("attendance and self-assessment");
    // Everything typed into the files is redacted before anything else sees it: the names of
    // sessions, files, sheets and questions, the tidy rows that are published, the free text,
    // the answers that fit no option, the findings that quote a cell. The names are settled
    // first, from every name the run can publish, so that each tidy row is published as it
    // is made.
    let text_def = prepared.definition.definition.text();
    let redactor = text::redactor(&text_def, &roster);
    let sessions_met = plan.sessions(&prepared.sources)?;
    let run_names = redactor.as_ref().map(|r| {
        let sources = &prepared.sources;
        let side = Side {
            unread: &unread,
            found: &found,
            attendance: attendance.as_ref(),
            self_assessment: self_assessment.as_ref(),
        };
        names_to_publish(sources, &plan, &sessions_met, &side, r)
    });
    let mut published_survey = plan.survey.clone();
    if let (Some(n), Some(r)) = (&run_names, &redactor) {
        n.survey(&mut published_survey, r);
    }
    let mut cycle = prepared
        .definition
        .definition
        .report()
        .cycle
        .clone()
        .unwrap_or_else(|| config::folder_name(&config.input));
    if let Some(r) = &redactor {
        cycle = r.redact_label(&cycle).into_owned();
    }
    let paper = prepared.definition.definition.report();
    let stamp = report::Stamp {
        cycle: &cycle,
        council: paper.council.as_deref(),
    };
    // The tidy rows, run of rows by run of rows: published (names and typed answers
    // redacted), counted, their free text gathered, and written to the Parquet file on a
    // thread of its own, then dropped.
    let counting = aggregate::Counting::new(&published_survey);
    let hand_off = report::HandOff::new(&published_survey, stamp);
    let mut counts = aggregate::Counts::default();
    let mut free_text = Vec::new();
    let mut redacted = 0u64;
    let each = |mut rows: polars::prelude::DataFrame| -> Result<Published> {
        if let Some(n) = &run_names {
            n.tidy(&mut rows).map_err(Error::table("published names"))?;
        }
        let (rows, changed) = text::redact_table(&rows, redactor.as_ref())?;
        Ok(Published {
            counts: counting.count(&rows)?,
            free_text: text::answers(&rows, &published_survey)?,
            changed,
            rows: hand_off.rows(&rows)?,
        })
    };
    // The Parquet file is written on a thread of its own, which finishes while the free text
    // is analysed.
    let (to_writer, writer) = parquet_writer(
        published_survey.clone(),
        cycle.clone(),
        paper.council.clone(),
    )?;
    let norm = normalise::normalise(
        &prepared.sources,
        plan,
        &prepared.definition,
        each,
        |p: Published| {
            counts.add(p.counts);
            free_text.extend(p.free_text);
            redacted += p.changed;
            // A writer gone has failed: its error is the one reported.
            let _ = to_writer.send(p.rows);
            Ok(())
        },
    );
    drop(to_writer);
    let mut norm = norm?;
    // Every cell is in the tidy rows now: the raw sheets are freed on a thread of their own,
    // as freeing millions of cells is work the run need not wait for.
    // (Should no thread be had, the sheets are freed here, as the closure is dropped.)
    let sources = prepared.sources;
    let freed = std::thread::Builder::new()
        .name("free sheets".into())
        .spawn(move || {
            drop(sources);
            crate::heap::give_back();
        })
        .ok();
    assert!(
        norm.rows.balances(),
        "row accounting broken: {:?} (rows read must equal rows used + rows rejected)",
        norm.rows
    );
    norm.diagnostics.extend(found);
    norm.files.extend(unread);
    clock.lap("normalise, count");
    let mut name = prepared
        .definition
        .definition
        .title
        .clone()
        .unwrap_or_else(|| config::folder_name(&config.input));
    if let (Some(n), Some(r)) = (&run_names, &redactor) {
        publish::names(
            &mut norm,
            attendance.as_mut(),
            self_assessment.as_mut(),
            n,
            r,
        );
        name = r.redact_label(&name).into_owned();
        for u in &mut norm.unmatched {
            u.answer = r.redact(&u.answer).into_owned();
        }
        // A message quoting a cell publishes the cell redacted; the cell as written stays on
        // the terminal and in internal/.
        for d in &mut norm.diagnostics {
            if let std::borrow::Cow::Owned(published) = r.redact(&d.message) {
                let full = std::mem::replace(&mut d.message, published);
                d.internal.get_or_insert(full);
            }
        }
    }
    let mut sessions: BTreeMap<String, u64> = norm.sessions.clone();
    for s in norm.tallied.keys() {
        sessions.entry(s.clone()).or_default();
    }
    let names: Vec<String> = sessions.keys().cloned().collect();
    norm.diagnostics
        .extend(meeting_before_session(&paper, &names, attendance.as_ref()));
    text::in_answer_order(&mut free_text, &norm.survey);
    let (tables, choices) = counting.tables(&counts, &names);
    let questions: Vec<String> = norm.survey.free_text().map(|q| q.label.clone()).collect();
    let analysis = text::analyse(&free_text, &questions, &names, &text_def)?;
    let tidy_parquet = writer
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    clock.lap("tables, free text, tidy Parquet");

    let evaluation = Evaluation {
        name,
        survey: norm.survey,
        sessions: sessions.into_iter().collect(),
        tallied: norm.tallied.into_iter().collect(),
        counts: tables.counts,
        choices,
        summaries: tables.summaries,
        free_text,
        redaction: text_def.redact,
        redacted,
        themes: analysis.themes,
        keywords: analysis.keywords,
        quotes: analysis.quotes,
        uncoded: analysis.uncoded,
        files: norm.files,
        rows: norm.rows,
        diagnostics: norm.diagnostics,
        unmatched: norm.unmatched,
        attendance,
        self_assessment,
        protection: Default::default(),
        session_differences: Vec::new(),
    };
    // Everything published is rendered from the protected copy; the full figures go to
    // internal/ only. With no group under the threshold the results are published as they
    // are, without a copy.
    let settings = prepared.definition.definition.disclosure();
    let (mut published, full) = if disclosure::needed(&evaluation, settings) {
        (disclosure::protect(&evaluation, settings), Some(evaluation))
    } else {
        let mut e = evaluation;
        e.protection.threshold = settings.threshold;
        (e, None)
    };
    // Sessions are compared on the published figures only, so no comparison reveals a
    // suppressed session.
    published.session_differences = aggregate::sessions::compare(&published.summaries);
    clock.lap("protect small groups");
    let cycles = (!earlier.is_empty()).then(|| {
        let order: Vec<&str> = published
            .survey
            .likert()
            .map(|(q, _)| q.label.as_str())
            .collect();
        let now = aggregate::cycles::current(&cycle, &published.summaries);
        aggregate::cycles::compare(&now, &order, &earlier, settings.threshold)
    });
    // The memory the tidy rows left free is given back to the system while rendering starts.
    let given_back = std::thread::Builder::new()
        .name("give back".into())
        .spawn(crate::heap::give_back)
        .ok();
    let files = report::render(
        &published,
        full.as_ref(),
        tidy_parquet,
        &report::Options {
            charts: config.charts,
            paper,
            cycle,
            cycles,
        },
    )?;
    clock.lap("render tables, charts and documents");
    for thread in [freed, given_back].into_iter().flatten() {
        let _ = thread.join();
    }
    report::write_atomic(&config.report_dir, &files)?;
    clock.lap("write");
    // The terminal is the analyst's: it has the full figures.
    let evaluation = full.unwrap_or(published);

    Ok(Outcome {
        report_dir: config.report_dir.clone(),
        respondents: evaluation.respondents(),
        tallied: evaluation.tallied_answers(),
        sessions: evaluation.sessions.len(),
        files_read: evaluation.read_files(),
        files_failed: evaluation.failed_files(),
        attendance: evaluation
            .attendance
            .as_ref()
            .map(report::attendance_summary)
            .unwrap_or_default(),
        self_assessment: evaluation
            .self_assessment
            .as_ref()
            .map(report::self_assessment_summary)
            .unwrap_or_default(),
        diagnostics: evaluation.diagnostics,
        strict: config.strict,
        timings: clock.laps,
    })
}

/// What a run reads besides the responses, as far as publishing names goes.
struct Side<'a> {
    unread: &'a [FileAccount],
    found: &'a [Diagnostic],
    attendance: Option<&'a Attendance>,
    self_assessment: Option<&'a crate::model::SelfAssessment>,
}

/// The published names of a run, settled from every file and sheet it can name (the files
/// read and passed over, those any finding names, the attendance and self-assessment files),
/// the sessions of the used rows and the survey.
fn names_to_publish(
    sources: &[ingest::SourceFile],
    plan: &normalise::Plan,
    sessions: &std::collections::BTreeSet<String>,
    side: &Side,
    r: &text::Redactor,
) -> publish::RunNames {
    let mut files: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    // A file that failed names the sheet it failed on.
    let mut sheets: Vec<&str> = sources
        .iter()
        .filter_map(|s| match &s.content {
            Ok(c) => Some(c.sheet.as_str()),
            Err(e) => e.sheet(),
        })
        .collect();
    files.extend(side.unread.iter().map(|f| f.file.as_str()));
    files.push(normalise::ALL_FILES);
    let findings = sources
        .iter()
        .flat_map(|s| &s.notes)
        .chain(plan.warnings())
        .chain(side.found);
    for d in findings {
        files.push(&d.file);
        sheets.extend(d.sheet.as_deref());
    }
    if let Some(a) = side.attendance {
        files.push(&a.roster_file);
        files.extend(a.files.iter().map(|f| f.file.as_str()));
    }
    if let Some(s) = side.self_assessment {
        files.extend(s.files.iter().map(|f| f.file.as_str()));
    }
    let sessions = sessions.iter().map(String::as_str);
    publish::RunNames::new(files, sheets, sessions, &plan.survey, r)
}

/// The thread that writes the tidy Parquet file from the rows sent to it (handed off, in table
/// order); it ends with the file's bytes when the sender is dropped.
type ParquetWriter = (
    std::sync::mpsc::SyncSender<polars::prelude::DataFrame>,
    std::thread::JoinHandle<Result<Vec<u8>>>,
);

fn parquet_writer(
    survey: crate::model::Survey,
    cycle: String,
    council: Option<String>,
) -> Result<ParquetWriter> {
    // A few waves' rows wait at most: the rows held do not grow when the writer is behind.
    let (to_writer, rows_in) = std::sync::mpsc::sync_channel::<polars::prelude::DataFrame>(4);
    let writer = std::thread::Builder::new()
        .name("tidy parquet".into())
        .spawn(move || -> Result<Vec<u8>> {
            let stamp = report::Stamp {
                cycle: &cycle,
                council: council.as_deref(),
            };
            let mut parquet = report::TidyParquet::new(report::HandOff::new(&survey, stamp));
            for rows in rows_in {
                parquet.push(rows)?;
            }
            parquet.finish()
        })
        .map_err(|e| Error::Document {
            document: "responses.parquet".into(),
            reason: format!("no thread to write it on: {e}"),
        })?;
    Ok((to_writer, writer))
}

/// Reads the attendance folder, if there is one, and computes coverage; its diagnostics join
/// the run's. Also returns the roster's names, for redaction.
fn attendance_of(
    config: &Config,
    definition: &Loaded,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Option<Attendance>, Vec<String>)> {
    let def = definition.definition.attendance();
    let asked = definition.definition.attendance.is_some();
    let Some(loaded) = attendance::load(&config.input, &def, asked)? else {
        return Ok((None, Vec::new()));
    };
    assert!(
        loaded.rows.balances(),
        "attendance row accounting broken: {:?}",
        loaded.rows
    );
    diagnostics.extend(loaded.diagnostics);
    Ok(match loaded.matched {
        Some(m) => {
            let names = m.roster.members.iter().map(|p| p.name.clone()).collect();
            let coverage = aggregate::attendance::coverage(&m, &def, loaded.files, loaded.rows)?;
            (Some(coverage), names)
        }
        None => (
            Some(Attendance::without_roster(loaded.files, loaded.rows)),
            Vec::new(),
        ),
    })
}

/// The rating scale the definition names for the self-assessment, if it names one, from the
/// scales of the resolved survey (`library`).
fn configured_scale(
    definition: &Loaded,
    library: &[crate::model::Scale],
) -> Result<Option<self_assessment::RatingScale>> {
    let d = &definition.definition;
    let def = d.self_assessment();
    let Some(name) = &def.scale else {
        return Ok(None);
    };
    let line = d
        .self_assessment
        .as_ref()
        .and_then(|s| definition.line_of(s));
    let Some(scale) = library
        .iter()
        .find(|s| crate::model::label_key(&s.name) == crate::model::label_key(name))
    else {
        let known: Vec<String> = library.iter().map(|s| s.name.clone()).collect();
        return Err(definition
            .error(
                line,
                format!(
                    "self_assessment scale '{name}' is not defined (known: {}); add a [[scale]] with that name",
                    known.join(", ")
                ),
            )
            .into());
    };
    self_assessment::RatingScale::words(scale.clone(), def.at_least.as_deref())
        .map(Some)
        .map_err(|message| definition.error(line, message).into())
}

/// Reads the self-assessment folder as the definition says, if there is one; its ratings are
/// matched against the scales of the resolved survey.
fn read_self_assessment(
    input: &Path,
    definition: &Loaded,
    library: &[crate::model::Scale],
) -> Result<Option<self_assessment::Loaded>> {
    let d = &definition.definition;
    let scale = configured_scale(definition, library)?;
    let asked = d.self_assessment.is_some();
    self_assessment::load(input, &d.self_assessment(), asked, scale, library)
}

/// Reads the self-assessment folder, if there is one, and computes its figures; its
/// diagnostics join the run's.
fn self_assessment_of(
    input: &Path,
    definition: &Loaded,
    library: &[crate::model::Scale],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<crate::model::SelfAssessment>> {
    let Some(loaded) = read_self_assessment(input, definition, library)? else {
        return Ok(None);
    };
    assert!(
        loaded.rows.balances(),
        "self-assessment row accounting broken: {:?}",
        loaded.rows
    );
    diagnostics.extend(loaded.diagnostics);
    match loaded.ratings {
        Some(r) => {
            aggregate::self_assessment::summarise(&r, &loaded.folder, loaded.files, loaded.rows)
                .map(Some)
        }
        None => Ok(Some(crate::model::SelfAssessment::empty(
            &loaded.folder,
            loaded.files,
            loaded.rows,
        ))),
    }
}

/// What `evalboard init` did.
#[derive(Debug)]
pub struct InitOutcome {
    pub path: PathBuf,
    pub questions: usize,
    /// Scales whose order was guessed from wording: a run refuses them until confirmed.
    pub unconfirmed: Vec<String>,
    /// Scales of numbers: counted meanwhile, the higher assumed the more favourable.
    pub assumed: Vec<String>,
    pub files_failed: Vec<Diagnostic>,
}

/// Names of the unconfirmed scales of numbers (`codes`), or of words.
fn unconfirmed(inferred: &normalise::Inferred, codes: bool) -> Vec<String> {
    inferred
        .definition
        .scales
        .iter()
        .map(|s| s.get_ref())
        .filter(|s| !s.confirmed && (s.kind == definition::ScaleKindDef::Codes) == codes)
        .map(|s| s.name.clone())
        .collect()
}

/// Infers a survey definition from the files of `input` and writes it to
/// `input/evalboard.toml` (refusing to replace one unless `force`).
pub fn init(input: &Path, force: bool) -> Result<InitOutcome> {
    let path = input.join(definition::FILE_NAME);
    if path.exists() && !force {
        return Err(Error::Exists(path));
    }
    let paths = ingest::discover(input)?;
    let sources = ingest::read_all(input, &paths, &ReadOptions::default(), &|| {});
    if sources.iter().all(|s| s.content.is_err()) {
        let reasons: Vec<String> = sources
            .iter()
            .filter_map(|s| Some(format!("{}: {}", s.name, s.content.as_ref().err()?)))
            .collect();
        return Err(Error::NothingRead {
            folder: input.to_path_buf(),
            reasons: reasons.join("; "),
        });
    }
    let inferred = normalise::infer(&sources, &definition::Definition::default());
    let text = config::write::to_toml(&inferred.definition, &inferred.remarks);
    std::fs::write(&path, text).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    let files_failed = sources
        .iter()
        .filter_map(|s| {
            s.content
                .as_ref()
                .err()
                .map(|e| Diagnostic::new(Severity::Error, &s.name, e.to_string()))
        })
        .collect();
    Ok(InitOutcome {
        path,
        questions: inferred.definition.questions.len(),
        unconfirmed: unconfirmed(&inferred, false),
        assumed: unconfirmed(&inferred, true),
        files_failed,
    })
}

/// What `evalboard validate` found: the definition applies; these are the problems left.
#[derive(Debug)]
pub struct Validation {
    pub questions: usize,
    pub files_read: usize,
    pub rows: crate::model::RowAccount,
    /// Every diagnostic: failed files first, then by file and row.
    pub diagnostics: Vec<Diagnostic>,
}

fn read_count(files: &[crate::model::FileAccount]) -> usize {
    files
        .iter()
        .filter(|f| f.status == crate::model::FileStatus::Read)
        .count()
}

/// Applies `input/evalboard.toml` to the files, and reads the attendance folder, without
/// writing a report.
pub fn validate(input: &Path) -> Result<Validation> {
    let (sources, definition) = read(input, &Quiet)?;
    let Some(definition) = definition else {
        return Err(Error::NoDefinition(input.to_path_buf()));
    };
    let (definition, notes) = complete(definition, &sources);
    let plan = normalise::plan(&sources, &definition)?;
    let mut norm = normalise::normalise(&sources, plan, &definition, |_| Ok(()), |_| Ok(()))?;
    norm.diagnostics.extend(notes);
    let mut files_read = sources.iter().filter(|s| s.content.is_ok()).count();
    let def = definition.definition.attendance();
    let asked = definition.definition.attendance.is_some();
    if let Some(a) = attendance::load(input, &def, asked)? {
        files_read += read_count(&a.files);
        norm.diagnostics.extend(a.diagnostics);
    }
    if let Some(a) = read_self_assessment(input, &definition, &norm.survey.scales)? {
        files_read += read_count(&a.files);
        norm.diagnostics.extend(a.diagnostics);
    }
    Ok(Validation {
        questions: norm.survey.questions.len(),
        files_read,
        rows: norm.rows,
        diagnostics: norm.diagnostics,
    })
}

/// A warning when the meeting the paper goes to (`[report] meeting_date`) comes before a
/// session it reports: a session named with its date (`... 2016-06-24`), or one the
/// attendance records date. Dates are ISO, so they compare as text.
fn meeting_before_session(
    paper: &crate::model::Paper,
    sessions: &[String],
    attendance: Option<&crate::model::Attendance>,
) -> Option<Diagnostic> {
    let meeting = paper.meeting_date.as_deref()?;
    let iso = |s: &str| -> Option<String> {
        let b = s.as_bytes();
        (0..b.len().checked_sub(9)?).find_map(|i| {
            let w = &b[i..i + 10];
            let shaped = w[4] == b'-'
                && w[7] == b'-'
                && w.iter()
                    .enumerate()
                    .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit());
            shaped.then(|| s[i..i + 10].to_string())
        })
    };
    let dated = sessions
        .iter()
        .filter_map(|s| Some((iso(s)?, s.clone())))
        .chain(
            attendance
                .into_iter()
                .flat_map(|a| &a.sessions)
                .filter_map(|s| Some((s.date.clone()?, s.session.clone()))),
        );
    let (date, session) = dated.max()?;
    (date.as_str() > meeting).then(|| {
        Diagnostic::new(
            Severity::Warning,
            "evalboard.toml",
            format!(
                "the meeting date under [report] ({meeting}) is before the session '{session}' of {date} that the report covers: check meeting_date"
            ),
        )
        .check(crate::model::Check::MeetingBeforeSession)
    })
}
