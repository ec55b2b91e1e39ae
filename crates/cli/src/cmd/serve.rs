//! `marsad serve`: the reader and the JSON API on one address.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use marsad_store::Store;

use crate::data::{DataArgs, runtime};

/// Flags of `marsad serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

/// Run `marsad serve` until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listen on {}", args.addr))?;
        serve_until_ctrl_c(store, listener).await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Print the reader's URL and serve until Ctrl-C.
pub async fn serve_until_ctrl_c(
    store: Store,
    listener: tokio::net::TcpListener,
) -> anyhow::Result<()> {
    let addr = listener.local_addr().context("listening address")?;
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "Marsad reader: http://{addr}/  (Ctrl-C stops)").context("write URL")?;
        out.flush().context("write URL")?;
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    marsad_web::serve(store, listener, shutdown)
        .await
        .context("serve")?;
    Ok(())
}
