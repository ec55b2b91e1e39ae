//! Integration tests of marsad-store: the conformance suite on every backend, opening data
//! folders (schemas, bad files, stale indexes), round-trip properties, a timing run, and the
//! PostgreSQL backend (skipped without `MARSAD_TEST_POSTGRES`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod conformance;
mod crash;
mod facets;
mod open;
mod postgres;
mod round_trip;
mod timing;

/// A fresh embedded store in a temporary folder (the folder lives as long as the guard).
async fn fresh_embedded() -> (marsad_store::Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let store = marsad_store::Store::open(dir.path())
        .await
        .expect("open a fresh store");
    (store, dir)
}
