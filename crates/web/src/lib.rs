//! The reader (server-rendered Arabic RTL HTML) and the JSON API over a [`marsad_store::Store`].
#![warn(missing_docs)]

use std::net::SocketAddr;

use marsad_store::Store;

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

/// The HTTP routes of the reader and the API.
pub fn router(store: Store) -> axum::Router {
    let _ = store;
    axum::Router::new()
}

/// Serve `router(store)` on an already bound listener until `shutdown` resolves.
pub async fn serve(
    store: Store,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let addr = listener.local_addr().unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 0)));
    axum::serve(listener, router(store))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| Error::Serve { addr, source })
}
