//! Charts for committee papers, as PNG (print resolution) and SVG. One file per chart kind,
//! one `style.rs` for the look. The only module that knows plotters.

mod canvas;
mod coverage;
mod glyphs;
mod likert;
mod style;

pub use canvas::Rendered;
pub use coverage::CoverageChart;
pub use likert::LikertChart;

use crate::error::Error;

/// Renders a Likert chart to PNG and SVG bytes.
pub fn render_likert(chart: &LikertChart) -> Result<Rendered, Error> {
    canvas::render(chart, style::WIDTH).map_err(|reason| Error::Chart {
        chart: canvas::Drawing::name(chart).to_string(),
        reason,
    })
}

/// Renders the attendance coverage chart to PNG and SVG bytes.
pub fn render_coverage(chart: &CoverageChart) -> Result<Rendered, Error> {
    canvas::render(chart, style::WIDTH).map_err(|reason| Error::Chart {
        chart: canvas::Drawing::name(chart).to_string(),
        reason,
    })
}
