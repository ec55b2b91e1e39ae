//! Errors of the store.

/// A storage or index failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data folder was written by a newer Marsad.
    #[error("data folder {path}: written by a newer schema ({found}); this marsad reads up to {supported}")]
    NewerSchema {
        /// The data folder.
        path: std::path::PathBuf,
        /// The schema version found.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
}
