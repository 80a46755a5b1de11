//! The rating scale of a self-assessment and what a cell says on it: a score, an answer that
//! is not a rating ("Don't know"), nothing, or something unreadable.
//!
//! A scale named in the definition is used as it is (scores 1 for the least favourable
//! option up to k for the most, or the options' codes for numbers). Without one, words are
//! read by the scale they fit best, and whole numbers as the scores themselves, on a range
//! read from evidence as for evaluation sheets: the range a statement's header states
//! ("1 = not at all confident, 10 = completely confident"), the end labels written with the
//! numbers (`1 - Not confident`), else the shortest standard rating range holding every
//! rating. A rating outside the range is reported, never a reason to widen it; numbers that
//! fit no standard range are read from the lowest to the highest seen, an assumption that is
//! warned about and from which no change is headlined.

use crate::model::{label_key, Cell, RatingPoints, Scale};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// What one cell says.
#[derive(Debug, Clone, PartialEq)]
pub enum Rated {
    Score(i64),
    /// An option that is not a rating ("Don't know", "N/A").
    NotRated,
    Blank,
    Unreadable,
}

/// The scale ratings are read on.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingScale {
    pub points: RatingPoints,
    /// The word scale, when ratings are words (or codes of a word scale).
    words: Option<Scale>,
    /// What each spelling of an option means (matching key -> rating), built once.
    spellings: HashMap<String, Rated>,
    /// The same for options exactly as written, looked up before making a matching key.
    exact: HashMap<String, Rated>,
    /// Where the range came from, for the note naming the scale.
    pub evidence: String,
    /// The range is the ratings' own lowest and highest, which nothing in the files states.
    pub assumed: bool,
}

/// Words that mean "no rating" on a number scale.
const NO_RATING: [&str; 6] = [
    "n/a",
    "na",
    "don't know",
    "dont know",
    "not applicable",
    "-",
];

fn whole_number(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Int(i) => Some(*i),
        Cell::Float(f) if f.fract() == 0.0 => Some(*f as i64),
        Cell::Text(t) => {
            let t = t.trim();
            // `5.0`, as a statistics tool writes a whole number in a column with gaps.
            if let Ok(x) = t.parse::<f64>() {
                return (x.fract() == 0.0 && x.abs() < 1e9).then_some(x as i64);
            }
            // `4`, or `4 - Agree` / `4. Agree`: the leading number.
            let end = t
                .bytes()
                .position(|b| !b.is_ascii_digit())
                .unwrap_or(t.len());
            let rest = t[end..].trim_start();
            // `3.5` has decimals: not a whole number (never rounded down to 3).
            let decimal =
                rest.starts_with(['.', ',']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
            let separated =
                !decimal && (rest.is_empty() || rest.starts_with(['-', '.', ':', '=', '(']));
            (end > 0 && end < 4 && separated)
                .then(|| t[..end].parse().ok())
                .flatten()
        }
        _ => None,
    }
}

impl RatingScale {
    /// A scale of words (from the definition or the built-in library). `at_least` is an
    /// option label; default the second most favourable substantive option.
    pub fn words(scale: Scale, at_least: Option<&str>) -> Result<RatingScale, String> {
        let k = scale.substantive_count() as i64;
        let mut points: Vec<(i64, String)> = (0..scale.options.len())
            .filter_map(|i| Some((scale.score(i)? as i64, scale.options[i].label.clone())))
            .collect();
        points.sort();
        let at_least =
            match at_least {
                None => (k - 1).max(1),
                Some(label) => match scale.find(label).and_then(|i| scale.score(i)) {
                    Some(s) => s as i64,
                    None => {
                        return Err(format!(
                        "`at_least = \"{label}\"` is not a rating of scale '{}' (its ratings: {})",
                        scale.name,
                        points.iter().rev().map(|p| p.1.clone()).collect::<Vec<_>>().join(", ")
                    ))
                    }
                },
            };
        let mut exact: HashMap<String, Rated> = HashMap::default();
        let mut spellings: HashMap<String, Rated> = NO_RATING
            .iter()
            .map(|w| (w.to_string(), Rated::NotRated))
            .collect();
        for (i, o) in scale.options.iter().enumerate() {
            let rated = scale
                .score(i)
                .map_or(Rated::NotRated, |s| Rated::Score(s as i64));
            for spelling in std::iter::once(&o.label).chain(&o.synonyms) {
                spellings.insert(label_key(spelling), rated.clone());
                exact.insert(spelling.trim().to_string(), rated.clone());
            }
        }
        Ok(RatingScale {
            points: RatingPoints {
                name: scale.name.clone(),
                points,
                at_least,
            },
            words: Some(scale),
            spellings,
            exact,
            evidence: "its words".into(),
            assumed: false,
        })
    }

    /// A scale of whole-number scores from `low` to `high`. `at_least` is a score; default
    /// one below the top.
    pub fn numbers(low: i64, high: i64, at_least: Option<&str>) -> Result<RatingScale, String> {
        let at_least = match at_least {
            None => (high - 1).max(low),
            Some(text) => match text.trim().parse::<i64>() {
                Ok(s) if (low..=high).contains(&s) => s,
                _ => {
                    return Err(format!(
                        "`at_least = \"{text}\"`: ratings are numbers from {low} to {high}; give one of them"
                    ))
                }
            },
        };
        Ok(RatingScale {
            points: RatingPoints {
                name: format!("scores {low}-{high}"),
                points: (low..=high).map(|s| (s, s.to_string())).collect(),
                at_least,
            },
            words: None,
            spellings: HashMap::default(),
            exact: HashMap::default(),
            evidence: "the definition".into(),
            assumed: false,
        })
    }

    /// The scale the cells fit: numbers (on a range from evidence, see the module), else the
    /// library scale that reads most of them (at least half). `headers`: the headers of the
    /// statement columns, which may state the range. `None` when neither fits.
    pub fn infer<'a>(
        cells: impl Iterator<Item = &'a Cell> + Clone,
        headers: &[&str],
        library: &[Scale],
        at_least: Option<&str>,
    ) -> Option<Result<RatingScale, String>> {
        // Distinct answers and how often each was given: scales are tried on each once.
        let mut given: HashMap<std::borrow::Cow<'a, str>, usize> = HashMap::default();
        let mut filled = 0usize;
        let mut numbers: BTreeMap<i64, u64> = BTreeMap::new();
        let mut labelled: BTreeMap<i64, String> = BTreeMap::new();
        for c in cells.filter(|c| !c.is_blank()) {
            filled += 1;
            match whole_number(c) {
                Some(n) => {
                    *numbers.entry(n).or_default() += 1;
                    if let Cell::Text(t) = c {
                        if let std::collections::btree_map::Entry::Vacant(e) = labelled.entry(n) {
                            if let Some(l) = crate::normalise::end_label(t, n) {
                                e.insert(l);
                            }
                        }
                    }
                }
                None => *given.entry(c.text().unwrap_or_default()).or_default() += 1,
            }
        }
        if filled == 0 {
            return None;
        }
        let count: u64 = numbers.values().sum();
        if count as usize * 2 >= filled {
            return Some(Self::number_range(
                &numbers, count, &labelled, headers, at_least,
            ));
        }
        let mut keys: HashMap<String, usize> = HashMap::default();
        for (text, n) in given {
            *keys.entry(label_key(&text)).or_default() += n;
        }
        let mut distinct: Vec<(&String, &usize)> = keys.iter().collect();
        distinct.sort();
        let (best, fit) = library
            .iter()
            .map(|s| {
                let fit: usize = distinct
                    .iter()
                    .filter(|(k, _)| s.find_key(k).is_some())
                    .map(|(_, n)| **n)
                    .sum();
                (s, fit)
            })
            .max_by_key(|(_, n)| *n)?;
        (fit * 2 >= filled).then(|| RatingScale::words(best.clone(), at_least))
    }

    /// Whole-number ratings on the range the evidence gives (see the module).
    fn number_range(
        numbers: &BTreeMap<i64, u64>,
        count: u64,
        labelled: &BTreeMap<i64, String>,
        headers: &[&str],
        at_least: Option<&str>,
    ) -> Result<RatingScale, String> {
        // The range the headers state; the one most of them state when they differ.
        let mut stated: BTreeMap<(i64, i64), usize> = BTreeMap::new();
        for h in headers {
            if let Some(r) = crate::normalise::stated_range(h) {
                *stated.entry(r).or_default() += 1;
            }
        }
        let most_stated = stated
            .iter()
            .max_by_key(|(r, n)| (**n, std::cmp::Reverse(**r)))
            .map(|(r, _)| *r);
        let labels = match (labelled.keys().next(), labelled.keys().next_back()) {
            (Some(&a), Some(&b)) if a < b => Some((a, b)),
            _ => None,
        };
        let (seen_low, seen_high) = (
            *numbers.keys().next().unwrap_or(&1),
            *numbers.keys().next_back().unwrap_or(&1),
        );
        let ((low, high), evidence, assumed) = if let Some(r) = most_stated {
            (
                r,
                "the range the statements' headers state".to_string(),
                false,
            )
        } else if let Some(r) = labels {
            (r, "the labels written with the numbers".to_string(), false)
        } else if let Some(r) = crate::normalise::standard_range(numbers, count) {
            (
                r,
                "the shortest standard rating range holding the ratings (1-4, 1-5, 1-6, 1-7, 1-10, 0-10)".to_string(),
                false,
            )
        } else {
            (
                (seen_low, seen_high),
                "the lowest and highest ratings given, as no header states a range and the ratings fit no standard one".to_string(),
                true,
            )
        };
        let mut scale = RatingScale::numbers(low, high, at_least)?;
        scale.evidence = evidence;
        scale.assumed = assumed;
        Ok(scale)
    }

    /// What `cell` says on this scale.
    pub fn rate(&self, cell: &Cell) -> Rated {
        if cell.is_blank() {
            return Rated::Blank;
        }
        match &self.words {
            Some(scale) => {
                if let Some(r) = match cell {
                    Cell::Text(t) => self.exact.get(t.trim()),
                    _ => None,
                } {
                    return r.clone();
                }
                if let Some(code) = whole_number(cell) {
                    let by_code = scale.options.iter().position(|o| o.code == Some(code));
                    return match by_code.map(|i| scale.score(i)) {
                        Some(Some(s)) => Rated::Score(s as i64),
                        Some(None) => Rated::NotRated,
                        None => Rated::Unreadable,
                    };
                }
                let Some(text) = cell.text() else {
                    return Rated::Unreadable;
                };
                self.spellings
                    .get(&label_key(&text))
                    .cloned()
                    .unwrap_or(Rated::Unreadable)
            }
            None => match whole_number(cell) {
                Some(n) if (self.points.lowest()..=self.points.highest()).contains(&n) => {
                    Rated::Score(n)
                }
                Some(_) => Rated::Unreadable,
                None => {
                    let key = cell.text().map(|t| label_key(&t)).unwrap_or_default();
                    if NO_RATING.contains(&key.as_str()) {
                        Rated::NotRated
                    } else {
                        Rated::Unreadable
                    }
                }
            },
        }
    }

    /// The ratings a reader can give, for messages: `1 to 5` or `Strongly agree, Agree, ...`.
    pub fn accepted(&self) -> String {
        match &self.words {
            Some(s) => s
                .options
                .iter()
                .map(|o| o.label.clone())
                .collect::<Vec<_>>()
                .join(", "),
            None => format!(
                "whole numbers {} to {}",
                self.points.lowest(),
                self.points.highest()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::builtin_scales;

    #[test]
    fn numbers_are_scores_on_the_range_the_evidence_gives() {
        let cells = [
            Cell::Int(2),
            Cell::Int(5),
            Cell::Text("3".into()),
            Cell::Empty,
        ];
        let s = RatingScale::infer(cells.iter(), &[], &builtin_scales(), None)
            .unwrap()
            .unwrap();
        // The shortest standard range holding the ratings.
        assert_eq!(
            (s.points.lowest(), s.points.highest(), s.points.at_least),
            (1, 5, 4)
        );
        assert!(!s.assumed);
        assert_eq!(s.rate(&Cell::Text("4 - Agree".into())), Rated::Score(4));
        assert_eq!(s.rate(&Cell::Float(5.0)), Rated::Score(5));
        // Written as text by a tool that writes every number with a decimal point.
        assert_eq!(s.rate(&Cell::Text("5.0".into())), Rated::Score(5));
        assert_eq!(s.rate(&Cell::Text("3.5".into())), Rated::Unreadable);
        assert_eq!(s.rate(&Cell::Int(7)), Rated::Unreadable);
        // Decimals are never rounded: 3.5 is not a point of a whole-number scale.
        assert_eq!(s.rate(&Cell::Text("3.5".into())), Rated::Unreadable);
        assert_eq!(s.rate(&Cell::Float(3.5)), Rated::Unreadable);
        assert_eq!(s.rate(&Cell::Text("4. Agree".into())), Rated::Score(4));
        assert_eq!(s.rate(&Cell::Text("N/A".into())), Rated::NotRated);
        assert_eq!(s.rate(&Cell::Text("  ".into())), Rated::Blank);
        let ten = [Cell::Int(0), Cell::Int(10)];
        let s = RatingScale::infer(ten.iter(), &[], &[], None)
            .unwrap()
            .unwrap();
        assert_eq!((s.points.lowest(), s.points.highest()), (0, 10));
    }

    #[test]
    fn regression_a_one_to_ten_self_assessment_is_not_measured_on_the_range_seen() {
        // Ratings 2 to 8 under headers stating 1 to 10: read on 1-10, not 1-8 or 2-8.
        let cells: Vec<Cell> = [2, 3, 5, 8].iter().map(|&n| Cell::Int(n)).collect();
        let headers =
            ["I can question officers (1 = not at all confident, 10 = completely confident)"];
        let s = RatingScale::infer(cells.iter(), &headers, &[], None)
            .unwrap()
            .unwrap();
        assert_eq!((s.points.lowest(), s.points.highest()), (1, 10));
        assert!(s.evidence.contains("headers state"));
        // A rating beyond the stated range is not a reason to widen it.
        assert_eq!(s.rate(&Cell::Int(11)), Rated::Unreadable);
        // End labels written with the numbers: 1 to 4.
        let labelled: Vec<Cell> = ["1 - Not confident", "2", "3", "4 - Very confident"]
            .iter()
            .map(|t| Cell::Text((*t).into()))
            .collect();
        let s = RatingScale::infer(labelled.iter(), &[], &[], None)
            .unwrap()
            .unwrap();
        assert_eq!((s.points.lowest(), s.points.highest()), (1, 4));
        // Numbers that fit no standard range: the range seen, an assumption.
        let odd: Vec<Cell> = [1, 6, 12].iter().map(|&n| Cell::Int(n)).collect();
        let s = RatingScale::infer(odd.iter(), &[], &[], None)
            .unwrap()
            .unwrap();
        assert_eq!((s.points.lowest(), s.points.highest()), (1, 12));
        assert!(s.assumed);
    }

    #[test]
    fn words_are_read_on_the_scale_they_fit() {
        let cells = [
            Cell::Text("Agree".into()),
            Cell::Text("strongly agree".into()),
            Cell::Text("Neutral".into()),
        ];
        let s = RatingScale::infer(cells.iter(), &[], &builtin_scales(), Some("Agree"))
            .unwrap()
            .unwrap();
        assert_eq!(s.points.name, "agreement");
        assert_eq!(s.points.at_least, 4);
        assert_eq!(s.points.at_least_words(), "\"Agree\" or above");
        assert_eq!(
            s.rate(&Cell::Text("Strongly disagree".into())),
            Rated::Score(1)
        );
        assert_eq!(s.rate(&Cell::Text("Maybe".into())), Rated::Unreadable);
        assert_eq!(
            s.rate(&Cell::Text("Don\u{2019}t know".into())),
            Rated::NotRated
        );
        let bad = RatingScale::infer(cells.iter(), &[], &builtin_scales(), Some("Yes"));
        assert!(bad
            .unwrap()
            .unwrap_err()
            .contains("not a rating of scale 'agreement'"));
    }
}
