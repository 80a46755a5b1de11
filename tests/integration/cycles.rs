//! Training cycles compared: this cycle beside earlier ones, read from their report folders.

use crate::util::{stderr, Workdir};

const SESSION: &str = "input/Corporate parenting induction 2016-07-22.csv";

/// Runs the sample as cycle `label`, its report written to `out/input`.
fn run_cycle(w: &Workdir, label: &str, out: &str, compare: &[&str]) -> std::process::Output {
    w.write(
        "evalboard.toml",
        &format!("[report]\ncycle = \"{label}\"\n"),
    );
    let mut args = vec!["run", "input", "--out", out];
    if !compare.is_empty() {
        args.push("--compare");
        args.extend(compare);
    }
    let result = w.run(&args);
    assert!(result.status.success(), "{}", stderr(&result));
    result
}

fn evaluation(w: &Workdir, out: &str) -> String {
    std::fs::read_to_string(w.path().join(out).join("input/evaluation.md")).unwrap()
}

/// The earlier cycle is the sample with 7 of its 22 members "Very dissatisfied" instead of
/// "Very satisfied"; this cycle is the sample as it is.
#[test]
fn a_rise_since_the_last_cycle_is_found_and_said_with_both_counts() {
    let w = Workdir::new();
    w.sample();
    let path = w.path().join(SESSION);
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        original.replace(",Very satisfied,", ",Very dissatisfied,"),
    )
    .unwrap();
    run_cycle(&w, "2015-16", "earlier", &[]);
    std::fs::write(&path, &original).unwrap();
    run_cycle(&w, "2016-17", "reports", &["earlier/input"]);

    let table = w.table("cycles.csv");
    let satisfied: Vec<_> = table
        .iter()
        .filter(|r| r["question"].starts_with("Please rate how satisfied"))
        .collect();
    assert_eq!(satisfied.len(), 2);
    assert_eq!(
        [
            &satisfied[0]["cycle"],
            &satisfied[0]["favourable"],
            &satisfied[0]["answered"]
        ],
        ["2015-16", "15", "22"]
    );
    let now = satisfied[1];
    assert_eq!([&now["cycle"], &now["favourable"]], ["2016-17", "22"]);
    // statsmodels 0.15.0: confint_proportions_2indep(22, 22, 15, 22, method="newcomb")
    // = (0.10372441823619569, 0.5268140225895726).
    assert_eq!(
        [
            &now["change_since"],
            &now["change"],
            &now["change_ci_low"],
            &now["change_ci_high"]
        ],
        ["2015-16", "31.8182", "10.3724", "52.6814"]
    );
    assert_eq!(now["beyond_chance"], "true");
    // The unchanged questions: no change, not beyond chance.
    assert_eq!(
        table
            .iter()
            .filter(|r| r["beyond_chance"] == "false")
            .count(),
        3
    );
    let doc = evaluation(&w, "reports");
    assert!(doc.contains("## Compared with earlier cycles"), "{doc}");
    // The chart: a dot per cycle on each question, described for those who cannot see it.
    let svg = std::fs::read_to_string(w.report("charts/cycles.svg")).unwrap();
    assert!(svg.contains(">Favourable answers by training cycle: 2015-16, 2016-17</title>"));
    assert!(svg.contains("68% \u{2192} 100%"));
    assert!(w.report("charts/cycles.png").exists());
    assert!(doc.contains("](charts/cycles.png)"));
    assert!(doc.contains("| Please rate how satisfied you were with this session, overall: | 15 of 22 (68%) | 22 of 22 (100%) |"));
    assert!(doc.contains("“Please rate how satisfied you were with this session, overall”: 22 of 22 (100%) favourable this cycle, against 15 of 22 (68%) in 2015-16, a rise beyond chance."));
}

#[test]
fn a_cycle_like_the_last_shows_no_change() {
    let w = Workdir::new();
    w.sample();
    run_cycle(&w, "2015-16", "earlier", &[]);
    run_cycle(&w, "2016-17", "reports", &["earlier/input"]);
    assert!(w
        .table("cycles.csv")
        .iter()
        .all(|r| r["beyond_chance"] != "true"));
    assert!(evaluation(&w, "reports").contains(
        "No question's share of favourable answers changed since the last cycle by more than chance would explain."
    ));
}

/// A report of the previous schema (2: no `council` column) holds every column a comparison
/// reads: it is compared, not refused.
#[test]
fn a_report_of_the_previous_schema_is_still_compared() {
    use polars::prelude::*;
    let w = Workdir::new();
    w.sample();
    run_cycle(&w, "2015-16", "earlier", &[]);
    let path = w
        .path()
        .join("earlier/input/internal/PERSONAL-DATA_responses.parquet");
    let mut df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap()
        .drop("council")
        .unwrap();
    let footer =
        KeyValueMetadata::from_static(vec![("evalboard.tidy_schema".to_string(), "2".to_string())]);
    ParquetWriter::new(std::fs::File::create(&path).unwrap())
        .with_key_value_metadata(Some(footer))
        .finish(&mut df)
        .unwrap();
    run_cycle(&w, "2016-17", "reports", &["earlier/input"]);
    assert!(evaluation(&w, "reports").contains("Compared with earlier cycles"));
}

/// A report written before the tidy table had the columns a comparison needs: a clear
/// message saying what to do, and nothing written.
#[test]
fn a_report_from_an_older_version_is_refused_with_what_to_do() {
    use polars::prelude::*;
    let w = Workdir::new();
    w.sample();
    let internal = w.path().join("old/internal");
    std::fs::create_dir_all(&internal).unwrap();
    let mut df = df!("question" => ["Q"], "option" => ["Yes"]).unwrap();
    let file = std::fs::File::create(internal.join("PERSONAL-DATA_responses.parquet")).unwrap();
    ParquetWriter::new(file).finish(&mut df).unwrap();
    let out = w.run(&["run", "--compare", "old"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("earlier cycle old: it was written by an older evalboard")
            && err.contains("re-run that cycle from its exports with this version"),
        "{err}"
    );
    assert!(!w.report("manifest.json").exists());
    let missing = w.run(&["run", "--compare", "nowhere"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("pass the report folder of that cycle"));
}

/// A question reworded since the last cycle is matched by giving it, in the definition, the
/// label it had then: the comparison and the document use the label.
#[test]
fn a_reworded_question_is_matched_through_its_label_in_the_definition() {
    let sheets = |header: &str, good: usize| {
        let mut text = format!("ID,\"{header}\"\n");
        for i in 0..20 {
            let answer = if i < good {
                "Very satisfied"
            } else {
                "Fairly dissatisfied"
            };
            text.push_str(&format!("{},{answer}\n", i + 1));
        }
        text
    };
    let w = Workdir::new();
    w.write(
        "Member training 2024-01-10.csv",
        &sheets("How satisfied were you?", 10),
    )
    .write("evalboard.toml", "[report]\ncycle = \"2023-24\"\n");
    let earlier = w.run(&["run", "input", "--out", "earlier"]);
    assert!(earlier.status.success(), "{}", stderr(&earlier));
    std::fs::remove_file(w.path().join("input/Member training 2024-01-10.csv")).unwrap();
    w.write(
        "Member training 2025-01-15.csv",
        &sheets("Overall, how satisfied were you with the session?", 18),
    )
    .write(
        "evalboard.toml",
        "[report]\ncycle = \"2024-25\"\n\n[[question]]\nid = \"satisfied\"\nheader = \"Overall, how satisfied were you with the session?\"\nlabel = \"How satisfied were you?\"\nscale = \"satisfaction\"\n",
    );
    let now = w.run(&["run", "--compare", "earlier/input"]);
    assert!(now.status.success(), "{}", stderr(&now));
    let table = w.table("cycles.csv");
    let cells: Vec<(&str, &str, &str)> = table
        .iter()
        .map(|r| {
            (
                r["question"].as_str(),
                r["cycle"].as_str(),
                r["favourable"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("How satisfied were you?", "2023-24", "10"),
            ("How satisfied were you?", "2024-25", "18")
        ]
    );
    assert_eq!(table[1]["beyond_chance"], "true");
}
