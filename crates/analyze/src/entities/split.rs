//! The deterministic dev split of a CoNLL corpus: sentences go in blocks of
//! [`BLOCK`] consecutive sentences, and every tenth block is dev. Blocks keep the sentences of
//! one story mostly together, so the dev side is not made of the train side's neighbours.
//!
//! [`tune_split`] carves a tune side out of the train side the same way (another tenth of its
//! blocks), so that training choices (which pass to keep) are made without the dev side,
//! which only scores the result.

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

/// Which block of ten (0-based) of the train side is the tune side by default.
pub const TUNE_BLOCK: usize = 4;

/// Split the train side of [`dev_split`] into (fit, tune): blocks of [`BLOCK`] of its
/// sentences, every tenth block tune (block `block` of each ten, 0-based, taken modulo ten;
/// [`TUNE_BLOCK`] by default).
///
/// ```
/// let s: Vec<marsad_analyze::Sentence> = (0..400).map(|_| Default::default()).collect();
/// let (train, _dev) = marsad_analyze::dev_split(s);
/// let (fit, tune) = marsad_analyze::tune_split(train, marsad_analyze::TUNE_BLOCK);
/// assert_eq!((fit.len(), tune.len()), (320, 40));
/// ```
pub fn tune_split(train: Vec<Sentence>, block: usize) -> (Vec<Sentence>, Vec<Sentence>) {
    let mut fit = Vec::new();
    let mut tune = Vec::new();
    for (i, s) in train.into_iter().enumerate() {
        if (i / BLOCK) % 10 == block % 10 {
            tune.push(s);
        } else {
            fit.push(s);
        }
    }
    (fit, tune)
}
