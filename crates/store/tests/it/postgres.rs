//! Fresh PostgreSQL-backed stores for the tests, and the checks only a server backend needs
//! (writers in several processes at once, reopening, the schema marker).
//!
//! The server is named by `MARSAD_TEST_POSTGRES` (a `postgres://` URL; `.ci/postgres` starts
//! a throwaway one). Each test gets its own schema in that database, dropped when it ends,
//! so tests run side by side and never see each other's rows. Without the variable every
//! PostgreSQL test prints `skipped: MARSAD_TEST_POSTGRES not set` and passes, unless
//! `MARSAD_POSTGRES_REQUIRED=1` (CI), where it fails.

use std::sync::atomic::{AtomicU64, Ordering};

use marsad_store::conformance::article;
use marsad_store::{PostgresConfig, PostgresStore, PutOutcome, Store, StoreConfig};

/// A schema of the test database, dropped (with everything in it) when this is dropped.
pub struct Schema {
    url: String,
    name: String,
}

impl Drop for Schema {
    fn drop(&mut self) {
        let url = self.url.clone();
        let sql = format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.name);
        // Drop runs inside the test's runtime, which cannot block on a future: use a thread
        // with its own.
        let done = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async move {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(&url).await.ok()?;
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await
                    .ok()?;
                conn.close().await.ok()
            })
        })
        .join();
        if !matches!(done, Ok(Some(()))) {
            eprintln!("could not drop test schema {}", self.name);
        }
    }
}

/// The test server's URL, or `None` (after saying why) when PostgreSQL tests are skipped.
pub fn url() -> Option<String> {
    match std::env::var("MARSAD_TEST_POSTGRES") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("MARSAD_POSTGRES_REQUIRED").is_ok_and(|v| v == "1") {
                panic!(
                    "MARSAD_POSTGRES_REQUIRED=1 but MARSAD_TEST_POSTGRES is not set (run `source .ci/postgres`)"
                );
            }
            eprintln!("skipped: MARSAD_TEST_POSTGRES not set");
            None
        }
    }
}

/// A new schema name, unique across test processes and runs.
fn schema_name() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "marsad_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// How the tests open a store in `schema`.
fn config(schema: &str) -> StoreConfig {
    StoreConfig {
        postgres: PostgresConfig {
            max_connections: 4,
            schema: Some(schema.to_owned()),
            ..PostgresConfig::default()
        },
        writer_heap_bytes: 15_000_000,
        ..StoreConfig::default()
    }
}

/// A fresh empty store on PostgreSQL (its own schema) with its index in a temporary folder,
/// or `None` when PostgreSQL tests are skipped.
pub async fn fresh() -> Option<(Store, (tempfile::TempDir, Schema))> {
    let url = url()?;
    let schema = Schema {
        url: url.clone(),
        name: schema_name(),
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = Store::connect(&url, dir.path(), &config(&schema.name))
        .await
        .unwrap_or_else(|err| panic!("open a fresh PostgreSQL store: {err}"));
    Some((store, (dir, schema)))
}

#[tokio::test]
async fn writers_in_parallel_store_an_article_once() {
    let Some((first, guard)) = fresh().await else {
        return;
    };
    let url = guard.1.url.clone();
    // Four stores with their own pools: as four processes would be.
    let mut stores = vec![first];
    for _ in 0..3 {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::connect(&url, dir.path(), &config(&guard.1.name))
            .await
            .expect("open another store on the same schema");
        stores.push(store);
    }
    let same = article("p-1", "عنوان واحد", &["نص واحد"]);
    // The same content under other ids: a duplicate of whichever is stored first.
    let copies: Vec<_> = (0..4)
        .map(|i| article(&format!("copy-{i}"), "عنوان آخر", &["نص آخر"]))
        .collect();
    let mut tasks = Vec::new();
    for (i, store) in stores.iter().enumerate() {
        let store = store.clone();
        let same = same.clone();
        let copy = copies[i].clone();
        tasks.push(tokio::spawn(async move {
            let a = store
                .articles
                .put(&same)
                .await
                .expect("put the same article");
            let b = store.articles.put(&copy).await.expect("put a copy");
            (a, b)
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("writer task"));
    }
    let inserted = outcomes
        .iter()
        .filter(|(a, _)| *a == PutOutcome::Inserted)
        .count();
    assert_eq!(inserted, 1, "one writer inserts p-1: {outcomes:?}");
    assert!(
        outcomes
            .iter()
            .all(|(a, _)| matches!(a, PutOutcome::Inserted | PutOutcome::Unchanged)),
        "{outcomes:?}"
    );
    let copies_inserted: Vec<_> = outcomes
        .iter()
        .filter(|(_, b)| *b == PutOutcome::Inserted)
        .collect();
    assert_eq!(copies_inserted.len(), 1, "one copy is stored: {outcomes:?}");
    assert!(
        outcomes
            .iter()
            .all(|(_, b)| matches!(b, PutOutcome::Inserted | PutOutcome::Duplicate(_))),
        "{outcomes:?}"
    );
    assert_eq!(stores[0].articles.count().await.expect("count"), 2);
}

#[tokio::test]
async fn reopening_keeps_the_data_and_builds_a_new_index() {
    let Some((store, guard)) = fresh().await else {
        return;
    };
    let a = article("r-1", "زيارة إلى الرباط", &["وصل الوفد إلى المغرب"]);
    store.articles.put(&a).await.expect("put");
    drop(store);
    // Another node: the same database, an empty data folder of its own.
    let dir = tempfile::tempdir().expect("temporary folder");
    let again = Store::connect(&guard.1.url, dir.path(), &config(&guard.1.name))
        .await
        .expect("reopen");
    assert_eq!(again.articles.get("r-1").await.expect("get"), Some(a));
    let found = again
        .index
        .search(&marsad_store::SearchQuery {
            text: "الوفد".into(),
            limit: 10,
            offset: 0,
        })
        .expect("search");
    assert_eq!(
        found.total, 1,
        "the new node's index was built from PostgreSQL"
    );
}

#[tokio::test]
async fn records_and_refuses_a_newer_schema_version() {
    let Some((store, guard)) = fresh().await else {
        return;
    };
    drop(store);
    let pg = PostgresStore::connect(&guard.1.url, &config(&guard.1.name).postgres)
        .await
        .expect("connect");
    assert_eq!(
        pg.schema_version().await.expect("schema version"),
        Some(marsad_store::POSTGRES_SCHEMA_VERSION)
    );
    let newer = marsad_store::POSTGRES_SCHEMA_VERSION + 1;
    {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(&guard.1.url)
            .await
            .expect("connect");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE \"{}\".meta SET value = '{newer}' WHERE key = 'schema_version'",
            guard.1.name
        )))
        .execute(&mut conn)
        .await
        .expect("bump the version");
    }
    match PostgresStore::connect(&guard.1.url, &config(&guard.1.name).postgres).await {
        Err(marsad_store::Error::NewerSchema { found, .. }) => assert_eq!(found, newer),
        Err(err) => panic!("expected NewerSchema, got {err}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
}
