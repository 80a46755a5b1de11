//! A fuzz harness that runs on stable Rust: mutates the fixtures of every format (bytes, and
//! for zipped workbooks the XML inside them, zipped again so that the container is valid) and
//! survey definitions, and feeds each mutant to the readers, inference and normalisation and
//! to the definition parser, for a bounded time. Nothing may panic: a mutant that makes
//! anything panic is saved under `tests/fixtures/fuzz/` (replayed by the tests from then on)
//! and the harness exits with status 1.
//!
//! ```sh
//! cargo run --release --example fuzz -- --seconds 60 [--runs 20000] [--seed 7]
//! ```
//!
//! The inputs are a fixed sequence for a seed: `--runs` makes a run repeatable (CI uses it),
//! `--seconds` bounds it in time (it stops at whichever comes first).

use evalboard::config::definition;
use evalboard::config::Loaded;
use evalboard::ingest::{self, ReadOptions};
use evalboard::normalise;
use std::io::{Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FORMATS: &[&str] = &["csv", "xlsx", "xlsm", "xlsb", "xls", "ods"];
const TOKENS: &[&[u8]] = &[
    b"\"",
    b",",
    b";",
    b"\t",
    b"\n",
    b"\r",
    b"\0",
    b"<",
    b">",
    b"&amp;",
    b"=",
    b"[",
    b"]",
    b"99999999999999999999",
    b"-1",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"1048576",
    b"XFD",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"</row>",
    b"<row r=\"0\">",
    b"t=\"s\"",
    b"<v>-5</v>",
    b"'''",
    b"= {",
    b"[[question]]",
    b"header = \"\"",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let seconds = arg("--seconds", 30);
    let most = arg("--runs", u64::MAX);
    let mut rng = fastrand::Rng::with_seed(arg("--seed", 1));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let corpus = corpus(&root.join("tests/fixtures"));
    let definitions = definitions();
    assert!(!corpus.is_empty(), "no fixtures found");
    // Panics the readers catch themselves are expected; the last one is shown only when one
    // escapes.
    panic::set_hook(Box::new(|info| {
        LAST_PANIC.with(|p| *p.borrow_mut() = info.to_string())
    }));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline && runs < most {
        runs += 1;
        if rng.u8(..) < 32 {
            let seed = &definitions[rng.usize(..definitions.len())];
            let text =
                String::from_utf8_lossy(&mutate(&mut rng, seed.as_bytes(), &corpus)).into_owned();
            let t = text.clone();
            if panic::catch_unwind(move || {
                let _ = definition::parse("evalboard.toml", t);
            })
            .is_err()
            {
                crash(&root, "toml", text.as_bytes());
            }
            continue;
        }
        let (ext, seed) = &corpus[rng.usize(..corpus.len())];
        let bytes = if is_zip(seed) && rng.bool() {
            mutate_inside_zip(&mut rng, seed, &corpus).unwrap_or_else(|| seed.clone())
        } else {
            mutate(&mut rng, seed, &corpus)
        };
        let input = bytes.clone();
        let name = format!("mutant.{ext}");
        // Each input is written down first: an input that kills the process (memory) is
        // found there afterwards.
        let _ = std::fs::write(root.join(format!("target/fuzz-current.{ext}")), &bytes);
        if panic::catch_unwind(AssertUnwindSafe(|| exercise(&name, input))).is_err() {
            crash(&root, ext, &bytes);
        }
    }
    println!("fuzz: {runs} inputs, seed {}, 0 panics", arg("--seed", 1));
}

/// Reads the bytes as a file of that name, then infers and normalises what was read.
fn exercise(name: &str, bytes: Vec<u8>) {
    let source = ingest::read_bytes(name.to_string(), bytes, &ReadOptions::default());
    if source.content.is_err() {
        return;
    }
    let sources = vec![source];
    let (d, _) = normalise::infer(&sources, &Default::default()).for_run();
    let _ = normalise::normalise_whole(&sources, &Loaded::inferred(d));
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Saves a mutant that made something panic, where the tests replay it, and stops.
fn crash(root: &Path, ext: &str, bytes: &[u8]) -> ! {
    LAST_PANIC.with(|p| eprintln!("fuzz: panic: {}", p.borrow()));
    let dir = root.join("tests/fixtures/fuzz");
    let _ = std::fs::create_dir_all(&dir);
    let hash: u64 = bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ *b as u64).wrapping_mul(0x100000001b3)
    });
    let path = dir.join(format!("crash-{hash:016x}.{ext}"));
    let _ = std::fs::write(&path, bytes);
    eprintln!(
        "fuzz: saved {}; it is now a regression fixture",
        path.display()
    );
    std::process::exit(1);
}

/// Every fixture of a readable format, with its extension.
fn corpus(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let ext = p
                .extension()
                .and_then(|x| x.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default();
            if FORMATS.contains(&ext.as_str()) {
                if let Ok(b) = std::fs::read(&p) {
                    out.push((ext, b));
                }
            }
        }
    }
    out.sort();
    out
}

/// Survey definitions that use every table and most keys.
fn definitions() -> Vec<String> {
    vec![
        "title = \"Induction\"\nsheet = \"Responses\"\nheader_row = 2\nheader_rows = 1\n[columns]\nrespondent = [\"ID\"]\nignore = [\"Email\"]\n[[scale]]\nname = \"useful\"\nkind = \"ordered\"\nfavourable = 1\nmiddle = \"Quite useful\"\noptions = [{ label = \"Very useful\", code = 3 }, { label = \"Quite useful\", synonyms = [\"Useful\"] }, { label = \"Not useful\" }, { label = \"Not sure\", substantive = false }]\n[[question]]\nid = \"q1\"\nheader = \"How useful?\"\nscale = \"useful\"\nreverse = true\ngroup = \"Grid\"\n[[question]]\nid = \"q2\"\npattern = \"Topics [*]\"\ntype = \"multi_select\"\noptions = [\"a\", \"b\"]\nseparator = \";\"\n".into(),
        "[text]\nredact = true\nguess_names = false\nnames = [\"Jane Smith\"]\nquotes = 2\n[[text.theme]]\nname = \"Venue\"\nwords = [\"room\"]\nexclude = [\"zoom room\"]\n[limits]\ncells = 100\ncolumns = 10\nunzipped_mb = 1\n".into(),
        "[attendance]\nfolder = \"att\"\nroster = \"roster.csv\"\ntarget = 80\ntargets = { \"1\" = 100 }\n[self_assessment]\nfolder = \"sa\"\nwaves = [\"baseline\", \"review\"]\nscale = \"agreement\"\nat_least = \"Agree\"\nfiles = { \"b.csv\" = \"baseline\" }\n[[self_assessment.theme]]\nname = \"Planning\"\nstatements = [\"We plan*\"]\n".into(),
    ]
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// One to four random edits: bit flips, random or interesting bytes, deletions,
/// duplications, truncation, or a splice from another fixture.
fn mutate(rng: &mut fastrand::Rng, seed: &[u8], corpus: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..rng.usize(1..=4) {
        let at = if b.is_empty() {
            0
        } else {
            rng.usize(..b.len())
        };
        match rng.u8(..8) {
            0 if !b.is_empty() => b[at] ^= 1 << rng.u8(..8),
            1 if !b.is_empty() => b[at] = rng.u8(..),
            2 => {
                let t = TOKENS[rng.usize(..TOKENS.len())];
                b.splice(at..at, t.iter().copied());
            }
            3 if !b.is_empty() => {
                let end = (at + rng.usize(1..64)).min(b.len());
                b.drain(at..end);
            }
            4 if !b.is_empty() => {
                let end = (at + rng.usize(1..256)).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
            5 => b.truncate(at),
            6 => {
                let (_, other) = &corpus[rng.usize(..corpus.len())];
                if !other.is_empty() {
                    let from = rng.usize(..other.len());
                    let end = (from + rng.usize(1..512)).min(other.len());
                    b.splice(at..at, other[from..end].iter().copied());
                }
            }
            _ => {
                let n = rng.usize(1..16);
                b.splice(at..at, (0..n).map(|_| rng.u8(..)));
            }
        }
    }
    b
}

/// The workbook with one of its parts (usually a sheet's XML) mutated, zipped again.
fn mutate_inside_zip(
    rng: &mut fastrand::Rng,
    seed: &[u8],
    corpus: &[(String, Vec<u8>)],
) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(seed)).ok()?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        parts.push((f.name().ok()?.to_string(), data));
    }
    let sheets: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.contains("sheet") || parts[i].0.contains("content"))
        .collect();
    let pick = if sheets.is_empty() || rng.u8(..4) == 0 {
        rng.usize(..parts.len())
    } else {
        sheets[rng.usize(..sheets.len())]
    };
    parts[pick].1 = mutate(rng, &parts[pick].1, corpus);
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    for (name, data) in &parts {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .ok()?;
        w.write_all(data).ok()?;
    }
    w.finish().ok()?;
    Some(out.into_inner())
}
