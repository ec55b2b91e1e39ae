//! `marsad import`.

use std::process::ExitCode;

/// Flags of `marsad import`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad import`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
