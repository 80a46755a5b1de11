//! Earlier cycles, read from their report folders (the tidy Parquet a run writes), never from
//! their raw files: an analyst keeps only the reports. A folder written by an older evalboard
//! whose tidy table lacks the columns needed is refused with what to do.

use crate::error::{Error, Result};
use crate::model::{col, handoff, Cycle};
use polars::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Reads an earlier cycle from its report folder.
pub fn read(dir: &Path) -> Result<Cycle> {
    let fail = |reason: String| Error::EarlierCycle {
        dir: dir.to_path_buf(),
        reason,
    };
    let path = dir.join(handoff::PATH);
    let file = std::fs::File::open(&path).map_err(|e| {
        fail(format!(
            "no tidy table at {} ({e}); pass the report folder of that cycle (the one holding manifest.json)",
            handoff::PATH
        ))
    })?;
    let mut reader = ParquetReader::new(file);
    let version = reader
        .get_metadata()
        .map_err(|e| fail(format!("its tidy table cannot be read: {e}")))?
        .key_value_metadata
        .clone()
        .unwrap_or_default()
        .into_iter()
        .find(|kv| kv.key == handoff::SCHEMA_KEY)
        .and_then(|kv| kv.value);
    if !version
        .as_deref()
        .is_some_and(|v| handoff::COMPARABLE.contains(&v))
    {
        return Err(fail(format!(
            "it was written by an older evalboard (tidy table schema {}, this version needs {} or later); re-run that cycle from its exports with this version, then compare",
            version.as_deref().unwrap_or("1 or earlier"),
            handoff::COMPARABLE[0]
        )));
    }
    let df = reader
        .finish()
        .map_err(|e| fail(format!("its tidy table cannot be read: {e}")))?;
    let read = || -> PolarsResult<Cycle> {
        let label = df.column("cycle")?.str()?.get(0).unwrap_or("").to_string();
        let question = df.column(col::QUESTION)?.str()?;
        let favourable = df.column("favourable")?.bool()?;
        let weight = df.column(col::WEIGHT)?.u32()?;
        let mut shares: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for ((q, f), w) in question.iter().zip(favourable.iter()).zip(weight.iter()) {
            let (Some(q), Some(f)) = (q, f) else {
                continue;
            };
            let w = u64::from(w.unwrap_or(1));
            let entry = shares.entry(q.to_string()).or_default();
            entry.1 += w;
            if f {
                entry.0 += w;
            }
        }
        Ok(Cycle { label, shares })
    };
    read().map_err(|e| fail(format!("its tidy table lacks a column: {e}")))
}
