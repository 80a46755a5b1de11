//! Redaction: e-mail addresses, UK phone numbers in their usual written forms, postcodes, IP
//! addresses, listed names and likely names on no list (a capitalised common given name,
//! with the capitalised word after it) are replaced by a marker before any free text leaves
//! the pipeline.

use regex::{Regex, RegexBuilder};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

pub const EMAIL: &str = "[email]";
pub const PHONE: &str = "[phone]";
pub const POSTCODE: &str = "[postcode]";
pub const NAME: &str = "[name]";
pub const IP: &str = "[ip address]";

/// IPv4 addresses (`81.2.69.160`) and IPv6 addresses written in full or shortened.
fn ip() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\b|\b(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:[0-9a-f]{0,4}:?){0,5}",
        )
        .expect("valid pattern")
    })
}

/// Capitalised words, each perhaps followed by a second (`Jane`, `Jane Smith`, `Mary-Ann`).
fn capitalised() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(\p{Lu}\p{Ll}+(?:[-'\u{2019}]\p{Lu}?\p{Ll}+)?)(?:\s+\p{Lu}\p{L}*\p{Ll}(?:[-'\u{2019}]\p{Lu}?\p{L}+)?)?\b")
            .expect("valid pattern")
    })
}

fn given_names() -> &'static HashSet<&'static str> {
    crate::model::names::given_names()
}

fn email() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
            .expect("valid pattern")
    })
}

/// A UK number: `+44`, `0044` or a trunk `0` (perhaps in brackets, `(01709)`), then the 9 or
/// 10 digits that follow it, each perhaps followed by a space, hyphen or closing bracket.
fn phone() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:\+44[ \-]?(?:\(0\)[ \-]?)?|\b0044[ \-]?|\(0|\b0)(?:[0-9][ \-)]{0,2}){8,9}[0-9]\b",
        )
        .expect("valid pattern")
    })
}

/// UK postcodes: `S60 2TH`, `SW1A 1AA`, `m1 1ae`.
fn postcode() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b[a-z]{1,2}[0-9][a-z0-9]?\s*[0-9][abd-hjlnp-uw-z]{2}\b")
            .expect("valid pattern")
    })
}

/// Replaces contact details and names in free text.
pub struct Redactor {
    names: Option<Regex>,
    /// Also redact likely names on no list.
    guess: bool,
}

impl Redactor {
    /// A redactor for `names` (as written, e.g. "Jane Smith" or "Smith, Jane"): each is found
    /// as "Forename Surname", "Surname, Forename" and, after a title, "Cllr Surname". With
    /// `guess`, a capitalised common given name on no list is redacted too, with the
    /// capitalised word after it (a surname).
    pub fn new(names: &[String], guess: bool) -> Redactor {
        let mut forms: Vec<String> = Vec::new();
        for name in names {
            let (first, last) = match name.split_once(',') {
                Some((surname, forename)) => (forename.trim(), surname.trim()),
                None => match name.trim().rsplit_once(' ') {
                    Some((forename, surname)) => (forename.trim(), surname.trim()),
                    None => continue,
                },
            };
            let first = strip_title(first);
            if first.is_empty() || last.is_empty() {
                continue;
            }
            let (f, l) = (flexible(first), flexible(last));
            forms.push(format!(r"{f}\s+{l}"));
            forms.push(format!(r"{l},\s*{f}"));
            forms.push(format!(r"(?:cllr\.?|councillor|mr|mrs|ms|miss|dr)\s+{l}"));
        }
        forms.sort();
        forms.dedup();
        // Longest first, so that "Jane Smith" wins over a shorter form.
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let names = (!forms.is_empty()).then(|| {
            RegexBuilder::new(&format!(r"\b(?:{})\b", forms.join("|")))
                .case_insensitive(true)
                .size_limit(64 << 20)
                .build()
                .expect("escaped names form a valid pattern")
        });
        Redactor { names, guess }
    }

    /// The option of a choice question: the form's own words, so a town or a trainer offered
    /// as an option keeps its name (redacting it would rename the option) and only contact
    /// details go. An option of four words or more reads as a typed sentence as much as a
    /// label ("Nothing, Jane Smith ran it well", repeated by several respondents): its names
    /// go too, as a comment's would.
    pub fn redact_option<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if text.split_whitespace().count() >= 4 {
            self.redact_label(text)
        } else {
            self.redact_contacts(text)
        }
    }

    /// A name the export gives something (a file, a session, a question, a grid): contact
    /// details, listed names, and people's names written in full (a common given name and a
    /// surname, or a title and a surname). A given name alone stays: in the form's words it is
    /// far more often a tool or a place ("Travis CI") than a person.
    pub fn redact_label<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = self.redact_contacts(text);
        if let Some(re) = &self.names {
            out = replace(out, re, NAME);
        }
        if self.guess {
            out = guess_names(out, true);
        }
        out
    }

    /// Contact details only (e-mail addresses, phone numbers, IP addresses).
    pub fn redact_contacts<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out: Cow<str> = Cow::Borrowed(text);
        if out.contains('@') {
            out = replace(out, email(), EMAIL);
        }
        if out.bytes().any(|b| b.is_ascii_digit()) {
            out = replace(out, ip(), IP);
            out = replace(out, phone(), PHONE);
        } else if out.contains("::") {
            out = replace(out, ip(), IP);
        }
        out
    }

    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out: Cow<str> = Cow::Borrowed(text);
        // Each pattern needs a character most comments lack: skip it when that is missing.
        if out.contains('@') {
            out = replace(out, email(), EMAIL);
        }
        if out.bytes().any(|b| b.is_ascii_digit()) {
            out = replace(out, ip(), IP);
            out = replace(out, phone(), PHONE);
            out = replace(out, postcode(), POSTCODE);
        } else if out.contains("::") {
            out = replace(out, ip(), IP);
        }
        if let Some(re) = &self.names {
            out = replace(out, re, NAME);
        }
        if self.guess {
            out = guess_names(out, false);
        }
        out
    }
}

/// `text` with every capitalised common given name (and the capitalised word after it)
/// replaced by the name marker.
/// A title and the capitalised name after it (`Professor Ormsby`, `Dr. Smith`, `Cllr Khan`).
fn titled() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:Prof(?:essor)?|Dr|Mr|Mrs|Ms|Miss|Mx|Cllr|Councillor|Sir|Dame|Rev(?:erend)?)\.?\s+\p{Lu}[\p{L}'\u{2019}-]*\p{Ll}(?:\s+\p{Lu}[\p{L}'\u{2019}-]*\p{Ll})?\b")
            .expect("valid pattern")
    })
}

/// Likely names on no list: a title and a surname, and a capitalised common given name, with
/// the capitalised word after it (a surname); `full` keeps a given name written alone.
fn guess_names(text: Cow<'_, str>, full: bool) -> Cow<'_, str> {
    let text = replace(text, titled(), NAME);
    let names = given_names();
    let re = capitalised();
    let is_name = |m: &regex::Captures| {
        m.get(1)
            .is_some_and(|first| names.contains(first.as_str().to_lowercase().as_str()))
            && (!full || m[0].contains(char::is_whitespace))
    };
    if !re.captures_iter(&text).any(|c| is_name(&c)) {
        return text;
    }
    let changed = re
        .replace_all(&text, |c: &regex::Captures| {
            if is_name(c) {
                NAME.to_string()
            } else {
                c[0].to_string()
            }
        })
        .into_owned();
    Cow::Owned(changed)
}

/// `text` with every match of `re` replaced, copied only when something matched.
fn replace<'a>(text: Cow<'a, str>, re: &Regex, marker: &str) -> Cow<'a, str> {
    match re.replace_all(&text, marker) {
        Cow::Borrowed(_) => text,
        Cow::Owned(changed) => Cow::Owned(changed),
    }
}

fn strip_title(name: &str) -> &str {
    let lower = name.to_lowercase();
    for t in ["cllr ", "councillor ", "mr ", "mrs ", "ms ", "miss ", "dr "] {
        if lower.starts_with(t) {
            return name[t.len()..].trim();
        }
    }
    name
}

/// A name part as a pattern: escaped, any run of spaces or hyphens matching any other, an
/// apostrophe optional.
fn flexible(part: &str) -> String {
    part.split_whitespace()
        .map(|w| {
            regex::escape(w)
                .replace('\'', "['\u{2019}]?")
                .replace("\\-", r"[\s-]")
        })
        .collect::<Vec<_>>()
        .join(r"[\s-]+")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The contact lines printed in the seed papers (004 lines 21 and 194, 001 lines 79-80).
    #[test]
    fn seed_contact_lines_are_redacted() {
        let r = Redactor::new(&[], false);
        assert_eq!(
            r.redact("(01709) 822765 caroline.webb@rotherham.gov.uk"),
            "[phone] [email]"
        );
        assert_eq!(
            r.redact("01709 822765 *caroline.webb@rotherham.gov.uk.*"),
            "[phone] *[email].*"
        );
        assert_eq!(
            r.redact("Tel: 0151 934 2008 / david.mccullough@sefton.gov.uk"),
            "Tel: [phone] / [email]"
        );
    }

    #[test]
    fn common_uk_phone_forms_are_redacted() {
        let r = Redactor::new(&[], false);
        for phone in [
            "07700 900123",
            "07700900123",
            "+44 7700 900123",
            "+44 (0)1709 822765",
            "0044 1709 822765",
            "020 7946 0958",
            "0114-273-4567",
            "(0114) 273 4567",
            "0800 123 4567",
        ] {
            assert_eq!(
                r.redact(&format!("call {phone} today")),
                "call [phone] today",
                "{phone}"
            );
        }
        // Dates, years and counts are not phone numbers.
        for text in [
            "on 24/06/2016",
            "in 2016 and 2017",
            "53 out of 63",
            "ref 01709",
            "id 012345678901234",
        ] {
            assert_eq!(r.redact(text), text, "{text}");
        }
    }

    #[test]
    fn two_numbers_in_a_row_are_both_redacted() {
        let r = Redactor::new(&[], false);
        assert_eq!(r.redact("01709 822765 07700 900123"), "[phone] [phone]");
    }

    #[test]
    fn postcodes_and_names_are_redacted() {
        let r = Redactor::new(
            &["Smith, Jane".to_string(), "Cllr Ahmed Khan".to_string()],
            false,
        );
        assert_eq!(
            r.redact("Riverside House, S60 2TH"),
            "Riverside House, [postcode]"
        );
        assert_eq!(r.redact("write to sw1a 1aa"), "write to [postcode]");
        assert_eq!(
            r.redact("Jane Smith and Cllr Khan explained; thanks to SMITH, Jane"),
            "[name] and [name] explained; thanks to [name]"
        );
        assert_eq!(r.redact("Ahmed  Khan was there"), "[name] was there");
        // A surname alone, without a title, is a common word: kept.
        assert_eq!(r.redact("Smith Street"), "Smith Street");
        let plain = "Nothing personal here";
        assert!(matches!(r.redact(plain), Cow::Borrowed(_)));
    }

    #[test]
    fn ip_addresses_are_redacted() {
        let r = Redactor::new(&[], false);
        assert_eq!(
            r.redact("from 81.2.69.160 today"),
            "from [ip address] today"
        );
        assert_eq!(r.redact("host 2001:db8::ff00:42:8329"), "host [ip address]");
        assert_eq!(
            r.redact("version 1.2.3 and 10:30"),
            "version 1.2.3 and 10:30"
        );
    }

    /// Staff first names in comments are on no list; a common given name, capitalised, is
    /// taken as a name, with the surname after it.
    #[test]
    fn likely_names_on_no_list_are_redacted() {
        let r = Redactor::new(&[], true);
        assert_eq!(
            r.redact("Sharon was brilliant, thanks to David Jones and Fiona MacLeod too"),
            "[name] was brilliant, thanks to [name] and [name] too"
        );
        // Ordinary words that are also names, lower-case names and acronyms stay.
        for plain in [
            "Will this help? May be useful",
            "Grace and hope",
            "the sharon fruit",
            "DAVID in capitals is kept",
            "Looked After Children",
        ] {
            assert_eq!(r.redact(plain), plain, "{plain}");
        }
        assert_eq!(
            Redactor::new(&[], false).redact("Sharon was brilliant"),
            "Sharon was brilliant"
        );
    }

    /// Trainers' names written in comments survived when the given name was on no list.
    #[test]
    fn regression_a_title_and_a_surname_are_redacted() {
        let r = Redactor::new(&[], true);
        assert_eq!(
            r.redact("Professor Ormsby explained it well; Dr. Nakamura Okonkwo too"),
            "[name] explained it well; [name] too"
        );
        assert_eq!(r.redact("Ask Mrs Khan"), "Ask [name]");
        assert_eq!(r.redact("Dr Who fans"), "[name] fans");
        assert_eq!(r.redact("the dr said"), "the dr said");
    }

    #[test]
    fn options_lose_contact_details_and_sentences_names() {
        let r = Redactor::new(&["Reading Smith".to_string()], true);
        assert_eq!(r.redact_option("Reading"), "Reading");
        assert_eq!(r.redact_option("Milton Keynes"), "Milton Keynes");
        assert_eq!(r.redact_option("Sharon Jones"), "Sharon Jones");
        assert_eq!(r.redact_option("call 07700 900456"), "call [phone]");
        assert_eq!(
            r.redact_option("Nothing, David Whitaker ran it well"),
            "Nothing, [name] ran it well"
        );
    }
}
