//! The command line itself: help, bad arguments, and a failed run leaving no half report.

use crate::util::{stderr, Workdir};

#[test]
fn help_explains_the_run_command() {
    let w = Workdir::new();
    let out = w.run(&["run", "--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--out") && text.contains("--no-charts") && text.contains("Exit status"));
}

#[test]
fn missing_input_folder_is_a_clear_error() {
    let w = Workdir::new();
    let out = w.run(&["run", "no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-such-folder does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failed_run_leaves_the_previous_report_untouched() {
    let w = Workdir::new();
    let previous = w.path().join("reports/input");
    std::fs::create_dir_all(&previous).unwrap();
    std::fs::write(previous.join("briefing.md"), "last cycle").unwrap();
    // input/ holds nothing readable: the run stops before writing.
    std::fs::write(w.path().join("input/notes.txt"), "not a spreadsheet").unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("holds no spreadsheet exports"));
    assert_eq!(
        std::fs::read_to_string(previous.join("briefing.md")).unwrap(),
        "last cycle"
    );
    let leftovers: Vec<_> = std::fs::read_dir(w.path().join("reports"))
        .unwrap()
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
}

#[test]
fn no_charts_skips_charts_but_not_tables() {
    let w = Workdir::new();
    w.sample();
    let out = w.run(&["run", "--no-charts"]);
    assert!(out.status.success());
    assert!(w.report("tables/likert_counts.csv").is_file());
    assert!(!w.report("charts").exists());
}

/// `evalboard run DIR/x --out DIR` exited 0 after replacing the input folder with the report.
#[test]
fn regression_a_report_folder_over_the_input_is_refused_and_nothing_touched() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    let out = w.run(&["run", "input", "--out", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is, holds or is inside the input folder"),
        "{}",
        stderr(&out)
    );
    assert!(
        w.path().join("input/worded_scale.csv").is_file(),
        "the input is untouched"
    );
    // A report folder holding the input is refused too.
    std::fs::create_dir_all(w.path().join("outer/input")).unwrap();
    std::fs::copy(
        w.path().join("input/worded_scale.csv"),
        w.path().join("outer/input/w.csv"),
    )
    .unwrap();
    let out = w.run(&["run", "outer/input", "--out", "."]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "report ./input beside outer/input: {}",
        stderr(&out)
    );
    let out = w.run(&["run", "outer/input/..", "--out", "outer/input"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(w.path().join("outer/input/w.csv").is_file());
}

/// An existing file where the report folder goes was moved aside and the run exited 2.
#[test]
fn regression_a_file_where_the_report_goes_is_refused_and_kept() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    std::fs::create_dir_all(w.path().join("reports")).unwrap();
    std::fs::write(w.path().join("reports/input"), "my notes").unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a folder"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(w.path().join("reports/input")).unwrap(),
        "my notes"
    );
    let beside: Vec<_> = std::fs::read_dir(w.path().join("reports"))
        .unwrap()
        .collect();
    assert_eq!(beside.len(), 1, "nothing moved aside");
}

/// A run killed while writing left `.input.partial-PID` beside the report for ever.
#[test]
fn regression_folders_left_by_dead_runs_are_removed() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    w.run_ok();
    // PID 4194304 is above Linux's largest: no run of that number can be alive.
    for stale in [".input.partial-4194304", ".input.previous-4194304"] {
        std::fs::create_dir_all(w.path().join("reports").join(stale).join("tables")).unwrap();
    }
    w.run_ok();
    let mut left: Vec<String> = std::fs::read_dir(w.path().join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["input"]);
}

#[test]
fn timings_name_every_stage_on_standard_error() {
    let w = Workdir::new();
    w.sample();
    let out = w.run(&["run", "--timings"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for stage in [
        "read the files",
        "normalise, count",
        "tidy Parquet",
        "tables, free text",
        "protect small groups",
        "render tables, charts and documents",
        "write",
        "total",
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("timing: ") && l.contains(stage) && l.contains(" s")),
            "{stage}: {err}"
        );
    }
    assert!(!String::from_utf8_lossy(&out.stdout).contains("timing:"));
}
