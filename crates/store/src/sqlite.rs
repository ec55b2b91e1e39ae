//! [`ArticleStore`] on one SQLite file (WAL) through sqlx, with versioned migrations.
//!
//! Queries are plain `sqlx::query` with binds (the compile-time macros would need a database
//! at build time). Writes run in `BEGIN IMMEDIATE` transactions, so a writer waits on the
//! busy timeout instead of failing when another connection or process writes; readers never
//! wait (WAL).

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use marsad_extract::Article;
use sqlx::Row;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteRow, SqliteSynchronous,
};

use crate::{ArticleStore, Error, PutOutcome, StoredArticle};

/// The migrations of the SQLite schema, compiled in.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/sqlite");

/// The schema version this build writes and reads (`meta.schema_version`); it equals the
/// newest migration's version.
pub const SCHEMA_VERSION: i64 = 10;

/// SQLite's result code for "file is not a database".
const SQLITE_NOTADB: &str = "26";

/// A `SELECT` of the columns [`row_to_article`] reads, followed by `$tail` (a literal, so the
/// SQL stays a static string).
macro_rules! select_articles {
    ($tail:literal) => {
        concat!(
            "SELECT id, content_hash, imported_at, article_json FROM articles ",
            $tail
        )
    };
}

/// How the SQLite file is opened.
#[derive(Debug, Clone)]
pub struct SqliteConfig {
    /// How long a writer waits for another writer before failing.
    pub busy_timeout: Duration,
    /// Most connections in the pool (readers run in parallel, writers take turns).
    pub max_connections: u32,
    /// SQLite's page cache per connection, in KiB.
    pub cache_kib: u32,
    /// How much of the file SQLite maps into memory (0: none).
    pub mmap_bytes: u64,
}

impl Default for SqliteConfig {
    fn default() -> Self {
        SqliteConfig {
            busy_timeout: Duration::from_secs(10),
            max_connections: 4,
            cache_kib: 32 * 1024,
            mmap_bytes: 1 << 30,
        }
    }
}

/// Articles in a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
    options: SqliteConnectOptions,
    /// A connection of its own for [`ArticleStore::data_version`], opened when first asked:
    /// `PRAGMA data_version` tells a connection about the commits of every other one, so it
    /// must always be asked on the same connection, which never writes.
    watcher: std::sync::Arc<tokio::sync::Mutex<Option<SqliteConnection>>>,
}

impl SqliteStore {
    /// Open (creating if missing) the database at `path`, refuse a newer schema, then migrate.
    pub async fn open(path: &Path, config: &SqliteConfig) -> Result<SqliteStore, Error> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(config.busy_timeout)
            // Readers serve pages: a larger page cache per connection, and the file mapped
            // (pages read without a copy per read); both bounded, neither changes the file.
            .pragma("cache_size", format!("-{}", config.cache_kib))
            .pragma("mmap_size", config.mmap_bytes.to_string())
            .pragma("temp_store", "memory");
        let pool = SqlitePoolOptions::new()
            .max_connections(config.max_connections.max(1))
            .connect_with(options.clone())
            .await
            .map_err(|source| open_error(path, source))?;
        let store = SqliteStore {
            pool,
            path: path.to_path_buf(),
            options,
            watcher: std::sync::Arc::new(tokio::sync::Mutex::new(None)),
        };
        store.refuse_newer_schema().await?;
        MIGRATOR
            .run(&store.pool)
            .await
            .map_err(|source| match source {
                sqlx::migrate::MigrateError::Execute(err) if is_not_a_database(&err) => {
                    Error::NotADatabase {
                        path: path.to_path_buf(),
                    }
                }
                source => Error::Migrate {
                    path: path.to_path_buf(),
                    source,
                },
            })?;
        Ok(store)
    }

    /// The connection pool, for the other tables' stores in this crate (sources).
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file.
    pub async fn schema_version(&self) -> Result<Option<i64>, Error> {
        let value: Option<String> =
            sqlx::query_scalar("SELECT value FROM meta WHERE key = 'schema_version'")
                .fetch_optional(&self.pool)
                .await
                .map_err(|source| db_error("read the schema version", source))?;
        value
            .map(|v| v.trim().parse::<i64>())
            .transpose()
            .map_err(|err| Error::CorruptRow {
                id: "meta".into(),
                column: "schema_version",
                reason: err.to_string(),
            })
    }

    /// Fail with [`Error::NewerSchema`] when the file was written by a newer Marsad: its
    /// `meta.schema_version`, or a migration it recorded, is beyond what this build knows.
    async fn refuse_newer_schema(&self) -> Result<(), Error> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('meta', '_sqlx_migrations')",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|source| open_error(&self.path, source))?;
        let supported = MIGRATOR
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(SCHEMA_VERSION)
            .max(SCHEMA_VERSION);
        let mut found = None;
        if tables.iter().any(|t| t == "meta") {
            found = self.schema_version().await?;
        }
        if tables.iter().any(|t| t == "_sqlx_migrations") {
            let applied: Option<i64> =
                sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
                    .fetch_one(&self.pool)
                    .await
                    .map_err(|source| db_error("read the applied migrations", source))?;
            found = found.max(applied);
        }
        match found {
            Some(found) if found > supported => {
                let dir = self.path.parent().unwrap_or(&self.path).to_path_buf();
                Err(Error::NewerSchema {
                    path: dir,
                    found,
                    supported,
                })
            }
            _ => Ok(()),
        }
    }

    /// Start a write transaction that holds the write lock from its first statement.
    async fn begin_write(
        &self,
        action: &str,
    ) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, Error> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|source| db_error(action, source))
    }
}

#[async_trait]
impl ArticleStore for SqliteStore {
    async fn put(&self, article: &StoredArticle) -> Result<PutOutcome, Error> {
        let action = || format!("put article {}", article.id);
        let mut tx = self.begin_write(&action()).await?;
        let outcome = put_in(&mut tx, article).await?;
        tx.commit()
            .await
            .map_err(|source| db_error(&action(), source))?;
        Ok(outcome)
    }

    async fn put_many(&self, articles: &[StoredArticle]) -> Result<Vec<PutOutcome>, Error> {
        if articles.is_empty() {
            return Ok(Vec::new());
        }
        let action = || format!("put {} articles", articles.len());
        let mut tx = self.begin_write(&action()).await?;
        let mut outcomes = Vec::with_capacity(articles.len());
        for article in articles {
            outcomes.push(put_in(&mut tx, article).await?);
        }
        tx.commit()
            .await
            .map_err(|source| db_error(&action(), source))?;
        Ok(outcomes)
    }

    async fn get(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        let row = sqlx::query(select_articles!("WHERE id = ?1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|source| db_error(&format!("get article {id}"), source))?;
        row.as_ref().map(row_to_article).transpose()
    }

    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<StoredArticle>>, Error> {
        // One statement for the whole list (ids as a JSON array), then put back in order.
        let json = id_list(ids)?;
        let rows = sqlx::query(select_articles!(
            "WHERE id IN (SELECT value FROM json_each(?1))"
        ))
        .bind(json)
        .fetch_all(&self.pool)
        .await
        .map_err(|source| db_error("get articles", source))?;
        let by_id: std::collections::HashMap<String, StoredArticle> = rows
            .iter()
            .map(|row| row_to_article(row).map(|a| (a.id.clone(), a)))
            .collect::<Result<_, _>>()?;
        Ok(in_order(ids, by_id))
    }

    async fn newest_of(&self, ids: &[String], limit: usize) -> Result<Vec<String>, Error> {
        // One statement whatever the number of ids (passed as a JSON array); SQLite reads
        // only the ordering columns, which come before the article's JSON in the row.
        let ids = id_list(ids)?;
        sqlx::query_scalar(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?1)) \
             ORDER BY published IS NULL, published DESC, imported_at DESC, id LIMIT ?2",
        )
        .bind(ids)
        .bind(to_i64(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(|source| db_error("order articles", source))
    }

    async fn latest(&self, limit: usize, offset: usize) -> Result<Vec<StoredArticle>, Error> {
        let rows = sqlx::query(select_articles!(
            "ORDER BY published IS NULL, published DESC, imported_at DESC, id LIMIT ?1 OFFSET ?2"
        ))
        .bind(to_i64(limit))
        .bind(to_i64(offset))
        .fetch_all(&self.pool)
        .await
        .map_err(|source| db_error("list the latest articles", source))?;
        rows.iter().map(row_to_article).collect()
    }

    async fn count(&self) -> Result<u64, Error> {
        // Kept by the triggers of migration 0009, not counted per call.
        let n: i64 = sqlx::query_scalar("SELECT n FROM article_count WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .map_err(|source| db_error("count articles", source))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn scan(&self, after: Option<&str>, limit: usize) -> Result<Vec<StoredArticle>, Error> {
        // Two statements, not `?1 IS NULL OR id > ?1`, so each page seeks in the primary key
        // instead of scanning from the first row.
        let query = match after {
            Some(after) => {
                sqlx::query(select_articles!("WHERE id > ?1 ORDER BY id LIMIT ?2")).bind(after)
            }
            None => sqlx::query(select_articles!("ORDER BY id LIMIT ?1")),
        };
        let rows = query
            .bind(to_i64(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(|source| db_error("scan articles", source))?;
        rows.iter().map(row_to_article).collect()
    }

    async fn delete(&self, id: &str) -> Result<bool, Error> {
        let done = sqlx::query("DELETE FROM articles WHERE id = ?1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(|source| db_error(&format!("delete article {id}"), source))?;
        Ok(done.rows_affected() > 0)
    }

    async fn data_version(&self) -> Result<Option<u64>, Error> {
        use sqlx::Connection as _;
        let mut watcher = self.watcher.lock().await;
        let connection = match &mut *watcher {
            Some(connection) => connection,
            None => watcher.insert(
                SqliteConnection::connect_with(&self.options)
                    .await
                    .map_err(|source| db_error("open the version watcher", source))?,
            ),
        };
        let version: i64 = sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&mut *connection)
            .await
            .map_err(|source| db_error("read the data version", source))?;
        Ok(Some(version as u64))
    }
}

/// One `put` inside an open write transaction.
async fn put_in(conn: &mut SqliteConnection, stored: &StoredArticle) -> Result<PutOutcome, Error> {
    let action = || format!("put article {}", stored.id);
    let other: Option<String> =
        sqlx::query_scalar("SELECT id FROM articles WHERE content_hash = ?1 AND id <> ?2 LIMIT 1")
            .bind(&stored.content_hash)
            .bind(&stored.id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(|source| db_error(&action(), source))?;
    if let Some(other) = other {
        return Ok(PutOutcome::Duplicate(other));
    }
    let existing = sqlx::query(select_articles!("WHERE id = ?1"))
        .bind(&stored.id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(|source| db_error(&action(), source))?;
    let json = serde_json::to_string(&stored.article).map_err(|source| Error::Encode {
        id: stored.id.clone(),
        source,
    })?;
    let a = &stored.article;
    match existing {
        None => {
            sqlx::query(
                "INSERT INTO articles (id, url, title, source, published, published_precision, content_hash, imported_at, article_json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .bind(&stored.id)
            .bind(&a.url)
            .bind(&a.title)
            .bind(&a.source)
            .bind(&a.published.published)
            .bind(&a.published.published_precision)
            .bind(&stored.content_hash)
            .bind(format_time(&stored.imported_at))
            .bind(&json)
            .execute(&mut *conn)
            .await
            .map_err(|source| db_error(&action(), source))?;
            Ok(PutOutcome::Inserted)
        }
        Some(row) => {
            let old = row_to_article(&row)?;
            if old.content_hash == stored.content_hash && old.article == stored.article {
                return Ok(PutOutcome::Unchanged);
            }
            // `imported_at` stays: it is when the article was first stored.
            sqlx::query(
                "UPDATE articles SET url = ?2, title = ?3, source = ?4, published = ?5, published_precision = ?6, \
                 content_hash = ?7, article_json = ?8 WHERE id = ?1",
            )
            .bind(&stored.id)
            .bind(&a.url)
            .bind(&a.title)
            .bind(&a.source)
            .bind(&a.published.published)
            .bind(&a.published.published_precision)
            .bind(&stored.content_hash)
            .bind(&json)
            .execute(&mut *conn)
            .await
            .map_err(|source| db_error(&action(), source))?;
            Ok(PutOutcome::Updated)
        }
    }
}

/// A row of `select_articles!` back into a [`StoredArticle`].
fn row_to_article(row: &SqliteRow) -> Result<StoredArticle, Error> {
    let column = |name: &'static str| -> Result<String, Error> {
        row.try_get::<String, _>(name)
            .map_err(|err| Error::CorruptRow {
                id: row.try_get::<String, _>("id").unwrap_or_default(),
                column: name,
                reason: err.to_string(),
            })
    };
    let id = column("id")?;
    let content_hash = column("content_hash")?;
    let imported_at = column("imported_at")?;
    let json = column("article_json")?;
    let imported_at = DateTime::parse_from_rfc3339(&imported_at)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|err| Error::CorruptRow {
            id: id.clone(),
            column: "imported_at",
            reason: err.to_string(),
        })?;
    let article: Article = serde_json::from_str(&json).map_err(|err| Error::CorruptRow {
        id: id.clone(),
        column: "article_json",
        reason: err.to_string(),
    })?;
    Ok(StoredArticle {
        id,
        content_hash,
        imported_at,
        article,
    })
}

/// Fixed-width RFC 3339 in UTC with nanoseconds, so text order is time order.
fn format_time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

/// What was found for `ids` (by id, read in one statement) put back in their order, `None`
/// for an id not found. An id asked twice gets its value twice (moved out at its last
/// occurrence, cloned before).
pub(crate) fn in_order<T: Clone>(
    ids: &[String],
    mut by_id: std::collections::HashMap<String, T>,
) -> Vec<Option<T>> {
    let mut left: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for id in ids {
        *left.entry(id.as_str()).or_default() += 1;
    }
    ids.iter()
        .map(|id| {
            let n = left.get_mut(id.as_str()).map_or(0, |n| {
                *n -= 1;
                *n
            });
            if n > 0 {
                by_id.get(id).cloned()
            } else {
                by_id.remove(id)
            }
        })
        .collect()
}

/// Ids as one JSON array, for `json_each` (one statement for a list of any length).
pub(crate) fn id_list(ids: &[String]) -> Result<String, Error> {
    serde_json::to_string(ids).map_err(|source| Error::Encode {
        id: "(a list of ids)".to_owned(),
        source,
    })
}

/// A `usize` as SQLite's integer, saturating (a limit beyond `i64::MAX` means "all").
fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn db_error(action: &str, source: sqlx::Error) -> Error {
    Error::Database {
        action: action.to_owned(),
        source,
    }
}

fn open_error(path: &Path, source: sqlx::Error) -> Error {
    if is_not_a_database(&source) {
        Error::NotADatabase {
            path: path.to_path_buf(),
        }
    } else {
        Error::Open {
            path: path.to_path_buf(),
            source,
        }
    }
}

fn is_not_a_database(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => db.code().is_some_and(|c| c == SQLITE_NOTADB),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_version_is_the_newest_migration() {
        let newest = MIGRATOR.iter().map(|m| m.version).max();
        assert_eq!(newest, Some(SCHEMA_VERSION));
    }

    #[test]
    fn times_sort_as_text() {
        let a =
            DateTime::parse_from_rfc3339("2024-01-01T00:00:00.5Z").map(|t| t.with_timezone(&Utc));
        let b = DateTime::parse_from_rfc3339("2024-01-01T00:00:01Z").map(|t| t.with_timezone(&Utc));
        let (Ok(a), Ok(b)) = (a, b) else {
            panic!("bad test times")
        };
        assert!(format_time(&a) < format_time(&b));
        assert_eq!(format_time(&a).len(), format_time(&b).len());
    }
}
