//! Applying a survey definition to the files: the survey (questions with their kinds and
//! scales) and each sheet's layout. Where the definition and the files disagree, the run
//! stops with an error naming the definition's line and the fix (a question matching no
//! column, two questions matching one column, an unconfirmed scale); a column the definition
//! does not mention is reported and left out.

use super::columns::{self, Meta, Role};
use super::layout::{Layout, TallyLayout};
use crate::config::definition::{Definition, QuestionDef, QuestionType};
use crate::config::Loaded;
use crate::error::DefinitionError;
use crate::ingest::{SheetData, SourceFile};
use crate::model::{
    column_letter, label_key, Check, Diagnostic, Question, QuestionKind, Scale, ScaleKind,
    ScaleOption, Severity, Survey,
};
use std::collections::HashMap;

pub struct Resolved {
    pub survey: Survey,
    /// One per source; `None` for a file that could not be read or failed here.
    pub layouts: Vec<Option<Layout>>,
    /// One per source: why a file that was read cannot be used (two question columns with the
    /// same header), failing that file alone.
    pub failed: Vec<Option<String>>,
    /// Columns the definition does not mention, option columns it does not list.
    pub warnings: Vec<Diagnostic>,
}

pub fn resolve(loaded: &Loaded, sources: &[SourceFile]) -> Result<Resolved, DefinitionError> {
    let d = &loaded.definition;
    let survey = survey(loaded)?;
    let mut warnings = assumed_directions(loaded, &survey);
    let mut matched = vec![false; d.questions.len()];
    let mut layouts = Vec::with_capacity(sources.len());
    let mut failed: Vec<Option<String>> = vec![None; sources.len()];
    for (n, source) in sources.iter().enumerate() {
        let Ok(sheet) = &source.content else {
            layouts.push(None);
            continue;
        };
        // A problem of one file fails that file alone.
        if let Some(why) = duplicate_question_header(d, sheet) {
            failed[n] = Some(why);
            layouts.push(None);
            continue;
        }
        let layout = match columns::tally(&sheet.headers) {
            Some(t) => tally_layout(loaded, &source.name, sheet, t, &mut matched)?,
            None => response_layout(
                loaded,
                &source.name,
                sheet,
                &survey,
                &mut matched,
                &mut warnings,
            )?,
        };
        layouts.push(Some(layout));
    }
    let readable = layouts.iter().any(Option::is_some);
    // A question whose column is only in a file that failed is not the definition's fault.
    let in_failed = |q: &QuestionDef| {
        sources.iter().zip(&failed).any(|(s, f)| {
            f.is_some()
                && s.content
                    .as_ref()
                    .is_ok_and(|sheet| sheet.headers.iter().any(|h| q.matches(h)))
        })
    };
    // An inferred question was read from a column: one a run cannot place is left out, never
    // a reason to refuse the run.
    let unmatched: Vec<usize> = (0..matched.len())
        .filter(|&i| {
            let q = d.questions[i].get_ref();
            !matched[i] && readable && !in_failed(q) && !q.inferred
        })
        .collect();
    if !unmatched.is_empty() {
        let mut headers: Vec<String> = Vec::new();
        for s in sources.iter().filter_map(|s| s.content.as_ref().ok()) {
            for h in &s.headers {
                if !h.is_empty() && !headers.contains(h) {
                    headers.push(h.clone());
                }
            }
        }
        let shown: Vec<String> = headers.iter().take(12).map(|h| format!("'{h}'")).collect();
        DefinitionError::all(
            unmatched
                .iter()
                .map(|&i| {
                    let q = &d.questions[i];
                    loaded.error(
                        loaded.line_of(q),
                        format!(
                            "question '{}' ({}) matches no column in any file; fix its header to one of the headers found ({}{}) or remove the question",
                            q.get_ref().id,
                            q.get_ref().matcher_text(),
                            shown.join(", "),
                            if headers.len() > 12 { ", ..." } else { "" }
                        ),
                    )
                })
                .collect(),
        )?;
    }
    Ok(Resolved {
        survey,
        layouts,
        failed,
        warnings,
    })
}

/// A warning for each scale whose range or direction was assumed (numbers read on a standard
/// range, with the higher number taken as the more favourable): its questions are counted but
/// never headlined until a definition confirms the scale.
fn assumed_directions(loaded: &Loaded, survey: &Survey) -> Vec<Diagnostic> {
    let mut by_scale: Vec<(usize, Vec<&Question>)> = Vec::new();
    for q in &survey.questions {
        let QuestionKind::Likert { scale } = q.kind else {
            continue;
        };
        if survey.scales[scale].confirmed {
            continue;
        }
        match by_scale.iter_mut().find(|(s, _)| *s == scale) {
            Some((_, qs)) => qs.push(q),
            None => by_scale.push((scale, vec![q])),
        }
    }
    by_scale
        .into_iter()
        .map(|(s, qs)| {
            let scale = &survey.scales[s];
            let what = match (scale.kind, scale.code_range()) {
                (ScaleKind::Codes, Some((lo, hi))) => {
                    let best = scale.options.first().and_then(|o| o.code).unwrap_or(hi);
                    format!("numbers read on a scale from {lo} to {hi} with {best} the most favourable, both assumed (the form does not say)")
                }
                _ => format!("answers read on the scale '{}', whose order is assumed", scale.name),
            };
            let questions = if qs.len() == 1 {
                "this question's answers are".to_string()
            } else {
                format!("the answers to {} questions are", qs.len())
            };
            Diagnostic::new(Severity::Warning, "evalboard.toml", format!(
                "{questions} {what}: counted, but no finding is drawn from them; run `evalboard init`, correct the scale and set confirmed = true"
            ))
            // The column as the export heads it (the label may be its header in words).
            .column(header_of(loaded, qs[0]))
            .check(Check::AssumedScale)
        })
        .collect()
}

/// A question's header as the export writes it, else its label.
fn header_of(loaded: &Loaded, q: &Question) -> String {
    loaded
        .definition
        .questions
        .iter()
        .map(|d| d.get_ref())
        .find(|d| d.id == q.id)
        .and_then(|d| d.header.clone())
        .unwrap_or_else(|| q.label.clone())
}

/// Two question columns of one sheet with the same header: which one holds the answers cannot
/// be told, so the file is left out with a message naming both columns.
fn duplicate_question_header(d: &Definition, sheet: &SheetData) -> Option<String> {
    if columns::tally(&sheet.headers).is_some() {
        return None;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, h) in sheet.headers.iter().enumerate() {
        if h.is_empty() || meta_role(d, h).is_some() {
            continue;
        }
        if let Some(first) = seen.insert(label_key(h), i) {
            return Some(format!(
                "columns {} and {} both have the header '{h}': which holds the answers cannot be told, so the file is left out; rename one of them in the export",
                column_letter(sheet.first_column + first),
                column_letter(sheet.first_column + i)
            ));
        }
    }
    None
}

/// The survey the definition describes: its questions in order, each with its scale.
fn survey(loaded: &Loaded) -> Result<Survey, DefinitionError> {
    let d = &loaded.definition;
    let library = d.scale_library();
    let mut scales: Vec<Scale> = library.iter().map(|(s, _)| s.clone()).collect();
    let mut questions = Vec::with_capacity(d.questions.len());
    let mut problems: Vec<DefinitionError> = Vec::new();
    for q in &d.questions {
        let def = q.get_ref();
        let kind = match def.kind {
            QuestionType::FreeText => QuestionKind::FreeText,
            QuestionType::MultiSelect => {
                let mut options = Scale::new(
                    &format!("{} options", def.id),
                    ScaleKind::Categories,
                    def.options
                        .iter()
                        .map(|o| ScaleOption {
                            label: o.clone(),
                            synonyms: Vec::new(),
                            sentiment: None,
                            code: None,
                            optional: false,
                        })
                        .collect(),
                );
                // A piece that is none of the options was written in under "Other".
                options.write_ins = true;
                scales.push(options);
                QuestionKind::MultiSelect {
                    scale: scales.len() - 1,
                }
            }
            QuestionType::Category => {
                let name = def.scale.as_deref().unwrap_or_default();
                let i = library
                    .iter()
                    .position(|(s, _)| label_key(&s.name) == label_key(name))
                    .unwrap_or(0);
                // Counted as categories whatever the scale says: no order is read from it.
                let mut categories = library[i].0.clone();
                categories.kind = ScaleKind::Categories;
                for o in &mut categories.options {
                    o.sentiment = o.sentiment.map(|_| 0);
                }
                scales.push(categories);
                QuestionKind::Category {
                    scale: scales.len() - 1,
                }
            }
            QuestionType::Scale => {
                let name = def.scale.as_deref().unwrap_or_default();
                // `check` has made sure the scale exists.
                let i = library
                    .iter()
                    .position(|(s, _)| label_key(&s.name) == label_key(name))
                    .unwrap_or(0);
                // A guessed order of words is refused until confirmed; numbers are counted,
                // with "higher is more favourable" stated as an assumption (see `warnings`).
                if !library[i].1 && library[i].0.kind != ScaleKind::Codes {
                    let line = d
                        .scales
                        .iter()
                        .find(|s| label_key(&s.get_ref().name) == label_key(name))
                        .and_then(|s| loaded.line_of(s));
                    problems.push(loaded.error(line, format!(
                        "scale '{name}' has a guessed order (confirmed = false), used by question '{}'; check its options are most favourable first and complete, then set confirmed = true",
                        def.id
                    )));
                }
                if def.reverse {
                    scales.push(library[i].0.reversed());
                    QuestionKind::Likert {
                        scale: scales.len() - 1,
                    }
                } else {
                    QuestionKind::Likert { scale: i }
                }
            }
        };
        questions.push(Question {
            id: def.id.clone(),
            label: label_of(def),
            group: def.group.clone(),
            kind,
            reverse: def.reverse,
            separator: (def.kind == QuestionType::MultiSelect).then(|| def.separator().to_string()),
            columns: Vec::new(),
            written_in: None,
        });
    }
    written_in(&mut questions, &scales);
    // One message per scale, however many questions use it.
    problems.sort_by_key(|p| p.line);
    problems.dedup_by(|a, b| a.line.is_some() && a.line == b.line);
    DefinitionError::all(problems)?;
    Ok(Survey { scales, questions })
}

/// Each choice question that takes written-in answers gets the free-text question they are
/// listed under: `<label> (other)`, the export's own column of them where it has one (see
/// `ingest::header::distinguish`), else one added after the survey's questions (left out
/// again when nobody wrote anything in).
fn written_in(questions: &mut Vec<Question>, scales: &[Scale]) {
    for i in 0..questions.len() {
        let takes = match questions[i].kind {
            QuestionKind::Likert { scale }
            | QuestionKind::Category { scale }
            | QuestionKind::MultiSelect { scale } => scales[scale].write_ins,
            QuestionKind::FreeText => false,
        };
        if !takes {
            continue;
        }
        let label = format!("{} (other)", questions[i].label);
        let key = label_key(&label);
        let at = match questions
            .iter()
            .position(|q| q.kind == QuestionKind::FreeText && label_key(&q.label) == key)
        {
            Some(at) => at,
            None => {
                questions.push(Question {
                    id: format!("{}_other", questions[i].id),
                    label,
                    group: questions[i].group.clone(),
                    kind: QuestionKind::FreeText,
                    reverse: false,
                    separator: None,
                    columns: Vec::new(),
                    written_in: None,
                });
                questions.len() - 1
            }
        };
        questions[i].written_in = Some(at);
    }
}

/// What outputs call a question: its label, else its header (or pattern without the `[*]`).
pub fn label_of(q: &QuestionDef) -> String {
    q.label
        .clone()
        .or_else(|| q.header.clone())
        .or_else(|| {
            q.pattern.as_ref().map(|p| {
                p.trim_end_matches("[*]")
                    .trim_end_matches('*')
                    .trim()
                    .to_string()
            })
        })
        .unwrap_or_else(|| q.id.clone())
}

/// Questions of the definition that claim `header`: those naming it exactly, or else those
/// whose pattern matches it (an exact header is more specific than a pattern).
fn matching(d: &Definition, header: &str) -> Vec<usize> {
    let hits: Vec<usize> = d
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.get_ref().matches(header))
        .map(|(i, _)| i)
        .collect();
    let exact: Vec<usize> = hits
        .iter()
        .copied()
        .filter(|&i| d.questions[i].get_ref().header.is_some())
        .collect();
    if exact.is_empty() {
        hits
    } else {
        exact
    }
}

fn two_match(
    loaded: &Loaded,
    file: &str,
    place: &str,
    header: &str,
    hits: &[usize],
) -> DefinitionError {
    let q = |i: usize| &loaded.definition.questions[i];
    let (a, b) = (q(hits[0]), q(hits[1]));
    loaded.error(
        loaded.line_of(b),
        format!(
            "questions '{}' (line {}) and '{}' both match {place} '{header}' in {file}; make one header or pattern match only its own column",
            a.get_ref().id,
            loaded.line_of(a).map_or("-".to_string(), |l| l.to_string()),
            b.get_ref().id
        ),
    )
}

fn meta_role(d: &Definition, header: &str) -> Option<Role> {
    let key = label_key(header);
    let listed = |list: &Vec<String>| list.iter().any(|h| label_key(h) == key);
    let c = &d.columns;
    if listed(&c.respondent) {
        return Some(Role::RespondentId);
    }
    if listed(&c.session) {
        return Some(Role::Session);
    }
    if listed(&c.date) || listed(&c.role) || listed(&c.cohort) || listed(&c.ignore) {
        return Some(Role::Metadata);
    }
    None
}

fn response_layout(
    loaded: &Loaded,
    file: &str,
    sheet: &SheetData,
    survey: &Survey,
    matched: &mut [bool],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Layout, DefinitionError> {
    let d = &loaded.definition;
    let mut roles = Vec::with_capacity(sheet.headers.len());
    let mut used_by: HashMap<usize, String> = HashMap::new();
    for (i, header) in sheet.headers.iter().enumerate() {
        let letter = column_letter(sheet.first_column + i);
        let has_data = sheet.rows.iter().any(|r| !r.cells[i].is_blank());
        if let Some(role) = meta_role(d, header) {
            roles.push(role);
            continue;
        }
        let named = if header.is_empty() {
            format!("Column {letter}")
        } else {
            header.clone()
        };
        let hits = matching(d, &named);
        let place = format!("column {letter}");
        if hits.len() > 1 {
            return Err(two_match(loaded, file, &place, &named, &hits));
        }
        if let Some(&q) = hits.first() {
            let def = d.questions[q].get_ref();
            let per_option = def.kind == QuestionType::MultiSelect
                && def.header.is_none()
                && columns::bracketed(&named).is_some();
            if !per_option {
                if let Some(other) = used_by.insert(q, letter.clone()) {
                    return Err(loaded.error(loaded.line_of(&d.questions[q]), format!(
                        "question '{}' ({}) matches two columns of {file}: {other} and {letter} '{named}'; make its pattern match one column",
                        def.id, def.matcher_text()
                    )));
                }
            }
            matched[q] = true;
            let tick = if per_option {
                let part = columns::bracketed(&named)
                    .map(|(_, p)| p)
                    .unwrap_or(named.as_str());
                let options = match survey.questions[q].kind {
                    QuestionKind::MultiSelect { scale } => &survey.scales[scale].options,
                    _ => unreachable!("a multi-select question has a multi-select kind"),
                };
                match options
                    .iter()
                    .position(|o| label_key(&o.label) == label_key(part))
                {
                    Some(o) => Some(o),
                    None => {
                        warnings.push(Diagnostic::new(Severity::Warning, file, format!(
                            "'{part}' is not an option of question '{}' in evalboard.toml; this column is not counted (add it to the question's options)",
                            def.id
                        )).sheet(&sheet.sheet).column(format!("{letter} ({named})")).check(Check::ColumnNotInDefinition));
                        roles.push(Role::Unclaimed);
                        continue;
                    }
                }
            } else {
                None
            };
            roles.push(Role::Question { index: q, tick });
            continue;
        }
        let role = match columns::builtin(header) {
            Some(Meta::RespondentId) => Role::RespondentId,
            Some(Meta::Session) => Role::Session,
            Some(_) => Role::Metadata,
            None if header.is_empty() && !has_data => Role::Empty,
            None => {
                warnings.push(
                    Diagnostic::new(Severity::Warning, file, "column matches no question in the survey definition; not used (add a [[question]] for it, or list it under [columns] ignore)")
                        .sheet(&sheet.sheet)
                        .column(format!("{letter} ({named})"))
                        .check(Check::ColumnNotInDefinition),
                );
                Role::Unclaimed
            }
        };
        roles.push(role);
    }
    Ok(Layout { roles, tally: None })
}

fn tally_layout(
    loaded: &Loaded,
    file: &str,
    sheet: &SheetData,
    t: columns::TallyColumns,
    matched: &mut [bool],
) -> Result<Layout, DefinitionError> {
    let mut questions = HashMap::new();
    for row in &sheet.rows {
        let Some(text) = row.cells[t.question].text() else {
            continue;
        };
        let key = label_key(&text);
        if questions.contains_key(&key) {
            continue;
        }
        let hits = matching(&loaded.definition, &text);
        if hits.len() > 1 {
            return Err(two_match(
                loaded,
                file,
                &format!("tally row {}", row.row),
                &text,
                &hits,
            ));
        }
        if let Some(&q) = hits.first() {
            matched[q] = true;
            questions.insert(key, q);
        }
    }
    Ok(Layout {
        roles: Vec::new(),
        tally: Some(TallyLayout {
            columns: t,
            questions,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::definition::QuestionDef;
    use crate::ingest::{read_bytes, ReadOptions};
    use toml::Spanned;

    /// An inferred survey refused the whole run because one of its own questions matched no
    /// column (found by mutating a workbook): an inferred question is left out instead.
    #[test]
    fn regression_an_inferred_question_matching_no_column_is_left_out() {
        let source = read_bytes(
            "a.csv".into(),
            b"How satisfied were you?\nVery satisfied\n".to_vec(),
            &ReadOptions::default(),
        );
        let question = |header: &str, inferred: bool| {
            Spanned::new(
                0..0,
                QuestionDef {
                    id: header.to_lowercase().replace(' ', "_"),
                    header: Some(header.into()),
                    scale: Some("satisfaction".into()),
                    inferred,
                    ..Default::default()
                },
            )
        };
        let mut d = Definition {
            questions: vec![
                question("How satisfied were you?", true),
                question("A column that is gone", true),
            ],
            ..Default::default()
        };
        let resolved = resolve(&Loaded::inferred(d.clone()), std::slice::from_ref(&source));
        assert!(resolved.is_ok());
        // The analyst's own question matching nothing is still an error in the definition.
        d.questions[1] = question("A column that is gone", false);
        assert!(resolve(&Loaded::inferred(d), std::slice::from_ref(&source)).is_err());
    }
}
