//! How long importing 10,000 articles takes (run with `cargo test -p marsad-store --release
//! -- --ignored --nocapture timing`).

use std::time::Instant;

use marsad_store::conformance::article;
use marsad_store::{SearchQuery, StoredArticle};

const ARTICLES: usize = 10_000;
const BATCH: usize = 500;

#[tokio::test]
#[ignore = "timing run, not a check"]
async fn timing_import_10k() {
    let (store, _dir) = crate::fresh_embedded().await;
    let paragraph = "وأعلنت وزارة الخارجية في بيان رسمي أن الوفد سيصل إلى العاصمة صباح الغد لبحث التعاون الاقتصادي";
    let articles: Vec<StoredArticle> = (0..ARTICLES)
        .map(|i| {
            let body: Vec<String> = (0..8)
                .map(|p| format!("{paragraph} رقم {i} فقرة {p}"))
                .collect();
            let body: Vec<&str> = body.iter().map(String::as_str).collect();
            article(
                &format!("a-{i:05}"),
                &format!("خبر رقم {i} عن المغرب"),
                &body,
            )
        })
        .collect();
    let start = Instant::now();
    for batch in articles.chunks(BATCH) {
        store.articles.put_many(batch).await.expect("put_many");
    }
    let stored = start.elapsed();
    for a in &articles {
        store.index.upsert(a).expect("upsert");
    }
    store.index.commit().expect("commit");
    let indexed = start.elapsed() - stored;
    let one_by_one_start = Instant::now();
    let (single, _dir2) = crate::fresh_embedded().await;
    for a in &articles[..1000] {
        single.articles.put(a).await.expect("put");
    }
    let single_1k = one_by_one_start.elapsed();
    let search_start = Instant::now();
    let results = store
        .index
        .search(&SearchQuery {
            text: "بالمغرب".into(),
            limit: 20,
            offset: 0,
        })
        .expect("search");
    let searched = search_start.elapsed();
    assert_eq!(results.total, ARTICLES);
    println!(
        "{ARTICLES} articles: SQLite put_many (batches of {BATCH}) {stored:?}, index upsert+commit {indexed:?}; \
         1000 single puts {single_1k:?}; one search {searched:?}"
    );
}

/// The same import on PostgreSQL (`MARSAD_TEST_POSTGRES`), and one clustering save of 10,000
/// assignments and 2,000 events (a rebuild).
#[tokio::test]
#[ignore = "timing run, not a check"]
async fn timing_postgres_import_10k() {
    use marsad_store::{ArticleAssignment, ClusterUpdate, EventRecord};
    let Some((store, _guard)) = crate::postgres::fresh().await else {
        return;
    };
    let articles: Vec<StoredArticle> = (0..ARTICLES)
        .map(|i| {
            article(
                &format!("a-{i:05}"),
                &format!("خبر رقم {i} عن المغرب"),
                &["وأعلنت وزارة الخارجية في بيان رسمي أن الوفد سيصل إلى العاصمة"],
            )
        })
        .collect();
    let start = Instant::now();
    for batch in articles.chunks(BATCH) {
        store.articles.put_many(batch).await.expect("put_many");
    }
    let stored = start.elapsed();
    let update = ClusterUpdate {
        replace: true,
        articles: articles
            .iter()
            .enumerate()
            .map(|(i, a)| ArticleAssignment {
                article: a.id.clone(),
                event: format!("e-{}", i / 5),
                duplicate_of: None,
            })
            .collect(),
        events: (0..ARTICLES / 5)
            .map(|e| EventRecord {
                id: format!("e-{e}"),
                label: format!("حدث {e}"),
                date: "2024-01-01".into(),
                articles: 5,
                entities: vec!["المغرب".into()],
            })
            .collect(),
        ..ClusterUpdate::default()
    };
    let save_start = Instant::now();
    store.clusters.save(&update).await.expect("save");
    let saved = save_start.elapsed();
    assert_eq!(
        store.clusters.assignments().await.expect("read").len(),
        ARTICLES
    );
    println!(
        "{ARTICLES} articles: PostgreSQL put_many (batches of {BATCH}) {stored:?}; \
         cluster save of {ARTICLES} assignments and {} events {saved:?}",
        ARTICLES / 5
    );
}
