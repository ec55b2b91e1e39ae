//! The deterministic dev split of a CoNLL corpus: sentences go in blocks of
//! [`BLOCK`] consecutive sentences, and every tenth block is dev. Blocks keep the sentences of
//! one story mostly together, so the dev side is not made of the train side's neighbours.

use super::Sentence;

/// Sentences per block.
pub const BLOCK: usize = 20;

/// Whether sentence `index` (0-based, in file order) is on the dev side.
pub fn is_dev_sentence(index: usize) -> bool {
    (index / BLOCK) % 10 == 9
}

/// Split sentences into (train, dev): about 10 % dev, by blocks.
///
/// ```
/// let s: Vec<marsad_analyze::Sentence> = (0..400).map(|_| Default::default()).collect();
/// let (train, dev) = marsad_analyze::dev_split(s);
/// assert_eq!((train.len(), dev.len()), (360, 40));
/// ```
pub fn dev_split(sentences: Vec<Sentence>) -> (Vec<Sentence>, Vec<Sentence>) {
    let mut train = Vec::new();
    let mut dev = Vec::new();
    for (i, s) in sentences.into_iter().enumerate() {
        if is_dev_sentence(i) {
            dev.push(s);
        } else {
            train.push(s);
        }
    }
    (train, dev)
}
