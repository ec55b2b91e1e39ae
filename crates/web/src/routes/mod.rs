//! The route table: one file per route group, all sharing [`SharedState`], all behind the
//! security headers and the access log.

pub(crate) mod api;
pub(crate) mod article;
pub(crate) mod assets;
pub(crate) mod health;
pub(crate) mod home;
pub(crate) mod search;

use axum::Router;
use axum::middleware::{from_fn, map_response};
use axum::routing::get;

use crate::access_log::log_request;
use crate::security::add_security_headers;
use crate::state::SharedState;
use crate::{PageError, WebError};

/// Every route of the reader and the API.
pub fn all(state: SharedState) -> Router {
    Router::new()
        .route("/", get(home::show))
        .route("/articles/{id}", get(article::show))
        .route("/search", get(search::show))
        .route("/healthz", get(health::check))
        .route(assets::STYLE_PATH, get(assets::style))
        .nest("/api", api::routes())
        .fallback(not_found)
        .layer(map_response(add_security_headers))
        .layer(from_fn(log_request))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> PageError {
    PageError(WebError::NotFound {
        what: uri.path().to_owned(),
    })
}
