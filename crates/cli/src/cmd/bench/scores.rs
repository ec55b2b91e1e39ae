//! `marsad bench scores`: the distributions of credibility and importance over real news
//! (ANT v1.1 and v2.1), to show they spread rather than pile up at one value: a histogram by
//! decile, mean, standard deviation, the modal value and its share, how often each reason
//! fires, and the analysis speed.
//!
//! Each article is analysed as on the day it was published (recency 0), as a live import
//! would see it, unless `--today` fixes one date for all.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use chrono::NaiveDate;
use marsad_analyze::{Analyzer, Context, Score, parse_ant};
use marsad_extract::{Article, Published};
use serde::Serialize;

/// Flags of `marsad bench scores`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// ANT v1.1 folder.
    #[arg(long, default_value = "../shared/data/ant-corpus-v1.1")]
    pub v1: PathBuf,
    /// ANT v2.1: the unpacked folder, or the `.tar.xz` (unpacked into `target/data/ant-v2.1`).
    #[arg(long, default_value = "../shared/data/ant-corpus-v2.1/ant-v2.1.tar.xz")]
    pub v2: PathBuf,
    /// At most this many articles per corpus (0: all).
    #[arg(long, default_value_t = 0)]
    pub max: usize,
    /// Source profiles (JSON) to score with.
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
    /// One analysis date for every article (default: each article's own date).
    #[arg(long, value_name = "DATE")]
    pub today: Option<NaiveDate>,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// The distribution of one score.
#[derive(Debug, Serialize)]
struct Distribution {
    n: usize,
    mean: f64,
    stdev: f64,
    min: u8,
    max: u8,
    /// Articles per decile: 0–9, 10–19, …, 90–100.
    deciles: [usize; 10],
    /// The most frequent value and the share of articles at it.
    mode: u8,
    mode_share: f64,
    /// How many distinct values occur.
    distinct: usize,
    /// Share of articles where each reason fires (non-zero weight), most frequent first.
    reasons: Vec<(String, f64)>,
}

#[derive(Debug, Serialize)]
struct CorpusResult {
    corpus: String,
    articles: usize,
    seconds: f64,
    articles_per_second: f64,
    credibility: Distribution,
    importance: Distribution,
}

#[derive(Serialize)]
struct Report {
    schema: u32,
    corpora: Vec<CorpusResult>,
}

/// Run `marsad bench scores`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let analyzer = crate::cmd::analyze::analyzer_from(args.profiles.as_deref(), None)?;
    let mut corpora = Vec::new();
    let sets: Vec<(&str, Option<PathBuf>)> = vec![
        ("ant-v1.1", args.v1.is_dir().then(|| args.v1.clone())),
        ("ant-v2.1", super::category::v2_folder(&args.v2)?),
    ];
    for (name, dir) in sets {
        let Some(dir) = dir else {
            eprintln!("marsad: {name} not found: skipping");
            continue;
        };
        let articles = read_articles(&dir, args.max)?;
        if articles.is_empty() {
            eprintln!("marsad: {name}: no articles in {}: skipping", dir.display());
            continue;
        }
        corpora.push(measure(name, &analyzer, &articles, args.today));
    }
    if corpora.is_empty() {
        eprintln!("marsad: no corpus found: nothing measured");
    }
    let report = Report { schema: 1, corpora };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report).context("write JSON")?;
        writeln!(out)?;
    } else {
        for c in &report.corpora {
            writeln!(
                out,
                "{}: {} articles, {:.0} articles/s",
                c.corpus, c.articles, c.articles_per_second
            )?;
            for (name, d) in [
                ("credibility", &c.credibility),
                ("importance", &c.importance),
            ] {
                writeln!(
                    out,
                    "  {name}: mean {:.1} stdev {:.1} min {} max {} mode {} ({:.1} %) distinct {}",
                    d.mean,
                    d.stdev,
                    d.min,
                    d.max,
                    d.mode,
                    100.0 * d.mode_share,
                    d.distinct
                )?;
                let bars: Vec<String> = d
                    .deciles
                    .iter()
                    .enumerate()
                    .map(|(i, n)| format!("{}0s:{:.1}%", i, 100.0 * *n as f64 / d.n.max(1) as f64))
                    .collect();
                writeln!(out, "    deciles {}", bars.join(" "))?;
                let reasons: Vec<String> = d
                    .reasons
                    .iter()
                    .map(|(r, s)| format!("{r} {:.0}%", 100.0 * s))
                    .collect();
                writeln!(out, "    reasons {}", reasons.join(", "))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// ANT documents under `dir` as articles, URL copies merged, in path order.
pub(super) fn read_articles(dir: &Path, max: usize) -> anyhow::Result<Vec<Article>> {
    let mut files = Vec::new();
    walk(dir, &mut files).with_context(|| format!("read {}", dir.display()))?;
    files.sort();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
        for doc in parse_ant(&String::from_utf8_lossy(&bytes)) {
            let key = doc.url.clone().or(doc.docno.clone());
            if let Some(k) = key
                && !seen.insert(k)
            {
                continue;
            }
            let published = doc.published_day().map(|(y, m, d)| Published {
                published: Some(format!("{y:04}-{m:02}-{d:02}")),
                published_precision: Some("day".into()),
            });
            out.push(Article {
                url: doc.url.clone(),
                title: doc.title.clone(),
                author: doc.author.clone().filter(|a| !a.trim().is_empty()),
                source: doc.source.clone(),
                published: published.unwrap_or_default(),
                language: "ar".into(),
                body: doc.paragraphs(),
                ..Article::default()
            });
            if max > 0 && out.len() >= max {
                return Ok(out);
            }
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    Ok(())
}

fn measure(
    name: &str,
    analyzer: &Analyzer,
    articles: &[Article],
    today: Option<NaiveDate>,
) -> CorpusResult {
    let start = Instant::now();
    let mut cred = Vec::with_capacity(articles.len());
    let mut imp = Vec::with_capacity(articles.len());
    for a in articles {
        let own = a
            .published
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let context = Context {
            today: today.or(own),
            ..Context::default()
        };
        let analysis = analyzer.analyze(a, &context);
        cred.push(analysis.credibility);
        imp.push(analysis.importance);
    }
    let seconds = start.elapsed().as_secs_f64();
    CorpusResult {
        corpus: name.to_owned(),
        articles: articles.len(),
        seconds,
        articles_per_second: articles.len() as f64 / seconds.max(1e-9),
        credibility: distribution(&cred),
        importance: distribution(&imp),
    }
}

fn distribution(scores: &[Score]) -> Distribution {
    let n = scores.len();
    let values: Vec<f64> = scores.iter().map(|s| f64::from(s.value)).collect();
    let mean = values.iter().sum::<f64>() / n.max(1) as f64;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n.max(1) as f64;
    let mut deciles = [0usize; 10];
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    let mut fired: BTreeMap<String, usize> = BTreeMap::new();
    for s in scores {
        deciles[usize::from(s.value / 10).min(9)] += 1;
        *counts.entry(s.value).or_default() += 1;
        for r in &s.reasons {
            if r.weight != 0 && r.code != "base" {
                *fired.entry(r.code.clone()).or_default() += 1;
            }
        }
    }
    let (mode, mode_n) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or((0, 0), |(v, c)| (*v, *c));
    let mut reasons: Vec<(String, f64)> = fired
        .into_iter()
        .map(|(r, c)| (r, c as f64 / n.max(1) as f64))
        .collect();
    reasons.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Distribution {
        n,
        mean,
        stdev: var.sqrt(),
        min: scores.iter().map(|s| s.value).min().unwrap_or(0),
        max: scores.iter().map(|s| s.value).max().unwrap_or(0),
        deciles,
        mode,
        mode_share: mode_n as f64 / n.max(1) as f64,
        distinct: counts.len(),
        reasons,
    }
}
