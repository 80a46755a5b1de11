//! Waves told by the files' own dates. When neither the file name, the definition nor a Wave
//! column says which wave a file belongs to, the export's record of when each response was
//! started or sent (`Start time`, `Timestamp`, `Date`...) does: files are put in time order and
//! grouped, a new group starting when a file begins more than [`WAVE_GAP_DAYS`] after the
//! latest response of the group before. A group beside the dates of a file named for a wave
//! joins that wave; the others take the waves no file name claims, in order, and the result
//! must keep the waves in time order or the files are refused with their dates. Every wave's
//! dates are also stated in the documents ("baseline (March 2023)").

use super::columns::Role;
use crate::ingest::SheetData;
use crate::model::Cell;

/// Responses this many days or fewer apart belong to one wave; waves of a self-assessment are
/// months apart (a baseline and a six-month review), while one wave's responses come in over a
/// few weeks.
pub const WAVE_GAP_DAYS: i64 = 28;

use crate::model::MONTHS;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    fn new(year: i64, month: i64, day: i64) -> Option<Day> {
        ((1990..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
            .then_some(Day {
                year: year as i32,
                month: month as u32,
                day: day as u32,
            })
    }

    /// Days since 1 March of year 0 (for differences only).
    fn number(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 12)
        } else {
            (self.year as i64, self.month as i64)
        };
        365 * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + self.day as i64
    }

    /// `March 2023`.
    pub fn month_words(self) -> String {
        format!("{} {}", MONTHS[self.month as usize - 1], self.year)
    }
}

/// `March 2023`, `March to April 2023`, `December 2022 to January 2023`.
pub fn span_words(first: Day, last: Day) -> String {
    if (first.year, first.month) == (last.year, last.month) {
        first.month_words()
    } else if first.year == last.year {
        format!(
            "{} to {}",
            MONTHS[first.month as usize - 1],
            last.month_words()
        )
    } else {
        format!("{} to {}", first.month_words(), last.month_words())
    }
}

/// The parts of a date written as text: `06/03/2023 09:00`, `2023/03/06 9:00:00 AM GMT`,
/// `2023-03-06T09:00:00`. `None` for anything else.
fn parts(text: &str) -> Option<(i64, i64, i64, bool)> {
    let token = text.split_whitespace().next()?;
    let token = token.split('T').next()?;
    let p: Vec<&str> = token.split(['/', '-', '.']).collect();
    let [a, b, c] = p[..] else { return None };
    let n = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|x| x.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let (a, b, c) = (n(a)?, n(b)?, n(c)?);
    Some((a, b, c, p[0].len() == 4))
}

/// The day of each row from the file's first date column that holds a date in most of its
/// filled cells, aligned with the rows (`None` for a row without one). Dates written as text
/// are read day first, as in the UK, unless some day-first reading is impossible and every
/// month-first one is possible (an export from a US-set account: `3/16/2023`).
pub fn row_days(sheet: &SheetData, roles: &[Role]) -> Vec<Option<Day>> {
    for (c, _) in roles.iter().enumerate().filter(|(_, r)| **r == Role::Date) {
        let cells = sheet
            .rows
            .iter()
            .map(|r| r.cells.get(c).unwrap_or(&Cell::Empty));
        let texts: Vec<Option<(i64, i64, i64, bool)>> = cells
            .clone()
            .map(|cell| match cell {
                Cell::Text(t) => parts(t),
                _ => None,
            })
            .collect();
        let month_first = texts.iter().flatten().any(|&(_, b, _, ymd)| !ymd && b > 12)
            && texts.iter().flatten().all(|&(a, _, _, ymd)| ymd || a <= 12);
        let days: Vec<Option<Day>> = cells
            .zip(&texts)
            .map(|(cell, text)| match (cell, text) {
                (Cell::DateTime(iso), _) => parts(iso).and_then(|(y, m, d, _)| Day::new(y, m, d)),
                (_, Some((y, m, d, true))) => Day::new(*y, *m, *d),
                (_, Some((a, b, y, false))) => {
                    let y = if *y < 100 { 2000 + y } else { *y };
                    if month_first {
                        Day::new(y, *a, *b)
                    } else {
                        Day::new(y, *b, *a)
                    }
                }
                _ => None,
            })
            .collect();
        let filled = sheet
            .rows
            .iter()
            .filter(|r| r.cells.get(c).is_some_and(|x| !x.is_blank()))
            .count();
        let read = days.iter().flatten().count();
        if read > 0 && read * 2 >= filled {
            return days;
        }
    }
    vec![None; sheet.rows.len()]
}

/// A file waiting for its wave by date: its index and first and last day.
#[derive(Debug, Clone, Copy)]
pub struct Dated {
    pub file: usize,
    pub first: Day,
    pub last: Day,
}

/// The dates of a wave some file's name already claims.
#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    pub wave: usize,
    pub first: Day,
    pub last: Day,
}

/// The wave of each file by its dates (see the module). Files and the dates of waves already
/// claimed by name (`anchors`) are put in time order and grouped; a group holding an anchor is
/// that wave, and the other groups take the waves nobody claims (not in `claimed`, of
/// `waves`), in order. `Err` when that cannot be done in time order: more groups than open
/// waves, a group between two claimed waves, or one spanning two.
pub fn by_dates(
    files: &[Dated],
    anchors: &[Anchor],
    claimed: &std::collections::BTreeSet<usize>,
    waves: usize,
) -> Result<Vec<(usize, usize)>, String> {
    // (first, last, file or anchor)
    let mut items: Vec<(Day, Day, Result<usize, usize>)> = files
        .iter()
        .map(|f| (f.first, f.last, Ok(f.file)))
        .chain(anchors.iter().map(|a| (a.first, a.last, Err(a.wave))))
        .collect();
    items.sort_by_key(|&(a, b, i)| (a, b, i));
    struct Group {
        first: Day,
        last: Day,
        files: Vec<usize>,
        waves: std::collections::BTreeSet<usize>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (first, last, item) in items {
        let joins = groups
            .last()
            .is_some_and(|g| first.number() - g.last.number() <= WAVE_GAP_DAYS);
        if !joins {
            groups.push(Group {
                first,
                last,
                files: Vec::new(),
                waves: Default::default(),
            });
        }
        let g = groups.last_mut().expect("a group");
        g.last = g.last.max(last);
        match item {
            Ok(f) => g.files.push(f),
            Err(w) => {
                g.waves.insert(w);
            }
        }
    }
    let open: Vec<usize> = (0..waves).filter(|w| !claimed.contains(w)).collect();
    let unclaimed = groups.iter().filter(|g| g.waves.is_empty()).count();
    let periods = |gs: &[&Group]| {
        gs.iter()
            .map(|g| span_words(g.first, g.last))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if unclaimed > open.len() {
        let loose: Vec<&Group> = groups.iter().filter(|g| g.waves.is_empty()).collect();
        return Err(if open.is_empty() {
            format!(
                "its dates ({}) fall outside the waves the other files' names claim",
                periods(&loose)
            )
        } else {
            format!(
                "the files' dates fall in {} separate periods ({}), more than the {} left for them",
                loose.len(),
                periods(&loose),
                if open.len() == 1 {
                    "one wave".to_string()
                } else {
                    format!("{} waves", open.len())
                }
            )
        });
    }
    let mut next = open.iter();
    let mut assigned = Vec::new();
    let mut last_wave: Option<usize> = None;
    for g in &groups {
        let wave = match g.waves.len() {
            0 => *next.next().expect("as many open waves as groups"),
            1 => *g.waves.iter().next().expect("one wave"),
            _ => {
                return Err(format!(
                    "its dates ({}) fall within more than one wave",
                    span_words(g.first, g.last)
                ))
            }
        };
        if last_wave.is_some_and(|w| w >= wave) {
            return Err(format!(
                "the waves' dates are not in the order of the waves ({} comes after a later wave)",
                span_words(g.first, g.last)
            ));
        }
        last_wave = Some(wave);
        assigned.extend(g.files.iter().map(|&f| (f, wave)));
    }
    Ok(assigned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn files_group_by_the_gaps_between_their_dates() {
        let f = |file, a: Day, b: Day| Dated {
            file,
            first: a,
            last: b,
        };
        let none = std::collections::BTreeSet::new();
        // Two exports of the baseline either side of a month end, one review.
        let files = vec![
            f(0, day(2023, 9, 11), day(2023, 9, 20)),
            f(1, day(2023, 2, 27), day(2023, 3, 1)),
            f(2, day(2023, 3, 6), day(2023, 3, 9)),
        ];
        assert_eq!(
            by_dates(&files, &[], &none, 2).unwrap(),
            vec![(1, 0), (2, 0), (0, 1)]
        );
        // Three periods for two waves.
        let third = [files.clone(), vec![f(3, day(2024, 3, 1), day(2024, 3, 2))]].concat();
        assert!(by_dates(&third, &[], &none, 2)
            .unwrap_err()
            .contains("3 separate periods (February to March 2023; September 2023; March 2024), more than the 2 waves"));
        // A file named for the baseline, dated March: an unnamed March file joins it, and the
        // September one takes the review.
        let claimed: std::collections::BTreeSet<usize> = [0].into();
        let march = Anchor {
            wave: 0,
            first: day(2023, 3, 2),
            last: day(2023, 3, 10),
        };
        assert_eq!(
            by_dates(&files, &[march], &claimed, 2).unwrap(),
            vec![(1, 0), (2, 0), (0, 1)]
        );
        // A file named for the review, dated March: an unnamed September file cannot be the
        // baseline.
        let claimed: std::collections::BTreeSet<usize> = [1].into();
        let review = Anchor { wave: 1, ..march };
        assert!(by_dates(&files[..1], &[review], &claimed, 2)
            .unwrap_err()
            .contains("not in the order of the waves"));
        assert_eq!(
            span_words(day(2022, 12, 1), day(2023, 1, 5)),
            "December 2022 to January 2023"
        );
    }

    fn sheet(dates: &[Cell]) -> SheetData {
        SheetData {
            sheet: "csv".into(),
            header_row: 1,
            first_column: 0,
            headers: vec!["Name".into(), "Timestamp".into()],
            ids: Vec::new(),
            rows: dates
                .iter()
                .enumerate()
                .map(|(i, d)| crate::ingest::RawRow {
                    row: i + 2,
                    cells: vec![Cell::Text("A".into()), d.clone()],
                })
                .collect(),
        }
    }

    #[test]
    fn a_column_of_month_first_dates_is_read_month_first() {
        let roles = [Role::Name, Role::Date];
        let text = |t: &str| Cell::Text(t.into());
        // 3/16/2023 cannot be day first: the column is month first.
        let days = row_days(
            &sheet(&[text("3/6/2023 9:00"), text("3/16/2023 10:00")]),
            &roles,
        );
        assert_eq!(days[0], Some(day(2023, 3, 6)));
        let days = row_days(&sheet(&[text("06/03/2023"), text("16/03/2023")]), &roles);
        assert_eq!(days[0], Some(day(2023, 3, 6)));
        // A spreadsheet date cell, and a column whose cells are mostly not dates.
        let days = row_days(
            &sheet(&[Cell::DateTime("2023-09-11T09:00:00".into())]),
            &roles,
        );
        assert_eq!(days[0], Some(day(2023, 9, 11)));
        let days = row_days(
            &sheet(&[text("soon"), text("later"), text("1/2/2023")]),
            &roles,
        );
        assert_eq!(days, vec![None, None, None]);
    }

    #[test]
    fn dates_written_as_text_are_read_day_first_unless_they_cannot_be() {
        assert_eq!(parts("06/03/2023 09:00"), Some((6, 3, 2023, false)));
        assert_eq!(parts("2023/03/06 9:00:00 AM GMT"), Some((2023, 3, 6, true)));
        assert_eq!(parts("2023-03-06T09:00:00"), Some((2023, 3, 6, true)));
        assert_eq!(parts("Yes"), None);
    }
}
