//! Guessing the order of an unknown answer scale from its wording ("Very useful", "Quite
//! useful", "Not very useful", "Not at all useful"). Only a proposal: `evalboard init` writes
//! it for the analyst to confirm, and nothing is counted on a guessed order until they have.

use crate::model::label_key;

/// Where an answer sits, judged from its words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    /// Higher is more favourable; 0 is the neutral middle.
    Ordered(f64),
    /// "Don't know", "Not applicable"...: not on the scale.
    NotSubstantive,
}

const NOT_SUBSTANTIVE: &[&str] = &[
    "don't know",
    "dont know",
    "do not know",
    "not sure",
    "unsure",
    "n/a",
    "na",
    "not applicable",
    "prefer not to say",
    "too early to say",
    "too soon to say",
    "no opinion",
    "can't say",
];

const NEUTRAL: &[&str] = &[
    "neither",
    "neutral",
    "average",
    "ok",
    "okay",
    "adequate",
    "satisfactory",
    "fair",
    "mixed",
];

/// Favourable words with their strength.
const POSITIVE: &[(&str, f64)] = &[
    ("outstanding", 3.0),
    ("excellent", 2.5),
    ("good", 1.0),
    ("useful", 1.0),
    ("helpful", 1.0),
    ("satisfied", 1.0),
    ("agree", 1.0),
    ("effective", 1.0),
    ("confident", 1.0),
    ("relevant", 1.0),
    ("clear", 1.0),
    ("valuable", 1.0),
    ("important", 1.0),
    ("likely", 1.0),
    ("well", 1.0),
    ("always", 2.0),
    ("often", 1.0),
    ("informed", 1.0),
    ("knowledgeable", 1.0),
    ("prepared", 1.0),
    ("engaging", 1.0),
    ("interesting", 1.0),
];

const NEGATIVE: &[(&str, f64)] = &[
    ("poor", 1.0),
    ("bad", 1.0),
    ("terrible", 2.5),
    ("useless", 2.0),
    ("never", 2.0),
    ("rarely", 1.0),
    ("sometimes", 0.0),
    ("weak", 1.0),
    ("inadequate", 1.0),
    ("irrelevant", 1.0),
    ("unclear", 1.0),
    ("boring", 1.0),
];

const STRONG: &[&str] = &[
    "very",
    "extremely",
    "strongly",
    "highly",
    "completely",
    "totally",
    "fully",
    "really",
];
const WEAK: &[&str] = &[
    "fairly",
    "quite",
    "somewhat",
    "reasonably",
    "mostly",
    "slightly",
    "partly",
    "partially",
    "moderately",
    "little",
    "bit",
];

/// The place of one answer, or `None` when its words say nothing about order.
pub fn place(answer: &str) -> Option<Place> {
    let key = label_key(answer);
    if NOT_SUBSTANTIVE.contains(&key.as_str()) {
        return Some(Place::NotSubstantive);
    }
    let words: Vec<&str> = key
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if words.iter().any(|w| NEUTRAL.contains(w)) && !words.contains(&"not") {
        return Some(Place::Ordered(0.0));
    }
    let mut base = None;
    for w in &words {
        if let Some((_, s)) = POSITIVE.iter().find(|(p, _)| p == w) {
            base = Some(*s);
            break;
        }
        if let Some((_, s)) = NEGATIVE.iter().find(|(p, _)| p == w) {
            base = Some(-*s);
            break;
        }
        // dissatisfied, unhelpful, disagree, ineffective: a favourable word negated.
        for prefix in ["dis", "un", "in"] {
            if let Some(stem) = w.strip_prefix(prefix) {
                if let Some((_, s)) = POSITIVE.iter().find(|(p, _)| *p == stem) {
                    base = Some(-*s);
                }
            }
        }
        if base.is_some() {
            break;
        }
    }
    let base = base?;
    let strength = if words.iter().any(|w| STRONG.contains(w)) {
        2.0
    } else if words.iter().any(|w| WEAK.contains(w)) {
        0.5
    } else {
        1.0
    };
    let negated = words.iter().any(|w| matches!(*w, "not" | "no"));
    let at_all = key.contains("at all");
    let value = match (negated, at_all) {
        (true, true) => -2.5 * base.abs(),
        // "not very useful" is mildly unfavourable; "not useful" plainly so.
        (true, false) => -base / strength,
        _ => base * strength,
    };
    Some(Place::Ordered(value))
}

/// A proposed order for a set of distinct answers: substantive answers most favourable first,
/// then the non-substantive ones; with the index of the neutral middle, and whether two
/// answers could not be told apart. `None` when fewer than two answers carry order words or
/// any substantive answer carries none.
pub struct Proposal {
    pub ordered: Vec<String>,
    pub not_substantive: Vec<String>,
    pub middle: Option<usize>,
    pub ties: bool,
}

pub fn propose(answers: &[String]) -> Option<Proposal> {
    let mut ordered: Vec<(f64, &String)> = Vec::new();
    let mut not_substantive = Vec::new();
    for a in answers {
        match place(a)? {
            Place::Ordered(v) => ordered.push((v, a)),
            Place::NotSubstantive => not_substantive.push(a.clone()),
        }
    }
    if ordered.len() < 2 {
        return None;
    }
    ordered.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ties = ordered.windows(2).any(|w| w[0].0 == w[1].0);
    let middle = ordered.iter().position(|(v, _)| *v == 0.0);
    Some(Proposal {
        ordered: ordered.into_iter().map(|(_, a)| a.clone()).collect(),
        not_substantive,
        middle,
        ties,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(answers: &[&str]) -> Vec<String> {
        let a: Vec<String> = answers.iter().map(|s| s.to_string()).collect();
        let p = propose(&a).expect("a proposal");
        let mut all = p.ordered;
        all.extend(p.not_substantive);
        all
    }

    #[test]
    fn usefulness_wording_is_ordered() {
        assert_eq!(
            order(&[
                "Not very useful",
                "Very useful",
                "Don't know",
                "Not at all useful",
                "Quite useful"
            ]),
            [
                "Very useful",
                "Quite useful",
                "Not very useful",
                "Not at all useful",
                "Don't know"
            ]
        );
    }

    #[test]
    fn quality_and_confidence_wording_is_ordered() {
        assert_eq!(
            order(&["Good", "Poor", "Excellent", "Average", "Very poor"]),
            ["Excellent", "Good", "Average", "Poor", "Very poor"]
        );
        assert_eq!(
            order(&["Fairly confident", "Not confident", "Very confident"]),
            ["Very confident", "Fairly confident", "Not confident"]
        );
    }

    #[test]
    fn words_without_order_give_no_proposal() {
        let a: Vec<String> = ["Councillor", "Officer", "Co-opted member"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(propose(&a).is_none());
    }
}
