//! evalboard: turns the spreadsheets councils collect after member training into the tables,
//! charts and briefing an improvement board asks for.
//!
//! Data flows one way: [`ingest`] -> [`normalise`] (evaluation sheets), [`attendance`]
//! (roster and attendance records) and [`self_assessment`] (members' ratings per wave) ->
//! [`aggregate`] / [`stats`] / [`text`] -> [`charts`] -> [`report`], in the order kept by
//! [`pipeline`].

pub mod aggregate;
pub mod attendance;
pub mod charts;
pub mod cli;
pub mod config;
pub mod disclosure;
pub mod earlier;
pub mod error;
pub mod frame;
pub mod heap;
pub mod ingest;
pub mod model;
pub mod normalise;
pub mod pipeline;
pub mod report;
pub mod self_assessment;
pub mod stats;
pub mod text;
