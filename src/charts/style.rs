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

pub const TITLE_SIZE: f64 = 20.0;
/// Line height of a wrapped title.
pub const TITLE_LINE_H: f64 = 26.0;
pub const SUBTITLE_SIZE: f64 = 13.0;
pub const LABEL_SIZE: f64 = 13.0;
pub const SMALL_SIZE: f64 = 11.0;

pub const TEXT: RGBColor = RGBColor(33, 33, 33);
pub const MUTED: RGBColor = RGBColor(102, 102, 102);
pub const GRID: RGBColor = RGBColor(224, 224, 224);
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);

/// Diverging palette (ColorBrewer RdBu, safe for colour-blind readers): most favourable to
/// least favourable.
pub fn sentiment_colour(sentiment: i8) -> RGBColor {
    match sentiment {
        2.. => RGBColor(33, 102, 172),
        1 => RGBColor(103, 169, 207),
        0 => RGBColor(204, 204, 204),
        -1 => RGBColor(239, 138, 98),
        _ => RGBColor(178, 24, 43),
    }
}

/// Colour of non-substantive answers ("Don't know", "Too early to say").
pub const NOT_SUBSTANTIVE: RGBColor = RGBColor(150, 150, 150);

/// Whether text drawn on a segment of this sentiment should be white.
pub fn light_text_on(sentiment: i8) -> bool {
    sentiment.abs() == 2
}

/// Legend wording of each sentiment level, most favourable first.
pub const SENTIMENT_LEGEND: [(i8, &str); 5] = [
    (2, "Most favourable"),
    (1, "Favourable"),
    (0, "Neutral"),
    (-1, "Unfavourable"),
    (-2, "Least favourable"),
];

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
