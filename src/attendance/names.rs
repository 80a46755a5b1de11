//! Matching the people in attendance records to the roster. Names are compared after
//! normalisation (case, titles such as "Cllr", "Surname, Forename" order, punctuation,
//! accents, party labels in brackets); an id, where both sides have one, wins; as a last
//! resort an initial and surname that fit exactly one member match loosely, and say so.

use std::collections::HashMap;

/// Words dropped wherever they stand: titles and honours.
const TITLES: &[&str] = &[
    "cllr",
    "councillor",
    "cllor",
    "clr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "prof",
    "mbe",
    "obe",
    "cbe",
    "jp",
];

/// Comparable form of a person's name: `Cllr Smith, Jane (Lab)` -> `jane smith`.
pub fn key(name: &str) -> String {
    let mut text = String::with_capacity(name.len());
    let mut depth = 0usize;
    for ch in name.chars() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => text.push(ch),
            _ => {}
        }
    }
    let text = forename_first(&text);
    let mut folded = String::with_capacity(text.len());
    for ch in text.chars().flat_map(char::to_lowercase) {
        match ch {
            '\'' | '\u{2019}' | '\u{2018}' | '`' | '.' => {}
            c if c.is_alphanumeric() => folded.push(fold(c)),
            _ => folded.push(' '),
        }
    }
    folded
        .split_whitespace()
        .filter(|w| !TITLES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Smith, Jane` -> `Jane Smith`; a name without one comma as written.
pub fn forename_first(name: &str) -> String {
    match name.split_once(',') {
        Some((surname, forename)) if !forename.contains(',') && !forename.trim().is_empty() => {
            format!("{} {}", forename.trim(), surname.trim())
        }
        _ => name.to_string(),
    }
}

/// Latin letters with accents as their base letter, so `Zoë` and `Zoe` are one name.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        c => c,
    }
}

/// `jane smith` -> `j smith`: first initial and last word.
fn initial_key(key: &str) -> Option<String> {
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    let initial = words[0].chars().next()?;
    Some(format!("{initial} {}", words[words.len() - 1]))
}

/// How an attendee was found on the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// By id, or by the whole normalised name.
    Exact(usize),
    /// Only by initial and surname, which fit this one member.
    Loose(usize),
    NotOnRoster,
}

/// The roster, indexed for matching.
pub struct Directory {
    names: HashMap<String, usize>,
    ids: HashMap<String, usize>,
    /// Initial + surname -> members; matched only when exactly one.
    initials: HashMap<String, Vec<usize>>,
}

impl Directory {
    /// Indexes members given as (name key, id). Keys must be unique (the roster reader
    /// rejects a second member with the same name or id).
    pub fn new<'a>(members: impl Iterator<Item = (String, Option<&'a str>)>) -> Directory {
        let mut d = Directory {
            names: HashMap::new(),
            ids: HashMap::new(),
            initials: HashMap::new(),
        };
        for (i, (name, id)) in members.enumerate() {
            if let Some(k) = initial_key(&name) {
                d.initials.entry(k).or_default().push(i);
            }
            d.names.insert(name, i);
            if let Some(id) = id {
                d.ids.insert(id_key(id), i);
            }
        }
        d
    }

    pub fn find(&self, name: Option<&str>, id: Option<&str>) -> Found {
        if let Some(&i) = id.and_then(|id| self.ids.get(&id_key(id))) {
            return Found::Exact(i);
        }
        let Some(name) = name else {
            return Found::NotOnRoster;
        };
        let k = key(name);
        if let Some(&i) = self.names.get(&k) {
            return Found::Exact(i);
        }
        match initial_key(&k).and_then(|ik| self.initials.get(&ik)) {
            Some(v) if v.len() == 1 => Found::Loose(v[0]),
            _ => Found::NotOnRoster,
        }
    }
}

/// Ids compare ignoring case and spaces; ids made only of digits also ignore leading zeros,
/// which spreadsheets drop (`007` = `7`).
pub fn id_key(id: &str) -> String {
    let compact: String = id
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = compact.trim_start_matches('0');
        return if trimmed.is_empty() {
            "0".into()
        } else {
            trimmed.into()
        };
    }
    compact
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_after_normalisation() {
        assert_eq!(key("Cllr Smith, Jane (Lab)"), "jane smith");
        assert_eq!(key("  COUNCILLOR   Jane   SMITH "), "jane smith");
        assert_eq!(key("Dr. Zoë O\u{2019}Neill-Brown"), "zoe oneill brown");
        assert_eq!(key("Zoe O'Neill Brown"), "zoe oneill brown");
        assert_eq!(key("Mr A. B. Jones MBE"), "a b jones");
    }

    #[test]
    fn ids_win_then_names_then_a_unique_initial_and_surname() {
        let roster = [
            (key("Jane Smith"), Some("0042")),
            (key("John Smith"), None),
            (key("Alan Brown"), None),
        ];
        let d = Directory::new(roster.iter().map(|(n, i)| (n.clone(), *i)));
        assert_eq!(d.find(Some("Someone Else"), Some("42")), Found::Exact(0));
        assert_eq!(d.find(Some("Smith, John"), None), Found::Exact(1));
        assert_eq!(d.find(Some("Cllr A Brown"), None), Found::Loose(2));
        // "J Smith" fits two members: not matched rather than guessed.
        assert_eq!(d.find(Some("J Smith"), None), Found::NotOnRoster);
        assert_eq!(d.find(Some("Mary Green"), None), Found::NotOnRoster);
        assert_eq!(d.find(None, None), Found::NotOnRoster);
    }
}
