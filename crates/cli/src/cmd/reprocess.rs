//! `marsad reprocess`: re-extract every page of the data folder's WARC archive into the store
//! (after extraction improved). Articles keep their ids (from their URLs): a page whose
//! extraction changed is `updated`, one that did not is `unchanged`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::ImportOptions;
use marsad_ingest::reprocess::{WarcImport, import_warcs};
use marsad_ingest::warc::archive_files;
use serde::Serialize;

use crate::data::{DataArgs, runtime};

/// Flags of `marsad reprocess`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Pages extracted and stored together.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Print the summary as JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: u32,
    data: String,
    seconds: f64,
    pages_per_second: f64,
    #[serde(flatten)]
    report: &'a WarcImport,
}

/// Run `marsad reprocess`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let files = archive_files(&args.data.dir)
        .with_context(|| format!("read the archive of {}", args.data.dir.display()))?;
    if files.is_empty() {
        anyhow::bail!(
            "{}: no WARC archive (pages are archived by `marsad ingest`)",
            args.data.dir.display()
        );
    }
    let start = std::time::Instant::now();
    let report = runtime()?.block_on(async {
        let store = args.data.open().await?;
        let bar = spinner();
        let report = import_warcs(
            &store,
            &files,
            &ImportOptions::default(),
            args.batch,
            &mut |n| bar.set_position(n),
        )
        .await
        .context("reprocess")?;
        bar.finish_and_clear();
        crate::cmd::cluster::update(&store, &report.import.ids, &Default::default())
            .await
            .context("articles stored; clustering them failed (retry with `marsad cluster`)")?;
        anyhow::Ok(report)
    })?;
    print_warc_report(
        &args.data,
        args.json,
        &report,
        start.elapsed().as_secs_f64(),
        "reprocessed",
    )?;
    Ok(if report.import.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Print a WARC import's summary (shared with `marsad import`).
pub fn print_warc_report(
    data: &DataArgs,
    json: bool,
    report: &WarcImport,
    seconds: f64,
    verb: &str,
) -> anyhow::Result<()> {
    let mut err = std::io::stderr();
    for failure in &report.import.failed {
        let _ = writeln!(err, "marsad: {}", failure.error);
    }
    for file in &report.truncated_files {
        let _ = writeln!(
            err,
            "marsad: {file}: ends inside a record (kept what was complete)"
        );
    }
    let rate = if seconds > 0.0 {
        report.pages as f64 / seconds
    } else {
        0.0
    };
    let mut out = std::io::stdout().lock();
    if json {
        let json = JsonReport {
            schema: 1,
            data: data.dir.display().to_string(),
            seconds,
            pages_per_second: rate,
            report,
        };
        serde_json::to_writer(&mut out, &json).context("write JSON")?;
        writeln!(out).context("write JSON")?;
    } else {
        let r = &report.import;
        writeln!(
            out,
            "{verb} {} pages from {} WARC files into {}: {} new, {} unchanged, {} updated, {} duplicates, {} failed ({:.0} pages/s)",
            report.pages,
            report.files,
            data.dir.display(),
            r.inserted,
            r.unchanged,
            r.updated,
            r.duplicates,
            r.failed.len(),
            rate
        )
        .context("write summary")?;
    }
    Ok(())
}

/// A spinner counting pages on a terminal, hidden otherwise.
pub fn spinner() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {pos} pages ({per_sec})")
    {
        bar.set_style(style);
    }
    bar
}
