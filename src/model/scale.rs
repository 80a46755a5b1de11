//! Answer scales and how answers are matched to their options.

use serde::Serialize;

/// One option of a scale, in scale order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleOption {
    /// Canonical label, written as on the form.
    pub label: String,
    /// Other spellings that mean the same option.
    pub synonyms: Vec<String>,
    /// Direction and strength for diverging charts: +2 most favourable .. -2 least, 0 the
    /// neutral middle. `None` marks a non-substantive option ("Don't know", "Too early to
    /// say"): counted, but left out of means and top-box bases.
    pub sentiment: Option<i8>,
    /// Numeric code a paper form typed into a spreadsheet uses for this option (`5`).
    pub code: Option<i64>,
}

/// An ordered answer scale: most favourable option first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub name: String,
    pub options: Vec<ScaleOption>,
}

impl Scale {
    /// Index (0-based, scale order) of the option this answer means, if any.
    pub fn find(&self, answer: &str) -> Option<usize> {
        self.find_key(&label_key(answer))
    }

    /// As [`Scale::find`], for an answer already passed through [`label_key`].
    pub fn find_key(&self, key: &str) -> Option<usize> {
        self.options.iter().position(|o| {
            label_key(&o.label) == key || o.synonyms.iter().any(|s| label_key(s) == key)
        })
    }

    /// Number of substantive options (`k`).
    pub fn substantive_count(&self) -> usize {
        self.options
            .iter()
            .filter(|o| o.sentiment.is_some())
            .count()
    }

    /// Rank of option `i` among the substantive options (0 = most favourable).
    fn substantive_rank(&self, i: usize) -> Option<usize> {
        self.options[i].sentiment?;
        Some(
            self.options[..i]
                .iter()
                .filter(|o| o.sentiment.is_some())
                .count(),
        )
    }

    /// Score of option `i`: `k` for the most favourable of `k` substantive options, down to 1
    /// for the least; `None` for a non-substantive option.
    pub fn score(&self, i: usize) -> Option<u32> {
        self.substantive_rank(i)
            .map(|r| (self.substantive_count() - r) as u32)
    }

    /// Whether option `i` is one of the two most favourable substantive options.
    pub fn is_top2(&self, i: usize) -> bool {
        self.substantive_rank(i).is_some_and(|r| r < 2)
    }

    /// Labels of the non-substantive options, in scale order.
    pub fn non_substantive(&self) -> Vec<&str> {
        self.options
            .iter()
            .filter(|o| o.sentiment.is_none())
            .map(|o| o.label.as_str())
            .collect()
    }

    /// The same scale read the other way round, for reverse-worded items: substantive options
    /// in reverse order with their sentiment negated, non-substantive options kept at the end.
    pub fn reversed(&self) -> Scale {
        let (mut substantive, rest): (Vec<ScaleOption>, Vec<ScaleOption>) = self
            .options
            .iter()
            .cloned()
            .partition(|o| o.sentiment.is_some());
        substantive.reverse();
        for o in &mut substantive {
            o.sentiment = o.sentiment.map(|s| -s);
        }
        substantive.extend(rest);
        Scale {
            name: format!("{} (reversed)", self.name),
            options: substantive,
        }
    }

    /// The lowest and highest numeric code, when the options have codes.
    pub fn code_range(&self) -> Option<(i64, i64)> {
        let codes = self.options.iter().filter_map(|o| o.code);
        Some((codes.clone().min()?, codes.max()?))
    }

    /// The option whose label is closest in spelling to `answer` (edit distance on the
    /// matching key), to suggest a fix for an answer that fits no option.
    pub fn nearest(&self, answer: &str) -> &str {
        let key = label_key(answer);
        self.options
            .iter()
            .min_by_key(|o| edit_distance(&key, &label_key(&o.label)))
            .map(|o| o.label.as_str())
            .unwrap_or("")
    }
}

/// The key answers and headers are matched on: case-folded, curly quotes made straight,
/// non-breaking and zero-width spaces treated as spaces, white space runs collapsed, and
/// surrounding white space and trailing punctuation removed.
pub fn label_key(text: &str) -> String {
    if text.is_ascii() {
        return ascii_label_key(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let ch = match ch {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(ch.to_lowercase());
    }
    while let Some(last) = out.chars().last() {
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\u{2026}' | ' ') {
            out.pop();
        } else {
            break;
        }
    }
    out
}

/// [`label_key`] for ASCII text (nearly every answer): the same rules, byte by byte.
fn ascii_label_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for b in word.bytes() {
            out.push(match b {
                b'`' => '\'',
                b => b.to_ascii_lowercase() as char,
            });
        }
    }
    let kept = out
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ' '])
        .len();
    out.truncate(kept);
    out
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn option(label: &str, sentiment: Option<i8>, synonyms: &[&str]) -> ScaleOption {
    ScaleOption {
        label: label.to_string(),
        synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
        sentiment,
        code: None,
    }
}

/// Chart sentiments of `k` substantive options listed most favourable first, given the index
/// of the neutral middle option if there is one: the favourable side counts down from +2 (the
/// extreme +2, the rest +1), the unfavourable side mirrors it, the middle is 0.
pub fn derived_sentiments(k: usize, middle: Option<usize>) -> Vec<i8> {
    let (top, bottom) = match middle {
        Some(m) => (m, k - m - 1),
        None => (k / 2, k - k / 2),
    };
    let side = |n: usize| -> Vec<i8> { (0..n).map(|i| if i == 0 { 2 } else { 1 }).collect() };
    let mut out = side(top);
    if middle.is_some() {
        out.push(0);
    }
    out.extend(side(bottom).into_iter().rev().map(|s| -s));
    out
}

fn scale(name: &str, options: Vec<ScaleOption>) -> Scale {
    Scale {
        name: name.to_string(),
        options,
    }
}

/// The built-in scale library: the four scales of the corporate-parenting evaluation sheet
/// (written exactly as on the form) and the common 5-point agreement scale.
pub fn builtin_scales() -> Vec<Scale> {
    vec![
        scale(
            "objectives",
            vec![
                option("Yes, in full", Some(2), &["Yes in full", "Yes, fully"]),
                option("Yes, partly", Some(1), &["Yes partly", "Partly"]),
                option("No, not at all", Some(-2), &["No not at all", "No"]),
                option("Too early to say", None, &[]),
            ],
        ),
        scale(
            "extent",
            vec![
                option("To a great extent", Some(2), &[]),
                option("To a moderate extent", Some(1), &[]),
                option("To a small extent", Some(-1), &[]),
                option("Not at all", Some(-2), &[]),
            ],
        ),
        scale(
            "satisfaction",
            vec![
                option("Very satisfied", Some(2), &[]),
                option("Fairly satisfied", Some(1), &[]),
                option(
                    "Neither satisfied or dissatisfied",
                    Some(0),
                    &["Neither satisfied nor dissatisfied"],
                ),
                option("Fairly dissatisfied", Some(-1), &[]),
                option("Very dissatisfied", Some(-2), &[]),
                option("Don't know", None, &["Do not know", "Dont know"]),
            ],
        ),
        scale(
            "expectations",
            vec![
                option(
                    "Exceed your expectations",
                    Some(2),
                    &["Exceeded my expectations"],
                ),
                option("Meet your expectations", Some(1), &["Met my expectations"]),
                option(
                    "Fall short of your expectations",
                    Some(-1),
                    &["Fell short of my expectations"],
                ),
            ],
        ),
        scale(
            "agreement",
            vec![
                option("Strongly agree", Some(2), &[]),
                option("Agree", Some(1), &[]),
                option(
                    "Neither agree nor disagree",
                    Some(0),
                    &["Neither agree or disagree", "Neutral"],
                ),
                option("Disagree", Some(-1), &[]),
                option("Strongly disagree", Some(-2), &[]),
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_key_ignores_case_spacing_quotes_and_trailing_punctuation() {
        assert_eq!(label_key("  Don\u{2019}t   KNOW. "), "don't know");
        assert_eq!(label_key("Yes,\u{00A0}in full"), "yes, in full");
        assert_eq!(
            label_key("Overall, did the session..."),
            "overall, did the session"
        );
        assert_eq!(
            label_key("Were your objectives achieved?"),
            "were your objectives achieved"
        );
        assert_eq!(label_key("\u{200B}Agree"), "agree");
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        for text in [
            "  Very   Satisfied. ",
            "Yes, in full",
            "Don`t know?!",
            "a.b . ",
            "",
            "   ",
        ] {
            let mut unicode = text.to_string();
            unicode.push('\u{200B}'); // forces the general path, changes nothing else
            assert_eq!(label_key(text), label_key(&unicode), "{text:?}");
        }
    }

    #[test]
    fn scores_count_down_from_k_and_skip_non_substantive_options() {
        let sat = &builtin_scales()[2];
        assert_eq!(sat.substantive_count(), 5);
        assert_eq!(sat.score(0), Some(5));
        assert_eq!(sat.score(4), Some(1));
        assert_eq!(sat.score(5), None);
        assert!(sat.is_top2(1) && !sat.is_top2(2) && !sat.is_top2(5));
        assert_eq!(sat.non_substantive(), vec!["Don't know"]);
    }

    #[test]
    fn reversing_flips_substantive_options_and_keeps_dont_know_last() {
        let sat = builtin_scales()[2].reversed();
        let labels: Vec<&str> = sat.options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels[0], "Very dissatisfied");
        assert_eq!(labels[4], "Very satisfied");
        assert_eq!(labels[5], "Don't know");
        assert_eq!(sat.options[0].sentiment, Some(2));
        assert_eq!(sat.score(0), Some(5));
    }

    #[test]
    fn derived_sentiments_are_symmetric_around_the_middle() {
        assert_eq!(derived_sentiments(5, Some(2)), [2, 1, 0, -1, -2]);
        assert_eq!(derived_sentiments(4, None), [2, 1, -1, -2]);
        assert_eq!(derived_sentiments(3, Some(1)), [2, 0, -2]);
        assert_eq!(derived_sentiments(2, None), [2, -2]);
        assert_eq!(derived_sentiments(7, Some(3)), [2, 1, 1, 0, -1, -1, -2]);
    }

    #[test]
    fn answers_match_labels_and_synonyms() {
        let sat = &builtin_scales()[2];
        assert_eq!(sat.find("neither satisfied NOR dissatisfied"), Some(2));
        assert_eq!(sat.find("Dont know"), Some(5));
        assert_eq!(sat.find("Quite satisfied"), None);
        assert_eq!(sat.nearest("Very satisified"), "Very satisfied");
    }
}
