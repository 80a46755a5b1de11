//! Each supported format gives the same counts from the same four respondents
//! (tests/fixtures/make_fixtures.py, RESPONDENTS).

use crate::util::fixture::{self, assert_counts};
use crate::util::{counts, expect, Workdir};

const FILES: [(&str, &str); 5] = [
    ("formats/forms_export.xlsx", "Forms"),
    ("formats/legacy_excel.xls", "Legacy excel"),
    ("formats/libreoffice.ods", "Libreoffice"),
    ("formats/google_utf8_bom.csv", "Google utf8 bom"),
    ("formats/excel_windows_1252.csv", "Excel windows 1252"),
];

#[test]
fn xlsx_xls_ods_and_csv_in_utf8_and_windows_1252_give_the_same_counts() {
    let w = Workdir::new();
    for (f, _) in FILES {
        w.fixture(f);
    }
    w.run_ok();
    for (_, session) in FILES {
        assert_counts(&w, session, 1);
    }
    assert_counts(&w, "overall", 5);
    let files = w.table("files.csv");
    assert!(files
        .iter()
        .all(|f| f["status"] == "read" && f["rows_read"] == "4" && f["rows_used"] == "4"));
}

#[test]
fn windows_1252_text_is_decoded_not_mangled() {
    let w = Workdir::new();
    w.fixture("formats/excel_windows_1252.csv");
    w.run_ok();
    let text = w.table("free_text.csv");
    assert!(text
        .iter()
        .any(|r| r["text"] == "Caf\u{e9}-style discussion \u{2013} more please"));
    // "Don’t know" with a curly apostrophe (byte 0x92) is the scale's "Don't know", shown as
    // the export writes it.
    let rows = w.table("likert_counts.csv");
    assert_eq!(
        counts(&rows, "overall", fixture::SAT),
        expect(&[
            ("Very satisfied", 2),
            ("Fairly satisfied", 1),
            ("Neither satisfied or dissatisfied", 0),
            ("Fairly dissatisfied", 0),
            ("Very dissatisfied", 0),
            ("Don\u{2019}t know", 1),
        ])
    );
    assert_eq!(
        counts(&rows, "overall", fixture::FAC),
        fixture::facilitator(1)
    );
    let diagnostics = w.table("data_quality.csv");
    assert!(diagnostics
        .iter()
        .any(|d| d["message"].contains("Windows-1252")));
}
