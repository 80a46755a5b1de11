//! The tidy table as Parquet, for analysts who want to go further in Python, R or Power BI.
//! The footer's Arrow schema gives text columns as Arrow's (large) strings rather than the
//! string views polars uses, which older readers do not know (pyarrow before 16 failed with
//! "Unrecognized type: 24"); the footer also records the version of the table's columns.

use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Cursor;

/// The Parquet footer's key for the version of the tidy table's columns.
pub const SCHEMA_KEY: &str = "evalboard.tidy_schema";
/// Version of the tidy table's columns (README, "The tidy table"); raised when a column is
/// added, renamed or changes meaning.
pub const SCHEMA_VERSION: &str = "1";

pub fn tidy(df: &DataFrame) -> Result<Vec<u8>> {
    let mut buf = Cursor::new(Vec::new());
    let mut df = single_chunk(df).map_err(Error::table("responses.parquet"))?;
    // Columns one after another: the report's other files are rendered beside this one on
    // every core, and polars' own pool waiting on them cost four times the work's own time.
    ParquetWriter::new(&mut buf)
        .set_parallel(false)
        .with_key_value_metadata(Some(footer(&df)))
        .finish(&mut df)
        .map_err(Error::table("responses.parquet"))?;
    Ok(buf.into_inner())
}

/// The footer's key-value pairs: the Arrow schema at the oldest compatibility level (written
/// in place of the one polars would add) and the schema version.
fn footer(df: &DataFrame) -> KeyValueMetadata {
    let arrow = df.schema().to_arrow(CompatLevel::oldest());
    let arrow = polars_parquet::write::schema_to_metadata_key(&arrow);
    KeyValueMetadata::from_static(vec![
        (arrow.key, arrow.value.unwrap_or_default()),
        (SCHEMA_KEY.to_string(), SCHEMA_VERSION.to_string()),
    ])
}

/// The table with each column in one chunk. The tidy table comes in a chunk per file; the
/// writer's own gathering of chunks into row groups, like polars' rechunk, grew with the
/// square of their number for text columns (10,000 files: 7.7 s; 1,000: 0.1 s), while
/// writing each text column's values into one new column takes one pass.
fn single_chunk(df: &DataFrame) -> PolarsResult<DataFrame> {
    let columns = df
        .columns()
        .iter()
        .map(|c| -> PolarsResult<Column> {
            let s = c.as_materialized_series();
            Ok(match s.dtype() {
                DataType::String if s.n_chunks() > 1 => {
                    let text: StringChunked = s.str()?.iter().collect();
                    text.with_name(s.name().clone()).into_column()
                }
                _ => s.rechunk().into_column(),
            })
        })
        .collect::<PolarsResult<Vec<Column>>>()?;
    DataFrame::new(df.height(), columns)
}
