//! The committee documents: the evaluation document in Markdown, HTML and Word, read back as
//! a reader's software would, with the figures an officer would check against the tables.

use crate::util::Workdir;
use std::io::Read;

/// The text of a Word document's body, as Word shows it (tags dropped, entities decoded).
fn docx_text(path: &std::path::Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a main document part")
        .read_to_string(&mut xml)
        .unwrap();
    xml_text(&xml)
}

/// The text of well-formed XML (panics where it is not), paragraphs on their own lines.
fn xml_text(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Text(t)) => out.push_str(&t.into_inner()),
            Ok(Event::GeneralRef(r)) if matches!(r.resolve_char_ref(), Ok(Some(_))) => {
                out.extend(r.resolve_char_ref().ok().flatten())
            }
            Ok(Event::GeneralRef(r)) => out.push_str(match &*r {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                "apos" => "'",
                "#39" => "'",
                other => panic!("entity {other}"),
            }),
            Ok(Event::End(e))
                if matches!(
                    e.name().as_ref(),
                    "w:p" | "p" | "li" | "h1" | "h2" | "h3" | "caption" | "th" | "td"
                ) =>
            {
                out.push('\n')
            }
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.error_position()),
        }
    }
    out
}

/// The sample's evaluation document says, in all three formats, what Appendix 1 of the seed
/// paper says: 22 responses, 15 "Yes, in full" and 7 "Yes, partly", 18 very satisfied; and
/// lists every comment once.
#[test]
fn the_evaluation_document_gives_the_sample_figures_in_every_format() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    let html = std::fs::read_to_string(w.report("evaluation.html")).unwrap();
    let word = docx_text(&w.report("evaluation.docx"));
    let page = xml_text(html.trim_start_matches("<!DOCTYPE html>"));
    for (format, text) in [("markdown", &md), ("html", &page), ("docx", &word)] {
        for expected in [
            "Those attending the 2 sessions returned 22 evaluation sheets.",
            "18 of 22 (82%) answered \u{201c}Very satisfied\u{201d}",
            "9 of 22 (41%) answered \u{201c}Exceed your expectations\u{201d}",
            "Corporate parenting induction 24 June 2016",
            "Figures still don't add up",
            // The seed: "All members attending the sessions in 2016 completed an evaluation
            // sheet"; the attendance records show 12 and 10 attending.
            "Everyone who attended the 2 sessions the attendance records cover returned an evaluation sheet (22 of 22).",
        ] {
            assert!(
                text.contains(expected),
                "{format}: no {expected:?} in\n{text}"
            );
        }
        // No statistics, file names or paths for councillors.
        for absent in [
            "95% CI",
            "p =",
            ".xlsx",
            ".csv",
            "tables/",
            "mean score",
            "Holm",
        ] {
            assert!(!text.contains(absent), "{format}: {absent:?} in\n{text}");
        }
        let comment = "Request feedback from independent reviewing officers";
        assert_eq!(
            text.matches(comment).count(),
            1,
            "{format}: each comment once"
        );
    }
    // What the comments were about: themes with counts and one comment each, no comment
    // quoted under two themes; the appendix lists each comment once more.
    assert!(
        word.contains("Relevance to role: 5 of 11 comments, for example"),
        "{word}"
    );
    let (text, appendix) = word.split_once("Appendix: comments").unwrap();
    let quoted: Vec<&str> = text
        .split('\u{201c}')
        .skip(1)
        .filter_map(|q| q.split_once('\u{201d}').map(|(q, _)| q))
        .filter(|q| appendix.contains(q))
        .collect();
    assert!(quoted.len() >= 5, "{quoted:?}");
    let mut seen = std::collections::BTreeSet::new();
    assert!(
        quoted.iter().all(|q| seen.insert(*q)),
        "a comment quoted twice: {quoted:?}"
    );
    // The table rows, as a reader sees them in Word: answer, number, per cent.
    assert!(word.contains("Yes, in full\n15\n68%\n"), "{word}");
    assert!(word.contains("Yes, partly\n7\n32%\n"), "{word}");
    assert!(
        word.contains("Corporate parenting induction 22 July 2016\n10\n10\n100%\n"),
        "responses out of attendees: {word}"
    );
    // Summary paragraphs are numbered as a committee report's are.
    assert!(
        word.contains("1.1\tThose attending the 2 sessions returned 22 evaluation sheets."),
        "{word}"
    );
    // No numbered paragraph of any document opens with a figure, where its number and the
    // figure would run together ("1.1 22 evaluation sheets").
    for name in [
        "evaluation",
        "attendance",
        "self_assessment",
        "technical_annex",
    ] {
        let md = std::fs::read_to_string(w.report(&format!("{name}.md"))).unwrap();
        for line in md.lines() {
            let mut words = line.split_whitespace();
            let (Some(number), Some(first)) = (words.next(), words.next()) else {
                continue;
            };
            let numbered = number.contains('.')
                && number
                    .split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            assert!(
                !(numbered && first.starts_with(|c: char| c.is_ascii_digit())),
                "{name}: {line}"
            );
        }
    }
    // The chart is embedded with alt text, and inline in the page with a description.
    let bytes = std::fs::read(w.report("evaluation.docx")).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(zip
        .file_names()
        .any(|n| n.unwrap().starts_with("word/media/")));
    assert!(html.contains("<desc id=\"figure-1-desc\">Diverging bar chart"));
    // Inline, the chart carries the page's ids only.
    assert!(!html.contains("chart-desc"), "{html}");
}

/// Comments with markup come out as written, and run nowhere.
#[test]
fn comments_with_markup_show_literally_in_every_format() {
    let w = Workdir::new();
    let comment = "*great* [click](http://x.example) <script>alert(1)</script> & more";
    let mut csv = String::from("Were your objectives achieved?,Any other comments?\n");
    for i in 0..12 {
        let text = if i == 0 {
            format!("\"{comment}\"")
        } else {
            String::new()
        };
        csv.push_str(&format!("Yes,{text}\n"));
    }
    w.write("feedback.csv", &csv);
    w.run_ok();
    let html = std::fs::read_to_string(w.report("evaluation.html")).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<a "), "{html}");
    let page = xml_text(html.trim_start_matches("<!DOCTYPE html>"));
    assert!(page.contains(comment), "{page}");
    assert!(docx_text(&w.report("evaluation.docx")).contains(comment));
    let md = std::fs::read_to_string(w.report("evaluation.md")).unwrap();
    assert!(
        md.contains(r"\*great\* \[click\](http://x.example) &lt;script&gt;"),
        "{md}"
    );
}

/// The attendance document gives the seed paper's own figures, as counts (a census has no
/// interval), and names nobody.
#[test]
fn the_attendance_document_gives_the_seed_figures_as_counts() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let md = std::fs::read_to_string(w.report("attendance.md")).unwrap();
    let html = std::fs::read_to_string(w.report("attendance.html")).unwrap();
    let word = docx_text(&w.report("attendance.docx"));
    let page = xml_text(html.trim_start_matches("<!DOCTYPE html>"));
    let untrained =
        std::fs::read_to_string(w.report("internal/PERSONAL-DATA_members_not_yet_trained.csv"))
            .unwrap();
    let names: Vec<String> =
        crate::util::read_csv(&w.report("internal/PERSONAL-DATA_members_not_yet_trained.csv"))
            .into_iter()
            .map(|r| r["member"].clone())
            .collect();
    assert!(!names.is_empty(), "{untrained}");
    for (format, text) in [("markdown", &md), ("html", &page), ("docx", &word)] {
        for expected in [
            "In all, 53 out of 63 members (84%) have attended at least one training session.",
            "Of those members elected in 2016, 19 out of 24 (79%) have attended",
            "Level 2 (targeted): 5 out of 20 members expected at that level (25%)",
            "the 10 members who have not yet attended any session",
            "between 12 November 2014 and 16 August 2016",
        ] {
            assert!(
                text.contains(expected),
                "{format}: no {expected:?} in\n{text}"
            );
        }
        for absent in [
            "CI",
            "interval",
            "Wilson",
            ".xlsx",
            ".csv",
            "not on the roster",
        ] {
            assert!(!text.contains(absent), "{format}: {absent:?} in\n{text}");
        }
        for name in &names {
            assert!(!text.contains(name.as_str()), "{format}: {name} named");
        }
    }
    // No target was set: coverage is reported without one, in the table and in words.
    assert!(
        word.contains("Level 2 (targeted)\n5\n20\n25%\nLevel 3 (specialist)"),
        "{word}"
    );
    for text in [&md, &page, &word] {
        assert!(
            !text.contains("Target") && !text.contains("target of") && !text.contains("the target"),
            "{text}"
        );
    }
}

/// The self-assessment document says what changed in words, compares the same members in
/// every column of its table, and carries no test names or p-values.
#[test]
fn the_self_assessment_document_says_what_changed_without_statistics() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let md = std::fs::read_to_string(w.report("self_assessment.md")).unwrap();
    let word = docx_text(&w.report("self_assessment.docx"));
    for (format, text) in [("markdown", &md), ("docx", &word)] {
        for expected in [
            "14 at the baseline (March 2023) and 14 at the review (September 2023); 13 completed both.",
            "Members rated themselves higher at the review than at the baseline in 2 of the 6 themes: Knowledge of Children's Services and Work programming and planning.",
            "for the 13 members who completed both the baseline and the review",
        ] {
            assert!(text.contains(expected), "{format}: no {expected:?} in\n{text}");
        }
        for absent in [
            "p =",
            "p <",
            "Wilcoxon",
            "Holm",
            "alpha",
            "No clear change (",
            "CI",
        ] {
            assert!(!text.contains(absent), "{format}: {absent:?} in\n{text}");
        }
    }
    // The table's averages are those of the members in both waves: the change table's.
    let change = w.table("self_assessment_change.csv");
    let knowledge = change
        .iter()
        .find(|r| r["level"] == "theme" && r["theme"] == "Knowledge of Children's Services")
        .unwrap();
    let from: f64 = knowledge["mean_from"].parse().unwrap();
    let to: f64 = knowledge["mean_to"].parse().unwrap();
    let row = format!(
        "Knowledge of Children's Services\n{from:.1}\n{to:.1}\n{:+.1}\nHigher\n",
        to - from
    );
    assert!(word.contains(&row), "{row:?} in {word}");
}

/// `[report]` fills the committee template's title block and chooses the documents; the
/// title comes from the sessions' dates, never from the folder's name.
#[test]
fn report_settings_fill_the_title_block_and_choose_the_documents() {
    let w = Workdir::new();
    w.sample();
    w.write(
        "evalboard.toml",
        "[report]\ncouncil = \"Rotherham Metropolitan Borough Council\"\ntitle = \"Overview of corporate parenting training\"\ncommittee = \"Corporate Parenting Panel\"\nmeeting_date = \"2016-09-27\"\nauthor = \"Democratic Services\"\ndocuments = [\"evaluation\"]\ncycle = \"2016-17\"\n",
    );
    w.run_ok();
    // The cycle names the run in the manifest (and the tidy table), not the folder.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.report("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["cycle"], "2016-17");
    let word = docx_text(&w.report("evaluation.docx"));
    // The document is titled as the appendix it is, under the report's title.
    let block = "Appendix 1 \u{2013} Summary of evaluation sheets from sessions held on 24 June and 22 July 2016\n\
Council: Rotherham Metropolitan Borough Council\n\
Title of report: Overview of corporate parenting training\n\
Meeting: Corporate Parenting Panel\n\
Meeting date: 27 September 2016\n\
Report by: Democratic Services\n";
    assert!(word.trim_start().starts_with(block), "{word}");
    assert!(
        !word.contains("input"),
        "the folder's name is no title: {word}"
    );
    assert!(!w.report("attendance.docx").exists());
    assert!(!w.report("self_assessment.md").exists());

    w.write(
        "evalboard.toml",
        "[report]\nmeeting_date = \"27/09/2016\"\n",
    );
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    let err = crate::util::stderr(&out);
    assert!(
        err.contains("evalboard.toml") && err.contains("YYYY-MM-DD"),
        "{err}"
    );
}

/// `tables.xlsx` read back with calamine holds, table by table, exactly the CSV files'
/// figures: numbers stored as numbers, text as text, `[x]` where the CSV is empty; with a
/// cover, contents and notes sheet first and one named Excel table per sheet.
#[test]
fn the_workbook_holds_exactly_the_numbers_of_the_csv_tables() {
    use calamine::{Data, Reader, Xlsx};
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let mut book: Xlsx<_> = calamine::open_workbook(w.report("tables.xlsx")).unwrap();
    let sheets = book.sheet_names();
    assert_eq!(&sheets[..3], ["Cover", "Contents", "Notes"]);
    book.load_tables().unwrap();
    let names: Vec<String> = book.table_names().into_iter().cloned().collect();
    let mut compared = 0;
    for name in names.iter().filter(|n| *n != "contents" && *n != "notes") {
        let table = book.table_by_name(name).unwrap();
        assert!(
            table.sheet_name().starts_with("Table_"),
            "{name} on {}",
            table.sheet_name()
        );
        let csv = crate::util::read_csv(&w.report(&format!("tables/{name}.csv")));
        let header: Vec<String> = {
            let text = std::fs::read_to_string(w.report(&format!("tables/{name}.csv"))).unwrap();
            text.lines()
                .next()
                .unwrap()
                .split(',')
                .map(str::to_string)
                .collect()
        };
        // The CSV's last column, `status`, says where a figure is protected; the workbook
        // writes `[c]` in the cell instead.
        let mut header = header;
        if header.len() == table.columns().len() + 1 && header.last().unwrap() == "status" {
            header.pop();
        }
        // The workbook heads each column in words; the CSV keeps the name a program reads.
        let words: Vec<String> = header
            .iter()
            .map(|h| evalboard::report::header_words(h))
            .collect();
        assert_eq!(table.columns(), words.as_slice(), "{name}");
        assert!(words.iter().all(|w| !w.contains('_')), "{name}: {words:?}");
        let data = table.data();
        assert_eq!(data.height(), csv.len(), "{name}: rows");
        for (r, (row, expected)) in data.rows().zip(&csv).enumerate() {
            for (c, column) in header.iter().enumerate() {
                let want = &expected[column];
                match &row[c] {
                    Data::Float(x) => {
                        let v: f64 = want.parse().unwrap_or_else(|_| {
                            panic!("{name} row {r} {column}: {want:?} is a number in the workbook")
                        });
                        assert_eq!(*x, v, "{name} row {r} {column}");
                    }
                    // A date of the CSV is a date of the workbook: its Excel serial
                    // number counts the days since 30 December 1899.
                    Data::DateTime(d) => {
                        let civil = |y: i64, m: i64, d: i64| {
                            let y = if m <= 2 { y - 1 } else { y };
                            let era = y.div_euclid(400);
                            let yoe = y - era * 400;
                            let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
                            era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
                        };
                        let part = |a: usize, b: usize| want[a..b].parse::<i64>().unwrap();
                        let serial =
                            civil(part(0, 4), part(5, 7), part(8, 10)) - civil(1899, 12, 30);
                        assert_eq!(d.as_f64(), serial as f64, "{name} row {r} {column}");
                    }
                    Data::Int(x) => assert_eq!(
                        *x as f64,
                        want.parse::<f64>().unwrap(),
                        "{name} row {r} {column}"
                    ),
                    Data::String(s) if s == "[x]" => {
                        assert_eq!(want, "", "{name} row {r} {column}")
                    }
                    Data::String(s) if s == "[c]" => {
                        assert_eq!(want, "", "{name} row {r} {column}");
                        assert_eq!(expected["status"], "[c]", "{name} row {r}");
                    }
                    Data::String(s) => assert_eq!(
                        s.as_str(),
                        want.trim_start_matches('\''),
                        "{name} row {r} {column}"
                    ),
                    Data::Empty => assert_eq!(want, "", "{name} row {r} {column}"),
                    other => panic!("{name} row {r} {column}: {other:?}"),
                }
            }
        }
        compared += 1;
    }
    // Counts, summary, themes, sessions compared, 2 attendance and 3 self-assessment tables.
    assert_eq!(compared, 9, "{names:?}");
    // A number is a number: the sample's 15 "Yes, in full".
    let counts = book.table_by_name("likert_counts").unwrap();
    let yes = counts
        .data()
        .rows()
        .find(|r| {
            r[0] == Data::String("overall".into()) && r[2] == Data::String("Yes, in full".into())
        })
        .unwrap()
        .to_vec();
    assert_eq!(yes[4], Data::Float(15.0));
}

/// `tables.xlsx` has the same cells, sheet by sheet, when no temporary file can be made
/// for its worksheets (they are then held in memory rather than written out row by row).
#[test]
fn the_workbook_is_the_same_without_a_temporary_folder() {
    use calamine::{Reader, Xlsx};
    let cells = |w: &Workdir| {
        let mut book: Xlsx<_> = calamine::open_workbook(w.report("tables.xlsx")).unwrap();
        book.worksheets()
            .into_iter()
            .map(|(name, range)| {
                (
                    name,
                    range.start(),
                    range.rows().map(<[_]>::to_vec).collect(),
                )
            })
            .collect::<Vec<(String, Option<(u32, u32)>, Vec<Vec<calamine::Data>>)>>()
    };
    let streamed = Workdir::new();
    streamed.sample();
    streamed.run_ok();
    let held = Workdir::new();
    held.sample();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_evalboard"))
        .arg("run")
        .current_dir(held.path())
        .env("TMPDIR", held.path().join("no such folder"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    let (a, b) = (cells(&streamed), cells(&held));
    assert_eq!(
        a.len(),
        12,
        "{:?}",
        a.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    assert!(a[3].2.len() > 20, "Table_1 has its rows");
    assert_eq!(a, b);
    // The two ways were taken: the sheets written out hold their text in the cells, the ones
    // held in memory in the workbook's shared strings.
    let bytes = |w: &Workdir| std::fs::read(w.report("tables.xlsx")).unwrap();
    assert_ne!(bytes(&streamed), bytes(&held));
}

/// The technical annex holds what the committee documents leave out: intervals, tests,
/// reliability, files and rows, each method in a sentence.
#[test]
fn the_technical_annex_holds_the_methods_and_the_data_quality() {
    let w = Workdir::new();
    w.sample();
    w.run_ok();
    let word = docx_text(&w.report("technical_annex.docx"));
    for expected in [
        "Wilson's score interval",
        "Were your objectives achieved?\n22\n22\n2.68\n100.0\n85.1 to 100.0\n",
        "Level 2 (targeted)\n5\n20\n25.0\nYear elected: 2008",
        "Wilcoxon signed-rank",
        "Holm's method",
        "Knowledge of Children's Services\n13\n2.33\n3.21\n+0.88\n0.018\n0.91 (large)\nHigher\n",
        "Cronbach's alpha",
        "22 read, 22 used and 0 rejected",
        "Corporate parenting induction 2016-07-22.csv\nread\n10\n10\n0\n",
        "evalboard ",
    ] {
        assert!(word.contains(expected), "no {expected:?} in\n{word}");
    }
    // The p-value and effect agree with the change table.
    let change = w.table("self_assessment_change.csv");
    let knowledge = change
        .iter()
        .find(|r| r["level"] == "theme" && r["theme"] == "Knowledge of Children's Services")
        .unwrap();
    let p: f64 = knowledge["p_holm"].parse().unwrap();
    assert_eq!(format!("{p:.3}"), "0.018");
}

/// A count of a thousand or more is written with its separator wherever a reader sees it:
/// `33,831 of 140,285 comments`, never `33831 of 140,285`. 1,200 evaluation sheets from one
/// session; every figure in the documents and the briefing is checked, not only some.
#[test]
fn counts_of_a_thousand_or_more_carry_their_separator_in_every_document() {
    // The words of a chart: its title, description and every text element, not the
    // coordinates.
    fn svg_text(path: &std::path::Path) -> String {
        let svg = std::fs::read_to_string(path).unwrap();
        let mut words = Vec::new();
        for tag in ["title", "desc", "text"] {
            let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
            let mut rest = svg.as_str();
            while let Some(at) = rest.find(&open) {
                let body = &rest[at..];
                let start = body.find('>').unwrap() + 1;
                let end = body.find(&close).unwrap();
                words.push(body[start..end].trim().to_string());
                rest = &body[end..];
            }
        }
        words.join("\n")
    }
    let options = [
        "Very satisfied",
        "Fairly satisfied",
        "Neither satisfied nor dissatisfied",
        "Fairly dissatisfied",
        "Very dissatisfied",
    ];
    let mut csv =
        String::from("How satisfied were you with the session?,What could be improved?\n");
    for i in 0..1200 {
        // 1,100 of the comments ask for more time: one theme over a thousand.
        let comment = if i < 1100 {
            "More time for questions"
        } else {
            "The slides were hard to read"
        };
        csv.push_str(&format!("{},{comment}\n", options[i % 7 % 5]));
    }
    let w = Workdir::new();
    w.write("evaluation.csv", &csv);
    w.run_ok();
    let documents = [
        (
            "evaluation.md",
            std::fs::read_to_string(w.report("evaluation.md")).unwrap(),
        ),
        (
            "technical_annex.md",
            std::fs::read_to_string(w.report("technical_annex.md")).unwrap(),
        ),
        (
            "briefing.md",
            std::fs::read_to_string(w.report("briefing.md")).unwrap(),
        ),
        ("evaluation.docx", docx_text(&w.report("evaluation.docx"))),
        (
            "technical_annex.docx",
            docx_text(&w.report("technical_annex.docx")),
        ),
        (
            "likert_overall.svg",
            svg_text(&w.report("charts/likert_overall.svg")),
        ),
        (
            "free_text_themes.svg",
            svg_text(&w.report("charts/free_text_themes.svg")),
        ),
    ];
    for (name, text) in &documents {
        // Runs of four or more digits with no separator, other than a year or a spreadsheet's
        // row number (which Excel writes without one).
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let run = &text[start..i];
            let joined = (start > 0 && matches!(bytes[start - 1], b',' | b'.'))
                || (i < bytes.len() && bytes[i] == b'.');
            let year = run.len() == 4 && (run.starts_with("19") || run.starts_with("20"));
            let row = text[..start].ends_with("row ");
            assert!(
                run.len() < 4 || joined || year || row,
                "{name}: {run:?} without a separator in {:?}",
                &text[start.saturating_sub(60)..(i + 20).min(text.len())]
            );
        }
        assert!(text.contains("1,200"), "{name} never says 1,200");
    }
    let evaluation = &documents[0].1;
    assert!(
        evaluation.contains("returned 1,200 evaluation sheets"),
        "{evaluation}"
    );
    assert!(
        evaluation.contains("1,100 of 1,200 comments"),
        "{evaluation}"
    );
    assert!(documents[1]
        .1
        .contains("1,200 read, 1,200 used and 0 rejected"));
}
