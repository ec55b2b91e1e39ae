//! Sources (news outlets to fetch) and per-URL fetch state, behind [`SourceStore`].
//!
//! A [`Source`] is what an operator added with `marsad source add`: its name, home page,
//! country and language, the feeds and sitemaps found on it, optional profile values that the
//! credibility score reads, and its schedule (when it is next due, adapted to how often it
//! publishes). A [`FetchState`] is what the fetcher knows of one URL: the validators for a
//! conditional GET, the last status, and whether the article is stored. The fetcher writes a
//! page's state only after its article is stored, so a crash between the two re-fetches the
//! page (stored once by id) rather than skipping it.

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A news outlet to fetch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Its id: a slug of the home page's host (`example.ma`), unique.
    pub id: String,
    /// Its display name (from the home page's title unless given).
    pub name: String,
    /// Its home page URL.
    pub home_url: String,
    /// ISO 3166-1 alpha-2 country code, when known.
    #[serde(default)]
    pub country: Option<String>,
    /// BCP 47 language tag (`ar`), when known.
    #[serde(default)]
    pub language: Option<String>,
    /// Feed URLs (RSS, Atom, JSON Feed, RDF).
    #[serde(default)]
    pub feeds: Vec<String>,
    /// Sitemap URLs (index, urlset or Google News).
    #[serde(default)]
    pub sitemaps: Vec<String>,
    /// Optional values the credibility score reads.
    #[serde(default)]
    pub profile: SourceProfile,
    /// When it was added.
    pub added_at: DateTime<Utc>,
    /// When it is fetched next.
    pub schedule: Schedule,
}

/// Optional profile values of a source, used by the credibility score. Every value is the
/// operator's (or an imported list's); nothing here is computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceProfile {
    /// Editorial reliability in `0..=1` (from a media-rating list or the operator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<f64>,
    /// Transparency (ownership, corrections policy, named authors) in `0..=1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<f64>,
    /// Ownership: `state`, `private`, `public-service`, `party`, … (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<String>,
    /// Any further named values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, f64>,
}

/// When a source is fetched: every `interval_secs`, adapted after each round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// Seconds between rounds.
    pub interval_secs: u64,
    /// When the next round is due.
    pub next_due: DateTime<Utc>,
    /// When the last round ran.
    #[serde(default)]
    pub last_run: Option<DateTime<Utc>>,
    /// New articles the last round stored.
    #[serde(default)]
    pub last_new: u64,
}

/// What the fetcher knows of one URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchState {
    /// The URL.
    pub url: String,
    /// The source it belongs to.
    pub source_id: String,
    /// The `ETag` of the last 200 response.
    pub etag: Option<String>,
    /// The `Last-Modified` of the last 200 response.
    pub last_modified: Option<String>,
    /// The status of the last response (0 when none came: refused, timed out).
    pub last_status: u16,
    /// When the URL was first seen.
    pub first_seen: DateTime<Utc>,
    /// When it was last fetched.
    pub last_fetched: DateTime<Utc>,
    /// The id of the stored article, when it is one.
    pub article_id: Option<String>,
}

/// Storage of sources and fetch state.
#[async_trait]
pub trait SourceStore: Send + Sync {
    /// Add or replace a source (by id); whether it was new.
    async fn put_source(&self, source: &Source) -> Result<bool, Error>;
    /// The source with this id.
    async fn get_source(&self, id: &str) -> Result<Option<Source>, Error>;
    /// All sources, by id.
    async fn list_sources(&self) -> Result<Vec<Source>, Error>;
    /// Remove a source and its fetch state; whether there was one.
    async fn remove_source(&self, id: &str) -> Result<bool, Error>;
    /// Set a source's schedule; whether the source exists.
    async fn set_schedule(&self, id: &str, schedule: &Schedule) -> Result<bool, Error>;
    /// The fetch state of each URL, in the same order (`None` for a URL never fetched).
    async fn fetch_states(&self, urls: &[String]) -> Result<Vec<Option<FetchState>>, Error>;
    /// Record (add or replace) the fetch state of a URL.
    async fn put_fetch_state(&self, state: &FetchState) -> Result<(), Error>;
    /// How many URLs of this source (or of all) have a fetch state, and how many of those
    /// are stored articles.
    async fn count_fetch_states(&self, source_id: Option<&str>) -> Result<(u64, u64), Error>;
}
