//! `marsad ingest`: fetch new articles from every source, `--once` (one round) or `--watch`
//! (forever, each source on its adaptive schedule). Progress bars on a terminal, one plain log
//! line per stored page otherwise, a `--json` summary at the end. Ctrl-C stops after the batch
//! in hand; what was reported stored is stored.
//!
//! Several `marsad ingest` processes on one store (one PostgreSQL `--storage`, each with its
//! own `--data` folder for the archive and index) share the work: each source is claimed
//! before it is fetched, so a round fetches it once whichever process takes it (see
//! `marsad_ingest::run`); the `--json` summary lists the sources left to others in `skipped`.
//!
//! Also the fetch config shared with `marsad source` ([`FetchArgs`]).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context;
use marsad_ingest::fetch::{FetchConfig, Fetcher, IpRange};
use marsad_ingest::run::{
    Claim, Event, RoundReport, RunContext, RunOptions, due_sources, run_round,
};
use marsad_ingest::warc::{WARC_DIR, WarcWriter};
use serde::Serialize;

use crate::data::{DataArgs, runtime};

/// The fetch config: flags, or the `MARSAD_FETCH_*` environment variables.
#[derive(Debug, Clone, clap::Args)]
pub struct FetchArgs {
    /// Address ranges the fetcher may connect to although not public (CIDR, repeatable or
    /// comma-separated), e.g. `127.0.0.1/32` for a local mirror. Everything else that is
    /// loopback, private, link-local, CGNAT, multicast or metadata is refused.
    #[arg(
        long = "allow",
        env = "MARSAD_FETCH_ALLOW",
        value_delimiter = ',',
        value_name = "CIDR"
    )]
    pub allow: Vec<String>,
    /// The User-Agent (its first word is the robots.txt agent).
    #[arg(long, env = "MARSAD_FETCH_USER_AGENT")]
    pub user_agent: Option<String>,
    /// Least milliseconds between two requests to one host (robots crawl-delay may lengthen it).
    #[arg(long, env = "MARSAD_FETCH_HOST_INTERVAL_MS", default_value_t = 1000)]
    pub host_interval_ms: u64,
    /// Largest response in bytes.
    #[arg(long, env = "MARSAD_FETCH_MAX_BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Seconds a whole request may take.
    #[arg(long, env = "MARSAD_FETCH_TIMEOUT", default_value_t = 30)]
    pub timeout_secs: u64,
    /// Retries for 5xx, 429 and timeouts.
    #[arg(long, env = "MARSAD_FETCH_RETRIES", default_value_t = 3)]
    pub retries: u32,
    /// First retry wait in milliseconds (doubling, with jitter).
    #[arg(long, env = "MARSAD_FETCH_BACKOFF_MS", default_value_t = 500)]
    pub backoff_ms: u64,
    /// Redirects followed.
    #[arg(long, env = "MARSAD_FETCH_MAX_REDIRECTS", default_value_t = 5)]
    pub max_redirects: usize,
}

impl FetchArgs {
    /// The fetcher of this config.
    pub fn fetcher(&self) -> anyhow::Result<Fetcher> {
        let mut allow = Vec::new();
        for range in self.allow.iter().filter(|r| !r.trim().is_empty()) {
            allow.push(IpRange::parse(range).map_err(|e| anyhow::anyhow!("--allow {e}"))?);
        }
        let defaults = FetchConfig::default();
        let config = FetchConfig {
            user_agent: self.user_agent.clone().unwrap_or(defaults.user_agent),
            allow,
            max_bytes: self.max_bytes,
            timeout: Duration::from_secs(self.timeout_secs.max(1)),
            connect_timeout: Duration::from_secs(self.timeout_secs.clamp(1, 10)),
            max_redirects: self.max_redirects,
            retries: self.retries,
            backoff: Duration::from_millis(self.backoff_ms),
            host_interval: Duration::from_millis(self.host_interval_ms),
            ..defaults
        };
        Fetcher::new(config).context("start the HTTP client")
    }
}

/// Flags of `marsad ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// One round over all sources, then exit.
    #[arg(long, conflicts_with = "watch")]
    pub once: bool,
    /// Run forever, each source when its schedule is due.
    #[arg(long)]
    pub watch: bool,
    /// Only these sources (ids), for `--once`.
    #[arg(long = "source", value_name = "ID")]
    pub sources: Vec<String>,
    /// New pages fetched per source per round.
    #[arg(long, default_value_t = 200)]
    pub max_pages: usize,
    /// Sources worked on at once.
    #[arg(long, default_value_t = 8)]
    pub parallel: usize,
    /// Pages stored together (smaller: less re-fetched after a crash).
    #[arg(long, default_value_t = 20)]
    pub batch: usize,
    /// Claim sources under this name instead of a new one per process (host, pid and a
    /// random part). A process restarted in place of one that died (kill -9, a crash) with the
    /// same name takes over its sources at once, instead of waiting up to two minutes for their
    /// leases to end. Two live processes must never share a name.
    #[arg(long, value_name = "NAME")]
    pub worker: Option<String>,
    /// Print each round's summary as JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonRound<'a> {
    schema: u32,
    data: String,
    mode: &'static str,
    pages_per_second: f64,
    #[serde(flatten)]
    report: &'a RoundReport,
}

/// Run `marsad ingest`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.once && !args.watch {
        anyhow::bail!("say --once (one round) or --watch (forever)");
    }
    let fetcher = Arc::new(args.fetch.fetcher()?);
    runtime()?.block_on(async move {
        let store = args.data.open().await?;
        let cancel = Arc::new(AtomicBool::new(false));
        {
            let cancel = cancel.clone();
            tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    let _ = writeln!(
                        std::io::stderr(),
                        "marsad: stopping after the batch in hand (Ctrl-C)"
                    );
                    cancel.store(true, Ordering::Relaxed);
                }
            });
        }
        let archive = WarcWriter::create(
            &args.data.dir.join(WARC_DIR),
            &format!("marsad {}", env!("CARGO_PKG_VERSION")),
        )
        .context("open the WARC archive")?;
        let options = RunOptions {
            max_pages_per_source: args.max_pages,
            batch: args.batch,
            parallel_sources: args.parallel,
            claim: if args.once { Claim::Round } else { Claim::Due },
            ..RunOptions::default()
        };
        let mut ctx = RunContext::new(store.clone(), fetcher, archive, options, cancel.clone());
        if let Some(worker) = &args.worker {
            ctx = ctx.with_worker(worker.clone());
        }
        let mut failed_any = false;
        loop {
            let all = store.sources.list_sources().await.context("list sources")?;
            let chosen: Vec<_> = if args.sources.is_empty() {
                all
            } else {
                all.into_iter()
                    .filter(|s| args.sources.contains(&s.id))
                    .collect()
            };
            let round = if args.once {
                if chosen.is_empty() {
                    anyhow::bail!("no sources: add one with `marsad source add URL`");
                }
                chosen
            } else {
                due_sources(chosen, chrono::Utc::now())
            };
            if !round.is_empty() {
                let report = run_logged(&ctx, round).await?;
                // Events and storylines for the new articles, as `marsad import` does.
                if !report.ids.is_empty() {
                    crate::cmd::cluster::update(&store, &report.ids, &Default::default())
                        .await
                        .context(
                            "articles stored; clustering them failed (retry with `marsad cluster`)",
                        )?;
                }
                failed_any |= report.failed > 0;
                print_round(&args, &report, if args.once { "once" } else { "watch" })?;
            }
            if args.once || cancel.load(Ordering::Relaxed) {
                break;
            }
            // Sleep until the next source is due (re-reading the list each minute at most).
            let sources = store.sources.list_sources().await.context("list sources")?;
            let now = chrono::Utc::now();
            let wait = sources
                .iter()
                .map(|s| (s.schedule.next_due - now).num_seconds())
                .min()
                .unwrap_or(60)
                .clamp(1, 60);
            for _ in 0..wait {
                if cancel.load(Ordering::Relaxed) {
                    break;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            if cancel.load(Ordering::Relaxed) {
                break;
            }
        }
        anyhow::Ok(if failed_any && args.once {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        })
    })
}

/// One round with a progress bar (terminal) or log lines (otherwise).
async fn run_logged(
    ctx: &RunContext,
    sources: Vec<marsad_store::Source>,
) -> anyhow::Result<RoundReport> {
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} {wide_bar} {pos}/{len} pages ({per_sec}) {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let on_event = |event: &Event<'_>| match event {
        Event::Found { source, urls } => {
            bar.inc_length(*urls as u64);
            if !terminal && *urls > 0 {
                let _ = writeln!(std::io::stderr(), "{source}: {urls} new links");
            }
        }
        Event::Stored {
            source,
            url,
            id,
            outcome,
        } => {
            bar.inc(1);
            bar.set_message(source.to_string());
            if !terminal {
                // Printed only after the article is durable: a supervisor may count these.
                let mut out = std::io::stderr().lock();
                let _ = writeln!(out, "stored {id} {outcome} {url}");
            }
        }
        Event::Failed { source, error } => {
            bar.inc(0);
            if terminal {
                bar.println(format!("{source}: {error}"));
            } else {
                let _ = writeln!(std::io::stderr(), "failed {source}: {error}");
            }
        }
    };
    let report = run_round(ctx, sources, &on_event).await.context("ingest")?;
    bar.finish_and_clear();
    Ok(report)
}

fn print_round(args: &Args, report: &RoundReport, mode: &'static str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let pages_per_second = if report.seconds > 0.0 {
        report.fetched as f64 / report.seconds
    } else {
        0.0
    };
    if args.json {
        let json = JsonRound {
            schema: 1,
            data: args.data.dir.display().to_string(),
            mode,
            pages_per_second,
            report,
        };
        serde_json::to_writer(&mut out, &json).context("write JSON")?;
        writeln!(out).context("write JSON")?;
    } else {
        writeln!(
            out,
            "{} sources{}: {} pages fetched, {} new articles, {} failed, {} requests in {:.1} s ({:.2} pages/s){}",
            report.sources.len(),
            if report.skipped.is_empty() {
                String::new()
            } else {
                format!(" ({} skipped: held by another process)", report.skipped.len())
            },
            report.fetched,
            report.inserted,
            report.failed,
            report.requests,
            report.seconds,
            pages_per_second,
            if report.stopped { ", stopped" } else { "" }
        )
        .context("write summary")?;
    }
    Ok(())
}
