//! The `[text]` table of `evalboard.toml`: how free-text answers are themed, quoted and
//! redacted. Every key is optional.

use serde::Deserialize;

/// Free-text settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextDef {
    /// Replace e-mail addresses, UK phone numbers, postcodes and the listed names (and the
    /// members on the attendance roster) by a marker before any free text is reported.
    /// Default: true.
    #[serde(default = "yes")]
    pub redact: bool,
    /// Names to redact besides the roster's, as written ("Jane Smith"). Default: none.
    #[serde(default)]
    pub names: Vec<String>,
    /// Also redact likely names on no list: a capitalised common given name (1990 US Census
    /// lists and common British names, without those that are ordinary words), with the
    /// capitalised word after it. Default: true.
    #[serde(default = "yes")]
    pub guess_names: bool,
    /// Quotes shown per theme and question. Default: 3.
    #[serde(default = "three")]
    pub quotes: usize,
    /// Use the built-in codebook for training feedback; themes below add to it, or replace a
    /// built-in theme of the same name. Default: true.
    #[serde(default = "yes")]
    pub default_themes: bool,
    /// Codebook themes.
    #[serde(default, rename = "theme")]
    pub themes: Vec<ThemeDef>,
}

/// One theme of the codebook.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeDef {
    pub name: String,
    /// Words and phrases that mark a comment as about the theme, matched on stemmed words
    /// ("resources" also finds "resource"; "looked after children" as a phrase).
    pub words: Vec<String>,
    /// Words and phrases that stop a comment counting for the theme. Default: none.
    #[serde(default)]
    pub exclude: Vec<String>,
}

fn yes() -> bool {
    true
}

fn three() -> usize {
    3
}

impl Default for TextDef {
    fn default() -> Self {
        TextDef {
            redact: true,
            names: Vec::new(),
            guess_names: true,
            quotes: three(),
            default_themes: true,
            themes: Vec::new(),
        }
    }
}

impl TextDef {
    /// A problem with the values: the message and fix.
    pub fn problem(&self) -> Option<String> {
        let mut seen: Vec<String> = Vec::new();
        for t in &self.themes {
            let key = t.name.trim().to_lowercase();
            if key.is_empty() {
                return Some("a [[text.theme]] has an empty name; give it one".into());
            }
            if seen.contains(&key) {
                return Some(format!(
                    "theme '{}' is defined twice; merge its words into one [[text.theme]]",
                    t.name
                ));
            }
            if t.words.iter().all(|w| w.trim().is_empty()) {
                return Some(format!(
                    "theme '{}' lists no words; add the words and phrases that mark it",
                    t.name
                ));
            }
            seen.push(key);
        }
        None
    }
}
