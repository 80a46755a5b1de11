//! Committee papers that go out without an edit: one figure on one base in every place it is
//! given, the rule as applied stated, no target nobody set, a comment written twice listed
//! once, and words for one session that do not speak of "all sessions".

use crate::util::Workdir;

/// One session, 22 sheets: "Would you recommend...?" 16 Yes, 1 No, 5 Not sure; "How
/// satisfied...?" 8 very, 6 fairly, 2 neither, 1 fairly dissatisfied, 3 don't know and 2
/// blank; one comment, written five times in the same words.
fn not_sure() -> Workdir {
    let w = Workdir::new();
    let recommend = [("Yes", 16), ("No", 1), ("Not sure", 5)];
    let satisfied = [
        ("Very satisfied", 8),
        ("Fairly satisfied", 6),
        ("Neither satisfied nor dissatisfied", 2),
        ("Fairly dissatisfied", 1),
        ("Don't know", 3),
        ("", 2),
    ];
    let spread = |answers: &[(&'static str, usize)]| -> Vec<&'static str> {
        answers
            .iter()
            .flat_map(|(a, n)| std::iter::repeat_n(*a, *n))
            .collect()
    };
    let (r, s) = (spread(&recommend), spread(&satisfied));
    let mut csv = String::from(
        "Timestamp,Would you recommend this session to a colleague?,How satisfied were you with the session?,What could be improved?\n",
    );
    for i in 0..22 {
        let comment = if i % 5 == 0 {
            "More time for questions"
        } else {
            ""
        };
        csv.push_str(&format!(
            "05/03/2024 10:{i:02}:00,{},{},{comment}\n",
            r[i],
            s[(i * 7) % 22]
        ));
    }
    w.write("Scrutiny training 2024-03-05.csv", &csv);
    w
}

#[test]
fn a_share_that_leaves_out_the_unsure_says_so_and_its_table_gives_every_answer() {
    let w = not_sure();
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    // The summary's base is named, and what it leaves out is counted.
    assert!(
        md.contains("16 of the 17 who gave a view (94%) answered \u{201c}Yes\u{201d}; 5 answered \u{201c}Not sure\u{201d}"),
        "{md}"
    );
    assert!(
        md.contains("14 of the 17 who gave a view (82%) answered \u{201c}Very satisfied\u{201d} or \u{201c}Fairly satisfied\u{201d}; 3 answered \u{201c}Don't know\u{201d}"),
        "{md}"
    );
    // The table below gives every answer, on its own base.
    assert!(md.contains("| Yes | 16 | 73% |"), "{md}");
    assert!(md.contains("| Not sure | 5 | 23% |"), "{md}");
    // The chart's alt text states the same base as the summary.
    let alt = md
        .lines()
        .find(|l| l.starts_with("![Diverging bar chart"))
        .unwrap();
    assert!(alt.contains("94% of the 17 who gave a view"), "{alt}");
    assert!(alt.contains("82% of the 17 who gave a view"), "{alt}");
    assert!(!alt.contains("of 22") && !alt.contains("of 20"), "{alt}");
    // The annex says which answers count as favourable, question by question.
    let annex = std::fs::read_to_string(w.report("technical_annex.md")).unwrap();
    assert!(
        annex.contains("\u{201c}Yes\u{201d} for \u{201c}Would you recommend this session to a colleague?\u{201d}; \u{201c}Very satisfied\u{201d} or \u{201c}Fairly satisfied\u{201d} for \u{201c}How satisfied were you with the session?\u{201d}"),
        "{annex}"
    );
    assert!(!annex.contains("three options or fewer"), "{annex}");
}

#[test]
fn one_session_is_not_all_sessions_and_a_comment_written_twice_is_listed_once() {
    let w = not_sure();
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(!md.to_lowercase().contains("all sessions"), "{md}");
    assert!(
        md.contains("Those attending the session returned 22 evaluation sheets."),
        "{md}"
    );
    let listed = md
        .lines()
        .filter(|l| l.starts_with("- More time for questions"))
        .collect::<Vec<_>>();
    assert_eq!(
        listed,
        ["- More time for questions (5 comments in these words)"],
        "{md}"
    );
}

#[test]
fn the_chart_title_states_the_finding_and_its_subtitle_what_it_is_of() {
    let w = not_sure();
    w.run_ok();
    let svg = std::fs::read_to_string(w.report("charts/likert_overall.svg")).unwrap();
    assert!(
        svg.contains("Between 82% and 94% of the answers that gave a view were favourable"),
        "{svg}"
    );
    assert!(
        svg.contains("Scrutiny training 5 March 2024 (22 responses)"),
        "{svg}"
    );
    for jargon in ["substantive", "neutral split", "orange"] {
        assert!(!svg.contains(jargon), "{jargon}");
    }
}

#[test]
fn the_workbook_heads_columns_in_words_holds_dates_as_dates_and_prints_to_width() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let bytes = std::fs::read(w.report("tables.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut sheets = 0;
    for name in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet") && n.ends_with(".xml"))
    {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        if !xml.contains("<tableParts")
            || name.ends_with("sheet2.xml")
            || name.ends_with("sheet3.xml")
        {
            continue;
        }
        sheets += 1;
        assert!(xml.contains("orientation=\"landscape\""), "{name}");
        assert!(xml.contains("fitToHeight=\"0\""), "{name}");
    }
    assert!(sheets > 5, "{sheets} table sheets");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(w.report("tables.xlsx")).unwrap();
    book.load_tables().unwrap();
    let sessions = book.table_by_name("attendance_sessions").unwrap();
    assert_eq!(
        sessions.columns(),
        [
            "Session",
            "Date",
            "Level",
            "Attendees",
            "On roster",
            "Not on roster",
            "Expected",
            "Per cent of expected"
        ]
    );
    let first = sessions.data().rows().next().unwrap().to_vec();
    assert!(matches!(first[1], calamine::Data::DateTime(_)), "{first:?}");
}

const REPORT: &str = r#"
[report]
council = "Rotherham Metropolitan Borough Council"
title = "Overview of corporate parenting training for elected members"
committee = "Corporate Parenting Panel"
meeting_date = "2016-09-27"
author = "Senior Adviser (Scrutiny and Member Development)"
recommendations = [
  "That the Corporate Parenting Panel comments on the overview of corporate parenting training for elected members",
  "That a further update be provided to the Panel in six months' time",
]
"#;

#[test]
fn the_covering_report_follows_the_template_and_says_once_what_to_fill_in() {
    let w = Workdir::new();
    w.sample();
    w.write("evalboard.toml", REPORT);
    let out = w.run_ok();
    assert!(
        !crate::util::stderr(&out).contains("meeting_before_session"),
        "{}",
        crate::util::stderr(&out)
    );
    let md = std::fs::read_to_string(w.report("report.md")).unwrap();
    for expected in [
        "# Overview of corporate parenting training for elected members",
        "**Meeting:** Corporate Parenting Panel – 27 September 2016",
        "**Report author:** Senior Adviser (Scrutiny and Member Development), \\[to fill in\\] (contact)",
        "1.1 That the Corporate Parenting Panel comments on the overview",
        "1.2 That a further update be provided to the Panel in six months' time",
        "## 3 Key issues",
        "In all, 53 out of 63 members (84%) have attended at least one training session (see Appendix 2).",
        "- Appendix 1 – Summary of evaluation sheets from sessions held on 24 June and 22 July 2016",
    ] {
        assert!(md.contains(expected), "no {expected:?} in\n{md}");
    }
    // What is missing is said once, at the top, with the settings that fill it.
    let fill = md
        .lines()
        .filter(|l| l.starts_with("**Before this report goes out:**"))
        .collect::<Vec<_>>();
    assert_eq!(fill.len(), 1, "{md}");
    for key in [
        "key\\_decision",
        "director",
        "contact",
        "wards",
        "background\\_papers",
        "exempt",
    ] {
        assert!(fill[0].contains(key), "{key}: {}", fill[0]);
    }
    for given in ["recommendations", "meeting\\_date", "committee"] {
        assert!(!fill[0].contains(given), "{given}: {}", fill[0]);
    }
    // Paragraphs are numbered throughout the sections.
    assert!(md.contains("\n3.7 In all, 53 out of 63"), "{md}");
    // Each appendix is titled as the seed titles it, under the report's title.
    let evaluation = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(evaluation.starts_with(
        "# Appendix 1 – Summary of evaluation sheets from sessions held on 24 June and 22 July 2016"
    ));
    assert!(evaluation.contains(
        "**Title of report:** Overview of corporate parenting training for elected members"
    ));
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.starts_with("# Overview of corporate parenting training for elected members"));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(w.report("tables.xlsx")).unwrap();
    let cover = calamine::Reader::worksheet_range(&mut book, "Cover").unwrap();
    assert_eq!(
        cover.get_value((0, 0)).unwrap().to_string(),
        "Overview of corporate parenting training for elected members: tables"
    );
    // Word and the web page carry the same front sheet.
    let page = std::fs::read_to_string(w.report("report.html")).unwrap();
    assert!(page.contains("Corporate Parenting Panel – 27 September 2016"));
    assert!(w.report("report.docx").exists());
}

#[test]
fn a_meeting_before_the_sessions_it_reports_is_a_warning() {
    let w = Workdir::new();
    w.sample();
    w.write(
        "evalboard.toml",
        &REPORT.replace("2016-09-27", "2016-07-01"),
    );
    let out = w.run_ok();
    let quality = std::fs::read_to_string(w.report("tables/data_quality.csv")).unwrap();
    let line = quality
        .lines()
        .find(|l| l.contains("meeting_before_session"))
        .unwrap_or_else(|| panic!("{quality}\n{}", crate::util::stderr(&out)));
    assert!(line.contains("2016-07-01"), "{line}");
    assert!(line.contains("2016-08-16"), "{line}");
}

/// The words of every committee document, read as a councillor would: no analyst's jargon,
/// no "1 files", no label repeating its value, captions that read as sentences, the same word
/// for a change in every document.
#[test]
fn the_documents_speak_plain_english() {
    let w = Workdir::new();
    w.sample();
    let out = w.run_ok();
    let terminal = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        terminal.contains("(6 files read, 0 failed, 0 warnings)"),
        "{terminal}"
    );
    for name in ["report", "evaluation", "attendance", "self_assessment"] {
        let md = std::fs::read_to_string(w.report(&format!("{name}.md"))).unwrap();
        let lower = md.to_lowercase();
        for jargon in [
            "wave",
            "substantive",
            "neutral split",
            "orange",
            "top-two",
            "top2",
        ] {
            assert!(!lower.contains(jargon), "{name}: {jargon:?} in\n{md}");
        }
        assert!(!md.contains("**Members:** 63 members"), "{name}");
        for line in md.lines().filter(|l| l.starts_with("Table ")) {
            let rest = line.split_once(": ").map_or("", |(_, r)| r);
            assert!(
                rest.starts_with(|c: char| !c.is_lowercase()),
                "{name}: {line}"
            );
        }
        assert!(
            !md.contains("Improved"),
            "{name}: 'Improved' where the others say 'Higher'"
        );
    }
    let annex = std::fs::read_to_string(w.report("technical_annex.md")).unwrap();
    assert!(!annex.contains("| Improved |"), "{annex}");
    assert!(annex.contains("| Higher |"), "{annex}");
}

#[test]
fn questions_with_too_few_comments_are_named_together_once() {
    let w = Workdir::new();
    let mut csv = String::from("Timestamp,How satisfied were you with the session?,What went well?,What could be better?,Anything else?\n");
    for i in 0..12 {
        let (a, b, c) = match i {
            0 => ("The case studies", "More time", "Thanks"),
            1 => ("The speaker", "", ""),
            _ => ("", "", ""),
        };
        csv.push_str(&format!(
            "05/03/2024 10:{i:02}:00,Very satisfied,{a},{b},{c}\n"
        ));
    }
    w.write("Induction 2024-03-05.csv", &csv);
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    let few: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("Fewer than 5 comments"))
        .collect();
    assert_eq!(few.len(), 1, "{md}");
    for q in ["What went well?", "What could be better?", "Anything else?"] {
        assert!(few[0].contains(q), "{q}: {}", few[0]);
    }
}

/// The improvement board's page: each topic's figures word for word as its appendix gives
/// them (one figure, one base), and one chart of the shares with their bases.
#[test]
fn the_board_page_carries_each_topic_with_the_appendices_figures() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let board = std::fs::read_to_string(w.report("board.md")).unwrap();
    let attendance = std::fs::read_to_string(w.report("attendance.md")).unwrap();
    let evaluation = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    let assessment = std::fs::read_to_string(w.report("self_assessment.md")).unwrap();
    for (sentence, appendix) in [
        ("In all, 53 out of 63 members (84%) have attended at least one training session.", &attendance),
        ("Coverage is lowest at Level 2 (targeted): 5 out of 20 members expected at that level (25%) have attended.", &attendance),
        ("Everyone who attended the 2 sessions the attendance records cover returned an evaluation sheet (22 of 22).", &evaluation),
        ("14 at the baseline (March 2023) and 14 at the review (September 2023); 13 completed both.", &assessment),
    ] {
        assert!(board.contains(sentence), "no {sentence:?} in\n{board}");
        assert!(appendix.contains(sentence), "the appendix differs: {sentence:?}");
    }
    let svg = std::fs::read_to_string(w.report("charts/board_update.svg")).unwrap();
    for bar in ["52 / 63 (83%)", "5 / 20 (25%)", "22 / 22 (100%)"] {
        assert!(svg.contains(bar), "{bar}");
    }
    // Level 3 has one member: protected, so not on the board's chart either.
    assert!(!svg.contains("Level 3"), "{svg}");
}

/// Files named the wrong way round: the review dated before the baseline is a warning.
#[test]
fn a_review_dated_before_its_baseline_is_a_warning() {
    let w = Workdir::new();
    w.sample();
    let folder = w.path().join("input/self_assessment");
    let base = folder.join("Scrutiny self-assessment baseline 2023-03.xlsx");
    let review = folder.join("Scrutiny self-assessment review 2023-09.csv");
    std::fs::rename(&base, folder.join("Scrutiny self-assessment review.xlsx")).unwrap();
    std::fs::rename(
        &review,
        folder.join("Scrutiny self-assessment baseline.csv"),
    )
    .unwrap();
    let out = w.run_ok();
    let err = crate::util::stderr(&out);
    assert!(
        err.contains("the review was completed (March 2023) before the baseline (September 2023)"),
        "{err}"
    );
}

/// Point 8: a session named after its file is written as a name (a capital, the tool's words
/// left out), and an export whose headers are variable names shows them as words.
#[test]
fn a_session_from_its_file_and_variable_names_read_as_words() {
    let w = Workdir::new();
    w.repo_file(
        "tests/fixtures/real/carpentries_instructor_training_post.csv",
        "instructor_training_post_export.csv",
    );
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(md.contains("Instructor training post"), "{md}");
    assert!(!md.contains("instructor training post"), "{md}");
    assert!(!md.contains(" export"), "{md}");
    assert!(md.contains("“Trainers considerate”"), "{md}");
    assert!(!md.contains("TrainersConsiderate"), "{md}");
}

/// A rating whose scale the export does not give (1 to 10 as bare numbers) has its table and
/// no finding: the summary says so, and the chart, whose title is a finding, leaves it out
/// rather than draw a favourable side nobody confirmed.
#[test]
fn a_scale_nobody_confirmed_is_counted_not_charted_and_the_summary_says_why() {
    let w = Workdir::new();
    w.repo_file(
        "tests/conformance/microsoft_forms_naiss_hpc_python_evaluation_2023/evaluation_20230523.csv",
        "evaluation_20230523.csv",
    );
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(
        md.contains("The answers to 2 questions are shown as counts only"),
        "{md}"
    );
    assert!(
        md.contains("Table 1: Overall, how would you rate this training event?"),
        "{md}"
    );
    let alt = md
        .lines()
        .find(|l| l.starts_with("![Diverging bar chart"))
        .expect("the chart");
    assert!(alt.contains("for each of 3 rated questions"), "{alt}");
    assert!(!alt.contains("how would you rate"), "{alt}");
    // The annex's table of rated questions holds no categories (they have no favourable side).
    let annex = std::fs::read_to_string(w.report("technical_annex.md")).unwrap();
    let rated = annex
        .split("Rated questions, all sessions")
        .nth(1)
        .and_then(|t| t.split("\n\n").nth(1))
        .expect("the table of rated questions");
    assert!(
        rated.contains("| Would you recommend this training event to others? |"),
        "{rated}"
    );
    assert!(!rated.contains("| Length of course was |"), "{rated}");
    assert!(rated.contains("Gave a view"), "{rated}");
}

/// A large input stays a document: past 250 different comments a question has them counted,
/// with where they are listed in full, instead of pages of them; a question with a normal
/// number of comments is listed as before.
#[test]
fn a_question_with_thousands_of_comments_is_counted_not_printed() {
    let w = Workdir::new();
    let mut csv = String::from(
        "Were your objectives achieved?,What did you find most useful?,Any other comments?\n",
    );
    for i in 0..600 {
        let answer = ["Yes, in full", "Yes, partly", "No, not at all"][i % 3];
        let other = [
            "More time for questions",
            "Slides in advance",
            "A shorter lunch",
        ]
        .get(i)
        .unwrap_or(&"");
        csv.push_str(&format!(
            "\"{answer}\",Useful point number {} of the day,{other}\n",
            i % 400
        ));
    }
    w.write("big session.csv", &csv);
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(
        md.contains("600 comments were written in answer to this question (400 different), too many to list here: every one is in the workbook (tables.xlsx) and in tables/free\\_text.csv."),
        "{md}"
    );
    assert!(!md.contains("- Useful point number 7 of the day"), "{md}");
    assert!(md.contains("- Slides in advance"), "{md}");
    // No sentence still promises every comment in the appendix.
    assert!(!md.contains("all are in the appendix"), "{md}");
    assert!(
        !md.contains("Every comment is listed in the appendix."),
        "{md}"
    );
    assert!(
        md.contains("; all are in the workbook (tables.xlsx)"),
        "{md}"
    );
    let comments = w.table("free_text.csv");
    assert_eq!(
        comments
            .iter()
            .filter(|r| r["question"] == "What did you find most useful?")
            .count(),
        600
    );
}
