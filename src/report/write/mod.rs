//! One writer per format over a [`Document`](super::document::Document): Markdown, HTML and
//! DOCX. Writers know nothing about surveys; each escapes text with its format's library.
//! Figures are looked up among the report's rendered files (`<path>.png`, `<path>.svg`).

pub mod docx;
pub mod html;
pub mod markdown;

/// Width and height in pixels of a PNG, from its header.
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.len() < 24 || &png[..8] != b"\x89PNG\r\n\x1a\n" || &png[12..16] != b"IHDR" {
        return None;
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    Some((be(&png[16..20]), be(&png[20..24])))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::report::document::{plain, strong, Align, Block, Document, Figure, Table};
    use crate::report::ReportFiles;

    /// A document with every kind of block, and text a format could mistake for markup.
    pub fn sample() -> (Document, ReportFiles) {
        let mut doc = Document::new("Results <b>&</b> more");
        doc.details.push(("Sessions".into(), "24 June 2016".into()));
        doc.heading(2, "Summary");
        doc.push(Block::Numbered(
            "1.1".into(),
            vec![
                plain("Said "),
                strong("*x* [y](http://z) <script>alert(1)</script>"),
            ],
        ));
        doc.push(Block::Bullets(vec![vec![plain("first\nsecond line")]]));
        doc.push(Block::Table(Table {
            caption: "Table 1: answers".into(),
            columns: vec![
                ("Answer".into(), Align::Left),
                ("Number".into(), Align::Right),
            ],
            rows: vec![vec!["Yes \"fully\"".into(), "15".into()]],
        }));
        doc.push(Block::Figure(Figure {
            path: "charts/c".into(),
            title: "A chart".into(),
            alt: "Bars <of> \"answers\"".into(),
            width: 100,
        }));
        let mut files = ReportFiles::new();
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(2000u32.to_be_bytes());
        png.extend(940u32.to_be_bytes());
        files.insert("charts/c.png".into(), png);
        files.insert(
            "charts/c.svg".into(),
            br#"<svg width="800" height="376" viewBox="0 0 800 376" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="1" height="1"/></svg>"#.to_vec(),
        );
        (doc, files)
    }

    /// Every element of `xml` closed in order; the text it holds, entities decoded.
    pub fn text_of_xml(xml: &str) -> String {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut text = String::new();
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => {
                    text.push_str(&t.into_inner());
                }
                Ok(quick_xml::events::Event::GeneralRef(r)) => {
                    // Numeric references (`&#x2f;`) as the character they stand for.
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                        continue;
                    }
                    let name = r.to_string();
                    text.push_str(match name.as_str() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        "#39" => "'",
                        other => panic!("unexpected entity {other}"),
                    });
                }
                Ok(_) => {}
                Err(e) => panic!("not well-formed at {}: {e}", reader.error_position()),
            }
        }
        text
    }

    #[test]
    fn png_size_reads_the_header() {
        let (_, files) = sample();
        assert_eq!(super::png_size(&files["charts/c.png"]), Some((2000, 940)));
        assert_eq!(super::png_size(b"not a png"), None);
    }
}
