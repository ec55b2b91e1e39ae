//! `marsad bench text`: throughput of the search analyzer (normalise + tokenise + stop words +
//! stem: `marsad_text::for_each_search_term`, which is `search_terms` without collecting the
//! terms into owned strings) on one thread over real Arabic news bodies.
//!
//! Every text is read into memory first, so only the analyzer is timed. Understood inputs:
//! folders (walked), ANT corpus `<DOC>` files (title and text), JSON arrays and JSON Lines
//! (string fields `title`, `content`, `body`, `text`), `.zip` archives of those (through the
//! `unzip` program, when installed), and any other file as plain UTF-8 text.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use serde_json::{Value, json};

/// Flags of `marsad bench text`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print one JSON object: {"schema":1,"bytes":..,"seconds":..,"mb_per_s":..,"tokens":..,
    /// "cpu_seconds":..}.
    #[arg(long)]
    json: bool,
    /// Files or folders to read (default: the news corpora under ../shared/data).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Corpora used when no path is given, relative to the shared data folder.
const DEFAULT_CORPORA: [&str; 3] = [
    "ant-corpus-v1.1",
    "saudinewsnet/dataset",
    "clustering-ant-dev",
];

/// Run `marsad bench text`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() {
        default_paths()
    } else {
        args.paths.clone()
    };
    let mut stderr = std::io::stderr();
    if paths.is_empty() {
        writeln!(
            stderr,
            "bench text: no corpus found under ../shared/data; skipping"
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut texts = Vec::new();
    let mut notes = Vec::new();
    for path in &paths {
        collect(path, &mut texts, &mut notes)
            .with_context(|| format!("read {}", path.display()))?;
    }
    for note in &notes {
        writeln!(stderr, "bench text: {note}")?;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        writeln!(stderr, "bench text: no text in the given paths; skipping")?;
        return Ok(ExitCode::SUCCESS);
    }
    // One warm-up pass on a slice, so lazy tables (stop words) are built before timing.
    let _ = texts.first().map(|t| marsad_text::search_terms(t));
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    let mut terms = 0usize;
    for text in &texts {
        marsad_text::for_each_search_term(text, |t| {
            std::hint::black_box(t);
            terms += 1;
        });
    }
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    let cpu_seconds = cpu_start
        .zip(thread_cpu_ns())
        .map(|(a, b)| (b.saturating_sub(a) as f64 / 1e9).max(1e-9));
    let mb_per_s = bytes as f64 / 1e6 / seconds;
    let mut out = std::io::stdout().lock();
    if args.json {
        let obj = json!({
            "schema": 1,
            "bytes": bytes,
            "seconds": seconds,
            "mb_per_s": mb_per_s,
            "tokens": terms,
            "cpu_seconds": cpu_seconds,
        });
        writeln!(out, "{obj}")?;
    } else {
        writeln!(
            out,
            "{} texts, {:.1} MB in {:.3} s: {:.1} MB/s, {:.2} M terms/s ({} terms), one thread",
            texts.len(),
            bytes as f64 / 1e6,
            seconds,
            mb_per_s,
            terms as f64 / 1e6 / seconds,
            terms
        )?;
        if let Some(cpu) = cpu_seconds {
            writeln!(
                out,
                "on-CPU time {cpu:.3} s: {:.1} MB/s of CPU",
                bytes as f64 / 1e6 / cpu
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// CPU time of this thread in nanoseconds (Linux `schedstat`), so a busy machine does not
/// halve the figure; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// The default corpora that exist, looked up from the current folder and from the source tree.
fn default_paths() -> Vec<PathBuf> {
    let roots = [
        PathBuf::from("../shared/data"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
    ];
    let Some(root) = roots.iter().find(|r| r.is_dir()) else {
        return Vec::new();
    };
    DEFAULT_CORPORA
        .iter()
        .map(|c| root.join(c))
        .filter(|p| p.exists())
        .collect()
}

fn collect(path: &Path, texts: &mut Vec<String>, notes: &mut Vec<String>) -> anyhow::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect(&entry, texts, notes)?;
        }
        return Ok(());
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "zip" => match unzip(path) {
            Some(bytes) => add_file(path, &bytes, "json", texts),
            None => notes.push(format!("{}: skipped (cannot run `unzip`)", path.display())),
        },
        "xz" | "gz" | "tar" | "md" | "license" => {}
        _ => {
            if path.file_name().is_some_and(|n| n == "LICENSE") {
                return Ok(());
            }
            let bytes = std::fs::read(path)?;
            add_file(path, &bytes, &ext, texts);
        }
    }
    Ok(())
}

fn unzip(path: &Path) -> Option<Vec<u8>> {
    let out = std::process::Command::new("unzip")
        .arg("-p")
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

fn add_file(path: &Path, bytes: &[u8], ext: &str, texts: &mut Vec<String>) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        let _ = writeln!(
            std::io::stderr(),
            "bench text: {}: not UTF-8, skipped",
            path.display()
        );
        return;
    };
    match ext {
        "json" | "jsonl" | "ndjson" => {
            let trimmed = text.trim_start();
            if trimmed.starts_with('[') {
                if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(trimmed) {
                    items.iter().for_each(|v| add_json(v, texts));
                }
            } else {
                for line in text.lines() {
                    if let Ok(v) = serde_json::from_str::<Value>(line) {
                        add_json(&v, texts);
                    }
                }
            }
        }
        _ if text.contains("<DOC>") => {
            for field in ["TITLE", "TEXT"] {
                if let Some(inner) = between(text, field) {
                    texts.push(inner.to_owned());
                }
            }
        }
        _ => texts.push(text.to_owned()),
    }
}

fn add_json(v: &Value, texts: &mut Vec<String>) {
    for key in ["title", "content", "body", "text"] {
        if let Some(s) = v.get(key).and_then(Value::as_str) {
            texts.push(s.to_owned());
        }
    }
}

/// The text between `<FIELD>` and `</FIELD>` in an ANT corpus file.
fn between<'a>(text: &'a str, field: &str) -> Option<&'a str> {
    let open = format!("<{field}>");
    let close = format!("</{field}>");
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(&text[start..end])
}
