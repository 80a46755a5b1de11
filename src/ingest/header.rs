//! Finding the header row: exports from paper or from some survey tools put a title, a date
//! or blank rows above the real header.

use crate::model::Cell;

/// How many rows from the top are searched for the header.
pub const SCAN_ROWS: usize = 30;

/// Index of the header row: the first row, within the first [`SCAN_ROWS`], that has text in at
/// least two cells and in at least 60% of the columns of the widest row scanned, and nothing
/// but text. A title row (one cell) or a row of numbers is never taken as the header.
pub fn find(rows: &[Vec<Cell>]) -> Option<usize> {
    let scan = &rows[..rows.len().min(SCAN_ROWS)];
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.is_blank()).count();
    let widest = scan.iter().map(filled).max().unwrap_or(0);
    let needed = 2.max((widest * 3).div_ceil(5));
    scan.iter().position(|r| {
        let text_only = r.iter().all(|c| c.is_blank() || matches!(c, Cell::Text(_)));
        text_only && filled(r) >= needed
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_string())
                }
            })
            .collect()
    }

    #[test]
    fn header_below_a_title_and_a_blank_row_is_found() {
        let rows = vec![
            row(&["Corporate parenting induction - evaluation"]),
            row(&[]),
            row(&["Name", "Were your objectives achieved?", "Comments"]),
            row(&["A", "Yes, in full", ""]),
        ];
        assert_eq!(find(&rows), Some(2));
    }

    #[test]
    fn header_on_the_first_row_is_found() {
        let rows = vec![
            row(&["ID", "Q1"]),
            vec![Cell::Int(1), Cell::Text("Agree".into())],
        ];
        assert_eq!(find(&rows), Some(0));
    }

    #[test]
    fn a_sheet_of_numbers_has_no_header() {
        let rows = vec![
            vec![Cell::Int(1), Cell::Int(2)],
            vec![Cell::Int(3), Cell::Int(4)],
        ];
        assert_eq!(find(&rows), None);
    }
}
