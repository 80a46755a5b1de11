//! Answer scales and how answers are matched to their options.

use serde::Serialize;

/// One option of a scale, in scale order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleOption {
    /// Canonical label, written as on the form.
    pub label: String,
    /// Other spellings that mean the same option.
    pub synonyms: Vec<String>,
    /// Direction and strength for diverging charts: +2 most favourable .. -2 least, 0 the
    /// neutral middle. `None` marks a non-substantive option ("Don't know", "Too early to
    /// say"): counted, but left out of means and top-box bases.
    pub sentiment: Option<i8>,
    /// Numeric code a paper form typed into a spreadsheet uses for this option (`5`).
    pub code: Option<i64>,
    /// An option the library accepts but a form may not offer ("Don't know" on an agreement
    /// scale): listed in the tables only when someone chose it.
    pub optional: bool,
}

/// An option's score and label.
pub type ScoredOption<'a> = (u32, &'a str);

/// How a scale's options relate to each other, which decides what is computed from it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// Worded options from most to least favourable: scores count down from `k` to 1.
    #[default]
    Ordered,
    /// Numbers (`0`..`10`, `1`..`5`): each option's score is its own code, highest first.
    Codes,
    /// Options either side of an ideal middle ("Too fast" / "About right" / "Too slow"): the
    /// share choosing the middle is reported, and no mean.
    Centred,
    /// Unordered categories (a department, a role, a coded list): counted, never given a mean
    /// or a favourable share.
    Categories,
}

/// An answer scale: most favourable option first (for [`ScaleKind::Centred`], one side, the
/// middle, the other side; for [`ScaleKind::Categories`], display order).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    pub name: String,
    pub options: Vec<ScaleOption>,
    pub kind: ScaleKind,
    /// How many of the most favourable substantive options make the favourable share (the
    /// "top two"). Default: 2 on scales of four or more substantive options, else 1 ("Yes").
    pub favourable: usize,
    /// False when the scale's range or direction was assumed rather than read from evidence
    /// (numbers with no stated ends): its questions are counted but never headlined, and the
    /// technical annex lists them as needing checking, until a definition confirms the scale.
    pub confirmed: bool,
    /// Answers outside the options are written-in answers ("Other: ..."), expected on a
    /// question read as a list of choices by its structure: listed with the question's comments
    /// and as unmatched answers, with a note rather than a warning.
    pub write_ins: bool,
    /// A form's own scale (the 2016 evaluation sheet's): every option is listed, chosen or
    /// not, in the form's words.
    pub whole: bool,
}

impl Scale {
    /// Index (0-based, scale order) of the option this answer means, if any.
    pub fn find(&self, answer: &str) -> Option<usize> {
        self.find_key(&label_key(answer))
    }

    /// As [`Scale::find`], for an answer already passed through [`label_key`].
    pub fn find_key(&self, key: &str) -> Option<usize> {
        self.options.iter().position(|o| {
            label_key(&o.label) == key || o.synonyms.iter().any(|s| label_key(s) == key)
        })
    }

    /// Number of substantive options (`k`).
    pub fn substantive_count(&self) -> usize {
        self.options
            .iter()
            .filter(|o| o.sentiment.is_some())
            .count()
    }

    /// Rank of option `i` among the substantive options (0 = most favourable).
    fn substantive_rank(&self, i: usize) -> Option<usize> {
        self.options[i].sentiment?;
        Some(
            self.options[..i]
                .iter()
                .filter(|o| o.sentiment.is_some())
                .count(),
        )
    }

    /// A scale of `options` (most favourable first) with the default favourable share.
    pub fn new(name: &str, kind: ScaleKind, options: Vec<ScaleOption>) -> Scale {
        let mut scale = Scale {
            name: name.to_string(),
            options,
            kind,
            favourable: 0,
            confirmed: true,
            write_ins: false,
            whole: false,
        };
        scale.favourable = default_favourable(scale.substantive_count());
        scale
    }

    /// Score of option `i`, for means: on an ordered scale `k` for the most favourable of `k`
    /// substantive options down to 1 for the least; on a scale of codes the code itself;
    /// `None` for a non-substantive option and on centred and category scales.
    pub fn score(&self, i: usize) -> Option<u32> {
        match self.kind {
            ScaleKind::Ordered => self
                .substantive_rank(i)
                .map(|r| (self.substantive_count() - r) as u32),
            ScaleKind::Codes => {
                self.options[i].sentiment?;
                let code = self.options[i].code?;
                // Most favourable first: codes that rise down the list run the other way
                // (a reversed item, or "1 = best"), so the score mirrors them.
                let (lo, hi) = self.code_range()?;
                let descending = self.substantive_codes().next() == Some(hi);
                u32::try_from(if descending { code } else { lo + hi - code }).ok()
            }
            ScaleKind::Centred | ScaleKind::Categories => None,
        }
    }

    /// Whether a mean score means anything on this scale.
    pub fn has_mean(&self) -> bool {
        matches!(self.kind, ScaleKind::Ordered | ScaleKind::Codes)
    }

    /// Whether option `i` counts in the favourable share: one of the [`Scale::favourable`]
    /// most favourable substantive options, or the ideal middle of a centred scale; never on a
    /// category scale.
    pub fn is_favourable(&self, i: usize) -> bool {
        match self.kind {
            ScaleKind::Ordered | ScaleKind::Codes => self
                .substantive_rank(i)
                .is_some_and(|r| r < self.favourable),
            ScaleKind::Centred => self.options[i].sentiment.is_some_and(|s| s > 0),
            ScaleKind::Categories => false,
        }
    }

    /// Labels of the options counted in the favourable share, in scale order.
    pub fn favourable_labels(&self) -> Vec<&str> {
        (0..self.options.len())
            .filter(|&i| self.is_favourable(i))
            .map(|i| self.options[i].label.as_str())
            .collect()
    }

    /// The most and least favourable substantive options (labels) and their scores, for
    /// saying what a mean is out of; `None` where a mean means nothing.
    pub fn score_ends(&self) -> Option<(ScoredOption<'_>, ScoredOption<'_>)> {
        if !self.has_mean() {
            return None;
        }
        let scored = (0..self.options.len())
            .filter_map(|i| Some((self.score(i)?, self.options[i].label.as_str())));
        let best = scored.clone().max_by_key(|(s, _)| *s)?;
        let worst = scored.min_by_key(|(s, _)| *s)?;
        Some((best, worst))
    }

    /// Labels of the non-substantive options, in scale order.
    pub fn non_substantive(&self) -> Vec<&str> {
        self.options
            .iter()
            .filter(|o| o.sentiment.is_none())
            .map(|o| o.label.as_str())
            .collect()
    }

    /// The same scale read the other way round, for reverse-worded items: substantive options
    /// in reverse order with their sentiment negated, non-substantive options kept at the end.
    pub fn reversed(&self) -> Scale {
        let (mut substantive, rest): (Vec<ScaleOption>, Vec<ScaleOption>) = self
            .options
            .iter()
            .cloned()
            .partition(|o| o.sentiment.is_some());
        substantive.reverse();
        for o in &mut substantive {
            o.sentiment = o.sentiment.map(|s| -s);
        }
        substantive.extend(rest);
        Scale {
            name: format!("{} (reversed)", self.name),
            options: substantive,
            ..self.clone()
        }
    }

    /// The lowest and highest numeric code of the substantive options, when they have codes.
    pub fn code_range(&self) -> Option<(i64, i64)> {
        let codes = self.substantive_codes();
        Some((codes.clone().min()?, codes.max()?))
    }

    fn substantive_codes(&self) -> impl Iterator<Item = i64> + Clone + '_ {
        self.options
            .iter()
            .filter(|o| o.sentiment.is_some())
            .filter_map(|o| o.code)
    }

    /// The option whose label is closest in spelling to `answer` (edit distance on the
    /// matching key), to suggest a fix for an answer that fits no option.
    pub fn nearest(&self, answer: &str) -> &str {
        let key = label_key(answer);
        self.options
            .iter()
            .min_by_key(|o| edit_distance(&key, &label_key(&o.label)))
            .map(|o| o.label.as_str())
            .unwrap_or("")
    }
}

/// The key answers and headers are matched on: case-folded, curly quotes made straight,
/// non-breaking and zero-width spaces treated as spaces, white space runs collapsed, and
/// surrounding white space and trailing punctuation removed.
pub fn label_key(text: &str) -> String {
    if text.is_ascii() {
        return ascii_label_key(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let ch = match ch {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => continue,
            c if c.is_whitespace() => {
                pending_space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(ch.to_lowercase());
    }
    while let Some(last) = out.chars().last() {
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\u{2026}' | ' ') {
            out.pop();
        } else {
            break;
        }
    }
    out
}

/// [`label_key`] for ASCII text (nearly every answer): the same rules, byte by byte.
fn ascii_label_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for b in word.bytes() {
            out.push(match b {
                b'`' => '\'',
                b => b.to_ascii_lowercase() as char,
            });
        }
    }
    let kept = out
        .trim_end_matches(['.', ',', ';', ':', '!', '?', ' '])
        .len();
    out.truncate(kept);
    out
}

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The favourable share of a scale of `k` substantive options: the top two on scales of four
/// or more, the top one ("Yes") on shorter ones.
pub fn default_favourable(k: usize) -> usize {
    if k >= 4 {
        2
    } else {
        1
    }
}

/// Chart sentiments of `k` substantive options listed most favourable first, given the index
/// of the neutral middle option if there is one: the favourable side counts down from +2 (the
/// extreme +2, the rest +1), the unfavourable side mirrors it, the middle is 0.
pub fn derived_sentiments(k: usize, middle: Option<usize>) -> Vec<i8> {
    let (top, bottom) = match middle {
        Some(m) => (m, k - m - 1),
        None => (k / 2, k - k / 2),
    };
    let side = |n: usize| -> Vec<i8> { (0..n).map(|i| if i == 0 { 2 } else { 1 }).collect() };
    let mut out = side(top);
    if middle.is_some() {
        out.push(0);
    }
    out.extend(side(bottom).into_iter().rev().map(|s| -s));
    out
}

/// An option label with its other spellings.
type Spelt<'a> = (&'a str, &'a [&'a str]);

fn options(labels: &[Spelt], sentiments: &[Option<i8>]) -> Vec<ScaleOption> {
    labels
        .iter()
        .zip(sentiments)
        .map(|((label, synonyms), sentiment)| ScaleOption {
            label: label.to_string(),
            synonyms: synonyms.iter().map(|s| s.to_string()).collect(),
            sentiment: *sentiment,
            code: None,
            optional: false,
        })
        .collect()
}

/// An ordered scale: `substantive` most favourable first (the one at `middle` neutral), then
/// the non-substantive options ("Don't know").
fn ordered(name: &str, substantive: &[Spelt], middle: Option<usize>, other: &[Spelt]) -> Scale {
    let mut sentiments: Vec<Option<i8>> = derived_sentiments(substantive.len(), middle)
        .into_iter()
        .map(Some)
        .collect();
    let mut all = substantive.to_vec();
    all.extend_from_slice(other);
    sentiments.resize(all.len(), None);
    Scale::new(
        name,
        ScaleKind::Ordered,
        optional_extras(options(&all, &sentiments)),
    )
}

/// The library's non-substantive options ("Don't know", "Not applicable") are offered by some
/// forms and not others: each is listed only when chosen.
fn optional_extras(mut options: Vec<ScaleOption>) -> Vec<ScaleOption> {
    for o in &mut options {
        o.optional = o.sentiment.is_none();
    }
    options
}

/// A centred scale: one side, the ideal middle, the other side (each side from the extreme
/// inwards), then the non-substantive options.
fn centred(name: &str, low: &[Spelt], middle: Spelt, high: &[Spelt], other: &[Spelt]) -> Scale {
    let side = |n: usize| -> Vec<Option<i8>> {
        (0..n).map(|i| Some(if i == 0 { -2 } else { -1 })).collect()
    };
    let mut all = low.to_vec();
    let mut sentiments = side(low.len());
    all.push(middle);
    sentiments.push(Some(2));
    all.extend_from_slice(high);
    sentiments.extend(side(high.len()).into_iter().rev());
    all.extend_from_slice(other);
    sentiments.resize(all.len(), None);
    Scale::new(
        name,
        ScaleKind::Centred,
        optional_extras(options(&all, &sentiments)),
    )
}

/// "Don't know" and its usual spellings, non-substantive on every scale that has it.
const DONT_KNOW: Spelt = (
    "Don't know",
    &[
        "Do not know",
        "Dont know",
        "Don't know / not sure",
        "DK",
        "I don't know",
        "I don't remember",
        "Don't remember",
        "Can't remember",
        "Can't say",
    ],
);
const NOT_SURE: Spelt = ("Not sure", &["Unsure", "Not certain"]);
const NOT_APPLICABLE: Spelt = (
    "Not applicable",
    &[
        "N/A",
        "NA",
        "Not relevant",
        "Does not apply",
        "Not applicable to me",
    ],
);

/// The built-in scale library: the four scales of the corporate-parenting evaluation sheet
/// (written exactly as on the form), and the families of worded scales that training and
/// course evaluations use, each with its usual spellings (answers are matched ignoring case,
/// spacing and trailing punctuation). A question is put on one of them only when its answers
/// fit it; see `normalise::infer`.
pub fn builtin_scales() -> Vec<Scale> {
    let mut objectives = ordered(
        "objectives",
        &[
            ("Yes, in full", &["Yes in full", "Yes, fully"]),
            ("Yes, partly", &["Yes partly", "Partly"]),
            ("No, not at all", &["No not at all"]),
        ],
        None,
        &[("Too early to say", &[])],
    );
    // "Too early to say" is on the evaluation sheet itself: always listed.
    objectives.options[3].optional = false;
    // The evaluation sheet's own summary counts "Yes, in full" and "Yes, partly" together.
    objectives.options[2].sentiment = Some(-2);
    objectives.options[1].sentiment = Some(1);
    objectives.favourable = 2;
    let mut expectations = ordered(
        "expectations",
        &[
            (
                "Exceed your expectations",
                &["Exceeded my expectations", "Exceeded expectations"],
            ),
            (
                "Meet your expectations",
                &["Met my expectations", "Met expectations"],
            ),
            (
                "Fall short of your expectations",
                &[
                    "Fell short of my expectations",
                    "Fell short of expectations",
                ],
            ),
        ],
        None,
        &[],
    );
    expectations.options[1].sentiment = Some(1);
    expectations.options[2].sentiment = Some(-1);
    expectations.favourable = 2;
    let mut satisfaction = ordered(
        "satisfaction",
        &[
            ("Very satisfied", &["Extremely satisfied"]),
            (
                "Fairly satisfied",
                &["Satisfied", "Quite satisfied", "Somewhat satisfied"],
            ),
            (
                "Neither satisfied or dissatisfied",
                &["Neither satisfied nor dissatisfied", "Neutral"],
            ),
            (
                "Fairly dissatisfied",
                &[
                    "Dissatisfied",
                    "Quite dissatisfied",
                    "Somewhat dissatisfied",
                ],
            ),
            ("Very dissatisfied", &["Extremely dissatisfied"]),
        ],
        Some(2),
        &[DONT_KNOW],
    );
    // "Don't know" is on the evaluation sheet itself: always listed.
    satisfaction.options[5].optional = false;
    let mut extent = ordered(
        "extent",
        &[
            ("To a great extent", &[]),
            ("To a moderate extent", &[]),
            ("To a small extent", &[]),
            ("Not at all", &[]),
        ],
        None,
        &[],
    );
    for sheet in [
        &mut objectives,
        &mut extent,
        &mut satisfaction,
        &mut expectations,
    ] {
        sheet.whole = true;
    }
    vec![
        objectives,
        extent,
        satisfaction,
        expectations,
        ordered(
            "agreement",
            &[
                ("Strongly agree", &[]),
                ("Agree", &["Somewhat agree", "Tend to agree"]),
                (
                    "Neither agree nor disagree",
                    &["Neither agree or disagree", "Neutral", "Neither"],
                ),
                ("Disagree", &["Somewhat disagree", "Tend to disagree"]),
                ("Strongly disagree", &[]),
            ],
            Some(2),
            &[DONT_KNOW, NOT_APPLICABLE],
        ),
        ordered(
            "yes/no",
            &[("Yes", &["Y", "Yes."]), ("No", &["N", "No."])],
            None,
            &[NOT_SURE, DONT_KNOW, NOT_APPLICABLE],
        ),
        ordered(
            "yes/maybe/no",
            &[
                ("Yes", &["Y", "Yes."]),
                ("Maybe", &["Possibly", "Perhaps"]),
                ("No", &["N", "No."]),
            ],
            Some(1),
            &[NOT_SURE, DONT_KNOW],
        ),
        ordered(
            "frequency",
            &[
                ("Always", &["All of the time", "All the time"]),
                ("Often", &["Most of the time", "Usually", "Frequently"]),
                ("Sometimes", &["Some of the time", "Occasionally"]),
                ("Rarely", &["Seldom", "Hardly ever"]),
                ("Never", &["None of the time"]),
            ],
            Some(2),
            &[DONT_KNOW, NOT_APPLICABLE],
        ),
        ordered(
            "ability",
            &[
                ("Extremely able", &["Very able"]),
                ("Moderately able", &["Able", "Fairly able"]),
                ("Neutral", &["Neither able nor unable"]),
                ("Slightly able", &["A little able"]),
                ("Not at all able", &["Not able", "Unable"]),
            ],
            Some(2),
            &[DONT_KNOW],
        ),
        ordered(
            "knowledge",
            &[
                (
                    "Extensive knowledge of topic",
                    &["Extensive knowledge", "Expert knowledge"],
                ),
                ("Some knowledge of topic", &["Some knowledge"]),
                (
                    "Little or no knowledge of topic",
                    &["Little or no knowledge", "Little knowledge", "No knowledge"],
                ),
            ],
            Some(1),
            &[DONT_KNOW],
        ),
        ordered(
            "confidence",
            &[
                (
                    "Very confident",
                    &["Extremely confident", "Completely confident"],
                ),
                (
                    "Fairly confident",
                    &[
                        "Confident",
                        "Quite confident",
                        "Moderately confident",
                        "Somewhat confident",
                    ],
                ),
                (
                    "Not very confident",
                    &["Slightly confident", "A little confident"],
                ),
                ("Not at all confident", &["Not confident"]),
            ],
            None,
            &[DONT_KNOW],
        ),
        ordered(
            "motivation",
            &[
                ("Much more motivated", &["A lot more motivated"]),
                (
                    "More motivated",
                    &[
                        "Slightly more motivated",
                        "A little more motivated",
                        "Somewhat more motivated",
                    ],
                ),
                (
                    "No change in motivation",
                    &["No change", "Just as motivated", "Equally motivated"],
                ),
                (
                    "Less motivated",
                    &[
                        "Slightly less motivated",
                        "A little less motivated",
                        "Somewhat less motivated",
                    ],
                ),
                ("Much less motivated", &["A lot less motivated"]),
            ],
            Some(2),
            &[],
        ),
        ordered(
            "favourability",
            &[
                ("Very favourably", &["Very favorably"]),
                (
                    "Mostly favourably",
                    &[
                        "Mostly favorably",
                        "Somewhat favourably",
                        "Somewhat favorably",
                        "Favourably",
                        "Favorably",
                    ],
                ),
                (
                    "Neither favourably nor unfavourably",
                    &["Neither favorably nor unfavorably", "Neutral"],
                ),
                (
                    "Mostly unfavourably",
                    &[
                        "Mostly unfavorably",
                        "Somewhat unfavourably",
                        "Somewhat unfavorably",
                        "Unfavourably",
                        "Unfavorably",
                    ],
                ),
                ("Very unfavourably", &["Very unfavorably"]),
            ],
            Some(2),
            &[
                (
                    "Unfamiliar",
                    &[
                        "Not familiar",
                        "Never heard of it",
                        "Don't know enough to say",
                    ],
                ),
                DONT_KNOW,
            ],
        ),
        ordered(
            "quality",
            &[
                ("Excellent", &[]),
                ("Very good", &[]),
                ("Good", &[]),
                ("Fair", &["Average"]),
                ("Poor", &[]),
            ],
            Some(2),
            &[DONT_KNOW, NOT_APPLICABLE],
        ),
        ordered(
            "quality (4)",
            &[
                ("Excellent", &[]),
                ("Good", &[]),
                ("Fair", &["Average", "Satisfactory"]),
                ("Poor", &[]),
            ],
            None,
            &[DONT_KNOW, NOT_APPLICABLE],
        ),
        ordered(
            "usefulness",
            &[
                ("Very useful", &["Extremely useful"]),
                (
                    "Quite useful",
                    &[
                        "Useful",
                        "Fairly useful",
                        "Moderately useful",
                        "Somewhat useful",
                    ],
                ),
                ("Not very useful", &["Slightly useful", "A little useful"]),
                ("Not at all useful", &["Not useful"]),
            ],
            None,
            &[DONT_KNOW, NOT_APPLICABLE],
        ),
        ordered(
            "likelihood",
            &[
                ("Very likely", &["Extremely likely", "Definitely"]),
                (
                    "Likely",
                    &[
                        "Quite likely",
                        "Fairly likely",
                        "Somewhat likely",
                        "Probably",
                    ],
                ),
                (
                    "Neither likely nor unlikely",
                    &["Neutral", "Not sure either way"],
                ),
                (
                    "Unlikely",
                    &[
                        "Quite unlikely",
                        "Fairly unlikely",
                        "Somewhat unlikely",
                        "Probably not",
                    ],
                ),
                ("Very unlikely", &["Extremely unlikely", "Definitely not"]),
            ],
            Some(2),
            &[DONT_KNOW],
        ),
        ordered(
            "importance",
            &[
                ("Very important", &["Extremely important"]),
                (
                    "Important",
                    &[
                        "Quite important",
                        "Fairly important",
                        "Moderately important",
                    ],
                ),
                (
                    "Slightly important",
                    &[
                        "Somewhat important",
                        "A little important",
                        "Of little importance",
                    ],
                ),
                ("Not at all important", &["Not important", "Unimportant"]),
            ],
            None,
            &[DONT_KNOW],
        ),
        ordered(
            "amount new",
            &[
                ("All of it", &[]),
                ("Most of it", &[]),
                ("About half of it", &["About half"]),
                ("Some of it", &[]),
                ("None of it", &[]),
            ],
            Some(2),
            &[],
        ),
        centred(
            "pace",
            &[
                ("Too slow", &["Much too slow"]),
                (
                    "Slightly slow",
                    &["A little slow", "Slightly too slow", "A bit slow"],
                ),
            ],
            (
                "About right",
                &["Just right", "Right", "About the right pace", "Appropriate"],
            ),
            &[
                (
                    "Slightly fast",
                    &["A little fast", "Slightly too fast", "A bit fast"],
                ),
                ("Too fast", &["Much too fast"]),
            ],
            &[DONT_KNOW],
        ),
        centred(
            "amount",
            &[
                ("Too little", &["Not enough", "Far too little"]),
                ("Slightly too little", &["A little too little"]),
            ],
            (
                "About right",
                &["Just right", "Right amount", "About the right amount"],
            ),
            &[
                ("Slightly too much", &["A little too much"]),
                ("Too much", &["Far too much"]),
            ],
            &[DONT_KNOW],
        ),
        centred(
            "length",
            &[
                ("Too short", &["Much too short"]),
                ("Slightly short", &["A little short", "Slightly too short"]),
            ],
            (
                "About right",
                &["Just right", "Right length", "About the right length"],
            ),
            &[
                ("Slightly long", &["A little long", "Slightly too long"]),
                ("Too long", &["Much too long"]),
            ],
            &[DONT_KNOW],
        ),
        centred(
            "lecture or hands-on",
            &[
                ("Too much lecture", &[]),
                ("Slightly too much lecture", &[]),
            ],
            (
                "Balanced (lecture/hands-on)",
                &["Balanced", "About right", "Right balance"],
            ),
            &[
                ("Slightly too much hands-on", &[]),
                ("Too much hands-on", &[]),
            ],
            &[],
        ),
    ]
}

/// A scale of whole-number codes `lo..=hi`, highest (most favourable, as assumed) first, with
/// the end labels given on the form where known (`5 (Excellent)`, `Never<br>1`, `1 - Strongly
/// disagree` are matched as the number).
pub fn code_scale(name: &str, lo: i64, hi: i64) -> Scale {
    let k = (hi - lo + 1) as usize;
    let middle = (k % 2 == 1).then_some(k / 2);
    let sentiments = derived_sentiments(k, middle);
    let options = (lo..=hi)
        .rev()
        .zip(sentiments)
        .map(|(c, s)| ScaleOption {
            label: c.to_string(),
            synonyms: Vec::new(),
            sentiment: Some(s),
            code: Some(c),
            optional: false,
        })
        .collect();
    Scale::new(name, ScaleKind::Codes, options)
}

/// A mark an export writes in an option column the respondent did not tick (`Not selected`,
/// `0`, `Nein`): not an answer. Compared ignoring case and surrounding spaces, without
/// allocating (it is asked of every cell of option columns).
pub fn is_untick(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "not selected",
        "unselected",
        "not ticked",
        "unticked",
        "unchecked",
        "0",
        "false",
        "nein",
        "non",
    ];
    let t = text.trim().trim_end_matches('.');
    t.len() <= 12 && MARKS.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// A mark an export writes in an option column the respondent ticked, besides the option
/// itself (`x`, `1`, `Yes`, `Ja`, a tick).
pub fn is_tick_mark(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "1", "x", "yes", "true", "y", "\u{2713}", "\u{2714}", "selected", "ticked", "checked",
        "ja", "oui", "si", "s\u{ed}",
    ];
    let t = text.trim().trim_end_matches('.');
    t.len() <= 8 && MARKS.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// The number an end-labelled numeric answer stands for: `5`, `5 (Excellent)`, `5 -
/// Excellent`, `Excellent 5`, `Never<br>1`, `1 = poor`; `None` for anything else.
pub fn labelled_number(answer: &str) -> Option<i64> {
    let t = answer.trim();
    if let Ok(n) = t.parse::<i64>() {
        return Some(n);
    }
    // `4.0`, as a statistics tool writes a whole number in a column with gaps.
    if let Ok(x) = t.parse::<f64>() {
        return (x.fract() == 0.0 && x.abs() < 1e9).then_some(x as i64);
    }
    let digits: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [number] = digits.as_slice() else {
        return None;
    };
    let number = number.to_string();
    // The rest must be words (an end label), not more numbers or a sentence.
    let rest: String = t.replacen(number.as_str(), " ", 1);
    let words = rest
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("br"))
        .count();
    // The label stands apart from the number (a space, a bracket, `=`, `<br>`), so that
    // `UTC-5`, `Q3` or `5th` are not read as numbers.
    let at = t.find(number.as_str())?;
    let before = t[..at].chars().next_back();
    let after = t[at + number.len()..].chars().next();
    let apart = |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "()=<>:".contains(c));
    let at_end = at == 0 || at + number.len() == t.len() || t.ends_with(')');
    (at_end && apart(before) && apart(after) && words <= 4 && number.len() <= 2)
        .then(|| number.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_key_ignores_case_spacing_quotes_and_trailing_punctuation() {
        assert_eq!(label_key("  Don\u{2019}t   KNOW. "), "don't know");
        assert_eq!(label_key("Yes,\u{00A0}in full"), "yes, in full");
        assert_eq!(
            label_key("Overall, did the session..."),
            "overall, did the session"
        );
        assert_eq!(
            label_key("Were your objectives achieved?"),
            "were your objectives achieved"
        );
        assert_eq!(label_key("\u{200B}Agree"), "agree");
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        for text in [
            "  Very   Satisfied. ",
            "Yes, in full",
            "Don`t know?!",
            "a.b . ",
            "",
            "   ",
        ] {
            let mut unicode = text.to_string();
            unicode.push('\u{200B}'); // forces the general path, changes nothing else
            assert_eq!(label_key(text), label_key(&unicode), "{text:?}");
        }
    }

    #[test]
    fn scores_count_down_from_k_and_skip_non_substantive_options() {
        let sat = &builtin_scales()[2];
        assert_eq!(sat.substantive_count(), 5);
        assert_eq!(sat.score(0), Some(5));
        assert_eq!(sat.score(4), Some(1));
        assert_eq!(sat.score(5), None);
        assert!(sat.is_favourable(1) && !sat.is_favourable(2) && !sat.is_favourable(5));
        assert_eq!(sat.non_substantive(), vec!["Don't know"]);
    }

    #[test]
    fn reversing_flips_substantive_options_and_keeps_dont_know_last() {
        let sat = builtin_scales()[2].reversed();
        let labels: Vec<&str> = sat.options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels[0], "Very dissatisfied");
        assert_eq!(labels[4], "Very satisfied");
        assert_eq!(labels[5], "Don't know");
        assert_eq!(sat.options[0].sentiment, Some(2));
        assert_eq!(sat.score(0), Some(5));
    }

    #[test]
    fn derived_sentiments_are_symmetric_around_the_middle() {
        assert_eq!(derived_sentiments(5, Some(2)), [2, 1, 0, -1, -2]);
        assert_eq!(derived_sentiments(4, None), [2, 1, -1, -2]);
        assert_eq!(derived_sentiments(3, Some(1)), [2, 0, -2]);
        assert_eq!(derived_sentiments(2, None), [2, -2]);
        assert_eq!(derived_sentiments(7, Some(3)), [2, 1, 1, 0, -1, -1, -2]);
    }

    #[test]
    fn answers_match_labels_and_synonyms() {
        let sat = &builtin_scales()[2];
        assert_eq!(sat.find("neither satisfied NOR dissatisfied"), Some(2));
        assert_eq!(sat.find("Dont know"), Some(5));
        assert_eq!(sat.find("Quite satisfied"), Some(1));
        assert_eq!(sat.find("Rather satisfied"), None);
        assert_eq!(sat.nearest("Very satisified"), "Very satisfied");
    }
}
