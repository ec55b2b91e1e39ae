//! `/articles/{id}`: one article in full, with a link to its original.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Html;

use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::state::SharedState;
use crate::view::ArticleView;
use crate::{PageError, WebError};

#[derive(Template)]
#[template(path = "pages/article.html")]
struct ArticlePage {
    layout: Layout,
    article: ArticleView,
    /// Category, credibility and importance with their reasons (issue 7), when analysed.
    analysis: Option<marsad_analyze::AnalysisDisplay>,
}

/// The article an `{id}` path names, for the page and the API alike.
pub(crate) async fn find_article(
    state: &SharedState,
    id: Result<Path<String>, PathRejection>,
) -> Result<marsad_store::StoredArticle, WebError> {
    // An id that is not UTF-8 names no article.
    let Path(id) = id.map_err(|_| WebError::NotFound {
        what: "article with an undecodable id".to_owned(),
    })?;
    let stored = state
        .store
        .articles
        .get(&id)
        .await?
        .ok_or_else(|| WebError::NotFound {
            what: format!("article {id}"),
        })?;
    let item = marsad_store::moderation::ItemRef::article(id.as_str());
    let status = state.store.moderation.status(&item).await?;
    if status.is_some_and(|s| s.is_hidden()) {
        return Err(WebError::Hidden {
            what: format!("article {id}"),
        });
    }
    Ok(stored)
}

/// `GET /articles/{id}`; an Arabic 404 page when there is no such article.
pub async fn show(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, PageError> {
    let stored = find_article(&state, id).await?;
    let hidden = Hidden::load(&state).await?;
    let article = ArticleView::new(&stored, state.months, &hidden);
    let analysis = state.store.analyses.get_analysis(&stored.id).await?;
    let html = ArticlePage {
        layout: Layout::new(article.title.clone(), ""),
        article,
        analysis: analysis.as_ref().map(marsad_analyze::display),
    }
    .render()?;
    Ok(Html(html))
}
