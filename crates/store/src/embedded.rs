//! Opening the embedded default backend: `marsad.sqlite` (articles) and `index/` (tantivy) in
//! one data folder; and the index check both backends run on open ([`sync_index`]).

use std::path::Path;
use std::sync::Arc;

use crate::{Error, IndexState, PostgresConfig, SqliteConfig, SqliteStore, Store, TantivyIndex};

/// The SQLite file inside the data folder.
pub const DATABASE_FILE: &str = "marsad.sqlite";
/// The index folder inside the data folder.
pub const INDEX_DIR: &str = "index";

/// How [`Store::open_with`] opens the data folder.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// The SQLite settings.
    pub sqlite: SqliteConfig,
    /// The PostgreSQL settings (used by [`Store::connect`] with a `postgres://` URL).
    pub postgres: PostgresConfig,
    /// The index writer's memory budget in bytes.
    pub writer_heap_bytes: usize,
    /// Rebuild the index from the articles when it is new, was built by another analyzer, or
    /// holds another number of articles than the database (an import killed before its index
    /// commit). Skipped quietly while another process holds the index writer.
    pub sync_index_on_open: bool,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            sqlite: SqliteConfig::default(),
            postgres: PostgresConfig::default(),
            writer_heap_bytes: 50_000_000,
            sync_index_on_open: true,
        }
    }
}

impl Store {
    /// Open (creating if missing) the embedded store in `data_dir`, with the defaults.
    pub async fn open(data_dir: &Path) -> Result<Store, Error> {
        Store::open_with(data_dir, &StoreConfig::default()).await
    }

    /// Open (creating if missing) the embedded store in `data_dir`.
    pub async fn open_with(data_dir: &Path, config: &StoreConfig) -> Result<Store, Error> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let articles = SqliteStore::open(&data_dir.join(DATABASE_FILE), &config.sqlite).await?;
        let (index, state) =
            TantivyIndex::open(&data_dir.join(INDEX_DIR), config.writer_heap_bytes)?;
        let index = Arc::new(index);
        let articles = Arc::new(articles);
        let store = Store {
            articles: articles.clone(),
            index: index.clone(),
            clusters: articles.clone(),
            moderation: articles.clone(),
            analyses: articles.clone(),
            entities: articles.clone(),
            jobs: articles.clone(),
            sources: articles,
        };
        if config.sync_index_on_open {
            sync_index(&store, &index, state).await?;
        }
        Ok(store)
    }
}

/// Rebuild the index from the articles when it is new, was built by another analyzer, or
/// holds another number of articles than the database; skipped quietly while another
/// process holds the index writer.
pub(crate) async fn sync_index(
    store: &Store,
    index: &TantivyIndex,
    state: IndexState,
) -> Result<(), Error> {
    let stored = store.articles.count().await?;
    let indexed = store.index.count()?;
    let stale = state != IndexState::Current || stored != indexed;
    if stale && (stored > 0 || indexed > 0) {
        match store.rebuild_index(&mut |_, _| {}).await {
            Ok(_) | Err(Error::IndexLocked { .. }) => {}
            Err(err) => return Err(err),
        }
        // A process that only reads (the web server) must not keep the writer lock an
        // import in another process needs.
        index.release_writer()?;
    }
    Ok(())
}
