//! `marsad analyze`: the category, credibility, importance (each with its reasons) and quotes
//! of page files, or of the articles in a data folder (JSON Lines with `--json`, schema 1).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::NaiveDate;
use marsad_analyze::{
    Analysis, Analyzer, CategoryModel, Context, Score, SourceProfiles, reason_label,
    scored_corroboration,
};
use marsad_extract::{Article, Options};
use marsad_store::{Store, StoredArticle};
use serde::Serialize;

use crate::cmd::extract::{FormatArg, read_bounded};
use crate::data::runtime;

/// Flags of `marsad analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files (HTML or plain page text). Without files, `--data` is read.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Read (or with `--recompute`, compute and store) the analyses of a data folder's
    /// articles instead of page files.
    #[arg(long, value_name = "DIR", conflicts_with = "files")]
    pub data: Option<PathBuf>,
    /// With `--data`: only these article ids (repeatable). Default: all, in id order.
    #[arg(long = "id", value_name = "ID", requires = "data")]
    pub ids: Vec<String>,
    /// With `--data`: at most this many articles.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// With `--data`: analyse the articles again and store the new analyses (after an
    /// upgrade of the rules, or with other source profiles).
    #[arg(long, requires = "data")]
    pub recompute: bool,
    /// Source profiles (JSON; format in docs/scores.md).
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
    /// A category model file instead of the bundled product model.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
    /// The analysis date for recency, `YYYY-MM-DD` (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    pub today: Option<NaiveDate>,
    /// The input kind of page files.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// Print JSON Lines (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// One line of `--json` output.
#[derive(Serialize)]
struct Line<'a> {
    schema: u32,
    /// The page file, for files.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    /// The article id, for `--data`.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    title: Option<&'a str>,
    source: Option<&'a str>,
    analysis: &'a Analysis,
}

/// Build the analyzer from the flags.
pub fn analyzer_from(profiles: Option<&Path>, model: Option<&Path>) -> anyhow::Result<Analyzer> {
    let model = match model {
        Some(path) => {
            let bytes = std::fs::read(path).with_context(|| format!("{}", path.display()))?;
            CategoryModel::from_bytes(&bytes).with_context(|| format!("{}", path.display()))?
        }
        None => marsad_analyze::product_model().context("load the bundled category model")?,
    };
    Ok(Analyzer::new(model, profiles_from(profiles)?))
}

/// The source profiles of `--profiles` (none: every outlet neutral).
pub fn profiles_from(profiles: Option<&Path>) -> anyhow::Result<SourceProfiles> {
    Ok(match profiles {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
            SourceProfiles::from_json(&text).with_context(|| format!("{}", path.display()))?
        }
        None => SourceProfiles::default(),
    })
}

/// Run `marsad analyze`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.files.is_empty() && args.data.is_none() {
        anyhow::bail!("give page files, or --data DIR to read a data folder");
    }
    let analyzer = analyzer_from(args.profiles.as_deref(), args.model.as_deref())?;
    let context = Context {
        today: Some(
            args.today
                .unwrap_or_else(|| chrono::Utc::now().date_naive()),
        ),
        ..Context::default()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &args.data {
        Some(dir) => {
            let analyzer = Arc::new(analyzer);
            runtime()?.block_on(from_store(&args, dir, &analyzer, &context, &mut out))?;
            out.flush().context("write output")?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let mut failed = false;
            for file in &args.files {
                match article_of(file, args.format) {
                    Ok(article) => {
                        let analysis = analyzer.analyze(&article, &context);
                        let name = file.display().to_string();
                        print(&mut out, args.json, Some(name), None, &article, &analysis)?;
                    }
                    Err(err) => {
                        failed = true;
                        let _ = writeln!(std::io::stderr(), "marsad: {err:#}");
                    }
                }
            }
            out.flush().context("write output")?;
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn article_of(file: &Path, format: FormatArg) -> anyhow::Result<Article> {
    let bytes = read_bounded(file)?;
    let options = Options {
        format: format.into(),
        ..Options::default()
    };
    let extraction =
        marsad_extract::extract(&bytes, &options).with_context(|| format!("{}", file.display()))?;
    Ok(extraction.article)
}

async fn from_store(
    args: &Args,
    dir: &Path,
    analyzer: &Analyzer,
    context: &Context,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if !dir.join(marsad_store::DATABASE_FILE).exists() {
        anyhow::bail!(
            "{}: no data folder here (run `marsad import` first)",
            dir.display()
        );
    }
    let store = Store::open(dir)
        .await
        .with_context(|| format!("open data folder {}", dir.display()))?;
    let articles: Vec<StoredArticle> = if args.ids.is_empty() {
        store.articles.scan(None, args.limit).await?
    } else {
        let found = store.articles.get_many(&args.ids).await?;
        let mut kept = Vec::new();
        for (id, a) in args.ids.iter().zip(found) {
            match a {
                Some(a) => kept.push(a),
                None => anyhow::bail!("no article {id} in {}", dir.display()),
            }
        }
        kept
    };
    let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let stored = store.analyses.get_analyses(&ids).await?;
    let mut fresh = Vec::new();
    for (a, old) in articles.iter().zip(stored) {
        let analysis = match old {
            Some(old) if !args.recompute => old,
            old => {
                // The corroboration comes from the clustering, not from the article: keep it.
                let context = Context {
                    corroborating_sources: old.as_ref().and_then(scored_corroboration),
                    ..context.clone()
                };
                let new = analyzer.analyze(&a.article, &context);
                fresh.push((a.id.clone(), new.clone()));
                new
            }
        };
        print(out, args.json, None, Some(&a.id), &a.article, &analysis)?;
    }
    if args.recompute {
        store.analyses.put_analyses(&fresh).await?;
    }
    Ok(())
}

fn print(
    out: &mut impl Write,
    json: bool,
    file: Option<String>,
    id: Option<&str>,
    article: &Article,
    analysis: &Analysis,
) -> anyhow::Result<()> {
    if json {
        let line = Line {
            schema: 1,
            file,
            id,
            title: article.title.as_deref(),
            source: article.source.as_deref(),
            analysis,
        };
        serde_json::to_writer(&mut *out, &line).context("write JSON")?;
        writeln!(out).context("write JSON")?;
        return Ok(());
    }
    let name = file.as_deref().or(id).unwrap_or("");
    writeln!(
        out,
        "{name}: {}",
        article.title.as_deref().unwrap_or("(بلا عنوان)")
    )?;
    if let Some(c) = &analysis.category {
        writeln!(
            out,
            "  category: {} ({}) {:.0}%  terms: {}",
            c.arabic.as_deref().unwrap_or(&c.label),
            c.label,
            100.0 * c.confidence,
            c.terms.join("، ")
        )?;
    }
    if let Some(s) = &analysis.source_category {
        writeln!(out, "  source category: {s}")?;
    }
    score_lines(out, "credibility", &analysis.credibility)?;
    score_lines(out, "importance", &analysis.importance)?;
    writeln!(out, "  quotes: {}", analysis.quotes.len())?;
    for q in &analysis.quotes {
        writeln!(
            out,
            "    [{}{}] {}: «{}»",
            serde_json::to_value(q.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            if q.direct { ", direct" } else { "" },
            q.speaker.as_deref().unwrap_or("—"),
            q.text
        )?;
    }
    Ok(())
}

fn score_lines(out: &mut impl Write, name: &str, score: &Score) -> anyhow::Result<()> {
    writeln!(out, "  {name}: {}%", score.value)?;
    for r in &score.reasons {
        writeln!(
            out,
            "    {:+4}  {} ({}){}",
            r.weight,
            reason_label(&r.code),
            r.code,
            r.detail
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
