//! Adding a source: from its home page, find its feeds (`<link rel="alternate">` of feed
//! types, then common feed paths when the page names none) and its sitemaps (robots.txt
//! `Sitemap:` lines, then common sitemap paths), and its name and language.

use chrono::{DateTime, Utc};
use marsad_store::{Schedule, Source, SourceProfile};
use url::Url;

use crate::feeds::{absolute, looks_like_feed};
use crate::fetch::{FetchError, Fetcher};

/// Paths tried for a feed when the home page links none.
const FEED_PATHS: [&str; 6] = [
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
];
/// Paths tried for a sitemap when robots.txt names none.
const SITEMAP_PATHS: [&str; 3] = ["/sitemap.xml", "/sitemap_index.xml", "/news-sitemap.xml"];
/// The first schedule interval of a new source.
pub const DEFAULT_INTERVAL_SECS: u64 = 1800;

/// What the operator gave besides the URL.
#[derive(Debug, Clone, Default)]
pub struct SourceHints {
    /// The name (else the home page's site name or title).
    pub name: Option<String>,
    /// Country code.
    pub country: Option<String>,
    /// Language (else the home page's `lang`).
    pub language: Option<String>,
    /// Profile values.
    pub profile: SourceProfile,
    /// Feeds known already (from OPML): discovery of feeds is skipped when given.
    pub feeds: Vec<String>,
}

/// The id of a source: its home page's host without `www.`, plus the path when it has one.
pub fn source_id(home: &Url) -> String {
    let host = home.host_str().unwrap_or("source");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = home.path().trim_matches('/');
    let mut id = if path.is_empty() {
        host.to_owned()
    } else {
        format!("{host}/{path}")
    };
    if let Some(port) = home.port() {
        id = format!("{id}:{port}");
    }
    id.to_ascii_lowercase()
}

/// Discover a source from its home page. Fails only when the home page cannot be fetched;
/// a site with no feed and no sitemap is an error too (nothing could be fetched from it).
pub async fn discover(
    fetcher: &Fetcher,
    home_url: &str,
    hints: SourceHints,
    now: DateTime<Utc>,
) -> Result<Source, FetchError> {
    let home = fetcher.fetch(home_url, None).await?;
    let base = Url::parse(&home.final_url).map_err(|_| FetchError::BadUrl {
        url: home_url.to_owned(),
    })?;
    let page = HomePage::parse(&home.body, &base);
    let mut feeds = hints.feeds.clone();
    if feeds.is_empty() {
        feeds = page.feeds.clone();
    }
    if feeds.is_empty() {
        for path in FEED_PATHS {
            let Some(url) = absolute(&base, path) else {
                continue;
            };
            if let Ok(found) = fetcher.fetch(&url, None).await
                && looks_like_feed(&found.body)
            {
                feeds.push(url);
                break;
            }
        }
    }
    let robots = fetcher.robots_for(&base).await;
    let mut sitemaps: Vec<String> = robots.sitemaps().to_vec();
    if sitemaps.is_empty() {
        for path in SITEMAP_PATHS {
            let Some(url) = absolute(&base, path) else {
                continue;
            };
            if let Ok(found) = fetcher.fetch(&url, None).await
                && crate::sitemap::parse_sitemap(&found.body, &base).is_ok()
            {
                sitemaps.push(url);
                break;
            }
        }
    }
    dedup(&mut feeds);
    dedup(&mut sitemaps);
    if feeds.is_empty() && sitemaps.is_empty() {
        return Err(FetchError::Redirect {
            url: home_url.to_owned(),
            why: "no feed or sitemap found (give one with --feed)".into(),
        });
    }
    let home_parsed = Url::parse(home_url.trim()).unwrap_or(base.clone());
    Ok(Source {
        id: source_id(&home_parsed),
        name: hints
            .name
            .or(page.name)
            .unwrap_or_else(|| source_id(&home_parsed)),
        home_url: home_parsed.to_string(),
        country: hints.country.map(|c| c.to_ascii_uppercase()),
        language: hints.language.or(page.language),
        feeds,
        sitemaps,
        profile: hints.profile,
        added_at: now,
        schedule: Schedule {
            interval_secs: DEFAULT_INTERVAL_SECS,
            next_due: now,
            last_run: None,
            last_new: 0,
        },
    })
}

/// A source from what is known without fetching (an OPML site whose home page is down, or
/// `--offline`): the feeds as given, no sitemaps. `None` when the home URL is not a URL.
pub fn offline_source(home_url: &str, hints: SourceHints, now: DateTime<Utc>) -> Option<Source> {
    let home = Url::parse(home_url.trim()).ok()?;
    if !matches!(home.scheme(), "http" | "https") {
        return None;
    }
    Some(Source {
        id: source_id(&home),
        name: hints.name.unwrap_or_else(|| source_id(&home)),
        home_url: home.to_string(),
        country: hints.country.map(|c| c.to_ascii_uppercase()),
        language: hints.language,
        feeds: hints.feeds,
        sitemaps: Vec::new(),
        profile: hints.profile,
        added_at: now,
        schedule: Schedule {
            interval_secs: DEFAULT_INTERVAL_SECS,
            next_due: now,
            last_run: None,
            last_new: 0,
        },
    })
}

fn dedup(urls: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    urls.retain(|u| seen.insert(u.clone()));
}

/// What a home page says about its site.
#[derive(Debug, Default, PartialEq)]
pub struct HomePage {
    /// Feed links (`<link rel="alternate">` of RSS, Atom, JSON Feed or RDF type).
    pub feeds: Vec<String>,
    /// `og:site_name`, else the `<title>`.
    pub name: Option<String>,
    /// `<html lang>`.
    pub language: Option<String>,
}

impl HomePage {
    /// Read a home page (any encoding the extractor's decoder knows).
    pub fn parse(bytes: &[u8], base: &Url) -> HomePage {
        let text = String::from_utf8_lossy(bytes);
        let doc = scraper::Html::parse_document(&text);
        let mut page = HomePage::default();
        if let Ok(links) = scraper::Selector::parse("link[rel][href]") {
            for link in doc.select(&links) {
                let el = link.value();
                let rel = el.attr("rel").unwrap_or_default().to_ascii_lowercase();
                if !rel.split_whitespace().any(|r| r == "alternate") {
                    continue;
                }
                let kind = el.attr("type").unwrap_or_default().to_ascii_lowercase();
                let is_feed = ["rss", "atom", "feed+json", "rdf", "application/json"]
                    .iter()
                    .any(|k| kind.contains(k));
                if is_feed && let Some(url) = el.attr("href").and_then(|h| absolute(base, h)) {
                    page.feeds.push(url);
                }
            }
        }
        let text_of = |selector: &str, attr: &str| -> Option<String> {
            let sel = scraper::Selector::parse(selector).ok()?;
            let el = doc.select(&sel).next()?;
            let value = if attr.is_empty() {
                el.text().collect::<String>()
            } else {
                el.value().attr(attr)?.to_owned()
            };
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            (!value.is_empty()).then_some(value)
        };
        page.name = text_of("meta[property=\"og:site_name\"]", "content")
            .or_else(|| text_of("title", ""))
            .map(|n| n.chars().take(200).collect());
        page.language = text_of("html", "lang").map(|l| l.chars().take(35).collect());
        page
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_page_feeds_name_and_language() {
        let html = r#"<html lang="ar"><head><title>الصحيفة | الرئيسية</title>
<meta property="og:site_name" content="الصحيفة">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="stylesheet" href="/s.css"></head><body></body></html>"#;
        let page = HomePage::parse(
            html.as_bytes(),
            &Url::parse("https://paper.example/").unwrap(),
        );
        assert_eq!(
            page.feeds,
            ["https://paper.example/rss.xml", "https://cdn.example/atom"]
        );
        assert_eq!(page.name.as_deref(), Some("الصحيفة"));
        assert_eq!(page.language.as_deref(), Some("ar"));
    }

    #[test]
    fn ids_from_home_urls() {
        let id = |u: &str| source_id(&Url::parse(u).unwrap());
        assert_eq!(id("https://www.Paper.example/"), "paper.example");
        assert_eq!(id("https://paper.example/ar/"), "paper.example/ar");
        assert_eq!(id("http://127.0.0.1:8080/"), "127.0.0.1:8080");
    }
}
