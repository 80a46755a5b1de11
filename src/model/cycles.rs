//! This cycle beside earlier ones: what `aggregate::cycles` computes and the report shows.

use std::collections::BTreeMap;

/// One cycle's favourable answers to each question: wording -> (favourable, answered).
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    pub label: String,
    pub shares: BTreeMap<String, (u64, u64)>,
}

/// One question across the cycles, oldest first, this cycle last.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionTrend {
    pub question: String,
    /// Per cycle: label and (favourable, answered), `None` where the cycle did not ask it or
    /// its answers were too few to publish.
    pub cycles: Vec<(String, Option<(u64, u64)>)>,
    /// This cycle against the last earlier cycle that has the question.
    pub change: Option<Change>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub since: String,
    /// Percentage points, with the 95% interval.
    pub difference: f64,
    pub low: f64,
    pub high: f64,
    pub beyond_chance: bool,
}

/// The comparison: the questions this cycle rated, in its order, each with every cycle; and
/// the questions an earlier cycle rated that this one did not (listed, not compared).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub trends: Vec<QuestionTrend>,
    pub dropped: Vec<(String, String)>,
}
