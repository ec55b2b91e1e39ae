//! `marsad reindex`: rebuild the search index from the article store (after an analyzer
//! change, or to repair an index a crash left behind).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use crate::cmd::import::progress_bar;
use crate::data::{DataArgs, runtime};

/// Flags of `marsad reindex`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print the summary as JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Summary {
    schema: u32,
    indexed: u64,
    seconds: f64,
}

/// Run `marsad reindex`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let indexed = runtime()?.block_on(async {
        // Not synced on open: that would rebuild a stale index once before this rebuild.
        let config = marsad_store::StoreConfig {
            sync_index_on_open: false,
            ..marsad_store::StoreConfig::default()
        };
        let store = args.data.open_with(&config).await?;
        let total = store.articles.count().await.context("count articles")?;
        let bar = progress_bar(total as usize);
        let indexed = store
            .rebuild_index(&mut |done, _| bar.set_position(done))
            .await
            .context("rebuild the index")?;
        bar.finish_and_clear();
        anyhow::Ok(indexed)
    })?;
    let summary = Summary {
        schema: 1,
        indexed,
        seconds: start.elapsed().as_secs_f64(),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &summary).context("write JSON")?;
        writeln!(out).context("write JSON")?;
    } else {
        writeln!(
            out,
            "{} articles indexed in {:.1} s",
            summary.indexed, summary.seconds
        )
        .context("write summary")?;
    }
    Ok(ExitCode::SUCCESS)
}
