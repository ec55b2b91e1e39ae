//! The one error of this crate: an article that cannot be placed in time.

/// Why an article could not become a [`Doc`](crate::Doc).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The article has no publication date, or one that does not parse.
    #[error("article {id}: no usable publication date (got {published:?})")]
    NoDate {
        /// The article's id.
        id: String,
        /// The `published` field as given.
        published: Option<String>,
    },
}
