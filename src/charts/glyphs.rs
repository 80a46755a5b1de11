//! Text for the PNG charts, laid out and rasterised with the bundled font through ab_glyph:
//! kerning and side bearings applied, anti-aliased onto the bitmap. (plotters' own bitmap
//! text drops each glyph's left side bearing, which spaces letters unevenly.) Also the one
//! text measure used for layout, so SVG and PNG are laid out alike.

use super::style::{BOLD, REGULAR};
use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::OnceLock;

/// Cap height of DejaVu Sans as a share of the font size: text is centred on it.
const CAP_HEIGHT: f32 = 0.729;

fn font(bold: bool) -> &'static FontRef<'static> {
    static FONTS: OnceLock<(FontRef<'static>, FontRef<'static>)> = OnceLock::new();
    let (regular, bold_font) = FONTS.get_or_init(|| {
        let parse = |bytes| FontRef::try_from_slice(bytes).expect("bundled font parses");
        (parse(REGULAR), parse(BOLD))
    });
    if bold {
        bold_font
    } else {
        regular
    }
}

/// The scale at which the font's em is `size` pixels: the meaning of a font size in CSS and
/// SVG, so PNG and SVG text come out the same size.
fn em_scale(size: f32, bold: bool) -> PxScale {
    let f = font(bold);
    let units_per_em = f.units_per_em().unwrap_or(2048.0);
    PxScale::from(size * f.height_unscaled() / units_per_em)
}

/// Glyphs of `text` with their x offsets from the start of the line, and the line's width.
fn layout(text: &str, size: f32, bold: bool) -> (Vec<(GlyphId, f32)>, f32) {
    let scaled = font(bold).as_scaled(em_scale(size, bold));
    let mut caret = 0.0;
    let mut prev: Option<GlyphId> = None;
    let mut glyphs = Vec::with_capacity(text.len());
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        glyphs.push((id, caret));
        caret += scaled.h_advance(id);
        prev = Some(id);
    }
    (glyphs, caret)
}

/// Width of `text` at font size (em) `size`, in the same unit.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    layout(text, size as f32, bold).1 as f64
}

/// Draws `text` at font size (em) `size` with its left edge at `x` and its cap height centred
/// on `y` (pixels).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    (x, y): (f64, f64),
    size: f64,
    bold: bool,
    colour: RGBColor,
) -> Result<(), String> {
    let size = size as f32;
    let scaled = font(bold).as_scaled(em_scale(size, bold));
    let baseline = y as f32 + CAP_HEIGHT * size / 2.0;
    let (glyphs, _) = layout(text, size, bold);
    for (id, dx) in glyphs {
        let glyph = id.with_scale_and_position(scaled.scale(), point(x as f32 + dx, baseline));
        let Some(outline) = font(bold).outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        let mut result = Ok(());
        outline.draw(|gx, gy, coverage| {
            if coverage > 0.0 && result.is_ok() {
                let p = (
                    bounds.min.x as i32 + gx as i32,
                    bounds.min.y as i32 + gy as i32,
                );
                result = area.draw_pixel(p, &colour.mix(coverage.min(1.0) as f64));
            }
        });
        result.map_err(|e| e.to_string())?;
    }
    Ok(())
}
