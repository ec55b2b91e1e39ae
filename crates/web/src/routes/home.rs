//! `/`: the latest articles, newest first, a page at a time (`?page=`).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Html;

use crate::PageError;
use crate::layout::Layout;
use crate::pagination::Pager;
use crate::plural::ARTICLES;
use crate::query_params::{self, MAX_LIST_OFFSET, Params};
use crate::state::SharedState;
use crate::view::ArticleCard;

/// Articles per page.
pub const PER_PAGE: usize = 20;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    layout: Layout,
    cards: Vec<ArticleCard>,
    pager: Pager,
    total_label: String,
}

/// `GET /?page=N`.
pub async fn show(
    State(state): State<SharedState>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let page = query_params::page(params.get("page"), PER_PAGE, MAX_LIST_OFFSET)?;
    let articles = &state.store.articles;
    let total = articles.count().await?;
    let latest = articles
        .latest(PER_PAGE, Pager::offset(page, PER_PAGE))
        .await?;
    let total = usize::try_from(total).unwrap_or(usize::MAX);
    let html = HomePage {
        layout: Layout::new("آخر الأخبار", ""),
        cards: latest
            .iter()
            .map(|stored| ArticleCard::from_stored(stored, state.months))
            .collect(),
        pager: Pager::new("/", &[], page, PER_PAGE, total),
        total_label: ARTICLES.count(total as u64),
    }
    .render()?;
    Ok(Html(html))
}
