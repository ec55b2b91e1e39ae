//! What can go wrong when training a category model or loading one from bytes.

/// An error of the category classifier.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CategoryError {
    /// The bytes do not start with the model magic `MARSADCT`.
    #[error("not a marsad category model (bad magic)")]
    BadMagic,
    /// The model was written by another format version.
    #[error("category model format version {found}, this build reads version {supported}")]
    UnsupportedVersion {
        /// The version in the file.
        found: u16,
        /// The version this build reads and writes.
        supported: u16,
    },
    /// The bytes end before the part named `what`.
    #[error("category model truncated at byte {offset} (reading {what})")]
    Truncated {
        /// Byte offset where more bytes were needed.
        offset: usize,
        /// The part being read.
        what: &'static str,
    },
    /// The checksum trailer does not match the content: the file is corrupted.
    #[error("category model corrupted: checksum {found:016x}, expected {expected:016x}")]
    Checksum {
        /// The checksum stored in the file.
        found: u64,
        /// The checksum of the content.
        expected: u64,
    },
    /// A field holds an impossible value.
    #[error("category model invalid at byte {offset}: {why}")]
    Invalid {
        /// Byte offset of the field.
        offset: usize,
        /// What is wrong.
        why: String,
    },
    /// Training needs at least two distinct labels.
    #[error("training needs at least two labels, got {found}")]
    TooFewLabels {
        /// How many distinct labels the examples have.
        found: usize,
    },
    /// A training example has no label.
    #[error("training example {id}: no label")]
    Unlabelled {
        /// The example's id.
        id: String,
    },
}

crate::wire::wire_error_into!(CategoryError);
