//! `/articles/{id}`: one article in full, with a link to its original.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Html;

use crate::layout::Layout;
use crate::state::SharedState;
use crate::view::ArticleView;
use crate::{PageError, WebError};

#[derive(Template)]
#[template(path = "pages/article.html")]
struct ArticlePage {
    layout: Layout,
    article: ArticleView,
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
    state
        .store
        .articles
        .get(&id)
        .await?
        .ok_or(WebError::NotFound {
            what: format!("article {id}"),
        })
}

/// `GET /articles/{id}`; an Arabic 404 page when there is no such article.
pub async fn show(
    State(state): State<SharedState>,
    id: Result<Path<String>, PathRejection>,
) -> Result<Html<String>, PageError> {
    let stored = find_article(&state, id).await?;
    let article = ArticleView::new(&stored, state.months);
    let html = ArticlePage {
        layout: Layout::new(article.title.clone(), ""),
        article,
    }
    .render()?;
    Ok(Html(html))
}
