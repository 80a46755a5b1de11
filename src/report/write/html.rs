//! HTML: one self-contained page (styles inline, charts as inline SVG with a title and a
//! description), laid out for the screen and for A4 print, structured as GOV.UK pages are:
//! `lang`, one `h1`, a `main` landmark, tables with captions and column headers. The page is
//! the template `page.html`, rendered by minijinja with HTML auto-escaping: nothing here
//! escapes by hand (runs of text are escaped with the engine's own escaper before they go in,
//! so that a document of many thousand comments is not laid out span by span in the
//! template).

use crate::report::document::{Align, Block, Document, Figure, Text};
use crate::report::ReportFiles;
use minijinja::{context, Environment, HtmlEscape, Value};
use std::fmt::Write;
use std::sync::OnceLock;

/// The page, laid out in a template whose name ends in `.html`: every value put into it is
/// escaped by the template engine, and only the charts' own SVG and the runs of text escaped
/// by the engine's escaper are marked safe.
const PAGE: &str = include_str!("page.html");

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.add_template("page.html", PAGE)
            .expect("the page template parses");
        env
    })
}

/// A run of text as HTML: each span escaped by the template engine's escaper, bold ones in
/// `<strong>`.
fn spans(text: &Text) -> Value {
    let mut html = String::new();
    for s in text {
        // Writing to a String cannot fail.
        let _ = if s.strong {
            write!(html, "<strong>{}</strong>", HtmlEscape(&s.text))
        } else {
            write!(html, "{}", HtmlEscape(&s.text))
        };
    }
    Value::from_safe_string(html)
}

fn block(b: &Block, files: &ReportFiles, figures: &mut usize) -> Option<Value> {
    Some(match b {
        Block::Heading(level, text) => context! { kind => "heading", level => level, text => text },
        Block::Paragraph(t) => context! { kind => "paragraph", spans => spans(t) },
        Block::Numbered(n, t) => context! { kind => "numbered", number => n, spans => spans(t) },
        Block::Bullets(items) => {
            let items: Value = items.iter().map(spans).collect();
            context! { kind => "bullets", items }
        }
        Block::Table(t) => {
            let number = |i: usize| t.columns.get(i).is_some_and(|c| c.1 == Align::Right);
            let columns: Value = t
                .columns
                .iter()
                .map(|(name, a)| context! { name => name, number => *a == Align::Right })
                .collect();
            let rows: Value = t
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .map(|(i, cell)| context! { text => cell, number => number(i) })
                        .collect::<Value>()
                })
                .collect();
            context! { kind => "table", caption => &t.caption, columns, rows }
        }
        Block::Figure(f) => {
            let svg = files.get(&format!("{}.svg", f.path))?;
            *figures += 1;
            figure(f, &String::from_utf8_lossy(svg), *figures)?
        }
    })
}

pub fn render(doc: &Document, files: &ReportFiles) -> Vec<u8> {
    let mut figures = 0;
    let blocks: Value = doc
        .blocks
        .iter()
        .filter_map(|b| block(b, files, &mut figures))
        .collect();
    let details: Value = doc
        .details
        .iter()
        .map(|(label, value)| context! { label => label, value => value })
        .collect();
    let mut page = environment()
        .get_template("page.html")
        .and_then(|t| t.render(context! { title => &doc.title, details, blocks }))
        .expect("the page template renders any document");
    // The engine drops the template's final line break.
    page.push('\n');
    page.into_bytes()
}

/// A chart file names itself (`role="img"`, `<title id="chart-title">`, `<desc
/// id="chart-desc">`); inline in a page, where ids must be unique, the figure's own take
/// their place.
fn without_own_names(svg: &str) -> String {
    let mut s = svg.replacen(
        r#" role="img" aria-labelledby="chart-title chart-desc""#,
        "",
        1,
    );
    if let (Some(a), Some(b)) = (s.find("\n<title id=\"chart-title\">"), s.find("</desc>")) {
        if a < b {
            s.replace_range(a..b + "</desc>".len(), "");
        }
    }
    s
}

/// The chart's SVG inline, announced as one image with its title and description: the
/// opening `<svg ...` and the rest of the file (without its own names) go in as they are,
/// the title and description through the template's escaping.
fn figure(f: &Figure, svg: &str, n: usize) -> Option<Value> {
    let start = svg.find("<svg")?;
    let svg = without_own_names(&svg[start..]);
    let open_end = svg.find('>')?;
    Some(context! {
        kind => "figure",
        n => n,
        title => &f.title,
        alt => &f.alt,
        svg_open => Value::from_safe_string(svg[..open_end].to_string()),
        svg_rest => Value::from_safe_string(svg[open_end + 1..].trim_end().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::report::write::tests::{sample, text_of_xml};

    #[test]
    fn one_well_formed_page_with_escaped_text_and_described_charts() {
        let (doc, files) = sample();
        let html = String::from_utf8(render(&doc, &files)).unwrap();
        let body = html.trim_start_matches("<!DOCTYPE html>");
        let text = text_of_xml(body);
        assert!(
            text.contains("*x* [y](http://z) <script>alert(1)</script>"),
            "{text}"
        );
        assert!(
            !html.contains("<script"),
            "markup from the text never becomes markup"
        );
        assert!(html.contains("<html lang=\"en-GB\">"));
        assert_eq!(html.matches("<h1>").count(), 1);
        assert!(html.contains("<main id=\"main-content\">"));
        assert!(html.contains("<caption>Table 1: Answers</caption>"));
        assert!(html.contains("<th scope=\"col\" class=\"num\">Number</th>"));
        assert!(html.contains(r#"role="img" aria-labelledby="figure-1-title figure-1-desc">"#));
        assert!(
            html.contains("<desc id=\"figure-1-desc\">Bars &lt;of&gt; &quot;answers&quot;</desc>")
        );
    }
}
