//! Choice questions told by their structure rather than their wording: a column whose answers
//! come mostly from a small set of repeated values is a choice question, whatever it asks and
//! however long its options; answers given once that do not look like its options are
//! written-in answers ("Other: ..."). Options packed in one cell (`a; b`, `a, b`, `a;b;`) are a
//! multi-select when the pieces repeat across respondents while the whole cells do not.

use super::super::packed;
use super::tally::{AnswerTally, Form};
use crate::model::label_key;
use rustc_hash::FxHashMap;

/// Share of a question's answers that must be values given more than once (or given to
/// another question too) for it to be a choice question: half, as a list of states or events
/// of which many are chosen once shows. A question worded as open ("any comments?") needs a
/// plain short list instead (see [`choices`]).
pub const MIN_REPEATED_SHARE: f64 = 0.5;
/// Most options a choice question is read with.
pub const MAX_OPTIONS: usize = 40;
/// A multi-select needs at least this share of its answers (and two) to hold two options or
/// more.
const MIN_PACKED_SHARE: f64 = 0.1;
/// Share of the options ticked (counted per respondent) that must be options ticked by more
/// than one respondent.
const MIN_PACKED_REPEATED: f64 = 0.75;

/// Words of a question that asks for comments: its column is free text however its answers
/// repeat ("Any other comments?" answered "None" by most).
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "suggest",
    "what would you change",
    "what could",
    "anything",
    "any other",
    "tell us",
    "(other)",
];

/// Words of a question that asks for an open answer: its column is free text unless its
/// answers are plainly a short list (see [`choices`]).
const OPEN_WORDS: &[&str] = &[
    "why",
    "explain",
    "describe",
    "what did you",
    "what have you",
    "what will you",
    "what do you",
    "learn",
    "differently",
    "how could",
    "how can",
    "what would",
    "understand",
    "feedback",
    "improve",
];

/// A question read as a choice by its structure.
pub struct Choices {
    /// The options, most chosen first (first seen on a tie).
    pub options: Vec<Form>,
}

/// Whether the question's wording asks for an open answer.
pub fn open_worded(header: &str) -> bool {
    let h = header.to_lowercase();
    OPEN_WORDS
        .iter()
        .chain(COMMENT_WORDS)
        .any(|w| h.contains(w))
}

/// Whether the question's wording asks for comments.
fn asks_for_comments(header: &str) -> bool {
    let h = header.to_lowercase();
    COMMENT_WORDS.iter().any(|w| h.contains(w))
}

/// Answers from a small set of repeated values (given more than once, or given to another
/// question too: `elsewhere` says which by matching key), with any rarer answers that look like
/// its options (see [`option_shaped`]); the rest are written-in answers. `other_column`: the
/// export has a column of its own for written-in answers, so every answer here is an option.
pub fn choices(
    t: &AnswerTally,
    forms: &[Form],
    header: &str,
    other_column: bool,
    elsewhere: &dyn Fn(&str) -> bool,
) -> Option<Choices> {
    if t.overflow || t.answers < 2 {
        return None;
    }
    // Repeated: given more than once, or given to another question too (an option of a grid).
    let is_repeated = |f: &Form| f.count >= 2 || elsewhere(&f.key);
    let repeated: Vec<&Form> = forms.iter().filter(|f| is_repeated(f)).collect();
    let in_repeated: u64 = repeated.iter().map(|f| f.count).sum();
    if repeated.is_empty()
        || repeated.len() > MAX_OPTIONS
        || (in_repeated as f64) < MIN_REPEATED_SHARE * t.answers as f64
    {
        return None;
    }
    // A question asking for comments is free text ("Any other comments?" answered "None" by
    // most). Otherwise a short list (options of 60 characters on average or fewer: two to ten
    // of them giving 80% of the answers, or one giving 95%) is a choice whatever the question
    // says, and open wording ("describe", "why") makes anything else free text.
    let short = repeated
        .iter()
        .map(|f| f.text.chars().count())
        .sum::<usize>()
        <= 60 * repeated.len();
    let share = in_repeated as f64 / t.answers as f64;
    let plain = short
        && ((2..=10).contains(&repeated.len()) && share >= 0.8
            || repeated.len() == 1 && share >= 0.95);
    if asks_for_comments(header) || !plain && open_worded(header) {
        return None;
    }
    let mut options: Vec<Form> = forms
        .iter()
        .filter(|f| is_repeated(f) || other_column || option_shaped(f, &repeated))
        .cloned()
        .collect();
    if options.len() > MAX_OPTIONS {
        return None;
    }
    options.sort_by_key(|f| (std::cmp::Reverse(f.count), f.first));
    Some(Choices { options })
}

/// Whether an answer given once is one of the form's options rather than an answer written
/// in under "Other". An option chosen by one respondent is far more common in real exports than
/// a written-in answer (the corpus has about thirty of them for each written-in one), so an
/// answer is an option unless it shows it was typed: it starts in lower case where every
/// repeated option starts with a capital or a digit, or it is over twice as long as the longest
/// of them (and over 60 characters). The form's own "Other" choice, where the export writes it,
/// is an option like any other.
pub fn option_shaped(f: &Form, options: &[&Form]) -> bool {
    let chars = |s: &str| s.chars().count();
    let max_chars = options.iter().map(|o| chars(&o.text)).max().unwrap_or(0);
    let upper = |s: &str| s.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let all_upper = !options.is_empty() && options.iter().all(|o| upper(&o.text));
    let long = chars(&f.text) > max_chars * 2 && chars(&f.text) > 60;
    (!all_upper || upper(&f.text)) && !long
}

/// A multi-select packed in one cell: the separator and the options, most ticked first.
pub struct Packed {
    pub separator: String,
    pub options: Vec<String>,
}

/// Options packed in one cell. Microsoft Forms ends every cell with `;`; otherwise a cell is
/// split on `;` or `, `, and an answer holding the separator that cannot be made of other
/// answers is an option of its own ("Mixed (conferences, workshops)"). A multi-select when
/// the cells show ticks combined - two cells or more made wholly of options others gave
/// alone, or a tenth of the cells holding two options or more, one of them given alone
/// elsewhere - and the options ticked are mostly options others ticked too.
pub fn packed(t: &AnswerTally, forms: &[Form]) -> Option<Packed> {
    if t.overflow || t.answers < 2 {
        return None;
    }
    let microsoft = t.packed as f64 >= 0.8 * t.answers as f64;
    for separator in [";", ", "] {
        if microsoft && separator != ";" {
            continue;
        }
        let parsed = parse_all(forms, separator);
        let multi: u64 = parsed
            .iter()
            .zip(forms)
            .filter(|(parts, _)| parts.len() >= 2)
            .map(|(_, f)| f.count)
            .sum();
        // Options given alone by someone, and cells made of two or more of them: the plainest
        // evidence of ticks combined.
        let alone: std::collections::HashSet<String> = parsed
            .iter()
            .filter(|parts| parts.len() == 1)
            .map(|parts| label_key(&parts[0]))
            .collect();
        let combined: u64 = parsed
            .iter()
            .zip(forms)
            .filter(|(parts, _)| {
                parts.len() >= 2 && parts.iter().all(|p| alone.contains(&label_key(p)))
            })
            .map(|(_, f)| f.count)
            .sum();
        let some_known = parsed
            .iter()
            .any(|parts| parts.len() >= 2 && parts.iter().any(|p| alone.contains(&label_key(p))));
        let combines = combined >= 2
            || some_known && (multi as f64) >= MIN_PACKED_SHARE * t.answers as f64 && multi >= 2;
        if !microsoft && !combines {
            continue;
        }
        // Respondents ticking each option (by key), with its most written spelling.
        let mut ticked: FxHashMap<String, (String, u64, usize)> = FxHashMap::default();
        let mut order = 0usize;
        for (parts, f) in parsed.iter().zip(forms) {
            for p in parts {
                let e = ticked.entry(label_key(p)).or_insert_with(|| {
                    order += 1;
                    (p.clone(), 0, order)
                });
                e.1 += f.count;
            }
        }
        let occurrences: u64 = ticked.values().map(|(_, n, _)| n).sum();
        let repeated: u64 = ticked
            .values()
            .filter(|(_, n, _)| *n >= 2)
            .map(|(_, n, _)| n)
            .sum();
        let options = ticked.values().filter(|(_, n, _)| *n >= 2).count();
        if options == 0
            || options > MAX_OPTIONS
            || (repeated as f64) < MIN_PACKED_REPEATED * occurrences as f64
        {
            continue;
        }
        let repeated_forms: Vec<Form> = ticked
            .values()
            .filter(|(_, n, _)| *n >= 2)
            .map(|(text, n, first)| Form {
                text: text.clone(),
                key: label_key(text),
                count: *n,
                first: *first,
                spellings: Vec::new(),
            })
            .collect();
        let refs: Vec<&Form> = repeated_forms.iter().collect();
        let mut chosen: Vec<(String, u64, usize)> = ticked
            .into_values()
            .filter(|(text, n, first)| {
                *n >= 2
                    || option_shaped(
                        &Form {
                            text: text.clone(),
                            key: label_key(text),
                            count: *n,
                            first: *first,
                            spellings: Vec::new(),
                        },
                        &refs,
                    )
            })
            .collect();
        chosen.sort_by_key(|(_, n, first)| (std::cmp::Reverse(*n), *first));
        return Some(Packed {
            separator: separator.to_string(),
            options: chosen.into_iter().map(|(t, _, _)| t).collect(),
        });
    }
    None
}

/// Whether `run` appears in `pieces` as consecutive pieces.
fn contains_run(pieces: &[String], run: &[String]) -> bool {
    run.is_empty() || pieces.windows(run.len()).any(|w| w == run)
}

/// Each distinct answer split into the options it holds.
fn parse_all(forms: &[Form], separator: &str) -> Vec<Vec<String>> {
    // Answers that hold no separator are options; an answer that holds one and cannot be
    // made of options is an option of its own (shortest first, so that options can build
    // longer answers).
    let mut known: std::collections::HashSet<String> = forms
        .iter()
        .filter(|f| packed::pieces(&f.text, separator).len() == 1)
        .map(|f| label_key(f.text.trim_end_matches(';')))
        .collect();
    let mut joined: Vec<&Form> = forms
        .iter()
        .filter(|f| packed::pieces(&f.text, separator).len() > 1)
        .collect();
    joined.sort_by_key(|f| f.text.len());
    let all_pieces: Vec<Vec<String>> = forms
        .iter()
        .map(|f| packed::pieces(&f.text, separator))
        .collect();
    for f in joined {
        let parts = packed::pieces(&f.text, separator);
        // Options may hold a comma, not a semicolon. An answer is one option when the pieces
        // that are no known option are never written apart from it, and either none of its
        // pieces is a known option, or they go on a sentence (a lower-case start) that one
        // began and it was given more than once ("No, but we expected to develop software").
        // Otherwise it is options ticked together, with anything else written in.
        let unknown: Vec<&String> = parts
            .iter()
            .filter(|p| !known.contains(&label_key(p)))
            .collect();
        if unknown.is_empty() || separator != ", " {
            continue;
        }
        let only_here = all_pieces.iter().all(|other| {
            !other.iter().any(|p| unknown.contains(&p)) || contains_run(other, &parts)
        });
        let clauses = unknown
            .iter()
            .all(|p| p.starts_with(|c: char| c.is_lowercase()));
        if only_here && (unknown.len() == parts.len() || clauses && f.count >= 2) {
            known.insert(label_key(&f.text));
        }
    }
    let is_known = |p: &str| known.contains(&label_key(p));
    forms
        .iter()
        .map(|f| packed::split(&f.text, separator, &is_known))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(answers: &[(&str, u64)]) -> AnswerTally {
        let mut t = AnswerTally::default();
        for (a, n) in answers {
            t.add(a, *n);
        }
        t
    }

    #[test]
    fn long_unfamiliar_options_are_counted_and_write_ins_set_apart() {
        let t = tally(&[
            ("Our team sits within children's services and reports to the director", 12),
            ("Our team sits within the chief executive's office", 9),
            ("We are a shared service across two councils", 4),
            ("we don't really have a team, it's me and a part-time officer who also does licensing", 1),
        ]);
        let c = choices(&t, &t.forms(), "Where does your team sit?", false, &|_| {
            false
        })
        .expect("a choice");
        assert_eq!(c.options.len(), 3);
    }

    #[test]
    fn mostly_unique_answers_are_free_text() {
        let t = tally(&[
            ("The case studies", 1),
            ("Meeting other members", 1),
            ("Lunch", 2),
            ("The data pack was clear", 1),
        ]);
        assert!(choices(&t, &t.forms(), "What did you like most?", false, &|_| false).is_none());
    }

    #[test]
    fn packed_options_with_commas_inside_are_split_on_the_others() {
        let t = tally(&[
            ("Lectures", 3),
            ("Mixed (conferences, workshops)", 2),
            ("Lectures, Mixed (conferences, workshops)", 2),
            ("Labs, Lectures", 2),
            ("Labs", 1),
            ("Labs, Mixed (conferences, workshops), Lectures", 1),
        ]);
        let p = packed(&t, &t.forms()).expect("a multi-select");
        assert_eq!(p.separator, ", ");
        assert_eq!(
            p.options,
            ["Lectures", "Mixed (conferences, workshops)", "Labs"]
        );
    }

    #[test]
    fn single_choice_with_commas_is_not_packed() {
        let t = tally(&[("Yes, in full", 9), ("Yes, partly", 4), ("No", 1)]);
        assert!(packed(&t, &t.forms()).is_none());
    }

    #[test]
    fn semicolons_as_an_events_platform_writes_them() {
        let t = tally(&[
            ("Git; Python", 3),
            ("Python", 4),
            ("Git; Python; R", 2),
            ("R; Git", 1),
            ("Git", 2),
        ]);
        let p = packed(&t, &t.forms()).expect("a multi-select");
        assert_eq!(p.separator, ";");
        assert_eq!(p.options, ["Python", "Git", "R"]);
    }
}
