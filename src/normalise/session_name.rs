//! The name of a session read from its file's name, for a file without a session column: as a
//! person would write it, not as a survey tool or a download saved it.

/// Words survey tools and analysts add to an export's file name that say nothing of the
/// session: left out of the session's name (unless nothing else is left).
const EXPORT_WORDS: &[&str] = &[
    "export",
    "exported",
    "responses",
    "response",
    "raw",
    "clean",
    "cleaned",
    "final",
    "copy",
    "form",
    "download",
    "csv",
    "xlsx",
];

/// Session name for rows without a session column, from the file's name as a reader would
/// write it:
/// - a name written without spaces has its `_` and `-` read as spaces (`kiruna-nov`,
///   `carpentries_instructor_training_post`), an ISO date in it kept whole; a name with
///   spaces keeps its hyphens (`Follow-up session`);
/// - a date written `20160624` as `2016-06-24` (the documents write dates in words);
/// - the tools' own words left out: `(Responses)`, `export`, `clean`, Google Drive's `Copy
///   of`, the sheet number ending `Form Responses 1`, a copy number `(1)`, Microsoft Forms'
///   row range `(1-22)`;
/// - the first letter a capital.
pub fn session_from_file(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file);
    // Microsoft Forms names its download "Title(1-22)", the rows it holds; a browser adds "(1)".
    let stem = match stem.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        Some((before, inside))
            if !before.trim().is_empty()
                && !inside.is_empty()
                && inside.bytes().all(|b| b.is_ascii_digit() || b == b'-') =>
        {
            before
        }
        _ => stem,
    };
    let joined = !stem.contains(' ');
    let mut words: Vec<String> = stem
        .replace('_', " ")
        .split_whitespace()
        .flat_map(|w| {
            if joined {
                split_hyphens(w)
            } else {
                vec![w.to_string()]
            }
        })
        .collect();
    // Google Drive's "Copy of ...": both words go, not only the first.
    if words.len() > 2
        && words[0].eq_ignore_ascii_case("copy")
        && words[1].eq_ignore_ascii_case("of")
    {
        words.drain(..2);
    }
    let mut kept: Vec<String> = words
        .iter()
        .filter(|w| !is_export_word(w))
        .map(|w| compact_date(w).unwrap_or_else(|| w.clone()))
        .collect();
    // "Form Responses 1": the number of the tool's sheet, ending the name after its words.
    let numbered_sheet = words.len() >= 2
        && is_sheet_number(&words[words.len() - 1])
        && is_export_word(&words[words.len() - 2]);
    if numbered_sheet {
        kept.pop();
    }
    while kept.last().is_some_and(|w| w == "-") {
        kept.pop();
    }
    let name = if kept.is_empty() {
        words.join(" ")
    } else {
        kept.join(" ")
    };
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => name,
    }
}

/// A word of a tool, or a bracketed copy number (`(2)`), or punctuation alone.
fn is_export_word(w: &str) -> bool {
    let bare = w.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '-' | ','));
    bare.is_empty()
        || (w.starts_with('(') && is_sheet_number(bare))
        || EXPORT_WORDS.contains(&bare.to_lowercase().as_str())
}

fn is_sheet_number(w: &str) -> bool {
    (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

/// `kiruna-nov` as `kiruna`, `nov`; `2021-07-14-1534-cest` as `2021-07-14`, `1534`, `cest`.
fn split_hyphens(word: &str) -> Vec<String> {
    let iso = |w: &str| {
        w.len() >= 10
            && w.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    let mut out = Vec::new();
    let mut rest = word;
    while !rest.is_empty() {
        if iso(rest) {
            out.push(rest[..10].to_string());
            rest = rest[10..].trim_start_matches('-');
            continue;
        }
        let (part, after) = rest.split_once('-').unwrap_or((rest, ""));
        if !part.is_empty() {
            out.push(part.to_string());
        }
        rest = after;
    }
    out
}

/// `20160624` as `2016-06-24`, when it is a date of this century or the last.
fn compact_date(word: &str) -> Option<String> {
    if word.len() != 8 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (&word[..4], &word[4..6], &word[6..]);
    let ok = matches!(&y[..2], "19" | "20")
        && (1..=12).contains(&m.parse::<u32>().ok()?)
        && (1..=31).contains(&d.parse::<u32>().ok()?);
    ok.then(|| format!("{y}-{m}-{d}"))
}

#[cfg(test)]
mod tests {
    use super::session_from_file;

    #[test]
    fn a_session_is_named_from_its_file_as_a_reader_would_write_it() {
        let cases = [
            (
                "input/Corporate parenting induction 2016-06-24.xlsx",
                "Corporate parenting induction 2016-06-24",
            ),
            (
                "carpentries_instructor_training_post.csv",
                "Carpentries instructor training post",
            ),
            ("20180908_post_clean.csv", "2018-09-08 post"),
            (
                "Member training (Responses) - Form Responses 1.csv",
                "Member training",
            ),
            (
                "Scrutiny induction evaluation(1).xlsx",
                "Scrutiny induction evaluation",
            ),
            (
                "Member training evaluation(1-22).xlsx",
                "Member training evaluation",
            ),
            ("Scrutiny induction export (2).xlsx", "Scrutiny induction"),
            ("responses.csv", "Responses"),
            (
                "Copy of Member training (Responses).xlsx",
                "Member training",
            ),
            ("Member training - Copy.xlsx", "Member training"),
            ("12345678.csv", "12345678"),
            // File names of the conformance corpus (real exports).
            (
                "The use of software in research (Responses) 24 Oct 14 - Form Responses 1.csv",
                "The use of software in research 24 Oct 14",
            ),
            ("kiruna-nov.csv", "Kiruna nov"),
            (
                "spack-user-survey-2020-responses.csv",
                "Spack user survey 2020",
            ),
            ("raw-responses.csv", "Raw responses"),
            (
                "event_194_survey_48_2021-07-14-1534-cest.csv",
                "Event 194 survey 48 2021-07-14 1534 cest",
            ),
            (
                "Follow-up session 2016-06-24.csv",
                "Follow-up session 2016-06-24",
            ),
        ];
        for (file, name) in cases {
            assert_eq!(session_from_file(file), name, "{file}");
        }
    }
}
