//! Codebook themes: each theme is a list of words and phrases, matched word by word (a phrase
//! as a run of consecutive words), with optional exclusions. A word matches its own
//! inflections ("resource", "resources"; "discuss", "discussed", "discussing"), never another
//! word of its family: "informative" is not "information", "councillors" alone is not
//! relevance to role. A comment may carry several themes; a comment that carries none is kept
//! as uncoded, so the analyst can grow the codebook.

use super::tokens::{tokens, Token};
use crate::config::{TextDef, ThemeDef};
use rustc_hash::FxHashMap as HashMap;

/// The built-in codebook for training feedback. Edit it through `[[text.theme]]` in
/// evalboard.toml (a theme of the same name replaces the built-in one).
pub fn builtin() -> Vec<ThemeDef> {
    let theme = |name: &str, words: &[&str]| ThemeDef {
        name: name.to_string(),
        words: words.iter().map(|w| w.to_string()).collect(),
        exclude: Vec::new(),
    };
    vec![
        theme(
            "Further information and resources",
            &[
                "information",
                "resource",
                "resource pack",
                "further reading",
                "reading list",
                "reading material",
                "document",
                "website",
                "online",
                "link",
                "briefing",
                "guide",
                "more detail",
                "signpost",
            ],
        ),
        theme(
            "Practical guidance",
            &[
                "practical",
                "example",
                "how to",
                "tips",
                "case study",
                "scenario",
                "questions to ask",
                "what to look for",
                "steps",
                "methods",
                "toolkit",
                "checklist",
                "implementation",
                "lines of enquiry",
                "exercise",
                "hands-on",
                "practise",
                "real life",
                "demonstration",
            ],
        ),
        theme(
            "Data and statistics",
            &[
                "data",
                "statistics",
                "figures",
                "numbers",
                "costs",
                "performance",
                "trends",
                "outcomes",
                "dashboard",
                "scale",
            ],
        )
        .except_for(&["figure out", "figure it out", "figure things out"]),
        theme(
            "Presenter and delivery",
            &[
                "presenter",
                "speaker",
                "facilitator",
                "trainer",
                "delivery",
                "delivered",
                "presentation",
                "presented",
                "explained",
                "explanation",
                "lecture",
                "instructor",
                "knowledgeable",
                "engaging",
            ],
        ),
        theme(
            "Discussion and interaction",
            &[
                "discussion",
                "discuss",
                "interactive",
                "interaction",
                "group work",
                "debate",
                "sharing",
                "conversation",
                "networking",
                "hear from",
                "questions and answers",
                "breakout",
                "group exercise",
                "in groups",
                "small groups",
                "in pairs",
                "teamwork",
                "work together",
            ],
        ),
        theme(
            "Time and pacing",
            &[
                "time",
                "pace",
                "too long",
                "too short",
                "rushed",
                "hour",
                "minutes",
                "length",
                "break",
                "longer",
                "shorter",
                "overran",
                "schedule",
                "too fast",
                "very fast",
                "too slow",
            ],
        ),
        theme(
            "Materials and handouts",
            &[
                "handout",
                "slides",
                "materials",
                "notes",
                "powerpoint",
                "copy of",
                "documentation",
                "instructions",
            ],
        ),
        theme(
            "Relevance to role",
            &[
                "role",
                "responsibilities",
                "responsibility",
                "councillor's role",
                "corporate parent",
                "duty",
                "duties",
                "relevant",
                "relevance",
                "my work",
                "own work",
            ],
        ),
        theme(
            "Scrutiny and challenge",
            &[
                "scrutiny",
                "scrutinise",
                "challenge",
                "probe",
                "hold to account",
                "appropriate questions",
                "right questions",
                "questioning",
                "evidence",
                "assurance",
            ],
        ),
        theme(
            "Children in care and care leavers",
            &[
                "looked after children",
                "LAC",
                "children in care",
                "care leaver",
                "fostering",
                "foster",
                "adoption",
                "placement",
                "residential",
                "corporate parenting",
            ],
        ),
        theme(
            "Partners and professionals",
            &[
                "relationships",
                "professionals",
                "partners",
                "agencies",
                "schools",
                "virtual school",
                "independent reviewing officers",
                "IRO",
                "social workers",
                "health",
            ],
        ),
    ]
}

impl ThemeDef {
    /// The theme, not counted for a comment that has one of `phrases`.
    fn except_for(mut self, phrases: &[&str]) -> ThemeDef {
        self.exclude = phrases.iter().map(|p| p.to_string()).collect();
        self
    }
}

/// A term of a theme: its words as written (lower case) and their stems.
#[derive(Debug, Clone)]
struct Term {
    words: Vec<String>,
    stems: Vec<String>,
}

/// A theme ready for matching.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    terms: Vec<Term>,
    exclude: Vec<Term>,
}

/// The codebook a run uses: the built-in themes (unless switched off) with the definition's
/// added or replacing them by name, in that order.
pub fn codebook(def: &TextDef) -> Vec<Theme> {
    let mut themes: Vec<ThemeDef> = if def.default_themes {
        builtin()
    } else {
        Vec::new()
    };
    for t in &def.themes {
        let key = t.name.trim().to_lowercase();
        match themes.iter_mut().find(|b| b.name.to_lowercase() == key) {
            Some(slot) => *slot = t.clone(),
            None => themes.push(t.clone()),
        }
    }
    themes
        .into_iter()
        .map(|t| Theme {
            terms: terms(&t.words),
            exclude: terms(&t.exclude),
            name: t.name,
        })
        .collect()
}

fn terms(words: &[String]) -> Vec<Term> {
    words
        .iter()
        .map(|w| {
            let t = tokens(w);
            Term {
                words: t.iter().map(|t| t.word.to_string()).collect(),
                stems: t.iter().map(|t| t.stem.to_string()).collect(),
            }
        })
        .filter(|t| !t.words.is_empty())
        .collect()
}

/// Whether `word` is `base` or one of its regular inflections: a plural or third person
/// (`-s`, `-es`, `-y` to `-ies`), a past (`-ed`, `-d` after `e`) or a present participle
/// (`-ing`, dropping a final `e` or doubling the last consonant).
fn inflection_of(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    if word.strip_suffix('s') == Some(base) || word.strip_suffix("es") == Some(base) {
        return true;
    }
    if let (Some(w), Some(b)) = (word.strip_suffix("ies"), base.strip_suffix('y')) {
        if w == b {
            return true;
        }
    }
    if base.ends_with('e') && word.strip_suffix('d') == Some(base) {
        return true;
    }
    for suffix in ["ing", "ed"] {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        if stem == base || base.strip_suffix('e') == Some(stem) {
            return true;
        }
        // A doubled final consonant: "planned", "planning".
        let mut chars = stem.chars().rev();
        if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
            if a == b && stem[..stem.len() - a.len_utf8()] == *base {
                return true;
            }
        }
    }
    false
}

/// Whether two words are the same word, either inflecting the other.
fn same_word(a: &str, b: &str) -> bool {
    inflection_of(a, b) || inflection_of(b, a)
}

fn starts_with(comment: &[Token], term: &Term) -> bool {
    comment.len() >= term.words.len()
        && comment
            .iter()
            .zip(&term.words)
            .all(|(c, w)| same_word(&c.word, w))
}

fn contains(comment: &[Token], term: &Term) -> bool {
    (0..comment.len()).any(|i| starts_with(&comment[i..], term))
}

/// The terms of every theme by their first stem, so that a comment is matched by looking up
/// each of its words once rather than by trying every term at every word. (Inflections share
/// their stem, so the stem finds the candidates and the words decide.)
pub struct Index(HashMap<String, Vec<(usize, usize)>>);

impl Index {
    pub fn new(themes: &[Theme]) -> Index {
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (t, theme) in themes.iter().enumerate() {
            for (k, term) in theme.terms.iter().enumerate() {
                by_first
                    .entry(term.stems[0].clone())
                    .or_default()
                    .push((t, k));
            }
        }
        Index(by_first)
    }
}

/// The themes (indices into `themes`) a comment carries, with their hits.
#[cfg(test)]
pub fn code(themes: &[Theme], text: &str) -> Vec<(usize, usize)> {
    code_tokens(themes, &Index::new(themes), &tokens(text))
}

/// [`code`] for a comment already split into words: the themes in codebook order, each with
/// the number of its distinct terms found, unless one of its exclusions is found too.
pub fn code_tokens(themes: &[Theme], index: &Index, comment: &[Token]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, word) in comment.iter().enumerate() {
        for &(t, k) in index.0.get(&*word.stem).map_or(&[][..], Vec::as_slice) {
            if starts_with(&comment[i..], &themes[t].terms[k]) {
                found.push((t, k));
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (t, _) in found {
        match out.last_mut() {
            Some(last) if last.0 == t => last.1 += 1,
            _ => out.push((t, 1)),
        }
    }
    out.retain(|(t, _)| !themes[*t].exclude.iter().any(|e| contains(comment, e)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        let themes = codebook(&TextDef::default());
        code(&themes, text)
            .into_iter()
            .map(|(i, _)| themes[i].name.clone())
            .collect()
    }

    #[test]
    fn phrases_match_on_stems_and_a_comment_can_carry_two_themes() {
        assert_eq!(
            names("Different sources of information/data, guides and documents"),
            ["Further information and resources", "Data and statistics"]
        );
        assert_eq!(
            names("Ask appropriate questions; challenge and probe officers"),
            ["Scrutiny and challenge"]
        );
        assert_eq!(
            names("Schools responsibilities for LAC; Virtual schools"),
            [
                "Relevance to role",
                "Children in care and care leavers",
                "Partners and professionals"
            ]
        );
        assert_eq!(
            names("The looked-after children's voices"),
            ["Children in care and care leavers"]
        );
        assert!(names("Excellent").is_empty());
    }

    /// "informative" once coded as further information, and "councillor" alone as
    /// relevance to role: Porter stems joined word families.
    #[test]
    fn regression_word_families_and_fragments_are_not_matches() {
        assert!(names("very informative, very engaging session")
            .iter()
            .all(|n| n != "Further information and resources"));
        assert!(names("As a councillor I enjoyed it").is_empty());
        assert_eq!(
            names("More information please"),
            ["Further information and resources"]
        );
        assert_eq!(names("Discussed in groups"), ["Discussion and interaction"]);
        // "Detailed" says how something was explained, not that more material is wanted.
        let explained = names("Detailed explanation of a councillors responsibilities");
        assert!(explained.contains(&"Presenter and delivery".to_string()));
        assert!(!explained.contains(&"Further information and resources".to_string()));
        assert_eq!(
            names("Planning the briefings"),
            ["Further information and resources"]
        );
    }

    #[test]
    fn inflections_are_the_same_word() {
        for (word, base) in [
            ("resources", "resource"),
            ("resource", "resources"),
            ("studies", "study"),
            ("discussing", "discuss"),
            ("discussed", "discuss"),
            ("shared", "share"),
            ("sharing", "share"),
            ("planned", "plan"),
            ("parking", "park"),
        ] {
            assert!(super::same_word(word, base), "{word} {base}");
        }
        for (word, base) in [
            ("informative", "information"),
            ("informed", "information"),
            ("council", "councillor"),
            ("discussion", "discuss"),
            ("roles", "rolex"),
        ] {
            assert!(!super::same_word(word, base), "{word} {base}");
        }
    }

    #[test]
    fn definition_themes_add_replace_and_exclude() {
        let def = TextDef {
            default_themes: true,
            themes: vec![
                ThemeDef {
                    name: "Time and pacing".into(),
                    words: vec!["time".into()],
                    exclude: vec!["time to reflect".into()],
                },
                ThemeDef {
                    name: "Venue".into(),
                    words: vec!["room".into(), "car park".into()],
                    exclude: vec![],
                },
            ],
            ..TextDef::default()
        };
        let themes = codebook(&def);
        assert_eq!(themes.len(), builtin().len() + 1);
        let has = |text: &str, name: &str| {
            code(&themes, text)
                .iter()
                .any(|(i, _)| themes[*i].name == name)
        };
        assert!(has("Not enough time", "Time and pacing"));
        assert!(!has("Good time to reflect", "Time and pacing"));
        assert!(!has("It was too rushed", "Time and pacing"), "replaced");
        assert!(has("The rooms were cold", "Venue"));
        assert!(has("No car parking", "Venue"));
    }
}
