//! `marsad bench limits`: how extraction bears hostile and huge inputs (issue 5): a page just
//! under the 50 MB limit, a page over it, a 5 MB single line, 10,000 nested tags, binary
//! garbage, 50 MB of page text, and the peak memory a 20 MB page takes.
//!
//! Each input is written to a file first, then extracted by a child process of this binary
//! (`marsad bench limits --child FILE`), so that each case's peak memory is its own: the child
//! reads `VmRSS` from `/proc/self/status` before reading the file and `VmHWM` (the peak)
//! after extracting. Goals: every case returns an error or an article within 2 s; a 20 MB
//! page peaks under 10× its size.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::Context;
use serde::{Deserialize, Serialize};

/// Flags of `marsad bench limits`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where the inputs are written (made once; about 200 MB).
    #[arg(long, default_value = "target/bench-limits")]
    pub dir: PathBuf,
    /// Internal: extract one file and print its measures (run by the bench itself).
    #[arg(long, hide = true)]
    pub child: Option<PathBuf>,
    /// Print JSON (schema in docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

/// What a child measured.
#[derive(Debug, Serialize, Deserialize)]
struct Measure {
    seconds: f64,
    /// `article (N paragraphs)` or `error: …`.
    outcome: String,
    paragraphs: usize,
    rss_before_bytes: u64,
    peak_bytes: u64,
}

#[derive(Serialize)]
struct Case {
    name: &'static str,
    what: &'static str,
    bytes: u64,
    seconds: f64,
    outcome: String,
    /// Peak resident memory over the child's before reading the input.
    peak_over_start_bytes: u64,
    /// `peak_over_start_bytes` / `bytes`.
    peak_ratio: f64,
    within_2_s: bool,
}

#[derive(Serialize)]
struct Report {
    schema: u32,
    cases: Vec<Case>,
}

type Maker = fn(&mut dyn Write) -> std::io::Result<()>;

const CASES: [(&str, &str, Maker); 7] = [
    ("html-20mb", "a 20 MB news page (memory)", |w| {
        html_page(w, 20_000_000)
    }),
    ("html-50mb", "a news page just under the 50 MB limit", |w| {
        html_page(w, 52_000_000)
    }),
    ("html-60mb", "a page over the limit (refused)", |w| {
        html_page(w, 63_000_000)
    }),
    ("line-5mb", "5 MB of text on one line", one_line),
    ("nested-10k", "10,000 nested tags", nested),
    ("garbage-10mb", "10 MB of random bytes", garbage),
    ("text-50mb", "50 MB of page text", |w| {
        text_page(w, 52_000_000)
    }),
];

const PARAGRAPH: &str = "وقال وزير الخارجية في مؤتمر صحفي عقده في العاصمة مساء الثلاثاء إن بلاده \
    ستواصل جهودها الدبلوماسية من أجل التوصل إلى اتفاق شامل، مشيرا إلى أن المفاوضات دخلت \
    مرحلة حاسمة بعد أسابيع من المحادثات بين الأطراف المعنية.";

fn html_page(w: &mut dyn Write, size: usize) -> std::io::Result<()> {
    let head = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\">\
        <title>خبر طويل جدا</title></head><body><nav><a href=\"/\">الرئيسية</a></nav>\
        <article><h1>خبر طويل جدا</h1>\n";
    w.write_all(head.as_bytes())?;
    let mut written = head.len();
    let mut i = 0usize;
    while written + 64 < size {
        let p = format!("<p>{PARAGRAPH} ({i})</p>\n");
        w.write_all(p.as_bytes())?;
        written += p.len();
        i += 1;
    }
    w.write_all(b"</article></body></html>\n")
}

fn text_page(w: &mut dyn Write, size: usize) -> std::io::Result<()> {
    let mut written = 0usize;
    let mut i = 0usize;
    while written < size {
        let p = format!("{PARAGRAPH} ({i})\n\n");
        w.write_all(p.as_bytes())?;
        written += p.len();
        i += 1;
    }
    Ok(())
}

fn one_line(w: &mut dyn Write) -> std::io::Result<()> {
    let mut written = 0usize;
    while written < 5_000_000 {
        w.write_all(PARAGRAPH.as_bytes())?;
        w.write_all(b" ")?;
        written += PARAGRAPH.len() + 1;
    }
    Ok(())
}

fn nested(w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(b"<html><body>")?;
    for _ in 0..10_000 {
        w.write_all(b"<div>")?;
    }
    w.write_all(format!("<p>{PARAGRAPH}</p>").as_bytes())?;
    for _ in 0..10_000 {
        w.write_all(b"</div>")?;
    }
    w.write_all(b"</body></html>")
}

fn garbage(w: &mut dyn Write) -> std::io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(5);
    let mut buf = vec![0u8; 1 << 20];
    for _ in 0..10 {
        rng.fill(&mut buf);
        w.write_all(&buf)?;
    }
    Ok(())
}

/// Run `marsad bench limits`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(file) = args.child {
        let measure = child(&file)?;
        println!("{}", serde_json::to_string(&measure)?);
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(&args.dir).with_context(|| format!("create {}", args.dir.display()))?;
    let exe = std::env::current_exe().context("find this program")?;
    let mut cases = Vec::new();
    for (name, what, make) in CASES {
        let path = args.dir.join(name);
        if !path.is_file() {
            let tmp = path.with_extension("partial");
            let file =
                std::fs::File::create(&tmp).with_context(|| format!("create {}", tmp.display()))?;
            let mut w = std::io::BufWriter::new(file);
            make(&mut w).with_context(|| format!("write {}", tmp.display()))?;
            w.flush()
                .with_context(|| format!("write {}", tmp.display()))?;
            std::fs::rename(&tmp, &path).with_context(|| format!("rename {}", tmp.display()))?;
        }
        let bytes = std::fs::metadata(&path)
            .with_context(|| format!("{}", path.display()))?
            .len();
        eprintln!("{name}: {what} ({bytes} bytes)…");
        let output = Command::new(&exe)
            .args(["bench", "limits", "--child"])
            .arg(&path)
            .output()
            .context("run the child")?;
        if !output.status.success() {
            anyhow::bail!(
                "{name}: the child failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let m: Measure = serde_json::from_slice(&output.stdout)
            .with_context(|| format!("{name}: the child's output"))?;
        let over = m.peak_bytes.saturating_sub(m.rss_before_bytes);
        cases.push(Case {
            name,
            what,
            bytes,
            seconds: m.seconds,
            outcome: m.outcome,
            peak_over_start_bytes: over,
            peak_ratio: over as f64 / bytes.max(1) as f64,
            within_2_s: m.seconds <= 2.0,
        });
    }
    let report = Report { schema: 1, cases };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report).context("write JSON")?;
        writeln!(out).context("write JSON")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<13} {:>11} {:>8} {:>10} {:>6}  outcome",
        "case", "bytes", "seconds", "peak MB", "×size"
    )?;
    for c in &report.cases {
        writeln!(
            out,
            "{:<13} {:>11} {:>8.3} {:>10.1} {:>6.2}  {}",
            c.name,
            c.bytes,
            c.seconds,
            c.peak_over_start_bytes as f64 / 1e6,
            c.peak_ratio,
            c.outcome
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Extract `file` in this process and measure it.
fn child(file: &Path) -> anyhow::Result<Measure> {
    let rss_before_bytes = status_kb("VmRSS:")? * 1024;
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let start = Instant::now();
    let result = marsad_extract::extract(&bytes, &marsad_extract::Options::default());
    let seconds = start.elapsed().as_secs_f64();
    let (outcome, paragraphs) = match &result {
        Ok(x) => (
            format!("article ({} paragraphs)", x.article.body.len()),
            x.article.body.len(),
        ),
        Err(e) => (format!("error: {e}"), 0),
    };
    let peak_bytes = status_kb("VmHWM:")? * 1024;
    drop(result);
    Ok(Measure {
        seconds,
        outcome,
        paragraphs,
        rss_before_bytes,
        peak_bytes,
    })
}

/// A `kB` line of `/proc/self/status`.
fn status_kb(key: &str) -> anyhow::Result<u64> {
    let status =
        std::fs::read_to_string("/proc/self/status").context("read /proc/self/status (Linux)")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .with_context(|| format!("no {key} in /proc/self/status"))
}
