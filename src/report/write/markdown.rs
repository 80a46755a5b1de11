//! Markdown: GitHub-flavoured tables, figures as image links to the PNG beside the document.

use crate::report::document::{Align, Block, Document, Text};
use std::fmt::Write;

/// Text from respondents, files and headers made inert in Markdown: one line (a table cell),
/// the punctuation that formats backslash-escaped, and `<`, `>` and `&` written as HTML
/// entities (as CommonMark renderers write HTML body text), so that it shows literally and no
/// viewer runs it.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], written onto the end of `out` in one pass (no copy of the text on the way).
fn escape_into(out: &mut String, text: &str) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        for ch in word.chars() {
            match ch {
                // CommonMark lets any ASCII punctuation be escaped; these are the ones that
                // format.
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                    out.push('\\');
                    out.push(ch);
                }
                // As CommonMark renderers escape HTML body text.
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(ch),
            }
        }
    }
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
                row_of(&mut out, t.columns.iter().map(|(c, _)| c.as_str()));
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
                    row_of(&mut out, row.iter().map(String::as_str));
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

/// One table row, `| a | b |`, each cell escaped.
fn row_of<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    out.push('|');
    let mut any = false;
    for cell in cells {
        out.push(' ');
        escape_into(out, cell);
        out.push_str(" |");
        any = true;
    }
    if !any {
        out.push_str("  |");
    }
    out.push('\n');
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

    #[test]
    fn every_formatting_character_and_entity_is_escaped_on_one_line() {
        assert_eq!(
            escape(" a\\b `c` _d_ #e ~f~ g&h  \n\t i\u{a0}j \"k\" 'l' "),
            r#"a\\b \`c\` \_d\_ \#e \~f\~ g&amp;h i j "k" 'l'"#
        );
        assert_eq!(escape(" \n "), "");
        assert_eq!(escape("café > 5 | été"), r"café &gt; 5 \| été");
    }

    #[test]
    fn a_table_row_is_written_cell_by_cell() {
        let mut out = String::new();
        super::row_of(&mut out, ["a|b", "", "<c>"].into_iter());
        assert_eq!(out, "| a\\|b |  | &lt;c&gt; |\n");
    }
}
