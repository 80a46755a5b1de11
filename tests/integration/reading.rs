//! Reading any export as its respondents saw it: one regression test for each way a real
//! export was misread (issue: "counted by structure, ordered by evidence"). Each file is
//! written here in the shape the export had, with the counts a person reading it finds.

use crate::util::{counts, expect, stderr, Workdir};
use std::collections::BTreeMap;

fn question(w: &Workdir, label: &str) -> BTreeMap<String, String> {
    w.published("questions.csv")
        .into_iter()
        .find(|q| q["question"] == label)
        .unwrap_or_else(|| {
            panic!(
                "no question {label:?} in {:?}",
                w.published("questions.csv")
            )
        })
}

fn overall(w: &Workdir, label: &str) -> Vec<(String, u64)> {
    counts(&w.table("likert_counts.csv"), "overall", label)
}

fn ticked(w: &Workdir, label: &str) -> Vec<(String, u64)> {
    w.table("multi_select.csv")
        .iter()
        .filter(|r| r["group"] == "overall" && r["question"] == label)
        .map(|r| (r["option"].clone(), r["respondents"].parse().unwrap()))
        .collect()
}

/// Every published text file of the report (tables, Markdown, HTML, JSON).
fn published(w: &Workdir) -> String {
    fn walk(dir: &std::path::Path, out: &mut String) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() && name != "internal" {
                walk(&p, out);
            } else if [".csv", ".md", ".html", ".json"]
                .iter()
                .any(|x| name.ends_with(x))
            {
                out.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = String::new();
    walk(&w.report(""), &mut out);
    out
}

/// A gender question, a question with long unfamiliar options (one written in under
/// "Other") and options explained after a dash fell to free text.
#[test]
fn regression_unfamiliar_and_long_choices_are_counted() {
    let w = Workdir::new();
    let long = [
        "Within children's services, reporting to the director",
        "In the chief executive's office",
        "A shared service across two councils",
    ];
    let mut csv = String::from("Gender,Where does your team sit?,How was the booking?\n");
    for i in 0..20 {
        let gender = ["Woman", "Man", "Prefer not to say", "Woman"][i % 4];
        let team = if i == 7 {
            "it's just me and a part-time officer who also covers licensing and elections"
        } else {
            long[i % 3]
        };
        let booking = ["Excellent – no problems", "Fair – some delays"][i % 2];
        csv.push_str(&format!("{gender},\"{team}\",{booking}\n"));
    }
    w.write("feedback.csv", &csv);
    w.run_ok();
    assert_eq!(question(&w, "Gender")["read_as"], "categories");
    assert_eq!(
        overall(&w, "Gender"),
        expect(&[("Woman", 10), ("Man", 5), ("Prefer not to say", 5)])
    );
    let team = overall(&w, "Where does your team sit?");
    assert_eq!(team.iter().map(|(_, n)| n).sum::<u64>(), 19, "{team:?}");
    // The written-in answer is set apart, listed as the question's comment.
    let comments = w.table("free_text.csv");
    assert!(
        comments
            .iter()
            .any(|c| c["question"] == "Where does your team sit? (other)"),
        "{comments:?}"
    );
    // On the library's quality scale by their leading words, in the export's words.
    assert_eq!(
        question(&w, "How was the booking?")["read_as"],
        "rating in words"
    );
    let booking = overall(&w, "How was the booking?");
    assert!(
        booking.contains(&("Excellent – no problems".to_string(), 10)),
        "{booking:?}"
    );
    assert!(
        booking.contains(&("Fair – some delays".to_string(), 10)),
        "{booking:?}"
    );
}

/// "Satisfied", "Dissatisfied" and "Neither satisfied nor dissatisfied" were tabled in the
/// library's words ("Fairly satisfied" ...).
#[test]
fn regression_answers_keep_the_exports_words() {
    let w = Workdir::new();
    w.write(
        "satisfaction.csv",
        "How satisfied were you?\nSatisfied\nDissatisfied\nNeither satisfied nor dissatisfied\nSatisfied\nVery satisfied\n",
    );
    w.run_ok();
    assert_eq!(
        overall(&w, "How satisfied were you?"),
        expect(&[
            ("Very satisfied", 1),
            ("Satisfied", 2),
            ("Neither satisfied nor dissatisfied", 1),
            ("Dissatisfied", 1),
        ])
    );
}

/// A 1-5 item with a single 0 was read on 0-10, its 4s and 5s drawn as neutral; nothing said
/// a scale was assumed.
#[test]
fn regression_one_stray_value_does_not_move_a_scale_and_assumed_scales_are_warned() {
    let w = Workdir::new();
    let mut csv = String::from("The presenters were clear\n");
    for i in 0..124 {
        let v = if i == 0 { 0 } else { [5, 4, 4, 5, 3][i % 5] };
        csv.push_str(&format!("{v}\n"));
    }
    w.write("clear.csv", &csv);
    let out = w.run(&["run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let q = "The presenters were clear";
    let c = overall(&w, q);
    assert_eq!(
        c.iter().map(|(o, _)| o.as_str()).collect::<Vec<_>>(),
        ["5", "4", "3", "2", "1"]
    );
    // The 0 is reported out of range, with its place; the scale is an assumption.
    let unmatched = w.table("unmatched_answers.csv");
    assert_eq!(unmatched.len(), 1);
    assert_eq!(
        (
            unmatched[0]["row"].as_str(),
            unmatched[0]["answer"].as_str()
        ),
        ("2", "0")
    );
    assert_eq!(question(&w, q)["order"], "assumed: needs checking");
    // The terminal's summary line counts it as a warning (with the 0's), and says why.
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(summary.contains("2 warnings"), "{summary}");
    assert!(stderr(&out).contains("both assumed"), "{}", stderr(&out));
    // No document headlines it; the annex lists it as needing checking.
    let evaluation = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(!evaluation.contains("answered “5”"), "{evaluation}");
    assert!(!evaluation.contains("strongest result"), "{evaluation}");
    let annex = std::fs::read_to_string(w.report("technical_annex.md")).unwrap();
    assert!(annex.contains("Needs checking"), "{annex}");
    assert!(
        annex.contains("| The presenters were clear | numbers from 1 to 5"),
        "{annex}"
    );
}

/// 0/1 items were read on 0-10 (favourable share 0%), and a 1-6 item on 1-7.
#[test]
fn regression_binary_and_six_point_items_keep_their_range() {
    let w = Workdir::new();
    let mut csv = String::from("Reusable,Rate the day\n");
    for i in 0..12 {
        csv.push_str(&format!("{},{}\n", i % 2, 1 + i % 6));
    }
    w.write("items.csv", &csv);
    w.run_ok();
    let codes = |q: &str| -> Vec<String> { overall(&w, q).into_iter().map(|(o, _)| o).collect() };
    assert_eq!(codes("Reusable"), ["1", "0"]);
    assert_eq!(codes("Rate the day"), ["6", "5", "4", "3", "2", "1"]);
}

/// SurveyMonkey repeats a question's title over each of its option columns, the option in the
/// second header row; Typeform and Google Forms put a column titled "Other" after several
/// questions. The whole file was refused for its repeated titles.
#[test]
fn regression_repeated_titles_are_read() {
    let w = Workdir::new();
    let topics = "Which topics helped?";
    w.write(
        "monkey.csv",
        &format!(
            "Respondent ID,{topics},{topics},{topics},{topics},How did you hear?,Other,Your role,Other\n,Data,Case studies,The law,Other (please specify),Response,,Response,\n1,Data,,The law,,Email,,Member,\n2,,Case studies,,Visits,Colleague,,Officer,\n3,Data,Case studies,,,Email,,Member,Co-optee\n4,Data,,,,Poster,a friend told me,Member,\n"
        ),
    );
    let out = w.run(&["run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(question(&w, topics)["read_as"], "multi-select");
    assert_eq!(
        ticked(&w, topics),
        expect(&[("Data", 3), ("Case studies", 2), ("The law", 1)])
    );
    // Each "Other" column holds the written-in answers of the question before it.
    let comments = w.table("free_text.csv");
    let of = |q: &str| comments.iter().filter(|c| c["question"] == q).count();
    assert_eq!(of("Which topics helped? (other)"), 1);
    assert_eq!(of("How did you hear? (other)"), 1);
    assert_eq!(of("Your role (other)"), 1);
}

/// A row of snake_case variable names over the question text was read with the variable
/// names as questions and the question text as a response.
#[test]
fn regression_a_second_header_row_of_question_text_is_the_header() {
    let w = Workdir::new();
    let mut csv = String::from("resp_id,q1_useful,q2_pace\nRespondent,How useful was the session overall?,Was the pace of the session right?\n");
    for i in 0..6 {
        csv.push_str(&format!(
            "{i},{},{}\n",
            ["Very useful", "Quite useful"][i % 2],
            ["Too fast", "About right", "About right"][i % 3]
        ));
    }
    w.write("variables.csv", &csv);
    w.run_ok();
    let files = w.table("files.csv");
    assert_eq!(files[0]["rows_read"], "6", "{files:?}");
    assert_eq!(
        overall(&w, "How useful was the session overall?")[..2],
        expect(&[("Very useful", 3), ("Quite useful", 3)])
    );
    // `init` keeps the variable names as the questions' ids.
    assert!(w.run(&["init", "input"]).status.success());
    let toml = std::fs::read_to_string(w.path().join("input/evalboard.toml")).unwrap();
    assert!(toml.contains("id = \"q1_useful\""), "{toml}");
}

/// Multi-select packed in one cell with "; " (an events platform) or ", " (Google Forms,
/// whose options may hold commas) fell to free text.
#[test]
fn regression_packed_multi_select_is_counted_per_option() {
    let w = Workdir::new();
    let mixed = "Mixed (conferences, workshops)";
    let cells = [
        ("Git; Python", format!("Lectures, {mixed}")),
        ("Python", "Lectures".to_string()),
        ("Git; Python; R", mixed.to_string()),
        ("R; Git", "Labs, Lectures".to_string()),
        ("Git", format!("Labs, {mixed}, Lectures")),
        ("Python; R", "Labs".to_string()),
    ];
    let mut csv = String::from("Which tools do you use?,Which formats do you teach?\n");
    for (a, b) in &cells {
        csv.push_str(&format!("{a},\"{b}\"\n"));
    }
    w.write("packed.csv", &csv);
    w.run_ok();
    assert_eq!(
        ticked(&w, "Which tools do you use?"),
        expect(&[("Git", 4), ("Python", 4), ("R", 3)])
    );
    assert_eq!(
        ticked(&w, "Which formats do you teach?"),
        expect(&[("Lectures", 4), (mixed, 3), ("Labs", 3)])
    );
}

/// `.tsv` was not read ("holds no spreadsheet exports"); a `;`-separated CSV, as European
/// Excel saves it, is read by its content.
#[test]
fn regression_tab_and_semicolon_separated_files_are_read() {
    let w = Workdir::new();
    w.write(
        "google.tsv",
        "Timestamp\tHow satisfied were you?\n2024/01/10 18:00:00\tVery satisfied\n2024/01/11 18:00:00\tFairly satisfied\n",
    );
    w.write(
        "excel.csv",
        "How satisfied were you?;Rating\nVery satisfied;4,5\nVery satisfied;3,5\n",
    );
    w.run_ok();
    let files = w.table("files.csv");
    assert!(files.iter().all(|f| f["status"] == "read"), "{files:?}");
    assert_eq!(
        overall(&w, "How satisfied were you?")[..2],
        expect(&[("Very satisfied", 3), ("Fairly satisfied", 1)])
    );
}

/// An `evalboard.toml` holding only `[columns] session = [...]` exited with "question 'q1'
/// ... matches no column" instead of inferring the rest.
#[test]
fn regression_a_partial_definition_completes_inference() {
    let w = Workdir::new();
    w.write(
        "induction.csv",
        "Course,How satisfied were you?,Any comments?\nInduction,Very satisfied,Good\nInduction,Fairly satisfied,\nRefresher,Very satisfied,More please\n",
    );
    w.write("evalboard.toml", "[columns]\nsession = [\"Course\"]\n");
    let out = w.run(&["run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "Induction", "How satisfied were you?")[..2],
        expect(&[("Very satisfied", 1), ("Fairly satisfied", 1)])
    );
    assert_eq!(w.table("free_text.csv").len(), 2);
}

/// A column of participants' full names under a header that is no platform's name field was
/// read as comments, and every name printed in the documents.
#[test]
fn regression_a_column_of_names_is_never_published() {
    let w = Workdir::new();
    let names = [
        "Sharon Whitaker",
        "David Okafor",
        "Priya Hargreaves",
        "Gareth Llewellyn",
        "Fiona MacLeod",
        "Ruth Ellery",
        "Adebayo Okonkwo",
        "Margaret Nowak",
    ];
    let mut csv = String::from("Name of the participant,How satisfied were you?\n");
    for (i, n) in names.iter().enumerate() {
        csv.push_str(&format!(
            "{n},{}\n",
            ["Very satisfied", "Fairly satisfied"][i % 2]
        ));
    }
    w.write("names.csv", &csv);
    w.run_ok();
    let text = published(&w);
    for n in names {
        let surname = n.split(' ').nth(1).unwrap();
        assert!(!text.contains(surname), "{surname} published");
    }
    let dq = w.table("data_quality.csv");
    assert!(
        dq.iter()
            .any(|d| d["check"] == "identifier_column" && d["column"] == "Name of the participant"),
        "{dq:?}"
    );
}

/// A trainer's full name written in a comment survived redaction, while a town that is one
/// of a choice question's options was redacted to [name].
#[test]
fn regression_names_in_comments_go_and_options_stay() {
    let w = Workdir::new();
    let mut csv = String::from("Which office are you based in?,Any other comments?\n");
    for i in 0..8 {
        let office = ["Milton Keynes", "Bedford"][i % 2];
        let comment = match i {
            0 => "Professor Ormsby explained it well",
            1 => "Thanks to Adaeze Okonkwo-Smith and Dr Nakamura",
            _ => "",
        };
        csv.push_str(&format!("{office},{comment}\n"));
    }
    w.write("offices.csv", &csv);
    w.run_ok();
    assert_eq!(
        overall(&w, "Which office are you based in?"),
        expect(&[("Milton Keynes", 4), ("Bedford", 4)])
    );
    let text = published(&w);
    for name in ["Ormsby", "Nakamura"] {
        assert!(!text.contains(name), "{name} published");
    }
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files_under(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A CSV file larger than `[limits] stream_above_mb` is read a run of rows at a time, never
/// held whole: its report is the very report of the same file read whole (every count,
/// comment, finding and the tidy Parquet file), including a column whose first answer comes
/// after the rows kept to decide the layout, a blank row, a repeated id and an answer that
/// fits no option.
#[test]
fn a_csv_file_read_in_parts_gives_the_report_of_the_file_read_whole() {
    let options = [
        "Very satisfied",
        "Satisfied",
        "Neither satisfied nor dissatisfied",
        "Dissatisfied",
        "Very dissatisfied",
    ];
    let rows = evalboard::ingest::SAMPLE_ROWS + 2_000;
    let mut text = String::from(
        "Response ID,Session,How satisfied were you?,What could be improved?,Any other comments\n",
    );
    for i in 0..rows {
        if i == 500 {
            text.push_str(",,,,\n");
            continue;
        }
        let id = if i == rows - 10 { 7 } else { i };
        let session = ["Scrutiny 2016-06-24", "Corporate parenting 2016-07-22"][i % 2];
        let rating = if i == 9_000 {
            "Very satisfied!!"
        } else {
            options[(i * 7 + i / 3) % 5]
        };
        let improve = if i % 7 == 0 {
            format!("\"More time, please ({i})\"")
        } else {
            String::new()
        };
        let late = if i > rows - 300 && i % 3 == 0 {
            "Thank you"
        } else {
            ""
        };
        text.push_str(&format!("{id},{session},{rating},{improve},{late}\n"));
    }
    // Read whole, read in parts, read in parts on one thread (other waves of runs).
    let reports: Vec<std::collections::BTreeMap<String, Vec<u8>>> =
        [(1024, "2"), (0, "2"), (0, "1")]
            .iter()
            .map(|(mb, threads)| {
                let w = Workdir::new();
                w.write("export.csv", &text);
                w.write(
                    "evalboard.toml",
                    &format!("[limits]\nstream_above_mb = {mb}\n"),
                );
                let out = w.run(&["run", "--threads", threads]);
                assert!(out.status.success(), "{}", stderr(&out));
                files_under(&w.path().join("reports/input"))
            })
            .collect();
    let names: Vec<&String> = reports[0].keys().collect();
    for other in &reports[1..] {
        assert_eq!(names, other.keys().collect::<Vec<_>>());
        for name in &names {
            assert!(reports[0][*name] == other[*name], "{name} differs");
        }
    }
    let w = Workdir::new();
    w.write("export.csv", &text);
    w.write("evalboard.toml", "[limits]\nstream_above_mb = 0\n");
    w.run_ok();
    let comments = w.table("free_text.csv");
    assert_eq!(
        comments.iter().filter(|c| c["text"] == "Thank you").count(),
        (rows - 299..rows).filter(|i| i % 3 == 0).count()
    );
    let files = w.table("files.csv");
    assert_eq!(files[0]["rows_read"], rows.to_string());
    assert_eq!(files[0]["rows_rejected"], "1");
}
