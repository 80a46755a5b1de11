//! The tidy table as Parquet, for analysts who want to go further in Python, R or Power BI.

use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Cursor;

pub fn tidy(df: &DataFrame) -> Result<Vec<u8>> {
    let mut buf = Cursor::new(Vec::new());
    let mut df = df.clone();
    ParquetWriter::new(&mut buf)
        .finish(&mut df)
        .map_err(Error::table("responses.parquet"))?;
    Ok(buf.into_inner())
}
