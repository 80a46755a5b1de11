//! Attendance in the report: the coverage and sessions tables, the internal list of members
//! not yet trained (personal data, kept out of the briefing unless the definition asks), and
//! the briefing's section, written in the sentences committee papers use ("19 out of 24 have
//! attended at least one session").

use super::tables::{after, masked, table, Tabular};
use super::write::markdown::escape as cell;
use crate::model::capitalised;
use crate::model::{Attendance, Breakdown, CoverageRow, ANY_LEVEL, NOT_GIVEN};
use std::fmt::Write;

/// Path of the internal list, relative to the report folder.
pub const UNTRAINED_PATH: &str = "internal/PERSONAL-DATA_members_not_yet_trained.csv";
/// Path of the coverage chart, without extension.
pub const CHART_PATH: &str = "charts/attendance_coverage";
/// The committee document's chart (levels and cohorts, no intervals).
pub const COMMITTEE_CHART_PATH: &str = "charts/attendance_coverage_committee";

pub fn coverage_csv(a: &Attendance) -> Tabular {
    masked(&Default::default(), after(&a.coverage, |r| r.suppressed, 3))
}

/// A small session keeps its name, date and level; none of its figures shows.
pub fn sessions_csv(a: &Attendance) -> Tabular {
    masked(&Default::default(), after(&a.sessions, |s| s.suppressed, 3))
}

pub fn untrained_csv(a: &Attendance) -> Tabular {
    table(&a.untrained)
}

/// Completions of lapsing training that were out of date (personal data: `internal/`).
pub const LAPSED_PATH: &str = "internal/PERSONAL-DATA_lapsed_training.csv";

pub fn lapsed_csv(a: &Attendance) -> Tabular {
    table(&a.lapsed)
}

fn whole(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.0}%"))
        .unwrap_or_else(|| "\u{2013}".into())
}

/// "k out of n members have attended at least one session (p%)".
pub fn overall_sentence(a: &Attendance) -> Option<String> {
    let r = a
        .coverage
        .iter()
        .find(|r| r.breakdown == Breakdown::AllMembers && r.level == ANY_LEVEL)?;
    let in_date = a.in_date_at.as_deref().map_or(String::new(), |d| {
        format!(
            ", training that lapses counted while in date at {}",
            crate::report::topic::words::uk_dates(d)
        )
    });
    // Every member is counted: a census, given without an interval.
    Some(format!(
        "{} out of {} members have attended at least one session ({}{in_date})",
        r.attended,
        r.members,
        whole(r.percent),
    ))
}

/// The coverage in a few sentences, for the terminal: all members, then each cohort.
pub fn summary_lines(a: &Attendance) -> Vec<String> {
    let cohorts = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::Cohort && r.level == ANY_LEVEL)
        .map(|r| cohort_sentence(a, r));
    overall_sentence(a)
        .map(|s| format!("{s}."))
        .into_iter()
        .chain(cohorts)
        .collect()
}

/// "Of those members elected in 2016, 19 out of 24 have attended at least one session (79%)".
fn cohort_sentence(a: &Attendance, r: &CoverageRow) -> String {
    let heading = a
        .cohort_heading
        .as_deref()
        .unwrap_or("cohort")
        .to_lowercase();
    let who = if r.group == NOT_GIVEN {
        format!("Of members whose {heading} the roster does not give")
    } else if heading.contains("elect") {
        format!("Of those members elected in {}", r.group)
    } else {
        format!("Of members in {heading} {}", r.group)
    };
    format!(
        "{who}, {} out of {} {} attended at least one session ({}).",
        r.attended,
        r.members,
        if r.attended == 1 { "has" } else { "have" },
        whole(r.percent)
    )
}

/// "Level 1 (universal): 52 out of 63 (83%); the target of 90% needs 5 more." (the target
/// only when one is set)
fn level_sentence(r: &CoverageRow) -> String {
    let mut s = format!(
        "{}: {} out of {} ({})",
        r.level,
        r.attended,
        r.members,
        whole(r.percent)
    );
    if let Some(t) = r.target {
        let short = ((t / 100.0 * r.members as f64).ceil() as u64).saturating_sub(r.attended);
        if short == 0 {
            let _ = write!(s, "; target of {t:.0}% met");
        } else {
            let _ = write!(s, "; the target of {t:.0}% needs {short} more");
        }
    }
    s.push('.');
    s
}

/// The briefing's attendance section.
pub fn section(out: &mut String, a: &Attendance, chart: bool) {
    let _ = writeln!(out, "## Attendance and coverage\n");
    if a.roster_file.is_empty() {
        let _ = writeln!(
            out,
            "Attendance records were found but no member roster could be read, so coverage cannot be given; see [Data quality](#data-quality).\n"
        );
        return;
    }
    let dated: Vec<&str> = a
        .sessions
        .iter()
        .filter_map(|s| s.date.as_deref())
        .collect();
    let span = match (dated.iter().min(), dated.iter().max()) {
        (Some(first), Some(last)) if first != last => format!(", {first} to {last}"),
        (Some(d), _) => format!(", {d}"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "Roster: `{}`, {} members. Attendance records: {} session{}{span}.\n",
        a.roster_file,
        a.members,
        a.sessions.len(),
        if a.sessions.len() == 1 { "" } else { "s" }
    );
    if let Some(s) = overall_sentence(a) {
        let _ = writeln!(out, "- **{s}.**");
    }
    for r in a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::Cohort && r.level == ANY_LEVEL)
    {
        let _ = writeln!(out, "- {}", cohort_sentence(a, r));
    }
    let levels: Vec<&CoverageRow> = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers && r.level != ANY_LEVEL)
        .collect();
    if !levels.is_empty() {
        let _ = writeln!(
            out,
            "- Members who attended at least one session at each level, out of {}:",
            if a.roster_has_levels {
                "the members expected at that level (the roster's Level column)"
            } else {
                "all members"
            }
        );
        for r in levels {
            let _ = writeln!(out, "  - {}", level_sentence(r));
        }
    }
    if a.not_on_roster > 0 {
        let _ = writeln!(
            out,
            "- {} attendance record{} name{} people who are not on the roster: counted in the sessions' attendance, not in coverage (listed in `tables/data_quality.csv`).",
            a.not_on_roster,
            if a.not_on_roster == 1 { "" } else { "s" },
            if a.not_on_roster == 1 { "s" } else { "" }
        );
    }
    if !a.roster_has_levels {
        let _ = writeln!(
            out,
            "- The roster does not say which level each member is expected to reach (add a Level column: 1 universal, 2 targeted, 3 specialist), so every level is measured against all members."
        );
    }
    let _ = writeln!(out);
    if chart {
        let _ = writeln!(
            out,
            "![Training coverage]({CHART_PATH}.png)\n\n(also as [SVG]({CHART_PATH}.svg))\n"
        );
    }

    // Coverage counts every member: a census, given without an interval.
    let targets = a.has_targets();
    let _ = writeln!(out, "### Coverage by level\n");
    let _ = writeln!(
        out,
        "| Level | Attended | Members expected | % |{}\n|:--|--:|--:|--:|{}",
        if targets { " Target |" } else { "" },
        if targets { "--:|" } else { "" }
    );
    for r in a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers)
    {
        let (attended, members, percent) = if r.suppressed {
            let c = cell(crate::model::CONFIDENTIAL);
            (c.clone(), c.clone(), c)
        } else {
            (
                r.attended.to_string(),
                r.members.to_string(),
                whole(r.percent),
            )
        };
        let _ = write!(
            out,
            "| {} | {attended} | {members} | {percent} |",
            cell(&capitalised(&r.level)),
        );
        if targets {
            let _ = write!(out, " {} |", whole(r.target));
        }
        out.push('\n');
    }
    pivot(out, a, Breakdown::Cohort, &a.cohort_name());
    pivot(out, a, Breakdown::Role, "role");
    let _ = writeln!(out, "\n### Sessions\n");
    let _ = writeln!(
        out,
        "| Date | Session | Level | Attendees | Not on roster | % of members expected |\n|:--|:--|:--|--:|--:|--:|"
    );
    for s in &a.sessions {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            s.date.as_deref().unwrap_or("\u{2013}"),
            cell(&s.session),
            cell(&s.level),
            if s.suppressed {
                cell(crate::model::CONFIDENTIAL)
            } else {
                s.attendees.to_string()
            },
            if s.suppressed {
                cell(crate::model::CONFIDENTIAL)
            } else {
                s.not_on_roster.to_string()
            },
            if s.suppressed {
                cell(crate::model::CONFIDENTIAL)
            } else {
                whole(s.percent)
            },
        );
    }
    let _ = writeln!(out, "\n### Sessions per member\n");
    let _ = writeln!(out, "| Sessions attended | Members | % |\n|:--|--:|--:|");
    for r in a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::SessionsPerMember)
    {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            r.group,
            r.attended,
            whole(r.percent)
        );
    }
    let _ = writeln!(out);
    untrained(out, a);
}

/// One row per group of a breakdown, one column per level: "19 of 24 (79%)".
fn pivot(out: &mut String, a: &Attendance, breakdown: Breakdown, heading: &str) {
    let rows: Vec<&CoverageRow> = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == breakdown)
        .collect();
    if rows.is_empty() {
        return;
    }
    let mut levels: Vec<&str> = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    for r in &rows {
        if !levels.contains(&r.level.as_str()) {
            levels.push(&r.level);
        }
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    let _ = writeln!(out, "\n### Coverage by {heading} and level\n");
    let _ = writeln!(
        out,
        "| {} | {} |\n|:--|{}",
        cell(&capitalised(heading)),
        levels
            .iter()
            .map(|l| cell(&capitalised(l)))
            .collect::<Vec<_>>()
            .join(" | "),
        "--:|".repeat(levels.len())
    );
    for g in groups {
        let cells: Vec<String> = levels
            .iter()
            .map(|l| {
                rows.iter()
                    .find(|r| r.group == g && r.level == *l)
                    .map_or("\u{2013}".to_string(), |r| {
                        format!("{} of {} ({})", r.attended, r.members, whole(r.percent))
                    })
            })
            .collect();
        let _ = writeln!(out, "| {} | {} |", cell(g), cells.join(" | "));
    }
}

fn untrained(out: &mut String, a: &Attendance) {
    let mut by_level: Vec<(&str, usize)> = Vec::new();
    for u in &a.untrained {
        match by_level.iter_mut().find(|(l, _)| *l == u.level) {
            Some(slot) => slot.1 += 1,
            None => by_level.push((&u.level, 1)),
        }
    }
    let never = by_level
        .iter()
        .find(|(l, _)| *l == "any level")
        .map_or(0, |x| x.1);
    let levels: Vec<String> = by_level
        .iter()
        .filter(|(l, _)| *l != "any level")
        .map(|(l, n)| format!("{l}: {n}"))
        .collect();
    let _ = writeln!(
        out,
        "Not yet trained: {never} member{} attended no session{}. The names, with the date each member last attended, are in `{UNTRAINED_PATH}`, **which contains personal data: keep it out of published papers.**\n",
        if never == 1 { " has" } else { "s have" },
        if levels.is_empty() {
            String::new()
        } else {
            format!("; still to attend, by level: {}", levels.join("; "))
        },
    );
    if a.name_untrained_in_briefing && !a.untrained.is_empty() {
        let _ = writeln!(
            out,
            "Members not yet trained (included because `name_untrained_in_briefing = true`):\n"
        );
        let _ = writeln!(out, "| Level | Member | Last attended |\n|:--|:--|:--|");
        for u in &a.untrained {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&u.level),
                cell(&u.member),
                match (u.sessions_attended, u.last_attended.as_str()) {
                    (0, _) => "never",
                    (_, "") => "date not recorded",
                    (_, date) => date,
                }
            );
        }
        let _ = writeln!(out);
    }
}
