//! Integration tests of `marsad-cluster`: one binary.

mod seeds;
mod stories;
