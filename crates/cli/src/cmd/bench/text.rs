//! `marsad bench text`: throughput of the search analyzer (normalise + tokenise + stop words +
//! stem: `marsad_text::for_each_search_term`, which is `search_terms` without collecting the
//! terms into owned strings) on one thread over real Arabic news bodies.
//!
//! Every text is read into memory first, so only the analyzer is timed: one untimed warm-up
//! pass over all of it (page cache, lazy tables, branch predictors), then `--runs` timed
//! passes; the figure is the median pass, in MB (10^6 bytes) of UTF-8 input per second of
//! wall time, set against the 100 MB/s goal of issue 4. Understood inputs:
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
    /// Print one JSON object (schema 2, see docs/cli-json.md).
    #[arg(long)]
    json: bool,
    /// Timed passes over the whole text; the median is reported.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100))]
    runs: u32,
    /// Files or folders to read (default: the news corpora under ../shared/data).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// The throughput goal of issue 4, in MB/s on one core.
const GOAL_MB_PER_S: f64 = 100.0;

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
    // Untimed warm-up over everything: page faults, lazy tables and branch history settle.
    let terms = pass(&texts).terms;
    let mut runs: Vec<Pass> = (0..args.runs).map(|_| pass(&texts)).collect();
    runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let mb = bytes as f64 / 1e6;
    // Sorted by time, so the middle pass is the median (the slower middle one for an even
    // count); the fastest pass is the best.
    let median = runs[runs.len() / 2];
    let best = runs[0];
    let worst = runs[runs.len() - 1];
    let mb_per_s = mb / median.seconds;
    let cpu_mb_per_s = median.cpu_seconds.map(|c| mb / c);
    let mut out = std::io::stdout().lock();
    if args.json {
        let obj = json!({
            "schema": 2,
            "texts": texts.len(),
            "bytes": bytes,
            "tokens": terms,
            "runs": runs.len(),
            "seconds": median.seconds,
            "mb_per_s": mb_per_s,
            "mb_per_s_best": mb / best.seconds,
            "mb_per_s_worst": mb / worst.seconds,
            "cpu_seconds": median.cpu_seconds,
            "cpu_mb_per_s": cpu_mb_per_s,
            "goal_mb_per_s": GOAL_MB_PER_S,
            "meets_goal": mb_per_s >= GOAL_MB_PER_S,
        });
        writeln!(out, "{obj}")?;
    } else {
        writeln!(
            out,
            "{} texts, {mb:.1} MB, {terms} terms, one thread, median of {} passes: {:.3} s, \
             {mb_per_s:.1} MB/s (best {:.1}, worst {:.1}), {:.2} M terms/s",
            texts.len(),
            runs.len(),
            median.seconds,
            mb / best.seconds,
            mb / worst.seconds,
            terms as f64 / 1e6 / median.seconds,
        )?;
        if let Some(cpu) = cpu_mb_per_s {
            writeln!(out, "on-CPU time of that pass: {cpu:.1} MB/s of CPU")?;
        }
        let verdict = if mb_per_s >= GOAL_MB_PER_S {
            "meets"
        } else {
            "SHORT of"
        };
        writeln!(out, "{verdict} the goal of {GOAL_MB_PER_S:.0} MB/s")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One timed pass of the analyzer over every text.
#[derive(Debug, Clone, Copy)]
struct Pass {
    /// Wall time.
    seconds: f64,
    /// On-CPU time of this thread, where the platform tells it.
    cpu_seconds: Option<f64>,
    /// Search terms produced.
    terms: usize,
}

fn pass(texts: &[String]) -> Pass {
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    let mut terms = 0usize;
    for text in texts {
        marsad_text::for_each_search_term(text, |t| {
            std::hint::black_box(t);
            terms += 1;
        });
    }
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    let cpu_seconds = cpu_start
        .zip(thread_cpu_ns())
        .map(|(a, b)| (b.saturating_sub(a) as f64 / 1e9).max(1e-9));
    Pass {
        seconds,
        cpu_seconds,
        terms,
    }
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
