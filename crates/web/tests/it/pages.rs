//! The HTML pages: structure, escaping, dates, links, errors, pagination.

use axum::http::StatusCode;

use crate::fake_store::{article, broken_store, many, store_with};
use crate::{assert_security_headers, get, with_q};

const XSS: &str = "<script>alert(1)</script>";
const XSS_ESCAPED: &str = "&#60;script&#62;alert(1)&#60;/script&#62;";

fn assert_html_page(answer: &crate::Answer) {
    assert!(
        answer.content_type().starts_with("text/html"),
        "{}",
        answer.content_type()
    );
    assert!(answer.body.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(answer.body.contains(r#"<meta name="viewport""#));
    assert!(!answer.body.contains("<script"), "no script on pages");
    assert!(!answer.body.contains("style=\""), "no inline style (CSP)");
    assert!(!answer.body.contains(" onclick"), "no inline handlers");
    assert_security_headers(answer);
}

#[tokio::test]
async fn home_lists_the_latest_articles() {
    let store = store_with(vec![
        article("old", "خبر قديم", "2021-01-05"),
        article("new", "سد جديد في الرباط", "2022-07-21T14:30"),
    ]);
    let answer = get(store, "/").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_html_page(&answer);
    let body = &answer.body;
    let new = body.find("سد جديد في الرباط").expect("newest title");
    let old = body.find("خبر قديم").expect("older title");
    assert!(new < old, "newest first");
    assert!(body.contains(r#"href="/articles/new""#));
    assert!(body.contains("21 يوليو 2022، 14:30"));
    assert!(body.contains(r#"datetime="2022-07-21T14:30""#));
    assert!(body.contains("5 يناير 2021"));
    assert!(body.contains("<bdi>هسبريس</bdi>"));
    assert!(body.contains("<bdi>اقتصاد</bdi>"), "aggregator category");
    assert!(body.contains("مقالان"), "dual form of the count");
    assert!(body.contains(r#"action="/search""#) && body.contains(r#"name="q""#));
}

#[tokio::test]
async fn home_paginates() {
    let store = store_with(many(45));
    let first = get(store.clone(), "/").await;
    assert!(first.body.contains("خبر رقم 0<") && first.body.contains("خبر رقم 19<"));
    assert!(!first.body.contains("خبر رقم 20<"));
    assert!(first.body.contains(r#"rel="next" href="/?page=2""#));
    assert!(!first.body.contains(r#"rel="prev""#));
    assert!(first.body.contains("45 مقالًا"));

    let third = get(store.clone(), "/?page=3").await;
    assert_eq!(third.status, StatusCode::OK);
    assert!(third.body.contains("خبر رقم 40<") && third.body.contains("خبر رقم 44<"));
    assert!(!third.body.contains("خبر رقم 39<"));
    assert!(third.body.contains(r#"rel="prev" href="/?page=2""#));
    assert!(!third.body.contains(r#"rel="next""#));
    assert!(third.body.contains("صفحة 3 من 3"));

    let past = get(store.clone(), "/?page=9").await;
    assert_eq!(past.status, StatusCode::OK);
    assert!(past.body.contains("لا توجد أخبار في هذه الصفحة"));

    for bad in [
        "/?page=0",
        "/?page=abc",
        "/?page=-1",
        "/?page=99999999999999999999",
    ] {
        let answer = get(store.clone(), bad).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_html_page(&answer);
        assert!(answer.body.contains("طلب غير صالح"));
    }
    // An empty `page` (as forms send) is page 1.
    assert_eq!(get(store, "/?page=").await.status, StatusCode::OK);
}

#[tokio::test]
async fn article_page_shows_everything() {
    let store = store_with(vec![article(
        "a1",
        "الحكومة تطلق برنامج التحلية",
        "2022-07-21",
    )]);
    let answer = get(store, "/articles/a1").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_html_page(&answer);
    let body = &answer.body;
    assert!(body.contains(r#"<h1 dir="auto">الحكومة تطلق برنامج التحلية</h1>"#));
    assert!(body.contains("<title>الحكومة تطلق برنامج التحلية · مرصد</title>"));
    assert!(body.contains("الحكومة تعلن خطة جديدة للمياه"), "subtitle");
    assert!(body.contains("<bdi>محمد العلوي</bdi>"), "author");
    assert!(body.contains("<bdi>الرباط</bdi>"), "dateline");
    assert!(
        body.contains("21 يوليو 2022<"),
        "date without time at day precision"
    );
    assert!(
        body.contains(
            r#"<p dir="auto">أعلنت وزارة التجهيز والماء عن برنامج لتحلية مياه البحر.</p>"#
        )
    );
    assert!(body.contains("سد المسيرة في صيف 2022"), "caption");
    assert!(body.contains("<bdi>كشاف</bdi>") && body.contains("87٪") && body.contains("40٪"));
    assert!(body.contains(
        r#"<a href="https://www.example.ma/news/a1.html" rel="noopener noreferrer nofollow">اقرأ الخبر من مصدره</a>"#
    ));
    assert!(body.contains("www.example.ma"));
}

#[tokio::test]
async fn article_page_degrades_gracefully() {
    let mut bare = article("bare", "", "x");
    bare.article.title = None;
    bare.article.subtitle = None;
    bare.article.author = None;
    bare.article.published = Default::default();
    bare.article.aggregator = None;
    bare.article.captions.clear();
    bare.article.url = Some("javascript:alert(1)".to_owned());
    let answer = get(store_with(vec![bare]), "/articles/bare").await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = &answer.body;
    assert!(body.contains("(بلا عنوان)"));
    assert!(
        !body.contains("javascript:"),
        "only http(s) URLs become links"
    );
    assert!(!body.contains("اقرأ الخبر من مصدره"));
    assert!(!body.contains("<time"), "no date, nothing shown");
    assert!(!body.contains("تعليقات الصور") && !body.contains("class=\"aggregator\""));
}

#[tokio::test]
async fn unknown_article_is_an_arabic_404() {
    let answer = get(store_with(many(2)), "/articles/nope").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_html_page(&answer);
    assert!(answer.body.contains("الصفحة غير موجودة"));
    assert!(answer.body.contains("لم نجد ما تبحث عنه"));

    let unknown_route = get(store_with(many(1)), "/no/such/page").await;
    assert_eq!(unknown_route.status, StatusCode::NOT_FOUND);
    assert_html_page(&unknown_route);
}

#[tokio::test]
async fn hostile_text_is_escaped_everywhere() {
    let mut hostile = article("x1", &format!("عنوان {XSS}"), "2022-07-21");
    hostile.article.source = Some(XSS.to_owned());
    hostile.article.body = vec![format!("فقرة {XSS} فيها")];
    hostile.article.captions = vec![XSS.to_owned()];
    hostile.article.author = Some(XSS.to_owned());
    hostile.article.aggregator.as_mut().unwrap().category = Some(XSS.to_owned());
    let store = store_with(vec![hostile]);
    let uris = [
        "/".to_owned(),
        "/articles/x1".to_owned(),
        with_q("/search", "عنوان", ""),
        with_q("/search", XSS, ""),
    ];
    for uri in &uris {
        let answer = get(store.clone(), uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        assert!(!answer.body.contains(XSS), "{uri} leaks raw markup");
        assert!(!answer.body.contains("<script"), "{uri}");
        assert!(
            answer.body.contains(XSS_ESCAPED),
            "{uri} shows the escaped text"
        );
    }
}

#[tokio::test]
async fn search_page() {
    let store = store_with(vec![
        article("w1", "برنامج تحلية المياه", "2022-07-21"),
        article("w2", "مباراة الوداد والرجاء", "2022-07-22"),
    ]);
    let empty = get(store.clone(), "/search").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_html_page(&empty);
    assert!(empty.body.contains(r#"name="q""#));
    assert!(!empty.body.contains("نتيجة") && !empty.body.contains("نتائج"));

    let answer = get(store.clone(), &with_q("/search", "الوداد", "")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_html_page(&answer);
    assert!(answer.body.contains("مباراة الوداد والرجاء"));
    assert!(!answer.body.contains("برنامج تحلية المياه"));
    assert!(answer.body.contains("نتيجة واحدة"));
    assert!(
        answer.body.contains(r#"value="الوداد""#),
        "the query stays in the box"
    );
    assert!(answer.body.contains(r#"class="snippet" dir="auto""#));
    assert!(answer.body.contains("22 يوليو 2022"));

    // «الوزير» is in every body: two results.
    let both = get(store.clone(), &with_q("/search", "الوزير", "")).await;
    assert!(both.body.contains("نتيجتان"));

    let none = get(store.clone(), "/search?q=zzz").await;
    assert!(none.body.contains("لا نتائج"));

    let long = format!("/search?q={}", "a".repeat(301));
    assert_eq!(get(store, &long).await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn search_page_paginates_and_keeps_the_query() {
    let store = store_with(many(25));
    // «خبر» matches every title.
    let first = get(store.clone(), &with_q("/search", "خبر", "")).await;
    assert!(first.body.contains("25 نتيجةً"));
    assert!(
        first
            .body
            .contains(r#"rel="next" href="/search?q=%D8%AE%D8%A8%D8%B1&#38;page=2""#),
        "{}",
        first.body
    );
    let third = get(store, &with_q("/search", "خبر", "&page=3")).await;
    assert!(third.body.contains("صفحة 3 من 3"));
    assert!(third.body.contains("خبر رقم 24<"));
    assert!(!third.body.contains("خبر رقم 19<"));
}

#[tokio::test]
async fn store_failure_is_a_500_page_without_details() {
    let answer = get(broken_store(), "/").await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_html_page(&answer);
    assert!(answer.body.contains("خطأ داخلي"));
    assert!(!answer.body.contains("fake") && !answer.body.contains("poisoned"));
}

#[tokio::test]
async fn health_and_stylesheet() {
    let health = get(broken_store(), "/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body, "ok");
    assert_security_headers(&health);

    let home = get(store_with(many(1)), "/").await;
    let start = home.body.find("/static/style.css").unwrap();
    let href: String = home.body[start..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let css = get(store_with(Vec::new()), &href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.content_type(), "text/css; charset=utf-8");
    assert!(css.body.contains("font-family"));
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let unversioned = get(store_with(Vec::new()), "/static/style.css").await;
    assert_eq!(unversioned.headers["cache-control"], "no-cache");
}

#[tokio::test]
async fn foreign_language_articles_say_so() {
    let mut french = article("fr1", "Le barrage de Rabat", "2022-07-21");
    french.article.language = "fr".to_owned();
    let answer = get(store_with(vec![french]), "/articles/fr1").await;
    assert!(
        answer
            .body
            .contains(r#"<article class="article" lang="fr">"#)
    );
}

#[tokio::test]
async fn head_requests_get_headers_only() {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    let request = Request::builder()
        .method("HEAD")
        .uri("/")
        .body(Body::empty())
        .unwrap();
    let response = marsad_web::router(store_with(many(2)))
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers().contains_key("content-security-policy"));
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    assert!(body.is_empty());
}

#[tokio::test]
async fn home_shows_the_keyword_cloud_of_visible_articles() {
    let store = crate::fake_store::store_with(vec![
        crate::fake_store::article("a1", "سد جديد في الرباط", "2022-07-21"),
        crate::fake_store::article("a2", "افتتاح سد الرباط", "2022-07-20"),
        crate::fake_store::article("a3", "خبر مخفي", "2022-07-19"),
    ]);
    let kw = |display: &str, weight: f64| marsad_analyze::Keyword {
        term: display.to_owned(),
        display: display.to_owned(),
        weight,
        entity: false,
    };
    let analysis = |keywords: Vec<marsad_analyze::Keyword>| marsad_analyze::Analysis {
        keywords,
        ..marsad_analyze::Analysis::default()
    };
    store
        .analyses
        .put_analyses(&[
            (
                "a1".into(),
                analysis(vec![kw("السدود", 3.0), kw("الرباط", 1.0)]),
            ),
            (
                "a2".into(),
                analysis(vec![kw("السدود", 2.0), kw("<الماء>", 0.5)]),
            ),
            ("a3".into(), analysis(vec![kw("كلمةمخفية", 9.0)])),
        ])
        .await
        .unwrap();
    for who in ["r1", "r2", "r3"] {
        store
            .moderation
            .report(
                &marsad_store::moderation::NewReport {
                    item: marsad_store::moderation::ItemRef::article("a3"),
                    reporter: who.into(),
                    reason: "سبب".into(),
                    at: chrono::Utc::now(),
                },
                3,
            )
            .await
            .unwrap();
    }
    let app = crate::app_with(store, |_| {});
    let home = crate::send(&app, "GET", "/", &[], "").await;
    assert_eq!(home.status, axum::http::StatusCode::OK);
    let body = &home.body;
    let cloud = &body[body.find(r#"class="cloud""#).expect("a cloud")..];
    let cloud = &cloud[..cloud.find("</section>").unwrap()];
    let dams: String = form_urlencoded::byte_serialize("السدود".as_bytes()).collect();
    assert!(
        cloud.contains(&format!(r#"<li class="w5"><a href="/search?q={dams}""#)),
        "the heaviest word is the largest and searches: {cloud}"
    );
    assert!(cloud.contains("الرباط"));
    assert!(cloud.contains("&#60;الماء&#62;"), "escaped: {cloud}");
    assert!(
        !cloud.contains("كلمةمخفية"),
        "a hidden article's words are left out"
    );
    // Not on later pages.
    let second = crate::send(&app, "GET", "/?page=2", &[], "").await;
    assert!(!second.body.contains(r#"class="cloud""#));
}

#[tokio::test]
async fn source_page_counts_and_lists_an_outlets_articles() {
    let mut other = article("x1", "خبر من منبر آخر", "2022-07-22");
    other.article.source = Some(format!("منبر {XSS}"));
    let store = store_with(vec![
        article("s1", "خبر أول", "2022-06-03"),
        article("s2", "خبر ثان", "2022-07-21T14:30"),
        other,
    ]);
    store
        .sources
        .put_source(&marsad_store::Source {
            id: "hespress.com".into(),
            name: "هسبريس".into(),
            home_url: "https://www.hespress.com/".into(),
            country: Some("MA".into()),
            language: Some("ar".into()),
            feeds: Vec::new(),
            sitemaps: Vec::new(),
            profile: Default::default(),
            added_at: chrono::Utc::now(),
            schedule: marsad_store::Schedule {
                interval_secs: 1800,
                next_due: chrono::Utc::now(),
                last_run: None,
                last_new: 0,
            },
        })
        .await
        .unwrap();
    let page = get(
        store.clone(),
        "/sources/%D9%87%D8%B3%D8%A8%D8%B1%D9%8A%D8%B3",
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_html_page(&page);
    let body = &page.body;
    assert!(body.contains("<bdi>هسبريس</bdi></h1>"), "{body}");
    assert!(
        body.contains("مقالان"),
        "its two articles, not the other outlet's"
    );
    assert!(body.contains(r#"href="https://www.hespress.com/""#) && body.contains(">MA<"));
    let newest = body.find(r#"href="/articles/s2""#).expect("newest listed");
    let older = body.find(r#"href="/articles/s1""#).expect("older listed");
    assert!(newest < older, "newest first");
    assert!(!body.contains("/articles/x1"));
    assert!(
        body.contains(r#"<time datetime="2022-07">"#)
            && body.contains(r#"<time datetime="2022-06">"#)
    );
    assert!(body.contains("<bdi>اقتصاد</bdi>"), "per category");
    assert!(body.contains("/feeds/source.atom?source="));

    // An outlet known only from its articles has a page too, its name escaped.
    let other = get(
        store.clone(),
        &format!(
            "/sources/{}",
            utf8_percent_encode_all(&format!("منبر {XSS}"))
        ),
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(other.body.contains(XSS_ESCAPED) && !other.body.contains(XSS));
    assert!(other.body.contains(r#"href="/articles/x1""#));

    assert_eq!(
        get(store.clone(), "/sources/%D9%84%D8%A7").await.status,
        StatusCode::NOT_FOUND
    );

    // The article page links its outlet to this page.
    let article = get(store.clone(), "/articles/s1").await;
    assert!(
        article
            .body
            .contains(r#"href="/sources/%D9%87%D8%B3%D8%A8%D8%B1%D9%8A%D8%B3""#),
        "{}",
        article.body
    );

    let api: serde_json::Value = serde_json::from_str(
        &get(store, "/api/sources/%D9%87%D8%B3%D8%A8%D8%B1%D9%8A%D8%B3")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(api["total"], 2);
    assert_eq!(api["registered"]["id"], "hespress.com");
    assert_eq!(api["article_ids"], serde_json::json!(["s2", "s1"]));
}

/// Every byte percent-encoded (a path segment that survives any character).
fn utf8_percent_encode_all(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}
