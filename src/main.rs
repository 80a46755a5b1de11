use clap::Parser;
use evalboard::cli::{Bar, Cli, Command};
use evalboard::model::{Diagnostic, Severity};
use evalboard::pipeline;
use std::process::ExitCode;

/// Warnings printed on the terminal; all of them are in the report's data-quality table.
const WARNINGS_SHOWN: usize = 10;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Run(args) => run(args),
        Command::Init(args) => match pipeline::init(&args.input, args.force) {
            Ok(o) => {
                for d in &o.files_failed {
                    eprintln!("{d}");
                }
                println!("wrote {} with {} questions", o.path.display(), o.questions);
                let quoted = |v: &[String]| {
                    v.iter()
                        .map(|s| format!("'{s}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                if !o.unconfirmed.is_empty() {
                    println!(
                        "check the guessed order of scale(s) {} and set confirmed = true; a run refuses them until then",
                        quoted(&o.unconfirmed)
                    );
                }
                if !o.assumed.is_empty() {
                    println!(
                        "check the range and direction of scale(s) {} and set confirmed = true; until then they are counted with the higher number assumed the more favourable",
                        quoted(&o.assumed)
                    );
                }
                println!(
                    "next: edit it, then run `evalboard validate {}`",
                    args.input.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        Command::Validate(args) => match pipeline::validate(&args.input) {
            Ok(v) => {
                let warnings = print(&v.diagnostics, usize::MAX);
                let failed = v
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                println!(
                    "definition applies: {} questions, {} files read ({failed} failed), {} rows read = {} used + {} rejected; {warnings} warnings",
                    v.questions, v.files_read, v.rows.read, v.rows.used, v.rows.rejected
                );
                if failed > 0 || (args.strict && warnings > 0) {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(e) => fail(e),
        },
    }
}

fn fail(e: evalboard::error::Error) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

/// Prints errors and up to `limit` warnings; returns the number of warnings.
fn print(diagnostics: &[Diagnostic], limit: usize) -> usize {
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        eprintln!("{d}");
    }
    let warnings: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    for d in warnings.iter().take(limit) {
        eprintln!("{d}");
    }
    if warnings.len() > limit {
        eprintln!(
            "... and {} more warnings (all are in tables/data_quality.csv)",
            warnings.len() - limit
        );
    }
    warnings.len()
}

fn run(args: evalboard::cli::RunArgs) -> ExitCode {
    let timings = args.timings;
    let config = args.into_config();
    if let Some(n) = config.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            eprintln!("error: cannot start {n} worker threads: {e}");
            return ExitCode::from(2);
        }
    }
    match pipeline::run(&config, &Bar::new()) {
        Ok(outcome) => {
            let warnings = print(&outcome.diagnostics, WARNINGS_SHOWN);
            let tallied = if outcome.tallied > 0 {
                format!(" and {} answers from tally sheets", outcome.tallied)
            } else {
                String::new()
            };
            println!(
                "{} response{}{tallied} from {} session{} ({} file{} read, {} failed, {} warning{}); report in {}",
                outcome.respondents,
                if outcome.respondents == 1 { "" } else { "s" },
                outcome.sessions,
                if outcome.sessions == 1 { "" } else { "s" },
                outcome.files_read,
                if outcome.files_read == 1 { "" } else { "s" },
                outcome.files_failed,
                warnings,
                if warnings == 1 { "" } else { "s" },
                outcome.report_dir.display()
            );
            for line in &outcome.attendance {
                println!("attendance: {line}");
            }
            for line in &outcome.self_assessment {
                println!("self-assessment: {line}");
            }
            if timings {
                let total: f64 = outcome.timings.iter().map(|l| l.took.as_secs_f64()).sum();
                let mib = |b: u64| format!("peak {:>6.0} MiB", b as f64 / 1048576.0);
                for lap in &outcome.timings {
                    let s = lap.took.as_secs_f64();
                    eprintln!(
                        "timing: {:<36} {s:>8.3} s {:>5.1}%  {}",
                        lap.stage,
                        100.0 * s / total.max(1e-9),
                        lap.peak_bytes.map(mib).unwrap_or_default()
                    );
                }
                eprintln!("timing: {:<36} {total:>8.3} s", "total");
            }
            if outcome.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => fail(e),
    }
}
