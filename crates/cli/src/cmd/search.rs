//! `marsad search`.

use std::process::ExitCode;

/// Flags of `marsad search`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
