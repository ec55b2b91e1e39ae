//! The reader (server-rendered Arabic RTL HTML) and the JSON API over a [`marsad_store::Store`].
//!
//! [`router`] builds every route: the home page of the latest articles (`/`), an article's
//! page (`/articles/{id}`), search (`/search?q=`), the JSON API (`/api/articles`,
//! `/api/articles/{id}`, `/api/search`), `/healthz` and the stylesheet. Pages are askama
//! templates (`templates/pages`, `templates/partials`) checked when the crate compiles, with
//! `<html lang="ar" dir="rtl">`, outlet text in `dir="auto"` and no script at all; every
//! response carries a strict Content-Security-Policy. [`serve`] runs the router on a bound
//! listener until a shutdown future resolves.
//!
//! It does not fetch, extract or index anything: it only reads the store. Errors reach the
//! client through one enum, [`WebError`], with a stable snake_case `code` and an Arabic
//! message.
//!
//! ```
//! use marsad_web::{format_published, MonthNames};
//!
//! let date = format_published(Some("2022-07-21T14:30"), Some("minute"), MonthNames::Egyptian);
//! assert_eq!(date.as_deref(), Some("21 يوليو 2022، 14:30"));
//! ```

// The OpenAPI document is one `json!` literal, deeper than the default macro recursion.
#![recursion_limit = "256"]
#![warn(missing_docs)]

mod access_log;
mod arabic_date;
mod cloud;
mod digits;
mod error;
mod external_link;
mod forms;
mod hidden;
mod layout;
mod links;
mod page_cache;
mod pagination;
mod plural;
mod query_params;
mod ranked;
mod rate_limit;
mod routes;
mod security;
mod state;
mod view;
mod visitor;

use std::net::SocketAddr;
use std::sync::Arc;

use marsad_store::Store;

pub use arabic_date::{MonthNames, format_published};
pub use digits::Digits;
pub use error::{ApiError, PageError, WebError};
pub use plural::{ARTICLES, CountedNoun, PluralCategory, RESULTS};
pub use query_params::MAX_LIMIT;
pub use routes::api::{ROUTES as API_ROUTES, SCHEMA};
pub use routes::openapi::document_value as openapi_document;
pub use security::CONTENT_SECURITY_POLICY_VALUE;
pub use state::{AppState, Settings, SharedState};
pub use visitor::{SecretError, VisitorKey};

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The address could not be bound or the server failed.
    #[error("serve on {addr}: {source}")]
    Serve {
        /// The address.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// The HTTP routes of the reader and the API, with the default settings.
///
/// The signing key is random per call (visitor cookies do not outlive the process); a server
/// uses [`router_with`] and [`VisitorKey::load_or_create`].
pub fn router(store: Store) -> axum::Router {
    let key = match VisitorKey::random() {
        Ok(key) => key,
        Err(err) => {
            tracing::error!(error = %err, "no randomness for the visitor key");
            VisitorKey::from_bytes([0; 32])
        }
    };
    router_with(AppState::new(store, Settings::new(key)))
}

/// The HTTP routes of the reader and the API over `state`.
pub fn router_with(state: AppState) -> axum::Router {
    routes::all(Arc::new(state))
}

/// Serve `router(store)` on an already bound listener until `shutdown` resolves; requests in
/// flight then finish before it returns.
pub async fn serve(
    store: Store,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let key = VisitorKey::random().map_err(|err| Error::Serve {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        source: std::io::Error::other(err.to_string()),
    })?;
    serve_with(AppState::new(store, Settings::new(key)), listener, shutdown).await
}

/// Serve the router over `state` on an already bound listener until `shutdown` resolves
/// (with each connection's peer address, for the per-address report limit).
pub async fn serve_with(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let addr = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)));
    tracing::info!(%addr, "serving the reader");
    let state = Arc::new(state);
    let watcher = state
        .pages
        .enabled()
        .then(|| tokio::spawn(watch_store_version(Arc::downgrade(&state))));
    let app = routes::all(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| Error::Serve { addr, source });
    if let Some(watcher) = watcher {
        watcher.abort();
    }
    served
}

/// Read the store's version every [`page_cache::VERSION_POLL`] for the page cache, while the
/// server's state lives. A failed read counts as "cannot tell" (pages then age as usual).
async fn watch_store_version(state: std::sync::Weak<AppState>) {
    let mut ticks = tokio::time::interval(page_cache::VERSION_POLL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(state) = state.upgrade() else {
            return;
        };
        let version = match state.store.version().await {
            Ok(version) => version,
            Err(error) => {
                tracing::debug!(%error, "could not read the store's version");
                None
            }
        };
        state.pages.set_version(version);
    }
}
