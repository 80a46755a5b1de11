//! `manifest.json`: which tool made the report, from which inputs (with SHA-256), the row
//! accounting, and every output with its size and SHA-256. No timestamps, so reruns compare.

use crate::model::{Evaluation, FileAccount, RowAccount};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Manifest<'a> {
    tool: &'static str,
    version: &'a str,
    input: &'a str,
    /// The training cycle the run reports.
    cycle: &'a str,
    /// The council, as `[report] council` names it (`null` when not set).
    council: Option<&'a str>,
    respondents: u64,
    /// Version of the columns of the tidy table's Parquet.
    tidy_schema: &'static str,
    rows: RowAccount,
    /// Every file read: evaluation exports, attendance records, self-assessments.
    inputs: Vec<&'a FileAccount>,
    outputs: Vec<Output>,
}

#[derive(Serialize)]
struct Output {
    path: String,
    bytes: u64,
    sha256: String,
}

pub fn render(
    e: &Evaluation,
    files: &BTreeMap<String, Vec<u8>>,
    version: &str,
    cycle: &str,
    council: Option<&str>,
) -> Vec<u8> {
    // Hashed side by side (the free-text table and documents of a large batch are hundreds
    // of megabytes); collected in path order.
    let outputs = files
        .par_iter()
        .map(|(path, bytes)| Output {
            path: path.clone(),
            bytes: bytes.len() as u64,
            sha256: Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        })
        .collect();
    let m = Manifest {
        tool: "evalboard",
        version,
        input: &e.name,
        cycle,
        council,
        respondents: e.respondents(),
        tidy_schema: super::parquet::SCHEMA_VERSION,
        rows: e.rows,
        inputs: e.all_files().collect(),
        outputs,
    };
    let mut bytes = serde_json::to_vec_pretty(&m).expect("manifest serialises");
    bytes.push(b'\n');
    bytes
}
