//! The stylesheet, compiled into the binary so a deployment is one file. Its URL carries a
//! hash of its content, so browsers may cache it for good and still see every change.

use std::sync::LazyLock;

use axum::extract::RawQuery;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;

/// Where the stylesheet is served.
pub const STYLE_PATH: &str = "/static/style.css";

const STYLE: &str = include_str!("../../static/style.css");

/// FNV-1a over the stylesheet: a cache-busting version, not a security measure.
fn version() -> String {
    let hash = STYLE.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

static VERSION: LazyLock<String> = LazyLock::new(version);
static HREF: LazyLock<String> = LazyLock::new(|| format!("{STYLE_PATH}?v={}", *VERSION));

/// The stylesheet's versioned URL, for `<link rel="stylesheet">`.
pub fn style_href() -> &'static str {
    HREF.as_str()
}

/// `GET /static/style.css`: cached for a year when asked for by the current version.
pub async fn style(RawQuery(query): RawQuery) -> impl IntoResponse {
    let current = query.as_deref() == Some(&format!("v={}", *VERSION));
    let cache = if current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, cache),
        ],
        STYLE,
    )
}
