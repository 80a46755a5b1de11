//! Self-assessment and review: the bundled sample against figures computed independently from
//! its raw files (notebooks/self_assessment_reference.py: pandas, scipy 1.17.1, statsmodels
//! 0.15.0, pingouin 0.7.0), and the edge cases with small exports written by each test.

use crate::util::{stderr, Workdir};
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

/// Two anonymous waves of ratings of one statement, each row `prefix` then the rating: the
/// ratings the Mann-Whitney figures below were computed from with scipy.
fn anonymous_waves(header: &str, prefix: &str) -> Workdir {
    let w = Workdir::new();
    let file = |scores: &[u8]| {
        let mut csv = format!("{header}\n");
        for s in scores {
            csv.push_str(&format!("{prefix}{s}\n"));
        }
        csv
    };
    w.write(
        "self_assessment/Baseline March.csv",
        &file(&[2, 3, 2, 1, 3, 2]),
    );
    w.write(
        "self_assessment/Review September.csv",
        &file(&[4, 4, 3, 3, 5, 4, 4]),
    );
    w
}

fn close(text: &str, want: f64) -> bool {
    text.parse::<f64>().is_ok_and(|v| (v - want).abs() <= 5e-5)
}

fn find<'a>(rows: &'a [Row], pairs: &[(&str, &str)]) -> &'a Row {
    rows.iter()
        .find(|r| pairs.iter().all(|(k, v)| r[*k] == *v))
        .unwrap_or_else(|| panic!("no row with {pairs:?} in {rows:#?}"))
}

fn change_of<'a>(rows: &'a [Row], level: &str, name: &str) -> &'a Row {
    let key = if level == "theme" {
        "theme"
    } else {
        "statement"
    };
    find(rows, &[("level", level), (key, name)])
}

/// notebooks/self_assessment_reference.py on input/self_assessment/: per theme (pairs, mean
/// from, mean to, statistic, p (scipy, asymptotic: every theme has tied changes), Holm p
/// (statsmodels), rank-biserial (pingouin), baseline alpha listwise and pairwise (pingouin)).
/// (theme, pairs, mean from, mean to, statistic, p, Holm p, rank-biserial, alpha, pairwise alpha)
type Reference = (&'static str, u64, f64, f64, f64, f64, f64, f64, f64, f64);

const SAMPLE: [Reference; 6] = [
    (
        "Knowledge of Children's Services",
        13,
        2.326923076923077,
        3.2115384615384617,
        4.0,
        0.003501102302838985,
        0.017505511514194924,
        0.9120879120879122,
        0.9123809523809523,
        0.9123809523809523,
    ),
    (
        "The role of children's scrutiny",
        13,
        2.7115384615384617,
        3.4038461538461537,
        9.5,
        0.020269366451293964,
        0.08107746580517586,
        0.7564102564102564,
        0.8997510749038243,
        0.8997510749038243,
    ),
    (
        "Work programming and planning",
        13,
        2.173076923076923,
        3.5961538461538463,
        1.5,
        0.002039642592417614,
        0.012237855554505683,
        0.9670329670329669,
        0.6810551558752997,
        0.6345076784101176,
    ),
    (
        "Demonstrating value and influence",
        13,
        2.1153846153846154,
        2.576923076923077,
        14.0,
        0.048719149749832644,
        0.14615744924949792,
        0.641025641025641,
        0.8824163969795038,
        0.8873938811468847,
    ),
    (
        "Engagement and working with others",
        13,
        2.576923076923077,
        2.8846153846153846,
        15.0,
        0.20115248605459868,
        0.40230497210919736,
        0.4545454545454546,
        0.7455470737913485,
        0.7455470737913485,
    ),
    (
        "Creating a strong organisational culture",
        13,
        3.0,
        3.076923076923077,
        20.5,
        0.810738259664119,
        0.810738259664119,
        0.08888888888888885,
        0.6703703703703703,
        0.6703703703703703,
    ),
];

#[test]
fn sample_themes_match_scipy_statsmodels_and_pingouin_on_the_raw_files() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let themes = w.table("self_assessment_themes.csv");
    for (theme, pairs, from, to, stat, p, holm, rbc, alpha, alpha_pw) in SAMPLE {
        let c = change_of(&change, "theme", theme);
        assert_eq!(c["test"], "Wilcoxon signed-rank", "{theme}");
        assert_eq!(c["pairs"], pairs.to_string(), "{theme}");
        assert_eq!(c["p_method"], "normal approximation", "{theme}");
        assert_eq!(c["holm_across"], "themes", "{theme}");
        for (col, want) in [
            ("mean_from", from),
            ("mean_to", to),
            ("statistic", stat),
            ("p", p),
            ("p_holm", holm),
            ("rank_biserial", rbc),
        ] {
            assert!(close(&c[col], want), "{theme} {col}: {} vs {want}", c[col]);
        }
        let t = find(&themes, &[("wave", "baseline"), ("theme", theme)]);
        assert!(
            close(&t["alpha_listwise"], alpha),
            "{theme} alpha {}",
            t["alpha_listwise"]
        );
        assert!(
            close(&t["alpha_pairwise"], alpha_pw),
            "{theme} pairwise {}",
            t["alpha_pairwise"]
        );
    }
    let wp = change_of(&change, "theme", "Work programming and planning");
    assert_eq!(wp["direction"], "improved");
    assert_eq!(wp["effect_size"], "large");
    let culture = change_of(&change, "theme", "Creating a strong organisational culture");
    assert_eq!(culture["direction"], "no clear change");
    // Baseline theme means over all 14 members (reference: 2.25 and 2.1607142857142856).
    let k = find(
        &themes,
        &[
            ("wave", "baseline"),
            ("theme", "Knowledge of Children's Services"),
        ],
    );
    assert_eq!(k["members"], "14");
    assert!(close(&k["mean"], 2.25));

    // One statement with a "Don't know" (not rated) and numpy's linear quartiles.
    let items = w.table("self_assessment_items.csv");
    let st = find(
        &items,
        &[
            ("wave", "baseline"),
            (
                "statement",
                "We plan lines of questioning before each meeting",
            ),
        ],
    );
    assert_eq!((st["n"].as_str(), st["not_rated"].as_str()), ("13", "1"));
    assert!(close(&st["mean"], 2.076923076923077) && close(&st["median"], 2.0));
    assert!(close(&st["q1"], 2.0) && close(&st["q3"], 2.0));
    // 24 statements x 2 waves; each wave ranks 3 strengths and 3 areas for development.
    assert_eq!(items.len(), 48);
    for wave in ["baseline", "review"] {
        for standing in ["strength", "area for development"] {
            let n = items
                .iter()
                .filter(|r| r["wave"] == wave && r["standing"] == standing)
                .count();
            assert_eq!(n, 3, "{wave} {standing}");
        }
    }
}

#[test]
fn sample_briefing_charts_and_personal_data() {
    let w = Workdir::new();
    w.sample();
    let out = w.run_ok();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("self-assessment: Baseline (March 2023): 14 members; review (September 2023): 14 members; 13 members in both waves (matched by name)."),
        "{stdout}"
    );
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    for text in [
        "## Self-assessment and review",
        "| Work programming and planning | 2.16 (1.90\u{2013}2.42) | 3.61 (3.25\u{2013}3.96) | +1.42 | 0.97 | 0.012 | **Improved (large)** |",
        "### Strengths and areas for development (review)",
        "### Reliability of the themes",
        "dropped before ranking (Wilcoxon's method)",
        "2 members took part in one wave only",
        "![Theme scores by wave](charts/self_assessment_themes.png)",
    ] {
        assert!(briefing.contains(text), "briefing lacks {text:?}");
    }
    for chart in ["self_assessment_themes", "self_assessment_statements"] {
        let png = std::fs::read(w.report(&format!("charts/{chart}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = std::fs::read_to_string(w.report(&format!("charts/{chart}.svg"))).unwrap();
        assert!(svg.contains("Work programming and planning"), "{chart}");
    }
    let quality = w.table("data_quality.csv");
    let one_wave: Vec<&Row> = quality
        .iter()
        .filter(|r| r["check"] == "member_in_one_wave")
        .collect();
    assert_eq!(one_wave.len(), 2);
    assert!(one_wave.iter().any(|r| r["row"] == "15"
        && r["file"].ends_with("review 2023-09.csv")
        && r["message"].starts_with("the member in this row took part in the review wave only")));
    // Member names are only in internal/, never in the briefing or the tables.
    let scores =
        crate::util::read_csv(&w.report("internal/PERSONAL-DATA_self_assessment_theme_scores.csv"));
    assert_eq!(scores.len(), 28 * 6, "14 + 14 members x 6 themes");
    assert!(!briefing.contains("Oyelaran") && !briefing.contains("Jane Smith"));
    let readme = std::fs::read_to_string(w.report("internal/README.txt")).unwrap();
    assert!(readme.contains("self-assessment theme scores"));
}

/// Baseline and review of one statement with ties and zero differences (3 members gave the
/// same rating twice). scipy 1.17.1 `wilcoxon(review, baseline, method="asymptotic")`
/// (zero_method="wilcox", correction=False) with baseline [2,3,2,1,3,2,4,2,3,2,1,3] and
/// review [4,4,3,3,3,4,4,3,4,2,3,4] -> statistic 0.0, pvalue 0.00616989932054416.
#[test]
fn ties_and_zero_differences_use_the_normal_approximation_and_say_so() {
    let baseline = [2, 3, 2, 1, 3, 2, 4, 2, 3, 2, 1, 3];
    let review = [4, 4, 3, 3, 3, 4, 4, 3, 4, 2, 3, 4];
    let mut csv = String::from("Name,Wave,Work programming and planning [We plan ahead]\n");
    for (i, b) in baseline.iter().enumerate() {
        csv.push_str(&format!("Member {i},baseline,{b}\n"));
    }
    for (i, r) in review.iter().enumerate() {
        csv.push_str(&format!("Member {i},review,{r}\n"));
    }
    let w = Workdir::new();
    w.write("self_assessment/ratings.csv", &csv);
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "We plan ahead");
    assert_eq!(c["p_method"], "normal approximation");
    assert_eq!(c["zero_differences"], "3");
    assert_eq!(
        c["zero_differences_are"],
        "dropped before ranking (Wilcoxon's method)"
    );
    assert!(
        close(&c["statistic"], 0.0) && close(&c["p"], 0.006_169_899_320_544_16),
        "{c:?}"
    );
    assert_eq!(c["rank_biserial"], "1.0000");
    // Numbers 1 to 4 were read as scores on the shortest standard range holding them: the
    // note says so, and where the range came from.
    let quality = w.table("data_quality.csv");
    assert!(quality.iter().any(|r| r["message"]
        .contains("ratings read on the scale 'scores 1-4' (whole numbers 1 to 4), from the shortest standard rating range")));
}

#[test]
fn all_differences_zero_is_no_change_not_a_test() {
    let csv = "Name,Wave,Knowledge of Children's Services [I know the data]\nA,baseline,3\nB,baseline,4\nC,baseline,2\nA,review,3\nB,review,4\nC,review,2\n";
    let w = Workdir::new();
    w.write("self_assessment/ratings.csv", csv);
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "I know the data");
    assert_eq!(c["direction"], "no change");
    assert_eq!(
        (c["pairs"].as_str(), c["zero_differences"].as_str()),
        ("3", "3")
    );
    assert_eq!((c["p"].as_str(), c["p_holm"].as_str()), ("", ""));
    assert!(
        c["summary"].contains("no member's rating changed"),
        "{}",
        c["summary"]
    );
}

/// One member, up by one point: scipy 1.17.1 `wilcoxon([1], method="exact")` -> p 1.0.
#[test]
fn one_member_gives_a_caution_not_a_finding() {
    let csv =
        "Name,Wave,Knowledge of Children's Services [I know the data]\nA,baseline,2\nA,review,3\n";
    let w = Workdir::new();
    w.write("self_assessment/ratings.csv", csv);
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "theme", "Knowledge of Children's Services");
    assert_eq!(
        (c["pairs"].as_str(), c["p"].as_str(), c["p_method"].as_str()),
        ("1", "1.0000", "exact")
    );
    assert_eq!(c["direction"], "no clear change");
    assert!(
        c["caution"].contains("only 1 member compared"),
        "{}",
        c["caution"]
    );
    let themes = w.table("self_assessment_themes.csv");
    let t = find(&themes, &[("wave", "baseline")]);
    assert_eq!(t["alpha_listwise"], "");
    assert!(
        t["reliability_note"].contains("one statement"),
        "{}",
        t["reliability_note"]
    );
}

#[test]
fn a_statement_nobody_answered_is_listed_but_not_tested() {
    let csv = "Name,Wave,Planning [We plan ahead],Planning [We review our programme],Planning [We invite witnesses]\n\
A,baseline,2,3,\nB,baseline,3,3,\nC,baseline,2,4,\n\
A,review,4,4,\nB,review,4,3,\nC,review,3,5,\n";
    let w = Workdir::new();
    w.write("self_assessment/ratings.csv", csv);
    w.run_ok();
    let items = w.table("self_assessment_items.csv");
    let blank = find(
        &items,
        &[("wave", "baseline"), ("statement", "We invite witnesses")],
    );
    assert_eq!((blank["n"].as_str(), blank["mean"].as_str()), ("0", ""));
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "We invite witnesses");
    assert_eq!(c["direction"], "not tested");
    assert_eq!(
        c["summary"],
        "Not tested: no member rated it in either wave."
    );
    // The theme's alpha uses the two statements that were rated.
    let themes = w.table("self_assessment_themes.csv");
    let t = find(&themes, &[("wave", "baseline"), ("theme", "Planning")]);
    assert_eq!(t["alpha_members"], "3");
    assert_ne!(t["alpha_listwise"], "");
}

#[test]
fn a_member_in_one_wave_is_reported_and_left_out_of_the_pairs() {
    let w = Workdir::new();
    w.write(
        "self_assessment/baseline.csv",
        "Name,Planning [We plan ahead]\nCllr Jane Smith,2\nCllr Tom Brown,3\nCllr Ann Green,2\n",
    );
    w.write(
        "self_assessment/review.csv",
        "Name,Planning [We plan ahead]\n\"Smith, Jane\",4\n\"Brown, Tom\",4\nRay New,5\n",
    );
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "We plan ahead");
    assert_eq!(
        (
            c["n_from"].as_str(),
            c["n_to"].as_str(),
            c["pairs"].as_str()
        ),
        ("3", "3", "2")
    );
    assert!(close(&c["mean_from"], 2.5) && close(&c["mean_to"], 4.0));
    let quality = w.table("data_quality.csv");
    let one_wave: Vec<String> = quality
        .iter()
        .filter(|r| r["check"] == "member_in_one_wave")
        .map(|r| format!("{}|{}|{}", r["file"], r["row"], r["message"]))
        .collect();
    assert_eq!(one_wave.len(), 2, "{one_wave:?}");
    assert!(one_wave[0].starts_with("self_assessment/baseline.csv|4|the member in this row took part in the baseline wave only"), "{one_wave:?}");
    assert!(
        one_wave[1].starts_with(
            "self_assessment/review.csv|4|the member in this row took part in the review wave only"
        ),
        "{one_wave:?}"
    );
}

/// Waves without names cannot be paired. scipy 1.17.1 `mannwhitneyu([2,3,2,1,3,2],
/// [4,4,3,3,5,4,4])` (auto -> asymptotic: ties) -> statistic 2.0, pvalue 0.006246673897664982.
#[test]
fn anonymous_waves_are_compared_with_mann_whitney() {
    let w = anonymous_waves("Timestamp,Planning [We plan ahead]", "2023-03-14 18:00,");
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "We plan ahead");
    assert_eq!(c["test"], "Mann-Whitney U");
    assert_eq!(
        (
            c["n_from"].as_str(),
            c["n_to"].as_str(),
            c["pairs"].as_str()
        ),
        ("6", "7", "0")
    );
    assert!(
        close(&c["statistic"], 2.0) && close(&c["p"], 0.006_246_673_897_664_982),
        "{c:?}"
    );
    assert!(
        c["caution"].contains("only 6 members compared"),
        "{}",
        c["caution"]
    );
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("Mann-Whitney U test"));
}

#[test]
fn a_file_without_a_wave_fails_alone_and_bad_rows_are_accounted_for() {
    let w = Workdir::new();
    w.write(
        "self_assessment/baseline.csv",
        "Name,Planning [We plan ahead],Planning [We review]\nA,2,3\n,,\nB,3,Sometimes\nA,4,4\nC,,\n",
    );
    w.write(
        "self_assessment/review.csv",
        "Name,Wave,Planning [We plan ahead],Planning [We review]\nA,review,4,4\nB,later,4,4\n",
    );
    w.write(
        "self_assessment/notes.csv",
        "Name,Planning [We plan ahead]\nA,3\n",
    );
    let out = w.run(&["run"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed file fails the run: {}",
        stderr(&out)
    );
    let quality = w.table("data_quality.csv");
    let checks = |check: &str| -> Vec<(String, String)> {
        quality
            .iter()
            .filter(|r| r["check"] == check)
            .map(|r| (r["file"].clone(), r["row"].clone()))
            .collect()
    };
    let file = |f: &str| format!("self_assessment/{f}");
    assert_eq!(
        checks("unknown_wave"),
        [
            (file("notes.csv"), String::new()),
            (file("review.csv"), "3".into())
        ]
    );
    assert_eq!(checks("row_rejected"), [(file("baseline.csv"), "3".into())]);
    assert_eq!(
        checks("duplicate_respondent"),
        [(file("baseline.csv"), "5".into())]
    );
    assert_eq!(
        checks("blank_response"),
        [(file("baseline.csv"), "6".into())]
    );
    assert_eq!(
        checks("answer_outside_scale"),
        [(file("baseline.csv"), "4".into())]
    );
    let total = |check: &str| find(&quality, &[("check", check)])["count"].clone();
    assert_eq!(total("self_assessment_rows_read"), "7");
    assert_eq!(total("self_assessment_rows_used"), "3");
    assert_eq!(total("self_assessment_rows_rejected"), "4");
    // The other files still make the report.
    let change = w.table("self_assessment_change.csv");
    assert_eq!(
        change_of(&change, "statement", "We plan ahead")["pairs"],
        "1"
    );
}

#[test]
fn the_definition_sets_scale_level_waves_and_themes() {
    let w = Workdir::new();
    // Two members: protection off, so that the briefing describes them.
    w.write(
        "evalboard.toml",
        r#"
[disclosure]
threshold = 1

[[scale]]
name = "maturity"
options = [
  { label = "Embedded" },
  { label = "Established" },
  { label = "Developing" },
  { label = "Not in place" },
  { label = "Not sure", substantive = false },
]

[self_assessment]
folder = "sa"
waves = ["March", "September"]
files = { "first.csv" = "March", "second.csv" = "September" }
scale = "maturity"
at_least = "Established"

[[self_assessment.theme]]
name = "Planning"
statements = ["Our work programme*", "We plan*"]

[[self_assessment.theme]]
name = "Culture"
statements = ["Officers*"]
"#,
    );
    w.write(
        "sa/first.csv",
        "Member ID,Our work programme is clear,We plan questions,Officers share information\n7,Developing,Not in place,Established\n8,Established,Developing,Not sure\n",
    );
    w.write(
        "sa/second.csv",
        "Member ID,Our work programme is clear,We plan questions,Officers share information\n007,Embedded,Established,Established\n8,Established,Established,Developing\n",
    );
    w.run_ok();
    let items = w.table("self_assessment_items.csv");
    let heads: Vec<&String> = items[0].keys().collect();
    assert!(heads.iter().any(|h| *h == "count_4_embedded"), "{heads:?}");
    let officers = find(
        &items,
        &[
            ("wave", "March"),
            ("statement", "Officers share information"),
        ],
    );
    assert_eq!(officers["theme"], "Culture");
    assert_eq!(
        (officers["n"].as_str(), officers["not_rated"].as_str()),
        ("1", "1")
    );
    let plan = find(
        &items,
        &[("wave", "September"), ("statement", "We plan questions")],
    );
    assert_eq!(plan["theme"], "Planning");
    assert!(
        close(&plan["percent_at_least"], 100.0),
        "Established or above"
    );
    // Ids match across waves ignoring leading zeros.
    let change = w.table("self_assessment_change.csv");
    let planning = change_of(&change, "theme", "Planning");
    assert_eq!(
        (planning["test"].as_str(), planning["pairs"].as_str()),
        ("Wilcoxon signed-rank", "2")
    );
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(
        briefing.contains("\"at or above\" counts \"Established\" or above"),
        "{briefing}"
    );
}

#[test]
fn a_level_that_is_not_on_the_scale_stops_with_its_line() {
    let w = Workdir::new();
    w.write(
        "evalboard.toml",
        "\n[self_assessment]\nscale = \"agreement\"\nat_least = \"Mostly\"\n",
    );
    w.write(
        "self_assessment/baseline.csv",
        "Name,Planning [We plan ahead]\nA,Agree\n",
    );
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("evalboard.toml, line 2")
            && err.contains("`at_least = \"Mostly\"` is not a rating of scale 'agreement'"),
        "{err}"
    );
}

#[test]
fn a_baseline_alone_gives_its_figures_and_says_change_must_wait() {
    let w = Workdir::new();
    w.write(
        "self_assessment/baseline.csv",
        "Name,Planning [We plan ahead],Planning [We review]\nA,2,3\nB,3,3\nC,4,5\n",
    );
    let out = w.run_ok();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "self-assessment: change cannot be measured yet: only the baseline wave has ratings."
        ),
        "{stdout}"
    );
    let themes = w.table("self_assessment_themes.csv");
    let t = find(&themes, &[("wave", "baseline"), ("theme", "Planning")]);
    assert_eq!(t["members"], "3");
    assert!(close(&t["mean"], 10.0 / 3.0), "{}", t["mean"]);
    let change = w.table("self_assessment_change.csv");
    assert!(
        change.iter().all(|c| c["direction"] == "not tested"),
        "{change:?}"
    );
}

/// A wave file holding one rating column and nothing else failed with "no column holds
/// ratings". The same ratings as the Mann-Whitney test above give scipy's figures.
#[test]
fn regression_a_wave_of_one_rating_column_is_read() {
    let w = anonymous_waves("Planning [We plan ahead]", "");
    w.run_ok();
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "We plan ahead");
    assert_eq!((c["n_from"].as_str(), c["n_to"].as_str()), ("6", "7"));
    assert!(close(&c["p"], 0.006_246_673_897_664_982), "{c:?}");
}

/// A rating of 2.5 was read as 2 (the text before the point), changing the paired test.
/// It is now named, with its place, and left out.
#[test]
fn regression_ratings_with_decimals_are_named_not_rounded() {
    let w = Workdir::new();
    w.write(
        "self_assessment/Baseline March.csv",
        "Name,Planning [We plan ahead]\nAnn Lee,2\nBob Hale,2.5\nCal Moss,3\n",
    );
    w.write(
        "self_assessment/Review September.csv",
        "Name,Planning [We plan ahead]\nAnn Lee,4\nBob Hale,4\nCal Moss,5\n",
    );
    w.run_ok();
    let dq = w.table("data_quality.csv");
    let d = dq
        .iter()
        .find(|r| r["message"].contains("'2.5' has decimals"))
        .unwrap_or_else(|| panic!("{dq:?}"));
    assert_eq!(
        (d["file"].as_str(), d["row"].as_str()),
        ("self_assessment/Baseline March.csv", "3")
    );
    assert!(d["column"].contains("We plan ahead"), "{d:?}");
    let change = w.table("self_assessment_change.csv");
    let c = change_of(&change, "statement", "We plan ahead");
    assert_eq!(
        c["pairs"], "2",
        "the member rated 2.5 is not paired on a rounded 2"
    );
}
