//! `marsad bench …`: speed and quality figures measured by the repo itself.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::Context;

mod category;
mod cluster;
mod corpus;
mod dates;
mod entities;
mod extract;
mod limits;
mod pgfts;
mod scale;
mod scores;
mod text;
mod venv;
mod web;

/// Flags of `marsad bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// Category classifier accuracy, macro-F1 and speed on ANT, with scikit-learn in the same run.
    Category(category::Args),
    /// Normalise + tokenise + stem throughput (MB/s, one core).
    Text(text::Args),
    /// Date parsing accuracy and speed on the date test set.
    Dates(dates::Args),
    /// Extraction quality and speed on real HTML sets, with trafilatura, dom_smoothie and
    /// rs-trafilatura in the same run.
    Extract(extract::Args),
    /// Extraction time and peak memory on huge and hostile inputs (50 MB, one 5 MB line,
    /// 10,000 nested tags, binary garbage).
    Limits(limits::Args),
    /// Event, storyline and near-duplicate quality and placement speed of clustering.
    Cluster(cluster::Args),
    /// Entity resolution pairwise P/R on the seeds and mentions+resolution+quotes+keywords speed.
    Entities(entities::Args),
    /// Credibility and importance distributions over ANT news (no pile-up at one value).
    Scores(scores::Args),
    /// A large realistic Arabic news stream (JSON Lines) made from the real corpora (issue 11).
    Corpus(corpus::Args),
    /// Ingest rate, search latency, peak memory and disk size on a `bench corpus` stream.
    Scale(scale::Args),
    /// PostgreSQL's own full-text search (`arabic`) on a `bench corpus` stream, with the
    /// query set of `bench scale` (needs a server: `scripts/bench-pgfts.sh`).
    Pgfts(pgfts::Args),
    /// Reader and API latency (p50/p99) under concurrent load on a large synthetic store.
    Web(web::Args),
}

/// The repo root: the current folder when run from it (as the README says), else the
/// folder this binary was built from.
pub fn repo_root() -> std::path::PathBuf {
    let here = std::path::PathBuf::from(".");
    if here.join("corpus/pages").is_dir() && here.join("bench").is_dir() {
        return here;
    }
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(std::path::Path::parent)
        .map_or(here, std::path::Path::to_path_buf)
}

/// Run `marsad bench`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Category(a) => category::run(a),
        What::Text(a) => text::run(a),
        What::Dates(a) => dates::run(a),
        What::Extract(a) => extract::run(a),
        What::Limits(a) => limits::run(a),
        What::Cluster(a) => cluster::run(a),
        What::Web(a) => web::run(a),
        What::Corpus(a) => corpus::run(a),
        What::Scale(a) => scale::run(a),
        What::Pgfts(a) => pgfts::run(a),
        What::Entities(a) => entities::run(a),
        What::Scores(a) => scores::run(a),
    }
}

/// The folder a `.tar.xz` unpacks into, unpacking it with `tar` the first time.
pub(crate) fn unpack_once(tarball: &Path, dir: &Path) -> anyhow::Result<PathBuf> {
    let done = dir.join(".unpacked");
    if done.is_file() {
        return Ok(dir.to_owned());
    }
    if !tarball.is_file() {
        anyhow::bail!("{} not found", tarball.display());
    }
    eprintln!(
        "unpacking {} into {} (one time)…",
        tarball.display(),
        dir.display()
    );
    std::fs::create_dir_all(dir).with_context(|| format!("create {}", dir.display()))?;
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(tarball)
        .arg("-C")
        .arg(dir)
        .status()
        .context("run tar")?;
    if !status.success() {
        let _ = std::fs::remove_dir_all(dir);
        anyhow::bail!("tar -xJf {} failed: {status}", tarball.display());
    }
    std::fs::write(&done, b"").with_context(|| format!("write {}", done.display()))?;
    Ok(dir.to_owned())
}
