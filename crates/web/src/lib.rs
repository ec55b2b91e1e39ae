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
#![warn(missing_docs)]

mod access_log;
mod arabic_date;
mod error;
mod external_link;
mod layout;
mod links;
mod pagination;
mod plural;
mod query_params;
mod routes;
mod security;
mod state;
mod view;

use std::net::SocketAddr;
use std::sync::Arc;

use marsad_store::Store;

pub use arabic_date::{MonthNames, format_published};
pub use error::{ApiError, PageError, WebError};
pub use plural::{ARTICLES, CountedNoun, PluralCategory, RESULTS};
pub use query_params::MAX_LIMIT;
pub use routes::api::SCHEMA;
pub use security::CONTENT_SECURITY_POLICY_VALUE;
pub use state::{AppState, SharedState};

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
pub fn router(store: Store) -> axum::Router {
    router_with(AppState {
        store,
        months: MonthNames::default(),
    })
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
    let addr = listener
        .local_addr()
        .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)));
    tracing::info!(%addr, "serving the reader");
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| Error::Serve { addr, source })
}
