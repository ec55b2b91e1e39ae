//! `marsad bench dates`.

use std::process::ExitCode;

/// Flags of `marsad bench dates`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Run `marsad bench dates`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
