//! Attendance coverage: the bundled sample reproduces the seed paper's figures; the three
//! record layouts, repeated and unknown attendees, empty and broken files, and the settings in
//! evalboard.toml. Fixtures: tests/fixtures/attendance/ (roster of five members, hand-written).

use crate::util::{stderr, Workdir};
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

/// (attended, members) of one coverage row.
fn coverage(rows: &[Row], breakdown: &str, group: &str, level: &str) -> (u64, u64) {
    let r = rows
        .iter()
        .find(|r| r["breakdown"] == breakdown && r["group"] == group && r["level"] == level)
        .unwrap_or_else(|| panic!("no coverage row {breakdown}/{group}/{level}: {rows:?}"));
    (
        r["attended"].parse().unwrap(),
        r["members"].parse().unwrap(),
    )
}

fn all(rows: &[Row], level: &str) -> (u64, u64) {
    coverage(rows, "all members", "all members", level)
}

/// (session, date, attendees, on roster, not on roster) per session, in table order.
fn sessions(w: &Workdir) -> Vec<(String, String, u64, u64, u64)> {
    w.table("attendance_sessions.csv")
        .iter()
        .map(|r| {
            (
                r["session"].clone(),
                r["date"].clone(),
                r["attendees"].parse().unwrap(),
                r["on_roster"].parse().unwrap(),
                r["not_on_roster"].parse().unwrap(),
            )
        })
        .collect()
}

fn findings(w: &Workdir, check: &str) -> Vec<Row> {
    w.table("data_quality.csv")
        .into_iter()
        .filter(|r| r["check"] == check)
        .collect()
}

fn total(w: &Workdir, name: &str) -> u64 {
    findings(w, name)[0]["count"].parse().unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Roster plus one records fixture in `input/attendance/`.
fn with_records(records: &str) -> Workdir {
    let w = Workdir::new();
    w.attendance("attendance/roster.csv", "roster.csv")
        .attendance(&format!("attendance/{records}"), records);
    w
}

/// Corporate Parenting Panel, 27 September 2016, para 2.3: "Of those members elected in 2016,
/// 19 out of 24 have attended at least one session on corporate parenting (including Level 1
/// and 2 sessions). 53 out of 63 members have attended an in-house development session on
/// corporate parenting since 2014 (84%)." Paras 3.1 and 3.4: 22 members at the two 2016
/// inductions (12 and 10), five at the Level 2 session of 7 June 2016.
#[test]
fn sample_reproduces_the_seed_coverage_figures() {
    let w = Workdir::new();
    w.sample();
    let out = w.run_ok();
    let printed = stdout(&out);
    assert!(
        printed.contains("53 out of 63 members have attended at least one session (84%"),
        "{printed}"
    );
    assert!(
        printed.contains("Of those members elected in 2016, 19 out of 24 have attended at least one session (79%)"),
        "{printed}"
    );
    let rows = w.table("attendance_coverage.csv");
    assert_eq!(all(&rows, "any level"), (53, 63));
    assert_eq!(coverage(&rows, "cohort", "2016", "any level"), (19, 24));
    assert_eq!(all(&rows, "Level 2 (targeted)"), (5, 20));
    assert_eq!(all(&rows, "Level 3 (specialist)"), (1, 1));
    let s = sessions(&w);
    let attendees = |date: &str| s.iter().find(|x| x.1 == date).unwrap().2;
    assert_eq!(attendees("2016-06-24") + attendees("2016-07-22"), 22);
    assert_eq!((attendees("2016-06-24"), attendees("2016-07-22")), (12, 10));
    assert_eq!(attendees("2016-06-07"), 5);

    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("## Attendance and coverage"));
    assert!(briefing.contains("19 out of 24 have attended at least one session (79%)"));
    assert!(briefing.contains("![Training coverage](charts/attendance_coverage.png)"));
    assert!(w.report("charts/attendance_coverage.png").is_file());
    assert!(w.report("charts/attendance_coverage.svg").is_file());
    // Every row of the roster (63) and of the HR export (68 attendances + 3 "No") accounted.
    assert_eq!(total(&w, "attendance_rows_read"), 134);
    assert_eq!(total(&w, "attendance_rows_used"), 134);
    assert_eq!(total(&w, "attendance_rows_rejected"), 0);
}

/// The names of members not yet trained go to internal/, marked as personal data, and
/// nowhere in the briefing.
#[test]
fn untrained_members_are_listed_only_in_the_internal_folder() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let list =
        crate::util::read_csv(&w.report("internal/PERSONAL-DATA_members_not_yet_trained.csv"));
    let never: Vec<&Row> = list.iter().filter(|r| r["level"] == "any level").collect();
    assert_eq!(never.len(), 10, "63 members, 53 trained");
    let readme = std::fs::read_to_string(w.report("internal/README.txt")).unwrap();
    assert!(readme.starts_with("PERSONAL DATA"));
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    for r in &list {
        assert!(
            !briefing.contains(&r["member"]),
            "{} named in the briefing",
            r["member"]
        );
    }
    assert!(briefing.contains("Not yet trained: 10 members have attended no session"));
}

/// A register with sessions down the side and one column per member, ticked in different
/// ways; "Cllr A Khan" is Ahmed Khan (by initial and surname), Mary Visitor is not on the
/// roster, "late" is not a tick. Jane Smith attends three sessions.
#[test]
fn grid_of_sessions_by_members() {
    let w = with_records("sessions_by_members.csv");
    w.run_ok();
    let rows = w.table("attendance_coverage.csv");
    assert_eq!(all(&rows, "any level"), (3, 5));
    assert_eq!(all(&rows, "Level 1 (universal)"), (3, 5));
    // Level 2 is expected of Jane Smith (2) and Zoë O'Neill (3).
    assert_eq!(all(&rows, "Level 2 (targeted)"), (1, 2));
    assert_eq!(all(&rows, "Level 3 (specialist)"), (0, 1));
    assert_eq!(coverage(&rows, "cohort", "2016", "any level"), (2, 2));
    assert_eq!(
        coverage(&rows, "sessions per member", "3", "any level"),
        (1, 5),
        "Jane Smith counts once in coverage and three times here"
    );
    let s = sessions(&w);
    assert_eq!(s[0].0, "Targeted briefing", "sessions in date order");
    assert_eq!(
        s[1],
        (
            "Corporate parenting induction".to_string(),
            "2016-06-24".to_string(),
            4,
            3,
            1
        )
    );
    // Published findings name no one: the columns of this grid are headed by names, so only
    // their letters are published; names and headers go to internal/data_quality.csv.
    let outsider = &findings(&w, "attendee_not_on_roster")[0];
    assert_eq!(
        (outsider["row"].as_str(), outsider["column"].as_str()),
        ("2", "I")
    );
    let late = &findings(&w, "unreadable_value")[0];
    assert_eq!((late["row"].as_str(), late["column"].as_str()), ("3", "F"));
    let loose = &findings(&w, "name_matched_loosely")[0]["message"];
    assert!(!loose.contains("Ahmed Khan"), "{loose}");
    let published = std::fs::read_to_string(w.report("tables/data_quality.csv")).unwrap();
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    for name in ["Mary Visitor", "Zoe O'Neill", "Ahmed Khan"] {
        assert!(
            !published.contains(name) && !briefing.contains(name),
            "{name}"
        );
    }
    let internal = std::fs::read_to_string(w.report("internal/data_quality.csv")).unwrap();
    assert!(
        internal.contains("'Ahmed Khan'") && internal.contains("Mary Visitor"),
        "{internal}"
    );
}

/// A grid with members down the side and one column per session, the level in each title.
#[test]
fn grid_of_members_by_sessions() {
    let w = with_records("members_by_sessions.csv");
    w.run_ok();
    let rows = w.table("attendance_coverage.csv");
    assert_eq!(all(&rows, "any level"), (4, 5));
    assert_eq!(all(&rows, "Level 1 (universal)"), (3, 5));
    assert_eq!(all(&rows, "Level 2 (targeted)"), (1, 2));
    assert_eq!(all(&rows, "Level 3 (specialist)"), (1, 1));
    assert_eq!(sessions(&w).len(), 3);
    assert!(findings(&w, "attendee_not_on_roster").is_empty());
}

/// An HR export with one row per booking: a member recorded twice at one session counts
/// once, a "No" is a booking not attended, a blank row is rejected, an attendee not on the
/// roster is counted at the session and reported.
#[test]
fn one_row_per_attendance() {
    let w = with_records("one_row_per_attendance.csv");
    w.run_ok();
    let rows = w.table("attendance_coverage.csv");
    assert_eq!(all(&rows, "any level"), (2, 5));
    let s = sessions(&w);
    let induction = s
        .iter()
        .find(|x| x.0 == "Corporate parenting induction")
        .unwrap();
    assert_eq!((induction.2, induction.3, induction.4), (3, 2, 1));
    let twice = findings(&w, "duplicate_attendance");
    assert_eq!(twice.len(), 1);
    assert_eq!(twice[0]["row"], "3");
    assert_eq!(findings(&w, "attendee_not_on_roster")[0]["row"], "6");
    let blank = findings(&w, "row_rejected");
    assert_eq!((blank.len(), blank[0]["row"].as_str()), (1, "7"));
    // 5 roster rows + 7 record rows = 11 used + 1 rejected.
    assert_eq!(total(&w, "attendance_rows_read"), 12);
    assert_eq!(total(&w, "attendance_rows_used"), 11);
    assert_eq!(total(&w, "attendance_rows_rejected"), 1);
}

/// A records file with a header and no rows: nobody has attended; coverage is 0 out of 5
/// at every level, and the run succeeds.
#[test]
fn empty_attendance_file() {
    let w = with_records("empty_records.csv");
    w.run_ok();
    let rows = w.table("attendance_coverage.csv");
    assert_eq!(all(&rows, "any level"), (0, 5));
    assert_eq!(all(&rows, "Level 2 (targeted)"), (0, 2));
    assert!(sessions(&w).is_empty());
    let list =
        crate::util::read_csv(&w.report("internal/PERSONAL-DATA_members_not_yet_trained.csv"));
    assert_eq!(list.iter().filter(|r| r["level"] == "any level").count(), 5);
}

/// A zero-byte records file fails with its name and reason; the other records still count
/// and the run exits 1.
#[test]
fn unreadable_attendance_file_is_named_and_the_rest_still_counts() {
    let w = with_records("one_row_per_attendance.csv");
    w.attendance("attendance/zero_bytes.csv", "zero_bytes.csv");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("attendance/zero_bytes.csv"),
        "{}",
        stderr(&out)
    );
    let files = w.table("files.csv");
    let failed = files
        .iter()
        .find(|f| f["file"] == "attendance/zero_bytes.csv")
        .unwrap();
    assert_eq!(failed["status"], "failed");
    assert_eq!(
        all(&w.table("attendance_coverage.csv"), "any level"),
        (2, 5)
    );
}

#[test]
fn records_without_a_roster_say_how_to_name_it() {
    let w = Workdir::new();
    w.attendance("attendance/one_row_per_attendance.csv", "records.csv");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no member roster"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("[attendance]"), "{}", stderr(&out));
}

/// `[attendance]` names the roster, sets the targets and asks for names in the briefing.
#[test]
fn definition_sets_roster_targets_and_names() {
    let w = Workdir::new();
    w.attendance("attendance/roster.csv", "councillors.csv")
        .attendance("attendance/members_by_sessions.csv", "register.csv");
    std::fs::write(
        w.path().join("input/evalboard.toml"),
        "[attendance]\nroster = \"councillors.csv\"\ntarget = 80\ntargets = { \"3\" = 100 }\nname_untrained_in_briefing = true\n",
    )
    .unwrap();
    w.run_ok();
    let rows = w.table("attendance_coverage.csv");
    let target = |level: &str| {
        rows.iter()
            .find(|r| r["breakdown"] == "all members" && r["level"] == level)
            .unwrap()["target"]
            .clone()
    };
    assert_eq!(target("any level"), "80.0000");
    assert_eq!(target("Level 1 (universal)"), "80.0000");
    assert_eq!(target("Level 3 (specialist)"), "100.0000");
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(
        briefing.contains("| any level | Peter Brown | never |"),
        "{briefing}"
    );
    // Zoë O'Neill attended the (undated) Level 3 session only.
    assert!(
        briefing.contains("| Level 1 (universal) | Cllr Zoë O'Neill | date not recorded |"),
        "{briefing}"
    );
}

#[test]
fn bad_attendance_settings_name_the_line() {
    let w = with_records("members_by_sessions.csv");
    let toml = w.path().join("input/evalboard.toml");
    std::fs::write(&toml, "title = \"x\"\n\n[attendance]\ntarget = 180\n").unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("evalboard.toml, line 3: attendance target 180 is not a percentage"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&toml, "[attendance]\nroster_file = \"a.csv\"\n").unwrap();
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    assert!(stderr(&out).contains("roster_file"), "{}", stderr(&out));
}
