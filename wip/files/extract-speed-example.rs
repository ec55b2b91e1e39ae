//! Extraction speed over a folder of HTML files (one core, pages read into memory first):
//! `cargo run --release -p marsad-extract --example speed -- DIR [ROUNDS]`. For profiling
//! (`valgrind --tool=callgrind`) without building the whole CLI.

use std::time::Instant;

use marsad_extract::{Format, Options, extract};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: speed DIR [ROUNDS]");
        return;
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut pages = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("speed: cannot read {dir}");
        return;
    };
    for entry in entries.flatten() {
        if let Ok(bytes) = std::fs::read(entry.path()) {
            pages.push(bytes);
        }
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let options = Options {
        format: Format::Html,
        ..Options::default()
    };
    let mut best = f64::INFINITY;
    let mut words = 0;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        words = 0;
        for page in &pages {
            if let Ok(e) = extract(page, &options) {
                words += e.article.body.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} pages, {:.1} MB, {:.1} pages/s, {:.1} MB/s, {words} body words",
        pages.len(),
        bytes as f64 / 1e6,
        pages.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
}
