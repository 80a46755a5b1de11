//! Self-assessment figures. Per wave: each statement's n, mean, median,
//! quartiles and share at or above the scale's level, the rating distribution, members'
//! theme scores and each theme's summary. Reliability (Cronbach's alpha) and the change
//! between waves (signed-rank or Mann-Whitney tests, Holm-adjusted) come from `stats`.
//!
//! A member's theme score is the mean of their ratings of the theme's statements, given when
//! they rated at least half of them. Quartiles use linear interpolation (numpy's default).

use super::CONFIDENCE;
use crate::error::Result;
use crate::model::thresholds::{ALPHA_LEVEL, FEW_CHANGED, FEW_MEMBERS, FEW_STATEMENTS};
use crate::model::{
    Caution, ChangeRow, Direction, EffectSize, FileAccount, ItemRow, MemberScore, PValueMethod,
    ReliabilityCaveat, RowAccount, Scope, SelfAssessment, Standing, Test, ThemeRow,
};
use crate::self_assessment::Ratings;
use crate::stats;
use std::collections::BTreeMap;

/// Statements named as strengths and as areas for development in each wave, at most.
pub const RANKED: usize = 3;

/// Computes every self-assessment figure.
pub fn summarise(
    r: &Ratings,
    folder: &str,
    files: Vec<FileAccount>,
    rows: RowAccount,
) -> Result<SelfAssessment> {
    let at_least = r.scale.at_least as f64;
    let member_scores = member_scores(r);
    let mut item_rows = item_rows(r, at_least);
    let mut theme_rows = theme_rows(r, &member_scores, at_least);
    reliability(r, &mut theme_rows, &mut item_rows);
    rank_items(r, &mut item_rows);
    let mut changes = changes(r, &member_scores);
    if r.scale_assumed {
        for c in &mut changes {
            c.direction = Direction::NotTested;
            c.cautions.push(Caution::ScaleAssumed);
        }
    }

    let matched = r
        .members
        .iter()
        .enumerate()
        .filter(|(m, x)| {
            x.key.is_some() && (0..r.waves.len()).all(|w| r.taking_part.contains(&(*m, w)))
        })
        .count() as u64;
    Ok(SelfAssessment {
        folder: folder.to_string(),
        scale: r.scale.clone(),
        scale_assumed: r.scale_assumed,
        waves: r.waves.clone(),
        themes: r.themes.clone(),
        items: item_rows,
        theme_rows,
        changes,
        member_scores: member_scores
            .iter()
            .map(|s| MemberScore {
                wave: r.waves[s.wave].name.clone(),
                member: r.members[s.member].display.clone(),
                theme: r.themes[s.theme].clone(),
                score: s.score,
                statements_rated: s.rated,
            })
            .collect(),
        matched_by: r.matched_by.clone(),
        matched,
        only_in_one_wave: r
            .only_in_some
            .iter()
            .map(|&(m, _)| m)
            .collect::<std::collections::BTreeSet<_>>()
            .len() as u64,
        files,
        rows,
    })
}

/// Each member's theme score per wave: the mean of their ratings of the theme, kept when
/// they rated at least half its statements; by wave, theme and member.
fn member_scores(r: &Ratings) -> Vec<Scored> {
    let mut size = vec![0u64; r.themes.len()];
    for s in &r.statements {
        size[s.theme] += 1;
    }
    // (wave, theme, member) -> (sum, ratings)
    let mut sums: BTreeMap<(usize, usize, usize), (f64, u64)> = BTreeMap::new();
    for x in &r.ratings {
        let theme = r.statements[x.statement].theme;
        let e = sums.entry((x.wave, theme, x.member)).or_default();
        e.0 += x.score as f64;
        e.1 += 1;
    }
    sums.into_iter()
        .filter(|((_, theme, _), (_, n))| *n >= size[*theme].div_ceil(2))
        .map(|((wave, theme, member), (sum, n))| Scored {
            wave,
            member,
            theme,
            score: sum / n as f64,
            rated: n,
        })
        .collect()
}

/// A member's theme score, by index.
struct Scored {
    wave: usize,
    member: usize,
    theme: usize,
    score: f64,
    rated: u64,
}

/// n, mean, median, quartiles and the count at or above the level of some values.
struct Summary {
    n: u64,
    mean: Option<f64>,
    median: Option<f64>,
    q1: Option<f64>,
    q3: Option<f64>,
    at_least: u64,
}

impl Summary {
    fn of(mut values: Vec<f64>, at_least: f64) -> Summary {
        let n = values.len();
        let mean = (n > 0).then(|| values.iter().sum::<f64>() / n as f64);
        values.sort_unstable_by(f64::total_cmp);
        Summary {
            n: n as u64,
            mean,
            median: quantile(&values, 0.5),
            q1: quantile(&values, 0.25),
            q3: quantile(&values, 0.75),
            at_least: values.iter().filter(|&&v| v >= at_least).count() as u64,
        }
    }
}

/// The `q` quantile of sorted values by linear interpolation between the two nearest ranks
/// (numpy's default; numpy.quantile([1, 2, 4, 5], 0.25) = 1.75).
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let at = q * last as f64;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    Some(sorted[lo] + (at - lo as f64) * (sorted[hi] - sorted[lo]))
}

fn percent(k: u64, n: u64) -> Option<f64> {
    (n > 0).then(|| 100.0 * k as f64 / n as f64)
}

/// One row per wave x statement, also for a statement nobody rated in a wave.
fn item_rows(r: &Ratings, at_least: f64) -> Vec<ItemRow> {
    let low = r.scale.lowest();
    let width = (r.scale.highest() - low + 1) as usize;
    let mut values: BTreeMap<(usize, usize), Vec<f64>> = BTreeMap::new();
    let mut dist: BTreeMap<(usize, usize), Vec<u64>> = BTreeMap::new();
    for x in &r.ratings {
        values
            .entry((x.wave, x.statement))
            .or_default()
            .push(x.score as f64);
        let slot = dist
            .entry((x.wave, x.statement))
            .or_insert_with(|| vec![0; width]);
        if let Some(c) = usize::try_from(x.score - low)
            .ok()
            .and_then(|at| slot.get_mut(at))
        {
            *c += 1;
        }
    }
    let by: BTreeMap<(usize, usize), Summary> = values
        .into_iter()
        .map(|(k, v)| (k, Summary::of(v, at_least)))
        .collect();
    let mut out = Vec::new();
    for (w, wave) in r.waves.iter().enumerate() {
        for (s, st) in r.statements.iter().enumerate() {
            let summary = by.get(&(w, s));
            out.push(ItemRow {
                suppressed: false,
                wave: wave.name.clone(),
                theme: r.themes[st.theme].clone(),
                statement: st.label.clone(),
                n: summary.map_or(0, |x| x.n),
                not_rated: r.not_rated.get(&(w, s)).copied().unwrap_or(0),
                counts: dist.remove(&(w, s)).unwrap_or_else(|| vec![0; width]),
                mean: summary.and_then(|x| x.mean),
                median: summary.and_then(|x| x.median),
                q1: summary.and_then(|x| x.q1),
                q3: summary.and_then(|x| x.q3),
                at_least_percent: summary.and_then(|x| percent(x.at_least, x.n)),
                rank: None,
                standing: Standing::Neither,
                alpha_if_deleted: None,
            });
        }
    }
    out
}

fn theme_rows(r: &Ratings, scores: &[Scored], at_least: f64) -> Vec<ThemeRow> {
    let mut values: BTreeMap<(usize, usize), Vec<f64>> = BTreeMap::new();
    for s in scores {
        values.entry((s.wave, s.theme)).or_default().push(s.score);
    }
    let by: BTreeMap<(usize, usize), Summary> = values
        .iter()
        .map(|(k, v)| (*k, Summary::of(v.clone(), at_least)))
        .collect();
    let mut out = Vec::new();
    for (w, wave) in r.waves.iter().enumerate() {
        for (t, theme) in r.themes.iter().enumerate() {
            let summary = by.get(&(w, t));
            let ci = values
                .get(&(w, t))
                .and_then(|v| stats::mean_interval(v, CONFIDENCE));
            out.push(ThemeRow {
                suppressed: false,
                wave: wave.name.clone(),
                theme: theme.clone(),
                statements: r.statements.iter().filter(|s| s.theme == t).count() as u64,
                members: summary.map_or(0, |x| x.n),
                mean: summary.and_then(|x| x.mean),
                ci_low: ci.map(|c| c.0),
                ci_high: ci.map(|c| c.1),
                median: summary.and_then(|x| x.median),
                q1: summary.and_then(|x| x.q1),
                q3: summary.and_then(|x| x.q3),
                at_least_percent: summary.and_then(|x| percent(x.at_least, x.n)),
                alpha_members: 0,
                alpha_listwise: None,
                alpha_pairwise: None,
                reliability: Vec::new(),
            });
        }
    }
    out
}

/// Cronbach's alpha per wave x theme, and each statement's alpha if deleted.
fn reliability(r: &Ratings, themes: &mut [ThemeRow], items: &mut [ItemRow]) {
    let (nt, ns) = (r.themes.len(), r.statements.len());
    for w in 0..r.waves.len() {
        // One row per member of this wave (in member order), one column per statement.
        let mut row_of: Vec<Option<usize>> = vec![None; r.members.len()];
        let mut grid: Vec<Vec<Option<f64>>> = Vec::new();
        for x in r.ratings.iter().filter(|x| x.wave == w) {
            let row = *row_of[x.member].get_or_insert_with(|| {
                grid.push(vec![None; ns]);
                grid.len() - 1
            });
            grid[row][x.statement] = Some(x.score as f64);
        }
        for t in 0..nt {
            // Statements nobody rated in this wave would leave no complete rows: left out.
            let columns: Vec<usize> = (0..ns)
                .filter(|&s| r.statements[s].theme == t)
                .filter(|&s| grid.iter().any(|g| g[s].is_some()))
                .collect();
            let rows: Vec<Vec<Option<f64>>> = grid
                .iter()
                .filter(|g| columns.iter().any(|&s| g[s].is_some()))
                .map(|g| columns.iter().map(|&s| g[s]).collect())
                .collect();
            let a = stats::cronbach_alpha(&rows);
            let row = &mut themes[w * nt + t];
            row.alpha_members = a.complete as u64;
            row.alpha_listwise = a.listwise;
            row.alpha_pairwise = a.pairwise;
            row.reliability = reliability_caveats(a.complete as u64, a.items as u64);
            for (k, &s) in columns.iter().enumerate() {
                items[w * ns + s].alpha_if_deleted = a.if_deleted.get(k).copied().flatten();
            }
        }
    }
}

fn reliability_caveats(members: u64, statements: u64) -> Vec<ReliabilityCaveat> {
    let mut out = Vec::new();
    if statements < 2 {
        out.push(ReliabilityCaveat::OneStatement);
    } else if statements < FEW_STATEMENTS {
        out.push(ReliabilityCaveat::FewStatements(statements));
    }
    if members < 2 {
        out.push(ReliabilityCaveat::TooFewMembers(members));
    } else if members < FEW_MEMBERS {
        out.push(ReliabilityCaveat::FewMembers(members));
    }
    out
}

/// Ranks statements by mean within each wave (ties: higher share at or above the level, then
/// statement order) and marks the top and bottom few.
fn rank_items(r: &Ratings, items: &mut [ItemRow]) {
    let ns = r.statements.len();
    for w in 0..r.waves.len() {
        let rows = &mut items[w * ns..(w + 1) * ns];
        let mut order: Vec<usize> = (0..ns).filter(|&i| rows[i].mean.is_some()).collect();
        order.sort_by(|&a, &b| {
            let key = |i: usize| {
                (
                    rows[i].mean.unwrap_or(0.0),
                    rows[i].at_least_percent.unwrap_or(0.0),
                )
            };
            let (ka, kb) = (key(a), key(b));
            kb.0.total_cmp(&ka.0)
                .then(kb.1.total_cmp(&ka.1))
                .then(a.cmp(&b))
        });
        let ranked = (order.len() / 3).clamp(usize::from(order.len() >= 2), RANKED);
        for (rank, &i) in order.iter().enumerate() {
            rows[i].rank = Some(rank as u32 + 1);
            if rank < ranked {
                rows[i].standing = Standing::Strength;
            } else if rank >= order.len() - ranked {
                rows[i].standing = Standing::Development;
            }
        }
    }
}

/// One wave's values of a theme or statement: (member, value), sorted by member.
type Sample = Vec<(usize, f64)>;

/// The change from the first wave to each later one, per theme then per statement.
fn changes(r: &Ratings, scores: &[Scored]) -> Vec<ChangeRow> {
    let mut out = Vec::new();
    // Samples per wave and theme / statement, each sorted by member (ratings come sorted by
    // wave, then member; theme scores by wave, theme, then member).
    let nw = r.waves.len();
    let mut by_statement: Vec<Vec<Sample>> = vec![vec![Vec::new(); r.statements.len()]; nw];
    for x in &r.ratings {
        by_statement[x.wave][x.statement].push((x.member, x.score as f64));
    }
    let mut by_theme: Vec<Vec<Sample>> = vec![vec![Vec::new(); r.themes.len()]; nw];
    for s in scores {
        by_theme[s.wave][s.theme].push((s.member, s.score));
    }
    for w in 1..r.waves.len() {
        let paired = r.waves[0].identified && r.waves[w].identified;
        let mut theme_rows: Vec<ChangeRow> = (0..r.themes.len())
            .map(|t| {
                let mut row = compare(&by_theme[0][t], &by_theme[w][t], paired);
                row.theme = r.themes[t].clone();
                row.level = Scope::Theme;
                row
            })
            .collect();
        let mut statement_rows: Vec<ChangeRow> = (0..r.statements.len())
            .map(|s| {
                let mut row = compare(&by_statement[0][s], &by_statement[w][s], paired);
                row.theme = r.themes[r.statements[s].theme].clone();
                row.statement = r.statements[s].label.clone();
                row.level = Scope::Statement;
                row
            })
            .collect();
        for rows in [&mut theme_rows, &mut statement_rows] {
            let adjusted = stats::holm(&rows.iter().map(|x| x.p).collect::<Vec<_>>());
            for (row, p) in rows.iter_mut().zip(adjusted) {
                row.p_holm = p;
                row.from = r.waves[0].name.clone();
                row.to = r.waves[w].name.clone();
                decide(row);
            }
        }
        out.extend(theme_rows);
        out.extend(statement_rows);
    }
    out
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Tests one theme or statement between two waves: paired when members can be matched and
/// some are, else as two independent samples.
fn compare(from: &Sample, to: &Sample, paired: bool) -> ChangeRow {
    // Both samples are sorted by member: pair them in one merge.
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < from.len() && j < to.len() {
        match from[i].0.cmp(&to[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                pairs.push((from[i].1, to[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    let mut row = ChangeRow {
        suppressed: false,
        from: String::new(),
        to: String::new(),
        level: Scope::Theme,
        theme: String::new(),
        statement: String::new(),
        test: Test::None,
        n_from: from.len() as u64,
        n_to: to.len() as u64,
        pairs: pairs.len() as u64,
        zero_differences: 0,
        mean_from: None,
        mean_to: None,
        change: None,
        statistic: None,
        z: None,
        p: None,
        p_holm: None,
        p_method: None,
        effect: None,
        effect_size: None,
        direction: Direction::NotTested,
        cautions: Vec::new(),
    };
    if paired && !pairs.is_empty() {
        let a: Vec<f64> = pairs.iter().map(|p| p.0).collect();
        let b: Vec<f64> = pairs.iter().map(|p| p.1).collect();
        row.mean_from = mean(&a);
        row.mean_to = mean(&b);
        let d: Vec<f64> = pairs.iter().map(|p| p.1 - p.0).collect();
        row.zero_differences = d.iter().filter(|x| **x == 0.0).count() as u64;
        row.test = Test::SignedRank;
        if let Some(t) = stats::wilcoxon_signed_rank(&d) {
            row.statistic = Some(t.statistic);
            row.z = t.z;
            row.p = Some(t.p);
            row.p_method = Some(method(t.method));
            row.effect = Some(t.rank_biserial);
        }
    } else {
        let a: Vec<f64> = from.iter().map(|p| p.1).collect();
        let b: Vec<f64> = to.iter().map(|p| p.1).collect();
        row.mean_from = mean(&a);
        row.mean_to = mean(&b);
        if let Some(t) = stats::mann_whitney_u(&a, &b) {
            row.test = Test::MannWhitney;
            row.statistic = Some(t.u1);
            row.z = t.z;
            row.p = Some(t.p);
            row.p_method = Some(method(t.method));
            row.effect = Some(t.rank_biserial);
        }
    }
    row.change = row.mean_from.zip(row.mean_to).map(|(a, b)| b - a);
    if paired && pairs.is_empty() && row.test != Test::None {
        row.cautions.push(Caution::NoMemberInBothWaves);
    }
    row
}

fn method(m: stats::PMethod) -> PValueMethod {
    match m {
        stats::PMethod::Exact => PValueMethod::Exact,
        stats::PMethod::Normal => PValueMethod::Normal,
    }
}

/// Direction, effect size and cautions of a row whose test has run.
fn decide(row: &mut ChangeRow) {
    if row.change.is_none() {
        row.direction = Direction::NotTested;
        return;
    }
    let (Some(p_holm), Some(r)) = (row.p_holm, row.effect) else {
        row.direction = Direction::NoChange;
        return;
    };
    row.effect_size = Some(EffectSize::of(r));
    row.direction = match (p_holm < ALPHA_LEVEL, r > 0.0) {
        (true, true) => Direction::Improved,
        (true, false) => Direction::Declined,
        (false, _) => Direction::NoClearChange,
    };
    let n = row.compared();
    if n < FEW_MEMBERS {
        row.cautions.push(Caution::FewCompared(n));
    }
    let changed = row.pairs - row.zero_differences;
    if row.test == Test::SignedRank && changed <= FEW_CHANGED {
        row.cautions.push(Caution::FewChanged(changed));
    }
}

#[cfg(test)]
mod tests {
    use super::{quantile, Summary};

    /// numpy 1.26: numpy.quantile([1, 2, 4, 5], [0.25, 0.5, 0.75]) = [1.75, 3.0, 4.25];
    /// numpy.quantile([3], 0.25) = 3.0.
    #[test]
    fn quartiles_interpolate_as_numpy_does() {
        let v = [1.0, 2.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.25), Some(1.75));
        assert_eq!(quantile(&v, 0.5), Some(3.0));
        assert_eq!(quantile(&v, 0.75), Some(4.25));
        assert_eq!(quantile(&[3.0], 0.25), Some(3.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    /// Unsorted input: the summary sorts for the quartiles; 2 of the 5 values are at least 4.
    #[test]
    fn a_summary_counts_values_at_the_level() {
        let s = Summary::of(vec![5.0, 1.0, 4.0, 2.0, 3.0], 4.0);
        assert_eq!((s.n, s.at_least), (5, 2));
        assert_eq!((s.mean, s.median), (Some(3.0), Some(3.0)));
        assert_eq!((s.q1, s.q3), (Some(2.0), Some(4.0)));
    }
}
