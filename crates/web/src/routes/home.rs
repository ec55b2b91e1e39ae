//! `/`: the latest events ranked by importance (with the credibility and importance of their
//! coverage, [`crate::ranked`]), the keyword cloud, and the latest articles, newest first, a
//! page at a time (`?page=`).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Html;

use axum::http::HeaderMap;
use marsad_store::StoredArticle;

use crate::digits::Digits;
use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::pagination::Pager;
use crate::plural::ARTICLES;
use crate::query_params::{self, MAX_LIST_OFFSET, Params};
use crate::state::SharedState;
use crate::view::ArticleCard;
use crate::{PageError, WebError};

/// Articles per page.
pub const PER_PAGE: usize = 20;
/// Events on the home page: the most important of the latest.
const HOME_EVENTS: usize = 8;

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    layout: Layout,
    cards: Vec<ArticleCard>,
    pager: Pager,
    total_label: String,
    events: Vec<super::events::EventCard>,
    cloud: Vec<crate::cloud::CloudWord>,
}

/// The latest articles moderation has not hidden, and how many there are.
///
/// The store pages over every article; the page is read with as many extra articles as are
/// hidden, so it stays full. Deeper pages may repeat or skip an article next to a hidden one
/// (the offset counts hidden articles before it), which is rare and harmless to a reader.
pub(crate) async fn latest_visible(
    state: &SharedState,
    hidden: &Hidden,
    limit: usize,
    offset: usize,
) -> Result<(u64, Vec<StoredArticle>), WebError> {
    let articles = &state.store.articles;
    let extra = hidden.article_count();
    let (total, latest) = tokio::join!(
        articles.count(),
        articles.latest(limit.saturating_add(extra), offset)
    );
    let visible: Vec<StoredArticle> = latest?
        .into_iter()
        .filter(|a| !hidden.article(&a.id))
        .take(limit)
        .collect();
    Ok((total?.saturating_sub(extra as u64), visible))
}

/// `GET /?page=N`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let page = query_params::page(params.get("page"), PER_PAGE, MAX_LIST_OFFSET)?;
    let digits = Digits::of_request(params.get("digits"), &headers, state.settings.digits);
    let hidden = Hidden::load(&state).await?;
    let (total, latest) =
        latest_visible(&state, &hidden, PER_PAGE, Pager::offset(page, PER_PAGE)).await?;
    let total = usize::try_from(total).unwrap_or(usize::MAX);
    let html = HomePage {
        layout: Layout::new("آخر الأخبار", ""),
        cards: latest
            .iter()
            .map(|stored| ArticleCard::from_stored(stored, state.months).with_digits(digits))
            .collect(),
        pager: Pager::new("/", &[], page, PER_PAGE, total).with_digits(digits),
        total_label: digits.apply(&ARTICLES.count(total as u64)),
        events: if page == 1 {
            state
                .ranked
                .get(&state)
                .await?
                .iter()
                .take(HOME_EVENTS)
                .map(|e| super::events::EventCard::ranked(e, digits))
                .collect()
        } else {
            Vec::new()
        },
        cloud: if page == 1 {
            state.cloud.get(&state).await?.as_ref().clone()
        } else {
            Vec::new()
        },
    }
    .render()?;
    Ok(Html(html))
}
