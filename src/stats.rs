//! Pure statistical functions. No I/O, no polars: numbers in, numbers out, each with the
//! method it follows.

use statrs::distribution::{ContinuousCDF, Normal};

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
}
