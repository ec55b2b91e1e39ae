//! Storage and search of articles behind traits, with the embedded default backend:
//! SQLite (WAL, migrations, through sqlx) for articles and tantivy for the index.
//!
//! Callers hold a [`Store`] and never name a backend; a server backend (PostgreSQL) plugs in
//! behind the same [`ArticleStore`] and [`SearchIndex`] traits.
#![warn(missing_docs)]

mod error;
mod model;
mod traits;

pub use error::Error;
pub use model::{PutOutcome, SearchHit, SearchQuery, SearchResults, StoredArticle};
pub use traits::{ArticleStore, SearchIndex, Store};
