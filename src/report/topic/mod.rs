//! The topic documents: what a committee reads about one kind of evidence, in plain English,
//! built as a typed [`Document`](super::document::Document) from the results. Statistics,
//! data quality, file names and settings belong to the technical annex, never here.

pub mod annex;
pub mod attendance;
pub mod board;
pub mod covering;
pub mod evaluation;
pub mod self_assessment;
pub(super) mod words;

use super::document::Document;
use crate::model::Paper;

/// The committee template's title block, in its order (council, title of report, meeting,
/// meeting date, report by), before the document's own details; the fields not set are left
/// out.
pub fn title_block(doc: &mut Document, paper: &Paper) {
    let fields = [
        ("Council", paper.council.clone()),
        ("Title of report", paper.title.clone()),
        ("Meeting", paper.committee.clone()),
        (
            "Meeting date",
            paper.meeting_date.as_deref().map(words::uk_dates),
        ),
        ("Report by", paper.author.clone()),
    ];
    let block: Vec<(String, String)> = fields
        .into_iter()
        .filter_map(|(label, value)| Some((label.to_string(), value?)))
        .collect();
    doc.details.splice(0..0, block);
}
