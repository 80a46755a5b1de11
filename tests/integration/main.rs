//! Integration tests: each runs the real `evalboard` binary in a fresh folder.

mod attendance;
mod bad_inputs;
mod cli;
mod conformance;
mod cycles;
mod disclosure;
mod documents;
mod edge_cases;
mod formats;
mod free_text;
mod fuzz_regressions;
mod layouts;
mod papers;
mod reading;
mod real_exports;
mod records;
mod sample;
mod self_assessment;
mod sessions;
mod util;
