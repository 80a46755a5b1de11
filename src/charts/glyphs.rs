//! Text for the PNG charts, laid out and rasterised with the bundled font through ab_glyph:
//! kerning and side bearings applied, anti-aliased onto the bitmap. (plotters' own bitmap
//! text drops each glyph's left side bearing, which spaces letters unevenly.) Each line is
//! rasterised once per thread and drawn onto the bitmap after the shapes. Also the one text
//! measure used for layout, so SVG and PNG are laid out alike.

use super::raster::{self, Pixels};
use super::style::{BOLD, REGULAR};
use ab_glyph::{point, Font, FontRef, GlyphId, PxScale, ScaleFont};
use plotters::prelude::RGBColor;
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

/// The pixels a line of text covers, laid out with its origin's fractional part: `alpha`
/// holds each pixel's coverage in levels of `raster::LEVELS`, row by row, over a box at
/// `(left, top)` from the origin's whole pixel.
struct Run {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
}

/// What identifies a run: the text, its size and weight, and where within a pixel it starts.
#[derive(PartialEq, Eq, Hash)]
struct RunKey {
    text: String,
    size: u32,
    bold: bool,
    x: u32,
    y: u32,
}

/// Runs a thread has rasterised lately. Charts of a batch share most of their text (the
/// questions, the scales, the axes), so each line is rasterised about once per thread; a
/// run depends only on its key, so cached and fresh runs are the same pixels.
const CACHED_RUNS: usize = 4096;

thread_local! {
    static RUNS: std::cell::RefCell<std::collections::HashMap<RunKey, std::rc::Rc<Run>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Rasterises `text` at font size (em) `size` with its left edge at `fx` and baseline at `fy`
/// (both within the first pixel).
fn rasterise(text: &str, size: f32, bold: bool, fx: f32, fy: f32) -> Run {
    let scaled = font(bold).as_scaled(em_scale(size, bold));
    let (glyphs, _) = layout(text, size, bold);
    let outlines: Vec<_> = glyphs
        .into_iter()
        .filter_map(|(id, dx)| {
            let glyph = id.with_scale_and_position(scaled.scale(), point(fx + dx, fy));
            font(bold).outline_glyph(glyph)
        })
        .collect();
    let bounds = outlines
        .iter()
        .map(|o| o.px_bounds())
        .reduce(|a, b| ab_glyph::Rect {
            min: point(a.min.x.min(b.min.x), a.min.y.min(b.min.y)),
            max: point(a.max.x.max(b.max.x), a.max.y.max(b.max.y)),
        });
    let Some(bounds) = bounds else {
        return Run {
            left: 0,
            top: 0,
            width: 0,
            alpha: Vec::new(),
        };
    };
    let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
    let width = (bounds.max.x as i32 - left).max(0) as usize;
    let height = (bounds.max.y as i32 - top).max(0) as usize;
    let mut coverage = vec![0f32; width * height];
    for outline in &outlines {
        let b = outline.px_bounds();
        let (ox, oy) = (b.min.x as i32 - left, b.min.y as i32 - top);
        outline.draw(|gx, gy, c| {
            let (x, y) = (ox + gx as i32, oy + gy as i32);
            if (0..width as i32).contains(&x) && (0..height as i32).contains(&y) {
                let cell = &mut coverage[y as usize * width + x as usize];
                *cell = (*cell + c).min(1.0);
            }
        });
    }
    Run {
        left,
        top,
        width,
        alpha: coverage
            .iter()
            .map(|&c| raster::level(f64::from(c)) as u8)
            .collect(),
    }
}

/// Draws `text` at font size (em) `size` onto `pixels`, its left edge at `x` and its cap
/// height centred on `y` (pixels): each covered pixel mixed from `colour` and what is under
/// it. `false` when the bitmap cannot take a colour the text needs.
pub fn draw(
    pixels: &mut impl Pixels,
    text: &str,
    (x, y): (f64, f64),
    size: f64,
    bold: bool,
    colour: RGBColor,
) -> bool {
    let size = size as f32;
    let baseline = y as f32 + CAP_HEIGHT * size / 2.0;
    let (x0, y0) = ((x as f32).floor(), baseline.floor());
    let key = RunKey {
        text: text.to_string(),
        size: size.to_bits(),
        bold,
        x: (x as f32 - x0).to_bits(),
        y: (baseline - y0).to_bits(),
    };
    let run = RUNS.with(|runs| {
        let mut runs = runs.borrow_mut();
        if let Some(run) = runs.get(&key) {
            return run.clone();
        }
        let run = std::rc::Rc::new(rasterise(
            text,
            size,
            bold,
            f32::from_bits(key.x),
            f32::from_bits(key.y),
        ));
        if runs.len() >= CACHED_RUNS {
            runs.clear();
        }
        runs.insert(key, run.clone());
        run
    });
    let (width, height) = pixels.size();
    let ink = [colour.0, colour.1, colour.2];
    for (r, row) in run.alpha.chunks_exact(run.width.max(1)).enumerate() {
        let py = y0 as i64 + i64::from(run.top) + r as i64;
        if !(0..height as i64).contains(&py) {
            continue;
        }
        for (c, &a) in row.iter().enumerate() {
            let px = x0 as i64 + i64::from(run.left) + c as i64;
            if a != 0
                && (0..width as i64).contains(&px)
                && !pixels.blend(px as usize, py as usize, ink, u16::from(a))
            {
                return false;
            }
        }
    }
    true
}
