//! The searches callers run: the index's hits, their articles read from the store (the
//! source of truth), and snippets cut from those articles' bodies.

use crate::faceted::{FacetedQuery, FacetedResults, SnippetPart};
use crate::{Error, SearchQuery, SearchResults, Store, StoredArticle};

/// Hits with the article of each (`None` for a hit whose article is no longer stored).
pub type WithArticles<T> = (T, Vec<Option<StoredArticle>>);

impl Store {
    /// [`SearchIndex::search`](crate::SearchIndex::search) (on a blocking thread: the index is synchronous), then the
    /// hits' articles, and the snippets from their bodies when the index has none.
    pub async fn search(&self, query: &SearchQuery) -> Result<WithArticles<SearchResults>, Error> {
        let index = self.index.clone();
        let owned = query.clone();
        let mut results = blocking(move || index.search(&owned)).await?;
        let ids = results.hits.iter().map(|h| h.id.clone()).collect();
        let (articles, snippets) = self.articles_and_snippets(ids, &query.text).await?;
        if let Some(snippets) = snippets {
            for (hit, parts) in results.hits.iter_mut().zip(snippets) {
                hit.snippet = parts.into_iter().map(|p| p.text).collect();
            }
        }
        Ok((results, articles))
    }

    /// [`SearchIndex::search_faceted`](crate::SearchIndex::search_faceted) (on a blocking thread), then the hits' articles, and
    /// the snippets from their bodies when the index has none.
    pub async fn search_faceted(
        &self,
        query: &FacetedQuery,
    ) -> Result<WithArticles<FacetedResults>, Error> {
        let index = self.index.clone();
        let owned = query.clone();
        let mut results = blocking(move || index.search_faceted(&owned)).await?;
        let ids = results.hits.iter().map(|h| h.id.clone()).collect();
        let (articles, snippets) = self.articles_and_snippets(ids, &query.text).await?;
        if let Some(snippets) = snippets {
            for (hit, parts) in results.hits.iter_mut().zip(snippets) {
                hit.snippet = parts;
            }
        }
        Ok((results, articles))
    }
}

/// The snippets of hits, one list per hit, or `None` when the index's hits carry their own.
type Snippets = Option<Vec<Vec<SnippetPart>>>;

impl Store {
    /// The articles with these ids (the hits'), and the index's snippets of their bodies
    /// (paragraphs joined by a line break; an article no longer stored has an empty body).
    async fn articles_and_snippets(
        &self,
        ids: Vec<String>,
        text: &str,
    ) -> Result<(Vec<Option<StoredArticle>>, Snippets), Error> {
        let articles = self.articles.get_many(&ids).await?;
        let bodies: Vec<String> = articles
            .iter()
            .map(|a| {
                a.as_ref()
                    .map(|a| a.article.body.join("\n"))
                    .unwrap_or_default()
            })
            .collect();
        let borrowed: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let snippets = self.index.snippets(text, &borrowed)?;
        Ok((articles, snippets))
    }
}

/// `work` on tokio's blocking threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|join| Error::Task {
            what: "search",
            message: join.to_string(),
        })?
}
