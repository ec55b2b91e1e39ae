//! `marsad eval`: measure quality against gold answers.
//!
//! `marsad eval extract --gold DIR PAGE_PATH... [--json]` scores `marsad-extract` on pages
//! (files or folders) that have a gold JSON of the same stem in DIR: token-level precision,
//! recall and F1 of the body (`marsad_extract::token_prf`), exact match of title, author and
//! published (value and precision). With `--json`, one object:
//! `{"schema":1,"pages":[{"file","body":{"precision","recall","f1"},"title_match":bool|null,
//! "author_match":bool|null,"published_match":bool|null}],"mean":{"precision","recall","f1"},
//! "title_accuracy","author_accuracy","published_accuracy"}`; a match is `null` where the gold
//! has `null`, and an accuracy is `null` when no page has that field.
//! `marsad eval extract --scrapinghub DIR` scores the body of each page of the
//! scrapinghub article-extraction benchmark (`ground-truth.json` + `html/<id>.html[.gz]`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use marsad_extract::{Article, Options, Prf, extract, token_prf};
use serde::Serialize;

/// Flags of `marsad eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    kind: Kind,
}

/// What to evaluate.
#[derive(Debug, clap::Subcommand)]
enum Kind {
    /// Article extraction: body token P/R/F1 and title/author/published exact match.
    Extract(ExtractArgs),
    /// News category classifier on ANT folders: accuracy, macro-F1, confusion matrix.
    Category(super::eval_category::Args),
    /// Entity tagger on a tagged CoNLL file: entity-level P/R/F1 by type (conlleval).
    Ner(super::ner::EvalArgs),
}

/// Flags of `marsad eval extract`.
#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Folder of gold JSON files, one per page, named like the page (`<stem>.json`).
    #[arg(long, value_name = "DIR", required_unless_present = "scrapinghub")]
    gold: Option<PathBuf>,
    /// Folder of the scrapinghub article-extraction benchmark (body F1 only).
    #[arg(long, value_name = "DIR", conflicts_with = "gold")]
    scrapinghub: Option<PathBuf>,
    /// Page files or folders of pages.
    #[arg(value_name = "PAGE_PATH")]
    pages: Vec<PathBuf>,
    /// One JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// Run `marsad eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.kind {
        Kind::Extract(a) => run_extract(a),
        Kind::Category(a) => super::eval_category::run(a),
        Kind::Ner(a) => super::ner::run_eval(a),
    }
}

/// The fields of a gold file that are scored.
#[derive(Debug, serde::Deserialize)]
struct Gold {
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    published_precision: Option<String>,
    #[serde(default)]
    body: Vec<String>,
}

#[derive(Debug, Serialize)]
struct PageScore {
    file: String,
    body: Prf,
    title_match: Option<bool>,
    author_match: Option<bool>,
    published_match: Option<bool>,
}

#[derive(Debug, Serialize)]
struct Report {
    schema: u32,
    pages: Vec<PageScore>,
    mean: Prf,
    title_accuracy: Option<f64>,
    author_accuracy: Option<f64>,
    published_accuracy: Option<f64>,
}

fn run_extract(a: ExtractArgs) -> anyhow::Result<ExitCode> {
    let pages = match (&a.gold, &a.scrapinghub) {
        (_, Some(dir)) => scrapinghub(dir)?,
        (Some(gold), None) => seeds(gold, &a.pages)?,
        (None, None) => bail!("--gold DIR or --scrapinghub DIR is required"),
    };
    if pages.is_empty() {
        bail!("no page with a gold answer found");
    }
    let report = summarise(pages);
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_table(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Score every page under `paths` that has a gold file in `gold_dir`.
fn seeds(gold_dir: &Path, paths: &[PathBuf]) -> anyhow::Result<Vec<PageScore>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    let mut scores = Vec::new();
    for file in files {
        let Some(stem) = file.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let gold_path = gold_dir.join(format!("{stem}.json"));
        if !gold_path.is_file() {
            eprintln!(
                "skipping {}: no gold file {}",
                file.display(),
                gold_path.display()
            );
            continue;
        }
        let gold: Gold = serde_json::from_slice(
            &std::fs::read(&gold_path)
                .with_context(|| format!("reading {}", gold_path.display()))?,
        )
        .with_context(|| format!("parsing {}", gold_path.display()))?;
        let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        let article = match extract(&bytes, &Options::default()) {
            Ok(x) => x.article,
            Err(err) => {
                eprintln!("{}: {err}", file.display());
                Article::default()
            }
        };
        let name = file
            .file_name()
            .map_or_else(|| stem.to_owned(), |n| n.to_string_lossy().into_owned());
        scores.push(score_page(name, &article, &gold));
    }
    Ok(scores)
}

fn score_page(file: String, article: &Article, gold: &Gold) -> PageScore {
    let same =
        |a: Option<&str>, g: Option<&str>| g.map(|g| a.is_some_and(|a| squash(a) == squash(g)));
    let published_match = gold.published.as_deref().map(|g| {
        article.published.published.as_deref() == Some(g)
            && article.published.published_precision == gold.published_precision
    });
    PageScore {
        file,
        body: token_prf(&article.body, &gold.body),
        title_match: same(article.title.as_deref(), gold.title.as_deref()),
        author_match: same(article.author.as_deref(), gold.author.as_deref()),
        published_match,
    }
}

/// Whitespace runs to one space, for exact comparison.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The scrapinghub benchmark (`crate::scrapinghub`): body scores only.
fn scrapinghub(dir: &Path) -> anyhow::Result<Vec<PageScore>> {
    let mut scores = Vec::new();
    for page in crate::scrapinghub::load(dir)? {
        let options = Options {
            url: page.url.clone(),
            ..Options::default()
        };
        let body = extract(&page.html, &options)
            .map(|x| x.article.body)
            .unwrap_or_default();
        scores.push(PageScore {
            file: format!("{}.html", page.id),
            body: token_prf(&body, &[&page.gold]),
            title_match: None,
            author_match: None,
            published_match: None,
        });
    }
    Ok(scores)
}

fn summarise(pages: Vec<PageScore>) -> Report {
    let n = pages.len().max(1) as f64;
    let mean = Prf {
        precision: pages.iter().map(|p| p.body.precision).sum::<f64>() / n,
        recall: pages.iter().map(|p| p.body.recall).sum::<f64>() / n,
        f1: pages.iter().map(|p| p.body.f1).sum::<f64>() / n,
    };
    let accuracy = |get: fn(&PageScore) -> Option<bool>| {
        let judged: Vec<bool> = pages.iter().filter_map(get).collect();
        (!judged.is_empty())
            .then(|| judged.iter().filter(|&&m| m).count() as f64 / judged.len() as f64)
    };
    Report {
        schema: 1,
        mean,
        title_accuracy: accuracy(|p| p.title_match),
        author_accuracy: accuracy(|p| p.author_match),
        published_accuracy: accuracy(|p| p.published_match),
        pages,
    }
}

fn print_table(out: &mut impl Write, r: &Report) -> anyhow::Result<()> {
    let mark = |m: Option<bool>| match m {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "-",
    };
    let width = r
        .pages
        .iter()
        .map(|p| p.file.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:width$}  {:>6} {:>6} {:>6}  {:>5} {:>6} {:>9}",
        "page", "P", "R", "F1", "title", "author", "published"
    )?;
    for p in &r.pages {
        writeln!(
            out,
            "{:width$}  {:>6.3} {:>6.3} {:>6.3}  {:>5} {:>6} {:>9}",
            p.file,
            p.body.precision,
            p.body.recall,
            p.body.f1,
            mark(p.title_match),
            mark(p.author_match),
            mark(p.published_match)
        )?;
    }
    writeln!(
        out,
        "{:width$}  {:>6.3} {:>6.3} {:>6.3}",
        "mean", r.mean.precision, r.mean.recall, r.mean.f1
    )?;
    let acc = |a: Option<f64>| a.map_or_else(|| "-".to_owned(), |a| format!("{a:.3}"));
    writeln!(
        out,
        "title accuracy {}  author accuracy {}  published accuracy {}",
        acc(r.title_accuracy),
        acc(r.author_accuracy),
        acc(r.published_accuracy)
    )?;
    Ok(())
}
