//! Entities resolved across the store (`EntityStore`, filled by `marsad entities` and the
//! demo): `/entities/{id}` shows the canonical name, every spelling seen with how often, the
//! articles that mention it over time (by month) and the latest of them;
//! `/api/entities/{id}` the same as JSON; `/feeds/entity.atom?id=` its latest articles.
//! Hidden articles are left out of all three.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{Html, Response};
use marsad_store::{EntityRecord, StoredArticle};
use serde::Serialize;

use crate::digits::Digits;
use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::links::with_query;
use crate::plural::ARTICLES;
use crate::state::SharedState;
use crate::view::ArticleCard;
use crate::{ApiError, PageError, WebError};

/// Articles of an entity read at most.
const MAX_ARTICLES: usize = 500;
/// Articles listed on its page.
const LISTED: usize = 30;

/// The page of entity `id`.
pub(crate) fn href(id: &str) -> String {
    crate::links::page_href("/entities", id)
}

/// The entity `id` and its visible articles, newest first.
async fn find(
    state: &SharedState,
    id: &str,
) -> Result<(EntityRecord, Vec<StoredArticle>), WebError> {
    let entity = state
        .store
        .entities
        .entity(id)
        .await?
        .ok_or_else(|| WebError::NotFound {
            what: format!("entity {id}"),
        })?;
    let hidden = Hidden::load(state).await?;
    let ids: Vec<String> = state
        .store
        .entities
        .entity_articles(id, MAX_ARTICLES)
        .await?
        .into_iter()
        .filter(|a| !hidden.article(a))
        .collect();
    let mut articles: Vec<StoredArticle> = state
        .store
        .articles
        .get_many(&ids)
        .await?
        .into_iter()
        .flatten()
        .collect();
    articles.sort_by_key(|a| std::cmp::Reverse(super::feeds::entry_time(a)));
    Ok((entity, articles))
}

/// What kind of thing it is, in Arabic.
fn kind(entity_type: &str) -> &'static str {
    match entity_type {
        "person" => "شخص",
        "organization" => "هيئة",
        "location" => "مكان",
        "product" => "منتج",
        _ => "اسم",
    }
}

#[derive(Template)]
#[template(path = "pages/entity.html")]
struct EntityPage {
    layout: Layout,
    name: String,
    kind: &'static str,
    count: String,
    /// (spelling, how many mentions).
    forms: Vec<(String, String)>,
    /// (month `YYYY-MM`, articles that month), oldest first.
    months: Vec<(String, String)>,
    feed: String,
    cards: Vec<ArticleCard>,
}

/// `GET /entities/{id}`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, PageError> {
    let id = super::path_id(id, "entity")?;
    let (entity, articles) = find(&state, &id).await?;
    let digits = Digits::of_request(None, &headers, state.settings.digits);
    let mut months: BTreeMap<String, u64> = BTreeMap::new();
    for a in &articles {
        let month = super::feeds::entry_time(a).format("%Y-%m").to_string();
        *months.entry(month).or_default() += 1;
    }
    let mut forms = entity.forms.clone();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let html = EntityPage {
        layout: Layout::new(entity.canonical.clone(), ""),
        kind: kind(&entity.entity_type),
        count: digits.apply(&ARTICLES.count(articles.len() as u64)),
        forms: forms
            .into_iter()
            .map(|(f, n)| (f, digits.apply(&n.to_string())))
            .collect(),
        months: months
            .into_iter()
            .map(|(m, n)| (digits.apply(&m), digits.apply(&n.to_string())))
            .collect(),
        feed: with_query("/feeds/entity.atom", &[("id", &entity.id)]),
        name: entity.canonical,
        cards: articles
            .iter()
            .take(LISTED)
            .map(|a| ArticleCard::from_stored(a, state.months).with_digits(digits))
            .collect(),
    }
    .render()?;
    Ok(Html(html))
}

#[derive(Serialize)]
struct EntityAnswer<'a> {
    schema: u32,
    entity: &'a EntityRecord,
    article_ids: Vec<&'a str>,
}

/// `GET /api/entities/{id}`.
pub async fn api(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = super::path_id(id, "entity")?;
    let (entity, articles) = find(&state, &id).await?;
    Ok(super::api::to_json(&EntityAnswer {
        schema: super::api::SCHEMA,
        entity: &entity,
        article_ids: articles.iter().map(|a| a.id.as_str()).collect(),
    })?)
}

/// `GET /feeds/entity.atom?id=ID`: the latest visible articles that mention it.
pub async fn feed(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let id = super::feeds::required_id(raw.as_deref(), "يلزم معرّف الاسم")?;
    let (entity, mut articles) = find(&state, &id).await?;
    articles.truncate(super::feeds::ENTRIES);
    let meta = super::feeds::FeedMeta {
        title: entity.canonical.clone(),
        self_path: with_query("/feeds/entity.atom", &[("id", &entity.id)]),
        page_path: href(&entity.id),
    };
    super::feeds::atom_answer(&headers, &meta, &articles)
}
