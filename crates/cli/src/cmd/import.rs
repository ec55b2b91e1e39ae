//! `marsad import`: files or folders of pages, or JSON Lines articles, into the data folder.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::{
    ImportItem, ImportOptions, ImportReport, find_pages, import_items, read_jsonl,
};
use serde::Serialize;

use crate::cmd::extract::FormatArg;
use crate::data::{DataArgs, runtime};

/// Flags of `marsad import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Page files, WARC files (.warc, .warc.gz), or folders walked for .html, .htm, .xhtml
    /// and .txt files.
    #[arg(value_name = "PATH", required_unless_present = "jsonl")]
    pub paths: Vec<PathBuf>,
    /// JSON Lines files of already-extracted articles (`{"id","body":[..],…}` per line).
    #[arg(long, value_name = "FILE")]
    pub jsonl: Vec<PathBuf>,
    /// The input kind of page files.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// Print the summary as JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
    /// Source profiles for the credibility and importance scores (JSON, docs/scores.md).
    #[arg(long, value_name = "FILE")]
    pub profiles: Option<PathBuf>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: u32,
    data: String,
    #[serde(flatten)]
    report: &'a ImportReport,
}

/// Run `marsad import`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut items = Vec::new();
    // WARC files (issue 9): their pages are extracted here and join the other items.
    let (warcs, paths): (Vec<PathBuf>, Vec<PathBuf>) = args
        .paths
        .iter()
        .cloned()
        .partition(|p| marsad_ingest::warc::is_warc_path(p));
    if !paths.is_empty() {
        items.extend(find_pages(&paths)?.into_iter().map(ImportItem::Page));
    }
    if !warcs.is_empty() {
        items.extend(marsad_ingest::reprocess::warc_items(
            &warcs,
            ImportOptions::default().max_page_bytes,
        )?);
    }
    for file in &args.jsonl {
        for (line, id, article) in read_jsonl(file)? {
            let origin = format!("{}:{line}", file.display());
            items.push(ImportItem::Article {
                id,
                article: Box::new(article),
                origin,
            });
        }
    }
    let options = ImportOptions {
        format: args.format.into(),
        analyzer: match &args.profiles {
            Some(path) => Some(std::sync::Arc::new(crate::cmd::analyze::analyzer_from(
                Some(path),
                None,
            )?)),
            None => None,
        },
        ..ImportOptions::default()
    };
    let report = runtime()?.block_on(async {
        let store = args.data.open().await?;
        let bar = progress_bar(items.len());
        let report = import_items(&store, items, &options, &mut |done, _| {
            bar.set_position(done as u64)
        })
        .await
        .context("import")?;
        bar.finish_and_clear();
        // Events and storylines: only the new articles are placed (issue 8).
        let profiles = options
            .analyzer
            .as_ref()
            .map(|a| a.profiles().clone())
            .unwrap_or_default();
        crate::cmd::cluster::update(&store, &report.ids, &profiles)
            .await
            .context("articles stored; clustering them failed (retry with `marsad cluster`)")?;
        anyhow::Ok(report)
    })?;
    print_report(&args, &report)?;
    Ok(if report.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_report(args: &Args, report: &ImportReport) -> anyhow::Result<()> {
    let mut err = std::io::stderr();
    for failure in &report.failed {
        let _ = writeln!(err, "marsad: {}", failure.error);
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let json = JsonReport {
            schema: 1,
            data: args.data.dir.display().to_string(),
            report,
        };
        serde_json::to_writer(&mut out, &json).context("write JSON")?;
        writeln!(out).context("write JSON")?;
    } else {
        writeln!(
            out,
            "{} items into {}: {} new, {} unchanged, {} updated, {} duplicates, {} failed",
            report.items,
            args.data.dir.display(),
            report.inserted,
            report.unchanged,
            report.updated,
            report.duplicates,
            report.failed.len()
        )
        .context("write summary")?;
    }
    Ok(())
}

/// A progress bar on a terminal, hidden otherwise.
pub fn progress_bar(len: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || len < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {wide_bar} {pos}/{len} pages ({per_sec}, {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}
