//! Finding the header row: exports from paper or from some survey tools put a title, a date
//! or blank rows above the real header.

use crate::model::{column_letter, label_key, Cell};

/// How many rows from the top are searched for the header.
pub const SCAN_ROWS: usize = 30;

/// Most header rows a sheet can have (SmartSurvey and Qualtrics write three).
pub const MAX_HEADER_ROWS: usize = 3;

/// Sub-header cells that only say "the answer goes here": a column under one of these is
/// named by the row above alone (SurveyMonkey, SmartSurvey).
const PLACEHOLDERS: &[&str] = &["response", "open-ended response", "answer", "responses"];

/// Where the header is: the index of its first row and how many rows it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderSpan {
    pub first: usize,
    pub rows: usize,
}

/// The header: the first row, within the first [`SCAN_ROWS`], that has nothing but text, text
/// in at least two cells (one, in a sheet of one column), and - together with any sub-header rows below it - text over at
/// least 60% of the columns of the widest row scanned. A title row (one cell) or a row of
/// numbers is never taken as the header. `rows` forces the number of header rows; otherwise
/// sub-header rows are recognised by [`depth`].
pub fn find(rows: &[Vec<Cell>], forced_rows: Option<usize>) -> Option<HeaderSpan> {
    let scan = &rows[..rows.len().min(SCAN_ROWS)];
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.is_blank()).count();
    let widest = scan.iter().map(filled).max().unwrap_or(0);
    // A sheet of one column (a wave of ratings of one statement) has a one-cell header.
    let least = if widest == 1 { 1 } else { 2 };
    let needed = least.max((widest * 3).div_ceil(5));
    (0..scan.len()).find_map(|i| {
        if !text_only(&scan[i]) || filled(&scan[i]) < least {
            return None;
        }
        let span = forced_rows.unwrap_or_else(|| depth(rows, i));
        let block = &rows[i..(i + span).min(rows.len())];
        let width = block.iter().map(Vec::len).max().unwrap_or(0);
        let covered = (0..width)
            .filter(|&c| {
                block
                    .iter()
                    .any(|r| r.get(c).is_some_and(|x| !x.is_blank()))
            })
            .count();
        (covered >= needed).then_some(HeaderSpan {
            first: i,
            rows: span,
        })
    })
}

/// A header a spreadsheet tool writes over a column that had none: `Column12` (Excel's Power
/// Query), `Unnamed: 5` (pandas), `_5`.
fn is_placeholder(header: &str) -> bool {
    let h = header.trim().to_ascii_lowercase();
    let rest = h
        .strip_prefix("column")
        .or_else(|| h.strip_prefix("unnamed:"))
        .or_else(|| h.strip_prefix('_'))
        .map(str::trim);
    rest.is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
}

/// SurveyMonkey's one-column-per-option layout flattened to one header row: a named question
/// followed by placeholder headers (`Field`, `Column2`, `Column3` ...) or by its own title
/// again, each column holding one option or nothing; a placeholder column of typed answers
/// right after them is the question's "Other" (`Field (other)`). Typeform leaves the title
/// out: two or more columns each holding only its own header (`Git`, `Mercurial`) are one
/// question's options, titled by the first of them. Those columns are renamed `Field [option]`, the form every other export
/// gives option columns, so that they are read as one tick-all-that-apply question; an empty
/// placeholder column of the run loses its header (nobody ticked it, so its option is
/// unknown). `cells(c)` gives the cells of column `c`.
pub fn name_flattened_options<'a, I>(headers: &mut [String], cells: impl Fn(usize) -> I)
where
    I: Iterator<Item = &'a Cell>,
{
    // The one distinct answer of a column: `Ok(None)` when it is empty, `Err` for more.
    let unticked =
        |c: usize| cells(c).any(|cell| cell.text().is_some_and(|t| crate::model::is_untick(&t)));
    let single = |c: usize| -> Result<Option<String>, ()> {
        let mut one: Option<String> = None;
        for cell in cells(c) {
            let Some(t) = cell.text() else { continue };
            let t = t.trim();
            if crate::model::is_untick(t) {
                continue;
            }
            match &one {
                Some(o) if o == t => {}
                Some(_) => return Err(()),
                None => one = Some(t.to_string()),
            }
        }
        Ok(one)
    };
    // A column whose one answer is its own header: an option column whose question's title
    // the export left out (Typeform).
    let self_titled = |headers: &[String], c: usize| -> Option<bool> {
        if headers[c].is_empty() || is_other(&headers[c]) {
            return None;
        }
        match single(c) {
            Ok(Some(v)) if label_key(&v) == label_key(&headers[c]) => Some(true),
            Ok(None) => Some(false),
            _ => None,
        }
    };
    let mut i = 0;
    while i < headers.len() {
        if is_placeholder(&headers[i]) || headers[i].is_empty() {
            i += 1;
            continue;
        }
        // Self-titled option columns: two or more ticked, nobody's ticks elsewhere.
        let mut j = i;
        let mut ticked = 0;
        while j < headers.len() {
            match self_titled(headers, j) {
                Some(t) => ticked += usize::from(t),
                None => break,
            }
            j += 1;
        }
        if ticked >= 2 && self_titled(headers, i) == Some(true) {
            let options: Vec<&str> = headers[i..j].iter().map(String::as_str).collect();
            let mut title = options
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if options.len() > 3 {
                title.push_str(", \u{2026}");
            }
            for h in &mut headers[i..j] {
                *h = format!("{title} [{h}]");
            }
            i = j;
            continue;
        }
        // Coded option columns (`q0004_0001`, `q0004_0002` ...), each holding one option and
        // perhaps a mark for "not ticked": titled by their shared stem.
        if let Some(stem) = coded_stem(&headers[i]) {
            let mut j = i;
            let mut options = Vec::new();
            while j < headers.len() && coded_stem(&headers[j]).as_deref() == Some(stem.as_str()) {
                match single(j) {
                    Ok(v) => options.push(v),
                    Err(()) => break,
                }
                j += 1;
            }
            // Options ticked, where the export says "not ticked" too (coded single choices are
            // one value a column as well, but never say so).
            let ticked = options.iter().flatten().count();
            if j - i >= 2 && ticked >= 1 && (i..j).any(unticked) {
                for (c, v) in (i..j).zip(options) {
                    // An option nobody ticked is known by its code alone.
                    let name = v.unwrap_or_else(|| headers[c].clone());
                    headers[c] = format!("{stem} [{name}]");
                }
                i = j;
                continue;
            }
        }
        let Ok(first) = single(i) else {
            i += 1;
            continue;
        };
        let mut run = vec![(i, first)];
        let mut j = i + 1;
        let stem_key = label_key(&headers[i]);
        // A placeholder, or the question's title repeated over each of its option columns.
        while j < headers.len()
            && (is_placeholder(&headers[j]) || label_key(&headers[j]) == stem_key)
        {
            match single(j) {
                Ok(v) => run.push((j, v)),
                Err(()) => break,
            }
            j += 1;
        }
        // A title repeated over option columns shows itself by an option ticked twice; with
        // fewer answers, repeated titles are two questions (told apart by `distinguish`).
        let repeats_title = run
            .iter()
            .skip(1)
            .all(|(c, _)| !is_placeholder(&headers[*c]));
        let ticked_twice = || {
            run.iter().any(|(c, _)| {
                cells(*c)
                    .filter(|cell| cell.text().is_some_and(|t| !crate::model::is_untick(&t)))
                    .take(2)
                    .count()
                    >= 2
            })
        };
        if run.len() > 1 && (!repeats_title || ticked_twice()) {
            let stem = headers[i].clone();
            for (c, value) in run {
                match value {
                    Some(v) => headers[c] = format!("{stem} [{v}]"),
                    // An option nobody ticked cannot be named: an empty column, left out.
                    None if c != i => headers[c].clear(),
                    None => {}
                }
            }
            // A placeholder column of typed answers right after the options: what was
            // written in under "Other".
            if j < headers.len() && is_placeholder(&headers[j]) && single(j).is_err() {
                headers[j] = format!("{stem} (other)");
                j += 1;
            }
        }
        i = j.max(i + 1);
    }
}

/// The stem of a coded option column's name: `q0004` of `q0004_0001`, `Q5` of `Q5_3`.
fn coded_stem(header: &str) -> Option<String> {
    let (stem, number) = header.trim().rsplit_once('_')?;
    (is_variable_name(stem) && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| stem.to_string())
}

/// A column for what a respondent wrote in under "Other" (`Other`, `Other (please specify)`,
/// `Other - Write In`, `If other, please specify`, `Please specify`), not a question of its own.
/// `Other comments` and `Please specify your discipline` are questions.
pub fn is_other(header: &str) -> bool {
    let k = label_key(header);
    let k = k.strip_prefix("if ").unwrap_or(&k);
    let qualified = |rest: &str| {
        rest.is_empty()
            || rest.starts_with([' ', '-', ':', '(', ',', '/', '\u{2013}']) && {
                let rest = rest.trim_start_matches([' ', '-', ':', '(', ',', '/', '\u{2013}']);
                rest.is_empty()
                    || rest.starts_with("please")
                    || rest.starts_with("specify")
                    || rest.starts_with("write")
                    || rest.starts_with("text")
                    || rest.starts_with("describe")
            }
    };
    // "Other" as German, French, Spanish, Italian and Dutch forms write it.
    const ELSEWHERE: &[&str] = &[
        "sonstiges",
        "sonstige",
        "andere",
        "autre",
        "autres",
        "otro",
        "otra",
        "otros",
        "altro",
        "altri",
        "overig",
        "overige",
    ];
    let bare = |rest: &str| rest.chars().all(|c| !c.is_alphanumeric());
    k.strip_prefix("other").is_some_and(qualified)
        || ELSEWHERE
            .iter()
            .any(|w| k.strip_prefix(w).is_some_and(qualified))
        || k.strip_prefix("please specify").is_some_and(bare)
        || k == "specify"
}

/// Headers told apart where the export repeats them. A write-in column (`Other`, see
/// [`is_other`]) after a question is that question's: `Question (other)`. A title used for
/// more than one column (`Comments` after each section) is qualified by the question each
/// follows: `Comments (Question)`; where that does not tell them apart, by position:
/// `How useful? (column C)`. Nothing else changes.
pub fn distinguish(headers: &mut [String], first_column: usize) {
    let stem = |h: &str| -> String {
        match h
            .trim_end()
            .strip_suffix(']')
            .and_then(|i| i.rfind(" [").map(|o| &h[..o]))
        {
            Some(s) if !s.trim().is_empty() => s.trim().to_string(),
            _ => h.to_string(),
        }
    };
    for i in 1..headers.len() {
        // `Question [Other (please specify)]` under a question's option columns.
        let part_other = headers[i]
            .trim_end()
            .strip_suffix(']')
            .and_then(|inner| inner.rfind(" [").map(|o| (o, inner)))
            .filter(|(o, inner)| is_other(&inner[o + 2..]))
            .map(|(o, inner)| inner[..o].trim().to_string());
        if let Some(stem) = part_other {
            headers[i] = format!("{stem} (other)");
            continue;
        }
        if !is_other(&headers[i]) {
            continue;
        }
        let before = (0..i)
            .rev()
            .map(|j| &headers[j])
            .find(|h| !h.is_empty() && !is_other(h));
        if let Some(q) = before {
            headers[i] = format!("{} (other)", stem(q));
        }
    }
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for h in headers.iter().filter(|h| !h.is_empty()) {
        *seen.entry(label_key(h)).or_default() += 1;
    }
    let repeated: Vec<usize> = (0..headers.len())
        .filter(|&i| !headers[i].is_empty() && seen[&label_key(&headers[i])] > 1)
        .collect();
    let original: Vec<String> = headers.to_vec();
    let qualifier = |i: usize| -> Option<String> {
        let key = label_key(&original[i]);
        (0..i)
            .rev()
            .map(|j| &original[j])
            .find(|h| !h.is_empty() && label_key(h) != key)
            .map(|q| stem(q))
    };
    for &i in &repeated {
        let key = label_key(&original[i]);
        // By the question it follows, when that tells the repeats apart; else by position.
        let apart = repeated
            .iter()
            .filter(|&&j| j != i && label_key(&original[j]) == key)
            .all(|&j| qualifier(j) != qualifier(i));
        headers[i] = match qualifier(i) {
            Some(q) if apart => format!("{} ({q})", original[i]),
            _ => format!(
                "{} (column {})",
                original[i],
                column_letter(first_column + i)
            ),
        };
    }
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
    for h in headers.iter_mut().filter(|h| !h.is_empty()) {
        let base = h.clone();
        let mut k = 2;
        while !used.insert(label_key(h)) {
            *h = format!("{base} ({k})");
            k += 1;
        }
    }
}

/// A row of text, not all of it numbers (a CSV row of numbers is all text, and no header).
fn text_only(row: &[Cell]) -> bool {
    row.iter()
        .all(|c| c.is_blank() || matches!(c, Cell::Text(_)))
        && row
            .iter()
            .any(|c| matches!(c, Cell::Text(t) if t.trim().parse::<f64>().is_err()))
}

fn cell_key(c: Option<&Cell>) -> String {
    c.and_then(|c| c.text().map(|t| t.to_lowercase()))
        .unwrap_or_default()
}

/// How many rows the header starting at `first` spans: 3 when the third row is Qualtrics'
/// `{"ImportId": ...}` row; 2 when a row of variable names stands over a row of question text
/// (see [`variables_over_text`]); otherwise down to the lowest of the next two rows that holds a
/// placeholder such as `Response` (SurveyMonkey two rows, SmartSurvey three); else 1.
pub fn depth(rows: &[Vec<Cell>], first: usize) -> usize {
    let row = |i: usize| rows.get(first + i);
    if row(2).is_some_and(|r| {
        r.iter()
            .any(|c| cell_key(Some(c)).starts_with("{\"importid\""))
    }) {
        return 3;
    }
    if variables_over_text(rows, first) {
        return 2;
    }
    if titles_over_parts(rows, first) {
        return 2;
    }
    for below in (1..MAX_HEADER_ROWS).rev() {
        let Some(r) = row(below) else { continue };
        let between_text = (1..=below).all(|i| row(i).is_some_and(|r| text_only(r)));
        if between_text
            && r.iter()
                .any(|c| PLACEHOLDERS.contains(&cell_key(Some(c)).as_str()))
        {
            return below + 1;
        }
    }
    1
}

/// A header that is a variable name made of words (`presenters_prepared`,
/// `TrainersConsiderate`, `time-zone`), written as words for a reader ("Presenters prepared",
/// "Trainers considerate"): split at `_`, `.`, `-` and where a capital follows a small
/// letter, each word in small letters but an acronym ("HPC"), the first capitalised. `None`
/// for a header that is already words, one word, or a code holding digits (`q1`, `Q3_2`):
/// those are kept as written.
pub fn variable_as_words(header: &str) -> Option<String> {
    let t = header.trim();
    if !is_variable_name(t) {
        return None;
    }
    let mut words: Vec<String> = Vec::new();
    for part in t.split(['_', '.', '-']).filter(|p| !p.is_empty()) {
        let chars: Vec<char> = part.chars().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let upper_after_lower = chars[i].is_uppercase() && chars[i - 1].is_lowercase();
            // "HTMLParser": the acronym ends before the capital that starts a word.
            let acronym_ends = chars[i].is_lowercase()
                && chars[i - 1].is_uppercase()
                && i >= 2
                && chars[i - 2].is_uppercase();
            if upper_after_lower {
                words.push(chars[start..i].iter().collect());
                start = i;
            } else if acronym_ends {
                words.push(chars[start..i - 1].iter().collect());
                start = i - 1;
            }
        }
        words.push(chars[start..].iter().collect());
    }
    let is_word = |w: &String| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
    if words.len() < 2 || !words.iter().all(is_word) {
        return None;
    }
    let mut out: Vec<String> = words
        .iter()
        .map(|w| {
            if w.chars().all(char::is_uppercase) {
                w.clone()
            } else {
                w.to_lowercase()
            }
        })
        .collect();
    let mut first = out[0].chars();
    if let Some(c) = first.next() {
        out[0] = c.to_uppercase().chain(first).collect();
    }
    Some(out.join(" "))
}

/// A variable name as statistics packages and survey tools write them over their columns:
/// one word of letters, digits, `_`, `.` or `-`, starting with a letter (`q1`, `age_group`,
/// `Q3_2`, `satisfactionOverall`).
fn is_variable_name(text: &str) -> bool {
    let t = text.trim();
    (1..=40).contains(&t.len())
        && t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Whether the row at `first` names variables and the row below it holds the question text:
/// every cell of the first row is a variable name and at least one has the marks of one (`_`,
/// a digit, an inner capital); the second row is text of several words a cell (2.5 on
/// average, most cells with a space), covers most of the first row's columns, and none of its
/// cells is repeated further down its column (an answer is, a question's wording never is).
/// At least three rows must follow to tell.
pub fn variables_over_text(rows: &[Vec<Cell>], first: usize) -> bool {
    let (Some(names), Some(text)) = (rows.get(first), rows.get(first + 1)) else {
        return false;
    };
    if codes_over_labels(names, text) {
        return true;
    }
    let below = &rows[(first + 2).min(rows.len())..rows.len().min(first + 202)];
    if below.len() < 3 || !text_only(text) {
        return false;
    }
    let named: Vec<(usize, String)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.text().map(|t| (i, t.trim().to_string())))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let marked = |t: &str| {
        t.contains('_')
            || t.bytes().any(|b| b.is_ascii_digit())
            || t.bytes().skip(1).any(|b| b.is_ascii_uppercase())
                && t.bytes().any(|b| b.is_ascii_lowercase())
    };
    if named.len() < 2
        || !named.iter().all(|(_, t)| is_variable_name(t))
        || !named.iter().any(|(_, t)| marked(t))
    {
        return false;
    }
    let texts: Vec<(usize, String)> = text
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.text().map(|t| (i, t.trim().to_string())))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    if texts.len() * 5 < named.len() * 3 {
        return false;
    }
    let words: usize = texts
        .iter()
        .map(|(_, t)| t.split_whitespace().count())
        .sum();
    let spaced = texts.iter().filter(|(_, t)| t.contains(' ')).count();
    if (words as f64) < 2.5 * texts.len() as f64 || spaced * 2 < texts.len() {
        return false;
    }
    let repeated = |(i, t): &(usize, String)| {
        below.iter().any(|r| {
            r.get(*i)
                .and_then(Cell::text)
                .is_some_and(|x| x.trim() == t.as_str())
        })
    };
    !texts.iter().any(repeated)
}

/// Whether the row at `first` holds question titles over the first column of each group only
/// (merged cells, as LimeSurvey and hand-made sheets write them) and the row below names each
/// column's statement or option: the first row has a title followed by blank cells, the
/// second is text over most columns, and none of its cells is repeated further down its
/// column (as an answer would be). At least three rows must follow to tell.
fn titles_over_parts(rows: &[Vec<Cell>], first: usize) -> bool {
    let (Some(titles), Some(parts)) = (rows.get(first), rows.get(first + 1)) else {
        return false;
    };
    let below = &rows[(first + 2).min(rows.len())..rows.len().min(first + 202)];
    if below.len() < 3 || !text_only(titles) || !text_only(parts) {
        return false;
    }
    let width = rows[first..rows.len().min(first + 202)]
        .iter()
        .map(|r| r.iter().rposition(|c| !c.is_blank()).map_or(0, |p| p + 1))
        .max()
        .unwrap_or(0);
    let filled = |r: &Vec<Cell>| r.iter().filter(|c| !c.is_blank()).count();
    let carried = (1..width).any(|c| {
        titles.get(c).is_none_or(Cell::is_blank)
            && titles[..c.min(titles.len())].iter().any(|x| !x.is_blank())
    });
    if !carried || filled(titles) * 2 > width || filled(parts) * 5 < width * 3 {
        return false;
    }
    let repeated = parts.iter().enumerate().any(|(i, cell)| {
        let Some(t) = cell.text() else { return false };
        let t = t.trim().to_string();
        !t.is_empty()
            && below
                .iter()
                .any(|r| r.get(i).and_then(Cell::text).is_some_and(|x| x.trim() == t))
    });
    !repeated
}

/// A row of bare column codes (`V1`, `V2` ... as Qualtrics' legacy export writes them, or
/// `Q1`, `Q2_3`) over a row of labels that are not codes: whatever follows, the labels are the
/// header.
fn codes_over_labels(codes: &[Cell], labels: &[Cell]) -> bool {
    let is_code = |t: &str| {
        let t = t.trim();
        let letters = t.bytes().take_while(u8::is_ascii_alphabetic).count();
        (1..=2).contains(&letters)
            && t.len() > letters
            && t[letters..]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'_')
            && t.as_bytes()[letters].is_ascii_digit()
    };
    let texts = |r: &[Cell]| -> Vec<String> {
        r.iter()
            .filter_map(|c| c.text().map(|t| t.trim().to_string()))
            .filter(|t| !t.is_empty())
            .collect()
    };
    let (c, l) = (texts(codes), texts(labels));
    // Every cell a code, or the same as its label below (Qualtrics writes `LocationLatitude`
    // on both rows).
    let coded = codes
        .iter()
        .zip(labels)
        .all(|(code, label)| match code.text() {
            Some(t) if !t.trim().is_empty() => {
                is_code(&t) || label.text().is_some_and(|l| l.trim() == t.trim())
            }
            _ => true,
        });
    c.iter().filter(|t| is_code(t)).count() >= 3
        && coded
        && text_only(labels)
        && l.len() * 5 >= c.len() * 4
        && l.iter().filter(|t| is_code(t)).count() * 2 < l.len()
}

/// The header of a sheet: one name per column, and, where the export wrote them, the
/// variable names over the question text (Qualtrics' column ids, a statistics package's
/// `q1`, `age_group`), kept as the questions' ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub names: Vec<String>,
    /// Empty, or one per column (empty where the column has none).
    pub ids: Vec<String>,
}

/// One header per column from a header of several rows.
///
/// `variables`: the first of two rows names variables and the second holds the question text
/// ([`variables_over_text`]): the text is the header and the names are kept as ids.
///
/// Qualtrics (last row `{"ImportId"...}`): the second row, the question text, is the header;
/// a matrix statement written `Question - Statement` becomes `Question [Statement]`.
/// Otherwise the top row is carried right across merged (blank) cells that have a sub-header,
/// and each sub-header that is not a placeholder is added in brackets: `Question [Statement]`,
/// the form Google Forms uses for grids. `clean` tidies each part.
pub fn combine(block: &[Vec<Cell>], variables: bool, clean: impl Fn(&str) -> String) -> Header {
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    let part = |r: usize, c: usize| {
        block[r]
            .get(c)
            .and_then(|x| x.text().map(|t| clean(&t)))
            .unwrap_or_default()
    };
    let plain = |names: Vec<String>| Header {
        names,
        ids: Vec::new(),
    };
    if block.len() == 1 {
        return plain((0..width).map(|c| part(0, c)).collect());
    }
    let ids = || -> Vec<String> {
        (0..width)
            .map(|c| {
                block[0]
                    .get(c)
                    .and_then(|x| x.text().map(|t| t.trim().to_string()))
                    .unwrap_or_default()
            })
            .collect()
    };
    let qualtrics = block.last().is_some_and(|r| {
        r.iter()
            .any(|c| cell_key(Some(c)).starts_with("{\"importid\""))
    });
    if qualtrics {
        let names = (0..width)
            .map(|c| {
                let text = part(1, c);
                let text = if text.is_empty() { part(0, c) } else { text };
                match text.rsplit_once(" - ") {
                    Some((question, statement)) if !statement.is_empty() => {
                        format!("{question} [{statement}]")
                    }
                    _ => text,
                }
            })
            .collect();
        return Header { names, ids: ids() };
    }
    if block.len() == 2 && variables {
        let names = (0..width)
            .map(|c| {
                let text = part(1, c);
                if text.is_empty() {
                    part(0, c)
                } else {
                    text
                }
            })
            .collect();
        return Header { names, ids: ids() };
    }
    let mut carried = String::new();
    let names = (0..width)
        .map(|c| {
            let top = part(0, c);
            let subs: Vec<String> = (1..block.len())
                .map(|r| part(r, c))
                .filter(|s| !s.is_empty() && !PLACEHOLDERS.contains(&s.to_lowercase().as_str()))
                .collect();
            let any_sub = (1..block.len()).any(|r| !part(r, c).is_empty());
            let stem = if !top.is_empty() {
                carried = top.clone();
                top
            } else if any_sub {
                carried.clone()
            } else {
                carried.clear();
                String::new()
            };
            match (stem.is_empty(), subs.is_empty()) {
                (_, true) => stem,
                (true, false) => subs.join(" - "),
                (false, false) => format!("{stem} [{}]", subs.join(" - ")),
            }
        })
        .collect();
    plain(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*c).into())
                }
            })
            .collect()
    }

    #[test]
    fn header_below_a_title_and_a_blank_row_is_found() {
        let rows = vec![
            row(&["Corporate parenting induction - evaluation"]),
            row(&[]),
            row(&["Name", "Were your objectives achieved?", "Comments"]),
            row(&["A", "Yes, in full", ""]),
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 2, rows: 1 }));
    }

    #[test]
    fn variable_names_of_words_are_written_as_words_and_codes_kept() {
        assert_eq!(
            variable_as_words("presenters_prepared").as_deref(),
            Some("Presenters prepared")
        );
        assert_eq!(
            variable_as_words("TrainersConsiderate").as_deref(),
            Some("Trainers considerate")
        );
        assert_eq!(
            variable_as_words("usedHPCBefore").as_deref(),
            Some("Used HPC before")
        );
        assert_eq!(variable_as_words("time-zone").as_deref(), Some("Time zone"));
        for kept in [
            "q1",
            "Q3_2",
            "q0007_0001",
            "Recommend",
            "How satisfied were you?",
            "V1",
        ] {
            assert_eq!(variable_as_words(kept), None, "{kept}");
        }
    }

    #[test]
    fn header_on_the_first_row_is_found() {
        let rows = vec![
            row(&["ID", "Q1"]),
            vec![Cell::Int(1), Cell::Text("Agree".into())],
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 1 }));
    }

    #[test]
    fn a_sheet_of_one_column_has_a_one_cell_header() {
        let rows = vec![
            row(&["Knowledge [I understand the role of the DCS]"]),
            vec![Cell::Int(3)],
            vec![Cell::Int(4)],
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 1 }));
    }

    /// The Carpentries long-term survey: SurveyMonkey's option columns, flattened under
    /// `Column2`, `Column3` ... headers.
    #[test]
    fn flattened_option_columns_are_named_by_their_option() {
        let mut headers: Vec<String> =
            ["Country", "Field", "Column2", "Column3", "Column4", "Other"]
                .map(String::from)
                .to_vec();
        let rows = [
            ["Norway", "", "Life Sciences", "", "Physics", "x"],
            ["UK", "Humanities", "Life Sciences", "", "", "y"],
        ];
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| {
                        if t.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text((*t).into())
                        }
                    })
                    .collect()
            })
            .collect();
        name_flattened_options(&mut headers, |c| cells.iter().map(move |r| &r[c]));
        assert_eq!(
            headers,
            [
                "Country",
                "Field [Humanities]",
                "Field [Life Sciences]",
                "",
                "Field [Physics]",
                "Other"
            ]
        );
    }

    #[test]
    fn a_sheet_of_numbers_has_no_header() {
        let rows = vec![
            vec![Cell::Int(1), Cell::Int(2)],
            vec![Cell::Int(3), Cell::Int(4)],
        ];
        assert_eq!(find(&rows, None), None);
    }

    fn plain(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn surveymonkey_two_rows_name_each_option_column() {
        let rows = vec![
            row(&[
                "Respondent ID",
                "How satisfied were you?",
                "Which topics helped?",
                "",
                "",
            ]),
            row(&[
                "",
                "Response",
                "Data",
                "Case studies",
                "Other (please specify)",
            ]),
            vec![
                Cell::Int(1),
                Cell::Text("Very satisfied".into()),
                Cell::Text("Data".into()),
            ],
        ];
        let span = find(&rows, None).unwrap();
        assert_eq!(span, HeaderSpan { first: 0, rows: 2 });
        assert_eq!(
            combine(&rows[0..2], false, plain).names,
            [
                "Respondent ID",
                "How satisfied were you?",
                "Which topics helped? [Data]",
                "Which topics helped? [Case studies]",
                "Which topics helped? [Other (please specify)]"
            ]
        );
    }

    #[test]
    fn qualtrics_uses_the_question_text_row_and_drops_import_ids() {
        let rows = vec![
            row(&["ResponseId", "Q1", "Q2_1"]),
            row(&[
                "Response ID",
                "Were your objectives achieved?",
                "How far do you agree? - The pace was right",
            ]),
            row(&[
                "{\"ImportId\":\"_recordId\"}",
                "{\"ImportId\":\"QID1\"}",
                "{\"ImportId\":\"QID2_1\"}",
            ]),
            row(&["R_1", "Yes, in full", "Agree"]),
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 3 }));
        assert_eq!(
            combine(&rows[0..3], false, plain).names,
            [
                "Response ID",
                "Were your objectives achieved?",
                "How far do you agree? [The pace was right]"
            ]
        );
    }

    #[test]
    fn smartsurvey_three_rows_keep_the_statement() {
        let rows = vec![
            row(&["UserID", "1. Rate the session", "", "2. Comments"]),
            row(&["", "Content", "Pace", ""]),
            row(&["", "Response", "Response", "Response"]),
            row(&["7", "Good", "Poor", "Fine"]),
        ];
        assert_eq!(find(&rows, None), Some(HeaderSpan { first: 0, rows: 3 }));
        assert_eq!(
            combine(&rows[0..3], false, plain).names,
            [
                "UserID",
                "1. Rate the session [Content]",
                "1. Rate the session [Pace]",
                "2. Comments"
            ]
        );
    }
}
