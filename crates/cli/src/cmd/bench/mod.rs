//! `marsad bench …`: speed and quality figures measured by the repo itself.

use std::process::ExitCode;

mod dates;
mod extract;
mod text;
mod venv;

/// Flags of `marsad bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Normalise + tokenise + stem throughput (MB/s, one core).
    Text(text::Args),
    /// Date parsing accuracy and speed on the date test set.
    Dates(dates::Args),
    /// Extraction body F1 and speed on a real HTML set, with trafilatura in the same run.
    Extract(extract::Args),
}

/// Run `marsad bench`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Text(a) => text::run(a),
        What::Dates(a) => dates::run(a),
        What::Extract(a) => extract::run(a),
    }
}
