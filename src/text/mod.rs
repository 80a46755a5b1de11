//! Free-text answers: gathered per session and question, in survey order, so none is lost;
//! redacted before anything else sees them; coded into codebook themes (with the comments no
//! theme fits kept apart), with distinctive words and representative quotes per question.

mod codebook;
mod keywords;
mod redact;
mod tokens;

pub use codebook::builtin as builtin_codebook;
pub use redact::Redactor;

use crate::config::TextDef;
use crate::error::{Error, Result};
use crate::model::{col, FreeTextAnswer, Keyword, Quote, Survey, ThemeCount, NO_THEME};
use polars::prelude::*;

/// Every free-text answer, ordered by session, question (survey order), file and row.
/// Line breaks inside an answer are kept; surrounding white space is not.
pub fn answers(tidy: &DataFrame, survey: &Survey) -> Result<Vec<FreeTextAnswer>> {
    let labels: Vec<&str> = survey.free_text().map(|q| q.label.as_str()).collect();
    let order: Vec<u32> = (0..labels.len() as u32).collect();
    let questions = DataFrame::new(
        labels.len(),
        vec![
            Column::new(col::QUESTION.into(), labels),
            Column::new(col::QUESTION_ORDER.into(), order),
        ],
    )
    .map_err(Error::table("free-text questions"))?;
    let df = tidy
        .clone()
        .lazy()
        .filter(col(col::KIND).eq(lit(col::KIND_FREE_TEXT)))
        .join(
            questions.lazy(),
            [col(col::QUESTION)],
            [col(col::QUESTION)],
            JoinArgs::new(JoinType::Inner),
        )
        .sort(
            [col::SESSION, col::QUESTION_ORDER, col::FILE, col::ROW],
            SortMultipleOptions::default(),
        )
        .select([
            col(col::SESSION),
            col(col::QUESTION),
            col(col::RESPONDENT),
            col(col::ANSWER),
        ])
        .collect()
        .map_err(Error::table("free-text answers"))?;
    let get = |name: &str| df.column(name).and_then(|c| c.str().cloned());
    let (session, question, respondent, answer) = (|| {
        Ok::<_, PolarsError>((
            get(col::SESSION)?,
            get(col::QUESTION)?,
            get(col::RESPONDENT)?,
            get(col::ANSWER)?,
        ))
    })()
    .map_err(Error::table("free-text answers"))?;
    Ok((0..df.height())
        .map(|i| FreeTextAnswer {
            group: session.get(i).unwrap_or_default().to_string(),
            question: question.get(i).unwrap_or_default().to_string(),
            respondent: respondent.get(i).unwrap_or_default().to_string(),
            text: answer.get(i).unwrap_or_default().trim().to_string(),
        })
        .collect())
}

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

/// Replaces contact details and names in every answer (when the definition asks, as it does by
/// default). Returns how many answers were changed.
pub fn redact(answers: &mut [FreeTextAnswer], def: &TextDef, roster: &[String]) -> u64 {
    if !def.redact {
        return 0;
    }
    let names: Vec<String> = def.names.iter().chain(roster).cloned().collect();
    let redactor = Redactor::new(&names);
    let mut changed = 0;
    for a in answers {
        if let std::borrow::Cow::Owned(text) = redactor.redact(&a.text) {
            a.text = text;
            changed += 1;
        }
    }
    changed
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
    let coded: Vec<Vec<(usize, usize)>> = answers
        .iter()
        .map(|a| codebook::code(&themes, &a.text))
        .collect();
    let theme_counts = count(answers, &coded, &themes, questions, sessions)
        .map_err(Error::table("free-text themes"))?;
    let uncoded = answers
        .iter()
        .zip(&coded)
        .filter(|(_, c)| c.is_empty())
        .map(|(a, _)| a.clone())
        .collect();
    Ok(Analysis {
        themes: theme_counts,
        keywords: keywords::keywords(answers, questions),
        quotes: quotes(answers, &coded, &themes, questions, def.quotes),
        uncoded,
    })
}

/// Respondents per group x question x theme (a comment counts once per theme it carries;
/// uncoded comments under [`NO_THEME`]), with the question's respondents as the base.
fn count(
    answers: &[FreeTextAnswer],
    coded: &[Vec<(usize, usize)>],
    themes: &[codebook::Theme],
    questions: &[String],
    sessions: &[String],
) -> PolarsResult<Vec<ThemeCount>> {
    let q_order = |q: &str| questions.iter().position(|x| x == q).unwrap_or(usize::MAX) as u32;
    let s_order = |s: &str| {
        sessions
            .iter()
            .position(|x| x == s)
            .map_or(u32::MAX, |i| i as u32 + 1)
    };
    let (mut g, mut go, mut q, mut qo, mut t, mut to) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for (a, codes) in answers.iter().zip(coded) {
        let labels: Vec<(u32, &str)> = if codes.is_empty() {
            vec![(themes.len() as u32, NO_THEME)]
        } else {
            codes
                .iter()
                .map(|(i, _)| (*i as u32, themes[*i].name.as_str()))
                .collect()
        };
        for (group, order) in [(col::OVERALL, 0), (a.group.as_str(), s_order(&a.group))] {
            for (ti, theme) in &labels {
                g.push(group.to_string());
                go.push(order);
                q.push(a.question.clone());
                qo.push(q_order(&a.question));
                t.push(theme.to_string());
                to.push(*ti);
            }
        }
    }
    let frame = DataFrame::new(
        g.len(),
        vec![
            Column::new(col::GROUP.into(), g),
            Column::new(col::GROUP_ORDER.into(), go),
            Column::new(col::QUESTION.into(), q),
            Column::new(col::QUESTION_ORDER.into(), qo),
            Column::new("theme".into(), t),
            Column::new("theme_order".into(), to),
        ],
    )?;
    let keys = [col(col::GROUP), col(col::QUESTION)];
    let answered = df!(
        col::GROUP => answers.iter().flat_map(|a| [col::OVERALL.to_string(), a.group.clone()]).collect::<Vec<_>>(),
        col::QUESTION => answers.iter().flat_map(|a| [a.question.clone(), a.question.clone()]).collect::<Vec<_>>()
    )?
    .lazy()
    .group_by(keys.clone())
    .agg([len().cast(DataType::UInt64).alias("answered")]);
    let df = frame
        .lazy()
        .group_by([
            col(col::GROUP),
            col(col::GROUP_ORDER),
            col(col::QUESTION),
            col(col::QUESTION_ORDER),
            col("theme"),
            col("theme_order"),
        ])
        .agg([len().cast(DataType::UInt64).alias("respondents")])
        .join(answered, keys.clone(), keys, JoinArgs::new(JoinType::Left))
        .sort(
            [
                col::GROUP_ORDER,
                col::QUESTION_ORDER,
                "respondents",
                "theme_order",
            ],
            SortMultipleOptions::default().with_order_descending_multi([false, false, true, false]),
        )
        .collect()?;
    let (group, question, theme) = (
        df.column(col::GROUP)?.str()?,
        df.column(col::QUESTION)?.str()?,
        df.column("theme")?.str()?,
    );
    let respondents = df.column("respondents")?.u64()?;
    let answered = df.column("answered")?.u64()?;
    Ok((0..df.height())
        .map(|i| {
            let (r, n) = (
                respondents.get(i).unwrap_or(0),
                answered.get(i).unwrap_or(0),
            );
            ThemeCount {
                group: group.get(i).unwrap_or_default().to_string(),
                question: question.get(i).unwrap_or_default().to_string(),
                theme: theme.get(i).unwrap_or_default().to_string(),
                respondents: r,
                answered: n,
                share: (n > 0).then(|| 100.0 * r as f64 / n as f64),
            }
        })
        .collect())
}

/// Up to `per_theme` quotes per question and theme: the comments that match most of the
/// theme's terms, then those nearest 15 words long (long enough to say something, short enough
/// to quote), then by text, so the choice never changes between runs.
fn quotes(
    answers: &[FreeTextAnswer],
    coded: &[Vec<(usize, usize)>],
    themes: &[codebook::Theme],
    questions: &[String],
    per_theme: usize,
) -> Vec<Quote> {
    let mut out = Vec::new();
    for question in questions {
        for (ti, theme) in themes.iter().enumerate() {
            let mut candidates: Vec<(usize, usize, &FreeTextAnswer)> = answers
                .iter()
                .zip(coded)
                .filter(|(a, _)| &a.question == question)
                .filter_map(|(a, c)| c.iter().find(|(i, _)| *i == ti).map(|(_, h)| (*h, a)))
                .map(|(hits, a)| {
                    let words = a.text.split_whitespace().count();
                    (hits, words.abs_diff(15), a)
                })
                .collect();
            candidates.sort_by(|x, y| {
                y.0.cmp(&x.0)
                    .then(x.1.cmp(&y.1))
                    .then_with(|| x.2.text.cmp(&y.2.text))
            });
            for (rank, (_, _, a)) in candidates.into_iter().take(per_theme).enumerate() {
                out.push(Quote {
                    question: question.clone(),
                    theme: theme.name.clone(),
                    rank: rank as u32 + 1,
                    group: a.group.clone(),
                    respondent: a.respondent.clone(),
                    text: a.text.clone(),
                });
            }
        }
    }
    out
}
