//! The rating scale of a self-assessment and what a cell says on it: a score, an answer that
//! is not a rating ("Don't know"), nothing, or something unreadable.
//!
//! A scale named in the definition is used as it is (scores 1 for the least favourable
//! option up to k for the most, or the options' codes for numbers). Without one, whole
//! numbers are read as the scores themselves, and words by the scale they fit best.

use crate::model::{label_key, Cell, RatingPoints, Scale};
use rustc_hash::FxHashMap as HashMap;

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
}

/// Smallest and largest score of a number scale when the data do not go beyond.
const NUMBER_RANGE: (i64, i64) = (1, 5);

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
        })
    }

    /// The scale the cells fit: numbers (range widened to the data), else the library scale
    /// that reads most of them (at least half). `None` when neither fits.
    pub fn infer<'a>(
        cells: impl Iterator<Item = &'a Cell> + Clone,
        library: &[Scale],
        at_least: Option<&str>,
    ) -> Option<Result<RatingScale, String>> {
        // Distinct answers and how often each was given: scales are tried on each once.
        let mut given: HashMap<std::borrow::Cow<'a, str>, usize> = HashMap::default();
        let mut filled = 0usize;
        let mut numbers: Vec<i64> = Vec::new();
        for c in cells.filter(|c| !c.is_blank()) {
            filled += 1;
            match whole_number(c) {
                Some(n) => numbers.push(n),
                None => *given.entry(c.text().unwrap_or_default()).or_default() += 1,
            }
        }
        if filled == 0 {
            return None;
        }
        if numbers.len() * 2 >= filled {
            let low = numbers.iter().copied().min()?.min(NUMBER_RANGE.0);
            let high = numbers.iter().copied().max()?.max(NUMBER_RANGE.1);
            return Some(RatingScale::numbers(low, high, at_least));
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
    fn numbers_are_scores_and_the_range_widens_to_the_data() {
        let cells = [
            Cell::Int(2),
            Cell::Int(4),
            Cell::Text("3".into()),
            Cell::Empty,
        ];
        let s = RatingScale::infer(cells.iter(), &builtin_scales(), None)
            .unwrap()
            .unwrap();
        assert_eq!(
            (s.points.lowest(), s.points.highest(), s.points.at_least),
            (1, 5, 4)
        );
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
        let s = RatingScale::infer(ten.iter(), &[], None).unwrap().unwrap();
        assert_eq!((s.points.lowest(), s.points.highest()), (0, 10));
    }

    #[test]
    fn words_are_read_on_the_scale_they_fit() {
        let cells = [
            Cell::Text("Agree".into()),
            Cell::Text("strongly agree".into()),
            Cell::Text("Neutral".into()),
        ];
        let s = RatingScale::infer(cells.iter(), &builtin_scales(), Some("Agree"))
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
        let bad = RatingScale::infer(cells.iter(), &builtin_scales(), Some("Yes"));
        assert!(bad
            .unwrap()
            .unwrap_err()
            .contains("not a rating of scale 'agreement'"));
    }
}
