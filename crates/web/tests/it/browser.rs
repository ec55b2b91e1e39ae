//! A real browser: headless Chromium driven through chromedriver (fantoccini) against the
//! server on 127.0.0.1 over an embedded store. It loads the home page and checks it is RTL
//! Arabic, searches, opens an event, its storyline, an article and an entity, reports an image from three visitor sessions and sees
//! it hidden, checks the console for CSP violations (and that such a violation would be
//! seen), runs the axe-core accessibility check on every page it visits (no serious or
//! critical violation allowed), and saves screenshots of the home, event and article pages at
//! phone and desktop widths under `target/screenshots/`.
//!
//! Without `chromedriver` the test says it was skipped; under `CI=true` (or
//! `MARSAD_BROWSER_REQUIRED=1`, which `.ci/run` sets) that is a failure. The same holds for
//! axe-core (`axe.min.js` from npm): `.ci/run` installs it under `target/axe`; elsewhere
//! `MARSAD_AXE_JS` may name the file.

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::fake_store::article;

/// Kills chromedriver when the test ends, pass or fail.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver's log endpoint (`POST /session/{id}/se/log`), for the browser console.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _url: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_owned()),
        )
    }
}

fn find_driver() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromedriver"))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The console messages since the last call.
async fn console(client: &Client) -> Vec<String> {
    let value = client.issue_cmd(BrowserLog).await.unwrap_or(Value::Null);
    value
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| e["message"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn csp_violations(messages: &[String]) -> Vec<&String> {
    messages
        .iter()
        .filter(|m| m.contains("Content Security Policy") || m.contains("Refused to"))
        .collect()
}

async fn screenshot(client: &Client, dir: &std::path::Path, name: &str) {
    for (suffix, width, height) in [("phone", 390, 844), ("desktop", 1280, 900)] {
        client.set_window_size(width, height).await.unwrap();
        let png = client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        std::fs::write(dir.join(format!("{name}-{suffix}.png")), png).unwrap();
    }
}

fn required(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| v == "true" || v == "1")
}

/// The axe-core script: `MARSAD_AXE_JS`, else what `.ci/run` installs under `target/axe`.
fn axe_source() -> Option<String> {
    let path = std::env::var_os("MARSAD_AXE_JS").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/axe/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    );
    std::fs::read_to_string(path).ok()
}

/// The serious and critical accessibility violations axe-core finds on the current page.
/// The script is injected through WebDriver (not by the page, whose policy allows no inline
/// or foreign script).
async fn violations(client: &Client, axe: &str) -> Value {
    client
        .execute(&format!("{axe}\n;return typeof axe;"), vec![])
        .await
        .unwrap();
    client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ["violations"]})
              .then(r => done(r.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))
              .catch(e => done([{id: "axe-error", help: String(e)}]));"#,
            vec![],
        )
        .await
        .unwrap()
}

/// Fail on any serious or critical accessibility violation of the current page.
async fn accessible(client: &Client, axe: Option<&str>, page: &str) {
    let Some(axe) = axe else { return };
    let found = violations(client, axe).await;
    assert_eq!(
        found,
        json!([]),
        "{page}: serious accessibility violations (axe-core)"
    );
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chromium_reads_searches_and_reports() {
    let Some(driver_path) = find_driver() else {
        if required("CI") || required("MARSAD_BROWSER_REQUIRED") {
            panic!(
                "chromedriver is not installed, and CI is set: install chromium and chromium-driver"
            );
        }
        eprintln!(
            "browser test skipped: chromedriver not found (apt-get install chromium chromium-driver)"
        );
        return;
    };

    let axe = axe_source();
    if axe.is_none() {
        if required("CI") || required("MARSAD_BROWSER_REQUIRED") {
            panic!("axe-core is not installed under target/axe (run .ci/run) nor at MARSAD_AXE_JS");
        }
        eprintln!("accessibility check skipped: axe-core not found (see .ci/run)");
    }
    let axe = axe.as_deref();

    // The server, over a real embedded store.
    let dir = tempfile::tempdir().unwrap();
    let store = marsad_store::Store::open(dir.path()).await.unwrap();
    let mut second = article("a2", "أزمة الماء في فاس", "2022-07-20");
    second.content_hash = "other".into();
    for a in [article("a1", "سد جديد في الرباط", "2022-07-21"), second] {
        store.articles.put(&a).await.unwrap();
        store.index.upsert(&a).unwrap();
    }
    store.index.commit().unwrap();
    // An entity resolved across the store, for its page.
    store
        .entities
        .put_entities(&[marsad_store::EntityRecord {
            id: "loc-rabat".into(),
            entity_type: "location".into(),
            canonical: "الرباط".into(),
            gazetteer: None,
            forms: vec![("الرباط".into(), 2), ("رباط".into(), 1)],
        }])
        .await
        .unwrap();
    store
        .entities
        .put_mentions(
            "a1",
            &[marsad_store::MentionRecord {
                entity_id: "loc-rabat".into(),
                field: "title".into(),
                paragraph: 0,
                start: 0,
                end: 12,
                surface: "الرباط".into(),
            }],
        )
        .await
        .unwrap();
    // Keywords for the home page's cloud (checked for accessibility with the rest).
    let keywords = |words: &[(&str, f64)]| marsad_analyze::Analysis {
        keywords: words
            .iter()
            .map(|(w, weight)| marsad_analyze::Keyword {
                term: (*w).to_owned(),
                display: (*w).to_owned(),
                weight: *weight,
                entity: false,
            })
            .collect(),
        ..marsad_analyze::Analysis::default()
    };
    store
        .analyses
        .put_analyses(&[
            ("a1".into(), keywords(&[("السدود", 3.0), ("الرباط", 1.0)])),
            ("a2".into(), keywords(&[("الماء", 2.0), ("فاس", 0.4)])),
        ])
        .await
        .unwrap();
    let assign = |article: &str| marsad_store::ArticleAssignment {
        article: article.into(),
        event: "e1".into(),
        duplicate_of: None,
    };
    store
        .clusters
        .save(&marsad_store::ClusterUpdate {
            state: None,
            replace: true,
            articles: vec![assign("a1"), assign("a2")],
            events: vec![marsad_store::EventRecord {
                id: "e1".into(),
                label: "سد جديد في الرباط".into(),
                date: "2022-07-21".into(),
                articles: 2,
                entities: vec!["الرباط".into()],
            }],
            storylines: vec![marsad_store::StorylineRecord {
                id: "s1".into(),
                label: "سدود الرباط".into(),
                events: vec!["e1".into()],
            }],
            timelines: vec![
                marsad_store::TimelineRecord {
                    storyline: "s1".into(),
                    date: "2020-12".into(),
                    precision: "month".into(),
                    kind: "mentioned".into(),
                    what: "في دجنبر 2020 أُعلن مشروع السد.".into(),
                    event: None,
                    articles: vec!["a1".into()],
                },
                marsad_store::TimelineRecord {
                    storyline: "s1".into(),
                    date: "2022-07-21".into(),
                    precision: "day".into(),
                    kind: "event".into(),
                    what: "سد جديد في الرباط".into(),
                    event: Some("e1".into()),
                    articles: vec!["a1".into(), "a2".into()],
                },
            ],
            ..Default::default()
        })
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let key = marsad_web::VisitorKey::load_or_create(dir.path()).unwrap();
    let state = marsad_web::AppState::new(store, marsad_web::Settings::new(key));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(marsad_web::serve_with(state, listener, async {
        let _ = stopped.await;
    }));

    // chromedriver on a free port.
    let port = free_port();
    let _driver = Driver(
        Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "chromedriver did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]}),
    );
    caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a chromium session");

    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let result = async {
        // Home: Arabic, right to left.
        eprintln!("browser: home ({:?})", started.elapsed());
        client.goto(&format!("{base}/")).await.unwrap();
        let dir_lang = client
            .execute("return [document.documentElement.dir, document.documentElement.lang, getComputedStyle(document.body).direction];", vec![])
            .await
            .unwrap();
        assert_eq!(dir_lang, json!(["rtl", "ar", "rtl"]));
        assert!(text_of(&client, "h1").await.contains("آخر الأخبار"));
        assert_eq!(
            client
                .find_all(Locator::Css(".cloud li a"))
                .await
                .unwrap()
                .len(),
            4,
            "the keyword cloud"
        );
        accessible(&client, axe, "home").await;
        screenshot(&client, &shots, "home").await;

        // Search from the header's box.
        eprintln!("browser: search ({:?})", started.elapsed());
        let q = client.find(Locator::Css("input[name=q]")).await.unwrap();
        q.send_keys("الماء\n").await.unwrap();
        client
            .wait()
            .for_element(Locator::Css("ol.cards"))
            .await
            .unwrap();
        assert!(
            client
                .current_url()
                .await
                .unwrap()
                .path()
                .ends_with("/search")
        );
        let results = client.find_all(Locator::Css("ol.cards li")).await.unwrap();
        assert_eq!(results.len(), 2);
        assert!(
            !client
                .find_all(Locator::Css(".snippet mark"))
                .await
                .unwrap()
                .is_empty(),
            "highlights"
        );
        accessible(&client, axe, "search").await;

        // Open the event from the home page.
        client.goto(&format!("{base}/")).await.unwrap();
        client
            .find(Locator::Css(".events a[href='/events/e1']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .wait()
            .for_element(Locator::Css("article.event"))
            .await
            .unwrap();
        assert_eq!(
            client
                .find_all(Locator::Css("article.event ol.cards li"))
                .await
                .unwrap()
                .len(),
            2
        );
        accessible(&client, axe, "event").await;
        screenshot(&client, &shots, "event").await;

        // Its storyline, from the event page.
        client
            .find(Locator::Css("a[href='/storylines/s1']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .wait()
            .for_element(Locator::Css("ol.timeline"))
            .await
            .unwrap();
        assert_eq!(
            client
                .find_all(Locator::Css("ol.timeline > li"))
                .await
                .unwrap()
                .len(),
            2
        );
        accessible(&client, axe, "storyline").await;
        screenshot(&client, &shots, "storyline").await;

        // Open an article from the home page.
        eprintln!("browser: article ({:?})", started.elapsed());
        client.goto(&format!("{base}/")).await.unwrap();
        client
            .find(Locator::Css("a[href='/articles/a1']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .wait()
            .for_element(Locator::Css("article.article"))
            .await
            .unwrap();
        assert_eq!(text_of(&client, "h1").await, "سد جديد في الرباط");
        assert!(text_of(&client, ".captions").await.contains("سد المسيرة"));
        accessible(&client, axe, "article").await;
        screenshot(&client, &shots, "article").await;

        // The entity page, from the article's names.
        client
            .find(Locator::Css(".names a[href='/entities/loc-rabat']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .wait()
            .for_element(Locator::Css("article.entity"))
            .await
            .unwrap();
        assert_eq!(text_of(&client, "h1").await, "الرباط");
        accessible(&client, axe, "entity").await;

        // Three visitors (three cookie jars) report the image.
        eprintln!("browser: report ({:?})", started.elapsed());
        for visitor in 0..3 {
            client.delete_all_cookies().await.unwrap();
            client.goto(&format!("{base}/articles/a1")).await.unwrap();
            client
                .find(Locator::Css(".photo a.report-link"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            client
                .wait()
                .for_element(Locator::Css("form[action='/report']"))
                .await
                .unwrap();
            if visitor == 0 {
                accessible(&client, axe, "report form").await;
            }
            client
                .find(Locator::Css("form[action='/report'] button[type=submit]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            if client
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css("p.notice"))
                .await
                .is_err()
            {
                panic!(
                    "visitor {visitor}: no notice after reporting: {}",
                    client.source().await.unwrap_or_default()
                );
            }
            let notice = text_of(&client, "section.report").await;
            assert!(notice.contains("وصل بلاغك"), "visitor {visitor}: {notice}");
            assert_eq!(
                notice.contains("أُخفي هذا المحتوى"),
                visitor == 2,
                "hidden at the third"
            );
        }
        client.goto(&format!("{base}/articles/a1")).await.unwrap();
        let page = client.source().await.unwrap();
        assert!(!page.contains("سد المسيرة"), "the image is hidden");
        accessible(&client, axe, "article with a hidden image").await;
        client.goto(&format!("{base}/no-such-page")).await.unwrap();
        accessible(&client, axe, "not found").await;

        // No CSP violation on any page so far …
        eprintln!("browser: console ({:?})", started.elapsed());
        let messages = console(&client).await;
        assert!(
            csp_violations(&messages).is_empty(),
            "CSP violations: {messages:?}"
        );
        // … and one would be seen: an inline style attribute is refused by the policy.
        client
            .execute("document.body.setAttribute('style', 'color: red');", vec![])
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(200)).await;
        let messages = console(&client).await;
        assert!(
            !csp_violations(&messages).is_empty(),
            "the check sees violations: {messages:?}"
        );
        // The accessibility check sees a violation too: an image without a text alternative.
        if let Some(axe) = axe {
            client
                .execute(
                    "const i = document.createElement('img'); i.src = '/no-image.png'; document.body.appendChild(i);",
                    vec![],
                )
                .await
                .unwrap();
            let found = violations(&client, axe).await;
            assert!(
                found
                    .as_array()
                    .is_some_and(|v| v.iter().any(|x| x["id"] == "image-alt")),
                "the check sees a missing alt: {found}"
            );
        }
    };
    let outcome = tokio::time::timeout(Duration::from_secs(120), result).await;
    let _ = client.close().await;
    let _ = stop.send(());
    let _ = server.await;
    outcome.expect("the browser test finished in time");
}
