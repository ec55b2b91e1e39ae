//! Throughput of the search analyzer on the fixture pages, for development:
//! `cargo test --release -p marsad-text --test it -- --ignored --nocapture throughput`.
//! The real figure comes from `marsad bench text` on the corpora.

use std::time::Instant;

use marsad_text::for_each_search_term;

use crate::fixture_pages;

#[test]
#[ignore = "timing; run in release by hand"]
fn throughput() {
    let pages: Vec<String> = fixture_pages().into_iter().map(|(_, t)| t).collect();
    let rounds = 400;
    let bytes: usize = pages.iter().map(String::len).sum::<usize>() * rounds;
    let start = Instant::now();
    let mut terms = 0usize;
    for _ in 0..rounds {
        for page in &pages {
            for_each_search_term(page, |t| {
                std::hint::black_box(t);
                terms += 1;
            });
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:.1} MB/s, {:.2} M terms/s",
        bytes as f64 / 1e6 / secs,
        terms as f64 / 1e6 / secs
    );
    assert!(terms > 0);
}
