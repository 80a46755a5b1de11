//! Attendance and self-assessment records in the shapes councils' systems export (fixtures:
//! tests/fixtures/records/, their layouts and hand counts in the README there): a learning
//! system's course completions with a committee management system's councillor list, a
//! member-services mandatory training matrix, two Microsoft Forms exports of one
//! self-assessment told apart by their dates, and before and after in one row. Each count
//! pinned here is worked out by hand in that README.

use crate::util::{read_csv, stderr, Workdir};
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (attended, members) of one coverage row.
fn coverage(w: &Workdir, breakdown: &str, group: &str, level: &str) -> (u64, u64) {
    let rows = w.table("attendance_coverage.csv");
    let r = rows
        .iter()
        .find(|r| r["breakdown"] == breakdown && r["group"] == group && r["level"] == level)
        .unwrap_or_else(|| panic!("no coverage row {breakdown}/{group}/{level}: {rows:?}"));
    (
        r["attended"].parse().unwrap(),
        r["members"].parse().unwrap(),
    )
}

/// session -> (attendees, expected).
fn sessions(w: &Workdir) -> BTreeMap<String, (u64, u64)> {
    w.table("attendance_sessions.csv")
        .iter()
        .map(|r| {
            (
                r["session"].clone(),
                (
                    r["attendees"].parse().unwrap(),
                    r["expected"].parse().unwrap(),
                ),
            )
        })
        .collect()
}

fn quality(w: &Workdir, check: &str) -> Vec<Row> {
    w.table("data_quality.csv")
        .into_iter()
        .filter(|r| r["check"] == check)
        .collect()
}

/// Every published file's text (outside `internal/`).
fn published_text(w: &Workdir) -> String {
    let mut text = String::new();
    let mut stack = vec![w.report("")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                if p.file_name().unwrap() != "internal" {
                    stack.push(p);
                }
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("csv" | "md" | "html" | "json")
            ) {
                text.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    text
}

/// Regression: a learning system's completions (`Learner Name, Course Name, Completion Date,
/// Completion Status`) read as "0 out of 20 members have attended". Completed counts;
/// Not Started, In Progress and Did Not Attend do not; the councillor list is the roster by
/// its content and the cohort is the year of the date first elected.
#[test]
fn regression_a_learning_system_export_is_not_read_as_nobody_trained() {
    let w = Workdir::new();
    w.fixtures_in("records/learning_system", "attendance");
    let out = w.run_ok();
    assert!(
        stdout(&out).contains("14 out of 20 members have attended at least one session (70%"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        coverage(&w, "all members", "all members", "any level"),
        (14, 20)
    );
    assert_eq!(coverage(&w, "cohort", "2016", "any level"), (4, 5));
    assert_eq!(coverage(&w, "cohort", "2019", "any level"), (4, 6));
    assert_eq!(coverage(&w, "cohort", "2023", "any level"), (6, 9));
    let s = sessions(&w);
    assert_eq!(s["Corporate Parenting Essentials"], (11, 20));
    assert_eq!(s["Safeguarding Children"], (8, 20));
    assert_eq!(s["Code of Conduct"], (11, 20));
    // No status word is unknown, and none is reported cell by cell.
    assert!(quality(&w, "unreadable_value").is_empty());
}

/// Regression: a mandatory-training matrix (a column per course, cells holding a year, a
/// date, `Completed 03/2022`, `Booked` or `Exempt`) read as "0 out of 22". Exempt members
/// leave that course's denominator, and a member exempt from every course leaves them all.
#[test]
fn regression_a_training_matrix_is_not_read_as_nobody_trained() {
    let w = Workdir::new();
    w.fixtures_in("records/training_matrix", "attendance");
    let out = w.run_ok();
    assert!(
        stdout(&out).contains("19 out of 21 members have attended at least one session"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        coverage(&w, "all members", "all members", "any level"),
        (19, 21)
    );
    assert_eq!(
        coverage(&w, "all members", "all members", "Level 1 (universal)"),
        (13, 20)
    );
    let s = sessions(&w);
    assert_eq!(s["Safeguarding (annual)"], (12, 21));
    assert_eq!(s["Corporate Parenting Level 1"], (13, 20));
    assert_eq!(s["Code of Conduct"], (19, 21));
    // The sessions-per-member figures count the same 21 members.
    let rows = w.table("attendance_coverage.csv");
    let per_member: Vec<(String, u64, u64)> = rows
        .iter()
        .filter(|r| r["breakdown"] == "sessions per member")
        .map(|r| {
            (
                r["group"].clone(),
                r["attended"].parse().unwrap(),
                r["members"].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        per_member,
        [
            ("0".to_string(), 2, 21),
            ("1".to_string(), 5, 21),
            ("2".to_string(), 3, 21),
            ("3".to_string(), 11, 21)
        ]
    );
}

/// Training valid for a stated time counts while in date at the date given; those whose
/// training has lapsed are listed in `internal/` only.
#[test]
fn training_that_lapses_counts_while_in_date() {
    let w = Workdir::new();
    w.fixtures_in("records/training_matrix", "attendance");
    w.write(
        "evalboard.toml",
        "[attendance]\nvalid_for_months = { \"Safeguarding*\" = 12 }\nas_of = \"2024-02-29\"\n",
    );
    let out = w.run_ok();
    assert!(
        stdout(&out).contains("in date at 29 February 2024"),
        "{}",
        stdout(&out)
    );
    assert_eq!(sessions(&w)["Safeguarding (annual)"], (9, 21));
    // Other courses do not lapse.
    assert_eq!(sessions(&w)["Code of Conduct"], (19, 21));
    let lapsed = read_csv(&w.report("internal/PERSONAL-DATA_lapsed_training.csv"));
    let names: Vec<&str> = lapsed.iter().map(|r| r["member"].as_str()).collect();
    assert_eq!(names, ["Bernard Cole", "Kathleen Lamb", "Wendy Webb"]);
    let text = published_text(&w);
    for name in names {
        assert!(!text.contains(name), "{name} is published");
    }
}

/// A records file from which most rows yield no attendance is refused, with the columns it
/// tried; coverage is then not reported rather than reported as 0%.
#[test]
fn regression_no_coverage_figure_from_a_records_file_that_yielded_nothing() {
    let w = Workdir::new();
    w.fixtures_in("records/learning_system", "attendance");
    w.write(
        "attendance/Course completions.csv",
        "Learner Name,Course Name,Outcome\nAmira Begum,Code of Conduct,Awaiting approval\nBrian Holt,Code of Conduct,Awaiting approval\nCarol Dunne,Code of Conduct,Sent for sign-off\nDavid Firth,Code of Conduct,Awaiting approval\n",
    );
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("members have attended"), "{all}");
    assert!(all.contains("coverage is not reported"), "{all}");
    assert!(w.table("attendance_coverage.csv").is_empty());
    assert_eq!(quality(&w, "coverage_not_reported").len(), 1);
    let refused = quality(&w, "file_failed");
    assert_eq!(refused.len(), 1);
    assert!(refused[0]["message"].contains("status column 'Outcome'"));
}

/// Status words nobody listed are reported once per distinct word, with how many cells hold
/// it, not once per cell; the rest of the file still counts.
#[test]
fn an_unknown_status_is_reported_once_per_word() {
    let w = Workdir::new();
    w.fixtures_in("records/learning_system", "attendance");
    let path = w.path().join("input/attendance/Course completions.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    // Three "Not Started" rows of the first course become a word no system list holds.
    let mut changed = 0;
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if changed < 3 && l.contains("Corporate Parenting Essentials,,Not Started") {
                changed += 1;
                l.replace("Not Started", "Awaiting approval")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(changed, 3);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    w.run_ok();
    let unknown = quality(&w, "unreadable_value");
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(unknown[0]["message"].contains("'Awaiting approval'"));
    assert!(unknown[0]["message"].contains("3 cells"));
    assert_eq!(
        coverage(&w, "all members", "all members", "any level"),
        (14, 20)
    );
}

/// The roster is chosen by content when no file is named for it; two files that could each be
/// the roster are both named in the message, with the setting that chooses.
#[test]
fn two_possible_rosters_are_named_with_the_setting_that_chooses() {
    let w = Workdir::new();
    w.fixtures_in("records/learning_system", "attendance");
    std::fs::copy(
        w.path().join("input/attendance/Councillors.csv"),
        w.path().join("input/attendance/Councillors 2022.csv"),
    )
    .unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("Councillors.csv") && err.contains("Councillors 2022.csv"),
        "{err}"
    );
    assert!(err.contains("roster"), "{err}");
}

/// Regression: two Microsoft Forms exports of one self-assessment, named as Forms names them,
/// were refused ("cannot tell which wave"). Their Start time tells the waves apart, in time
/// order; members are matched by e-mail although Forms wrote their names differently.
#[test]
fn regression_forms_waves_are_told_apart_by_their_dates() {
    let w = Workdir::new();
    w.fixtures_in("records/forms_waves", "self_assessment");
    let out = w.run_ok();
    assert!(
        stdout(&out).contains(
            "Baseline (March 2023): 12 members; review (September 2023): 11 members; 11 members in both waves (matched by e-mail)."
        ),
        "{}",
        stdout(&out)
    );
    let doc = std::fs::read_to_string(w.report("self_assessment.md")).unwrap();
    assert!(
        doc.contains("12 at the baseline (March 2023) and 11 at the review (September 2023); 11 completed both."),
        "{doc}"
    );
    // The change for the 11 members in both waves. Reference: scipy 1.17
    // `wilcoxon(september, march, method="approx")` on the members' theme means (README):
    // Knowledge of Children's Services 2.2273 -> 3.3182, p = 0.0017663; Work programming and
    // planning 2.1818 -> 3.1818, p = 0.00091112.
    let change = w.table("self_assessment_change.csv");
    for (theme, from, to, want) in [
        (
            "Knowledge of Children's Services",
            "2.2273",
            "3.3182",
            0.001_766_3,
        ),
        (
            "Work programming and planning",
            "2.1818",
            "3.1818",
            0.000_911_12,
        ),
    ] {
        let r = change
            .iter()
            .find(|r| r["level"] == "theme" && r["theme"] == theme)
            .unwrap();
        assert_eq!(
            (
                r["pairs"].as_str(),
                r["mean_from"].as_str(),
                r["mean_to"].as_str()
            ),
            ("11", from, to)
        );
        let p: f64 = r["p"].parse().unwrap();
        assert!((p - want).abs() < 5e-5, "{theme}: {p}");
    }
    // The member missing in September is named by file and row, internally counted.
    let one_wave = quality(&w, "member_in_one_wave");
    assert_eq!(one_wave.len(), 1);
    assert_eq!(one_wave[0]["row"], "13");
    // E-mail addresses and names stay out of what is published.
    let text = published_text(&w);
    assert!(!text.contains("@example.gov.uk"));
    assert!(!text.contains("Leonard Shaw"));
}

/// Regression: before and after in one row ("... - before the session" / "... - now") were
/// not read as two waves. Each row is one member at the start and at the end, paired by
/// construction; the stated 1-10 range is the scale.
///
/// Reference (tests/fixtures/records/README.md): each member's mean over the three
/// statements, before [3, 14/3, 8/3, 5, 8/3, 2, 5] and after [7, 22/3, 17/3, 25/3, 20/3,
/// 16/3, 25/3]; means 75/21 = 3.5714 and 146/21 = 6.9524. The differences are tied, so the
/// p-value is the normal approximation: scipy 1.17 `wilcoxon(after, before, method="approx")`
/// gives statistic 0.0, p = 0.0175523.
#[test]
fn regression_before_and_after_in_one_row_are_two_waves() {
    let w = Workdir::new();
    w.fixtures_in("records/before_and_after", "self_assessment");
    let out = w.run_ok();
    assert!(
        stdout(&out).contains("Start: 7 members; end: 7 members; 7 members in both waves"),
        "{}",
        stdout(&out)
    );
    let change = w.table("self_assessment_change.csv");
    let theme = change.iter().find(|r| r["level"] == "theme").unwrap();
    assert_eq!(theme["test"], "Wilcoxon signed-rank");
    assert_eq!(theme["pairs"], "7");
    assert_eq!(theme["mean_from"], "3.5714");
    assert_eq!(theme["mean_to"], "6.9524");
    assert_eq!(theme["statistic"], "0.0000");
    let p: f64 = theme["p"].parse().unwrap();
    assert!((p - 0.017_553).abs() < 5e-5, "{p}");
    // The statements are what members rated, without the marker or the stated scale.
    let items = w.table("self_assessment_items.csv");
    let statements: std::collections::BTreeSet<&str> =
        items.iter().map(|r| r["statement"].as_str()).collect();
    assert_eq!(
        statements.into_iter().collect::<Vec<_>>(),
        [
            "I can question officers about placement stability",
            "I can read the corporate parenting scorecard",
            "I know what the virtual school does"
        ]
    );
    let quality_rows = w.table("data_quality.csv");
    assert!(quality_rows.iter().any(|r| r["message"].contains(
        "scores 1-10' (whole numbers 1 to 10), from the range the statements' headers state"
    )));
    let doc = std::fs::read_to_string(w.report("self_assessment.md")).unwrap();
    assert!(
        doc.contains(
            "Members rated themselves higher at the end than at the start on all 3 statements"
        ),
        "{doc}"
    );
}

/// Regression: ratings were measured on the range seen ("from 1, or the lowest seen, to 5,
/// or the highest seen"). Numbers that fit no standard range are an assumption: a counted
/// warning, and no change is headlined or judged.
#[test]
fn regression_an_assumed_rating_range_headlines_no_change() {
    let w = Workdir::new();
    let mut baseline = String::from("Name,Planning [We plan ahead],Planning [We review]\n");
    let mut review = baseline.clone();
    for i in 0..8 {
        baseline.push_str(&format!("Member {i},{},{}\n", 1 + i % 3, 2 + i % 4));
        review.push_str(&format!("Member {i},{},{}\n", 9 + i % 4, 8 + i % 5));
    }
    w.write("self_assessment/baseline.csv", &baseline);
    w.write("self_assessment/review.csv", &review);
    let out = w.run_ok();
    assert!(
        stdout(&out).contains("change is not headlined"),
        "{}",
        stdout(&out)
    );
    assert_eq!(quality(&w, "assumed_scale").len(), 1);
    let change = w.table("self_assessment_change.csv");
    assert!(change.iter().all(|r| r["direction"] == "not tested"));
    let doc = std::fs::read_to_string(w.report("self_assessment.md")).unwrap();
    assert!(doc.contains("is not judged"), "{doc}");
    assert!(!doc.contains("rated themselves higher"), "{doc}");
}

/// A self-assessment file most of whose rows hold no rating on the scale is refused, naming
/// the columns it tried; no change is measured from it.
#[test]
fn regression_no_change_figure_from_a_self_assessment_file_that_yielded_nothing() {
    let w = Workdir::new();
    w.write(
        "self_assessment/baseline.csv",
        "Name,Planning [We plan ahead]\nA,2\nB,3\nC,2\nD,3\n",
    );
    w.write(
        "self_assessment/review.csv",
        "Name,Planning [We plan ahead]\nA,see notes\nB,ask again\nC,4\nD,not sure yet\n",
    );
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("change cannot be measured yet"),
        "{}",
        stdout(&out)
    );
    let failed = quality(&w, "file_failed");
    assert_eq!(failed.len(), 1, "{failed:#?}");
    assert_eq!(failed[0]["file"], "self_assessment/review.csv");
    assert!(failed[0]["message"].contains("0 of its 4 filled rows"));
    assert!(failed[0]["message"].contains("B (Planning [We plan ahead])"));
}
