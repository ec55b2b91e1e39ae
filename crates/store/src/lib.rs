//! Storage and search of articles behind traits, with the embedded default backend:
//! SQLite (WAL, migrations, through sqlx) for articles and tantivy for the index.
//!
//! Callers hold a [`Store`] and never name a backend. The server backend, [`PostgresStore`],
//! keeps every table (articles, analyses, sources, clusters, moderation, entities) in
//! PostgreSQL behind the same traits, with the tantivy index still in a local data folder
//! ([`Store::connect`] picks the backend from a `postgres://` URL or a folder); both pass the
//! same [`conformance`] suite. [`MemoryStore`] is a small in-memory backend for other crates' tests.
//! This crate does not extract, analyse or fetch anything, and does not compute ids or content
//! hashes (the caller's [`StoredArticle`] carries them).
//!
//! ```
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! use marsad_store::{SearchQuery, Store, StoredArticle};
//! let dir = tempfile::tempdir().unwrap();
//! let store = Store::open(dir.path()).await.unwrap();
//! let mut article = marsad_extract::Article::default();
//! article.title = Some("زيارة إلى الرباط".into());
//! article.body = vec!["وصل الوفدُ إلى المغرب صباح اليوم.".into()];
//! let stored = StoredArticle { id: "a1".into(), content_hash: "h1".into(), imported_at: chrono::Utc::now(), article };
//! store.articles.put(&stored).await.unwrap();
//! store.index.upsert(&stored).unwrap();
//! store.index.commit().unwrap();
//! let query = SearchQuery { text: "الوفد".into(), limit: 10, offset: 0 };
//! let (found, articles) = store.search(&query).await.unwrap();
//! assert_eq!(found.hits[0].id, "a1");
//! assert!(found.hits[0].snippet.contains("الوفدُ"));
//! assert_eq!(articles[0].as_ref().map(|a| a.id.as_str()), Some("a1"));
//! # });
//! ```
//!
//! # Layout of a data folder
//! `marsad.sqlite` (+ `-wal`, `-shm`): the articles, the source of truth. `index/`: the tantivy
//! index, derived, rebuildable with [`Store::rebuild_index`] (and rebuilt by [`Store::open`]
//! when it is missing, damaged, built by another analyzer, or out of step with the database).
//!
//! # Durability (what survives `kill -9`)
//! - Every `put`/`put_many` that returned is in SQLite: each is one transaction, committed to
//!   the WAL before it returns. With `synchronous=NORMAL` a process crash loses nothing
//!   acknowledged; a power loss may lose the last transactions (never corrupts the file).
//! - The index holds what the last [`SearchIndex::commit`] that returned made durable;
//!   upserts after it are lost on a crash. The next [`Store::open`] sees the index and the
//!   database disagree on the number of articles and rebuilds the index.
//! - Readers (the web server) never block on a writer: SQLite readers use WAL snapshots, and
//!   index readers reload on commit (also across processes). Only one process writes the index
//!   at a time; another gets [`Error::IndexLocked`].
#![warn(missing_docs)]

mod analyses;
mod analyzer;
mod clusters;
pub mod conformance;
mod embedded;
mod entities;
mod error;
pub mod faceted;
pub mod jobs;
mod memory;
mod memory_analyses;
mod memory_clusters;
mod memory_entities;
mod memory_jobs;
mod memory_moderation;
mod memory_sources;
mod model;
pub mod moderation;
mod postgres;
mod postgres_analyses;
mod postgres_clusters;
mod postgres_entities;
mod postgres_jobs;
mod postgres_moderation;
mod postgres_sources;
mod query_text;
mod rebuild;
mod search;
mod sources;
mod sqlite;
mod sqlite_analyses;
mod sqlite_clusters;
mod sqlite_entities;
mod sqlite_jobs;
mod sqlite_moderation;
mod sqlite_sources;
mod tantivy_facet_tally;
mod tantivy_facets;
mod tantivy_index;
mod traits;

pub use analyses::{AnalysisOrder, AnalysisQuery, AnalysisStore};
pub use clusters::{
    ArticleAssignment, ClusterState, ClusterStore, ClusterUpdate, EventRecord, StorylineRecord,
    TimelineRecord,
};
pub use embedded::{DATABASE_FILE, INDEX_DIR, StoreConfig};
pub use entities::{EntityRecord, EntityStore, MentionRecord};
pub use error::Error;
pub use faceted::{FacetCount, FacetedHit, FacetedQuery, FacetedResults, SearchSort, SnippetPart};
pub use jobs::{Availability, ClaimRequest, Job, JobQueue, JobRecord};
pub use memory::MemoryStore;
pub use memory_analyses::MemoryAnalyses;
pub use memory_clusters::MemoryClusters;
pub use memory_entities::MemoryEntities;
pub use memory_jobs::MemoryJobs;
pub use memory_moderation::MemoryModeration;
pub use memory_sources::MemorySources;
pub use model::{PutOutcome, SearchHit, SearchQuery, SearchResults, StoredArticle, newest_first};
pub use moderation::ModerationStore;
pub use postgres::{
    POSTGRES_SCHEMA_VERSION, PostgresConfig, PostgresStore, is_postgres_url, redact_url,
};
pub use search::WithArticles;
pub use sources::{FetchState, Schedule, Source, SourceProfile, SourceStore};
pub use sqlite::{SCHEMA_VERSION, SqliteConfig, SqliteStore};
pub use tantivy_index::{IndexState, TantivyIndex};
pub use traits::{ArticleStore, SearchIndex, Store};
