//! Atom 1.0 feeds (RFC 4287), so a reader's own feed reader can follow Marsad:
//! `/feeds/home.atom` (the latest articles), `/feeds/search.atom?q=&source=&category=&from=&to=`
//! (any search, newest first: a storyline or a topic to follow), and
//! `/feeds/source.atom?source=NAME` (one outlet); a storyline's feed is in
//! [`storylines`](super::storylines). Hidden articles never appear.
//!
//! Written with quick-xml's writer (already in the tree through feed-rs) rather than
//! `atom_syndication`, which would bring a second quick-xml version for a dozen elements.
//! Text is escaped by the writer; characters XML 1.0 forbids are dropped first. Links are
//! absolute, built from the request's `Host` (checked to be a plain host name).

use std::io::Cursor;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::http::header::{CONTENT_TYPE, HOST};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use marsad_store::{SearchSort, StoredArticle};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::hidden::Hidden;
use crate::links::article_href;
use crate::query_params::Params;
use crate::routes::search::{self, SearchRequest};
use crate::state::SharedState;
use crate::view::UNTITLED;
use crate::{PageError, WebError};

/// Entries per feed.
pub const ENTRIES: usize = 30;
/// The Atom media type.
pub const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";

/// The site's absolute base URL, from the `Host` header when it is a plain host[:port].
pub(crate) fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// `text` without the characters XML 1.0 does not allow.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r')
                || (('\u{20}'..='\u{D7FF}').contains(&c))
                || (('\u{E000}'..='\u{FFFD}').contains(&c))
                || c >= '\u{10000}'
        })
        .collect()
}

/// The time an article's entry says it was updated: its publication (taken as UTC), else
/// when Marsad stored it.
pub(crate) fn entry_time(stored: &StoredArticle) -> DateTime<Utc> {
    let published = stored.article.published.published.as_deref().map(str::trim);
    published
        .and_then(|p| {
            NaiveDateTime::parse_from_str(p, "%Y-%m-%dT%H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(p, "%Y-%m-%dT%H:%M"))
                .ok()
                .or_else(|| {
                    NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d")
                        .ok()?
                        .and_hms_opt(0, 0, 0)
                })
        })
        .map(|t| t.and_utc())
        .unwrap_or(stored.imported_at)
}

fn rfc3339(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn text_element(w: &mut Writer<Cursor<Vec<u8>>>, name: &str, text: &str) -> std::io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_text(text)))?;
    Ok(())
}

/// A feed's own description.
pub(crate) struct FeedMeta {
    pub title: String,
    /// The feed's own path and query (`/feeds/home.atom`).
    pub self_path: String,
    /// The page it follows (`/`, `/search?q=…`).
    pub page_path: String,
}

/// The Atom document of `articles`.
pub(crate) fn atom(
    base: &str,
    meta: &FeedMeta,
    articles: &[StoredArticle],
) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let updated = articles
        .iter()
        .map(entry_time)
        .max()
        .unwrap_or_else(|| DateTime::<Utc>::from_timestamp(0, 0).unwrap_or_default());
    let self_href = format!("{base}{}", meta.self_path);
    let page_href = format!("{base}{}", meta.page_path);
    w.create_element("feed")
        .with_attribute(("xmlns", "http://www.w3.org/2005/Atom"))
        .with_attribute(("xml:lang", "ar"))
        .write_inner_content(|w| {
            text_element(w, "id", &self_href)?;
            text_element(w, "title", &format!("{} · مرصد", meta.title))?;
            text_element(w, "updated", &rfc3339(&updated))?;
            w.create_element("author")
                .write_inner_content(|w| text_element(w, "name", "مرصد"))?;
            w.create_element("link")
                .with_attribute(("rel", "self"))
                .with_attribute(("type", "application/atom+xml"))
                .with_attribute(("href", xml_text(&self_href).as_str()))
                .write_empty()?;
            w.create_element("link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("type", "text/html"))
                .with_attribute(("href", xml_text(&page_href).as_str()))
                .write_empty()?;
            text_element(w, "generator", "Marsad")?;
            for stored in articles {
                entry(w, base, stored)?;
            }
            Ok(())
        })?;
    Ok(w.into_inner().into_inner())
}

fn entry(
    w: &mut Writer<Cursor<Vec<u8>>>,
    base: &str,
    stored: &StoredArticle,
) -> std::io::Result<()> {
    let a = &stored.article;
    let href = format!("{base}{}", article_href(&stored.id));
    let title = a
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(UNTITLED);
    let summary: String = a
        .subtitle
        .iter()
        .chain(a.body.iter())
        .find(|p| !p.trim().is_empty())
        .map(|p| p.chars().take(400).collect())
        .unwrap_or_default();
    let source = a
        .source
        .as_deref()
        .or_else(|| a.aggregator.as_ref().and_then(|g| g.source.as_deref()))
        .filter(|s| !s.trim().is_empty());
    let updated = entry_time(stored);
    w.create_element("entry").write_inner_content(|w| {
        text_element(w, "id", &href)?;
        text_element(w, "title", title)?;
        text_element(w, "updated", &rfc3339(&updated))?;
        if a.published.published.is_some() {
            text_element(w, "published", &rfc3339(&updated))?;
        }
        w.create_element("link")
            .with_attribute(("rel", "alternate"))
            .with_attribute(("type", "text/html"))
            .with_attribute(("href", xml_text(&href).as_str()))
            .write_empty()?;
        if let Some(original) = crate::external_link::outlet_link(a.url.as_deref()) {
            w.create_element("link")
                .with_attribute(("rel", "related"))
                .with_attribute(("href", xml_text(&original.href).as_str()))
                .write_empty()?;
        }
        let author = a
            .author
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(source)
            .unwrap_or("مرصد");
        w.create_element("author")
            .write_inner_content(|w| text_element(w, "name", author))?;
        if let Some(source) = source {
            w.create_element("category")
                .with_attribute(("term", xml_text(source).as_str()))
                .with_attribute(("label", xml_text(&format!("المصدر: {source}")).as_str()))
                .write_empty()?;
        }
        if !summary.is_empty() {
            w.create_element("summary")
                .with_attribute(("type", "text"))
                .write_text_content(BytesText::new(&xml_text(&summary)))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn answer(bytes: Vec<u8>) -> Response {
    ([(CONTENT_TYPE, ATOM_TYPE)], bytes).into_response()
}

/// The non-blank `id` parameter a feed of one thing needs, else a 400 saying `problem`.
pub(crate) fn required_id(raw: Option<&str>, problem: &'static str) -> Result<String, WebError> {
    Params::from_raw(raw)
        .get("id")
        .filter(|s| !s.trim().is_empty())
        .map(str::to_owned)
        .ok_or(WebError::BadRequest {
            param: "id",
            problem,
        })
}

/// The Atom answer of `articles` under `meta`.
pub(crate) fn atom_answer(
    headers: &HeaderMap,
    meta: &FeedMeta,
    articles: &[StoredArticle],
) -> Result<Response, PageError> {
    let bytes = atom(&base_url(headers), meta, articles).map_err(WebError::from)?;
    Ok(answer(bytes))
}

/// `GET /feeds/home.atom`.
pub async fn home(
    State(state): State<SharedState>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let hidden = Hidden::load(&state).await?;
    let (_, latest) = super::home::latest_visible(&state, &hidden, ENTRIES, 0).await?;
    let meta = FeedMeta {
        title: "آخر الأخبار".to_owned(),
        self_path: "/feeds/home.atom".to_owned(),
        page_path: "/".to_owned(),
    };
    let bytes = atom(&base_url(&headers), &meta, &latest).map_err(WebError::from)?;
    Ok(answer(bytes))
}

/// The feed of a search request, newest first.
async fn of_search(
    state: &SharedState,
    headers: &HeaderMap,
    mut request: SearchRequest,
    title: String,
    self_path: &str,
) -> Result<Response, PageError> {
    if request.is_empty() {
        return Err(WebError::BadRequest {
            param: "q",
            problem: "يلزم نص بحث أو مرشح",
        }
        .into());
    }
    request.sort = SearchSort::Newest;
    let (_, articles) = search::run(state, &request, ENTRIES, 0).await?;
    let articles: Vec<StoredArticle> = articles.into_iter().flatten().collect();
    let meta = FeedMeta {
        title,
        self_path: request.href(self_path),
        page_path: request.href("/search"),
    };
    let bytes = atom(&base_url(headers), &meta, &articles).map_err(WebError::from)?;
    Ok(answer(bytes))
}

/// `GET /feeds/search.atom?q=&…`.
pub async fn search(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let request = SearchRequest::from_params(&params)?;
    let title = if request.text.is_empty() {
        "بحث".to_owned()
    } else {
        format!("بحث: {}", request.text)
    };
    of_search(&state, &headers, request, title, "/feeds/search.atom").await
}

/// `GET /feeds/source.atom?source=NAME`.
pub async fn source(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let request = SearchRequest::from_params(&params)?;
    let Some(name) = request.sources.first().cloned() else {
        return Err(WebError::BadRequest {
            param: "source",
            problem: "يلزم اسم المصدر",
        }
        .into());
    };
    let request = SearchRequest {
        sources: vec![name.clone()],
        ..SearchRequest::default()
    };
    of_search(
        &state,
        &headers,
        request,
        format!("المصدر: {name}"),
        "/feeds/source.atom",
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_forbidden_characters() {
        assert_eq!(xml_text("أ\u{0}ب\u{1b}ج\nد\u{FFFF}"), "أبج\nد");
    }

    #[test]
    fn base_urls_only_from_plain_hosts() {
        let mut headers = HeaderMap::new();
        assert_eq!(base_url(&headers), "http://localhost");
        headers.insert(HOST, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(base_url(&headers), "http://127.0.0.1:8080");
        headers.insert(HOST, "evil\"><x".parse().unwrap());
        assert_eq!(base_url(&headers), "http://localhost");
    }
}
