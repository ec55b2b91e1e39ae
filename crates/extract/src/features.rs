//! Everything known about each block before the page is cut into regions: its shape, its
//! furniture wording, how often the same text recurs on the page. Computed once, in one pass.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use crate::block::Block;
use crate::boilerplate::{Furniture, furniture_of_key, key};
use crate::shape::{Shape, is_breadcrumb, shape};

/// Features of one block.
#[derive(Debug, Clone)]
pub(crate) struct Features {
    /// The text's shape.
    pub shape: Shape,
    /// Site furniture wording, if any.
    pub furniture: Option<Furniture>,
    /// A breadcrumb trail.
    pub breadcrumb: bool,
    /// How many blocks of the page have the same text (1 when it is unique).
    pub repeats: usize,
    /// The text's comparison key (`boilerplate::key`).
    pub key: String,
    /// A line of an aggregator's metadata or a source attribution (set later).
    pub aggregator: bool,
}

impl Features {
    /// Whether it can never be body text.
    pub(crate) fn is_furniture(&self, block: &Block) -> bool {
        block.ticker || self.furniture.is_some() || self.breadcrumb || self.aggregator
    }
}

/// The features of every block.
pub(crate) fn features(blocks: &[Block]) -> Vec<Features> {
    let keys: Vec<String> = blocks.iter().map(|b| key(&b.text)).collect();
    // foldhash rather than SipHash: counting is a hot loop on long pages, and its seeds are
    // still random per map.
    let mut counts: HashMap<&str, usize, RandomState> =
        HashMap::with_capacity_and_hasher(keys.len(), RandomState::default());
    for k in &keys {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    let repeats: Vec<usize> = keys
        .iter()
        .map(|k| counts.get(k.as_str()).copied().unwrap_or(1))
        .collect();
    blocks
        .iter()
        .zip(keys)
        .zip(repeats)
        .map(|((b, key), repeats)| Features {
            shape: shape(&b.text),
            furniture: furniture_of_key(&key),
            breadcrumb: is_breadcrumb(&b.text),
            repeats,
            key,
            aggregator: false,
        })
        .collect()
}
