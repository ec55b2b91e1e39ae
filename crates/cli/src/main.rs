//! `marsad`: flags to config to calls, nothing more. Every command that works on data has
//! `--json` output whose schema is in `docs/cli-json.md`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod data;
mod extract_sets;
mod scrapinghub;

/// Marsad (مرصد): an Arabic-first news observatory.
#[derive(Debug, Parser)]
#[command(name = "marsad", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract articles from page files (HTML or plain page text) as JSON Lines.
    Extract(cmd::extract::Args),
    /// Import pages (files or folders) or JSON Lines articles into the data folder.
    Import(cmd::import::Args),
    /// Rebuild the search index from the article store.
    Reindex(cmd::reindex::Args),
    /// Sources to fetch: add (discovers feeds and sitemaps), list, remove, OPML import/export.
    Source(cmd::source::Args),
    /// Fetch new articles from the sources: `--once` or `--watch`.
    Ingest(cmd::ingest::Args),
    /// Re-extract every page of the WARC archive into the store.
    Reprocess(cmd::reprocess::Args),
    /// Arabic-aware full-text search over the data folder.
    Search(cmd::search::Args),
    /// Serve the reader and the JSON API.
    Serve(cmd::serve::Args),
    /// Moderation: the queue of reported items, restore, remove, the audit log.
    Admin(cmd::admin::Args),
    /// Import the bundled sample corpus into a fresh data folder and serve it.
    Demo(cmd::demo::Args),
    /// Measure quality against gold answers.
    Eval(cmd::eval::Args),
    /// Arabic text tools reading stdin: normalize, tokens, stem, namekey.
    Text(cmd::text::Args),
    /// Find and resolve dates in text, one text per line on stdin.
    Dates(cmd::dates::Args),
    /// Category, credibility and importance (with their reasons) and quotes of pages or of
    /// the data folder's articles.
    Analyze(cmd::analyze::Args),
    /// Group the data folder's articles into near-duplicates, events, storylines and timelines.
    Cluster(cmd::cluster::Args),
    /// Speed and quality benchmarks.
    Bench(cmd::bench::Args),
    /// Train models: `marsad train category --ant DIR... --out MODEL`.
    Train(cmd::train::Args),
    /// Tag CoNLL tokens with the entity tagger: `token<TAB>tag` lines.
    Ner(cmd::ner::Args),
    /// Entities (people, organisations, places, products) resolved across pages or the store.
    Entities(cmd::entities::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Reindex(args) => cmd::reindex::run(args),
        Command::Source(args) => cmd::source::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Reprocess(args) => cmd::reprocess::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Admin(args) => cmd::admin::run(args),
        Command::Demo(args) => cmd::demo::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Text(args) => cmd::text::run(args),
        Command::Dates(args) => cmd::dates::run(args),
        Command::Analyze(args) => cmd::analyze::run(args),
        Command::Cluster(args) => cmd::cluster::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Ner(args) => cmd::ner::run(args),
        Command::Entities(args) => cmd::entities::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "marsad: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MARSAD_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("warn,html5ever=error,selectors=error")
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
