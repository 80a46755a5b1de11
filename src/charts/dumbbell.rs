//! Theme scores by wave: one row per theme, a dot per wave at the mean score with its 95%
//! interval, joined by a line from the first wave to the last (a dumbbell chart). The
//! committee's version has no intervals and, where members are matched across waves, shows
//! the averages of the members in both, so that it agrees with the document's table. The
//! same chart sets training cycles side by side: a row per rated question, a dot per cycle at
//! its share of favourable answers.

use super::canvas::{subtitle_extra, text_width, wrap, Align, Canvas, DrawResult, Drawing};
use super::style::*;
use crate::model::capitalised;
use crate::model::{Comparison, SelfAssessment};
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

/// One wave's point on a row.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    mean: f64,
    ci: Option<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Row {
    lines: Vec<String>,
    /// One per wave (None: no score in that wave).
    points: Vec<Option<Point>>,
    /// Text at the right, e.g. `2.41 → 3.52`.
    value: String,
}

/// What the horizontal axis measures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Measure {
    /// A mean score on a rating scale, ticks at each point.
    Score,
    /// A percentage from 0 to 100, ticks every 20.
    Percent,
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Dumbbell {
    name: &'static str,
    measure: Measure,
    title: Vec<String>,
    subtitle: String,
    /// Legend entries: wave and members.
    waves: Vec<String>,
    /// Wave names over the value column.
    heads: Vec<String>,
    low: f64,
    high: f64,
    rows: Vec<Row>,
}

const LABEL_W: f64 = 230.0;
const PLOT_X0: f64 = MARGIN + LABEL_W + 20.0;
const VALUE_W: f64 = 140.0;
const PLOT_X1: f64 = WIDTH - MARGIN - VALUE_W;
const LINE_H: f64 = 21.0;
const ROW_MIN: f64 = 50.0;
const AXIS_H: f64 = 34.0;
const LEGEND_H: f64 = 36.0;
/// Vertical offset between the waves' dots on a row, so their intervals stay apart.
const WAVE_GAP: f64 = 9.0;
const DOT_R: f64 = 6.0;

/// Colour of each wave: orange for the first, dark blue for the last (the Analysis
/// Function's best-contrasting pair), turquoise between.
fn wave_colour(i: usize, waves: usize) -> RGBColor {
    if i == 0 {
        return af::ORANGE;
    }
    if i + 1 == waves {
        return af::DARK_BLUE;
    }
    af::TURQUOISE
}

/// The committee's theme chart: the first and last waves' averages of the members compared
/// (in both waves, when they are matched), without intervals; `None` without a comparison.
pub fn committee_chart(s: &SelfAssessment) -> Option<Dumbbell> {
    let (first, last) = (s.waves.first()?, s.waves.last()?);
    let changes = s.theme_changes();
    if s.waves.len() < 2 || changes.is_empty() {
        return None;
    }
    let paired = changes
        .iter()
        .all(|c| c.test == crate::model::Test::SignedRank);
    let members = changes.iter().map(|c| c.pairs).max().unwrap_or(0);
    let rows = changes
        .iter()
        .map(|c| {
            let points = vec![
                c.mean_from.map(|mean| Point { mean, ci: None }),
                c.mean_to.map(|mean| Point { mean, ci: None }),
            ];
            let value = points
                .iter()
                .map(|p| {
                    p.as_ref()
                        .map_or("\u{2013}".into(), |p| format!("{:.1}", p.mean))
                })
                .collect::<Vec<_>>()
                .join(" \u{2192} ");
            Row {
                lines: wrap(&c.theme, LABEL_W, LABEL_SIZE, false),
                points,
                value,
            }
        })
        .collect();
    let who = if paired {
        format!("the {members} members who took part in both")
    } else {
        "the members who took part in each".to_string()
    };
    Some(Dumbbell {
        name: "self-assessment themes",
        measure: Measure::Score,
        heads: vec![capitalised(&first.name), capitalised(&last.name)],
        title: wrap(
            &format!("Self-assessment by theme: {} and {}", first.name, last.name),
            WIDTH - 2.0 * MARGIN,
            TITLE_SIZE,
            true,
        ),
        subtitle: format!("Average rating of {who}, {}", s.scale.range_words()),
        waves: vec![capitalised(&first.name), capitalised(&last.name)],
        low: s.scale.lowest() as f64,
        high: s.scale.highest() as f64,
        rows,
    })
}

/// The theme chart of a self-assessment; `None` without theme scores.
pub fn chart(s: &SelfAssessment) -> Option<Dumbbell> {
    if !s.has_ratings() {
        return None;
    }
    let rows: Vec<Row> = s
        .themes
        .iter()
        .map(|t| {
            let points: Vec<Option<Point>> = s
                .waves
                .iter()
                .map(|w| {
                    let r = s
                        .theme_rows
                        .iter()
                        .find(|r| &r.theme == t && r.wave == w.name)?;
                    Some(Point {
                        mean: r.mean?,
                        ci: r.ci_low.zip(r.ci_high),
                    })
                })
                .collect();
            let value = points
                .iter()
                .map(|p| {
                    p.as_ref()
                        .map_or("\u{2013}".into(), |p| format!("{:.2}", p.mean))
                })
                .collect::<Vec<_>>()
                .join(" \u{2192} ");
            Row {
                lines: wrap(t, LABEL_W, LABEL_SIZE, false),
                points,
                value,
            }
        })
        .collect();
    let heads: Vec<String> = s.waves.iter().map(|w| capitalised(&w.name)).collect();
    let names: Vec<String> = s.waves.iter().map(|w| w.name.clone()).collect();
    Some(Dumbbell {
        name: "self-assessment themes",
        measure: Measure::Score,
        heads,
        title: wrap(
            &format!("Self-assessment theme scores: {}", names.join(" and ")),
            WIDTH - 2.0 * MARGIN,
            TITLE_SIZE,
            true,
        ),
        subtitle: format!(
            "Mean of members' theme scores, {}, with 95% intervals",
            s.scale.range_words(),
        ),
        waves: s
            .waves
            .iter()
            .map(|w| format!("{} ({} members)", capitalised(&w.name), w.members))
            .collect(),
        low: s.scale.lowest() as f64,
        high: s.scale.highest() as f64,
        rows,
    })
}

/// Training cycles side by side: each rated question's share of favourable answers in every
/// cycle (a cycle whose share is not shown has no dot); `None` without a question.
pub fn cycles_chart(c: &Comparison) -> Option<Dumbbell> {
    let labels: Vec<String> = c
        .trends
        .first()?
        .cycles
        .iter()
        .map(|(l, _)| l.clone())
        .collect();
    let rows = c
        .trends
        .iter()
        .map(|t| {
            let points: Vec<Option<Point>> = t
                .cycles
                .iter()
                .map(|(_, s)| {
                    s.map(|(k, n)| Point {
                        mean: 100.0 * k as f64 / n as f64,
                        ci: None,
                    })
                })
                .collect();
            let value = t
                .cycles
                .iter()
                .map(|(_, s)| {
                    s.map_or("\u{2013}".into(), |(k, n)| {
                        crate::model::whole_percent(k, n)
                    })
                })
                .collect::<Vec<_>>()
                .join(" \u{2192} ");
            Row {
                lines: wrap(&t.question, LABEL_W, LABEL_SIZE, false),
                points,
                value,
            }
        })
        .collect();
    Some(Dumbbell {
        name: "training cycles",
        measure: Measure::Percent,
        title: wrap(
            &format!("Favourable answers by training cycle: {}", labels.join(", ")),
            WIDTH - 2.0 * MARGIN,
            TITLE_SIZE,
            true,
        ),
        subtitle: "Share of each rated question's answers that were favourable (the top answers of its scale)".into(),
        waves: labels.clone(),
        heads: labels,
        low: 0.0,
        high: 100.0,
        rows,
    })
}

impl Dumbbell {
    fn top(&self) -> f64 {
        MARGIN
            + 10.0
            + self.title.len().max(1) as f64 * TITLE_LINE_H
            + 34.0
            + subtitle_extra(&self.subtitle)
    }

    fn row_height(r: &Row) -> f64 {
        (r.lines.len() as f64 * LINE_H + 12.0).max(ROW_MIN)
    }

    fn body(&self) -> f64 {
        self.rows.iter().map(Self::row_height).sum()
    }

    fn x(&self, v: f64) -> f64 {
        let span = (self.high - self.low).max(1.0);
        PLOT_X0 + (v.clamp(self.low, self.high) - self.low) / span * (PLOT_X1 - PLOT_X0)
    }
}

impl Drawing for Dumbbell {
    fn name(&self) -> &str {
        self.name
    }

    fn title(&self) -> String {
        self.title.join(" ")
    }

    fn description(&self) -> String {
        let mut out = match self.measure {
            Measure::Score => format!(
                "Dot chart, {}: the average rating of each of {} themes at {}, on a scale of {} to {}.",
                self.title(),
                self.rows.len(),
                crate::model::and_list(&self.waves).to_lowercase(),
                self.low,
                self.high
            ),
            Measure::Percent => format!(
                "Dot chart, {}: the share of favourable answers to each of {} rated questions in each cycle ({}), from 0 to 100%.",
                self.title(),
                self.rows.len(),
                self.waves.join("; "),
            ),
        };
        let at_last = match self.measure {
            Measure::Score => "Highest at the latest",
            Measure::Percent => "Highest in the last cycle",
        };
        let last = |r: &Row| r.points.iter().rev().flatten().next().map(|p| p.mean);
        let rated: Vec<(&Row, f64)> = self
            .rows
            .iter()
            .filter_map(|r| Some((r, last(r)?)))
            .collect();
        let high = rated.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let low = rated.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some(h), Some(l)) = (high, low) {
            out.push_str(&format!(
                " {at_last}: {} ({}); lowest: {} ({}).",
                h.0.lines.join(" "),
                h.0.value,
                l.0.lines.join(" "),
                l.0.value
            ));
        }
        out
    }

    fn height(&self) -> f64 {
        self.top() + self.body() + AXIS_H + LEGEND_H + MARGIN
    }

    fn draw<DB: DrawingBackend>(&self, c: &Canvas<DB>) -> DrawResult {
        c.heading(&self.title, &self.subtitle)?;
        let top = self.top();
        let bottom = top + self.body();
        // Shaded bands behind every other row, then the grid over the whole body.
        let mut y = top;
        for (k, row) in self.rows.iter().enumerate() {
            let h = Self::row_height(row);
            if k % 2 == 1 {
                c.rect(MARGIN, y, WIDTH - MARGIN, y + h, RGBColor(246, 246, 246))?;
            }
            y += h;
        }
        let (step, suffix, axis) = match self.measure {
            Measure::Score => (1.0, "", "mean score"),
            Measure::Percent => (20.0, "%", "favourable answers"),
        };
        let mut tick = self.low;
        while tick <= self.high + 1e-9 {
            let x = self.x(tick);
            c.line(x, top, x, bottom, GRID, 0.8)?;
            c.text(
                &format!("{tick:.0}{suffix}"),
                (x, bottom + 12.0),
                NOTE_INK,
                Align::Centre,
            )?;
            tick += step;
        }
        c.text(
            axis,
            ((PLOT_X0 + PLOT_X1) / 2.0, bottom + 26.0),
            NOTE_INK,
            Align::Centre,
        )?;
        c.text(
            &self.heads.join(" \u{2192} "),
            (WIDTH - MARGIN, top - 12.0),
            NOTE_INK.bold(),
            Align::Right,
        )?;
        let n = self.waves.len();
        let mut y = top;
        for row in &self.rows {
            let h = Self::row_height(row);
            let mid = y + h / 2.0;
            c.label(&row.lines, MARGIN, mid, LINE_H, LABEL_INK)?;
            let offset = |i: usize| (i as f64 - (n as f64 - 1.0) / 2.0) * WAVE_GAP;
            // The line from the first wave's mean to the last's.
            let present: Vec<(usize, &Point)> = row
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, p)| p.as_ref().map(|p| (i, p)))
                .collect();
            if let (Some(first), Some(last)) = (present.first(), present.last()) {
                if first.0 != last.0 {
                    c.line(
                        self.x(first.1.mean),
                        mid + offset(first.0),
                        self.x(last.1.mean),
                        mid + offset(last.0),
                        RGBColor(190, 190, 190),
                        3.0,
                    )?;
                }
            }
            for (i, p) in &present {
                let yy = mid + offset(*i);
                let colour = wave_colour(*i, n);
                if let Some((lo, hi)) = p.ci {
                    c.line(self.x(lo), yy, self.x(hi), yy, colour, 1.5)?;
                    c.line(self.x(lo), yy - 4.0, self.x(lo), yy + 4.0, colour, 1.5)?;
                    c.line(self.x(hi), yy - 4.0, self.x(hi), yy + 4.0, colour, 1.5)?;
                }
                c.dot(self.x(p.mean), yy, DOT_R, colour)?;
            }
            c.text(&row.value, (WIDTH - MARGIN, mid), LABEL_INK, Align::Right)?;
            y += h;
        }
        // Legend.
        let ly = bottom + AXIS_H + LEGEND_H / 2.0 + 6.0;
        let mut x = MARGIN;
        for (i, w) in self.waves.iter().enumerate() {
            c.dot(x + 6.0, ly, DOT_R, wave_colour(i, n))?;
            c.text(w, (x + 18.0, ly), SMALL_INK, Align::Left)?;
            x += 18.0 + text_width(w, SMALL_SIZE, false) + 24.0;
        }
        if !self
            .rows
            .iter()
            .any(|r| r.points.iter().flatten().any(|p| p.ci.is_some()))
        {
            return Ok(());
        }
        c.line(x, ly, x + 16.0, ly, TEXT, 1.5)?;
        c.line(x, ly - 4.0, x, ly + 4.0, TEXT, 1.5)?;
        c.line(x + 16.0, ly - 4.0, x + 16.0, ly + 4.0, TEXT, 1.5)?;
        c.text(
            "95% interval of the mean",
            (x + 22.0, ly),
            SMALL_INK,
            Align::Left,
        )
    }
}
