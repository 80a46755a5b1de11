//! The improvement board's chart: a section for each topic whose figures are shares, each
//! bar a figure of the board's one-page update with its base at the right: coverage by level
//! (members expected at each) and how the sessions were received (favourable answers to each
//! rated question, of those who gave a view). The self-assessment's change is given in words
//! on the page, its scores being averages, not shares. Protected groups have no figures and
//! are left out.

use super::bars::{Bar, BarChart, Section};
use crate::model::{col, Breakdown, Evaluation, ANY_LEVEL};

/// Most bars of one section: the page holds one chart.
const MOST_BARS: usize = 6;

pub fn chart(e: &Evaluation) -> Option<BarChart> {
    let mut chart = BarChart::new(
        "board update",
        "Member development at a glance",
        "Per cent, with the number and its base at the right of each bar".into(),
    );
    chart.value_heading = "number / base".into();
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
            .take(MOST_BARS)
            .collect();
        if !bars.is_empty() {
            chart.sections.push(Section {
                heading: "Attended at least one session (members expected at the level)".into(),
                bars,
            });
        }
    }
    let rated: Vec<Bar> = e
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
        .take(MOST_BARS)
        .collect();
    if !rated.is_empty() {
        chart.sections.push(Section {
            heading: "Favourable answers (of those who gave a view)".into(),
            bars: rated,
        });
    }
    (!chart.sections.is_empty()).then_some(chart)
}
