//! Test helpers: a fresh working folder per test, fixtures copied in, the real binary run in it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A fresh folder with an empty `input/`.
    pub fn new() -> Workdir {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("input")).unwrap();
        Workdir { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Copies `tests/fixtures/<rel>` into `input/`.
    pub fn fixture(&self, rel: &str) -> &Self {
        let src = repo().join("tests/fixtures").join(rel);
        let name = src.file_name().unwrap();
        std::fs::copy(&src, self.path().join("input").join(name)).expect("copy fixture");
        self
    }

    /// Copies `tests/fixtures/<rel>` into `input/attendance/`, under `name`.
    pub fn attendance(&self, rel: &str, name: &str) -> &Self {
        let dir = self.path().join("input/attendance");
        std::fs::create_dir_all(&dir).unwrap();
        let src = repo().join("tests/fixtures").join(rel);
        std::fs::copy(&src, dir.join(name)).expect("copy fixture");
        self
    }

    /// Copies every file of the folder `tests/fixtures/<rel>` into `input/<folder>/`.
    pub fn fixtures_in(&self, rel: &str, folder: &str) -> &Self {
        copy_tree(
            &repo().join("tests/fixtures").join(rel),
            &self.path().join("input").join(folder),
        );
        self
    }

    /// Copies a file of the repository (`rel`, from its root) into the input folder as `name`.
    pub fn repo_file(&self, rel: &str, name: &str) -> &Self {
        std::fs::copy(repo().join(rel), self.path().join("input").join(name))
            .unwrap_or_else(|e| panic!("copy {rel}: {e}"));
        self
    }

    /// Writes `text` to `input/<rel>`, creating folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join("input").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Copies the bundled sample (`input/` of the repository, with its attendance folder)
    /// into `input/`.
    pub fn sample(&self) -> &Self {
        copy_tree(&repo().join("input"), &self.path().join("input"));
        self
    }

    /// Runs `evalboard` with `args` in this folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_evalboard"))
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("run evalboard")
    }

    /// Runs `evalboard run` on `input/` and insists it succeeds.
    pub fn run_ok(&self) -> Output {
        let out = self.run(&["run"]);
        assert!(
            out.status.success(),
            "evalboard run failed: {}",
            stderr(&out)
        );
        out
    }

    /// A file of the report for `input/`.
    pub fn report(&self, rel: &str) -> PathBuf {
        self.path().join("reports/input").join(rel)
    }

    /// A CSV table of the report with every figure, as rows of column -> value: the analyst's
    /// copy in `internal/` when small-number protection suppressed some of its cells (the
    /// fixtures hold four respondents, under the default threshold), else the published one.
    pub fn table(&self, name: &str) -> Vec<BTreeMap<String, String>> {
        let full = self.report(&format!("internal/PERSONAL-DATA_unsuppressed_{name}"));
        if full.exists() {
            return read_csv(&full);
        }
        self.published(name)
    }

    /// A CSV table as published, read as its `status` column says: on a row whose status is
    /// `[c]`, the empty figures are the protected ones and read `[c]`.
    pub fn published(&self, name: &str) -> Vec<BTreeMap<String, String>> {
        let mut rows = read_csv(&self.report(&format!("tables/{name}")));
        for r in &mut rows {
            if r.get("status").map(String::as_str) == Some("[c]") {
                for v in r.values_mut().filter(|v| v.is_empty()) {
                    *v = "[c]".into();
                }
            }
        }
        rows
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, target).unwrap();
        }
    }
}

pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Counts of one group and question from `likert_counts.csv`, option -> count, in table order.
pub fn counts(
    rows: &[BTreeMap<String, String>],
    group: &str,
    question: &str,
) -> Vec<(String, u64)> {
    rows.iter()
        .filter(|r| r["group"] == group && r["question"] == question)
        .map(|r| (r["option"].clone(), r["count"].parse().unwrap()))
        .collect()
}

/// Owned (label, count) pairs, for comparing with [`counts`].
pub fn expect(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(l, n)| (l.to_string(), *n)).collect()
}

/// The four respondents every fixture holds (tests/fixtures/make_fixtures.py, RESPONDENTS).
pub mod fixture {
    use super::{counts, expect, Workdir};

    pub const SAT: &str = "How satisfied were you with this session?";
    pub const FAC: &str = "The facilitator was knowledgeable";

    /// Satisfaction counts of the four respondents, `times` over.
    pub fn satisfaction(times: u64) -> Vec<(String, u64)> {
        expect(&[
            ("Very satisfied", 2 * times),
            ("Fairly satisfied", times),
            ("Neither satisfied or dissatisfied", 0),
            ("Fairly dissatisfied", 0),
            ("Very dissatisfied", 0),
            ("Don't know", times),
        ])
    }

    /// "The facilitator was knowledgeable" counts of the four respondents, `times` over.
    pub fn facilitator(times: u64) -> Vec<(String, u64)> {
        expect(&[
            ("Strongly agree", times),
            ("Agree", 2 * times),
            ("Neither agree nor disagree", 0),
            ("Disagree", times),
            ("Strongly disagree", 0),
        ])
    }

    /// Asserts the report holds the four respondents' counts for `group`.
    pub fn assert_counts(w: &Workdir, group: &str, times: u64) {
        let rows = w.table("likert_counts.csv");
        assert_eq!(counts(&rows, group, SAT), satisfaction(times), "{group}");
        assert_eq!(counts(&rows, group, FAC), facilitator(times), "{group}");
    }
}
