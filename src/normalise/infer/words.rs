//! Questions whose answers fit a scale of the library (agreement, satisfaction, frequency...),
//! read in the export's own words: the library gives the options' order and sentiment, never
//! their wording. An answer fits an option by its whole text or by its leading words (`Excellent
//! - no problems`, `(5) Strongly agree`, `Simple: little learning needed`).

use super::super::matcher::Matcher;
use super::super::ordinal::{self, Place};
use super::choice;
use super::tally::Form;
use crate::config::definition::{OptionDef, ScaleDef, ScaleKindDef};
use crate::model::{label_key, Scale, ScaleKind};
use toml::Spanned;

/// A question's answers must fit one scale at least this often (share of its non-blank
/// answers) for the question to be read on that scale; the rest are listed as answers outside
/// the scale, and a headline is built only when they are few (see `report`).
pub const MIN_SCALE_FIT: f64 = 0.8;

/// The keys an answer may fit an option by: its whole text, the text after a leading code
/// (`(5) Strongly agree`, `5 - Strongly agree`, `5. Strongly agree`), and the words before an
/// explanation (` - `, ` – `, `: `, ` (`).
pub fn lead_keys(text: &str) -> Vec<String> {
    let full = label_key(text);
    let mut out = vec![full.clone()];
    let rest = strip_code(&full);
    if rest != full && !rest.is_empty() {
        out.push(rest.to_string());
    }
    for base in [full.as_str(), rest] {
        let cut = [" - ", ": ", " ("]
            .iter()
            .filter_map(|sep| base.find(sep))
            .min();
        if let Some(at) = cut.filter(|&at| at > 0) {
            let head = label_key(&base[..at]);
            if !head.is_empty() && !out.contains(&head) {
                out.push(head);
            }
        }
    }
    out
}

/// The text after a leading code: `(5) `, `5 - `, `5. `, `5) `, `5: `.
fn strip_code(key: &str) -> &str {
    let t = key.trim_start_matches('(');
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return key;
    }
    let rest = &t[digits..];
    let trimmed = rest.trim_start_matches([')', '.', ':', '-', ' ']);
    if trimmed.len() == rest.len() || !rest.starts_with([')', '.', ':', '-', ' ']) {
        return key;
    }
    trimmed
}

/// A question's answers on one library scale: which, and each option's spellings.
#[derive(Debug, Clone)]
pub struct LibraryFit {
    pub scale: usize,
    /// Per option of the library scale: the export's spellings of it, with their counts.
    pub spellings: Vec<Vec<(String, u64)>>,
    /// Answers outside the library scale that say the respondent gave no view ("Prefer not
    /// to say"), each with its spellings: non-substantive options of the question.
    pub extras: Vec<Vec<(String, u64)>>,
    /// Answers that fit no option (up to four, for `init`'s remarks).
    pub outside: Vec<String>,
}

/// The library scale most answers fit, when they fit it well enough ([`MIN_SCALE_FIT`] of the
/// answers, or all but one of a few); of two that fit as many, the shorter (a Yes/No question
/// is not put on a longer scale that happens to hold "No").
pub fn library_fit(
    forms: &[Form],
    answers: u64,
    library: &[Scale],
    matcher: &Matcher,
) -> Option<LibraryFit> {
    let keys: Vec<Vec<String>> = forms.iter().map(|f| lead_keys(&f.text)).collect();
    let option = |i: usize, s: usize| keys[i].iter().find_map(|k| matcher.option_for_key(k, s));
    let mut fits: Vec<u64> = vec![0; library.len()];
    for (i, f) in forms.iter().enumerate() {
        let mut scales: Vec<usize> = keys[i]
            .iter()
            .flat_map(|k| matcher.scales_for_key(k))
            .collect();
        scales.sort_unstable();
        scales.dedup();
        for s in scales {
            fits[s] += f.count;
        }
    }
    let best = (0..library.len())
        .filter(|&s| fits[s] > 0)
        .max_by(|&a, &b| {
            fits[a]
                .cmp(&fits[b])
                .then(library[b].options.len().cmp(&library[a].options.len()))
                .then(b.cmp(&a))
        })?;
    if !fits_enough(fits[best], answers) {
        return None;
    }
    // The answers must fit the scale's own points, not only its "Don't know" and "N/A".
    let substantive: u64 = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            option(*i, best).is_some_and(|o| library[best].options[o].sentiment.is_some())
        })
        .map(|(_, f)| f.count)
        .sum();
    let aside: u64 = forms
        .iter()
        .filter(|f| ordinal::place(&f.text) == Some(Place::NotSubstantive))
        .map(|f| f.count)
        .sum();
    if substantive == 0 || !fits_enough(substantive, answers.saturating_sub(aside)) {
        return None;
    }
    let mut spellings = vec![Vec::new(); library[best].options.len()];
    let mut keys_of: Vec<Option<&str>> = vec![None; library[best].options.len()];
    let fitted: Vec<&Form> = (0..forms.len())
        .filter(|&i| option(i, best).is_some())
        .map(|i| &forms[i])
        .collect();
    let mut extras = Vec::new();
    let mut outside = Vec::new();
    for (i, f) in forms.iter().enumerate() {
        match option(i, best) {
            Some(o) => {
                // Two different answers on one option ("Slightly important" and "Somewhat
                // important", each an option of the form): the form's scale is not the
                // library's, whose order would merge them.
                if keys_of[o].is_some_and(|k| k != f.key) {
                    return None;
                }
                keys_of[o] = Some(&f.key);
                spellings[o].extend(f.spellings.iter().cloned());
            }
            // "Prefer not to say", "No opinion": counted, left out of means.
            None if ordinal::place(&f.text) == Some(Place::NotSubstantive) => {
                extras.push(f.spellings.clone());
            }
            // An answer outside the scale that looks like its options is an option of the form
            // the library does not have ("Very often", "Never, but open to it"): its place in
            // the order is unknown, so the library cannot order the question.
            None if !is_blank_like(&f.text)
                && choice::option_shaped(f, &fitted)
                && !(f.count == 1 && is_typo(&f.key, &library[best])) =>
            {
                return None
            }
            None => {
                if outside.len() < 4 {
                    outside.push(f.text.clone());
                }
            }
        }
    }
    Some(LibraryFit {
        scale: best,
        spellings,
        extras,
        outside,
    })
}

/// A misspelling of one of the scale's options ("Very satisifed"): within two edits of it, the
/// answer eight characters or more, and no word of it the option's word negated
/// ("unimportant" is no misspelling of "important").
fn is_typo(key: &str, scale: &Scale) -> bool {
    let negated = |a: &str, b: &str| {
        a.split_whitespace()
            .zip(b.split_whitespace())
            .any(|(x, y)| x != y && (x.ends_with(y) || y.ends_with(x)))
    };
    key.chars().count() >= 8
        && scale.options.iter().any(|o| {
            std::iter::once(&o.label).chain(&o.synonyms).any(|l| {
                let l = label_key(l);
                crate::model::edit_distance(key, &l) <= 2 && !negated(key, &l)
            })
        })
}

/// An answer that says nothing (`-`, `?`), which may repeat without being an option.
fn is_blank_like(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// Whether `fits` of `answers` fitting a scale is evidence enough: [`MIN_SCALE_FIT`] of them,
/// or all but one of a few (one odd answer among four is listed, not a reason to give up).
pub fn fits_enough(fits: u64, answers: u64) -> bool {
    answers > 0
        && (fits as f64 >= MIN_SCALE_FIT * answers as f64 || (fits >= 3 && fits + 1 >= answers))
}

/// The questions on one library scale, grouped so that each group agrees on the wording of
/// every option it has seen: one scale each, in the export's words. `fits` are the questions'
/// fits to `library[scale]`, in survey order; returns each question's group.
pub fn group(fits: &[&LibraryFit]) -> Vec<usize> {
    let mut groups: Vec<Vec<Option<String>>> = Vec::new();
    let top = |f: &LibraryFit| -> Vec<Option<String>> {
        f.spellings
            .iter()
            .map(|s| s.iter().max_by_key(|(_, n)| *n).map(|(t, _)| label_key(t)))
            .collect()
    };
    fits.iter()
        .map(|f| {
            let words = top(f);
            let agrees = |g: &Vec<Option<String>>| {
                g.iter()
                    .zip(&words)
                    .all(|(a, b)| a.is_none() || b.is_none() || a == b)
            };
            match groups.iter().position(agrees) {
                Some(i) => {
                    for (slot, w) in groups[i].iter_mut().zip(words) {
                        if slot.is_none() {
                            *slot = w;
                        }
                    }
                    i
                }
                None => {
                    groups.push(words);
                    groups.len() - 1
                }
            }
        })
        .collect()
}

/// The library scale written in the export's words: each option labelled with its most
/// written spelling across `fits` (one group's questions), the other spellings as synonyms.
/// An option nobody chose keeps the library's wording when the export writes the others in
/// the library's own words, and is listed; otherwise its wording is unknown and it is listed
/// only if someone chooses it. `None` when the export's words are the library's.
pub fn in_export_words(name: &str, library: &Scale, fits: &[&LibraryFit]) -> Option<ScaleDef> {
    let mut per_option: Vec<Vec<(String, u64)>> = vec![Vec::new(); library.options.len()];
    for f in fits {
        for (o, spellings) in f.spellings.iter().enumerate() {
            for (text, n) in spellings {
                match per_option[o].iter_mut().find(|(t, _)| t == text) {
                    Some(slot) => slot.1 += n,
                    None => per_option[o].push((text.clone(), *n)),
                }
            }
        }
    }
    // Each option's most written spelling; on a tie, the library's own if it is one of them,
    // else the first seen. White space runs become single spaces.
    let labels: Vec<Option<String>> = per_option
        .iter()
        .zip(&library.options)
        .map(|(s, o)| {
            let most = s.iter().map(|(_, n)| *n).max()?;
            let tied: Vec<&String> = s
                .iter()
                .filter(|(_, n)| *n == most)
                .map(|(t, _)| t)
                .collect();
            let pick = tied
                .iter()
                .find(|t| t.split_whitespace().collect::<Vec<_>>().join(" ") == o.label)
                .or(tied.first())?;
            Some(pick.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect();
    let mut extras: Vec<(String, Vec<String>)> = Vec::new();
    for f in fits {
        for spellings in &f.extras {
            let Some((label, _)) = spellings.iter().max_by_key(|(_, n)| *n) else {
                continue;
            };
            match extras
                .iter_mut()
                .find(|(l, _)| label_key(l) == label_key(label))
            {
                Some((_, all)) => all.extend(spellings.iter().map(|(t, _)| t.clone())),
                None => extras.push((
                    label.clone(),
                    spellings.iter().map(|(t, _)| t.clone()).collect(),
                )),
            }
        }
    }
    let same = labels
        .iter()
        .zip(&library.options)
        .all(|(l, o)| l.as_ref().is_none_or(|l| *l == o.label));
    if same && extras.is_empty() {
        return None;
    }
    let library_words = labels.iter().zip(&library.options).all(|(l, o)| {
        l.as_ref()
            .is_none_or(|l| label_key(l) == label_key(&o.label))
    });
    // A form's own scale (the 2016 sheet's) is known whole when the export writes most of
    // its options in the form's words; a satisfaction question worded otherwise ("Satisfied")
    // is another form's.
    let seen = labels.iter().flatten().count();
    let own = labels
        .iter()
        .zip(&library.options)
        .filter(|(l, o)| {
            l.as_ref()
                .is_some_and(|l| label_key(l) == label_key(&o.label))
        })
        .count();
    let whole = library.whole && own * 2 >= seen;
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut options: Vec<Spanned<OptionDef>> = Vec::new();
    let mut sentiments = Vec::new();
    for ((o, label), spellings) in library.options.iter().zip(&labels).zip(&per_option) {
        let seen = label.is_some();
        // Nobody chose it, and the export's wording of it is unknown (a form's own scale is
        // known whole).
        let unknown = !seen && (o.optional || !library_words && !whole);
        if unknown && o.sentiment.is_none() {
            continue;
        }
        let label = label.clone().unwrap_or_else(|| o.label.clone());
        taken.insert(label_key(&label));
        let mut synonyms: Vec<String> = spellings
            .iter()
            .map(|(t, _)| t.clone())
            .chain(std::iter::once(o.label.clone()))
            .chain(o.synonyms.iter().cloned())
            .collect();
        synonyms.retain(|s| *s != label);
        options.push(Spanned::new(
            0..0,
            OptionDef {
                label,
                synonyms,
                code: o.code,
                substantive: o.sentiment.is_some(),
                // A point of the scale still counts in its scores (they count down from the
                // top, whatever each point is called), but is listed only if chosen; so is a
                // "Don't know" the library offers, which one question may offer and another not.
                optional: unknown || o.optional,
            },
        ));
        if let Some(s) = o.sentiment {
            sentiments.push(s);
        }
    }
    for (label, spellings) in extras {
        if !taken.insert(label_key(&label)) {
            continue;
        }
        options.push(Spanned::new(
            0..0,
            OptionDef {
                synonyms: spellings.into_iter().filter(|s| *s != label).collect(),
                label,
                code: None,
                substantive: false,
                optional: true,
            },
        ));
    }
    // An answer must mean one option: a spelling already taken by another option goes.
    for o in &mut options {
        o.get_mut().synonyms.retain(|s| taken.insert(label_key(s)));
    }
    let kind = match library.kind {
        ScaleKind::Ordered => ScaleKindDef::Ordered,
        ScaleKind::Codes => ScaleKindDef::Codes,
        ScaleKind::Centred => ScaleKindDef::Centred,
        ScaleKind::Categories => ScaleKindDef::Categories,
    };
    let middle = library
        .options
        .iter()
        .zip(&labels)
        .find(|(o, _)| {
            o.sentiment
                == Some(if library.kind == ScaleKind::Centred {
                    2
                } else {
                    0
                })
        })
        .map(|(o, l)| l.clone().unwrap_or_else(|| o.label.clone()));
    Some(ScaleDef {
        name: name.to_string(),
        confirmed: true,
        middle,
        kind,
        favourable: Some(library.favourable),
        options,
        write_ins: false,
        sentiments: Some(sentiments),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_words_and_codes_are_keys() {
        assert_eq!(
            lead_keys("Excellent – no problems"),
            ["excellent - no problems", "excellent"]
        );
        assert_eq!(
            lead_keys("(5) Strongly agree"),
            ["(5) strongly agree", "strongly agree"]
        );
        assert_eq!(lead_keys("Agree"), ["agree"]);
    }
}
