//! Integration tests of `marsad-cluster`: one binary.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod seeds;
pub mod stories;
