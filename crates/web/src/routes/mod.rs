//! The route table: one file per route group, all sharing [`SharedState`], all behind the
//! security headers and the access log.

pub(crate) mod admin;
pub(crate) mod api;
pub(crate) mod article;
pub(crate) mod assets;
pub(crate) mod entities;
pub(crate) mod events;
pub(crate) mod feeds;
pub(crate) mod health;
pub(crate) mod home;
pub(crate) mod openapi;
pub(crate) mod report;
pub(crate) mod search;
pub(crate) mod sources;
pub(crate) mod storylines;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state, map_response};
use axum::routing::{get, post};

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
        .route("/events/{id}", get(events::show))
        .route("/storylines/{id}", get(storylines::show))
        .route("/entities/{id}", get(entities::show))
        .route("/sources/{name}", get(sources::show))
        .route("/feeds/home.atom", get(feeds::home))
        .route("/feeds/search.atom", get(feeds::search))
        .route("/feeds/source.atom", get(feeds::source))
        .route("/feeds/storyline.atom", get(storylines::feed))
        .route("/feeds/entity.atom", get(entities::feed))
        .route("/report", get(report::form).post(report::submit))
        .route("/admin", get(admin::show))
        .route("/admin/login", post(admin::login))
        .route("/admin/logout", post(admin::logout))
        .route("/admin/decide", post(admin::decide))
        .route("/admin/log", get(admin::log_page))
        .route("/healthz", get(health::check))
        .route(assets::STYLE_PATH, get(assets::style))
        .nest("/api", api::routes())
        .fallback(not_found)
        .layer(from_fn_with_state(
            state.clone(),
            crate::page_cache::serve_cached,
        ))
        // Forms and API bodies are small: refuse anything larger before reading it.
        .layer(DefaultBodyLimit::max(crate::forms::MAX_FORM_BYTES))
        .layer(from_fn(crate::digits::remember_choice))
        .layer(map_response(add_security_headers))
        .layer(from_fn(log_request))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> PageError {
    PageError(WebError::NotFound {
        what: uri.path().to_owned(),
    })
}

/// The `{id}` of a path, or a 404 naming `what` for one that is not UTF-8.
pub(crate) fn path_id(
    id: Result<axum::extract::Path<String>, axum::extract::rejection::PathRejection>,
    what: &str,
) -> Result<String, crate::WebError> {
    id.map(|axum::extract::Path(id)| id)
        .map_err(|_| crate::WebError::NotFound {
            what: format!("{what} with an undecodable id"),
        })
}
