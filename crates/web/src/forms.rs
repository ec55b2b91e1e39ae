//! What every POST must pass: a same-site origin (`Origin`, and `Sec-Fetch-Site` when the
//! browser sends them; a `null` origin only with `Sec-Fetch-Site: same-origin`) and, per form, a CSRF token tied to the session cookie; and the client
//! address for rate limiting.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN};
use axum::http::request::Parts;

use crate::WebError;

/// The most bytes a form body may have.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

/// Refuse a POST another site's page made: its `Origin` is not this host, or the browser says
/// the request is cross-site.
pub fn check_same_origin(headers: &HeaderMap) -> Result<(), WebError> {
    let refused = WebError::Forbidden {
        why: "أُرسل النموذج من موقع آخر",
    };
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(refused);
    }
    let Some(origin) = headers.get(ORIGIN) else {
        return Ok(());
    };
    // Pages are served with `Referrer-Policy: no-referrer`, under which browsers send
    // `Origin: null` even for same-origin forms; then the browser's own `Sec-Fetch-Site`
    // must vouch for it (checked above when present).
    if origin.as_bytes() == b"null" {
        let vouched =
            headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("same-origin");
        return if vouched { Ok(()) } else { Err(refused) };
    }
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    let origin = origin.to_str().ok();
    let same = match (origin, host) {
        (Some(origin), Some(host)) => origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .is_some_and(|rest| rest.eq_ignore_ascii_case(host)),
        _ => false,
    };
    if same { Ok(()) } else { Err(refused) }
}

/// The error of a form or JSON body that could not be read: too large, or malformed.
pub fn body_error(status: axum::http::StatusCode, problem: &'static str) -> WebError {
    if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        WebError::TooLarge
    } else {
        WebError::BadRequest {
            param: "form",
            problem,
        }
    }
}

/// The client's address: the peer of the connection (no proxy headers are trusted), or
/// 0.0.0.0 when the server runs without connection info (tests).
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip());
        Ok(ClientAddr(addr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn origins() {
        assert!(check_same_origin(&headers(&[("host", "127.0.0.1:8080")])).is_ok());
        assert!(
            check_same_origin(&headers(&[
                ("host", "127.0.0.1:8080"),
                ("origin", "http://127.0.0.1:8080")
            ]))
            .is_ok()
        );
        assert!(
            check_same_origin(&headers(&[
                ("host", "127.0.0.1:8080"),
                ("origin", "http://evil.example")
            ]))
            .is_err()
        );
        assert!(check_same_origin(&headers(&[("host", "a"), ("origin", "null")])).is_err());
        assert!(
            check_same_origin(&headers(&[
                ("host", "a"),
                ("origin", "null"),
                ("sec-fetch-site", "same-origin")
            ]))
            .is_ok()
        );
        assert!(
            check_same_origin(&headers(&[
                ("host", "a"),
                ("origin", "null"),
                ("sec-fetch-site", "none")
            ]))
            .is_err()
        );
        assert!(
            check_same_origin(&headers(&[("host", "a"), ("sec-fetch-site", "cross-site")]))
                .is_err()
        );
        assert!(
            check_same_origin(&headers(&[
                ("host", "a"),
                ("sec-fetch-site", "same-origin")
            ]))
            .is_ok()
        );
    }
}
