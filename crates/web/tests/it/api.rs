//! The JSON API: shapes, errors, limits, pagination.

use axum::http::StatusCode;
use serde_json::json;

use crate::fake_store::{article, broken_store, many, store_with};
use crate::{assert_security_headers, get, with_q};

#[tokio::test]
async fn lists_articles_with_paging() {
    let store = store_with(many(30));
    let answer = get(store.clone(), "/api/articles?limit=5&offset=10").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/json");
    assert_security_headers(&answer);
    let value = answer.json();
    assert_eq!(value["schema"], 1);
    assert_eq!(value["total"], 30);
    assert_eq!(value["limit"], 5);
    assert_eq!(value["offset"], 10);
    let ids: Vec<&str> = value["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a10", "a11", "a12", "a13", "a14"]);

    let first = &value["articles"][0];
    assert_eq!(first["title"], "خبر رقم 10");
    assert_eq!(first["source"], "هسبريس");
    assert_eq!(first["language"], "ar");
    assert_eq!(first["published_precision"], "day");
    assert_eq!(first["aggregator"]["credibility_percent"], 87);
    assert!(
        first["imported_at"]
            .as_str()
            .unwrap()
            .starts_with("2023-11-14T22:13:")
    );
    assert!(first.get("content_hash").is_none());

    let default = get(store.clone(), "/api/articles").await.json();
    assert_eq!(default["articles"].as_array().unwrap().len(), 20);
    let clamped = get(store, "/api/articles?limit=5000").await.json();
    assert_eq!(clamped["limit"], 100);
    assert_eq!(clamped["articles"].as_array().unwrap().len(), 30);
}

#[tokio::test]
async fn one_article_and_404() {
    let store = store_with(vec![article("a1", "عنوان", "2022-07-21T14:30")]);
    let answer = get(store.clone(), "/api/articles/a1").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/json");
    let value = answer.json();
    assert_eq!(value["schema"], 1);
    assert_eq!(value["article"]["id"], "a1");
    assert_eq!(value["article"]["title"], "عنوان");
    assert_eq!(value["article"]["published"], "2022-07-21T14:30");
    assert_eq!(value["article"]["body"].as_array().unwrap().len(), 2);

    let missing = get(store.clone(), "/api/articles/none").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.content_type(), "application/json");
    let error = missing.json();
    assert_eq!(error["error"]["code"], "not_found");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("لم نجد")
    );

    let route = get(store, "/api/nothing").await;
    assert_eq!(route.status, StatusCode::NOT_FOUND);
    assert_eq!(route.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn bad_parameters_are_400_json() {
    let store = store_with(many(3));
    for (uri, param) in [
        ("/api/articles?limit=abc", "limit"),
        ("/api/articles?limit=0", "limit"),
        ("/api/articles?limit=-5", "limit"),
        ("/api/articles?offset=x", "offset"),
        ("/api/articles?offset=99999999999", "offset"),
        ("/api/search", "q"),
        ("/api/search?q=%20", "q"),
        ("/api/search?q=a&limit=1.5", "limit"),
        ("/api/search?q=a&offset=10001", "offset"),
    ] {
        let answer = get(store.clone(), uri).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(answer.content_type(), "application/json", "{uri}");
        assert_security_headers(&answer);
        let value = answer.json();
        assert_eq!(value["error"]["code"], "bad_request", "{uri}");
        assert_eq!(value["error"]["param"], param, "{uri}");
        assert!(
            value["error"]["message"]
                .as_str()
                .unwrap()
                .contains("غير صالحة"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn search_hits_carry_headline_fields() {
    let mut hostile = article("x1", "<script>alert(1)</script> انتخابات", "2022-07-21");
    hostile.article.source = None;
    let store = store_with(vec![hostile, article("w2", "مباراة", "2022-07-22")]);
    let answer = get(
        store.clone(),
        &with_q("/api/search", "انتخابات", "&limit=5"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/json");
    let value = answer.json();
    assert_eq!(
        value,
        json!({
            "schema": 1,
            "query": "انتخابات",
            "sort": "relevance",
            "total": 1,
            "limit": 5,
            "offset": 0,
            "facets": {
                "sources": [{"value": "هسبريس", "count": 1}],
                "categories": [{"value": "اقتصاد", "count": 1}],
                "months": [{"value": "2022-07", "count": 1}],
            },
            "hits": [{
                "id": "x1",
                "score": 2.0,
                "snippet": "أعلنت وزارة التجهيز والماء عن برنامج لتحلية مياه البحر.",
                "snippet_parts": [{"text": "أعلنت وزارة التجهيز والماء عن برنامج لتحلية مياه البحر.", "hit": false}],
                "title": "<script>alert(1)</script> انتخابات",
                "source": null,
                "published": "2022-07-21",
                "published_precision": "day",
            }],
        })
    );

    let paged = get(store, &with_q("/api/search", "الوزير", "&limit=1&offset=1"))
        .await
        .json();
    assert_eq!(paged["total"], 2);
    assert_eq!(paged["hits"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn store_failure_is_500_internal_without_details() {
    for uri in ["/api/articles", "/api/articles/a1", "/api/search?q=x"] {
        let answer = get(broken_store(), uri).await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        assert_eq!(answer.content_type(), "application/json");
        let value = answer.json();
        assert_eq!(value["error"]["code"], "internal");
        assert!(
            !answer.body.contains("fake") && !answer.body.contains("poisoned"),
            "{}",
            answer.body
        );
    }
}

#[tokio::test]
async fn article_wire_format() {
    let store = store_with(vec![article("a1", "عنوان", "2022-07-21T14:30")]);
    let value = get(store, "/api/articles/a1").await.json();
    assert_eq!(
        value,
        json!({
            "schema": 1,
            "article": {
                "id": "a1",
                "url": "https://www.example.ma/news/a1.html",
                "title": "عنوان",
                "subtitle": "الحكومة تعلن خطة جديدة للمياه",
                "author": "محمد العلوي",
                "dateline": "الرباط",
                "source": "هسبريس",
                "published": "2022-07-21T14:30",
                "published_precision": "minute",
                "language": "ar",
                "captions": ["سد المسيرة في صيف 2022"],
                "body": [
                    "أعلنت وزارة التجهيز والماء عن برنامج لتحلية مياه البحر.",
                    "وقال الوزير إن البرنامج يشمل 20 محطة بحلول 2030.",
                ],
                "aggregator": {
                    "name": "كشاف",
                    "source": "هسبريس",
                    "category": "اقتصاد",
                    "credibility_percent": 87,
                    "importance_percent": 40,
                },
                "imported_at": "2023-11-14T22:13:20Z",
            },
        })
    );
}

#[tokio::test]
async fn undecodable_id_is_404() {
    let store = store_with(many(1));
    let api = get(store.clone(), "/api/articles/%FF").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "not_found");
    assert_eq!(
        get(store, "/articles/%FF").await.status,
        StatusCode::NOT_FOUND
    );
}
