//! Attendance coverage as polars plans: members who attended at least one session, overall
//! and by level, cohort and role, out of the members expected at that level ("k out of n"),
//! with Wilson intervals; sessions per member; attendance per session; and the members not
//! yet trained at each level.
//!
//! The plans run over an "expectation" frame with one row per member, level scope (any level,
//! then each level) and breakdown (all members, cohort, role) the member falls in, saying
//! whether the member attended a session in that scope.

use super::{strs, u64s, CONFIDENCE};
use crate::attendance::Matched;
use crate::config::AttendanceDef;
use crate::error::{Error, Result};
use crate::model::{
    Attendance, Breakdown, CoverageRow, Level, RowAccount, SessionRow, Untrained, ALL_MEMBERS,
    ANY_LEVEL, NOT_GIVEN,
};
use crate::stats;
use polars::prelude::*;
use std::collections::BTreeSet;

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
    let expected = |member: usize, scope: &Option<Level>| {
        scope
            .as_ref()
            .is_none_or(|l| m.roster.members[member].expected_at(l, has))
    };
    let sessions_frame = attended_frame(m).map_err(Error::table("attendance"))?;
    let per_member = per_member_plan(m, sessions_frame.clone())
        .collect()
        .map_err(Error::table("sessions per member"))?;
    let counts = u64s(&per_member, "sessions").map_err(Error::table("sessions per member"))?;
    let sessions_of: Vec<u64> = (0..m.roster.members.len())
        .map(|i| counts.get(i).unwrap_or(0))
        .collect();

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

    let frame = expectation_frame(m, &scopes, &expected, &trained)
        .map_err(Error::table("attendance coverage"))?;
    let covered = coverage_plan(frame.lazy())
        .collect()
        .map_err(Error::table("attendance coverage"))?;
    let mut coverage =
        coverage_rows(&covered, &scopes, def).map_err(Error::table("attendance coverage"))?;
    coverage.extend(distribution(&per_member, m.roster.members.len() as u64)?);

    let sessions = session_rows(m, sessions_frame, &expected)?;
    let untrained = untrained(m, &scopes, &expected, &trained, &sessions_of);
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
    })
}

/// (session, member) of every roster member's attendance.
fn attended_frame(m: &Matched) -> PolarsResult<DataFrame> {
    let (s, p): (Vec<u32>, Vec<u32>) = m
        .attended
        .iter()
        .map(|&(s, p)| (s as u32, p as u32))
        .unzip();
    DataFrame::new(
        s.len(),
        vec![
            Column::new("session".into(), s),
            Column::new("member".into(), p),
        ],
    )
}

/// Sessions attended by each roster member (0 for none), in roster order.
fn per_member_plan(m: &Matched, attended: DataFrame) -> LazyFrame {
    let members: Vec<u32> = (0..m.roster.members.len() as u32).collect();
    let roster = df!("member" => members).expect("one column").lazy();
    let counted = attended
        .lazy()
        .group_by([col("member")])
        .agg([len().cast(DataType::UInt64).alias("sessions")]);
    roster
        .join(
            counted,
            [col("member")],
            [col("member")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(col("sessions").fill_null(lit(0u64)))
        .sort(["member"], SortMultipleOptions::default())
}

/// One row per member x level scope the member is expected at x breakdown the member is in.
fn expectation_frame(
    m: &Matched,
    scopes: &[Option<Level>],
    expected: &dyn Fn(usize, &Option<Level>) -> bool,
    trained: &BTreeSet<(usize, usize)>,
) -> PolarsResult<DataFrame> {
    let (mut order, mut breakdown, mut group, mut scope_order, mut attended) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let has_cohort = m.roster.cohort_heading.is_some();
    let has_role = m.roster.members.iter().any(|x| x.role.is_some());
    for (i, member) in m.roster.members.iter().enumerate() {
        let given = |v: &Option<String>| v.clone().unwrap_or_else(|| NOT_GIVEN.to_string());
        let mut places = vec![(0u32, Breakdown::AllMembers, ALL_MEMBERS.to_string())];
        if has_cohort {
            places.push((1, Breakdown::Cohort, given(&member.cohort)));
        }
        if has_role {
            places.push((2, Breakdown::Role, given(&member.role)));
        }
        for (k, scope) in scopes.iter().enumerate() {
            if !expected(i, scope) {
                continue;
            }
            for (o, b, g) in &places {
                order.push(*o);
                breakdown.push(b.name());
                group.push(g.clone());
                scope_order.push(k as u32);
                attended.push(trained.contains(&(i, k)));
            }
        }
    }
    DataFrame::new(
        order.len(),
        vec![
            Column::new("breakdown_order".into(), order),
            Column::new("breakdown".into(), breakdown),
            Column::new("group".into(), group),
            Column::new("scope".into(), scope_order),
            Column::new("attended".into(), attended),
        ],
    )
}

/// Members and members attending per breakdown x group x scope.
fn coverage_plan(frame: LazyFrame) -> LazyFrame {
    frame
        .group_by([
            col("breakdown_order"),
            col("breakdown"),
            col("group"),
            col("scope"),
        ])
        .agg([
            len().cast(DataType::UInt64).alias("members"),
            col("attended")
                .cast(DataType::UInt64)
                .sum()
                .alias("attended"),
        ])
        .sort(
            ["breakdown_order", "scope", "group"],
            SortMultipleOptions::default(),
        )
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

fn coverage_rows(
    df: &DataFrame,
    scopes: &[Option<Level>],
    def: &AttendanceDef,
) -> PolarsResult<Vec<CoverageRow>> {
    let (breakdown, group) = (strs(df, "breakdown")?, strs(df, "group")?);
    let scope = df.column("scope")?.u32()?;
    let (members, attended) = (u64s(df, "members")?, u64s(df, "attended")?);
    Ok((0..df.height())
        .map(|i| {
            let s = &scopes[scope.get(i).unwrap_or(0) as usize];
            let name = breakdown.get(i).unwrap_or_default();
            let b = [Breakdown::AllMembers, Breakdown::Cohort, Breakdown::Role]
                .into_iter()
                .find(|b| b.name() == name)
                .unwrap_or(Breakdown::AllMembers);
            row(
                b,
                group.get(i).unwrap_or_default().to_string(),
                scope_label(s),
                attended.get(i).unwrap_or(0),
                members.get(i).unwrap_or(0),
                Some(def.target_for(s.as_ref().and_then(Level::number))),
            )
        })
        .collect())
}

/// Members by the number of sessions they attended (0, 1, 2...), out of all members.
fn distribution(per_member: &DataFrame, members: u64) -> Result<Vec<CoverageRow>> {
    let df = per_member
        .clone()
        .lazy()
        .group_by([col("sessions")])
        .agg([len().cast(DataType::UInt64).alias("members")])
        .sort(["sessions"], SortMultipleOptions::default())
        .collect()
        .map_err(Error::table("sessions per member"))?;
    let read = || -> PolarsResult<Vec<CoverageRow>> {
        let (sessions, count) = (u64s(&df, "sessions")?, u64s(&df, "members")?);
        Ok((0..df.height())
            .map(|i| {
                row(
                    Breakdown::SessionsPerMember,
                    sessions.get(i).unwrap_or(0).to_string(),
                    ANY_LEVEL.to_string(),
                    count.get(i).unwrap_or(0),
                    members,
                    None,
                )
            })
            .collect())
    };
    read().map_err(Error::table("sessions per member"))
}

/// One row per session: attendees on and off the roster, and the share of the members
/// expected at its level.
fn session_rows(
    m: &Matched,
    attended: DataFrame,
    expected: &dyn Fn(usize, &Option<Level>) -> bool,
) -> Result<Vec<SessionRow>> {
    let outsiders: Vec<u32> = m.outsiders.iter().map(|(s, _)| *s as u32).collect();
    let all: Vec<u32> = (0..m.sessions.len() as u32).collect();
    let build = || -> PolarsResult<DataFrame> {
        let on = attended
            .lazy()
            .group_by([col("session")])
            .agg([len().cast(DataType::UInt64).alias("on_roster")]);
        let off = df!("session" => outsiders)?
            .lazy()
            .group_by([col("session")])
            .agg([len().cast(DataType::UInt64).alias("not_on_roster")]);
        df!("session" => all)?
            .lazy()
            .join(
                on,
                [col("session")],
                [col("session")],
                JoinArgs::new(JoinType::Left),
            )
            .join(
                off,
                [col("session")],
                [col("session")],
                JoinArgs::new(JoinType::Left),
            )
            .with_columns([
                col("on_roster").fill_null(lit(0u64)),
                col("not_on_roster").fill_null(lit(0u64)),
            ])
            .sort(["session"], SortMultipleOptions::default())
            .collect()
    };
    let df = build().map_err(Error::table("attendance per session"))?;
    let (on, off) = (
        u64s(&df, "on_roster").map_err(Error::table("attendance per session"))?,
        u64s(&df, "not_on_roster").map_err(Error::table("attendance per session"))?,
    );
    Ok(m.sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let scope = Some(s.level.clone());
            let base = (0..m.roster.members.len())
                .filter(|&p| expected(p, &scope))
                .count() as u64;
            let (on, off) = (on.get(i).unwrap_or(0), off.get(i).unwrap_or(0));
            SessionRow {
                suppressed: false,
                session: s.name.clone(),
                date: s.date.clone(),
                level: s.level.to_string(),
                attendees: on + off,
                on_roster: on,
                not_on_roster: off,
                expected: base,
                percent: (base > 0).then(|| 100.0 * on as f64 / base as f64),
            }
        })
        .collect())
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
