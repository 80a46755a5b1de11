//! Figures as a committee paper writes them: counts before percentages, whole percentages
//! that never round a part up to all or down to none.

pub use crate::model::{count, plural};

/// `k` of `n` as a whole percentage: `68%` (see [`crate::model::whole_percent`]).
pub fn percent(k: u64, n: u64) -> String {
    crate::model::whole_percent(k, n)
}

/// `15 of 22 (68%)`.
pub fn count_of(k: u64, n: u64) -> String {
    format!("{} of {} ({})", count(k), count(n), percent(k, n))
}

/// `k` of the `n` answers that gave a view, as the summary says it: "16 of 17 (94%)" when
/// every answer did, else "16 of the 17 who gave a view (94%)", so that its base is never
/// taken for the table's.
pub fn count_of_view(k: u64, n: u64, no_view: &[(&str, u64)]) -> String {
    if no_view.iter().all(|(_, c)| *c == 0) {
        count_of(k, n)
    } else {
        format!(
            "{} of the {} who gave a view ({})",
            count(k),
            count(n),
            percent(k, n)
        )
    }
}

/// The answers that gave no view, as a clause: "; 5 answered “Not sure”" (empty when none).
pub fn no_view_clause(no_view: &[(&str, u64)]) -> String {
    let parts: Vec<String> = no_view
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|(label, c)| format!("{} answered \u{201c}{label}\u{201d}", count(*c)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", crate::model::and_list(&parts))
    }
}

/// Labels joined as a reader says them: `"A"`, `"A" or "B"`, `"A", "B" or "C"`.
pub fn either(labels: &[&str]) -> String {
    let quoted: Vec<String> = labels
        .iter()
        .map(|l| format!("\u{201c}{l}\u{201d}"))
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Text in curly quotes, as a question is cited in a sentence (without the colon a form
/// puts after it).
pub fn quoted(text: &str) -> String {
    format!(
        "\u{201c}{}\u{201d}",
        text.trim().trim_end_matches(':').trim_end()
    )
}

use crate::model::MONTHS;

fn iso() -> &'static regex::Regex {
    static ISO: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    ISO.get_or_init(|| regex::Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid pattern"))
}

/// Year, month and day of an ISO date's captures, when they make a date.
fn ymd(c: &regex::Captures) -> Option<(u32, usize, u32)> {
    let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The one ISO date in `text` (`2016-06-24`), when it holds exactly one that is a date.
pub fn the_date_in(text: &str) -> Option<String> {
    let found: Vec<(u32, usize, u32)> = iso().captures_iter(text).filter_map(|c| ymd(&c)).collect();
    match found.as_slice() {
        [(y, m, d)] => Some(format!("{y:04}-{m:02}-{d:02}")),
        _ => None,
    }
}

/// `text` with every ISO date (`2016-06-24`) written as a UK date (`24 June 2016`).
pub fn uk_dates(text: &str) -> String {
    iso()
        .replace_all(text, |c: &regex::Captures| match ymd(c) {
            Some((y, m, d)) => format!("{d} {} {y}", MONTHS[m - 1]),
            None => c[0].to_string(),
        })
        .into_owned()
}

/// Most dates a list in a sentence or title names; more are given as a span.
pub const DATES_LISTED: usize = 4;

/// Sessions named one by one in a title block; more are counted.
pub const SESSIONS_LISTED: usize = 5;

/// The one date in each text, sorted and without repeats; `None` unless every text holds
/// exactly one.
fn dates_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Vec<(u32, usize, u32)>> {
    let mut dates = Vec::new();
    for t in texts {
        let found: Vec<(u32, usize, u32)> =
            iso().captures_iter(t).filter_map(|c| ymd(&c)).collect();
        let [one] = found.as_slice() else {
            return None;
        };
        dates.push(*one);
    }
    dates.sort();
    dates.dedup();
    Some(dates)
}

/// The first and last of the one date in each text, written the UK way; `None` unless every
/// text holds exactly one date.
pub fn date_span<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<(String, String)> {
    let dates = dates_in(texts)?;
    let uk = |(y, m, d): (u32, usize, u32)| format!("{d} {} {y}", MONTHS[m - 1]);
    Some((uk(*dates.first()?), uk(*dates.last()?)))
}

/// A title block's line for sessions: their names, or their number when there are many.
pub fn sessions_line(names: &[String]) -> String {
    if names.len() <= SESSIONS_LISTED {
        names.join("; ")
    } else {
        plural(names.len() as u64, "session", "sessions")
    }
}

/// The one date in each text, as a list a sentence can carry, in date order: `24 June and
/// 22 July 2016` (the year once when they share it), `12 November 2014 and 4 February 2015`.
/// `None` unless every text holds exactly one date, or when there are more than
/// [`DATES_LISTED`].
pub fn date_list<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let dates = dates_in(texts)?;
    if dates.len() > DATES_LISTED {
        return None;
    }
    let one_year = dates.windows(2).all(|w| w[0].0 == w[1].0);
    let written: Vec<String> = dates
        .iter()
        .enumerate()
        .map(|(i, (y, m, d))| {
            if one_year && i + 1 < dates.len() {
                format!("{d} {}", MONTHS[m - 1])
            } else {
                format!("{d} {} {y}", MONTHS[m - 1])
            }
        })
        .collect();
    match written.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [init @ .., last] => Some(format!("{} and {last}", init.join(", "))),
    }
}

/// The note under a table with suppressed cells: what `[c]` means and why.
pub fn suppression_note(threshold: u64, of: &str) -> String {
    format!(
        "[c]: not shown because the group has fewer than {threshold} {of}, so that no figure points at one person; where a total would give such a figure away, one more group is not shown either."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_whole_and_never_overstate() {
        assert_eq!(percent(15, 22), "68%");
        assert_eq!(percent(7, 22), "32%");
        assert_eq!(percent(199, 200), "99%", "99.5% is not everyone");
        assert_eq!(percent(1, 300), "1%", "0.3% is not no one");
        assert_eq!(percent(22, 22), "100%");
        assert_eq!(percent(0, 22), "0%");
        assert_eq!(count_of(53, 63), "53 of 63 (84%)");
        assert_eq!(count_of(21_000, 30_000), "21,000 of 30,000 (70%)");
        assert_eq!(
            (count(0), count(999), count(1000), count(1_234_567)),
            ("0".into(), "999".into(), "1,000".into(), "1,234,567".into())
        );
        assert_eq!(plural(1000, "session", "sessions"), "1,000 sessions");
    }

    #[test]
    fn dates_are_written_the_uk_way() {
        assert_eq!(
            uk_dates("Corporate parenting induction 2016-06-24"),
            "Corporate parenting induction 24 June 2016"
        );
        assert_eq!(uk_dates("2016-13-40 stays"), "2016-13-40 stays");
        assert_eq!(
            quoted("Please rate the session, overall: "),
            "\u{201c}Please rate the session, overall\u{201d}"
        );
    }

    #[test]
    fn session_dates_read_as_a_list() {
        assert_eq!(
            date_list(["Induction 2016-07-22", "Induction 2016-06-24"]).as_deref(),
            Some("24 June and 22 July 2016")
        );
        assert_eq!(
            date_list(["a 2014-11-12", "b 2015-02-04"]).as_deref(),
            Some("12 November 2014 and 4 February 2015")
        );
        assert_eq!(date_list(["a 2014-11-12", "no date"]), None);
        let many = [
            "2016-05-03",
            "2016-05-10",
            "2016-05-17",
            "2016-05-24",
            "2016-06-28",
        ];
        assert_eq!(date_list(many), None, "five dates are a span, not a list");
        assert_eq!(
            date_span(many),
            Some(("3 May 2016".to_string(), "28 June 2016".to_string()))
        );
    }

    #[test]
    fn options_read_as_a_list() {
        assert_eq!(either(&["Yes"]), "\u{201c}Yes\u{201d}");
        assert_eq!(
            either(&["A", "B", "C"]),
            "\u{201c}A\u{201d}, \u{201c}B\u{201d} or \u{201c}C\u{201d}"
        );
    }
}
