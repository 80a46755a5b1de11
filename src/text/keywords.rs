//! Distinctive words and two-word phrases per question, to suggest themes: TF-IDF with each
//! question's comments as one document, tf = respondents to the question who used the term,
//! idf = ln((1 + Q) / (1 + df)) + 1 over the Q free-text questions (the smoothed idf of
//! scikit-learn's `TfidfVectorizer`). Stop words are left out and words are merged by stem.

use super::tokens::Token;
use crate::model::{FreeTextAnswer, Keyword};
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Terms listed per question.
pub const PER_QUESTION: usize = 8;

/// Respondents a two-word phrase needs to be listed.
pub const MIN_PHRASE_RESPONDENTS: u64 = 2;

/// A term as interned stem ids: `(stem, NONE)` for a word, `(stem, next stem)` for a phrase.
type Term = (u32, u32);
const NONE: u32 = u32::MAX;

/// Keywords of every question, questions in `order`, from the answers (for their question)
/// and each answer's words.
pub fn keywords(
    answers: &[FreeTextAnswer],
    words_of: &[&[Token]],
    order: &[String],
) -> Vec<Keyword> {
    // Stems interned once, so that counting hashes pairs of numbers, not strings.
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut stems: Vec<&str> = Vec::new();
    let question_of: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), i))
        .collect();
    // (question, term) -> respondents using the term.
    let mut tf: HashMap<(usize, Term), u64> = HashMap::default();
    let mut seen: Vec<Term> = Vec::new();
    // The answers to each question, for finding the written form of its terms.
    let mut answers_to: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
    for (ai, (a, words)) in answers.iter().zip(words_of).enumerate() {
        let Some(&q) = question_of.get(&*a.question) else {
            continue;
        };
        answers_to[q].push(ai);
        seen.clear();
        let content: Vec<Option<u32>> = words
            .iter()
            .map(|t| {
                (!t.stop).then(|| {
                    *ids.entry(&t.stem).or_insert_with(|| {
                        stems.push(&t.stem);
                        stems.len() as u32 - 1
                    })
                })
            })
            .collect();
        for (i, w) in content.iter().enumerate() {
            let Some(w) = *w else { continue };
            seen.push((w, NONE));
            if let Some(Some(next)) = content.get(i + 1) {
                seen.push((w, *next));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for term in &seen {
            *tf.entry((q, *term)).or_default() += 1;
        }
    }
    let mut df: HashMap<Term, u64> = HashMap::default();
    for (_, term) in tf.keys() {
        *df.entry(*term).or_default() += 1;
    }
    let n_questions = tf.keys().map(|(q, _)| *q).collect::<BTreeSet<_>>().len() as f64;
    let text_of = |t: &Term| -> (&str, &str) {
        (
            stems[t.0 as usize],
            if t.1 == NONE { "" } else { stems[t.1 as usize] },
        )
    };
    let mut out = Vec::new();
    for (qi, question) in order.iter().enumerate() {
        // A phrase used by one respondent is usually two words that happen to meet.
        let mut scored: Vec<(f64, Term, u64)> = tf
            .iter()
            .filter(|((q, term), &n)| *q == qi && (term.1 == NONE || n >= MIN_PHRASE_RESPONDENTS))
            .map(|((_, term), &n)| {
                let idf = ((1.0 + n_questions) / (1.0 + df[term] as f64)).ln() + 1.0;
                (n as f64 * idf, *term, n)
            })
            .collect();
        // Highest score first; ties by the stems, so the order never changes.
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| text_of(&a.1).cmp(&text_of(&b.1)))
        });
        scored.truncate(PER_QUESTION);
        // The written form of each chosen term: the most common, then the first in order.
        let mut forms: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); scored.len()];
        // The chosen terms by their first stem.
        let mut starting: HashMap<&str, Vec<usize>> = HashMap::default();
        for (k, (_, term, _)) in scored.iter().enumerate() {
            starting.entry(text_of(term).0).or_default().push(k);
        }
        for &ai in &answers_to[qi] {
            let words = words_of[ai];
            for (i, t) in words.iter().enumerate() {
                if t.stop {
                    continue;
                }
                let Some(ks) = starting.get(&*t.stem) else {
                    continue;
                };
                for &k in ks {
                    let second = text_of(&scored[k].1).1;
                    if second.is_empty() {
                        *forms[k].entry(t.word.to_string()).or_default() += 1;
                    } else if let Some(next) = words.get(i + 1) {
                        if &*next.stem == second && !next.stop {
                            *forms[k]
                                .entry(format!("{} {}", t.word, next.word))
                                .or_default() += 1;
                        }
                    }
                }
            }
        }
        for ((score, term, n), forms) in scored.into_iter().zip(forms) {
            let written = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            out.push(Keyword {
                question: question.clone(),
                term: written,
                kind: if term.1 == NONE { "word" } else { "phrase" }.to_string(),
                respondents: n,
                score,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(question: &str, text: &str) -> FreeTextAnswer {
        FreeTextAnswer {
            group: "s".into(),
            question: question.into(),
            respondent: "1".into(),
            text: text.into(),
        }
    }

    /// Two questions; "training" is in both (idf = ln(3/3) + 1 = 1), "fostering" only in the
    /// first (idf = ln(3/2) + 1 = 1.405465), used by two respondents: score 2.810930.
    #[test]
    fn tf_idf_prefers_words_of_one_question() {
        let answers = [
            answer("Q1", "Fostering training"),
            answer("Q1", "More on fostering panels"),
            answer("Q1", "Fostering panels"),
            answer("Q2", "Shorter training"),
        ];
        let words: Vec<Vec<Token>> = answers
            .iter()
            .map(|a| super::super::tokens::tokens(&a.text))
            .collect();
        let refs: Vec<&[Token]> = words.iter().map(Vec::as_slice).collect();
        let k = keywords(&answers, &refs, &["Q1".into(), "Q2".into()]);
        let first = &k[0];
        assert_eq!(
            (first.question.as_str(), first.term.as_str()),
            ("Q1", "fostering")
        );
        assert_eq!(first.respondents, 3);
        assert!((first.score - 3.0 * ((3.0f64 / 2.0).ln() + 1.0)).abs() < 1e-9);
        let training = k
            .iter()
            .find(|x| x.question == "Q1" && x.term == "training")
            .unwrap();
        assert!((training.score - 1.0).abs() < 1e-9);
        assert!(k
            .iter()
            .any(|x| x.kind == "phrase" && x.term == "fostering panels"));
        // Used by one respondent only: not listed.
        assert!(!k.iter().any(|x| x.term == "fostering training"));
        assert!(!k.iter().any(|x| x.term == "more" || x.term == "on"));
    }
}
