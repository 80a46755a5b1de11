//! Exports made by other people, read with no definition as a new user would: three public
//! Carpentries exports and three files in the documented layouts of SurveyMonkey, Qualtrics
//! and Google Forms (origin and licence in tests/fixtures/real/README.md). Each count pinned
//! here is what a person counting the file finds (the README gives the Python that counts
//! them independently).

use crate::util::{counts, expect, stderr, Workdir};
use std::collections::BTreeMap;
use std::path::Path;

fn run(fixture: &str) -> Workdir {
    let w = Workdir::new();
    w.fixture(&format!("real/{fixture}"));
    let out = w.run(&["run"]);
    assert!(out.status.success(), "{fixture}: {}", stderr(&out));
    w
}

fn overall(w: &Workdir, question: &str) -> Vec<(String, u64)> {
    counts(&w.table("likert_counts.csv"), "overall", question)
}

fn summary(w: &Workdir, question: &str) -> BTreeMap<String, String> {
    w.table("likert_summary.csv")
        .into_iter()
        .find(|r| r["group"] == "overall" && r["question"] == question)
        .unwrap_or_else(|| panic!("no summary for {question}"))
}

/// A number of a table (written with four decimals: compared to 5e-5).
fn number(row: &BTreeMap<String, String>, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} = {:?}", row[column]))
}

fn briefing(w: &Workdir) -> String {
    std::fs::read_to_string(w.report("briefing.md")).unwrap()
}

fn checks(w: &Workdir, check: &str) -> Vec<String> {
    w.table("data_quality.csv")
        .into_iter()
        .filter(|r| r["check"] == check)
        .map(|r| r["column"].clone())
        .collect()
}

/// The Carpentries instructor-training post-survey (120 rows): agreement, frequency, pace,
/// lecture/hands-on balance, amount new, ability, knowledge and motivation scales, and a
/// 0-10 recommendation, all recognised from the answers alone.
#[test]
fn carpentries_instructor_training_worded_scales_are_recognised() {
    let w = run("carpentries_instructor_training_post.csv");
    assert_eq!(
        overall(&w, "Pace"),
        expect(&[
            ("Too slow", 5),
            ("Slightly slow", 30),
            ("Just right", 46),
            ("Slightly fast", 29),
            ("Too fast", 1)
        ])
    );
    assert_eq!(
        overall(&w, "Trainers clear answers"),
        expect(&[("All of the time", 56), ("Often", 52), ("Sometimes", 3)])
    );
    assert_eq!(
        overall(&w, "Knowledge novice post"),
        expect(&[
            ("Extensive knowledge of topic", 57),
            ("Some knowledge of topic", 48),
            ("Little or no knowledge of topic", 3)
        ])
    );
    // "About half of it" is written with non-breaking spaces in the file.
    assert_eq!(
        overall(&w, "New information"),
        expect(&[
            ("All of it", 3),
            ("Most of it", 36),
            ("About half of it", 40),
            ("Some of it", 29),
            ("None of it", 0)
        ])
    );
    assert_eq!(
        overall(&w, "Information reasonable time"),
        expect(&[
            ("Strongly Agree", 23),
            ("Agree", 65),
            ("Neither Agree nor Disagree", 7),
            ("Disagree", 15),
            ("Strongly Disagree", 1)
        ])
    );
    // 0-10: scores are the numbers themselves, the favourable share is 9 or 10.
    let ltr = summary(&w, "Likely to recommend");
    assert_eq!(ltr["n"], "107");
    assert!((number(&ltr, "mean") - 8.065420560747663).abs() < 5e-5);
    assert!((number(&ltr, "top2_percent") - 100.0 * 45.0 / 107.0).abs() < 5e-5);
    // A centred scale has no mean; its favourable share is the middle.
    let pace = summary(&w, "Pace");
    assert_eq!(pace["mean"], "");
    let b = briefing(&w);
    assert!(
        b.contains("**Pace** \u{2014} 41.4% answered \"Just right\""),
        "{b}"
    );
    // Chosen from a list: categories, counted, never a mean or a headline.
    let complete: u64 = overall(&w, "Complete training").iter().map(|c| c.1).sum();
    assert_eq!(complete, 108);
    assert_eq!(summary(&w, "Complete training")["mean"], "");
    assert!(!b.contains("**CompleteTraining**"));
    // The per-person code is metadata, never a question.
    let all: Vec<String> = w
        .table("likert_counts.csv")
        .into_iter()
        .map(|r| r["question"].clone())
        .chain(
            w.table("free_text.csv")
                .into_iter()
                .map(|r| r["question"].clone()),
        )
        .collect();
    assert!(!all.iter().any(|q| q == "UniqueID" || q == "Date"));
}

/// The Carpentries long-term survey (120 rows): Yes./No./Not sure. with full stops, "I
/// don't remember." as don't know, and a coded count with "3+".
#[test]
fn carpentries_long_term_yes_no_and_coded_counts() {
    let w = run("carpentries_long_term_2017.csv");
    assert_eq!(
        overall(&w, "Contributed to writing"),
        expect(&[("Yes.", 31), ("No.", 41), ("Not sure.", 35)])
    );
    let s = summary(&w, "Contributed to writing");
    assert_eq!(s["n_substantive"], "72");
    assert!((number(&s, "top2_percent") - 100.0 * 31.0 / 72.0).abs() < 5e-5);
    assert_eq!(
        overall(&w, "Recommended"),
        expect(&[("Yes.", 80), ("No.", 8), ("I don't remember.", 13)])
    );
    assert_eq!(
        overall(&w, "How many workshops"),
        expect(&[("1", 101), ("2", 15), ("3+", 3)])
    );
    assert_eq!(summary(&w, "How many workshops")["mean"], "");
    assert_eq!(summary(&w, "Likely to recommend")["n"], "101");
    // SurveyMonkey's option columns flattened under `Column2`, `Column3` ...: one
    // tick-all-that-apply question each, the base being those who ticked anything.
    let ticked = |question: &str, option: &str| -> (String, String) {
        let r = w
            .table("multi_select.csv")
            .into_iter()
            .find(|r| r["group"] == "overall" && r["question"] == question && r["option"] == option)
            .unwrap_or_else(|| panic!("{question}: {option}"));
        (r["respondents"].clone(), r["base"].clone())
    };
    assert_eq!(
        ticked("Field", "Life Sciences"),
        ("42".into(), "116".into())
    );
    assert_eq!(ticked("Content", "Git"), ("92".into(), "114".into()));
    // Named as the export heads the column, not in words.
    assert!(checks(&w, "assumed_scale").contains(&"Likely-To-Recommend".to_string()));
}

/// CarpentryCon 2020 session feedback (124 rows): every rating typed as a number, sessions
/// named in a column, one session title double-encoded (`Â¡Traduciendo!`).
#[test]
fn carpentrycon_numbers_are_counted_on_their_full_range() {
    let w = run("carpentrycon_2020_sessions.csv");
    assert_eq!(
        overall(&w, "Presenters prepared"),
        expect(&[("5", 97), ("4", 20), ("3", 5), ("2", 2), ("1", 0)])
    );
    let nps = summary(&w, "nps");
    assert_eq!(nps["n"], "124");
    assert!((number(&nps, "mean") - 8.919354838709678).abs() < 5e-5);
    // A length in numbers is not "higher is better": categories, no mean.
    assert_eq!(
        overall(&w, "Satisfaction session length"),
        expect(&[("1", 11), ("2", 101), ("3", 11)])
    );
    assert_eq!(summary(&w, "Satisfaction session length")["mean"], "");
    let groups: Vec<String> = w
        .table("likert_summary.csv")
        .into_iter()
        .map(|r| r["group"].clone())
        .collect();
    assert!(groups.contains(&"¡Traduciendo!".to_string()));
    assert!(!groups.iter().any(|g| g.contains('Â')));
}

/// SurveyMonkey layout: confidence, quality, usefulness, likelihood, importance,
/// favourability (with "Unfamiliar"), frequency, amount, end-labelled numbers in three
/// forms, Yes/No/Not sure and a coded directorate.
#[test]
fn surveymonkey_families_and_end_labelled_numbers() {
    let w = run("surveymonkey_member_training.csv");
    assert_eq!(
        overall(
            &w,
            "How confident do you now feel scrutinising children's services?"
        ),
        expect(&[
            ("Very confident", 7),
            ("Fairly confident", 10),
            ("Not very confident", 3),
            ("Not at all confident", 2)
        ])
    );
    let fav = "How do you feel about the new scrutiny arrangements?";
    assert_eq!(
        overall(&w, fav),
        expect(&[
            ("Very favourably", 7),
            ("Mostly favourably", 7),
            ("Neither favourably nor unfavourably", 1),
            ("Mostly unfavourably", 2),
            ("Very unfavourably", 4),
            ("Unfamiliar", 1)
        ])
    );
    assert_eq!(summary(&w, fav)["n_substantive"], "21");
    let amount = "Was the amount of material in the session...";
    assert_eq!(
        overall(&w, amount),
        expect(&[
            ("Too little", 1),
            ("Slightly too little", 0),
            ("About right", 16),
            ("Slightly too much", 0),
            ("Too much", 5)
        ])
    );
    let dashboard = "How often will you use the data dashboard?";
    assert_eq!(
        overall(&w, dashboard),
        expect(&[("Always 5", 4), ("4", 4), ("3", 12), ("2", 2), ("1", 0)])
    );
    assert!((number(&summary(&w, dashboard), "mean") - 76.0 / 22.0).abs() < 5e-5);
    assert_eq!(
        overall(
            &w,
            "I understand the role of the Director of Children's Services"
        ),
        expect(&[
            ("5 - Strongly agree", 7),
            ("4", 10),
            ("3", 2),
            ("2", 2),
            ("1 - Strongly disagree", 1)
        ])
    );
    assert_eq!(
        overall(&w, "Please rate the venue"),
        expect(&[
            ("5 (Excellent)", 9),
            ("4", 6),
            ("3", 4),
            ("2", 2),
            ("1 (Poor)", 1)
        ])
    );
    let recommend = "Would you recommend this session to another member?";
    assert_eq!(
        overall(&w, recommend),
        expect(&[("Yes", 16), ("No", 1), ("Not sure", 5)])
    );
    let b = briefing(&w);
    assert!(
        b.contains(&format!("**{recommend}** \u{2014} 94.1% answered \"Yes\"")),
        "{b}"
    );
    let directorate = "Which directorate do you sit on the committee for? (code)";
    assert_eq!(
        overall(&w, directorate),
        expect(&[("1", 11), ("2", 4), ("3", 4), ("4", 1), ("5", 2)])
    );
    assert_eq!(summary(&w, directorate)["mean"], "");
    let assumed = checks(&w, "assumed_scale");
    assert!(assumed.contains(&dashboard.to_string()), "{assumed:?}");
    assert!(b.contains("the higher is assumed the more favourable"));
}

/// Qualtrics layout: three header rows (the ImportId row with NUL characters), every
/// metadata column, a Yes/No question, a matrix, a 0-10 question whose text states its
/// ends, and a per-person code under a question-like header.
#[test]
fn qualtrics_yes_no_matrix_and_stated_range() {
    let w = run("qualtrics_member_training.csv");
    let objectives = "Did the session meet its objectives?";
    assert_eq!(overall(&w, objectives), expect(&[("Yes", 18), ("No", 2)]));
    assert!(briefing(&w).contains(&format!("**{objectives}** \u{2014} 90.0% answered \"Yes\"")));
    assert_eq!(
        overall(&w, "The presenter knew the subject"),
        expect(&[
            ("Strongly agree", 11),
            ("Agree", 8),
            ("Neither agree nor disagree", 0),
            ("Disagree", 1),
            ("Strongly disagree", 0)
        ])
    );
    let ltr = "How likely are you to recommend this training to a colleague? (0 = not at all likely, 10 = extremely likely)";
    let s = summary(&w, ltr);
    assert!((number(&s, "mean") - 8.7).abs() < 5e-5);
    assert!((number(&s, "top2_percent") - 55.0).abs() < 5e-5);
    assert_eq!(overall(&w, ltr).len(), 11, "0 to 10");
    let ids = checks(&w, "identifier_column");
    assert!(ids.contains(&"Your attendance code".to_string()), "{ids:?}");
    let questions: Vec<String> = w
        .table("likert_summary.csv")
        .into_iter()
        .map(|r| r["question"].clone())
        .collect();
    assert!(!questions
        .iter()
        .any(|q| q.contains("IP") || q.contains("Location")));
}

/// Google Forms: a Yes/No question answered Yes by 28 of 30 has the headline of the share
/// answering Yes (it once read "0.0% answered 'Yes, in full' or 'Yes, partly'").
#[test]
fn google_forms_yes_no_headline_says_yes() {
    let w = run("google_forms_yes_no.csv");
    let q = "Did the training meet your expectations?";
    assert_eq!(overall(&w, q), expect(&[("Yes", 28), ("No", 2)]));
    let b = briefing(&w);
    assert!(
        b.contains(&format!("**{q}** \u{2014} 93.3% answered \"Yes\"")),
        "{b}"
    );
    assert!(!b.contains("Yes, in full"));
    let changed = "Has the training changed how you will question officers?";
    assert_eq!(
        overall(&w, changed),
        expect(&[("Yes", 24), ("No", 3), ("Don't know", 3)])
    );
}

/// Identifiers planted in the fixtures (tests/fixtures/real/make_platform_exports.py) and
/// the Carpentries per-person codes.
const PLANTED: &[&str] = &[
    "81.2.",
    "@example.gov.uk",
    "07700",
    "11400000000",
    "11400039595",
    "2joche",
    "1joang",
    "Sharon",
    "Gareth",
    "Llewellyn",
    "Whitaker",
    "Okafor",
    "MacLeod",
    "Hargreaves",
];

/// Text of every published file of a report (everything outside `internal/`); the tidy
/// Parquet's text columns are read back with polars.
fn published_text(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                if p.file_name().unwrap() != "internal" {
                    stack.push(p);
                }
                continue;
            }
            let name = p.display().to_string();
            match p.extension().and_then(|e| e.to_str()) {
                Some("png") => {}
                Some("docx") | Some("xlsx") => {
                    use std::io::Read;
                    let bytes = std::fs::read(&p).unwrap();
                    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                    for i in 0..zip.len() {
                        let mut part = zip.by_index(i).unwrap();
                        if part.name().unwrap().ends_with("xml")
                            || part.name().unwrap().ends_with(".rels")
                        {
                            let mut text = String::new();
                            part.read_to_string(&mut text).unwrap();
                            out.push((format!("{name}:{}", part.name().unwrap()), text));
                        }
                    }
                }
                Some("parquet") => {
                    use polars::prelude::*;
                    let df = ParquetReader::new(std::fs::File::open(&p).unwrap())
                        .finish()
                        .unwrap();
                    for c in df.columns() {
                        if let Ok(s) = c.str() {
                            let text: Vec<&str> = s.iter().flatten().collect();
                            out.push((name.clone(), text.join("\n")));
                        }
                    }
                }
                _ => out.push((
                    name,
                    String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
                )),
            }
        }
    }
    out
}

/// No published file of a run over every real export holds an IP address, e-mail, phone
/// number, respondent id value or planted name; every SVG written is well-formed XML.
#[test]
fn nothing_identifying_is_published_and_every_svg_parses() {
    let w = Workdir::new();
    for f in [
        "carpentries_instructor_training_post.csv",
        "carpentries_long_term_2017.csv",
        "surveymonkey_member_training.csv",
        "qualtrics_member_training.csv",
        "google_forms_yes_no.csv",
    ] {
        w.fixture(&format!("real/{f}"));
    }
    w.run_ok();
    let ipv4 = regex::Regex::new(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b").unwrap();
    let email = regex::Regex::new(r"[\w.+-]+@[\w-]+\.[\w.]+").unwrap();
    let files = published_text(&w.path().join("reports/input"));
    assert!(files.len() > 10, "{files:?}");
    for (name, text) in &files {
        for p in PLANTED {
            assert!(!text.contains(p), "{p} in {name}");
        }
        if !name.ends_with(".svg") {
            assert!(!ipv4.is_match(text), "an IP address in {name}");
        }
        assert!(!email.is_match(text), "an e-mail address in {name}");
        assert!(!text.contains('\u{0}'), "a NUL character in {name}");
        if name.ends_with(".svg") {
            let mut reader = quick_xml::Reader::from_str(text);
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name} is not well-formed XML: {e}"),
                }
            }
        }
    }
    assert!(files.iter().any(|(n, _)| n.ends_with(".svg")));
}

/// The same over the layout fixtures of every platform (Microsoft Forms' Email and Name
/// columns, SurveyMonkey's and Qualtrics' metadata): no e-mail or IP address is published.
#[test]
fn layout_fixtures_publish_no_contact_details() {
    let w = Workdir::new();
    let dir = crate::util::repo().join("tests/fixtures/layouts");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".py"))
        .collect();
    names.sort();
    for n in &names {
        w.fixture(&format!("layouts/{n}"));
    }
    w.run_ok();
    let email = regex::Regex::new(r"[\w.+-]+@[\w-]+\.[\w.]+").unwrap();
    for (name, text) in published_text(&w.path().join("reports/input")) {
        assert!(!email.is_match(&text), "an e-mail address in {name}");
    }
}

/// Names and contact details typed where no answer goes: a file name, session names, question
/// headers and a comment. None is published; two sessions whose names redact alike stay two
/// sessions; the terminal and `internal/` keep the names as written, so the analyst can find
/// the file. The options of a choice question are the form's words and keep them ("Who
/// referred you?" answered from a list), while contact details in them would go.
#[test]
fn names_in_file_names_sessions_and_headers_are_not_published() {
    let w = Workdir::new();
    let file = "Feedback from Sharon Whitaker 07700 900111.csv";
    let mut csv = String::from(
        "Session,How useful was the talk by Gareth Okafor?,Who referred you?,Any comments for Priya Hargreaves (priya.h@example.gov.uk)?\n",
    );
    let useful = [
        "Very useful",
        "Useful",
        "Very useful",
        "Not very useful",
        "Useful",
        "Very useful",
    ];
    for (s, session) in ["Call 07700 900222", "Call 07700 900333"]
        .iter()
        .enumerate()
    {
        for (i, answer) in useful.iter().enumerate() {
            let referred = if i % 2 == 0 {
                "Margaret Llewellyn"
            } else {
                "Clerk"
            };
            let answer = if s == 1 && i == 5 {
                "ring me on 07700 900456"
            } else {
                answer
            };
            csv.push_str(&format!(
                "{session},{answer},{referred},Thanks to Gareth Okafor\n"
            ));
        }
    }
    w.write(file, &csv);
    let out = w.run(&["run"]);
    let err = stderr(&out);
    assert!(
        err.contains(file),
        "the terminal names the file as written: {err}"
    );

    let published = published_text(&w.path().join("reports/input"));
    assert!(published.len() > 5, "{published:?}");
    for (name, text) in &published {
        for p in [
            "07700",
            "Sharon",
            "Whitaker",
            "Gareth",
            "Okafor",
            "Priya",
            "Hargreaves",
            "@example",
        ] {
            assert!(!text.contains(p), "{p} in {name}");
        }
    }
    // Two sessions, each with its six respondents, under names told apart.
    let q = "How useful was the talk by [name]?";
    let first = counts(&w.table("likert_counts.csv"), "Call [phone]", q);
    let second = counts(&w.table("likert_counts.csv"), "Call [phone] (2)", q);
    let total = |c: &[(String, u64)]| c.iter().map(|(_, n)| n).sum::<u64>();
    assert_eq!(
        (total(&first), total(&second)),
        (6, 5),
        "{first:?} {second:?}"
    );
    assert!(
        overall(&w, q).contains(&("Very useful".to_string(), 5)),
        "{:?}",
        overall(&w, q)
    );
    let referred = overall(&w, "Who referred you?");
    assert!(
        referred.contains(&("Margaret Llewellyn".to_string(), 6)),
        "{referred:?}"
    );
    // The analyst's copy keeps the file as named.
    let internal = std::fs::read_to_string(w.report("internal/data_quality.csv")).unwrap();
    assert!(internal.contains(file), "{internal}");
}
