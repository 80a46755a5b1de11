//! The attendance document: how many members have been trained, as the seed papers say it
//! ("53 out of 63 members have attended ... (84%)"). Attendance of all members is a census,
//! so it is given as counts, without intervals.
//!
//! The rules for the summary:
//! 1. members who attended at least one session, out of all members;
//! 2. the newest cohort (when the roster's cohorts are years of election), as the seed paper
//!    gives "those members elected in 2016";
//! 3. the level furthest below its target, with how many more members would meet it;
//! 4. how many members have not attended any session (their names are for democratic
//!    services only, never in this document);
//! 5. how many sessions the records cover, from when to when.

use super::words::{count, percent, plural, suppression_note, uk_dates};
use crate::model::{
    Attendance, Breakdown, CoverageRow, Protection, ANY_LEVEL, CONFIDENTIAL, NOT_GIVEN,
};
use crate::report::document::{plain, Align, Block, Document, Figure, Numbering, Table, Text};

fn has(k: u64) -> &'static str {
    if k == 1 {
        "has"
    } else {
        "have"
    }
}

fn overall(a: &Attendance) -> Option<&CoverageRow> {
    a.coverage
        .iter()
        .find(|r| r.breakdown == Breakdown::AllMembers && r.level == ANY_LEVEL && !r.suppressed)
}

/// Cohorts at any level, suppressed ones included (the table shows them as [c]).
fn cohorts(a: &Attendance) -> impl Iterator<Item = &CoverageRow> {
    a.coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::Cohort && r.level == ANY_LEVEL)
}

/// Levels whose figures are published.
fn levels(a: &Attendance) -> impl Iterator<Item = &CoverageRow> {
    a.coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers && r.level != ANY_LEVEL && !r.suppressed)
}

/// The attended / members / per cent cells of a row, or [c] for each when suppressed.
fn figures(r: &CoverageRow) -> [String; 3] {
    if r.suppressed {
        return std::array::from_fn(|_| CONFIDENTIAL.to_string());
    }
    [
        count(r.attended),
        count(r.members),
        percent(r.attended, r.members),
    ]
}

/// Members still needed to meet a row's target.
fn short_of_target(r: &CoverageRow) -> Option<u64> {
    let t = r.target?;
    let needed = (t / 100.0 * r.members as f64).ceil() as u64;
    Some(needed.saturating_sub(r.attended))
}

/// "Level 2 (targeted): 5 out of 20 members expected at that level (25%) have attended".
fn at_level(r: &CoverageRow) -> String {
    format!(
        "{}: {} out of {} members expected at that level ({}) {} attended",
        r.level,
        r.attended,
        r.members,
        percent(r.attended, r.members),
        has(r.attended)
    )
}

fn elected(a: &Attendance) -> bool {
    a.cohort_heading
        .as_deref()
        .is_some_and(|h| h.to_lowercase().contains("elect"))
}

fn summary(a: &Attendance) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    if let Some(r) = overall(a) {
        out.push(vec![plain(format!(
            "In all, {} out of {} members ({}) {} attended at least one training session.",
            count(r.attended),
            count(r.members),
            percent(r.attended, r.members),
            has(r.attended)
        ))]);
    }
    // The newest cohort: the largest year of election.
    if elected(a) {
        let newest = cohorts(a)
            .filter(|r| r.group != NOT_GIVEN && !r.suppressed)
            .filter_map(|r| r.group.trim().parse::<u32>().ok().map(|y| (y, r)))
            .max_by_key(|(y, _)| *y);
        if let Some((year, r)) = newest {
            out.push(vec![plain(format!(
                "Of those members elected in {year}, {} out of {} ({}) {} attended at least one session.",
                r.attended,
                r.members,
                percent(r.attended, r.members),
                has(r.attended)
            ))]);
        }
    }
    let gap = levels(a)
        .filter_map(|r| Some((short_of_target(r)?, r)))
        .filter(|(short, _)| *short > 0)
        .max_by(|(_, x), (_, y)| {
            let shortfall = |r: &CoverageRow| r.target.unwrap_or(0.0) - r.percent.unwrap_or(0.0);
            shortfall(x).total_cmp(&shortfall(y))
        });
    if let Some((short, r)) = gap {
        out.push(vec![plain(format!(
            "The largest gap is at {}, against a target of {:.0}%; {short} more {} would meet it.",
            at_level(r),
            r.target.unwrap_or(0.0),
            if short == 1 { "member" } else { "members" },
        ))]);
    } else if !a.has_targets() {
        // No target set: the level with the lowest coverage, when levels differ.
        let shown: Vec<&CoverageRow> = levels(a).filter(|r| r.percent.is_some()).collect();
        let lowest = shown.iter().min_by(|x, y| {
            x.percent
                .unwrap_or(0.0)
                .total_cmp(&y.percent.unwrap_or(0.0))
        });
        if let (true, Some(r)) = (shown.len() > 1, lowest) {
            out.push(vec![plain(format!(
                "Coverage is lowest at {}.",
                at_level(r)
            ))]);
        }
    }
    if let Some(at) = &a.in_date_at {
        let lapsed = a.lapsed.len() as u64;
        out.push(vec![plain(format!(
            "Training that lapses is counted only while in date, at {}: {} had lapsed by then, and {} not counted.",
            super::words::uk_dates(at),
            plural(lapsed, "completion", "completions"),
            if lapsed == 1 { "is" } else { "are" }
        ))]);
    }
    for (session, n) in &a.exempt {
        out.push(vec![plain(format!(
            "\u{201c}{session}\u{201d}: {} exempt and left out of its count.",
            if *n == 1 {
                "one member is".to_string()
            } else {
                format!("{} members are", count(*n))
            }
        ))]);
    }
    if let Some(r) = overall(a) {
        let untrained = r.members - r.attended;
        if untrained > 0 {
            out.push(vec![plain(format!(
                "Democratic services hold the names of the {} who {} not yet attended any session, so that they can be offered one.",
                plural(untrained, "member", "members"),
                has(untrained)
            ))]);
        }
    }
    let dated: Vec<&str> = a
        .sessions
        .iter()
        .filter_map(|s| s.date.as_deref())
        .collect();
    let sessions = plural(a.sessions.len() as u64, "session", "sessions");
    out.push(vec![plain(
        match (dated.iter().min(), dated.iter().max()) {
            (Some(first), Some(last)) if first != last => format!(
                "The records cover {sessions} held between {} and {}.",
                uk_dates(first),
                uk_dates(last)
            ),
            (Some(d), _) => format!("The records cover {sessions}, held on {}.", uk_dates(d)),
            _ => format!("The records cover {sessions}."),
        },
    )]);
    out
}

/// The attendance document. `chart` is the coverage chart's path, when it was drawn.
/// `a` has its small groups marked suppressed (see `crate::disclosure`): the tables show
/// them as [c], the findings leave them out.
pub fn document(a: &Attendance, chart: Option<&str>, protection: &Protection) -> Document {
    let mut doc = Document::new("Member training: attendance and coverage");
    doc.details
        .push(("Members on the roster".into(), count(a.members)));
    doc.details
        .push(("Sessions recorded".into(), count(a.sessions.len() as u64)));
    let mut numbering = Numbering::new();
    doc.heading(2, "Summary");
    numbering.section();
    for finding in summary(a) {
        doc.push(numbering.next(finding));
    }
    doc.heading(2, "Coverage");
    if let Some(path) = chart {
        doc.push(Block::Figure(Figure {
            path: path.into(),
            title: "Members who have attended at least one session".into(),
            alt: String::new(),
            width: 100,
        }));
    }
    let mut tables = 0;
    let mut by_level: Vec<Vec<String>> = Vec::new();
    for r in a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers)
    {
        let label = if r.level == ANY_LEVEL {
            "Any level".to_string()
        } else {
            r.level.clone()
        };
        let mut row = vec![label];
        row.extend(figures(r));
        if a.has_targets() {
            row.push(r.target.map_or("-".into(), |t| format!("{t:.0}%")));
        }
        by_level.push(row);
    }
    if !by_level.is_empty() {
        tables += 1;
        doc.push(Block::Table(Table {
            caption: format!(
                "Table {tables}: members who have attended at least one session, by level (out of {})",
                if a.roster_has_levels {
                    "the members expected at each level"
                } else {
                    "all members"
                }
            ),
            columns: [
                ("Level".into(), Align::Left),
                ("Attended".into(), Align::Right),
                ("Members".into(), Align::Right),
                ("Per cent".into(), Align::Right),
            ]
            .into_iter()
            .chain(
                a.has_targets()
                    .then(|| ("Target".into(), Align::Right)),
            )
            .collect(),
            rows: by_level,
        }));
    }
    let by_cohort: Vec<Vec<String>> = cohorts(a)
        .map(|r| {
            let mut row = vec![r.group.clone()];
            row.extend(figures(r));
            row
        })
        .collect();
    if !by_cohort.is_empty() {
        tables += 1;
        let name = a.cohort_name();
        doc.push(Block::Table(Table {
            caption: format!(
                "Table {tables}: members who have attended at least one session, by {name}"
            ),
            columns: vec![
                (crate::model::capitalised(&name), Align::Left),
                ("Attended".into(), Align::Right),
                ("Members".into(), Align::Right),
                ("Per cent".into(), Align::Right),
            ],
            rows: by_cohort,
        }));
    }
    if a.coverage.iter().any(|r| r.suppressed) {
        doc.push(Block::Paragraph(vec![plain(suppression_note(
            protection.threshold,
            "members",
        ))]));
    }
    if !a.sessions.is_empty() {
        doc.heading(2, "Sessions");
        tables += 1;
        doc.push(Block::Table(Table {
            caption: format!("Table {tables}: training sessions and the members who attended"),
            columns: vec![
                ("Session".into(), Align::Left),
                ("Date".into(), Align::Left),
                ("Level".into(), Align::Left),
                ("Members attending".into(), Align::Right),
            ],
            rows: a
                .sessions
                .iter()
                .map(|s| {
                    vec![
                        s.session.clone(),
                        s.date
                            .as_deref()
                            .map(uk_dates)
                            .unwrap_or_else(|| "-".into()),
                        s.level.clone(),
                        if s.suppressed {
                            CONFIDENTIAL.to_string()
                        } else {
                            count(s.on_roster)
                        },
                    ]
                })
                .collect(),
        }));
    }
    doc
}
