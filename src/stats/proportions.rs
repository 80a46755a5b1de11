//! Comparing two proportions: the interval of their difference (a question's favourable share
//! in this cycle against the last, one session against the rest) and an exact test for the
//! small counts of a single session.

use super::wilson;
use statrs::function::factorial::ln_factorial;

/// The difference `k1/n1 - k2/n2` with its interval by Newcombe's hybrid score method (method
/// 10 of Newcombe 1998, Statistics in Medicine 17:873-890), built from the two Wilson score
/// intervals: it stays within [-1, 1] and keeps its coverage when a share is near 0 or 1 or
/// the groups are small, where the simple Wald interval does not. `None` when either group
/// is empty.
pub fn difference(k1: u64, n1: u64, k2: u64, n2: u64, confidence: f64) -> Option<Difference> {
    let (l1, u1) = wilson(k1, n1, confidence)?;
    let (l2, u2) = wilson(k2, n2, confidence)?;
    let (p1, p2) = (k1 as f64 / n1 as f64, k2 as f64 / n2 as f64);
    let d = p1 - p2;
    Some(Difference {
        difference: d,
        low: d - ((p1 - l1).powi(2) + (u2 - p2).powi(2)).sqrt(),
        high: d + ((u1 - p1).powi(2) + (p2 - l2).powi(2)).sqrt(),
    })
}

/// A difference of two proportions and its interval, as proportions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    pub difference: f64,
    pub low: f64,
    pub high: f64,
}

impl Difference {
    /// Whether the interval leaves out no difference at all: a change beyond chance at the
    /// interval's confidence level.
    pub fn excludes_zero(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// Fisher's exact test of a 2 x 2 table `[[a, b], [c, d]]` (rows: the two groups; columns:
/// favourable or not), two-sided: the probability, with the margins fixed, of every table no
/// more likely than the one observed (as R's `fisher.test` and scipy's `fisher_exact`, with
/// the same relative tolerance of 1e-7 for ties). `None` when a group is empty; 1 when
/// every answer falls on one side (as scipy: the only table the margins allow).
pub fn fisher_exact(a: u64, b: u64, c: u64, d: u64) -> Option<f64> {
    let (row1, row2, col1) = (a + b, c + d, a + c);
    let n = row1 + row2;
    if row1 == 0 || row2 == 0 {
        return None;
    }
    if col1 == 0 || col1 == n {
        return Some(1.0);
    }
    // Hypergeometric probability of the table whose top-left cell is x.
    let ln_fixed = ln_factorial(row1) + ln_factorial(row2) + ln_factorial(col1) - ln_factorial(n)
        + ln_factorial(n - col1);
    let p = |x: u64| {
        (ln_fixed
            - ln_factorial(x)
            - ln_factorial(row1 - x)
            - ln_factorial(col1 - x)
            - ln_factorial(row2 + x - col1))
        .exp()
    };
    let observed = p(a);
    let (lowest, highest) = (col1.saturating_sub(row2), row1.min(col1));
    let total: f64 = (lowest..=highest)
        .map(p)
        .filter(|&q| q <= observed * (1.0 + 1e-7))
        .sum();
    Some(total.min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Reference values: statsmodels 0.15.0,
    /// `confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff")`. The
    /// first is also Newcombe's own worked example (1998, table II, method 10: 0.0524 to
    /// 0.3339).
    #[test]
    fn newcombe_interval_matches_statsmodels() {
        let cases = [
            ((56, 70, 48, 80), 0.05243147240236498, 0.33387265403690614),
            ((9, 10, 3, 10), 0.1705227239345029, 0.809017973535488),
            ((15, 22, 18, 22), -0.37163755075490823, 0.11906555157758608),
            ((0, 10, 0, 12), -0.24249400665524096, 0.27753279986288926),
            ((10, 10, 0, 10), 0.6075093504305241, 1.0),
            ((5, 56, 0, 29), -0.038137147903536936, 0.19256001385511165),
        ];
        for ((k1, n1, k2, n2), low, high) in cases {
            let d = difference(k1, n1, k2, n2, 0.95).unwrap();
            assert!(close(
                d.difference,
                k1 as f64 / n1 as f64 - k2 as f64 / n2 as f64
            ));
            assert!(
                close(d.low, low),
                "{k1}/{n1} - {k2}/{n2}: low {} vs {low}",
                d.low
            );
            assert!(
                close(d.high, high),
                "{k1}/{n1} - {k2}/{n2}: high {} vs {high}",
                d.high
            );
        }
        assert!(difference(56, 70, 48, 80, 0.95).unwrap().excludes_zero());
        assert!(!difference(15, 22, 18, 22, 0.95).unwrap().excludes_zero());
        assert_eq!(difference(1, 0, 1, 2, 0.95), None);
    }

    /// Reference values: scipy 1.17.1, `fisher_exact(table)[1]` (two-sided).
    #[test]
    fn fisher_exact_matches_scipy() {
        let cases = [
            ([8, 2, 1, 5], 0.034965034965034975),
            ([3, 1, 1, 3], 0.48571428571428565),
            ([15, 7, 18, 4], 0.48760676554210297),
            ([0, 10, 10, 0], 1.082508822446903e-05),
            ([12, 5, 4, 9], 0.06335837928988722),
            ([2, 7, 8, 2], 0.02301413756522116),
        ];
        for ([a, b, c, d], expected) in cases {
            let p = fisher_exact(a, b, c, d).unwrap();
            assert!(
                (p - expected).abs() < 1e-9 * expected.max(1e-3),
                "[[{a}, {b}], [{c}, {d}]]: {p} vs {expected}"
            );
        }
        // scipy: fisher_exact([[3, 0], [4, 0]]) and [[0, 3], [0, 4]] give 1.0; a group
        // with no answers is no comparison.
        assert_eq!(fisher_exact(3, 0, 4, 0), Some(1.0));
        assert_eq!(fisher_exact(0, 3, 0, 4), Some(1.0));
        assert_eq!(fisher_exact(0, 0, 3, 4), None);
    }
}
