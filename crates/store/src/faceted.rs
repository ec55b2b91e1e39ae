//! Faceted search: the query of [`SearchIndex::search_faceted`](crate::SearchIndex) (text,
//! filters by source, category and publication date, ids to leave out, sort by relevance or
//! date) and its answer (hits with highlighted snippets, and counts per source, category and
//! month over everything that matched).

use chrono::NaiveDate;
use serde::Serialize;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchSort {
    /// Best match first (with no text: newest first).
    #[default]
    Relevance,
    /// Newest publication first (import time for undated articles).
    Newest,
}

/// A faceted query. Empty text with no filter matches nothing; empty text with a filter
/// matches every article the filter lets through.
#[derive(Debug, Clone, Default)]
pub struct FacetedQuery {
    /// The user's words, as for [`SearchQuery`](crate::SearchQuery).
    pub text: String,
    /// Only articles from one of these outlets (any, when empty).
    pub sources: Vec<String>,
    /// Only articles in one of these categories (any, when empty).
    pub categories: Vec<String>,
    /// Only articles published on or after this day.
    pub from: Option<NaiveDate>,
    /// Only articles published on or before this day.
    pub to: Option<NaiveDate>,
    /// Never these articles (hidden by moderation).
    pub exclude_ids: Vec<String>,
    /// The order.
    pub sort: SearchSort,
    /// How many hits to return.
    pub limit: usize,
    /// How many hits to skip.
    pub offset: usize,
    /// How many values each facet lists at most (most frequent first).
    pub facet_limit: usize,
}

impl FacetedQuery {
    /// Whether any filter narrows the articles (besides excluded ids).
    pub fn has_filter(&self) -> bool {
        !self.sources.is_empty()
            || !self.categories.is_empty()
            || self.from.is_some()
            || self.to.is_some()
    }
}

/// One piece of a snippet: plain text, highlighted when it matched the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    /// The text.
    pub text: String,
    /// Whether it is a match.
    pub hit: bool,
}

/// One hit of a faceted search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetedHit {
    /// The article's id.
    pub id: String,
    /// The relevance score (0 when sorted by date without text).
    pub score: f32,
    /// The snippet, in pieces, matches marked.
    pub snippet: Vec<SnippetPart>,
}

impl FacetedHit {
    /// The snippet as plain text.
    pub fn snippet_text(&self) -> String {
        self.snippet.iter().map(|p| p.text.as_str()).collect()
    }
}

/// How many matching articles have one facet value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value (an outlet, a category, a month `YYYY-MM`).
    pub value: String,
    /// How many matching articles have it.
    pub count: u64,
}

/// The answer to a [`FacetedQuery`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FacetedResults {
    /// How many articles match in all.
    pub total: usize,
    /// The hits of the requested page.
    pub hits: Vec<FacetedHit>,
    /// Matching articles per outlet, most first.
    pub sources: Vec<FacetCount>,
    /// Matching articles per category, most first.
    pub categories: Vec<FacetCount>,
    /// Matching articles per month of publication (`YYYY-MM`), newest first.
    pub months: Vec<FacetCount>,
}
