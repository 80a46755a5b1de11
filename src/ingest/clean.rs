//! Text clean-up at the door: what export tools and Excel do to text that the respondent never
//! typed. Answers lose only the artefacts (`_x000D_` escapes, double-encoded UTF-8, zero-width
//! and non-breaking spaces); headers also lose HTML markup and question numbering, and have
//! their white space collapsed, so that the same question reads the same from every tool.

use crate::model::Cell;
use encoding_rs::WINDOWS_1252;

/// An answer with export artefacts removed, and with control characters (NUL and the rest,
/// but for line breaks and tabs) dropped, so that no output carries them. Nearly every answer
/// is plain ASCII with none of them and is returned untouched, without copying.
pub fn answer(text: String) -> String {
    if !needs_cleaning(&text) {
        return text;
    }
    let mut out = unescape_excel(&text);
    if let Some(fixed) = undo_double_utf8(&out) {
        out = fixed;
    }
    out.chars()
        .filter_map(|c| match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
            '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A text cell cleaned as [`answer`] does, if it needs it; a missing-value marker (see
/// [`is_missing`]) is an empty cell; any other cell as it is.
pub fn cell(cell: Cell) -> Cell {
    match cell {
        Cell::Text(t) if is_missing(&t) => Cell::Empty,
        Cell::Text(t) if needs_cleaning(&t) => Cell::Text(answer(t.into()).into()),
        other => other,
    }
}

/// What data tools and survey platforms write where a respondent gave no answer: R's `NA`,
/// pandas' `NaN`, a database's `NULL`, Excel's `#N/A` saved as text, and "No answer" for a
/// question skipped. Read as a blank cell; a typed "N/A" (not applicable) is an answer.
pub fn is_missing(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 9
        && matches!(
            t,
            "NA" | "NaN"
                | "nan"
                | "NULL"
                | "null"
                | "#N/A"
                | "No answer"
                | "No Answer"
                | "no answer"
        )
}

/// Whether [`answer`] could change the text: not plain ASCII, an Excel escape (`_x000D_`), or a
/// control character other than a line break or tab.
pub fn needs_cleaning(text: &str) -> bool {
    !text.is_ascii()
        || text.contains("_x")
        || text
            .bytes()
            .any(|b| (b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r')) || b == 0x7f)
}

/// A header as shown in every output: the answer clean-up, then HTML tags and entities removed
/// (`<br>` becomes a space), question numbering such as `Q3.` or `3)` dropped from either end,
/// and white space (line breaks included) collapsed to single spaces.
pub fn header(text: &str) -> String {
    let text = answer(text.to_string());
    let text = strip_html(&text);
    let text = strip_piping(&text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut words = &words[..];
    if words.len() > 1 && is_numbering(words[0]) {
        words = &words[1..];
    }
    // At the end, `1)` closes a bracket the header opened, as in `Induction (Level 1)`.
    let last = words[words.len().saturating_sub(1)..]
        .first()
        .copied()
        .unwrap_or("");
    let closes_bracket = last.ends_with(')') && !last.starts_with('(');
    if words.len() > 1 && !closes_bracket && is_numbering(last) {
        words = &words[..words.len() - 1];
    }
    words.join(" ")
}

/// Qualtrics' piped text, which its exports leave unfilled in a question's wording: `${e://
/// Field/Course}`, `${q://QID3/ChoiceGroup/SelectedChoices}`, and the choice placeholders
/// `[Field-1]`, `[QID12-ChoiceTextEntryValue]`. Each is removed, with a ` - ` or `:` left
/// dangling at the end of the wording.
fn strip_piping(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("${") && !text.contains("[Field-") && !text.contains("[QID") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let dollar = rest.find("${");
        let field = ["[Field-", "[QID"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let (at, close) = match (dollar, field) {
            (Some(d), Some(f)) if f < d => (f, ']'),
            (Some(d), _) => (d, '}'),
            (None, Some(f)) => (f, ']'),
            (None, None) => break,
        };
        match rest[at..].find(close) {
            Some(end) => {
                out.push_str(&rest[..at]);
                rest = &rest[at + end + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    let trimmed = out.trim_end_matches(|c: char| c.is_whitespace() || ":-\u{2013}".contains(c));
    trimmed.to_string().into()
}

/// `Q3.`, `Q3:`, `Q3)`, `(Q3)`, `3.`, `3)` and `Q12` style numbering (1 to 3 digits).
fn is_numbering(word: &str) -> bool {
    let w = word.trim_start_matches('(');
    let w = w.trim_end_matches(['.', ':', ')']);
    let had_mark = w.len() != word.len();
    let (w, had_q) = match w.strip_prefix(['Q', 'q']) {
        Some(rest) => (rest, true),
        None => (w, false),
    };
    (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()) && (had_q || had_mark)
}

/// Excel's `_xHHHH_` escapes (`_x000D_` for a carriage return) as the characters they stand
/// for; carriage returns then become plain line breaks.
fn unescape_excel(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let code = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()) && tail.get(6..7) == Some("_"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match code {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out.replace("\r\n", "\n").replace('\r', "\n")
}

/// Text that was UTF-8, read as Windows-1252 and saved again as UTF-8 (`CafÃ©` for `Café`):
/// re-encoded and decoded once more when that gives valid UTF-8. Only tried when the text
/// shows the tell-tale lead characters, so real accented text is left alone.
fn undo_double_utf8(text: &str) -> Option<String> {
    if !text.contains(['Ã', 'Â', 'â']) {
        return None;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(text);
    if unmappable || bytes.is_ascii() {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (fixed.chars().count() < text.chars().count()).then(|| fixed.to_string())
}

/// Tags removed (block-level ones leave a space) and the common entities decoded.
fn strip_html(text: &str) -> String {
    if !text.contains(['<', '&']) {
        return text.to_string();
    }
    // Entities first: a header written `&lt;script&gt;` is a tag once decoded, and is
    // stripped like one, never left as a raw tag.
    let decoded = decode_entities(text);
    let mut out = String::with_capacity(decoded.len());
    let mut rest = decoded.as_str();
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let is_tag = tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match tail.find('>') {
            Some(end) if is_tag => {
                out.push(' ');
                rest = &tail[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let named = [
        ("&nbsp;", " "),
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&rsquo;", "\u{2019}"),
        ("&lsquo;", "\u{2018}"),
        ("&ndash;", "\u{2013}"),
    ];
    let mut out = text.to_string();
    for (entity, ch) in named {
        out = out.replace(entity, ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_answers_are_untouched() {
        assert_eq!(answer("Yes, in full ".into()), "Yes, in full ");
        assert_eq!(answer("Café".into()), "Café");
        assert_eq!(answer("Très bien – thanks".into()), "Très bien – thanks");
    }

    #[test]
    fn excel_escapes_and_odd_spaces_are_removed_from_answers() {
        assert_eq!(
            answer("More on data_x000D_\nPlease".into()),
            "More on data\nPlease"
        );
        assert_eq!(
            answer("Very\u{00A0}satisfied\u{200B}".into()),
            "Very satisfied"
        );
        assert_eq!(answer("box_x_y".into()), "box_x_y");
    }

    /// One real export had NUL bytes in its sub-header row: control characters never pass.
    #[test]
    fn control_characters_are_dropped_from_answers_and_headers() {
        assert_eq!(answer("Ye\u{0}s\u{7}".into()), "Yes");
        assert_eq!(answer("a\u{1b}[31mb\u{7f}".into()), "a[31mb");
        assert_eq!(answer("two\nlines\ttab".into()), "two\nlines\ttab");
        assert_eq!(
            header("\u{0}Open-Ended\u{0} Response"),
            "Open-Ended Response"
        );
        assert_eq!(answer("caf\u{e9}\u{85}".into()), "caf\u{e9}");
    }

    #[test]
    fn double_encoded_utf8_is_repaired() {
        assert_eq!(answer("CafÃ©".into()), "Café");
        assert_eq!(answer("Donâ€™t know".into()), "Don\u{2019}t know");
    }

    #[test]
    fn headers_lose_markup_numbering_and_line_breaks() {
        assert_eq!(
            header("<p>How <b>satisfied</b> were you?<br>Tick one</p>"),
            "How satisfied were you? Tick one"
        );
        assert_eq!(
            header("Q3. Were your objectives achieved?"),
            "Were your objectives achieved?"
        );
        assert_eq!(
            header("Were your objectives achieved? Q3."),
            "Were your objectives achieved?"
        );
        assert_eq!(header("3) Comments\r\n(optional)"), "Comments (optional)");
        assert_eq!(header("Ideas &amp; suggestions"), "Ideas & suggestions");
        // Regression: entities were decoded after tags were stripped, leaving a raw tag.
        assert_eq!(
            header("Q &lt;script&gt;alert(1)&lt;/script&gt;"),
            "Q alert(1)"
        );
        assert_eq!(header("Elected 2016"), "Elected 2016");
        assert_eq!(header("Q12"), "Q12", "a header that is only a number stays");
        assert_eq!(header("Satisfaction (Q3)"), "Satisfaction");
    }

    /// A Qualtrics label ending in a piped field was cut to `Field-1]:`.
    #[test]
    fn regression_qualtrics_piped_text_is_removed_from_headers() {
        assert_eq!(
            header("How useful was ${e://Field/Course} - [Field-1]:"),
            "How useful was"
        );
        assert_eq!(header("Rate the session - [Field-1]"), "Rate the session");
        assert_eq!(header("Plain [not piped]"), "Plain [not piped]");
    }

    /// A session title ending in a bracketed level lost its `1)` as if it were numbering.
    #[test]
    fn regression_bracketed_level_at_the_end_is_not_numbering() {
        assert_eq!(
            header("Corporate parenting induction (Level 1)"),
            "Corporate parenting induction (Level 1)"
        );
    }
}
