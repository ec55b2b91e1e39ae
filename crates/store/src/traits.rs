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

    /// Store many articles, each as [`ArticleStore::put`] would, in order (a later article
    /// sees the earlier ones, so a duplicate inside the batch is caught). Backends make this
    /// one transaction: use it for imports. The default calls `put` for each.
    async fn put_many(&self, articles: &[StoredArticle]) -> Result<Vec<PutOutcome>, Error> {
        let mut outcomes = Vec::with_capacity(articles.len());
        for article in articles {
            outcomes.push(self.put(article).await?);
        }
        Ok(outcomes)
    }
    /// The articles with these ids, in the same order (`None` for an unknown id).
    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<StoredArticle>>, Error> {
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.push(self.get(id).await?);
        }
        Ok(found)
    }
    /// Of the articles with these ids, the ids of the `limit` newest, in the order of
    /// [`ArticleStore::latest`] (unknown ids left out). Pages listing a few articles of a
    /// large event use it to read only those. The default reads every article.
    async fn newest_of(&self, ids: &[String], limit: usize) -> Result<Vec<String>, Error> {
        let mut found: Vec<StoredArticle> =
            self.get_many(ids).await?.into_iter().flatten().collect();
        found.sort_by(crate::model::newest_first);
        found.dedup_by(|a, b| a.id == b.id);
        Ok(found.into_iter().take(limit).map(|a| a.id).collect())
    }
    /// Up to `limit` articles in id order, starting after the id `after` (keyset paging: pass
    /// the last id of one page to get the next). Used to rebuild the index and to export.
    async fn scan(&self, after: Option<&str>, limit: usize) -> Result<Vec<StoredArticle>, Error>;
    /// Remove the article with this id; whether there was one.
    async fn delete(&self, id: &str) -> Result<bool, Error>;
    /// A number that changes whenever any process commits a change to this storage (any of
    /// its tables), or `None` when the backend cannot tell. Equal answers mean nothing was
    /// written in between, so a page rendered under the first is still what the store
    /// holds; the values mean nothing else. The default cannot tell.
    async fn data_version(&self) -> Result<Option<u64>, Error> {
        Ok(None)
    }
}

/// The full-text index.
pub trait SearchIndex: Send + Sync {
    /// Add or replace the article in the index (visible after [`SearchIndex::commit`]).
    fn upsert(&self, article: &StoredArticle) -> Result<(), Error>;
    /// Make what was added durable and visible.
    fn commit(&self) -> Result<(), Error>;
    /// Search.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, Error>;

    /// Remove the article with this id from the index (visible after commit).
    fn delete(&self, id: &str) -> Result<(), Error>;
    /// Remove every article from the index (visible after commit): the first step of a rebuild.
    fn clear(&self) -> Result<(), Error>;
    /// How many articles the committed index holds.
    fn count(&self) -> Result<u64, Error>;
    /// A number that changes whenever the searches see another state of the index (a commit
    /// by any process, once reloaded), or `None` when the index cannot tell. The default
    /// cannot tell.
    fn generation(&self) -> Option<u64> {
        None
    }

    /// The snippets of hits for the query `text`, one per body, when this index does not put
    /// them in its hits (it keeps no copy of the bodies): each the body's best fragment with
    /// the matches marked, else its start. `None` (the default) means the hits of
    /// [`SearchIndex::search`] and [`SearchIndex::search_faceted`] carry their snippets.
    /// [`Store::search`] and [`Store::search_faceted`] call it with the stored bodies.
    fn snippets(
        &self,
        _text: &str,
        _bodies: &[&str],
    ) -> Result<Option<Vec<Vec<crate::faceted::SnippetPart>>>, Error> {
        Ok(None)
    }

    /// Search with filters, facet counts and a choice of order. The default serves a plain
    /// text query through [`SearchIndex::search`] (leaving out `exclude_ids`, without facet
    /// counts or highlights) and refuses filters and date order ([`Error::Unsupported`]).
    fn search_faceted(
        &self,
        query: &crate::faceted::FacetedQuery,
    ) -> Result<crate::faceted::FacetedResults, Error> {
        use crate::faceted::{FacetedHit, FacetedResults, SearchSort, SnippetPart};
        if query.has_filter() || query.sort != SearchSort::Relevance {
            return Err(Error::Unsupported {
                what: "search filters or date order",
            });
        }
        let excluded = query.exclude_ids.len();
        let found = self.search(&SearchQuery {
            text: query.text.clone(),
            limit: query.limit.saturating_add(excluded),
            offset: query.offset,
        })?;
        let hits: Vec<FacetedHit> = found
            .hits
            .into_iter()
            .filter(|hit| !query.exclude_ids.contains(&hit.id))
            .take(query.limit)
            .map(|hit| FacetedHit {
                id: hit.id,
                score: hit.score,
                snippet: vec![SnippetPart {
                    text: hit.snippet,
                    hit: false,
                }],
            })
            .collect();
        Ok(FacetedResults {
            total: found.total.saturating_sub(excluded),
            hits,
            ..FacetedResults::default()
        })
    }
}

/// The storage and the index that callers hold.
#[derive(Clone)]
pub struct Store {
    /// The article store.
    pub articles: Arc<dyn ArticleStore>,
    /// The search index.
    pub index: Arc<dyn SearchIndex>,
    /// Sources to fetch and per-URL fetch state.
    pub sources: Arc<dyn crate::SourceStore>,
    /// Clustering state and assignments (events, storylines, near-duplicates).
    pub clusters: Arc<dyn crate::ClusterStore>,
    /// Readers' reports, hidden items and the moderation audit log.
    pub moderation: Arc<dyn crate::ModerationStore>,
    /// Each article's analysis (category, credibility, importance, quotes).
    pub analyses: Arc<dyn crate::AnalysisStore>,
    /// Entities resolved across the store and their mentions.
    pub entities: Arc<dyn crate::EntityStore>,
    /// Work shared between processes (leases on jobs).
    pub jobs: Arc<dyn crate::JobQueue>,
}

impl Store {
    /// A number that changes whenever what the store holds may have changed: the storage's
    /// [`ArticleStore::data_version`] and the index's [`SearchIndex::generation`] together,
    /// or `None` when either cannot tell. The reader's page cache keeps a page while it is
    /// unchanged.
    pub async fn version(&self) -> Result<Option<u64>, Error> {
        let Some(data) = self.articles.data_version().await? else {
            return Ok(None);
        };
        let Some(index) = self.index.generation() else {
            return Ok(None);
        };
        // Equality is all that matters: one number from both.
        Ok(Some(data.rotate_left(32) ^ index))
    }
}
