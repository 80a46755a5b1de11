//! Options packed in one cell: `a;b;c;` (Microsoft Forms), `a; b` (events platforms) or `a, b`
//! (Google Forms), where an option may itself hold a comma ("Mixed (conferences, workshops)").
//! A cell is split into its pieces and the pieces grouped back into the question's options,
//! so an option holding the separator stays whole. Inference and the tidy table split alike.

/// The pieces of a packed cell: split on `;` (spaces after it trimmed) or on `, `.
pub fn pieces(text: &str, separator: &str) -> Vec<String> {
    let split: Vec<&str> = if separator.trim() == ";" {
        text.split(';').collect()
    } else {
        text.split(separator).collect()
    };
    split
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The text pieces `parts[from..to]` stand for.
fn joined(parts: &[String], separator: &str) -> String {
    let glue = if separator.trim() == ";" {
        "; "
    } else {
        separator
    };
    parts.join(glue)
}

/// The pieces of a cell grouped into options `known` recognises: as few unknown pieces as
/// possible, then as few options as possible (a known option holding the separator beats its
/// pieces). Returns the number of unknown pieces and the options.
pub fn segment(
    parts: &[String],
    known: &dyn Fn(&str) -> bool,
    separator: &str,
) -> (usize, Vec<String>) {
    let k = parts.len();
    // best[i]: (unknown pieces, options, start of the last option) for the first i pieces.
    let mut best: Vec<Option<(usize, usize, usize)>> = vec![None; k + 1];
    best[0] = Some((0, 0, 0));
    for end in 1..=k {
        for start in 0..end {
            let Some((u, n, _)) = best[start] else {
                continue;
            };
            let is_known = known(&joined(&parts[start..end], separator));
            let cost = if is_known {
                (u, n + 1)
            } else if end - start == 1 {
                (u + 1, n + 1)
            } else {
                continue;
            };
            if best[end].is_none_or(|(bu, bn, _)| cost < (bu, bn)) {
                best[end] = Some((cost.0, cost.1, start));
            }
        }
    }
    let mut out = Vec::new();
    let mut end = k;
    while end > 0 {
        let (_, _, start) = best[end].expect("every prefix is reachable one piece at a time");
        out.push(joined(&parts[start..end], separator));
        end = start;
    }
    out.reverse();
    (best[k].map_or(k, |(u, _, _)| u), out)
}

/// A cell's options: its pieces, grouped so that the options `known` recognises stay whole.
pub fn split(text: &str, separator: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    segment(&pieces(text, separator), known, separator).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_option_holding_the_separator_stays_whole() {
        let known = |p: &str| ["Lectures", "Mixed (conferences, workshops)"].contains(&p);
        assert_eq!(
            split(
                "Lectures, Mixed (conferences, workshops), Labs",
                ", ",
                &known
            ),
            ["Lectures", "Mixed (conferences, workshops)", "Labs"]
        );
        assert_eq!(split("a;b;c;", ";", &|_| false), ["a", "b", "c"]);
        assert_eq!(
            split("$50,000-$74,999", ", ", &|_| false),
            ["$50,000-$74,999"]
        );
    }
}
