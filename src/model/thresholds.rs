//! Every threshold that decides a result or its wording, in one place: computing reads them
//! to decide, presenting reads them to say what was decided.

/// Holm-adjusted p below this counts as a change unlikely to be chance.
pub const ALPHA_LEVEL: f64 = 0.05;
/// Rank-biserial r from which an effect is small, moderate, large (Cohen's bands for r).
pub const EFFECT_SMALL: f64 = 0.1;
pub const EFFECT_MODERATE: f64 = 0.3;
pub const EFFECT_LARGE: f64 = 0.5;
/// Fewer members than this: alpha and tests are flagged as indicative.
pub const FEW_MEMBERS: u64 = 10;
/// Fewer statements than this in a theme: alpha is flagged.
pub const FEW_STATEMENTS: u64 = 3;
/// This many members changing their rating, or fewer, cannot show a change at the 5% level
/// in a signed-rank test (the smallest exact two-sided p with 5 changes is 0.0625).
pub const FEW_CHANGED: u64 = 5;
/// A headline is not built on a question whose answers outside its scale are more than this
/// share of all its answers.
pub const MAX_OUTSIDE_SHARE: f64 = 0.1;
/// Below this many responses, one answer moves a percentage by more than ten points: the
/// evaluation document says so.
pub const FEW_RESPONSES: u64 = 10;
/// A question with more distinct comments than this has them counted in the evaluation
/// document, not listed: they are in the workbook and `tables/free_text.csv` in full (a page
/// holds about 25 comments, so a longer list runs past ten pages a question).
pub const MAX_LISTED_COMMENTS: usize = 250;
