//! End-to-end tests of the `marsad` binary on the bundled corpus: extract, import, search,
//! serve, and the errors a user meets on bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod analyze;
mod bench_extract;
mod cli;
mod cluster;
mod entities;
mod ingest;
mod ingest_shared;
mod serve;
mod util;
