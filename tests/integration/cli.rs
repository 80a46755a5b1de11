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
