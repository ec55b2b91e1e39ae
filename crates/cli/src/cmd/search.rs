//! `marsad search`: Arabic-aware full-text search over the data folder.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use marsad_store::SearchQuery;
use serde::Serialize;

use crate::data::{DataArgs, runtime};

/// Flags of `marsad search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// The words to look for (diacritics, letter forms and prefixes do not matter).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// How many hits to print.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// How many hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonHit {
    id: String,
    score: f32,
    title: Option<String>,
    source: Option<String>,
    published: Option<String>,
    snippet: String,
}

#[derive(Serialize)]
struct JsonResults {
    schema: u32,
    query: String,
    total: usize,
    hits: Vec<JsonHit>,
}

/// Run `marsad search`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = args.query.join(" ");
    if text.trim().is_empty() {
        anyhow::bail!("empty query");
    }
    let query = SearchQuery {
        text: text.clone(),
        limit: args.limit,
        offset: args.offset,
    };
    let results = runtime()?.block_on(async {
        let store = args.data.open().await?;
        let (results, articles) = store.search(&query).await.context("search")?;
        let hits = results
            .hits
            .into_iter()
            .zip(articles)
            .map(|(hit, stored)| {
                let article = stored.map(|s| s.article).unwrap_or_default();
                JsonHit {
                    id: hit.id,
                    score: hit.score,
                    title: article.title,
                    source: article.source,
                    published: article.published.published,
                    snippet: hit.snippet,
                }
            })
            .collect();
        anyhow::Ok(JsonResults {
            schema: 1,
            query: text,
            total: results.total,
            hits,
        })
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &results).context("write JSON")?;
        writeln!(out).context("write JSON")?;
    } else {
        writeln!(out, "{} results", results.total).context("write results")?;
        for (n, hit) in results.hits.iter().enumerate() {
            let title = hit.title.as_deref().unwrap_or("(بلا عنوان)");
            let meta: Vec<&str> = [hit.source.as_deref(), hit.published.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            writeln!(
                out,
                "{}. {title} [{}] {}",
                args.offset + n + 1,
                hit.id,
                meta.join(" · ")
            )
            .context("write results")?;
            writeln!(out, "   {}", hit.snippet).context("write results")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
