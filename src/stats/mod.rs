//! Pure statistical functions. No I/O, no polars: numbers in, numbers out, each with the
//! method it follows and a test against an independent reference.

pub mod proportions;
pub mod ranks;
pub mod reliability;

pub use ranks::{mann_whitney_u, wilcoxon_signed_rank, PMethod, RankSum, SignedRank};
pub use reliability::{cronbach_alpha, Alpha};

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// Two-sided standard normal quantile for a confidence level, e.g. 1.959964 for 0.95.
pub fn z_for(confidence: f64) -> f64 {
    let normal = Normal::standard();
    normal.inverse_cdf(0.5 + confidence / 2.0)
}

/// Wilson score interval for a binomial proportion `successes / n`, without continuity
/// correction (Wilson 1927; method 3 of Newcombe 1998, Statistics in Medicine 17:857-872).
/// Returns `(low, high)` as proportions, or `None` when `n` is 0.
pub fn wilson(successes: u64, n: u64, confidence: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let (k, n) = (successes as f64, n as f64);
    let z = z_for(confidence);
    let p = k / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Student's t interval for the mean of `values`: `mean ± t(n-1) * sd / sqrt(n)` (sample
/// standard deviation). `None` with fewer than two values.
pub fn mean_interval(values: &[f64], confidence: f64) -> Option<(f64, f64)> {
    let n = values.len();
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let mean = values.iter().sum::<f64>() / nf;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (nf - 1.0);
    let t = StudentsT::new(0.0, 1.0, nf - 1.0)
        .ok()?
        .inverse_cdf(0.5 + confidence / 2.0);
    let half = t * (var / nf).sqrt();
    Some((mean - half, mean + half))
}

/// Holm's step-down adjustment of p-values for multiple tests (Holm 1979): sorted
/// ascending, the i-th (0-based) of m is multiplied by `m - i`, kept at least as large as the
/// one before, and capped at 1. Tests without a p-value (`None`) are not counted in m.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| p[i].is_some()).collect();
    order.sort_by(|&a, &b| p[a].unwrap_or(1.0).total_cmp(&p[b].unwrap_or(1.0)));
    let m = order.len();
    let mut out = vec![None; p.len()];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let adjusted = (p[i].unwrap_or(1.0) * (m - rank) as f64).min(1.0);
        running = running.max(adjusted);
        out[i] = Some(running);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn z_for_95_percent_is_1_96() {
        assert!(close(z_for(0.95), 1.959_963_984_540_054, 1e-9));
    }

    /// Newcombe (1998), Table I, method 3 (Wilson score, no continuity correction), given to
    /// four decimals: 81/263 -> 0.2553-0.3662; 15/148 -> 0.0624-0.1605;
    /// 0/20 -> 0.0000-0.1611; 1/29 -> 0.0061-0.1718.
    #[test]
    fn wilson_matches_newcombe_1998_table_1() {
        for (k, n, lo, hi) in [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ] {
            let (l, h) = wilson(k, n, 0.95).unwrap();
            assert!(close(l, lo, 5e-5) && close(h, hi, 5e-5), "{k}/{n}: {l} {h}");
        }
    }

    /// statsmodels 0.15.0, `proportion_confint(k, n, alpha=0.05, method="wilson")`:
    /// 22/22 -> (0.8513451253913791, 1.0), every answer favourable as in the sample's
    /// satisfaction question; 15/22 -> (0.47318597741042745, 0.8363940681864375).
    #[test]
    fn wilson_matches_statsmodels_including_the_boundary() {
        let (l, h) = wilson(15, 22, 0.95).unwrap();
        assert!(close(l, 0.473_185_977_410_427_45, 1e-12), "{l}");
        assert!(close(h, 0.836_394_068_186_437_5, 1e-12), "{h}");
        let (l, h) = wilson(22, 22, 0.95).unwrap();
        assert!(close(l, 0.851_345_125_391_379_1, 1e-12), "{l}");
        assert_eq!(h, 1.0);
        assert_eq!(wilson(0, 0, 0.95), None);
    }

    /// statsmodels 0.15.0 `multipletests([0.01, 0.04, 0.03, 0.005, 0.5, 0.2],
    /// method="holm")[1]` -> [0.05, 0.12, 0.12, 0.03, 0.5, 0.4].
    #[test]
    fn holm_matches_statsmodels() {
        let p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.2].map(Some);
        let got = holm(&p);
        for (g, want) in got.iter().zip([0.05, 0.12, 0.12, 0.03, 0.5, 0.4]) {
            assert!(close(g.unwrap(), want, 1e-12), "{got:?}");
        }
        // An untested theme neither gets a p-value nor counts in m.
        let got = holm(&[Some(0.01), None, Some(0.04)]);
        assert_eq!(got[1], None);
        assert!(close(got[0].unwrap(), 0.02, 1e-12) && close(got[2].unwrap(), 0.04, 1e-12));
    }

    /// scipy 1.17.1 `t.interval(0.95, 6, loc=x.mean(), scale=sem(x))` for
    /// x = [2.5, 3.0, 3.25, 4.0, 2.75, 3.5, 3.0] -> (2.6831950269492713, 3.6025192587650143).
    #[test]
    fn mean_interval_matches_scipy() {
        let x = [2.5, 3.0, 3.25, 4.0, 2.75, 3.5, 3.0];
        let (lo, hi) = mean_interval(&x, 0.95).unwrap();
        assert!(close(lo, 2.683_195_026_949_271_3, 1e-9), "{lo}");
        assert!(close(hi, 3.602_519_258_765_014_3, 1e-9), "{hi}");
        assert_eq!(mean_interval(&[3.0], 0.95), None);
    }
}
