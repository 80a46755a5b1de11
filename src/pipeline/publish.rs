//! Names taken from the input are published like answers: redacted. Session names, file and
//! sheet names, question headers and grid titles can hold a name, e-mail or phone number as
//! easily as a comment can; the options of choice questions are the form's words, and lose
//! contact details (and, when they read as sentences, names). Each kind of name is renamed as a whole, so that
//! two different names never become one (a numeral tells them apart) and every table that
//! joins on a name still joins. What was written stays on the terminal and in `internal/`.

use crate::frame::text_column;
use crate::model::{col, Attendance, Diagnostic, ScaleKind, SelfAssessment, Survey};
use crate::normalise::Normalised;
use crate::text::Redactor;
use polars::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

/// The published form of each name of one kind that redaction changes.
#[derive(Debug, Default)]
pub struct Names {
    changed: HashMap<String, String>,
}

impl Names {
    /// Names left as written keep their name; each changed one takes its redacted form, with
    /// ` (2)`, ` (3)`... when that is already taken. Sorted first, so the numbering does not
    /// depend on the order the names were met in.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>, r: &Redactor) -> Names {
        Names::with(names, |name| r.redact_label(name))
    }

    /// As [`Names::new`], with `redact` saying how each name is published.
    pub fn with<'a>(
        names: impl IntoIterator<Item = &'a str>,
        redact: impl for<'n> Fn(&'n str) -> Cow<'n, str>,
    ) -> Names {
        let names: BTreeSet<&str> = names.into_iter().collect();
        let mut taken: HashSet<String> = HashSet::new();
        let mut changed = Vec::new();
        for name in names {
            match redact(name) {
                Cow::Owned(published) if published != name => changed.push((name, published)),
                _ => {
                    taken.insert(name.to_string());
                }
            }
        }
        let mut out = HashMap::default();
        for (name, published) in changed {
            let mut unique = published.clone();
            let mut k = 2;
            while taken.contains(&unique) {
                unique = format!("{published} ({k})");
                k += 1;
            }
            taken.insert(unique.clone());
            out.insert(name.to_string(), unique);
        }
        Names { changed: out }
    }

    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
    }

    /// The published form of `name`.
    pub fn get<'a>(&'a self, name: &'a str) -> &'a str {
        self.changed.get(name).map_or(name, String::as_str)
    }

    /// Replaces `name` by its published form; returns what was written if it changed.
    pub fn apply(&self, name: &mut String) -> Option<String> {
        let published = self.changed.get(name.as_str())?;
        Some(std::mem::replace(name, published.clone()))
    }

    /// Replaces every value of the text column `name` of `df` by its published form.
    pub fn apply_column(&self, df: &mut DataFrame, name: &str) -> PolarsResult<()> {
        if self.is_empty() {
            return Ok(());
        }
        let values = df.column(name)?.str()?;
        let column = text_column(name, values.iter().map(|v| v.map(|v| self.get(v))))?;
        df.with_column(column.into_column())?;
        Ok(())
    }
}

/// The names of one run, by kind, settled before the first tidy row is published.
pub struct RunNames {
    files: Names,
    sheets: Names,
    sessions: Names,
    questions: Names,
    groups: Names,
    categories: Names,
    /// Every file and sheet name the names were settled from, to check that no later finding
    /// names another.
    known: (HashSet<String>, HashSet<String>),
}

impl RunNames {
    /// The published names of the files and sheets (those read, those passed over, those any
    /// finding names), the sessions and the survey's questions, grid titles and categories.
    pub fn new<'a>(
        files: impl IntoIterator<Item = &'a str>,
        sheets: impl IntoIterator<Item = &'a str>,
        sessions: impl IntoIterator<Item = &'a str>,
        survey: &Survey,
        r: &Redactor,
    ) -> RunNames {
        let files: Vec<&str> = files.into_iter().collect();
        let sheets: Vec<&str> = sheets.into_iter().collect();
        let categories: Vec<&str> = survey
            .scales
            .iter()
            .filter(|s| s.kind == ScaleKind::Categories)
            .flat_map(|s| s.options.iter().map(|o| o.label.as_str()))
            .collect();
        RunNames {
            files: Names::new(files.iter().copied(), r),
            sheets: Names::new(sheets.iter().copied(), r),
            sessions: Names::new(sessions, r),
            questions: Names::new(survey.questions.iter().map(|q| q.label.as_str()), r),
            groups: Names::new(
                survey.questions.iter().filter_map(|q| q.group.as_deref()),
                r,
            ),
            // The options of choice questions are the form's words (see
            // `Redactor::redact_option`).
            categories: Names::with(categories, |o| r.redact_option(o)),
            known: (
                files.iter().map(|f| f.to_string()).collect(),
                sheets.iter().map(|s| s.to_string()).collect(),
            ),
        }
    }

    /// Replaces the names in some rows of the tidy table by their published forms.
    pub fn tidy(&self, df: &mut DataFrame) -> PolarsResult<()> {
        for (column, names) in [
            (col::FILE, &self.files),
            (col::SHEET, &self.sheets),
            (col::SESSION, &self.sessions),
            (col::QUESTION, &self.questions),
            (col::OPTION, &self.categories),
        ] {
            names.apply_column(df, column)?;
        }
        Ok(())
    }

    /// Replaces a file's name by its published form; returns what was written if it changed.
    /// A name not met when the names were settled (a debug build stops on one, see [`names`])
    /// is still published redacted, on its own.
    fn file(&self, name: &mut String, r: &Redactor) -> Option<String> {
        publish(&self.files, &self.known.0, name, r)
    }

    /// As [`RunNames::file`], for a sheet's name.
    fn sheet(&self, name: &mut String, r: &Redactor) -> Option<String> {
        publish(&self.sheets, &self.known.1, name, r)
    }

    /// The survey with its names published.
    pub fn survey(&self, survey: &mut Survey, r: &Redactor) {
        for q in &mut survey.questions {
            self.questions.apply(&mut q.label);
            if let Some(g) = &mut q.group {
                self.groups.apply(g);
            }
        }
        for s in &mut survey.scales {
            s.name = r.redact_label(&s.name).into_owned();
            if s.kind == ScaleKind::Categories {
                for o in &mut s.options {
                    self.categories.apply(&mut o.label);
                }
            }
        }
    }
}

/// A file's or sheet's published name (see [`RunNames::file`]).
fn publish(
    names: &Names,
    known: &HashSet<String>,
    name: &mut String,
    r: &Redactor,
) -> Option<String> {
    if known.contains(name.as_str()) {
        return names.apply(name);
    }
    match r.redact_label(name) {
        Cow::Owned(published) if published != *name => Some(std::mem::replace(name, published)),
        _ => None,
    }
}

/// Redacts every name the run publishes besides the tidy rows' (see [`RunNames::tidy`]): in
/// the survey, the sessions, the file accounts, the findings and the attendance and
/// self-assessment results. A finding whose place changed keeps the place as written in its
/// internal message.
pub fn names(
    norm: &mut Normalised,
    attendance: Option<&mut Attendance>,
    self_assessment: Option<&mut SelfAssessment>,
    n: &RunNames,
    r: &Redactor,
) {
    // Every name published here was known when the names were settled: otherwise two
    // names could have become one.
    debug_assert!(norm
        .files
        .iter()
        .map(|f| f.file.as_str())
        .chain(norm.diagnostics.iter().map(|d| d.file.as_str()))
        .all(|f| n.known.0.contains(f)));
    debug_assert!(norm
        .files
        .iter()
        .filter_map(|f| f.sheet.as_deref())
        .chain(norm.diagnostics.iter().filter_map(|d| d.sheet.as_deref()))
        .all(|s| n.known.1.contains(s)));
    n.survey(&mut norm.survey, r);
    norm.sessions = rekey(std::mem::take(&mut norm.sessions), &n.sessions);
    norm.tallied = rekey(std::mem::take(&mut norm.tallied), &n.sessions);
    for f in &mut norm.files {
        n.file(&mut f.file, r);
        if let Some(s) = &mut f.sheet {
            n.sheet(s, r);
        }
    }
    for u in &mut norm.unmatched {
        n.file(&mut u.file, r);
        n.sheet(&mut u.sheet, r);
        n.questions.apply(&mut u.question);
        u.column = r.redact_label(&u.column).into_owned();
        u.scale = r.redact_label(&u.scale).into_owned();
    }
    for d in &mut norm.diagnostics {
        place(d, n, r);
    }
    if let Some(a) = attendance {
        n.file(&mut a.roster_file, r);
        for f in &mut a.files {
            n.file(&mut f.file, r);
        }
        let sessions = Names::new(a.sessions.iter().map(|s| s.session.as_str()), r);
        for s in &mut a.sessions {
            sessions.apply(&mut s.session);
        }
    }
    if let Some(s) = self_assessment {
        for f in &mut s.files {
            n.file(&mut f.file, r);
        }
        for w in &mut s.waves {
            for f in &mut w.files {
                n.file(f, r);
            }
        }
    }
}

/// The published place of a finding; the place as written joins its internal message.
fn place(d: &mut Diagnostic, n: &RunNames, r: &Redactor) {
    let mut written = Vec::new();
    if let Some(file) = n.file(&mut d.file, r) {
        written.push(format!("file '{file}'"));
    }
    if let Some(sheet) = d.sheet.as_mut().and_then(|s| n.sheet(s, r)) {
        written.push(format!("sheet '{sheet}'"));
    }
    if let Some(column) = &mut d.column {
        let published = r.redact_label(column).into_owned();
        if published != *column {
            written.push(format!("column {column}"));
            *column = published;
        }
    }
    if !written.is_empty() {
        let full = d.internal.take().unwrap_or_else(|| d.message.clone());
        d.internal = Some(format!("{full} (as written: {})", written.join(", ")));
    }
}

fn rekey(
    map: std::collections::BTreeMap<String, u64>,
    names: &Names,
) -> std::collections::BTreeMap<String, u64> {
    map.into_iter()
        .map(|(k, v)| (names.get(&k).to_string(), v))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Names;
    use crate::text::Redactor;

    #[test]
    fn two_names_never_become_one() {
        let names = Names::new(
            [
                "Ring 07700 900456",
                "Ring 07700 900457",
                "Ring [phone]",
                "Plain",
            ],
            &Redactor::new(&[], false),
        );
        // The name already written "Ring [phone]" keeps it; the two redacted ones are told
        // apart in sorted order.
        assert_eq!(names.get("Ring [phone]"), "Ring [phone]");
        assert_eq!(names.get("Ring 07700 900456"), "Ring [phone] (2)");
        assert_eq!(names.get("Ring 07700 900457"), "Ring [phone] (3)");
        assert_eq!(names.get("Plain"), "Plain");
    }
}
