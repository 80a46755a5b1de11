//! The committee paper the documents are for: the fields of the seed papers' committee
//! template (read from `[report]` in `evalboard.toml`) and which documents to write.

use serde::Deserialize;

/// Every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// The council, shown above each document's title.
    pub council: Option<String>,
    /// Title of the committee report the documents belong to.
    pub title: Option<String>,
    /// The meeting (committee, panel or board) the report goes to.
    pub committee: Option<String>,
    /// Date of the meeting, `YYYY-MM-DD`; written the UK way ("27 September 2016").
    pub meeting_date: Option<String>,
    /// Who the report is by (an officer or a service).
    pub author: Option<String>,
    /// How to contact the author (telephone, e-mail), for the covering report.
    pub contact: Option<String>,
    /// The strategic director approving submission of the report.
    pub director: Option<String>,
    /// Whether the report is a key decision included on the Forward Plan.
    pub key_decision: Option<bool>,
    /// The wards affected ("All").
    pub wards: Option<String>,
    /// Whether the report is exempt from the press and public.
    pub exempt: Option<bool>,
    /// The recommendations, each a sentence ("That the Panel comments on ...").
    #[serde(default)]
    pub recommendations: Vec<String>,
    /// The background papers ("Nil").
    pub background_papers: Option<String>,
    /// The training cycle the run reports (`2025-26`), recorded in the tidy table and the
    /// manifest so that later cycles can be compared with it. Default: the input folder's
    /// name.
    pub cycle: Option<String>,
    /// Which documents to write, of those the input has material for. Default: all of
    /// `evaluation`, `attendance`, `self_assessment` and `technical_annex`.
    pub documents: Option<Vec<String>>,
}

impl Paper {
    /// Whether the document `name` is to be written.
    pub fn writes(&self, name: &str) -> bool {
        self.documents
            .as_ref()
            .is_none_or(|d| d.iter().any(|x| x == name))
    }
}
