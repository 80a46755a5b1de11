//! The conformance corpus (`tests/conformance/`): real exports made by other people, each with
//! the counts a person reading it finds (`expected.json`, written by its `count.py` with
//! Python's standard library, never by evalboard). Each export is run alone with no survey
//! definition, as a new user would run it, and every closed question is compared with what
//! evalboard counted: the same options in the export's own words, the same number of
//! respondents on each, and the same number of answers set apart as written in; every
//! identifier column must stay out of the questions and out of every published file.
//!
//! `cargo test --release conformance -- --nocapture` prints the line the README quotes and
//! each question not counted exactly.

use crate::util::{read_csv, repo, Workdir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Share of the corpus's closed questions that must be counted exactly.
const MIN_EXACT: f64 = 0.95;

/// Text as a person reads it: white space (non-breaking spaces too) collapsed, ends trimmed.
fn seen(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// What one export's run counted, read back from its tables.
struct Counted {
    /// Column letter -> (question label, how it was read, where its written-in answers are).
    by_column: BTreeMap<String, (String, String, String)>,
    free_text: Vec<BTreeMap<String, String>>,
    counts: Vec<BTreeMap<String, String>>,
    multi: Vec<BTreeMap<String, String>>,
    unmatched: Vec<BTreeMap<String, String>>,
    /// Every published file's text (tables, documents in Markdown and HTML, the manifest).
    published: String,
}

fn counted(w: &Workdir) -> Counted {
    let mut by_column = BTreeMap::new();
    for q in w.published("questions.csv") {
        for l in q["columns"].split_whitespace() {
            by_column.entry(l.to_string()).or_insert_with(|| {
                (
                    q["question"].clone(),
                    q["read_as"].clone(),
                    q["written_in"].clone(),
                )
            });
        }
    }
    let mut published = String::new();
    collect_text(&w.report(""), &mut published);
    Counted {
        by_column,
        counts: w.table("likert_counts.csv"),
        multi: w.table("multi_select.csv"),
        unmatched: read_csv(&w.report("tables/unmatched_answers.csv")),
        free_text: w.table("free_text.csv"),
        published,
    }
}

fn collect_text(dir: &Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            if name != "internal" {
                collect_text(&p, out);
            }
        } else if [".csv", ".md", ".html", ".json"]
            .iter()
            .any(|x| name.ends_with(x))
        {
            out.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
            out.push('\n');
        }
    }
}

/// Non-zero counts of one question, option (as a person reads it) -> respondents.
fn nonzero(
    rows: &[BTreeMap<String, String>],
    question: &str,
    value: &str,
) -> BTreeMap<String, u64> {
    rows.iter()
        .filter(|r| r["group"] == "overall" && r["question"] == question)
        .filter_map(|r| {
            let n: u64 = r[value].parse().ok()?;
            (n > 0).then(|| (seen(&r["option"]), n))
        })
        .collect()
}

fn expected_counts(q: &Value) -> BTreeMap<String, u64> {
    q["counts"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| {
            let n = v.as_u64()?;
            (n > 0).then(|| (seen(k), n))
        })
        .collect()
}

/// Why one expected question was not counted exactly, or `None` when it was.
fn compare(q: &Value, c: &Counted) -> Option<String> {
    let index = q["index"].as_u64()? as usize;
    let want = expected_counts(q);
    let other = q["other"].as_u64().unwrap_or(0);
    // A question spread over option columns is found by any of them.
    let columns = std::iter::once(index).chain(
        q["columns"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64)
            .map(|c| c as usize),
    );
    let found = columns.filter_map(|k| c.by_column.get(&letter(k))).next();
    let Some((label, read_as, companion)) = found else {
        // Nobody answered it: nothing to count, and nothing counted.
        if want.is_empty() && other == 0 {
            return None;
        }
        return Some("not read as a question".into());
    };
    // Respondents (by row) with an answer set apart: outside the options, or written in
    // under "Other" (listed as the comments of the question's `(other)` question).
    let written_in = |label: &str| -> u64 {
        let mut rows: BTreeSet<String> = c
            .unmatched
            .iter()
            .filter(|u| u["question"] == label)
            .map(|u| u["row"].clone())
            .collect();
        rows.extend(
            c.free_text
                .iter()
                .filter(|f| !companion.is_empty() && f["question"] == *companion)
                .map(|f| f["respondent"].trim_start_matches("row ").to_string()),
        );
        rows.len() as u64
    };
    let multi = q["kind"] == "multi_select";
    let got = if multi {
        if read_as != "multi-select" {
            return Some(format!("read as {read_as}, not a multi-select"));
        }
        nonzero(&c.multi, label, "respondents")
    } else {
        if read_as == "multi-select" || read_as == "free text" {
            return Some(format!("read as {read_as}"));
        }
        nonzero(&c.counts, label, "count")
    };
    if got != want {
        let missing: Vec<String> = want
            .iter()
            .filter(|(k, v)| got.get(*k) != Some(v))
            .map(|(k, v)| format!("{k:?}: {v} (got {:?})", got.get(k)))
            .collect();
        let extra: Vec<String> = got
            .iter()
            .filter(|(k, _)| !want.contains_key(*k))
            .map(|(k, v)| format!("{k:?}: {v}"))
            .collect();
        return Some(format!(
            "counts differ; expected {} ; not expected {}",
            missing.join(", "),
            extra.join(", ")
        ));
    }
    let set_apart = written_in(label);
    if set_apart != other {
        return Some(format!(
            "{other} written in expected, {set_apart} set apart"
        ));
    }
    None
}

/// Whether an identifier column stayed out: not a question, and (for names, e-mails, ids,
/// addresses and phone numbers) none of its values in any published file.
fn kept_out(id: &Value, export: &Path, c: &Counted, header_rows: usize) -> Result<(), String> {
    let index = id["index"].as_u64().unwrap_or(0) as usize;
    if let Some((label, _, _)) = c.by_column.get(&letter(index)) {
        return Err(format!("read as the question {label:?}"));
    }
    let what = id["what"].as_str().unwrap_or("");
    if !["name", "e-mail", "id", "ip", "phone"].contains(&what) {
        return Ok(());
    }
    for v in column_values(export, index, header_rows) {
        let v = seen(&v);
        if v.chars().count() >= 5 && v.parse::<f64>().is_err() && c.published.contains(&v) {
            return Err(format!("value {v:?} published"));
        }
    }
    Ok(())
}

/// The values of one column of a delimited export, below its header rows.
fn column_values(export: &Path, index: usize, header_rows: usize) -> Vec<String> {
    let bytes = std::fs::read(export).unwrap();
    let text = String::from_utf8_lossy(&bytes).replace('\r', "\n");
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| {
            text.lines()
                .next()
                .unwrap_or("")
                .bytes()
                .filter(|b| b == d)
                .count()
        })
        .unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    r.records()
        .filter_map(Result::ok)
        .skip(header_rows)
        .filter_map(|rec| rec.get(index).map(str::to_string))
        .filter(|v| !v.trim().is_empty())
        .collect()
}

#[test]
fn conformance_corpus_is_counted_as_people_count_it() {
    let corpus = repo().join("tests/conformance");
    let mut folders: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    folders.sort();
    assert!(
        folders.len() >= 30,
        "the corpus holds {} exports",
        folders.len()
    );
    let (mut exact, mut total, mut kept, mut identifiers) = (0usize, 0usize, 0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    for folder in &folders {
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(folder.join("expected.json")).unwrap())
                .unwrap();
        let file = expected["file"].as_str().unwrap();
        let export = folder.join(file);
        let w = Workdir::new();
        std::fs::copy(&export, w.path().join("input").join(file)).unwrap();
        let out = w.run(&["run", "--no-charts"]);
        let files = read_csv(&w.report("tables/files.csv"));
        assert!(
            files.iter().all(|f| f["status"] == "read"),
            "{name}: the export was not read: {files:?} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let c = counted(&w);
        for q in expected["questions"].as_array().unwrap() {
            total += 1;
            match compare(q, &c) {
                None => exact += 1,
                Some(why) => misses.push(format!(
                    "{name}: {:?}: {why}",
                    q["column"].as_str().unwrap_or("")
                )),
            }
        }
        let header_rows = expected["header_rows"].as_u64().unwrap_or(1) as usize;
        for id in expected["identifiers"].as_array().into_iter().flatten() {
            identifiers += 1;
            match kept_out(id, &export, &c, header_rows) {
                Ok(()) => kept += 1,
                Err(why) => misses.push(format!(
                    "{name}: identifier {:?}: {why}",
                    id["column"].as_str().unwrap_or("")
                )),
            }
        }
    }
    for m in &misses {
        eprintln!("  {m}");
    }
    println!(
        "{exact} of {total} questions counted exactly, {kept} of {identifiers} identifier columns kept out ({} exports)",
        folders.len()
    );
    assert!(
        exact as f64 >= MIN_EXACT * total as f64 && kept == identifiers,
        "{exact} of {total} questions counted exactly, {kept} of {identifiers} identifier columns kept out"
    );
}
