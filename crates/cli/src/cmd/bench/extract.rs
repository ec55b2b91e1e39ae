//! `marsad bench extract`: quality and speed of Marsad's extractor on real HTML sets, and of
//! its peers on the same pages in the same run: trafilatura (Python, pip-installed into
//! `target/bench-venv`), and dom_smoothie and rs-trafilatura (Rust crates, in the bench-only
//! program `bench/peers`, kept out of the workspace so the product never builds them).
//!
//! Every extractor is scored by the same functions on what the set's gold holds
//! (`crate::extract_sets`): body token P/R/F1 (`marsad_extract::token_prf`) where there is a
//! gold body; for trafilatura's corpus, its snippets (a "with" snippet found is a true
//! positive, a "without" snippet found a false positive); title, author and date where the
//! gold has them. Speed is extraction time only: pages are read and decompressed first, for
//! every extractor.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::Context;
use marsad_extract::{Format, Options, Prf, token_prf};
use serde::{Deserialize, Serialize};

use super::venv::python_with;
use crate::extract_sets::{Gold, Kind, Page, Set};

/// The sets run when none is named.
const DEFAULT_SETS: [&str; 4] = [
    "../shared/data/scrapinghub-article-extraction-benchmark",
    "../shared/data/trafilatura-eval",
    "../shared/data/mozilla-readability-test-pages",
    "../shared/data/newspaper4k-test-fixtures",
];

/// The peers run unless told otherwise.
const PEERS: [&str; 3] = ["trafilatura", "dom_smoothie", "rs-trafilatura"];

/// Flags of `marsad bench extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A set folder (repeatable): the ScrapingHub benchmark, trafilatura's evaluation corpus,
    /// Readability's test pages or newspaper4k's fixtures, told apart by their files. Default:
    /// the four under `../shared/data` (those present).
    #[arg(long = "set")]
    pub sets: Vec<PathBuf>,
    /// Run Marsad over each set this many times and keep the fastest (speed only).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Peers to run beside Marsad (comma-separated): trafilatura, dom_smoothie,
    /// rs-trafilatura.
    #[arg(long, value_delimiter = ',', default_values_t = PEERS.map(String::from))]
    pub peers: Vec<String>,
    /// Skip every peer.
    #[arg(long)]
    pub no_peer: bool,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// What one extractor gave for one page.
#[derive(Debug, Default, Clone, Deserialize)]
struct Output {
    #[serde(default)]
    text: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

#[derive(Serialize, Clone, Copy, Default)]
struct Snippets {
    pages: usize,
    with: usize,
    without: usize,
    /// "with" snippets found (true positives).
    found: usize,
    /// "without" snippets found (false positives).
    leaked: usize,
    precision: f64,
    recall: f64,
    f1: f64,
    accuracy: f64,
}

#[derive(Serialize, Clone, Copy)]
struct Body {
    pages: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

#[derive(Serialize, Clone, Copy)]
struct Field {
    judged: usize,
    accuracy: f64,
}

#[derive(Serialize)]
struct Extractor {
    name: String,
    version: String,
    pages_per_s: f64,
    seconds: f64,
    body: Option<Body>,
    snippets: Option<Snippets>,
    title: Option<Field>,
    author: Option<Field>,
    date: Option<Field>,
}

#[derive(Serialize)]
struct PageScores {
    /// Body token F1, where the gold has a body.
    body_f1: Option<f64>,
    /// Snippet F1 on this page, where the gold has snippets.
    snippet_f1: Option<f64>,
    title: Option<bool>,
    author: Option<bool>,
    date: Option<bool>,
}

#[derive(Serialize)]
struct PerPage {
    id: String,
    /// The gold is in Arabic script.
    arabic: bool,
    scores: BTreeMap<String, PageScores>,
}

#[derive(Serialize)]
struct SetReport {
    set: &'static str,
    dir: String,
    pages: usize,
    extractors: Vec<Extractor>,
    per_page: Vec<PerPage>,
}

#[derive(Serialize)]
struct Report {
    schema: u32,
    sets: Vec<SetReport>,
    /// Marsad's pages/s over each peer's, on the ScrapingHub set.
    speed_ratios: BTreeMap<String, f64>,
    /// trafilatura's text-only call (no metadata), on the ScrapingHub set.
    speed_ratio_vs_trafilatura_text_only: Option<f64>,
}

/// Run `marsad bench extract`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let named = !args.sets.is_empty();
    let dirs: Vec<PathBuf> = if named {
        args.sets.clone()
    } else {
        DEFAULT_SETS.iter().map(PathBuf::from).collect()
    };
    let root = super::repo_root();
    let scratch = root.join("target/data");
    let mut sets = Vec::new();
    for dir in &dirs {
        if Kind::detect(dir).is_none() && !named {
            eprintln!("marsad: {} not found: skipping it", dir.display());
            continue;
        }
        sets.push(crate::extract_sets::load(dir, &scratch)?);
    }
    if sets.is_empty() {
        eprintln!("marsad: no extraction set found: nothing to measure");
        return Ok(ExitCode::SUCCESS);
    }
    let peers: Vec<&str> = if args.no_peer {
        Vec::new()
    } else {
        args.peers.iter().map(String::as_str).collect()
    };
    let peer_binary = if peers.iter().any(|p| *p != "trafilatura") {
        match build_rust_peers(&root) {
            Ok(path) => Some(path),
            Err(why) => {
                eprintln!("marsad: Rust peers skipped: {why}");
                None
            }
        }
    } else {
        None
    };

    let mut reports = Vec::new();
    let mut speed_ratios = BTreeMap::new();
    let mut text_only_ratio = None;
    for set in &sets {
        eprintln!("{}: {} pages", set.kind.name(), set.pages.len());
        let (seconds, outputs) = marsad(set, args.rounds);
        let mut runs = vec![Run {
            name: "marsad".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            seconds,
            outputs,
        }];
        for peer in &peers {
            let result = match *peer {
                "trafilatura" => trafilatura(&root, set),
                "dom_smoothie" | "rs-trafilatura" => match &peer_binary {
                    Some(binary) => rust_peer(binary, peer, set),
                    None => continue,
                },
                other => Err(format!("unknown peer {other}")),
            };
            match result {
                Ok((run, text_only)) => {
                    if set.kind == Kind::ScrapingHub {
                        let ratio = run.seconds / runs[0].seconds.max(f64::MIN_POSITIVE);
                        speed_ratios.insert(run.name.clone(), ratio);
                        if let Some(t) = text_only {
                            text_only_ratio = Some(t / runs[0].seconds.max(f64::MIN_POSITIVE));
                        }
                    }
                    runs.push(run);
                }
                Err(why) => eprintln!("marsad: {peer} skipped on {}: {why}", set.kind.name()),
            }
        }
        reports.push(score_set(set, &runs));
    }
    let report = Report {
        schema: 2,
        sets: reports,
        speed_ratios,
        speed_ratio_vs_trafilatura_text_only: text_only_ratio,
    };
    print(&report, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// One extractor's run over a set: its seconds and an output per page id.
struct Run {
    name: String,
    version: String,
    seconds: f64,
    outputs: BTreeMap<String, Output>,
}

/// Marsad over the set: the fastest of `rounds` for speed, the outputs of the first.
fn marsad(set: &Set, rounds: usize) -> (f64, BTreeMap<String, Output>) {
    let mut best = f64::INFINITY;
    let mut first = BTreeMap::new();
    for round in 0..rounds.max(1) {
        let start = Instant::now();
        let mut out = Vec::with_capacity(set.pages.len());
        for page in &set.pages {
            let options = Options {
                format: Format::Html,
                url: page.url.clone(),
                ..Options::default()
            };
            out.push(marsad_extract::extract(&page.html, &options).ok());
        }
        best = best.min(start.elapsed().as_secs_f64());
        if round == 0 {
            first = set
                .pages
                .iter()
                .zip(out)
                .map(|(page, extraction)| {
                    let output = extraction
                        .map(|e| Output {
                            // The standfirst is article text: Marsad keeps it apart
                            // (`subtitle`), the gold and the peers keep it in the text.
                            text: e
                                .article
                                .subtitle
                                .iter()
                                .chain(&e.article.body)
                                .map(String::as_str)
                                .collect::<Vec<_>>()
                                .join("\n"),
                            title: e.article.title,
                            author: e.article.author,
                            date: e.article.published.published,
                        })
                        .unwrap_or_default();
                    (page.id.clone(), output)
                })
                .collect();
        }
    }
    (best, first)
}

fn score_set(set: &Set, runs: &[Run]) -> SetReport {
    let empty = Output::default();
    let mut per_page: Vec<PerPage> = set
        .pages
        .iter()
        .map(|p| PerPage {
            id: p.id.clone(),
            arabic: is_arabic(&p.gold),
            scores: BTreeMap::new(),
        })
        .collect();
    let mut extractors = Vec::new();
    for run in runs {
        let mut bodies = Vec::new();
        let mut snippets = Snippets::default();
        let mut fields = [(0usize, 0usize); 3];
        for (page, pp) in set.pages.iter().zip(per_page.iter_mut()) {
            let out = run.outputs.get(&page.id).unwrap_or(&empty);
            let body_f1 = page.gold.body.as_ref().map(|gold| {
                let prf = token_prf(&[out.text.as_str()], &[gold.as_str()]);
                bodies.push(prf);
                prf.f1
            });
            let snippet_f1 =
                (!page.gold.with.is_empty() || !page.gold.without.is_empty()).then(|| {
                    let one = snippet_counts(&out.text, &page.gold);
                    add(&mut snippets, one);
                    finish(one).f1
                });
            let judged = [
                page.gold
                    .title
                    .as_deref()
                    .map(|g| same_title(out.title.as_deref(), g)),
                page.gold
                    .author
                    .as_deref()
                    .map(|g| same_author(out.author.as_deref(), g)),
                page.gold
                    .date
                    .as_deref()
                    .map(|g| same_date(out.date.as_deref(), g)),
            ];
            for (slot, judged) in fields.iter_mut().zip(judged) {
                if let Some(ok) = judged {
                    slot.0 += 1;
                    slot.1 += usize::from(ok);
                }
            }
            pp.scores.insert(
                run.name.clone(),
                PageScores {
                    body_f1,
                    snippet_f1,
                    title: judged[0],
                    author: judged[1],
                    date: judged[2],
                },
            );
        }
        let field = |(judged, right): (usize, usize)| {
            (judged > 0).then(|| Field {
                judged,
                accuracy: right as f64 / judged as f64,
            })
        };
        extractors.push(Extractor {
            name: run.name.clone(),
            version: run.version.clone(),
            pages_per_s: set.pages.len() as f64 / run.seconds.max(f64::MIN_POSITIVE),
            seconds: run.seconds,
            body: (!bodies.is_empty()).then(|| {
                let m = mean(&bodies);
                Body {
                    pages: bodies.len(),
                    precision: m.precision,
                    recall: m.recall,
                    f1: m.f1,
                }
            }),
            snippets: (snippets.pages > 0).then(|| finish(snippets)),
            title: field(fields[0]),
            author: field(fields[1]),
            date: field(fields[2]),
        });
    }
    SetReport {
        set: set.kind.name(),
        dir: set.dir.display().to_string(),
        pages: set.pages.len(),
        extractors,
        per_page,
    }
}

/// Whitespace runs to one space, lower-cased: how text and snippets are compared.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn snippet_counts(text: &str, gold: &Gold) -> Snippets {
    let text = squash(text);
    let found = |s: &String| {
        let s = squash(s);
        !s.is_empty() && text.contains(&s)
    };
    Snippets {
        pages: 1,
        with: gold.with.len(),
        without: gold.without.len(),
        found: gold.with.iter().filter(|s| found(s)).count(),
        leaked: gold.without.iter().filter(|s| found(s)).count(),
        ..Snippets::default()
    }
}

fn add(total: &mut Snippets, one: Snippets) {
    total.pages += one.pages;
    total.with += one.with;
    total.without += one.without;
    total.found += one.found;
    total.leaked += one.leaked;
}

/// Precision, recall, F1 and accuracy from the counts.
fn finish(mut s: Snippets) -> Snippets {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    s.precision = ratio(s.found, s.found + s.leaked);
    s.recall = ratio(s.found, s.with);
    s.f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    s.accuracy = ratio(s.found + (s.without - s.leaked), s.with + s.without);
    s
}

fn same_title(got: Option<&str>, gold: &str) -> bool {
    got.is_some_and(|g| squash(g) == squash(gold))
}

/// Authors agree when they name the same set of people (names split on `;`, `,`, `&`, `|`,
/// " and ", " und ", " و "; a leading "by"/"von"/"بقلم" dropped).
fn same_author(got: Option<&str>, gold: &str) -> bool {
    let names = |s: &str| -> std::collections::BTreeSet<String> {
        let mut s = squash(s);
        for sep in [" and ", " und ", " و ", "&", "|", ";"] {
            s = s.replace(sep, ",");
        }
        s.split(',')
            .map(|n| {
                let n = n.trim();
                let n = ["by ", "von ", "بقلم "]
                    .iter()
                    .find_map(|p| n.strip_prefix(p))
                    .unwrap_or(n);
                n.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()
            })
            .filter(|n| !n.is_empty())
            .collect()
    };
    got.is_some_and(|g| {
        let got = names(g);
        !got.is_empty() && got == names(gold)
    })
}

/// Dates agree on year, month and day (the first three runs of digits, whatever separates
/// them).
fn same_date(got: Option<&str>, gold: &str) -> bool {
    let ymd = |s: &str| -> Option<(u32, u32, u32)> {
        let mut runs = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|r| !r.is_empty())
            .map(|r| r.parse::<u32>().ok());
        let y = runs.next()??;
        let m = runs.next()??;
        let d = runs.next()??;
        (y > 1000).then_some((y, m, d))
    };
    match (got.and_then(ymd), ymd(gold)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn is_arabic(gold: &Gold) -> bool {
    let text: String = gold
        .body
        .iter()
        .chain(&gold.with)
        .chain(&gold.title)
        .flat_map(|s| s.chars().take(400))
        .collect();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let arabic = text
        .chars()
        .filter(|c| ('\u{0600}'..='\u{06FF}').contains(c))
        .count();
    letters > 0 && arabic * 2 > letters
}

fn mean(scores: &[Prf]) -> Prf {
    let n = scores.len().max(1) as f64;
    Prf {
        precision: scores.iter().map(|s| s.precision).sum::<f64>() / n,
        recall: scores.iter().map(|s| s.recall).sum::<f64>() / n,
        f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
    }
}

/// The peers' input: `[{"id","path","url"}]`.
fn peer_input(set: &Set) -> Result<Vec<u8>, String> {
    let items: Vec<_> = set
        .pages
        .iter()
        .map(|p: &Page| {
            serde_json::json!({"id": p.id, "path": p.path.display().to_string(), "url": p.url})
        })
        .collect();
    serde_json::to_vec(&items).map_err(|e| e.to_string())
}

#[derive(Deserialize)]
struct PeerOut {
    version: String,
    seconds: f64,
    seconds_text_only: Option<f64>,
    pages: BTreeMap<String, Output>,
}

/// Run `program args…` with the set on stdin and read its `PeerOut`.
fn run_peer(mut command: Command, set: &Set) -> Result<PeerOut, String> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("start: {e}"))?;
    let input = peer_input(set)?;
    child
        .stdin
        .take()
        .ok_or("no stdin")?
        .write_all(&input)
        .map_err(|e| e.to_string())?;
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("failed: {}", output.status));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("its output: {e}"))
}

/// trafilatura's run (with metadata) and its text-only seconds.
fn trafilatura(root: &Path, set: &Set) -> Result<(Run, Option<f64>), String> {
    let script = root.join("bench/extract/trafilatura_run.py");
    if !script.is_file() {
        return Err(format!(
            "{} not found (run from the repo root)",
            script.display()
        ));
    }
    // lxml 6 moved its HTML cleaner, which trafilatura imports, into its own package.
    let python = python_with(root, "trafilatura", &["trafilatura", "lxml_html_clean"])?;
    let mut command = Command::new(python);
    command.arg(&script);
    let out = run_peer(command, set)?;
    Ok((
        Run {
            name: "trafilatura".into(),
            version: out.version,
            seconds: out.seconds,
            outputs: out.pages,
        },
        out.seconds_text_only,
    ))
}

/// dom_smoothie's or rs-trafilatura's run, from the `bench/peers` program.
fn rust_peer(binary: &Path, name: &str, set: &Set) -> Result<(Run, Option<f64>), String> {
    let mut command = Command::new(binary);
    command.arg(name);
    let out = run_peer(command, set)?;
    Ok((
        Run {
            name: name.to_owned(),
            version: out.version,
            seconds: out.seconds,
            outputs: out.pages,
        },
        None,
    ))
}

/// Build `bench/peers` (release, its own target folder) and return its program.
fn build_rust_peers(root: &Path) -> Result<PathBuf, String> {
    let manifest = root.join("bench/peers/Cargo.toml");
    if !manifest.is_file() {
        return Err(format!("{} not found", manifest.display()));
    }
    let target = root.join("target/peers");
    eprintln!("building bench/peers (dom_smoothie, rs-trafilatura)…");
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target)
        .status()
        .map_err(|e| format!("run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build of bench/peers failed: {status}"));
    }
    Ok(target.join("release/marsad-extract-peers"))
}

fn print(report: &Report, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, report).context("write JSON")?;
        writeln!(out).context("write JSON")?;
        return Ok(());
    }
    let pct = |f: Option<Field>| f.map_or("-".to_owned(), |f| format!("{:.3}", f.accuracy));
    for set in &report.sets {
        writeln!(out, "\n{} ({} pages, {})", set.set, set.pages, set.dir)?;
        writeln!(
            out,
            "{:<15} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9}",
            "extractor", "P", "R", "F1", "title", "author", "date", "pages/s"
        )?;
        for e in &set.extractors {
            let (p, r, f) = match (e.body, e.snippets) {
                (Some(b), _) => (b.precision, b.recall, b.f1),
                (None, Some(s)) => (s.precision, s.recall, s.f1),
                (None, None) => (0.0, 0.0, 0.0),
            };
            writeln!(
                out,
                "{:<15} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>7} {:>7} {:>9.1}",
                e.name,
                p,
                r,
                f,
                pct(e.title),
                pct(e.author),
                pct(e.date),
                e.pages_per_s
            )?;
        }
        for page in set.per_page.iter().filter(|p| p.arabic) {
            let scores: Vec<String> = page
                .scores
                .iter()
                .map(|(name, s)| {
                    let f = s.body_f1.or(s.snippet_f1).unwrap_or(0.0);
                    format!("{name} {f:.3}")
                })
                .collect();
            writeln!(out, "  Arabic page {}: {}", page.id, scores.join(", "))?;
        }
    }
    for (peer, ratio) in &report.speed_ratios {
        writeln!(
            out,
            "marsad is {ratio:.1}x {peer}'s speed (ScrapingHub set)"
        )?;
    }
    if let Some(r) = report.speed_ratio_vs_trafilatura_text_only {
        writeln!(out, "marsad is {r:.1}x trafilatura's text-only call")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(with: &[&str], without: &[&str]) -> Gold {
        Gold {
            with: with.iter().map(|s| (*s).to_owned()).collect(),
            without: without.iter().map(|s| (*s).to_owned()).collect(),
            ..Gold::default()
        }
    }

    #[test]
    fn snippets_count_found_and_leaked_across_whitespace() {
        let s = finish(snippet_counts(
            "The first\nline.  Menu here",
            &gold(&["first line", "absent"], &["menu", "footer"]),
        ));
        assert_eq!((s.found, s.leaked), (1, 1));
        assert!((s.precision - 0.5).abs() < 1e-9);
        assert!((s.recall - 0.5).abs() < 1e-9);
        assert!((s.accuracy - 0.5).abs() < 1e-9);
    }

    #[test]
    fn authors_compare_as_sets_of_names() {
        assert!(same_author(
            Some("By Jane Doe and John Roe"),
            "John Roe; Jane Doe"
        ));
        assert!(!same_author(Some("Jane Doe"), "John Roe; Jane Doe"));
        assert!(!same_author(None, "Jane Doe"));
        assert!(same_author(Some("بقلم كمال العلمي"), "كمال العلمي"));
    }

    #[test]
    fn dates_compare_on_the_day() {
        assert!(same_date(Some("2021-11-01T10:52:50+0100"), "2021-11-01"));
        assert!(same_date(Some("2022-01-26"), "2022-01.26"));
        assert!(!same_date(Some("2022-01-27"), "2022-01-26"));
        assert!(!same_date(Some("2022"), "2022-01-26"));
    }

    #[test]
    fn arabic_gold_is_recognised() {
        let mut g = gold(&["منذ بدء"], &[]);
        assert!(is_arabic(&g));
        g.with = vec!["since the start".into()];
        assert!(!is_arabic(&g));
    }
}
