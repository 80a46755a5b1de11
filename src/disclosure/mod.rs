//! Small-number protection, between computing and presenting: a group smaller than the
//! `[disclosure]` threshold is not broken down in anything published. Its rows stay in the
//! tables with every figure zeroed and marked suppressed (the tables print `[c]`, charts and
//! documents leave it out and say so); the unprotected results stay with the caller for
//! `internal/`.
//!
//! Primary suppression: a group under the threshold. Secondary suppression, for groups that
//! split a published total (sessions of all respondents, cohorts and roles of the members
//! expected at a level): while the suppressed groups could be worked back from the total and
//! the other groups (one alone, or together fewer than the threshold), the smallest published
//! group is suppressed too.

mod partition;

pub use partition::partition;

use crate::model::{
    col, Attendance, Breakdown, Direction, Disclosure, Evaluation, Protection, Reason, Scope,
    SelfAssessment, Standing, Suppressed, ALL_SESSIONS, COMMENTS, CONFIDENTIAL, SESSION,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Whether anything of `e` is under the threshold (secondary suppression only follows a
/// primary one): when not, `e` is published as it is, and nothing is copied. It reads the
/// same sizes as [`protect`]: the tests in `tests/integration/disclosure.rs`, each of
/// which needs a `[c]` from one kind of group, fail if it misses one.
pub fn needed(e: &Evaluation, settings: Disclosure) -> bool {
    let t = settings.threshold;
    let small = |n: u64| n > 0 && n < t;
    let sessions = session_sizes(e);
    let total: u64 = sessions.iter().map(|(_, n)| n).sum();
    let mut comments: BTreeMap<&str, u64> = BTreeMap::new();
    for a in &e.free_text {
        *comments.entry(&*a.question).or_default() += 1;
    }
    let attendance = e.attendance.as_ref().is_some_and(|a| {
        a.coverage
            .iter()
            .any(|r| r.breakdown != Breakdown::SessionsPerMember && small(r.members))
            || a.sessions.iter().any(|s| small(s.attendees))
    });
    let assessment = e.self_assessment.as_ref().is_some_and(|s| {
        s.items.iter().any(|r| small(r.n))
            || s.theme_rows.iter().any(|r| small(r.members))
            || s.changes.iter().any(|r| {
                small(if r.pairs > 0 {
                    r.pairs
                } else {
                    r.n_from.min(r.n_to)
                })
            })
    });
    small(total)
        || sessions.iter().any(|(_, n)| small(*n))
        || comments.values().any(|n| *n < t)
        || attendance
        || assessment
}

/// The published copy of `e`: every group under the threshold (and every group that would
/// give one away) suppressed, and a record of what was.
pub fn protect(e: &Evaluation, settings: Disclosure) -> Evaluation {
    let t = settings.threshold;
    let mut out = e.clone();
    let mut record = BTreeSet::new();
    evaluation(&mut out, t, &mut record);
    if let Some(a) = out.attendance.as_mut() {
        attendance(a, t, &mut record);
    }
    if let Some(s) = out.self_assessment.as_mut() {
        self_assessment(s, t, &mut record);
    }
    out.protection = Protection {
        threshold: t,
        suppressed: record.into_iter().collect(),
    };
    out
}

fn note(record: &mut BTreeSet<Suppressed>, dimension: &str, group: String, reason: Reason) {
    record.insert(Suppressed {
        dimension: dimension.to_string(),
        group,
        reason,
    });
}

/// The size of each session: its respondents, or for a session known only from tally sheets
/// the most answers any of its questions has.
fn session_sizes(e: &Evaluation) -> Vec<(String, u64)> {
    let mut most_answers: HashMap<&str, u64> = HashMap::new();
    for s in &e.summaries {
        let n = most_answers.entry(s.group.as_str()).or_default();
        *n = (*n).max(s.n);
    }
    e.sessions
        .iter()
        .map(|(name, respondents)| {
            let tallied = most_answers.get(name.as_str()).copied().unwrap_or(0);
            (name.clone(), (*respondents).max(tallied))
        })
        .collect()
}

/// The groups of the evaluation sheets (`overall` and sessions) to suppress.
fn suppressed_sessions(
    e: &Evaluation,
    t: u64,
    record: &mut BTreeSet<Suppressed>,
) -> BTreeSet<String> {
    let sizes = session_sizes(e);
    let total: u64 = sizes.iter().map(|(_, n)| n).sum();
    let mut out = BTreeSet::new();
    if total > 0 && total < t {
        out.insert(col::OVERALL.to_string());
        note(record, SESSION, ALL_SESSIONS.into(), Reason::Primary);
        for (name, _) in &sizes {
            out.insert(name.clone());
            note(record, SESSION, name.clone(), Reason::Primary);
        }
        return out;
    }
    let decided = partition(&sizes.iter().map(|(_, n)| *n).collect::<Vec<_>>(), t);
    for ((name, _), reason) in sizes.iter().zip(decided) {
        if let Some(reason) = reason {
            out.insert(name.clone());
            note(record, SESSION, name.clone(), reason);
        }
    }
    out
}

fn evaluation(e: &mut Evaluation, t: u64, record: &mut BTreeSet<Suppressed>) {
    let groups = suppressed_sessions(e, t, record);
    let hidden = |g: &str| groups.contains(g);
    for c in e.counts.iter_mut().filter(|c| hidden(&c.group)) {
        c.suppressed = true;
        c.count = 0;
        c.percent = None;
    }
    for s in e.summaries.iter_mut().filter(|s| hidden(&s.group)) {
        s.suppressed = true;
        s.n = 0;
        s.n_substantive = 0;
        s.n_favourable = 0;
        s.mean = None;
        s.top2_percent = None;
        s.top2_ci_low = None;
        s.top2_ci_high = None;
    }
    for c in e.choices.iter_mut().filter(|c| hidden(&c.group)) {
        c.suppressed = true;
        c.respondents = 0;
        c.base = 0;
        c.percent = None;
    }
    // Comments per question, over all sessions: a question with fewer is not themed, quoted
    // or charted.
    let mut comments: BTreeMap<&str, u64> = BTreeMap::new();
    for a in &e.free_text {
        *comments.entry(&*a.question).or_default() += 1;
    }
    let few: BTreeSet<String> = comments
        .iter()
        .filter(|(_, n)| **n < t)
        .map(|(q, _)| q.to_string())
        .collect();
    for q in &few {
        note(record, COMMENTS, q.clone(), Reason::Primary);
    }
    for th in e
        .themes
        .iter_mut()
        .filter(|th| hidden(&th.group) || few.contains(&th.question))
    {
        th.suppressed = true;
        th.respondents = 0;
        th.answered = 0;
        th.share = None;
    }
    e.quotes
        .retain(|q| !hidden(&q.group) && !few.contains(&q.question));
    e.keywords.retain(|k| !few.contains(&k.question));
    // A comment stays listed under its question, but not under a suppressed session, and
    // without the row that would tie it to the same person's other answers there.
    // When all the sheets together are too few, no comment is listed at all.
    let everything = hidden(col::OVERALL);
    for a in e.free_text.iter_mut().chain(e.uncoded.iter_mut()) {
        if hidden(&a.group) {
            a.group = CONFIDENTIAL.into();
            a.respondent = CONFIDENTIAL.to_string();
        }
        if everything {
            a.text = CONFIDENTIAL.to_string();
        }
    }
}

fn attendance(a: &mut Attendance, t: u64, record: &mut BTreeSet<Suppressed>) {
    // The total of each level is its all-members row.
    let totals: BTreeMap<String, u64> = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers)
        .map(|r| (r.level.clone(), r.members))
        .collect();
    let mut hide: BTreeSet<usize> = BTreeSet::new();
    for (i, r) in a.coverage.iter().enumerate() {
        if r.breakdown == Breakdown::AllMembers && r.members > 0 && r.members < t {
            hide.insert(i);
            note(
                record,
                "level",
                format!("all members, {}", r.level),
                Reason::Primary,
            );
        }
    }
    for breakdown in [Breakdown::Cohort, Breakdown::Role] {
        for (level, total) in &totals {
            let rows: Vec<usize> = (0..a.coverage.len())
                .filter(|&i| a.coverage[i].breakdown == breakdown && &a.coverage[i].level == level)
                .collect();
            let whole = *total > 0 && *total < t;
            let sizes: Vec<u64> = rows.iter().map(|&i| a.coverage[i].members).collect();
            let decided = if whole {
                vec![Some(Reason::Primary); rows.len()]
            } else {
                partition(&sizes, t)
            };
            for (&i, reason) in rows.iter().zip(decided) {
                if let Some(reason) = reason {
                    hide.insert(i);
                    let r = &a.coverage[i];
                    note(
                        record,
                        breakdown.name(),
                        format!("{}, {}", r.group, r.level),
                        reason,
                    );
                }
            }
        }
    }
    // A session attended by fewer than the threshold, or held for a level whose members are
    // too few to publish (its base would give them away): none of its figures is published,
    // its size included ("1 attended, 1 expected" names the one member expected).
    let small_levels: BTreeSet<String> = a
        .coverage
        .iter()
        .filter(|r| r.breakdown == Breakdown::AllMembers && r.members > 0 && r.members < t)
        .map(|r| r.level.clone())
        .collect();
    for s in a.sessions.iter_mut() {
        let few = s.attendees > 0 && s.attendees < t;
        if !few && !small_levels.contains(&s.level) {
            continue;
        }
        note(
            record,
            "session",
            format!("{} (attendance)", s.session),
            Reason::Primary,
        );
        s.suppressed = true;
        s.attendees = 0;
        s.on_roster = 0;
        s.not_on_roster = 0;
        s.expected = 0;
        s.percent = None;
    }
    for i in hide {
        let r = &mut a.coverage[i];
        r.suppressed = true;
        r.attended = 0;
        r.members = 0;
        r.percent = None;
        r.ci_low = None;
        r.ci_high = None;
    }
}

fn self_assessment(s: &mut SelfAssessment, t: u64, record: &mut BTreeSet<Suppressed>) {
    for r in s.items.iter_mut().filter(|r| r.n > 0 && r.n < t) {
        note(
            record,
            "statement",
            format!("{} ({})", r.statement, r.wave),
            Reason::Primary,
        );
        r.suppressed = true;
        r.n = 0;
        r.not_rated = 0;
        r.counts.iter_mut().for_each(|c| *c = 0);
        r.mean = None;
        r.median = None;
        r.q1 = None;
        r.q3 = None;
        r.at_least_percent = None;
        r.rank = None;
        r.standing = Standing::Neither;
        r.alpha_if_deleted = None;
    }
    for r in s
        .theme_rows
        .iter_mut()
        .filter(|r| r.members > 0 && r.members < t)
    {
        note(
            record,
            "theme",
            format!("{} ({})", r.theme, r.wave),
            Reason::Primary,
        );
        r.suppressed = true;
        r.members = 0;
        r.mean = None;
        r.ci_low = None;
        r.ci_high = None;
        r.median = None;
        r.q1 = None;
        r.q3 = None;
        r.at_least_percent = None;
        r.alpha_members = 0;
        r.alpha_listwise = None;
        r.alpha_pairwise = None;
        r.reliability.clear();
    }
    for r in s.changes.iter_mut() {
        let base = if r.pairs > 0 {
            r.pairs
        } else {
            r.n_from.min(r.n_to)
        };
        if base == 0 || base >= t {
            continue;
        }
        let what = match r.level {
            Scope::Theme => ("theme", r.theme.clone()),
            _ => ("statement", r.statement.clone()),
        };
        note(
            record,
            what.0,
            format!("{} ({} to {})", what.1, r.from, r.to),
            Reason::Primary,
        );
        r.suppressed = true;
        r.n_from = 0;
        r.n_to = 0;
        r.pairs = 0;
        r.zero_differences = 0;
        r.mean_from = None;
        r.mean_to = None;
        r.change = None;
        r.statistic = None;
        r.z = None;
        r.p = None;
        r.p_holm = None;
        r.p_method = None;
        r.effect = None;
        r.effect_size = None;
        r.direction = Direction::NotTested;
        r.cautions.clear();
    }
}

/// `e` without its suppressed rows, for the charts and documents, which leave a suppressed
/// group out (and say so) rather than show it.
pub fn shown(e: &Evaluation) -> Evaluation {
    let mut out = e.clone();
    out.counts.retain(|c| !c.suppressed);
    out.summaries.retain(|s| !s.suppressed);
    out.choices.retain(|c| !c.suppressed);
    out.themes.retain(|t| !t.suppressed);
    if let Some(a) = out.attendance.as_mut() {
        a.coverage.retain(|r| !r.suppressed);
    }
    if let Some(s) = out.self_assessment.as_mut() {
        s.items.retain(|r| !r.suppressed);
        s.theme_rows.retain(|r| !r.suppressed);
        s.changes.retain(|r| !r.suppressed);
    }
    out
}
