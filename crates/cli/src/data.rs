//! The data folder: where it is and how to open the store in it (or, with `--storage
//! postgres://…`, the PostgreSQL database that holds the data, the folder keeping the index).

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
    /// Where the data lives: a `postgres://user@host/db` URL keeps it in PostgreSQL (the
    /// search index stays in the data folder); unset, the embedded store in the data folder.
    #[arg(long = "storage", env = "MARSAD_STORAGE", value_name = "URL")]
    pub storage: Option<String>,
}

impl DataArgs {
    /// Open (or create) the store: in the data folder, or in PostgreSQL with `--storage`.
    pub async fn open(&self) -> anyhow::Result<Store> {
        self.open_with(&marsad_store::StoreConfig::default()).await
    }

    /// [`DataArgs::open`] with these store settings.
    pub async fn open_with(&self, config: &marsad_store::StoreConfig) -> anyhow::Result<Store> {
        match self.storage.as_deref().map(str::trim) {
            Some(url) if marsad_store::is_postgres_url(url) => {
                Store::connect(url, &self.dir, config)
                    .await
                    .with_context(|| {
                        format!(
                            "open {} (index in {})",
                            marsad_store::redact_url(url),
                            self.dir.display()
                        )
                    })
            }
            Some(other) if !other.is_empty() => {
                anyhow::bail!("--storage {other}: not a postgres:// URL (for a folder, use --data)")
            }
            _ => Store::open_with(&self.dir, config)
                .await
                .with_context(|| format!("open data folder {}", self.dir.display())),
        }
    }
}

/// A multi-threaded tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("start the async runtime")
}
