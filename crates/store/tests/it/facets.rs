//! Faceted search on the embedded index: filters, counts, date order, exclusions, highlights.

use marsad_extract::{Aggregator, Published};
use marsad_store::conformance::{article, at};
use marsad_store::{FacetedQuery, SearchSort, StoredArticle};

fn dated(id: &str, title: &str, source: &str, category: &str, published: &str) -> StoredArticle {
    let mut a = article(
        id,
        title,
        &[&format!("{title}، وقال المتحدث إن الماء متوفر.")],
    );
    a.article.source = Some(source.to_owned());
    a.article.aggregator = Some(Aggregator {
        name: "كشاف".into(),
        source: None,
        category: Some(category.to_owned()),
        credibility_percent: None,
        importance_percent: None,
    });
    a.article.published = Published {
        published: Some(published.to_owned()),
        published_precision: Some("day".into()),
    };
    a.imported_at = at(0);
    a
}

async fn store() -> (marsad_store::Store, tempfile::TempDir) {
    let (store, dir) = crate::fresh_embedded().await;
    for a in [
        dated("a", "سد جديد في الرباط", "هسبريس", "اقتصاد", "2022-07-21"),
        dated("b", "أزمة الماء في فاس", "هسبريس", "مجتمع", "2022-06-02"),
        dated("c", "الماء والزراعة", "اليوم 24", "اقتصاد", "2022-07-05"),
        dated(
            "d",
            "مباراة الوداد",
            "اليوم 24/رياضة",
            "رياضة",
            "2021-12-30",
        ),
    ] {
        store.articles.put(&a).await.unwrap();
        store.index.upsert(&a).unwrap();
    }
    store.index.commit().unwrap();
    (store, dir)
}

fn ids(results: &marsad_store::FacetedResults) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

#[tokio::test]
async fn counts_and_filters() {
    let (store, _dir) = store().await;
    let q = FacetedQuery {
        text: "الماء".into(),
        limit: 10,
        ..FacetedQuery::default()
    };
    let all = store.index.search_faceted(&q).unwrap();
    assert_eq!(all.total, 4, "every body says الماء");
    let source = |v: &str| all.sources.iter().find(|c| c.value == v).map(|c| c.count);
    assert_eq!(source("هسبريس"), Some(2));
    assert_eq!(source("اليوم 24"), Some(1));
    assert_eq!(
        source("اليوم 24/رياضة"),
        Some(1),
        "a slash stays in the value"
    );
    assert_eq!(all.sources[0].value, "هسبريس", "most first");
    let months: Vec<(&str, u64)> = all
        .months
        .iter()
        .map(|m| (m.value.as_str(), m.count))
        .collect();
    assert_eq!(months, [("2022-07", 2), ("2022-06", 1), ("2021-12", 1)]);

    let only = store
        .index
        .search_faceted(&FacetedQuery {
            sources: vec!["هسبريس".into()],
            categories: vec!["اقتصاد".into()],
            ..q.clone()
        })
        .unwrap();
    assert_eq!(ids(&only), ["a"]);

    let range = store
        .index
        .search_faceted(&FacetedQuery {
            from: chrono::NaiveDate::from_ymd_opt(2022, 6, 2),
            to: chrono::NaiveDate::from_ymd_opt(2022, 7, 5),
            sort: SearchSort::Newest,
            ..q.clone()
        })
        .unwrap();
    assert_eq!(ids(&range), ["c", "b"], "inclusive bounds, newest first");

    let excluded = store
        .index
        .search_faceted(&FacetedQuery {
            exclude_ids: vec!["a".into(), "c".into()],
            ..q.clone()
        })
        .unwrap();
    assert_eq!(excluded.total, 2);
    assert!(!ids(&excluded).contains(&"a"));
}

#[tokio::test]
async fn no_text_lists_a_source_by_date_and_highlights_matches() {
    let (store, _dir) = store().await;
    let listing = store
        .index
        .search_faceted(&FacetedQuery {
            sources: vec!["هسبريس".into()],
            limit: 10,
            ..FacetedQuery::default()
        })
        .unwrap();
    assert_eq!(ids(&listing), ["a", "b"]);
    let nothing = store
        .index
        .search_faceted(&FacetedQuery {
            limit: 10,
            ..FacetedQuery::default()
        })
        .unwrap();
    assert_eq!(nothing.total, 0, "no text and no filter finds nothing");

    // The snippets are cut from the bodies of the articles the store reads for the hits.
    let (found, articles) = store
        .search_faceted(&FacetedQuery {
            text: "فاس".into(),
            limit: 10,
            ..FacetedQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(ids(&found), ["b"]);
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].as_ref().map(|a| a.id.as_str()), Some("b"));
    let marked: Vec<&str> = found.hits[0]
        .snippet
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["فاس"]);
    assert!(found.hits[0].snippet_text().contains("أزمة الماء في فاس"));
    // Paging past the end keeps the total.
    let past = store
        .index
        .search_faceted(&FacetedQuery {
            text: "الماء".into(),
            limit: 10,
            offset: 10,
            ..FacetedQuery::default()
        })
        .unwrap();
    assert_eq!((past.total, past.hits.len()), (4, 0));
}
