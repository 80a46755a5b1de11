//! Attendance coverage: members who attended at least one session, overall
//! and by level, cohort and role, out of the members expected at that level ("k out of n"),
//! with Wilson intervals; sessions per member; attendance per session; and the members not
//! yet trained at each level.
//!
//! Coverage counts every member once per level scope (any level, then each level) the member
//! is expected at and breakdown (all members, cohort, role) the member falls in, with whether
//! the member attended a session in that scope. A roster is tens of members: plain maps.

use super::CONFIDENCE;
use crate::attendance::Matched;
use crate::config::AttendanceDef;
use crate::error::Result;
use crate::model::{
    Attendance, Breakdown, CoverageRow, Level, RowAccount, SessionRow, Untrained, ALL_MEMBERS,
    ANY_LEVEL, NOT_GIVEN,
};
use crate::stats;
use std::collections::{BTreeMap, BTreeSet};

/// Level scopes: `None` = any level, then every level a session has, and levels 1 up to the
/// highest the roster expects of anyone (so a level nobody has been trained at yet shows).
fn scopes(m: &Matched) -> Vec<Option<Level>> {
    let mut levels: BTreeSet<Level> = m.sessions.iter().map(|s| s.level.clone()).collect();
    let highest = m.roster.members.iter().filter_map(|x| x.level).max();
    for n in 1..=highest.unwrap_or(0) {
        levels.insert(Level::Numbered(n));
    }
    std::iter::once(None)
        .chain(levels.into_iter().map(Some))
        .collect()
}

fn scope_label(scope: &Option<Level>) -> String {
    scope
        .as_ref()
        .map_or(ANY_LEVEL.to_string(), Level::to_string)
}

/// Computes every attendance figure of a run.
pub fn coverage(
    m: &Matched,
    def: &AttendanceDef,
    files: Vec<crate::model::FileAccount>,
    rows: RowAccount,
) -> Result<Attendance> {
    let scopes = scopes(m);
    let has = m.roster.has_levels;
    let exempt: BTreeSet<(usize, usize)> = m.exempt.iter().copied().collect();
    // A member exempt from every session of a scope is out of its denominator.
    let exempt_from = |member: usize, scope: &Option<Level>| {
        let mut sessions = m
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, s)| scope.as_ref().is_none_or(|l| *l == s.level))
            .map(|(i, _)| i)
            .peekable();
        sessions.peek().is_some() && sessions.all(|s| exempt.contains(&(s, member)))
    };
    let expected = |member: usize, scope: &Option<Level>| {
        scope
            .as_ref()
            .is_none_or(|l| m.roster.members[member].expected_at(l, has))
            && !exempt_from(member, scope)
    };
    // Training that lapses counts only while in date, at the date given or the latest
    // completion the records show.
    let lapsing = m.sessions.iter().any(|s| def.valid_for(&s.name).is_some());
    let as_of = lapsing.then(|| {
        def.as_of
            .clone()
            .or_else(|| m.completed.values().max().cloned())
            .unwrap_or_default()
    });
    let mut lapsed = Vec::new();
    let attended: Vec<(usize, usize)> = m
        .attended
        .iter()
        .copied()
        .filter(|&(s, member)| {
            let (Some(months), Some(at)) = (def.valid_for(&m.sessions[s].name), &as_of) else {
                return true;
            };
            let done = m.completed.get(&(s, member));
            let until = done.map(|d| valid_until(d, months));
            let in_date = until.as_ref().is_some_and(|u| u.as_str() >= at.as_str());
            if !in_date {
                lapsed.push(crate::model::Lapsed {
                    session: m.sessions[s].name.clone(),
                    member: m.roster.members[member].name.clone(),
                    completed: done.cloned().unwrap_or_default(),
                    valid_until: until.unwrap_or_default(),
                });
            }
            in_date
        })
        .collect();
    let in_date = Matched {
        attended,
        ..m.clone()
    };
    let m = &in_date;
    // Sessions attended by each roster member (0 for none), in roster order.
    let mut sessions_of = vec![0u64; m.roster.members.len()];
    for &(_, member) in &m.attended {
        sessions_of[member] += 1;
    }

    // Which (member, level scope) pairs have an attendance.
    let mut trained: BTreeSet<(usize, usize)> = BTreeSet::new();
    for &(s, member) in &m.attended {
        let level = &m.sessions[s].level;
        for (k, scope) in scopes.iter().enumerate() {
            if scope.as_ref().is_none_or(|l| l == level) {
                trained.insert((member, k));
            }
        }
    }

    let mut coverage = coverage_rows(m, &scopes, &expected, &trained, def);
    // Members exempt from every session are out of the distribution as of the coverage.
    let counted: Vec<u64> = (0..sessions_of.len())
        .filter(|&p| expected(p, &None))
        .map(|p| sessions_of[p])
        .collect();
    coverage.extend(distribution(&counted));

    let sessions = session_rows(m, &expected, &exempt);
    let untrained = untrained(m, &scopes, &expected, &trained, &sessions_of);
    let mut exempt_per_session = Vec::new();
    for (i, s) in m.sessions.iter().enumerate() {
        let n = exempt.iter().filter(|(x, _)| *x == i).count() as u64;
        if n > 0 {
            exempt_per_session.push((s.name.clone(), n));
        }
    }
    Ok(Attendance {
        roster_file: m.roster_file.clone(),
        members: m.roster.members.len() as u64,
        cohort_heading: m.roster.cohort_heading.clone(),
        roster_has_levels: has,
        coverage,
        sessions,
        untrained,
        not_on_roster: m.outsiders.len() as u64,
        files,
        rows,
        name_untrained_in_briefing: def.name_untrained_in_briefing,
        in_date_at: as_of,
        lapsed,
        exempt: exempt_per_session,
    })
}

/// The last day a completion on `done` (ISO) stays in date for `months`: the same day
/// `months` later, less one (the last day of the month where that day does not exist).
fn valid_until(done: &str, months: u32) -> String {
    let part = |r: std::ops::Range<usize>| done.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (part(0..4), part(5..7), part(8..10)) else {
        return String::new();
    };
    let total = y * 12 + (m - 1) + months;
    let (y2, m2) = (total / 12, total % 12 + 1);
    let days_in = |y: u32, m: u32| match m {
        4 | 6 | 9 | 11 => 30,
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => 31,
    };
    // The day before the anniversary.
    let (mut y3, mut m3, mut d3) = (y2, m2, d.min(days_in(y2, m2)));
    if d3 > 1 {
        d3 -= 1;
    } else {
        if m3 == 1 {
            y3 -= 1;
            m3 = 12;
        } else {
            m3 -= 1;
        }
        d3 = days_in(y3, m3);
    }
    format!("{y3:04}-{m3:02}-{d3:02}")
}

fn row(
    breakdown: Breakdown,
    group: String,
    level: String,
    attended: u64,
    members: u64,
    target: Option<f64>,
) -> CoverageRow {
    let ci = stats::wilson(attended, members, CONFIDENCE);
    CoverageRow {
        suppressed: false,
        breakdown,
        group,
        level,
        attended,
        members,
        percent: (members > 0).then(|| 100.0 * attended as f64 / members as f64),
        ci_low: ci.map(|c| 100.0 * c.0),
        ci_high: ci.map(|c| 100.0 * c.1),
        target,
    }
}

/// Members and members attending per breakdown x level scope x group, in that order (groups
/// by name).
fn coverage_rows(
    m: &Matched,
    scopes: &[Option<Level>],
    expected: &dyn Fn(usize, &Option<Level>) -> bool,
    trained: &BTreeSet<(usize, usize)>,
    def: &AttendanceDef,
) -> Vec<CoverageRow> {
    let has_cohort = m.roster.cohort_heading.is_some();
    let has_role = m.roster.members.iter().any(|x| x.role.is_some());
    // (breakdown order, scope, group) -> (members, attended)
    let mut counted: BTreeMap<(u8, usize, String), (u64, u64)> = BTreeMap::new();
    for (i, member) in m.roster.members.iter().enumerate() {
        let given = |v: &Option<String>| v.clone().unwrap_or_else(|| NOT_GIVEN.to_string());
        let mut places = vec![(0u8, ALL_MEMBERS.to_string())];
        if has_cohort {
            places.push((1, given(&member.cohort)));
        }
        if has_role {
            places.push((2, given(&member.role)));
        }
        for (k, scope) in scopes.iter().enumerate() {
            if !expected(i, scope) {
                continue;
            }
            let attended = u64::from(trained.contains(&(i, k)));
            for (o, g) in &places {
                let c = counted.entry((*o, k, g.clone())).or_default();
                c.0 += 1;
                c.1 += attended;
            }
        }
    }
    counted
        .into_iter()
        .map(|((o, k, group), (members, attended))| {
            let s = &scopes[k];
            let b = [Breakdown::AllMembers, Breakdown::Cohort, Breakdown::Role][o as usize];
            row(
                b,
                group,
                scope_label(s),
                attended,
                members,
                def.target_for(s.as_ref().and_then(Level::number)),
            )
        })
        .collect()
}

/// Members by the number of sessions they attended (0, 1, 2...), out of all members counted.
fn distribution(sessions_of: &[u64]) -> Vec<CoverageRow> {
    let mut by_count: BTreeMap<u64, u64> = BTreeMap::new();
    for &n in sessions_of {
        *by_count.entry(n).or_default() += 1;
    }
    by_count
        .into_iter()
        .map(|(sessions, count)| {
            row(
                Breakdown::SessionsPerMember,
                sessions.to_string(),
                ANY_LEVEL.to_string(),
                count,
                sessions_of.len() as u64,
                None,
            )
        })
        .collect()
}

/// One row per session: attendees on and off the roster, and the share of the members
/// expected at its level.
fn session_rows(
    m: &Matched,
    expected: &dyn Fn(usize, &Option<Level>) -> bool,
    exempt: &BTreeSet<(usize, usize)>,
) -> Vec<SessionRow> {
    let (mut on, mut off) = (vec![0u64; m.sessions.len()], vec![0u64; m.sessions.len()]);
    for &(s, _) in &m.attended {
        on[s] += 1;
    }
    for (s, _) in &m.outsiders {
        off[*s] += 1;
    }
    m.sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let scope = Some(s.level.clone());
            let base = (0..m.roster.members.len())
                .filter(|&p| expected(p, &scope) && !exempt.contains(&(i, p)))
                .count() as u64;
            SessionRow {
                suppressed: false,
                session: s.name.clone(),
                date: s.date.clone(),
                level: s.level.to_string(),
                attendees: on[i] + off[i],
                on_roster: on[i],
                not_on_roster: off[i],
                expected: base,
                percent: (base > 0).then(|| 100.0 * on[i] as f64 / base as f64),
            }
        })
        .collect()
}

/// Members expected at each level who have no session at it, by level then roster order.
fn untrained(
    m: &Matched,
    scopes: &[Option<Level>],
    expected: &dyn Fn(usize, &Option<Level>) -> bool,
    trained: &BTreeSet<(usize, usize)>,
    sessions_of: &[u64],
) -> Vec<Untrained> {
    let mut last: Vec<Option<&str>> = vec![None; m.roster.members.len()];
    for &(s, p) in &m.attended {
        if let Some(d) = m.sessions[s].date.as_deref() {
            if last[p].is_none_or(|l| d > l) {
                last[p] = Some(d);
            }
        }
    }
    let mut out = Vec::new();
    for (k, scope) in scopes.iter().enumerate() {
        for (i, member) in m.roster.members.iter().enumerate() {
            if expected(i, scope) && !trained.contains(&(i, k)) {
                out.push(Untrained {
                    level: scope_label(scope),
                    member: member.name.clone(),
                    id: member.id.clone().unwrap_or_default(),
                    cohort: member.cohort.clone().unwrap_or_default(),
                    role: member.role.clone().unwrap_or_default(),
                    sessions_attended: sessions_of[i],
                    last_attended: last[i].unwrap_or_default().to_string(),
                });
            }
        }
    }
    out
}
