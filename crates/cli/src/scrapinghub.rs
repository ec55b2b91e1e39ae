//! The ScrapingHub article-extraction benchmark as a set of pages: `ground-truth.json`
//! (`{id: {"articleBody", "url"}}`) and `html/<id>.html.gz` (or `.html`), read into memory.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    #[serde(rename = "articleBody")]
    article_body: String,
    url: Option<String>,
}

/// One page of the set.
pub struct Page {
    /// The page's id (a SHA-256).
    pub id: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// The page's URL.
    pub url: Option<String>,
    /// The gold article body.
    pub gold: String,
    /// The page's bytes, decompressed.
    pub html: Vec<u8>,
}

/// Every page of the set in `dir`, sorted by id.
pub fn load(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let gold_path = dir.join("ground-truth.json");
    let text =
        std::fs::read_to_string(&gold_path).with_context(|| format!("{}", gold_path.display()))?;
    let gold: BTreeMap<String, Gold> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not the benchmark's format", gold_path.display()))?;
    let mut pages = Vec::with_capacity(gold.len());
    for (id, g) in gold {
        let plain = dir.join("html").join(format!("{id}.html"));
        let (path, html) = if plain.is_file() {
            let html = std::fs::read(&plain).with_context(|| format!("{}", plain.display()))?;
            (plain, html)
        } else {
            let path = dir.join("html").join(format!("{id}.html.gz"));
            let file = std::fs::File::open(&path).with_context(|| format!("{}", path.display()))?;
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut html)
                .with_context(|| format!("{}: not gzip", path.display()))?;
            (path, html)
        };
        pages.push(Page {
            id,
            path,
            url: g.url,
            gold: g.article_body,
            html,
        });
    }
    Ok(pages)
}
