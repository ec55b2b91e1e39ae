//! `marsad extract`: page files in, one JSON object per file out (JSON Lines, schema 1).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use marsad_extract::{Article, Format, Options};
use serde::Serialize;

/// Flags of `marsad extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The input kind: decide from the bytes, HTML, or plain page text.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub format: FormatArg,
    /// The page's URL, when known (used for dates in the URL, the outlet and links).
    #[arg(long)]
    pub url: Option<String>,
    /// Page files (HTML or plain page text).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The `--format` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    /// Decide from the bytes.
    Auto,
    /// HTML.
    Html,
    /// Plain page text.
    Text,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Auto => Format::Auto,
            FormatArg::Html => Format::Html,
            FormatArg::Text => Format::Text,
        }
    }
}

/// One line of output (documented in `docs/cli-json.md`).
#[derive(Serialize)]
struct Line<'a> {
    schema: u32,
    file: String,
    #[serde(flatten)]
    article: &'a Article,
}

/// Run `marsad extract`: every file is tried; any failure makes the exit code 1.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = Options {
        format: args.format.into(),
        url: args.url.clone(),
        ..Options::default()
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for file in &args.files {
        match extract_file(file, &options) {
            Ok(article) => {
                let line = Line {
                    schema: 1,
                    file: file.display().to_string(),
                    article: &article,
                };
                serde_json::to_writer(&mut out, &line).context("write JSON")?;
                out.write_all(b"\n").context("write JSON")?;
            }
            Err(err) => {
                failed = true;
                let _ = writeln!(std::io::stderr(), "marsad: {err:#}");
            }
        }
    }
    out.flush().context("write JSON")?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Bytes of a page file, bounded like an import.
pub fn read_bounded(file: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    const LIMIT: u64 = 50 * 1024 * 1024;
    let meta = std::fs::metadata(file).with_context(|| format!("{}", file.display()))?;
    if meta.is_dir() {
        anyhow::bail!("{}: is a folder, not a page file", file.display());
    }
    if meta.len() > LIMIT {
        anyhow::bail!(
            "{}: {} bytes is larger than the limit of {LIMIT} bytes",
            file.display(),
            meta.len()
        );
    }
    std::fs::read(file).with_context(|| format!("{}", file.display()))
}

fn extract_file(file: &std::path::Path, options: &Options) -> anyhow::Result<Article> {
    let bytes = read_bounded(file)?;
    let extraction =
        marsad_extract::extract(&bytes, options).with_context(|| format!("{}", file.display()))?;
    for warning in &extraction.warnings {
        tracing::info!(file = %file.display(), warning = %warning, "extraction warning");
    }
    Ok(extraction.article)
}
