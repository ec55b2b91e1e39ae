//! An outlet's page: `/sources/{name}` shows the outlet (and what the operator registered
//! for it with `marsad source add`: home page, country, language), how many visible articles
//! it has, per category and per month, and its latest articles; `/api/sources/{name}` the
//! same as JSON; its Atom feed is `/feeds/source.atom?source=`. The name is the outlet as
//! articles carry it (their `source`), so an outlet that was imported rather than
//! registered has a page too. Counts come from the search index's facets (one query, no scan
//! of the store) and leave out what moderation hid.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use marsad_store::{FacetCount, FacetedResults, SearchSort, StoredArticle};
use serde::Serialize;

use super::search::SearchRequest;
use crate::digits::Digits;
use crate::external_link::{OutletLink, outlet_link};
use crate::layout::Layout;
use crate::links::with_query;
use crate::plural::ARTICLES;
use crate::state::SharedState;
use crate::view::ArticleCard;
use crate::{ApiError, PageError, WebError};

/// Articles listed on the page (the newest).
const LISTED: usize = 30;

/// The page of outlet `name`.
pub(crate) fn href(name: &str) -> String {
    crate::links::page_href("/sources", name)
}

/// What the operator registered for an outlet.
#[derive(Debug, Clone, Serialize)]
struct Registered {
    id: String,
    home_url: String,
    country: Option<String>,
    language: Option<String>,
}

/// An outlet: its registration, the facet counts of its visible articles, the newest ones.
struct Found {
    name: String,
    registered: Option<Registered>,
    results: FacetedResults,
    articles: Vec<StoredArticle>,
}

async fn find(state: &SharedState, name: &str) -> Result<Found, WebError> {
    let name = name.trim();
    let request = SearchRequest {
        sources: vec![name.to_owned()],
        sort: SearchSort::Newest,
        ..SearchRequest::default()
    };
    let (search, sources) = tokio::join!(
        super::search::run(state, &request, LISTED, 0),
        state.store.sources.list_sources()
    );
    let (results, articles) = search?;
    let registered = sources?
        .into_iter()
        .find(|s| s.name.trim() == name)
        .map(|s| Registered {
            id: s.id,
            home_url: s.home_url,
            country: s.country,
            language: s.language,
        });
    if name.is_empty() || (results.total == 0 && registered.is_none()) {
        return Err(WebError::NotFound {
            what: format!("source {name}"),
        });
    }
    Ok(Found {
        name: name.to_owned(),
        registered,
        results,
        articles: articles.into_iter().flatten().collect(),
    })
}

#[derive(Template)]
#[template(path = "pages/source.html")]
struct SourcePage {
    layout: Layout,
    name: String,
    count: String,
    home: Option<OutletLink>,
    country: Option<String>,
    feed: String,
    search: String,
    /// (category, articles, link to the search of the outlet in it), most first.
    categories: Vec<(String, String, String)>,
    /// (month `YYYY-MM`, articles), newest first.
    months: Vec<(String, String)>,
    cards: Vec<ArticleCard>,
}

/// `GET /sources/{name}`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    name: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, PageError> {
    let name = super::path_id(name, "source")?;
    let found = find(&state, &name).await?;
    let digits = Digits::of_request(None, &headers, state.settings.digits);
    let number = |n: u64| digits.apply(&n.to_string());
    let html = SourcePage {
        layout: Layout::new(found.name.clone(), ""),
        count: digits.apply(&ARTICLES.count(found.results.total as u64)),
        home: found
            .registered
            .as_ref()
            .and_then(|r| outlet_link(Some(&r.home_url))),
        country: found.registered.as_ref().and_then(|r| r.country.clone()),
        feed: with_query("/feeds/source.atom", &[("source", &found.name)]),
        search: with_query("/search", &[("source", &found.name), ("sort", "date")]),
        categories: found
            .results
            .categories
            .iter()
            .map(|c| {
                let link = with_query(
                    "/search",
                    &[
                        ("source", &found.name),
                        ("category", &c.value),
                        ("sort", "date"),
                    ],
                );
                (c.value.clone(), number(c.count), link)
            })
            .collect(),
        months: found
            .results
            .months
            .iter()
            .map(|m| (digits.apply(&m.value), number(m.count)))
            .collect(),
        cards: found
            .articles
            .iter()
            .map(|a| ArticleCard::from_stored(a, state.months).with_digits(digits))
            .collect(),
        name: found.name,
    }
    .render()?;
    Ok(Html(html))
}

#[derive(Serialize)]
struct SourceAnswer<'a> {
    schema: u32,
    name: &'a str,
    registered: Option<&'a Registered>,
    total: usize,
    categories: &'a [FacetCount],
    months: &'a [FacetCount],
    /// The newest visible articles, newest first.
    article_ids: Vec<&'a str>,
}

/// `GET /api/sources/{name}`.
pub async fn api(
    State(state): State<SharedState>,
    name: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let name = super::path_id(name, "source")?;
    let found = find(&state, &name).await?;
    Ok(super::api::to_json(&SourceAnswer {
        schema: super::api::SCHEMA,
        name: &found.name,
        registered: found.registered.as_ref(),
        total: found.results.total,
        categories: &found.results.categories,
        months: &found.results.months,
        article_ids: found.articles.iter().map(|a| a.id.as_str()).collect(),
    })?)
}
