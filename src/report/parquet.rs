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
use polars::io::parquet::write::BatchedWriter;
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;

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

/// Rows per row group: polars' own default.
const ROW_GROUP: usize = 512 * 512;

/// Who and when the rows are of, written in every row: the cycle, and the council when
/// `[report]` names it.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub cycle: &'a str,
    pub council: Option<&'a str>,
}

/// The Parquet file of a whole tidy table (see [`TidyParquet`]).
#[cfg(test)]
fn tidy(df: &DataFrame, survey: &Survey, stamp: Stamp) -> Result<Vec<u8>> {
    let mut parquet = TidyParquet::new(HandOff::new(survey, stamp));
    parquet.push(parquet.hand_off().rows(df)?)?;
    parquet.finish()
}

/// Rows of the tidy table as handed off: the tidy columns with the columns read from the
/// survey and the stamp added. Made from any part of the table, on any thread.
pub struct HandOff<'a> {
    lookup: Lookup<'a>,
    stamp: Stamp<'a>,
}

impl<'a> HandOff<'a> {
    pub fn new(survey: &'a Survey, stamp: Stamp<'a>) -> HandOff<'a> {
        HandOff {
            lookup: Lookup::new(survey),
            stamp,
        }
    }

    /// `tidy`'s rows as handed off.
    pub fn rows(&self, tidy: &DataFrame) -> Result<DataFrame> {
        hand_off(tidy, &self.lookup, self.stamp).map_err(Error::table("responses.parquet"))
    }
}

/// The tidy table's Parquet file, written as its rows come: rows are gathered into row groups
/// of [`ROW_GROUP`] rows (the last one smaller), and each group is encoded as soon as it is
/// full, so only one group's rows are held, however many rows the table has. The groups do
/// not depend on how the rows came.
pub struct TidyParquet<'a> {
    hand_off: HandOff<'a>,
    /// Rows not yet in a group.
    pending: Vec<DataFrame>,
    pending_rows: usize,
    writer: Option<BatchedWriter<Shared>>,
    out: Shared,
}

/// The bytes written, shared with the writer that writes them.
#[derive(Clone, Default)]
struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = self.0.lock().map_err(|_| std::io::ErrorKind::Other)?;
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> TidyParquet<'a> {
    pub fn new(hand_off: HandOff<'a>) -> TidyParquet<'a> {
        TidyParquet {
            hand_off,
            pending: Vec::new(),
            pending_rows: 0,
            writer: None,
            out: Shared::default(),
        }
    }

    /// How rows are handed off.
    pub fn hand_off(&self) -> &HandOff<'a> {
        &self.hand_off
    }

    /// Adds rows of the tidy table as handed off ([`HandOff::rows`]), in table order.
    pub fn push(&mut self, rows: DataFrame) -> Result<()> {
        self.pending_rows += rows.height();
        self.pending.push(rows);
        while self.pending_rows >= ROW_GROUP {
            let mut all = stack(std::mem::take(&mut self.pending))?;
            let rest = all.slice(ROW_GROUP as i64, self.pending_rows - ROW_GROUP);
            all = all.slice(0, ROW_GROUP);
            self.pending_rows = rest.height();
            self.pending = vec![rest];
            self.write(all)?;
        }
        Ok(())
    }

    /// Writes the rows left and the footer; the file's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if self.pending_rows > 0 || self.writer.is_none() {
            let last = match self.pending_rows {
                0 => self.hand_off.rows(
                    &crate::normalise::empty_tidy().map_err(Error::table("responses.parquet"))?,
                )?,
                _ => stack(std::mem::take(&mut self.pending))?,
            };
            self.write(last)?;
        }
        let finished = || -> PolarsResult<()> {
            if let Some(w) = &self.writer {
                w.finish()?;
            }
            Ok(())
        };
        finished().map_err(Error::table("responses.parquet"))?;
        drop(self.writer.take());
        let bytes = std::mem::take(&mut *self.out.0.lock().map_err(|_| {
            Error::table("responses.parquet")(polars_err!(ComputeError: "writer poisoned"))
        })?);
        Ok(bytes)
    }

    /// One row group (one chunk makes one group).
    fn write(&mut self, mut group: DataFrame) -> Result<()> {
        let mut write = || -> PolarsResult<()> {
            group.rechunk_mut();
            if self.writer.is_none() {
                // Columns one after another: the run's other work goes on beside this one on
                // every core, and polars' own pool waiting on it cost four times the work's
                // own time.
                self.writer = Some(
                    ParquetWriter::new(self.out.clone())
                        .set_parallel(false)
                        .with_key_value_metadata(Some(footer(&group)))
                        .batched(group.schema())?,
                );
            }
            if let Some(w) = &mut self.writer {
                w.write_batch(&group)?;
            }
            Ok(())
        };
        write().map_err(Error::table("responses.parquet"))
    }
}

/// Rows one under the other (at least one frame).
fn stack(frames: Vec<DataFrame>) -> Result<DataFrame> {
    let mut frames = frames.into_iter();
    let Some(mut all) = frames.next() else {
        return Err(Error::table("responses.parquet")(
            polars_err!(NoData: "no rows to stack"),
        ));
    };
    for f in frames {
        all.vstack_mut_owned(f)
            .map_err(Error::table("responses.parquet"))?;
    }
    Ok(all)
}

/// What the added columns are read from: each question's id and scale.
struct Lookup<'a> {
    scales: HashMap<&'a str, (&'a str, Option<&'a Scale>)>,
}

impl<'a> Lookup<'a> {
    fn new(survey: &'a Survey) -> Self {
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
        Lookup { scales }
    }
}

/// Rows of the table as handed off: the tidy table's columns in one chunk each, with the
/// columns read from the survey added.
fn hand_off(df: &DataFrame, lookup: &Lookup, stamp: Stamp) -> PolarsResult<DataFrame> {
    let Lookup { scales } = lookup;
    let sessions = df.column(col::SESSION)?.str()?;
    // Each session's date, read once from its name.
    let mut dates: HashMap<&str, Option<String>> = HashMap::default();
    for s in sessions.iter().flatten() {
        dates
            .entry(s)
            .or_insert_with(|| super::topic::words::the_date_in(s));
    }
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

    const STAMP: Stamp = Stamp {
        cycle: "2016-17",
        council: Some("Example Borough Council"),
    };

    /// The rows of `df` pushed in parts of the given sizes.
    fn pushed_in_parts(df: &DataFrame, parts: &[usize]) -> Vec<u8> {
        let survey = survey();
        let mut parquet = TidyParquet::new(HandOff::new(&survey, STAMP));
        let mut at = 0;
        for &n in parts {
            let rows = parquet.hand_off().rows(&df.slice(at as i64, n)).unwrap();
            parquet.push(rows).unwrap();
            at += n;
        }
        parquet.finish().unwrap()
    }

    /// The file does not depend on how the rows came (a run hands them on in parts of any
    /// size); its row groups are of ROW_GROUP rows, the last one smaller; every row reads
    /// back, for a table spanning several groups, a small one and an empty one.
    #[test]
    fn the_file_is_the_same_however_the_rows_came() {
        for chunks in [&[250_000, 1, 349_999, 100_000][..], &[7, 3], &[0]] {
            let df = table(chunks);
            let rows: usize = chunks.iter().sum();
            let bytes = tidy(&df, &survey(), STAMP).unwrap();
            assert_eq!(bytes, pushed_in_parts(&df, chunks), "chunks {chunks:?}");
            assert_eq!(
                bytes,
                pushed_in_parts(&df, &[rows / 2, 0, rows - rows / 2]),
                "halves of {chunks:?}"
            );
            let mut reader = ParquetReader::new(std::io::Cursor::new(bytes.clone()));
            let groups: Vec<usize> = reader
                .get_metadata()
                .unwrap()
                .row_groups
                .iter()
                .map(|g| g.num_rows())
                .collect();
            let mut expected = vec![ROW_GROUP; rows / ROW_GROUP];
            if !rows.is_multiple_of(ROW_GROUP) {
                expected.push(rows % ROW_GROUP);
            }
            if rows > 0 {
                assert_eq!(groups, expected, "chunks {chunks:?}");
            }
            let read = ParquetReader::new(std::io::Cursor::new(bytes))
                .finish()
                .unwrap();
            assert_eq!(read.height(), rows);
            assert_eq!(read.width(), COLUMNS.len());
        }
    }
}
