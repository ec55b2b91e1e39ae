//! `/articles/{id}`: one article in full, with a link to its original.

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Html;

use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::links::with_query;
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
    /// The named things it mentions, most mentioned first: (name, search link).
    names: Vec<(String, String)>,
    /// Who said what: (speaker, words).
    quotes: Vec<(Option<String>, String)>,
    /// The event it belongs to, when it has others: (label, link).
    event: Option<(String, String)>,
    /// Other visible articles of that event, newest first.
    related: Vec<crate::view::ArticleCard>,
}

/// Names and quotes shown at most.
const MAX_NAMES: usize = 12;
const MAX_QUOTES: usize = 8;
/// Related articles shown at most.
const MAX_RELATED: usize = 5;

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
    let (mut names, quotes) = analysis
        .as_ref()
        .map_or_else(Default::default, names_and_quotes);
    let resolved = resolved_names(&state, &stored.id).await?;
    if !resolved.is_empty() {
        names = resolved;
    }
    let (event, related) = coverage(&state, &stored.id, &hidden).await?;
    let html = ArticlePage {
        layout: Layout::new(article.title.clone(), ""),
        article,
        analysis: analysis.as_ref().map(marsad_analyze::display),
        names,
        quotes,
        event,
        related,
    }
    .render()?;
    Ok(Html(html))
}

type Names = Vec<(String, String)>;
type Quotes = Vec<(Option<String>, String)>;

/// The article's entities (most mentioned first, each linked to a search for it) and quotes.
fn names_and_quotes(analysis: &marsad_analyze::Analysis) -> (Names, Quotes) {
    let mut entities: Vec<&marsad_analyze::ArticleEntity> =
        analysis.entities.entities.iter().collect();
    entities.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.canonical.cmp(&b.canonical))
    });
    let mut names: Names = Vec::new();
    for e in entities {
        let name = e.canonical.trim();
        if !name.is_empty() && !names.iter().any(|(n, _)| n == name) {
            names.push((name.to_owned(), with_query("/search", &[("q", name)])));
        }
        if names.len() == MAX_NAMES {
            break;
        }
    }
    let quotes = analysis
        .quotes
        .iter()
        .filter(|q| !q.text.trim().is_empty())
        .take(MAX_QUOTES)
        .map(|q| (q.speaker.clone(), q.text.clone()))
        .collect();
    (names, quotes)
}

/// The event of article `id` (when it holds other articles) and its other visible articles.
async fn coverage(
    state: &SharedState,
    id: &str,
    hidden: &Hidden,
) -> Result<(Option<(String, String)>, Vec<crate::view::ArticleCard>), WebError> {
    let clusters = &state.store.clusters;
    let Some(assignment) = clusters.assignment(id).await? else {
        return Ok((None, Vec::new()));
    };
    let Some(event) = clusters.event(&assignment.event).await? else {
        return Ok((None, Vec::new()));
    };
    let others: Vec<String> = clusters
        .event_articles(&event.id)
        .await?
        .into_iter()
        .filter(|a| a != id && !hidden.article(a))
        .collect();
    if others.is_empty() {
        return Ok((None, Vec::new()));
    }
    // A large event holds thousands of articles: read only the few shown.
    let newest = state.store.articles.newest_of(&others, MAX_RELATED).await?;
    let articles: Vec<marsad_store::StoredArticle> = state
        .store
        .articles
        .get_many(&newest)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let related = articles
        .iter()
        .take(MAX_RELATED)
        .map(|a| crate::view::ArticleCard::from_stored(a, state.months))
        .collect();
    Ok((Some((event.label, super::events::href(&event.id))), related))
}

/// The article's entities as resolved across the store (when `marsad entities` ran), most
/// mentioned first, each linked to its entity page.
async fn resolved_names(state: &SharedState, id: &str) -> Result<Names, WebError> {
    let mentions = state.store.entities.article_mentions(id).await?;
    let mut counts: Vec<(String, usize)> = Vec::new();
    for m in &mentions {
        match counts.iter_mut().find(|(e, _)| *e == m.entity_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.entity_id.clone(), 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut names = Names::new();
    for (entity, _) in counts.into_iter().take(MAX_NAMES) {
        if let Some(record) = state.store.entities.entity(&entity).await? {
            names.push((record.canonical, super::entities::href(&record.id)));
        }
    }
    Ok(names)
}
