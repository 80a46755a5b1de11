//! The tidy table as Parquet, for analysts who want to go further in Python, R or Power BI.

use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Cursor;

pub fn tidy(df: &DataFrame) -> Result<Vec<u8>> {
    let mut buf = Cursor::new(Vec::new());
    let mut df = df.clone();
    // Columns one after another: the report's other files are rendered beside this one on
    // every core, and polars' own pool waiting on them cost four times the work's own time.
    ParquetWriter::new(&mut buf)
        .set_parallel(false)
        .finish(&mut df)
        .map_err(Error::table("responses.parquet"))?;
    Ok(buf.into_inner())
}
