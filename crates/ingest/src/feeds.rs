//! Feeds (RSS 0.9x/1.0 (RDF)/2.0, Atom, JSON Feed) to article links, with feed-rs.
//!
//! Real feeds are often broken: bad dates (feed-rs drops them), HTML in titles (stripped
//! here), a prolog that names the wrong encoding, or bytes that are not well-formed XML. The
//! parser is given the raw bytes first (it honours the prolog's encoding); when that fails,
//! the bytes are decoded with detection (chardetng) and parsed again as UTF-8; when that
//! fails too, a lenient scan picks up `<link>`s of items and entries until the first error.

use chrono::{DateTime, Utc};
use quick_xml::events::Event;
use url::Url;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The article's URL (absolute).
    pub url: String,
    /// Its title, as plain text.
    pub title: Option<String>,
    /// When it was published (or updated), when the feed says so in a readable form.
    pub published: Option<DateTime<Utc>>,
}

/// A feed that gave no entries at all.
#[derive(Debug, Clone, thiserror::Error)]
#[error("not a feed: {0}")]
pub struct FeedError(pub String);

/// At most this many entries are taken from one feed.
pub const MAX_ENTRIES: usize = 5000;

/// The entries of a feed, links made absolute against `base`.
pub fn parse_feed(bytes: &[u8], base: &Url) -> Result<Vec<FeedEntry>, FeedError> {
    let first = match feed_rs::parser::parse(bytes) {
        Ok(feed) => return Ok(entries(feed, base)),
        Err(err) => err.to_string(),
    };
    if let Some(utf8) = redecode(bytes)
        && let Ok(feed) = feed_rs::parser::parse(utf8.as_bytes())
    {
        return Ok(entries(feed, base));
    }
    let found = lenient_links(bytes, base);
    if found.is_empty() {
        Err(FeedError(first))
    } else {
        tracing::info!(base = %base, error = %first, found = found.len(), "broken feed read leniently");
        Ok(found)
    }
}

/// Whether `bytes` parse as a feed (used when probing common feed paths).
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    feed_rs::parser::parse(bytes).is_ok()
}

fn entries(feed: feed_rs::model::Feed, base: &Url) -> Vec<FeedEntry> {
    let mut out = Vec::new();
    for entry in feed.entries.into_iter().take(MAX_ENTRIES) {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.clone())
            .or_else(|| Some(entry.id.clone()).filter(|id| id.starts_with("http")));
        let Some(url) = link.and_then(|l| absolute(base, &l)) else {
            continue;
        };
        out.push(FeedEntry {
            url,
            title: entry
                .title
                .map(|t| strip_tags(&t.content))
                .filter(|t| !t.is_empty()),
            published: entry.published.or(entry.updated),
        });
    }
    out
}

/// A link made absolute, http(s) only, fragment dropped.
pub(crate) fn absolute(base: &Url, link: &str) -> Option<String> {
    let mut url = base.join(link.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    Some(url.to_string())
}

/// Text with tags removed and entities left as they are (feed-rs unescapes XML entities;
/// titles that carry escaped HTML come out as tags).
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The bytes decoded with detection (for a prolog that names the wrong encoding), with the
/// prolog's encoding declaration removed; `None` when they are valid UTF-8 already.
fn redecode(bytes: &[u8]) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = encoding.decode(bytes);
    let text = text.into_owned();
    Some(match (text.find("<?xml"), text.find("?>")) {
        (Some(0), Some(end)) => format!("<?xml version=\"1.0\"?>{}", &text[end + 2..]),
        _ => text,
    })
}

/// Links of `<item>`/`<entry>` elements read until the first XML error.
fn lenient_links(bytes: &[u8], base: &Url) -> Vec<FeedEntry> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut in_item = false;
    let mut in_link = false;
    let mut out = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(event @ (Event::Start(_) | Event::Empty(_))) => {
                let (Event::Start(e) | Event::Empty(e)) = &event else {
                    continue;
                };
                let empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match name.as_str() {
                    "item" | "entry" => in_item = true,
                    "link" if in_item => {
                        let href = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.local_name().as_ref() == "href")
                            .map(|a| a.value.clone().into_owned());
                        match href {
                            Some(href) => {
                                if let Some(url) = absolute(base, &href) {
                                    out.push(FeedEntry {
                                        url,
                                        title: None,
                                        published: None,
                                    });
                                }
                            }
                            None if !empty => {
                                in_link = true;
                                text.clear();
                            }
                            None => {}
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::Text(t)) if in_link => text.push_str(&t.xml10_content()),
            Ok(Event::CData(t)) if in_link => text.push_str(t.as_ref()),
            Ok(Event::GeneralRef(r)) if in_link => crate::sitemap::push_ref(&mut text, &r),
            Ok(Event::End(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match name.as_str() {
                    "item" | "entry" => in_item = false,
                    "link" if in_link => {
                        if let Some(url) = absolute(base, &std::mem::take(&mut text)) {
                            out.push(FeedEntry {
                                url,
                                title: None,
                                published: None,
                            });
                        }
                        in_link = false;
                    }
                    _ => {}
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        if out.len() >= MAX_ENTRIES {
            break;
        }
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example/").unwrap()
    }

    #[test]
    fn rss2_with_html_title_and_bad_date() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>
<item><title>&lt;b&gt;عاجل&lt;/b&gt; وصول الوفد</title><link>/ar/1</link><pubDate>not a date</pubDate></item>
<item><title>ثان</title><link>https://news.example/ar/2#c</link><pubDate>Tue, 05 Mar 2024 10:30:00 +0300</pubDate></item>
</channel></rss>"#;
        let entries = parse_feed(xml.as_bytes(), &base()).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].url, "https://news.example/ar/1");
        assert_eq!(entries[0].title.as_deref(), Some("عاجل وصول الوفد"));
        assert_eq!(entries[1].url, "https://news.example/ar/2");
        assert_eq!(
            entries[1].published.map(|d| d.to_rfc3339()),
            Some("2024-03-05T07:30:00+00:00".into())
        );
    }

    #[test]
    fn atom_rdf_and_json_feed() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>f</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>a</title><id>e1</id><link rel="alternate" href="https://news.example/a"/><updated>2024-01-01T00:00:00Z</updated></entry></feed>"#;
        assert_eq!(
            parse_feed(atom.as_bytes(), &base()).unwrap()[0].url,
            "https://news.example/a"
        );
        let rdf = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://news.example/"><title>t</title><link>https://news.example/</link></channel>
<item rdf:about="https://news.example/r1"><title>r</title><link>https://news.example/r1</link></item></rdf:RDF>"#;
        assert_eq!(
            parse_feed(rdf.as_bytes(), &base()).unwrap()[0].url,
            "https://news.example/r1"
        );
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"https://news.example/j1","title":"ج"}]}"#;
        assert_eq!(
            parse_feed(json.as_bytes(), &base()).unwrap()[0].url,
            "https://news.example/j1"
        );
    }

    #[test]
    fn wrong_prolog_encoding_is_redetected() {
        let title = "وصل الوفد الرسمي إلى العاصمة صباح اليوم في زيارة";
        let (encoded, _, _) = encoding_rs::WINDOWS_1256.encode(title);
        let mut xml = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>x</title><item><title>".to_vec();
        xml.extend_from_slice(&encoded);
        xml.extend_from_slice(
            b"</title><link>https://news.example/w</link></item></channel></rss>",
        );
        let entries = parse_feed(&xml, &base()).unwrap();
        assert_eq!(entries[0].title.as_deref(), Some(title));
    }

    #[test]
    fn truncated_feed_gives_what_it_has_and_garbage_is_an_error() {
        let xml = b"<rss><channel><item><link>https://news.example/t1</link></item><item><link>https://news.example/t2</link></item><item><title>cut";
        let entries = parse_feed(xml, &base()).unwrap();
        assert_eq!(
            entries.iter().map(|e| e.url.as_str()).collect::<Vec<_>>(),
            ["https://news.example/t1", "https://news.example/t2"]
        );
        assert!(parse_feed(b"<html><body>no feed</body></html>", &base()).is_err());
    }
}
