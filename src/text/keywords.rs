//! Distinctive words and two-word phrases per question, to suggest themes: TF-IDF with each
//! question's comments as one document, tf = respondents to the question who used the term,
//! idf = ln((1 + Q) / (1 + df)) + 1 over the Q free-text questions (the smoothed idf of
//! scikit-learn's `TfidfVectorizer`). Stop words are left out and words are merged by stem.

use super::tokens::Token;
use crate::model::{FreeTextAnswer, Keyword};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

/// Terms listed per question.
pub const PER_QUESTION: usize = 8;

/// Respondents a two-word phrase needs to be listed.
pub const MIN_PHRASE_RESPONDENTS: u64 = 2;

/// A term as interned stem ids: `(stem, NONE)` for a word, `(stem, next stem)` for a phrase.
type Term = (u32, u32);
const NONE: u32 = u32::MAX;

/// Keywords of every question, questions in `order`, from the answers (for their question)
/// and each answer's words. Each question's terms are counted on their own, the questions in
/// parallel; only the document frequency (questions using a term) joins them.
pub fn keywords(
    answers: &[FreeTextAnswer],
    words_of: &[&[Token]],
    order: &[String],
) -> Vec<Keyword> {
    let question_of: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), i))
        .collect();
    let mut answers_to: Vec<Vec<usize>> = vec![Vec::new(); order.len()];
    for (ai, a) in answers.iter().enumerate() {
        if let Some(&q) = question_of.get(&*a.question) {
            answers_to[q].push(ai);
        }
    }
    let counted: Vec<Question> = answers_to
        .par_iter()
        .map(|to| Question::count(to, words_of))
        .collect();
    // Questions using each term, by the text of its stems (each question numbers its own).
    let mut df: HashMap<Stems, u64> = HashMap::default();
    for q in &counted {
        for term in q.tf.keys() {
            *df.entry(q.stems_of(term)).or_default() += 1;
        }
    }
    let n_questions = counted.iter().filter(|q| !q.tf.is_empty()).count() as f64;
    order
        .par_iter()
        .zip(&counted)
        .zip(&answers_to)
        .map(|((question, q), to)| q.keywords(question, to, words_of, &df, n_questions))
        .collect::<Vec<Vec<Keyword>>>()
        .into_iter()
        .flatten()
        .collect()
}

/// A term by the text of its stems: a word's, or a phrase's two.
type Stems<'a> = (&'a str, Option<&'a str>);

/// One question's terms: its stems interned (so that counting hashes pairs of numbers, not
/// strings), and the respondents using each term.
struct Question<'a> {
    stems: Vec<&'a str>,
    tf: HashMap<Term, u64>,
}

impl<'a> Question<'a> {
    /// Counts the terms of the answers `to` the question.
    fn count(to: &[usize], words_of: &[&'a [Token]]) -> Question<'a> {
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut stems: Vec<&str> = Vec::new();
        let mut tf: HashMap<Term, u64> = HashMap::default();
        let mut seen: Vec<Term> = Vec::new();
        let mut content: Vec<Option<u32>> = Vec::new();
        for &ai in to {
            seen.clear();
            content.clear();
            content.extend(words_of[ai].iter().map(|t| {
                (!t.stop).then(|| {
                    *ids.entry(&t.stem).or_insert_with(|| {
                        stems.push(&t.stem);
                        stems.len() as u32 - 1
                    })
                })
            }));
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
                *tf.entry(*term).or_default() += 1;
            }
        }
        Question { stems, tf }
    }

    /// A term by the text of its stems, the same in every question.
    fn stems_of(&self, t: &Term) -> Stems<'a> {
        let stem = |id: u32| self.stems[id as usize];
        (stem(t.0), (t.1 != NONE).then(|| stem(t.1)))
    }

    /// The question's best-scoring terms, each in its most common written form.
    fn keywords(
        &self,
        question: &str,
        to: &[usize],
        words_of: &[&[Token]],
        df: &HashMap<Stems, u64>,
        n_questions: f64,
    ) -> Vec<Keyword> {
        // A phrase used by one respondent is usually two words that happen to meet.
        let mut scored: Vec<(f64, Term, u64)> = self
            .tf
            .iter()
            .filter(|(term, &n)| term.1 == NONE || n >= MIN_PHRASE_RESPONDENTS)
            .map(|(term, &n)| {
                let idf =
                    ((1.0 + n_questions) / (1.0 + df[&self.stems_of(term)] as f64)).ln() + 1.0;
                (n as f64 * idf, *term, n)
            })
            .collect();
        // Highest score first; ties by the stems (a word before the phrases it starts), so
        // the order never changes.
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.stems_of(&a.1).cmp(&self.stems_of(&b.1)))
        });
        scored.truncate(PER_QUESTION);
        // The written form of each chosen term: the most common, then the first in order.
        let mut forms: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); scored.len()];
        // The chosen terms by their first stem.
        let mut starting: HashMap<&str, Vec<usize>> = HashMap::default();
        for (k, (_, term, _)) in scored.iter().enumerate() {
            starting.entry(self.stems_of(term).0).or_default().push(k);
        }
        for &ai in to {
            let words = words_of[ai];
            for (i, t) in words.iter().enumerate() {
                if t.stop {
                    continue;
                }
                let Some(ks) = starting.get(&*t.stem) else {
                    continue;
                };
                for &k in ks {
                    match (self.stems_of(&scored[k].1).1, words.get(i + 1)) {
                        (None, _) => *forms[k].entry(t.word.to_string()).or_default() += 1,
                        (Some(second), Some(next)) if &*next.stem == second && !next.stop => {
                            *forms[k]
                                .entry(format!("{} {}", t.word, next.word))
                                .or_default() += 1
                        }
                        _ => {}
                    }
                }
            }
        }
        scored
            .into_iter()
            .zip(forms)
            .map(|((score, term, n), forms)| Keyword {
                question: question.to_string(),
                term: forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(f, _)| f.clone())
                    .unwrap_or_default(),
                kind: if term.1 == NONE { "word" } else { "phrase" }.to_string(),
                respondents: n,
                score,
            })
            .collect()
    }
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
