//! Errors of the store: every variant names the file, article or action that failed.

use std::path::PathBuf;

/// A storage or index failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data folder was written by a newer Marsad.
    #[error(
        "data folder {path}: written by a newer schema ({found}); this marsad reads up to {supported}: upgrade marsad"
    )]
    NewerSchema {
        /// The data folder.
        path: PathBuf,
        /// The schema version found.
        found: i64,
        /// The newest version this build reads.
        supported: i64,
    },
    /// The data folder (or a folder in it) could not be created or used.
    #[error("data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The SQLite file exists but is not a SQLite database.
    #[error("{path}: not a SQLite database (is it another program's file?)")]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The SQLite database could not be opened (permissions, locking, disk).
    #[error("open database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// The schema migrations failed.
    #[error("migrate database {path}: {source}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// The PostgreSQL database could not be reached or logged into.
    #[error("connect to PostgreSQL {url}: {source}")]
    Connect {
        /// The database URL, without its password.
        url: String,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// The PostgreSQL schema migrations failed.
    #[error("migrate PostgreSQL {url}: {source}")]
    MigrateDatabase {
        /// The database URL, without its password.
        url: String,
        /// Why.
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    /// A database statement failed.
    #[error("database: {action}: {source}")]
    Database {
        /// What was being done, e.g. `put article a-1`.
        action: String,
        /// Why.
        #[source]
        source: sqlx::Error,
    },
    /// An article could not be serialised for storage.
    #[error("article {id}: encode as JSON: {source}")]
    Encode {
        /// The article's id.
        id: String,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// A stored row could not be read back (hand-edited or corrupt).
    #[error("article {id}: stored {column} is unreadable: {reason}")]
    CorruptRow {
        /// The article's id.
        id: String,
        /// The column.
        column: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The search index could not be opened or created.
    #[error("search index {path}: {source}")]
    IndexOpen {
        /// The index folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: tantivy::TantivyError,
    },
    /// Another process (or another store in this one) is writing the index. The lock is an
    /// OS file lock, released when that process ends, even by `kill -9`.
    #[error("search index {path}: another marsad process is writing it; wait for it to finish")]
    IndexLocked {
        /// The index folder.
        path: PathBuf,
    },
    /// An index operation failed.
    #[error("search index: {action}: {source}")]
    Index {
        /// What was being done, e.g. `commit`.
        action: String,
        /// Why.
        #[source]
        source: tantivy::TantivyError,
    },
    /// The index's marker file could not be read or written.
    #[error("search index marker {path}: {source}")]
    IndexMarker {
        /// The marker file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A lock inside the store was poisoned by a panic in another thread.
    #[error("{what}: poisoned by an earlier panic")]
    Poisoned {
        /// Which lock.
        what: &'static str,
    },
    /// A task run on a blocking thread panicked or was cancelled.
    #[error("{what}: the task failed: {message}")]
    Task {
        /// Which work.
        what: &'static str,
        /// The panic or cancellation, as tokio reports it.
        message: String,
    },
    /// The backend does not offer this operation.
    #[error("this store backend does not support {what}")]
    Unsupported {
        /// The operation.
        what: &'static str,
    },
}
