//! Free-text answers: gathered per session and question, in survey order, so none is lost.

use crate::error::{Error, Result};
use crate::model::{col, FreeTextAnswer, Survey};
use polars::prelude::*;

/// Every free-text answer, ordered by session, question (survey order), file and row.
/// Line breaks inside an answer are kept; surrounding white space is not.
pub fn answers(tidy: &DataFrame, survey: &Survey) -> Result<Vec<FreeTextAnswer>> {
    let labels: Vec<&str> = survey.free_text().map(|q| q.label.as_str()).collect();
    let order: Vec<u32> = (0..labels.len() as u32).collect();
    let questions = DataFrame::new(
        labels.len(),
        vec![
            Column::new(col::QUESTION.into(), labels),
            Column::new(col::QUESTION_ORDER.into(), order),
        ],
    )
    .map_err(Error::table("free-text questions"))?;
    let df = tidy
        .clone()
        .lazy()
        .filter(col(col::KIND).eq(lit(col::KIND_FREE_TEXT)))
        .join(
            questions.lazy(),
            [col(col::QUESTION)],
            [col(col::QUESTION)],
            JoinArgs::new(JoinType::Inner),
        )
        .sort(
            [col::SESSION, col::QUESTION_ORDER, col::FILE, col::ROW],
            SortMultipleOptions::default(),
        )
        .select([
            col(col::SESSION),
            col(col::QUESTION),
            col(col::RESPONDENT),
            col(col::ANSWER),
        ])
        .collect()
        .map_err(Error::table("free-text answers"))?;
    let get = |name: &str| df.column(name).and_then(|c| c.str().cloned());
    let (session, question, respondent, answer) = (|| {
        Ok::<_, PolarsError>((
            get(col::SESSION)?,
            get(col::QUESTION)?,
            get(col::RESPONDENT)?,
            get(col::ANSWER)?,
        ))
    })()
    .map_err(Error::table("free-text answers"))?;
    Ok((0..df.height())
        .map(|i| FreeTextAnswer {
            group: session.get(i).unwrap_or_default().to_string(),
            question: question.get(i).unwrap_or_default().to_string(),
            respondent: respondent.get(i).unwrap_or_default().to_string(),
            text: answer.get(i).unwrap_or_default().trim().to_string(),
        })
        .collect())
}
