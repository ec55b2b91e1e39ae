//! `marsad bench web`: latency of the reader and the JSON API under load, on a store of many
//! articles.
//!
//! 1. **The store**: a data folder (`--data`, default `target/bench-web`) filled to
//!    `--articles` with synthetic articles made from real ones (ANT v2.1): each keeps a real
//!    article's headline words and lead, adds paragraphs of other real articles, and gets its
//!    own outlet and date (400 a day), so texts, the index and the clustering look like a
//!    news site's. They go through the real import (analysis, index) in chunks, then are
//!    clustered. A folder that already holds enough articles is reused; an interrupted build
//!    resumes (ids are fixed, so nothing is stored twice).
//! 2. **The server**: `marsad serve` on that folder, as its own process on 127.0.0.1.
//! 3. **The load**: for each page and API route, `--connections` keep-alive connections send
//!    requests back to back for `--seconds` (after a one-second warm-up that is not counted),
//!    rotating over sample article ids, event ids and search words drawn from the store. The
//!    client is this command (reqwest, one tokio runtime) unless `--load-tool` names an
//!    [oha](https://github.com/hatoo/oha) binary (`bench/install-oha.sh` builds one into
//!    `target/tools`): oha then gets the same URLs in a file (`--urls-from-file`, oha picks among
//!    them), the same connections and length, and its JSON report gives the figures. Either
//!    client shares the machine's cores with the server.
//!
//! `--json` prints `{"schema":1,"data","articles","events","connections","seconds",
//! "build_seconds":f|null,"page_cache_ms","load_tool","routes":[{"name","path","requests",
//! "errors","requests_per_s","p50_ms","p90_ms","p99_ms","max_ms"}],"server_peak_rss_bytes"}`
//! (docs/cli-json.md); `load_tool` is `"marsad"` or oha's `--version` line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{NaiveDate, NaiveDateTime};
use marsad_extract::{Article, Published};
use marsad_ingest::{ImportItem, ImportOptions, import_items};
use marsad_store::Store;
use serde::Serialize;

/// Articles imported per chunk while building (bounds memory and the work an interrupt loses).
const CHUNK: usize = 5_000;
/// Sample article ids, event ids and search words the load rotates over.
const SAMPLES: usize = 500;

/// Flags of `marsad bench web`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The data folder of the synthetic store (built or completed when it holds fewer
    /// articles than `--articles`).
    #[arg(long, default_value = "target/bench-web")]
    pub data: PathBuf,
    /// Articles in the store.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// ANT v2.1 (real articles the synthetic ones are made of): the folder or the `.tar.xz`.
    #[arg(long, default_value = "../shared/data/ant-corpus-v2.1/ant-v2.1.tar.xz")]
    pub v2: PathBuf,
    /// Concurrent connections.
    #[arg(long, default_value_t = 200)]
    pub connections: usize,
    /// Seconds of load per route.
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Only these routes (comma-separated names: home, article, event, search, api_search,
    /// api_article); all when absent.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// The server's `--page-cache-ms` (0: every request rendered).
    #[arg(long, default_value_t = 2000)]
    pub page_cache_ms: u64,
    /// An `oha` binary to send the load instead of this command's own client.
    #[arg(long)]
    pub load_tool: Option<PathBuf>,
    /// Print JSON (schema in this module's doc and docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct RouteResult {
    name: &'static str,
    path: String,
    requests: usize,
    errors: usize,
    requests_per_s: f64,
    p50_ms: f64,
    p90_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

#[derive(Debug, Serialize)]
struct Report {
    schema: u32,
    data: String,
    articles: u64,
    events: usize,
    connections: usize,
    seconds: f64,
    build_seconds: Option<f64>,
    page_cache_ms: u64,
    /// The client that sent the load: `"marsad"` or oha's version line.
    load_tool: String,
    routes: Vec<RouteResult>,
    /// Peak resident memory of the `marsad serve` process after the load (`VmHWM`).
    server_peak_rss_bytes: u64,
}

/// Run `marsad bench web`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.connections == 0 || !args.seconds.is_finite() || args.seconds <= 0.0 {
        anyhow::bail!("--connections and --seconds must be positive");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("start the runtime")?;
    let load_tool = match &args.load_tool {
        Some(oha) => oha_version(oha)?,
        None => "marsad".to_owned(),
    };
    let (build_seconds, samples, articles) = runtime.block_on(prepare(&args))?;
    let server = Server::start(&args.data, args.page_cache_ms)?;
    let report = runtime.block_on(async {
        server.wait_ready().await?;
        let mut routes = Vec::new();
        for route in ROUTES {
            if !args.only.is_empty() && !args.only.iter().any(|n| n == route.name) {
                continue;
            }
            let paths = route.paths(&samples);
            if paths.is_empty() {
                eprintln!(
                    "marsad: {}: nothing to request in this store: skipped",
                    route.name
                );
                continue;
            }
            routes.push(match &args.load_tool {
                Some(oha) => load_oha(oha, &args.data, &server.base, route, &paths, &args)?,
                None => load(&server.base, route, &paths, args.connections, args.seconds).await?,
            });
        }
        anyhow::Ok(Report {
            schema: 1,
            data: args.data.display().to_string(),
            articles,
            events: samples.events.len(),
            connections: args.connections,
            seconds: args.seconds,
            build_seconds,
            page_cache_ms: args.page_cache_ms,
            load_tool,
            routes,
            server_peak_rss_bytes: super::scale::memory_of(&server.child.id().to_string()).0,
        })
    })?;
    drop(server);
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} articles, {} connections, {} s per route, load from {}",
            report.articles, report.connections, report.seconds, report.load_tool
        )?;
        writeln!(
            out,
            "{:<12} {:>9} {:>7} {:>9} {:>8} {:>8} {:>8} {:>8}",
            "route", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms"
        )?;
        for r in &report.routes {
            writeln!(
                out,
                "{:<12} {:>9} {:>7} {:>9.0} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
                r.name,
                r.requests,
                r.errors,
                r.requests_per_s,
                r.p50_ms,
                r.p90_ms,
                r.p99_ms,
                r.max_ms
            )?;
        }
        writeln!(
            out,
            "marsad serve peak RSS: {} MiB",
            report.server_peak_rss_bytes >> 20
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------- the store

/// What the load rotates over.
#[derive(Debug, Default)]
struct Samples {
    articles: Vec<String>,
    events: Vec<String>,
    words: Vec<String>,
}

/// Fill the store to `args.articles` (returns the build time when it built anything), cluster
/// it, and draw the samples.
async fn prepare(args: &Args) -> anyhow::Result<(Option<f64>, Samples, u64)> {
    let store = Store::open(&args.data)
        .await
        .with_context(|| format!("open {}", args.data.display()))?;
    let have = usize::try_from(store.articles.count().await?).unwrap_or(usize::MAX);
    let mut build_seconds = None;
    if have < args.articles {
        let started = Instant::now();
        let folder = super::category::v2_folder(&args.v2)?.with_context(|| {
            format!(
                "{}: not found (the synthetic store is made of ANT v2.1 articles)",
                args.v2.display()
            )
        })?;
        let pool = super::scores::read_articles(&folder, 0)?;
        if pool.is_empty() {
            anyhow::bail!("{}: no articles", folder.display());
        }
        build(&store, &pool, have, args.articles).await?;
        build_seconds = Some(started.elapsed().as_secs_f64());
    }
    eprintln!("marsad: clustering the store (placing any article not placed yet)…");
    crate::cmd::cluster::sync_all(&store).await?;
    let articles = store.articles.count().await?;
    let samples = samples(&store).await?;
    Ok((build_seconds, samples, articles))
}

/// Import synthetic articles `from..to` in chunks, with a progress bar.
async fn build(store: &Store, pool: &[Article], from: usize, to: usize) -> anyhow::Result<()> {
    // Resume at a chunk boundary: ids are fixed, so a chunk stored in part is completed.
    let from = from - from % CHUNK;
    let bar = indicatif::ProgressBar::new((to - from) as u64).with_style(
        indicatif::ProgressStyle::with_template(
            "{msg} {wide_bar} {pos}/{len} ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("building the store");
    let mut start = from;
    while start < to {
        let end = (start + CHUNK).min(to);
        let items: Vec<ImportItem> = (start..end)
            .map(|i| ImportItem::Article {
                id: format!("bench-{i:07}"),
                article: Box::new(synthetic(pool, i)),
                origin: format!("synthetic:{i}"),
            })
            .collect();
        let done = bar.position();
        import_items(store, items, &ImportOptions::default(), &mut |n, _| {
            bar.set_position(done + n as u64)
        })
        .await
        .context("import synthetic articles")?;
        start = end;
    }
    bar.finish_and_clear();
    Ok(())
}

/// Synthetic article `i`: deterministic in `i`, from the pool's real texts.
fn synthetic(pool: &[Article], i: usize) -> Article {
    let mut rng = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        usize::try_from(rng % (1 << 31)).unwrap_or(0)
    };
    let base = &pool[i % pool.len()];
    let other = &pool[next() % pool.len()];
    let mut words: Vec<&str> = base
        .title
        .as_deref()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    if words.len() > 4 {
        words.remove(next() % words.len());
    }
    words.extend(
        other
            .title
            .as_deref()
            .unwrap_or_default()
            .split_whitespace()
            .take(2),
    );
    let mut body: Vec<String> = base.body.iter().take(3).cloned().collect();
    for _ in 0..1 + next() % 3 {
        let from = &pool[next() % pool.len()];
        if !from.body.is_empty() {
            body.push(from.body[next() % from.body.len()].clone());
        }
    }
    let start = NaiveDate::from_ymd_opt(2018, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let time: NaiveDateTime = start + chrono::Duration::seconds((i as i64) * 86_400 / 400);
    Article {
        url: Some(format!("https://outlet-{}.example/news/{i}", i % 40)),
        title: Some(words.join(" ")),
        source: Some(format!("outlet-{}", next() % 40)),
        published: Published {
            published: Some(time.format("%Y-%m-%dT%H:%M:%S").to_string()),
            published_precision: Some("second".into()),
        },
        language: "ar".into(),
        body,
        ..Article::default()
    }
}

/// Sample article ids (spread over the store), events (the latest and the largest) and
/// headline words (at least four letters) for the load.
async fn samples(store: &Store) -> anyhow::Result<Samples> {
    let count = usize::try_from(store.articles.count().await?).unwrap_or(0);
    let mut out = Samples::default();
    let step = (count / SAMPLES).max(1);
    let mut offset = 0;
    while offset < count && out.articles.len() < SAMPLES {
        for a in store.articles.latest(1, offset).await? {
            if let Some(title) = &a.article.title {
                out.words.extend(
                    title
                        .split_whitespace()
                        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
                        .take(1)
                        .map(str::to_owned),
                );
            }
            out.articles.push(a.id);
        }
        offset += step;
    }
    out.events = store
        .clusters
        .latest_events(SAMPLES)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    Ok(out)
}

// ---------------------------------------------------------------- the server

/// `marsad serve` on the bench's data folder, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(data: &Path, page_cache_ms: u64) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind(("127.0.0.1", 0))
            .and_then(|l| l.local_addr())
            .context("find a free port")?
            .port();
        let exe = std::env::current_exe().context("find the marsad binary")?;
        let child = Command::new(exe)
            .arg("serve")
            .arg("--data")
            .arg(data)
            .arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--page-cache-ms")
            .arg(page_cache_ms.to_string())
            .env("MARSAD_LOG", "error")
            .stdout(Stdio::null())
            .spawn()
            .context("start marsad serve")?;
        Ok(Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    async fn wait_ready(&self) -> anyhow::Result<()> {
        let client = reqwest::Client::builder().no_proxy().build()?;
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(r) = client.get(format!("{}/healthz", self.base)).send().await
                && r.status().is_success()
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        anyhow::bail!("marsad serve did not answer on {} within 120 s", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------- the load

/// One route and how to make its request paths from the samples.
struct Route {
    name: &'static str,
    make: fn(&Samples) -> Vec<String>,
}

impl Route {
    fn paths(&self, samples: &Samples) -> Vec<String> {
        (self.make)(samples)
    }
}

fn query(word: &str) -> String {
    let mut q = String::new();
    for b in word.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            q.push(char::from(b));
        } else {
            q.push_str(&format!("%{b:02X}"));
        }
    }
    q
}

const ROUTES: &[Route] = &[
    Route {
        name: "home",
        make: |_| vec!["/".to_owned()],
    },
    Route {
        name: "article",
        make: |s| {
            s.articles
                .iter()
                .map(|a| article_path("/articles/", a))
                .collect()
        },
    },
    Route {
        name: "event",
        make: |s| {
            s.events
                .iter()
                .map(|e| format!("/events/{}", query(e)))
                .collect()
        },
    },
    Route {
        name: "search",
        make: |s| {
            s.words
                .iter()
                .map(|w| format!("/search?q={}", query(w)))
                .collect()
        },
    },
    Route {
        name: "api_search",
        make: |s| {
            s.words
                .iter()
                .map(|w| format!("/api/search?q={}", query(w)))
                .collect()
        },
    },
    Route {
        name: "api_article",
        make: |s| {
            s.articles
                .iter()
                .map(|a| article_path("/api/articles/", a))
                .collect()
        },
    },
];

fn article_path(prefix: &str, id: &str) -> String {
    format!("{prefix}{}", query(id))
}

/// Load one route: `connections` tasks sending requests back to back; a one-second warm-up,
/// then `seconds` measured.
async fn load(
    base: &str,
    route: &Route,
    paths: &[String],
    connections: usize,
    seconds: f64,
) -> anyhow::Result<RouteResult> {
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(connections)
        .timeout(Duration::from_secs(60))
        .build()
        .context("build the HTTP client")?;
    let urls: Arc<Vec<String>> = Arc::new(paths.iter().map(|p| format!("{base}{p}")).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let run = |measure: bool, length: Duration| {
        let mut tasks = Vec::with_capacity(connections);
        for _ in 0..connections {
            let (client, urls, next) = (client.clone(), urls.clone(), next.clone());
            tasks.push(tokio::spawn(async move {
                let mut latencies: Vec<u32> = Vec::new();
                let mut errors = 0usize;
                let end = Instant::now() + length;
                while Instant::now() < end {
                    let url = &urls[next.fetch_add(1, Ordering::Relaxed) % urls.len()];
                    let started = Instant::now();
                    let ok = match client.get(url).send().await {
                        Ok(r) => {
                            let fine = r.status().is_success();
                            r.bytes().await.is_ok() && fine
                        }
                        Err(_) => false,
                    };
                    if measure {
                        let micros = started.elapsed().as_micros();
                        latencies.push(u32::try_from(micros).unwrap_or(u32::MAX));
                        if !ok {
                            errors += 1;
                        }
                    }
                }
                (latencies, errors)
            }));
        }
        tasks
    };
    for t in run(false, Duration::from_secs(1)) {
        t.await.context("warm-up task")?;
    }
    let started = Instant::now();
    let mut all: Vec<u32> = Vec::new();
    let mut errors = 0;
    for t in run(true, Duration::from_secs_f64(seconds)) {
        let (l, e) = t.await.context("load task")?;
        all.extend(l);
        errors += e;
    }
    let wall = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let at = |q: f64| -> f64 {
        if all.is_empty() {
            return 0.0;
        }
        let i = ((all.len() as f64 - 1.0) * q).round() as usize;
        f64::from(all[i.min(all.len() - 1)]) / 1000.0
    };
    Ok(RouteResult {
        name: route.name,
        path: paths.first().cloned().unwrap_or_default(),
        requests: all.len(),
        errors,
        requests_per_s: all.len() as f64 / wall,
        p50_ms: at(0.5),
        p90_ms: at(0.9),
        p99_ms: at(0.99),
        max_ms: at(1.0),
    })
}

// ---------------------------------------------------------------- the load, from oha

/// oha's `--version` line (also checks that the binary runs).
fn oha_version(oha: &Path) -> anyhow::Result<String> {
    let out = Command::new(oha)
        .arg("--version")
        .output()
        .with_context(|| {
            format!(
                "run {} --version (bench/install-oha.sh builds it)",
                oha.display()
            )
        })?;
    if !out.status.success() {
        anyhow::bail!("{} --version failed: {}", oha.display(), out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The part of oha's JSON report (`--output-format json`) the figures come from.
#[derive(Debug, serde::Deserialize)]
struct OhaReport {
    summary: OhaSummary,
    #[serde(rename = "latencyPercentiles")]
    latency_percentiles: std::collections::HashMap<String, Option<f64>>,
    #[serde(rename = "statusCodeDistribution")]
    status_codes: std::collections::HashMap<String, usize>,
    #[serde(rename = "errorDistribution")]
    errors: std::collections::HashMap<String, usize>,
}

#[derive(Debug, serde::Deserialize)]
struct OhaSummary {
    /// Wall seconds of the run.
    total: f64,
    /// Slowest response, seconds (absent when nothing answered).
    slowest: Option<f64>,
}

/// One route under oha: a one-second warm-up, then `args.seconds` measured.
fn load_oha(
    oha: &Path,
    data: &Path,
    base: &str,
    route: &Route,
    paths: &[String],
    args: &Args,
) -> anyhow::Result<RouteResult> {
    let urls = data.join(format!("oha-urls-{}.txt", route.name));
    let mut list = String::new();
    for p in paths {
        list.push_str(base);
        list.push_str(p);
        list.push('\n');
    }
    std::fs::write(&urls, list).with_context(|| format!("write {}", urls.display()))?;
    let run = |seconds: f64| -> anyhow::Result<OhaReport> {
        let out = Command::new(oha)
            .args(["--no-tui", "--output-format", "json", "--urls-from-file"])
            .arg("-c")
            .arg(args.connections.to_string())
            .arg("-z")
            .arg(format!("{}ms", (seconds * 1000.0).round().max(1.0)))
            .arg(&urls)
            .stderr(Stdio::inherit())
            .output()
            .with_context(|| format!("run {}", oha.display()))?;
        if !out.status.success() {
            anyhow::bail!("{} failed on {}: {}", oha.display(), route.name, out.status);
        }
        serde_json::from_slice(&out.stdout)
            .with_context(|| format!("read {}'s JSON report on {}", oha.display(), route.name))
    };
    run(1.0)?;
    let report = run(args.seconds)?;
    let _ = std::fs::remove_file(&urls);
    Ok(oha_result(route.name, paths, &report))
}

/// Figures from an oha report. A request counts when it was answered; an answer other than
/// 2xx, or a failure other than the deadline cutting requests still in flight, is an error.
fn oha_result(name: &'static str, paths: &[String], report: &OhaReport) -> RouteResult {
    let answered: usize = report.status_codes.values().sum();
    let not_ok: usize = report
        .status_codes
        .iter()
        .filter(|(code, _)| !code.starts_with('2'))
        .map(|(_, n)| n)
        .sum();
    let failed: usize = report
        .errors
        .iter()
        .filter(|(what, _)| !what.contains("deadline"))
        .map(|(_, n)| n)
        .sum();
    let ms = |key: &str| {
        report
            .latency_percentiles
            .get(key)
            .copied()
            .flatten()
            .map_or(0.0, |s| s * 1000.0)
    };
    RouteResult {
        name,
        path: paths.first().cloned().unwrap_or_default(),
        requests: answered + failed,
        errors: not_ok + failed,
        requests_per_s: if report.summary.total > 0.0 {
            answered as f64 / report.summary.total
        } else {
            0.0
        },
        p50_ms: ms("p50"),
        p90_ms: ms("p90"),
        p99_ms: ms("p99"),
        max_ms: report.summary.slowest.map_or(0.0, |s| s * 1000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oha_report_gives_the_figures_and_counts_errors() {
        let json = r#"{"summary":{"successRate":1.0,"total":2.0,"slowest":0.05,"fastest":0.001},
            "latencyPercentiles":{"p50":0.004,"p90":0.01,"p99":0.02,"p99.9":null},
            "statusCodeDistribution":{"200":300,"404":10},
            "errorDistribution":{"aborted due to deadline":7,"connection closed":3}}"#;
        let report: OhaReport = serde_json::from_str(json).expect("parse");
        let r = oha_result("api_search", &["/api/search?q=x".to_owned()], &report);
        assert_eq!(r.requests, 313);
        assert_eq!(r.errors, 13);
        assert!((r.requests_per_s - 155.0).abs() < 1e-9);
        assert!((r.p50_ms - 4.0).abs() < 1e-9);
        assert!((r.p90_ms - 10.0).abs() < 1e-9);
        assert!((r.p99_ms - 20.0).abs() < 1e-9);
        assert!((r.max_ms - 50.0).abs() < 1e-9);
        assert_eq!(r.path, "/api/search?q=x");
    }
}
