//! Telling identifiers from answers by what a column holds: IP addresses, times, e-mail
//! addresses, per-person tokens and people's names are metadata wherever they appear and
//! whatever their header says, so that they are never listed as a question or quoted as a
//! comment.

/// What a column's values look like when they identify a person or a moment, not an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    /// IPv4 or IPv6 addresses.
    IpAddress,
    /// Dates and times (ISO, `24/06/2016 10:30`, Google's `2016/06/24 10:30:00 am GMT+1`).
    Timestamp,
    /// A different code on (nearly) every row: respondent, collector or per-person ids.
    Token,
    /// E-mail addresses.
    Email,
    /// People's names, a different one on (nearly) every row.
    PersonName,
    /// Web addresses (a course page, a personal site): they point at a person or a course.
    Link,
    /// Row numbers (a spreadsheet tool's index column): a different number on every row.
    RowNumber,
}

impl Identifier {
    /// Words for a message (never the values themselves).
    pub fn describe(self) -> &'static str {
        match self {
            Identifier::IpAddress => "IP addresses",
            Identifier::Timestamp => "dates and times",
            Identifier::Token => "a different code on each row (an identifier)",
            Identifier::Email => "e-mail addresses",
            Identifier::PersonName => "people's names, a different one on nearly every row",
            Identifier::Link => "web addresses",
            Identifier::RowNumber => {
                "row numbers (an index column, a different number on every row)"
            }
        }
    }
}

/// Share of a column's answers that must look alike for the column to be called metadata.
pub const MIN_SHARE: f64 = 0.9;
/// Share of a column's answers that must be written as people's names (see
/// [`person_name`]) for the column to be a column of names: a few answers left blank in
/// another way ("n/a", "-") or a name written oddly do not stop it.
pub const MIN_NAME_SHARE: f64 = 0.8;

/// A web address, alone in the cell (`https://...`, `www.example.org/page`).
pub fn is_link(text: &str) -> bool {
    let t = text.trim();
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    (starts("http://") || starts("https://") || starts("www.")) && !t.contains(char::is_whitespace)
}

/// An e-mail address, alone in the cell.
pub fn is_email(text: &str) -> bool {
    let t = text.trim();
    let Some((local, domain)) = t.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !t.contains(char::is_whitespace)
        && !domain.contains('@')
}

/// A person's name as a form collects it: one to four capitalised words (`Jane Smith`,
/// `Mary-Ann O'Neill`, `Jan van der Berg`, `Dr Ruth Ellery`), or `Smith, Jane`, starting with
/// a common given name (after any title) - or, for two to four words, whatever the given
/// name. `Some(given)` when `text` is written so, `given` saying whether its forename is a
/// common given name; `None` otherwise. Asked of every distinct answer, so it
/// rejects what cannot be a name before it allocates anything.
pub fn person_name(text: &str) -> Option<bool> {
    const TITLES: &[&str] = &[
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "cllr",
        "councillor",
        "sir",
        "dame",
        "rev",
    ];
    const PARTICLES: &[&str] = &[
        "van", "von", "der", "den", "de", "da", "del", "la", "le", "bin", "al",
    ];
    let t = text.trim();
    if t.is_empty()
        || t.len() > 60
        || !t.starts_with(char::is_uppercase)
        || t.contains(|c: char| c.is_ascii_digit() || c == '@')
    {
        return None;
    }
    // `Smith, Jane`: the forename after the comma.
    let (forename_first, rest) = match t.split_once(',') {
        Some((surname, forename)) if !forename.trim().is_empty() => {
            (forename.trim(), Some(surname.trim()))
        }
        _ => (t, None),
    };
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
    };
    let words = forename_first
        .split_whitespace()
        .chain(rest.into_iter().flat_map(str::split_whitespace));
    let mut count = 0;
    let mut first: Option<&str> = None;
    for w in words {
        let title = first.is_none()
            && TITLES
                .iter()
                .any(|x| w.trim_end_matches('.').eq_ignore_ascii_case(x));
        if title && count == 0 {
            continue;
        }
        if !(capitalised(w) || count > 0 && PARTICLES.contains(&w)) {
            return None;
        }
        first.get_or_insert(w);
        count += 1;
        if count > 4 {
            return None;
        }
    }
    let first = first?;
    let given = crate::model::names::is_given_name(first.trim_end_matches('.'));
    (given || count >= 2).then_some(given)
}

/// An IPv4 (`81.2.69.160`) or IPv6 (`2001:db8::1`) address.
pub fn is_ip(text: &str) -> bool {
    let t = text.trim();
    let v4 = t.split('.').collect::<Vec<_>>();
    if v4.len() == 4
        && v4
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return v4.iter().all(|p| p.parse::<u16>().is_ok_and(|n| n <= 255));
    }
    let groups = t.split(':').count();
    (3..=8).contains(&groups)
        && t.len() >= 6
        && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
        && t.bytes().any(|b| b.is_ascii_digit())
}

/// A date or a date and time as exports write them.
pub fn is_timestamp(text: &str) -> bool {
    let t = text.trim();
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    // 2016-06-24, 2016/06/24, 2016-06-24T10:30:00, 2016-06-24 10:30
    if b.len() >= 10
        && digits(0..4)
        && matches!(b[4], b'-' | b'/')
        && digits(5..7)
        && b[7] == b[4]
        && digits(8..10)
    {
        return b.len() == 10 || matches!(b[10], b'T' | b' ');
    }
    // 24/06/2016, 6/24/16 10:30:00 PM, 24-06-2016 10:30
    let date = t.split([' ', 'T']).next().unwrap_or("");
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let is_date = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
        && parts[0].len() <= 2
        && parts[1].len() <= 2
        && matches!(parts[2].len(), 2 | 4);
    let rest = t[date.len()..].trim();
    is_date && (rest.is_empty() || rest.contains(':'))
}

/// A token or id: one word of letters and digits (and `-`, `_`), with at least one digit and
/// at least five characters when it is all digits; no spaces.
pub fn is_token(text: &str) -> bool {
    let t = text.trim();
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    (4..=64).contains(&t.len())
        && digits > 0
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && (digits < t.len() || t.len() >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_times_and_tokens_are_told_from_answers() {
        for ip in [
            "81.2.69.160",
            "124.157.87.99",
            "2001:db8::ff00:42:8329",
            "fe80::1",
        ] {
            assert!(is_ip(ip), "{ip}");
        }
        for not in ["1.2.3", "999.1.1.1", "Agree", "10:30", "5"] {
            assert!(!is_ip(not), "{not}");
        }
        for ts in [
            "2016-06-24",
            "2016-06-24T10:30:00",
            "2016/06/24 10:30:00 am GMT+1",
            "9/8/18 15:29",
            "24/06/2016",
            "1/31/2025 4:16:29 PM",
        ] {
            assert!(is_timestamp(ts), "{ts}");
        }
        for not in ["2016", "1-5", "Yes", "6 & 7 September", "3/4 of it"] {
            assert!(!is_timestamp(not), "{not}");
        }
        for token in [
            "2joche",
            "R_3kNwTdKpQe1",
            "10045001533",
            "c877a862-e031-11ef",
        ] {
            assert!(is_token(token), "{token}");
        }
        for not in ["5", "2016", "Agree", "Very useful", "1234"] {
            assert!(!is_token(not), "{not}");
        }
    }

    #[test]
    fn emails_and_names_are_told_from_answers() {
        assert!(is_email("r.ellery@example.ac.uk") && is_email(" a@b.org "));
        assert!(!is_email("Ask me @ the break") && !is_email("a@b"));
        for name in [
            "Ruth Ellery",
            "Mary-Ann O'Neill",
            "Jan van der Berg",
            "Smith, Jane",
            "Dr Ruth Ellery",
            "Fiona",
            "Adebayo Okonkwo",
        ] {
            assert!(person_name(name).is_some(), "{name}");
        }
        for not in [
            "Strongly agree",
            "Very useful",
            "Agree",
            "Yes",
            "2016",
            "Data science",
            "I liked it",
        ] {
            assert!(person_name(not).is_none(), "{not}");
        }
    }
}
