//! Integration tests of `marsad-cluster`: one binary.

mod seeds;
pub mod stories;
