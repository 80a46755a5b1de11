//! Free text: codebook themes on the seed's own comments, a comment in two themes, uncoded
//! comments kept, quotes, keywords, and redaction of contact details and names everywhere the
//! text leaves the pipeline. Fixture: tests/fixtures/free_text/ (written by hand).

use crate::util::{read_csv, stderr, Workdir};
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

const LEARNED: &str = "What have you learned today?";
const IMPROVED: &str = "What could be improved?";
const OTHER: &str = "Any other comments?";

/// theme -> respondents for one group and question of `themes.csv`.
fn themes(w: &Workdir, group: &str, question: &str) -> BTreeMap<String, u64> {
    w.table("themes.csv")
        .into_iter()
        .filter(|r| r["group"] == group && r["question"] == question)
        .map(|r| (r["theme"].clone(), r["respondents"].parse().unwrap()))
        .collect()
}

fn report_text(w: &Workdir, rel: &str) -> String {
    std::fs::read_to_string(w.report(rel)).unwrap()
}

/// The seed's Appendix 1 comments (the sample's free text) fall into sensible themes.
#[test]
fn seed_comments_fall_into_sensible_themes() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let learned = themes(&w, "overall", LEARNED);
    // "...a councillors role and responsibilities...", "...fulfil our responsibilities",
    // "Schools responsibilities for LAC"... (six while "councillors" alone counted, as in
    // "To check with other councillors and the area they are working on").
    assert_eq!(learned["Relevance to role"], 5, "{learned:?}");
    // "Scale of Corporate Parenting in RMBC; Statistics; Costs to RMBC", "information/data",
    // "More information on outcomes".
    assert_eq!(learned["Data and statistics"], 3, "{learned:?}");
    assert_eq!(learned.get("(no theme)"), Some(&1), "{learned:?}");
    let not_understood = themes(&w, "overall", "What do you still not understand?");
    assert_eq!(
        not_understood.into_iter().collect::<Vec<_>>(),
        [("Data and statistics".to_string(), 1)],
        "\"Figures still don't add up\""
    );
    let uncoded = w.table("uncoded_comments.csv");
    assert!(uncoded
        .iter()
        .any(|r| r["text"] == "Setting up a working group"));
    let briefing = report_text(&w, "briefing.md");
    // "Be a more informed and effective councillor" was coded as information (a stem shared
    // with "informed") and as relevance to role ("councillor"); now it fits no theme.
    for comment in [
        "Setting up a working group",
        "Be a more informed and effective councillor; To be more proactive and not reactive - going further than the face value",
        "To be vigilant that all external reports are not always accurate; To check with other councillors and the area they are working on",
    ] {
        assert!(uncoded.iter().any(|r| r["text"] == comment), "{comment}");
    }
    assert!(
        briefing.contains("**Comments no theme fits (2)**\n\n- Be a more informed and effective councillor; To be more proactive and not reactive - going further than the face value\n- Setting up a working group"),
        "{briefing}"
    );
    assert!(briefing.contains("![Themes of the free-text answers](charts/free_text_themes.png)"));
    assert!(w.report("charts/free_text_themes.png").is_file());
    assert!(w.report("charts/free_text_themes.svg").is_file());
    // A comment is quoted under one theme of its question only ("All of it; very
    // informative; very engaging session" was quoted twice).
    let quotes = w.table("quotes.csv");
    let mut seen = std::collections::BTreeSet::new();
    for q in &quotes {
        assert!(
            seen.insert((q["question"].clone(), q["text"].clone())),
            "quoted twice: {q:?}"
        );
    }
    assert!(quotes.len() > 10);
    // Every answer is coded or uncoded: nothing lost.
    let answers = w.table("free_text.csv").len();
    let any_theme: usize = w
        .table("themes.csv")
        .iter()
        .filter(|r| r["group"] == "overall" && r["theme"] != "(no theme)")
        .count();
    assert!(any_theme > 0 && answers == 24);
}

fn comments() -> Workdir {
    let w = Workdir::new();
    w.fixture("free_text/comments.csv");
    w.attendance("free_text/roster.csv", "roster.csv");
    std::fs::write(
        w.path().join("input/evalboard.toml"),
        "[text]\nnames = [\"Jane Smith\"]\n",
    )
    .unwrap();
    w
}

#[test]
fn a_comment_in_two_themes_counts_in_both_and_one_in_none_is_kept() {
    let w = comments();
    w.run_ok();
    let improved = themes(&w, "overall", IMPROVED);
    // "More time for discussion and questions": two themes, one respondent each.
    assert_eq!(improved["Time and pacing"], 1);
    assert_eq!(improved["Discussion and interaction"], 1);
    assert_eq!(improved["Practical guidance"], 1, "More case studies");
    assert_eq!(improved["(no theme)"], 1, "Nothing");
    let rows = w.table("themes.csv");
    let share = rows
        .iter()
        .find(|r| r["question"] == IMPROVED && r["theme"] == "Time and pacing")
        .unwrap();
    assert_eq!(share["share"], "25.0000", "1 of the 4 who answered");
    let uncoded: Vec<String> = w
        .table("uncoded_comments.csv")
        .into_iter()
        .map(|r| r["text"].clone())
        .collect();
    assert!(uncoded.contains(&"Nothing".to_string()));
    assert!(uncoded.contains(&"Smith Street car park was full".to_string()));
}

/// The seed's contact-line forms, a postcode, a configured name and a roster member (by
/// title and surname) never reach the tables, the briefing or the published tidy Parquet.
#[test]
fn contact_details_and_names_are_redacted_everywhere_the_tidy_table_included() {
    let w = comments();
    w.run_ok();
    let raw = [
        "jane.smith@example.gov.uk",
        "(01709) 822765",
        "822765",
        "S60 2TH",
        "Jane Smith",
        "Cllr Khan",
    ];
    for rel in [
        "tables/free_text.csv",
        "tables/quotes.csv",
        "tables/uncoded_comments.csv",
        "tables/keywords.csv",
        "briefing.md",
    ] {
        let text = report_text(&w, rel);
        for r in raw {
            assert!(!text.contains(r), "{r} in {rel}:\n{text}");
        }
    }
    let free: Vec<String> = w
        .table("free_text.csv")
        .into_iter()
        .filter(|r| r["question"] == OTHER)
        .map(|r| r["text"].clone())
        .collect();
    assert_eq!(
        free,
        [
            "Please send the slides to [email]",
            "Ring me on [phone] about the resource pack",
            "My surgery is at [postcode] if anyone wants to talk",
            "[name] explained the data well and [name] was excellent",
            "Smith Street car park was full",
        ]
    );
    use polars::prelude::*;
    let file = std::fs::File::open(w.report("internal/PERSONAL-DATA_responses.parquet")).unwrap();
    let df = ParquetReader::new(file).finish().unwrap();
    let answers: Vec<&str> = df
        .column("answer")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    for r in raw {
        assert!(
            !answers.iter().any(|a| a.contains(r)),
            "{r} in the tidy Parquet"
        );
    }
    assert!(answers.contains(&"Please send the slides to [email]"));
    assert!(report_text(&w, "briefing.md").contains("(4 comments changed)"));
}

#[test]
fn redaction_can_be_switched_off() {
    let w = comments();
    std::fs::write(
        w.path().join("input/evalboard.toml"),
        "[text]\nredact = false\n",
    )
    .unwrap();
    w.run_ok();
    assert!(report_text(&w, "tables/free_text.csv").contains("(01709) 822765"));
    assert!(report_text(&w, "briefing.md").contains("Redaction is switched off"));
}

/// A theme of the definition, an exclusion, and one quote per theme (protection off: the
/// fixture's sessions are smaller than the default threshold, and no comment of a session
/// that small is quoted).
#[test]
fn definition_codebook_and_quotes() {
    let w = comments();
    std::fs::write(
        w.path().join("input/evalboard.toml"),
        "[disclosure]\nthreshold = 1\n\n[text]\nquotes = 1\n\n[[text.theme]]\nname = \"Venue\"\nwords = [\"car park\", \"surgery\"]\nexclude = [\"surgery is at\"]\n",
    )
    .unwrap();
    w.run_ok();
    let other = themes(&w, "overall", OTHER);
    assert_eq!(other["Venue"], 1, "{other:?}");
    let quotes = w.table("quotes.csv");
    let venue: Vec<&Row> = quotes.iter().filter(|q| q["theme"] == "Venue").collect();
    assert_eq!(venue.len(), 1);
    assert_eq!(venue[0]["text"], "Smith Street car park was full");
    assert!(quotes.iter().all(|q| q["rank"] == "1"), "quotes = 1");
    let keywords = read_csv(&w.report("tables/keywords.csv"));
    assert!(keywords.iter().any(|k| k["question"] == IMPROVED));
}

#[test]
fn bad_text_settings_name_the_line() {
    let w = comments();
    let toml = w.path().join("input/evalboard.toml");
    std::fs::write(&toml, "[text]\nredaction = false\n").unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 2") && stderr(&out).contains("redaction"),
        "{}",
        stderr(&out)
    );
    std::fs::write(
        &toml,
        "[text]\n\n[[text.theme]]\nname = \"Venue\"\nwords = []\n",
    )
    .unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("theme 'Venue' lists no words"),
        "{}",
        stderr(&out)
    );
}

/// An evalboard.toml holding only `[text]` (or `[attendance]`) settings used to leave the run
/// with no questions at all; the questions are now inferred and the settings kept.
#[test]
fn regression_a_definition_with_only_settings_still_infers_the_questions() {
    let w = comments();
    w.run_ok();
    let counts = w.table("likert_counts.csv");
    let very = counts
        .iter()
        .find(|r| r["group"] == "overall" && r["option"] == "Very satisfied")
        .unwrap();
    assert_eq!(very["count"], "3");
    assert!(w.run(&["validate", "input"]).status.success());
}
