//! Connecting articles: near-duplicates folded, events, storylines and their timelines.
//!
//! Pure and incremental: an arriving article is placed without re-clustering the store.
//! Nothing is implemented yet: this crate is the seam where issue 8 lands, between
//! `marsad-analyze` (which it reads) and `marsad-store` (which keeps its assignments).
#![warn(missing_docs)]
