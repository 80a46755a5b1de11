//! DOCX: a Word document an officer can paste into the committee-report template. Headings
//! use Word's built-in Heading 1-3 styles (so the template's own styles apply on paste),
//! tables are real tables whose header row repeats on each page, charts are PNGs at the
//! width of an A4 text block with alt text, and the footer numbers the pages. Text is
//! escaped by quick-xml; the package is a deterministic zip (fixed entry times).

use super::png_size;
use crate::error::{Error, Result};
use crate::report::document::{Align, Block, Document, Text};
use crate::report::ReportFiles;
use quick_xml::escape::escape;
use std::fmt::Write as _;
use std::io::Write as _;

/// A4 portrait with 2.54 cm margins: the text block is 9,026 twips (15.9 cm) wide.
const TEXT_WIDTH_TWIPS: u64 = 11906 - 2 * 1440;
const EMU_PER_TWIP: u64 = 635;

const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture""#;

/// A run of text; `xml:space` keeps leading and trailing spaces.
fn run(out: &mut String, text: &str, bold: bool) {
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(line));
    }
    out.push_str("</w:r>");
}

fn paragraph(out: &mut String, style: Option<&str>, extra: &str, spans: &Text) {
    out.push_str("<w:p>");
    if style.is_some() || !extra.is_empty() {
        out.push_str("<w:pPr>");
        if let Some(s) = style {
            let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
        }
        out.push_str(extra);
        out.push_str("</w:pPr>");
    }
    for s in spans {
        run(out, &s.text, s.strong);
    }
    out.push_str("</w:p>");
}

fn plain_paragraph(out: &mut String, style: &str, text: &str) {
    paragraph(
        out,
        Some(style),
        "",
        &vec![crate::report::document::plain(text)],
    );
}

/// A picture to embed: its relationship id, file name in the package and bytes.
struct Media<'a> {
    id: String,
    name: String,
    png: &'a [u8],
}

pub fn render(doc: &Document, files: &ReportFiles) -> Result<Vec<u8>> {
    package(doc, files).map_err(|e| Error::Document {
        document: doc.title.clone(),
        reason: e.to_string(),
    })
}

/// The package: the document's XML is deflated into it as it is written, [`SPILL`] bytes at
/// a time, so that the whole XML (86 MB for the evaluation document of 200,000
/// respondents) is never held; the parts that name the pictures follow it.
fn package(doc: &Document, files: &ReportFiles) -> zip::result::ZipResult<Vec<u8>> {
    let core = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
<dc:title>{}</dc:title><dc:language>en-GB</dc:language></cp:coreProperties>",
        escape(&doc.title)
    );
    let mut zip = Package::new();
    zip.part("[Content_Types].xml", CONTENT_TYPES.as_bytes())?;
    zip.part("_rels/.rels", PACKAGE_RELS.as_bytes())?;
    zip.part("docProps/core.xml", core.as_bytes())?;
    zip.begin("word/document.xml")?;
    let mut out = Part {
        xml: String::with_capacity(2 * SPILL),
        zip: &mut zip,
    };
    let _ = write!(
        out.xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NAMESPACES}><w:body>"
    );
    let media = body(doc, files, &mut out)?;
    out.xml.push_str(PORTRAIT);
    out.xml.push_str("</w:body></w:document>");
    out.flush()?;
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    );
    for m in &media {
        let _ = write!(
            rels,
            "<Relationship Id=\"{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/{}\"/>",
            m.id, m.name
        );
    }
    rels.push_str("</Relationships>");
    zip.part("word/_rels/document.xml.rels", rels.as_bytes())?;
    zip.part("word/styles.xml", STYLES.as_bytes())?;
    zip.part("word/numbering.xml", NUMBERING.as_bytes())?;
    zip.part("word/footer1.xml", FOOTER.as_bytes())?;
    for m in &media {
        zip.part(&format!("word/media/{}", m.name), m.png)?;
    }
    zip.finish()
}

/// The document's blocks into `out`; the pictures they show, in order.
fn body<'f>(
    doc: &Document,
    files: &'f ReportFiles,
    out: &mut Part,
) -> zip::result::ZipResult<Vec<Media<'f>>> {
    let mut media: Vec<Media> = Vec::new();
    plain_paragraph(&mut out.xml, "Heading1", &doc.title);
    for (label, value) in &doc.details {
        paragraph(
            &mut out.xml,
            None,
            "",
            &vec![
                crate::report::document::strong(format!("{label}: ")),
                crate::report::document::plain(value.as_str()),
            ],
        );
    }
    for (b, block) in doc.blocks.iter().enumerate() {
        let last = b + 1 == doc.blocks.len();
        let body = &mut out.xml;
        match block {
            Block::Heading(level, t) => plain_paragraph(body, &format!("Heading{level}"), t),
            Block::Paragraph(t) => paragraph(body, None, "", t),
            Block::Numbered(n, t) => {
                let mut spans = vec![crate::report::document::plain(format!("{n}\t"))];
                spans.extend(t.iter().cloned());
                paragraph(body, Some("NumberedParagraph"), "", &spans);
            }
            Block::Bullets(items) => {
                for item in items {
                    paragraph(&mut out.xml, Some("ListBullet"), "", item);
                    out.spill()?;
                }
            }
            Block::Table(t) => table(out, t, last)?,
            Block::Figure(f) => {
                let Some(png) = files.get(&format!("{}.png", f.path)) else {
                    continue;
                };
                let Some((w, h)) = png_size(png) else {
                    continue;
                };
                let n = media.len() + 1;
                let m = Media {
                    id: format!("rIdImage{n}"),
                    name: format!("image{n}.png"),
                    png,
                };
                plain_paragraph(body, "Caption", &f.title);
                let cx = TEXT_WIDTH_TWIPS * EMU_PER_TWIP * u64::from(f.width.clamp(10, 100)) / 100;
                let cy = cx * u64::from(h) / u64::from(w.max(1));
                let alt = escape(&f.alt);
                let _ = write!(
                    body,
                    "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"Figure {n}\" descr=\"{alt}\"/>\
<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
<pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"{}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
                    m.name, m.id
                );
                media.push(m);
            }
        }
        out.spill()?;
    }
    Ok(media)
}

/// XML gathered this long is deflated into the package and the buffer reused.
const SPILL: usize = 1 << 18;

/// The part being written: XML not yet handed to the package, and the package.
struct Part<'z> {
    xml: String,
    zip: &'z mut Package,
}

impl Part<'_> {
    /// Hands the XML over once there is [`SPILL`] of it.
    fn spill(&mut self) -> zip::result::ZipResult<()> {
        if self.xml.len() >= SPILL {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> zip::result::ZipResult<()> {
        self.zip.0.write_all(self.xml.as_bytes())?;
        self.xml.clear();
        Ok(())
    }
}

/// A4 portrait, with the page numbers' footer: the document's section, and the section that
/// ends before a landscape table.
const PORTRAIT: &str = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>";
/// A4 landscape, for a table too wide for the portrait page.
const LANDSCAPE: &str = "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>\
<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr>";
/// The text width of a landscape A4 page, in twips.
const LANDSCAPE_WIDTH_TWIPS: u64 = 16838 - 2 * 1440;

/// Width of one character of 12 pt Arial, generously (bold headers, wide letters), and the
/// cell's left and right margins, in twips.
const CHAR_TWIPS: u64 = 170;
const CELL_MARGINS_TWIPS: u64 = 216 + 60;

/// The header and cells of column `i`.
fn cells(t: &crate::report::document::Table, i: usize) -> impl Iterator<Item = &str> {
    std::iter::once(t.columns.get(i).map_or("", |c| c.0.as_str())).chain(
        t.rows
            .iter()
            .filter_map(move |r| r.get(i).map(String::as_str)),
    )
}

/// The width `chars` characters take in a cell, margins included, in twips.
fn width(chars: usize) -> u64 {
    chars as u64 * CHAR_TWIPS + CELL_MARGINS_TWIPS
}

/// Each column's width at its longest word: the least that breaks no word.
fn least_widths(t: &crate::report::document::Table) -> Vec<u64> {
    (0..t.columns.len().max(1))
        .map(|i| {
            width(
                cells(t, i)
                    .flat_map(str::split_whitespace)
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(1),
            )
        })
        .collect()
}

/// Column widths fitted to the content, in twips, summing to the text width: each column at
/// least as wide as its longest word (so that no word is broken across lines), and the room
/// left shared out by how much more each column's longest cell needs; what is left after
/// that goes to the first column, which holds the labels.
fn column_widths(t: &crate::report::document::Table, text_width: u64) -> Vec<u64> {
    let columns = t.columns.len().max(1);
    let least = least_widths(t);
    let want: Vec<u64> = (0..columns)
        .map(|i| {
            width(cells(t, i).map(|c| c.chars().count()).max().unwrap_or(1))
                .min(text_width)
                .max(least[i])
        })
        .collect();
    let (sum_least, sum_want) = (least.iter().sum::<u64>(), want.iter().sum::<u64>());
    let mut widths: Vec<u64> = if sum_want <= text_width {
        want
    } else if sum_least <= text_width {
        let room = text_width - sum_least;
        let extra = sum_want - sum_least;
        least
            .iter()
            .zip(&want)
            .map(|(l, w)| l + (w - l) * room / extra.max(1))
            .collect()
    } else {
        // Too wide for the page whatever is done: every column in proportion.
        least.iter().map(|l| l * text_width / sum_least).collect()
    };
    let used: u64 = widths.iter().sum();
    widths[0] += text_width.saturating_sub(used);
    widths
}

/// Whether a table's longest words need more than the portrait page's width.
fn too_wide_for_portrait(t: &crate::report::document::Table) -> bool {
    least_widths(t).iter().sum::<u64>() > TEXT_WIDTH_TWIPS
}

/// Tables of at most this many rows are kept on one page: about a third of a page, so that
/// moving one to the next page leaves no more than that empty.
const KEEP_TOGETHER_ROWS: usize = 15;

/// `last`: the document ends with the table, and the paragraph Word needs after it is made
/// one point high (a full line there put a blank page after a table that filled its page).
fn table(
    part: &mut Part,
    t: &crate::report::document::Table,
    last: bool,
) -> zip::result::ZipResult<()> {
    // A table whose words cannot fit across the portrait page goes on landscape pages of its
    // own: the portrait section ends before it, and its own section after it.
    let landscape = too_wide_for_portrait(t);
    let out = &mut part.xml;
    if landscape {
        let _ = write!(out, "<w:p><w:pPr>{PORTRAIT}</w:pPr></w:p>");
    }
    plain_paragraph(out, "Caption", &t.caption);
    let widths = column_widths(
        t,
        if landscape {
            LANDSCAPE_WIDTH_TWIPS
        } else {
            TEXT_WIDTH_TWIPS
        },
    );
    let number = widths.last().copied().unwrap_or(TEXT_WIDTH_TWIPS);
    out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    // A short table is kept on one page (each row kept with the next, as Word does it), so
    // that no page ends on a table's header or carries one row of it; a long one keeps its
    // header with its first row, and repeats the header on every page.
    let together = t.rows.len() <= KEEP_TOGETHER_ROWS;
    let cell = |out: &mut String, text: &str, align: Align, width: u64, bold: bool, keep: bool| {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr>"
        );
        if keep {
            out.push_str("<w:keepNext/>");
        }
        out.push_str("<w:spacing w:after=\"0\"/>");
        if align == Align::Right {
            out.push_str("<w:jc w:val=\"right\"/>");
        }
        out.push_str("</w:pPr>");
        run(out, text, bold);
        out.push_str("</w:p></w:tc>");
    };
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (i, (c, a)) in t.columns.iter().enumerate() {
        cell(out, c, *a, widths[i], true, true);
    }
    out.push_str("</w:tr>");
    for (r, row) in t.rows.iter().enumerate() {
        let out = &mut part.xml;
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let keep = together && r + 1 < t.rows.len();
        for (i, c) in row.iter().enumerate() {
            let a = t.columns.get(i).map_or(Align::Left, |c| c.1);
            cell(
                out,
                c,
                a,
                widths.get(i).copied().unwrap_or(number),
                false,
                keep,
            );
        }
        out.push_str("</w:tr>");
        part.spill()?;
    }
    // Space after the table before what follows (on a landscape page, the paragraph that
    // ends its section).
    part.xml.push_str("</w:tbl>");
    if landscape {
        let _ = write!(part.xml, "<w:p><w:pPr>{LANDSCAPE}</w:pPr></w:p>");
    } else if last {
        part.xml.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p>");
    } else {
        part.xml.push_str("<w:p/>");
    }
    Ok(())
}

/// A zip with fixed entry times, so the same document gives the same bytes. The XML is
/// deflated at level 3: with the evaluation document of 200,000 respondents the report
/// rendered in 1.56 s at the default level (6, a 6.7 MB document), 1.21 s at 3 (7.6 MB) and
/// 1.17 s at 1 (11.0 MB). Images, compressed already, are stored as they are.
struct Package(zip::ZipWriter<std::io::Cursor<Vec<u8>>>);

impl Package {
    fn new() -> Self {
        Package(zip::ZipWriter::new(std::io::Cursor::new(Vec::new())))
    }

    /// Starts a part; what is written to the package next is its content.
    fn begin(&mut self, name: &str) -> zip::result::ZipResult<()> {
        let xml = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(3))
            .last_modified_time(zip::DateTime::default());
        let options = if name.ends_with(".png") {
            xml.compression_method(zip::CompressionMethod::Stored)
                .compression_level(None)
        } else {
            xml
        };
        self.0.start_file(name, options)
    }

    /// A whole part.
    fn part(&mut self, name: &str, bytes: &[u8]) -> zip::result::ZipResult<()> {
        self.begin(name)?;
        self.0.write_all(bytes)?;
        Ok(())
    }

    fn finish(self) -> zip::result::ZipResult<Vec<u8>> {
        Ok(self.0.finish()?.into_inner())
    }
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> of </w:t></w:r><w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#8226;"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

/// Arial 12 pt (GDS: sans serif, at least 12 pt), British English, Word's built-in heading,
/// caption, list and table-grid styles, and the committee report's numbered paragraph.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="80"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="80"/></w:pPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="NumberedParagraph"><w:name w:val="Numbered paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:ind w:left="720" w:hanging="720"/></w:pPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

#[cfg(test)]
mod tests {
    use super::{
        column_widths, render, too_wide_for_portrait, CELL_MARGINS_TWIPS, CHAR_TWIPS,
        TEXT_WIDTH_TWIPS,
    };

    /// Every column is at least as wide as its longest word, so no word is broken across
    /// lines; the columns fill the text width; a table whose words cannot fit across a
    /// portrait page goes landscape.
    #[test]
    fn columns_fit_their_longest_word_and_fill_the_width() {
        use crate::report::document::{Align, Table};
        let t = Table {
            caption: "Table 1".into(),
            columns: vec![
                ("Theme".into(), Align::Left),
                ("Responses".into(), Align::Right),
                ("Improved".into(), Align::Right),
            ],
            rows: vec![vec![
                "Knowledge of Children's Services".into(),
                "14".into(),
                "attending".into(),
            ]],
        };
        let widths = column_widths(&t, TEXT_WIDTH_TWIPS);
        assert_eq!(widths.iter().sum::<u64>(), TEXT_WIDTH_TWIPS);
        for (w, longest) in widths.iter().zip(["Knowledge", "Responses", "attending"]) {
            assert!(
                *w >= longest.len() as u64 * CHAR_TWIPS + CELL_MARGINS_TWIPS,
                "{widths:?}"
            );
        }
        assert!(!too_wide_for_portrait(&t));
        let wide = Table {
            columns: (0..12)
                .map(|i| (format!("Statistic{i}"), Align::Right))
                .collect(),
            rows: vec![],
            ..t
        };
        assert!(too_wide_for_portrait(&wide));
    }
    use crate::report::write::tests::{sample, text_of_xml};
    use std::io::Read;

    fn parts(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut b = Vec::new();
                f.read_to_end(&mut b).unwrap();
                (f.name().unwrap().to_string(), b)
            })
            .collect()
    }

    /// A three-row table once printed its header and first rows at the foot of one page and
    /// its last row on the next: a short table keeps every row with the next, a long one only
    /// its header with its first row.
    #[test]
    fn a_short_table_is_kept_on_one_page_and_a_long_one_may_break() {
        use crate::report::document::{Align, Block, Document, Table};
        let keeps = |rows: usize| {
            let mut doc = Document::new("Tables");
            doc.push(Block::Table(Table {
                caption: "Table 1: answers".into(),
                columns: vec![
                    ("Answer".into(), Align::Left),
                    ("Number".into(), Align::Right),
                ],
                rows: (0..rows)
                    .map(|i| vec![format!("Option {i}"), i.to_string()])
                    .collect(),
            }));
            let bytes = render(&doc, &crate::report::ReportFiles::new()).unwrap();
            let document = String::from_utf8(parts(&bytes)["word/document.xml"].clone()).unwrap();
            let table = &document[document.find("<w:tbl>").unwrap()..];
            // Cells kept with the next (two a row), less the caption's style, which has its own.
            table.matches("<w:keepNext/>").count() / 2
        };
        assert_eq!(
            keeps(3),
            3,
            "the header and the first two rows kept with the next"
        );
        assert_eq!(keeps(40), 1, "the header only");
    }

    #[test]
    fn a_word_package_with_headings_repeating_table_headers_alt_text_and_page_numbers() {
        let (doc, files) = sample();
        let bytes = render(&doc, &files).unwrap();
        assert_eq!(bytes, render(&doc, &files).unwrap(), "deterministic");
        let p = parts(&bytes);
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/footer1.xml",
            "word/media/image1.png",
        ] {
            assert!(p.contains_key(name), "{name} missing: {:?}", p.keys());
        }
        for (name, b) in &p {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                text_of_xml(std::str::from_utf8(b).unwrap());
            }
        }
        let document = String::from_utf8(p["word/document.xml"].clone()).unwrap();
        assert!(document.contains(r#"<w:pStyle w:val="Heading1"/>"#));
        assert!(document.contains(r#"<w:pStyle w:val="Heading2"/>"#));
        assert!(document.contains("<w:tblHeader/>"));
        assert!(document.contains(r#"descr="Bars &lt;of&gt; &quot;answers&quot;""#));
        // 15.9 cm wide, in the picture's proportions.
        assert!(
            document.contains(r#"<wp:extent cx="5731510" cy="2693809"/>"#),
            "{document}"
        );
        let text = text_of_xml(&document);
        assert!(
            text.contains("*x* [y](http://z) <script>alert(1)</script>"),
            "{text}"
        );
        assert!(text.contains("Results <b>&</b> more"));
        let styles = String::from_utf8(p["word/styles.xml"].clone()).unwrap();
        assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#));
        assert!(styles.contains(r#"<w:lang w:val="en-GB""#));
        let footer = String::from_utf8(p["word/footer1.xml"].clone()).unwrap();
        assert!(footer.contains(r#"w:instr=" PAGE ""#));
        let core = String::from_utf8(p["docProps/core.xml"].clone()).unwrap();
        assert!(core.contains("<dc:title>Results &lt;b&gt;&amp;&lt;/b&gt; more</dc:title>"));
    }

    /// A document many times longer than the XML held before it is deflated: every row and
    /// item arrives, in order, in one well-formed part.
    #[test]
    fn a_long_document_is_whole_after_being_written_in_pieces() {
        use crate::report::document::{plain, Align, Block, Document, Table};
        let mut doc = Document::new("Long");
        doc.push(Block::Table(Table {
            caption: "Every comment".into(),
            columns: vec![("Comment".into(), Align::Left)],
            rows: (0..20_000)
                .map(|i| vec![format!("comment {i} & more")])
                .collect(),
        }));
        doc.push(Block::Bullets(
            (0..5_000)
                .map(|i| vec![plain(format!("item {i}"))])
                .collect(),
        ));
        let files = crate::report::ReportFiles::new();
        let bytes = render(&doc, &files).unwrap();
        let document = String::from_utf8(parts(&bytes)["word/document.xml"].clone()).unwrap();
        assert!(document.len() > 8 * super::SPILL, "{}", document.len());
        let text = text_of_xml(&document);
        assert_eq!(document.matches("<w:tr>").count(), 20_001);
        let first = text.find("comment 0 & more").unwrap();
        let last = text.find("comment 19999 & more").unwrap();
        assert!(first < last && last < text.find("item 4999").unwrap());
        assert!(document.ends_with("</w:body></w:document>"));
    }
}
