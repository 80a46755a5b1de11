//! This cycle beside earlier ones: each rated question's favourable share in every cycle, and
//! the change since the last one with its interval (Newcombe's method). The earlier cycles are
//! read from their report folders by [`crate::earlier`].
//!
//! Questions are matched by their wording. An earlier cycle's share of a question is shown
//! only when it rests on at least the disclosure threshold of answers, as any published
//! figure.

use super::CONFIDENCE;
use crate::model::{col, Change, Comparison, Cycle, QuestionSummary, QuestionTrend};
use crate::stats::proportions;

/// This cycle's figures, from its published overall summaries.
pub fn current(label: &str, summaries: &[QuestionSummary]) -> Cycle {
    Cycle {
        label: label.to_string(),
        shares: summaries
            .iter()
            .filter(|s| s.group == col::OVERALL && !s.suppressed && s.top2_percent.is_some())
            .map(|s| (s.question.clone(), (s.n_favourable, s.n_substantive)))
            .collect(),
    }
}

pub fn compare(current: &Cycle, order: &[&str], earlier: &[Cycle], threshold: u64) -> Comparison {
    let publishable = |s: Option<&(u64, u64)>| s.copied().filter(|(_, n)| *n >= threshold.max(1));
    let trends = order
        .iter()
        .filter(|q| current.shares.contains_key(**q))
        .map(|q| {
            let mut cycles: Vec<(String, Option<(u64, u64)>)> = earlier
                .iter()
                .map(|c| (c.label.clone(), publishable(c.shares.get(*q))))
                .collect();
            let now = publishable(current.shares.get(*q));
            let last = cycles
                .iter()
                .rev()
                .find_map(|(l, s)| s.map(|s| (l.clone(), s)));
            let change = now.zip(last).and_then(|((k, n), (since, (k0, n0)))| {
                let d = proportions::difference(k, n, k0, n0, CONFIDENCE)?;
                Some(Change {
                    since,
                    difference: 100.0 * d.difference,
                    low: 100.0 * d.low,
                    high: 100.0 * d.high,
                    beyond_chance: d.excludes_zero(),
                })
            });
            cycles.push((current.label.clone(), now));
            QuestionTrend {
                question: q.to_string(),
                cycles,
                change,
            }
        })
        .collect();
    let mut dropped = Vec::new();
    for c in earlier {
        for q in c.shares.keys() {
            if !current.shares.contains_key(q) {
                dropped.push((c.label.clone(), q.clone()));
            }
        }
    }
    Comparison { trends, dropped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle(label: &str, shares: &[(&str, u64, u64)]) -> Cycle {
        Cycle {
            label: label.into(),
            shares: shares
                .iter()
                .map(|(q, k, n)| (q.to_string(), (*k, *n)))
                .collect(),
        }
    }

    /// Reference interval: statsmodels 0.15.0, confint_proportions_2indep(56, 70, 48, 80,
    /// method="newcomb") = (0.05243147240236498, 0.33387265403690614).
    #[test]
    fn change_since_the_last_cycle_with_newcombe_interval() {
        let older = cycle("2023-24", &[("Q", 30, 40), ("Old", 5, 9)]);
        let last = cycle("2024-25", &[("Q", 48, 80)]);
        let now = cycle("2025-26", &[("Q", 56, 70), ("New", 3, 4)]);
        let c = compare(&now, &["Q", "New"], &[older, last], 5);
        assert_eq!(c.trends.len(), 2);
        let q = &c.trends[0];
        assert_eq!(
            q.cycles,
            [
                ("2023-24".to_string(), Some((30, 40))),
                ("2024-25".to_string(), Some((48, 80))),
                ("2025-26".to_string(), Some((56, 70)))
            ]
        );
        let change = q.change.as_ref().unwrap();
        assert_eq!(change.since, "2024-25");
        assert!((change.difference - 20.0).abs() < 1e-9);
        assert!((change.low - 5.243147240236498).abs() < 1e-9);
        assert!((change.high - 33.38726540369061).abs() < 1e-9);
        assert!(change.beyond_chance);
        // Asked this cycle only, and under the threshold: shown as not comparable.
        assert_eq!(c.trends[1].change, None);
        assert_eq!(c.trends[1].cycles[2].1, None);
        assert_eq!(c.dropped, [("2023-24".to_string(), "Old".to_string())]);
    }
}
