//! Every input the fuzz harness saved (tests/fixtures/fuzz/) is read, inferred and
//! normalised without a panic, and the binary reports it as a file, beside a good one.

use crate::util::{repo, stderr, Workdir};
use evalboard::config::Loaded;
use evalboard::ingest::{self, ReadOptions};
use evalboard::normalise;

fn saved() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo().join("tests/fixtures/fuzz"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn saved_fuzz_inputs_never_panic() {
    let files = saved();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        if name.ends_with(".toml") {
            let _ = evalboard::config::definition::parse(
                "evalboard.toml",
                String::from_utf8_lossy(&bytes).into_owned(),
            );
            continue;
        }
        let source = ingest::read_bytes(name, bytes, &ReadOptions::default());
        if source.content.is_ok() {
            let sources = vec![source];
            let (d, _) = normalise::infer(&sources, &Default::default()).for_run();
            let _ = normalise::normalise_whole(&sources, &Loaded::inferred(d));
        }
    }
}

#[test]
fn saved_fuzz_inputs_fail_alone_in_a_run() {
    let w = Workdir::new();
    w.fixture("layouts/worded_scale.csv");
    for path in saved() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".toml") {
            std::fs::copy(&path, w.path().join("input").join(&name)).unwrap();
        }
    }
    let out = w.run(&["run"]);
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        stderr(&out)
    );
    assert!(w.report("briefing.md").is_file());
}
