//! The house style of every chart: palette, font, sizes, resolution. Change the look here.

use plotters::style::{register_font, FontStyle, RGBColor};
use std::sync::Once;

/// Family name the bundled font is registered under. `sans-serif` keeps SVGs readable in
/// any viewer; PNGs are rasterised with the bundled DejaVu Sans, so they need no system font.
pub const FONT: &str = "sans-serif";

pub(super) static REGULAR: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
pub(super) static BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");
static REGISTER: Once = Once::new();

/// Registers the bundled fonts with plotters (once per process).
pub fn register_fonts() {
    REGISTER.call_once(|| {
        // The fonts are compiled in and known to parse; a failure here is a build defect.
        let ok = register_font(FONT, FontStyle::Normal, REGULAR).is_ok()
            && register_font(FONT, FontStyle::Bold, BOLD).is_ok();
        assert!(ok, "the bundled fonts failed to parse");
    });
}

/// Charts are laid out in units of one SVG pixel; the PNG is drawn this many times larger.
pub const PNG_SCALE: f64 = 2.5;
/// PNG resolution written into the file (pixels per inch): 800 units wide prints at 6.7 in,
/// the text width of an A4 page.
pub const PNG_DPI: f64 = 300.0;

/// Overall chart width in units.
pub const WIDTH: f64 = 800.0;
pub const MARGIN: f64 = 24.0;

/// The width a chart is placed at in a document: the text width of an A4 portrait page,
/// 16 cm, in points.
pub const PRINT_WIDTH_PT: f64 = 16.0 / 2.54 * 72.0;
/// Points per layout unit once placed.
pub const PT_PER_UNIT: f64 = PRINT_WIDTH_PT / WIDTH;
/// The smallest text and the thinnest line a chart may have once placed (Analysis Function
/// guidance: text no smaller than 9 pt; lines of at least 0.5 pt, which `MIN_LINE` gives).
pub const MIN_TEXT_PT: f64 = 9.0;
/// Thinnest line drawn, in units (every line is drawn at least this wide).
pub const MIN_LINE: f64 = 0.9;
/// The tallest chart, in units: the text height of an A4 portrait page (297 mm less 25 mm
/// margins top and bottom) at the chart's width, less 35 mm for the heading and caption
/// kept on its page. A taller chart cannot share a page with them: Word and LibreOffice then
/// leave the heading and caption alone on one page and the chart on the next.
pub const MAX_HEIGHT: f64 = (29.7 - 5.0 - 3.5) / 16.0 * WIDTH;

pub const TITLE_SIZE: f64 = 22.0;
/// Line height of a wrapped title.
pub const TITLE_LINE_H: f64 = 28.0;
pub const SUBTITLE_SIZE: f64 = 16.0;
pub const LABEL_SIZE: f64 = 17.0;
pub const SMALL_SIZE: f64 = 16.0;

pub const TEXT: RGBColor = RGBColor(33, 33, 33);
pub const MUTED: RGBColor = RGBColor(102, 102, 102);
pub const GRID: RGBColor = RGBColor(224, 224, 224);
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);

/// The Analysis Function's chart colours (afcharts `af_colours`), each at least 3:1 against
/// the white background (the unit test computes it).
pub mod af {
    use plotters::style::RGBColor;
    pub const DARK_BLUE: RGBColor = RGBColor(0x12, 0x43, 0x6D);
    pub const MID_BLUE: RGBColor = RGBColor(0x20, 0x73, 0xBC);
    pub const TURQUOISE: RGBColor = RGBColor(0x28, 0xA1, 0x97);
    pub const DARK_PINK: RGBColor = RGBColor(0x80, 0x16, 0x50);
    pub const ORANGE: RGBColor = RGBColor(0xF4, 0x6A, 0x25);
    pub const LIGHT_PURPLE: RGBColor = RGBColor(0xA2, 0x85, 0xD1);
}

/// The middle of a scale: a grey darker than the Analysis Function's dark grey, whose
/// lightness no other answer of a scale shares.
pub const NEUTRAL: RGBColor = RGBColor(0x26, 0x26, 0x26);
/// The least favourable answer: the Analysis Function's dark pink, lightened so that it
/// prints as a grey of its own, apart from the dark blue at the other end.
pub const UNFAVOURABLE: RGBColor = RGBColor(0xA0, 0x2C, 0x6C);

/// Colours of a rated scale, most favourable to least: the Analysis Function's blues on the
/// favourable side, a near-black grey in the middle, orange and a dark pink on the
/// unfavourable side. Neighbours differ in lightness (also as colour-blind readers see them),
/// and every answer of a scale prints as its own grey on a black-and-white printer (the unit
/// tests compute both); they are separated by a white gap and labelled with their share, so
/// no answer is told by hue alone.
pub fn sentiment_colour(sentiment: i8) -> RGBColor {
    match sentiment {
        2.. => af::DARK_BLUE,
        1 => af::MID_BLUE,
        0 => NEUTRAL,
        -1 => af::ORANGE,
        _ => UNFAVOURABLE,
    }
}

/// Colour of non-substantive answers ("Don't know", "Too early to say"), drawn apart.
pub const NOT_SUBSTANTIVE: RGBColor = af::LIGHT_PURPLE;

/// Whether text drawn on a segment of this sentiment should be white (black on orange).
pub fn light_text_on(sentiment: i8) -> bool {
    sentiment != -1
}

/// How a piece of text is drawn: font size (em, in layout units), weight and colour.
#[derive(Clone, Copy)]
pub struct Ink {
    pub size: f64,
    pub bold: bool,
    pub colour: RGBColor,
}

impl Ink {
    pub const fn bold(self) -> Ink {
        Ink { bold: true, ..self }
    }

    pub const fn colour(self, colour: RGBColor) -> Ink {
        Ink { colour, ..self }
    }
}

pub const TITLE_INK: Ink = Ink {
    size: TITLE_SIZE,
    bold: true,
    colour: TEXT,
};
pub const SUBTITLE_INK: Ink = Ink {
    size: SUBTITLE_SIZE,
    bold: false,
    colour: MUTED,
};
/// Question labels and counts.
pub const LABEL_INK: Ink = Ink {
    size: LABEL_SIZE,
    bold: false,
    colour: TEXT,
};
/// Legend entries and values on bars.
pub const SMALL_INK: Ink = Ink {
    size: SMALL_SIZE,
    bold: false,
    colour: TEXT,
};
/// Axis ticks, column headings and asides.
pub const NOTE_INK: Ink = Ink {
    size: SMALL_SIZE,
    bold: false,
    colour: MUTED,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(c: u8) -> f64 {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn rgb(c: RGBColor) -> [f64; 3] {
        [linear(c.0), linear(c.1), linear(c.2)]
    }

    /// WCAG 2.2 relative luminance.
    fn luminance([r, g, b]: [f64; 3]) -> f64 {
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (x, y) = (luminance(rgb(a)), luminance(rgb(b)));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// CIE L* of a linear-RGB colour.
    fn lightness(c: [f64; 3]) -> f64 {
        let y = luminance(c);
        if y > 0.008856 {
            116.0 * y.cbrt() - 16.0
        } else {
            903.3 * y
        }
    }

    /// Dichromat simulation in linear RGB, Viénot, Brettel & Mollon (1999), "Digital video
    /// colourmaps for checking the legibility of displays by dichromats".
    fn simulate(c: [f64; 3], m: [[f64; 3]; 3]) -> [f64; 3] {
        std::array::from_fn(|i| (0..3).map(|j| m[i][j] * c[j]).sum::<f64>().clamp(0.0, 1.0))
    }
    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.29275, 0.70725, 0.0],
        [0.29275, 0.70725, 0.0],
        [-0.02234, 0.02234, 1.0],
    ];
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.11238, 0.88762, 0.0],
        [0.11238, 0.88762, 0.0],
        [0.00401, -0.00401, 1.0],
    ];

    const MIN_LINE_PT: f64 = 0.5;

    #[test]
    fn text_and_lines_are_large_enough_at_print_size() {
        for ink in [TITLE_INK, SUBTITLE_INK, LABEL_INK, SMALL_INK, NOTE_INK] {
            assert!(
                ink.size * PT_PER_UNIT >= MIN_TEXT_PT,
                "{} pt",
                ink.size * PT_PER_UNIT
            );
        }
        assert!(std::hint::black_box(MIN_LINE) * PT_PER_UNIT >= MIN_LINE_PT);
        // The PNG rounds a line up to whole pixels: still at least 0.5 pt.
        let px_pt = PRINT_WIDTH_PT / (WIDTH * PNG_SCALE);
        assert!((MIN_LINE * PNG_SCALE).ceil() * px_pt >= MIN_LINE_PT);
    }

    /// The figures of the Analysis Function's table (publishing reference, section 1): dark
    /// blue 10.25:1, orange 3.03:1, mid blue 4.95:1 against white.
    #[test]
    fn contrast_matches_the_published_figures() {
        let round = |x: f64| (x * 100.0).round() / 100.0;
        assert_eq!(round(contrast(af::DARK_BLUE, BACKGROUND)), 10.25);
        assert_eq!(round(contrast(af::ORANGE, BACKGROUND)), 3.03);
        assert_eq!(round(contrast(af::MID_BLUE, BACKGROUND)), 4.95);
    }

    #[test]
    fn every_data_colour_has_three_to_one_against_the_background() {
        let mut colours: Vec<RGBColor> = (-2..=2).map(sentiment_colour).collect();
        colours.extend([NOT_SUBSTANTIVE, af::TURQUOISE, TEXT, MUTED]);
        for c in colours {
            let ratio = contrast(c, BACKGROUND);
            assert!(ratio >= 3.0, "{c:?}: {ratio:.2}:1");
        }
    }

    #[test]
    fn text_on_each_segment_is_readable() {
        for s in -2..=2 {
            let ink = if light_text_on(s) { BACKGROUND } else { TEXT };
            let ratio = contrast(ink, sentiment_colour(s));
            assert!(ratio >= 4.5, "sentiment {s}: {ratio:.2}:1");
        }
    }

    /// Neighbouring answers of a scale differ in lightness by at least 15 L* for every
    /// reader, not by hue alone.
    /// Printed in black and white, every answer of a scale is a grey of its own: "Yes, in
    /// full" and "No, not at all", or "Very satisfied", "Neither" and "Very dissatisfied",
    /// must not print alike. (The answers that give no view are drawn apart, in their own
    /// column, and need not differ from these.)
    #[test]
    fn every_answer_of_a_scale_prints_as_its_own_grey() {
        for a in -2..=2 {
            for b in (a + 1)..=2 {
                let (x, y) = (
                    lightness(rgb(sentiment_colour(a))),
                    lightness(rgb(sentiment_colour(b))),
                );
                assert!((x - y).abs() >= 8.0, "{a} and {b}: L* {x:.1} and {y:.1}");
            }
        }
    }

    #[test]
    fn neighbours_differ_in_lightness_under_deuteranopia_and_protanopia() {
        let identity = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        for (vision, m) in [
            ("normal", identity),
            ("deuteranopia", DEUTERANOPIA),
            ("protanopia", PROTANOPIA),
        ] {
            for s in -2..2 {
                let a = lightness(simulate(rgb(sentiment_colour(s)), m));
                let b = lightness(simulate(rgb(sentiment_colour(s + 1)), m));
                assert!(
                    (a - b).abs() >= 15.0,
                    "{vision}: {s} and {}: L* {a:.1} and {b:.1}",
                    s + 1
                );
            }
        }
    }
}
