//! The covering report: the committee-report template the seed papers share, filled from
//! `[report]` and from the topic documents, which follow it as its appendices. Its front sheet
//! (meeting, title, key decision, approving director, author and contact, wards, summary,
//! recommendations, list of appendices, background papers, exempt or not), then numbered
//! sections: 1 Recommendations, 2 Background, 3 Key issues (each topic's findings, as its
//! appendix gives them), 4 Appendices. A field `[report]` does not give is shown as
//! "[to fill in]", and every such field is listed once, at the top, with the setting that
//! fills it.

use super::words::uk_dates;
use crate::model::Paper;
use crate::report::document::{plain, strong, Block, Document, Numbering, Text};

/// What a field not given shows.
pub const TO_FILL_IN: &str = "[to fill in]";

/// One topic document as an appendix: its number and title, and its summary findings.
pub struct Appendix<'a> {
    /// `evaluation`, `attendance` or `self_assessment`.
    pub topic: &'a str,
    pub label: String,
    pub doc: &'a Document,
}

/// The appendix label the seed papers use: "Appendix 1 – Summary of evaluation sheets...".
pub fn appendix_label(number: usize, title: &str) -> String {
    format!("Appendix {number} \u{2013} {title}")
}

/// The numbered findings under a document's "Summary" heading, as written there.
pub(super) fn findings(doc: &Document) -> Vec<Text> {
    let mut out = Vec::new();
    let mut in_summary = false;
    for b in &doc.blocks {
        match b {
            Block::Heading(2, h) => in_summary = h == "Summary",
            Block::Numbered(_, text) if in_summary => out.push(text.clone()),
            _ => {}
        }
    }
    out
}

/// The covering report, its appendices in the order given.
/// `threshold` is the small-number threshold the figures were protected with.
pub fn document(paper: &Paper, appendices: &[Appendix], threshold: u64) -> Document {
    let title = paper
        .title
        .clone()
        .unwrap_or_else(|| "Member training: evaluation, attendance and self-assessment".into());
    let mut doc = Document::new(title.clone());
    let given = |v: &Option<String>| v.clone().unwrap_or_else(|| TO_FILL_IN.to_string());
    let yes_no = |v: Option<bool>| match v {
        Some(true) => "Yes".to_string(),
        Some(false) => "No".to_string(),
        None => TO_FILL_IN.to_string(),
    };
    let meeting = match (&paper.committee, &paper.meeting_date) {
        (Some(c), Some(d)) => format!("{c} \u{2013} {}", uk_dates(d)),
        (Some(c), None) => format!("{c} \u{2013} {TO_FILL_IN}"),
        (None, Some(d)) => format!("{TO_FILL_IN} \u{2013} {}", uk_dates(d)),
        (None, None) => TO_FILL_IN.to_string(),
    };
    let author = match (&paper.author, &paper.contact) {
        (Some(a), Some(c)) => format!("{a}, {c}"),
        (Some(a), None) => format!("{a}, {TO_FILL_IN} (contact)"),
        (None, Some(c)) => format!("{TO_FILL_IN}, {c}"),
        (None, None) => TO_FILL_IN.to_string(),
    };
    // What the settings do not give, in one visible place.
    let mut missing: Vec<&str> = Vec::new();
    let mut need = |absent: bool, what: &'static str| {
        if absent {
            missing.push(what);
        }
    };
    need(paper.committee.is_none(), "committee");
    need(paper.meeting_date.is_none(), "meeting_date");
    need(paper.title.is_none(), "title");
    need(paper.key_decision.is_none(), "key_decision");
    need(paper.director.is_none(), "director");
    need(paper.author.is_none(), "author");
    need(paper.contact.is_none(), "contact");
    need(paper.wards.is_none(), "wards");
    need(paper.recommendations.is_empty(), "recommendations");
    need(paper.background_papers.is_none(), "background_papers");
    need(paper.exempt.is_none(), "exempt");
    if !missing.is_empty() {
        doc.paragraph(vec![
            strong("Before this report goes out: "),
            plain(format!(
                "fill in each field marked {TO_FILL_IN}, or set it under [report] in evalboard.toml ({}) and run again.",
                missing.join(", ")
            )),
        ]);
    }
    if let Some(c) = &paper.council {
        doc.details.push(("Council".into(), c.clone()));
    }
    doc.details.push(("Meeting".into(), meeting));
    doc.details.push(("Title".into(), title.clone()));
    doc.details.push((
        "Key decision included on the Forward Plan".into(),
        yes_no(paper.key_decision),
    ));
    doc.details.push((
        "Strategic Director approving submission of the report".into(),
        given(&paper.director),
    ));
    doc.details.push(("Report author".into(), author));
    doc.details
        .push(("Ward(s) affected".into(), given(&paper.wards)));
    doc.details.push((
        "Exempt from the press and public".into(),
        yes_no(paper.exempt),
    ));

    doc.heading(2, "Summary");
    let topics: Vec<String> = appendices
        .iter()
        .filter_map(|a| topic_words(a.topic))
        .collect();
    doc.paragraph(vec![plain(format!(
        "This report gives an overview of member development activity: {}.",
        joined(&topics)
    ))]);
    doc.heading(2, "Recommendations");
    recommendations(&mut doc, paper, None);
    doc.heading(2, "List of appendices included");
    doc.push(Block::Bullets(
        appendices
            .iter()
            .map(|a| vec![plain(a.label.clone())])
            .collect(),
    ));
    doc.heading(2, "Background papers");
    doc.paragraph(vec![plain(given(&paper.background_papers))]);

    let mut n = Numbering::new();
    let section = n.section();
    doc.heading(2, format!("{section} Recommendations"));
    recommendations(&mut doc, paper, Some(&mut n));
    let section = n.section();
    doc.heading(2, format!("{section} Background"));
    doc.push(n.next(vec![plain(format!(
        "The figures in this report are drawn from {}, and are set out in full in the appendices.{}",
        joined(&topics),
        if threshold > 1 {
            format!(" Groups of fewer than {threshold} people are not broken down, so that no figure points at one person.")
        } else {
            String::new()
        }
    ))]));
    let section = n.section();
    doc.heading(2, format!("{section} Key issues"));
    for a in appendices {
        let found = findings(a.doc);
        if found.is_empty() {
            continue;
        }
        doc.heading(3, heading_of(a.topic, &a.doc.title));
        let number = a.label.split(" \u{2013} ").next().unwrap_or(&a.label);
        for (i, mut text) in found.into_iter().enumerate() {
            // "in the appendix" of a topic document is, here, that document.
            for span in text.iter_mut() {
                if span.text.contains("in the appendix") {
                    span.text = span
                        .text
                        .replace("in the appendix", &format!("in {number}"));
                }
            }
            if i == 0 {
                // "(see Appendix 1)" inside the sentence's full stop.
                let stop = text.last().is_some_and(|s| s.text.ends_with('.'));
                if let Some(last) = text.last_mut().filter(|_| stop) {
                    last.text.pop();
                }
                text.push(plain(format!(
                    " (see {number}){}",
                    if stop { "." } else { "" }
                )));
            }
            doc.push(n.next(text));
        }
    }
    let section = n.section();
    doc.heading(2, format!("{section} Appendices"));
    for a in appendices {
        doc.push(n.next(vec![plain(a.label.clone())]));
    }
    doc
}

fn recommendations(doc: &mut Document, paper: &Paper, numbering: Option<&mut Numbering>) {
    let items: Vec<String> = if paper.recommendations.is_empty() {
        vec![format!("{TO_FILL_IN} (set recommendations under [report])")]
    } else {
        paper.recommendations.clone()
    };
    match numbering {
        Some(n) => {
            for r in items {
                doc.push(n.next(vec![plain(r)]));
            }
        }
        None => {
            for (i, r) in items.into_iter().enumerate() {
                doc.paragraph(vec![plain(format!("{}. {r}", i + 1))]);
            }
        }
    }
}

/// What a topic document covers, in the summary's words.
fn topic_words(topic: &str) -> Option<String> {
    match topic {
        "evaluation" => Some("the evaluation sheets returned after the training sessions".into()),
        "attendance" => Some("the attendance records of the training sessions".into()),
        "self_assessment" => Some("members' self-assessments".into()),
        _ => None,
    }
}

/// The key-issues heading for a topic document.
pub(super) fn heading_of(topic: &str, title: &str) -> String {
    match topic {
        "evaluation" => "How the sessions were received".into(),
        "attendance" => "Attendance and coverage".into(),
        "self_assessment" => "What changed since the baseline".into(),
        _ => title.to_string(),
    }
}

fn joined(items: &[String]) -> String {
    if items.is_empty() {
        "the training records".into()
    } else {
        crate::model::and_list(items)
    }
}
