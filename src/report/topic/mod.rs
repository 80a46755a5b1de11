//! The topic documents: what a committee reads about one kind of evidence, in plain English,
//! built as a typed [`Document`](super::document::Document) from the results. Statistics,
//! data quality, file names and settings belong to the technical annex, never here.

pub mod attendance;
pub mod evaluation;
pub mod self_assessment;
mod words;
