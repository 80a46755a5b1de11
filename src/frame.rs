//! Text columns of the tidy table built with each repeated value stored once.
//!
//! The tidy table repeats a handful of values down most of its text columns (one file name,
//! one session, a dozen questions, a few options, for millions of rows). polars' string
//! builder copies every value longer than 12 bytes into the column's buffers, which made
//! those copies most of the table's memory. Here a value is copied once per column and every
//! row holding it points at that copy (Arrow's string views allow it); a value seen for the
//! first time after [`REMEMBERED`] distinct long values (free text, mostly unique) is still
//! stored, only no longer looked up. The column reads back exactly as if built value by
//! value.
//!
//! The stored bytes are kept in buffers trimmed to their contents. polars' builder starts
//! each column's first buffer at 8 kB and doubles the next ones, so a file of 30 respondents
//! held 8 kB for each text column with one long value in it, and a long column up to 16 MB of
//! room it never used (a batch of 10,000 such files peaked 200 MiB higher after normalising).

use polars::prelude::{PlSmallStr, PolarsResult, StringChunked};
use polars_arrow::array::{Array, Utf8ViewArray, View};
use polars_arrow::bitmap::MutableBitmap;
use polars_arrow::datatypes::ArrowDataType;
use polars_buffer::Buffer;
use rustc_hash::FxHashMap as HashMap;

/// Distinct long values a column remembers.
const REMEMBERED: usize = 4096;

/// One text column under construction.
pub struct TextColumn {
    name: PlSmallStr,
    views: Vec<View>,
    /// Absent until the first missing value.
    validity: Option<MutableBitmap>,
    /// The bytes of the long values: the buffers filled, then the one being filled.
    full: Vec<Buffer<u8>>,
    filling: Vec<u8>,
    seen: HashMap<Box<str>, View>,
}

/// Room of the first buffer of stored values, and of the largest (polars' own sizes).
const FIRST_BUFFER: usize = 8 << 10;
const BUFFER: usize = 16 << 20;

impl TextColumn {
    pub fn with_capacity(name: &str, rows: usize) -> Self {
        TextColumn {
            name: name.into(),
            views: Vec::with_capacity(rows),
            validity: None,
            full: Vec::new(),
            filling: Vec::new(),
            seen: HashMap::default(),
        }
    }

    pub fn push(&mut self, value: &str) {
        let view = if value.len() <= View::MAX_INLINE_SIZE as usize {
            View::new_inline(value.as_bytes())
        } else if let Some(view) = self.seen.get(value) {
            *view
        } else {
            let view = self.store(value.as_bytes());
            if self.seen.len() < REMEMBERED {
                self.seen.insert(value.into(), view);
            }
            view
        };
        self.views.push(view);
        if let Some(validity) = &mut self.validity {
            validity.push(true);
        }
    }

    pub fn push_option(&mut self, value: Option<&str>) {
        match value {
            Some(value) => self.push(value),
            None => {
                let validity = self.validity.get_or_insert_with(|| {
                    let mut v = MutableBitmap::with_capacity(self.views.capacity());
                    v.extend_constant(self.views.len(), true);
                    v
                });
                validity.push(false);
                self.views.push(View::default());
            }
        }
    }

    /// `bytes` (longer than a view holds) stored, and the view that points at them.
    fn store(&mut self, bytes: &[u8]) -> View {
        if self.filling.len() + bytes.len() > self.filling.capacity() {
            // A new buffer, each twice the last (as polars does), rather than the buffer
            // grown and copied.
            let room = (self.filling.capacity() * 2)
                .clamp(FIRST_BUFFER, BUFFER)
                .max(bytes.len());
            if !self.filling.is_empty() {
                self.seal();
            }
            self.filling = Vec::with_capacity(room);
        }
        let offset = self.filling.len();
        self.filling.extend_from_slice(bytes);
        // Neither number can overflow: there are fewer buffers than stored values, and a
        // value starts within the first 16 MB of its buffer.
        View::new_from_bytes(bytes, self.full.len() as u32, offset as u32)
    }

    /// The buffer being filled, trimmed to its bytes, added to the full ones.
    fn seal(&mut self) {
        let mut bytes = std::mem::take(&mut self.filling);
        bytes.shrink_to_fit();
        self.full.push(bytes.into());
    }

    /// The finished column. Its views are checked against the stored bytes (bounds and
    /// UTF-8) as the array is made.
    pub fn finish(mut self) -> PolarsResult<StringChunked> {
        if !self.filling.is_empty() {
            self.seal();
        }
        let array = Utf8ViewArray::try_new(
            ArrowDataType::Utf8View,
            self.views.into(),
            self.full.into(),
            self.validity.map(Into::into),
        )?;
        Ok(StringChunked::with_chunk(self.name, array))
    }
}

/// A column of `values`, each repeated value stored once.
pub fn text_column<'a>(
    name: &str,
    values: impl Iterator<Item = Option<&'a str>>,
) -> PolarsResult<StringChunked> {
    let mut column = TextColumn::with_capacity(name, values.size_hint().0);
    for v in values {
        column.push_option(v);
    }
    column.finish()
}

/// `column` in one chunk, its stored bytes shared with the chunks it came from, not copied:
/// only the views (16 bytes a row) are. This is polars' own joining of string views: it keeps
/// each chunk's buffers (a buffer shared by several chunks once), copying values only when
/// there are no more rows than buffers, and does not check the text again, as every chunk was
/// checked when it was made (checking it here was an eighth of writing x1000's tidy Parquet,
/// in a profile).
pub fn one_chunk(column: &StringChunked) -> StringChunked {
    column.rechunk().into_owned()
}

/// `array` with the values of some rows replaced (`changes`: a row and its new value): every
/// other row keeps its view, pointing at the stored bytes it shares with `array`, which are not
/// copied; the new values longer than a view holds are stored in one more buffer. A missing
/// value stays missing unless replaced.
pub fn with_replaced(
    array: &Utf8ViewArray,
    changes: &[(usize, String)],
) -> PolarsResult<Utf8ViewArray> {
    if changes.is_empty() {
        return Ok(array.clone());
    }
    let too_large = || polars::prelude::polars_err!(ComputeError: "replaced text too large");
    let mut views: Vec<View> = array.views().as_slice().to_vec();
    let mut buffers: Vec<Buffer<u8>> = array.data_buffers().iter().cloned().collect();
    let index = u32::try_from(buffers.len()).map_err(|_| too_large())?;
    let mut added: Vec<u8> = Vec::new();
    let mut validity: Option<MutableBitmap> = None;
    for (row, value) in changes {
        let bytes = value.as_bytes();
        views[*row] = if bytes.len() <= View::MAX_INLINE_SIZE as usize {
            View::new_inline(bytes)
        } else {
            let offset = u32::try_from(added.len()).map_err(|_| too_large())?;
            added.extend_from_slice(bytes);
            View::new_from_bytes(bytes, index, offset)
        };
        if !array.is_valid(*row) {
            let bits = validity.get_or_insert_with(|| {
                let mut b = MutableBitmap::with_capacity(array.len());
                b.extend_from_bitmap(array.validity().expect("a missing value has a validity"));
                b
            });
            bits.set(*row, true);
        }
    }
    if !added.is_empty() {
        buffers.push(added.into());
    }
    Utf8ViewArray::try_new(
        ArrowDataType::Utf8View,
        views.into(),
        buffers.into(),
        validity
            .map(Into::into)
            .or_else(|| array.validity().cloned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::NewChunkedArray;

    fn built(values: &[Option<&str>]) -> Vec<Option<String>> {
        let mut column = TextColumn::with_capacity("t", values.len());
        for v in values {
            column.push_option(*v);
        }
        let ca = column.finish().unwrap();
        assert_eq!(ca.name().as_str(), "t");
        ca.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn reads_back_as_pushed_short_long_repeated_and_missing() {
        let long = "How satisfied were you with the session overall?";
        let values = [
            Some("yes"),
            Some(long),
            None,
            Some(long),
            Some(""),
            Some("exactly12byt"),
            Some("thirteen byte"),
            Some("thirteen byte"),
            Some("Ünïcödé answer that is long"),
            None,
        ];
        let expected: Vec<Option<String>> = values.iter().map(|v| v.map(String::from)).collect();
        assert_eq!(built(&values), expected);
        // Without any missing value there is no validity at all.
        assert_eq!(
            built(&[Some(long), Some("a")]),
            vec![Some(long.into()), Some("a".into())]
        );
    }

    /// Replaced rows read back as their new values, the others as they were, whatever the
    /// lengths (inline or stored) on either side; the stored bytes are shared, not copied.
    #[test]
    fn replaced_rows_read_back_new_and_the_rest_is_shared() {
        let long = "Please call Jane Smith on 01709 123456 about this";
        let values = [
            Some(long),
            Some("short"),
            None,
            Some(long),
            Some("another long answer, left alone"),
            None,
        ];
        let mut column = TextColumn::with_capacity("t", values.len());
        for v in values {
            column.push_option(v);
        }
        let ca = column.finish().unwrap();
        let array = ca.downcast_iter().next().unwrap();
        let changes = vec![
            (0, "Please call [name] on [phone] about this".to_string()),
            (1, "now a value longer than a view".to_string()),
            (2, "was missing".to_string()),
            (3, "[name]".to_string()),
        ];
        let out = with_replaced(array, &changes).unwrap();
        let got: Vec<Option<&str>> = (0..out.len()).map(|i| out.get(i)).collect();
        assert_eq!(
            got,
            [
                Some("Please call [name] on [phone] about this"),
                Some("now a value longer than a view"),
                Some("was missing"),
                Some("[name]"),
                Some("another long answer, left alone"),
                None,
            ]
        );
        assert_eq!(out.data_buffers().len(), array.data_buffers().len() + 1);
        for (a, b) in array.data_buffers().iter().zip(out.data_buffers().iter()) {
            assert_eq!(a.as_ptr(), b.as_ptr(), "the stored bytes are shared");
        }
        // Nothing to replace: the same array.
        let same = with_replaced(array, &[]).unwrap();
        assert_eq!(same.views().as_ptr(), array.views().as_ptr());
    }

    #[test]
    fn a_repeated_long_value_is_stored_once() {
        let long = "Knowledge of Children's Services";
        let mut column = TextColumn::with_capacity("t", 1000);
        for _ in 0..1000 {
            column.push(long);
        }
        let ca = column.finish().unwrap();
        let array = ca.downcast_iter().next().unwrap();
        assert_eq!(array.total_buffer_len(), long.len());
        assert!(ca.iter().all(|v| v == Some(long)));
    }

    #[test]
    fn values_past_the_remembered_ones_are_still_kept() {
        let values: Vec<String> = (0..REMEMBERED + 50)
            .map(|i| format!("a comment that is unique, number {i}"))
            .collect();
        let mut column = TextColumn::with_capacity("t", 0);
        for v in values.iter().chain(values.iter().rev()) {
            column.push(v);
        }
        let ca = column.finish().unwrap();
        let read: Vec<&str> = ca.iter().map(Option::unwrap).collect();
        let expected: Vec<&str> = values
            .iter()
            .chain(values.iter().rev())
            .map(String::as_str)
            .collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn chunks_joined_read_back_with_their_missing_values() {
        let long = "What do you still not understand about the role?";
        let parts: [&[Option<&str>]; 4] = [
            &[Some(long), Some("a")],
            &[Some("b"), None, Some(long)],
            &[],
            &[Some("another long answer here"), Some(long)],
        ];
        let mut joined =
            StringChunked::from_iter_options("t".into(), std::iter::empty::<Option<&str>>());
        for part in parts {
            let mut column = TextColumn::with_capacity("t", part.len());
            for v in part {
                column.push_option(*v);
            }
            joined.append_owned(column.finish().unwrap()).unwrap();
        }
        assert!(joined.chunks().len() > 1);
        let one = one_chunk(&joined);
        assert_eq!(one.chunks().len(), 1);
        // The text is shared, not copied: every buffer of the joined column is one of the
        // parts'.
        let stored = |c: &StringChunked| -> Vec<*const u8> {
            c.downcast_iter()
                .flat_map(|a| a.data_buffers().iter().map(|b| b.as_ptr()))
                .collect()
        };
        let parts_stored = stored(&joined);
        assert!(!stored(&one).is_empty());
        assert!(stored(&one).iter().all(|b| parts_stored.contains(b)));
        assert_eq!(one.name().as_str(), "t");
        let expected: Vec<Option<&str>> = parts.concat();
        assert_eq!(one.iter().collect::<Vec<_>>(), expected);
        assert_eq!(one.null_count(), 1);
    }

    #[test]
    fn values_spanning_many_buffers_read_back() {
        // Past the largest buffer of the store (16 MB).
        let values: Vec<String> = (0..500_000).map(|i| format!("{i:>40}")).collect();
        let mut column = TextColumn::with_capacity("t", 0);
        for v in &values {
            column.push(v);
        }
        let ca = column.finish().unwrap();
        assert!(ca.iter().zip(&values).all(|(a, b)| a == Some(b.as_str())));
        let array = ca.downcast_iter().next().unwrap();
        assert!(array.data_buffers().len() > 1);
        assert_eq!(array.total_buffer_len(), 500_000 * 40);
    }
}
