//! The storage traits and the [`Store`] that callers hold.

use std::sync::Arc;

use async_trait::async_trait;

use crate::{Error, PutOutcome, SearchQuery, SearchResults, StoredArticle};

/// Durable storage of articles.
#[async_trait]
pub trait ArticleStore: Send + Sync {
    /// Store `article`; an article whose content is stored already is stored once.
    async fn put(&self, article: &StoredArticle) -> Result<PutOutcome, Error>;
    /// The article with this id.
    async fn get(&self, id: &str) -> Result<Option<StoredArticle>, Error>;
    /// The latest articles, newest (by publication, then import) first.
    async fn latest(&self, limit: usize, offset: usize) -> Result<Vec<StoredArticle>, Error>;
    /// How many articles are stored.
    async fn count(&self) -> Result<u64, Error>;
}

/// The full-text index.
pub trait SearchIndex: Send + Sync {
    /// Add or replace the article in the index (visible after [`SearchIndex::commit`]).
    fn upsert(&self, article: &StoredArticle) -> Result<(), Error>;
    /// Make what was added durable and visible.
    fn commit(&self) -> Result<(), Error>;
    /// Search.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, Error>;
}

/// The storage and the index that callers hold.
#[derive(Clone)]
pub struct Store {
    /// The article store.
    pub articles: Arc<dyn ArticleStore>,
    /// The search index.
    pub index: Arc<dyn SearchIndex>,
}
