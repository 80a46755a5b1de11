//! The command line: clap structures turned into a [`Config`], and the progress bar. The only
//! module that knows clap and indicatif.

use crate::config::Config;
use crate::pipeline::Progress;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "evalboard",
    version,
    about = "Turn councillor-training evaluation exports into committee documents, tables and charts.",
    long_about = "Turn councillor-training evaluation exports (Microsoft Forms, Google Forms, \
SurveyMonkey, SmartSurvey, Qualtrics, or paper forms typed into Excel), attendance records and \
self-assessments into the committee documents (Word, web page and Markdown), tables, workbook \
and charts an improvement board asks for.\n\nReads every .xlsx, .xlsm, .xlsb, .xls, \
.ods and .csv file in a folder, one file per session."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read a folder of evaluation exports and write the report folder.
    #[command(
        after_help = "Exit status: 0 when every file was read; 1 when the report was written \
but a file failed (or, with --strict, anything was flagged); 2 when no report could be written.\n\n\
Example:\n  evalboard run input/            # writes reports/input/\n  evalboard run exports/2016 --out papers/"
    )]
    Run(RunArgs),
    /// Look at the exports and write INPUT/evalboard.toml: the survey definition inferred
    /// from them, with comments where it is unsure. Edit it, then `evalboard validate`.
    #[command(
        after_help = "Exit status: 0 when the definition was written; 2 when it could not be.\n\n\
Example:\n  evalboard init input/            # writes input/evalboard.toml"
    )]
    Init(InitArgs),
    /// Check INPUT/evalboard.toml against the exports without writing a report: which headers
    /// matched nothing, which answers fit no option, and what to do.
    #[command(
        after_help = "Exit status: 0 when the definition applies to every file (warnings are \
listed); 1 when a file failed, or with --strict when anything was flagged; 2 when the definition \
cannot be used (the message names the line and the fix)."
    )]
    Validate(ValidateArgs),
}

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    /// Folder of exports.
    #[arg(default_value = "input")]
    pub input: PathBuf,
    /// Replace an existing evalboard.toml.
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args, Debug)]
pub struct ValidateArgs {
    /// Folder of exports holding evalboard.toml.
    #[arg(default_value = "input")]
    pub input: PathBuf,
    /// Exit with status 1 when anything is flagged (a rejected row, an answer outside a scale...).
    #[arg(long)]
    pub strict: bool,
}

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Folder of exports, one file per session.
    #[arg(default_value = "input")]
    pub input: PathBuf,
    /// Where reports go: the report is written to OUT/<name of INPUT>/, replacing it.
    #[arg(long, short, value_name = "OUT", default_value = "reports")]
    pub out: PathBuf,
    /// Skip the charts (tables and briefing only; much faster for large batches).
    #[arg(long)]
    pub no_charts: bool,
    /// Exit with status 1 when any row is rejected or any answer fits no option.
    #[arg(long)]
    pub strict: bool,
    /// Worker threads (default: one per core). Output is identical whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Print how long each stage took, on standard error.
    #[arg(long)]
    pub timings: bool,
    /// Report folders of earlier cycles to compare this one with, oldest first (their tidy
    /// tables are read, not their exports).
    #[arg(long, value_name = "REPORT", num_args = 1..)]
    pub compare: Vec<PathBuf>,
}

impl RunArgs {
    pub fn into_config(self) -> Config {
        let mut config = Config::new(&self.input, &self.out);
        config.charts = !self.no_charts;
        config.strict = self.strict;
        config.threads = self.threads.map(usize::from);
        config.compare = self.compare;
        config
    }
}

/// A progress bar on standard error, shown only when that is a terminal.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("reading {pos}/{len} files {wide_bar} {eta}")
                .expect("valid template"),
        );
        Bar(bar)
    }
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl Progress for Bar {
    fn start(&self, files: u64) {
        self.0.set_length(files);
    }
    fn file_done(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
