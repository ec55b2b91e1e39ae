//! [`ArticleStore`] on PostgreSQL through sqlx, with its own versioned migrations
//! (`migrations/postgres`, mirroring the SQLite ones), and [`Store::connect`], which opens a
//! store by location: a folder (embedded) or a `postgres://` URL (the data in PostgreSQL, the
//! search index in the local data folder, rebuilt from PostgreSQL when it is out of step).
//!
//! Semantics are those of [`SqliteStore`](crate::SqliteStore) (the conformance suite is the
//! referee); what differs is how writers meet. SQLite has one writer at a time; PostgreSQL
//! runs transactions side by side under READ COMMITTED, so:
//! - a `put` inserts with `ON CONFLICT DO NOTHING` (on the id *and* the content hash) and then
//!   reads what won, so two processes storing one article at once store it once;
//! - a transaction that meets a deadlock, a serialization failure or a unique violation
//!   (another process stored the same content under another id in between) is retried from
//!   the start a few times;
//! - multi-row updates that SQLite serialises with `BEGIN IMMEDIATE` take a row lock
//!   (`FOR UPDATE`) or a transaction-scoped advisory lock instead.
//!
//! Times are `timestamptz`, which keeps microseconds; an article's `imported_at` keeps its
//! nanoseconds in a second column (it is part of what a read returns), other times
//! (fetch state, moderation) are cut to the microsecond (SQLite keeps nanoseconds there).
//! PostgreSQL text cannot hold NUL characters: the JSON columns escape them, and the few
//! plain text copies made for queries (url, title, source) drop them.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marsad_extract::Article;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions, PgRow};
use sqlx::{Connection, Row};

use crate::{ArticleStore, Error, PutOutcome, Store, StoreConfig, StoredArticle, TantivyIndex};

/// The migrations of the PostgreSQL schema, compiled in.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// The PostgreSQL schema version this build writes and reads (`meta.schema_version`); it
/// equals the newest PostgreSQL migration's version.
pub const POSTGRES_SCHEMA_VERSION: i64 = 7;

/// How many times a transaction that lost a race (deadlock, serialization failure, unique
/// violation) is run again before the error is returned.
const RETRIES: usize = 6;

/// A `SELECT` of the columns [`row_to_article`] reads, followed by `$tail`.
macro_rules! select_articles {
    ($tail:literal) => {
        concat!(
            "SELECT id, content_hash, imported_at, imported_at_ns, article_json FROM articles ",
            $tail
        )
    };
}

/// How the PostgreSQL database is reached.
#[derive(Debug, Clone)]
pub struct PostgresConfig {
    /// Most connections in the pool.
    pub max_connections: u32,
    /// How long connecting (or waiting for a free connection) may take before failing.
    pub connect_timeout: Duration,
    /// Keep Marsad's tables in this schema (created when missing) instead of the user's
    /// default `search_path`. Tests give each store its own schema.
    pub schema: Option<String>,
}

impl Default for PostgresConfig {
    fn default() -> Self {
        PostgresConfig {
            max_connections: 8,
            connect_timeout: Duration::from_secs(10),
            schema: None,
        }
    }
}

/// Whether `storage` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_postgres_url(storage: &str) -> bool {
    let lower = storage.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// `url` with its password replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Articles (and every other table) in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
    /// The URL without its password, for messages.
    label: String,
}

impl PostgresStore {
    /// Connect to the database at `url`, refuse a newer schema, then migrate (migrations
    /// take an advisory lock: processes starting together migrate once).
    pub async fn connect(url: &str, config: &PostgresConfig) -> Result<PostgresStore, Error> {
        let label = redact_url(url);
        let open_error = |source| Error::Connect {
            url: label.clone(),
            source,
        };
        let mut options = PgConnectOptions::from_str(url)
            .map_err(open_error)?
            .application_name("marsad");
        if let Some(schema) = &config.schema {
            let mut conn =
                tokio::time::timeout(config.connect_timeout, PgConnection::connect_with(&options))
                    .await
                    .map_err(|_| open_error(sqlx::Error::PoolTimedOut))?
                    .map_err(open_error)?;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE SCHEMA IF NOT EXISTS {}",
                quote_ident(schema)
            )))
            .execute(&mut conn)
            .await
            .map_err(|source| db_error("create the schema", source))?;
            let _ = conn.close().await;
            options = options.options([("search_path", quote_ident(schema))]);
        }
        let pool = PgPoolOptions::new()
            .max_connections(config.max_connections.max(1))
            .acquire_timeout(config.connect_timeout)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        let store = PostgresStore { pool, label };
        store.refuse_newer_schema().await?;
        MIGRATOR
            .run(&store.pool)
            .await
            .map_err(|source| Error::MigrateDatabase {
                url: store.label.clone(),
                source,
            })?;
        Ok(store)
    }

    /// The connection pool, for the other tables' stores in this crate.
    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// The database URL, without its password.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The schema version recorded in the database.
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

    /// Fail with [`Error::NewerSchema`] when the database was written by a newer Marsad.
    async fn refuse_newer_schema(&self) -> Result<(), Error> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT c.relname::text FROM pg_catalog.pg_class c \
             WHERE c.relkind IN ('r', 'p') AND c.relname IN ('meta', '_sqlx_migrations') \
             AND c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = current_schema())",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|source| Error::Connect {
            url: self.label.clone(),
            source,
        })?;
        let supported = MIGRATOR
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(POSTGRES_SCHEMA_VERSION)
            .max(POSTGRES_SCHEMA_VERSION);
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
            Some(found) if found > supported => Err(Error::NewerSchema {
                path: PathBuf::from(&self.label),
                found,
                supported,
            }),
            _ => Ok(()),
        }
    }

    /// Store articles in one transaction, run again when it lost a race.
    async fn put_all(&self, articles: &[StoredArticle]) -> Result<Vec<PutOutcome>, Error> {
        let action = || match articles {
            [one] => format!("put article {}", one.id),
            many => format!("put {} articles", many.len()),
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.try_put_all(articles).await {
                Ok(Some(outcomes)) => return Ok(outcomes),
                Ok(None) if attempt < RETRIES => continue,
                Err(err) if attempt < RETRIES && is_retryable(&err) => {
                    tokio::time::sleep(backoff(attempt)).await;
                }
                Ok(None) => {
                    return Err(db_error(
                        &action(),
                        sqlx::Error::Protocol("the article kept changing under the put".into()),
                    ));
                }
                Err(source) => return Err(db_error(&action(), source)),
            }
        }
    }

    /// One attempt of [`PostgresStore::put_all`]: `None` when it must be run again.
    async fn try_put_all(
        &self,
        articles: &[StoredArticle],
    ) -> Result<Option<Vec<PutOutcome>>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let mut outcomes = Vec::with_capacity(articles.len());
        for article in articles {
            let json = serde_json::to_string(&article.article)
                .map_err(|err| sqlx::Error::Encode(Box::new(err)))?;
            match put_in(&mut tx, article, &json).await? {
                Some(outcome) => outcomes.push(outcome),
                None => return Ok(None),
            }
        }
        tx.commit().await?;
        Ok(Some(outcomes))
    }
}

/// A short, growing, jittered wait before running a transaction again.
pub(crate) fn backoff(attempt: usize) -> Duration {
    let base = 5u64 << attempt.min(6);
    Duration::from_millis(base + u64::from(Utc::now().timestamp_subsec_micros() % 7))
}

/// Whether a failed transaction may succeed when run again: a deadlock, a serialization
/// failure, or a unique violation (another writer got there first).
pub(crate) fn is_retryable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|c| c == "40001" || c == "40P01" || c == "23505"),
        _ => false,
    }
}

/// `name` as a quoted SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` without NUL characters, which PostgreSQL text cannot hold.
pub(crate) fn no_nul(text: &Option<String>) -> Option<String> {
    text.as_ref().map(|t| t.replace('\0', ""))
}

/// One `put` inside an open transaction; `None` when what it read changed under it (run
/// the transaction again).
async fn put_in(
    conn: &mut PgConnection,
    stored: &StoredArticle,
    json: &str,
) -> Result<Option<PutOutcome>, sqlx::Error> {
    let other: Option<String> =
        sqlx::query_scalar("SELECT id FROM articles WHERE content_hash = $1 AND id <> $2 LIMIT 1")
            .bind(&stored.content_hash)
            .bind(&stored.id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some(other) = other {
        return Ok(Some(PutOutcome::Duplicate(other)));
    }
    let a = &stored.article;
    // The nanoseconds below the microsecond, kept apart (timestamptz has microseconds).
    let sub_micro = i64::from(stored.imported_at.timestamp_subsec_nanos() % 1000);
    // Waits for a concurrent insert of the same id or content, then does nothing if it won.
    let inserted = sqlx::query(
        "INSERT INTO articles (id, url, title, source, published, published_precision, content_hash, imported_at, imported_at_ns, article_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING",
    )
    .bind(&stored.id)
    .bind(no_nul(&a.url))
    .bind(no_nul(&a.title))
    .bind(no_nul(&a.source))
    .bind(no_nul(&a.published.published))
    .bind(no_nul(&a.published.published_precision))
    .bind(&stored.content_hash)
    .bind(stored.imported_at - chrono::Duration::nanoseconds(sub_micro))
    .bind(sub_micro)
    .bind(json)
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Some(PutOutcome::Inserted));
    }
    let existing = sqlx::query(select_articles!("WHERE id = $1 FOR UPDATE"))
        .bind(&stored.id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = existing else {
        // The conflict was on the content: another article with it was stored meanwhile.
        let other: Option<String> =
            sqlx::query_scalar("SELECT id FROM articles WHERE content_hash = $1 LIMIT 1")
                .bind(&stored.content_hash)
                .fetch_optional(&mut *conn)
                .await?;
        return Ok(other.map(PutOutcome::Duplicate));
    };
    let old = row_to_article(&row).map_err(|err| sqlx::Error::Decode(Box::new(err)))?;
    if old.content_hash == stored.content_hash && old.article == stored.article {
        return Ok(Some(PutOutcome::Unchanged));
    }
    // `imported_at` stays: it is when the article was first stored.
    sqlx::query(
        "UPDATE articles SET url = $2, title = $3, source = $4, published = $5, published_precision = $6, \
         content_hash = $7, article_json = $8 WHERE id = $1",
    )
    .bind(&stored.id)
    .bind(no_nul(&a.url))
    .bind(no_nul(&a.title))
    .bind(no_nul(&a.source))
    .bind(no_nul(&a.published.published))
    .bind(no_nul(&a.published.published_precision))
    .bind(&stored.content_hash)
    .bind(json)
    .execute(&mut *conn)
    .await?;
    Ok(Some(PutOutcome::Updated))
}

#[async_trait]
impl ArticleStore for PostgresStore {
    async fn put(&self, article: &StoredArticle) -> Result<PutOutcome, Error> {
        let mut outcomes = self.put_all(std::slice::from_ref(article)).await?;
        outcomes.pop().ok_or_else(|| {
            db_error(
                &format!("put article {}", article.id),
                sqlx::Error::RowNotFound,
            )
        })
    }

    async fn put_many(&self, articles: &[StoredArticle]) -> Result<Vec<PutOutcome>, Error> {
        if articles.is_empty() {
            return Ok(Vec::new());
        }
        self.put_all(articles).await
    }

    async fn get(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        let row = sqlx::query(select_articles!("WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(|source| db_error(&format!("get article {id}"), source))?;
        row.as_ref().map(row_to_article).transpose()
    }

    async fn get_many(&self, ids: &[String]) -> Result<Vec<Option<StoredArticle>>, Error> {
        let rows = sqlx::query(select_articles!("WHERE id = ANY($1)"))
            .bind(ids)
            .fetch_all(&self.pool)
            .await
            .map_err(|source| db_error("get articles", source))?;
        let found: std::collections::HashMap<String, StoredArticle> = rows
            .iter()
            .map(|r| row_to_article(r).map(|a| (a.id.clone(), a)))
            .collect::<Result<_, Error>>()?;
        Ok(ids.iter().map(|id| found.get(id).cloned()).collect())
    }

    async fn newest_of(&self, ids: &[String], limit: usize) -> Result<Vec<String>, Error> {
        sqlx::query_scalar(
            "SELECT id FROM articles WHERE id = ANY($1) \
             ORDER BY published IS NULL, left(published, 200) DESC, published DESC, imported_at DESC, imported_at_ns DESC, id \
             LIMIT $2",
        )
        .bind(ids)
        .bind(to_i64(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(|source| db_error("order articles", source))
    }

    async fn latest(&self, limit: usize, offset: usize) -> Result<Vec<StoredArticle>, Error> {
        let rows = sqlx::query(select_articles!(
            "ORDER BY published IS NULL, left(published, 200) DESC, published DESC, imported_at DESC, imported_at_ns DESC, id \
             LIMIT $1 OFFSET $2"
        ))
        .bind(to_i64(limit))
        .bind(to_i64(offset))
        .fetch_all(&self.pool)
        .await
        .map_err(|source| db_error("list the latest articles", source))?;
        rows.iter().map(row_to_article).collect()
    }

    async fn count(&self) -> Result<u64, Error> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles")
            .fetch_one(&self.pool)
            .await
            .map_err(|source| db_error("count articles", source))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn scan(&self, after: Option<&str>, limit: usize) -> Result<Vec<StoredArticle>, Error> {
        let query = match after {
            Some(after) => {
                sqlx::query(select_articles!("WHERE id > $1 ORDER BY id LIMIT $2")).bind(after)
            }
            None => sqlx::query(select_articles!("ORDER BY id LIMIT $1")),
        };
        let rows = query
            .bind(to_i64(limit))
            .fetch_all(&self.pool)
            .await
            .map_err(|source| db_error("scan articles", source))?;
        rows.iter().map(row_to_article).collect()
    }

    async fn delete(&self, id: &str) -> Result<bool, Error> {
        let done = sqlx::query("DELETE FROM articles WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await
            .map_err(|source| db_error(&format!("delete article {id}"), source))?;
        Ok(done.rows_affected() > 0)
    }
}

/// A row of `select_articles!` back into a [`StoredArticle`].
fn row_to_article(row: &PgRow) -> Result<StoredArticle, Error> {
    let id: String = row.try_get("id").unwrap_or_default();
    let corrupt = |column: &'static str, reason: String| Error::CorruptRow {
        id: id.clone(),
        column,
        reason,
    };
    let content_hash: String = row
        .try_get("content_hash")
        .map_err(|e| corrupt("content_hash", e.to_string()))?;
    let micros: DateTime<Utc> = row
        .try_get("imported_at")
        .map_err(|e| corrupt("imported_at", e.to_string()))?;
    let nanos: i64 = row
        .try_get("imported_at_ns")
        .map_err(|e| corrupt("imported_at_ns", e.to_string()))?;
    let imported_at = micros + chrono::Duration::nanoseconds(nanos.clamp(0, 999));
    let json: String = row
        .try_get("article_json")
        .map_err(|e| corrupt("article_json", e.to_string()))?;
    let article: Article =
        serde_json::from_str(&json).map_err(|e| corrupt("article_json", e.to_string()))?;
    Ok(StoredArticle {
        id,
        content_hash,
        imported_at,
        article,
    })
}

/// A `usize` as PostgreSQL's bigint, saturating.
pub(crate) fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

pub(crate) fn db_error(action: &str, source: sqlx::Error) -> Error {
    Error::Database {
        action: action.to_owned(),
        source,
    }
}

impl Store {
    /// Open the store at `storage`: a `postgres://` (or `postgresql://`) URL keeps the data
    /// in that PostgreSQL database and the search index in `data_dir/index` (built from the
    /// database when missing or out of step); anything else is a folder for the embedded
    /// store (an empty `storage` means `data_dir`).
    pub async fn connect(
        storage: &str,
        data_dir: &Path,
        config: &StoreConfig,
    ) -> Result<Store, Error> {
        let storage = storage.trim();
        if !is_postgres_url(storage) {
            let dir = if storage.is_empty() {
                data_dir.to_path_buf()
            } else {
                PathBuf::from(storage)
            };
            return Store::open_with(&dir, config).await;
        }
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let data = Arc::new(PostgresStore::connect(storage, &config.postgres).await?);
        let (index, state) =
            TantivyIndex::open(&data_dir.join(crate::INDEX_DIR), config.writer_heap_bytes)?;
        let index = Arc::new(index);
        let store = Store {
            articles: data.clone(),
            index: index.clone(),
            sources: data.clone(),
            clusters: data.clone(),
            moderation: data.clone(),
            analyses: data.clone(),
            entities: data.clone(),
            jobs: data,
        };
        if config.sync_index_on_open {
            crate::embedded::sync_index(&store, &index, state).await?;
        }
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_version_is_the_newest_migration() {
        let newest = MIGRATOR.iter().map(|m| m.version).max();
        assert_eq!(newest, Some(POSTGRES_SCHEMA_VERSION));
    }

    #[test]
    fn postgres_urls_are_told_from_folders() {
        assert!(is_postgres_url("postgres://u@h/db"));
        assert!(is_postgres_url("PostgreSQL://h/db"));
        assert!(!is_postgres_url("./marsad-data"));
        assert!(!is_postgres_url("/var/lib/postgres/data"));
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://marsad:s3cr@t@db.example:5432/marsad?sslmode=require"),
            "postgres://marsad:***@db.example:5432/marsad?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://marsad@db/x"),
            "postgres://marsad@db/x"
        );
        assert_eq!(
            redact_url("postgres:///x?host=/run"),
            "postgres:///x?host=/run"
        );
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(quote_ident("t_1"), "\"t_1\"");
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
    }
}
