//! Moderation through the web: reports from distinct visitors hide an item everywhere, one
//! visitor counts once, forms refuse forged or cross-site posts, the per-address limit, and
//! the administrator's queue, decisions and audit log.

use axum::http::StatusCode;

use crate::fake_store::{article, store_with};
use crate::{Answer, app_with, send};

const FORM: &str = "application/x-www-form-urlencoded";

/// The visitor cookie (`name=value`) a response sets.
fn visitor_cookie(answer: &Answer) -> String {
    let set = answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("marsad_visitor="))
        .expect("a visitor cookie")
        .to_owned();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().unwrap().to_owned()
}

/// The value of the hidden `csrf` field of a form.
fn csrf_of(body: &str) -> String {
    let at = body.find(r#"name="csrf" value=""#).expect("a csrf field") + 19;
    body[at..].split('"').next().unwrap().to_owned()
}

/// Open the report form for `kind`/`id` as a new visitor: (cookie, csrf).
async fn new_visitor(app: &axum::Router, kind: &str, id: &str) -> (String, String) {
    let id_q: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
    let form = send(
        app,
        "GET",
        &format!("/report?kind={kind}&id={id_q}"),
        &[],
        "",
    )
    .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains(r#"action="/report""#));
    (visitor_cookie(&form), csrf_of(&form.body))
}

async fn report(app: &axum::Router, cookie: &str, csrf: &str, kind: &str, id: &str) -> Answer {
    let id_q: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
    let body = format!("kind={kind}&id={id_q}&reason=abuse&details=%3Cb%3Ex%3C%2Fb%3E&csrf={csrf}");
    send(
        app,
        "POST",
        "/report",
        &[
            ("content-type", FORM),
            ("cookie", cookie),
            ("host", "localhost"),
            ("origin", "http://localhost"),
        ],
        &body,
    )
    .await
}

#[tokio::test]
async fn three_distinct_visitors_hide_an_image_and_an_article() {
    let store = store_with(vec![
        article("a1", "سد جديد في الرباط", "2022-07-21"),
        article("a2", "خبر آخر عن الماء", "2022-07-20"),
    ]);
    let app = app_with(store, |_| {});
    let page = send(&app, "GET", "/articles/a1", &[], "").await;
    assert!(
        page.body.contains("سد المسيرة في صيف 2022"),
        "the caption is shown"
    );
    assert!(
        page.body
            .contains(r#"href="/report?kind=image&#38;id=a1%2F0""#),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(r#"href="/report?kind=article&#38;id=a1""#)
    );

    // The first visitor reports the image twice: it counts once.
    let (cookie, csrf) = new_visitor(&app, "image", "a1/0").await;
    let first = report(&app, &cookie, &csrf, "image", "a1/0").await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(first.body.contains("وصل بلاغك"));
    let again = report(&app, &cookie, &csrf, "image", "a1/0").await;
    assert!(again.body.contains("يُحتسب بلاغ كل قارئ مرة واحدة"));
    for _ in 0..1 {
        let (cookie, csrf) = new_visitor(&app, "image", "a1/0").await;
        let second = report(&app, &cookie, &csrf, "image", "a1/0").await;
        assert!(
            !second.body.contains("report-hidden"),
            "two reports do not hide"
        );
    }
    let page = send(&app, "GET", "/articles/a1", &[], "").await;
    assert!(
        page.body.contains("سد المسيرة في صيف 2022"),
        "still shown after two"
    );
    let (cookie, csrf) = new_visitor(&app, "image", "a1/0").await;
    let third = report(&app, &cookie, &csrf, "image", "a1/0").await;
    assert!(third.body.contains("report-hidden"), "{}", third.body);
    let page = send(&app, "GET", "/articles/a1", &[], "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("سد المسيرة في صيف 2022"),
        "the image is gone"
    );
    let api = send(&app, "GET", "/api/articles/a1", &[], "").await.json();
    assert_eq!(api["article"]["captions"], serde_json::json!([]));
    assert_eq!(api["article"]["hidden_images"], serde_json::json!([0]));

    // Three visitors report the article: it leaves every list.
    for _ in 0..3 {
        let (cookie, csrf) = new_visitor(&app, "article", "a1").await;
        let done = report(&app, &cookie, &csrf, "article", "a1").await;
        assert_eq!(done.status, StatusCode::OK);
    }
    let gone = send(&app, "GET", "/articles/a1", &[], "").await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(gone.body.contains("أُخفي هذا المحتوى"));
    let api_gone = send(&app, "GET", "/api/articles/a1", &[], "").await;
    assert_eq!(api_gone.status, StatusCode::GONE);
    assert_eq!(api_gone.json()["error"]["code"], "hidden");
    let home = send(&app, "GET", "/", &[], "").await;
    assert!(!home.body.contains("سد جديد في الرباط") && home.body.contains("خبر آخر عن الماء"));
    assert!(home.body.contains("مقال واحد"), "the count leaves it out");
    let list = send(&app, "GET", "/api/articles", &[], "").await.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["articles"][0]["id"], "a2");
    let q: String = form_urlencoded::byte_serialize("الوزير".as_bytes()).collect();
    let search = send(&app, "GET", &format!("/api/search?q={q}"), &[], "")
        .await
        .json();
    let ids: Vec<&str> = search["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a2"]);
    let page = send(&app, "GET", &format!("/search?q={q}"), &[], "").await;
    assert!(!page.body.contains("/articles/a1\""));
    let feed = send(&app, "GET", "/feeds/home.atom", &[], "").await;
    assert!(!feed.body.contains("/articles/a1<") && feed.body.contains("/articles/a2"));
}

#[tokio::test]
async fn forged_or_cross_site_reports_are_refused() {
    let app = app_with(
        store_with(vec![article("a1", "عنوان", "2022-07-21")]),
        |_| {},
    );
    let (cookie, csrf) = new_visitor(&app, "article", "a1").await;
    let (other_cookie, _) = new_visitor(&app, "article", "a1").await;
    let post = |cookie: String, csrf: String, origin: &'static str| {
        let app = app.clone();
        async move {
            let body = format!("kind=article&id=a1&reason=abuse&csrf={csrf}");
            let mut headers = vec![
                ("content-type", FORM),
                ("host", "localhost"),
                ("origin", origin),
            ];
            if !cookie.is_empty() {
                headers.push(("cookie", cookie.as_str()));
            }
            send(&app, "POST", "/report", &headers, &body).await
        }
    };
    let no_cookie = post(String::new(), csrf.clone(), "http://localhost").await;
    assert_eq!(no_cookie.status, StatusCode::FORBIDDEN);
    let wrong_token = post(other_cookie.clone(), csrf.clone(), "http://localhost").await;
    assert_eq!(
        wrong_token.status,
        StatusCode::FORBIDDEN,
        "a token is tied to its cookie"
    );
    let forged = post(
        "marsad_visitor=00000000000000000000000000000000.abc".into(),
        csrf.clone(),
        "http://localhost",
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let cross = post(cookie.clone(), csrf.clone(), "http://evil.example").await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    assert!(cross.body.contains("موقع آخر"));
    let ok = post(cookie.clone(), csrf.clone(), "http://localhost").await;
    assert_eq!(ok.status, StatusCode::OK);

    let unknown = send(&app, "GET", "/report?kind=article&id=nope", &[], "").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let no_image = send(&app, "GET", "/report?kind=image&id=a1%2F7", &[], "").await;
    assert_eq!(no_image.status, StatusCode::NOT_FOUND);
    let bad_kind = send(&app, "GET", "/report?kind=user&id=a1", &[], "").await;
    assert_eq!(bad_kind.status, StatusCode::BAD_REQUEST);
    let huge = "x".repeat(20_000);
    let too_big = send(&app, "POST", "/report", &[("content-type", FORM)], &huge).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn one_address_is_rate_limited() {
    let app = app_with(
        store_with(vec![article("a1", "عنوان", "2022-07-21")]),
        |s| s.reports_per_hour = 2,
    );
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let (cookie, csrf) = new_visitor(&app, "article", "a1").await;
        statuses.push(report(&app, &cookie, &csrf, "article", "a1").await.status);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}

#[tokio::test]
async fn the_administrator_restores_and_the_log_records_it() {
    let app = app_with(
        store_with(vec![article("a1", "عنوان الخبر", "2022-07-21")]),
        |s| {
            s.admin_token = Some("s3cret-token".into());
            s.report_threshold = 1;
        },
    );
    let (cookie, csrf) = new_visitor(&app, "article", "a1").await;
    report(&app, &cookie, &csrf, "article", "a1").await;
    assert_eq!(
        send(&app, "GET", "/articles/a1", &[], "").await.status,
        StatusCode::GONE
    );

    let unauthorised = send(&app, "GET", "/api/admin/queue", &[], "").await;
    assert_eq!(unauthorised.status, StatusCode::UNAUTHORIZED);
    let wrong = send(
        &app,
        "GET",
        "/api/admin/queue",
        &[("authorization", "Bearer nope")],
        "",
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let bearer = [("authorization", "Bearer s3cret-token")];
    let queue = send(&app, "GET", "/api/admin/queue", &bearer, "")
        .await
        .json();
    assert_eq!(
        queue["items"][0]["item"],
        serde_json::json!({"kind": "article", "id": "a1"})
    );
    assert_eq!(queue["items"][0]["status"], "hidden");
    assert_eq!(
        queue["items"][0]["reasons"][0],
        "محتوى مسيء أو عنيف: <b>x</b>"
    );

    // The web admin: a wrong token is refused, the right one opens a session.
    let page = send(&app, "GET", "/admin", &[], "").await;
    assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    assert!(page.body.contains(r#"action="/admin/login""#));
    let bad = send(
        &app,
        "POST",
        "/admin/login",
        &[("content-type", FORM)],
        "token=wrong",
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let login = send(
        &app,
        "POST",
        "/admin/login",
        &[("content-type", FORM)],
        "token=s3cret-token",
    )
    .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let session = login.headers["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let admin = send(&app, "GET", "/admin", &[("cookie", &session)], "").await;
    assert_eq!(admin.status, StatusCode::OK);
    assert!(
        admin.body.contains("&#60;b&#62;x&#60;/b&#62;"),
        "reasons are escaped"
    );
    let csrf = csrf_of(&admin.body);
    let forged = send(
        &app,
        "POST",
        "/admin/decide",
        &[("content-type", FORM), ("cookie", &session)],
        "kind=article&id=a1&decision=restore&csrf=bad",
    )
    .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let restored = send(
        &app,
        "POST",
        "/admin/decide",
        &[("content-type", FORM), ("cookie", &session)],
        &format!("kind=article&id=a1&decision=restore&note=ok&csrf={csrf}"),
    )
    .await;
    assert_eq!(restored.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(&app, "GET", "/articles/a1", &[], "").await.status,
        StatusCode::OK
    );

    let removed = send(
        &app,
        "POST",
        "/api/admin/decide",
        &[
            ("authorization", "Bearer s3cret-token"),
            ("content-type", "application/json"),
        ],
        r#"{"kind": "article", "id": "a1", "decision": "remove"}"#,
    )
    .await;
    assert_eq!(removed.json()["status"], "removed");
    assert_eq!(
        send(&app, "GET", "/articles/a1", &[], "").await.status,
        StatusCode::GONE
    );
    let log = send(&app, "GET", "/api/admin/log", &bearer, "")
        .await
        .json();
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["remove", "restore", "auto_hide", "report"]);
    let log_page = send(&app, "GET", "/admin/log", &[("cookie", &session)], "").await;
    assert!(log_page.body.contains("auto_hide"));
    assert_eq!(
        send(&app, "GET", "/admin/log", &[], "").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn without_a_token_there_is_no_web_administration() {
    let app = app_with(store_with(Vec::new()), |_| {});
    let page = send(&app, "GET", "/admin", &[], "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("marsad admin"));
    let login = send(
        &app,
        "POST",
        "/admin/login",
        &[("content-type", FORM)],
        "token=",
    )
    .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
    let api = send(
        &app,
        "GET",
        "/api/admin/queue",
        &[("authorization", "Bearer ")],
        "",
    )
    .await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn with_the_page_cache_on_a_report_still_hides_at_once() {
    let store = store_with(vec![
        article("a1", "سد جديد في الرباط", "2022-07-21"),
        article("a2", "خبر آخر عن الماء", "2022-07-20"),
    ]);
    let app = app_with(store.clone(), |s| {
        s.page_cache = std::time::Duration::from_secs(3600);
    });
    let q: String = form_urlencoded::byte_serialize("الوزير".as_bytes()).collect();
    let public = [
        "/".to_owned(),
        "/articles/a1".to_owned(),
        "/api/articles/a1".to_owned(),
        format!("/api/search?q={q}"),
        format!("/search?q={q}"),
        "/feeds/home.atom".to_owned(),
    ];
    for path in &public {
        let first = send(&app, "GET", path, &[], "").await;
        assert_eq!(first.status, StatusCode::OK, "{path}");
        let again = send(&app, "GET", path, &[], "").await;
        assert_eq!(again.status, StatusCode::OK, "{path}");
        assert_eq!(
            again.headers.get("content-type"),
            first.headers.get("content-type"),
            "{path}"
        );
        assert!(
            again.headers.contains_key("content-security-policy"),
            "security headers on cached answers too: {path}"
        );
    }

    // An article written behind the server's back (another process importing) is not seen
    // while the home is cached: the cache is really answering.
    marsad_store::ArticleStore::put(
        store.articles.as_ref(),
        &article("a3", "مقال جديد عن القمح", "2022-07-22"),
    )
    .await
    .unwrap();
    let cached = send(&app, "GET", "/", &[], "").await;
    assert!(!cached.body.contains("مقال جديد عن القمح"));

    // Reports through the server empty the cache: everything shows the hiding at once.
    for _ in 0..3 {
        let (cookie, csrf) = new_visitor(&app, "article", "a1").await;
        let done = report(&app, &cookie, &csrf, "article", "a1").await;
        assert_eq!(done.status, StatusCode::OK);
    }
    let gone = send(&app, "GET", "/articles/a1", &[], "").await;
    assert_eq!(gone.status, StatusCode::GONE);
    let api_gone = send(&app, "GET", "/api/articles/a1", &[], "").await;
    assert_eq!(api_gone.status, StatusCode::GONE);
    let home = send(&app, "GET", "/", &[], "").await;
    assert!(!home.body.contains("سد جديد في الرباط"), "{}", home.body);
    assert!(home.body.contains("مقال جديد عن القمح"));
    let search = send(&app, "GET", &format!("/api/search?q={q}"), &[], "")
        .await
        .json();
    assert!(
        search["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["id"] != "a1"),
        "{search}"
    );
    let feed = send(&app, "GET", "/feeds/home.atom", &[], "").await;
    assert!(!feed.body.contains("/articles/a1<"));
}
