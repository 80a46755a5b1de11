//! The `[report]` table of `evalboard.toml`: the committee paper the documents are for (the
//! fields of the seed papers' template) and which documents to write. Every key is optional.

/// The names of the committee documents, as `documents` lists them.
pub const DOCUMENTS: [&str; 6] = [
    "report",
    "board",
    "evaluation",
    "attendance",
    "self_assessment",
    "technical_annex",
];

/// The settings, as the report reads them.
pub use crate::model::Paper as ReportDef;

impl ReportDef {
    /// What is wrong with the settings, one message each.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(d) = &self.meeting_date {
            if !is_iso_date(d) {
                out.push(format!(
                    "[report] meeting_date '{d}' is not a date written YYYY-MM-DD (for example \"2016-09-27\")"
                ));
            }
        }
        for name in self.documents.iter().flatten() {
            if !DOCUMENTS.contains(&name.as_str()) {
                out.push(format!(
                    "[report] documents names '{name}', which is not a document (known: {})",
                    DOCUMENTS.join(", ")
                ));
            }
        }
        out
    }
}

fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let ok = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if !(ok(y, 4) && ok(m, 2) && ok(d, 2)) {
        return false;
    }
    let (m, d): (u32, u32) = (m.parse().unwrap_or(0), d.parse().unwrap_or(0));
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::ReportDef;

    #[test]
    fn dates_and_document_names_are_checked() {
        let r = ReportDef {
            meeting_date: Some("27/09/2016".into()),
            documents: Some(vec!["evaluation".into(), "annex".into()]),
            ..Default::default()
        };
        let p = r.problems();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("YYYY-MM-DD"));
        assert!(p[1].contains("'annex'"));
        assert!(r.writes("evaluation") && !r.writes("attendance"));
        assert!(ReportDef::default().writes("attendance"));
        let ok = ReportDef {
            meeting_date: Some("2016-09-27".into()),
            ..Default::default()
        };
        assert!(ok.problems().is_empty());
    }
}
