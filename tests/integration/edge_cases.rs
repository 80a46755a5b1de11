//! Messy input: each fixture in tests/fixtures/edge/ is named after its case.

use crate::util::fixture::{assert_counts, SAT};
use crate::util::{stderr, Workdir};

#[test]
fn header_below_a_title_row_is_found() {
    let w = Workdir::new();
    w.fixture("edge/header_on_row_3.xlsx");
    w.run_ok();
    let files = w.table("files.csv");
    assert_eq!(files[0]["header_row"], "3");
    assert_eq!(files[0]["rows_read"], "4");
    assert_counts(&w, "header on row 3", 1);
    let text = w.table("free_text.csv");
    assert!(
        text.iter().all(|r| !r["text"].contains("typed from paper")),
        "title row is not data"
    );
}

#[test]
fn messy_labels_match_their_options() {
    let w = Workdir::new();
    w.fixture("edge/messy_labels.csv");
    w.run_ok();
    assert_counts(&w, "messy labels", 1);
    assert!(w.table("unmatched_answers.csv").is_empty());
}

#[test]
fn blank_row_is_rejected_with_its_row_number() {
    let w = Workdir::new();
    w.fixture("edge/blank_row.csv");
    w.run_ok();
    let files = w.table("files.csv");
    assert_eq!(
        (
            files[0]["rows_read"].as_str(),
            files[0]["rows_used"].as_str(),
            files[0]["rows_rejected"].as_str()
        ),
        ("5", "4", "1")
    );
    let diagnostics = w.table("data_quality.csv");
    let blank: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["message"].contains("blank row"))
        .collect();
    assert_eq!(blank.len(), 1);
    // Header on row 1, two respondents on rows 2-3, the blank row is row 4.
    assert_eq!(blank[0]["row"], "4");
    assert_eq!(blank[0]["file"], "blank_row.csv");
    assert_counts(&w, "blank row", 1);
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("Rows: 5 read = 4 used + 1 rejected"));
}

#[test]
fn unknown_answer_is_reported_with_its_place_and_not_counted() {
    let w = Workdir::new();
    w.fixture("edge/unknown_answer.csv");
    let out = w.run(&["run"]);
    assert!(out.status.success(), "warnings alone do not fail a run");
    assert!(
        stderr(&out).contains("unknown_answer.csv, sheet 'csv', row 3, column C"),
        "{}",
        stderr(&out)
    );
    let unmatched = w.table("unmatched_answers.csv");
    assert_eq!(unmatched.len(), 1);
    let u = &unmatched[0];
    assert_eq!(
        (u["row"].as_str(), u["answer"].as_str(), u["scale"].as_str()),
        ("3", "Rather satisfied", "satisfaction")
    );
    assert!(u["column"].starts_with("C ("));
    let summary = w.table("likert_summary.csv");
    let sat = summary
        .iter()
        .find(|r| r["group"] == "overall" && r["question"] == SAT)
        .unwrap();
    assert_eq!(sat["n"], "3", "the unknown answer is left out of n");
    // --strict turns the warning into a failing exit status.
    let strict = w.run(&["run", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn corrupt_file_is_named_and_the_rest_of_the_batch_is_reported() {
    let w = Workdir::new();
    w.fixture("edge/corrupt.xlsx")
        .fixture("formats/forms_export.xlsx");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1), "a failed file fails the run");
    let err = stderr(&out);
    assert!(
        err.contains("error: corrupt.xlsx: not a readable Excel (xlsx) file"),
        "{err}"
    );
    assert_counts(&w, "forms export", 1);
    let files = w.table("files.csv");
    let bad = files.iter().find(|f| f["file"] == "corrupt.xlsx").unwrap();
    assert_eq!(bad["status"], "failed");
    assert!(!bad["reason"].is_empty());
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("1 file could not be read"));
    assert!(briefing.contains("Files: 1 read, 1 failed"));
}
