//! Why a page could not be read at all (a poor page is a warning, not an error).

/// An input that is not a page.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has no bytes.
    #[error("empty input")]
    Empty,
    /// The input is binary, not HTML or text.
    #[error("binary input: not HTML or text")]
    Binary,
    /// The input is larger than the configured bound.
    #[error("input of {size} bytes is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The input's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
}
