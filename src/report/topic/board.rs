//! The improvement board's page: the member-development section of the board's update
//! report, on one A4 page. Each topic the run has gets its heading and its first findings,
//! word for word as its committee document gives them (the same figures on the same bases),
//! and one chart carries a figure of each (`charts/board.rs`).

use super::covering::{findings, heading_of, Appendix};
use crate::report::document::{Block, Document, Figure, Numbering, Text};

/// Findings of each topic on the page.
const FINDINGS_PER_TOPIC: usize = 2;

/// The findings the board reads for a topic: for the sessions, the response rate and how they
/// were received (not the count of sheets); for attendance, coverage of all members and of the
/// levels; for the self-assessment, who took part and what changed.
fn chosen(topic: &str, found: Vec<Text>) -> Vec<Text> {
    let words = |t: &Text| t.iter().map(|s| s.text.as_str()).collect::<String>();
    let mut out: Vec<Text> = match topic {
        "evaluation" if found.len() > FINDINGS_PER_TOPIC => found.into_iter().skip(1).collect(),
        "attendance" => {
            let level = found
                .iter()
                .skip(1)
                .position(|t| words(t).contains(" level"))
                .map(|i| i + 1);
            let mut found = found;
            match level {
                Some(i) if i > 1 => {
                    let l = found.remove(i);
                    found.insert(1, l);
                    found
                }
                _ => found,
            }
        }
        _ => found,
    };
    out.truncate(FINDINGS_PER_TOPIC);
    out
}

/// The page; `chart` is the board chart's path, when it was drawn.
pub fn document(appendices: &[Appendix], chart: Option<&str>) -> Document {
    let mut doc = Document::new("Member development: update for the improvement board");
    let mut n = Numbering::new();
    n.section();
    for a in appendices {
        let found = findings(a.doc);
        if found.is_empty() {
            continue;
        }
        doc.heading(2, heading_of(a.topic, &a.doc.title));
        for text in chosen(a.topic, found) {
            doc.push(n.next(text));
        }
    }
    if let Some(path) = chart {
        doc.push(Block::Figure(Figure {
            path: path.to_string(),
            title: "Member development at a glance".into(),
            alt: String::new(),
            // The full width: the chart is drawn short enough for the page to hold it.
            width: 100,
        }));
    }
    doc
}
