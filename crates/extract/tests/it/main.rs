//! Integration tests of `marsad-extract`: the seed pages scored against their gold, and
//! hand-written HTML fixtures of common Arabic news layouts.

mod fixtures;
mod regions;
mod seeds;
