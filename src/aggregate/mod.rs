//! Counts, shares and summary statistics of the Likert questions, overall and per session,
//! as polars lazy plans: one plan and one `collect` per table. Turns the frames into the
//! result structs of [`crate::model`]. Attendance coverage is in [`attendance`].

pub mod attendance;
pub mod self_assessment;

use crate::error::{Error, Result};
use crate::model::{col, ChoiceCount, OptionCount, QuestionSummary, ScaleKind, Survey};
use crate::stats;
use polars::prelude::*;

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
    let grid = option_grid(survey, sessions).map_err(Error::table("option grid"))?;
    let counts = count_plan(tidy.clone().lazy(), grid)
        .collect()
        .map_err(Error::table("likert counts"))?;
    let summary = summary_plan(counts.clone().lazy())
        .collect()
        .map_err(Error::table("likert summary"))?;
    let mut summaries = question_summaries(&summary).map_err(Error::table("likert summary"))?;
    // What a scale supports: no mean on centred or category scales, no favourable share on
    // categories.
    for s in &mut summaries {
        let Some((_, scale)) = survey.closed().find(|(q, _)| q.label == s.question) else {
            continue;
        };
        if !scale.has_mean() {
            s.mean = None;
        }
        if scale.kind == ScaleKind::Categories {
            s.top2_percent = None;
            s.top2_ci_low = None;
            s.top2_ci_high = None;
        }
    }
    // Options a form may not offer are listed only where someone chose them.
    let mut counts = option_counts(&counts).map_err(Error::table("likert counts"))?;
    let chosen: std::collections::HashSet<(String, String)> = counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| (c.question.clone(), c.option.clone()))
        .collect();
    let scales: std::collections::HashMap<&str, &crate::model::Scale> = survey
        .closed()
        .map(|(q, s)| (q.label.as_str(), s))
        .collect();
    counts.retain(|c| {
        let optional = scales
            .get(c.question.as_str())
            .and_then(|s| s.options.get(c.position as usize - 1))
            .is_some_and(|o| o.optional);
        !optional || chosen.contains(&(c.question.clone(), c.option.clone()))
    });
    Ok(LikertTables { counts, summaries })
}

/// Every (group, question, option) that must appear in the counts, with the option's place
/// in its scale: the frame that zero counts are filled into.
fn option_grid(survey: &Survey, sessions: &[String]) -> PolarsResult<DataFrame> {
    let mut g = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut o = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (gi, group) in groups(sessions).iter().enumerate() {
        for (qi, (question, scale)) in survey.closed().enumerate() {
            for (oi, option) in scale.options.iter().enumerate() {
                g.0.push(group.clone());
                g.1.push(gi as u32);
                g.2.push(question.label.clone());
                g.3.push(qi as u32);
                g.4.push(option.label.clone());
                o.0.push(oi as u32 + 1);
                o.1.push(scale.score(oi));
                o.2.push(option.sentiment.is_some());
                o.3.push(scale.is_favourable(oi));
            }
        }
    }
    DataFrame::new(
        g.0.len(),
        vec![
            Column::new(col::GROUP.into(), g.0),
            Column::new(col::GROUP_ORDER.into(), g.1),
            Column::new(col::QUESTION.into(), g.2),
            Column::new(col::QUESTION_ORDER.into(), g.3),
            Column::new(col::OPTION.into(), g.4),
            Column::new(col::POSITION.into(), o.0),
            Column::new(col::SCORE.into(), o.1),
            Column::new(col::SUBSTANTIVE.into(), o.2),
            Column::new(col::TOP2.into(), o.3),
        ],
    )
}

/// Matched answers counted per session and overall, joined onto the grid so that options
/// nobody chose appear with 0, with each option's percent of the question's `n`.
fn count_plan(tidy: LazyFrame, grid: DataFrame) -> LazyFrame {
    let per_session = tidy
        .filter(
            col(col::OPTION).is_not_null().and(
                col(col::KIND)
                    .eq(lit(col::KIND_LIKERT))
                    .or(col(col::KIND).eq(lit(col::KIND_CATEGORY))),
            ),
        )
        .group_by([col(col::SESSION), col(col::QUESTION), col(col::OPTION)])
        .agg([col(col::WEIGHT)
            .cast(DataType::UInt64)
            .sum()
            .alias(col::COUNT)]);
    let by_session = per_session.clone().select([
        col(col::SESSION).alias(col::GROUP),
        col(col::QUESTION),
        col(col::OPTION),
        col(col::COUNT),
    ]);
    let overall = per_session
        .group_by([col(col::QUESTION), col(col::OPTION)])
        .agg([col(col::COUNT).sum()])
        .select([
            lit(col::OVERALL).alias(col::GROUP),
            col(col::QUESTION),
            col(col::OPTION),
            col(col::COUNT),
        ]);
    let observed = concat([by_session, overall], UnionArgs::default())
        .expect("both parts have the same columns");
    let keys = [col(col::GROUP), col(col::QUESTION), col(col::OPTION)];
    let n = col(col::COUNT)
        .sum()
        .over([col(col::GROUP), col(col::QUESTION)])
        .expect("partition columns are plain columns");
    grid.lazy()
        .join(observed, keys.clone(), keys, JoinArgs::new(JoinType::Left))
        .with_column(col(col::COUNT).fill_null(lit(0)).cast(DataType::UInt64))
        .with_column(n.alias(col::N))
        .with_column(
            when(col(col::N).gt(lit(0)))
                .then(
                    lit(100.0) * col(col::COUNT).cast(DataType::Float64)
                        / col(col::N).cast(DataType::Float64),
                )
                .otherwise(lit(NULL))
                .alias("percent"),
        )
        .sort(
            [col::GROUP_ORDER, col::QUESTION_ORDER, col::POSITION],
            SortMultipleOptions::default(),
        )
}

/// Per group and question: n, substantive n, mean score over substantive answers and the
/// number in the top two boxes.
fn summary_plan(counts: LazyFrame) -> LazyFrame {
    let count = col(col::COUNT);
    let substantive = col(col::SUBSTANTIVE);
    counts
        .group_by([col(col::GROUP), col(col::QUESTION)])
        .agg([
            col(col::GROUP_ORDER).first(),
            col(col::QUESTION_ORDER).first(),
            count.clone().sum().alias(col::N),
            count
                .clone()
                .filter(substantive.clone())
                .sum()
                .alias(col::N_SUBSTANTIVE),
            (count.clone() * col(col::SCORE).cast(DataType::UInt64))
                .filter(substantive)
                .sum()
                .alias(col::SCORE_SUM),
            count.filter(col(col::TOP2)).sum().alias(col::N_TOP2),
        ])
        .with_column(
            when(col(col::N_SUBSTANTIVE).gt(lit(0)))
                .then(
                    col(col::SCORE_SUM).cast(DataType::Float64)
                        / col(col::N_SUBSTANTIVE).cast(DataType::Float64),
                )
                .otherwise(lit(NULL))
                .alias("mean"),
        )
        .sort(
            [col::GROUP_ORDER, col::QUESTION_ORDER],
            SortMultipleOptions::default(),
        )
}

/// Respondents ticking each option of each multi-select question, per session and overall,
/// with the respondents who ticked anything as the base. A respondent is a sheet row.
pub fn choice_counts(
    tidy: &DataFrame,
    survey: &Survey,
    sessions: &[String],
) -> Result<Vec<ChoiceCount>> {
    let mut g = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for (gi, group) in groups(sessions).iter().enumerate() {
        for (qi, (question, options)) in survey.multi_select().enumerate() {
            for (oi, option) in options.options.iter().enumerate() {
                g.0.push(group.clone());
                g.1.push(gi as u32);
                g.2.push(question.label.clone());
                g.3.push(qi as u32);
                g.4.push(option.label.clone());
                g.5.push(oi as u32 + 1);
            }
        }
    }
    if g.0.is_empty() {
        return Ok(Vec::new());
    }
    let grid = DataFrame::new(
        g.0.len(),
        vec![
            Column::new(col::GROUP.into(), g.0),
            Column::new(col::GROUP_ORDER.into(), g.1),
            Column::new(col::QUESTION.into(), g.2),
            Column::new(col::QUESTION_ORDER.into(), g.3),
            Column::new(col::OPTION.into(), g.4),
            Column::new(col::POSITION.into(), g.5),
        ],
    )
    .map_err(Error::table("multi-select grid"))?;
    let ticks = tidy
        .clone()
        .lazy()
        .filter(col(col::KIND).eq(lit(col::KIND_MULTI_SELECT)));
    // Respondents counted once however often they ticked: one group per sheet row first.
    let respondents = |frame: LazyFrame, keys: Vec<Expr>, name: &str| {
        let mut by_row = keys.clone();
        by_row.extend([col(col::FILE), col(col::ROW)]);
        frame
            .group_by(by_row)
            .agg([len().alias("ticks")])
            .group_by(keys)
            .agg([len().cast(DataType::UInt64).alias(name)])
    };
    let per_option = |by_session: bool| {
        let mut keys = vec![col(col::QUESTION), col(col::OPTION)];
        if by_session {
            keys.insert(0, col(col::SESSION));
        }
        let counted = respondents(
            ticks.clone().filter(col(col::OPTION).is_not_null()),
            keys,
            col::COUNT,
        );
        if by_session {
            counted.select([
                col(col::SESSION).alias(col::GROUP),
                col(col::QUESTION),
                col(col::OPTION),
                col(col::COUNT),
            ])
        } else {
            counted.select([
                lit(col::OVERALL).alias(col::GROUP),
                col(col::QUESTION),
                col(col::OPTION),
                col(col::COUNT),
            ])
        }
    };
    let per_question = |by_session: bool| {
        let mut keys = vec![col(col::QUESTION)];
        if by_session {
            keys.insert(0, col(col::SESSION));
        }
        let counted = respondents(ticks.clone(), keys, col::N);
        if by_session {
            counted.select([
                col(col::SESSION).alias(col::GROUP),
                col(col::QUESTION),
                col(col::N),
            ])
        } else {
            counted.select([
                lit(col::OVERALL).alias(col::GROUP),
                col(col::QUESTION),
                col(col::N),
            ])
        }
    };
    let options = concat([per_option(true), per_option(false)], UnionArgs::default())
        .map_err(Error::table("multi-select counts"))?;
    let bases = concat(
        [per_question(true), per_question(false)],
        UnionArgs::default(),
    )
    .map_err(Error::table("multi-select counts"))?;
    let keys = [col(col::GROUP), col(col::QUESTION), col(col::OPTION)];
    let df = grid
        .lazy()
        .join(options, keys.clone(), keys, JoinArgs::new(JoinType::Left))
        .join(
            bases,
            [col(col::GROUP), col(col::QUESTION)],
            [col(col::GROUP), col(col::QUESTION)],
            JoinArgs::new(JoinType::Left),
        )
        .with_columns([
            col(col::COUNT).fill_null(lit(0u64)),
            col(col::N).fill_null(lit(0u64)),
        ])
        .sort(
            [col::GROUP_ORDER, col::QUESTION_ORDER, col::POSITION],
            SortMultipleOptions::default(),
        )
        .collect()
        .map_err(Error::table("multi-select counts"))?;
    let read = || -> PolarsResult<Vec<ChoiceCount>> {
        let (group, question, option) = (
            strs(&df, col::GROUP)?,
            strs(&df, col::QUESTION)?,
            strs(&df, col::OPTION)?,
        );
        let position = df.column(col::POSITION)?.u32()?;
        let (count, base) = (u64s(&df, col::COUNT)?, u64s(&df, col::N)?);
        Ok((0..df.height())
            .map(|i| {
                let (c, b) = (count.get(i).unwrap_or(0), base.get(i).unwrap_or(0));
                ChoiceCount {
                    suppressed: false,
                    group: group.get(i).unwrap_or_default().to_string(),
                    question: question.get(i).unwrap_or_default().to_string(),
                    option: option.get(i).unwrap_or_default().to_string(),
                    position: position.get(i).unwrap_or_default(),
                    respondents: c,
                    base: b,
                    percent: (b > 0).then(|| 100.0 * c as f64 / b as f64),
                }
            })
            .collect())
    };
    read().map_err(Error::table("multi-select counts"))
}

fn strs<'a>(df: &'a DataFrame, name: &str) -> PolarsResult<&'a StringChunked> {
    df.column(name)?.str()
}

fn u64s(df: &DataFrame, name: &str) -> PolarsResult<UInt64Chunked> {
    Ok(df.column(name)?.cast(&DataType::UInt64)?.u64()?.clone())
}

fn option_counts(df: &DataFrame) -> PolarsResult<Vec<OptionCount>> {
    let (group, question, option) = (
        strs(df, col::GROUP)?,
        strs(df, col::QUESTION)?,
        strs(df, col::OPTION)?,
    );
    let position = df.column(col::POSITION)?.u32()?;
    let count = u64s(df, col::COUNT)?;
    let percent = df.column("percent")?.f64()?;
    Ok((0..df.height())
        .map(|i| OptionCount {
            suppressed: false,
            group: group.get(i).unwrap_or_default().to_string(),
            question: question.get(i).unwrap_or_default().to_string(),
            option: option.get(i).unwrap_or_default().to_string(),
            position: position.get(i).unwrap_or_default(),
            count: count.get(i).unwrap_or_default(),
            percent: percent.get(i),
        })
        .collect())
}

fn question_summaries(df: &DataFrame) -> PolarsResult<Vec<QuestionSummary>> {
    let (group, question) = (strs(df, col::GROUP)?, strs(df, col::QUESTION)?);
    let n = u64s(df, col::N)?;
    let n_sub = u64s(df, col::N_SUBSTANTIVE)?;
    let n_top2 = u64s(df, col::N_TOP2)?;
    let mean = df.column("mean")?.f64()?;
    Ok((0..df.height())
        .map(|i| {
            let (base, top) = (n_sub.get(i).unwrap_or(0), n_top2.get(i).unwrap_or(0));
            let ci = stats::wilson(top, base, CONFIDENCE);
            QuestionSummary {
                suppressed: false,
                group: group.get(i).unwrap_or_default().to_string(),
                question: question.get(i).unwrap_or_default().to_string(),
                n: n.get(i).unwrap_or(0),
                n_substantive: base,
                mean: mean.get(i),
                top2_percent: (base > 0).then(|| 100.0 * top as f64 / base as f64),
                top2_ci_low: ci.map(|c| 100.0 * c.0),
                top2_ci_high: ci.map(|c| 100.0 * c.1),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{builtin_scales, Question, QuestionKind};

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
