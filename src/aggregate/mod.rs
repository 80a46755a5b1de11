//! Counts, shares and summary statistics of the Likert questions, overall and per session:
//! one pass over the tidy table's columns into a grid of every (group, question, option),
//! then the result structs of [`crate::model`]. Attendance coverage is in [`attendance`].

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

pub fn likert_tables(
    tidy: &DataFrame,
    survey: &Survey,
    sessions: &[String],
) -> Result<LikertTables> {
    let rows = tidy_rows(tidy).map_err(Error::table("likert counts"))?;
    let closed: Vec<(&Question, &Scale)> = survey.closed().collect();
    let grid = Grid::new(sessions, &closed);
    // Answers matched to an option, weighted (a tally sheet's row stands for its count).
    let mut counts = vec![0u64; grid.len()];
    for r in rows {
        let (Some(kind), Some(option)) = (r.kind, r.option) else {
            continue;
        };
        if kind != col::KIND_LIKERT && kind != col::KIND_CATEGORY {
            continue;
        }
        for cell in grid.cells(r.session, r.question, option) {
            counts[cell] += u64::from(r.weight);
            counts[grid.overall(cell)] += u64::from(r.weight);
        }
    }
    let groups = groups(sessions);
    let mut rows = Vec::with_capacity(grid.len());
    let mut summaries = Vec::with_capacity(groups.len() * closed.len());
    for (gi, group) in groups.iter().enumerate() {
        for (qi, (question, scale)) in closed.iter().enumerate() {
            let at = grid.first(gi, qi);
            let counted = &counts[at..at + scale.options.len()];
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
    Ok(LikertTables {
        counts: rows,
        summaries,
    })
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

/// A question of the grid: its index, and each option label's indices in its scale.
type GridQuestion<'a> = (usize, HashMap<&'a str, Vec<usize>>);

/// Every (group, question, option) of a table, in output order (group, then question in
/// survey order, then option in scale order), as one flat index.
struct Grid<'a> {
    groups: HashMap<&'a str, usize>,
    /// Per question label: its indices, and each option label's indices in its scale.
    questions: HashMap<&'a str, Vec<GridQuestion<'a>>>,
    /// Where each question's options start within a group.
    starts: Vec<usize>,
    per_group: usize,
    n_groups: usize,
}

impl<'a> Grid<'a> {
    fn new(sessions: &'a [String], questions: &[(&'a Question, &'a Scale)]) -> Grid<'a> {
        let groups = sessions
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i + 1))
            .collect();
        let mut by_label: HashMap<&str, Vec<GridQuestion>> = HashMap::default();
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
        Grid {
            groups,
            questions: by_label,
            starts,
            per_group,
            n_groups: sessions.len() + 1,
        }
    }

    fn len(&self) -> usize {
        self.per_group * self.n_groups
    }

    /// Index of a group's first option of question `qi`.
    fn first(&self, group: usize, qi: usize) -> usize {
        group * self.per_group + self.starts[qi]
    }

    /// The same cell in the `overall` group.
    fn overall(&self, cell: usize) -> usize {
        cell % self.per_group
    }

    /// The cells of a session's answer: none when the session, question or option is not in
    /// the grid.
    fn cells(&self, session: &str, question: &str, option: &str) -> Vec<usize> {
        let (Some(&g), Some(qs)) = (self.groups.get(session), self.questions.get(question)) else {
            return Vec::new();
        };
        qs.iter()
            .flat_map(|(qi, options)| {
                let at = self.first(g, *qi);
                options
                    .get(option)
                    .into_iter()
                    .flatten()
                    .map(move |oi| at + oi)
            })
            .collect()
    }
}

/// Respondents ticking each option of each multi-select question, per session and overall,
/// with the respondents who ticked anything as the base. A respondent is a sheet row.
pub fn choice_counts(
    tidy: &DataFrame,
    survey: &Survey,
    sessions: &[String],
) -> Result<Vec<ChoiceCount>> {
    let questions: Vec<(&Question, &Scale)> = survey.multi_select().collect();
    if questions.is_empty() {
        return Ok(Vec::new());
    }
    let rows = tidy_rows(tidy).map_err(Error::table("multi-select counts"))?;
    let grid = Grid::new(sessions, &questions);
    // Respondents counted once however often they ticked: sets of (file, row) per option
    // cell and per question.
    let mut ticked: Vec<HashSet<(&str, u32)>> = vec![HashSet::default(); grid.len()];
    let n_questions = questions.len() * grid.n_groups;
    let mut answered: Vec<HashSet<(&str, u32)>> = vec![HashSet::default(); n_questions];
    for r in rows {
        if r.kind != Some(col::KIND_MULTI_SELECT) {
            continue;
        }
        let respondent = (r.file, r.row);
        let (Some(&g), Some(qs)) = (grid.groups.get(r.session), grid.questions.get(r.question))
        else {
            continue;
        };
        for (qi, options) in qs {
            answered[g * questions.len() + qi].insert(respondent);
            answered[*qi].insert(respondent);
            let Some(oi) = r.option.and_then(|o| options.get(o)) else {
                continue;
            };
            for oi in oi {
                let cell = grid.first(g, *qi) + oi;
                ticked[cell].insert(respondent);
                ticked[grid.overall(cell)].insert(respondent);
            }
        }
    }
    let mut out = Vec::with_capacity(grid.len());
    for (gi, group) in groups(sessions).iter().enumerate() {
        for (qi, (question, scale)) in questions.iter().enumerate() {
            let base = answered[gi * questions.len() + qi].len() as u64;
            for (oi, option) in scale.options.iter().enumerate() {
                let c = ticked[grid.first(gi, qi) + oi].len() as u64;
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
    Ok(out)
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
