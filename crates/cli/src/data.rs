//! The data folder: where it is and how to open the store in it.

use std::path::PathBuf;

use anyhow::Context;
use marsad_store::Store;

/// The `--data` flag every command that uses the store takes.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// The data folder (store and index).
    #[arg(
        long = "data",
        env = "MARSAD_DATA",
        default_value = "./marsad-data",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
}

impl DataArgs {
    /// Open (or create) the store in the data folder.
    pub async fn open(&self) -> anyhow::Result<Store> {
        Store::open(&self.dir)
            .await
            .with_context(|| format!("open data folder {}", self.dir.display()))
    }
}

/// A multi-threaded tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("start the async runtime")
}
