//! The JSON API under `/api` (schema 1, documented in `docs/cli-json.md`): the latest
//! articles, one article, and search. Every answer carries `"schema": 1`; every failure is
//! `{"error": {"code", "message"}}` from [`ApiError`].

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use marsad_extract::Article;
use marsad_store::StoredArticle;
use serde::Serialize;

use crate::query_params::{self, MAX_LIST_OFFSET, MAX_SEARCH_OFFSET, Params};
use crate::routes::search;
use crate::state::SharedState;
use crate::{ApiError, WebError};

/// The version of the API's JSON shapes.
pub const SCHEMA: u32 = 1;

/// How many items a request returns when it gives no `limit`.
pub const DEFAULT_LIMIT: usize = 20;

/// The `/api` routes.
pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/articles", get(list))
        .route("/articles/{id}", get(one))
        .route("/search", get(search_hits))
        .fallback(not_found)
}

/// An article on the wire: `id`, every [`Article`] field, `imported_at`.
#[derive(Serialize)]
struct ApiArticle<'a> {
    id: &'a str,
    #[serde(flatten)]
    article: &'a Article,
    imported_at: &'a DateTime<Utc>,
}

impl<'a> From<&'a StoredArticle> for ApiArticle<'a> {
    fn from(stored: &'a StoredArticle) -> Self {
        ApiArticle {
            id: &stored.id,
            article: &stored.article,
            imported_at: &stored.imported_at,
        }
    }
}

#[derive(Serialize)]
struct ArticleList<'a> {
    schema: u32,
    total: u64,
    limit: usize,
    offset: usize,
    articles: Vec<ApiArticle<'a>>,
}

#[derive(Serialize)]
struct OneArticle<'a> {
    schema: u32,
    article: ApiArticle<'a>,
}

#[derive(Serialize)]
struct SearchAnswer<'a> {
    schema: u32,
    query: &'a str,
    total: usize,
    limit: usize,
    offset: usize,
    hits: Vec<ApiHit<'a>>,
}

#[derive(Serialize)]
struct ApiHit<'a> {
    id: &'a str,
    score: f32,
    snippet: &'a str,
    title: Option<&'a str>,
    source: Option<&'a str>,
    published: Option<&'a str>,
    published_precision: Option<&'a str>,
}

/// `GET /api/articles?limit=&offset=`: the latest articles, newest first.
async fn list(
    State(state): State<SharedState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::from_raw(raw.as_deref());
    let limit = query_params::limit(params.get("limit"), DEFAULT_LIMIT)?;
    let offset = query_params::offset(params.get("offset"), MAX_LIST_OFFSET)?;
    let articles = &state.store.articles;
    let (total, latest) = tokio::join!(articles.count(), articles.latest(limit, offset));
    let (total, latest) = (total?, latest?);
    let body = ArticleList {
        schema: SCHEMA,
        total,
        limit,
        offset,
        articles: latest.iter().map(ApiArticle::from).collect(),
    };
    Ok(to_json(&body)?)
}

/// `GET /api/articles/{id}`.
async fn one(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let stored = super::article::find_article(&state, id).await?;
    Ok(to_json(&OneArticle {
        schema: SCHEMA,
        article: ApiArticle::from(&stored),
    })?)
}

/// `GET /api/search?q=&limit=&offset=`: hits best first, with their article's headline fields.
async fn search_hits(
    State(state): State<SharedState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::from_raw(raw.as_deref());
    let query = query_params::search_text(params.get("q"))?;
    if query.is_empty() {
        return Err(WebError::BadRequest {
            param: "q",
            problem: "نص البحث فارغ",
        }
        .into());
    }
    let limit = query_params::limit(params.get("limit"), DEFAULT_LIMIT)?;
    let offset = query_params::offset(params.get("offset"), MAX_SEARCH_OFFSET)?;
    let (results, articles) = search::run(&state, query.clone(), limit, offset).await?;
    let hits = results
        .hits
        .iter()
        .zip(&articles)
        .map(|(hit, stored)| {
            let article = stored.as_ref().map(|stored| &stored.article);
            ApiHit {
                id: &hit.id,
                score: hit.score,
                snippet: &hit.snippet,
                title: article.and_then(|a| a.title.as_deref()),
                source: article.and_then(|a| a.source.as_deref()),
                published: article.and_then(|a| a.published.published.as_deref()),
                published_precision: article
                    .and_then(|a| a.published.published_precision.as_deref()),
            }
        })
        .collect();
    let body = SearchAnswer {
        schema: SCHEMA,
        query: &query,
        total: results.total,
        limit,
        offset,
        hits,
    };
    Ok(to_json(&body)?)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError(WebError::NotFound {
        what: uri.path().to_owned(),
    })
}

/// Serialise before answering, so a failure becomes a 500 `internal` rather than a broken body.
fn to_json(body: &impl Serialize) -> Result<Response, WebError> {
    let bytes = serde_json::to_vec(body)?;
    Ok(([(CONTENT_TYPE, "application/json")], bytes).into_response())
}
