//! Getting pages into the store: files and folders of pages, JSON Lines of extracted
//! articles, and (later) feeds, sitemaps, the crawler and WARC.
//!
//! This crate does the I/O that the pure crates must not: it reads files, takes the clock,
//! and drives `extract → store` (analysis and clustering join the pipeline as they land).
//! Progress is reported through a callback; only the CLI draws bars.
#![warn(missing_docs)]

mod analysis_step;
mod error;
pub mod feeds;
pub mod fetch;
mod files;
mod identity;
mod import;
mod jsonl;
pub mod opml;
pub mod pages;
pub mod reprocess;
pub mod run;
pub mod sitemap;
pub mod sources;
pub mod warc;

pub use error::Error;
pub use files::{PageFile, find_pages};
pub use identity::{IdAllocator, content_hash, id_from_url};
pub use import::{
    ImportItem, ImportOptions, ImportReport, Importer, ItemFailure, PreparedBatch, import_items,
    prepare_batch,
};
pub use jsonl::{JsonlArticle, read_jsonl};
