//! Texts put in byte order by comparing numbers: eight bytes of each text at a time, read as
//! one number, and only the texts that share those bytes compared on the next eight. Comments
//! share long openings ("More time for ..."), so comparing them as strings spends its time in
//! `memcmp` and in following each text's pointer.

use rayon::prelude::*;

/// The indices of `texts` in the byte order of their texts (as `str`'s `Ord`). `texts` must
/// be distinct.
pub fn in_order(texts: &[&str]) -> Vec<u32> {
    let mut keyed: Vec<(Key, u32)> = texts
        .iter()
        .zip(0u32..)
        .map(|(t, i)| (key(t, 0), i))
        .collect();
    keyed.par_sort_unstable();
    settle(texts, &mut keyed, 0);
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Eight bytes of a text from `depth` pieces of eight on, zero-padded, as a number that
/// orders as the bytes do, with how many bytes are left from there (9 standing for "more than
/// eight"): a text that ends inside the piece comes before a longer one with the same bytes.
type Key = (u64, u8);

/// How many pieces are compared as numbers before the texts still tied are compared as strings.
const DEEPEST: usize = 16;

fn key(text: &str, depth: usize) -> Key {
    let bytes = text.as_bytes();
    let from = (depth * 8).min(bytes.len());
    let piece = &bytes[from..bytes.len().min(from + 8)];
    let mut padded = [0u8; 8];
    padded[..piece.len()].copy_from_slice(piece);
    let left = (bytes.len() - from).min(9) as u8;
    (u64::from_be_bytes(padded), left)
}

/// Puts in order each run of `keyed` (sorted by its keys at `depth`) whose texts share their
/// first `depth + 1` pieces, by the next piece, the runs side by side.
fn settle(texts: &[&str], keyed: &mut [(Key, u32)], depth: usize) {
    let mut runs: Vec<&mut [(Key, u32)]> = Vec::new();
    let mut rest = keyed;
    while let Some(&(first, _)) = rest.first() {
        let len = rest.iter().take_while(|(k, _)| *k == first).count();
        let (run, tail) = std::mem::take(&mut rest).split_at_mut(len);
        // Texts with the same piece and more than eight bytes left go on to the next piece;
        // two distinct texts cannot share a piece and end in it.
        if len > 1 && first.1 == 9 {
            runs.push(run);
        }
        rest = tail;
    }
    runs.into_par_iter().for_each(|run| {
        // Texts that share more than 128 bytes (rare in comments) are compared as strings,
        // so that a long shared opening cannot nest this deeper.
        if depth + 1 == DEEPEST {
            run.sort_unstable_by(|a, b| texts[a.1 as usize].cmp(texts[b.1 as usize]));
            return;
        }
        for (k, i) in run.iter_mut() {
            *k = key(texts[*i as usize], depth + 1);
        }
        run.sort_unstable();
        settle(texts, run, depth + 1);
    });
}

#[cfg(test)]
mod tests {
    use super::in_order;

    fn check(texts: &[&str]) {
        let mut expected: Vec<u32> = (0..texts.len() as u32).collect();
        expected.sort_by(|&a, &b| texts[a as usize].cmp(texts[b as usize]));
        assert_eq!(in_order(texts), expected, "{texts:?}");
    }

    #[test]
    fn order_is_the_byte_order_of_the_texts() {
        check(&[]);
        check(&["b"]);
        // Prefixes, texts ending inside and at the end of a piece, NUL bytes (which the
        // padding writes), long shared openings and text beyond ASCII.
        check(&[
            "ab",
            "ab\0",
            "a",
            "",
            "abcdefgh",
            "abcdefg",
            "abcdefghi",
            "abcdefgh\0",
            "abcdefgh\0\0\0\0\0\0\0\0x",
            "More time for priorities spending.",
            "More time for priorities sufficiency.",
            "More time for priorities therapy.",
            "More time for priorities",
            "More time for priorities ",
            "été",
            "éte",
            "ét",
            "\u{FFFF}",
            "z",
        ]);
    }

    #[test]
    fn texts_sharing_a_long_opening_are_put_in_order_too() {
        let opening = "x".repeat(100_000);
        let texts: Vec<String> = ["b", "a", "", "a\0", "ab"]
            .iter()
            .map(|end| format!("{opening}{end}"))
            .chain(["y".to_string(), opening[..129].to_string()])
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        check(&refs);
    }

    #[test]
    fn order_of_many_generated_texts() {
        // Texts made of few letters, so that many share openings of every length.
        let mut rng = fastrand::Rng::with_seed(7);
        let mut texts: Vec<String> = (0..5_000)
            .map(|_| {
                let len = rng.usize(0..40);
                (0..len)
                    .map(|_| ['a', 'b', '\0', 'é'][rng.usize(0..4)])
                    .collect()
            })
            .collect();
        texts.sort();
        texts.dedup();
        rng.shuffle(&mut texts);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        check(&refs);
    }
}
