//! Diverging stacked bar chart of every Likert question: one bar per question, options in
//! scale order, favourable to the right of zero and unfavourable to the left, a neutral
//! middle option split across zero, and non-substantive answers drawn apart on the right.
//! Questions on one scale share a panel whose legend gives the scale's own answers in scale
//! order; each other scale has its own panel and legend.

use super::canvas::{subtitle_extra, text_width, wrap, Align, Canvas, DrawResult, Drawing};
use super::style::*;
use crate::model::count;
use crate::model::{first_extreme, OptionCount, Survey};
use plotters::prelude::DrawingBackend;

/// One option's part of a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub sentiment: i8,
    /// Answers on the option.
    pub count: u64,
    /// Percent of the substantive answers.
    pub share: f64,
}

/// One question's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub lines: Vec<String>,
    /// Matched answers (substantive or not).
    pub n: u64,
    /// Answers that gave a view (substantive): the base of the segments' shares.
    pub n_view: u64,
    /// Substantive options in scale order.
    pub segments: Vec<Segment>,
    /// Percent of `n` on non-substantive options; `None` if the scale has none.
    pub not_substantive: Option<f64>,
}

/// The questions of one scale, with the scale's legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// The scale's answers in scale order: their sentiment (`None` for the non-substantive
    /// ones, drawn apart) and wording.
    pub legend: Vec<(Option<i8>, String)>,
    pub bars: Vec<Bar>,
}

/// A whole chart, laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct LikertChart {
    /// Title, wrapped to the chart width: the finding, or what the chart is of.
    pub title: Vec<String>,
    /// What the chart is of ("All sessions (22 responses)").
    pub label: String,
    pub subtitle: String,
    pub panels: Vec<Panel>,
    /// Whether any scale has non-substantive answers (a column for them is drawn).
    pub not_substantive: bool,
}

// Horizontal layout, in units.
const LABEL_X: f64 = MARGIN;
const LABEL_W: f64 = 240.0;
const PLOT_X0: f64 = LABEL_X + LABEL_W + 14.0;
const PLOT_W: f64 = 290.0;
const ZERO_X: f64 = PLOT_X0 + PLOT_W / 2.0;
/// Room from the plot's right edge to the right edge of the n column, unless a count is
/// wider (then the column and the not-substantive bars after it move right).
const N_ROOM: f64 = 52.0;
/// Space kept between a bar at 100% and the widest count: what a three-digit count has
/// in the fixed room, so a council's batch keeps that layout.
const N_GAP: f64 = 7.5;
const NOT_SUBSTANTIVE_HEADING: &str = "no view";
/// Space between the n column and the not-substantive column (and between their headings).
const COLUMN_GAP: f64 = 14.0;
/// Least space between the n column's heading and the next, when counts of millions leave
/// no room for the column's own gap.
const HEADING_GAP: f64 = 5.0;
/// Least space kept between the not-substantive heading and the image's right edge: the
/// heading may run into the margin (nothing else is there) before it moves off its column.
const EDGE: f64 = 4.0;
// Vertical layout.
const LINE_H: f64 = 21.0;
const BAR_H: f64 = 28.0;
const ROW_PAD: f64 = 14.0;
const HEAD_H: f64 = MARGIN + 30.0 + 26.0 + 34.0 - TITLE_LINE_H;
const AXIS_H: f64 = 30.0;
const LEGEND_ROW_H: f64 = 26.0;
const PANEL_GAP: f64 = 22.0;

/// The favourable share of a bar, in percent of the answers that gave a view.
fn favourable(b: &Bar) -> f64 {
    b.segments
        .iter()
        .filter(|s| s.sentiment > 0)
        .map(|s| s.share)
        .sum()
}

/// The chart's finding, in words, for its title: how favourable the answers were, across the
/// questions with answers; `None` when none has any.
fn finding(bars: &[&Bar]) -> Option<String> {
    let answered: Vec<f64> = bars
        .iter()
        .filter(|b| b.n_view > 0)
        .map(|b| favourable(b))
        .collect();
    // "of the answers that gave a view" only where some gave none.
    let answers = if bars.iter().any(|b| b.n > b.n_view) {
        "the answers that gave a view"
    } else {
        "the answers"
    };
    let lo = answered.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = answered.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Some(match answered.len() {
        0 => return None,
        _ if lo >= 99.5 => {
            let every = if answers == "the answers" {
                "Every answer"
            } else {
                "Every answer that gave a view"
            };
            format!("{every} was on the favourable side of its scale")
        }
        1 => format!("{hi:.0}% of {answers} were favourable"),
        n if hi - lo < 0.5 => {
            format!("{hi:.0}% of {answers} were favourable on each of the {n} questions")
        }
        n => format!(
            "Between {lo:.0}% and {hi:.0}% of {answers} were favourable across the {n} questions"
        ),
    })
}

impl LikertChart {
    /// Builds the chart of one group from its option counts (rows of that group only). A
    /// question whose scale's order is assumed, not confirmed, is left out: its favourable
    /// side is a guess, and the documents draw no finding from it (its table gives its counts).
    pub fn new(title: &str, survey: &Survey, counts: &[OptionCount]) -> LikertChart {
        let mut panels: Vec<(&str, Panel)> = Vec::new();
        for (question, scale) in survey.likert().filter(|(_, s)| s.confirmed) {
            let rows: Vec<&OptionCount> = counts
                .iter()
                .filter(|c| c.question == question.label)
                .collect();
            let count_of = |i: usize| {
                rows.iter()
                    .find(|c| c.position as usize == i + 1)
                    .map_or(0, |c| c.count)
            };
            let n: u64 = (0..scale.options.len()).map(count_of).sum();
            let n_sub: u64 = (0..scale.options.len())
                .filter(|i| scale.options[*i].sentiment.is_some())
                .map(count_of)
                .sum();
            // Most favourable first, as the bar is drawn out from zero: a centred scale lists
            // its ideal middle between its two unfavourable sides.
            let mut segments: Vec<Segment> = scale
                .options
                .iter()
                .enumerate()
                .filter_map(|(i, o)| {
                    o.sentiment.map(|s| Segment {
                        sentiment: s,
                        count: count_of(i),
                        share: if n_sub > 0 {
                            100.0 * count_of(i) as f64 / n_sub as f64
                        } else {
                            0.0
                        },
                    })
                })
                .collect();
            segments.sort_by_key(|s| std::cmp::Reverse(s.sentiment));
            let ns = scale.non_substantive();
            let not_substantive = (!ns.is_empty()).then(|| {
                let k = n - n_sub;
                if n > 0 {
                    100.0 * k as f64 / n as f64
                } else {
                    0.0
                }
            });
            let bar = Bar {
                lines: wrap(&question.label, LABEL_W, LABEL_SIZE, false),
                n,
                n_view: n_sub,
                segments,
                not_substantive,
            };
            match panels.iter_mut().find(|(name, _)| *name == scale.name) {
                Some((_, p)) => p.bars.push(bar),
                None => {
                    let mut legend: Vec<(Option<i8>, String)> = scale
                        .options
                        .iter()
                        .filter_map(|o| o.sentiment.map(|s| (Some(s), o.label.clone())))
                        .collect();
                    if !ns.is_empty() {
                        legend.push((None, ns.join(" / ")));
                    }
                    panels.push((
                        scale.name.as_str(),
                        Panel {
                            legend,
                            bars: vec![bar],
                        },
                    ));
                }
            }
        }
        let not_substantive = panels
            .iter()
            .any(|(_, p)| p.legend.iter().any(|(s, _)| s.is_none()));
        let bars: Vec<&Bar> = panels.iter().flat_map(|(_, p)| &p.bars).collect();
        // The title states the finding; what the chart is of follows as the subtitle.
        let (heading, label) = match finding(&bars) {
            Some(f) => (f, format!("{title}. ")),
            None => (title.to_string(), String::new()),
        };
        let mut chart = LikertChart {
            title: wrap(&heading, WIDTH - 2.0 * MARGIN, TITLE_SIZE, true),
            label: title.to_string(),
            subtitle: format!(
                "{label}{}",
                if not_substantive {
                    "Per cent of the answers that gave a view, with the number where there is room; the middle answer is split either side of 0"
                } else {
                    "Per cent of the answers, with the number where there is room; the middle answer is split either side of 0"
                }
            ),
            panels: panels.into_iter().map(|(_, p)| p).collect(),
            not_substantive,
        };
        chart.fit();
        chart
    }

    /// Leaves out the last questions until the chart fits the height of an A4 page's text,
    /// and says so under the title.
    fn fit(&mut self) {
        let count = |c: &LikertChart| c.panels.iter().map(|p| p.bars.len()).sum::<usize>();
        let all = count(self);
        // The questions a summary names (most and least favourable, most and least often
        // given the top answer) stay; the others go from the last, until the chart fits.
        let keep = self.named();
        while self.height() > MAX_HEIGHT && count(self) > 1 {
            let last = self
                .panels
                .iter()
                .enumerate()
                .flat_map(|(p, panel)| {
                    panel
                        .bars
                        .iter()
                        .enumerate()
                        .map(move |(b, bar)| (p, b, bar))
                })
                .filter(|(_, _, bar)| !keep.contains(&bar.lines))
                .map(|(p, b, _)| (p, b))
                .next_back();
            let Some((p, b)) = last else { break };
            self.panels[p].bars.remove(b);
            self.panels.retain(|p| !p.bars.is_empty());
        }
        let shown = count(self);
        if shown < all {
            self.subtitle = format!(
                "{shown} of {all} questions, those the summary names among them (all in the tables); per cent of the answers{}",
                if self.not_substantive { " that gave a view" } else { "" }
            );
        }
    }

    /// The questions (as their label lines) with the largest and smallest favourable share
    /// and share on the top answer: those a summary names.
    fn named(&self) -> Vec<Vec<String>> {
        let bars: Vec<&Bar> = self
            .panels
            .iter()
            .flat_map(|p| &p.bars)
            .filter(|b| b.n_view > 0)
            .collect();
        let top = |b: &Bar| b.segments.first().map_or(0.0, |s| s.share);
        let mut out: Vec<Vec<String>> = Vec::new();
        // The first of equals, in survey order, as the summary picks.
        let first =
            |by: fn(&Bar) -> f64, largest: bool| first_extreme(&bars, |b| by(b), largest).copied();
        for by in [favourable as fn(&Bar) -> f64, top] {
            for b in [first(by, true), first(by, false)].into_iter().flatten() {
                if !out.contains(&b.lines) {
                    out.push(b.lines.clone());
                }
            }
        }
        out
    }

    /// Right edge of the n column: far enough right that the widest count clears a bar at
    /// 100% favourable.
    fn n_x(&self) -> f64 {
        let widest = self
            .panels
            .iter()
            .flat_map(|p| &p.bars)
            .map(|b| text_width(&count(b.n_view), LABEL_SIZE, false))
            .fold(0.0, f64::max);
        PLOT_X0 + PLOT_W + N_ROOM.max(widest + N_GAP)
    }

    /// Left edge and width of the not-substantive column.
    fn not_substantive_column(&self) -> (f64, f64) {
        let x0 = self.n_x() + COLUMN_GAP;
        (x0, WIDTH - MARGIN - x0 - 30.0)
    }

    /// Left edge of the not-substantive column's heading: over the column, running into the
    /// margin if it must, and moved left only to stay inside the image when counts of millions
    /// push the column that far right (never onto the n column's heading).
    fn not_substantive_heading_x(&self) -> f64 {
        let width = text_width(NOT_SUBSTANTIVE_HEADING, SMALL_SIZE, false);
        let x0 = self.not_substantive_column().0;
        x0.min(WIDTH - EDGE - width).max(self.n_x() + HEADING_GAP)
    }

    fn row_height(bar: &Bar) -> f64 {
        (bar.lines.len() as f64 * LINE_H).max(BAR_H) + ROW_PAD
    }

    /// A panel's legend items placed in rows: (x, row, sentiment, label).
    fn legend_layout(panel: &Panel) -> Vec<(f64, usize, Option<i8>, String)> {
        let mut out = Vec::new();
        let (mut x, mut row) = (MARGIN, 0);
        for (s, label) in &panel.legend {
            let w = 22.0 + text_width(label, SMALL_SIZE, false) + 18.0;
            if x + w > WIDTH - MARGIN && x > MARGIN {
                x = MARGIN;
                row += 1;
            }
            out.push((x, row, *s, label.clone()));
            x += w;
        }
        out
    }

    fn panel_body(panel: &Panel) -> f64 {
        panel.bars.iter().map(Self::row_height).sum()
    }

    fn panel_height(panel: &Panel) -> f64 {
        let rows = Self::legend_layout(panel).last().map_or(0, |l| l.1 + 1);
        Self::panel_body(panel) + AXIS_H + 12.0 + rows as f64 * LEGEND_ROW_H + PANEL_GAP
    }

    /// Top of the question rows: below the title lines and the subtitle.
    fn top(&self) -> f64 {
        HEAD_H + self.title.len().max(1) as f64 * TITLE_LINE_H + subtitle_extra(&self.subtitle)
    }

    fn body_height(&self) -> f64 {
        self.panels.iter().map(Self::panel_height).sum()
    }
}

impl Drawing for LikertChart {
    fn name(&self) -> &str {
        &self.label
    }

    fn title(&self) -> String {
        self.title.join(" ")
    }

    fn description(&self) -> String {
        let bars: Vec<(&Bar, f64)> = self
            .panels
            .iter()
            .flat_map(|p| &p.bars)
            .filter(|b| b.n > 0)
            .map(|b| (b, favourable(b)))
            .collect();
        let mut out = format!(
            "Diverging bar chart, {}: for each of {} rated questions, the per cent of answers on each option, favourable answers to the right of zero.",
            self.label,
            bars.len()
        );
        let q = |b: &Bar| b.lines.join(" ");
        // The base of a share, as the chart's column gives it.
        let some_gave_none = bars.iter().any(|(b, _)| b.n > b.n_view);
        let of = |b: &Bar| {
            if some_gave_none {
                format!("the {} who gave a view", count(b.n_view))
            } else {
                count(b.n_view)
            }
        };
        let top = |b: &Bar| b.segments.first().map_or(0.0, |s| s.share);
        let high = first_extreme(&bars, |b| b.1, true);
        let low = first_extreme(&bars, |b| b.1, false);
        match (high, low) {
            (Some(h), Some(l)) if (h.1 - l.1).abs() >= 0.5 => out.push_str(&format!(
                " Favourable answers range from {:.0}% of {} ({}) to {:.0}% of {} ({}).",
                l.1,
                of(l.0),
                q(l.0),
                h.1,
                of(h.0),
                q(h.0)
            )),
            (Some(h), _) => out.push_str(&format!(
                " Every question has {:.0}% of its answers favourable.",
                h.1
            )),
            _ => {}
        }
        let most = first_extreme(&bars, |b| top(b.0), true);
        let least = first_extreme(&bars, |b| top(b.0), false);
        if let (Some(m), Some(l)) = (most, least) {
            if m.0 != l.0 {
                out.push_str(&format!(
                    " The most favourable answer was given most often to {} ({:.0}% of {}) and least often to {} ({:.0}% of {}).",
                    q(m.0),
                    top(m.0),
                    of(m.0),
                    q(l.0),
                    top(l.0),
                    of(l.0)
                ));
            }
        }
        out
    }

    fn height(&self) -> f64 {
        self.top() + self.body_height() - PANEL_GAP + MARGIN
    }

    fn draw<DB: DrawingBackend>(&self, c: &Canvas<DB>) -> DrawResult {
        c.heading(&self.title, &self.subtitle)?;

        let top = self.top();
        // Column headings.
        let head_y = top - 12.0;
        let heading = |text: &str, x: f64, align: Align| c.text(text, (x, head_y), NOTE_INK, align);
        heading("\u{2190} unfavourable", ZERO_X - 6.0, Align::Right)?;
        heading("favourable \u{2192}", ZERO_X + 6.0, Align::Left)?;
        let n_x = self.n_x();
        c.text("answers", (n_x, head_y), NOTE_INK.bold(), Align::Right)?;
        if self.not_substantive {
            heading(
                NOT_SUBSTANTIVE_HEADING,
                self.not_substantive_heading_x(),
                Align::Left,
            )?;
        }
        let mut panel_top = top;
        for panel in &self.panels {
            let bottom = panel_top + Self::panel_body(panel);
            // Grid and axis.
            for pct in [-100.0, -50.0, 0.0, 50.0, 100.0_f64] {
                let x = ZERO_X + pct / 100.0 * PLOT_W / 2.0;
                let colour = if pct == 0.0 { TEXT } else { GRID };
                c.line(
                    x,
                    panel_top,
                    x,
                    bottom,
                    colour,
                    if pct == 0.0 { 1.2 } else { 0.9 },
                )?;
                let label = if pct == 0.0 {
                    "0".to_string()
                } else {
                    format!("{}%", pct.abs())
                };
                c.text(&label, (x, bottom + 14.0), NOTE_INK, Align::Centre)?;
            }
            let mut y = panel_top;
            for bar in &panel.bars {
                let h = Self::row_height(bar);
                let mid = y + h / 2.0;
                c.label(&bar.lines, LABEL_X, mid, LINE_H, LABEL_INK)?;
                c.text(&count(bar.n_view), (n_x, mid), LABEL_INK, Align::Right)?;
                self.draw_bar(c, bar, mid)?;
                y += h;
            }
            let legend_top = bottom + AXIS_H + 12.0;
            for (x, row, sentiment, label) in Self::legend_layout(panel) {
                let ly = legend_top + row as f64 * LEGEND_ROW_H;
                let colour = sentiment.map_or(NOT_SUBSTANTIVE, sentiment_colour);
                c.rect(x, ly - 8.0, x + 16.0, ly + 8.0, colour)?;
                c.text(&label, (x + 22.0, ly), SMALL_INK, Align::Left)?;
            }
            panel_top += Self::panel_height(panel);
        }
        Ok(())
    }
}

impl LikertChart {
    fn draw_bar<DB: DrawingBackend>(&self, c: &Canvas<DB>, bar: &Bar, mid: f64) -> DrawResult {
        let (y0, y1) = (mid - BAR_H / 2.0, mid + BAR_H / 2.0);
        let unit = PLOT_W / 200.0; // units per percent
        if bar.n > 0 {
            let left_share: f64 = bar
                .segments
                .iter()
                .map(|s| match s.sentiment {
                    0 => s.share / 2.0,
                    x if x < 0 => s.share,
                    _ => 0.0,
                })
                .sum();
            // Draw from the least favourable end (left) to the most favourable (right).
            let mut x = ZERO_X - left_share * unit;
            for seg in bar.segments.iter().rev() {
                let w = seg.share * unit;
                if w > 0.0 {
                    c.rect(x, y0, x + w, y1, sentiment_colour(seg.sentiment))?;
                    if x > ZERO_X - left_share * unit {
                        // A white gap between neighbouring options.
                        c.line(x, y0, x, y1, BACKGROUND, 1.5)?;
                    }
                    let with_count = format!("{:.0}% ({})", seg.share, count(seg.count));
                    let share = format!("{:.0}%", seg.share);
                    let fits = |t: &str| text_width(t, SMALL_SIZE, false) + 6.0 <= w;
                    let text = [with_count, share].into_iter().find(|t| fits(t));
                    if let Some(text) = text {
                        let colour = if light_text_on(seg.sentiment) {
                            BACKGROUND
                        } else {
                            TEXT
                        };
                        c.text(
                            &text,
                            (x + w / 2.0, mid),
                            SMALL_INK.colour(colour),
                            Align::Centre,
                        )?;
                    }
                }
                x += w;
            }
        } else {
            c.text("no answers", (ZERO_X + 6.0, mid), NOTE_INK, Align::Left)?;
        }
        if let Some(share) = bar.not_substantive {
            let (ns_x0, ns_w) = self.not_substantive_column();
            let w = share / 100.0 * ns_w;
            if w > 0.0 {
                c.rect(ns_x0, y0 + 4.0, ns_x0 + w, y1 - 4.0, NOT_SUBSTANTIVE)?;
            }
            c.text(
                &count(bar.n - bar.n_view),
                (ns_x0 + w + 4.0, mid),
                NOTE_INK,
                Align::Left,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alt text named one question most favourable and the summary above it another,
    /// when two were tied (98% of 111 each): both now take the first asked.
    #[test]
    fn tied_questions_are_named_as_the_summary_names_them() {
        let shares = [90.0, 98.0, 98.0 + 1e-12, 70.0, 70.0];
        assert_eq!(first_extreme(&shares, |s| *s, true), Some(&shares[1]));
        assert_eq!(first_extreme(&shares, |s| *s, false), Some(&shares[3]));
        let empty: [f64; 0] = [];
        assert_eq!(first_extreme(&empty, |s| *s, true), None);
    }

    /// A chart too tall for a page keeps the questions its summary names, the least
    /// favourable last question among them, and says how many it shows.
    #[test]
    fn a_trimmed_chart_keeps_the_questions_the_summary_names() {
        let mut c = chart(20, false);
        let bar = |i: usize, favourable: f64| Bar {
            lines: vec![format!("Question {i}")],
            n: 20,
            n_view: 20,
            segments: vec![
                Segment {
                    sentiment: 2,
                    count: 10,
                    share: favourable,
                },
                Segment {
                    sentiment: -2,
                    count: 10,
                    share: 100.0 - favourable,
                },
            ],
            not_substantive: None,
        };
        c.panels[0].bars = (0..30)
            .map(|i| bar(i, if i == 29 { 10.0 } else { 80.0 - i as f64 }))
            .collect();
        c.fit();
        let shown: Vec<String> = c.panels[0]
            .bars
            .iter()
            .map(|b| b.lines[0].clone())
            .collect();
        assert!(shown.len() < 30, "{shown:?}");
        assert!(shown.contains(&"Question 29".to_string()), "{shown:?}");
        assert!(shown.contains(&"Question 0".to_string()), "{shown:?}");
        assert!(c
            .subtitle
            .starts_with(&format!("{} of 30 questions", shown.len())));
    }

    /// Two questions with 109 of 111 favourable, one as 40 + 69 and one as 72 + 37: their
    /// shares differ in the last bit, and the chart once named the second where the summary
    /// named the first.
    #[test]
    fn questions_tied_in_counts_are_tied_in_the_chart() {
        let mut c = chart(111, false);
        let bar = |label: &str, a: u64, b: u64| Bar {
            lines: vec![label.to_string()],
            n: 111,
            n_view: 111,
            segments: [(2, a), (1, b), (-1, 111 - a - b)]
                .iter()
                .map(|&(sentiment, count)| Segment {
                    sentiment,
                    count,
                    share: 100.0 * count as f64 / 111.0,
                })
                .collect(),
            not_substantive: None,
        };
        c.panels[0].bars = vec![
            bar("First", 40, 69),
            bar("Second", 72, 37),
            bar("Low", 50, 10),
        ];
        assert_eq!(c.named()[0], vec!["First".to_string()]);
        assert!(
            c.description().contains("to 98% of 111 (First)"),
            "{}",
            c.description()
        );
    }

    /// A one-question chart whose every answer is favourable, from `n` answers.
    fn chart(n: u64, not_substantive: bool) -> LikertChart {
        let bar = Bar {
            lines: vec!["How satisfied were you?".into()],
            n,
            n_view: n,
            segments: vec![Segment {
                sentiment: 2,
                count: n,
                share: 100.0,
            }],
            not_substantive: not_substantive.then_some(0.0),
        };
        LikertChart {
            title: vec!["All sessions".into()],
            label: "All sessions".into(),
            subtitle: String::new(),
            panels: vec![Panel {
                legend: vec![(Some(2), "Very satisfied".into())],
                bars: vec![bar],
            }],
            not_substantive,
        }
    }

    #[test]
    fn the_n_column_clears_a_full_bar_however_many_answers() {
        let bar_end = PLOT_X0 + PLOT_W;
        // A council's batch keeps the fixed layout.
        assert_eq!(chart(999, true).n_x(), bar_end + N_ROOM);
        // 194,010 answers (a pooled batch) would have run into a bar at 100%.
        let large = chart(194_010, true);
        let label = text_width("194,010", LABEL_SIZE, false);
        assert!(
            label + N_GAP > N_ROOM,
            "the test needs a label wider than the room"
        );
        assert!(large.n_x() - label >= bar_end + N_GAP);
        // The not-substantive column moves right with it and stays inside the chart.
        let (x0, w) = large.not_substantive_column();
        assert!(x0 > large.n_x());
        assert!(w > 0.0 && x0 + w <= WIDTH - MARGIN);
        // The column's heading stays over it (running into the margin with hundreds of
        // thousands of answers), set apart from the n heading as a council's batch has it, and
        // inside the image; with millions it moves left, by a clear space from the n heading
        // (so "n" and "not substantive" do not read as one phrase), and never onto it. (Up to
        // ten million answers a question: a file of more cells is refused by default.)
        let heading = text_width(NOT_SUBSTANTIVE_HEADING, SMALL_SIZE, false);
        for n in [999, 194_010, 1_940_100, 9_999_999] {
            let c = chart(n, true);
            let x = c.not_substantive_heading_x();
            if n < 1_000_000 {
                assert_eq!(
                    x,
                    c.not_substantive_column().0,
                    "{n}: heading off its column"
                );
                assert_eq!(
                    x - c.n_x(),
                    COLUMN_GAP,
                    "{n}: heading close to the n heading"
                );
            } else {
                assert!(
                    x - c.n_x() >= COLUMN_GAP / 2.0,
                    "{n}: heading close to the n heading"
                );
            }
            assert!(x >= c.n_x() + HEADING_GAP, "{n}: heading on the n heading");
            assert!(
                x + heading <= WIDTH - EDGE,
                "{n}: heading ends at {}",
                x + heading
            );
        }
    }

    #[test]
    fn counts_inside_the_bars_and_the_n_column_carry_their_separator() {
        let svg = String::from_utf8(
            super::super::render_likert(&chart(194_010, false))
                .unwrap()
                .svg,
        )
        .unwrap();
        assert!(svg.contains(">\n194,010\n</text>"), "{svg}");
        assert!(svg.contains("100% (194,010)"), "{svg}");
        assert!(!svg.contains("194010"), "{svg}");
    }
}
