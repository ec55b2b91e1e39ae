//! `/search?q=`: full-text search over the index, a page at a time; with no query, just the
//! form. Also the search-and-fetch step the JSON API shares.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Html;
use marsad_store::{SearchQuery, SearchResults, StoredArticle};

use crate::layout::Layout;
use crate::pagination::Pager;
use crate::plural::RESULTS;
use crate::query_params::{self, MAX_SEARCH_OFFSET, Params};
use crate::state::SharedState;
use crate::view::ArticleCard;
use crate::{PageError, WebError};

/// Results per page.
pub const PER_PAGE: usize = 10;

#[derive(Template)]
#[template(path = "pages/search.html")]
struct SearchPage {
    layout: Layout,
    query: String,
    cards: Vec<ArticleCard>,
    pager: Pager,
    total_label: String,
}

/// Search the index (on a blocking thread: the index is synchronous), then fetch each hit's
/// article; a hit whose article is gone keeps `None`.
pub(crate) async fn run(
    state: &SharedState,
    text: String,
    limit: usize,
    offset: usize,
) -> Result<(SearchResults, Vec<Option<StoredArticle>>), WebError> {
    let index = state.store.index.clone();
    let query = SearchQuery {
        text,
        limit,
        offset,
    };
    let results = tokio::task::spawn_blocking(move || index.search(&query)).await??;
    let ids: Vec<String> = results.hits.iter().map(|hit| hit.id.clone()).collect();
    let articles = state.store.articles.get_many(&ids).await?;
    Ok((results, articles))
}

/// `GET /search?q=..&page=N`.
pub async fn show(
    State(state): State<SharedState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let query = query_params::search_text(params.get("q"))?;
    let page = query_params::page(params.get("page"), PER_PAGE, MAX_SEARCH_OFFSET)?;
    let mut layout = Layout::new(
        if query.is_empty() {
            "البحث".to_owned()
        } else {
            format!("بحث: {query}")
        },
        query.clone(),
    );
    layout.header_search = false;
    let (cards, total) = if query.is_empty() {
        (Vec::new(), 0)
    } else {
        let (results, articles) = run(
            &state,
            query.clone(),
            PER_PAGE,
            Pager::offset(page, PER_PAGE),
        )
        .await?;
        let cards = results
            .hits
            .iter()
            .zip(&articles)
            .map(|(hit, stored)| ArticleCard::from_hit(hit, stored.as_ref(), state.months))
            .collect();
        (cards, results.total)
    };
    let html = SearchPage {
        layout,
        // The index pages no deeper than MAX_SEARCH_OFFSET: link no further than that.
        pager: Pager::new(
            "/search",
            &[("q", &query)],
            page,
            PER_PAGE,
            total.min(MAX_SEARCH_OFFSET + PER_PAGE),
        ),
        total_label: RESULTS.count(total as u64),
        query,
        cards,
    }
    .render()?;
    Ok(Html(html))
}
