//! `marsad source`: add (discovering feeds and sitemaps from the home page), list, remove,
//! and OPML import/export of the outlets `marsad ingest` fetches.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::opml::{parse_opml, write_opml};
use marsad_ingest::sources::{SourceHints, discover};
use marsad_store::{Source, SourceProfile};
use serde::Serialize;

use crate::cmd::ingest::FetchArgs;
use crate::data::{DataArgs, runtime};

/// Flags of `marsad source`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

/// The `source` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a source from its home page (finds its feeds and sitemaps).
    Add(AddArgs),
    /// List the sources.
    List(ListArgs),
    /// Remove a source (and its fetch state; its articles stay).
    Remove(RemoveArgs),
    /// Add the sites of an OPML file (their feeds as given; sitemaps from robots.txt).
    ImportOpml(ImportOpmlArgs),
    /// Write the sources as OPML (to stdout, or --out).
    ExportOpml(ExportOpmlArgs),
}

/// What an operator may say about a source.
#[derive(Debug, Clone, clap::Args)]
pub struct Profile {
    /// ISO 3166-1 alpha-2 country code.
    #[arg(long)]
    pub country: Option<String>,
    /// Language tag (else the home page's `lang`).
    #[arg(long)]
    pub language: Option<String>,
    /// Editorial reliability, 0..=1 (credibility score input).
    #[arg(long, value_parser = unit_interval)]
    pub reliability: Option<f64>,
    /// Transparency, 0..=1 (credibility score input).
    #[arg(long, value_parser = unit_interval)]
    pub transparency: Option<f64>,
    /// Ownership: state, private, public-service, party, …
    #[arg(long)]
    pub ownership: Option<String>,
}

fn unit_interval(text: &str) -> Result<f64, String> {
    let v: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not within 0..=1"))
    }
}

/// Flags of `marsad source add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// The home page URL.
    pub url: String,
    /// The name (else the home page's site name or title).
    #[arg(long)]
    pub name: Option<String>,
    /// Feed URLs to use instead of discovering them (repeatable).
    #[arg(long = "feed")]
    pub feeds: Vec<String>,
    #[command(flatten)]
    pub profile: Profile,
    /// Print the source as JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// Flags of `marsad source list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print as JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// Flags of `marsad source remove`.
#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The source id (as `source list` shows it).
    pub id: String,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `marsad source import-opml`.
#[derive(Debug, clap::Args)]
pub struct ImportOpmlArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// The OPML file.
    pub file: PathBuf,
    /// Do not fetch anything: take the feeds as given, no sitemaps.
    #[arg(long)]
    pub offline: bool,
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Flags of `marsad source export-opml`.
#[derive(Debug, clap::Args)]
pub struct ExportOpmlArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Write here instead of stdout.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    schema: u32,
    #[serde(flatten)]
    source: &'a Source,
    fetched_urls: u64,
    stored_articles: u64,
}

#[derive(Serialize)]
struct JsonList<'a> {
    schema: u32,
    sources: Vec<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    schema: u32,
    action: &'a str,
    ids: Vec<String>,
    failed: Vec<String>,
}

/// Run `marsad source`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Add(a) => add(a),
        Command::List(a) => list(a),
        Command::Remove(a) => remove(a),
        Command::ImportOpml(a) => import_opml(a),
        Command::ExportOpml(a) => export_opml(a),
    }
}

fn profile(p: &Profile) -> SourceProfile {
    SourceProfile {
        reliability: p.reliability,
        transparency: p.transparency,
        ownership: p.ownership.clone(),
        ..SourceProfile::default()
    }
}

fn add(args: AddArgs) -> anyhow::Result<ExitCode> {
    let fetcher = args.fetch.fetcher()?;
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let hints = SourceHints {
            name: args.name.clone(),
            country: args.profile.country.clone(),
            language: args.profile.language.clone(),
            profile: profile(&args.profile),
            feeds: args.feeds.clone(),
        };
        let source = discover(&fetcher, &args.url, hints, chrono::Utc::now())
            .await
            .with_context(|| format!("add {}", args.url))?;
        let new = store
            .sources
            .put_source(&source)
            .await
            .context("save the source")?;
        let mut out = std::io::stdout().lock();
        if args.json {
            let json = JsonSource {
                schema: 1,
                source: &source,
                fetched_urls: 0,
                stored_articles: 0,
            };
            serde_json::to_writer(&mut out, &json).context("write JSON")?;
            writeln!(out).context("write JSON")?;
        } else {
            writeln!(
                out,
                "{} {} ({}): {} feeds, {} sitemaps",
                if new { "added" } else { "updated" },
                source.id,
                source.name,
                source.feeds.len(),
                source.sitemaps.len()
            )
            .context("write")?;
            for url in source.feeds.iter().chain(&source.sitemaps) {
                writeln!(out, "  {url}").context("write")?;
            }
        }
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let sources = store.sources.list_sources().await.context("list sources")?;
        let mut counts = Vec::with_capacity(sources.len());
        for s in &sources {
            counts.push(
                store
                    .sources
                    .count_fetch_states(Some(&s.id))
                    .await
                    .context("count")?,
            );
        }
        let mut out = std::io::stdout().lock();
        if args.json {
            let json = JsonList {
                schema: 1,
                sources: sources
                    .iter()
                    .zip(&counts)
                    .map(|(source, (n, stored))| JsonSource {
                        schema: 1,
                        source,
                        fetched_urls: *n,
                        stored_articles: *stored,
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut out, &json).context("write JSON")?;
            writeln!(out).context("write JSON")?;
        } else {
            for (s, (_, stored)) in sources.iter().zip(&counts) {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{} feeds, {} sitemaps\t{} articles\tnext {}",
                    s.id,
                    s.name,
                    s.country.as_deref().unwrap_or("-"),
                    s.language.as_deref().unwrap_or("-"),
                    s.feeds.len(),
                    s.sitemaps.len(),
                    stored,
                    s.schedule.next_due.format("%Y-%m-%d %H:%M")
                )
                .context("write")?;
            }
        }
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

fn remove(args: RemoveArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let removed = store
            .sources
            .remove_source(&args.id)
            .await
            .context("remove")?;
        if !removed {
            anyhow::bail!("no source {:?} (see `marsad source list`)", args.id);
        }
        print_change(args.json, "removed", vec![args.id.clone()], Vec::new())?;
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

fn import_opml(args: ImportOpmlArgs) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("read {}", args.file.display()))?;
    let sites = parse_opml(&bytes).with_context(|| args.file.display().to_string())?;
    let fetcher = args.fetch.fetcher()?;
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let mut ids = Vec::new();
        let mut failed = Vec::new();
        for site in sites {
            let hints = SourceHints {
                name: site.name.clone(),
                country: site.country.clone(),
                language: site.language.clone(),
                profile: site.profile.clone(),
                feeds: site.feeds.clone(),
            };
            let now = chrono::Utc::now();
            let source = if args.offline {
                marsad_ingest::sources::offline_source(&site.home_url, hints, now)
            } else {
                match discover(&fetcher, &site.home_url, hints.clone(), now).await {
                    Ok(source) => Some(source),
                    Err(err) => {
                        tracing::warn!(site = %site.home_url, error = %err, "home page unavailable: feeds kept as given");
                        marsad_ingest::sources::offline_source(&site.home_url, hints, now)
                    }
                }
            };
            match source {
                Some(source) => {
                    store.sources.put_source(&source).await.context("save the source")?;
                    ids.push(source.id);
                }
                None => failed.push(site.home_url.clone()),
            }
        }
        for f in &failed {
            let _ = writeln!(std::io::stderr(), "marsad: {f}: not a usable home URL");
        }
        print_change(args.json, "imported", ids, failed.clone())?;
        anyhow::Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
    })
}

fn export_opml(args: ExportOpmlArgs) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async {
        let store = args.data.open().await?;
        let sources = store.sources.list_sources().await.context("list sources")?;
        let xml = write_opml(&sources);
        match &args.out {
            Some(path) => {
                std::fs::write(path, xml).with_context(|| format!("write {}", path.display()))?
            }
            None => std::io::stdout()
                .lock()
                .write_all(xml.as_bytes())
                .context("write")?,
        }
        anyhow::Ok(ExitCode::SUCCESS)
    })
}

fn print_change(
    json: bool,
    action: &str,
    ids: Vec<String>,
    failed: Vec<String>,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(
            &mut out,
            &JsonChange {
                schema: 1,
                action,
                ids,
                failed,
            },
        )
        .context("write JSON")?;
        writeln!(out).context("write JSON")?;
    } else {
        for id in &ids {
            writeln!(out, "{action} {id}").context("write")?;
        }
    }
    Ok(())
}
