//! A thin drawing surface over a plotters area, in layout units: the same layout code draws
//! the SVG (1 unit = 1 px) and the PNG (scaled up for print).

use super::glyphs;
use super::raster;
use super::style::{
    Ink, FONT, MARGIN, MIN_LINE, MIN_TEXT_PT, PNG_SCALE, PT_PER_UNIT, SUBTITLE_INK, TITLE_INK,
    TITLE_LINE_H,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub type DrawResult = Result<(), String>;

/// Horizontal anchoring of text.
#[derive(Clone, Copy)]
pub enum Align {
    Left,
    Centre,
    Right,
}

pub struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    scale: f64,
    /// Draw text as pixels with the bundled font (PNG) rather than as text elements (SVG):
    /// the lines are kept here and drawn over the shapes once they are all drawn.
    raster_text: Option<std::cell::RefCell<Vec<RasterText>>>,
}

/// A line of text for the bitmap: where (pixels, left edge and vertical centre), how big,
/// how heavy, what colour.
pub struct RasterText {
    text: String,
    at: (f64, f64),
    size: f64,
    bold: bool,
    colour: RGBColor,
}

impl<'a, DB: DrawingBackend> Canvas<'a, DB> {
    pub fn new(area: &'a DrawingArea<DB, Shift>, scale: f64, raster_text: bool) -> Self {
        Canvas {
            area,
            scale,
            raster_text: raster_text.then(Default::default),
        }
    }

    /// The lines of text kept for the bitmap.
    fn into_raster_text(self) -> Vec<RasterText> {
        self.raster_text
            .map(std::cell::RefCell::into_inner)
            .unwrap_or_default()
    }

    fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, colour: RGBColor) -> DrawResult {
        let r = Rectangle::new(
            [(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))],
            colour.filled(),
        );
        self.area.draw(&r).map_err(|e| e.to_string())
    }

    /// A filled circle of radius `r` centred on `(x, y)`.
    pub fn dot(&self, x: f64, y: f64, r: f64, colour: RGBColor) -> DrawResult {
        let size = (r * self.scale).round().max(1.0) as u32;
        let c = Circle::new((self.px(x), self.px(y)), size, colour.filled());
        self.area.draw(&c).map_err(|e| e.to_string())
    }

    pub fn line(
        &self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: RGBColor,
        width: f64,
    ) -> DrawResult {
        // Never thinner than 0.5 pt once placed (see `MIN_LINE`).
        let style = colour.stroke_width((width.max(MIN_LINE) * self.scale).ceil() as u32);
        let l = PathElement::new(
            vec![(self.px(x0), self.px(y0)), (self.px(x1), self.px(y1))],
            style,
        );
        self.area.draw(&l).map_err(|e| e.to_string())
    }

    /// The title lines (already wrapped) at the top left, and the subtitle below them.
    pub fn heading(&self, title: &[String], subtitle: &str) -> DrawResult {
        for (i, line) in title.iter().enumerate() {
            let y = MARGIN + 10.0 + i as f64 * TITLE_LINE_H;
            self.text(line, (MARGIN, y), TITLE_INK, Align::Left)?;
        }
        let below = MARGIN + 10.0 + title.len().max(1) as f64 * TITLE_LINE_H;
        for (i, line) in subtitle_lines(subtitle).iter().enumerate() {
            let y = below + i as f64 * SUBTITLE_LINE_H;
            self.text(line, (MARGIN, y), SUBTITLE_INK, Align::Left)?;
        }
        Ok(())
    }

    /// Lines of text (a wrapped label) left-aligned at `x`, centred as a block on `mid`.
    pub fn label(&self, lines: &[String], x: f64, mid: f64, line_h: f64, ink: Ink) -> DrawResult {
        let first = mid - (lines.len() as f64 - 1.0) * line_h / 2.0;
        for (i, line) in lines.iter().enumerate() {
            self.text(line, (x, first + i as f64 * line_h), ink, Align::Left)?;
        }
        Ok(())
    }

    /// Text in `ink` with its vertical centre at `y`.
    pub fn text(&self, text: &str, (x, y): (f64, f64), ink: Ink, align: Align) -> DrawResult {
        let Ink { size, bold, colour } = ink;
        if size * PT_PER_UNIT < MIN_TEXT_PT {
            return Err(format!(
                "text '{text}' would print at {:.1} pt, under the {MIN_TEXT_PT} pt minimum",
                size * PT_PER_UNIT
            ));
        }
        if let Some(lines) = &self.raster_text {
            let w = text_width(text, size, bold);
            let left = match align {
                Align::Left => x,
                Align::Centre => x - w / 2.0,
                Align::Right => x - w,
            };
            lines.borrow_mut().push(RasterText {
                text: text.to_string(),
                at: (left * self.scale, y * self.scale),
                size: size * self.scale,
                bold,
                colour,
            });
            return Ok(());
        }
        let h = match align {
            Align::Left => HPos::Left,
            Align::Centre => HPos::Center,
            Align::Right => HPos::Right,
        };
        let style = font(size * self.scale, bold)
            .color(&colour)
            .pos(Pos::new(h, VPos::Center));
        self.area
            .draw_text(text, &style, (self.px(x), self.px(y)))
            .map_err(|e| e.to_string())
    }
}

/// plotters writes an SVG font-size of its size divided by 1.24; this undoes that, so that
/// `size` is the em size in both outputs.
const PLOTTERS_EM: f64 = 1.24;

fn font(size: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    FontDesc::new(FontFamily::Name(FONT), size * PLOTTERS_EM, style)
}

/// Line height of a subtitle wrapped over several lines.
const SUBTITLE_LINE_H: f64 = 20.0;

fn subtitle_lines(subtitle: &str) -> Vec<String> {
    wrap(
        subtitle,
        super::style::WIDTH - 2.0 * MARGIN,
        SUBTITLE_INK.size,
        false,
    )
}

/// What a subtitle's lines after the first add to the height of a chart's heading.
pub fn subtitle_extra(subtitle: &str) -> f64 {
    subtitle_lines(subtitle).len().saturating_sub(1) as f64 * SUBTITLE_LINE_H
}

/// Width of `text` in layout units.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    glyphs::width(text, size, bold)
}

/// Splits `text` into lines no wider than `width` units, breaking at spaces (a single word
/// wider than the line stands alone).
pub fn wrap(text: &str, width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        // A word wider than the line (a web address, a code) is broken where it must be,
        // after a `/`, `-`, `_` or `.` when one falls on the line, so that it never runs
        // into the bars beside its label.
        if text_width(word, size, bold) > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut pieces = break_word(word, width, size, bold);
            line = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
            continue;
        }
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, bold) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `word` in pieces no wider than `width`, each ending at its last `/`, `-`, `_` or `.` when
/// it has one past its first third, else at the last character that fits.
fn break_word(word: &str, width: f64, size: f64, bold: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest: Vec<char> = word.chars().collect();
    while !rest.is_empty() {
        let mut fit = 1;
        while fit < rest.len()
            && text_width(&rest[..=fit].iter().collect::<String>(), size, bold) <= width
        {
            fit += 1;
        }
        if fit < rest.len() {
            if let Some(at) = rest[..fit]
                .iter()
                .rposition(|c| matches!(c, '/' | '-' | '_' | '.'))
                .filter(|at| *at + 1 > fit / 3)
            {
                fit = at + 1;
            }
        }
        out.push(rest.drain(..fit).collect());
    }
    out
}

/// A chart kind: its size in layout units and how to draw itself on a canvas.
pub trait Drawing {
    /// Name used in error messages.
    fn name(&self) -> &str;
    /// The chart's title, for the SVG's `<title>`.
    fn title(&self) -> String;
    /// What the chart shows, written from its data (what is plotted, the largest and the
    /// smallest values, how many answered): the SVG's `<desc>` and every document's alt text.
    fn description(&self) -> String;
    fn height(&self) -> f64;
    fn draw<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> DrawResult;
}

/// A chart rendered both ways.
pub struct Rendered {
    pub png: Vec<u8>,
    pub svg: Vec<u8>,
    /// The description, for the documents' alt text.
    pub alt: String,
}

/// `svg` announced to assistive technology as one image, named by its title and described
/// by its data: `role="img"`, `<title>` and `<desc>` (escaped by quick-xml).
fn accessible(svg: &str, title: &str, desc: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg.to_string();
    };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else {
        return svg.to_string();
    };
    let esc = |t: &str| quick_xml::escape::escape(t).into_owned();
    format!(
        "{} role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n<title id=\"chart-title\">{}</title>\n<desc id=\"chart-desc\">{}</desc>{}",
        &svg[..end],
        esc(title),
        esc(desc),
        &svg[end + 1..]
    )
}

/// The PNG drawn on a palette bitmap; `None` when the drawing has more colours.
fn raster_indexed<D: Drawing>(
    drawing: &D,
    width: u32,
    height: u32,
) -> Result<Option<Vec<u8>>, String> {
    let mut bitmap = raster::Indexed::new(width, height, super::style::BACKGROUND);
    let drawn = {
        let area = DrawingArea::<_, Shift>::from(&mut bitmap);
        let canvas = Canvas::new(&area, PNG_SCALE, true);
        drawing.draw(&canvas).map(|_| canvas.into_raster_text())
    };
    let lines = match drawn {
        Ok(lines) => lines,
        Err(_) if bitmap.full() => return Ok(None),
        Err(reason) => return Err(reason),
    };
    for t in &lines {
        if !glyphs::draw(&mut bitmap, &t.text, t.at, t.size, t.bold, t.colour) {
            return Ok(None);
        }
    }
    bitmap.png().map(Some).map_err(|e| e.to_string())
}

/// The PNG drawn on an RGB bitmap, for a drawing with more colours than a palette holds.
fn raster_rgb<D: Drawing>(drawing: &D, width: u32, height: u32) -> Result<Vec<u8>, String> {
    let background = super::style::BACKGROUND;
    let mut pixels = [background.0, background.1, background.2].repeat((width * height) as usize);
    let lines = {
        let area = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        let canvas = Canvas::new(&area, PNG_SCALE, true);
        drawing.draw(&canvas)?;
        area.present().map_err(|e| e.to_string())?;
        canvas.into_raster_text()
    };
    let mut bitmap = raster::Rgb {
        width: width as usize,
        pixels: &mut pixels,
    };
    for t in &lines {
        glyphs::draw(&mut bitmap, &t.text, t.at, t.size, t.bold, t.colour);
    }
    raster::encode(&pixels, width, height, None).map_err(|e| e.to_string())
}

/// Renders a drawing to SVG (1 unit = 1 px) and to PNG (scaled for print, resolution
/// recorded in the file). Same drawing in, same bytes out.
pub fn render<D: Drawing>(drawing: &D, width: f64) -> Result<Rendered, String> {
    super::style::register_fonts();
    let (w, h) = (width.ceil() as u32, drawing.height().ceil() as u32);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        area.fill(&super::style::BACKGROUND)
            .map_err(|e| e.to_string())?;
        drawing.draw(&Canvas::new(&area, 1.0, false))?;
        area.present().map_err(|e| e.to_string())?;
    }
    let (pw, ph) = ((w as f64 * PNG_SCALE) as u32, (h as f64 * PNG_SCALE) as u32);
    let png = match raster_indexed(drawing, pw, ph)? {
        Some(png) => png,
        None => raster_rgb(drawing, pw, ph)?,
    };
    let alt = drawing.description();
    Ok(Rendered {
        png,
        svg: accessible(&svg, &drawing.title(), &alt).into_bytes(),
        alt,
    })
}

#[cfg(test)]
mod tests {
    /// A label of one long word (a web address) once ran over the bars beside it.
    #[test]
    fn a_word_wider_than_the_line_is_broken_to_fit() {
        let url =
            "https://www.example.gov.uk/councillors/member-development/evaluation-form-responses";
        let lines = super::wrap(&format!("See {url} please"), 230.0, 17.0, false);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(super::text_width(l, 17.0, false) <= 230.0, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), format!("See{url}please"));
        assert!(
            lines[1].ends_with('/') || lines[1].ends_with('-') || lines[1].ends_with('.'),
            "{lines:?}"
        );
    }

    use super::accessible;

    #[test]
    fn the_svg_is_one_image_named_and_described_with_its_text_escaped() {
        let svg = r#"<svg width="8" height="8" xmlns="http://www.w3.org/2000/svg">
<rect/></svg>"#;
        let out = accessible(svg, "Answers <all> & more", "Most \"favourable\": 82%");
        assert!(out.starts_with(
            r#"<svg width="8" height="8" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title chart-desc">"#
        ));
        assert!(out.contains(r#"<title id="chart-title">Answers &lt;all&gt; &amp; more</title>"#));
        assert!(out.contains(r#"<desc id="chart-desc">Most &quot;favourable&quot;: 82%</desc>"#));
        assert!(out.ends_with("<rect/></svg>"));
        // Still well-formed XML.
        let mut reader = quick_xml::Reader::from_str(&out);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{e}: {out}"),
            }
        }
    }
}
