//! Free-text answers: gathered per session and question, in survey order, so none is lost;
//! redacted before anything else sees them; coded into codebook themes (with the comments no
//! theme fits kept apart), with distinctive words and representative quotes per question.

#[cfg(test)]
mod agreement;
mod codebook;
mod keywords;
mod order;
mod redact;
mod tokens;

pub use codebook::builtin as builtin_codebook;
pub use redact::Redactor;

use crate::config::TextDef;
use crate::error::{Error, Result};
use crate::frame::{one_chunk, with_replaced};
use crate::model::{col, FreeTextAnswer, Keyword, Quote, Survey, ThemeCount, NO_THEME};
use polars::prelude::{DataFrame, IntoColumn, PolarsResult, StringChunked};
use polars_arrow::array::Utf8ViewArray;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::Arc;

/// Every free-text answer, ordered by session, question (survey order), file and row.
/// Line breaks inside an answer are kept; surrounding white space is not.
pub fn answers(tidy: &DataFrame, survey: &Survey) -> Result<Vec<FreeTextAnswer>> {
    let order: HashMap<&str, usize> = survey
        .free_text()
        .enumerate()
        .map(|(i, q)| (q.label.as_str(), i))
        .collect();
    let read = || -> PolarsResult<Vec<FreeTextAnswer>> {
        let get = |name: &str| tidy.column(name).and_then(|c| c.str());
        let (kind, session, question, respondent, answer, file) = (
            get(col::KIND)?,
            get(col::SESSION)?,
            get(col::QUESTION)?,
            get(col::RESPONDENT)?,
            get(col::ANSWER)?,
            get(col::FILE)?,
        );
        let row = tidy.column(col::ROW)?.u32()?;
        // Read chunk by chunk: (session, question order, file, row) and the answer's fields.
        let mut found: Vec<(AnswerKey, [&str; 3])> = kind
            .iter()
            .zip(question.iter())
            .zip(session.iter())
            .zip(file.iter())
            .zip(row.iter())
            .zip(respondent.iter().zip(answer.iter()))
            .filter(|(((((k, _), _), _), _), _)| *k == Some(col::KIND_FREE_TEXT))
            .filter_map(|(((((_, q), s), f), r), (who, text))| {
                let q = q?;
                let s = s.unwrap_or_default();
                Some((
                    (s, *order.get(q)?, f.unwrap_or_default(), r.unwrap_or(0)),
                    [q, who.unwrap_or_default(), text.unwrap_or_default()],
                ))
            })
            .collect();
        // Stable: two answers with one key stay in table order.
        found.sort_by_key(|(key, _)| *key);
        // Each session's and question's name is held once, shared by its answers.
        let mut names: HashMap<&str, Arc<str>> = HashMap::default();
        Ok(found
            .into_iter()
            .map(|((session, ..), [question, who, text])| FreeTextAnswer {
                group: shared(&mut names, session),
                question: shared(&mut names, question),
                respondent: who.to_string(),
                text: text.trim().to_string(),
            })
            .collect())
    };
    read().map_err(Error::table("free-text answers"))
}

/// Free-text answers gathered part by part (each part by [`answers`], parts in table order)
/// put in the order [`answers`] gives a whole table: by session and question (survey order),
/// then as met.
pub fn in_answer_order(answers: &mut [FreeTextAnswer], survey: &Survey) {
    let order: HashMap<&str, usize> = survey
        .free_text()
        .enumerate()
        .map(|(i, q)| (q.label.as_str(), i))
        .collect();
    // Stable: answers of one session and question stay in table order.
    answers.sort_by(|a, b| {
        (&*a.group, order.get(&*a.question)).cmp(&(&*b.group, order.get(&*b.question)))
    });
}

/// `name` as one copy shared by every answer that names it.
fn shared<'a>(names: &mut HashMap<&'a str, Arc<str>>, name: &'a str) -> Arc<str> {
    names.entry(name).or_insert_with(|| Arc::from(name)).clone()
}

/// Where a free-text answer goes: session, question in survey order, file, row.
type AnswerKey<'a> = (&'a str, usize, &'a str, u32);

/// The themes a comment carries, with the number of each theme's terms it contains.
type Codes = Vec<(usize, usize)>;

/// What the free text says, question by question.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Per group (overall, then sessions) and question (survey order): themes by respondents.
    pub themes: Vec<ThemeCount>,
    pub keywords: Vec<Keyword>,
    pub quotes: Vec<Quote>,
    /// Comments that carry no theme, in answer order.
    pub uncoded: Vec<FreeTextAnswer>,
}

/// The redactor a run uses: `None` when the definition turns redaction off.
pub fn redactor(def: &TextDef, roster: &[String]) -> Option<Redactor> {
    def.redact.then(|| {
        let names: Vec<String> = def.names.iter().chain(roster).cloned().collect();
        Redactor::new(&names, def.guess_names)
    })
}

/// The tidy table with every answer typed by a respondent redacted: free text and answers that
/// fit no option (a phone number typed into a rating column). Answers matched to an option are
/// the form's own words: those of a scale are left as they are, and those of a list of
/// categories are redacted as options are (`Redactor::redact_option`). Returns the table and how many
/// free-text answers were changed.
pub fn redact_table(tidy: &DataFrame, redactor: Option<&Redactor>) -> Result<(DataFrame, u64)> {
    let Some(redactor) = redactor else {
        return Ok((tidy.clone(), 0));
    };
    let typed = |df: &DataFrame| -> PolarsResult<(StringChunked, u64)> {
        let get = |name: &str| df.column(name).and_then(|c| c.str().cloned());
        let (mut answer, mut option, mut kind) =
            (get(col::ANSWER)?, get(col::OPTION)?, get(col::KIND)?);
        let lengths = |c: &StringChunked| c.chunk_lengths().collect::<Vec<usize>>();
        if lengths(&answer) != lengths(&option) || lengths(&answer) != lengths(&kind) {
            answer = one_chunk(&answer);
            option = one_chunk(&option);
            kind = one_chunk(&kind);
        }
        let chunks: Vec<(&Utf8ViewArray, &Utf8ViewArray, &Utf8ViewArray)> = answer
            .downcast_iter()
            .zip(option.downcast_iter())
            .zip(kind.downcast_iter())
            .map(|((a, o), k)| (a, o, k))
            .collect();
        // Runs of rows redacted side by side; each chunk then takes its changed rows, the
        // others keeping the text they share with the table (the answers matched to a scale,
        // most of the rows, are neither looked at again nor copied).
        const RUN: usize = 4096;
        let runs: Vec<(usize, usize)> = chunks
            .iter()
            .enumerate()
            .flat_map(|(c, (a, _, _))| (0..a.len()).step_by(RUN).map(move |start| (c, start)))
            .collect();
        // Each run: its chunk, its changed rows with their new text, its free text changed.
        type Found = (usize, Vec<(usize, String)>, u64);
        let found: Vec<Found> = runs
            .par_iter()
            .map(|&(c, start)| {
                let (a, o, k) = chunks[c];
                let mut changes = Vec::new();
                let mut changed = 0u64;
                // Categories repeat: each is redacted once a run.
                let mut categories: HashMap<&str, Option<String>> = HashMap::default();
                for i in start..(start + RUN).min(a.len()) {
                    let Some(text) = a.get(i) else { continue };
                    match o.get(i) {
                        None => {
                            if let Cow::Owned(new) = redactor.redact(text) {
                                if k.get(i) == Some(col::KIND_FREE_TEXT) {
                                    changed += 1;
                                }
                                changes.push((i, new));
                            }
                        }
                        // An option of a choice question is the form's words (see
                        // `Redactor::redact_option`).
                        Some(_) if k.get(i) == Some(col::KIND_CATEGORY) => {
                            let new = categories.entry(text).or_insert_with(|| {
                                match redactor.redact_option(text) {
                                    Cow::Owned(new) => Some(new),
                                    Cow::Borrowed(_) => None,
                                }
                            });
                            if let Some(new) = new {
                                changes.push((i, new.clone()));
                            }
                        }
                        _ => {}
                    }
                }
                (c, changes, changed)
            })
            .collect();
        let mut per_chunk: Vec<Vec<(usize, String)>> = vec![Vec::new(); chunks.len()];
        let mut changed = 0u64;
        for (c, changes, n) in found {
            changed += n;
            per_chunk[c].extend(changes);
        }
        let arrays = chunks
            .iter()
            .zip(&per_chunk)
            .map(|((a, _, _), changes)| with_replaced(a, changes))
            .collect::<PolarsResult<Vec<Utf8ViewArray>>>()?;
        Ok((
            StringChunked::from_chunk_iter(col::ANSWER.into(), arrays),
            changed,
        ))
    };
    let (answers, changed) = typed(tidy).map_err(Error::table("redacted answers"))?;
    let mut out = tidy.clone();
    out.with_column(answers.into_column())
        .map_err(Error::table("redacted answers"))?;
    Ok((out, changed))
}

/// Codes every answer, counts themes per group and question, picks quotes and keywords.
/// `questions` is the survey order of the free-text questions, `sessions` the session order.
pub fn analyse(
    answers: &[FreeTextAnswer],
    questions: &[String],
    sessions: &[String],
    def: &TextDef,
) -> Result<Analysis> {
    let themes = codebook::codebook(def);
    let lookup = codebook::Index::new(&themes);
    // Comments repeat ("None", "N/A", the same sentence in many files): each distinct text is
    // split and coded once, in parallel; results are put back in answer order.
    let mut index: HashMap<&str, usize> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let slot: Vec<usize> = answers
        .iter()
        .map(|a| {
            *index.entry(a.text.as_str()).or_insert_with(|| {
                distinct.push(a.text.as_str());
                distinct.len() - 1
            })
        })
        .collect();
    let analysed: Vec<(Vec<tokens::Token>, Codes)> = distinct
        .par_iter()
        .map(|text| {
            let words = tokens::tokens(text);
            let codes = codebook::code_tokens(&themes, &lookup, &words);
            (words, codes)
        })
        .collect();
    // Each answer's text by its place among the distinct texts in order, so that quotes are
    // put in the order of their texts by comparing two numbers.
    let mut place = vec![0u32; distinct.len()];
    for (p, d) in order::in_order(&distinct).into_iter().enumerate() {
        place[d as usize] = p as u32;
    }
    let text_order: Vec<u32> = slot.iter().map(|&i| place[i]).collect();
    let coded: Vec<&[(usize, usize)]> = slot.iter().map(|&i| analysed[i].1.as_slice()).collect();
    let words_of: Vec<&[tokens::Token]> = slot.iter().map(|&i| analysed[i].0.as_slice()).collect();
    // Four independent readings of the coded answers.
    let ((themes_counted, uncoded), (keywords, quotes)) = rayon::join(
        || {
            rayon::join(
                || count(answers, &coded, &themes, questions, sessions),
                || {
                    answers
                        .iter()
                        .zip(&coded)
                        .filter(|(_, c)| c.is_empty())
                        .map(|(a, _)| a.clone())
                        .collect()
                },
            )
        },
        || {
            rayon::join(
                || keywords::keywords(answers, &words_of, questions),
                || quotes(answers, &text_order, &coded, &themes, questions, def.quotes),
            )
        },
    );
    Ok(Analysis {
        themes: themes_counted,
        keywords,
        quotes,
        uncoded,
    })
}

/// Respondents per group x question x theme (a comment counts once per theme it carries;
/// uncoded comments under [`NO_THEME`]), with the question's respondents as the base.
fn count(
    answers: &[FreeTextAnswer],
    coded: &[&[(usize, usize)]],
    themes: &[codebook::Theme],
    questions: &[String],
    sessions: &[String],
) -> Vec<ThemeCount> {
    // Groups, questions and themes as their output positions; the names are put back at the
    // end. Group 0 is overall, session i is i + 1; theme `themes.len()` is "no theme".
    let question_id: HashMap<&str, u32> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), i as u32))
        .collect();
    let session_id: HashMap<&str, u32> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u32 + 1))
        .collect();
    let mut carrying: HashMap<(u32, u32, u32), u64> = HashMap::default();
    let mut answered: HashMap<(u32, u32), u64> = HashMap::default();
    let no_theme = [(themes.len(), 0)];
    for (a, codes) in answers.iter().zip(coded) {
        let (Some(&qi), Some(&si)) = (question_id.get(&*a.question), session_id.get(&*a.group))
        else {
            continue;
        };
        let codes: &[(usize, usize)] = if codes.is_empty() { &no_theme } else { codes };
        for group in [0, si] {
            *answered.entry((group, qi)).or_default() += 1;
            for (ti, _) in codes {
                *carrying.entry((group, qi, *ti as u32)).or_default() += 1;
            }
        }
    }
    // By group and question, the most common theme first, then by theme.
    let mut rows: Vec<((u32, u32, u32), u64)> = carrying.into_iter().collect();
    rows.sort_unstable_by_key(|&((g, q, t), r)| (g, q, std::cmp::Reverse(r), t));
    rows.into_iter()
        .map(|((gi, qi, ti), r)| {
            let n = answered.get(&(gi, qi)).copied().unwrap_or(0);
            ThemeCount {
                suppressed: false,
                group: if gi == 0 {
                    col::OVERALL.to_string()
                } else {
                    sessions[gi as usize - 1].clone()
                },
                question: questions[qi as usize].clone(),
                theme: themes
                    .get(ti as usize)
                    .map_or(NO_THEME.to_string(), |t| t.name.clone()),
                respondents: r,
                answered: n,
                share: (n > 0).then(|| 100.0 * r as f64 / n as f64),
            }
        })
        .collect()
}

/// Up to `per_theme` quotes per question and theme: the comments that match most of the
/// theme's terms, then those nearest 15 words long (long enough to say something, short enough
/// to quote), then by text, so the choice never changes between runs.
fn quotes(
    answers: &[FreeTextAnswer],
    text_order: &[u32],
    coded: &[&[(usize, usize)]],
    themes: &[codebook::Theme],
    questions: &[String],
    per_theme: usize,
) -> Vec<Quote> {
    // One pass: the candidates of every (question, theme), as (hits, distance from 15 words,
    // answer index).
    let question_id: HashMap<&str, usize> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.as_str(), i))
        .collect();
    let mut candidates: Vec<Vec<(usize, usize, usize)>> =
        vec![Vec::new(); questions.len() * themes.len()];
    for (i, (a, codes)) in answers.iter().zip(coded).enumerate() {
        let Some(&q) = question_id.get(&*a.question) else {
            continue;
        };
        // A comment that named a person is listed, redacted, but never quoted: what it says
        // may still point at them.
        if a.text.contains(redact::NAME) {
            continue;
        }
        let distance = a.text.split_whitespace().count().abs_diff(15);
        for &(t, hits) in *codes {
            candidates[q * themes.len() + t].push((hits, distance, i));
        }
    }
    let order = |x: &(usize, usize, usize), y: &(usize, usize, usize)| {
        y.0.cmp(&x.0)
            .then(x.1.cmp(&y.1))
            .then(text_order[x.2].cmp(&text_order[y.2]))
            .then(x.2.cmp(&y.2))
    };
    let mut out = Vec::new();
    for (q, question) in questions.iter().enumerate() {
        // A comment is quoted under one theme of its question only: the first, in codebook
        // order, that picks it.
        let mut quoted: HashSet<&str> = HashSet::default();
        for (t, theme) in themes.iter().enumerate() {
            let list = &mut candidates[q * themes.len() + t];
            list.sort_by(order);
            // The best comments not quoted yet, each text once ("Excellent" written by five
            // people is one quote).
            let mut chosen: Vec<usize> = Vec::with_capacity(per_theme);
            for &(_, _, i) in list.iter() {
                if chosen.len() == per_theme {
                    break;
                }
                if quoted.insert(answers[i].text.as_str()) {
                    chosen.push(i);
                }
            }
            for (rank, &i) in chosen.iter().enumerate() {
                let a = &answers[i];
                out.push(Quote {
                    question: question.clone(),
                    theme: theme.name.clone(),
                    rank: rank as u32 + 1,
                    group: a.group.to_string(),
                    respondent: a.respondent.clone(),
                    text: a.text.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{redact_table, Redactor};
    use crate::model::col;
    use polars::prelude::{DataFrame, IntoColumn, NewChunkedArray, StringChunked};

    fn column(name: &str, values: &[Option<&str>]) -> StringChunked {
        StringChunked::from_slice_options(name.into(), values)
    }

    /// Typed answers are redacted row by row, in whichever chunks the table holds them:
    /// free text (counted), an answer that fits no option, a repeated category; a scale's
    /// own words and missing answers are left as they are.
    #[test]
    fn typed_answers_are_redacted_and_the_rest_left_alone() {
        let answers = [
            Some("Mail me at jane.doe@example.org please"),
            Some("Very useful, thank you"),
            Some("Yes"),
            None,
            Some("Jane Smith"),
            Some("Call 01709 123456"),
            Some("Jane Smith"),
            Some("Cllr Smith was very clear"),
        ];
        let options = [
            None,
            None,
            Some("Yes"),
            None,
            Some("Jane Smith"),
            None,
            Some("Jane Smith"),
            None,
        ];
        let kinds = [
            col::KIND_FREE_TEXT,
            col::KIND_FREE_TEXT,
            col::KIND_LIKERT,
            col::KIND_FREE_TEXT,
            col::KIND_CATEGORY,
            col::KIND_LIKERT,
            col::KIND_CATEGORY,
            col::KIND_FREE_TEXT,
        ]
        .map(Some);
        let expected = [
            Some("Mail me at [email] please"),
            Some("Very useful, thank you"),
            Some("Yes"),
            None,
            // The option of a choice question is the form's words: a name stays.
            Some("Jane Smith"),
            Some("Call [phone]"),
            Some("Jane Smith"),
            Some("[name] was very clear"),
        ];
        let redactor = Redactor::new(&["Jane Smith".to_string()], false);
        // The answers in two chunks and the other columns in one, then all in the same three.
        let mut split = column(col::ANSWER, &answers[..3]);
        split.append(&column(col::ANSWER, &answers[3..])).unwrap();
        let chunked = |c: StringChunked| {
            let mut out = c.slice(0, 2);
            out.append(&c.slice(2, 3)).unwrap();
            out.append(&c.slice(5, 3)).unwrap();
            out
        };
        for (answer, option, kind) in [
            (
                split,
                column(col::OPTION, &options),
                column(col::KIND, &kinds),
            ),
            (
                chunked(column(col::ANSWER, &answers)),
                chunked(column(col::OPTION, &options)),
                chunked(column(col::KIND, &kinds)),
            ),
        ] {
            let chunks = answer.chunks().len();
            let tidy = DataFrame::new(
                answers.len(),
                vec![
                    answer.into_column(),
                    option.into_column(),
                    kind.into_column(),
                ],
            )
            .unwrap();
            let (out, changed) = redact_table(&tidy, Some(&redactor)).unwrap();
            let got: Vec<Option<String>> = out
                .column(col::ANSWER)
                .unwrap()
                .str()
                .unwrap()
                .iter()
                .map(|v| v.map(str::to_string))
                .collect();
            let want: Vec<Option<String>> = expected.iter().map(|v| v.map(String::from)).collect();
            assert_eq!(got, want, "answers in {chunks} chunks");
            assert_eq!(changed, 2, "two free-text answers changed");
            assert_eq!(
                out.column(col::KIND).unwrap().str().unwrap().get(0),
                Some(col::KIND_FREE_TEXT)
            );
        }
    }
}
