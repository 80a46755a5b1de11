//! The improvement board's chart: a section for each topic whose figures are shares, each
//! bar a figure of the board's one-page update with its base at the right: coverage by level
//! (members expected at each) and how the sessions were received (favourable answers to each
//! rated question, of those who gave a view). The self-assessment's change is given in words
//! on the page, its scores being averages, not shares. Protected groups have no figures and
//! are left out. The page holds the chart at the full width of its text (so that its words
//! print at the size of every other chart's) only if it is short: compact (the caption
//! carries its title), and at most [`MOST_BARS`] bars a section, the highest and the lowest,
//! which are the ones the page's findings name.

use super::bars::{Bar, BarChart, Section};
use crate::model::{col, first_extreme, Breakdown, Evaluation, ANY_LEVEL};

/// Most bars of one section: the page holds one chart.
const MOST_BARS: usize = 2;

pub fn chart(e: &Evaluation) -> Option<BarChart> {
    let mut chart = BarChart::new(
        "board update",
        "Member development at a glance",
        "Per cent, with the number and its base at the right of each bar".into(),
    );
    chart.value_heading = "number / base (per cent)".into();
    chart.bar_legend = "per cent of the base".into();
    if let Some(a) = e.attendance.as_ref().filter(|a| !a.coverage.is_empty()) {
        let bars: Vec<Bar> = a
            .coverage
            .iter()
            .filter(|r| r.breakdown == Breakdown::AllMembers && !r.suppressed)
            // All members at any level is the page's first sentence; the levels are here.
            .filter(|r| r.level != ANY_LEVEL || a.coverage.iter().all(|x| x.level == ANY_LEVEL))
            .filter_map(|r| {
                let percent = r.percent?;
                let label = if r.level == ANY_LEVEL {
                    "All members".to_string()
                } else {
                    r.level.clone()
                };
                Some(Bar {
                    target: r.target,
                    ..Bar::new(
                        &label,
                        percent,
                        format!("{} / {} ({percent:.0}%)", r.attended, r.members),
                    )
                })
            })
            .collect();
        let kept = with_extremes(bars.clone());
        if !kept.is_empty() {
            let heading = if kept.len() < bars.len() {
                format!(
                    "Attended at least one session: the highest and lowest of {} levels",
                    bars.len()
                )
            } else {
                "Attended at least one session (members expected at the level)".into()
            };
            chart.sections.push(Section {
                heading,
                bars: kept,
            });
        }
    }
    let all: Vec<Bar> = e
        .survey
        .likert()
        .filter(|(_, s)| s.has_mean() && s.confirmed)
        .filter_map(|(q, _)| {
            let s = e
                .summaries
                .iter()
                .find(|s| s.group == col::OVERALL && s.question == q.label && !s.suppressed)?;
            let percent = s.top2_percent?;
            let favourable = (percent * s.n_substantive as f64 / 100.0).round() as u64;
            Some(Bar::new(
                q.label.trim().trim_end_matches(':'),
                percent,
                format!("{favourable} / {} ({percent:.0}%)", s.n_substantive),
            ))
        })
        .collect();
    let rated = with_extremes(all.clone());
    if !rated.is_empty() {
        chart.sections.push(Section {
            heading: if rated.len() < all.len() && all.iter().all(|b| b.percent == all[0].percent) {
                format!(
                    "Favourable answers: {} of {} questions, each at {:.0}%",
                    rated.len(),
                    all.len(),
                    all[0].percent
                )
            } else if rated.len() < all.len() {
                format!(
                    "Favourable answers: the highest and lowest of {} questions",
                    all.len()
                )
            } else {
                "Favourable answers (of those who gave a view)".into()
            },
            bars: rated,
        });
    }
    (!chart.sections.is_empty()).then(|| chart.compact())
}

/// At most [`MOST_BARS`] bars in their order, always keeping the first largest and the first
/// smallest (the questions the page's findings name), the others from the first (all equal:
/// the first ones).
fn with_extremes(bars: Vec<Bar>) -> Vec<Bar> {
    if bars.len() <= MOST_BARS {
        return bars;
    }
    let indexed: Vec<(usize, f64)> = bars.iter().map(|b| b.percent).enumerate().collect();
    let first =
        |largest: bool| first_extreme(&indexed, |(_, p)| *p, largest).map_or(0, |(i, _)| *i);
    let mut keep = vec![first(true)];
    if !keep.contains(&first(false)) {
        keep.push(first(false));
    }
    for i in 0..bars.len() {
        if keep.len() >= MOST_BARS {
            break;
        }
        if !keep.contains(&i) {
            keep.push(i);
        }
    }
    bars.into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, b)| b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trimmed_section_keeps_the_most_and_least_favourable() {
        let bars: Vec<Bar> = [80.0, 90.0, 85.0, 70.0, 75.0, 88.0, 99.0, 60.0, 82.0]
            .iter()
            .enumerate()
            .map(|(i, p)| Bar::new(&format!("Q{i}"), *p, String::new()))
            .collect();
        let kept: Vec<String> = with_extremes(bars)
            .iter()
            .map(|b| b.lines[0].clone())
            .collect();
        assert_eq!(kept, ["Q6", "Q7"]);
        let equal: Vec<Bar> = (0..4)
            .map(|i| Bar::new(&format!("Q{i}"), 100.0, String::new()))
            .collect();
        assert_eq!(with_extremes(equal).len(), 2, "all equal: the first two");
    }
}
