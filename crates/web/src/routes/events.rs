//! Events (from the clustering in `ClusterStore`): `/events/{id}` lists an event's coverage
//! (its articles, newest first, without hidden ones) with its sources and named things, and
//! the home page shows the latest events.
//!
//! Both read through the store's indexes (one event, one event's articles, the latest
//! events), never every event or assignment, so their cost does not grow with the store.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use marsad_store::{EventRecord, StoredArticle};
use serde::Serialize;

use crate::digits::Digits;
use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::links::with_query;
use crate::plural::ARTICLES;
use crate::state::SharedState;
use crate::view::ArticleCard;
use crate::{ApiError, PageError, WebError};

/// The most articles an event page lists.
const MAX_ARTICLES: usize = 200;

/// An event as a list shows it.
pub(crate) struct EventCard {
    pub href: String,
    pub label: String,
    pub date: String,
    pub count: String,
    /// Importance and credibility (0–100) of its coverage, when known (the home page).
    pub importance: Option<u8>,
    pub credibility: Option<u8>,
    pub category: Option<String>,
}

impl EventCard {
    pub fn new(event: &EventRecord, digits: Digits) -> EventCard {
        EventCard {
            href: href(&event.id),
            label: event.label.clone(),
            date: digits.apply(&event.date),
            count: digits.apply(&ARTICLES.count(event.articles)),
            importance: None,
            credibility: None,
            category: None,
        }
    }

    /// The card of a ranked event, with its scores and category.
    pub fn ranked(r: &crate::ranked::RankedEvent, digits: Digits) -> EventCard {
        EventCard {
            importance: r.importance,
            credibility: r.credibility,
            category: r.category.clone(),
            ..EventCard::new(&r.event, digits)
        }
    }
}

/// The page of event `id`.
pub(crate) fn href(id: &str) -> String {
    crate::links::page_href("/events", id)
}

/// The event `id` and its visible articles, newest first.
async fn find(
    state: &SharedState,
    id: Result<Path<String>, PathRejection>,
) -> Result<(EventRecord, Vec<StoredArticle>), WebError> {
    let id = super::path_id(id, "event")?;
    let event = state
        .store
        .clusters
        .event(&id)
        .await?
        .ok_or_else(|| WebError::NotFound {
            what: format!("event {id}"),
        })?;
    let hidden = Hidden::load(state).await?;
    let ids: Vec<String> = state
        .store
        .clusters
        .event_articles(&id)
        .await?
        .into_iter()
        .filter(|a| !hidden.article(a))
        .collect();
    // The newest `MAX_ARTICLES` of the whole event, reading only those in full.
    let newest = state.store.articles.newest_of(&ids, MAX_ARTICLES).await?;
    let articles: Vec<StoredArticle> = state
        .store
        .articles
        .get_many(&newest)
        .await?
        .into_iter()
        .flatten()
        .collect();
    Ok((event, articles))
}

#[derive(Template)]
#[template(path = "pages/event.html")]
struct EventPage {
    layout: Layout,
    label: String,
    date: String,
    count: String,
    sources: Vec<(String, String)>,
    entities: Vec<(String, String)>,
    /// The storyline it belongs to: (label, href).
    storyline: Option<(String, String)>,
    cards: Vec<ArticleCard>,
}

/// `GET /events/{id}`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, PageError> {
    let (event, articles) = find(&state, id).await?;
    let storyline = state
        .store
        .clusters
        .storyline_of(&event.id)
        .await?
        .map(|s| (s.label, super::storylines::href(&s.id)));
    let digits = Digits::of_request(None, &headers, state.settings.digits);
    let cards: Vec<ArticleCard> = articles
        .iter()
        .map(|a| ArticleCard::from_stored(a, state.months).with_digits(digits))
        .collect();
    let mut sources: Vec<String> = cards.iter().filter_map(|c| c.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let html = EventPage {
        layout: Layout::new(event.label.clone(), ""),
        count: digits.apply(&ARTICLES.count(cards.len() as u64)),
        date: digits.apply(&event.date),
        label: event.label,
        entities: event
            .entities
            .iter()
            .map(|e| (e.clone(), with_query("/search", &[("q", e)])))
            .collect(),
        sources: sources
            .into_iter()
            .map(|s| {
                let href = with_query("/search", &[("source", &s)]);
                (s, href)
            })
            .collect(),
        storyline,
        cards,
    }
    .render()?;
    Ok(Html(html))
}

#[derive(Serialize)]
struct EventAnswer<'a> {
    schema: u32,
    event: &'a EventRecord,
    article_ids: Vec<&'a str>,
}

/// `GET /api/events/{id}`.
pub async fn api(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let (event, articles) = find(&state, id).await?;
    Ok(super::api::to_json(&EventAnswer {
        schema: super::api::SCHEMA,
        event: &event,
        article_ids: articles.iter().map(|a| a.id.as_str()).collect(),
    })?)
}
