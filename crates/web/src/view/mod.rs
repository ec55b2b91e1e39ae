//! What templates display, prepared from stored articles: dates already in Arabic, links
//! already checked, fallbacks already chosen, so templates hold no logic beyond `if` and `for`.

mod article;
mod card;

pub use article::ArticleView;
pub use card::ArticleCard;

use marsad_extract::Article;

/// Shown where an article has no title.
pub const UNTITLED: &str = "(بلا عنوان)";

/// The outlet's name: its own, or the one its aggregator gives.
fn source_of(article: &Article) -> Option<String> {
    article
        .source
        .clone()
        .or_else(|| {
            article
                .aggregator
                .as_ref()
                .and_then(|agg| agg.source.clone())
        })
        .filter(|source| !source.trim().is_empty())
}

/// The category: for now the aggregator's, until Marsad classifies articles itself.
fn category_of(article: &Article) -> Option<String> {
    article
        .aggregator
        .as_ref()
        .and_then(|agg| agg.category.clone())
        .filter(|category| !category.trim().is_empty())
}

/// The title, or `None` when it is missing or blank.
fn title_of(article: &Article) -> Option<String> {
    article
        .title
        .clone()
        .filter(|title| !title.trim().is_empty())
}
