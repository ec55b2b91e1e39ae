//! One module per subcommand: its flags (`Args`) and its `run`.

pub mod bench;
pub mod cluster;
pub mod dates;
pub mod demo;
pub mod eval;
pub mod eval_category;
pub mod extract;
pub mod import;
pub mod reindex;
pub mod search;
pub mod serve;
pub mod text;
pub mod train;
