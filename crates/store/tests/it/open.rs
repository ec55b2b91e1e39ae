//! Opening data folders: creation, reopening, newer schemas, files that are not databases,
//! and indexes that are missing, stale or behind the database.

use std::path::Path;

use marsad_store::conformance::article;
use marsad_store::{
    DATABASE_FILE, Error, INDEX_DIR, SCHEMA_VERSION, SearchQuery, SqliteConfig, SqliteStore, Store,
};

async fn open(dir: &Path) -> Store {
    match Store::open(dir).await {
        Ok(store) => store,
        Err(err) => panic!("open {}: {err}", dir.display()),
    }
}

fn hits(store: &Store, text: &str) -> Vec<String> {
    let results = store
        .index
        .search(&SearchQuery {
            text: text.into(),
            limit: 10,
            offset: 0,
        })
        .expect("search");
    results.hits.into_iter().map(|h| h.id).collect()
}

/// Run one SQL statement on the data folder's database, outside the store.
async fn execute(dir: &Path, sql: &'static str) {
    use sqlx::Connection as _;
    let url = format!("sqlite://{}", dir.join(DATABASE_FILE).display());
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("connect");
    sqlx::query(sql).execute(&mut conn).await.expect("execute");
    conn.close().await.expect("close");
}

#[tokio::test]
async fn creates_missing_folders_and_reopens_with_data() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("a").join("b");
    {
        let store = open(&dir).await;
        let a = article("k-1", "خبر محفوظ", &["يبقى بعد إعادة الفتح"]);
        store.articles.put(&a).await.expect("put");
        store.index.upsert(&a).expect("upsert");
        store.index.commit().expect("commit");
    }
    assert!(dir.join(DATABASE_FILE).is_file() && dir.join(INDEX_DIR).is_dir());
    let store = open(&dir).await;
    assert_eq!(store.articles.count().await.expect("count"), 1);
    assert_eq!(hits(&store, "محفوظ"), ["k-1"]);
}

#[tokio::test]
async fn records_the_schema_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = SqliteStore::open(&tmp.path().join(DATABASE_FILE), &SqliteConfig::default())
        .await
        .expect("open");
    assert_eq!(
        db.schema_version().await.expect("version"),
        Some(SCHEMA_VERSION)
    );
}

#[tokio::test]
async fn refuses_a_newer_schema_version() {
    let tmp = tempfile::tempdir().expect("tempdir");
    drop(open(tmp.path()).await);
    execute(
        tmp.path(),
        "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
    )
    .await;
    match Store::open(tmp.path()).await {
        Err(Error::NewerSchema {
            found,
            supported,
            path,
        }) => {
            assert_eq!((found, supported), (99, SCHEMA_VERSION));
            assert_eq!(path, tmp.path());
            let message = Error::NewerSchema {
                path,
                found,
                supported,
            }
            .to_string();
            assert!(
                message.contains("newer schema (99)") && message.contains("upgrade"),
                "{message}"
            );
        }
        Err(err) => panic!("expected NewerSchema, got {err}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
}

#[tokio::test]
async fn refuses_an_unknown_newer_migration() {
    let tmp = tempfile::tempdir().expect("tempdir");
    drop(open(tmp.path()).await);
    execute(
        tmp.path(),
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (20990101000000, 'from the future', 1, x'00', 0)",
    )
    .await;
    match Store::open(tmp.path()).await {
        Err(Error::NewerSchema { found, .. }) => assert_eq!(found, 20_990_101_000_000),
        Err(err) => panic!("expected NewerSchema, got {err}"),
        Ok(_) => panic!("a newer migration was accepted"),
    }
}

#[tokio::test]
async fn refuses_a_file_that_is_not_a_database() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        tmp.path().join(DATABASE_FILE),
        "هذا ليس ملف قاعدة بيانات، بل نص عادي طويل بما يكفي. ".repeat(100),
    )
    .expect("write");
    match Store::open(tmp.path()).await {
        Err(err @ Error::NotADatabase { .. }) => {
            assert!(err.to_string().contains("not a SQLite database"), "{err}");
        }
        Err(err) => panic!("expected NotADatabase, got {err:?}"),
        Ok(_) => panic!("a text file was opened as a database"),
    }
}

#[tokio::test]
async fn refuses_a_data_folder_that_is_a_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("data");
    std::fs::write(&file, "x").expect("write");
    match Store::open(&file).await {
        Err(Error::DataDir { path, .. }) => assert_eq!(path, file),
        Err(err) => panic!("expected DataDir, got {err:?}"),
        Ok(_) => panic!("a file was used as a data folder"),
    }
}

#[tokio::test]
async fn rebuilds_a_deleted_index_on_open() {
    let tmp = tempfile::tempdir().expect("tempdir");
    {
        let store = open(tmp.path()).await;
        for i in 0..3 {
            let a = article(&format!("ix-{i}"), "معرض الكتاب", &[&format!("الدورة {i}")]);
            store.articles.put(&a).await.expect("put");
            store.index.upsert(&a).expect("upsert");
        }
        store.index.commit().expect("commit");
    }
    std::fs::remove_dir_all(tmp.path().join(INDEX_DIR)).expect("remove index");
    let store = open(tmp.path()).await;
    assert_eq!(store.index.count().expect("count"), 3);
    assert_eq!(hits(&store, "معرض").len(), 3);
    // The rebuild released the writer: another store on the folder (an import) can write.
    let other = open(tmp.path()).await;
    other
        .index
        .upsert(&article("ix-new", "معرض", &["جديد"]))
        .expect("another store writes");
    other.index.commit().expect("commit");
}

#[tokio::test]
async fn rebuilds_an_index_built_by_another_analyzer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    {
        let store = open(tmp.path()).await;
        let a = article("an-1", "مباراة", &["فاز الفريق"]);
        store.articles.put(&a).await.expect("put");
        store.index.upsert(&a).expect("upsert");
        store.index.commit().expect("commit");
    }
    let marker = std::fs::read_dir(tmp.path().join(INDEX_DIR))
        .expect("index folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("analyzer marker");
    std::fs::write(&marker, "marsad-index 1\nan older analyzer\n").expect("write marker");
    let store = open(tmp.path()).await;
    assert_eq!(hits(&store, "الفريق"), ["an-1"]);
    assert_eq!(
        std::fs::read_to_string(&marker)
            .map(|m| m.contains("older"))
            .ok(),
        Some(false)
    );
}

#[tokio::test]
async fn catches_up_an_index_left_behind_by_a_crash() {
    let tmp = tempfile::tempdir().expect("tempdir");
    {
        let store = open(tmp.path()).await;
        let a = article("cr-1", "خبر أول", &["نص مؤكد"]);
        store.articles.put(&a).await.expect("put");
        store.index.upsert(&a).expect("upsert");
        store.index.commit().expect("commit");
        // Acknowledged by SQLite, never committed to the index: as if killed here.
        let b = article("cr-2", "خبر ثان", &["نص مؤكد آخر"]);
        store.articles.put(&b).await.expect("put");
        store.index.upsert(&b).expect("upsert");
    }
    let store = open(tmp.path()).await;
    let mut found = hits(&store, "مؤكد");
    found.sort();
    assert_eq!(found, ["cr-1", "cr-2"]);
}

#[tokio::test]
async fn a_reader_sees_commits_of_a_writer_on_the_same_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let writer = open(tmp.path()).await;
    let reader = open(tmp.path()).await;
    let a = article("rw-1", "خبر جديد", &["وصل للتو"]);
    writer.articles.put(&a).await.expect("put");
    writer.index.upsert(&a).expect("upsert");
    writer.index.commit().expect("commit");
    assert_eq!(
        reader
            .articles
            .get("rw-1")
            .await
            .expect("get")
            .map(|a| a.id),
        Some("rw-1".into())
    );
    // The reader's index follows the writer's commit within the reload delay.
    let mut seen = false;
    for _ in 0..50 {
        if hits(&reader, "جديد") == ["rw-1"] {
            seen = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(seen, "the reader never saw the commit");
    // Only one writer at a time: the second store cannot write the index.
    match reader.index.upsert(&a) {
        Err(Error::IndexLocked { .. }) => {}
        other => panic!("expected IndexLocked, got {other:?}"),
    }
}

#[tokio::test]
async fn rebuilds_a_damaged_index() {
    let tmp = tempfile::tempdir().expect("tempdir");
    {
        let store = open(tmp.path()).await;
        let a = article("dm-1", "زلزال", &["ضرب زلزال المنطقة"]);
        store.articles.put(&a).await.expect("put");
        store.index.upsert(&a).expect("upsert");
        store.index.commit().expect("commit");
    }
    std::fs::write(tmp.path().join(INDEX_DIR).join("meta.json"), "{ not json")
        .expect("damage the index");
    let store = open(tmp.path()).await;
    assert_eq!(hits(&store, "المنطقة"), ["dm-1"]);
}

#[tokio::test]
async fn the_version_changes_with_every_commit_from_any_process_and_only_then() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path()).await;
    let first = store.version().await.expect("version");
    assert!(first.is_some(), "the embedded store can tell");
    assert_eq!(
        store.version().await.expect("version"),
        first,
        "nothing written"
    );
    // A write through this store.
    store
        .articles
        .put(&article("a", "عنوان", &["نص الخبر"]))
        .await
        .expect("put");
    let second = store.version().await.expect("version");
    assert_ne!(second, first);
    assert_eq!(store.version().await.expect("version"), second);
    // A write by another process, on any table.
    execute(
        dir.path(),
        "UPDATE articles SET imported_at = imported_at WHERE id = 'a'",
    )
    .await;
    assert_ne!(store.version().await.expect("version"), second);
}
