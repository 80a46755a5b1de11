//! The self-assessment in the report: the statements, themes and change tables, the
//! internal table of members' theme scores (personal data), and the briefing's section.

use super::tables::{masked, table, Mask, Tabular};
use super::write::markdown::escape as cell;
use crate::model::capitalised;
use crate::model::plural;
use crate::model::thresholds::{
    ALPHA_LEVEL, EFFECT_LARGE, EFFECT_MODERATE, EFFECT_SMALL, FEW_MEMBERS,
};
use crate::model::{
    Caution, ChangeRow, Direction, RatingPoints, ReliabilityCaveat, Scope, SelfAssessment,
    Standing, Test, ThemeRow,
};
use serde::ser::SerializeMap;
use serde::Serialize;
use std::fmt::Write;

/// Paths of the charts, without extension.
pub const THEMES_CHART: &str = "charts/self_assessment_themes";
/// The committee document's theme chart (the members in both waves, no intervals).
pub const COMMITTEE_THEMES_CHART: &str = "charts/self_assessment_themes_committee";
pub const STATEMENTS_CHART: &str = "charts/self_assessment_statements";
/// Path of the members' theme scores, relative to the report folder.
pub const MEMBER_SCORES_PATH: &str = "internal/PERSONAL-DATA_self_assessment_theme_scores.csv";

/// How zero differences are treated, as the change table states it.
pub const ZERO_METHOD: &str = "dropped before ranking (Wilcoxon's method)";

fn p_words(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else {
        format!("p = {p:.3}")
    }
}

/// The change of one row in a sentence, with its test's figures (for the analyst).
pub fn change_sentence(row: &ChangeRow, scale: &RatingPoints) -> String {
    let base = if row.test == Test::SignedRank {
        format!(
            "Among the {} in both waves: ",
            plural(row.pairs, "member", "members")
        )
    } else {
        format!("Comparing {} members then {}: ", row.n_from, row.n_to)
    };
    let (Some(a), Some(b), Some(change)) = (row.mean_from, row.mean_to, row.change) else {
        return if row.n_from == 0 && row.n_to == 0 {
            "Not tested: no member rated it in either wave.".into()
        } else {
            format!(
                "Not tested: rated in one wave only ({} in {}, {} in {}).",
                row.n_from, row.from, row.n_to, row.to
            )
        };
    };
    let moved = format!(
        "{base}{} {a:.2} to {b:.2} ({change:+.2} on the {}\u{2013}{} scale)",
        if change > 0.0 {
            "up from"
        } else if change < 0.0 {
            "down from"
        } else {
            "from"
        },
        scale.lowest(),
        scale.highest()
    );
    let (Some(p), Some(p_holm), Some(r), Some(size)) =
        (row.p, row.p_holm, row.effect, row.effect_size)
    else {
        return format!("{moved}: no member's rating changed.");
    };
    let verdict = if row.cautions.contains(&Caution::ScaleAssumed) {
        "not judged, as the range of the ratings is assumed"
    } else if p_holm < ALPHA_LEVEL {
        "unlikely to be chance"
    } else {
        "could be chance"
    };
    format!(
        "{moved}; {} effect (r = {r:.2}); {verdict} (Holm-adjusted {}; unadjusted {}).",
        size.name(),
        p_words(p_holm),
        p_words(p),
    )
}

/// Why a change needs care, in words; empty when it does not.
pub fn caution_words(cautions: &[Caution]) -> String {
    cautions
        .iter()
        .map(|c| match c {
            Caution::NoMemberInBothWaves => {
                "no member is in both waves: compared as independent groups".to_string()
            }
            Caution::FewCompared(n) => format!(
                "only {} compared: indicative, not proof either way",
                plural(*n, "member", "members")
            ),
            Caution::FewChanged(n) => format!(
                "only {n} changed their rating: too few for any test to show a change at the 5% level"
            ),
            Caution::ScaleAssumed => "the files do not state the range of the ratings: the change is not judged".to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a theme's alpha means little, in words; empty when it means something.
pub fn reliability_words(caveats: &[ReliabilityCaveat]) -> String {
    if caveats.is_empty() {
        return String::new();
    }
    let notes: Vec<String> = caveats
        .iter()
        .map(|c| match c {
            ReliabilityCaveat::OneStatement => "one statement: alpha needs two or more".into(),
            ReliabilityCaveat::FewStatements(n) => format!("only {n} statements"),
            ReliabilityCaveat::TooFewMembers(n) => format!(
                "{} rated every statement: alpha needs two or more",
                plural(*n, "member", "members")
            ),
            ReliabilityCaveat::FewMembers(n) => format!("only {n} members rated every statement"),
        })
        .collect();
    format!("{}; indicative at most", notes.join("; "))
}

fn iqr(q1: Option<f64>, q3: Option<f64>) -> Option<f64> {
    q1.zip(q3).map(|(a, b)| b - a)
}

/// The counts of a statement's ratings, one column per point of the scale (`count_1`, or
/// `count_4_good` where the point has a label).
#[derive(Default)]
struct Counts<'a> {
    heads: &'a [String],
    counts: &'a [u64],
}

impl Serialize for Counts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.heads.len()))?;
        for (head, count) in self.heads.iter().zip(self.counts) {
            m.serialize_entry(head, count)?;
        }
        m.end()
    }
}

/// A line of `tables/self_assessment_items.csv`.
#[derive(Serialize, Default)]
struct ItemLine<'a> {
    wave: &'a str,
    theme: &'a str,
    statement: &'a str,
    n: u64,
    not_rated: u64,
    #[serde(flatten)]
    counts: Counts<'a>,
    mean: Option<f64>,
    median: Option<f64>,
    q1: Option<f64>,
    q3: Option<f64>,
    iqr: Option<f64>,
    percent_at_least: Option<f64>,
    rank: Option<u32>,
    standing: &'static str,
    alpha_if_deleted: Option<f64>,
}

pub fn items_csv(s: &SelfAssessment) -> Tabular {
    let heads: Vec<String> = s
        .scale
        .points
        .iter()
        .map(|(score, label)| {
            if *label == score.to_string() {
                format!("count_{score}")
            } else {
                format!("count_{score}_{}", super::slug(label).replace('-', "_"))
            }
        })
        .collect();
    let zeros = vec![0; heads.len()];
    let lines: Vec<(ItemLine, bool)> = s
        .items
        .iter()
        .map(|r| {
            let line = ItemLine {
                wave: &r.wave,
                theme: &r.theme,
                statement: &r.statement,
                n: r.n,
                not_rated: r.not_rated,
                counts: Counts {
                    heads: &heads,
                    counts: &r.counts,
                },
                mean: r.mean,
                median: r.median,
                q1: r.q1,
                q3: r.q3,
                iqr: iqr(r.q1, r.q3),
                percent_at_least: r.at_least_percent,
                rank: r.rank,
                standing: r.standing.name(),
                alpha_if_deleted: r.alpha_if_deleted,
            };
            (line, r.suppressed)
        })
        .collect();
    let template = ItemLine {
        counts: Counts {
            heads: &heads,
            counts: &zeros,
        },
        ..Default::default()
    };
    masked(&template, suppressing(&lines, 3))
}

/// A line of `tables/self_assessment_themes.csv`.
#[derive(Serialize, Default)]
struct ThemeLine<'a> {
    wave: &'a str,
    theme: &'a str,
    statements: u64,
    members: u64,
    mean: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    median: Option<f64>,
    q1: Option<f64>,
    q3: Option<f64>,
    iqr: Option<f64>,
    percent_at_least: Option<f64>,
    alpha_members: u64,
    alpha_listwise: Option<f64>,
    alpha_pairwise: Option<f64>,
    reliability_note: String,
}

pub fn themes_csv(s: &SelfAssessment) -> Tabular {
    let lines: Vec<(ThemeLine, bool)> = s
        .theme_rows
        .iter()
        .map(|r| {
            let line = ThemeLine {
                wave: &r.wave,
                theme: &r.theme,
                statements: r.statements,
                members: r.members,
                mean: r.mean,
                ci_low: r.ci_low,
                ci_high: r.ci_high,
                median: r.median,
                q1: r.q1,
                q3: r.q3,
                iqr: iqr(r.q1, r.q3),
                percent_at_least: r.at_least_percent,
                alpha_members: r.alpha_members,
                alpha_listwise: r.alpha_listwise,
                alpha_pairwise: r.alpha_pairwise,
                reliability_note: reliability_words(&r.reliability),
            };
            (line, r.suppressed)
        })
        .collect();
    masked(&ThemeLine::default(), suppressing(&lines, 3))
}

/// A line of `tables/self_assessment_change.csv`.
#[derive(Serialize, Default)]
struct ChangeLine<'a> {
    from: &'a str,
    to: &'a str,
    level: &'static str,
    theme: &'a str,
    statement: &'a str,
    test: &'static str,
    n_from: u64,
    n_to: u64,
    pairs: u64,
    zero_differences: u64,
    zero_differences_are: &'static str,
    mean_from: Option<f64>,
    mean_to: Option<f64>,
    change: Option<f64>,
    statistic: Option<f64>,
    z: Option<f64>,
    p: Option<f64>,
    p_method: &'static str,
    p_holm: Option<f64>,
    holm_across: &'static str,
    rank_biserial: Option<f64>,
    effect_size: &'static str,
    direction: &'static str,
    summary: String,
    caution: String,
}

pub fn change_csv(s: &SelfAssessment) -> Tabular {
    let lines: Vec<(ChangeLine, bool)> = s
        .changes
        .iter()
        .map(|r| {
            let line = ChangeLine {
                from: &r.from,
                to: &r.to,
                level: r.level.name(),
                theme: &r.theme,
                statement: &r.statement,
                test: r.test.name(),
                n_from: r.n_from,
                n_to: r.n_to,
                pairs: r.pairs,
                zero_differences: r.zero_differences,
                zero_differences_are: if r.test == Test::SignedRank {
                    ZERO_METHOD
                } else {
                    ""
                },
                mean_from: r.mean_from,
                mean_to: r.mean_to,
                change: r.change,
                statistic: r.statistic,
                z: r.z,
                p: r.p,
                p_method: r.p_method.map(|m| m.name()).unwrap_or_default(),
                p_holm: r.p_holm,
                holm_across: match (r.p_holm, r.level) {
                    (None, _) => "",
                    (Some(_), Scope::Theme) => "themes",
                    (Some(_), Scope::Statement) => "statements",
                },
                rank_biserial: r.effect,
                effect_size: r.effect_size.map(|e| e.name()).unwrap_or_default(),
                direction: r.direction.name(),
                summary: change_sentence(r, &s.scale),
                caution: caution_words(&r.cautions),
            };
            (line, r.suppressed)
        })
        .collect();
    masked(&ChangeLine::default(), suppressing(&lines, 5))
}

/// Lines each with whether it is suppressed, as [`masked`] takes them: every cell after the
/// first `keys` of a suppressed line is `[c]`.
fn suppressing<T>(lines: &[(T, bool)], keys: usize) -> impl Iterator<Item = (&T, Option<Mask>)> {
    lines
        .iter()
        .map(move |(l, s)| (l, s.then_some(Mask::After(keys))))
}

pub fn member_scores_csv(s: &SelfAssessment) -> Tabular {
    table(&s.member_scores)
}

fn two(x: Option<f64>) -> String {
    x.map_or_else(|| "\u{2013}".into(), |v| format!("{v:.2}"))
}

fn p_text(p: Option<f64>) -> String {
    match p {
        None => "\u{2013}".into(),
        Some(p) if p < 0.001 => "< 0.001".into(),
        Some(p) => format!("{p:.3}"),
    }
}

fn mean_ci(r: &ThemeRow) -> String {
    match (r.mean, r.ci_low, r.ci_high) {
        (Some(m), Some(l), Some(h)) => format!("{m:.2} ({l:.2}\u{2013}{h:.2})"),
        (Some(m), _, _) => format!("{m:.2}"),
        _ => "\u{2013}".into(),
    }
}

/// The self-assessment in a few sentences, for the terminal.
pub fn summary_lines(s: &SelfAssessment) -> Vec<String> {
    if !s.has_ratings() {
        return vec!["no ratings could be read; see tables/data_quality.csv.".into()];
    }
    let mut lines = vec![waves_sentence(s)];
    let changes = s.theme_changes();
    let rated: Vec<&str> = s
        .waves
        .iter()
        .filter(|w| w.members > 0)
        .map(|w| w.name.as_str())
        .collect();
    if rated.len() < 2 {
        lines.push(format!(
            "change cannot be measured yet: only the {} wave has ratings.",
            rated.first().copied().unwrap_or("first")
        ));
    } else if s.scale_assumed {
        lines.push(format!(
            "change is not headlined: the files do not state the range of the ratings (read as {}); see tables/data_quality.csv.",
            s.scale.range_words()
        ));
    } else if !changes.is_empty() {
        let improved = changes
            .iter()
            .filter(|c| c.direction == Direction::Improved)
            .count();
        let declined = changes
            .iter()
            .filter(|c| c.direction == Direction::Declined)
            .count();
        lines.push(format!(
            "{} of {} themes improved and {declined} declined beyond chance (Holm-adjusted p < {ALPHA_LEVEL}).",
            improved,
            changes.len()
        ));
    }
    lines
}

fn waves_sentence(s: &SelfAssessment) -> String {
    let waves: Vec<String> = s
        .waves
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let name = if i == 0 {
                capitalised(&w.dated())
            } else {
                w.dated()
            };
            format!("{name}: {}", plural(w.members, "member", "members"))
        })
        .collect();
    let mut text = waves.join("; ");
    if s.waves.len() > 1 && !s.matched_by.is_empty() {
        let _ = write!(
            text,
            "; {} in {} (matched by {})",
            plural(s.matched, "member", "members"),
            if s.waves.len() == 2 {
                "both waves"
            } else {
                "every wave"
            },
            s.matched_by
        );
    }
    text.push('.');
    text
}

/// The briefing's self-assessment section.
pub fn section(out: &mut String, s: &SelfAssessment, charts: bool) {
    let _ = writeln!(out, "## Self-assessment and review\n");
    if !s.has_ratings() {
        let _ = writeln!(
            out,
            "Self-assessment files were found in `{}/` but no ratings could be read; see [Data quality](#data-quality).\n",
            s.folder
        );
        return;
    }
    let _ = writeln!(
        out,
        "Members rated {} in {} on the {} scale, from {}; \"at or above\" counts {}. {}\n",
        plural(
            s.items.len() as u64 / s.waves.len().max(1) as u64,
            "statement",
            "statements"
        ),
        plural(s.themes.len() as u64, "theme", "themes"),
        s.scale.name,
        s.scale.range_words(),
        s.scale.at_least_words(),
        waves_sentence(s),
    );
    if s.only_in_one_wave > 0 {
        let _ = writeln!(
            out,
            "{} took part in one wave only and are left out of the paired comparison (their file and row are in `tables/data_quality.csv`).\n",
            plural(s.only_in_one_wave, "member", "members")
        );
    }
    theme_table(out, s);
    standing(out, s);
    reliability(out, s);
    if charts {
        let _ = writeln!(
            out,
            "![Theme scores by wave]({THEMES_CHART}.png)\n\n![Statement scores by wave]({STATEMENTS_CHART}.png)\n"
        );
    }
    method(out, s);
}

fn theme_table(out: &mut String, s: &SelfAssessment) {
    let _ = writeln!(out, "### Theme scores\n");
    let first = s.waves.first().map(|w| w.name.clone()).unwrap_or_default();
    let last = s.waves.last().map(|w| w.name.clone()).unwrap_or_default();
    let changes = s.theme_changes();
    let row_of = |wave: &str, theme: &str| {
        s.theme_rows
            .iter()
            .find(|r| r.wave == wave && r.theme == theme)
    };
    if s.waves.len() < 2 || changes.is_empty() {
        let _ = writeln!(
            out,
            "| Theme | Mean score (95% CI) | Members | {} |\n|---|---:|---:|---:|",
            cell(&format!("At or above {}", s.scale.at_least_words()))
        );
        for t in &s.themes {
            if let Some(r) = row_of(&first, t) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(t),
                    mean_ci(r),
                    r.members,
                    r.at_least_percent
                        .map_or("\u{2013}".into(), |p| format!("{p:.0}%"))
                );
            }
        }
        let _ = writeln!(out);
        return;
    }
    let _ = writeln!(
        out,
        "Mean theme score per member (95% CI). Change, effect and p are for the members in both waves.\n"
    );
    let _ = writeln!(
        out,
        "| Theme | {} | {} | Change | Effect (r) | p (Holm) | Result |\n|---|---:|---:|---:|---:|---:|---|",
        cell(&capitalised(&first)),
        cell(&capitalised(&last))
    );
    for c in &changes {
        let (Some(a), Some(b)) = (row_of(&first, &c.theme), row_of(&last, &c.theme)) else {
            continue;
        };
        let size = c.effect_size.map(|e| e.name()).unwrap_or_default();
        let result = match c.direction {
            Direction::Improved | Direction::Declined => {
                format!("**{} ({size})**", capitalised(c.direction.name()))
            }
            Direction::NoClearChange => format!("No clear change ({size})"),
            other => capitalised(other.name()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&c.theme),
            mean_ci(a),
            mean_ci(b),
            c.change.map_or("\u{2013}".into(), |x| format!("{x:+.2}")),
            two(c.effect),
            p_text(c.p_holm),
            result
        );
    }
    let _ = writeln!(out);
    for c in &changes {
        let _ = writeln!(
            out,
            "- **{}** \u{2014} {}",
            cell(&c.theme),
            cell(&change_sentence(c, &s.scale))
        );
        let caution = caution_words(&c.cautions);
        if !caution.is_empty() {
            let _ = writeln!(out, "  *Caution: {}.*", cell(&caution));
        }
    }
    let _ = writeln!(out);
    let statements: Vec<&ChangeRow> = s
        .changes
        .iter()
        .filter(|c| {
            c.level == Scope::Statement
                && c.to == last
                && matches!(c.direction, Direction::Improved | Direction::Declined)
        })
        .collect();
    if s.scale_assumed {
        let _ = writeln!(
            out,
            "No statement's change is judged: the files do not state the range of the ratings.\n"
        );
    } else if statements.is_empty() {
        let _ = writeln!(
            out,
            "No single statement changed beyond chance once adjusted for the {} statements tested (`tables/self_assessment_change.csv` has each one).\n",
            s.changes
                .iter()
                .filter(|c| c.level == Scope::Statement && c.to == last)
                .count()
        );
    } else {
        let _ = writeln!(
            out,
            "Statements that changed beyond chance (Holm-adjusted across all statements):\n"
        );
        for c in statements {
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                cell(&c.statement),
                cell(&c.theme),
                cell(&change_sentence(c, &s.scale))
            );
        }
        let _ = writeln!(out);
    }
}

fn standing(out: &mut String, s: &SelfAssessment) {
    let Some(last) = s.waves.iter().rev().find(|w| w.members > 0) else {
        return;
    };
    let mut ranked: Vec<_> = s
        .items
        .iter()
        .filter(|r| r.wave == last.name && r.rank.is_some())
        .collect();
    ranked.sort_by_key(|r| r.rank);
    // Strengths from the highest down, areas for development from the lowest up.
    let list = |kind: Standing, out: &mut String| {
        let chosen: Vec<_> = ranked.iter().filter(|r| r.standing == kind).collect();
        let chosen: Vec<_> = if kind == Standing::Strength {
            chosen
        } else {
            chosen.into_iter().rev().collect()
        };
        for r in chosen {
            let _ = writeln!(
                out,
                "  - {} ({}): mean {}, {} at or above",
                cell(&r.statement),
                cell(&r.theme),
                two(r.mean),
                r.at_least_percent
                    .map_or("\u{2013}".into(), |p| format!("{p:.0}%"))
            );
        }
    };
    let _ = writeln!(
        out,
        "### Strengths and areas for development ({})\n",
        last.name
    );
    let _ = writeln!(out, "- Strengths (highest mean ratings):");
    list(Standing::Strength, out);
    let _ = writeln!(out, "- Areas for development (lowest mean ratings):");
    list(Standing::Development, out);
    let _ = writeln!(out);
}

fn reliability(out: &mut String, s: &SelfAssessment) {
    let _ = writeln!(out, "### Reliability of the themes\n");
    let _ = writeln!(
        out,
        "Cronbach's alpha over the members who rated every statement of the theme (listwise; the pairwise alpha, which uses every pair of ratings, is in `tables/self_assessment_themes.csv`). About 0.7 or more suggests the statements measure one thing.\n"
    );
    let heads: Vec<String> = s
        .waves
        .iter()
        .map(|w| cell(&capitalised(&w.name)))
        .collect();
    let _ = writeln!(
        out,
        "| Theme | Statements | {} | Note |\n|---|---:|{}---|",
        heads.join(" | "),
        "---:|".repeat(heads.len())
    );
    for t in &s.themes {
        let rows: Vec<&ThemeRow> = s
            .waves
            .iter()
            .filter_map(|w| {
                s.theme_rows
                    .iter()
                    .find(|r| r.wave == w.name && &r.theme == t)
            })
            .collect();
        let Some(first) = rows.first() else { continue };
        let alphas: Vec<String> = rows
            .iter()
            .map(|r| match r.alpha_listwise {
                Some(a) => format!("{a:.2} (n = {})", r.alpha_members),
                None => "\u{2013}".into(),
            })
            .collect();
        let notes: Vec<String> = rows
            .iter()
            .filter(|r| !r.reliability.is_empty())
            .map(|r| format!("{}: {}", r.wave, reliability_words(&r.reliability)))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(t),
            first.statements,
            alphas.join(" | "),
            cell(&notes.join("; "))
        );
    }
    let _ = writeln!(out);
}

fn method(out: &mut String, s: &SelfAssessment) {
    if s.waves.len() < 2 {
        return;
    }
    let paired = s.changes.iter().any(|c| c.test == Test::SignedRank);
    let _ = writeln!(out, "### How change was tested\n");
    if paired {
        let _ = writeln!(
            out,
            "- Members in both waves are compared with themselves: a paired Wilcoxon signed-rank test on each member's change. Members whose score did not change (zero differences) are {ZERO_METHOD}; the table gives how many. The p-value is exact when no two changes tie in size (and at most 50 changed), otherwise from the normal approximation with the tie correction."
        );
    }
    if s.changes.iter().any(|c| c.test == Test::MannWhitney) {
        let _ = writeln!(
            out,
            "- Where members cannot be matched across waves, the two waves are compared as independent groups with the Mann-Whitney U test (exact for small groups without ties, else the normal approximation with tie and continuity corrections)."
        );
    }
    let _ = writeln!(
        out,
        "- Effect size: the rank-biserial correlation r, from \u{2212}1 (every member lower) to +1 (every member higher); below {EFFECT_SMALL} negligible, {EFFECT_SMALL} small, {EFFECT_MODERATE} moderate, {EFFECT_LARGE} or more large.\n- p-values are adjusted with Holm's method across the {} themes (and, separately, across all statements), so that testing many themes does not make chance changes look real. A change counts as beyond chance when the adjusted p is below {ALPHA_LEVEL}.\n- With fewer than {FEW_MEMBERS} members in both waves the result is marked indicative: a small group can show a real change as \"no clear change\".\n",
        s.themes.len(),
    );
}
