//! The evaluation document: what members said about the sessions, in the order of Appendix 1
//! of the seed paper. A summary of findings chosen by fixed rules, the answers to every
//! question as counts and whole percentages, the responses per session, and an appendix with
//! every comment once, under its question.
//!
//! The rules for the summary (at most six findings):
//! 1. how many evaluation sheets came from how many sessions, and, where the attendance
//!    records cover those sessions, how many of the people attending returned one;
//! 2. where every rated question had only favourable answers, that, and then the questions
//!    with the largest and the smallest share at the single most favourable answer; otherwise
//!    the questions with the largest and the smallest favourable share (a question is rated
//!    when its scale is ordered and its order confirmed, not assumed, and counts only when
//!    most of its answers fit the scale);
//! 3. how many comments were written, and where they are listed (left out when the summary
//!    would otherwise run to more than six findings);
//! 4. a caution when there are fewer than [`FEW_RESPONSES`] responses.

use super::words::{
    count, count_of, count_of_view, date_list, date_span, either, no_view_clause, plural, quoted,
    sessions_line, uk_dates,
};
use crate::model::thresholds::{FEW_RESPONSES, MAX_LISTED_COMMENTS, MAX_OUTSIDE_SHARE};
use crate::model::{
    col, first_extreme, label_key, Comparison, Evaluation, QuestionKind, Scale, ALL_SESSIONS,
    COMMENTS, CONFIDENTIAL, NO_THEME, SESSION,
};
use crate::report::document::{
    plain, strong, Align, Block, Document, Figure, Numbering, Table, Text,
};
use crate::report::ChartFile;

/// A rated question's result, overall.
struct Rated<'a> {
    question: &'a str,
    scale: &'a Scale,
    /// Substantive answers.
    n: u64,
    favourable: u64,
    /// Answers at the single most favourable option.
    top: u64,
    /// Answers that gave no view ("Not sure", "Don't know"), by option, in scale order.
    no_view: Vec<(&'a str, u64)>,
}

impl Rated<'_> {
    /// "16 of the 17 who gave a view (94%)", or "16 of 17 (94%)" when everyone gave one.
    fn of(&self, k: u64) -> String {
        count_of_view(k, self.n, &self.no_view)
    }

    /// "; 5 answered “Not sure”", or nothing.
    fn no_view(&self) -> String {
        no_view_clause(&self.no_view)
    }
}

fn answers_at(e: &Evaluation, question: &str, option: &str) -> u64 {
    e.counts
        .iter()
        .filter(|c| c.group == col::OVERALL && c.question == question && c.option == option)
        .map(|c| c.count)
        .sum()
}

/// The rated questions that have substantive answers and whose answers mostly fit the scale.
fn rated(e: &Evaluation) -> Vec<Rated<'_>> {
    let mut out = Vec::new();
    for (q, scale) in e.survey.likert() {
        // A scale whose range or direction is assumed is counted, never headlined.
        if !scale.has_mean() || !scale.confirmed {
            continue;
        }
        let Some(s) = e
            .summaries
            .iter()
            .find(|s| s.group == col::OVERALL && s.question == q.label)
        else {
            continue;
        };
        let outside = e.unmatched.iter().filter(|u| u.question == q.label).count() as u64;
        let too_many_outside = outside as f64 > MAX_OUTSIDE_SHARE * (s.n + outside) as f64;
        if s.n_substantive == 0 || too_many_outside {
            continue;
        }
        let favourable = scale
            .favourable_labels()
            .iter()
            .map(|l| answers_at(e, &q.label, l))
            .sum();
        let top = scale
            .score_ends()
            .map_or(0, |((_, label), _)| answers_at(e, &q.label, label));
        let no_view = scale
            .non_substantive()
            .into_iter()
            .map(|l| (l, answers_at(e, &q.label, l)))
            .collect();
        out.push(Rated {
            question: &q.label,
            scale,
            n: s.n_substantive,
            favourable,
            top,
            no_view,
        });
    }
    out
}

/// For each evaluation session (in order), the people the attendance records show attending
/// it, when one attendance session matches it: the same name, or the attendance session's
/// name and ISO date both within the evaluation session's ("Corporate parenting induction
/// 2016-06-24" and "Corporate parenting induction" on 2016-06-24).
fn attendees(e: &Evaluation) -> Vec<Option<u64>> {
    let Some(a) = &e.attendance else {
        return vec![None; e.sessions.len()];
    };
    e.sessions
        .iter()
        .map(|(name, _)| {
            let key = label_key(name);
            let matches: Vec<&crate::model::SessionRow> = a
                .sessions
                .iter()
                .filter(|s| {
                    let session = label_key(&s.session);
                    key == session
                        || s.date
                            .as_deref()
                            .is_some_and(|d| key.contains(&session) && name.contains(d))
                })
                .collect();
            match matches.as_slice() {
                [one] if one.attendees > 0 => Some(one.attendees),
                _ => None,
            }
        })
        .collect()
}

/// Comments in the order first written, each wording once with how many wrote it: the same
/// words, ignoring case, spaces and a closing full stop.
fn same_words<'a>(comments: impl Iterator<Item = &'a str>) -> Vec<(&'a str, u64)> {
    let key = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_lowercase()
    };
    let mut out: Vec<(&str, u64)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in comments {
        match at.entry(key(c)) {
            std::collections::hash_map::Entry::Occupied(i) => out[*i.get()].1 += 1,
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(out.len());
                out.push((c, 1));
            }
        }
    }
    out
}

fn share(k: u64, n: u64) -> f64 {
    k as f64 / n as f64
}

/// Where every comment is, when a question has too many to list in the appendix.
const FULL_LISTS: &str = "in the workbook (tables.xlsx) and in tables/free_text.csv";

/// Each open question's comments, the same words once with how many wrote them: the
/// appendix lists them, up to [`MAX_LISTED_COMMENTS`] a question.
fn listed<'a>(e: &'a Evaluation, open: &[&'a str]) -> Vec<(&'a str, Vec<(&'a str, u64)>)> {
    open.iter()
        .map(|q| {
            let texts = e.free_text.iter().filter(|a| &*a.question == *q);
            (*q, same_words(texts.map(|a| a.text.as_str())))
        })
        .collect()
}

fn top_label(scale: &Scale) -> &str {
    scale.score_ends().map_or("", |((_, label), _)| label)
}

/// `capped`: a question has too many comments to list in the appendix (see [`listed`]).
fn summary(e: &Evaluation, comments: u64, open_questions: u64, capped: bool) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    let responses = e.respondents();
    let sessions = e.sessions.len() as u64;
    // A paragraph never opens with a figure (the paragraph's number comes before it).
    out.push(vec![plain(format!(
        "Those attending {} returned {}.",
        if sessions == 1 {
            "the session".to_string()
        } else {
            format!("the {sessions} sessions")
        },
        plural(responses, "evaluation sheet", "evaluation sheets"),
    ))]);
    let attended = attendees(e);
    let matched: Vec<(u64, u64)> = e
        .sessions
        .iter()
        .zip(&attended)
        .filter_map(|((_, n), a)| Some((*n, (*a)?)))
        .collect();
    if !matched.is_empty() {
        let (returned, present): (u64, u64) =
            matched.iter().fold((0, 0), |(r, p), (n, a)| (r + n, p + a));
        let sessions = plural(matched.len() as u64, "session", "sessions");
        out.push(vec![plain(if returned == present {
            format!("Everyone who attended the {sessions} the attendance records cover returned an evaluation sheet ({} of {}).", count(returned), count(present))
        } else {
            format!(
                "Of the people who attended the {sessions} the attendance records cover, {} returned an evaluation sheet.",
                count_of(returned, present)
            )
        })]);
    }
    let rated = rated(e);
    let all_favourable = !rated.is_empty() && rated.iter().all(|r| r.favourable == r.n);
    if all_favourable {
        let gave_view = rated.iter().any(|r| r.no_view.iter().any(|(_, c)| *c > 0));
        out.push(vec![plain(format!(
            "Every answer {}to the {} was on the favourable side of its scale, such as {} for {}.",
            if gave_view { "that gave a view " } else { "" },
            plural(rated.len() as u64, "rated question", "rated questions"),
            either(&rated[0].scale.favourable_labels()),
            quoted(rated[0].question)
        ))]);
        let top = |r: &Rated| share(r.top, r.n);
        let high = first_extreme(&rated, top, true);
        let low = first_extreme(&rated, top, false);
        if let Some(h) = high {
            out.push(vec![plain(format!(
                "The strongest result was for {}: {} answered {}{}.",
                quoted(h.question),
                h.of(h.top),
                either(&[top_label(h.scale)]),
                h.no_view()
            ))]);
        }
        if let Some(l) = low.filter(|l| high.is_some_and(|h| top(h) > top(l))) {
            out.push(vec![plain(format!(
                "Fewest chose the top answer for {}: {} answered {}; the rest chose {}{}.",
                quoted(l.question),
                l.of(l.top),
                either(&[top_label(l.scale)]),
                either(
                    &l.scale
                        .favourable_labels()
                        .into_iter()
                        .filter(|o| *o != top_label(l.scale))
                        .collect::<Vec<_>>()
                ),
                l.no_view(),
            ))]);
        }
    } else if !rated.is_empty() {
        let fav = |r: &Rated| share(r.favourable, r.n);
        let high = first_extreme(&rated, fav, true);
        let low = first_extreme(&rated, fav, false);
        if let Some(h) = high {
            out.push(vec![plain(format!(
                "The most favourable result was for {}: {} answered {}{}.",
                quoted(h.question),
                h.of(h.favourable),
                either(&h.scale.favourable_labels()),
                h.no_view()
            ))]);
        }
        if let Some(l) = low.filter(|l| high.is_some_and(|h| fav(h) > fav(l))) {
            out.push(vec![plain(format!(
                "The least favourable result was for {}: {} answered {}{}.",
                quoted(l.question),
                l.of(l.favourable),
                either(&l.scale.favourable_labels()),
                l.no_view()
            ))]);
        }
    }
    // A question on a scale whose order is assumed has its table and no finding: say so, or
    // the reader wonders why the summary passes over it.
    let caution = usize::from(responses > 0 && responses < FEW_RESPONSES);
    let assumed = e
        .survey
        .likert()
        .filter(|(q, s)| {
            !s.confirmed
                && e.summaries
                    .iter()
                    .any(|r| r.group == col::OVERALL && r.question == q.label && r.n > 0)
        })
        .count() as u64;
    if assumed > 0 && out.len() + 1 + caution <= 6 {
        out.push(vec![plain(format!(
            "The answers to {} are shown as counts only: the form does not say which end of {} scale is the favourable one, so no finding is drawn from {}.",
            plural(assumed, "question", "questions"),
            if assumed == 1 { "its" } else { "their" },
            if assumed == 1 { "it" } else { "them" },
        ))]);
    }
    // At most six findings: the comments' count gives way to a caution.
    let room = out.len() + 1 + caution <= 6;
    if comments > 0 && room {
        out.push(vec![plain(format!(
            "The evaluation sheets hold {} in answer to {}; {} {}.",
            plural(comments, "comment", "comments"),
            if open_questions == 1 {
                "the open question".to_string()
            } else {
                format!("the {open_questions} open questions")
            },
            if comments == 1 { "it is" } else { "all are" },
            if capped {
                FULL_LISTS.to_string()
            } else if open_questions == 1 {
                "in the appendix, under it".to_string()
            } else {
                "in the appendix, under their questions".to_string()
            },
        ))]);
    }
    if responses > 0 && responses < FEW_RESPONSES {
        out.push(vec![plain(format!(
            "With {}, one answer changes a percentage by {} points or more: read the percentages with care.",
            plural(responses, "response", "responses"),
            100 / responses
        ))]);
    }
    out
}

/// The answers to one closed question, overall: answer, number, per cent of those answering.
fn answers_table(e: &Evaluation, question: &str, number: usize) -> Option<Table> {
    let rows: Vec<&crate::model::OptionCount> = e
        .counts
        .iter()
        .filter(|c| c.group == col::OVERALL && c.question == question)
        .collect();
    let n: u64 = rows.iter().map(|c| c.count).sum();
    if rows.is_empty() {
        return None;
    }
    Some(Table {
        caption: format!(
            "Table {number}: {} ({}{})",
            question.trim().trim_end_matches(':'),
            if e.sessions.len() > 1 {
                "all sessions, "
            } else {
                ""
            },
            plural(n, "answer", "answers")
        ),
        columns: vec![
            ("Answer".into(), Align::Left),
            ("Number".into(), Align::Right),
            ("Per cent".into(), Align::Right),
        ],
        rows: rows
            .iter()
            .map(|c| {
                vec![
                    c.option.clone(),
                    count(c.count),
                    super::words::percent(c.count, n),
                ]
            })
            .collect(),
    })
}

/// Themes most shown on the comments to each open question, at most this many.
const THEMES_SHOWN: usize = 4;

/// What the comments to each open question were about: its themes, most common first, each
/// with its count and one comment (never one already quoted under another theme).
fn comment_themes(doc: &mut Document, e: &Evaluation, open: &[&str], capped: bool) {
    let answered = |q: &str| e.free_text.iter().filter(|a| &*a.question == q).count() as u64;
    if !open.iter().any(|q| answered(q) > 0) {
        return;
    }
    doc.heading(2, "What the comments were about");
    doc.paragraph(vec![plain(format!(
        "Comments are grouped into themes by the words they use; a comment can fall under more than one theme. Every comment is listed {}.",
        if capped {
            format!("in the appendix, or, for a question with more than {} different comments, {FULL_LISTS}", count(MAX_LISTED_COMMENTS as u64))
        } else {
            "in the appendix".to_string()
        }
    ))]);
    // Questions with too few comments to group: named together once, at the end.
    let mut few: Vec<&str> = Vec::new();
    for q in open {
        let n = answered(q);
        if n == 0 {
            continue;
        }
        if e.protection.hides(COMMENTS, q) {
            few.push(q);
            continue;
        }
        let mut themes: Vec<&crate::model::ThemeCount> = e
            .themes
            .iter()
            .filter(|t| t.group == col::OVERALL && t.question == *q && t.theme != NO_THEME)
            .filter(|t| t.respondents > 0)
            .collect();
        // Most common first; ties keep the codebook's order.
        themes.sort_by_key(|t| std::cmp::Reverse(t.respondents));
        let mut items: Vec<Text> = themes
            .iter()
            .take(THEMES_SHOWN)
            .map(|t| {
                let mut item = vec![
                    strong(format!("{}: ", t.theme)),
                    plain(format!(
                        "{} of {}",
                        count(t.respondents),
                        plural(n, "comment", "comments")
                    )),
                ];
                if let Some(quote) = e
                    .quotes
                    .iter()
                    .find(|x| x.question == *q && x.theme == t.theme && x.rank == 1)
                {
                    item.push(plain(format!(", for example {}", quoted(&quote.text))));
                }
                item
            })
            .collect();
        let none = e
            .themes
            .iter()
            .find(|t| t.group == col::OVERALL && t.question == *q && t.theme == NO_THEME)
            .map_or(0, |t| t.respondents);
        if none > 0 {
            items.push(vec![plain(format!(
                "{} did not fall under any theme.",
                plural(none, "comment", "comments")
            ))]);
        }
        doc.heading(3, q.to_string());
        doc.push(Block::Bullets(items));
    }
    if !few.is_empty() {
        let named: Vec<String> = few.iter().map(|q| quoted(q)).collect();
        let named = crate::model::and_list(&named);
        doc.paragraph(vec![plain(format!(
            "Fewer than {} comments were written in answer to {named}: they are listed in the appendix but not grouped into themes, so that none points at one person.",
            e.protection.threshold
        ))]);
    }
}

/// The evaluation document when all the sheets together are fewer than the disclosure
/// threshold: nothing is broken down and no comment is listed.
/// "Compared with earlier cycles": each rated question's favourable share in every cycle, then
/// the changes since the last cycle that are beyond chance, in words, and the questions an
/// earlier cycle asked that this one did not.
fn earlier_cycles(doc: &mut Document, c: &Comparison, chart: Option<&str>, tables: &mut usize) {
    let Some(first) = c.trends.first() else {
        return;
    };
    doc.heading(2, "Compared with earlier cycles");
    if let Some(path) = chart {
        doc.push(Block::Figure(Figure {
            path: path.to_string(),
            title: "Favourable answers by training cycle".into(),
            alt: String::new(),
            width: 100,
        }));
    }
    let labels: Vec<&str> = first.cycles.iter().map(|(l, _)| l.as_str()).collect();
    let mut columns = vec![("Question".to_string(), Align::Left)];
    columns.extend(labels.iter().map(|l| (l.to_string(), Align::Right)));
    *tables += 1;
    doc.push(Block::Table(Table {
        caption: format!(
            "Table {tables}: favourable answers to each rated question, by training cycle"
        ),
        columns,
        rows: c
            .trends
            .iter()
            .map(|t| {
                let mut row = vec![t.question.clone()];
                row.extend(t.cycles.iter().map(|(_, s)| match s {
                    Some((k, n)) => count_of(*k, *n),
                    None => "-".to_string(),
                }));
                row
            })
            .collect(),
    }));
    let changed: Vec<Text> = c
        .trends
        .iter()
        .filter_map(|t| {
            let change = t.change.as_ref().filter(|ch| ch.beyond_chance)?;
            let (now, then) = (
                t.cycles.last()?.1?,
                t.cycles.iter().find(|(l, _)| *l == change.since)?.1?,
            );
            Some(vec![plain(format!(
                "{}: {} favourable this cycle, against {} in {}, {} beyond chance.",
                quoted(&t.question),
                count_of(now.0, now.1),
                count_of(then.0, then.1),
                change.since,
                if change.difference > 0.0 {
                    "a rise"
                } else {
                    "a fall"
                }
            ))])
        })
        .collect();
    if changed.is_empty() {
        doc.paragraph(vec![plain(
            "No question's share of favourable answers changed since the last cycle by more than chance would explain.",
        )]);
    } else {
        doc.paragraph(vec![plain(
            "Changes since the last cycle that are larger than chance would explain:",
        )]);
        doc.push(Block::Bullets(changed));
    }
    if !c.dropped.is_empty() {
        doc.paragraph(vec![plain(
            "Asked in an earlier cycle but not in this one, so not compared:",
        )]);
        doc.push(Block::Bullets(
            c.dropped
                .iter()
                .map(|(cycle, q)| vec![plain(format!("{} ({cycle})", quoted(q)))])
                .collect(),
        ));
    }
}

/// Whether any session did better or worse than the others beyond chance, on each rated
/// question: named with its counts, or said that none did.
fn sessions_compared(doc: &mut Document, e: &Evaluation) {
    let compared = &e.session_differences;
    if compared.is_empty() {
        return;
    }
    let apart: Vec<&crate::model::SessionDifference> =
        compared.iter().filter(|d| d.beyond_chance).collect();
    if apart.is_empty() {
        doc.paragraph(vec![plain(
            "On each rated question, each session's share of favourable answers (the top answers of the question's scale) was compared with the other sessions' together: no session stood apart from the rest by more than chance would explain.",
        )]);
        return;
    }
    doc.paragraph(vec![plain(
        "On each rated question, each session's share of favourable answers (the top answers of the question's scale) was compared with the other sessions' together. These stood apart from the rest by more than chance would explain:",
    )]);
    let items: Vec<Text> = apart
        .iter()
        .map(|d| {
            let mut line = format!(
                "{}, {}: {} answers were favourable, against {} in the other sessions",
                quoted(&d.question),
                uk_dates(&d.session),
                count_of(d.favourable, d.answered),
                count_of(d.others_favourable, d.others_answered),
            );
            if d.few {
                line.push_str(&format!(
                    " (fewer than {FEW_RESPONSES} responses: read with care)"
                ));
            }
            line.push('.');
            vec![plain(line)]
        })
        .collect();
    doc.push(Block::Bullets(items));
}

fn too_few(e: &Evaluation) -> Document {
    let mut doc = Document::new("Summary of evaluation sheets");
    doc.heading(2, "Summary");
    doc.paragraph(vec![plain(format!(
        "Fewer than {t} evaluation sheets were returned. With so few, any answer or comment could point at the member who gave it, so they are not reported; democratic services hold them.",
        t = e.protection.threshold
    ))]);
    doc
}

/// The evaluation document. `charts` are the charts drawn for the report.
/// `cycles`: the comparison with earlier cycles, if asked for, and its chart's path if drawn.
pub fn document(
    e: &Evaluation,
    charts: &[ChartFile],
    cycles: Option<(&Comparison, Option<&str>)>,
) -> Document {
    if e.protection.hides(SESSION, ALL_SESSIONS) {
        return too_few(e);
    }
    let sessions: Vec<String> = e.sessions.iter().map(|(s, _)| uk_dates(s)).collect();
    // The title says which sessions, by their dates, as the seed paper's appendix does.
    let names = || e.sessions.iter().map(|(s, _)| s.as_str());
    let title = match (date_list(names()), date_span(names())) {
        (Some(dates), _) if e.sessions.len() == 1 => {
            format!("Summary of evaluation sheets from the session held on {dates}")
        }
        (Some(dates), _) => format!("Summary of evaluation sheets from sessions held on {dates}"),
        (None, Some((first, last))) => format!(
            "Summary of evaluation sheets from {} sessions held between {first} and {last}",
            count(e.sessions.len() as u64)
        ),
        (None, None) => "Summary of evaluation sheets".to_string(),
    };
    let mut doc = Document::new(title);
    if !sessions.is_empty() {
        doc.details.push((
            if sessions.len() == 1 {
                "Session"
            } else {
                "Sessions"
            }
            .into(),
            sessions_line(&sessions),
        ));
    }
    doc.details.push((
        "Responses".into(),
        plural(e.respondents(), "evaluation sheet", "evaluation sheets"),
    ));
    let open: Vec<&str> = e
        .survey
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::FreeText)
        .map(|q| q.label.as_str())
        .collect();
    let comments = e.free_text.len() as u64;
    let listed = listed(e, &open);
    let capped = listed
        .iter()
        .any(|(_, items)| items.len() > MAX_LISTED_COMMENTS);
    let mut numbering = Numbering::new();
    doc.heading(2, "Summary");
    numbering.section();
    for finding in summary(e, comments, open.len() as u64, capped) {
        doc.push(numbering.next(finding));
    }

    doc.heading(2, "Answers to each question");
    if let Some(chart) = charts.iter().find(|c| c.group == col::OVERALL) {
        doc.push(Block::Figure(Figure {
            path: chart.path.clone(),
            title: "Answers to the rated questions, all sessions".into(),
            alt: String::new(),
            width: 100,
        }));
    }
    let mut tables = 0;
    for (q, _) in e.survey.closed() {
        if let Some(t) = answers_table(e, &q.label, tables + 1) {
            tables += 1;
            doc.push(Block::Table(t));
        }
    }
    for (q, _) in e.survey.multi_select() {
        let rows: Vec<&crate::model::ChoiceCount> = e
            .choices
            .iter()
            .filter(|c| c.group == col::OVERALL && c.question == q.label)
            .collect();
        let Some(base) = rows.first().map(|c| c.base) else {
            continue;
        };
        tables += 1;
        doc.push(Block::Table(Table {
            caption: format!(
                "Table {tables}: {} ({}{} answered; each could tick more than one option)",
                q.label.trim().trim_end_matches(':'),
                if e.sessions.len() > 1 {
                    "all sessions, "
                } else {
                    ""
                },
                count(base)
            ),
            columns: vec![
                ("Option".into(), Align::Left),
                ("Number".into(), Align::Right),
                ("Per cent of those answering".into(), Align::Right),
            ],
            rows: rows
                .iter()
                .map(|c| {
                    vec![
                        c.option.clone(),
                        count(c.respondents),
                        super::words::percent(c.respondents, base),
                    ]
                })
                .collect(),
        }));
    }

    comment_themes(&mut doc, e, &open, capped);

    let attended = attendees(e);
    let rates = attended.iter().any(Option::is_some);
    if e.sessions.len() > 1 || rates {
        doc.heading(2, "Responses by session");
        let mut columns = vec![
            ("Session".into(), Align::Left),
            ("Responses".into(), Align::Right),
        ];
        if rates {
            columns.push(("Attended".into(), Align::Right));
            columns.push(("Response rate".into(), Align::Right));
        }
        tables += 1;
        doc.push(Block::Table(Table {
            caption: format!(
                "Table {}: evaluation sheets returned from each session{}",
                tables,
                if rates {
                    ", out of the people the attendance records show attending"
                } else {
                    ""
                }
            ),
            columns,
            rows: e
                .sessions
                .iter()
                .zip(&attended)
                .map(|((s, n), a)| {
                    let mut row = vec![uk_dates(s), e.protection.session_figure(s, count(*n))];
                    if rates {
                        match a {
                            Some(_) if e.protection.hides(SESSION, s) => {
                                row.extend([CONFIDENTIAL.to_string(), CONFIDENTIAL.to_string()]);
                            }
                            Some(a) => {
                                row.push(count(*a));
                                row.push(super::words::percent(*n, *a));
                            }
                            None => row.extend(["-".to_string(), "-".to_string()]),
                        }
                    }
                    row
                })
                .collect(),
        }));
    }

    sessions_compared(&mut doc, e);
    if let Some((c, chart)) = cycles {
        earlier_cycles(&mut doc, c, chart, &mut tables);
    }

    if !open.is_empty() {
        doc.heading(2, "Appendix: comments");
        doc.paragraph(vec![plain(format!(
            "Every comment written on the evaluation sheets, under the question it answers; a comment written in the same words more than once is listed once, with how many wrote it.{} Names and contact details have been removed.",
            if capped {
                format!(" A question with more than {} different comments has them counted here; they are {FULL_LISTS}.", count(MAX_LISTED_COMMENTS as u64))
            } else {
                String::new()
            }
        ))]);
        for (q, items) in listed {
            doc.heading(3, q);
            if items.len() > MAX_LISTED_COMMENTS {
                let comments: u64 = items.iter().map(|(_, n)| n).sum();
                doc.paragraph(vec![plain(format!(
                    "{} were written in answer to this question ({} different), too many to list here: every one is {FULL_LISTS}.",
                    plural(comments, "comment", "comments"),
                    count(items.len() as u64)
                ))]);
                continue;
            }
            let items: Vec<Text> = items
                .into_iter()
                .map(|(text, n)| {
                    vec![plain(if n > 1 {
                        format!("{text} ({} comments in these words)", count(n))
                    } else {
                        text.to_string()
                    })]
                })
                .collect();
            if items.is_empty() {
                doc.paragraph(vec![plain("No comments.")]);
            } else {
                doc.push(Block::Bullets(items));
            }
        }
    }
    doc
}
