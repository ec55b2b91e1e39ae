//! A fetched (or archived) page turned into an import item: extracted with its URL, the
//! HTTP charset and the fetch time, its id taken from the URL it was asked for.

use chrono::{DateTime, Utc};
use marsad_extract::{Article, Options};
use rayon::prelude::*;

use crate::{ImportItem, ItemFailure, id_from_url};

/// The bytes of one page and what is known of how it came.
#[derive(Debug, Clone)]
pub struct RawPage<'a> {
    /// The URL asked for (the article id comes from it).
    pub requested_url: &'a str,
    /// The URL that answered.
    pub url: &'a str,
    /// The body.
    pub body: &'a [u8],
    /// The HTTP charset.
    pub charset: Option<&'a str>,
    /// When it was fetched.
    pub fetched_at: Option<DateTime<Utc>>,
    /// The source's name, used when the page names none.
    pub source_name: Option<&'a str>,
}

/// A fetched or archived page, owned: what [`ImportItem::Fetched`] carries to the import's
/// pure half, which extracts it on every core.
#[derive(Debug, Clone)]
pub struct FetchedPage {
    /// The URL asked for (the article id comes from it).
    pub requested_url: String,
    /// The URL that answered.
    pub url: String,
    /// The body.
    pub body: Vec<u8>,
    /// The HTTP charset.
    pub charset: Option<String>,
    /// When it was fetched.
    pub fetched_at: Option<DateTime<Utc>>,
    /// The source's name, used when the page names none.
    pub source_name: Option<String>,
}

impl FetchedPage {
    /// The page as borrowed parts.
    pub fn raw(&self) -> RawPage<'_> {
        RawPage {
            requested_url: &self.requested_url,
            url: &self.url,
            body: &self.body,
            charset: self.charset.as_deref(),
            fetched_at: self.fetched_at,
            source_name: self.source_name.as_deref(),
        }
    }
}

/// Extract an owned page: its id and article (for the import's pure half).
pub(crate) fn fetched_article(
    page: &FetchedPage,
    max_bytes: u64,
) -> Result<(String, Article), ItemFailure> {
    raw_article(
        &page.raw(),
        usize::try_from(max_bytes).unwrap_or(usize::MAX),
    )
}

/// Extract a page into an [`ImportItem::Article`].
pub fn page_item(page: &RawPage<'_>, max_bytes: usize) -> Result<ImportItem, ItemFailure> {
    raw_article(page, max_bytes).map(|(id, article)| ImportItem::Article {
        id,
        article: Box::new(article),
        origin: page.requested_url.to_owned(),
    })
}

/// Extract a page: its id (from the URL asked for) and its article.
fn raw_article(page: &RawPage<'_>, max_bytes: usize) -> Result<(String, Article), ItemFailure> {
    let options = Options {
        url: Some(page.url.to_owned()),
        http_charset: page.charset.map(str::to_owned),
        fetched_at: page.fetched_at.map(|t| t.naive_utc()),
        max_bytes,
        ..Options::default()
    };
    let extraction = marsad_extract::extract(page.body, &options).map_err(|err| ItemFailure {
        item: page.requested_url.to_owned(),
        error: format!("{}: {err}", page.requested_url),
    })?;
    let mut article = extraction.article;
    if article.url.is_none() {
        article.url = Some(page.url.to_owned());
    }
    if article.source.is_none() {
        article.source = page.source_name.map(str::to_owned);
    }
    if article.body.is_empty() {
        return Err(ItemFailure {
            item: page.requested_url.to_owned(),
            error: format!("{}: no article text found", page.requested_url),
        });
    }
    Ok((id_from_url(page.requested_url), article))
}

/// [`page_item`], with a panic of the extractor turned into this page's failure (so one bad
/// page never takes others with it, and results stay one per page).
fn page_item_guarded(page: &RawPage<'_>, max_bytes: usize) -> Result<ImportItem, ItemFailure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| page_item(page, max_bytes)))
        .unwrap_or_else(|_| {
            tracing::error!(
                url = page.requested_url,
                "the extractor panicked on this page"
            );
            Err(ItemFailure {
                item: page.requested_url.to_owned(),
                error: format!("{}: the extractor panicked", page.requested_url),
            })
        })
}

/// Extract many pages on every core (extraction is CPU-bound and pure), one result per page,
/// in order.
pub fn page_items(pages: &[RawPage<'_>], max_bytes: usize) -> Vec<Result<ImportItem, ItemFailure>> {
    pages
        .par_iter()
        .map(|p| page_item_guarded(p, max_bytes))
        .collect()
}
