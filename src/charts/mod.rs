//! Charts for committee papers, as PNG (print resolution) and SVG. One file per chart kind,
//! one `style.rs` for the look. The only module that knows plotters.

mod bars;
mod board;
mod canvas;
mod coverage;
mod dumbbell;
mod glyphs;
mod heatmap;
mod likert;
mod raster;
mod style;
mod themes;

pub use bars::BarChart;
pub use canvas::Rendered;
pub use dumbbell::Dumbbell;
pub use heatmap::HeatMap;
pub use likert::LikertChart;

use crate::error::Error;

/// Renders a Likert chart to PNG and SVG bytes.
pub fn render_likert(chart: &LikertChart) -> Result<Rendered, Error> {
    canvas::render(chart, style::WIDTH).map_err(|reason| Error::Chart {
        chart: canvas::Drawing::name(chart).to_string(),
        reason,
    })
}

/// The attendance coverage chart.
pub fn coverage(a: &crate::model::Attendance) -> BarChart {
    coverage::chart(a)
}

/// The attendance chart of the committee document: levels and cohorts, as counts.
pub fn committee_coverage(a: &crate::model::Attendance) -> BarChart {
    coverage::committee_chart(a)
}

/// The improvement board's chart: a figure of each topic (see `board.rs`).
pub fn board(e: &crate::model::Evaluation) -> Option<BarChart> {
    board::chart(e)
}

/// The free-text themes chart, when any free-text question has answers.
pub fn themes(e: &crate::model::Evaluation) -> Option<BarChart> {
    themes::chart(e)
}

/// Renders a bar chart to PNG and SVG bytes.
pub fn render_bars(chart: &BarChart) -> Result<Rendered, Error> {
    let mut chart = chart.clone();
    chart.fit();
    let chart = &chart;
    canvas::render(chart, style::WIDTH).map_err(|reason| Error::Chart {
        chart: canvas::Drawing::name(chart).to_string(),
        reason,
    })
}

/// The self-assessment charts: theme scores by wave, and statements as a heat map.
pub fn self_assessment(s: &crate::model::SelfAssessment) -> Option<(Dumbbell, HeatMap)> {
    Some((dumbbell::chart(s)?, heatmap::chart(s)?))
}

/// The committee document's theme chart (no intervals; the members in both waves).
pub fn committee_self_assessment(s: &crate::model::SelfAssessment) -> Option<Dumbbell> {
    dumbbell::committee_chart(s)
}

/// Training cycles side by side: each rated question's favourable share in every cycle.
pub fn cycles(c: &crate::model::Comparison) -> Option<Dumbbell> {
    dumbbell::cycles_chart(c)
}

/// Renders any chart of this module to PNG and SVG bytes.
pub fn render<D: canvas::Drawing>(chart: &D) -> Result<Rendered, Error> {
    canvas::render(chart, style::WIDTH).map_err(|reason| Error::Chart {
        chart: chart.name().to_string(),
        reason,
    })
}
