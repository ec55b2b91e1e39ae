//! Faceted search pages and API (on the fake store and on a real embedded store), highlights,
//! sort, filters and the digits setting.

use axum::http::StatusCode;

use crate::fake_store::{article, store_with};
use crate::{get, send, with_q};

fn store() -> marsad_store::Store {
    let mut b = article("b1", "الماء في فاس", "2022-06-02");
    b.article.source = Some("اليوم 24".into());
    if let Some(agg) = b.article.aggregator.as_mut() {
        agg.category = Some("مجتمع".into());
    }
    store_with(vec![article("a1", "سد جديد في الرباط", "2022-07-21"), b])
}

#[tokio::test]
async fn facets_link_to_narrower_searches() {
    let store = store();
    let page = get(store.clone(), &with_q("/search", "الماء", "")).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("<h2>المصدر</h2>") && body.contains("<h2>التصنيف</h2>"));
    assert!(
        body.contains("<bdi>هسبريس</bdi></a> <span class=\"facet-count\">1</span>"),
        "{body}"
    );
    assert!(
        body.contains("<bdi>يوليو 2022</bdi>"),
        "month facet in Arabic"
    );
    assert!(
        body.contains("<mark>الماء</mark>"),
        "the match is highlighted"
    );
    assert!(body.contains(r#"href="/search?q=%D8%A7%D9%84%D9%85%D8%A7%D8%A1&#38;source=%D9%87%D8%B3%D8%A8%D8%B1%D9%8A%D8%B3""#));
    assert!(
        body.contains(r#"href="/feeds/search.atom?q="#),
        "a feed of the search"
    );

    let narrowed = get(
        store.clone(),
        &with_q(
            "/search",
            "الماء",
            "&source=%D8%A7%D9%84%D9%8A%D9%88%D9%85+24",
        ),
    )
    .await;
    assert!(narrowed.body.contains("الماء في فاس") && !narrowed.body.contains("سد جديد في الرباط"));
    assert!(
        narrowed.body.contains("المصدر: اليوم 24"),
        "the filter in force is shown"
    );

    let month = get(
        store.clone(),
        &with_q("/search", "الماء", "&from=2022-07-01&to=2022-07-31"),
    )
    .await;
    assert!(month.body.contains("سد جديد في الرباط") && !month.body.contains("الماء في فاس"));

    let by_date = get(store.clone(), &with_q("/api/search", "الماء", "&sort=date"))
        .await
        .json();
    assert_eq!(by_date["sort"], "newest");
    assert_eq!(by_date["hits"][0]["id"], "a1");
    assert_eq!(by_date["facets"]["sources"].as_array().unwrap().len(), 2);
    let bad = get(store, &with_q("/api/search", "الماء", "&from=yesterday")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["error"]["param"], "from");
}

#[tokio::test]
async fn eastern_digits_on_request_and_by_cookie() {
    let app = marsad_web::router(store());
    let eastern = send(&app, "GET", "/?digits=eastern", &[], "").await;
    assert!(eastern.body.contains("٢١ يوليو ٢٠٢٢"), "{}", eastern.body);
    assert!(eastern.body.contains("مقالان"));
    let cookie = eastern.headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("marsad_digits=eastern"));
    let later = send(&app, "GET", "/", &[("cookie", "marsad_digits=eastern")], "").await;
    assert!(later.body.contains("٢١ يوليو ٢٠٢٢"));
    let western = send(&app, "GET", "/", &[], "").await;
    assert!(western.body.contains("21 يوليو 2022"));
    // Article text keeps its own digits.
    let article = send(&app, "GET", "/articles/a1?digits=eastern", &[], "").await;
    assert!(article.body.contains("20 محطة بحلول 2030"));
}

#[tokio::test]
async fn faceted_search_on_the_embedded_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = marsad_store::Store::open(dir.path()).await.unwrap();
    let mut b = article("b1", "الماء في فاس", "2022-06-02");
    b.article.source = Some("اليوم 24".into());
    b.content_hash = "other".into();
    for a in [article("a1", "سد جديد في الرباط", "2022-07-21"), b] {
        store.articles.put(&a).await.unwrap();
        store.index.upsert(&a).unwrap();
    }
    store.index.commit().unwrap();
    let value = get(store.clone(), &with_q("/api/search", "مياه", ""))
        .await
        .json();
    assert_eq!(value["total"], 2, "{value}");
    let parts = value["hits"][0]["snippet_parts"].as_array().unwrap();
    assert!(
        parts
            .iter()
            .any(|p| p["hit"] == true && p["text"] == "مياه"),
        "{parts:?}"
    );
    let source = get(
        store.clone(),
        "/api/search?source=%D8%A7%D9%84%D9%8A%D9%88%D9%85+24",
    )
    .await
    .json();
    assert_eq!(source["total"], 1);
    assert_eq!(source["hits"][0]["id"], "b1");
    let page = get(store, &with_q("/search", "مياه", "")).await;
    assert!(page.body.contains("<mark>مياه</mark>"), "{}", page.body);
}
