//! Small-number protection as a reader of the published files would check it: constructed
//! inputs with groups of 1, 2, 4, 5 and 6, and totals that would give a suppressed group
//! away; then every published file of the run searched for a small group's figures.

use crate::util::{read_csv, Workdir};
use std::collections::BTreeMap;

type Row = BTreeMap<String, String>;

const SATISFIED: &str = "How satisfied were you with the session?";
const COMMENTS: &str = "Any other comments?";

/// One evaluation export per session, `n` respondents each, every one "Very satisfied" but
/// the first ("Fairly satisfied"); each leaves a comment naming the session.
fn session(w: &Workdir, name: &str, n: usize) {
    let mut csv = format!("{SATISFIED},{COMMENTS}\n");
    for i in 0..n {
        let answer = if i == 0 {
            "Fairly satisfied"
        } else {
            "Very satisfied"
        };
        csv.push_str(&format!(
            "{answer},The {name} session gave useful information on care leavers\n"
        ));
    }
    w.write(&format!("{name}.csv"), &csv);
}

/// Sessions of 4, 5 and 6 respondents: the 4 is under the threshold, and with the total of
/// 15 published it could be worked back from the 5 and the 6, so the 5 is hidden too.
fn evaluation() -> Workdir {
    let w = Workdir::new();
    session(&w, "Induction 2016-06-24", 4);
    session(&w, "Induction 2016-07-22", 5);
    session(&w, "Induction 2016-09-14", 6);
    w
}

fn row<'a>(rows: &'a [Row], pairs: &[(&str, &str)]) -> &'a Row {
    rows.iter()
        .find(|r| pairs.iter().all(|(k, v)| r[*k] == *v))
        .unwrap_or_else(|| panic!("no row {pairs:?}"))
}

#[test]
fn a_small_session_and_the_one_that_would_give_it_away_show_c() {
    let w = evaluation();
    w.run_ok();
    let summary = w.published("likert_summary.csv");
    let of = |group: &str| row(&summary, &[("group", group), ("question", SATISFIED)]);
    // All sessions together are always published, and the session of 6.
    assert_eq!(of("overall")["n"], "15");
    assert_eq!(of("Induction 2016-09-14")["n"], "6");
    for hidden in ["Induction 2016-06-24", "Induction 2016-07-22"] {
        let r = of(hidden);
        for column in ["n", "n_substantive", "mean", "top2_percent"] {
            assert_eq!(r[column], "[c]", "{hidden} {column}");
        }
    }
    let counts = w.published("likert_counts.csv");
    assert!(counts
        .iter()
        .filter(|r| r["group"] == "Induction 2016-06-24")
        .all(|r| r["count"] == "[c]" && r["percent"] == "[c]"));
    // The analyst keeps every figure.
    let full = read_csv(&w.report("internal/PERSONAL-DATA_unsuppressed_likert_summary.csv"));
    assert_eq!(
        row(
            &full,
            &[("group", "Induction 2016-06-24"), ("question", SATISFIED)]
        )["n"],
        "4"
    );
    // No chart for a suppressed session; the session of 6 has one.
    assert!(!w
        .report("charts/likert_session_induction-2016-06-24.png")
        .exists());
    assert!(!w
        .report("charts/likert_session_induction-2016-07-22.png")
        .exists());
    assert!(w
        .report("charts/likert_session_induction-2016-09-14.png")
        .exists());
    // No comment is quoted from a suppressed session, and none is tied to one.
    let quotes = w.published("quotes.csv");
    assert!(!quotes.is_empty());
    assert!(
        quotes.iter().all(|q| q["group"] == "Induction 2016-09-14"),
        "{quotes:?}"
    );
    let comments = w.published("free_text.csv");
    assert_eq!(comments.len(), 15, "every comment is still listed");
    for c in &comments {
        if c["text"].contains("06-24") || c["text"].contains("07-22") {
            assert_eq!(
                (c["group"].as_str(), c["respondent"].as_str()),
                ("[c]", "[c]")
            );
        }
    }
    let annex = std::fs::read_to_string(w.report("technical_annex.md")).unwrap();
    assert!(annex.contains("Small-number protection"), "{annex}");
    assert!(
        annex.contains("would give away a suppressed group"),
        "{annex}"
    );
}

#[test]
fn all_sessions_under_the_threshold_are_not_broken_down_at_all() {
    let w = Workdir::new();
    session(&w, "Briefing", 3);
    w.run_ok();
    let summary = w.published("likert_summary.csv");
    assert!(summary.iter().all(|r| r["n"] == "[c]"), "{summary:?}");
    assert!(!w.report("charts/likert_overall.png").exists());
    // Not even the comments are listed: three could each point at a member.
    let comments = w.published("free_text.csv");
    assert!(comments.iter().all(|c| c["text"] == "[c]"), "{comments:?}");
    let doc = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(doc.contains("Fewer than 5 evaluation sheets"), "{doc}");
    assert!(!doc.contains("care leavers"), "{doc}");
}

#[test]
fn the_threshold_is_a_setting_and_one_switches_it_off() {
    let w = evaluation();
    w.write("evalboard.toml", "[disclosure]\nthreshold = 1\n");
    w.run_ok();
    let summary = w.published("likert_summary.csv");
    assert!(summary.iter().all(|r| r["n"] != "[c]"));
    let w = evaluation();
    w.write("evalboard.toml", "[disclosure]\nthreshold = 7\n");
    w.run_ok();
    let summary = w.published("likert_summary.csv");
    // 4, 5 and 6 are all under 7; the total of 15 is published.
    let of = |g: &str| row(&summary, &[("group", g), ("question", SATISFIED)])["n"].clone();
    assert_eq!(of("overall"), "15");
    assert_eq!(of("Induction 2016-09-14"), "[c]");
    let w = evaluation();
    w.write("evalboard.toml", "[disclosure]\nthreshold = 0\n");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A roster of 18 members in roles of 1, 2, 4, 5 and 6, all expected at level 1; everyone in
/// the roles of 1, 2 and 5 attended, nobody else.
fn attendance() -> Workdir {
    let w = Workdir::new();
    session(&w, "Induction 2016-06-24", 6);
    let roles = [
        ("Lead Member", 1),
        ("Adoption Panel", 2),
        ("Fostering Panel", 4),
        ("Corporate Parenting Panel", 5),
        ("Member", 6),
    ];
    let mut roster = String::from("Name,Member ID,Cohort,Role,Level\n");
    let mut records = String::from("Course title,Date,Level,Delegate name,Attended\n");
    let mut k = 0;
    for (role, n) in roles {
        for _ in 0..n {
            k += 1;
            let cohort = if k <= 4 { 2012 } else { 2016 };
            roster.push_str(&format!("Member {k:02},M{k:03},{cohort},{role},1\n"));
            if matches!(
                role,
                "Lead Member" | "Adoption Panel" | "Corporate Parenting Panel"
            ) {
                records.push_str(&format!(
                    "Corporate parenting induction,24/06/2016,Level 1,Member {k:02},Yes\n"
                ));
            }
        }
    }
    // A second session, for three of the Corporate Parenting Panel already counted.
    for k in 8..=10 {
        records.push_str(&format!(
            "Scrutiny briefing,12/07/2016,Level 1,Member {k:02},Yes\n"
        ));
    }
    w.write("attendance/roster.csv", &roster);
    w.write("attendance/records.csv", &records);
    w
}

#[test]
fn roles_and_cohorts_under_the_threshold_show_c_and_the_total_stays() {
    let w = attendance();
    w.run_ok();
    let coverage = w.published("attendance_coverage.csv");
    let of = |breakdown: &str, group: &str| {
        row(
            &coverage,
            &[
                ("breakdown", breakdown),
                ("group", group),
                ("level", "any level"),
            ],
        )
    };
    let all = of("all members", "all members");
    assert_eq!(
        (all["attended"].as_str(), all["members"].as_str()),
        ("8", "18")
    );
    for (role, shown) in [
        ("Lead Member", false),
        ("Adoption Panel", false),
        ("Fostering Panel", false),
        ("Corporate Parenting Panel", true),
        ("Member", true),
    ] {
        let r = of("role", role);
        assert_eq!(r["attended"] != "[c]", shown, "{role}: {r:?}");
        assert_eq!(r["percent"] != "[c]", shown, "{role}: {r:?}");
    }
    assert_eq!(of("role", "Corporate Parenting Panel")["attended"], "5");
    // Cohorts of 4 and 14: the 4 alone would be the total less the 14, so both go.
    assert_eq!(of("cohort", "2012")["attended"], "[c]");
    assert_eq!(of("cohort", "2016")["attended"], "[c]");
    // A session of three keeps its name, date and level; none of its figures shows.
    let sessions = w.published("attendance_sessions.csv");
    let small = row(&sessions, &[("session", "Scrutiny briefing")]);
    assert_eq!(small["date"], "2016-07-12");
    for column in [
        "attendees",
        "on_roster",
        "not_on_roster",
        "expected",
        "percent_of_expected",
    ] {
        assert_eq!(small[column], "[c]", "{column}");
    }
    // Read as published: the figures are empty, so the columns stay numeric, and the status
    // column says why.
    let raw = crate::util::read_csv(&w.report("tables/attendance_sessions.csv"));
    let raw = row(&raw, &[("session", "Scrutiny briefing")]);
    assert_eq!(
        (raw["attendees"].as_str(), raw["status"].as_str()),
        ("", "[c]")
    );
    let big = row(&sessions, &[("session", "Corporate parenting induction")]);
    assert_eq!(
        (big["attendees"].as_str(), big["status"].as_str()),
        ("8", "")
    );
    let doc = std::fs::read_to_string(w.report("attendance.md")).unwrap();
    assert!(
        doc.contains("8 out of 18 members (44%) have attended"),
        "{doc}"
    );
    assert!(doc.contains("fewer than 5 members"), "{doc}");
}

/// Every published text file of a run (everything outside `internal/`, the workbook's sheets
/// and the DOCX's document part included) names a small group only next to `[c]`: a line
/// or row that names one of `groups` holds no figure of it.
fn no_small_group_has_figures(w: &Workdir, groups: &[&str]) {
    let root = w.report("");
    let mut texts: Vec<(String, String)> = Vec::new();
    for entry in walk(&root) {
        let rel = entry
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel.starts_with("internal") {
            continue;
        }
        match entry.extension().and_then(|e| e.to_str()) {
            Some("csv" | "md" | "json" | "svg") => {
                texts.push((rel, std::fs::read_to_string(&entry).unwrap()));
            }
            // The tables of a web page and of a Word document, as rows of cells.
            Some("html") => {
                let html = std::fs::read_to_string(&entry).unwrap();
                texts.push((format!("{rel} (tables).md"), rows_of(&html, "</tr>", "</t")));
                texts.push((rel, html));
            }
            Some("docx") => {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(&entry).unwrap()).unwrap();
                let mut xml = String::new();
                std::io::Read::read_to_string(
                    &mut zip.by_name("word/document.xml").unwrap(),
                    &mut xml,
                )
                .unwrap();
                texts.push((
                    format!("{rel} (tables).md"),
                    rows_of(&xml, "</w:tr>", "</w:tc>"),
                ));
            }
            _ => {}
        }
    }
    for (rel, text) in &texts {
        for line in text.lines() {
            for g in groups {
                // The annex lists the suppressed groups by name; the file accounting names
                // files with their rows, as tables/files.csv does.
                let file_row = line.contains(&format!("{g}.csv"));
                if !line.contains(g) || rel.starts_with("technical_annex") || file_row {
                    continue;
                }
                // A table row or line about the group: its cells after the name are [c], or it
                // is a listing (a comment, a file) with no figure of the group.
                // A row of a document's table: the cells after the group's are [c].
                let after = line.split_once(g).map(|(_, a)| a).unwrap_or("");
                if rel.ends_with(".md") && line.starts_with('|') {
                    assert!(
                        !after.split('|').any(is_figure),
                        "{rel}: a figure beside {g}: {line}"
                    );
                }
                if rel.ends_with(".csv") && rel.starts_with("tables/") {
                    // A table that can protect a row says so in its status column; the
                    // others give no figure beside the group.
                    let has_status = text.lines().next().unwrap().ends_with(",status");
                    let exempt = ["files.csv", "data_quality.csv"]
                        .iter()
                        .any(|x| rel.ends_with(x));
                    if has_status {
                        assert!(line.ends_with(",[c]"), "{rel}: {g} not protected: {line}");
                    } else {
                        assert!(
                            exempt || !after.split(',').any(is_figure),
                            "{rel}: a figure beside {g}: {line}"
                        );
                    }
                }
            }
        }
    }
}

/// The table rows of a marked-up document as lines of `| cell | cell |`: each row ends with
/// `row_end`, each cell with a tag starting `cell_end`; tags dropped, `&amp;` and the like
/// left as they are.
fn rows_of(markup: &str, row_end: &str, cell_end: &str) -> String {
    let mut out = String::new();
    for row in markup.split(row_end) {
        let cells: Vec<String> = row
            .split(cell_end)
            .map(|cell| {
                let mut text = String::new();
                let mut in_tag = false;
                for ch in cell.chars() {
                    match ch {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => text.push(c),
                        _ => {}
                    }
                }
                text.trim().to_string()
            })
            .collect();
        if cells.len() > 1 {
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out
}

/// A table cell that gives a figure: a number, a percentage or "k of n", not a date nor a
/// name with a number in it ("Level 1 (universal)").
fn is_figure(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('%');
    let iso_date = c.len() == 10 && c.as_bytes()[4] == b'-' && c.as_bytes()[7] == b'-';
    let words = c
        .replace("out of", "")
        .replace(" of ", "")
        .replace("members", "");
    !iso_date
        && words.chars().any(|ch| ch.is_ascii_digit())
        && !words.chars().any(|ch| ch.is_alphabetic())
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn no_published_file_gives_a_small_group_a_figure() {
    let w = attendance();
    session(&w, "Induction 2016-07-22", 4);
    w.run_ok();
    no_small_group_has_figures(
        &w,
        &[
            "Lead Member",
            "Adoption Panel",
            "Fostering Panel",
            "Induction 2016-07-22",
            "Scrutiny briefing",
        ],
    );
    // The workbook holds the same [c] as the CSV tables.
    let xlsx = w.report("tables.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let mut found = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for r in range.rows() {
            let cells: Vec<String> = r.iter().map(|c| c.to_string()).collect();
            if cells.iter().any(|c| c == "Lead Member") {
                found += 1;
                let after: Vec<&String> = cells
                    .iter()
                    .skip_while(|c| *c != "Lead Member")
                    .skip(2)
                    .collect();
                assert!(
                    after.iter().all(|c| c.is_empty() || *c == "[c]"),
                    "{name}: {cells:?}"
                );
            }
        }
    }
    assert!(found > 0, "the coverage sheet lists the role");
    // Beside [c], the figures of the same columns stay numbers.
    let mut numbers = 0;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        if range.rows().any(|r| r.iter().any(|c| *c == "Lead Member")) {
            numbers += range
                .rows()
                .filter(|r| r.iter().any(|c| *c == "Member"))
                .flat_map(|r| r.iter())
                .filter(|c| matches!(c, calamine::Data::Float(_)))
                .count();
        }
    }
    assert!(numbers > 0, "the Member row's figures are numbers");
}

/// Six members rate two themes at baseline and review; one statement is rated by three of
/// them only.
#[test]
fn a_statement_rated_by_few_members_shows_c_and_the_themes_stay() {
    let mut csv = String::from(
        "Name,Wave,Planning [We plan ahead],Planning [We review our programme],Culture [Officers share information]\n",
    );
    for (i, name) in ["A", "B", "C", "D", "E", "F"].iter().enumerate() {
        let shared = if i < 3 { "3" } else { "" };
        csv.push_str(&format!("{name},baseline,2,2,{shared}\n"));
        csv.push_str(&format!("{name},review,4,3,{shared}\n"));
    }
    let w = Workdir::new();
    w.write("self_assessment/ratings.csv", &csv);
    w.run_ok();
    let items = w.published("self_assessment_items.csv");
    for r in &items {
        let few = r["statement"] == "Officers share information";
        assert_eq!(r["n"] == "[c]", few, "{r:?}");
        assert_eq!(r["mean"] == "[c]", few, "{r:?}");
    }
    let change = w.published("self_assessment_change.csv");
    let theme = |t: &str| row(&change, &[("level", "theme"), ("theme", t)]);
    assert_eq!(theme("Planning")["pairs"], "6");
    assert_eq!(theme("Culture")["pairs"], "[c]");
    assert_eq!(theme("Culture")["direction"], "[c]");
    let doc = std::fs::read_to_string(w.report("self_assessment.md")).unwrap();
    assert!(doc.contains("| Culture | \\[c\\] |"), "{doc}");
    assert!(doc.contains("fewer than 5 members rating it"), "{doc}");
    // The analyst keeps the three ratings.
    let full = read_csv(&w.report("internal/PERSONAL-DATA_unsuppressed_self_assessment_items.csv"));
    assert!(full
        .iter()
        .any(|r| r["statement"] == "Officers share information" && r["n"] == "3"));
}

/// A comment that named someone is listed (redacted) but never quoted.
#[test]
fn a_comment_that_named_a_person_is_never_quoted() {
    let w = Workdir::new();
    let mut csv = format!("{SATISFIED},{COMMENTS}\n");
    csv.push_str(
        "Very satisfied,Cllr Jane Smith gave useful information on care leavers and fostering\n",
    );
    for _ in 0..5 {
        csv.push_str("Very satisfied,Useful information\n");
    }
    w.write("Induction.csv", &csv);
    w.write("evalboard.toml", "[text]\nnames = [\"Jane Smith\"]\n");
    w.run_ok();
    let comments = w.published("free_text.csv");
    assert!(
        comments.iter().any(|c| c["text"].contains("[name]")),
        "{comments:?}"
    );
    let quotes = w.published("quotes.csv");
    assert!(!quotes.is_empty(), "the other comments are quoted");
    assert!(
        quotes.iter().all(|q| !q["text"].contains("[name]")),
        "{quotes:?}"
    );
}

/// With no group under the threshold nothing is suppressed, no full copy goes to internal/,
/// and the annex says so.
#[test]
fn no_small_group_means_nothing_suppressed_and_no_copy() {
    let w = Workdir::new();
    session(&w, "Induction 2016-06-24", 5);
    session(&w, "Induction 2016-07-22", 7);
    w.run_ok();
    for table in [
        "likert_counts.csv",
        "likert_summary.csv",
        "themes.csv",
        "free_text.csv",
    ] {
        let rows = w.published(table);
        assert!(
            rows.iter().all(|r| r.values().all(|v| v != "[c]")),
            "{table}: {rows:?}"
        );
    }
    let internal = std::fs::read_dir(w.report("internal")).unwrap();
    assert!(internal
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .all(|n| !n.contains("unsuppressed")));
    let annex = std::fs::read_to_string(w.report("technical_annex.md")).unwrap();
    assert!(
        annex.contains("No group was small enough to suppress."),
        "{annex}"
    );
}
