//! The tidy table as Parquet: the hand-off to analysts who go further in Python, R, Power BI
//! or DuckDB, and the record a later cycle is compared with. Besides the tidy table's own
//! columns it carries what a reader would otherwise need the survey definition for: the
//! cycle, each question's id and scale, each answer's score and whether it is favourable.
//!
//! The footer's Arrow schema gives text columns as Arrow's (large) strings rather than the
//! string views polars uses, which older readers do not know (pyarrow before 16 failed with
//! "Unrecognized type: 24"); the footer also records the version of the columns.

use crate::error::{Error, Result};
use crate::model::{col, QuestionKind, Scale, Survey};
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::io::Cursor;

pub use crate::model::handoff::{SCHEMA_KEY, SCHEMA_VERSION};

/// The columns in the order written.
const COLUMNS: [&str; 18] = [
    "cycle",
    col::FILE,
    col::SHEET,
    col::ROW,
    col::SESSION,
    "session_date",
    col::RESPONDENT,
    "question_id",
    col::QUESTION,
    col::KIND,
    "scale",
    col::ANSWER,
    col::OPTION,
    col::POSITION,
    "score",
    col::SUBSTANTIVE,
    "favourable",
    col::WEIGHT,
];

pub fn tidy(df: &DataFrame, survey: &Survey, cycle: &str) -> Result<Vec<u8>> {
    let mut df = hand_off(df, survey, cycle).map_err(Error::table("responses.parquet"))?;
    let mut buf = Cursor::new(Vec::new());
    // Columns one after another: the report's other files are rendered beside this one on
    // every core, and polars' own pool waiting on them cost four times the work's own time.
    ParquetWriter::new(&mut buf)
        .set_parallel(false)
        .with_key_value_metadata(Some(footer(&df)))
        .finish(&mut df)
        .map_err(Error::table("responses.parquet"))?;
    Ok(buf.into_inner())
}

/// The table as handed off: the tidy table's columns in one chunk each, with the columns read
/// from the survey added.
fn hand_off(df: &DataFrame, survey: &Survey, cycle: &str) -> PolarsResult<DataFrame> {
    let scales: HashMap<&str, (&str, Option<&Scale>)> = survey
        .questions
        .iter()
        .map(|q| {
            let scale = match q.kind {
                QuestionKind::Likert { scale }
                | QuestionKind::Category { scale }
                | QuestionKind::MultiSelect { scale } => survey.scales.get(scale),
                QuestionKind::FreeText => None,
            };
            (q.label.as_str(), (q.id.as_str(), scale))
        })
        .collect();
    let sessions = df.column(col::SESSION)?.str()?;
    // Each session's date read once from its name; rows point at it.
    let mut dates: HashMap<&str, Option<String>> = HashMap::default();
    for s in sessions.iter().flatten() {
        dates
            .entry(s)
            .or_insert_with(|| super::topic::words::the_date_in(s));
    }
    let session_dates = sessions
        .iter()
        .map(|s| s.and_then(|s| dates.get(s).and_then(|d| d.as_deref())));
    let questions = df.column(col::QUESTION)?.str()?;
    let positions = df.column(col::POSITION)?.u32()?;
    let height = df.height();
    let (mut ids, mut scale_names) = (Vec::with_capacity(height), Vec::with_capacity(height));
    let (mut scores, mut favourable) = (Vec::with_capacity(height), Vec::with_capacity(height));
    for (question, position) in questions.iter().zip(positions.iter()) {
        let (id, scale) = question
            .and_then(|q| scales.get(q).copied())
            .unwrap_or(("", None));
        ids.push(question.map(|_| id));
        scale_names.push(scale.map(|s| s.name.as_str()));
        let option = scale.zip(position).and_then(|(s, p)| {
            let i = (p as usize).checked_sub(1)?;
            (i < s.options.len()).then_some((s, i))
        });
        scores.push(option.and_then(|(s, i)| s.has_mean().then(|| s.score(i)).flatten()));
        favourable.push(option.and_then(|(s, i)| {
            (s.kind != crate::model::ScaleKind::Categories && s.options[i].sentiment.is_some())
                .then(|| s.is_favourable(i))
        }));
    }
    let mut columns: HashMap<&str, Column> = HashMap::default();
    for c in df.columns() {
        columns.insert(c.name().as_str(), single_chunk(c)?);
    }
    columns.insert(
        "cycle",
        Column::new_scalar(
            "cycle".into(),
            Scalar::from(PlSmallStr::from(cycle)),
            height,
        )
        .as_materialized_series()
        .clone()
        .into_column(),
    );
    columns.insert(
        "session_date",
        StringChunked::from_iter_options("session_date".into(), session_dates).into_column(),
    );
    columns.insert(
        "question_id",
        StringChunked::from_iter_options("question_id".into(), ids.into_iter()).into_column(),
    );
    columns.insert(
        "scale",
        StringChunked::from_iter_options("scale".into(), scale_names.into_iter()).into_column(),
    );
    columns.insert(
        "score",
        UInt32Chunked::from_iter_options("score".into(), scores.into_iter()).into_column(),
    );
    columns.insert(
        "favourable",
        BooleanChunked::from_iter_options("favourable".into(), favourable.into_iter())
            .into_column(),
    );
    let ordered = COLUMNS
        .iter()
        .map(|name| {
            columns
                .remove(name)
                .ok_or_else(|| polars_err!(ColumnNotFound: "{name}"))
        })
        .collect::<PolarsResult<Vec<Column>>>()?;
    DataFrame::new(height, ordered)
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

/// A column in one chunk. The tidy table comes in a chunk per file; the writer's own
/// gathering of chunks into row groups, like polars' rechunk, grew with the square of their
/// number for text columns (10,000 files: 7.7 s; 1,000: 0.1 s), while writing a text
/// column's values into one new column takes one pass.
fn single_chunk(c: &Column) -> PolarsResult<Column> {
    let s = c.as_materialized_series();
    Ok(match s.dtype() {
        DataType::String if s.n_chunks() > 1 => {
            let text: StringChunked = s.str()?.iter().collect();
            text.with_name(s.name().clone()).into_column()
        }
        _ => s.rechunk().into_column(),
    })
}
