//! `marsad bench extract`: body quality and speed of Marsad's extractor on a real HTML set,
//! and of trafilatura on the same pages in the same run.
//!
//! The set is the ScrapingHub article-extraction benchmark (`ground-truth.json`:
//! `{id: {"articleBody", "url"}}`, pages in `html/<id>.html.gz`). Both extractors are scored
//! by the same function (`marsad_extract::token_prf`). Speed is extraction time only: pages
//! are read and decompressed first, for both.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::Context;
use marsad_extract::{Format, Options, Prf, token_prf};
use serde::{Deserialize, Serialize};

use super::venv::python_with;

/// Flags of `marsad bench extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ScrapingHub benchmark folder.
    #[arg(
        long,
        default_value = "../shared/data/scrapinghub-article-extraction-benchmark"
    )]
    pub set: PathBuf,
    /// Run Marsad over the set this many times and keep the fastest (speed only).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Skip trafilatura.
    #[arg(long)]
    pub no_peer: bool,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Extractor {
    name: String,
    version: String,
    mean: Prf,
    pages_per_s: f64,
    seconds: f64,
}

#[derive(Serialize)]
struct Report {
    schema: u32,
    set: String,
    pages: usize,
    extractors: Vec<Extractor>,
    speed_ratio_vs_trafilatura: Option<f64>,
    per_page: Vec<PerPage>,
}

#[derive(Serialize)]
struct PerPage {
    id: String,
    f1: BTreeMap<String, f64>,
}

/// Run `marsad bench extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.set.join("ground-truth.json").is_file() {
        eprintln!(
            "marsad: {} not found: skipping the extraction bench",
            args.set.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let pages = crate::scrapinghub::load(&args.set)?;
    let mut per_page: Vec<PerPage> = pages
        .iter()
        .map(|p| PerPage {
            id: p.id.clone(),
            f1: BTreeMap::new(),
        })
        .collect();

    // Marsad: fastest of `rounds` for speed, the scores of the first round.
    let mut best = f64::INFINITY;
    let mut bodies: Vec<Vec<String>> = Vec::new();
    for round in 0..args.rounds.max(1) {
        let start = Instant::now();
        let mut out = Vec::with_capacity(pages.len());
        for page in &pages {
            let options = Options {
                format: Format::Html,
                url: page.url.clone(),
                ..Options::default()
            };
            let body = marsad_extract::extract(&page.html, &options)
                .map(|e| e.article.body)
                .unwrap_or_default();
            out.push(body);
        }
        best = best.min(start.elapsed().as_secs_f64());
        if round == 0 {
            bodies = out;
        }
    }
    let scores: Vec<Prf> = bodies
        .iter()
        .zip(&pages)
        .map(|(b, p)| token_prf(b, &[&p.gold]))
        .collect();
    for (pp, s) in per_page.iter_mut().zip(&scores) {
        pp.f1.insert("marsad".into(), s.f1);
    }
    let mut extractors = vec![Extractor {
        name: "marsad".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        mean: mean(&scores),
        pages_per_s: pages.len() as f64 / best,
        seconds: best,
    }];

    let mut ratio = None;
    if !args.no_peer {
        match trafilatura(&pages) {
            Ok((version, seconds, texts)) => {
                let scores: Vec<Prf> = pages
                    .iter()
                    .map(|p| {
                        token_prf(
                            &[texts.get(&p.id).map(String::as_str).unwrap_or("")],
                            &[&p.gold],
                        )
                    })
                    .collect();
                for (pp, s) in per_page.iter_mut().zip(&scores) {
                    pp.f1.insert("trafilatura".into(), s.f1);
                }
                let peer = Extractor {
                    name: "trafilatura".into(),
                    version,
                    mean: mean(&scores),
                    pages_per_s: pages.len() as f64 / seconds,
                    seconds,
                };
                ratio = Some(extractors[0].pages_per_s / peer.pages_per_s);
                extractors.push(peer);
            }
            Err(why) => eprintln!("marsad: trafilatura skipped: {why}"),
        }
    }
    let report = Report {
        schema: 1,
        set: args.set.display().to_string(),
        pages: pages.len(),
        extractors,
        speed_ratio_vs_trafilatura: ratio,
        per_page,
    };
    print(&report, args.json)?;
    Ok(ExitCode::SUCCESS)
}

fn mean(scores: &[Prf]) -> Prf {
    let n = scores.len().max(1) as f64;
    Prf {
        precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
    }
}

/// trafilatura's version, its extraction seconds and the text of each page.
fn trafilatura(
    pages: &[crate::scrapinghub::Page],
) -> Result<(String, f64, BTreeMap<String, String>), String> {
    let root = super::repo_root();
    let script = root.join("bench/extract/trafilatura_run.py");
    if !script.is_file() {
        return Err(format!(
            "{} not found (run from the repo root)",
            script.display()
        ));
    }
    // lxml 6 moved its HTML cleaner, which trafilatura imports, into its own package.
    let python = python_with(&root, "trafilatura", &["trafilatura", "lxml_html_clean"])?;
    let items: Vec<_> = pages
        .iter()
        .map(|p| serde_json::json!({"id": p.id, "path": p.path.display().to_string()}))
        .collect();
    let mut child = Command::new(python)
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("start python: {e}"))?;
    let input = serde_json::to_vec(&items).map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(&input)
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("trafilatura script failed: {}", output.status));
    }
    #[derive(Deserialize)]
    struct Out {
        version: String,
        seconds: f64,
        pages: BTreeMap<String, String>,
    }
    let out: Out =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("trafilatura output: {e}"))?;
    Ok((out.version, out.seconds, out.pages))
}

fn print(report: &Report, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, report).context("write JSON")?;
        writeln!(out).context("write JSON")?;
        return Ok(());
    }
    writeln!(out, "{} pages from {}", report.pages, report.set)?;
    writeln!(
        out,
        "{:<12} {:>7} {:>7} {:>7} {:>10}",
        "extractor", "P", "R", "F1", "pages/s"
    )?;
    for e in &report.extractors {
        writeln!(
            out,
            "{:<12} {:>7.3} {:>7.3} {:>7.3} {:>10.1}",
            e.name, e.mean.precision, e.mean.recall, e.mean.f1, e.pages_per_s
        )?;
    }
    if let Some(r) = report.speed_ratio_vs_trafilatura {
        writeln!(out, "marsad is {r:.1}x trafilatura's speed")?;
    }
    Ok(())
}
