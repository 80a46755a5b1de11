//! Counts, shares and summary statistics of the Likert questions, overall and per session:
//! the tidy table is counted part by part ([`Counting::count`]) into [`Counts`] keyed by
//! session, the parts added up, and the result structs of [`crate::model`] made from the sum
//! ([`Counting::tables`]). Parts add up because every answer, and every respondent's row, lies
//! in one part: a table of any size is counted without being held whole. Attendance coverage
//! is in [`attendance`].

pub mod attendance;
pub mod cycles;
pub mod self_assessment;
pub mod sessions;

use crate::error::{Error, Result};
use crate::model::{
    col, ChoiceCount, OptionCount, Question, QuestionSummary, Scale, ScaleKind, Survey,
};
use crate::stats;
use polars::prelude::{DataFrame, PolarsResult};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// Confidence level of every interval reported.
pub const CONFIDENCE: f64 = 0.95;

/// The Likert tables of a run.
pub struct LikertTables {
    /// Every option of every Likert question, zero counts included, per group (overall first,
    /// then sessions in name order), questions in survey order, options in scale order.
    pub counts: Vec<OptionCount>,
    /// One row per group x Likert question, same order.
    pub summaries: Vec<QuestionSummary>,
}

/// Group names in output order: `overall`, then the sessions.
pub fn groups(sessions: &[String]) -> Vec<String> {
    std::iter::once(col::OVERALL.to_string())
        .chain(sessions.iter().cloned())
        .collect()
}

/// What one session's rows add up to, in the flat order of [`Index`].
#[derive(Debug, Clone, Default)]
struct SessionCounts {
    /// Weighted answers per option of the closed (Likert and category) questions.
    answers: Vec<u64>,
    /// Respondents ticking each option of the multi-select questions.
    ticked: Vec<u64>,
    /// Respondents ticking anything, per multi-select question.
    answered: Vec<u64>,
}

impl SessionCounts {
    fn add(&mut self, other: &SessionCounts) {
        for (mine, theirs) in [
            (&mut self.answers, &other.answers),
            (&mut self.ticked, &other.ticked),
            (&mut self.answered, &other.answered),
        ] {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), 0);
            }
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m += t;
            }
        }
    }
}

/// The counts of some rows of the tidy table, per session. Counts of different rows add up
/// ([`Counts::add`]).
#[derive(Debug, Clone, Default)]
pub struct Counts {
    sessions: BTreeMap<String, SessionCounts>,
}

impl Counts {
    /// Adds the counts of other rows.
    pub fn add(&mut self, other: Counts) {
        for (session, c) in other.sessions {
            match self.sessions.get_mut(&session) {
                Some(mine) => mine.add(&c),
                None => {
                    self.sessions.insert(session, c);
                }
            }
        }
    }
}

/// The questions counted, read from the survey once for every part of the table.
pub struct Counting<'a> {
    closed: Vec<(&'a Question, &'a Scale)>,
    multi: Vec<(&'a Question, &'a Scale)>,
    closed_index: Index<'a>,
    multi_index: Index<'a>,
}

impl<'a> Counting<'a> {
    pub fn new(survey: &'a Survey) -> Counting<'a> {
        let closed: Vec<(&Question, &Scale)> = survey.closed().collect();
        let multi: Vec<(&Question, &Scale)> = survey.multi_select().collect();
        Counting {
            closed_index: Index::new(&closed),
            multi_index: Index::new(&multi),
            closed,
            multi,
        }
    }

    /// The counts of the rows of `tidy`. Respondents (sheet rows) are counted once per part
    /// however often they ticked; a respondent's row must not be split between parts.
    pub fn count(&self, tidy: &DataFrame) -> Result<Counts> {
        self.count_rows(tidy).map_err(Error::table("counts"))
    }

    fn count_rows(&self, tidy: &DataFrame) -> PolarsResult<Counts> {
        let blank = || SessionCounts {
            answers: vec![0; self.closed_index.per_group],
            ticked: vec![0; self.multi_index.per_group],
            answered: vec![0; self.multi.len()],
        };
        // Sessions in the order met (few per part), with the last one looked up kept at hand.
        let mut found: Vec<(&str, SessionCounts)> = Vec::new();
        let mut last = usize::MAX;
        // Multi-select: (session, cell, respondent) of every tick, counted once each.
        let mut ticks: HashSet<(usize, usize, &str, u32)> = HashSet::default();
        let mut answering: HashSet<(usize, usize, &str, u32)> = HashSet::default();
        for r in tidy_rows(tidy)? {
            let Some(kind) = r.kind else { continue };
            let closed = kind == col::KIND_LIKERT || kind == col::KIND_CATEGORY;
            let multi = kind == col::KIND_MULTI_SELECT;
            if !closed && !multi {
                continue;
            }
            if found.get(last).is_none_or(|(s, _)| *s != r.session) {
                last = match found.iter().position(|(s, _)| *s == r.session) {
                    Some(i) => i,
                    None => {
                        found.push((r.session, blank()));
                        found.len() - 1
                    }
                };
            }
            let counts = &mut found[last].1;
            if closed {
                let Some(option) = r.option else { continue };
                self.closed_index.cells(r.question, option, |cell| {
                    counts.answers[cell] += u64::from(r.weight);
                });
                continue;
            }
            let respondent = (r.file, r.row);
            let Some(qs) = self.multi_index.questions.get(r.question) else {
                continue;
            };
            for (qi, options) in qs {
                answering.insert((last, *qi, respondent.0, respondent.1));
                let Some(oi) = r.option.and_then(|o| options.get(o)) else {
                    continue;
                };
                for oi in oi {
                    let cell = self.multi_index.starts[*qi] + oi;
                    ticks.insert((last, cell, respondent.0, respondent.1));
                }
            }
        }
        for (s, cell, ..) in ticks {
            found[s].1.ticked[cell] += 1;
        }
        for (s, qi, ..) in answering {
            found[s].1.answered[qi] += 1;
        }
        Ok(Counts {
            sessions: found.into_iter().map(|(s, c)| (s.to_string(), c)).collect(),
        })
    }

    /// The counts of one group: a session's, or (`None`) the sum of the sessions listed.
    fn group(&self, counts: &Counts, sessions: &[String], group: Option<&str>) -> SessionCounts {
        let mut sum = SessionCounts {
            answers: vec![0; self.closed_index.per_group],
            ticked: vec![0; self.multi_index.per_group],
            answered: vec![0; self.multi.len()],
        };
        let listed: Vec<&str> = match group {
            Some(g) => vec![g],
            None => sessions.iter().map(String::as_str).collect(),
        };
        for s in listed {
            if let Some(c) = counts.sessions.get(s) {
                sum.add(c);
            }
        }
        sum
    }

    /// The Likert tables and the multi-select counts, overall and for each of `sessions`
    /// (in that order); rows of sessions not listed are left out.
    pub fn tables(&self, counts: &Counts, sessions: &[String]) -> (LikertTables, Vec<ChoiceCount>) {
        let per_group: Vec<SessionCounts> = std::iter::once(None)
            .chain(sessions.iter().map(|s| Some(s.as_str())))
            .map(|g| self.group(counts, sessions, g))
            .collect();
        let groups = groups(sessions);
        (
            self.likert(&groups, &per_group),
            self.choices(&groups, &per_group),
        )
    }

    fn likert(&self, groups: &[String], per_group: &[SessionCounts]) -> LikertTables {
        let closed = &self.closed;
        let mut rows = Vec::with_capacity(self.closed_index.per_group * groups.len());
        let mut summaries = Vec::with_capacity(groups.len() * closed.len());
        for (group, counts) in groups.iter().zip(per_group) {
            for (qi, (question, scale)) in closed.iter().enumerate() {
                let at = self.closed_index.starts[qi];
                let counted = &counts.answers[at..at + scale.options.len()];
                let n: u64 = counted.iter().sum();
                let (mut n_sub, mut score_sum, mut n_top2) = (0u64, 0u64, 0u64);
                for (oi, (&count, option)) in counted.iter().zip(&scale.options).enumerate() {
                    if option.sentiment.is_some() {
                        n_sub += count;
                        score_sum += count * u64::from(scale.score(oi).unwrap_or(0));
                    }
                    if scale.is_favourable(oi) {
                        n_top2 += count;
                    }
                    rows.push(OptionCount {
                        suppressed: false,
                        group: group.clone(),
                        question: question.label.clone(),
                        option: option.label.clone(),
                        position: oi as u32 + 1,
                        count,
                        percent: (n > 0).then(|| 100.0 * count as f64 / n as f64),
                    });
                }
                // What a scale supports: no mean on centred or category scales, no favourable
                // share on categories.
                let favourable = scale.kind != ScaleKind::Categories && n_sub > 0;
                let ci = stats::wilson(n_top2, n_sub, CONFIDENCE).filter(|_| favourable);
                summaries.push(QuestionSummary {
                    suppressed: false,
                    group: group.clone(),
                    question: question.label.clone(),
                    n,
                    n_substantive: n_sub,
                    n_favourable: if favourable { n_top2 } else { 0 },
                    mean: (scale.has_mean() && n_sub > 0).then(|| score_sum as f64 / n_sub as f64),
                    top2_percent: favourable.then(|| 100.0 * n_top2 as f64 / n_sub as f64),
                    top2_ci_low: ci.map(|c| 100.0 * c.0),
                    top2_ci_high: ci.map(|c| 100.0 * c.1),
                });
            }
        }
        // Options a form may not offer are listed only where someone chose them.
        let chosen: HashSet<(&str, &str)> = rows
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| (c.question.as_str(), c.option.as_str()))
            .collect();
        let keep: Vec<bool> = rows
            .iter()
            .map(|c| {
                let optional = closed
                    .iter()
                    .find(|(q, _)| q.label == c.question)
                    .and_then(|(_, s)| s.options.get(c.position as usize - 1))
                    .is_some_and(|o| o.optional);
                !optional || chosen.contains(&(c.question.as_str(), c.option.as_str()))
            })
            .collect();
        let mut keep = keep.into_iter();
        rows.retain(|_| keep.next().unwrap_or(true));
        LikertTables {
            counts: rows,
            summaries,
        }
    }

    /// Respondents ticking each option of each multi-select question, per group, with the
    /// respondents who ticked anything as the base. A respondent is a sheet row.
    fn choices(&self, groups: &[String], per_group: &[SessionCounts]) -> Vec<ChoiceCount> {
        let mut out = Vec::with_capacity(self.multi_index.per_group * groups.len());
        for (group, counts) in groups.iter().zip(per_group) {
            for (qi, (question, scale)) in self.multi.iter().enumerate() {
                let base = counts.answered[qi];
                for (oi, option) in scale.options.iter().enumerate() {
                    let c = counts.ticked[self.multi_index.starts[qi] + oi];
                    out.push(ChoiceCount {
                        suppressed: false,
                        group: group.clone(),
                        question: question.label.clone(),
                        option: option.label.clone(),
                        position: oi as u32 + 1,
                        respondents: c,
                        base,
                        percent: (base > 0).then(|| 100.0 * c as f64 / base as f64),
                    });
                }
            }
        }
        out
    }
}

/// One row of the tidy table, as the counts read it.
struct TidyRow<'a> {
    session: &'a str,
    question: &'a str,
    kind: Option<&'a str>,
    option: Option<&'a str>,
    file: &'a str,
    row: u32,
    weight: u32,
}

/// The rows of the tidy table, read chunk by chunk (the table is the files' frames one under
/// the other, never copied into one).
fn tidy_rows(df: &DataFrame) -> PolarsResult<impl Iterator<Item = TidyRow<'_>>> {
    let text = |name: &str| df.column(name).and_then(|c| c.str());
    let (session, question, kind, option, file) = (
        text(col::SESSION)?,
        text(col::QUESTION)?,
        text(col::KIND)?,
        text(col::OPTION)?,
        text(col::FILE)?,
    );
    let (row, weight) = (df.column(col::ROW)?.u32()?, df.column(col::WEIGHT)?.u32()?);
    Ok(session
        .iter()
        .zip(question.iter())
        .zip(kind.iter())
        .zip(option.iter())
        .zip(file.iter())
        .zip(row.iter())
        .zip(weight.iter())
        .map(
            |((((((session, question), kind), option), file), row), weight)| TidyRow {
                session: session.unwrap_or_default(),
                question: question.unwrap_or_default(),
                kind,
                option,
                file: file.unwrap_or_default(),
                row: row.unwrap_or(0),
                weight: weight.unwrap_or(0),
            },
        ))
}

/// A question of the index: its position, and each option label's positions in its scale.
type IndexedQuestion<'a> = (usize, HashMap<&'a str, Vec<usize>>);

/// Every (question, option) of a table as one flat position, questions in survey order and
/// options in scale order, with the labels the tidy table names them by.
struct Index<'a> {
    /// Per question label: its positions, and each option label's positions in its scale.
    questions: HashMap<&'a str, Vec<IndexedQuestion<'a>>>,
    /// Where each question's options start.
    starts: Vec<usize>,
    /// Options of all questions.
    per_group: usize,
}

impl<'a> Index<'a> {
    fn new(questions: &[(&'a Question, &'a Scale)]) -> Index<'a> {
        let mut by_label: HashMap<&str, Vec<IndexedQuestion>> = HashMap::default();
        let mut starts = Vec::with_capacity(questions.len());
        let mut per_group = 0;
        for (qi, (question, scale)) in questions.iter().enumerate() {
            let mut options: HashMap<&str, Vec<usize>> = HashMap::default();
            for (oi, option) in scale.options.iter().enumerate() {
                options.entry(option.label.as_str()).or_default().push(oi);
            }
            by_label
                .entry(question.label.as_str())
                .or_default()
                .push((qi, options));
            starts.push(per_group);
            per_group += scale.options.len();
        }
        Index {
            questions: by_label,
            starts,
            per_group,
        }
    }

    /// Calls `f` with each position of an answer: none when the question or option is not
    /// indexed.
    fn cells(&self, question: &str, option: &str, mut f: impl FnMut(usize)) {
        for (qi, options) in self.questions.get(question).into_iter().flatten() {
            for oi in options.get(option).into_iter().flatten() {
                f(self.starts[*qi] + oi);
            }
        }
    }
}

/// The Likert tables of a whole tidy table (see [`Counting`]).
#[cfg(test)]
fn likert_tables(tidy: &DataFrame, survey: &Survey, sessions: &[String]) -> Result<LikertTables> {
    let counting = Counting::new(survey);
    let counts = counting.count(tidy)?;
    Ok(counting.tables(&counts, sessions).0)
}

/// The multi-select counts of a whole tidy table (see [`Counting`]).
pub fn choice_counts(
    tidy: &DataFrame,
    survey: &Survey,
    sessions: &[String],
) -> Result<Vec<ChoiceCount>> {
    let counting = Counting::new(survey);
    let counts = counting.count(tidy)?;
    Ok(counting.tables(&counts, sessions).1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{builtin_scales, QuestionKind};
    use polars::prelude::Column;

    /// A tidy frame of one agreement question answered by five people in one session.
    fn tidy(answers: &[Option<&str>]) -> DataFrame {
        let scale = &builtin_scales()[4];
        let n = answers.len();
        let position: Vec<Option<u32>> = answers
            .iter()
            .map(|a| a.and_then(|a| scale.find(a)).map(|i| i as u32 + 1))
            .collect();
        DataFrame::new(
            n,
            vec![
                Column::new(col::FILE.into(), vec!["f.csv"; n]),
                Column::new(col::ROW.into(), (2..n as u32 + 2).collect::<Vec<u32>>()),
                Column::new(col::SESSION.into(), vec!["s1"; n]),
                Column::new(col::QUESTION.into(), vec!["Q"; n]),
                Column::new(col::KIND.into(), vec![col::KIND_LIKERT; n]),
                Column::new(col::OPTION.into(), answers.to_vec()),
                Column::new(col::POSITION.into(), position),
                Column::new(col::WEIGHT.into(), vec![1u32; n]),
            ],
        )
        .unwrap()
    }

    fn survey() -> Survey {
        Survey {
            scales: builtin_scales(),
            questions: vec![Question {
                id: "q1".into(),
                label: "Q".into(),
                group: None,
                kind: QuestionKind::Likert { scale: 4 },
                reverse: false,
                separator: None,
                columns: Vec::new(),
                written_in: None,
            }],
        }
    }

    /// Scores 5..1 for Strongly agree..Strongly disagree. Answers SA, A, A, D:
    /// numpy.mean([5, 4, 4, 2]) = 3.75; top two 3 of 4.
    #[test]
    fn mean_and_top2_follow_the_scores() {
        let df = tidy(&[
            Some("Strongly agree"),
            Some("Agree"),
            Some("Agree"),
            Some("Disagree"),
            None,
        ]);
        let t = likert_tables(&df, &survey(), &["s1".to_string()]).unwrap();
        let overall = &t.summaries[0];
        assert_eq!(
            (overall.group.as_str(), overall.n, overall.n_substantive),
            ("overall", 4, 4)
        );
        assert_eq!(overall.mean, Some(3.75));
        assert_eq!(overall.top2_percent, Some(75.0));
        // statsmodels 0.15.0 proportion_confint(3, 4, method="wilson")
        // = (0.30064184258240184, 0.9544127391902995).
        assert!((overall.top2_ci_low.unwrap() - 30.064_184_258_240_184).abs() < 1e-9);
        assert!((overall.top2_ci_high.unwrap() - 95.441_273_919_029_95).abs() < 1e-9);
        // Every option is listed, chosen or not, in scale order.
        let options: Vec<(&str, u64)> = t.counts[..5]
            .iter()
            .map(|c| (c.option.as_str(), c.count))
            .collect();
        assert_eq!(
            options,
            [
                ("Strongly agree", 1),
                ("Agree", 2),
                ("Neither agree nor disagree", 0),
                ("Disagree", 1),
                ("Strongly disagree", 0)
            ]
        );
        assert_eq!(
            t.counts.len(),
            10,
            "overall and the session, five options each: \"Don't know\" and \"Not applicable\" only when chosen"
        );
    }

    /// A table counted in parts, the parts added, gives the tables of the whole.
    #[test]
    fn counts_of_parts_add_up_to_the_whole() {
        let df = tidy(&[
            Some("Strongly agree"),
            Some("Agree"),
            None,
            Some("Agree"),
            Some("Disagree"),
        ]);
        let survey = survey();
        let counting = Counting::new(&survey);
        let sessions = ["s1".to_string()];
        let whole = counting.count(&df).unwrap();
        let mut parts = counting.count(&df.slice(0, 2)).unwrap();
        parts.add(counting.count(&df.slice(2, 3)).unwrap());
        parts.add(Counts::default());
        let (a, b) = (
            counting.tables(&whole, &sessions).0,
            counting.tables(&parts, &sessions).0,
        );
        let counted = |t: &LikertTables| -> Vec<(String, String, u64)> {
            t.counts
                .iter()
                .map(|c| (c.group.clone(), c.option.clone(), c.count))
                .collect()
        };
        assert_eq!(counted(&a), counted(&b));
        assert_eq!(a.summaries[0].n, 4);
        assert_eq!(b.summaries[0].mean, a.summaries[0].mean);
    }

    #[test]
    fn a_question_nobody_answered_has_no_mean() {
        let df = tidy(&[None, None]);
        let t = likert_tables(&df, &survey(), &["s1".to_string()]).unwrap();
        assert_eq!(t.summaries[0].n, 0);
        assert_eq!(t.summaries[0].mean, None);
        assert_eq!(t.summaries[0].top2_percent, None);
        assert!(t.counts.iter().all(|c| c.count == 0 && c.percent.is_none()));
    }
}
