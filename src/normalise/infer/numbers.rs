//! Numbers read as ratings, on a range and in a direction read from evidence: the range the
//! question's text states ("1 = poor, 5 = excellent", "0 to 10"), the end labels written with
//! the numbers (`1 - Strongly disagree`, `5 (Excellent)`), or else the shortest standard range
//! that holds the answers. A number outside the range is reported, never a reason to widen it;
//! a range or direction taken from the standard ranges rather than from the form is an
//! assumption, and the scale is left unconfirmed.

use super::super::ordinal::{self, Place};
use super::tally::{AnswerTally, Form};
use crate::config::definition::{OptionDef, ScaleDef, ScaleKindDef};
use crate::model::labelled_number;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use toml::Spanned;

/// Numbers must be at least this share of a question's substantive answers (those that are
/// not "N/A" or "Don't know") for it to be read as answered in numbers.
const MIN_NUMBERS: f64 = 0.9;
/// The rating ranges forms use, shortest first.
pub const STANDARD_RANGES: &[(i64, i64)] = &[
    (0, 1),
    (1, 2),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 10),
    (0, 10),
];
/// A shorter standard range is preferred to the one holding every number when the numbers
/// outside it are this share of the answers or fewer (one answer at least), and most of the
/// longer range's extra points are unused: a single 0 under a 1-5 question is a stray, not a
/// sign of a 0-10 scale.
const MAX_STRAY_SHARE: f64 = 0.01;
/// A number is taken for a stray only among at least this many answers.
const MIN_ANSWERS_FOR_STRAYS: u64 = 30;
/// More distinct numbers than this are no rating.
const MAX_CODES: usize = 15;

/// A question read as numbers: its scale and what `init` says about it.
pub struct Numbers {
    pub scale: ScaleDef,
    pub why: Vec<String>,
}

/// Where a range came from, for the remarks `init` writes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    Text,
    Labels,
    Standard,
}

/// Numbers read as ratings (see the module), or as codes of categories when the question names
/// a list ("which department", "how many") or asks about a length, pace or amount, or when
/// the numbers fit no rating range. `grid`: the answers of every statement of the grid the
/// question belongs to, whose numbers decide the range together. `None` when the answers are
/// not mostly numbers.
pub fn numeric(
    t: &AnswerTally,
    forms: &[Form],
    grid: Option<&[Form]>,
    header: &str,
) -> Option<Numbers> {
    let mut values: BTreeMap<i64, Vec<(String, u64)>> = BTreeMap::new();
    let mut not_substantive: Vec<&Form> = Vec::new();
    let mut numbers = 0u64;
    for f in forms {
        let mut any = false;
        for (spelling, n) in &f.spellings {
            if let Some(v) = labelled_number(spelling) {
                values.entry(v).or_default().push((spelling.clone(), *n));
                numbers += n;
                any = true;
            }
        }
        if !any && ordinal::place(&f.text) == Some(Place::NotSubstantive) {
            not_substantive.push(f);
        }
    }
    let aside: u64 = not_substantive.iter().map(|f| f.count).sum();
    if numbers == 0 || (numbers as f64) < MIN_NUMBERS * (t.answers - aside) as f64 {
        return None;
    }
    let counts: BTreeMap<i64, u64> = values
        .iter()
        .map(|(v, s)| (*v, s.iter().map(|(_, n)| n).sum()))
        .collect();
    let labels: BTreeMap<i64, String> = values
        .iter()
        .filter_map(|(v, s)| {
            s.iter()
                .find_map(|(text, _)| end_label(text, *v))
                .map(|l| (*v, l))
        })
        .collect();
    let listed = names_a_list(header) || about_a_balance(header);
    let stated = stated_range(header);
    let labelled = match (labels.keys().next(), labels.keys().next_back()) {
        (Some(&a), Some(&b)) if a < b => Some((a, b)),
        _ => None,
    };
    let range = if listed {
        None
    } else if let Some(r) = stated {
        Some((r, Source::Text))
    } else if let Some(r) = labelled {
        Some((r, Source::Labels))
    } else {
        // A grid's statements share one scale: its range is read from all their numbers.
        let pooled = grid.map(|g| {
            let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
            for f in g {
                for (spelling, n) in &f.spellings {
                    if let Some(v) = labelled_number(spelling) {
                        *counts.entry(v).or_default() += n;
                    }
                }
            }
            counts
        });
        match &pooled {
            Some(p) if !p.is_empty() => standard(p, p.values().sum()),
            _ => standard(&counts, numbers),
        }
        .map(|r| (r, Source::Standard))
    };
    let Some(((lo, hi), source)) = range else {
        return codes(&values, &not_substantive, forms);
    };
    // The words at each end: the question's text first, then the answers' end labels.
    let mut ends: BTreeMap<i64, String> = stated_ends(header);
    for (v, l) in &labels {
        ends.entry(*v).or_insert_with(|| l.clone());
    }
    let direction = direction(ends.get(&lo), ends.get(&hi));
    let descending = direction != Some(false);
    let confirmed = source != Source::Standard && direction.is_some();
    let spelt = |c: i64| -> (String, Vec<String>) {
        let mut s = values.get(&c).cloned().unwrap_or_default();
        // The most written spelling names the option (the first on a tie).
        s.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let label = s.first().map_or_else(
            || c.to_string(),
            |(t, _)| t.replace("<br>", " ").trim().to_string(),
        );
        let mut synonyms: Vec<String> = s.into_iter().map(|(t, _)| t).collect();
        synonyms.push(c.to_string());
        synonyms.retain(|x| crate::model::label_key(x) != crate::model::label_key(&label));
        synonyms.dedup();
        (label, synonyms)
    };
    let order: Vec<i64> = if descending {
        (lo..=hi).rev().collect()
    } else {
        (lo..=hi).collect()
    };
    let mut options: Vec<Spanned<OptionDef>> = order
        .iter()
        .map(|&c| {
            let (label, synonyms) = spelt(c);
            option(&label, synonyms, Some(c), true)
        })
        .collect();
    options.extend(
        not_substantive
            .iter()
            .map(|f| option(&f.text, spellings(f), None, false)),
    );
    let (seen_lo, seen_hi) = (
        *counts.keys().next().unwrap_or(&lo),
        *counts.keys().next_back().unwrap_or(&hi),
    );
    let from = match source {
        Source::Text => "the question's text",
        Source::Labels => "the labels written with the numbers",
        Source::Standard => "the standard rating ranges (0-1, 1-2, 1-4, 1-5, 1-6, 1-7, 1-10, 0-10)",
    };
    let best = if descending { hi } else { lo };
    let mut why = vec![format!(
        "Answers are numbers from {seen_lo} to {seen_hi}, read on a scale from {lo} to {hi} (from {from})."
    )];
    if seen_lo < lo || seen_hi > hi {
        why.push("Numbers outside it are listed as answers outside the scale.".into());
    }
    why.push(match (direction, confirmed) {
        (Some(_), true) => format!("{best} is the most favourable, as the form's words say."),
        (Some(_), false) => format!("{best} is the most favourable, as the form's words say; check the range, then set confirmed = true."),
        (None, _) => format!("Assumed: {best} is the most favourable; each score is the number itself. If {lo} is the most favourable, reverse the list; set the range the form used; then set confirmed = true."),
    });
    Some(Numbers {
        scale: ScaleDef {
            name: format!("codes {lo}-{hi}"),
            confirmed,
            kind: ScaleKindDef::Codes,
            options,
            ..Default::default()
        },
        why,
    })
}

/// Numbers as codes of categories (a coded list, numbers beyond any rating range, or a length
/// or pace in numbers), with any other answers ("3+") as categories too; `None` when there are
/// too many to be a list.
fn codes(
    values: &BTreeMap<i64, Vec<(String, u64)>>,
    not_substantive: &[&Form],
    forms: &[Form],
) -> Option<Numbers> {
    if values.len() > MAX_CODES || forms.len() > MAX_CODES + not_substantive.len() {
        return None;
    }
    let mut options: Vec<Spanned<OptionDef>> = values
        .iter()
        .map(|(c, spellings)| {
            let label = spellings
                .iter()
                .max_by_key(|(_, n)| *n)
                .map_or_else(|| c.to_string(), |(t, _)| t.clone());
            option(&label, vec![c.to_string()], Some(*c), true)
        })
        .collect();
    options.extend(
        forms
            .iter()
            .filter(|f| {
                f.spellings
                    .iter()
                    .all(|(s, _)| labelled_number(s).is_none())
            })
            .map(|f| {
                let substantive = ordinal::place(&f.text) != Some(Place::NotSubstantive);
                option(&f.text, spellings(f), None, substantive)
            }),
    );
    dedup_synonyms(&mut options);
    Some(Numbers {
        scale: ScaleDef {
            name: "codes".into(),
            kind: ScaleKindDef::Categories,
            options,
            ..Default::default()
        },
        why: vec![
            "Numbers under a question that names a list or asks about a length, pace or amount (or"
                .into(),
            "beyond any rating range): counted as categories, with no mean. Replace each label"
                .into(),
            "with the form's wording (keep `code`); for a scale, set kind and confirmed.".into(),
        ],
    })
}

/// Synonyms that repeat another option's label or synonym are dropped (an answer must mean
/// one option).
fn dedup_synonyms(options: &mut [Spanned<OptionDef>]) {
    let mut taken: std::collections::HashSet<String> = options
        .iter()
        .map(|o| crate::model::label_key(&o.get_ref().label))
        .collect();
    for o in options.iter_mut() {
        o.get_mut()
            .synonyms
            .retain(|s| taken.insert(crate::model::label_key(s)));
    }
}

/// The other spellings of a form that match otherwise than its text: none, as a form's
/// spellings differ only in case and spacing, which matching ignores (written out as synonyms,
/// each would repeat the option).
fn spellings(f: &Form) -> Vec<String> {
    let mut keys = vec![crate::model::label_key(&f.text)];
    f.spellings
        .iter()
        .map(|(s, _)| s.clone())
        .filter(|s| {
            let k = crate::model::label_key(s);
            let new = !keys.contains(&k);
            keys.push(k);
            new
        })
        .collect()
}

pub fn option(
    label: &str,
    synonyms: Vec<String>,
    code: Option<i64>,
    substantive: bool,
) -> Spanned<OptionDef> {
    Spanned::new(
        0..0,
        OptionDef {
            label: label.to_string(),
            synonyms,
            code,
            substantive,
            optional: false,
        },
    )
}

/// The shortest standard range holding every number, or a shorter one holding all but a
/// stray or two when the longer range's extra points are mostly unused.
pub fn standard(counts: &BTreeMap<i64, u64>, answers: u64) -> Option<(i64, i64)> {
    let (lo, hi) = (*counts.keys().next()?, *counts.keys().next_back()?);
    let all = STANDARD_RANGES
        .iter()
        .copied()
        .find(|(a, b)| *a <= lo && hi <= *b);
    // Too few answers to tell a stray from a point of the scale.
    if answers < MIN_ANSWERS_FOR_STRAYS {
        return all;
    }
    let strays_allowed = ((answers as f64 * MAX_STRAY_SHARE).floor() as u64).max(1);
    for &(a, b) in STANDARD_RANGES {
        if all.is_some_and(|(x, y)| b - a >= y - x) {
            break;
        }
        let inside: u64 = counts.range(a..=b).map(|(_, n)| n).sum();
        let strays = answers - inside;
        if strays == 0 || strays > strays_allowed || inside == 0 {
            continue;
        }
        let unused_mostly = match all {
            Some((x, y)) => {
                let extra = (x..=y).filter(|v| *v < a || *v > b);
                let (points, used) = extra.fold((0, 0), |(p, u), v| {
                    (p + 1, u + usize::from(counts.contains_key(&v)))
                });
                used * 2 < points
            }
            None => true,
        };
        if unused_mostly {
            return Some((a, b));
        }
    }
    all
}

/// The label written with a number (`Excellent` in `5 (Excellent)`, `Never` in `Never<br>1`).
pub fn end_label(text: &str, value: i64) -> Option<String> {
    let t = text.replace("<br>", " ");
    let digits = value.to_string();
    let at = t.find(&digits)?;
    let rest = format!("{} {}", &t[..at], &t[at + digits.len()..]);
    let label = rest
        .trim_matches(|c: char| c.is_whitespace() || "-\u{2013}=:()[].,".contains(c))
        .to_string();
    (!label.is_empty()).then_some(label)
}

/// Whether the higher number is the more favourable, from the words at each end: `Some(true)`
/// when the top end's words are favourable or the bottom end's unfavourable, `Some(false)` the
/// other way round, `None` when the words say nothing (or contradict each other).
fn direction(low: Option<&String>, high: Option<&String>) -> Option<bool> {
    let value = |w: Option<&String>| match w.and_then(|w| ordinal::place(w)) {
        Some(Place::Ordered(v)) if v != 0.0 => Some(v),
        _ => None,
    };
    match (value(low), value(high)) {
        (Some(l), Some(h)) if l < h => Some(true),
        (Some(l), Some(h)) if l > h => Some(false),
        (Some(_), Some(_)) => None,
        (None, Some(h)) => Some(h > 0.0),
        (Some(l), None) => Some(l < 0.0),
        (None, None) => None,
    }
}

/// The words a question's text gives each number (`1 = poor, 5 = excellent`).
fn stated_ends(header: &str) -> BTreeMap<i64, String> {
    static EQUALS: OnceLock<Regex> = OnceLock::new();
    let equals = EQUALS
        .get_or_init(|| Regex::new(r"\b(\d{1,2})\s*=\s*([\p{L}'’ ]+)").expect("valid pattern"));
    equals
        .captures_iter(header)
        .filter_map(|c| Some((c[1].parse().ok()?, c[2].trim().to_string())))
        .collect()
}

/// The rating range a question's text states: "1 = poor, 5 = excellent", "(1-5)", "0 to 10",
/// "on a scale of 1 to 7", "out of 10" (from 1).
pub fn stated_range(header: &str) -> Option<(i64, i64)> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static EQUALS: OnceLock<Regex> = OnceLock::new();
    static OUT_OF: OnceLock<Regex> = OnceLock::new();
    let range = RANGE.get_or_init(|| {
        Regex::new(r"(?i)\b([01])\s*(?:-|\u{2013}|to)\s*(\d{1,2})\b").expect("valid pattern")
    });
    let equals = EQUALS.get_or_init(|| Regex::new(r"\b(\d{1,2})\s*=").expect("valid pattern"));
    let out_of =
        OUT_OF.get_or_init(|| Regex::new(r"(?i)\bout of (\d{1,2})\b").expect("valid pattern"));
    let sane = |(a, b): (i64, i64)| (a <= 1 && (2..=10).contains(&b)).then_some((a, b));
    let ends: Vec<i64> = equals
        .captures_iter(header)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    if ends.len() >= 2 {
        let (a, b) = (*ends.iter().min()?, *ends.iter().max()?);
        return sane((a, b));
    }
    if let Some(c) = range.captures(header) {
        return sane((c[1].parse().ok()?, c[2].parse().ok()?));
    }
    out_of
        .captures(header)
        .and_then(|c| sane((1, c[1].parse().ok()?)))
}

/// Whether a question's text asks about a length, pace or amount, where the best answer is in
/// the middle (numbers under it are not "higher is better").
fn about_a_balance(header: &str) -> bool {
    const BALANCE_WORDS: &[&str] = &["length", "pace", "speed", "amount", "duration", "too"];
    header
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| BALANCE_WORDS.contains(&w))
}

/// Whether a question's text asks for one of a list (so numbers under it are codes of
/// categories, not ratings).
pub fn names_a_list(header: &str) -> bool {
    const LIST_WORDS: &[&str] = &[
        "which",
        "select",
        "department",
        "directorate",
        "service area",
        "ward",
        "gender",
        "ethnic",
        "ethnicity",
        "country",
        "region",
        "organisation",
        "organization",
        "party",
        "postcode",
        "how many",
        "number of",
        "year",
        "age",
    ];
    let h: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    LIST_WORDS.iter().any(|w| {
        h.match_indices(w).any(|(i, _)| {
            let before = h[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = h[i + w.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(answers: &[(&str, u64)]) -> AnswerTally {
        let mut t = AnswerTally::default();
        for (a, n) in answers {
            t.add(a, *n);
        }
        t
    }

    fn read(answers: &[(&str, u64)], header: &str) -> Numbers {
        let t = tally(answers);
        numeric(&t, &t.forms(), None, header).expect("read as numbers")
    }

    fn codes_of(n: &Numbers) -> Vec<i64> {
        n.scale
            .options
            .iter()
            .filter_map(|o| o.get_ref().code)
            .collect()
    }

    /// A 1-5 item with a single 0 was read on 0-10: the 0 is a stray.
    #[test]
    fn regression_one_stray_value_does_not_move_the_scale() {
        let n = read(
            &[("5", 60), ("4", 53), ("3", 8), ("2", 2), ("0", 1)],
            "The presenters were clear",
        );
        assert_eq!(codes_of(&n), [5, 4, 3, 2, 1]);
        assert!(!n.scale.confirmed, "a standard range is an assumption");
    }

    #[test]
    fn a_zero_to_ten_question_keeps_its_zero() {
        let mut answers: Vec<(String, u64)> = (1..=10).map(|v| (v.to_string(), 10)).collect();
        answers.push(("0".into(), 1));
        let a: Vec<(&str, u64)> = answers.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        assert_eq!(
            codes_of(&read(&a, "How likely are you to recommend it?")),
            (0..=10).rev().collect::<Vec<_>>()
        );
    }

    #[test]
    fn binary_four_and_six_point_items_are_recognised() {
        assert_eq!(codes_of(&read(&[("0", 5), ("1", 9)], "Reusable")), [1, 0]);
        assert_eq!(codes_of(&read(&[("1", 5), ("2", 9)], "Attended")), [2, 1]);
        assert_eq!(
            codes_of(&read(&[("1", 5), ("4", 9), ("3", 2)], "Q")),
            [4, 3, 2, 1]
        );
        assert_eq!(
            codes_of(&read(&[("1", 5), ("6", 9), ("3", 2)], "Q")),
            [6, 5, 4, 3, 2, 1]
        );
    }

    #[test]
    fn stated_ends_give_range_and_direction() {
        let n = read(&[("2", 4), ("3", 5)], "Rate it (1 = poor, 5 = excellent)");
        assert_eq!(codes_of(&n), [5, 4, 3, 2, 1]);
        assert!(n.scale.confirmed);
        let r = read(&[("2", 4), ("3", 5)], "Rate it (1 = excellent, 5 = poor)");
        assert_eq!(codes_of(&r), [1, 2, 3, 4, 5]);
        assert!(r.scale.confirmed);
        let unsure = read(&[("2", 4), ("3", 5)], "Rate it (1-5)");
        assert!(
            !unsure.scale.confirmed,
            "a range without words has no direction"
        );
    }

    #[test]
    fn end_labels_give_range_direction_and_the_options_words() {
        let n = read(
            &[
                ("1 - Strongly disagree", 2),
                ("2", 3),
                ("3", 4),
                ("5 - Strongly agree", 6),
            ],
            "The session met its aims",
        );
        assert_eq!(codes_of(&n), [5, 4, 3, 2, 1]);
        assert!(n.scale.confirmed);
        assert_eq!(n.scale.options[0].get_ref().label, "5 - Strongly agree");
    }

    #[test]
    fn na_among_ratings_is_not_substantive() {
        let n = read(
            &[("N/A", 12), ("4", 10), ("5", 8), ("3", 2)],
            "Rate the food",
        );
        let last = n.scale.options.last().unwrap().get_ref();
        assert_eq!((last.label.as_str(), last.substantive), ("N/A", false));
    }
}
