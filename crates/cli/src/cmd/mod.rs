//! One module per subcommand: its flags (`Args`) and its `run`.

pub mod admin;
pub mod analyze;
pub mod bench;
pub mod cluster;
pub mod dates;
pub mod demo;
pub mod entities;
pub mod eval;
pub mod eval_category;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod ner;
pub mod reindex;
pub mod reprocess;
pub mod search;
pub mod serve;
pub mod source;
pub mod text;
pub mod train;
