//! `marsad serve`.

use std::process::ExitCode;

/// Flags of `marsad serve`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad serve`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
