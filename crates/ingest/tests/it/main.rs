//! Integration tests of ingest against a local server (no network).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a test binary: a failed unwrap is a failed test

mod crash;
mod fetch;
mod ingest;
mod server;

use std::time::Duration;

use marsad_ingest::fetch::{FetchConfig, Fetcher, IpRange};

/// A fetcher allowed to reach 127.0.0.1 only, quick to retry and polite enough for tests.
pub fn local_fetcher(host_interval_ms: u64) -> Fetcher {
    Fetcher::new(FetchConfig {
        allow: vec![IpRange::parse("127.0.0.1/32").unwrap()],
        host_interval: Duration::from_millis(host_interval_ms),
        backoff: Duration::from_millis(20),
        timeout: Duration::from_secs(2),
        ..FetchConfig::default()
    })
    .unwrap()
}
