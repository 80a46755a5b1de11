//! Markdown: GitHub-flavoured tables, figures as image links to the PNG beside the document.

use crate::report::document::{Align, Block, Document, Text};
use std::fmt::Write;

/// Text from respondents, files and headers made inert in Markdown: one line (a table cell),
/// the punctuation that formats backslash-escaped, and `<`, `>` and `&` written as HTML
/// entities by pulldown-cmark's escaper, so that it shows literally and no viewer runs it.
pub fn escape(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut markdown = String::with_capacity(one_line.len() + 8);
    for ch in one_line.chars() {
        // CommonMark lets any ASCII punctuation be escaped; these are the ones that format.
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~') {
            markdown.push('\\');
        }
        markdown.push(ch);
    }
    let mut out = String::with_capacity(markdown.len() + 8);
    pulldown_cmark_escape::escape_html_body_text(&mut out, &markdown).expect("writing to a String");
    out
}

fn text(spans: &Text) -> String {
    spans
        .iter()
        .map(|s| {
            // Spaces at a span's ends separate it from its neighbours: keep them, outside
            // the emphasis (CommonMark ignores `** x**`).
            let lead = if s.text.starts_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let trail = if s.text.ends_with(char::is_whitespace) {
                " "
            } else {
                ""
            };
            let t = escape(&s.text);
            if t.is_empty() {
                return lead.to_string();
            }
            if s.strong {
                format!("{lead}**{t}**{trail}")
            } else {
                format!("{lead}{t}{trail}")
            }
        })
        .collect()
}

pub fn render(doc: &Document) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&doc.title));
    for (label, value) in &doc.details {
        let _ = writeln!(out, "**{}:** {}  ", escape(label), escape(value));
    }
    if !doc.details.is_empty() {
        out.push('\n');
    }
    for block in &doc.blocks {
        match block {
            Block::Heading(level, t) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(*level as usize), escape(t));
            }
            Block::Paragraph(t) => {
                let _ = writeln!(out, "{}\n", text(t));
            }
            Block::Numbered(n, t) => {
                let _ = writeln!(out, "{n} {}\n", text(t));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", text(item));
                }
                out.push('\n');
            }
            Block::Table(t) => {
                let _ = writeln!(out, "{}\n", escape(&t.caption));
                let header: Vec<String> = t.columns.iter().map(|(c, _)| escape(c)).collect();
                let _ = writeln!(out, "| {} |", header.join(" | "));
                let rule: Vec<&str> = t
                    .columns
                    .iter()
                    .map(|(_, a)| match a {
                        Align::Left => ":--",
                        Align::Right => "--:",
                    })
                    .collect();
                let _ = writeln!(out, "|{}|", rule.join("|"));
                for row in &t.rows {
                    let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                    let _ = writeln!(out, "| {} |", cells.join(" | "));
                }
                out.push('\n');
            }
            Block::Figure(f) => {
                let _ = writeln!(out, "![{}]({}.png)\n", escape(&f.alt), f.path);
            }
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::escape;

    /// Respondents' text shows literally: no emphasis, link, image or tag survives.
    #[test]
    fn spans_keep_the_spaces_between_them() {
        use crate::report::document::{plain, strong};
        assert_eq!(
            super::text(&vec![
                strong("Theme: "),
                plain("5 of 11"),
                plain(" comments")
            ]),
            "**Theme:** 5 of 11 comments"
        );
    }

    #[test]
    fn markup_in_text_comes_out_literally() {
        let e = escape("*really* [x](http://a.b) ![i](j) <script>alert(1)</script> a|b");
        // An escaped bracket (`\](`) starts no link.
        for raw in ["<script>", "[x]", "*really*", "a|b"] {
            assert!(!e.contains(raw), "{raw} in {e}");
        }
        assert_eq!(escape("*x* [y](z) <b>"), r"\*x\* \[y\](z) &lt;b&gt;");
    }
}
