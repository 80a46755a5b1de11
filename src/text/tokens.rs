//! Words of a comment: lower-cased, apostrophes dropped ("don't" -> "dont"), split at anything
//! that is not a letter or digit, each with its Snowball (Porter 2) English stem, so that
//! "resources", "resource" and "resourcing" compare equal.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// One word of a comment, shared with every other use of the same word on the thread: a
/// large batch has hundreds of thousands of comments but a vocabulary of thousands, and a
/// string per word of every comment was most of the free text's memory (one pointer a word
/// now; two strings a word before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token(Arc<Word>);

/// What a [`Token`] holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Word {
    /// The word in lower case, as written.
    pub word: Box<str>,
    pub stem: Box<str>,
    /// A word that carries no theme ([`is_stop`]).
    pub stop: bool,
}

impl std::ops::Deref for Token {
    type Target = Word;

    fn deref(&self) -> &Word {
        &self.0
    }
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

thread_local! {
    /// Words already met on this thread, as their token: comments repeat their words, and
    /// stemming is the costly part of splitting a comment.
    static WORDS: RefCell<HashMap<String, Token>> = RefCell::new(HashMap::default());
}

fn token(word: &str) -> Token {
    WORDS.with(|cache| {
        if let Some(t) = cache.borrow().get(word) {
            return t.clone();
        }
        let t = Token(Arc::new(Word {
            word: word.into(),
            stem: stemmer().stem(word).as_ref().into(),
            stop: is_stop(word),
        }));
        cache.borrow_mut().insert(word.to_string(), t.clone());
        t
    })
}

pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut push = |word: &mut String| {
        if !word.is_empty() {
            out.push(token(word));
            word.clear();
        }
    };
    for c in text.chars() {
        // Most text is ASCII, whose letters lower-case without Unicode's tables.
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '\u{2019}') {
            push(&mut word);
        }
    }
    push(&mut word);
    out
}

/// English function words and words every training comment uses, left out of keywords
/// (phrases in the codebook may still contain them).
const STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing",
    "dont", "down", "during", "each", "etc", "few", "for", "from", "further", "get", "got", "had",
    "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "re", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
    "with", "would", "you", "your", "yes", "n", "a", "na", "none", "nothing", "session", "today",
    "think", "feel", "really", "much", "well", "good", "need", "able", "still", "better", "lot",
    "make", "made", "way", "thing", "things", "use", "used", "know", "want", "re",
];

/// Whether a word carries no theme: a stop word, a number or a single letter.
pub fn is_stop(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    word.chars().count() < 2
        || word.chars().all(|c| c.is_ascii_digit())
        || SET
            .get_or_init(|| STOP.iter().copied().collect())
            .contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .map(|t| t.stem.to_string())
            .collect()
    }

    #[test]
    fn words_are_lower_cased_split_and_stemmed() {
        let t = tokens("Resources: DON'T forget the looked-after children!");
        let words: Vec<&str> = t.iter().map(|t| &*t.word).collect();
        assert_eq!(
            words,
            [
                "resources",
                "dont",
                "forget",
                "the",
                "looked",
                "after",
                "children"
            ]
        );
        assert_eq!(stems("resources"), stems("resource"));
        assert_eq!(stems("statistics"), stems("statistic"));
        assert_eq!(stems("discussions"), stems("discussion"));
        assert!(is_stop("the") && is_stop("2016") && !is_stop("fostering"));
        let words: Vec<String> = tokens("ÉCOLE Straße naïve’s ΣΊΣΥΦΟΣ 2nd")
            .iter()
            .map(|t| t.word.to_string())
            .collect();
        assert_eq!(words, ["école", "straße", "naïves", "σίσυφοσ", "2nd"]);
    }
}
