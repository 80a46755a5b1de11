//! Statement scores as a heat map: one row per statement under its theme's heading, one
//! column per wave shaded by the mean score (darker is higher), and a change column shaded
//! blue for a rise and red for a fall. Every cell also prints its number.

use super::canvas::{subtitle_extra, wrap, Align, Canvas, DrawResult, Drawing};
use super::style::*;
use crate::model::capitalised;
use crate::model::SelfAssessment;
use plotters::prelude::DrawingBackend;
use plotters::style::RGBColor;

#[derive(Debug, Clone, PartialEq)]
enum Line {
    Theme(String),
    Statement {
        lines: Vec<String>,
        /// Mean per wave.
        means: Vec<Option<f64>>,
        change: Option<f64>,
    },
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    title: Vec<String>,
    subtitle: String,
    columns: Vec<String>,
    low: f64,
    high: f64,
    lines: Vec<Line>,
}

const LABEL_W: f64 = 420.0;
const GRID_X0: f64 = MARGIN + LABEL_W + 12.0;
const TEXT_H: f64 = 20.0;
const THEME_H: f64 = 36.0;
const CELL_GAP: f64 = 2.0;
/// A change of this size (in scale points) or more gets the strongest colour.
const CHANGE_FULL: f64 = 1.5;

/// Heading of the change column.
const CHANGE: &str = "Change";

fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// ColorBrewer Blues ends: light to dark.
const LOW: RGBColor = RGBColor(239, 243, 255);
const HIGH: RGBColor = RGBColor(8, 69, 148);
const RISE: RGBColor = af::DARK_BLUE;
const FALL: RGBColor = af::DARK_PINK;
const FLAT: RGBColor = RGBColor(247, 247, 247);

/// The statements chart of a self-assessment; `None` without ratings.
pub fn chart(s: &SelfAssessment) -> Option<HeatMap> {
    if !s.has_ratings() {
        return None;
    }
    let first = s.waves.first()?.name.clone();
    let last = s.waves.last()?.name.clone();
    let mut lines = Vec::new();
    for theme in &s.themes {
        lines.push(Line::Theme(theme.clone()));
        let statements: Vec<&str> = s
            .items
            .iter()
            .filter(|r| &r.theme == theme && r.wave == first)
            .map(|r| r.statement.as_str())
            .collect();
        for st in statements {
            let mean_in = |wave: &str| {
                s.items
                    .iter()
                    .find(|r| r.wave == wave && &r.theme == theme && r.statement == st)
                    .and_then(|r| r.mean)
            };
            let means: Vec<Option<f64>> = s.waves.iter().map(|w| mean_in(&w.name)).collect();
            let change = s
                .changes
                .iter()
                .find(|c| {
                    c.level == crate::model::Scope::Statement
                        && c.to == last
                        && &c.theme == theme
                        && c.statement == st
                })
                .and_then(|c| c.change);
            lines.push(Line::Statement {
                lines: wrap(st, LABEL_W, SMALL_SIZE, false),
                means,
                change,
            });
        }
    }
    let mut columns: Vec<String> = s.waves.iter().map(|w| capitalised(&w.name)).collect();
    if s.waves.len() > 1 {
        columns.push(CHANGE.into());
    }
    let mut chart = HeatMap {
        title: wrap(
            "Self-assessment: mean rating of each statement",
            WIDTH - 2.0 * MARGIN,
            TITLE_SIZE,
            true,
        ),
        subtitle: format!(
            "Mean rating, {}; change among members who took part both times",
            s.scale.range_words()
        ),
        columns,
        low: s.scale.lowest() as f64,
        high: s.scale.highest() as f64,
        lines,
    };
    chart.fit();
    Some(chart)
}

impl HeatMap {
    /// Leaves out the last themes until the chart fits the height of an A4 page's text, and
    /// says so under the title.
    fn fit(&mut self) {
        let themes = |lines: &[Line]| lines.iter().filter(|l| matches!(l, Line::Theme(_))).count();
        let all = themes(&self.lines);
        while self.height() > MAX_HEIGHT && themes(&self.lines) > 1 {
            let last = self
                .lines
                .iter()
                .rposition(|l| matches!(l, Line::Theme(_)))
                .unwrap_or(0);
            self.lines.truncate(last);
        }
        let shown = themes(&self.lines);
        if shown < all {
            self.subtitle.push_str(&format!(
                "; the first {shown} of {all} themes (all in the table)"
            ));
        }
    }
}

/// One cell of the grid: a tile in `fill` with `label` centred on it, in white when `light`.
#[allow(clippy::too_many_arguments)]
fn tile<DB: DrawingBackend>(
    c: &Canvas<DB>,
    x0: f64,
    y0: f64,
    w: f64,
    h: f64,
    fill: RGBColor,
    label: &str,
    light: bool,
) -> DrawResult {
    c.rect(
        x0 + CELL_GAP,
        y0 + CELL_GAP,
        x0 + w - CELL_GAP,
        y0 + h - CELL_GAP,
        fill,
    )?;
    let ink = if light {
        SMALL_INK.colour(BACKGROUND)
    } else {
        SMALL_INK
    };
    c.text(label, (x0 + w / 2.0, y0 + h / 2.0), ink, Align::Centre)
}

impl HeatMap {
    fn top(&self) -> f64 {
        MARGIN
            + 10.0
            + self.title.len().max(1) as f64 * TITLE_LINE_H
            + 40.0
            + subtitle_extra(&self.subtitle)
    }

    fn line_height(l: &Line) -> f64 {
        match l {
            Line::Theme(_) => THEME_H,
            Line::Statement { lines, .. } => (lines.len() as f64 * TEXT_H + 8.0).max(24.0),
        }
    }

    fn column_width(&self) -> f64 {
        (WIDTH - MARGIN - GRID_X0) / self.columns.len().max(1) as f64
    }
}

impl Drawing for HeatMap {
    fn name(&self) -> &str {
        "self-assessment statements"
    }

    fn title(&self) -> String {
        self.title.join(" ")
    }

    fn description(&self) -> String {
        let statements: Vec<(String, f64)> = self
            .lines
            .iter()
            .filter_map(|l| match l {
                Line::Statement { lines, means, .. } => Some((
                    lines.join(" "),
                    means.iter().rev().flatten().next().copied()?,
                )),
                Line::Theme(_) => None,
            })
            .collect();
        let mut out = format!(
            "Heat map, {}: the average rating of each of {} statements ({}), on a scale of {} to {}, darker for higher.",
            self.title(),
            statements.len(),
            self.columns.join(", "),
            self.low,
            self.high
        );
        let high = statements.iter().max_by(|a, b| a.1.total_cmp(&b.1));
        let low = statements.iter().min_by(|a, b| a.1.total_cmp(&b.1));
        if let (Some(h), Some(l)) = (high, low) {
            out.push_str(&format!(
                " Highest at the latest: {} ({:.2}); lowest: {} ({:.2}).",
                h.0, h.1, l.0, l.1
            ));
        }
        out
    }

    fn height(&self) -> f64 {
        self.top() + self.lines.iter().map(Self::line_height).sum::<f64>() + MARGIN
    }

    fn draw<DB: DrawingBackend>(&self, c: &Canvas<DB>) -> DrawResult {
        c.heading(&self.title, &self.subtitle)?;
        let top = self.top();
        let w = self.column_width();
        for (i, name) in self.columns.iter().enumerate() {
            let x = GRID_X0 + (i as f64 + 0.5) * w;
            c.text(name, (x, top - 12.0), NOTE_INK.bold(), Align::Centre)?;
        }
        let waves = self.columns.len() - usize::from(self.columns.len() > 1);
        let mut y = top;
        for line in &self.lines {
            let h = Self::line_height(line);
            match line {
                Line::Theme(name) => {
                    c.text(
                        name,
                        (MARGIN, y + h / 2.0 + 4.0),
                        LABEL_INK.bold(),
                        Align::Left,
                    )?;
                }
                Line::Statement {
                    lines,
                    means,
                    change,
                } => {
                    c.label(lines, MARGIN + 10.0, y + h / 2.0, TEXT_H, SMALL_INK)?;
                    for (i, m) in means.iter().enumerate().take(waves) {
                        let (fill, label, light) = match m {
                            Some(v) => {
                                let t = (v - self.low) / (self.high - self.low).max(1.0);
                                (mix(LOW, HIGH, t), format!("{v:.2}"), t > 0.55)
                            }
                            None => (GRID, "\u{2013}".to_string(), false),
                        };
                        tile(c, GRID_X0 + i as f64 * w, y, w, h, fill, &label, light)?;
                    }
                    if waves < self.columns.len() {
                        let (fill, label, light) = match change {
                            Some(d) => {
                                let t = d.abs() / CHANGE_FULL;
                                let end = if *d >= 0.0 { RISE } else { FALL };
                                (mix(FLAT, end, t), format!("{d:+.2}"), t > 0.55)
                            }
                            None => (GRID, "\u{2013}".to_string(), false),
                        };
                        tile(c, GRID_X0 + waves as f64 * w, y, w, h, fill, &label, light)?;
                    }
                }
            }
            y += h;
        }
        Ok(())
    }
}
