//! Finding the header row: exports from paper or from some survey tools put a title, a date
//! or blank rows above the real header.

use crate::model::Cell;

/// How many rows from the top are searched for the header.
pub const SCAN_ROWS: usize = 30;

/// Most header rows a sheet can have (SmartSurvey and Qualtrics write three).
pub const MAX_HEADER_ROWS: usize = 3;

/// Sub-header cells that only say "the answer goes here": a column under one of these is
/// named by the row above alone (SurveyMonkey, SmartSurvey).
const PLACEHOLDERS: &[&str] = &["response", "open-ended response", "answer", "responses"];

/// Where the header is: the index of its first row and how many rows it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderSpan {
    pub first: usize,
    pub rows: usize,
}

/// The header: the first row, within the first [`SCAN_ROWS`], that has nothing but text, text
/// in at least two cells (one, in a sheet of one column), and - together with any sub-header rows below it - text over at
/// least 60% of the columns of the widest row scanned. A title row (one cell) or a row of
/// numbers is never taken as the header. `rows` forces the number of header rows; otherwise
/// sub-header rows are recognised by [`depth`].
pub fn find(rows: &[Vec<Cell>], forced_rows: Option<usize>) -> Option<HeaderSpan> {
    let scan = &rows[..rows.len().min(SCAN_ROWS)];
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.is_blank()).count();
    let widest = scan.iter().map(filled).max().unwrap_or(0);
    // A sheet of one column (a wave of ratings of one statement) has a one-cell header.
    let least = if widest == 1 { 1 } else { 2 };
    let needed = least.max((widest * 3).div_ceil(5));
    (0..scan.len()).find_map(|i| {
        if !text_only(&scan[i]) || filled(&scan[i]) < least {
            return None;
        }
        let span = forced_rows.unwrap_or_else(|| depth(rows, i));
        let block = &rows[i..(i + span).min(rows.len())];
        let width = block.iter().map(Vec::len).max().unwrap_or(0);
        let covered = (0..width)
            .filter(|&c| {
                block
                    .iter()
                    .any(|r| r.get(c).is_some_and(|x| !x.is_blank()))
            })
            .count();
        (covered >= needed).then_some(HeaderSpan {
            first: i,
            rows: span,
        })
    })
}

/// A header a spreadsheet tool writes over a column that had none: `Column12` (Excel's Power
/// Query), `Unnamed: 5` (pandas), `_5`.
fn is_placeholder(header: &str) -> bool {
    let h = header.trim().to_ascii_lowercase();
    let rest = h
        .strip_prefix("column")
        .or_else(|| h.strip_prefix("unnamed:"))
        .or_else(|| h.strip_prefix('_'))
        .map(str::trim);
    rest.is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
}

/// SurveyMonkey's one-column-per-option layout flattened to one header row: a named question
/// followed by placeholder headers (`Field`, `Column2`, `Column3` ...), each column holding one
/// option or nothing. Those columns are renamed `Field [option]`, the form every other export
/// gives option columns, so that they are read as one tick-all-that-apply question; an empty
/// placeholder column of the run loses its header (nobody ticked it, so its option is
/// unknown). `cells(c)` gives the cells of column `c`.
pub fn name_flattened_options<'a, I>(headers: &mut [String], cells: impl Fn(usize) -> I)
where
    I: Iterator<Item = &'a Cell>,
{
    if !headers.iter().any(|h| is_placeholder(h)) {
        return;
    }
    // The one distinct answer of a column: `Ok(None)` when it is empty, `Err` for more.
    let single = |c: usize| -> Result<Option<String>, ()> {
        let mut one: Option<String> = None;
        for cell in cells(c) {
            let Some(t) = cell.text() else { continue };
            let t = t.trim();
            match &one {
                Some(o) if o == t => {}
                Some(_) => return Err(()),
                None => one = Some(t.to_string()),
            }
        }
        Ok(one)
    };
    let mut i = 0;
    while i < headers.len() {
        if is_placeholder(&headers[i]) || headers[i].is_empty() {
            i += 1;
            continue;
        }
        let Ok(first) = single(i) else {
            i += 1;
            continue;
        };
        let mut run = vec![(i, first)];
        let mut j = i + 1;
        while j < headers.len() && is_placeholder(&headers[j]) {
            match single(j) {
                Ok(v) => run.push((j, v)),
                Err(()) => break,
            }
            j += 1;
        }
        if run.len() > 1 {
            let stem = headers[i].clone();
            for (c, value) in run {
                match value {
                    Some(v) => headers[c] = format!("{stem} [{v}]"),
                    // An option nobody ticked cannot be named: an empty column, left out.
                    None if c != i => headers[c].clear(),
                    None => {}
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// A row of text, not all of it numbers (a CSV row of numbers is all text, and no header).
fn text_only(row: &[Cell]) -> bool {
    row.iter()
        .all(|c| c.is_blank() || matches!(c, Cell::Text(_)))
        && row
            .iter()
            .any(|c| matches!(c, Cell::Text(t) if t.trim().parse::<f64>().is_err()))
}

fn cell_key(c: Option<&Cell>) -> String {
    c.and_then(|c| c.text().map(|t| t.to_lowercase()))
        .unwrap_or_default()
}

/// How many rows the header starting at `first` spans: 3 when the third row is Qualtrics'
/// `{"ImportId": ...}` row; otherwise down to the lowest of the next two rows that holds a
/// placeholder such as `Response` (SurveyMonkey two rows, SmartSurvey three); else 1.
pub fn depth(rows: &[Vec<Cell>], first: usize) -> usize {
    let row = |i: usize| rows.get(first + i);
    if row(2).is_some_and(|r| {
        r.iter()
            .any(|c| cell_key(Some(c)).starts_with("{\"importid\""))
    }) {
        return 3;
    }
    for below in (1..MAX_HEADER_ROWS).rev() {
        let Some(r) = row(below) else { continue };
        let between_text = (1..=below).all(|i| row(i).is_some_and(|r| text_only(r)));
        if between_text
            && r.iter()
                .any(|c| PLACEHOLDERS.contains(&cell_key(Some(c)).as_str()))
        {
            return below + 1;
        }
    }
    1
}

/// One header per column from a header of several rows.
///
/// Qualtrics (last row `{"ImportId"...}`): the second row, the question text, is the header;
/// a matrix statement written `Question - Statement` becomes `Question [Statement]`.
/// Otherwise the top row is carried right across merged (blank) cells that have a sub-header,
/// and each sub-header that is not a placeholder is added in brackets: `Question [Statement]`,
/// the form Google Forms uses for grids. `clean` tidies each part.
pub fn combine(block: &[Vec<Cell>], clean: impl Fn(&str) -> String) -> Vec<String> {
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    let part = |r: usize, c: usize| {
        block[r]
            .get(c)
            .and_then(|x| x.text().map(|t| clean(&t)))
            .unwrap_or_default()
    };
    if block.len() == 1 {
        return (0..width).map(|c| part(0, c)).collect();
    }
    let qualtrics = block.last().is_some_and(|r| {
        r.iter()
            .any(|c| cell_key(Some(c)).starts_with("{\"importid\""))
    });
    if qualtrics {
        return (0..width)
            .map(|c| {
                let text = part(1, c);
                let text = if text.is_empty() { part(0, c) } else { text };
                match text.rsplit_once(" - ") {
                    Some((question, statement)) if !statement.is_empty() => {
                        format!("{question} [{statement}]")
                    }
                    _ => text,
                }
            })
            .collect();
    }
    let mut carried = String::new();
    (0..width)
        .map(|c| {
            let top = part(0, c);
            let subs: Vec<String> = (1..block.len())
                .map(|r| part(r, c))
                .filter(|s| !s.is_empty() && !PLACEHOLDERS.contains(&s.to_lowercase().as_str()))
                .collect();
            let any_sub = (1..block.len()).any(|r| !part(r, c).is_empty());
            let stem = if !top.is_empty() {
                carried = top.clone();
                top
            } else if any_sub {
                carried.clone()
            } else {
                carried.clear();
                String::new()
            };
            match (stem.is_empty(), subs.is_empty()) {
                (_, true) => stem,
                (true, false) => subs.join(" - "),
                (false, false) => format!("{stem} [{}]", subs.join(" - ")),
            }
        })
        .collect()
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
                    Cell::Text((*c).into())
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
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 2, rows: 1 }));
    }

    #[test]
    fn header_on_the_first_row_is_found() {
        let rows = vec![
            row(&["ID", "Q1"]),
            vec![Cell::Int(1), Cell::Text("Agree".into())],
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 1 }));
    }

    #[test]
    fn a_sheet_of_one_column_has_a_one_cell_header() {
        let rows = vec![
            row(&["Knowledge [I understand the role of the DCS]"]),
            vec![Cell::Int(3)],
            vec![Cell::Int(4)],
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 1 }));
    }

    /// The Carpentries long-term survey: SurveyMonkey's option columns, flattened under
    /// `Column2`, `Column3` ... headers.
    #[test]
    fn flattened_option_columns_are_named_by_their_option() {
        let mut headers: Vec<String> =
            ["Country", "Field", "Column2", "Column3", "Column4", "Other"]
                .map(String::from)
                .to_vec();
        let rows = [
            ["Norway", "", "Life Sciences", "", "Physics", "x"],
            ["UK", "Humanities", "Life Sciences", "", "", "y"],
        ];
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        if t.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text((*t).into())
                        }
                    })
                    .collect()
            })
            .collect();
        name_flattened_options(&mut headers, |c| cells.iter().map(move |r| &r[c]));
        assert_eq!(
            headers,
            [
                "Country",
                "Field [Humanities]",
                "Field [Life Sciences]",
                "",
                "Field [Physics]",
                "Other"
            ]
        );
    }

    #[test]
    fn a_sheet_of_numbers_has_no_header() {
        let rows = vec![
            vec![Cell::Int(1), Cell::Int(2)],
            vec![Cell::Int(3), Cell::Int(4)],
        ];
        assert_eq!(find(&rows, None), None);
    }

    fn plain(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn surveymonkey_two_rows_name_each_option_column() {
        let rows = vec![
            row(&[
                "Respondent ID",
                "How satisfied were you?",
                "Which topics helped?",
                "",
                "",
            ]),
            row(&[
                "",
                "Response",
                "Data",
                "Case studies",
                "Other (please specify)",
            ]),
            vec![
                Cell::Int(1),
                Cell::Text("Very satisfied".into()),
                Cell::Text("Data".into()),
            ],
        ];
        let span = find(&rows, None).unwrap();
        assert_eq!(span, HeaderSpan { first: 0, rows: 2 });
        assert_eq!(
            combine(&rows[0..2], plain),
            [
                "Respondent ID",
                "How satisfied were you?",
                "Which topics helped? [Data]",
                "Which topics helped? [Case studies]",
                "Which topics helped? [Other (please specify)]"
            ]
        );
    }

    #[test]
    fn qualtrics_uses_the_question_text_row_and_drops_import_ids() {
        let rows = vec![
            row(&["ResponseId", "Q1", "Q2_1"]),
            row(&[
                "Response ID",
                "Were your objectives achieved?",
                "How far do you agree? - The pace was right",
            ]),
            row(&[
                "{\"ImportId\":\"_recordId\"}",
                "{\"ImportId\":\"QID1\"}",
                "{\"ImportId\":\"QID2_1\"}",
            ]),
            row(&["R_1", "Yes, in full", "Agree"]),
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 3 }));
        assert_eq!(
            combine(&rows[0..3], plain),
            [
                "Response ID",
                "Were your objectives achieved?",
                "How far do you agree? [The pace was right]"
            ]
        );
    }

    #[test]
    fn smartsurvey_three_rows_keep_the_statement() {
        let rows = vec![
            row(&["UserID", "1. Rate the session", "", "2. Comments"]),
            row(&["", "Content", "Pace", ""]),
            row(&["", "Response", "Response", "Response"]),
            row(&["7", "Good", "Poor", "Fine"]),
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 3 }));
        assert_eq!(
            combine(&rows[0..3], plain),
            [
                "UserID",
                "1. Rate the session [Content]",
                "1. Rate the session [Pace]",
                "2. Comments"
            ]
        );
    }
}
