//! Event pages and the home page's latest events, over the in-memory cluster store.

use axum::http::StatusCode;
use marsad_store::{ArticleAssignment, ClusterUpdate, EventRecord};

use crate::fake_store::{article, store_with};
use crate::{app_with, send};

/// A store with two articles in event `e1` and one in `e2`.
pub async fn clustered() -> marsad_store::Store {
    let mut other = article("a3", "مباراة الوداد", "2022-07-19");
    other.article.source = Some("اليوم 24".into());
    let store = store_with(vec![
        article("a1", "سد جديد في الرباط", "2022-07-21"),
        article("a2", "افتتاح سد الرباط", "2022-07-20T10:00"),
        other,
    ]);
    let assign = |article: &str, event: &str| ArticleAssignment {
        article: article.into(),
        event: event.into(),
        duplicate_of: None,
    };
    let event = |id: &str, label: &str, date: &str, articles: u64| EventRecord {
        id: id.into(),
        label: label.into(),
        date: date.into(),
        articles,
        entities: vec!["الرباط".into()],
    };
    store
        .clusters
        .save(&ClusterUpdate {
            state: None,
            replace: true,
            articles: vec![assign("a1", "e1"), assign("a2", "e1"), assign("a3", "e2")],
            events: vec![
                event("e1", "سد جديد في الرباط", "2022-07-21", 2),
                event("e2", "مباراة <الوداد>", "2022-07-19", 1),
            ],
            storylines: Vec::new(),
        })
        .await
        .unwrap();
    store
}

#[tokio::test]
async fn event_page_lists_its_coverage() {
    let app = app_with(clustered().await, |_| {});
    let page = send(&app, "GET", "/events/e1", &[], "").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    let first = body.find(r#"href="/articles/a1""#).expect("a1 listed");
    let second = body.find(r#"href="/articles/a2""#).expect("a2 listed");
    assert!(first < second, "newest first");
    assert!(!body.contains(r#"href="/articles/a3""#));
    assert!(body.contains("مقالان"));
    assert!(body.contains("<bdi>هسبريس</bdi>") && body.contains("<bdi>الرباط</bdi>"));
    assert_eq!(
        send(&app, "GET", "/events/nope", &[], "").await.status,
        StatusCode::NOT_FOUND
    );
    let api = send(&app, "GET", "/api/events/e1", &[], "").await.json();
    assert_eq!(api["article_ids"], serde_json::json!(["a1", "a2"]));

    let home = send(&app, "GET", "/", &[], "").await;
    assert!(home.body.contains("أحدث الأحداث"));
    let e1 = home.body.find(r#"href="/events/e1""#).expect("e1 on home");
    let e2 = home.body.find(r#"href="/events/e2""#).expect("e2 on home");
    assert!(e1 < e2, "newest event first");
    assert!(
        home.body.contains("مباراة &#60;الوداد&#62;"),
        "labels escaped"
    );
}
