//! The bundled sample reproduces Appendix 1 of the Corporate Parenting Panel paper of
//! 27 September 2016 ("Members' role as Corporate Parents 2016 (Induction) - Summary of
//! evaluation sheets", shared/seeds/004_57e00222afc73e48.txt).

use crate::util::{counts, expect, Workdir};
use std::collections::BTreeMap;

const OBJECTIVES: &str = "Were your objectives achieved?";
const RELEVANCE: &str = "To what extent did the session cover issues relevant to your role?";
const SATISFIED: &str = "Please rate how satisfied you were with this session, overall:";
const EXPECTATIONS: &str = "Overall, did the session...";

#[test]
fn overall_counts_equal_the_seed_appendix() {
    let w = Workdir::new();
    w.sample();
    let out = w.run_ok();
    assert!(String::from_utf8_lossy(&out.stdout).contains("22 responses from 2 sessions"));
    let rows = w.table("likert_counts.csv");
    // "Of 22 responses:" and the counts as printed in the appendix.
    assert_eq!(
        counts(&rows, "overall", OBJECTIVES),
        expect(&[
            ("Yes, in full", 15),
            ("Yes, partly", 7),
            ("No, not at all", 0),
            ("Too early to say", 0)
        ])
    );
    assert_eq!(
        counts(&rows, "overall", RELEVANCE),
        expect(&[
            ("To a great extent", 16),
            ("To a moderate extent", 6),
            ("To a small extent", 0),
            ("Not at all", 0)
        ])
    );
    assert_eq!(
        counts(&rows, "overall", SATISFIED),
        expect(&[
            ("Very satisfied", 18),
            ("Fairly satisfied", 4),
            ("Neither satisfied or dissatisfied", 0),
            ("Fairly dissatisfied", 0),
            ("Very dissatisfied", 0),
            ("Don't know", 0),
        ])
    );
    assert_eq!(
        counts(&rows, "overall", EXPECTATIONS),
        expect(&[
            ("Exceed your expectations", 9),
            ("Meet your expectations", 13),
            ("Fall short of your expectations", 0)
        ])
    );
}

#[test]
fn free_text_answers_are_the_seed_comments() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let rows = w.table("free_text.csv");
    let mut per_question: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *per_question.entry(r["question"].as_str()).or_default() += 1;
    }
    // The appendix lists 11, 1, 5, 5, 1 and 1 answers under its six open questions.
    assert_eq!(per_question["What have you learned today?"], 11);
    assert_eq!(per_question["What do you still not understand?"], 1);
    assert_eq!(per_question["What will you consider doing differently?"], 5);
    assert_eq!(per_question["What did you find most beneficial?"], 5);
    assert_eq!(per_question["How could the session be improved?"], 1);
    assert_eq!(per_question["Any other comments?"], 1);
    assert!(rows
        .iter()
        .any(|r| r["text"] == "Figures still don't add up"));
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("- Setting up a working group"));
    assert!(briefing.contains("Of 22 responses:"));
}

#[test]
fn summary_gives_means_and_wilson_intervals() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let rows = w.table("likert_summary.csv");
    let row = rows
        .iter()
        .find(|r| r["group"] == "overall" && r["question"] == OBJECTIVES)
        .unwrap();
    assert_eq!(row["n"], "22");
    assert_eq!(row["n_substantive"], "22");
    // Scores 3, 2, 1 for "Yes, in full", "Yes, partly", "No, not at all": (15*3 + 7*2) / 22.
    assert_eq!(row["mean"], format!("{:.4}", 59.0 / 22.0));
    assert_eq!(row["top2_percent"], "100.0000");
    // statsmodels 0.15.0 proportion_confint(22, 22, method="wilson") = (0.851345..., 1.0).
    assert_eq!(row["top2_ci_low"], "85.1345");
    assert_eq!(row["top2_ci_high"], "100.0000");
    let row = rows
        .iter()
        .find(|r| {
            r["group"] == "Corporate parenting induction 2016-07-22"
                && r["question"] == EXPECTATIONS
        })
        .unwrap();
    // 4 exceed, 6 meet: (4*3 + 6*2) / 10.
    assert_eq!(row["mean"], "2.4000");
}

#[test]
fn report_folder_holds_every_output() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    for rel in [
        "briefing.md",
        "manifest.json",
        "internal/PERSONAL-DATA_responses.parquet",
        "tables/likert_counts.csv",
        "tables/likert_summary.csv",
        "tables/free_text.csv",
        "tables/data_quality.csv",
        "charts/likert_overall.png",
        "charts/likert_overall.svg",
        "charts/likert_session_corporate-parenting-induction-2016-06-24.png",
        "charts/likert_session_corporate-parenting-induction-2016-07-22.svg",
    ] {
        let p = w.report(rel);
        assert!(
            p.is_file() && std::fs::metadata(&p).unwrap().len() > 0,
            "{rel} missing or empty"
        );
    }
    let png = std::fs::read(w.report("charts/likert_overall.png")).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let svg = std::fs::read_to_string(w.report("charts/likert_overall.svg")).unwrap();
    assert!(
        svg.contains("Were your objectives"),
        "question labels are text in the SVG"
    );
    // Each scale's legend gives its own answers, in scale order.
    let at = |text: &str| {
        svg.find(text)
            .unwrap_or_else(|| panic!("{text} not in the legend"))
    };
    assert!(at("Yes, in full") < at("Yes, partly") && at("Yes, partly") < at("No, not at all"));
    assert!(at("Very satisfied") < at("Fairly satisfied"));
    assert!(!svg.contains("Most favourable"));
    let parquet = std::fs::read(w.report("internal/PERSONAL-DATA_responses.parquet")).unwrap();
    assert_eq!(&parquet[..4], b"PAR1");
    // The footer names the version of the columns (README, "The tidy table").
    use polars::prelude::SerReader;
    let mut reader = polars::prelude::ParquetReader::new(std::io::Cursor::new(parquet));
    let footer = reader.get_metadata().unwrap().key_value_metadata.clone();
    let version = footer
        .unwrap_or_default()
        .into_iter()
        .find(|kv| kv.key == "evalboard.tidy_schema")
        .and_then(|kv| kv.value);
    assert_eq!(version.as_deref(), Some("3"));
    let tidy = reader.finish().unwrap();
    // The 15 "Yes, in full": scored 3 of 3, favourable, in the cycle named after the folder.
    let text = |name: &str| tidy.column(name).unwrap().str().unwrap().clone();
    let (option, cycle) = (text("option"), text("cycle"));
    let score = tidy.column("score").unwrap().u32().unwrap().clone();
    let favourable = tidy.column("favourable").unwrap().bool().unwrap().clone();
    let yes: Vec<usize> = (0..tidy.height())
        .filter(|&i| option.get(i) == Some("Yes, in full"))
        .collect();
    assert_eq!(yes.len(), 15);
    assert!(yes
        .iter()
        .all(|&i| score.get(i) == Some(3) && favourable.get(i) == Some(true)));
    assert!(cycle.iter().all(|c| c == Some("input")));
    // The council of `[report]` in every row: a pool of councils' reports needs nothing else.
    let council = text("council");
    assert!(council
        .iter()
        .all(|c| c == Some("Rotherham Metropolitan Borough Council")));
    // The session's date, from its name.
    let session_date = text("session_date");
    let dates: std::collections::BTreeSet<Option<&str>> = session_date.iter().collect();
    assert_eq!(
        dates.into_iter().collect::<Vec<_>>(),
        [Some("2016-06-24"), Some("2016-07-22")]
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.report("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["tidy_schema"], "3");
    assert_eq!(
        manifest["council"],
        "Rotherham Metropolitan Borough Council"
    );
    assert_eq!(manifest["cycle"], "input");
    assert_eq!(manifest["rows"]["read"], 22);
    assert_eq!(manifest["rows"]["used"], 22);
    // Evaluation exports, the roster and records, the baseline and review.
    assert_eq!(manifest["inputs"].as_array().unwrap().len(), 6);
    assert_eq!(
        manifest["inputs"][5]["file"],
        "self_assessment/Scrutiny self-assessment review 2023-09.csv"
    );
    assert_eq!(manifest["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    let outputs = manifest["outputs"].as_array().unwrap();
    assert!(outputs
        .iter()
        .any(|o| o["path"] == "tables/likert_counts.csv"));
}

#[test]
fn runs_are_byte_identical_whatever_the_thread_count() {
    let w = Workdir::new();
    w.sample();
    let one = w.run(&["run", "--threads", "1", "--out", "one"]);
    let two = w.run(&["run", "--threads", "2", "--out", "two"]);
    assert!(one.status.success() && two.status.success());
    let files = |root: &str| {
        let base = w.path().join(root).join("input");
        let mut found = Vec::new();
        let mut stack = vec![base.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    found.push(p.strip_prefix(&base).unwrap().to_path_buf());
                }
            }
        }
        found.sort();
        found
    };
    let (a, b) = (files("one"), files("two"));
    assert_eq!(a, b);
    assert!(a.len() >= 14);
    for rel in &a {
        let x = std::fs::read(w.path().join("one/input").join(rel)).unwrap();
        let y = std::fs::read(w.path().join("two/input").join(rel)).unwrap();
        assert!(x == y, "{} differs between runs", rel.display());
    }
}

#[test]
fn tidy_table_has_one_row_per_respondent_and_question_answered() {
    use polars::prelude::*;
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let file = std::fs::File::open(w.report("internal/PERSONAL-DATA_responses.parquet")).unwrap();
    let df = ParquetReader::new(file).finish().unwrap();
    let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "cycle",
            "council",
            "file",
            "sheet",
            "row",
            "session",
            "session_date",
            "respondent",
            "question_id",
            "question",
            "kind",
            "scale",
            "answer",
            "option",
            "position",
            "score",
            "substantive",
            "favourable",
            "weight"
        ]
    );
    // 22 respondents x 4 scale questions, plus the appendix's 24 free-text answers.
    assert_eq!(df.height(), 22 * 4 + 24);
    // Every row is one respondent's answer: nothing here comes from a tally sheet.
    let weight = df.column("weight").unwrap().u32().unwrap();
    assert!(weight.iter().all(|w| w == Some(1)));
    // The answer as given is kept beside the option it matched.
    let answer = df.column("answer").unwrap().str().unwrap();
    let messy = df.filter(&answer.equal("yes, in full ")).unwrap();
    assert_eq!(messy.height(), 1);
    assert_eq!(
        messy.column("option").unwrap().str().unwrap().get(0),
        Some("Yes, in full")
    );
    assert_eq!(messy.column("row").unwrap().u32().unwrap().get(0), Some(3));
}

/// Every chart of the sample, placed 16 cm wide (an A4 page's text width): text of at least
/// 9 pt, lines of at least 0.5 pt, no taller than the page's text (24.7 cm). Sizes read from
/// the SVGs, whose units are the layout's.
#[test]
fn charts_are_legible_at_print_size() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let pt_per_unit = 16.0 / 2.54 * 72.0 / 800.0;
    let attr = |text: &str, name: &str| -> Vec<f64> {
        text.split(&format!("{name}=\""))
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    };
    let charts = w.report("charts");
    let mut checked = 0;
    for entry in std::fs::read_dir(&charts).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        let svg = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(attr(&svg, "width")[0], 800.0, "{name}");
        let height = attr(&svg, "height")[0];
        assert!(
            height * pt_per_unit <= 24.7 / 2.54 * 72.0,
            "{name}: {height} units tall"
        );
        for size in attr(&svg, "font-size") {
            assert!(
                size * pt_per_unit >= 9.0,
                "{name}: text of {:.1} pt",
                size * pt_per_unit
            );
        }
        for width in attr(&svg, "stroke-width") {
            assert!(
                width * pt_per_unit >= 0.5,
                "{name}: line of {:.2} pt",
                width * pt_per_unit
            );
        }
        assert!(svg.contains(r#"role="img""#) && svg.contains("<desc id=\"chart-desc\">"));
        checked += 1;
    }
    assert!(checked >= 9, "{checked} charts");
}
