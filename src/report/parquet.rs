//! The tidy table as Parquet: the hand-off to analysts who go further in Python, R, Power BI
//! or DuckDB, and the record a later cycle is compared with. Besides the tidy table's own
//! columns it carries what a reader would otherwise need the survey definition for: the
//! cycle and the council (`[report] council`), each question's id and scale, each answer's
//! score and whether it is favourable. A pool of many councils' reports is then one query over
//! their Parquet files, with no code of ours (`notebooks/explore.ipynb`).
//!
//! The footer's Arrow schema gives text columns as Arrow's (large) strings rather than the
//! string views polars uses, which older readers do not know (pyarrow before 16 failed with
//! "Unrecognized type: 24"); the footer also records the version of the columns.

use crate::error::{Error, Result};
use crate::frame::{text_column, TextColumn};
use crate::model::{col, QuestionKind, Scale, Survey};
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::io::Cursor;

pub use crate::model::handoff::{SCHEMA_KEY, SCHEMA_VERSION};

/// The columns in the order written.
const COLUMNS: [&str; 19] = [
    "cycle",
    "council",
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

/// Rows per row group: polars' own default, and how its writer splits one chunk of `rows`
/// (`rows / ROW_GROUP` equal groups, the last taking the remainder; one group when fewer).
const ROW_GROUP: usize = 512 * 512;

fn row_groups(rows: usize) -> Vec<(usize, usize)> {
    let n = (rows / ROW_GROUP).max(1);
    let size = rows / n;
    (0..n)
        .map(|i| {
            let len = if i + 1 == n { rows - size * i } else { size };
            (size * i, len)
        })
        .collect()
}

/// Who and when the rows are of, written in every row: the cycle, and the council when
/// `[report]` names it.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub cycle: &'a str,
    pub council: Option<&'a str>,
}

pub fn tidy(df: &DataFrame, survey: &Survey, stamp: Stamp) -> Result<Vec<u8>> {
    let write = || -> PolarsResult<Vec<u8>> {
        let mut buf = Cursor::new(Vec::new());
        // Row group by row group: the hand-off columns of one group are held at a time (the
        // table's own text is shared, not copied).
        let lookup = Lookup::new(df, survey)?;
        let part =
            |(offset, len): (usize, usize)| hand_off(&df.slice(offset as i64, len), &lookup, stamp);
        let mut groups = row_groups(df.height()).into_iter();
        let first = part(groups.next().unwrap_or((0, 0)))?;
        // Columns one after another: the report's other files are rendered beside this one
        // on every core, and polars' own pool waiting on them cost four times the work's own
        // time.
        let mut writer = ParquetWriter::new(&mut buf)
            .set_parallel(false)
            .with_key_value_metadata(Some(footer(&first)))
            .batched(first.schema())?;
        writer.write_batch(&first)?;
        drop(first);
        for group in groups {
            writer.write_batch(&part(group)?)?;
        }
        writer.finish()?;
        drop(writer);
        Ok(buf.into_inner())
    };
    write().map_err(Error::table("responses.parquet"))
}

/// What the added columns are read from: each question's id and scale, and each session's
/// date (read once from its name).
struct Lookup<'a> {
    scales: HashMap<&'a str, (&'a str, Option<&'a Scale>)>,
    dates: HashMap<&'a str, Option<String>>,
}

impl<'a> Lookup<'a> {
    fn new(df: &'a DataFrame, survey: &'a Survey) -> PolarsResult<Self> {
        let scales = survey
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
        let mut dates: HashMap<&str, Option<String>> = HashMap::default();
        for s in df.column(col::SESSION)?.str()?.iter().flatten() {
            dates
                .entry(s)
                .or_insert_with(|| super::topic::words::the_date_in(s));
        }
        Ok(Lookup { scales, dates })
    }
}

/// Rows of the table as handed off: the tidy table's columns in one chunk each, with the
/// columns read from the survey added.
fn hand_off(df: &DataFrame, lookup: &Lookup, stamp: Stamp) -> PolarsResult<DataFrame> {
    let Lookup { scales, dates } = lookup;
    let sessions = df.column(col::SESSION)?.str()?;
    let mut session_dates = sessions
        .iter()
        .map(|s| s.and_then(|s| dates.get(s).and_then(|d| d.as_deref())));
    let questions = df.column(col::QUESTION)?.str()?;
    let positions = df.column(col::POSITION)?.u32()?;
    let height = df.height();
    let mut ids = TextColumn::with_capacity("question_id", height);
    let mut scale_names = TextColumn::with_capacity("scale", height);
    let (mut scores, mut favourable) = (Vec::with_capacity(height), Vec::with_capacity(height));
    for (question, position) in questions.iter().zip(positions.iter()) {
        let (id, scale) = question
            .and_then(|q| scales.get(q).copied())
            .unwrap_or(("", None));
        ids.push_option(question.map(|_| id));
        scale_names.push_option(scale.map(|s| s.name.as_str()));
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
        columns.insert(c.name().as_str(), single_chunk(c));
    }
    let text = |name, values: &mut dyn Iterator<Item = Option<&str>>| {
        text_column(name, values).map(IntoColumn::into_column)
    };
    columns.insert(
        "cycle",
        text("cycle", &mut std::iter::repeat_n(Some(stamp.cycle), height))?,
    );
    columns.insert(
        "council",
        text("council", &mut std::iter::repeat_n(stamp.council, height))?,
    );
    columns.insert("session_date", text("session_date", &mut session_dates)?);
    columns.insert("question_id", ids.finish()?.into_column());
    columns.insert("scale", scale_names.finish()?.into_column());
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
/// gathering of chunks into row groups grew with the square of their number for text columns
/// (10,000 files: 7.7 s; 1,000: 0.1 s), while joining a column's chunks first takes one pass
/// over them and shares their text rather than copying it (see [`crate::frame::one_chunk`]).
fn single_chunk(c: &Column) -> Column {
    c.as_materialized_series().rechunk().into_column()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{builtin_scales, Question};

    fn survey() -> Survey {
        Survey {
            scales: builtin_scales(),
            questions: vec![
                Question {
                    id: "q1".into(),
                    label: "How far do you agree the session met its objectives?".into(),
                    group: None,
                    kind: QuestionKind::Likert { scale: 4 },
                    reverse: false,
                    separator: None,
                    columns: Vec::new(),
                    written_in: None,
                },
                Question {
                    id: "q2".into(),
                    label: "What do you still not understand?".into(),
                    group: None,
                    kind: QuestionKind::FreeText,
                    reverse: false,
                    separator: None,
                    columns: Vec::new(),
                    written_in: None,
                },
            ],
        }
    }

    /// A tidy table of `rows` rows, in chunks of the given sizes (as one frame per file).
    fn table(chunks: &[usize]) -> DataFrame {
        let scale = &builtin_scales()[4];
        let labels: Vec<String> = survey().questions.into_iter().map(|q| q.label).collect();
        let mut frames = chunks.iter().enumerate().map(|(f, &n)| {
            let likert = |i: usize| !i.is_multiple_of(3);
            let text = |name: &str, v: Vec<Option<String>>| {
                StringChunked::from_iter_options(name.into(), v.into_iter()).into_column()
            };
            let each = |g: &dyn Fn(usize) -> Option<String>| (0..n).map(g).collect::<Vec<_>>();
            DataFrame::new(
                n,
                vec![
                    text(
                        col::FILE,
                        each(&|_| Some(format!("session_{f:05}_2016-05-12.xlsx"))),
                    ),
                    text(col::SHEET, each(&|_| Some("Form1".into()))),
                    Column::new(
                        col::ROW.into(),
                        (0..n as u32).map(|i| i / 2 + 2).collect::<Vec<_>>(),
                    ),
                    text(
                        col::SESSION,
                        each(&|_| Some(format!("Corporate parenting 12 May 2016 {f}"))),
                    ),
                    text(
                        col::RESPONDENT,
                        each(&|i| Some(format!("row {}", i / 2 + 2))),
                    ),
                    text(
                        col::QUESTION,
                        each(&|i| Some(labels[usize::from(!likert(i))].clone())),
                    ),
                    text(
                        col::KIND,
                        each(&|i| {
                            Some(
                                if likert(i) {
                                    col::KIND_LIKERT
                                } else {
                                    col::KIND_FREE_TEXT
                                }
                                .into(),
                            )
                        }),
                    ),
                    text(
                        col::ANSWER,
                        each(&|i| {
                            Some(if likert(i) {
                                scale.options[i % 5].label.clone()
                            } else {
                                format!("comment number {i} of file {f}")
                            })
                        }),
                    ),
                    text(
                        col::OPTION,
                        each(&|i| likert(i).then(|| scale.options[i % 5].label.clone())),
                    ),
                    Column::new(
                        col::POSITION.into(),
                        (0..n)
                            .map(|i| likert(i).then_some(i as u32 % 5 + 1))
                            .collect::<Vec<_>>(),
                    ),
                    Column::new(
                        col::SUBSTANTIVE.into(),
                        (0..n)
                            .map(|i| likert(i).then_some(true))
                            .collect::<Vec<_>>(),
                    ),
                    Column::new(col::WEIGHT.into(), vec![1u32; n]),
                ],
            )
            .unwrap()
        });
        let mut df = frames.next().unwrap();
        for next in frames {
            df.vstack_mut_owned(next).unwrap();
        }
        df
    }

    /// What polars' own writer makes of the whole hand-off table at once.
    const STAMP: Stamp = Stamp {
        cycle: "2016-17",
        council: Some("Example Borough Council"),
    };

    fn written_at_once(df: &DataFrame) -> Vec<u8> {
        let survey = survey();
        let lookup = Lookup::new(df, &survey).unwrap();
        let mut whole = hand_off(df, &lookup, STAMP).unwrap();
        let mut buf = Cursor::new(Vec::new());
        ParquetWriter::new(&mut buf)
            .set_parallel(false)
            .with_key_value_metadata(Some(footer(&whole)))
            .finish(&mut whole)
            .unwrap();
        buf.into_inner()
    }

    #[test]
    fn row_groups_cover_the_table_as_polars_splits_it() {
        assert_eq!(row_groups(0), [(0, 0)]);
        assert_eq!(row_groups(10), [(0, 10)]);
        assert_eq!(row_groups(ROW_GROUP), [(0, ROW_GROUP)]);
        assert_eq!(row_groups(2 * ROW_GROUP - 1), [(0, 2 * ROW_GROUP - 1)]);
        assert_eq!(row_groups(600_001), [(0, 300_000), (300_000, 300_001)]);
    }

    /// Writing group by group gives the very bytes polars writes from the whole table, for a
    /// table of many chunks spanning several row groups, a small one and an empty one; and
    /// every row reads back.
    #[test]
    fn written_by_row_group_is_the_file_written_at_once() {
        for chunks in [&[250_000, 1, 349_999, 100_000][..], &[7, 3], &[0]] {
            let df = table(chunks);
            let bytes = tidy(&df, &survey(), STAMP).unwrap();
            assert_eq!(bytes, written_at_once(&df), "chunks {chunks:?}");
            let read = ParquetReader::new(Cursor::new(bytes)).finish().unwrap();
            assert_eq!(read.height(), chunks.iter().sum::<usize>());
            assert_eq!(read.width(), COLUMNS.len());
        }
    }
}
