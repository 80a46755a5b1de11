//! Free text in the report: the themes, keywords, quotes and uncoded-comments tables and the
//! briefing's section organised by theme. Everything here is already redacted.

use super::tables::{after, masked, table, Tabular};
use super::write::markdown::escape as cell;
use crate::model::plural;
use crate::model::{Evaluation, NO_THEME};
use std::fmt::Write;

/// Uncoded comments listed per question in the briefing; all are in the table.
const UNCODED_SHOWN: usize = 30;

/// Path of the themes chart, without extension.
pub const CHART_PATH: &str = "charts/free_text_themes";

pub fn themes_csv(e: &Evaluation) -> Tabular {
    masked(&Default::default(), after(&e.themes, |t| t.suppressed, 3))
}

pub fn keywords_csv(e: &Evaluation) -> Tabular {
    table(&e.keywords)
}

pub fn quotes_csv(e: &Evaluation) -> Vec<u8> {
    super::tables::csv_of(&e.quotes)
}

pub fn uncoded_csv(e: &Evaluation) -> Vec<u8> {
    super::tables::csv_of(&e.uncoded)
}

/// The briefing's free-text section: per question, its themes with respondents and share,
/// a few quotes under each, distinctive words, and the comments no theme fits.
pub fn section(out: &mut String, e: &Evaluation, chart: bool) {
    let questions: Vec<&str> = e.survey.free_text().map(|q| q.label.as_str()).collect();
    if questions.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Free-text answers\n");
    let _ = writeln!(
        out,
        "Comments are grouped into themes by a codebook of words and phrases (each matched with its plurals and verb endings, never another word of its family; a comment can carry several themes, so shares add up to more than 100%). {} Every comment is in `tables/free_text.csv`; those no theme fits are in `tables/uncoded_comments.csv`.\n",
        match (e.redaction, e.redacted) {
            (false, _) => "**Redaction is switched off (`redact = false`): comments are shown as written, and may name people or give contact details.**".to_string(),
            (true, 0) => "E-mail addresses, phone numbers, postcodes and listed names would be replaced by a marker; none were found.".to_string(),
            (true, n) => format!(
                "E-mail addresses, phone numbers, postcodes and listed names are replaced by a marker ({} changed).",
                plural(n, "comment", "comments")
            ),
        }
    );
    if chart {
        let _ = writeln!(
            out,
            "![Themes of the free-text answers]({CHART_PATH}.png)\n\n(also as [SVG]({CHART_PATH}.svg))\n"
        );
    }
    for q in questions {
        let themes: Vec<_> = e
            .themes
            .iter()
            .filter(|t| t.group == crate::model::col::OVERALL && t.question == q)
            .collect();
        // The comments written, whether or not themes could be given for them (a question
        // with too few comments to protect has none).
        let written = e.free_text.iter().filter(|a| &*a.question == q).count() as u64;
        let answered = themes.first().map_or(0, |t| t.answered).max(written);
        let _ = writeln!(
            out,
            "### {} ({})\n",
            cell(q),
            plural(answered, "answer", "answers")
        );
        if answered == 0 {
            let _ = writeln!(out, "No answers.\n");
            continue;
        }
        if themes.is_empty() {
            let _ = writeln!(
                out,
                "Not grouped into themes: too few comments to publish a breakdown. Every comment is in `tables/free_text.csv`.\n"
            );
            continue;
        }
        let words: Vec<String> = e
            .keywords
            .iter()
            .filter(|k| k.question == q && k.respondents >= 2)
            .map(|k| cell(&k.term))
            .collect();
        if !words.is_empty() {
            let _ = writeln!(
                out,
                "Distinctive words (used by two or more; all in `tables/keywords.csv`): {}.\n",
                words.join(", ")
            );
        }
        let _ = writeln!(out, "| Theme | Respondents | Share |\n|:--|--:|--:|");
        for t in &themes {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&t.theme),
                crate::model::count(t.respondents),
                t.share.map(|s| format!("{s:.0}%")).unwrap_or_default()
            );
        }
        let _ = writeln!(out);
        for t in themes.iter().filter(|t| t.theme != NO_THEME) {
            let quotes: Vec<_> = e
                .quotes
                .iter()
                .filter(|x| x.question == q && x.theme == t.theme)
                .collect();
            if quotes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{}**\n", cell(&t.theme));
            for x in quotes {
                let _ = writeln!(out, "> \u{201c}{}\u{201d}\n", cell(&x.text));
            }
        }
        let uncoded: Vec<_> = e.uncoded.iter().filter(|a| &*a.question == q).collect();
        if !uncoded.is_empty() {
            let _ = writeln!(
                out,
                "**Comments no theme fits ({})**\n",
                crate::model::count(uncoded.len() as u64)
            );
            for a in uncoded.iter().take(UNCODED_SHOWN) {
                let _ = writeln!(out, "- {}", cell(&a.text));
            }
            if uncoded.len() > UNCODED_SHOWN {
                let _ = writeln!(
                    out,
                    "- \u{2026} and {} more in `tables/uncoded_comments.csv`.",
                    crate::model::count((uncoded.len() - UNCODED_SHOWN) as u64)
                );
            }
            let _ = writeln!(out);
        }
    }
}
