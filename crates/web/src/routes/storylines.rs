//! Storylines (one subject across events, from the clustering in `ClusterStore`):
//! `/storylines/{id}` shows the timeline — its events and the past happenings its articles
//! mention, in date order, each mention with the articles that recall it —,
//! `/api/storylines/{id}` the same as JSON, and `/feeds/storyline.atom?id=` its latest
//! articles, so a reader can follow the story. Articles moderation hid are left out
//! everywhere; a recalled happening only hidden articles mention is left out with them.

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use marsad_store::{StoredArticle, StorylineRecord, TimelineRecord};
use serde::Serialize;

use crate::digits::Digits;
use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::links::{article_href, with_query};
use crate::state::SharedState;
use crate::view::UNTITLED;
use crate::{ApiError, PageError, WebError};

/// Articles linked under one recalled happening.
const LINKS_PER_ENTRY: usize = 3;
/// Events whose articles the storyline's feed reads (the latest ones).
const FEED_EVENTS: usize = 10;

/// The storyline `id` and its timeline without what moderation hid.
async fn find(
    state: &SharedState,
    id: &str,
) -> Result<(StorylineRecord, Vec<TimelineRecord>, Hidden), WebError> {
    let line = state
        .store
        .clusters
        .storyline(id)
        .await?
        .ok_or_else(|| WebError::NotFound {
            what: format!("storyline {id}"),
        })?;
    let hidden = Hidden::load(state).await?;
    let timeline = state
        .store
        .clusters
        .timeline(id)
        .await?
        .into_iter()
        .filter_map(|mut t| {
            t.articles.retain(|a| !hidden.article(a));
            (t.kind == "event" || !t.articles.is_empty()).then_some(t)
        })
        .collect();
    Ok((line, timeline, hidden))
}

/// The page of storyline `id`.
pub fn href(id: &str) -> String {
    crate::links::page_href("/storylines", id)
}

/// One entry as the page shows it.
struct EntryView {
    date: String,
    machine: String,
    event: bool,
    what: String,
    href: Option<String>,
    /// (title, href) of the articles that recall a past happening.
    links: Vec<(String, String)>,
    more: usize,
}

#[derive(Template)]
#[template(path = "pages/storyline.html")]
struct StorylinePage {
    layout: Layout,
    label: String,
    summary: String,
    feed: String,
    entries: Vec<EntryView>,
}

/// `GET /storylines/{id}`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, PageError> {
    let id = super::path_id(id, "storyline")?;
    let (line, timeline, _) = find(&state, &id).await?;
    let digits = Digits::of_request(None, &headers, state.settings.digits);
    let wanted: Vec<String> = timeline
        .iter()
        .filter(|t| t.kind != "event")
        .flat_map(|t| t.articles.iter().take(LINKS_PER_ENTRY).cloned())
        .collect();
    let titles: HashMap<String, String> = state
        .store
        .articles
        .get_many(&wanted)
        .await?
        .into_iter()
        .flatten()
        .map(|a| {
            let title = a
                .article
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| UNTITLED.to_owned());
            (a.id, title)
        })
        .collect();
    let events = timeline.iter().filter(|t| t.kind == "event").count();
    let entries: Vec<EntryView> = timeline
        .iter()
        .map(|t| {
            let event = t.kind == "event";
            let day = if t.date.len() == 7 {
                format!("{}-01", t.date)
            } else {
                t.date.clone()
            };
            let date = crate::arabic_date::format_published(
                Some(&day),
                Some(t.precision.as_str()),
                state.months,
            )
            .unwrap_or_else(|| t.date.clone());
            let links: Vec<(String, String)> = if event {
                Vec::new()
            } else {
                t.articles
                    .iter()
                    .take(LINKS_PER_ENTRY)
                    .filter_map(|a| Some((titles.get(a)?.clone(), article_href(a))))
                    .collect()
            };
            EntryView {
                date: digits.apply(&date),
                machine: t.date.clone(),
                event,
                what: t.what.clone(),
                href: t
                    .event
                    .as_deref()
                    .filter(|_| event)
                    .map(super::events::href),
                more: if event {
                    0
                } else {
                    t.articles.len().saturating_sub(links.len())
                },
                links,
            }
        })
        .collect();
    let summary = digits.apply(&format!(
        "{} · {}",
        crate::plural::EVENTS.count(events as u64),
        crate::plural::RECALLED.count((entries.len() - events) as u64)
    ));
    let html = StorylinePage {
        layout: Layout::new(line.label.clone(), ""),
        feed: with_query("/feeds/storyline.atom", &[("id", &line.id)]),
        label: line.label,
        summary,
        entries,
    }
    .render()?;
    Ok(Html(html))
}

#[derive(Serialize)]
struct StorylineAnswer<'a> {
    schema: u32,
    storyline: &'a StorylineRecord,
    timeline: Vec<TimelineEntryOut<'a>>,
}

#[derive(Serialize)]
struct TimelineEntryOut<'a> {
    date: &'a str,
    precision: &'a str,
    kind: &'a str,
    what: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
    articles: &'a [String],
}

/// `GET /api/storylines/{id}`.
pub async fn api(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = super::path_id(id, "storyline")?;
    let (line, timeline, _) = find(&state, &id).await?;
    Ok(super::api::to_json(&StorylineAnswer {
        schema: super::api::SCHEMA,
        storyline: &line,
        timeline: timeline
            .iter()
            .map(|t| TimelineEntryOut {
                date: &t.date,
                precision: &t.precision,
                kind: &t.kind,
                what: &t.what,
                event: t.event.as_deref(),
                articles: &t.articles,
            })
            .collect(),
    })?)
}

/// `GET /feeds/storyline.atom?id=ID`: the latest visible articles of the storyline's
/// latest events, newest first.
pub async fn feed(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let id = super::feeds::required_id(raw.as_deref(), "يلزم معرّف القصة")?;
    let (line, _, hidden) = find(&state, &id).await?;
    let mut ids: Vec<String> = Vec::new();
    for event in line.events.iter().rev().take(FEED_EVENTS) {
        ids.extend(
            state
                .store
                .clusters
                .event_articles(event)
                .await?
                .into_iter()
                .filter(|a| !hidden.article(a)),
        );
    }
    // Events can hold thousands of articles: read in full only the newest.
    let newest = state
        .store
        .articles
        .newest_of(&ids, super::feeds::ENTRIES)
        .await?;
    let mut articles: Vec<StoredArticle> = state
        .store
        .articles
        .get_many(&newest)
        .await?
        .into_iter()
        .flatten()
        .collect();
    articles.sort_by_key(|a| std::cmp::Reverse(super::feeds::entry_time(a)));
    let meta = super::feeds::FeedMeta {
        title: format!("القصة: {}", line.label),
        self_path: with_query("/feeds/storyline.atom", &[("id", &line.id)]),
        page_path: href(&line.id),
    };
    super::feeds::atom_answer(&headers, &meta, &articles)
}
