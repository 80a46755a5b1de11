//! Attendance coverage: one horizontal bar per level and per cohort, the share of members
//! expected who attended at least one session, with its 95% interval and the target drawn
//! across the bar.

use super::canvas::{text_width, wrap, Align, Canvas, DrawResult, Drawing};
use super::style::*;
use crate::model::{Attendance, CoverageRow};
use plotters::prelude::DrawingBackend;

/// Most cohort or role bars drawn; a longer list is left to the table.
const MAX_GROUP_BARS: usize = 12;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageBar {
    pub lines: Vec<String>,
    pub attended: u64,
    pub members: u64,
    /// Percent, and its interval, in percent.
    pub percent: f64,
    pub ci: (f64, f64),
    pub target: Option<f64>,
}

/// A titled block of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub bars: Vec<CoverageBar>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CoverageChart {
    pub title: Vec<String>,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

// Horizontal layout.
const LABEL_W: f64 = 230.0;
const PLOT_X0: f64 = MARGIN + LABEL_W + 14.0;
const VALUE_W: f64 = 130.0;
const PLOT_W: f64 = WIDTH - MARGIN - VALUE_W - PLOT_X0;
// Vertical layout.
const LINE_H: f64 = 16.0;
const BAR_H: f64 = 20.0;
const ROW_PAD: f64 = 12.0;
const SECTION_H: f64 = 30.0;
const AXIS_H: f64 = 26.0;
const LEGEND_H: f64 = 30.0;

const BAR: plotters::style::RGBColor = plotters::style::RGBColor(33, 102, 172);
const INTERVAL: plotters::style::RGBColor = plotters::style::RGBColor(20, 20, 20);
const TARGET: plotters::style::RGBColor = plotters::style::RGBColor(178, 24, 43);

fn bar(label: &str, r: &CoverageRow) -> Option<CoverageBar> {
    Some(CoverageBar {
        lines: wrap(label, LABEL_W, LABEL_SIZE, false),
        attended: r.attended,
        members: r.members,
        percent: r.percent?,
        ci: (r.ci_low?, r.ci_high?),
        target: r.target,
    })
}

impl CoverageChart {
    /// The chart of a run's attendance: all members and each level, then each cohort (any
    /// level), then each role when there are few enough to read.
    pub fn new(a: &Attendance) -> CoverageChart {
        let mut sections = Vec::new();
        let levels: Vec<CoverageBar> = a
            .coverage
            .iter()
            .filter(|r| r.breakdown == "all members")
            .filter_map(|r| {
                let label = if r.level == "any level" {
                    "All members, any level".to_string()
                } else {
                    r.level.clone()
                };
                bar(&label, r)
            })
            .collect();
        sections.push(Section {
            heading: "By level (members expected at the level)".into(),
            bars: levels,
        });
        for (breakdown, title) in [
            ("cohort", format!("By {} (any level)", a.cohort_name())),
            ("role", "By role (any level)".to_string()),
        ] {
            let bars: Vec<CoverageBar> = a
                .coverage
                .iter()
                .filter(|r| r.breakdown == breakdown && r.level == "any level")
                .filter_map(|r| bar(&r.group, r))
                .collect();
            if !bars.is_empty() && bars.len() <= MAX_GROUP_BARS {
                sections.push(Section {
                    heading: title,
                    bars,
                });
            }
        }
        CoverageChart {
            title: wrap(
                "Training coverage: members who attended at least one session",
                WIDTH - 2.0 * MARGIN,
                TITLE_SIZE,
                true,
            ),
            subtitle: format!(
                "{} members on the roster; bars show 95% intervals, the red line the target",
                a.members
            ),
            sections,
        }
    }

    fn row_height(b: &CoverageBar) -> f64 {
        (b.lines.len() as f64 * LINE_H).max(BAR_H) + ROW_PAD
    }

    fn top(&self) -> f64 {
        MARGIN + 10.0 + self.title.len().max(1) as f64 * TITLE_LINE_H + 26.0
    }

    fn body_height(&self) -> f64 {
        self.sections
            .iter()
            .map(|s| SECTION_H + s.bars.iter().map(Self::row_height).sum::<f64>())
            .sum()
    }
}

fn x_of(percent: f64) -> f64 {
    PLOT_X0 + percent.clamp(0.0, 100.0) / 100.0 * PLOT_W
}

impl Drawing for CoverageChart {
    fn name(&self) -> &str {
        "attendance coverage"
    }

    fn height(&self) -> f64 {
        self.top() + self.body_height() + AXIS_H + LEGEND_H + MARGIN
    }

    fn draw<DB: DrawingBackend>(&self, c: &Canvas<DB>) -> DrawResult {
        c.heading(&self.title, &self.subtitle)?;
        let top = self.top();
        let bottom = top + self.body_height();
        const TICKS: [f64; 5] = [0.0, 25.0, 50.0, 75.0, 100.0];
        for pct in TICKS {
            c.text(
                &format!("{pct:.0}%"),
                (x_of(pct), bottom + 12.0),
                NOTE_INK,
                Align::Centre,
            )?;
        }
        c.text(
            "attended / expected",
            (WIDTH - MARGIN, top - 10.0),
            NOTE_INK.bold(),
            Align::Right,
        )?;
        let mut y = top;
        for section in &self.sections {
            c.text(
                &section.heading,
                (MARGIN, y + SECTION_H / 2.0 + 2.0),
                LABEL_INK.bold(),
                Align::Left,
            )?;
            y += SECTION_H;
            // Grid behind this section's bars only, so headings stay clear.
            let end = y + section.bars.iter().map(Self::row_height).sum::<f64>();
            for pct in TICKS {
                let (colour, width) = if pct == 0.0 { (TEXT, 1.2) } else { (GRID, 0.8) };
                c.line(x_of(pct), y, x_of(pct), end, colour, width)?;
            }
            for b in &section.bars {
                let h = Self::row_height(b);
                self.draw_bar(c, b, y + h / 2.0)?;
                y += h;
            }
        }
        // Legend.
        let ly = bottom + AXIS_H + LEGEND_H / 2.0;
        let mut x = MARGIN;
        c.rect(x, ly - 6.0, x + 14.0, ly + 6.0, BAR)?;
        let label = "attended at least one session";
        c.text(label, (x + 20.0, ly), SMALL_INK, Align::Left)?;
        x += 20.0 + text_width(label, SMALL_SIZE, false) + 24.0;
        c.line(x, ly, x + 16.0, ly, INTERVAL, 1.5)?;
        c.line(x, ly - 5.0, x, ly + 5.0, INTERVAL, 1.5)?;
        c.line(x + 16.0, ly - 5.0, x + 16.0, ly + 5.0, INTERVAL, 1.5)?;
        let label = "95% interval";
        c.text(label, (x + 22.0, ly), SMALL_INK, Align::Left)?;
        x += 22.0 + text_width(label, SMALL_SIZE, false) + 24.0;
        dashed(c, x + 7.0, ly - 8.0, ly + 8.0)?;
        c.text("target", (x + 16.0, ly), SMALL_INK, Align::Left)
    }
}

/// A vertical dashed line in the target colour.
fn dashed<DB: DrawingBackend>(c: &Canvas<DB>, x: f64, y0: f64, y1: f64) -> DrawResult {
    let mut y = y0;
    while y < y1 {
        c.line(x, y, x, (y + 4.0).min(y1), TARGET, 2.0)?;
        y += 7.0;
    }
    Ok(())
}

impl CoverageChart {
    fn draw_bar<DB: DrawingBackend>(
        &self,
        c: &Canvas<DB>,
        b: &CoverageBar,
        mid: f64,
    ) -> DrawResult {
        let first_line = mid - (b.lines.len() as f64 - 1.0) * LINE_H / 2.0;
        for (i, line) in b.lines.iter().enumerate() {
            c.text(
                line,
                (MARGIN, first_line + i as f64 * LINE_H),
                LABEL_INK,
                Align::Left,
            )?;
        }
        let (y0, y1) = (mid - BAR_H / 2.0, mid + BAR_H / 2.0);
        if b.percent > 0.0 {
            c.rect(PLOT_X0, y0, x_of(b.percent), y1, BAR)?;
        }
        let (lo, hi) = (x_of(b.ci.0), x_of(b.ci.1));
        c.line(lo, mid, hi, mid, INTERVAL, 1.5)?;
        c.line(lo, mid - 5.0, lo, mid + 5.0, INTERVAL, 1.5)?;
        c.line(hi, mid - 5.0, hi, mid + 5.0, INTERVAL, 1.5)?;
        if let Some(t) = b.target {
            dashed(c, x_of(t), y0 - 4.0, y1 + 4.0)?;
        }
        c.text(
            &format!("{} / {} ({:.0}%)", b.attended, b.members, b.percent),
            (WIDTH - MARGIN, mid),
            LABEL_INK,
            Align::Right,
        )
    }
}
