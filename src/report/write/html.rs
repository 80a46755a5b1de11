//! HTML: one self-contained page (styles inline, charts as inline SVG with a title and a
//! description), laid out for the screen and for A4 print, structured as GOV.UK pages are:
//! `lang`, one `h1`, a `main` landmark, tables with captions and column headers.

use crate::report::document::{Align, Block, Document, Figure, Text};
use crate::report::ReportFiles;
use pulldown_cmark_escape::escape_html;
use std::fmt::Write;

const STYLE: &str = "\
body{font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.45;color:#0b0c0c;background:#fff;margin:0}
main{max-width:46rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.9rem;margin:0 0 1rem}h2{font-size:1.45rem;margin:2rem 0 .75rem}h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
dl.details{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;margin:0 0 1.5rem}dl.details dt{font-weight:bold}dl.details dd{margin:0}
p.numbered{display:flex;gap:.75rem}p.numbered span.number{min-width:2.5rem;flex:none}
table{border-collapse:collapse;margin:0 0 1.5rem;width:100%}caption{text-align:left;font-weight:bold;padding:0 0 .4rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.35rem .6rem .35rem 0;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #0b0c0c}tbody th{font-weight:normal}.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:0 0 1.5rem}figure svg{width:100%;height:auto}figcaption{font-weight:bold;margin:0 0 .4rem}
@media print{@page{size:A4;margin:2cm}main{max-width:none;padding:0}body{font-size:11pt}
h2,h3{break-after:avoid}table,figure{break-inside:avoid}thead{display:table-header-group}}
";

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_html(&mut out, text).expect("writing to a String");
    out
}

fn text(spans: &Text) -> String {
    spans
        .iter()
        .map(|s| {
            if s.strong {
                format!("<strong>{}</strong>", esc(&s.text))
            } else {
                esc(&s.text)
            }
        })
        .collect()
}

pub fn render(doc: &Document, files: &ReportFiles) -> Vec<u8> {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main id=\"main-content\">\n<h1>{}</h1>\n",
        esc(&doc.title),
        esc(&doc.title)
    );
    if !doc.details.is_empty() {
        out.push_str("<dl class=\"details\">\n");
        for (label, value) in &doc.details {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(label), esc(value));
        }
        out.push_str("</dl>\n");
    }
    let mut figures = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading(level, t) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", esc(t));
            }
            Block::Paragraph(t) => {
                let _ = writeln!(out, "<p>{}</p>", text(t));
            }
            Block::Numbered(n, t) => {
                let _ = writeln!(
                    out,
                    "<p class=\"numbered\"><span class=\"number\">{}</span><span>{}</span></p>",
                    esc(n),
                    text(t)
                );
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", text(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(t) => {
                let _ = writeln!(out, "<table>\n<caption>{}</caption>", esc(&t.caption));
                out.push_str("<thead><tr>");
                for (c, a) in &t.columns {
                    let _ = write!(out, "<th scope=\"col\"{}>{}</th>", class(*a), esc(c));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        let a = t.columns.get(i).map_or(Align::Left, |c| c.1);
                        if i == 0 {
                            let _ = write!(out, "<th scope=\"row\">{}</th>", esc(cell));
                        } else {
                            let _ = write!(out, "<td{}>{}</td>", class(a), esc(cell));
                        }
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Figure(f) => {
                if let Some(svg) = files.get(&format!("{}.svg", f.path)) {
                    figures += 1;
                    figure(&mut out, f, &String::from_utf8_lossy(svg), figures);
                }
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out.into_bytes()
}

fn class(a: Align) -> &'static str {
    match a {
        Align::Left => "",
        Align::Right => " class=\"num\"",
    }
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

/// The chart's SVG inline, announced as one image with its title and description.
fn figure(out: &mut String, f: &Figure, svg: &str, n: usize) {
    let Some(start) = svg.find("<svg") else {
        return;
    };
    let svg = &without_own_names(&svg[start..]);
    let Some(open_end) = svg.find('>') else {
        return;
    };
    let (title, desc) = (format!("figure-{n}-title"), format!("figure-{n}-desc"));
    let _ = write!(
        out,
        "<figure>\n<figcaption>{}</figcaption>\n{} role=\"img\" aria-labelledby=\"{title} {desc}\">\n<title id=\"{title}\">{}</title>\n<desc id=\"{desc}\">{}</desc>{}\n</figure>\n",
        esc(&f.title),
        &svg[..open_end],
        esc(&f.title),
        esc(&f.alt),
        svg[open_end + 1..].trim_end()
    );
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
        assert!(html.contains("<caption>Table 1: answers</caption>"));
        assert!(html.contains("<th scope=\"col\" class=\"num\">Number</th>"));
        assert!(html.contains(r#"role="img" aria-labelledby="figure-1-title figure-1-desc">"#));
        assert!(
            html.contains("<desc id=\"figure-1-desc\">Bars &lt;of&gt; &quot;answers&quot;</desc>")
        );
    }
}
