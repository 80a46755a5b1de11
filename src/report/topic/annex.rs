//! The technical annex: what the committee documents leave out, for the officer who answers
//! questions about them. How each figure was made (favourable share and its interval, mean
//! scores, the tests of change and their adjustment, reliability), the thresholds the words
//! rest on, and the data quality: files, rows read, used and rejected, and the findings.
//! Statistics are given to one decimal (two for scores); each method in a sentence.

use super::words::{count, either, plural, quoted, uk_dates};
use crate::model::thresholds::{
    ALPHA_LEVEL, EFFECT_LARGE, EFFECT_MODERATE, EFFECT_SMALL, FEW_MEMBERS, FEW_RESPONSES,
    MAX_OUTSIDE_SHARE,
};
use crate::model::{
    col, Breakdown, Comparison, Evaluation, FileStatus, Reason, SelfAssessment, Severity, ANY_LEVEL,
};
use crate::report::document::{plain, strong, Align, Block, Document, Table, Text};
use crate::report::self_assessment::{caution_words, reliability_words};

/// Findings listed in the annex; every one is in the data-quality table.
const FINDINGS_SHOWN: usize = 25;

fn one(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.1}"))
}

fn two(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{v:.2}"))
}

fn p(x: Option<f64>) -> String {
    match x {
        None => "-".into(),
        Some(v) if v < 0.001 => "< 0.001".into(),
        Some(v) => format!("{v:.3}"),
    }
}

fn right(name: &str) -> (String, Align) {
    (name.to_string(), Align::Right)
}

fn left(name: &str) -> (String, Align) {
    (name.to_string(), Align::Left)
}

fn para(doc: &mut Document, text: impl Into<String>) {
    doc.paragraph(vec![plain(text)]);
}

/// The favourable answers of each rated question's scale, as the shares count them: "“Yes, in
/// full” or “Yes, partly” for “Were your objectives achieved?”; ...", questions sharing a
/// scale named together (up to three, else counted).
fn favourable_rule(e: &Evaluation) -> String {
    let mut scales: Vec<(Vec<&str>, Vec<&str>)> = Vec::new();
    for (q, scale) in e.survey.likert() {
        let labels = scale.favourable_labels();
        if labels.is_empty() {
            continue;
        }
        match scales.iter_mut().find(|(l, _)| *l == labels) {
            Some((_, questions)) => questions.push(&q.label),
            None => scales.push((labels, vec![&q.label])),
        }
    }
    let parts: Vec<String> = scales
        .iter()
        .map(|(labels, questions)| {
            let which = if questions.len() <= 3 {
                let named: Vec<String> = questions.iter().map(|q| quoted(q)).collect();
                crate::model::and_list(&named)
            } else {
                format!("{} questions", questions.len())
            };
            format!("{} for {which}", either(labels))
        })
        .collect();
    if parts.is_empty() {
        "none of the scales has favourable answers".into()
    } else {
        parts.join("; ")
    }
}

fn evaluation(doc: &mut Document, e: &Evaluation, tables: &mut usize) {
    if e.summaries.is_empty() {
        return;
    }
    doc.heading(2, "Evaluation sheets");
    para(
        doc,
        format!(
            "The favourable share of a rated question is the share of the answers that gave a view (answers such as “Don't know” left out) on the answers counted as favourable: {}. Its 95% interval is Wilson's score interval, which stays within 0 to 100% and is reliable for small numbers. The mean score counts the least favourable option as 1, the next as 2, and so on. No summary finding is drawn from a question when more than {:.0}% of its answers fit none of its options.",
            favourable_rule(e),
            100.0 * MAX_OUTSIDE_SHARE
        ),
    );
    let rows: Vec<Vec<String>> = e
        .summaries
        .iter()
        // Categories (a time zone, a country) have no favourable side: not rated questions.
        .filter(|s| s.group == col::OVERALL && (s.mean.is_some() || s.top2_percent.is_some()))
        .map(|s| {
            let interval = match (s.top2_ci_low, s.top2_ci_high) {
                (Some(l), Some(h)) => format!("{l:.1} to {h:.1}"),
                _ => "-".into(),
            };
            vec![
                s.question.clone(),
                count(s.n),
                count(s.n_substantive),
                two(s.mean),
                one(s.top2_percent),
                interval,
            ]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!("Table {tables}: rated questions, all sessions"),
        columns: vec![
            left("Question"),
            right("Answers"),
            right("Gave a view"),
            right("Mean score"),
            right("Favourable %"),
            right("95% interval"),
        ],
        rows,
    }));
    needs_checking(doc, e, tables);
    if e.respondents() < FEW_RESPONSES {
        para(
            doc,
            format!("With fewer than {FEW_RESPONSES} responses the evaluation document says that one answer moves a percentage by ten points or more."),
        );
    }
    let compared = &e.session_differences;
    if !compared.is_empty() {
        let apart = compared.iter().filter(|d| d.beyond_chance).count();
        para(
            doc,
            format!(
                "Sessions compared: on each rated question, each session's favourable share was set against the other sessions' together (sessions whose figures are suppressed are left out of both). The difference has a 95% interval by Newcombe's hybrid score method, built from the two Wilson intervals; whether it could be chance is decided by Fisher's exact test, which is exact however small the session, with the p-values adjusted by Holm's method across all the comparisons so that testing many sessions does not find differences by chance alone. A session stands apart when its adjusted p-value is below {ALPHA_LEVEL}, as {} of the {} comparisons did. Every comparison is in tables/session_differences.csv.",
                count(apart as u64),
                count(compared.len() as u64)
            ),
        );
    }
}

/// The questions whose scale was assumed rather than read from the form: counted, but no
/// finding is drawn from them until a survey definition confirms the scale.
fn needs_checking(doc: &mut Document, e: &Evaluation, tables: &mut usize) {
    let rows: Vec<Vec<String>> = e
        .survey
        .likert()
        .filter(|(_, s)| !s.confirmed)
        .map(|(q, s)| {
            let read = match s.code_range() {
                Some((lo, hi)) => {
                    let best = s.options.first().and_then(|o| o.code).unwrap_or(hi);
                    format!("numbers from {lo} to {hi}, {best} taken as the most favourable")
                }
                None => format!("the order of '{}'", s.name),
            };
            vec![q.label.clone(), read]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    para(
        doc,
        "Needs checking: the answers to the questions below are numbers whose range and direction the form does not state (no \"1 = poor, 5 = excellent\" in the question, no labels on the numbers), so both were assumed. They are counted and shown, but no finding is drawn from them. Run `evalboard init`, correct each scale to the form and set confirmed = true to have them rated.",
    );
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!("Table {tables}: scales assumed, needing checking"),
        columns: vec![left("Question"), left("Read as (assumed)")],
        rows,
    }));
}

/// The comparison with earlier cycles: how it is made, and each change with its interval.
fn earlier_cycles(doc: &mut Document, c: &Comparison, tables: &mut usize) {
    doc.heading(2, "Earlier cycles");
    para(
        doc,
        "Earlier cycles are read from their report folders' tidy tables (not their exports). Questions are matched by their wording; a question asked in one cycle only is listed, not compared. In each cycle a question's favourable share is of the answers that gave a view, and a cycle's share is shown only when at least as many members answered as the small-number threshold. The change since the last cycle that asked the question is the difference of the two shares in percentage points, with a 95% interval by Newcombe's hybrid score method (built from the two Wilson intervals); a change is beyond chance when the interval leaves out zero. Every figure is in tables/cycles.csv.",
    );
    let rows: Vec<Vec<String>> = c
        .trends
        .iter()
        .filter_map(|t| {
            let ch = t.change.as_ref()?;
            Some(vec![
                t.question.clone(),
                ch.since.clone(),
                format!("{:+.1}", ch.difference),
                format!("{:.1} to {:.1}", ch.low, ch.high),
                if ch.beyond_chance { "yes" } else { "no" }.to_string(),
            ])
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!(
            "Table {tables}: change in the favourable share since the last cycle (percentage points)"
        ),
        columns: vec![
            left("Question"),
            left("Since"),
            right("Change"),
            right("95% interval"),
            left("Beyond chance"),
        ],
        rows,
    }));
}

fn attendance(doc: &mut Document, e: &Evaluation, tables: &mut usize) {
    let Some(a) = e.attendance.as_ref().filter(|a| !a.coverage.is_empty()) else {
        return;
    };
    doc.heading(2, "Attendance");
    para(
        doc,
        format!(
            "Coverage counts the members on the roster ({}) who attended at least one session, out of the members expected at each level: every member at Level 1, and at Levels 2 and 3 the members the roster's Level column expects there. As it covers every member, it is a count, not an estimate, and is given without an interval.{}",
            plural(a.members, "member", "members"),
            if a.not_on_roster > 0 {
                format!(
                    " {} of people the roster does not list count in their session's attendance, not in coverage.",
                    plural(a.not_on_roster, "attendance", "attendances")
                )
            } else {
                String::new()
            }
        ),
    );
    let rows: Vec<Vec<String>> = a
        .coverage
        .iter()
        .filter(|r| {
            r.breakdown == Breakdown::AllMembers
                || (r.breakdown == Breakdown::Cohort && r.level == ANY_LEVEL)
        })
        .map(|r| {
            let group = match r.breakdown {
                Breakdown::AllMembers if r.level == ANY_LEVEL => {
                    "All members, any level".to_string()
                }
                Breakdown::AllMembers => r.level.clone(),
                _ => format!(
                    "{}: {}",
                    crate::model::capitalised(&a.cohort_name()),
                    r.group
                ),
            };
            let mut row = vec![group, count(r.attended), count(r.members), one(r.percent)];
            if a.has_targets() {
                row.push(r.target.map_or("-".into(), |t| format!("{t:.0}")));
            }
            row
        })
        .collect();
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!("Table {tables}: coverage by level and cohort"),
        columns: [
            left("Members"),
            right("Attended"),
            right("Expected"),
            right("Per cent"),
        ]
        .into_iter()
        .chain(a.has_targets().then(|| right("Target %")))
        .collect(),
        rows,
    }));
}

fn self_assessment(doc: &mut Document, s: &SelfAssessment, tables: &mut usize) {
    if !s.has_ratings() {
        return;
    }
    doc.heading(2, "Self-assessment");
    para(
        doc,
        format!(
            "A member's theme score is the mean of their ratings of the theme's statements, given when they rated at least half of them. Change from the first wave to the last is tested for each theme with the Wilcoxon signed-rank test on each member's own change when members can be matched across waves ({}), otherwise with the Mann-Whitney U test on the two groups. The p-values are adjusted with Holm's method across the {}, and a change counts as beyond chance (\"Higher\" or \"Lower\" in the self-assessment document) when the adjusted p is below {ALPHA_LEVEL}. The effect size is the rank-biserial correlation r, from -1 (every member lower) to +1 (every member higher): below {EFFECT_SMALL} negligible, from {EFFECT_SMALL} small, from {EFFECT_MODERATE} moderate, from {EFFECT_LARGE} large. With fewer than {FEW_MEMBERS} members compared a result is indicative only.",
            if s.matched_by.is_empty() { "they could not be here".to_string() } else { format!("here by {}", s.matched_by) },
            plural(s.themes.len() as u64, "theme", "themes"),
        ),
    );
    let changes = s.theme_changes();
    if !changes.is_empty() {
        *tables += 1;
        doc.push(Block::Table(Table {
            caption: format!(
                "Table {tables}: change in theme scores, {} to {}",
                changes[0].from, changes[0].to
            ),
            columns: vec![
                left("Theme"),
                right("Members"),
                right("Mean before"),
                right("Mean after"),
                right("Change"),
                right("p (Holm)"),
                right("Effect r"),
                left("Result"),
            ],
            rows: changes
                .iter()
                .map(|c| {
                    vec![
                        c.theme.clone(),
                        count(c.compared()),
                        two(c.mean_from),
                        two(c.mean_to),
                        c.change.map_or("-".into(), |x| format!("{x:+.2}")),
                        p(c.p_holm),
                        match (c.effect, c.effect_size) {
                            (Some(r), Some(size)) => format!("{r:.2} ({})", size.name()),
                            _ => "-".into(),
                        },
                        super::self_assessment::result_words(c.direction).to_string(),
                    ]
                })
                .collect(),
        }));
        let cautions: Vec<Text> = changes
            .iter()
            .filter(|c| !c.cautions.is_empty())
            .map(|c| {
                vec![
                    strong(format!("{}: ", c.theme)),
                    plain(caution_words(&c.cautions)),
                ]
            })
            .collect();
        if !cautions.is_empty() {
            doc.push(Block::Bullets(cautions));
        }
    }
    let waves: Vec<&str> = s.waves.iter().map(|w| w.name.as_str()).collect();
    let mut columns = vec![left("Theme"), right("Statements")];
    columns.extend(waves.iter().map(|w| right(&format!("Alpha, {w}"))));
    columns.push(left("Note"));
    let rows: Vec<Vec<String>> = s
        .themes
        .iter()
        .filter_map(|t| {
            let rows: Vec<_> = waves
                .iter()
                .filter_map(|w| s.theme_rows.iter().find(|r| r.wave == *w && &r.theme == t))
                .collect();
            let first = rows.first()?;
            let mut row = vec![t.clone(), first.statements.to_string()];
            row.extend(rows.iter().map(|r| match r.alpha_listwise {
                Some(a) => format!("{a:.2} (n = {})", r.alpha_members),
                None => "-".into(),
            }));
            let notes: Vec<String> = rows
                .iter()
                .filter(|r| !r.reliability.is_empty())
                .map(|r| format!("{}: {}", r.wave, reliability_words(&r.reliability)))
                .collect();
            row.push(notes.join("; "));
            Some(row)
        })
        .collect();
    *tables += 1;
    para(
        doc,
        "Reliability: Cronbach's alpha over the members who rated every statement of a theme; about 0.7 or more suggests the statements measure one thing.",
    );
    doc.push(Block::Table(Table {
        caption: format!("Table {tables}: reliability of the themes"),
        columns,
        rows,
    }));
}

fn data_quality(doc: &mut Document, e: &Evaluation, tables: &mut usize) {
    doc.heading(2, "Data quality");
    let r = e.rows;
    para(
        doc,
        format!(
            "Every row of every evaluation file is accounted for: {} read, {} used and {} rejected, each rejection with its file, sheet and row in the data-quality table.",
            count(r.read),
            count(r.used),
            count(r.rejected)
        ),
    );
    let rows: Vec<Vec<String>> = e
        .all_files()
        .map(|f| {
            let (status, reason) = match &f.status {
                FileStatus::Read => ("read", String::new()),
                FileStatus::Failed(r) => ("failed", r.clone()),
                FileStatus::Skipped(r) => ("skipped", r.clone()),
            };
            vec![
                f.file.clone(),
                status.to_string(),
                count(f.rows.read),
                count(f.rows.used),
                count(f.rows.rejected),
                reason,
            ]
        })
        .collect();
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!("Table {tables}: files read"),
        columns: vec![
            left("File"),
            left("Status"),
            right("Rows read"),
            right("Used"),
            right("Rejected"),
            left("Reason"),
        ],
        rows,
    }));
    let notable: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.severity <= Severity::Warning)
        .collect();
    if notable.is_empty() {
        para(doc, "No file failed and no finding needs attention.");
        return;
    }
    let items: Vec<Text> = notable
        .iter()
        .take(FINDINGS_SHOWN)
        .map(|d| vec![plain(d.published())])
        .collect();
    para(
        doc,
        format!(
            "{} need attention{}:",
            plural(notable.len() as u64, "finding", "findings"),
            if notable.len() > FINDINGS_SHOWN {
                format!("; the first {FINDINGS_SHOWN}, and every one in the data-quality table")
            } else {
                String::new()
            }
        ),
    );
    doc.push(Block::Bullets(items));
}

/// The annex of a run, by `version` of evalboard.
/// What small-number protection did, and the rule.
fn disclosure(doc: &mut Document, e: &Evaluation, tables: &mut usize) {
    let p = &e.protection;
    doc.heading(2, "Small-number protection");
    if p.threshold <= 1 {
        para(
            doc,
            "Small-number protection is switched off ([disclosure] threshold = 1 in evalboard.toml): every group is broken down, however small. Check each table for groups that point at one person before publishing.",
        );
        return;
    }
    para(
        doc,
        format!(
            "No group of fewer than {t} is broken down in the published tables, charts and documents: a session with fewer than {t} respondents, a cohort, role or level with fewer than {t} members, a statement or theme rated by fewer than {t} members, a question with fewer than {t} comments (listed, but not grouped into themes or quoted). Its cells show [c], the Government Statistical Service's symbol for confidential, and charts leave it out. Where groups make up a published total (sessions of all respondents; cohorts and roles of the members expected at a level), one suppressed group alone, or suppressed groups together fewer than {t}, could be worked out from the total and the other groups, so the smallest other group is suppressed as well (secondary suppression). The threshold is set by [disclosure] threshold in evalboard.toml; the full figures are in the internal folder, for democratic services only.",
            t = p.threshold
        ),
    );
    if p.suppressed.is_empty() {
        para(doc, "No group was small enough to suppress.");
        return;
    }
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!("Table {tables}: groups whose figures are suppressed"),
        columns: vec![left("Kind of group"), left("Group"), left("Why")],
        rows: p
            .suppressed
            .iter()
            .map(|x| {
                vec![
                    x.dimension.clone(),
                    x.group.clone(),
                    match x.reason {
                        Reason::Primary => format!("fewer than {}", p.threshold),
                        Reason::Secondary => "would give away a suppressed group".into(),
                    },
                ]
            })
            .collect(),
    }));
}

pub fn document(e: &Evaluation, version: &str, cycles: Option<&Comparison>) -> Document {
    let mut doc = Document::new("Technical annex: methods and data quality");
    let sessions: Vec<String> = e.sessions.iter().map(|(s, _)| uk_dates(s)).collect();
    if !sessions.is_empty() {
        doc.details
            .push(("Sessions".into(), super::words::sessions_line(&sessions)));
    }
    doc.details
        .push(("Produced by".into(), format!("evalboard {version}")));
    doc.heading(2, "About this annex");
    // The topics this run has, as the documents it writes.
    let mut topics: Vec<&str> = Vec::new();
    if e.respondents() > 0 || e.tallied_answers() > 0 {
        topics.push("the evaluation sheets");
    }
    if e.attendance
        .as_ref()
        .is_some_and(|a| !a.coverage.is_empty())
    {
        topics.push("attendance");
    }
    if e.self_assessment.as_ref().is_some_and(|s| s.has_ratings()) {
        topics.push("the self-assessment");
    }
    let states = if topics.len() == 1 { "states" } else { "state" };
    let topics = match topics.len() {
        0 => "the committee documents".to_string(),
        1 => format!("the committee document on {}", topics[0]),
        _ => format!(
            "the committee documents on {}",
            crate::model::and_list(&topics)
        ),
    };
    para(
        &mut doc,
        format!("This annex is for officers. It gives the methods, intervals, tests and data quality behind {topics}, which {states} {} findings in words and whole numbers only. The tables folder holds every table as a CSV file, and tables.xlsx the same figures as a workbook.", if states == "states" { "its" } else { "their" }),
    );
    let mut settings: Vec<Text> = vec![vec![plain(if e.redaction {
        format!(
            "Names, e-mail addresses, phone numbers, postcodes and IP addresses in respondents' text, and in the names of files, sessions and questions, are replaced by a marker before any table or document is written ({} free-text answers changed).",
            e.redacted
        )
    } else {
        "Redaction of respondents' text is turned off in evalboard.toml: check every comment before publishing.".to_string()
    })]];
    settings.push(vec![plain(format!(
        "Thresholds: changes beyond chance at an adjusted p below {ALPHA_LEVEL}; results with fewer than {FEW_MEMBERS} members compared marked indicative; a caution in the evaluation document below {FEW_RESPONSES} responses."
    ))]);
    doc.push(Block::Bullets(settings));
    let mut tables = 0;
    disclosure(&mut doc, e, &mut tables);
    evaluation(&mut doc, e, &mut tables);
    if let Some(c) = cycles {
        earlier_cycles(&mut doc, c, &mut tables);
    }
    attendance(&mut doc, e, &mut tables);
    if let Some(s) = &e.self_assessment {
        self_assessment(&mut doc, s, &mut tables);
    }
    data_quality(&mut doc, e, &mut tables);
    doc
}
