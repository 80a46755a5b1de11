//! Fast lookup of an answer's option: one index over every option label and synonym of every
//! scale, keyed by [`label_key`].

use crate::model::{label_key, Scale};
use std::collections::HashMap;

pub struct Matcher {
    /// Matching key -> (scale index, option index) for every scale holding that option.
    index: HashMap<String, Vec<(usize, usize)>>,
    /// Answers longer than this (in bytes) cannot be an option, whatever their spacing: free
    /// text is not keyed at all.
    longest: usize,
}

impl Matcher {
    pub fn new(scales: &[Scale]) -> Self {
        let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (s, scale) in scales.iter().enumerate() {
            for (o, option) in scale.options.iter().enumerate() {
                let code = option.code.map(|c| c.to_string());
                let labels = std::iter::once(&option.label)
                    .chain(&option.synonyms)
                    .chain(code.as_ref());
                for label in labels {
                    let hits = index.entry(label_key(label)).or_default();
                    if !hits.contains(&(s, o)) {
                        hits.push((s, o));
                    }
                }
            }
        }
        // Keys lose white space runs, trailing punctuation and multi-byte quotes: allow for them.
        let longest = 2 * index.keys().map(String::len).max().unwrap_or(0) + 16;
        Matcher { index, longest }
    }

    /// False when `answer` is too long to be any option (so free text is never keyed).
    pub fn may_match(&self, answer: &str) -> bool {
        answer.len() <= self.longest
    }

    fn hits(&self, answer: &str) -> &[(usize, usize)] {
        if !self.may_match(answer) {
            return &[];
        }
        self.index
            .get(&label_key(answer))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Scales that have an option with this matching key.
    pub fn scales_for_key(&self, key: &str) -> Vec<usize> {
        let mut scales: Vec<usize> = self
            .index
            .get(key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|(s, _)| *s)
            .collect();
        scales.dedup();
        scales
    }

    /// The option of `scale` with this matching key.
    pub fn option_for_key(&self, key: &str, scale: usize) -> Option<usize> {
        self.index
            .get(key)?
            .iter()
            .find(|(s, _)| *s == scale)
            .map(|(_, o)| *o)
    }

    /// The option of `scale` this answer means.
    pub fn option_in(&self, answer: &str, scale: usize) -> Option<usize> {
        self.hits(answer)
            .iter()
            .find(|(s, _)| *s == scale)
            .map(|(_, o)| *o)
    }
}
