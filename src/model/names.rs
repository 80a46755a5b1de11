//! Common given names, for telling a person's name from other capitalised words: a column of
//! names is an identifier, and a name on no list is redacted from comments.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Common given names, lower case (1990 US Census lists and common British names, without
/// the names that are ordinary words): see `notebooks/make_given_names.py`.
pub fn given_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("given_names.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Whether `word` (any case) is a common given name.
pub fn is_given_name(word: &str) -> bool {
    given_names().contains(word.to_lowercase().as_str())
}
