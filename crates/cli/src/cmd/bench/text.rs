//! `marsad bench text`.

use std::process::ExitCode;

/// Flags of `marsad bench text`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad bench text`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
