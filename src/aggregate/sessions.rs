//! Sessions compared with each other: on each rated question, each session's favourable
//! share against the other sessions' together, so that an officer can see a date or a
//! trainer that did worse (or better) than the rest beyond what chance would give.
//!
//! Read from the published summaries: a suppressed session is neither compared nor counted
//! among "the others" (else the others less the published total would give it away).

use super::CONFIDENCE;
use crate::model::thresholds::{ALPHA_LEVEL, FEW_RESPONSES};
use crate::model::{col, QuestionSummary, SessionDifference};
use crate::stats::{self, proportions};

/// Every comparison, questions in the summaries' order and sessions in theirs; none for a
/// question that fewer than two published sessions answered.
pub fn compare(summaries: &[QuestionSummary]) -> Vec<SessionDifference> {
    let mut questions: Vec<&str> = Vec::new();
    for s in summaries {
        if !questions.contains(&s.question.as_str()) {
            questions.push(&s.question);
        }
    }
    let mut out = Vec::new();
    let mut p_values = Vec::new();
    for question in questions {
        let sessions: Vec<&QuestionSummary> = summaries
            .iter()
            .filter(|s| {
                s.question == question
                    && s.group != col::OVERALL
                    && !s.suppressed
                    && s.top2_percent.is_some()
                    && s.n_substantive > 0
            })
            .collect();
        if sessions.len() < 2 {
            continue;
        }
        let (all_k, all_n) = sessions.iter().fold((0, 0), |(k, n), s| {
            (k + s.n_favourable, n + s.n_substantive)
        });
        for s in sessions {
            let (k, n) = (s.n_favourable, s.n_substantive);
            let (ok, on) = (all_k - k, all_n - n);
            let (Some(d), Some(p)) = (
                proportions::difference(k, n, ok, on, CONFIDENCE),
                proportions::fisher_exact(k, n - k, ok, on - ok),
            ) else {
                continue;
            };
            p_values.push(Some(p));
            out.push(SessionDifference {
                question: question.to_string(),
                session: s.group.clone(),
                favourable: k,
                answered: n,
                percent: 100.0 * k as f64 / n as f64,
                others_favourable: ok,
                others_answered: on,
                others_percent: 100.0 * ok as f64 / on as f64,
                difference: 100.0 * d.difference,
                ci_low: 100.0 * d.low,
                ci_high: 100.0 * d.high,
                p_exact: p,
                p_holm: p,
                beyond_chance: false,
                few: n < FEW_RESPONSES,
            });
        }
    }
    for (row, adjusted) in out.iter_mut().zip(stats::holm(&p_values)) {
        row.p_holm = adjusted.unwrap_or(1.0);
        row.beyond_chance = row.p_holm < ALPHA_LEVEL;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(group: &str, question: &str, favourable: u64, answered: u64) -> QuestionSummary {
        QuestionSummary {
            group: group.into(),
            question: question.into(),
            n: answered,
            n_substantive: answered,
            n_favourable: favourable,
            top2_percent: (answered > 0).then(|| 100.0 * favourable as f64 / answered as f64),
            ..Default::default()
        }
    }

    /// Reference values: scipy 1.17.1 `fisher_exact` (two-sided), statsmodels 0.15.0
    /// `multipletests(method="holm")` and `confint_proportions_2indep(method="newcomb")`.
    #[test]
    fn each_session_against_the_others_with_exact_p_holm_and_newcombe_interval() {
        let summaries = [
            summary("overall", "Q", 46, 60),
            summary("A", "Q", 19, 20),
            summary("B", "Q", 19, 20),
            summary("C", "Q", 8, 20),
        ];
        let d = compare(&summaries);
        assert_eq!(d.len(), 3);
        let c = &d[2];
        assert_eq!((c.session.as_str(), c.favourable, c.answered), ("C", 8, 20));
        assert_eq!((c.others_favourable, c.others_answered), (38, 40));
        assert!((c.difference - (40.0 - 95.0)).abs() < 1e-9);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9 * b.abs().max(1e-6);
        // fisher_exact([[8, 12], [38, 2]]); the interval -0.7347701729694127, -0.3075512935293001.
        assert!(close(c.p_exact, 5.845540899731308e-06), "{}", c.p_exact);
        assert!(close(c.p_holm, 1.7536622699193925e-05), "{}", c.p_holm);
        assert!(close(c.ci_low, -73.47701729694127) && close(c.ci_high, -30.75512935293001));
        // A (and B): 19 of 20 against 27 of 40, fisher_exact([[19, 1], [27, 13]]) and Holm:
        // the weak session makes the others look strong, and that is beyond chance too.
        assert!(close(d[0].p_exact, 0.022658733966748487));
        assert!(close(d[0].p_holm, 0.045317467933496974));
        assert!(d.iter().all(|r| r.beyond_chance));
        assert!(!d.iter().any(|r| r.few));
    }

    #[test]
    fn suppressed_sessions_are_neither_compared_nor_counted_and_one_session_is_no_comparison() {
        let mut hidden = summary("B", "Q", 2, 3);
        hidden.suppressed = true;
        let d = compare(&[summary("A", "Q", 10, 12), hidden, summary("C", "Q", 5, 12)]);
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].others_favourable, d[0].others_answered), (5, 12));
        assert!(compare(&[summary("A", "Q", 10, 12), summary("overall", "Q", 10, 12)]).is_empty());
    }
}
