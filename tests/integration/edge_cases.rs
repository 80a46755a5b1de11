//! Messy input: each fixture in tests/fixtures/edge/ is named after its case.

use crate::util::fixture::{self, assert_counts, SAT};
use crate::util::{counts, expect, stderr, Workdir};

#[test]
fn header_below_a_title_row_is_found() {
    let w = Workdir::new();
    w.fixture("edge/header_on_row_3.xlsx");
    w.run_ok();
    let files = w.table("files.csv");
    assert_eq!(files[0]["header_row"], "3");
    assert_eq!(files[0]["rows_read"], "4");
    assert_counts(&w, "Header on row 3", 1);
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
    // Counted on their options, and shown in the export's own words: each option's most
    // written spelling (the library's on a tie), its spacing made single.
    let rows = w.table("likert_counts.csv");
    assert_eq!(
        counts(&rows, "Messy labels", fixture::SAT),
        expect(&[
            ("Very satisfied", 2),
            ("Fairly satisfied.", 1),
            ("Neither satisfied or dissatisfied", 0),
            ("Fairly dissatisfied", 0),
            ("Very dissatisfied", 0),
            ("Don\u{2019}t know", 1),
        ])
    );
    assert_eq!(
        counts(&rows, "Messy labels", fixture::FAC),
        expect(&[
            ("strongly agree", 1),
            ("Agree", 2),
            ("Neither agree nor disagree", 0),
            ("disagree", 1),
            ("Strongly disagree", 0),
        ])
    );
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
    assert_counts(&w, "Blank row", 1);
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("Rows: 5 read = 4 used + 1 rejected"));
}

/// An answer outside the library's scale that looks like one of its options ("Rather
/// satisfied") is an option of the form the library lacks, whose place in the order nobody
/// knows: the question is counted as categories in the export's words, with no mean.
#[test]
fn an_unknown_option_makes_the_question_categories() {
    let w = Workdir::new();
    w.fixture("edge/unknown_answer.csv");
    w.run_ok();
    let rows = w.table("likert_counts.csv");
    assert_eq!(
        counts(&rows, "overall", SAT),
        expect(&[
            ("Very satisfied", 2),
            ("Rather satisfied", 1),
            ("Don't know", 1)
        ])
    );
    let questions = w.published("questions.csv");
    let sat = questions.iter().find(|q| q["question"] == SAT).unwrap();
    assert_eq!(sat["read_as"], "categories");
    assert!(w.table("unmatched_answers.csv").is_empty());
}

/// A misspelt option stays on its scale: reported with its place, left out of the counts.
#[test]
fn a_misspelt_answer_is_reported_with_its_place_and_not_counted() {
    let w = Workdir::new();
    w.write(
        "typo.csv",
        "ID,How satisfied were you with this session?\n1,Very satisfied\n2,Fairly satisfied\n3,Very satisifed\n4,Very satisfied\n5,Fairly dissatisfied\n",
    );
    let out = w.run(&["run"]);
    assert!(out.status.success(), "warnings alone do not fail a run");
    assert!(
        stderr(&out).contains("typo.csv, sheet 'csv', row 4, column B"),
        "{}",
        stderr(&out)
    );
    let unmatched = w.table("unmatched_answers.csv");
    assert_eq!(unmatched.len(), 1);
    let u = &unmatched[0];
    assert_eq!(
        (
            u["row"].as_str(),
            u["answer"].as_str(),
            u["nearest_option"].as_str()
        ),
        ("4", "Very satisifed", "Very satisfied")
    );
    let summary = w.table("likert_summary.csv");
    let sat = summary
        .iter()
        .find(|r| r["group"] == "overall" && r["question"] == SAT)
        .unwrap();
    assert_eq!(sat["n"], "4", "the misspelt answer is left out of n");
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
    assert_counts(&w, "Forms", 1);
    let files = w.table("files.csv");
    let bad = files.iter().find(|f| f["file"] == "corrupt.xlsx").unwrap();
    assert_eq!(bad["status"], "failed");
    assert!(!bad["reason"].is_empty());
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("1 file could not be read"));
    assert!(briefing.contains("Files: 1 read, 1 failed"));
}
