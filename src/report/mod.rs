//! The report folder: every table, chart and document rendered to bytes first, then written
//! in one atomic step, so a failed run never leaves a half-written report.

mod attendance;
mod briefing;
mod document;
mod free_text;
mod manifest;
mod parquet;
pub use parquet::Stamp;
mod row;
mod self_assessment;
mod tables;
mod topic;
mod workbook;
mod write;

use crate::charts::{self, LikertChart};
use crate::disclosure;
use crate::error::{Error, Result};
use crate::model::{col, Evaluation, OptionCount};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use attendance::summary_lines as attendance_summary;
pub use self_assessment::summary_lines as self_assessment_summary;
pub use workbook::header_words;

/// Version written into the briefing and the manifest.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// A chart of the report: its title and path without extension, relative to the report.
pub struct ChartFile {
    pub title: String,
    pub path: String,
    pub group: String,
}

/// A report file and how to render it.
type Output<'a> = (&'static str, Box<dyn Fn() -> Result<Vec<u8>> + Sync + 'a>);

/// Paths (relative to the report folder, `/`-separated) and their contents.
pub type ReportFiles = BTreeMap<String, Vec<u8>>;

/// What to render.
pub struct Options {
    pub charts: bool,
    pub paper: crate::model::Paper,
    /// The training cycle the run reports (`[report] cycle`, else the input folder's name):
    /// recorded in the tidy table and the manifest.
    pub cycle: String,
    /// This cycle beside the earlier ones given with `--compare`.
    pub cycles: Option<crate::model::Comparison>,
}

/// The tidy table as the analyst's Parquet file, for `internal/`: written apart from the rest
/// of the report, as its rows come (the pipeline writes it while it counts).
pub use parquet::{HandOff, TidyParquet};

/// Renders the whole report in memory: everything published from `e`, the protected results
/// (see `crate::disclosure`); the full figures of `full` and the tidy table (`tidy`, already
/// written by [`TidyParquet`]) only into `internal/`.
pub fn render(
    e: &Evaluation,
    full: Option<&Evaluation>,
    tidy: Vec<u8>,
    options: &Options,
) -> Result<ReportFiles> {
    let mut files = ReportFiles::new();
    files.insert(PARQUET_PATH.to_string(), tidy);
    // The tables show a suppressed group's cells as [c]; the charts and documents leave it
    // out. Nothing suppressed: nothing to leave out, nothing copied.
    let view: std::borrow::Cow<Evaluation> = if e.protection.suppressed.is_empty() {
        std::borrow::Cow::Borrowed(e)
    } else {
        std::borrow::Cow::Owned(disclosure::shown(e))
    };
    let view = view.as_ref();
    let charts = if options.charts {
        chart_files(view)
    } else {
        Vec::new()
    };
    // Counts come sorted by group: each group's rows are one run.
    let by_group: HashMap<&str, &[OptionCount]> = view
        .counts
        .chunk_by(|a, b| a.group == b.group)
        .map(|run| (run[0].group.as_str(), run))
        .collect();
    let mut bar_charts: Vec<(&str, charts::BarChart)> = Vec::new();
    if options.charts {
        // The coverage charts read the marked rows, to say which groups they leave out.
        if let Some(a) = e.attendance.as_ref().filter(|a| !a.coverage.is_empty()) {
            bar_charts.push((attendance::CHART_PATH, charts::coverage(a)));
            bar_charts.push((
                attendance::COMMITTEE_CHART_PATH,
                charts::committee_coverage(a),
            ));
        }
        if let Some(c) = charts::themes(view) {
            bar_charts.push((free_text::CHART_PATH, c));
        }
        if options.paper.writes("board") {
            if let Some(c) = charts::board(view) {
                bar_charts.push((BOARD_CHART_PATH, c));
            }
        }
    }
    let assessment_charts = view
        .self_assessment
        .as_ref()
        .filter(|_| options.charts)
        .and_then(charts::self_assessment);
    let committee_assessment = view
        .self_assessment
        .as_ref()
        .filter(|_| options.charts)
        .and_then(charts::committee_self_assessment);
    let cycles_chart = options
        .cycles
        .as_ref()
        .filter(|_| options.charts)
        .and_then(charts::cycles);
    let drawn = briefing::Drawn {
        coverage: bar_charts.iter().any(|c| c.0 == attendance::CHART_PATH),
        themes: bar_charts.iter().any(|c| c.0 == free_text::CHART_PATH),
        self_assessment: assessment_charts.is_some(),
    };
    let draw_charts = || -> Vec<Result<(String, charts::Rendered)>> {
        let likert = charts.par_iter().map(|c| {
            let counts = by_group.get(c.group.as_str()).copied().unwrap_or_default();
            let chart = LikertChart::new(&c.title, &view.survey, counts);
            charts::render_likert(&chart).map(|r| (c.path.clone(), r))
        });
        let bars = bar_charts
            .par_iter()
            .map(|(path, c)| charts::render_bars(c).map(|r| (path.to_string(), r)));
        let assessment = assessment_charts.iter().par_bridge().flat_map(|(d, h)| {
            [
                charts::render(d).map(|r| (self_assessment::THEMES_CHART.to_string(), r)),
                charts::render(h).map(|r| (self_assessment::STATEMENTS_CHART.to_string(), r)),
            ]
        });
        let committee = committee_assessment.iter().par_bridge().map(|d| {
            charts::render(d).map(|r| (self_assessment::COMMITTEE_THEMES_CHART.to_string(), r))
        });
        let cycles = cycles_chart
            .iter()
            .par_bridge()
            .map(|d| charts::render(d).map(|r| (CYCLES_CHART.to_string(), r)));
        likert
            .chain(bars)
            .chain(assessment)
            .chain(committee)
            .chain(cycles)
            .collect()
    };
    // The other outputs are independent of each other: render them side by side too.
    let shared = Shared::new(e);
    let mut documents: Vec<Output> = vec![
        (
            "tables/likert_counts.csv",
            Box::new(|| Ok(shared.counts().csv())),
        ),
        (
            "tables/likert_summary.csv",
            Box::new(|| Ok(shared.summary().csv())),
        ),
        (
            "tables/free_text.csv",
            Box::new(|| Ok(tables::free_text(e))),
        ),
        (
            "tables/unmatched_answers.csv",
            Box::new(|| Ok(tables::unmatched_answers(e))),
        ),
        (
            "tables/data_quality.csv",
            Box::new(|| Ok(tables::data_quality(e).csv())),
        ),
        (
            "tables/multi_select.csv",
            Box::new(|| Ok(shared.multi_select().csv())),
        ),
        ("tables/files.csv", Box::new(|| Ok(tables::files(e).csv()))),
        (
            "tables/questions.csv",
            Box::new(|| Ok(tables::questions(e).csv())),
        ),
        (
            "tables/session_differences.csv",
            Box::new(|| Ok(shared.differences().csv())),
        ),
        ("tables/themes.csv", Box::new(|| Ok(shared.themes().csv()))),
        (
            "tables/keywords.csv",
            Box::new(|| Ok(free_text::keywords_csv(e).csv())),
        ),
        (
            "tables/quotes.csv",
            Box::new(|| Ok(free_text::quotes_csv(e))),
        ),
        (
            "tables/uncoded_comments.csv",
            Box::new(|| Ok(free_text::uncoded_csv(e))),
        ),
        (
            "briefing.md",
            Box::new(|| {
                Ok(briefing::render(
                    view,
                    &charts,
                    drawn,
                    VERSION,
                    options.paper.title.as_deref(),
                ))
            }),
        ),
    ];
    if let Some(a) = &e.attendance {
        documents.extend::<[Output; 3]>([
            (
                "tables/attendance_coverage.csv",
                Box::new(|| Ok(attendance::coverage_csv(a).csv())),
            ),
            (
                "tables/attendance_sessions.csv",
                Box::new(|| Ok(attendance::sessions_csv(a).csv())),
            ),
            (
                attendance::UNTRAINED_PATH,
                Box::new(|| Ok(attendance::untrained_csv(a).csv())),
            ),
        ]);
        if a.in_date_at.is_some() {
            documents.push((
                attendance::LAPSED_PATH,
                Box::new(|| Ok(attendance::lapsed_csv(a).csv())),
            ));
        }
    }
    if let Some(s) = &e.self_assessment {
        documents.extend::<[Output; 4]>([
            (
                "tables/self_assessment_items.csv",
                Box::new(|| Ok(self_assessment::items_csv(s).csv())),
            ),
            (
                "tables/self_assessment_themes.csv",
                Box::new(|| Ok(self_assessment::themes_csv(s).csv())),
            ),
            (
                "tables/self_assessment_change.csv",
                Box::new(|| Ok(self_assessment::change_csv(s).csv())),
            ),
            (
                self_assessment::MEMBER_SCORES_PATH,
                Box::new(|| Ok(self_assessment::member_scores_csv(s).csv())),
            ),
        ]);
    }
    documents.push((
        "tables.xlsx",
        Box::new(|| tables_workbook(e, &shared, options.paper.title.as_deref())),
    ));
    let quoted = e.diagnostics.iter().any(|d| d.internal.is_some());
    if quoted {
        documents.push((
            "internal/data_quality.csv",
            Box::new(|| Ok(tables::data_quality_internal(e).csv())),
        ));
    }
    if let Some(c) = &options.cycles {
        documents.push((
            "tables/cycles.csv",
            Box::new(move || Ok(tables::cycles(c).csv())),
        ));
    }
    if let Some(full) = full {
        documents.extend(unsuppressed(full));
    }
    documents.push(("internal/README.txt", Box::new(|| Ok(internal_readme()))));
    let render_documents = || -> Vec<Result<(String, Vec<u8>)>> {
        documents
            .par_iter()
            .map(|(path, render)| render().map(|bytes| (path.to_string(), fitted(bytes))))
            .collect()
    };
    // The charts, then the documents that embed them; beside them, the tables and the rest,
    // which need neither.
    let charts_and_documents = || -> Result<ReportFiles> {
        let mut files = ReportFiles::new();
        // Each chart's description, written from its data: its SVG's <desc> and the alt text
        // of every document that shows it.
        let mut alts: HashMap<String, String> = HashMap::new();
        for r in draw_charts() {
            let (path, chart) = r?;
            files.insert(format!("{path}.png"), chart.png);
            files.insert(format!("{path}.svg"), chart.svg);
            alts.insert(path, chart.alt);
        }
        let mut topics: Vec<(&str, document::Document)> = Vec::new();
        let paper = &options.paper;
        if paper.writes("evaluation") && (view.respondents() > 0 || view.tallied_answers() > 0) {
            topics.push((
                "evaluation",
                topic::evaluation::document(
                    view,
                    &charts,
                    options
                        .cycles
                        .as_ref()
                        .map(|c| (c, cycles_chart.is_some().then_some(CYCLES_CHART))),
                ),
            ));
        }
        if let Some(a) = e.attendance.as_ref().filter(|a| !a.coverage.is_empty()) {
            if paper.writes("attendance") {
                let chart = drawn.coverage.then_some(attendance::COMMITTEE_CHART_PATH);
                topics.push((
                    "attendance",
                    topic::attendance::document(a, chart, &e.protection),
                ));
            }
        }
        if let Some(s) = e.self_assessment.as_ref().filter(|s| s.has_ratings()) {
            if paper.writes("self_assessment") {
                let chart = committee_assessment
                    .is_some()
                    .then_some(self_assessment::COMMITTEE_THEMES_CHART);
                topics.push((
                    "self_assessment",
                    topic::self_assessment::document(s, chart, e.protection.threshold),
                ));
            }
        }
        if paper.writes("technical_annex") {
            topics.push((
                "technical_annex",
                topic::annex::document(view, VERSION, options.cycles.as_ref()),
            ));
        }
        // The topic documents are the covering report's appendices, numbered in order and
        // titled as the seed papers title theirs; the technical annex, for officers, is not.
        let mut appendix = 0;
        for (name, doc) in &mut topics {
            if *name != "technical_annex" {
                appendix += 1;
                doc.title = topic::covering::appendix_label(appendix, &doc.title);
            }
        }
        if (paper.writes("report") || paper.writes("board")) && appendix > 0 {
            let appendices: Vec<topic::covering::Appendix> = topics
                .iter()
                .filter(|(name, _)| *name != "technical_annex")
                .map(|(name, doc)| topic::covering::Appendix {
                    topic: name,
                    label: doc.title.clone(),
                    doc,
                })
                .collect();
            let cover = topic::covering::document(paper, &appendices, e.protection.threshold);
            let board = paper.writes("board").then(|| {
                let chart = bar_charts
                    .iter()
                    .any(|c| c.0 == BOARD_CHART_PATH)
                    .then_some(BOARD_CHART_PATH);
                topic::board::document(&appendices, chart)
            });
            if let Some(board) = board {
                topics.insert(0, ("board", board));
            }
            if paper.writes("report") {
                topics.insert(0, ("report", cover));
            }
        }
        for (name, doc) in &mut topics {
            // The covering report has its own front sheet; the board's page goes into the
            // board's own report, whose front sheet it does not repeat.
            if *name != "report" && *name != "board" {
                topic::title_block(doc, paper);
            }
            for block in &mut doc.blocks {
                if let document::Block::Figure(f) = block {
                    if let Some(alt) = alts.get(&f.path) {
                        f.alt = alt.clone();
                    }
                }
            }
        }
        // Every format of every topic on its own: the evaluation document of a large batch is
        // most of the work, and its three formats then share the cores.
        let jobs: Vec<(&str, &document::Document, Format)> = topics
            .iter()
            .flat_map(|(name, doc)| Format::ALL.map(|f| (*name, doc, f)))
            .collect();
        let written: Vec<Result<(String, Vec<u8>)>> = jobs
            .par_iter()
            .map(|(name, doc, format)| {
                format
                    .render(name, doc, &files)
                    .map(|(path, bytes)| (path, fitted(bytes)))
            })
            .collect();
        for w in written {
            let (path, bytes) = w?;
            files.insert(path, bytes);
        }
        Ok(files)
    };
    let (drawn_files, documents) = rayon::join(charts_and_documents, render_documents);
    files.extend(drawn_files?);
    for d in documents {
        let (path, bytes) = d?;
        files.insert(path, bytes);
    }
    let manifest = manifest::render(
        e,
        &files,
        VERSION,
        &options.cycle,
        options.paper.council.as_deref(),
    );
    files.insert("manifest.json".into(), manifest);
    Ok(files)
}

/// A rendered file's bytes without the spare room its buffer grew (up to as much again as
/// the file): the report's files are held together until they are written, 700 MB for 10,000
/// sessions.
fn fitted(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes.shrink_to_fit();
    bytes
}

/// Notes of the workbook, by number (`[note 1]` is the first).
const WORKBOOK_NOTES: [&str; 7] = [
    "Percentages are of the answers to the question in the group (all sessions together, or one session), answers such as \"Don't know\" included.",
    "Mean score: the least favourable option scores 1, the next 2, and so on; options such as \"Don't know\" are left out of the mean and of the favourable share (top2_percent: the share of the answers that gave a view on the answers counted as favourable, which the technical annex lists for each scale). Its 95% interval is Wilson's.",
    "Percentages are of the respondents who ticked at least one option; as each could tick several, they add up to more than 100.",
    "Members who attended at least one session, out of the members expected at that level (every member for Level 1); the 95% interval is Wilson's. Sessions per member counts every member.",
    "Ratings run from the lowest to the highest point of the rating scale. A theme score is the mean of a member's ratings of its statements. Change is tested with the Wilcoxon signed-rank test for members in both waves (Mann-Whitney U otherwise), with p-values adjusted by Holm's method; the effect size is the rank-biserial correlation.",
    "Comments are coded to themes by the words of the codebook; a comment can carry more than one theme, and comments no theme fits are counted apart.",
    "Each session's favourable share against the other sessions' together (sessions with suppressed figures left out of both); the difference in percentage points with its 95% interval (Newcombe's hybrid score method); Fisher's exact test, two-sided, and its p-value adjusted by Holm's method across every comparison; beyond_chance when the adjusted p-value is below 0.05; few when the session has fewer than 10 answers.",
];

/// The tables that are both a CSV file and a worksheet, each built once, by whichever of the
/// two is rendered first.
struct Shared<'a> {
    e: &'a Evaluation,
    counts: OnceLock<tables::Tabular>,
    summary: OnceLock<tables::Tabular>,
    multi_select: OnceLock<tables::Tabular>,
    themes: OnceLock<tables::Tabular>,
    differences: OnceLock<tables::Tabular>,
}

impl<'a> Shared<'a> {
    fn new(e: &'a Evaluation) -> Self {
        Shared {
            e,
            counts: OnceLock::new(),
            summary: OnceLock::new(),
            multi_select: OnceLock::new(),
            themes: OnceLock::new(),
            differences: OnceLock::new(),
        }
    }

    fn counts(&self) -> &tables::Tabular {
        self.counts.get_or_init(|| tables::likert_counts(self.e))
    }

    fn summary(&self) -> &tables::Tabular {
        self.summary.get_or_init(|| tables::likert_summary(self.e))
    }

    fn multi_select(&self) -> &tables::Tabular {
        self.multi_select
            .get_or_init(|| tables::multi_select(self.e))
    }

    fn themes(&self) -> &tables::Tabular {
        self.themes.get_or_init(|| free_text::themes_csv(self.e))
    }

    fn differences(&self) -> &tables::Tabular {
        self.differences
            .get_or_init(|| tables::session_differences(self.e))
    }
}

/// `tables.xlsx`: the aggregate tables, each sheet from the same rows as its CSV file.
fn tables_workbook(e: &Evaluation, shared: &Shared, title: Option<&str>) -> Result<Vec<u8>> {
    let mut owned: Vec<(&str, String, Vec<usize>, Cow<tables::Tabular>)> = vec![
        (
            "likert_counts",
            "Answers to each closed question, for all sessions and by session".into(),
            vec![1],
            Cow::Borrowed(shared.counts()),
        ),
        (
            "likert_summary",
            "Rated questions: answers, mean score and favourable share, for all sessions and by session".into(),
            vec![2],
            Cow::Borrowed(shared.summary()),
        ),
        (
            "multi_select",
            "Tick-all-that-apply questions: respondents ticking each option".into(),
            vec![3],
            Cow::Borrowed(shared.multi_select()),
        ),
        (
            "themes",
            "Themes of the comments, by question and session".into(),
            vec![6],
            Cow::Borrowed(shared.themes()),
        ),
    ];
    owned.push((
        "session_differences",
        "Sessions compared: each session's favourable share against the other sessions'".into(),
        vec![7],
        Cow::Borrowed(shared.differences()),
    ));
    if let Some(a) = &e.attendance {
        owned.push((
            "attendance_coverage",
            "Members who attended at least one session, by level, cohort and role".into(),
            vec![4],
            Cow::Owned(attendance::coverage_csv(a)),
        ));
        owned.push((
            "attendance_sessions",
            "Training sessions: attendees and members expected".into(),
            vec![4],
            Cow::Owned(attendance::sessions_csv(a)),
        ));
    }
    if let Some(s) = &e.self_assessment {
        owned.push((
            "self_assessment_items",
            "Self-assessment: ratings of each statement, by wave".into(),
            vec![5],
            Cow::Owned(self_assessment::items_csv(s)),
        ));
        owned.push((
            "self_assessment_themes",
            "Self-assessment: theme scores and reliability, by wave".into(),
            vec![5],
            Cow::Owned(self_assessment::themes_csv(s)),
        ));
        owned.push((
            "self_assessment_change",
            "Self-assessment: change from the first wave, by theme and statement".into(),
            vec![5],
            Cow::Owned(self_assessment::change_csv(s)),
        ));
    }
    // No empty sheets.
    let sheets: Vec<workbook::Sheet> = owned
        .iter()
        .filter(|(_, _, _, t)| !t.rows.is_empty())
        .map(|(name, title, notes, table)| workbook::Sheet {
            name,
            title: title.clone(),
            notes: notes.clone(),
            table,
        })
        .collect();
    let subject = format!(
        "{} from {}",
        crate::model::plural(e.respondents(), "evaluation sheet", "evaluation sheets"),
        crate::model::plural(e.sessions.len() as u64, "session", "sessions")
    );
    workbook::render(title, &subject, &sheets, &WORKBOOK_NOTES, VERSION)
}

/// A document in each format: `<name>.md`, `<name>.html` and `<name>.docx`. `files` holds the
/// rendered charts the document embeds.
/// The formats each topic document is written in.
#[derive(Clone, Copy)]
enum Format {
    Markdown,
    Html,
    Docx,
}

impl Format {
    const ALL: [Format; 3] = [Format::Markdown, Format::Html, Format::Docx];

    /// The document's file in this format: its path and bytes.
    fn render(
        self,
        name: &str,
        doc: &document::Document,
        files: &ReportFiles,
    ) -> Result<(String, Vec<u8>)> {
        Ok(match self {
            Format::Markdown => (format!("{name}.md"), write::markdown::render(doc)),
            Format::Html => (format!("{name}.html"), write::html::render(doc, files)),
            Format::Docx => (format!("{name}.docx"), write::docx::render(doc, files)?),
        })
    }
}

/// The note that goes beside the personal data in `internal/`.
fn internal_readme() -> Vec<u8> {
    b"PERSONAL DATA - NOT FOR PUBLICATION\n\n\
This folder is for democratic services only: do not attach it to committee papers or publish\n\
it. It holds, where the input has them:\n\
- every response row (PERSONAL-DATA_responses.parquet: one row per answer, with its file, row\n\
  and session, for analysis in Python, R or Power BI);\n\
- members who have not yet attended training at each level (so that they can be offered a\n\
  session or a refresher) and each member's self-assessment theme scores;\n\
- the data-quality findings with the names and cells they are about (data_quality.csv; the\n\
  published tables/data_quality.csv says the same without them);\n\
- the tables with the figures of small groups that the published tables show as [c]\n\
  (PERSONAL-DATA_unsuppressed_*.csv): a group that small can point at a person.\n\
Everything outside this folder is aggregate figures and redacted text.\n"
        .to_vec()
}

/// Path of the tidy table: row-level answers, for the analyst only.
const PARQUET_PATH: &str = crate::model::handoff::PATH;
/// Path of the chart of training cycles, without extension.
const CYCLES_CHART: &str = "charts/cycles";
/// The improvement board's chart.
const BOARD_CHART_PATH: &str = "charts/board_update";

/// The tables that small-number protection changes, with every figure, for `internal/`.
fn unsuppressed(full: &Evaluation) -> Vec<Output<'_>> {
    let mut out: Vec<Output> = vec![
        (
            "internal/PERSONAL-DATA_unsuppressed_likert_counts.csv",
            Box::new(move || Ok(tables::likert_counts(full).csv())),
        ),
        (
            "internal/PERSONAL-DATA_unsuppressed_likert_summary.csv",
            Box::new(move || Ok(tables::likert_summary(full).csv())),
        ),
        (
            "internal/PERSONAL-DATA_unsuppressed_multi_select.csv",
            Box::new(move || Ok(tables::multi_select(full).csv())),
        ),
        (
            "internal/PERSONAL-DATA_unsuppressed_themes.csv",
            Box::new(move || Ok(free_text::themes_csv(full).csv())),
        ),
        (
            "internal/PERSONAL-DATA_unsuppressed_free_text.csv",
            Box::new(move || Ok(tables::free_text(full))),
        ),
    ];
    if let Some(a) = &full.attendance {
        out.extend::<[Output; 2]>([
            (
                "internal/PERSONAL-DATA_unsuppressed_attendance_coverage.csv",
                Box::new(move || Ok(attendance::coverage_csv(a).csv())),
            ),
            (
                "internal/PERSONAL-DATA_unsuppressed_attendance_sessions.csv",
                Box::new(move || Ok(attendance::sessions_csv(a).csv())),
            ),
        ]);
    }
    if let Some(s) = &full.self_assessment {
        out.extend::<[Output; 3]>([
            (
                "internal/PERSONAL-DATA_unsuppressed_self_assessment_items.csv",
                Box::new(move || Ok(self_assessment::items_csv(s).csv())),
            ),
            (
                "internal/PERSONAL-DATA_unsuppressed_self_assessment_themes.csv",
                Box::new(move || Ok(self_assessment::themes_csv(s).csv())),
            ),
            (
                "internal/PERSONAL-DATA_unsuppressed_self_assessment_change.csv",
                Box::new(move || Ok(self_assessment::change_csv(s).csv())),
            ),
        ]);
    }
    out
}

/// One chart for all sessions together, then one per session, with file names that are
/// unique and safe on every system.
fn chart_files(e: &Evaluation) -> Vec<ChartFile> {
    // The Likert chart draws the questions whose scale's order is confirmed (see
    // `LikertChart::new`): with none, there is no chart.
    if !e.survey.likert().any(|(_, s)| s.confirmed) {
        return Vec::new();
    }
    let responses = |n: u64| crate::model::plural(n, "response", "responses");
    // A group whose figures are suppressed has no counts here, and no chart.
    let drawn = |group: &str| e.counts.iter().any(|c| c.group == group);
    let mut out: Vec<ChartFile> = drawn(col::OVERALL)
        .then(|| ChartFile {
            title: match e.sessions.as_slice() {
                [(one, n)] => format!(
                    "{} ({})",
                    crate::report::topic::words::uk_dates(one),
                    responses(*n)
                ),
                _ => format!("All sessions ({})", responses(e.respondents())),
            },
            path: "charts/likert_overall".into(),
            group: col::OVERALL.into(),
        })
        .into_iter()
        .collect();
    let mut used: Vec<String> = vec!["overall".into()];
    for (session, n) in e.sessions.iter().filter(|(s, _)| drawn(s)) {
        let base = slug(session);
        let mut name = base.clone();
        let mut k = 2;
        while used.contains(&name) {
            name = format!("{base}-{k}");
            k += 1;
        }
        used.push(name.clone());
        out.push(ChartFile {
            title: format!("{session} ({})", responses(*n)),
            path: format!("charts/likert_session_{name}"),
            group: session.clone(),
        });
    }
    out
}

/// Lower-case ASCII letters and digits, runs of anything else as one `-`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "session".into()
    } else {
        out.chars().take(80).collect()
    }
}

/// Refuses, before anything is read or written, a report folder that is, holds or is inside
/// the input folder (writing it would replace the exports or mix the report into them), and
/// an existing non-folder where the report folder goes.
pub fn check_destination(input: &Path, report: &Path) -> Result<()> {
    if report.exists() && !report.is_dir() {
        return Err(Error::ReportNotAFolder(report.to_path_buf()));
    }
    let (Some(inp), Some(rep)) = (absolute(input), absolute(report)) else {
        return Ok(()); // the input's own check names a missing folder
    };
    if rep.starts_with(&inp) || inp.starts_with(&rep) {
        return Err(Error::ReportOverlapsInput {
            report: report.to_path_buf(),
            input: input.to_path_buf(),
        });
    }
    Ok(())
}

/// `path` made absolute with links resolved, also when its last parts do not exist yet.
fn absolute(path: &Path) -> Option<PathBuf> {
    let mut existing = path;
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(if existing.as_os_str().is_empty() {
            Path::new(".")
        } else {
            existing
        }) {
            return Some(rest.iter().rev().fold(real, |p, part| p.join(part)));
        }
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
}

/// Writes the report folder in one step: the files go to a folder beside it, which then takes
/// its place by an exchange of the two names (one system call where the platform has one, so
/// that there is never a moment with no report), and the previous report is removed. Folders
/// left beside it by runs that died are removed first.
pub fn write_atomic(dir: &Path, files: &ReportFiles) -> Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let werr = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Write { path, source }
    };
    std::fs::create_dir_all(parent).map_err(werr(parent))?;
    remove_stale(parent, &name);
    let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
    let old = parent.join(format!(".{name}.previous-{}", std::process::id()));
    let result = (|| {
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(werr(&tmp))?;
        }
        let folders: std::collections::BTreeSet<PathBuf> = files
            .keys()
            .filter_map(|rel| tmp.join(rel).parent().map(Path::to_path_buf))
            .collect();
        for folder in &folders {
            std::fs::create_dir_all(folder).map_err(werr(folder))?;
        }
        // The files side by side (copying a large report into the page cache is work for
        // every core); the first failure in path order is the one reported.
        let written: Vec<Result<()>> = files
            .par_iter()
            .map(|(rel, bytes)| {
                let path: PathBuf = tmp.join(rel);
                std::fs::write(&path, bytes).map_err(werr(&path))
            })
            .collect();
        written.into_iter().collect::<Result<()>>()?;
        if !dir.exists() {
            return std::fs::rename(&tmp, dir).map_err(werr(dir));
        }
        if exchange(&tmp, dir).is_ok() {
            // `tmp` now holds the previous report.
            return std::fs::remove_dir_all(&tmp).map_err(werr(&tmp));
        }
        std::fs::rename(dir, &old).map_err(werr(dir))?;
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(werr(dir)(e));
        }
        std::fs::remove_dir_all(&old).map_err(werr(&old))
    })();
    if result.is_err() && tmp.exists() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that live across the call; the call reads
    // them and touches no memory of ours.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes `.NAME.partial-PID` and `.NAME.previous-PID` folders beside the report left by runs
/// that are no longer alive (a run killed while writing). A live run's folders are left alone;
/// where liveness cannot be told (no `/proc`), nothing is removed.
fn remove_stale(parent: &Path, name: &str) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".partial-", ".previous-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if let Some(pid) = pid {
            if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(
            slug("Corporate parenting induction 2016-06-24"),
            "corporate-parenting-induction-2016-06-24"
        );
        assert_eq!(
            slug("Children's services (S00001)"),
            "children-s-services-s00001"
        );
        assert_eq!(slug("\u{2014}"), "session");
    }
}
