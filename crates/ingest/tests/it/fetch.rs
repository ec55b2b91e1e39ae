//! The fetcher: retries, limits, conditional GET, robots.txt, politeness and the SSRF guard.

use std::time::Duration;

use marsad_ingest::fetch::{FetchConfig, FetchError, Fetcher, IpRange, Validators};

use crate::local_fetcher;
use crate::server::{Route, Server};

#[tokio::test]
async fn retries_5xx_but_not_4xx() {
    let server = Server::start().await;
    server.route("/flaky", Route::FlakyThen(2, b"ok now".to_vec()));
    server.route("/gone", Route::Status(404));
    server.route("/down", Route::Status(503));
    let fetcher = local_fetcher(0);
    let page = fetcher.fetch(&server.url("/flaky"), None).await.unwrap();
    assert_eq!(page.body, b"ok now");
    assert_eq!(server.requests("/flaky").len(), 3, "two 500s retried");

    let err = fetcher.fetch(&server.url("/gone"), None).await.unwrap_err();
    assert_eq!(err.status(), 404);
    assert_eq!(server.requests("/gone").len(), 1, "a 4xx is not retried");

    let err = fetcher.fetch(&server.url("/down"), None).await.unwrap_err();
    assert_eq!(err.status(), 503);
    assert_eq!(
        server.requests("/down").len(),
        4,
        "first try and three retries"
    );
}

#[tokio::test]
async fn bounds_size_time_and_redirects() {
    let server = Server::start().await;
    server.route("/huge", Route::Huge(300_000));
    server.route("/slow", Route::Slow(Duration::from_secs(3)));
    for i in 0..8 {
        server.route(&format!("/r{i}"), Route::Redirect(format!("/r{}", i + 1)));
    }
    server.body("/r3", "text/plain", "arrived");
    let fetcher = Fetcher::new(FetchConfig {
        allow: vec![IpRange::parse("127.0.0.1").unwrap()],
        max_bytes: 100_000,
        timeout: Duration::from_millis(500),
        retries: 0,
        max_redirects: 3,
        host_interval: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap();
    let err = fetcher.fetch(&server.url("/huge"), None).await.unwrap_err();
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    let err = fetcher.fetch(&server.url("/slow"), None).await.unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    let page = fetcher.fetch(&server.url("/r0"), None).await.unwrap();
    assert_eq!(page.body, b"arrived");
    assert_eq!(page.final_url, server.url("/r3"));
    server.route("/r3", Route::Redirect("/r4".into()));
    let err = fetcher.fetch(&server.url("/r0"), None).await.unwrap_err();
    assert!(matches!(err, FetchError::Redirect { .. }), "{err}");
}

#[tokio::test]
async fn conditional_get_gives_not_modified() {
    let server = Server::start().await;
    server.route(
        "/feed",
        Route::Body {
            content_type: "application/rss+xml; charset=utf-8",
            body: b"<rss/>".to_vec(),
            etag: Some("\"v1\""),
        },
    );
    let fetcher = local_fetcher(0);
    let first = fetcher.fetch(&server.url("/feed"), None).await.unwrap();
    assert_eq!(first.etag.as_deref(), Some("\"v1\""));
    assert_eq!(first.charset.as_deref(), Some("utf-8"));
    let validators = Validators {
        etag: first.etag.clone(),
        last_modified: None,
    };
    let second = fetcher
        .fetch(&server.url("/feed"), Some(&validators))
        .await
        .unwrap();
    assert!(second.not_modified());
    assert!(second.body.is_empty());
}

#[tokio::test]
async fn robots_rules_and_crawl_delay_are_honoured() {
    let server = Server::start().await;
    server.body(
        "/robots.txt",
        "text/plain",
        "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.3\n",
    );
    server.body("/private/x", "text/html", "secret");
    server.body("/a", "text/html", "a");
    server.body("/b", "text/html", "b");
    let fetcher = local_fetcher(0);
    let err = fetcher
        .fetch(&server.url("/private/x"), None)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Robots { .. }), "{err}");
    assert!(server.requests("/private/x").is_empty(), "never asked for");
    fetcher.fetch(&server.url("/a"), None).await.unwrap();
    fetcher.fetch(&server.url("/b"), None).await.unwrap();
    let a = server.requests("/a")[0].0;
    let b = server.requests("/b")[0].0;
    assert!(
        b - a >= Duration::from_millis(280),
        "crawl-delay kept: {:?}",
        b - a
    );
    assert_eq!(server.requests("/robots.txt").len(), 1, "robots.txt cached");
}

#[tokio::test]
async fn one_request_at_a_time_per_host_with_the_interval() {
    let server = Server::start().await;
    server.body("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
    for i in 0..4 {
        server.route(&format!("/p{i}"), Route::Slow(Duration::from_millis(50)));
    }
    let fetcher = std::sync::Arc::new(local_fetcher(150));
    let mut tasks = Vec::new();
    for i in 0..4 {
        let fetcher = fetcher.clone();
        let url = server.url(&format!("/p{i}"));
        tasks.push(tokio::spawn(async move { fetcher.fetch(&url, None).await }));
    }
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    let mut spans: Vec<_> = (0..4)
        .flat_map(|i| server.requests(&format!("/p{i}")))
        .collect();
    spans.sort();
    for pair in spans.windows(2) {
        assert!(pair[1].0 >= pair[0].1, "requests to one host overlapped");
        // The interval runs start to start (a rate): 150 ms, less the local network's jitter.
        assert!(
            pair[1].0 - pair[0].0 >= Duration::from_millis(140),
            "interval kept: {:?}",
            pair[1].0 - pair[0].0
        );
    }
    let first = spans.first().map(|s| s.0).unwrap();
    let last = spans.last().map(|s| s.0).unwrap();
    assert!(
        last - first >= Duration::from_millis(3 * 140),
        "four requests took at least three intervals: {:?}",
        last - first
    );
}

#[tokio::test]
async fn ssrf_guard_refuses_loopback_and_private_by_default() {
    let server = Server::start().await;
    server.body("/robots.txt", "text/plain", "");
    server.body("/page", "text/html", "hello");
    let strict = Fetcher::new(FetchConfig::default()).unwrap();
    for url in [
        server.url("/page"),
        format!("http://localhost:{}/page", server.addr.port()),
        "http://[::1]/".to_owned(),
        "http://10.0.0.1/".to_owned(),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://[::ffff:127.0.0.1]/".to_owned(),
    ] {
        let err = strict.fetch(&url, None).await.unwrap_err();
        assert!(matches!(err, FetchError::Refused(_)), "{url}: {err}");
    }
    assert!(
        server.requests("/page").is_empty(),
        "nothing reached the server"
    );

    // Allowed for 127.0.0.1 only: a redirect to the metadata address or another loopback
    // address is refused at that hop.
    server.route(
        "/to-metadata",
        Route::Redirect("http://169.254.169.254/latest/".into()),
    );
    server.route(
        "/to-loopback",
        Route::Redirect(format!("http://127.0.0.2:{}/page", server.addr.port())),
    );
    server.route(
        "/to-localhost",
        Route::Redirect(format!("http://localhost:{}/page", server.addr.port())),
    );
    let local = local_fetcher(0);
    for path in ["/to-metadata", "/to-loopback"] {
        let err = local.fetch(&server.url(path), None).await.unwrap_err();
        assert!(matches!(err, FetchError::Refused(_)), "{path}: {err}");
    }
    // `localhost` may resolve to ::1 as well as 127.0.0.1: only the allowed address is used.
    match local.fetch(&server.url("/to-localhost"), None).await {
        Ok(page) => assert_eq!(page.body, b"hello"),
        Err(err) => assert!(matches!(err, FetchError::Refused(_)), "{err}"),
    }
    assert!(server.requests("/page").len() <= 1);
}
