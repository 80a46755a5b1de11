use clap::Parser;
use evalboard::cli::{Bar, Cli, Command};
use evalboard::model::Severity;
use evalboard::pipeline;
use std::process::ExitCode;

/// Warnings printed on the terminal; all of them are in the report's diagnostics table.
const WARNINGS_SHOWN: usize = 10;

fn main() -> ExitCode {
    let Command::Run(args) = Cli::parse().command;
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
            let errors = outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error);
            for d in errors {
                eprintln!("{d}");
            }
            let warnings: Vec<_> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .collect();
            for d in warnings.iter().take(WARNINGS_SHOWN) {
                eprintln!("{d}");
            }
            if warnings.len() > WARNINGS_SHOWN {
                eprintln!("... and {} more warnings", warnings.len() - WARNINGS_SHOWN);
            }
            println!(
                "{} responses from {} sessions ({} files read, {} failed, {} warnings); report in {}",
                outcome.respondents,
                outcome.sessions,
                outcome.files_read,
                outcome.files_failed,
                warnings.len(),
                outcome.report_dir.display()
            );
            if outcome.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
