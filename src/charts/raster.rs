//! The PNG of a chart. Drawn first onto a palette bitmap (one byte a pixel, a plotters
//! backend of our own): charts are flat fills and a little anti-aliased text, so nearly all
//! keep to 256 colours, and a third of the bytes to fill and compress. A chart with more
//! colours (a heat map's scale with text on every shade) is drawn again in RGB.

use super::style::PNG_DPI;
use plotters::prelude::RGBColor;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, DrawingBackend, DrawingErrorKind,
};

/// Levels of coverage a blended pixel takes besides none: anti-aliased text and edges in
/// steps too fine to see at print resolution, few enough to keep within a palette.
pub const LEVELS: u16 = 16;

/// `ink` laid over `under` with coverage `a` of [`LEVELS`].
fn mix(ink: [u8; 3], under: [u8; 3], a: u16) -> [u8; 3] {
    let channel = |i: usize| {
        let (ink, under) = (u16::from(ink[i]), u16::from(under[i]));
        ((ink * a + under * (LEVELS - a) + LEVELS / 2) / LEVELS) as u8
    };
    [channel(0), channel(1), channel(2)]
}

/// A coverage in `0.0..=1.0` as a level of [`LEVELS`].
pub fn level(coverage: f64) -> u16 {
    (coverage.clamp(0.0, 1.0) * f64::from(LEVELS)).round() as u16
}

/// What text is drawn onto: a pixel mixed from `ink` and what is under it.
pub trait Pixels {
    fn size(&self) -> (usize, usize);
    /// Mixes `ink` into pixel `(x, y)` (inside the bitmap) with coverage `a` (`1..=LEVELS`);
    /// `false` when the bitmap cannot take the colour.
    fn blend(&mut self, x: usize, y: usize, ink: [u8; 3], a: u16) -> bool;
}

/// The palette bitmap's run out of colours.
#[derive(Debug)]
pub struct PaletteFull;

impl std::fmt::Display for PaletteFull {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("more than 256 colours")
    }
}

impl std::error::Error for PaletteFull {}

/// Up to 256 colours and their indices, in order of first use: an open-addressed table
/// four times the palette's size.
struct Palette {
    keys: [u32; 1024],
    values: [u8; 1024],
    colours: Vec<[u8; 3]>,
}

impl Palette {
    fn new() -> Self {
        Palette {
            keys: [u32::MAX; 1024],
            values: [0; 1024],
            colours: Vec::with_capacity(256),
        }
    }

    /// The index of `colour`, added if new; `None` for a 257th colour.
    fn index(&mut self, colour: [u8; 3]) -> Option<u8> {
        let key = u32::from(colour[0]) << 16 | u32::from(colour[1]) << 8 | u32::from(colour[2]);
        let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        loop {
            match self.keys[slot] {
                k if k == key => return Some(self.values[slot]),
                u32::MAX => {
                    let index = u8::try_from(self.colours.len()).ok()?;
                    self.keys[slot] = key;
                    self.values[slot] = index;
                    self.colours.push(colour);
                    return Some(index);
                }
                _ => slot = (slot + 1) % self.keys.len(),
            }
        }
    }
}

/// A bitmap of palette indices, drawn on through plotters.
pub struct Indexed {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
    palette: Palette,
    /// A colour did not fit in the palette.
    full: bool,
}

type Drawn = Result<(), DrawingErrorKind<PaletteFull>>;

impl Indexed {
    /// A bitmap filled with `background`.
    pub fn new(width: u32, height: u32, background: RGBColor) -> Self {
        let mut palette = Palette::new();
        let first = palette.index([background.0, background.1, background.2]);
        debug_assert_eq!(first, Some(0));
        Indexed {
            width: width as usize,
            height: height as usize,
            pixels: vec![0; width as usize * height as usize],
            palette,
            full: false,
        }
    }

    /// Whether a colour did not fit in the palette (the drawing then stopped).
    pub fn full(&self) -> bool {
        self.full
    }

    fn index(&mut self, colour: [u8; 3]) -> Result<u8, DrawingErrorKind<PaletteFull>> {
        let index = self.palette.index(colour);
        self.full |= index.is_none();
        index.ok_or(DrawingErrorKind::DrawingError(PaletteFull))
    }

    /// Fills the pixels from `x0` to `x1` (inclusive, clipped) of row `y` with `colour`.
    fn fill_row(&mut self, y: i32, x0: i32, x1: i32, colour: [u8; 3]) -> Drawn {
        let (x0, x1) = (x0.max(0), x1.min(self.width as i32 - 1));
        if y < 0 || y >= self.height as i32 || x0 > x1 {
            return Ok(());
        }
        let i = self.index(colour)?;
        let row = y as usize * self.width;
        self.pixels[row + x0 as usize..=row + x1 as usize].fill(i);
        Ok(())
    }

    /// The PNG: palette, indices, resolution.
    pub fn png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let colours: Vec<u8> = self.palette.colours.iter().flatten().copied().collect();
        encode(
            &self.pixels,
            self.width as u32,
            self.height as u32,
            Some(&colours),
        )
    }
}

impl Pixels for Indexed {
    fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    fn blend(&mut self, x: usize, y: usize, ink: [u8; 3], a: u16) -> bool {
        let at = y * self.width + x;
        let under = self.palette.colours[usize::from(self.pixels[at])];
        match self.index(mix(ink, under, a)) {
            Ok(i) => {
                self.pixels[at] = i;
                true
            }
            Err(_) => false,
        }
    }
}

fn rgb(c: BackendColor) -> [u8; 3] {
    [c.rgb.0, c.rgb.1, c.rgb.2]
}

/// Drawn on by reference, so that the bitmap is there to encode once plotters is done.
impl DrawingBackend for &mut Indexed {
    type ErrorType = PaletteFull;

    fn get_size(&self) -> (u32, u32) {
        (self.width as u32, self.height as u32)
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, colour: BackendColor) -> Drawn {
        if x < 0 || y < 0 || x >= self.width as i32 || y >= self.height as i32 {
            return Ok(());
        }
        let a = level(colour.alpha);
        if a == 0 {
            return Ok(());
        }
        if a >= LEVELS {
            let i = self.index(rgb(colour))?;
            self.pixels[y as usize * self.width + x as usize] = i;
            return Ok(());
        }
        if self.blend(x as usize, y as usize, rgb(colour), a) {
            Ok(())
        } else {
            Err(DrawingErrorKind::DrawingError(PaletteFull))
        }
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn {
        let colour = style.color();
        if style.stroke_width() == 1 && colour.alpha >= 1.0 && from.1 == to.1 {
            return self.fill_row(from.1, from.0.min(to.0), from.0.max(to.0), rgb(colour));
        }
        plotters_backend::rasterizer::draw_line(self, from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let colour = style.color();
        // As plotters' own bitmap fills a rectangle: the bottom-right corner is outside it.
        if fill && colour.alpha >= 1.0 {
            let (x0, x1) = (
                upper_left.0.min(bottom_right.0),
                upper_left.0.max(bottom_right.0),
            );
            let (y0, y1) = (
                upper_left.1.min(bottom_right.1),
                upper_left.1.max(bottom_right.1),
            );
            for y in y0..y1 {
                self.fill_row(y, x0, x1 - 1, rgb(colour))?;
            }
            return Ok(());
        }
        plotters_backend::rasterizer::draw_rect(self, upper_left, bottom_right, style, fill)
    }
}

/// An RGB bitmap, for the charts with more colours than a palette holds.
pub struct Rgb<'a> {
    pub width: usize,
    pub pixels: &'a mut [u8],
}

impl Pixels for Rgb<'_> {
    fn size(&self) -> (usize, usize) {
        (self.width, self.pixels.len() / 3 / self.width.max(1))
    }

    fn blend(&mut self, x: usize, y: usize, ink: [u8; 3], a: u16) -> bool {
        let at = (y * self.width + x) * 3;
        let under = [self.pixels[at], self.pixels[at + 1], self.pixels[at + 2]];
        self.pixels[at..at + 3].copy_from_slice(&mix(ink, under, a));
        true
    }
}

/// A PNG of `data`: palette indices with `palette`, else RGB; the print resolution recorded.
pub fn encode(
    data: &[u8],
    width: u32,
    height: u32,
    palette: Option<&[u8]>,
) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    let per_metre = (PNG_DPI / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    match palette {
        // Measured on a chart of the 1,000-session corpus: 468 kB in 42 ms as RGB with
        // adaptive filters at deflate level 2 (the setting before palettes), 295 kB in 18 ms
        // as a palette image unfiltered at level 1, 251 kB in 29 ms at level 2.
        Some(colours) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(colours);
            encoder.set_filter(png::Filter::NoFilter);
            encoder.set_deflate_compression(png::DeflateCompression::Level(1));
        }
        // Deflate level 2: on the 1,000-session corpus the charts took 21.6 s at the
        // default level (6) and 14.7 s at 2, for files 3.6% larger.
        None => {
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_deflate_compression(png::DeflateCompression::Level(2));
        }
    }
    let mut writer = encoder.write_header()?;
    writer.write_image_data(data)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    fn pixels_of(png_bytes: &[u8]) -> (png::ColorType, Vec<u8>, Option<Vec<u8>>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let palette = reader.info().palette.as_ref().map(|p| p.to_vec());
        (info.color_type, buf, palette)
    }

    /// A drawing of a few flat colours comes out as a palette image whose pixels are those
    /// colours where they were drawn.
    #[test]
    fn flat_shapes_make_a_palette_image_of_their_colours() {
        let mut bitmap = Indexed::new(10, 4, RGBColor(255, 255, 255));
        {
            let area = DrawingArea::<_, plotters::coord::Shift>::from(&mut bitmap);
            area.draw(&Rectangle::new(
                [(2, 1), (4, 2)],
                RGBColor(18, 67, 109).filled(),
            ))
            .unwrap();
        }
        let (kind, indices, palette) = pixels_of(&bitmap.png().unwrap());
        assert_eq!(kind, png::ColorType::Indexed);
        let palette = palette.unwrap();
        let colour = |x: usize, y: usize| {
            let i = usize::from(indices[y * 10 + x]) * 3;
            [palette[i], palette[i + 1], palette[i + 2]]
        };
        assert_eq!(colour(0, 0), [255, 255, 255]);
        assert_eq!(colour(2, 1), [18, 67, 109]);
        assert_eq!(colour(3, 1), [18, 67, 109]);
        assert_eq!(
            colour(4, 1),
            [255, 255, 255],
            "the corner is outside, as in plotters"
        );
        assert_eq!(colour(3, 2), [255, 255, 255]);
    }

    /// A 257th colour stops the palette bitmap, so the chart can be drawn in RGB instead.
    #[test]
    fn more_than_256_colours_do_not_fit() {
        let mut bitmap = Indexed::new(300, 1, RGBColor(0, 0, 0));
        let mut result = Ok(());
        for x in 0..300 {
            let c = BackendColor {
                alpha: 1.0,
                rgb: (x as u8, (x / 256) as u8, 7),
            };
            result = result.and_then(|_| (&mut bitmap).draw_pixel((x, 0), c));
        }
        assert!(matches!(
            result,
            Err(DrawingErrorKind::DrawingError(PaletteFull))
        ));
        assert!(bitmap.full());
    }

    #[test]
    fn mixing_is_weighted_by_coverage() {
        assert_eq!(mix([0, 0, 0], [255, 255, 255], 0), [255, 255, 255]);
        assert_eq!(mix([0, 0, 0], [255, 255, 255], LEVELS), [0, 0, 0]);
        assert_eq!(mix([0, 0, 0], [255, 255, 255], LEVELS / 2), [128, 128, 128]);
        assert_eq!(level(0.5), LEVELS / 2);
    }
}
