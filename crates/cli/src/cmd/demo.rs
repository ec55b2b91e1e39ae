//! `marsad demo`.

use std::process::ExitCode;

/// Flags of `marsad demo`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad demo`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
