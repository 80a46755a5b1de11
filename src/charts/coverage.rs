//! Attendance coverage: one bar per level, per cohort and per role, the share of members
//! expected who attended at least one session, with its 95% interval and the target.

use super::bars::{Bar, BarChart, Section};
use crate::model::{Attendance, Breakdown, CoverageRow, ANY_LEVEL};

/// Most cohort or role bars drawn; a longer list is left to the table.
const MAX_GROUP_BARS: usize = 12;

fn bar(label: &str, r: &CoverageRow) -> Option<Bar> {
    let percent = r.percent?;
    Some(Bar {
        ci: Some((r.ci_low?, r.ci_high?)),
        target: r.target,
        ..Bar::new(
            label,
            percent,
            format!("{} / {} ({percent:.0}%)", r.attended, r.members),
        )
    })
}

/// The chart of a run's attendance: all members and each level, then each cohort (any
/// level), then each role when there are few enough to read.
pub fn chart(a: &Attendance) -> BarChart {
    let mut chart = BarChart::new(
        "attendance coverage",
        "Training coverage: members who attended at least one session",
        format!(
            "{} members on the roster; bars show 95% intervals, the red line the target",
            a.members
        ),
    );
    chart.value_heading = "attended / expected".into();
    chart.bar_legend = "attended at least one session".into();
    let levels = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers)
        .filter_map(|r| {
            let label = if r.level == ANY_LEVEL {
                "All members, any level".to_string()
            } else {
                r.level.clone()
            };
            bar(&label, r)
        })
        .collect();
    chart.sections.push(Section {
        heading: "By level (members expected at the level)".into(),
        bars: levels,
    });
    for (breakdown, title) in [
        (
            Breakdown::Cohort,
            format!("By {} (any level)", a.cohort_name()),
        ),
        (Breakdown::Role, "By role (any level)".to_string()),
    ] {
        let bars: Vec<Bar> = a
            .coverage
            .iter()
            .filter(|r| r.breakdown == breakdown && r.level == ANY_LEVEL)
            .filter_map(|r| bar(&r.group, r))
            .collect();
        if !bars.is_empty() && bars.len() <= MAX_GROUP_BARS {
            chart.sections.push(Section {
                heading: title,
                bars,
            });
        }
    }
    chart
}
