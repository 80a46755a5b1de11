//! Distinctive words and two-word phrases per question, to suggest themes: TF-IDF with each
//! question's comments as one document, tf = respondents to the question who used the term,
//! idf = ln((1 + Q) / (1 + df)) + 1 over the Q free-text questions (the smoothed idf of
//! scikit-learn's `TfidfVectorizer`). Stop words are left out and words are merged by stem.

use super::tokens::{is_stop, tokens};
use crate::model::{FreeTextAnswer, Keyword};
use std::collections::{BTreeMap, BTreeSet};

/// Terms listed per question.
pub const PER_QUESTION: usize = 8;

/// Respondents a two-word phrase needs to be listed.
pub const MIN_PHRASE_RESPONDENTS: u64 = 2;

/// A stemmed term: one stem (a word) or two (a phrase).
type Term = Vec<String>;

/// Keywords of every question, questions in `order`.
pub fn keywords(answers: &[FreeTextAnswer], order: &[String]) -> Vec<Keyword> {
    // Per question: term -> respondents using it; per term: written forms seen.
    let mut tf: BTreeMap<&str, BTreeMap<Term, u64>> = BTreeMap::new();
    let mut forms: BTreeMap<Term, BTreeMap<String, u64>> = BTreeMap::new();
    for a in answers {
        let words: Vec<_> = tokens(&a.text)
            .into_iter()
            .filter(|t| !t.word.is_empty())
            .collect();
        let mut seen: BTreeSet<Term> = BTreeSet::new();
        for (i, t) in words.iter().enumerate() {
            if is_stop(&t.word) {
                continue;
            }
            let mut add = |term: Term, form: String| {
                *forms
                    .entry(term.clone())
                    .or_default()
                    .entry(form)
                    .or_default() += 1;
                seen.insert(term);
            };
            add(vec![t.stem.clone()], t.word.clone());
            if let Some(next) = words.get(i + 1).filter(|n| !is_stop(&n.word)) {
                add(
                    vec![t.stem.clone(), next.stem.clone()],
                    format!("{} {}", t.word, next.word),
                );
            }
        }
        let per = tf.entry(a.question.as_str()).or_default();
        for term in seen {
            *per.entry(term).or_default() += 1;
        }
    }
    let q = tf.len() as f64;
    let mut df: BTreeMap<&Term, u64> = BTreeMap::new();
    for per in tf.values() {
        for term in per.keys() {
            *df.entry(term).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for question in order {
        let Some(per) = tf.get(question.as_str()) else {
            continue;
        };
        // A phrase used by one respondent is usually two words that happen to meet.
        let mut scored: Vec<(f64, &Term, u64)> = per
            .iter()
            .filter(|(term, &n)| term.len() == 1 || n >= MIN_PHRASE_RESPONDENTS)
            .map(|(term, &n)| {
                let idf = ((1.0 + q) / (1.0 + df[term] as f64)).ln() + 1.0;
                (n as f64 * idf, term, n)
            })
            .collect();
        // Highest score first; ties by the term, so the order never changes.
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        for (score, term, n) in scored.into_iter().take(PER_QUESTION) {
            let written = forms[term]
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            out.push(Keyword {
                question: question.clone(),
                term: written,
                kind: if term.len() == 1 { "word" } else { "phrase" }.to_string(),
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
        let k = keywords(&answers, &["Q1".into(), "Q2".into()]);
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
