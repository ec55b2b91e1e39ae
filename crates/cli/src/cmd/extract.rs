//! `marsad extract`.

use std::process::ExitCode;

/// Flags of `marsad extract`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
