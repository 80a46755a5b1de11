//! The Markdown briefing: headlines, the appendix-style summary per question, results by
//! session, free-text answers, charts and the data-quality account. Written to be pasted into
//! a committee paper.

use super::ChartFile;
use crate::model::thresholds::MAX_OUTSIDE_SHARE;
use crate::model::{
    count, plural, Evaluation, FileStatus, OptionCount, QuestionSummary, Scale, ScaleKind,
    Severity, Survey,
};
use std::collections::HashMap;
use std::fmt::Write;

/// Diagnostics listed in the briefing itself; the rest are in `tables/diagnostics.csv`.
const DIAGNOSTICS_SHOWN: usize = 25;

fn pct(x: f64) -> String {
    format!("{x:.1}%")
}

use super::write::markdown::escape as cell;

/// Which of the charts besides the Likert ones were drawn (their links go in the sections).
#[derive(Clone, Copy)]
pub struct Drawn {
    pub coverage: bool,
    pub themes: bool,
    pub self_assessment: bool,
}

/// `title` is the committee report's (`[report] title`), which heads the briefing when set.
pub fn render(
    e: &Evaluation,
    charts: &[ChartFile],
    drawn: Drawn,
    version: &str,
    title: Option<&str>,
) -> Vec<u8> {
    let mut out = String::new();
    let sessions = e.sessions.len() as u64;
    let read = e.read_files();
    match title {
        Some(t) => {
            let _ = writeln!(
                out,
                "# {}\n\nBriefing on the training evaluation: {}\n",
                cell(t),
                cell(&e.name)
            );
        }
        None => {
            let _ = writeln!(out, "# Training evaluation: {}\n", cell(&e.name));
        }
    }
    let _ = writeln!(
        out,
        "{} from {}, read from {}. Produced by evalboard {version}.\n",
        plural(e.respondents(), "response", "responses"),
        plural(sessions, "session", "sessions"),
        plural(read as u64, "file", "files"),
    );
    headlines(&mut out, e);
    if e.respondents() > 0 || e.tallied_answers() > 0 {
        summary(&mut out, e);
        by_session(&mut out, e);
    }
    multi_select(&mut out, e);
    super::free_text::section(&mut out, e, drawn.themes);
    if let Some(a) = &e.attendance {
        super::attendance::section(&mut out, a, drawn.coverage);
    }
    if let Some(s) = &e.self_assessment {
        super::self_assessment::section(&mut out, s, drawn.self_assessment);
    }
    chart_links(&mut out, charts);
    data_quality(&mut out, e);
    out.into_bytes()
}

fn overall(e: &Evaluation) -> impl Iterator<Item = &QuestionSummary> {
    e.summaries
        .iter()
        .filter(|s| s.group == crate::model::col::OVERALL)
}

fn counts_of<'a>(
    e: &'a Evaluation,
    group: &'a str,
    question: &'a str,
) -> impl Iterator<Item = &'a OptionCount> {
    e.counts
        .iter()
        .filter(move |c| c.group == group && c.question == question)
}

fn headlines(out: &mut String, e: &Evaluation) {
    let _ = writeln!(out, "## Headlines\n");
    if e.failed_files() > 0 {
        let _ = writeln!(
            out,
            "- **Warning:** {} could not be read and {} not included; see [Data quality](#data-quality).",
            plural(e.failed_files() as u64, "file", "files"),
            if e.failed_files() == 1 { "is" } else { "are" }
        );
    }
    if let Some(s) = e
        .attendance
        .as_ref()
        .and_then(super::attendance::overall_sentence)
    {
        let _ = writeln!(out, "- **Attendance** \u{2014} {s}.");
    }
    for s in overall(e) {
        let Some((_, scale)) = e.survey.closed().find(|(q, _)| q.label == s.question) else {
            continue;
        };
        if scale.kind == ScaleKind::Categories {
            continue;
        }
        if !scale.confirmed {
            let _ = writeln!(
                out,
                "- **{}** \u{2014} no headline: its scale was assumed, not read from the form (needs checking; see Data quality).",
                cell(&s.question)
            );
            continue;
        }
        let Some(top2) = s.top2_percent else {
            let _ = writeln!(
                out,
                "- **{}** \u{2014} no substantive answers.",
                cell(&s.question)
            );
            continue;
        };
        // A headline is never built on a question whose answers mostly fit no option.
        let outside = e
            .unmatched
            .iter()
            .filter(|u| u.question == s.question)
            .count() as u64;
        if outside as f64 > MAX_OUTSIDE_SHARE * (s.n + outside) as f64 {
            let _ = writeln!(
                out,
                "- **{}** \u{2014} no headline: {} of {} answers fit no option of its scale (see Data quality).",
                cell(&s.question),
                count(outside),
                count(s.n + outside)
            );
            continue;
        }
        let names = scale
            .favourable_labels()
            .iter()
            .map(|l| format!("\"{l}\""))
            .collect::<Vec<_>>()
            .join(" or ");
        let _ = writeln!(
            out,
            "- **{}** \u{2014} {} answered {names} (95% CI {}\u{2013}{}; {} substantive answers).",
            cell(&s.question),
            pct(top2),
            pct(s.top2_ci_low.unwrap_or(0.0)),
            pct(s.top2_ci_high.unwrap_or(0.0)),
            count(s.n_substantive),
        );
    }
    let _ = writeln!(out);
}

/// What the favourable share of a scale is called in the text.
fn favourable_name(scale: &Scale) -> String {
    let labels = scale.favourable_labels();
    match labels.as_slice() {
        [one] => format!("Answering \"{one}\""),
        [_, _] => "Top two answers".into(),
        many => format!("Top {} answers", many.len()),
    }
}

fn summary(out: &mut String, e: &Evaluation) {
    let _ = writeln!(out, "## Summary of evaluation sheets\n");
    let _ = writeln!(
        out,
        "Of {}:\n",
        plural(e.respondents(), "response", "responses")
    );
    let mut footnote = false;
    for s in overall(e) {
        let Some((question, scale)) = e.survey.closed().find(|(q, _)| q.label == s.question) else {
            continue;
        };
        let _ = writeln!(out, "### {}\n", cell(&question.label));
        let _ = writeln!(out, "| Answer | Responses | % |\n|:--|--:|--:|");
        for c in counts_of(e, &s.group, &s.question) {
            let ns = scale.options[c.position as usize - 1].sentiment.is_none();
            footnote |= ns;
            let _ = writeln!(
                out,
                "| {}{} | {} | {} |",
                cell(&c.option),
                if ns { " \u{2020}" } else { "" },
                count(c.count),
                c.percent.map(pct).unwrap_or_else(|| "\u{2013}".into()),
            );
        }
        let _ = writeln!(out);
        let _ = write!(out, "n = {} answered", count(s.n));
        if let (Some(mean), Some(((hi, best), (lo, worst)))) = (s.mean, scale.score_ends()) {
            let _ = write!(
                out,
                ". Mean score {mean:.2} out of {hi} ({hi} = \"{best}\", {lo} = \"{worst}\") over {} substantive answers",
                count(s.n_substantive)
            );
        }
        if !scale.confirmed {
            let _ = write!(
                out,
                ". Answers are numbers, and the higher is assumed the more favourable (not confirmed by a survey definition)"
            );
        }
        if let (Some(t), Some(lo), Some(hi)) = (s.top2_percent, s.top2_ci_low, s.top2_ci_high) {
            let _ = write!(
                out,
                ". {}: {} (95% CI {}\u{2013}{})",
                favourable_name(scale),
                pct(t),
                pct(lo),
                pct(hi)
            );
        }
        let _ = writeln!(out, ".\n");
    }
    if footnote {
        let _ = writeln!(
            out,
            "\u{2020} Not substantive: counted in the tables, left out of means and of the top-two share.\n"
        );
    }
}

/// One row per session (all sessions first), one column per scale question: works for two
/// sessions or a thousand.
fn by_session(out: &mut String, e: &Evaluation) {
    if e.sessions.len() < 2 {
        return;
    }
    let questions: Vec<&str> = overall(e).map(|s| s.question.as_str()).collect();
    let index: HashMap<(&str, &str), &QuestionSummary> = e
        .summaries
        .iter()
        .map(|s| ((s.group.as_str(), s.question.as_str()), s))
        .collect();
    let _ = writeln!(
        out,
        "## By session
"
    );
    let _ = writeln!(
        out,
        "Share choosing one of the top two answers, with the number of substantive answers in brackets.\n"
    );
    for (i, q) in questions.iter().enumerate() {
        let _ = writeln!(out, "- Q{}: {}", i + 1, cell(q));
    }
    let _ = write!(out, "\n| Session | Responses |");
    for i in 0..questions.len() {
        let _ = write!(out, " Q{} |", i + 1);
    }
    let _ = write!(out, "\n|:--|--:|");
    for _ in &questions {
        let _ = write!(out, "--:|");
    }
    let _ = writeln!(out);
    let groups = std::iter::once((crate::model::col::OVERALL, "All sessions", e.respondents()))
        .chain(e.sessions.iter().map(|(s, n)| (s.as_str(), s.as_str(), *n)));
    for (group, label, responses) in groups {
        let responses = e.protection.session_figure(group, count(responses));
        let _ = write!(out, "| {} | {} |", cell(label), cell(&responses));
        for q in &questions {
            let text = match index
                .get(&(group, *q))
                .and_then(|s| s.top2_percent.map(|t| (t, s.n_substantive)))
            {
                Some((t, n)) => format!("{} ({})", pct(t), count(n)),
                None => "\u{2013}".into(),
            };
            let _ = write!(out, " {text} |");
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(out);
}

fn chart_links(out: &mut String, charts: &[ChartFile]) {
    if charts.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Charts\n");
    if let Some(first) = charts.first() {
        let _ = writeln!(out, "![{}]({}.png)\n", cell(&first.title), first.path);
    }
    for c in charts {
        let _ = writeln!(
            out,
            "- {}: [PNG]({p}.png), [SVG]({p}.svg)",
            cell(&c.title),
            p = c.path
        );
    }
    let _ = writeln!(out);
}

/// Tick-all-that-apply questions: share of the respondents who ticked anything.
fn multi_select(out: &mut String, e: &Evaluation) {
    let overall: Vec<_> = e
        .choices
        .iter()
        .filter(|c| c.group == crate::model::col::OVERALL)
        .collect();
    if overall.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Tick-all-that-apply questions\n");
    for run in overall.chunk_by(|a, b| a.question == b.question) {
        let base = run[0].base;
        let _ = writeln!(
            out,
            "**{}** ({} ticked at least one option; shares add up to more than 100%)\n",
            cell(&run[0].question),
            plural(base, "respondent", "respondents")
        );
        let _ = writeln!(out, "| Option | Respondents | Share |\n|:--|--:|--:|");
        for c in run {
            let share = c.percent.map(pct).unwrap_or_else(|| "\u{2013}".into());
            let _ = writeln!(
                out,
                "| {} | {} | {share} |",
                cell(&c.option),
                count(c.respondents)
            );
        }
        let _ = writeln!(out);
    }
}

/// `- What: n read = n used + n rejected.`
fn rows_line(out: &mut String, what: &str, r: crate::model::RowAccount) {
    let _ = writeln!(
        out,
        "- {what}: {} read = {} used + {} rejected{}.",
        count(r.read),
        count(r.used),
        count(r.rejected),
        if r.balances() {
            ""
        } else {
            " (DOES NOT BALANCE)"
        },
    );
}

fn data_quality(out: &mut String, e: &Evaluation) {
    let _ = writeln!(out, "## Data quality\n");
    let r = e.rows;
    let _ = writeln!(
        out,
        "- Files: {} read, {} failed.\n- Rows: {} read = {} used + {} rejected{}.\n- Answers that fit no option of their question's scale: {} (kept in the tidy table in `internal/`, listed in `tables/unmatched_answers.csv`, left out of counts).",
        count(e.read_files() as u64),
        count(e.failed_files() as u64),
        count(r.read),
        count(r.used),
        count(r.rejected),
        if r.balances() { "" } else { " (DOES NOT BALANCE)" },
        count(e.unmatched.len() as u64),
    );
    if let Some(a) = &e.attendance {
        rows_line(out, "Attendance rows (roster and records)", a.rows);
    }
    if let Some(a) = &e.self_assessment {
        rows_line(out, "Self-assessment rows (members' ratings)", a.rows);
    }
    if e.tallied_answers() > 0 {
        let _ = writeln!(
            out,
            "- {} come from tally sheets (already counted by hand). They are in the counts, means and top-two shares, but have no rows per respondent: duplicate checks, completeness and respondent numbers do not cover them.",
            plural(e.tallied_answers(), "answer", "answers")
        );
    }
    let mut checks: Vec<(crate::model::Check, usize)> = Vec::new();
    for d in e
        .diagnostics
        .iter()
        .filter(|d| d.severity <= Severity::Warning)
    {
        match checks.iter_mut().find(|(c, _)| *c == d.check) {
            Some(slot) => slot.1 += 1,
            None => checks.push((d.check, 1)),
        }
    }
    checks.sort();
    let _ = writeln!(out);
    if !checks.is_empty() {
        let _ = writeln!(out, "| Check | Findings |\n|:--|--:|");
        for (check, n) in &checks {
            let _ = writeln!(
                out,
                "| {} | {} |",
                check.name().replace('_', " "),
                count(*n as u64)
            );
        }
        let _ = writeln!(
            out,
            "\nEvery finding, with file, sheet, row and column, is in `tables/data_quality.csv`.\n"
        );
    }
    let _ = writeln!(out, "| File | Sheet | Header row | Rows read | Used | Rejected | Status |\n|:--|:--|--:|--:|--:|--:|:--|");
    for f in e.all_files() {
        let status = match &f.status {
            FileStatus::Read => "read".to_string(),
            FileStatus::Failed(reason) => format!("**failed**: {}", cell(reason)),
            FileStatus::Skipped(reason) => format!("skipped: {}", cell(reason)),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {status} |",
            cell(&f.file),
            cell(f.sheet.as_deref().unwrap_or("\u{2013}")),
            f.header_row
                .map(|h| h.to_string())
                .unwrap_or_else(|| "\u{2013}".into()),
            count(f.rows.read),
            count(f.rows.used),
            count(f.rows.rejected),
        );
    }
    let _ = writeln!(out);
    let notable: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Error)
        .collect();
    if !notable.is_empty() {
        let _ = writeln!(out, "Points to check ({}):\n", count(notable.len() as u64));
        for d in notable.iter().take(DIAGNOSTICS_SHOWN) {
            let _ = writeln!(out, "- {}", cell(&d.published()));
        }
        if notable.len() > DIAGNOSTICS_SHOWN {
            let _ = writeln!(
                out,
                "- \u{2026} and {} more in `tables/data_quality.csv`.",
                count((notable.len() - DIAGNOSTICS_SHOWN) as u64)
            );
        }
        let _ = writeln!(out);
    }
    questions_note(out, &e.survey);
}

fn questions_note(out: &mut String, survey: &Survey) {
    let likert: Vec<String> = survey
        .likert()
        .map(|(q, s)| format!("{} ({} scale)", cell(&q.label), s.name))
        .collect();
    let categories: Vec<String> = survey
        .closed()
        .filter(|(_, s)| s.kind == ScaleKind::Categories)
        .map(|(q, _)| cell(&q.label))
        .collect();
    let ticks: Vec<String> = survey.multi_select().map(|(q, _)| cell(&q.label)).collect();
    if !ticks.is_empty() {
        let _ = writeln!(
            out,
            "Tick-all-that-apply questions: {}.\n",
            ticks.join("; ")
        );
    }
    if !categories.is_empty() {
        let _ = writeln!(
            out,
            "Questions read as categories (counted, no mean or favourable share): {}.\n",
            categories.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "Questions read as scales: {}. Read as free text: {}.",
        if likert.is_empty() {
            "none".into()
        } else {
            likert.join("; ")
        },
        survey.free_text().count()
    );
}
