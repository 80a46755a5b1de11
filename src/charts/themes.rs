//! Free-text themes: per question, one bar per theme, the share of the question's
//! respondents whose comment carries it, with the count.

use super::bars::{Bar, BarChart, Section};
use crate::model::count;
use crate::model::{col, Evaluation, NO_THEME};

/// The themes of every free-text question answered, all sessions together; `None` when no
/// free-text question has an answer.
pub fn chart(e: &Evaluation) -> Option<BarChart> {
    let mut chart = BarChart::new(
        "free-text themes",
        "Free-text answers by theme",
        "Share of each question's respondents whose comment carries the theme; a comment can carry several".into(),
    );
    chart.value_heading = "respondents".into();
    chart.bar_legend = "respondents whose comment carries the theme".into();
    for q in e.survey.free_text() {
        let rows: Vec<_> = e
            .themes
            .iter()
            .filter(|t| t.group == col::OVERALL && t.question == q.label)
            .collect();
        let Some(first) = rows.first() else {
            continue;
        };
        let bars = rows
            .iter()
            .filter_map(|t| {
                let share = t.share?;
                let label = if t.theme == NO_THEME {
                    "No theme"
                } else {
                    t.theme.as_str()
                };
                Some(Bar {
                    muted: t.theme == NO_THEME,
                    ..Bar::new(
                        label,
                        share,
                        format!("{} ({share:.0}%)", count(t.respondents)),
                    )
                })
            })
            .collect();
        chart.sections.push(Section {
            heading: format!("{} (n = {})", q.label, count(first.answered)),
            bars,
        });
    }
    (!chart.sections.is_empty()).then_some(chart)
}
