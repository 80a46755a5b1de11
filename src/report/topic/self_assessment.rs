//! The self-assessment document: how members rated their own knowledge and skills, theme by
//! theme, at the baseline and at the review, and what changed. Tests and intervals stay in
//! the technical annex: here a change is "higher" or "lower" only when the annex's test finds
//! it beyond chance, and the table compares the same members in every column.
//!
//! The rules for the summary:
//! 1. how many members took part in each wave, and in both;
//! 2. the themes rated higher (or lower) at the last wave beyond chance, or that none was;
//! 3. the themes rated highest and lowest at the last wave with ratings;
//! 4. the statements rated lowest there, suggested as areas for development;
//! 5. a caution when fewer than [`FEW_MEMBERS`] members can be compared.

use super::words::{count, plural, quoted, suppression_note};
use crate::model::thresholds::FEW_MEMBERS;
use crate::model::{
    capitalised, ChangeRow, Direction, Scope, SelfAssessment, Standing, Test, CONFIDENTIAL,
};
use crate::report::document::{plain, Align, Block, Document, Figure, Numbering, Table, Text};
use crate::self_assessment::NO_THEME;

fn two(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.1}"))
}

use crate::model::and_list as and;

/// The words the documents give a change between waves ("Higher"), the same in each.
pub fn result_words(d: Direction) -> &'static str {
    match d {
        Direction::Improved => "Higher",
        Direction::Declined => "Lower",
        Direction::NoClearChange => "No clear change",
        Direction::NoChange => "No change",
        Direction::NotTested => "Not compared",
    }
}

fn summary(s: &SelfAssessment) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    let waves: Vec<String> = s
        .waves
        .iter()
        .map(|w| format!("{} at the {}", w.members, w.dated()))
        .collect();
    let mut first = format!("Members completed the self-assessment: {}", and(&waves));
    if s.waves.len() > 1 && !s.matched_by.is_empty() {
        first.push_str(&format!(
            "; {} completed {}",
            s.matched,
            if s.waves.len() == 2 {
                "both"
            } else {
                "every one"
            }
        ));
    }
    first.push('.');
    out.push(vec![plain(first)]);
    let changes = s.theme_changes();
    let (Some(from), Some(to)) = (s.waves.first(), s.waves.last()) else {
        return out;
    };
    if s.waves.len() > 1 && s.scale_assumed {
        out.push(vec![plain(format!(
            "Change between the {} and the {} is not judged: the files do not state the range the ratings were given on (they were read as {}).",
            from.name,
            to.name,
            s.scale.range_words()
        ))]);
    } else if s.waves.len() > 1 && !changes.is_empty() {
        // A form whose statements carry no themes (a session's before-and-after questions) is
        // summed up statement by statement.
        let untitled = s.themes.iter().all(|t| t == NO_THEME);
        let compared: Vec<&ChangeRow> = if untitled {
            s.changes
                .iter()
                .filter(|c| c.level == Scope::Statement && c.to == to.name && !c.suppressed)
                .collect()
        } else {
            changes.clone()
        };
        let (one, many, on) = if untitled {
            ("statement", "statements", "on")
        } else {
            ("theme", "themes", "in")
        };
        let named = |d: Direction| -> Vec<String> {
            compared
                .iter()
                .filter(|c| c.direction == d)
                .map(|c| {
                    if untitled {
                        quoted(&c.statement)
                    } else {
                        c.theme.clone()
                    }
                })
                .collect()
        };
        let (up, down) = (named(Direction::Improved), named(Direction::Declined));
        let of = |n: usize| {
            if n == compared.len() && n == 2 {
                format!("both {many}")
            } else if n == compared.len() && n > 2 {
                format!("all {}", plural(n as u64, one, many))
            } else {
                format!("{n} of the {}", plural(compared.len() as u64, one, many))
            }
        };
        if up.is_empty() && down.is_empty() {
            out.push(vec![plain(format!(
                "No {one} was rated clearly higher or lower at the {} than at the {}: the differences could be chance.",
                to.name, from.name
            ))]);
        }
        if !up.is_empty() {
            out.push(vec![plain(format!(
                "Members rated themselves higher at the {} than at the {} {on} {}: {}.",
                to.name,
                from.name,
                of(up.len()),
                and(&up)
            ))]);
        }
        if !down.is_empty() {
            out.push(vec![plain(format!(
                "Members rated themselves lower at the {} {on} {}: {}.",
                to.name,
                of(down.len()),
                and(&down)
            ))]);
        }
    }
    if let Some(last) = s.waves.iter().rev().find(|w| w.members > 0) {
        // Theme averages at the last wave: of the members compared in the table when there
        // is a comparison, so that the summary and the table agree.
        let averages: Vec<(&str, f64)> = if changes.is_empty() {
            s.theme_rows
                .iter()
                .filter(|r| r.wave == last.name)
                .filter_map(|r| Some((r.theme.as_str(), r.mean?)))
                .collect()
        } else {
            changes
                .iter()
                .filter_map(|c| Some((c.theme.as_str(), c.mean_to?)))
                .collect()
        };
        let high = averages.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let low = averages.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some(h), Some(l)) = (high, low) {
            if h.0 != l.0 {
                out.push(vec![plain(format!(
                    "At the {}, members rated themselves highest on {} (average {} out of {}) and lowest on {} ({}).",
                    last.name,
                    h.0,
                    two(Some(h.1)),
                    s.scale.highest(),
                    l.0,
                    two(Some(l.1))
                ))]);
            }
        }
        let mut development: Vec<_> = s
            .items
            .iter()
            .filter(|r| r.wave == last.name && r.standing == Standing::Development)
            .collect();
        development.sort_by_key(|r| std::cmp::Reverse(r.rank));
        if !development.is_empty() {
            let names: Vec<String> = development.iter().map(|r| quoted(&r.statement)).collect();
            out.push(vec![plain(format!(
                "The statements rated lowest, suggested as areas for development: {}.",
                and(&names)
            ))]);
        }
    }
    if let Some(n) = changes.iter().map(|c| c.compared()).min() {
        if n < FEW_MEMBERS {
            out.push(vec![plain(format!(
                "With {} to compare, only a large change can be told from chance: a real improvement may not show as one.",
                plural(n, "member", "members")
            ))]);
        }
    }
    out
}

/// The self-assessment document. `chart` is the theme chart's path, when it was drawn.
/// `s` has its small groups marked suppressed (see `crate::disclosure`): the tables show them
/// as [c], the findings leave them out. `threshold` is the disclosure threshold.
pub fn document(s: &SelfAssessment, chart: Option<&str>, threshold: u64) -> Document {
    let title = match (s.waves.first(), s.waves.last()) {
        (Some(a), Some(b)) if s.waves.len() > 1 => {
            format!("Member self-assessment: {} and {}", a.name, b.name)
        }
        (Some(a), _) => format!("Member self-assessment: {}", a.name),
        _ => "Member self-assessment".to_string(),
    };
    let mut doc = Document::new(&title);
    let waves: Vec<String> = s
        .waves
        .iter()
        .map(|w| {
            let when = if w.when.is_empty() {
                String::new()
            } else {
                format!(", {}", w.when)
            };
            format!(
                "{}{when} ({})",
                capitalised(&w.name),
                plural(w.members, "member", "members")
            )
        })
        .collect();
    doc.details.push((
        if waves.len() == 1 {
            "Completed"
        } else {
            "Completed at"
        }
        .into(),
        waves.join("; "),
    ));
    doc.details.push((
        "Rating scale".into(),
        format!(
            "{} to {}",
            s.scale.label(s.scale.lowest()),
            s.scale.label(s.scale.highest())
        ),
    ));
    let mut numbering = Numbering::new();
    doc.heading(2, "Summary");
    numbering.section();
    for finding in summary(s) {
        doc.push(numbering.next(finding));
    }
    doc.heading(2, "Ratings by theme");
    if let Some(path) = chart {
        doc.push(Block::Figure(Figure {
            path: path.into(),
            title: "Average rating of each theme, first and last wave".into(),
            alt: String::new(),
            width: 100,
        }));
    }
    let changes = s.theme_changes_all();
    let hidden = |x: bool, text: String| if x { CONFIDENTIAL.to_string() } else { text };
    if s.waves.len() > 1 && !changes.is_empty() {
        let (from, to) = (&s.waves[0].name, &s.waves[s.waves.len() - 1].name);
        let same = changes.iter().all(|c| c.test == Test::SignedRank);
        let members = changes.iter().map(|c| c.compared()).max().unwrap_or(0);
        doc.push(Block::Table(Table {
            caption: if same {
                format!(
                    "Table 1: average rating of each theme (out of {}), for the {} who completed both the {from} and the {to}",
                    s.scale.highest(),
                    plural(members, "member", "members")
                )
            } else {
                format!(
                    "Table 1: average rating of each theme (out of {}), for the members who completed each wave",
                    s.scale.highest()
                )
            },
            columns: vec![
                ("Theme".into(), Align::Left),
                (capitalised(from), Align::Right),
                (capitalised(to), Align::Right),
                ("Change".into(), Align::Right),
                ("Result".into(), Align::Left),
            ],
            rows: changes
                .iter()
                .map(|c| {
                    let h = |text: String| hidden(c.suppressed, text);
                    vec![
                        c.theme.clone(),
                        h(two(c.mean_from)),
                        h(two(c.mean_to)),
                        h(c.change.map_or("-".into(), |x| format!("{x:+.1}"))),
                        h(result_words(c.direction).into()),
                    ]
                })
                .collect(),
        }));
        doc.paragraph(vec![plain(
            "\u{201c}Higher\u{201d} and \u{201c}Lower\u{201d} mark changes larger than chance would explain, judged by a statistical test of each member's own change; the other differences could be chance.",
        )]);
    } else if let Some(w) = s.waves.first() {
        doc.push(Block::Table(Table {
            caption: format!(
                "Table 1: average rating of each theme (out of {}), {}",
                s.scale.highest(),
                w.name
            ),
            columns: vec![
                ("Theme".into(), Align::Left),
                ("Members".into(), Align::Right),
                ("Average rating".into(), Align::Right),
            ],
            rows: s
                .theme_rows
                .iter()
                .filter(|r| r.wave == w.name)
                .map(|r| {
                    vec![
                        r.theme.clone(),
                        hidden(r.suppressed, count(r.members)),
                        hidden(r.suppressed, two(r.mean)),
                    ]
                })
                .collect(),
        }));
    }
    let suppressed = s.changes.iter().any(|c| c.suppressed)
        || s.theme_rows.iter().any(|r| r.suppressed)
        || s.items.iter().any(|r| r.suppressed);
    if suppressed {
        doc.paragraph(vec![plain(suppression_note(
            threshold,
            "members rating it",
        ))]);
    }
    doc
}
