//! Rank tests for ordinal ratings: the Wilcoxon signed-rank test for members rated twice and
//! the Mann-Whitney U test for two waves whose members cannot be matched, each with the
//! rank-biserial correlation as its effect size.
//!
//! The choices follow `scipy.stats` 1.17 defaults so that a result can be checked there:
//! - signed-rank: zero differences dropped before ranking (Wilcoxon's method,
//!   `zero_method="wilcox"`); exact null distribution when the remaining differences have no
//!   ties and there are at most 50 of them; otherwise the normal approximation with the tie
//!   correction and no continuity correction (`correction=False`).
//! - Mann-Whitney: exact when there are no ties and one sample has at most 8 values
//!   (`method="auto"`); otherwise the normal approximation with the tie correction and a
//!   continuity correction of 1/2 (`use_continuity=True`).
//!
//! Both two-sided.

use statrs::distribution::{ContinuousCDF, Normal};

/// How a p-value was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PMethod {
    /// From the exact null distribution (no ties).
    Exact,
    /// From the normal approximation, corrected for ties.
    Normal,
}

impl PMethod {
    pub fn name(self) -> &'static str {
        match self {
            PMethod::Exact => "exact",
            PMethod::Normal => "normal approximation",
        }
    }
}

/// Largest number of non-zero differences for the exact signed-rank distribution.
pub const EXACT_SIGNED_RANK_MAX: usize = 50;
/// The exact Mann-Whitney distribution is used when one sample is at most this size.
pub const EXACT_RANK_SUM_MAX: usize = 8;

/// Average ranks (1-based) of `values`, and the sizes of the groups of tied values.
pub fn average_ranks(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut ties = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1 ..= end; each gets their mean.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        if end - start > 1 {
            ties.push(end - start);
        }
        start = end;
    }
    (ranks, ties)
}

fn tie_term(ties: &[usize]) -> f64 {
    ties.iter().map(|&t| (t * t * t - t) as f64).sum()
}

fn two_sided_normal(z: f64) -> f64 {
    (2.0 * Normal::standard().sf(z.abs())).min(1.0)
}

/// Result of a Wilcoxon signed-rank test on paired differences.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedRank {
    /// Differences used: the non-zero ones.
    pub n: usize,
    /// Zero differences, dropped before ranking.
    pub zeros: usize,
    /// Sum of the ranks of the positive differences.
    pub r_plus: f64,
    /// Sum of the ranks of the negative differences.
    pub r_minus: f64,
    /// `min(r_plus, r_minus)`, as scipy reports it.
    pub statistic: f64,
    /// Standardised `r_plus` (normal approximation only).
    pub z: Option<f64>,
    pub p: f64,
    pub method: PMethod,
    /// Whether any non-zero differences tie in size.
    pub ties: bool,
    /// Matched-pairs rank-biserial correlation (Kerby 2014):
    /// `(r_plus - r_minus) / (r_plus + r_minus)`, from -1 (all fell) to 1 (all rose).
    pub rank_biserial: f64,
}

/// Wilcoxon signed-rank test of `differences` (later minus earlier), two-sided. `None` when
/// every difference is zero (nothing to test).
pub fn wilcoxon_signed_rank(differences: &[f64]) -> Option<SignedRank> {
    let nonzero: Vec<f64> = differences.iter().copied().filter(|&d| d != 0.0).collect();
    let zeros = differences.len() - nonzero.len();
    let n = nonzero.len();
    if n == 0 {
        return None;
    }
    let sizes: Vec<f64> = nonzero.iter().map(|d| d.abs()).collect();
    let (ranks, ties) = average_ranks(&sizes);
    let r_plus: f64 = (0..n).filter(|&i| nonzero[i] > 0.0).map(|i| ranks[i]).sum();
    let r_minus: f64 = (0..n).filter(|&i| nonzero[i] < 0.0).map(|i| ranks[i]).sum();
    let nf = n as f64;
    let (p, z, method) = if ties.is_empty() && n <= EXACT_SIGNED_RANK_MAX {
        (signed_rank_exact_p(n, r_plus), None, PMethod::Exact)
    } else {
        let mean = nf * (nf + 1.0) / 4.0;
        let var = (nf * (nf + 1.0) * (2.0 * nf + 1.0) - tie_term(&ties) / 2.0) / 24.0;
        let z = (r_plus - mean) / var.sqrt();
        (two_sided_normal(z), Some(z), PMethod::Normal)
    };
    Some(SignedRank {
        n,
        zeros,
        r_plus,
        r_minus,
        statistic: r_plus.min(r_minus),
        z,
        p,
        method,
        ties: !ties.is_empty(),
        rank_biserial: (r_plus - r_minus) / (r_plus + r_minus),
    })
}

/// Two-sided exact p-value of a signed-rank sum `t` (an integer: no ties) among `n`
/// differences: `2 * min(P(T <= t), P(T >= t))`, capped at 1. The null distribution counts
/// the subsets of ranks 1..=n by their sum.
fn signed_rank_exact_p(n: usize, t: f64) -> f64 {
    let max = n * (n + 1) / 2;
    let mut ways = vec![0u64; max + 1];
    ways[0] = 1;
    for rank in 1..=n {
        for s in (rank..=max).rev() {
            ways[s] += ways[s - rank];
        }
    }
    let total = 2f64.powi(n as i32);
    let t = t.round() as usize;
    let below: u64 = ways[..=t.min(max)].iter().sum();
    let above: u64 = ways[t.min(max)..].iter().sum();
    (2.0 * below.min(above) as f64 / total).min(1.0)
}

/// Result of a Mann-Whitney U test of two independent samples.
#[derive(Debug, Clone, PartialEq)]
pub struct RankSum {
    pub n1: usize,
    pub n2: usize,
    /// U of the first sample, as scipy reports it.
    pub u1: f64,
    /// Standardised U (normal approximation only), with the continuity correction.
    pub z: Option<f64>,
    pub p: f64,
    pub method: PMethod,
    pub ties: bool,
    /// Rank-biserial correlation `2 * U2 / (n1 * n2) - 1`: positive when the second sample
    /// tends to be higher, from -1 to 1.
    pub rank_biserial: f64,
}

/// Mann-Whitney U test of `first` against `second`, two-sided. `None` when either is empty.
pub fn mann_whitney_u(first: &[f64], second: &[f64]) -> Option<RankSum> {
    let (n1, n2) = (first.len(), second.len());
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let all: Vec<f64> = first.iter().chain(second).copied().collect();
    let (ranks, ties) = average_ranks(&all);
    let r1: f64 = ranks[..n1].iter().sum();
    let (f1, f2) = (n1 as f64, n2 as f64);
    let u1 = r1 - f1 * (f1 + 1.0) / 2.0;
    let u2 = f1 * f2 - u1;
    let u = u1.max(u2);
    let (p, z, method) = if ties.is_empty() && n1.min(n2) <= EXACT_RANK_SUM_MAX {
        (rank_sum_exact_sf(n1, n2, u), None, PMethod::Exact)
    } else {
        let n = f1 + f2;
        let sd = (f1 * f2 / 12.0 * ((n + 1.0) - tie_term(&ties) / (n * (n - 1.0)))).sqrt();
        let z = (u - f1 * f2 / 2.0 - 0.5) / sd;
        (
            (2.0 * Normal::standard().sf(z)).min(1.0),
            Some(z),
            PMethod::Normal,
        )
    };
    Some(RankSum {
        n1,
        n2,
        u1,
        z,
        p,
        method,
        ties: !ties.is_empty(),
        rank_biserial: 2.0 * u2 / (f1 * f2) - 1.0,
    })
}

/// `2 * P(U >= u)` under the exact null distribution (no ties), capped at 1. U of the smaller
/// sample is its rank sum minus `m(m+1)/2`; the rank sums of its `m`-subsets of `1..=n1+n2`
/// are counted by dynamic programming.
fn rank_sum_exact_sf(n1: usize, n2: usize, u: f64) -> f64 {
    let (m, total_n) = (n1.min(n2), n1 + n2);
    let max_u = n1 * n2;
    // ways[k][s]: subsets of size k of the ranks seen so far with rank sum s.
    let max_sum = (total_n - m + 1..=total_n).sum::<usize>();
    let mut ways = vec![vec![0f64; max_sum + 1]; m + 1];
    ways[0][0] = 1.0;
    for rank in 1..=total_n {
        for k in (1..=m.min(rank)).rev() {
            for s in (rank..=max_sum).rev() {
                let add = ways[k - 1][s - rank];
                if add != 0.0 {
                    ways[k][s] += add;
                }
            }
        }
    }
    let offset = m * (m + 1) / 2;
    let counts: Vec<f64> = (0..=max_u).map(|x| ways[m][x + offset]).collect();
    let total: f64 = counts.iter().sum();
    let from = u.ceil() as usize;
    let tail: f64 = counts[from.min(max_u + 1)..].iter().sum();
    (2.0 * tail / total).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn average_ranks_share_ties() {
        let (r, t) = average_ranks(&[3.0, 1.0, 3.0, 2.0, 3.0]);
        assert_eq!(r, vec![4.0, 1.0, 4.0, 2.0, 4.0]);
        assert_eq!(t, vec![3]);
    }

    /// scipy 1.17.1: `d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]`
    /// (Darwin's Zea mays differences, the example in scipy's documentation);
    /// `wilcoxon(d, method="exact")` -> statistic 24.0, pvalue 0.041259765625.
    #[test]
    fn signed_rank_matches_scipy_on_darwins_data() {
        let d = [
            6.0, 8.0, 14.0, 16.0, 23.0, 24.0, 28.0, 29.0, 41.0, -48.0, 49.0, 56.0, 60.0, -67.0,
            75.0,
        ];
        let r = wilcoxon_signed_rank(&d).unwrap();
        assert_eq!(r.method, PMethod::Exact);
        assert_eq!(r.statistic, 24.0);
        assert!(close(r.p, 0.041_259_765_625, 1e-12), "{}", r.p);
        assert_eq!(r.rank_biserial, (96.0 - 24.0) / 120.0);
    }

    /// scipy 1.17.1, paired ratings with ties and zeros: baseline
    /// `[2,3,2,1,3,2,4,2,3,2,1,3]`, review `[4,4,3,3,3,4,4,3,4,2,3,4]`;
    /// `wilcoxon(review, baseline, method="asymptotic")` (zero_method="wilcox",
    /// correction=False) -> statistic 0.0, pvalue 0.00616989932054416, zstatistic -2.7386127875258306
    /// (scipy gives -|z|);
    /// pingouin 0.7.0 `wilcoxon(review, baseline)` -> RBC 1.0.
    #[test]
    fn signed_rank_with_ties_and_zeros_matches_scipy() {
        let base = [2., 3., 2., 1., 3., 2., 4., 2., 3., 2., 1., 3.];
        let review = [4., 4., 3., 3., 3., 4., 4., 3., 4., 2., 3., 4.];
        let d: Vec<f64> = review.iter().zip(&base).map(|(r, b)| r - b).collect();
        let r = wilcoxon_signed_rank(&d).unwrap();
        assert_eq!((r.n, r.zeros, r.method), (9, 3, PMethod::Normal));
        assert_eq!(r.statistic, 0.0);
        assert!(close(r.p, SCIPY_TIES_P, 1e-12), "{}", r.p);
        assert!(close(r.z.unwrap(), SCIPY_TIES_Z, 1e-9), "{:?}", r.z);
        assert_eq!(r.rank_biserial, 1.0);
    }
    const SCIPY_TIES_P: f64 = 0.006_169_899_320_544_16;
    const SCIPY_TIES_Z: f64 = 2.738_612_787_525_830_6;

    #[test]
    fn all_zero_differences_are_not_tested() {
        assert_eq!(wilcoxon_signed_rank(&[0.0, 0.0, 0.0]), None);
        assert_eq!(wilcoxon_signed_rank(&[]), None);
    }

    /// One member who moved up by one point: n = 1, the exact p is 1 (scipy 1.17.1
    /// `wilcoxon([1], method="exact")` -> pvalue 1.0).
    #[test]
    fn one_member_gives_p_of_one() {
        let r = wilcoxon_signed_rank(&[1.0]).unwrap();
        assert_eq!((r.n, r.p, r.rank_biserial), (1, 1.0, 1.0));
    }

    /// scipy 1.17.1: `mannwhitneyu([1, 4, 2, 7], [3, 8, 9, 6, 5])` (auto -> exact, no ties)
    /// -> statistic 4.0, pvalue 0.19047619047619047.
    #[test]
    fn rank_sum_exact_matches_scipy() {
        let r = mann_whitney_u(&[1., 4., 2., 7.], &[3., 8., 9., 6., 5.]).unwrap();
        assert_eq!((r.u1, r.method), (4.0, PMethod::Exact));
        assert!(close(r.p, 0.190_476_190_476_190_47, 1e-12), "{}", r.p);
        // pingouin 0.7.0 `mwu(x, y)` gives RBC -0.6, oriented the other way (positive when
        // the first sample is higher); here positive means the second (later) is higher.
        assert!(close(r.rank_biserial, 0.6, 1e-12));
    }

    /// scipy 1.17.1: baseline `[2,3,2,1,3,2,4,2,3,2,1,3]`, review `[4,4,3,3,3,4,4,3,4,2,3,4,5]`;
    /// `mannwhitneyu(baseline, review)` (auto -> asymptotic: ties) -> statistic 25.5,
    /// pvalue 0.0031643140772680553; pingouin 0.7.0 `mwu` RBC -0.673077 (other orientation).
    #[test]
    fn rank_sum_with_ties_matches_scipy() {
        let base = [2., 3., 2., 1., 3., 2., 4., 2., 3., 2., 1., 3.];
        let review = [4., 4., 3., 3., 3., 4., 4., 3., 4., 2., 3., 4., 5.];
        let r = mann_whitney_u(&base, &review).unwrap();
        assert_eq!((r.u1, r.method), (25.5, PMethod::Normal));
        assert!(close(r.p, SCIPY_MWU_TIES_P, 1e-12), "{}", r.p);
        assert!(
            close(r.rank_biserial, 0.673_077, 1e-6),
            "{}",
            r.rank_biserial
        );
        assert_eq!(mann_whitney_u(&[], &[1.0]), None);
    }
    const SCIPY_MWU_TIES_P: f64 = 0.003_164_314_077_268_055_3;
}
