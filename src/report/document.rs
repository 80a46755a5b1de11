//! A document as an officer reads it, before any format: a title block, then headings,
//! paragraphs (numbered as in a committee report, or plain), bulleted lists, tables and
//! figures with alt text. Built once from the results; each format (Markdown, HTML, DOCX) is
//! one writer over it (`report::write`). Nothing here knows about surveys, and nothing here
//! escapes: text is held as written, and each writer escapes it with its format's library.

/// A run of text, bold or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub strong: bool,
}

/// Text made of spans.
pub type Text = Vec<Span>;

pub fn plain(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        strong: false,
    }
}

pub fn strong(text: impl Into<String>) -> Span {
    Span {
        text: text.into(),
        strong: true,
    }
}

/// How a column's cells line up: numbers to the right, so that digits align.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table with one header row; every row has one cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// What the table shows, said before it (a caption for screen readers too).
    pub caption: String,
    pub columns: Vec<(String, Align)>,
    pub rows: Vec<Vec<String>>,
}

/// A chart, drawn elsewhere: `path` is its report path without extension (`.png` and `.svg`
/// are looked up by the writers).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub path: String,
    pub title: String,
    /// What the chart shows, in a sentence or two, for readers who cannot see it. The topic
    /// documents leave it empty: rendering fills it with the chart's own description, written
    /// from its data (the SVG's `<desc>`), so every format says the same.
    pub alt: String,
    /// How much of the text width the figure takes in print, in per cent (100: all of it).
    pub width: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 2 (a section) or 3 (a part of one); level 1 is the document's title.
    Heading(u8, String),
    Paragraph(Text),
    /// A paragraph numbered as in a committee report (`1.2`).
    Numbered(String, Text),
    Bullets(Vec<Text>),
    Table(Table),
    Figure(Figure),
}

/// A document with its title block.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    /// Label and value pairs under the title (`Sessions`, `Responses`...).
    pub details: Vec<(String, String)>,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>) -> Self {
        Document {
            title: title.into(),
            details: Vec::new(),
            blocks: Vec::new(),
        }
    }

    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        debug_assert!((2..=3).contains(&level));
        self.blocks.push(Block::Heading(level, text.into()));
    }

    pub fn paragraph(&mut self, text: Text) {
        self.blocks.push(Block::Paragraph(text));
    }

    /// Adds a block; a table's caption reads as a sentence does after its number ("Table 2:
    /// Rated questions", not "Table 2: rated questions").
    pub fn push(&mut self, mut block: Block) {
        if let Block::Table(t) = &mut block {
            t.caption = capitalised_caption(&t.caption);
        }
        self.blocks.push(block);
    }
}

/// `Table 2: rated questions` as `Table 2: Rated questions`; other captions as they are.
fn capitalised_caption(caption: &str) -> String {
    match caption.split_once(": ") {
        Some((number, rest)) if number.starts_with("Table ") => {
            format!("{number}: {}", crate::model::capitalised(rest))
        }
        _ => caption.to_string(),
    }
}

/// Numbers paragraphs within a section as a committee report does: `1.1`, `1.2`...
pub struct Numbering {
    section: u32,
    paragraph: u32,
}

impl Numbering {
    pub fn new() -> Self {
        Numbering {
            section: 0,
            paragraph: 0,
        }
    }

    /// Starts the next section; returns its number.
    pub fn section(&mut self) -> u32 {
        self.section += 1;
        self.paragraph = 0;
        self.section
    }

    /// The next paragraph of the current section.
    pub fn next(&mut self, text: Text) -> Block {
        self.paragraph += 1;
        Block::Numbered(format!("{}.{}", self.section, self.paragraph), text)
    }
}

impl Default for Numbering {
    fn default() -> Self {
        Self::new()
    }
}
