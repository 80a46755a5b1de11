//! Survey definitions on each real export layout (tests/fixtures/make_layouts.py): `init`
//! writes a definition, `validate` accepts it, `run` gives the counts the fixture holds.

use crate::util::{counts, expect, stderr, Workdir};

const OBJ: &str = "Were your objectives achieved?";

/// `init`, then `validate`, then `run` on one layout fixture; the definition's text returned.
fn init_validate_run(w: &Workdir) -> String {
    let init = w.run(&["init", "input"]);
    assert!(init.status.success(), "init: {}", stderr(&init));
    let validate = w.run(&["validate", "input"]);
    assert!(validate.status.success(), "validate: {}", stderr(&validate));
    w.run_ok();
    std::fs::read_to_string(w.path().join("input/evalboard.toml")).unwrap()
}

fn edit(w: &Workdir, from: &str, to: &str) {
    let path = w.path().join("input/evalboard.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} not in:\n{text}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn choices(w: &Workdir) -> Vec<(String, u64, u64)> {
    w.table("multi_select.csv")
        .iter()
        .filter(|r| r["group"] == "overall")
        .map(|r| {
            (
                r["option"].clone(),
                r["respondents"].parse().unwrap(),
                r["base"].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn microsoft_forms_packed_multi_select() {
    let w = Workdir::new();
    w.fixture("layouts/ms_forms.xlsx");
    let toml = init_validate_run(&w);
    assert!(
        toml.contains("respondent = [\"ID\"]") && toml.contains("ignore = [\"Email\", \"Name\"]")
    );
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", OBJ),
        expect(&[
            ("Yes, in full", 2),
            ("Yes, partly", 1),
            ("No, not at all", 1),
            ("Too early to say", 1)
        ])
    );
    // Four of five respondents ticked something; 'a;b;' counts each option once. The options
    // are listed most ticked first.
    let t = |o: &str, n| (o.to_string(), n, 4);
    assert_eq!(
        choices(&w),
        [
            t("Case studies", 3),
            t("Data and statistics", 2),
            t("The law", 2)
        ]
    );
}

#[test]
fn google_forms_grid_statements_share_a_group() {
    let w = Workdir::new();
    w.fixture("layouts/google_forms.csv");
    let toml = init_validate_run(&w);
    assert!(toml.contains("group = \"How far do you agree with these statements?\""));
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", "The pace was right"),
        expect(&[
            ("Strongly agree", 0),
            ("Agree", 2),
            ("Neither agree nor disagree", 0),
            ("Disagree", 1),
            ("Strongly disagree", 0)
        ])
    );
    assert_eq!(
        counts(&c, "overall", "The content was relevant")[..2],
        expect(&[("Strongly agree", 1), ("Agree", 2)])
    );
    assert_eq!(w.table("free_text.csv").len(), 2);
}

#[test]
fn surveymonkey_two_header_rows_and_option_columns() {
    let w = Workdir::new();
    w.fixture("layouts/surveymonkey.xlsx");
    let toml = init_validate_run(&w);
    assert!(toml.contains("pattern = \"Which topics were most useful? [*]\""));
    let c = w.table("likert_counts.csv");
    let sat = counts(&c, "overall", "How satisfied were you with the session?");
    assert_eq!((sat[0].1, sat[1].1, sat[5].1), (2, 1, 1));
    let t = |o: &str, n| (o.to_string(), n, 3);
    assert_eq!(
        choices(&w),
        [
            t("Data and statistics", 2),
            t("Case studies", 2),
            t("The law", 1)
        ]
    );
    // 'Other (please specify)' holds what was written in: the question's comments, not an
    // option.
    let text = w.table("free_text.csv");
    assert_eq!(text.len(), 1);
    assert_eq!(
        text[0]["question"],
        "Which topics were most useful? (other)"
    );
}

#[test]
fn smartsurvey_three_header_rows() {
    let w = Workdir::new();
    w.fixture("layouts/smartsurvey.xlsx");
    init_validate_run(&w);
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", "The presenter was clear")[..2],
        expect(&[("Strongly agree", 1), ("Agree", 2)])
    );
    assert_eq!(
        counts(&c, "overall", "I can use what I learned")[1..3],
        expect(&[("Agree", 2), ("Neither agree nor disagree", 1)])
    );
    let files = w.table("files.csv");
    assert_eq!(files[0]["header_row"], "1");
    assert_eq!(files[0]["rows_read"], "3");
}

#[test]
fn qualtrics_import_id_row_is_not_data() {
    let w = Workdir::new();
    w.fixture("layouts/qualtrics.csv");
    let toml = init_validate_run(&w);
    assert!(toml.contains("respondent = [\"Response ID\"]"));
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", OBJ)[..2],
        expect(&[("Yes, in full", 2), ("Yes, partly", 2)])
    );
    assert_eq!(
        counts(&c, "overall", "The session was well paced")[..4],
        expect(&[
            ("Strongly agree", 1),
            ("Agree", 2),
            ("Neither agree nor disagree", 0),
            ("Disagree", 1)
        ])
    );
    assert_eq!(w.table("files.csv")[0]["rows_read"], "4");
}

#[test]
fn tally_sheet_counts_add_like_raw_answers() {
    let w = Workdir::new();
    w.fixture("layouts/tally_sheet.xlsx");
    init_validate_run(&w);
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", OBJ),
        expect(&[
            ("Yes, in full", 15),
            ("Yes, partly", 7),
            ("No, not at all", 0),
            ("Too early to say", 0)
        ])
    );
    let dq = w.table("data_quality.csv");
    let total = |check: &str| dq.iter().find(|r| r["check"] == check).unwrap()["count"].clone();
    assert_eq!(total("answers_from_tally_sheets"), "44");
    assert_eq!(total("respondents"), "0");
    // 12 rows = 10 option rows used + 2 total rows rejected (recomputed, not trusted).
    assert_eq!(
        (
            total("rows_read"),
            total("rows_used"),
            total("rows_rejected")
        ),
        ("12".into(), "10".into(), "2".into())
    );
    let briefing = std::fs::read_to_string(w.report("briefing.md")).unwrap();
    assert!(briefing.contains("come from tally sheets"), "{briefing}");
}

#[test]
fn paper_codes_are_counted_with_the_direction_assumed_then_confirmed() {
    let w = Workdir::new();
    w.fixture("layouts/paper_codes.xlsx");
    assert!(w.run(&["init", "input"]).status.success());
    // Numbers are counted on the range the question states (1-5), the higher assumed the
    // more favourable, and the data-quality table says it is an assumption.
    w.run_ok();
    let q = "How useful was the session? (1-5)";
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", q),
        expect(&[("5", 2), ("4", 2), ("3", 1), ("2", 1), ("1", 0)])
    );
    let dq = w.table("data_quality.csv");
    assert!(
        dq.iter()
            .any(|r| r["check"] == "assumed_scale" && r["column"] == q),
        "{dq:?}"
    );
    // The analyst writes the form's wording over the codes and confirms.
    edit(&w, "confirmed = false", "confirmed = true");
    edit(
        &w,
        "{ label = \"5\", code = 5 }",
        "{ label = \"Very useful\", code = 5 }",
    );
    w.run_ok();
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", q),
        expect(&[("Very useful", 2), ("4", 2), ("3", 1), ("2", 1), ("1", 0)])
    );
    let dq = w.table("data_quality.csv");
    assert!(!dq.iter().any(|r| r["check"] == "assumed_scale"), "{dq:?}");
}

#[test]
fn worded_scale_order_is_proposed_for_confirmation() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    // Without a definition the guessed order is not trusted: counted as categories (no mean or
    // favourable share), most chosen first, with a note.
    w.run_ok();
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", "How clear was the session?"),
        expect(&[("Very clear", 2), ("Quite clear", 2), ("Not very clear", 1)])
    );
    let q = w.published("questions.csv");
    assert_eq!(q[0]["read_as"], "categories");
    assert!(w.table("free_text.csv").is_empty());
    assert!(w.run(&["init", "input"]).status.success());
    let toml = std::fs::read_to_string(w.path().join("input/evalboard.toml")).unwrap();
    let at = |o: &str| {
        toml.find(&format!("label = \"{o}\""))
            .unwrap_or_else(|| panic!("{o} in {toml}"))
    };
    assert!(
        at("Very clear") < at("Quite clear") && at("Quite clear") < at("Not very clear"),
        "{toml}"
    );
    assert!(toml.contains("confirmed = false"));
    edit(&w, "confirmed = false", "confirmed = true");
    w.run_ok();
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", "How clear was the session?"),
        expect(&[("Very clear", 2), ("Quite clear", 2), ("Not very clear", 1)])
    );
}

#[test]
fn edited_definition_renames_reverse_codes_and_uses_a_custom_scale() {
    let w = Workdir::new();
    w.fixture("layouts/qualtrics.csv");
    init_validate_run(&w);
    edit(
        &w,
        "header = \"Were your objectives achieved?\"\n",
        "header = \"Were your objectives achieved?\"\nlabel = \"Objectives met\"\n",
    );
    edit(
        &w,
        "label = \"I feel more confident\"\nscale = \"agreement\"\nreverse = false",
        "label = \"I feel more confident\"\nscale = \"agreement\"\nreverse = true",
    );
    edit(
        &w,
        "label = \"The session was well paced\"\nscale = \"agreement\"",
        "label = \"The session was well paced\"\nscale = \"three point\"",
    );
    let path = w.path().join("input/evalboard.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n[[scale]]\nname = \"three point\"\noptions = [\n  { label = \"Agree\", synonyms = [\"Strongly agree\"] },\n  { label = \"Neutral\" },\n  { label = \"Disagree\", synonyms = [\"Strongly disagree\"] },\n]\n");
    std::fs::write(&path, text).unwrap();
    assert!(w.run(&["validate", "input"]).status.success());
    w.run_ok();
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", "Objectives met")[..2],
        expect(&[("Yes, in full", 2), ("Yes, partly", 2)])
    );
    assert!(
        counts(&c, "overall", OBJ).is_empty(),
        "the old label is gone"
    );
    assert_eq!(
        counts(&c, "overall", "The session was well paced"),
        expect(&[("Agree", 3), ("Neutral", 0), ("Disagree", 1)])
    );
    // Reverse-coded: the scale is read from Strongly disagree (favourable) to Strongly agree.
    let reversed = counts(&c, "overall", "I feel more confident");
    assert_eq!(reversed[0], ("Strongly disagree".to_string(), 0));
    assert_eq!(reversed[4], ("Strongly agree".to_string(), 1));
    let s = w.table("likert_summary.csv");
    let mean = |q: &str| {
        s.iter()
            .find(|r| r["group"] == "overall" && r["question"] == q)
            .unwrap()["mean"]
            .parse::<f64>()
            .unwrap()
    };
    // Agree x3 (score 2 reversed) + Strongly agree x1 (score 1 reversed): (2*3 + 1) / 4.
    assert_eq!(mean("I feel more confident"), 1.75);
}

fn bad_definition(toml: &str, expected: &[&str]) {
    let w = Workdir::new();
    w.fixture("layouts/qualtrics.csv");
    std::fs::write(w.path().join("input/evalboard.toml"), toml).unwrap();
    for args in [&["validate", "input"][..], &["run"][..]] {
        let out = w.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let msg = stderr(&out);
        assert_eq!(msg.lines().count(), 1, "one clear error: {msg}");
        for e in expected {
            assert!(msg.contains(e), "{e:?} not in {msg}");
        }
    }
}

#[test]
fn unknown_key_is_named_with_its_line() {
    bad_definition(
        "[[question]]\nid = \"q1\"\nheader = \"Were your objectives achieved?\"\nscale = \"objectives\"\nrevers = true\n",
        &["evalboard.toml, line 5", "revers"],
    );
}

#[test]
fn option_listed_twice_is_named_with_its_line() {
    bad_definition(
        "[[scale]]\nname = \"useful\"\noptions = [\n  { label = \"Useful\" },\n  { label = \"Not useful\" },\n  { label = \"useful\" },\n]\n",
        &["evalboard.toml, line 6", "'useful' twice", "remove one"],
    );
}

#[test]
fn question_matching_no_header_is_named_with_its_line() {
    bad_definition(
        "[[question]]\nid = \"q1\"\nheader = \"Were your objectives achieved?\"\nscale = \"objectives\"\n\n[[question]]\nid = \"pace\"\nheader = \"Was the pace right?\"\nscale = \"agreement\"\n",
        &["evalboard.toml, line 6", "'pace'", "matches no column", "How far do you agree? [The session was well paced]"],
    );
}

#[test]
fn two_questions_matching_one_header_are_named() {
    bad_definition(
        "[[question]]\nid = \"a\"\npattern = \"How far do you agree? [*]\"\nscale = \"agreement\"\n\n[[question]]\nid = \"b\"\npattern = \"*well paced*\"\nscale = \"agreement\"\n",
        &["evalboard.toml, line 6", "'a' (line 1) and 'b'", "column J", "qualtrics.csv"],
    );
}

#[test]
fn data_quality_flags_duplicates_codes_out_of_range_and_low_response() {
    let w = Workdir::new();
    std::fs::write(
        w.path().join("input/paper.csv"),
        "ID,Usefulness,Relevance,Comments\n1,5,4,fine\n2,4,,\n2,3,,\n3,7,,x\n3,7,,x\n",
    )
    .unwrap();
    std::fs::write(
        w.path().join("input/evalboard.toml"),
        "[[scale]]\nname = \"five\"\noptions = [{ label = \"Very\", code = 5 }, { label = \"Quite\", code = 4 }, { label = \"Some\", code = 3 }, { label = \"Little\", code = 2 }, { label = \"None\", code = 1 }]\n\n\
[[question]]\nid = \"u\"\nheader = \"Usefulness\"\nscale = \"five\"\n\n[[question]]\nid = \"r\"\nheader = \"Relevance\"\nscale = \"five\"\n\n[[question]]\nid = \"c\"\nheader = \"Comments\"\ntype = \"free_text\"\n",
    )
    .unwrap();
    let out = w.run(&["run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let dq = w.table("data_quality.csv");
    let found = |check: &str| -> Vec<(String, String)> {
        dq.iter()
            .filter(|r| r["check"] == check)
            .map(|r| (r["row"].clone(), r["column"].clone()))
            .collect()
    };
    assert_eq!(
        found("duplicate_respondent"),
        [
            ("4".to_string(), String::new()),
            ("6".to_string(), String::new())
        ]
    );
    assert_eq!(found("identical_rows"), [("6".to_string(), String::new())]);
    assert_eq!(found("code_out_of_range").len(), 2);
    assert_eq!(
        found("code_out_of_range")[0],
        ("5".to_string(), "B (Usefulness)".to_string())
    );
    assert_eq!(
        found("low_response"),
        [(String::new(), "Relevance".to_string())]
    );
    let c = w.table("likert_counts.csv");
    assert_eq!(
        counts(&c, "overall", "Usefulness"),
        expect(&[
            ("Very", 1),
            ("Quite", 1),
            ("Some", 1),
            ("Little", 0),
            ("None", 0)
        ])
    );
    // --strict makes any finding a failure.
    assert_eq!(w.run(&["run", "--strict"]).status.code(), Some(1));
}

#[test]
fn headers_and_answers_are_cleaned_of_export_artefacts() {
    let w = Workdir::new();
    std::fs::write(
        w.path().join("input/messy.csv"),
        "ID,<p><b>Q1.</b> Were your objectives achieved?<br></p>,Comments_x000D_\n1,\"Yes,\u{a0}in full\",CafÃ© was good_x000D_\n2,\u{200b}Too early to say,\n3,Yes\u{a0}partly,\n",
    )
    .unwrap();
    w.run_ok();
    let c = w.table("likert_counts.csv");
    // Counted on the sheet's scale, in the export's words ("Yes partly"); a non-breaking space
    // is a space.
    assert_eq!(
        counts(&c, "overall", OBJ),
        expect(&[
            ("Yes, in full", 1),
            ("Yes partly", 1),
            ("No, not at all", 0),
            ("Too early to say", 1)
        ])
    );
    let text = w.table("free_text.csv");
    assert_eq!(text[0]["question"], "Comments");
    assert_eq!(text[0]["text"], "Café was good");
}

#[test]
fn one_multi_select_question_read_packed_and_per_option() {
    let w = Workdir::new();
    w.fixture("layouts/ms_forms.xlsx")
        .fixture("layouts/surveymonkey.xlsx");
    init_validate_run(&w);
    // Microsoft Forms packs 'a;b;', SurveyMonkey has a column per option: one question,
    // 4 + 3 respondents who ticked anything.
    let t = |o: &str, n| (o.to_string(), n, 7);
    assert_eq!(
        choices(&w),
        [
            t("Data and statistics", 4),
            t("Case studies", 5),
            t("The law", 3)
        ]
    );
}

/// An option column nobody ticked vanished from the multi-select table.
#[test]
fn regression_an_option_nobody_ticked_is_counted_zero() {
    let w = Workdir::new();
    w.write(
        "topics.csv",
        "ID,Which topics were useful? [Data],Which topics were useful? [Finance],Which topics were useful? [Legal duties]\n1,Data,,Legal duties\n2,Data,,\n3,,,Legal duties\n",
    );
    w.run_ok();
    assert_eq!(
        choices(&w),
        [
            ("Data".to_string(), 2, 3),
            ("Finance".to_string(), 0, 3),
            ("Legal duties".to_string(), 2, 3)
        ]
    );
}

/// `init` proposed one scale per question of a grid answered on one unknown scale.
#[test]
fn regression_init_proposes_one_scale_per_distinct_answer_set() {
    let w = Workdir::new();
    w.write(
        "grid.csv",
        "ID,How clear was it? [The aims],How clear was it? [The data],How clear was it? [The next steps]\n1,Very clear,Quite clear,Not very clear\n2,Quite clear,Very clear,Quite clear\n3,Not very clear,Quite clear,Very clear\n",
    );
    assert!(w.run(&["init", "input"]).status.success());
    let toml = std::fs::read_to_string(w.path().join("input/evalboard.toml")).unwrap();
    assert_eq!(toml.matches("[[scale]]").count(), 1, "{toml}");
    assert_eq!(toml.matches("scale = \"clear\"").count(), 3, "{toml}");
}

/// `init` exited 0 and wrote an empty definition when it could read no file.
#[test]
fn regression_init_that_reads_no_file_exits_2_and_writes_nothing() {
    let w = Workdir::new();
    w.fixture("edge/corrupt.xlsx");
    let out = w.run(&["init", "input"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("corrupt.xlsx"), "{}", stderr(&out));
    assert!(!w.path().join("input/evalboard.toml").exists());
}

/// `validate` reported one problem per call (a Qualtrics export needed 95 calls).
#[test]
fn regression_validate_lists_every_problem_in_one_call() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    w.write(
        "evalboard.toml",
        "[[question]]\nid = \"a\"\nheader = \"No such column\"\nscale = \"agreement\"\n\n[[question]]\nid = \"b\"\nheader = \"Nor this one\"\nscale = \"agreement\"\n",
    );
    let out = w.run(&["validate", "input"]);
    assert_eq!(out.status.code(), Some(2));
    let msg = stderr(&out);
    assert!(msg.contains("line 1") && msg.contains("'a'"), "{msg}");
    assert!(msg.contains("line 6") && msg.contains("'b'"), "{msg}");
}

/// A workbook read with no response in it passed without a word.
#[test]
fn regression_a_file_with_no_response_is_named_in_a_warning() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    w.write("empty.csv", "ID,How clear was the session?\n");
    let out = w.run_ok();
    assert!(
        stderr(&out).contains("empty.csv") && stderr(&out).contains("holds no response"),
        "{}",
        stderr(&out)
    );
    let dq = w.table("data_quality.csv");
    assert!(dq
        .iter()
        .any(|r| r["check"] == "no_responses" && r["file"] == "empty.csv"));
}
