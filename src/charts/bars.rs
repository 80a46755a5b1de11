//! Horizontal bars of percentages in titled sections, each bar with its label on the left and
//! its value on the right, optionally a 95% interval and a target line: the shape of the
//! attendance-coverage chart (`coverage.rs`) and of the free-text themes chart (`themes.rs`).

use super::canvas::{subtitle_extra, text_width, wrap, Align, Canvas, DrawResult, Drawing};
use super::style::*;
use plotters::prelude::DrawingBackend;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The label, wrapped.
    pub lines: Vec<String>,
    /// Length of the bar, in percent.
    pub percent: f64,
    /// 95% interval, in percent.
    pub ci: Option<(f64, f64)>,
    pub target: Option<f64>,
    /// Text at the right, e.g. `19 / 24 (79%)`.
    pub value: String,
    /// Drawn in grey: a residual category such as comments no theme fits.
    pub muted: bool,
}

impl Bar {
    pub fn new(label: &str, percent: f64, value: String) -> Bar {
        Bar {
            lines: wrap(label, LABEL_W, LABEL_SIZE, false),
            percent,
            ci: None,
            target: None,
            value,
            muted: false,
        }
    }
}

/// A titled block of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub bars: Vec<Bar>,
}

/// A whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Name in error messages.
    pub name: String,
    pub title: Vec<String>,
    pub subtitle: String,
    /// Heading of the value column, e.g. `attended / expected`.
    pub value_heading: String,
    /// Legend text of the bar colour.
    pub bar_legend: String,
    pub sections: Vec<Section>,
    /// Width of the label column: [`LABEL_W`] unless widened ([`BarChart::compact`]).
    label_w: f64,
    /// Drawn without its title, subtitle and bar legend, for a page whose caption carries
    /// the title (the board's page): the title stays the SVG's title and the alt text's.
    compact: bool,
}

// Horizontal layout.
const LABEL_W: f64 = 230.0;
const VALUE_W: f64 = 160.0;
/// The widest label column of a compact chart, leaving the bars 200 units.
const COMPACT_LABEL_W: f64 = 340.0;
// Vertical layout.
const LINE_H: f64 = 21.0;
const BAR_H: f64 = 24.0;
const ROW_PAD: f64 = 12.0;
const SECTION_H: f64 = 36.0;
const AXIS_H: f64 = 30.0;
const LEGEND_H: f64 = 36.0;

const BAR: plotters::style::RGBColor = af::DARK_BLUE;
const INTERVAL: plotters::style::RGBColor = plotters::style::RGBColor(20, 20, 20);
const TARGET: plotters::style::RGBColor = af::ORANGE;

impl BarChart {
    /// Leaves out the last bars until the chart fits the height of an A4 page's text, and
    /// says so under the title.
    pub fn fit(&mut self) {
        let count = |c: &BarChart| c.sections.iter().map(|s| s.bars.len()).sum::<usize>();
        let all = count(self);
        while self.height() > MAX_HEIGHT && count(self) > 1 {
            if let Some(s) = self.sections.last_mut() {
                s.bars.pop();
            }
            self.sections.retain(|s| !s.bars.is_empty());
        }
        let shown = count(self);
        if shown < all {
            self.subtitle = format!("The first {shown} of {all} bars (all in the tables)");
        }
    }

    /// A chart with a title wrapped to the width.
    pub fn new(name: &str, title: &str, subtitle: String) -> BarChart {
        BarChart {
            name: name.to_string(),
            title: wrap(title, WIDTH - 2.0 * MARGIN, TITLE_SIZE, true),
            subtitle,
            value_heading: String::new(),
            bar_legend: String::new(),
            sections: Vec::new(),
            label_w: LABEL_W,
            compact: false,
        }
    }

    /// The chart without its own title, subtitle and bar legend (the page's caption names
    /// it), its labels in a wider column so that they take fewer lines: a chart that prints
    /// at the full width of the text in the least height.
    pub fn compact(mut self) -> BarChart {
        self.compact = true;
        self.label_w = COMPACT_LABEL_W;
        for b in self.sections.iter_mut().flat_map(|s| s.bars.iter_mut()) {
            b.lines = wrap(&b.lines.join(" "), COMPACT_LABEL_W, LABEL_SIZE, false);
        }
        self
    }

    fn plot_x0(&self) -> f64 {
        MARGIN + self.label_w + 14.0
    }

    fn x_of(&self, percent: f64) -> f64 {
        let x0 = self.plot_x0();
        let plot_w = WIDTH - MARGIN - VALUE_W - x0;
        x0 + percent.clamp(0.0, 100.0) / 100.0 * plot_w
    }

    /// The legend names the bar colour, and the interval and target marks when drawn; a
    /// compact chart has one only for those marks.
    fn legend_h(&self) -> f64 {
        let bars = || self.sections.iter().flat_map(|s| &s.bars);
        let marks = bars().any(|b| b.ci.is_some() || b.target.is_some());
        if self.compact && !marks {
            0.0
        } else {
            LEGEND_H
        }
    }

    fn row_height(b: &Bar) -> f64 {
        (b.lines.len() as f64 * LINE_H).max(BAR_H) + ROW_PAD
    }

    fn top(&self) -> f64 {
        if self.compact {
            // The value column's heading only.
            return MARGIN + 20.0;
        }
        MARGIN
            + 10.0
            + self.title.len().max(1) as f64 * TITLE_LINE_H
            + 26.0
            + subtitle_extra(&self.subtitle)
    }

    fn body_height(&self) -> f64 {
        self.sections
            .iter()
            .map(|s| SECTION_H + s.bars.iter().map(Self::row_height).sum::<f64>())
            .sum()
    }
}

impl Drawing for BarChart {
    fn name(&self) -> &str {
        &self.name
    }

    fn title(&self) -> String {
        self.title.join(" ")
    }

    fn description(&self) -> String {
        let bars: Vec<&Bar> = self
            .sections
            .iter()
            .flat_map(|s| &s.bars)
            .filter(|b| !b.muted)
            .collect();
        let mut out = format!(
            "Bar chart, {}: {} ({} bars; {}).",
            self.title(),
            self.bar_legend,
            bars.len(),
            self.subtitle
        );
        let label = |b: &Bar| b.lines.join(" ");
        let high = bars.iter().max_by(|a, b| a.percent.total_cmp(&b.percent));
        let low = bars.iter().min_by(|a, b| a.percent.total_cmp(&b.percent));
        if let (Some(h), Some(l)) = (high, low) {
            out.push_str(&format!(" Highest: {}, {}.", label(h), h.value));
            if h.percent != l.percent {
                out.push_str(&format!(" Lowest: {}, {}.", label(l), l.value));
            }
        }
        out
    }

    fn height(&self) -> f64 {
        self.top() + self.body_height() + AXIS_H + self.legend_h() + MARGIN
    }

    fn draw<DB: DrawingBackend>(&self, c: &Canvas<DB>) -> DrawResult {
        if !self.compact {
            c.heading(&self.title, &self.subtitle)?;
        }
        let top = self.top();
        let bottom = top + self.body_height();
        const TICKS: [f64; 5] = [0.0, 25.0, 50.0, 75.0, 100.0];
        for pct in TICKS {
            c.text(
                &format!("{pct:.0}%"),
                (self.x_of(pct), bottom + 12.0),
                NOTE_INK,
                Align::Centre,
            )?;
        }
        c.text(
            &self.value_heading,
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
                c.line(self.x_of(pct), y, self.x_of(pct), end, colour, width)?;
            }
            for b in &section.bars {
                let h = Self::row_height(b);
                self.draw_bar(c, b, y + h / 2.0)?;
                y += h;
            }
        }
        // Legend.
        if self.legend_h() == 0.0 {
            return Ok(());
        }
        let ly = bottom + AXIS_H + LEGEND_H / 2.0;
        let mut x = MARGIN;
        if !self.compact {
            c.rect(x, ly - 6.0, x + 14.0, ly + 6.0, BAR)?;
            c.text(&self.bar_legend, (x + 20.0, ly), SMALL_INK, Align::Left)?;
            x += 20.0 + text_width(&self.bar_legend, SMALL_SIZE, false) + 24.0;
        }
        let bars = self.sections.iter().flat_map(|s| &s.bars);
        if bars.clone().any(|b| b.ci.is_some()) {
            c.line(x, ly, x + 16.0, ly, INTERVAL, 1.5)?;
            c.line(x, ly - 5.0, x, ly + 5.0, INTERVAL, 1.5)?;
            c.line(x + 16.0, ly - 5.0, x + 16.0, ly + 5.0, INTERVAL, 1.5)?;
            let label = "95% interval";
            c.text(label, (x + 22.0, ly), SMALL_INK, Align::Left)?;
            x += 22.0 + text_width(label, SMALL_SIZE, false) + 24.0;
        }
        if bars.clone().any(|b| b.target.is_some()) {
            dashed(c, x + 7.0, ly - 8.0, ly + 8.0)?;
            c.text("target", (x + 16.0, ly), SMALL_INK, Align::Left)?;
        }
        Ok(())
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

impl BarChart {
    fn draw_bar<DB: DrawingBackend>(&self, c: &Canvas<DB>, b: &Bar, mid: f64) -> DrawResult {
        c.label(&b.lines, MARGIN, mid, LINE_H, LABEL_INK)?;
        let (y0, y1) = (mid - BAR_H / 2.0, mid + BAR_H / 2.0);
        if b.percent > 0.0 {
            let colour = if b.muted { NOT_SUBSTANTIVE } else { BAR };
            c.rect(self.plot_x0(), y0, self.x_of(b.percent), y1, colour)?;
        }
        if let Some((lo, hi)) = b.ci {
            let (lo, hi) = (self.x_of(lo), self.x_of(hi));
            c.line(lo, mid, hi, mid, INTERVAL, 1.5)?;
            c.line(lo, mid - 5.0, lo, mid + 5.0, INTERVAL, 1.5)?;
            c.line(hi, mid - 5.0, hi, mid + 5.0, INTERVAL, 1.5)?;
        }
        if let Some(t) = b.target {
            dashed(c, self.x_of(t), y0 - 4.0, y1 + 4.0)?;
        }
        c.text(&b.value, (WIDTH - MARGIN, mid), LABEL_INK, Align::Right)
    }
}
