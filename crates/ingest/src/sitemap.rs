//! Sitemaps: `<sitemapindex>` (links to more sitemaps), `<urlset>` (pages, with `lastmod`),
//! and Google News sitemaps (`news:publication_date`, `news:title`), plain or gzipped.
//!
//! Streamed with quick-xml (the sitemap crates are dated and model neither the news
//! extension nor other encodings); the decompressed size and the number of entries are
//! bounded, as the sitemap protocol bounds them (50 MB, 50,000 URLs).

use std::io::Read;

use chrono::{DateTime, NaiveDate, Utc};
use quick_xml::events::Event;
use url::Url;

use crate::feeds::absolute;

/// Most decompressed bytes read from one sitemap.
pub const MAX_SITEMAP_BYTES: u64 = 50 * 1024 * 1024;
/// Most entries taken from one sitemap.
pub const MAX_SITEMAP_ENTRIES: usize = 50_000;

/// What a sitemap lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sitemap {
    /// Further sitemaps (from a sitemap index).
    pub sitemaps: Vec<String>,
    /// Pages (from a urlset), in document order.
    pub pages: Vec<SitemapPage>,
}

/// One page of a urlset.
#[derive(Debug, Clone, PartialEq)]
pub struct SitemapPage {
    /// Its URL.
    pub url: String,
    /// `news:publication_date`, else `lastmod`.
    pub published: Option<DateTime<Utc>>,
    /// `news:title`.
    pub title: Option<String>,
}

/// A sitemap that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("sitemap: {0}")]
pub struct SitemapError(pub String);

/// Parse a sitemap (gzipped or not); links are made absolute against `base`.
pub fn parse_sitemap(bytes: &[u8], base: &Url) -> Result<Sitemap, SitemapError> {
    let inflated;
    let xml: &[u8] = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_SITEMAP_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|err| SitemapError(format!("gzip: {err}")))?;
        if out.len() as u64 > MAX_SITEMAP_BYTES {
            return Err(SitemapError(format!(
                "larger than {MAX_SITEMAP_BYTES} bytes"
            )));
        }
        inflated = out;
        &inflated
    } else {
        bytes
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(true);
    let mut buf = Vec::new();
    let mut out = Sitemap::default();
    let mut root: Option<String> = None;
    // The element whose text is being read, and the entry being built.
    let mut path: Vec<String> = Vec::new();
    let mut loc: Option<String> = None;
    let mut lastmod: Option<String> = None;
    let mut news_date: Option<String> = None;
    let mut news_title: Option<String> = None;
    let mut text = String::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|err| SitemapError(err.to_string()));
        let event = match event {
            Ok(event) => event,
            // Keep what was read before a late error (a truncated file).
            Err(err) if !out.pages.is_empty() || !out.sitemaps.is_empty() => {
                tracing::info!(base = %base, error = %err, "sitemap cut short");
                break;
            }
            Err(err) => return Err(err),
        };
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if root.is_none() {
                    root = Some(name.clone());
                }
                if name == "url" || name == "sitemap" {
                    loc = None;
                    lastmod = None;
                    news_date = None;
                    news_title = None;
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(t.as_ref()),
            Event::GeneralRef(r) => push_ref(&mut text, &r),
            Event::End(_) => {
                let field = std::mem::take(&mut text);
                set_field(
                    &path,
                    field.trim().to_owned(),
                    &mut loc,
                    &mut lastmod,
                    &mut news_date,
                    &mut news_title,
                );
                let Some(name) = path.pop() else { continue };
                let is_page = name == "url";
                let is_map = name == "sitemap";
                if !(is_page || is_map) {
                    continue;
                }
                let Some(url) = loc.take().and_then(|l| absolute(base, &l)) else {
                    continue;
                };
                if is_map {
                    out.sitemaps.push(url);
                } else {
                    let published = news_date
                        .take()
                        .or_else(|| lastmod.take())
                        .and_then(|d| parse_w3c_date(&d));
                    out.pages.push(SitemapPage {
                        url,
                        published,
                        title: news_title.take(),
                    });
                }
                if out.pages.len() + out.sitemaps.len() >= MAX_SITEMAP_ENTRIES {
                    break;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    match root.as_deref() {
        Some("urlset" | "sitemapindex") => Ok(out),
        Some(other) => Err(SitemapError(format!(
            "root element <{other}> is neither urlset nor sitemapindex"
        ))),
        None => Err(SitemapError("empty document".into())),
    }
}

/// Append the text of an entity or character reference (`&amp;`, `&#1575;`).
pub(crate) fn push_ref(text: &mut String, r: &quick_xml::events::BytesRef<'_>) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        text.push(c);
        return;
    }
    let name: &str = r;
    match name {
        "amp" => text.push('&'),
        "lt" => text.push('<'),
        "gt" => text.push('>'),
        "quot" => text.push('"'),
        "apos" => text.push('\''),
        other => {
            text.push('&');
            text.push_str(other);
            text.push(';');
        }
    }
}

fn set_field(
    path: &[String],
    text: String,
    loc: &mut Option<String>,
    lastmod: &mut Option<String>,
    news_date: &mut Option<String>,
    news_title: &mut Option<String>,
) {
    let Some(leaf) = path.last() else { return };
    let parent = path.len().checked_sub(2).and_then(|i| path.get(i));
    let in_entry = parent.is_some_and(|p| p == "url" || p == "sitemap");
    match leaf.as_str() {
        "loc" if in_entry => *loc = Some(text),
        "lastmod" if in_entry => *lastmod = Some(text),
        "publication_date" => *news_date = Some(text),
        "title" if parent.is_some_and(|p| p == "news") => *news_title = Some(text),
        _ => {}
    }
}

/// A W3C datetime (`2024-03-05`, `2024-03-05T10:30:00+03:00`, …) in UTC.
fn parse_w3c_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%dT%H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(t.with_timezone(&Utc));
        }
    }
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn base() -> Url {
        Url::parse("https://news.example/").unwrap()
    }

    #[test]
    fn index_urlset_and_news() {
        let index = r#"<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example/s1.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
<sitemap><loc>/s2.xml.gz</loc></sitemap></sitemapindex>"#;
        let s = parse_sitemap(index.as_bytes(), &base()).unwrap();
        assert_eq!(
            s.sitemaps,
            [
                "https://news.example/s1.xml",
                "https://news.example/s2.xml.gz"
            ]
        );
        assert!(s.pages.is_empty());

        let news = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a?x=1&amp;y=2</loc><lastmod>2024-03-01</lastmod>
<news:news><news:publication><news:name>N</news:name><news:language>ar</news:language></news:publication>
<news:publication_date>2024-03-05T10:30:00+03:00</news:publication_date><news:title>عنوان الخبر</news:title></news:news></url>
<url><loc>https://news.example/b</loc><lastmod>2024-03-02</lastmod></url></urlset>"#;
        let s = parse_sitemap(news.as_bytes(), &base()).unwrap();
        assert_eq!(s.pages.len(), 2);
        assert_eq!(s.pages[0].url, "https://news.example/a?x=1&y=2");
        assert_eq!(s.pages[0].title.as_deref(), Some("عنوان الخبر"));
        assert_eq!(
            s.pages[0].published.map(|d| d.to_rfc3339()),
            Some("2024-03-05T07:30:00+00:00".into())
        );
        assert_eq!(
            s.pages[1].published.map(|d| d.to_rfc3339()),
            Some("2024-03-02T00:00:00+00:00".into())
        );
        assert_eq!(
            s.pages[1].title, None,
            "the publication name is not the title"
        );
    }

    #[test]
    fn gzip_and_errors() {
        let xml = b"<urlset><url><loc>https://news.example/z</loc></url></urlset>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(xml).unwrap();
        let s = parse_sitemap(&gz.finish().unwrap(), &base()).unwrap();
        assert_eq!(s.pages[0].url, "https://news.example/z");
        assert!(parse_sitemap(b"<html></html>", &base()).is_err());
        assert!(parse_sitemap(b"", &base()).is_err());
        assert!(parse_sitemap(&[0x1f, 0x8b, 0, 1], &base()).is_err());
    }
}
