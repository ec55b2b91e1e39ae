//! The Rust peers of `marsad bench extract`: dom_smoothie (a port of readability.js) and
//! rs-trafilatura (a port of trafilatura), run over the same pages as Marsad.
//!
//! Reads `[{"id", "path", "url"}]` on stdin (`.html` or `.html.gz` files) and the peer's name
//! as the one argument; prints `{"schema":1,"name","version","seconds","pages":{id:{"text",
//! "title","author","date"}}}`. Reading and decompressing are outside the timed part, as they
//! are for Marsad; decoding the bytes to text is inside it (Marsad and trafilatura decode too).

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Instant;

use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
struct Item {
    id: String,
    path: String,
    url: Option<String>,
}

#[derive(Serialize, Default)]
struct Out {
    text: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let peer = std::env::args().nth(1).ok_or("usage: marsad-extract-peers dom_smoothie|rs-trafilatura")?;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    let items: Vec<Item> = serde_json::from_str(&input)?;
    let mut pages = Vec::with_capacity(items.len());
    for item in items {
        let raw = std::fs::read(&item.path)?;
        let bytes = if item.path.ends_with(".gz") {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(raw.as_slice()).read_to_end(&mut out)?;
            out
        } else {
            raw
        };
        pages.push((item, bytes));
    }
    let (version, run): (&str, fn(&[u8], Option<&str>) -> Out) = match peer.as_str() {
        "dom_smoothie" => ("0.19", dom_smoothie_one),
        "rs-trafilatura" => ("0.2.2", rs_trafilatura_one),
        other => return Err(format!("unknown peer {other}").into()),
    };
    let mut out = BTreeMap::new();
    let start = Instant::now();
    for (item, bytes) in &pages {
        let page = run(bytes, item.url.as_deref());
        out.insert(item.id.clone(), page);
    }
    let seconds = start.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "schema": 1, "name": peer, "version": version, "seconds": seconds, "pages": out,
    });
    serde_json::to_writer(std::io::stdout().lock(), &report)?;
    Ok(())
}

/// The page as text: a BOM, then a charset in the first 2 KB, then UTF-8 if valid, then
/// chardetng's guess.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            return encoding.decode(bytes).0.into_owned();
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    encoding.decode(bytes).0.into_owned()
}

fn dom_smoothie_one(bytes: &[u8], url: Option<&str>) -> Out {
    let html = decode(bytes);
    let Ok(mut readability) = dom_smoothie::Readability::new(html.as_str(), url, None) else {
        return Out::default();
    };
    match readability.parse() {
        Ok(article) => Out {
            text: article.text_content.to_string(),
            title: Some(article.title.to_string()).filter(|t| !t.is_empty()),
            author: article.byline.map(|b| b.to_string()),
            date: article.published_time.map(|d| d.to_string()),
        },
        Err(_) => Out::default(),
    }
}

fn rs_trafilatura_one(bytes: &[u8], _url: Option<&str>) -> Out {
    match rs_trafilatura::extract_bytes(bytes) {
        Ok(r) => Out {
            text: r.content_text,
            title: r.metadata.title,
            author: r.metadata.author,
            date: r.metadata.date.map(|d| d.to_rfc3339()),
        },
        Err(_) => Out::default(),
    }
}
