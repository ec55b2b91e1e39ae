//! `marsad demo`: import the sample corpus bundled in the binary into a fresh data folder,
//! then serve it. The README's "run the main job" command.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use include_dir::{Dir, include_dir};
use marsad_ingest::{ImportItem, ImportOptions, find_pages, import_items};

use crate::data::runtime;

/// The sample corpus, embedded at build time from the repo's `corpus/pages/`.
static CORPUS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../corpus/pages");

/// Flags of `marsad demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A data folder to create (must not exist or be empty); by default a fresh temporary
    /// folder, removed when the demo stops.
    #[arg(long = "data", value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The address to listen on; when it is taken, a free port on 127.0.0.1 is used.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Import only, print the summary and stop.
    #[arg(long)]
    pub no_serve: bool,
}

/// Run `marsad demo`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Keep the temporary folder alive (and remove it at the end) unless one was named.
    let (dir, _temp) = match &args.data {
        Some(dir) => {
            let occupied = std::fs::read_dir(dir)
                .map(|mut d| d.next().is_some())
                .unwrap_or(false);
            if occupied {
                anyhow::bail!("{}: demo wants a new or empty data folder", dir.display());
            }
            (dir.clone(), None)
        }
        None => {
            let temp = tempfile::Builder::new()
                .prefix("marsad-demo-")
                .tempdir()
                .context("create a temporary data folder")?;
            (temp.path().to_path_buf(), Some(temp))
        }
    };
    let corpus = tempfile::Builder::new()
        .prefix("marsad-corpus-")
        .tempdir()
        .context("create a temporary corpus folder")?;
    let pages_dir = corpus.path().to_path_buf();
    write_corpus(&pages_dir)?;
    runtime()?.block_on(async {
        let store = marsad_store::Store::open(&dir)
            .await
            .with_context(|| format!("open data folder {}", dir.display()))?;
        let items = find_pages(&[pages_dir])?
            .into_iter()
            .map(ImportItem::Page)
            .collect();
        let report = import_items(&store, items, &ImportOptions::default(), &mut |_, _| {})
            .await
            .context("import the sample corpus")?;
        for failure in &report.failed {
            eprintln!("marsad: {}", failure.error);
        }
        // Events and storylines, as `marsad import` places them.
        crate::cmd::cluster::update(&store, &report.ids, &Default::default())
            .await
            .context("cluster the sample corpus")?;
        // Entities resolved across the corpus, for the entity pages.
        crate::cmd::entities::update_store(&store)
            .await
            .context("resolve the sample corpus's entities")?;
        println!(
            "Marsad demo: {} articles imported into {}",
            report.inserted,
            dir.display()
        );
        if args.no_serve {
            return anyhow::Ok(());
        }
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(err) => {
                eprintln!(
                    "marsad: {} is not free ({err}); using another port",
                    args.addr
                );
                tokio::net::TcpListener::bind(("127.0.0.1", 0))
                    .await
                    .context("listen on 127.0.0.1")?
            }
        };
        crate::cmd::serve::serve_until_ctrl_c(store, listener).await
    })?;
    Ok(ExitCode::SUCCESS)
}

fn write_corpus(dir: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    for file in CORPUS.files() {
        let Some(name) = file.path().file_name() else {
            continue;
        };
        let path = dir.join(name);
        std::fs::write(&path, file.contents())
            .with_context(|| format!("write {}", path.display()))?;
    }
    Ok(())
}
