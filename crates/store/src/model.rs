//! The records the store keeps and the shapes of queries and answers.

use chrono::{DateTime, Utc};
use marsad_extract::Article;
use serde::{Deserialize, Serialize};

/// An article as stored: the extracted [`Article`] plus its identity and bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// The stable id every `--json` output and the API use.
    pub id: String,
    /// A hash of the article's content (title and body), to store a page once.
    pub content_hash: String,
    /// When it was first stored.
    pub imported_at: DateTime<Utc>,
    /// The article itself.
    pub article: Article,
}

/// The order of [`crate::ArticleStore::latest`]: dated articles first, newest publication
/// first, then newest import, then id.
pub fn newest_first(a: &StoredArticle, b: &StoredArticle) -> std::cmp::Ordering {
    let (pa, pb) = (
        &a.article.published.published,
        &b.article.published.published,
    );
    pa.is_none()
        .cmp(&pb.is_none())
        .then_with(|| pb.cmp(pa))
        .then_with(|| b.imported_at.cmp(&a.imported_at))
        .then_with(|| a.id.cmp(&b.id))
}

/// What [`ArticleStore::put`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "id")]
pub enum PutOutcome {
    /// A new article was stored.
    Inserted,
    /// The same id was stored already with the same content: nothing changed.
    Unchanged,
    /// The same id was stored with other content, which replaced it.
    Updated,
    /// The same content is stored under another id (given): nothing was written.
    Duplicate(String),
}

/// A full-text query.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The user's words (Arabic-aware: diacritics, letter forms and prefixes do not matter).
    pub text: String,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
}

/// One hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The article's id.
    pub id: String,
    /// The relevance score.
    pub score: f32,
    /// A short piece of the body around the match, plain text.
    pub snippet: String,
}

/// The answer to a [`SearchQuery`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchResults {
    /// How many articles match in all.
    pub total: usize,
    /// The hits of the requested page, best first.
    pub hits: Vec<SearchHit>,
}
