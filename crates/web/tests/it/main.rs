//! Integration tests of the reader and the API: requests through `tower::ServiceExt::oneshot`
//! on `router(fake store)`, and one real server on 127.0.0.1:0.
#![allow(clippy::unwrap_used)] // a test binary: a failed unwrap is a failed test

mod api;
mod browser;
mod events;
mod fake_store;
mod feeds;
mod moderation;
mod openapi;
mod pages;
mod search;
mod serve;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use marsad_store::Store;
use tower::ServiceExt;

/// A response, its body read as text.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }
}

/// `GET uri` on a router over `store`.
pub async fn get(store: Store, uri: &str) -> Answer {
    let request = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let response = marsad_web::router(store).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// `path?q=<text, form-encoded>` followed by `rest` (e.g. `&page=2`).
pub fn with_q(path: &str, text: &str, rest: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
    format!("{path}?q={q}{rest}")
}

/// The security headers every response must carry.
pub fn assert_security_headers(answer: &Answer) {
    let header = |name: &str| {
        answer
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header("content-security-policy"),
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "no-referrer");
}

/// A request through `app`: `method uri` with `headers` and a form `body`.
pub async fn send(
    app: &axum::Router,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Body::from(body.to_owned())).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 10 << 20)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A router over `store` with `settings` changed by `change`.
pub fn app_with(store: Store, change: impl FnOnce(&mut marsad_web::Settings)) -> axum::Router {
    let mut settings = marsad_web::Settings::new(marsad_web::VisitorKey::random().unwrap());
    change(&mut settings);
    marsad_web::router_with(marsad_web::AppState::new(store, settings))
}
