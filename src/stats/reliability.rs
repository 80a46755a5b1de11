//! Internal consistency of a theme's statements: Cronbach's alpha (Cronbach 1951),
//! `alpha = k / (k - 1) * (1 - sum of item variances / variance of the total)`, written as
//! `k / (k - 1) * (1 - trace(C) / sum(C))` over the items' covariance matrix `C` (sample
//! covariances, divisor n - 1), as pingouin's `cronbach_alpha` computes it.
//!
//! Blanks are handled two ways, both reported:
//! - **listwise**: only members who rated every statement of the theme;
//! - **pairwise**: each covariance from the members who rated both statements of the pair.

/// Alpha from a covariance matrix; `None` when it is undefined (fewer than 2 items, or a
/// total with no variance).
fn alpha_of(cov: &[Vec<f64>]) -> Option<f64> {
    let k = cov.len();
    if k < 2 {
        return None;
    }
    let trace: f64 = (0..k).map(|i| cov[i][i]).sum();
    let total: f64 = cov.iter().flatten().sum();
    if total.is_nan() || total <= 0.0 || !trace.is_finite() {
        return None;
    }
    let kf = k as f64;
    Some(kf / (kf - 1.0) * (1.0 - trace / total))
}

/// Sample covariance of the rows where both columns have a value; `NaN` with fewer than 2.
fn covariance(rows: &[Vec<Option<f64>>], i: usize, j: usize) -> f64 {
    let both = || rows.iter().filter_map(|r| Some((r[i]?, r[j]?)));
    let (mut n, mut sx, mut sy) = (0usize, 0.0, 0.0);
    for (x, y) in both() {
        n += 1;
        sx += x;
        sy += y;
    }
    if n < 2 {
        return f64::NAN;
    }
    let (mx, my) = (sx / n as f64, sy / n as f64);
    both().map(|(x, y)| (x - mx) * (y - my)).sum::<f64>() / (n as f64 - 1.0)
}

fn covariances(rows: &[Vec<Option<f64>>], items: &[usize]) -> Vec<Vec<f64>> {
    items
        .iter()
        .map(|&i| items.iter().map(|&j| covariance(rows, i, j)).collect())
        .collect()
}

/// Cronbach's alpha of one theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Alpha {
    /// Statements in the theme.
    pub items: usize,
    /// Members who rated every statement (the listwise base).
    pub complete: usize,
    /// Alpha over the complete rows; `None` when undefined.
    pub listwise: Option<f64>,
    /// Alpha from pairwise-complete covariances; `None` when a pair has fewer than two
    /// members in common or the total has no variance.
    pub pairwise: Option<f64>,
    /// Listwise alpha with each statement left out in turn (same members as `listwise`),
    /// in the order of the columns.
    pub if_deleted: Vec<Option<f64>>,
}

/// Alpha of the columns of `rows` (one row per member, `None` where a statement was not rated).
pub fn cronbach_alpha(rows: &[Vec<Option<f64>>]) -> Alpha {
    let k = rows.first().map_or(0, Vec::len);
    let all: Vec<usize> = (0..k).collect();
    let complete: Vec<Vec<Option<f64>>> = rows
        .iter()
        .filter(|r| r.iter().all(Option::is_some))
        .cloned()
        .collect();
    let pairwise_cov = covariances(rows, &all);
    let pairwise = if pairwise_cov.iter().flatten().any(|c| c.is_nan()) {
        None
    } else {
        alpha_of(&pairwise_cov)
    };
    // Listwise: one covariance matrix over the complete rows; leaving a statement out keeps
    // the same rows, so its alpha comes from the matrix without that row and column.
    let listwise_cov = (complete.len() >= 2).then(|| covariances(&complete, &all));
    let without = |cov: &[Vec<f64>], left_out: usize| -> Vec<Vec<f64>> {
        cov.iter()
            .enumerate()
            .filter(|(i, _)| *i != left_out)
            .map(|(_, row)| {
                row.iter()
                    .enumerate()
                    .filter(|(j, _)| *j != left_out)
                    .map(|(_, c)| *c)
                    .collect()
            })
            .collect()
    };
    let if_deleted = match &listwise_cov {
        Some(cov) if k > 2 => (0..k).map(|i| alpha_of(&without(cov, i))).collect(),
        _ => vec![None; k],
    };
    Alpha {
        items: k,
        complete: complete.len(),
        listwise: listwise_cov.as_deref().and_then(alpha_of),
        pairwise,
        if_deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// pingouin's documented example (`pingouin.read_dataset("cronbach_wide_missing")`, 12
    /// respondents x 11 binary items with 4 blanks). pingouin 0.7.0 `cronbach_alpha(data)`
    /// (pairwise, its default) -> 0.732660835214447; with `nan_policy="listwise"` ->
    /// 0.8016949152542373. Alpha if Q1 / Q11 deleted: `cronbach_alpha(data.dropna().drop(
    /// columns="Q1"))` -> 0.8127208480565371, `…drop(columns="Q11")` -> 0.7760141093474426.
    #[test]
    fn alpha_matches_pingouin_documentation_example() {
        let nan = None;
        let o = Some(1.0);
        let z = Some(0.0);
        let rows: Vec<Vec<Option<f64>>> = vec![
            vec![o, o, o, o, o, o, o, o, o, o, o],
            vec![o, o, o, o, o, o, o, o, z, o, z],
            vec![nan, z, o, o, nan, o, o, o, o, z, z],
            vec![o, o, o, z, o, o, z, o, o, z, z],
            vec![o, o, o, o, o, z, z, z, o, z, z],
            vec![z, o, nan, z, o, o, o, o, z, z, z],
            vec![o, o, o, o, z, z, o, z, z, z, z],
            vec![o, o, o, o, o, z, z, z, z, z, z],
            vec![z, o, z, o, o, z, z, z, z, o, z],
            vec![o, z, z, o, z, o, z, z, nan, z, z],
            vec![o, o, o, z, z, z, z, z, z, z, z],
            vec![o, z, z, o, z, z, z, z, z, z, z],
        ];
        let a = cronbach_alpha(&rows);
        assert_eq!((a.items, a.complete), (11, 9));
        assert!(
            close(a.pairwise.unwrap(), 0.732_660_835_214_447),
            "{:?}",
            a.pairwise
        );
        assert!(
            close(a.listwise.unwrap(), 0.801_694_915_254_237_3),
            "{:?}",
            a.listwise
        );
        assert!(
            close(a.if_deleted[0].unwrap(), Q1_DELETED),
            "{:?}",
            a.if_deleted[0]
        );
        assert!(
            close(a.if_deleted[10].unwrap(), Q11_DELETED),
            "{:?}",
            a.if_deleted[10]
        );
    }
    const Q1_DELETED: f64 = 0.812_720_848_056_537_1;
    const Q11_DELETED: f64 = 0.776_014_109_347_442_6;

    #[test]
    fn alpha_is_undefined_for_one_item_one_member_or_no_spread() {
        let one_item = cronbach_alpha(&[vec![Some(1.0)], vec![Some(2.0)]]);
        assert_eq!((one_item.listwise, one_item.pairwise), (None, None));
        let one_member = cronbach_alpha(&[vec![Some(1.0), Some(2.0), Some(3.0)]]);
        assert_eq!((one_member.listwise, one_member.pairwise), (None, None));
        let flat = cronbach_alpha(&[vec![Some(3.0), Some(3.0)], vec![Some(3.0), Some(3.0)]]);
        assert_eq!(flat.listwise, None);
        // A statement nobody rated leaves no complete rows and no pairwise covariance.
        let blank = cronbach_alpha(&[vec![Some(1.0), None], vec![Some(2.0), None]]);
        assert_eq!(
            (blank.complete, blank.listwise, blank.pairwise),
            (0, None, None)
        );
    }
}
