//! Which groups of a partition to suppress so that none under the threshold can be read or
//! worked back from the total.

use crate::model::Reason;

/// For groups that together make up a published total, with their sizes: the groups to
/// suppress and why. Every group under `threshold` (an empty group has nothing to hide);
/// then, while the suppressed groups are a single group, or together fewer than `threshold`
/// (the total less the published groups would give them away), the smallest published group
/// as well, the first of equals.
pub fn partition(sizes: &[u64], threshold: u64) -> Vec<Option<Reason>> {
    let mut out: Vec<Option<Reason>> = sizes
        .iter()
        .map(|&n| (n > 0 && n < threshold).then_some(Reason::Primary))
        .collect();
    loop {
        let hidden: Vec<u64> = sizes
            .iter()
            .zip(&out)
            .filter(|(_, r)| r.is_some())
            .map(|(n, _)| *n)
            .collect();
        if hidden.is_empty() {
            return out;
        }
        let exposed = hidden.len() == 1 || hidden.iter().sum::<u64>() < threshold;
        if !exposed {
            return out;
        }
        let smallest = (0..sizes.len())
            .filter(|&i| out[i].is_none() && sizes[i] > 0)
            .min_by_key(|&i| (sizes[i], i));
        match smallest {
            Some(i) => out[i] = Some(Reason::Secondary),
            None => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Reason::{Primary as P, Secondary as S};

    fn hidden(sizes: &[u64]) -> Vec<Option<Reason>> {
        partition(sizes, 5)
    }

    #[test]
    fn groups_at_or_above_the_threshold_are_published() {
        assert_eq!(hidden(&[5, 6, 12]), vec![None, None, None]);
        assert_eq!(hidden(&[]), Vec::<Option<Reason>>::new());
    }

    #[test]
    fn one_small_group_takes_the_smallest_other_with_it() {
        // 4 and 1 are together 5: neither can be separated from the other.
        assert_eq!(hidden(&[12, 6, 4, 1]), vec![None, None, Some(P), Some(P)]);
        // With the 4 alone hidden, the total less 12 and 6 would give it back.
        assert_eq!(hidden(&[12, 6, 4]), vec![None, Some(S), Some(P)]);
        assert_eq!(hidden(&[2, 6, 5]), vec![Some(P), None, Some(S)]);
    }

    #[test]
    fn small_groups_together_under_the_threshold_take_another() {
        // 1 + 2 = 3 members: together still a small group.
        assert_eq!(hidden(&[1, 2, 9, 7]), vec![Some(P), Some(P), None, Some(S)]);
        // 2 + 4 = 6: the two together are large enough and neither can be separated.
        assert_eq!(hidden(&[2, 4, 9, 7]), vec![Some(P), Some(P), None, None]);
    }

    #[test]
    fn every_group_small_hides_them_all() {
        assert_eq!(hidden(&[1, 2]), vec![Some(P), Some(P)]);
        assert_eq!(hidden(&[4]), vec![Some(P)]);
    }

    #[test]
    fn empty_groups_are_neither_hidden_nor_used_to_hide() {
        assert_eq!(hidden(&[0, 3, 8]), vec![None, Some(P), Some(S)]);
    }

    #[test]
    fn threshold_one_switches_protection_off() {
        assert_eq!(partition(&[1, 2, 3], 1), vec![None, None, None]);
    }
}
