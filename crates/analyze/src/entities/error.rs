//! What can go wrong when reading CoNLL text, training the tagger or loading a tagger model.

/// An error of the entity tagger.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum NerError {
    /// A CoNLL line whose last field looks like a tag but is not one of ANERcorp's.
    #[error("conll line {line}: unknown tag {tag}")]
    UnknownTag {
        /// 1-based line number.
        line: usize,
        /// The field read as a tag.
        tag: String,
    },
    /// A CoNLL file meant for training or evaluation has a token without a tag.
    #[error("conll line {line}: token without a tag")]
    Untagged {
        /// 1-based line number.
        line: usize,
    },
    /// Training was given no tagged sentence.
    #[error("no tagged sentence to train on")]
    NoData,
    /// The bytes do not start with the model magic `MARSADNE`.
    #[error("not a marsad tagger model (bad magic)")]
    BadMagic,
    /// The model was written by another format version.
    #[error("tagger model format version {found}, this build reads version {supported}")]
    UnsupportedVersion {
        /// The version in the file.
        found: u16,
        /// The version this build reads and writes.
        supported: u16,
    },
    /// The bytes end before the part named `what`.
    #[error("tagger model truncated at byte {offset} (reading {what})")]
    Truncated {
        /// Byte offset where more bytes were needed.
        offset: usize,
        /// The part being read.
        what: &'static str,
    },
    /// The checksum trailer does not match the content: the file is corrupted.
    #[error("tagger model corrupted: checksum {found:016x}, expected {expected:016x}")]
    Checksum {
        /// The checksum stored in the file.
        found: u64,
        /// The checksum of the content.
        expected: u64,
    },
    /// A field holds an impossible value.
    #[error("tagger model invalid at byte {offset}: {why}")]
    Invalid {
        /// Byte offset of the field.
        offset: usize,
        /// What is wrong.
        why: String,
    },
}

crate::wire::wire_error_into!(NerError);
