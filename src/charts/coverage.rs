//! Attendance coverage: one bar per level, per cohort and per role, the share of members
//! expected who attended at least one session, with its 95% interval and the target. The
//! committee's version shows levels and cohorts only, as counts without intervals: the
//! attendance of all members is a census, and a role is often held by one member.

use super::bars::{Bar, BarChart, Section};
use crate::model::{Attendance, Breakdown, CoverageRow, Level, ANY_LEVEL};

/// Most cohort or role bars drawn; a longer list is left to the table.
const MAX_GROUP_BARS: usize = 12;

fn bar(label: &str, r: &CoverageRow, intervals: bool) -> Option<Bar> {
    if r.suppressed {
        return None;
    }
    let percent = r.percent?;
    Some(Bar {
        ci: if intervals {
            Some((r.ci_low?, r.ci_high?))
        } else {
            None
        },
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
    build(a, true)
}

/// The committee's chart: levels and cohorts, without intervals or roles.
pub fn committee_chart(a: &Attendance) -> BarChart {
    build(a, false)
}

fn build(a: &Attendance, analyst: bool) -> BarChart {
    // The title states the finding (coverage of all members), the label follows.
    let overall = a
        .coverage
        .iter()
        .find(|r| r.breakdown == Breakdown::AllMembers && r.level == ANY_LEVEL && !r.suppressed)
        .and_then(|r| r.percent);
    let title = match overall {
        Some(p) => format!("{p:.0}% of members have attended at least one training session"),
        None => "Training coverage: members who attended at least one session".into(),
    };
    let mut chart = BarChart::new("attendance coverage", &title, {
        let target = if a.has_targets() {
            "; the dashed line is the target"
        } else {
            ""
        };
        let label = if overall.is_some() {
            "By level and group; "
        } else {
            ""
        };
        if analyst {
            format!(
                "{label}{} members on the roster; bars show 95% intervals{target}",
                a.members
            )
        } else {
            format!("{label}{} members on the roster{target}", a.members)
        }
    });
    // Rows of groups too small to publish have no figures (see `crate::disclosure`): they
    // are left out, and the subtitle says so.
    let hidden = a.coverage.iter().any(|r| {
        r.suppressed
            && (r.breakdown == Breakdown::AllMembers
                || (r.level == ANY_LEVEL && (analyst || r.breakdown == Breakdown::Cohort)))
    });
    if hidden {
        chart.subtitle.push_str("; small groups are left out");
    }
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
            bar(&label, r, analyst)
        })
        .collect();
    chart.sections.push(Section {
        heading: "By level (members expected at the level)".into(),
        bars: levels,
    });
    let cohorts: Vec<Bar> = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::Cohort && r.level == ANY_LEVEL)
        .filter_map(|r| bar(&r.group, r, analyst))
        .collect();
    if !cohorts.is_empty() && cohorts.len() <= MAX_GROUP_BARS {
        chart.sections.push(Section {
            heading: format!("By {} (any level)", a.cohort_name()),
            bars: cohorts,
        });
    }
    if analyst {
        // Each role at the highest level expected of its members, so that a gap at Level 2
        // is not hidden behind attendance at any level.
        let mut roles: Vec<&str> = Vec::new();
        for r in a.coverage.iter().filter(|r| r.breakdown == Breakdown::Role) {
            if !roles.contains(&r.group.as_str()) {
                roles.push(&r.group);
            }
        }
        let bars: Vec<Bar> = roles
            .iter()
            .filter_map(|role| {
                let r = a
                    .coverage
                    .iter()
                    .filter(|r| r.breakdown == Breakdown::Role && r.group == *role)
                    .filter(|r| r.level != ANY_LEVEL)
                    .max_by_key(|r| Level::parse(&r.level).number().unwrap_or(0))?;
                let level = Level::parse(&r.level)
                    .number()
                    .map_or(r.level.clone(), |n| format!("Level {n}"));
                bar(&format!("{role} ({level})"), r, analyst)
            })
            .collect();
        if !bars.is_empty() && bars.len() <= MAX_GROUP_BARS {
            chart.sections.push(Section {
                heading: "By role, at the level expected of it".into(),
                bars,
            });
        }
    }
    chart
}
