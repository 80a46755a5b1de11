//! A row of a published table from a `Serialize` struct: its field names are the column
//! names, in order, and each value is written as the CSV has it (integers as they are, every
//! non-integer number with [`DECIMALS`] decimals so that files compare byte for byte, `None`
//! as an empty field, an enum by its serialised name). A `#[serde(flatten)]` map adds columns
//! whose names are only known at run time (one per point of a rating scale).
//!
//! Only flat rows are accepted: a nested struct or a list in a cell is a programming error,
//! caught by the tests of every table.

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct};
use std::fmt;

/// Decimals of every non-integer number in the tables.
pub const DECIMALS: usize = 4;

/// A number as the tables write it: a value that rounds to zero is `0.0000`, never
/// `-0.0000` (a change of -0.00001 is no change).
pub fn fixed(x: f64) -> String {
    let text = format!("{x:.DECIMALS$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
        _ => text,
    }
}

/// The column names and cells of one row.
pub fn of<T: Serialize + ?Sized>(row: &T) -> (Vec<String>, Vec<String>) {
    let mut out = Row {
        names: Names::Collect(Vec::new()),
        cells: Vec::new(),
    };
    row.serialize(RowSerializer(&mut out))
        .unwrap_or_else(|e| panic!("a published row must be flat: {e}"));
    let Names::Collect(names) = out.names else {
        unreachable!("names were collected")
    };
    (names, out.cells)
}

/// The cells of one row of a table whose columns are `header` (checked name by name, without
/// collecting them: a table of many rows would otherwise build its header once a row).
pub fn cells_of<T: Serialize + ?Sized>(row: &T, header: &[String]) -> Vec<String> {
    let mut out = Row {
        names: Names::Check(header, 0),
        cells: Vec::with_capacity(header.len()),
    };
    row.serialize(RowSerializer(&mut out))
        .unwrap_or_else(|e| panic!("a published row must be flat: {e}"));
    assert!(
        matches!(out.names, Names::Check(h, n) if n == h.len()),
        "every row of a table has the same columns"
    );
    out.cells
}

struct Row<'h> {
    names: Names<'h>,
    cells: Vec<String>,
}

/// What is done with a row's column names: collected, or checked against a header (with the
/// number checked so far).
enum Names<'h> {
    Collect(Vec<String>),
    Check(&'h [String], usize),
}

impl Names<'_> {
    fn add(&mut self, name: &str) {
        match self {
            Names::Collect(names) => names.push(name.to_string()),
            Names::Check(header, n) => {
                assert_eq!(
                    header.get(*n).map(String::as_str),
                    Some(name),
                    "every row of a table has the same columns"
                );
                *n += 1;
            }
        }
    }
}

#[derive(Debug)]
pub struct NotFlat(String);

impl fmt::Display for NotFlat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        NotFlat(msg.to_string())
    }
}

fn not_flat<T>(what: &str) -> Result<T, NotFlat> {
    Err(NotFlat(format!("{what} is not a table cell")))
}

/// Methods of a serializer that only accepts a struct (or a map) at this level.
macro_rules! only_records {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<Self::Ok, NotFlat> {
            not_flat(stringify!($method))
        })*
    };
}

/// The methods both serializers refuse: enums with data and every compound but a record.
macro_rules! refuse_compounds {
    () => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<Self::Ok, NotFlat> {
            not_flat("an enum with data")
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotFlat> {
            not_flat("a list")
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotFlat> {
            not_flat("a tuple")
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, NotFlat> {
            not_flat("a tuple")
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, NotFlat> {
            not_flat("a tuple")
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, NotFlat> {
            not_flat("an enum with fields")
        }
    };
}

struct RowSerializer<'a, 'h>(&'a mut Row<'h>);

impl ser::Serializer for RowSerializer<'_, '_> {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = Impossible<(), NotFlat>;
    type SerializeTuple = Impossible<(), NotFlat>;
    type SerializeTupleStruct = Impossible<(), NotFlat>;
    type SerializeTupleVariant = Impossible<(), NotFlat>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), NotFlat>;

    only_records!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotFlat> {
        not_flat("an option")
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        value.serialize(self)
    }
    refuse_compounds!();
    fn serialize_map(self, _: Option<usize>) -> Result<Self, NotFlat> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotFlat> {
        Ok(self)
    }
}

impl SerializeStruct for RowSerializer<'_, '_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotFlat> {
        self.0.names.add(key);
        self.0.cells.push(value.serialize(CellSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

impl SerializeMap for RowSerializer<'_, '_> {
    type Ok = ();
    type Error = NotFlat;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFlat> {
        self.0.names.add(&key.serialize(CellSerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotFlat> {
        self.0.cells.push(value.serialize(CellSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

/// One value as a table cell.
struct CellSerializer;

macro_rules! as_text {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<String, NotFlat> {
            Ok(v.to_string())
        })*
    };
}

impl ser::Serializer for CellSerializer {
    type Ok = String;
    type Error = NotFlat;
    type SerializeSeq = Impossible<String, NotFlat>;
    type SerializeTuple = Impossible<String, NotFlat>;
    type SerializeTupleStruct = Impossible<String, NotFlat>;
    type SerializeTupleVariant = Impossible<String, NotFlat>;
    type SerializeMap = Impossible<String, NotFlat>;
    type SerializeStruct = Impossible<String, NotFlat>;
    type SerializeStructVariant = Impossible<String, NotFlat>;

    as_text!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_char(char),
        serialize_str(&str),
    );

    fn serialize_f32(self, v: f32) -> Result<String, NotFlat> {
        Ok(fixed(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<String, NotFlat> {
        Ok(fixed(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, NotFlat> {
        not_flat("bytes")
    }
    fn serialize_none(self) -> Result<String, NotFlat> {
        Ok(String::new())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, NotFlat> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, NotFlat> {
        Ok(String::new())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, NotFlat> {
        Ok(String::new())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, NotFlat> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, NotFlat> {
        value.serialize(self)
    }
    refuse_compounds!();
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotFlat> {
        not_flat("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotFlat> {
        not_flat("a struct")
    }
}

#[cfg(test)]
mod tests {
    use super::{cells_of, fixed, of};
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Kind {
        #[serde(rename = "free text")]
        FreeText,
    }

    #[derive(Serialize)]
    struct Line<'a> {
        name: &'a str,
        n: u64,
        share: Option<f64>,
        missing: Option<f64>,
        kind: Kind,
        #[serde(flatten)]
        counts: BTreeMap<String, u64>,
        #[serde(rename = "last")]
        tail: i32,
    }

    #[test]
    fn fields_become_columns_in_order_with_the_tables_number_forms() {
        let counts = BTreeMap::from([("count_1".to_string(), 3), ("count_2".to_string(), 0)]);
        let (names, cells) = of(&Line {
            name: "Q1",
            n: 12,
            share: Some(2.0 / 3.0 * 100.0),
            missing: None,
            kind: Kind::FreeText,
            counts,
            tail: -1,
        });
        assert_eq!(
            names,
            ["name", "n", "share", "missing", "kind", "count_1", "count_2", "last"]
        );
        assert_eq!(
            cells,
            ["Q1", "12", "66.6667", "", "free text", "3", "0", "-1"]
        );
    }

    fn line(counts: &[&str]) -> Line<'static> {
        Line {
            name: "Q1",
            n: 1,
            share: None,
            missing: None,
            kind: Kind::FreeText,
            counts: counts.iter().map(|c| (c.to_string(), 1)).collect(),
            tail: 0,
        }
    }

    #[test]
    fn a_row_with_the_headers_columns_gives_its_cells() {
        let (header, cells) = of(&line(&["count_1", "count_2"]));
        assert_eq!(cells_of(&line(&["count_1", "count_2"]), &header), cells);
    }

    #[test]
    #[should_panic(expected = "every row of a table has the same columns")]
    fn a_row_with_other_columns_is_refused() {
        let (header, _) = of(&line(&["count_1", "count_2"]));
        cells_of(&line(&["count_1", "count_3"]), &header);
    }

    #[test]
    #[should_panic(expected = "every row of a table has the same columns")]
    fn a_row_with_fewer_columns_is_refused() {
        let (header, _) = of(&line(&["count_1", "count_2"]));
        cells_of(&line(&["count_1"]), &header);
    }

    #[test]
    #[should_panic(expected = "every row of a table has the same columns")]
    fn a_row_with_more_columns_is_refused() {
        let (header, _) = of(&line(&["count_1"]));
        cells_of(&line(&["count_1", "count_2"]), &header);
    }

    #[test]
    #[should_panic(expected = "a list is not a table cell")]
    fn a_list_in_a_cell_is_refused() {
        #[derive(Serialize)]
        struct Bad {
            xs: Vec<u32>,
        }
        of(&Bad { xs: vec![1] });
    }

    /// `self_assessment_change.csv` wrote `-0.0000` for a change that rounds to nothing.
    #[test]
    fn regression_negative_zero_is_written_as_zero() {
        assert_eq!(fixed(-0.0), "0.0000");
        assert_eq!(fixed(-0.00001), "0.0000");
        assert_eq!(fixed(-0.5), "-0.5000");
        assert_eq!(fixed(0.25), "0.2500");
    }
}
