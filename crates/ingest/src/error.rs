//! Errors of ingest: what could not be read, with the path or line it came from.

use std::path::PathBuf;

/// An ingest failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A path given on the command line does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A folder holds no page files.
    #[error("{path}: no pages in folder (looked for .html, .htm, .xhtml, .txt)")]
    NoPages {
        /// The folder.
        path: PathBuf,
    },
    /// A page is larger than the limit.
    #[error("{path}: {size} bytes is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A page could not be extracted.
    #[error("{path}: {source}")]
    Extract {
        /// The path.
        path: PathBuf,
        /// Why.
        source: marsad_extract::Error,
    },
    /// A JSON Lines record is not an article.
    #[error("{path}:{line}: {message}")]
    Jsonl {
        /// The file.
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The store failed.
    #[error("store: {0}")]
    Store(#[source] marsad_store::Error),
    /// A batch was stored with others (one index commit for all) and that step failed.
    #[error("store (batches stored together): {0}")]
    Grouped(String),
}
