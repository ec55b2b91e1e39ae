//! Event pages and the home page's latest events, over the in-memory cluster store.

use axum::http::StatusCode;
use marsad_store::{
    ArticleAssignment, ClusterUpdate, EventRecord, StorylineRecord, TimelineRecord,
};

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
            storylines: vec![StorylineRecord {
                id: "s1".into(),
                label: "سدود الرباط".into(),
                events: vec!["e2".into(), "e1".into()],
            }],
            timelines: vec![
                entry(
                    "2020-12",
                    "month",
                    "mentioned",
                    "في دجنبر 2020 أُعلن <مشروع> السد.",
                    None,
                    &["a1", "a2"],
                ),
                entry(
                    "2022-07-19",
                    "day",
                    "event",
                    "مباراة <الوداد>",
                    Some("e2"),
                    &["a3"],
                ),
                entry(
                    "2022-07-21",
                    "day",
                    "event",
                    "سد جديد في الرباط",
                    Some("e1"),
                    &["a1", "a2"],
                ),
            ],
            ..Default::default()
        })
        .await
        .unwrap();
    // One entity resolved across the store, mentioned by a1 (twice) and a2.
    store
        .entities
        .put_entities(&[marsad_store::EntityRecord {
            id: "loc-rabat".into(),
            entity_type: "location".into(),
            canonical: "الرباط".into(),
            gazetteer: None,
            forms: vec![("الرباط".into(), 3), ("رباط".into(), 1)],
        }])
        .await
        .unwrap();
    let mention = |paragraph: u32| marsad_store::MentionRecord {
        entity_id: "loc-rabat".into(),
        field: "body".into(),
        paragraph,
        start: 0,
        end: 12,
        surface: "الرباط".into(),
    };
    for (article, n) in [("a1", 2), ("a2", 1)] {
        let mentions: Vec<_> = (0..n).map(mention).collect();
        store
            .entities
            .put_mentions(article, &mentions)
            .await
            .unwrap();
    }
    store
}

fn entry(
    date: &str,
    precision: &str,
    kind: &str,
    what: &str,
    event: Option<&str>,
    articles: &[&str],
) -> TimelineRecord {
    TimelineRecord {
        storyline: "s1".into(),
        date: date.into(),
        precision: precision.into(),
        kind: kind.into(),
        what: what.into(),
        event: event.map(str::to_owned),
        articles: articles.iter().map(|a| (*a).to_owned()).collect(),
    }
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
    assert!(home.body.contains("أهم الأحداث"));
    let e1 = home.body.find(r#"href="/events/e1""#).expect("e1 on home");
    let e2 = home.body.find(r#"href="/events/e2""#).expect("e2 on home");
    assert!(e1 < e2, "unscored: newest event first");
    assert!(!home.body.contains("<meter"), "no scores without analyses");
    assert!(
        home.body.contains("مباراة &#60;الوداد&#62;"),
        "labels escaped"
    );
}

#[tokio::test]
async fn storyline_page_shows_the_timeline_with_recalled_happenings() {
    let app = app_with(clustered().await, |_| {});
    let page = send(&app, "GET", "/storylines/s1", &[], "").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("سدود الرباط"));
    // In date order: the recalled happening, then the two events, each linking its page.
    let recalled = body
        .find("أُعلن &#60;مشروع&#62; السد")
        .expect("the recalled sentence, escaped");
    let first = body.find(r#"href="/events/e2""#).expect("e2 linked");
    let second = body.find(r#"href="/events/e1""#).expect("e1 linked");
    assert!(recalled < first && first < second, "by date");
    assert!(
        body.contains("ديسمبر 2020")
            || body.contains("دجنبر 2020")
            || body.contains("كانون الأول 2020"),
        "{body}"
    );
    assert!(
        body.contains(r#"href="/articles/a1""#),
        "the recalling articles are linked"
    );
    assert!(body.contains("حدثان"));
    assert!(body.contains(r#"href="/feeds/storyline.atom?id=s1""#));
    assert!(!body.contains("<مشروع>") && !body.contains("<الوداد>"));

    // The event page links its storyline.
    let event = send(&app, "GET", "/events/e1", &[], "").await;
    assert!(
        event.body.contains(r#"href="/storylines/s1""#),
        "{}",
        event.body
    );

    assert_eq!(
        send(&app, "GET", "/storylines/zz", &[], "").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn storyline_api_and_feed_leave_out_hidden_articles() {
    let store = clustered().await;
    for who in ["r1", "r2", "r3"] {
        store
            .moderation
            .report(
                &marsad_store::moderation::NewReport {
                    item: marsad_store::moderation::ItemRef::article("a2"),
                    reporter: who.into(),
                    reason: "سبب".into(),
                    at: chrono::Utc::now(),
                },
                3,
            )
            .await
            .unwrap();
    }
    let app = app_with(store, |_| {});
    let api = send(&app, "GET", "/api/storylines/s1", &[], "").await;
    assert_eq!(api.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["storyline"]["events"], serde_json::json!(["e2", "e1"]));
    let timeline = v["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 3);
    assert_eq!(timeline[0]["kind"], "mentioned");
    assert_eq!(
        timeline[0]["articles"],
        serde_json::json!(["a1"]),
        "a2 is hidden"
    );
    assert_eq!(timeline[2]["event"], "e1");

    let feed = send(&app, "GET", "/feeds/storyline.atom?id=s1", &[], "").await;
    assert_eq!(feed.status, StatusCode::OK);
    let atom = feed_rs::parser::parse(feed.body.as_bytes()).expect("valid Atom");
    let links: Vec<String> = atom
        .entries
        .iter()
        .flat_map(|e| e.links.iter().map(|l| l.href.clone()))
        .collect();
    assert!(
        links.iter().any(|l| l.ends_with("/articles/a1")),
        "{links:?}"
    );
    assert!(
        links.iter().any(|l| l.ends_with("/articles/a3")),
        "{links:?}"
    );
    assert!(
        !links.iter().any(|l| l.ends_with("/articles/a2")),
        "hidden: {links:?}"
    );
    assert_eq!(
        send(&app, "GET", "/feeds/storyline.atom", &[], "")
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn article_page_shows_names_quotes_and_the_rest_of_its_event() {
    let store = clustered().await;
    let body = vec![
        "وقال وزير التجهيز نزار بركة: «سيخدم السد الجديد سكان الرباط والنواحي لعقود».".to_owned(),
    ];
    let quotes = marsad_analyze::quotes(&body);
    assert!(!quotes.is_empty(), "the fixture has a quote");
    let entity = |canonical: &str, mentions: usize| marsad_analyze::ArticleEntity {
        entity_type: marsad_analyze::EntityType::Person,
        canonical: canonical.into(),
        forms: vec![canonical.into()],
        mentions: (0..mentions).collect(),
        gazetteer: None,
    };
    let analysis = marsad_analyze::Analysis {
        quotes,
        entities: marsad_analyze::ArticleEntities {
            mentions: Vec::new(),
            entities: vec![entity("الرباط", 1), entity("نزار <بركة>", 3)],
        },
        ..marsad_analyze::Analysis::default()
    };
    store
        .analyses
        .put_analyses(&[("a1".into(), analysis)])
        .await
        .unwrap();
    // Without names resolved across the store, the analysis's names link to searches.
    store.entities.put_mentions("a1", &[]).await.unwrap();
    let app = app_with(store, |_| {});
    let page = send(&app, "GET", "/articles/a1", &[], "").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    // Quotes, with their speaker.
    assert!(body.contains("من قال ماذا"), "{body}");
    assert!(body.contains("سيخدم السد الجديد"));
    // Names, most mentioned first, each a search, escaped.
    let names = &body[body.find(r#"class="names""#).expect("names")..];
    let first = names.find("نزار &#60;بركة&#62;").expect("escaped name");
    let second = names.find("<bdi>الرباط</bdi>").expect("second name");
    assert!(first < second, "most mentioned first");
    assert!(names.contains(r#"href="/search?q="#));
    // The rest of its event: a2, not itself, not the other event's a3.
    let related = &body[body.find(r#"class="related""#).expect("related coverage")..];
    assert!(related.contains(r#"href="/events/e1""#));
    assert!(related.contains(r#"href="/articles/a2""#));
    assert!(!related.contains(r#"href="/articles/a1""#) && !related.contains("/articles/a3"));
    // An article alone in its event shows no such section.
    let alone = send(&app, "GET", "/articles/a3", &[], "").await;
    assert!(!alone.body.contains(r#"class="related""#));
}

#[tokio::test]
async fn entity_page_api_and_feed() {
    let app = app_with(clustered().await, |_| {});
    let page = send(&app, "GET", "/entities/loc-rabat", &[], "").await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("<h1 dir=\"auto\">الرباط</h1>"), "{body}");
    assert!(body.contains("مكان") && body.contains("مقالان"));
    let forms = &body[body.find(r#"class="forms""#).expect("spellings")..];
    assert!(
        forms.find("<bdi>الرباط</bdi>") < forms.find("<bdi>رباط</bdi>"),
        "most used first"
    );
    assert!(
        body.contains(r#"<time datetime="2022-07">"#),
        "by month: {body}"
    );
    assert!(body.contains(r#"href="/articles/a1""#) && body.contains(r#"href="/articles/a2""#));
    assert!(!body.contains(r#"href="/articles/a3""#));
    assert_eq!(
        send(&app, "GET", "/entities/zz", &[], "").await.status,
        StatusCode::NOT_FOUND
    );

    let api: serde_json::Value = serde_json::from_str(
        &send(&app, "GET", "/api/entities/loc-rabat", &[], "")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(api["entity"]["canonical"], "الرباط");
    assert_eq!(
        api["article_ids"],
        serde_json::json!(["a1", "a2"]),
        "newest first"
    );

    let feed = send(&app, "GET", "/feeds/entity.atom?id=loc-rabat", &[], "").await;
    let atom = feed_rs::parser::parse(feed.body.as_bytes()).expect("valid Atom");
    assert_eq!(atom.entries.len(), 2);

    // The article page links the resolved name to the entity page.
    let article = send(&app, "GET", "/articles/a1", &[], "").await;
    assert!(
        article.body.contains(r#"href="/entities/loc-rabat""#),
        "{}",
        article.body
    );
}

#[tokio::test]
async fn home_ranks_the_latest_events_by_importance_with_their_scores() {
    let store = clustered().await;
    let scored = |importance: u8, credibility: u8| marsad_analyze::Analysis {
        importance: marsad_analyze::Score {
            value: importance,
            reasons: Vec::new(),
        },
        credibility: marsad_analyze::Score {
            value: credibility,
            reasons: Vec::new(),
        },
        category: Some(marsad_analyze::CategoryResult {
            label: "sport".into(),
            arabic: Some("رياضة".into()),
            confidence: 0.9,
            top: Vec::new(),
            terms: Vec::new(),
        }),
        ..marsad_analyze::Analysis::default()
    };
    // The older event (e2) matters more than the newer one (e1, two articles: the highest
    // importance counts, credibility is their mean).
    store
        .analyses
        .put_analyses(&[
            ("a1".into(), scored(40, 70)),
            ("a2".into(), scored(55, 81)),
            ("a3".into(), scored(90, 60)),
        ])
        .await
        .unwrap();
    let app = app_with(store, |_| {});
    let home = send(&app, "GET", "/", &[], "").await;
    let body = &home.body;
    let e1 = body.find(r#"href="/events/e1""#).expect("e1 on home");
    let e2 = body.find(r#"href="/events/e2""#).expect("e2 on home");
    assert!(e2 < e1, "most important first: {body}");
    let e2_item = &body[e2..e1];
    assert!(
        e2_item.contains(r#"<meter min="0" max="100" value="90">"#),
        "{e2_item}"
    );
    assert!(e2_item.contains("<bdi>رياضة</bdi>"));
    let e1_item = &body[e1..];
    assert!(e1_item.contains(r#"value="55""#), "the highest importance");
    assert!(
        e1_item.contains(r#"value="76""#),
        "mean credibility (70 + 81) / 2, rounded"
    );
}
