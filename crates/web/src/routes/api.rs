//! The JSON API under `/api` (schema 1, documented in `docs/cli-json.md`): the latest
//! articles, one article, and search. Every answer carries `"schema": 1`; every failure is
//! `{"error": {"code", "message"}}` from [`ApiError`].

use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use marsad_extract::Article;
use marsad_store::{FacetCount, SearchSort, SnippetPart, StoredArticle};
use serde::Serialize;

use crate::hidden::Hidden;
use crate::query_params::{self, MAX_LIST_OFFSET, MAX_SEARCH_OFFSET, Params};
use crate::routes::search::{self, SearchRequest};
use crate::state::SharedState;
use crate::{ApiError, WebError};

/// The version of the API's JSON shapes.
pub const SCHEMA: u32 = 1;

/// How many items a request returns when it gives no `limit`.
pub const DEFAULT_LIMIT: usize = 20;

/// Declare the API's routes once: the router and the list [`ROUTES`] (which the OpenAPI
/// document's test compares with the document) come from the same table.
macro_rules! api_routes {
    ($($method:ident $path:literal => $handler:expr;)*) => {
        /// Every API route as (method, path under `/api`), in the router's order.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path)),*];

        /// The `/api` routes.
        pub fn routes() -> Router<SharedState> {
            Router::new()
                $(.route($path, axum::routing::$method($handler)))*
                .fallback(not_found)
        }
    };
}

api_routes! {
    get "/articles" => list;
    get "/articles/{id}" => one;
    get "/search" => search_hits;
    get "/events/{id}" => super::events::api;
    get "/storylines/{id}" => super::storylines::api;
    get "/entities/{id}" => super::entities::api;
    get "/sources/{name}" => super::sources::api;
    get "/openapi.json" => super::openapi::document;
    get "/admin/queue" => super::admin::api_queue;
    get "/admin/log" => super::admin::api_log;
    post "/admin/decide" => super::admin::api_decide;
}

/// An article on the wire: `id`, every [`Article`] field, `imported_at`; captions of images
/// moderation hid are left out, and `hidden_images` lists their positions.
#[derive(Serialize)]
struct ApiArticle<'a> {
    id: &'a str,
    #[serde(flatten)]
    article: std::borrow::Cow<'a, Article>,
    imported_at: &'a DateTime<Utc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hidden_images: Vec<usize>,
}

impl<'a> ApiArticle<'a> {
    fn new(stored: &'a StoredArticle, hidden: &Hidden) -> Self {
        let hidden_images: Vec<usize> = (0..stored.article.captions.len())
            .filter(|n| hidden.image(&stored.id, *n))
            .collect();
        let article = if hidden_images.is_empty() {
            std::borrow::Cow::Borrowed(&stored.article)
        } else {
            let mut article = stored.article.clone();
            article.captions = article
                .captions
                .into_iter()
                .enumerate()
                .filter(|(n, _)| !hidden_images.contains(n))
                .map(|(_, c)| c)
                .collect();
            std::borrow::Cow::Owned(article)
        };
        ApiArticle {
            id: &stored.id,
            article,
            imported_at: &stored.imported_at,
            hidden_images,
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
    /// Category, credibility and importance with their reasons, and quotes (issue 7); absent
    /// when the article was not analysed.
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<marsad_analyze::Analysis>,
}

#[derive(Serialize)]
struct SearchAnswer<'a> {
    schema: u32,
    query: &'a str,
    sort: SearchSort,
    total: usize,
    limit: usize,
    offset: usize,
    hits: Vec<ApiHit<'a>>,
    facets: ApiFacets<'a>,
}

#[derive(Serialize)]
struct ApiFacets<'a> {
    sources: &'a [FacetCount],
    categories: &'a [FacetCount],
    months: &'a [FacetCount],
}

#[derive(Serialize)]
struct ApiHit<'a> {
    id: &'a str,
    score: f32,
    snippet: String,
    snippet_parts: &'a [SnippetPart],
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
    let hidden = Hidden::load(&state).await?;
    let (total, latest) = super::home::latest_visible(&state, &hidden, limit, offset).await?;
    let body = ArticleList {
        schema: SCHEMA,
        total,
        limit,
        offset,
        articles: latest.iter().map(|a| ApiArticle::new(a, &hidden)).collect(),
    };
    Ok(to_json(&body)?)
}

/// `GET /api/articles/{id}`.
async fn one(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let stored = super::article::find_article(&state, id).await?;
    let hidden = Hidden::load(&state).await?;
    let analysis = state.store.analyses.get_analysis(&stored.id).await?;
    Ok(to_json(&OneArticle {
        schema: SCHEMA,
        article: ApiArticle::new(&stored, &hidden),
        analysis,
    })?)
}

/// `GET /api/search?q=&limit=&offset=`: hits best first, with their article's headline fields.
async fn search_hits(
    State(state): State<SharedState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let params = Params::from_raw(raw.as_deref());
    let request = SearchRequest::from_params(&params)?;
    if request.is_empty() {
        return Err(WebError::BadRequest {
            param: "q",
            problem: "نص البحث فارغ ولا مرشح",
        }
        .into());
    }
    let limit = query_params::limit(params.get("limit"), DEFAULT_LIMIT)?;
    let offset = query_params::offset(params.get("offset"), MAX_SEARCH_OFFSET)?;
    let (results, articles) = search::run(&state, &request, limit, offset).await?;
    let hits = results
        .hits
        .iter()
        .zip(&articles)
        .map(|(hit, stored)| {
            let article = stored.as_ref().map(|stored| &stored.article);
            ApiHit {
                id: &hit.id,
                score: hit.score,
                snippet: hit.snippet_text(),
                snippet_parts: &hit.snippet,
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
        query: &request.text,
        sort: request.sort,
        total: results.total,
        limit,
        offset,
        hits,
        facets: ApiFacets {
            sources: &results.sources,
            categories: &results.categories,
            months: &results.months,
        },
    };
    Ok(to_json(&body)?)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError(WebError::NotFound {
        what: uri.path().to_owned(),
    })
}

/// Serialise before answering, so a failure becomes a 500 `internal` rather than a broken body.
pub(crate) fn to_json(body: &impl Serialize) -> Result<Response, WebError> {
    let bytes = serde_json::to_vec(body)?;
    Ok(([(CONTENT_TYPE, "application/json")], bytes).into_response())
}
