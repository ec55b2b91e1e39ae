//! `marsad text`.

use std::process::ExitCode;

/// Flags of `marsad text`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad text`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
