//! `marsad eval`.

use std::process::ExitCode;

/// Flags of `marsad eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
