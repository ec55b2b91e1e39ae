//! One article in a list (home page, search results).

use marsad_store::{FacetedHit, SnippetPart, StoredArticle};

use super::{UNTITLED, category_of, source_of, title_of};
use crate::MonthNames;
use crate::arabic_date::{format_published, machine_published};
use crate::links::article_href;

/// An article as a list shows it.
#[derive(Debug, Clone)]
pub struct ArticleCard {
    /// The reader's page of the article.
    pub href: String,
    /// The title, or [`UNTITLED`].
    pub title: String,
    /// The outlet.
    pub source: Option<String>,
    /// The date in Arabic.
    pub date: Option<String>,
    /// The date for `<time datetime>`.
    pub date_machine: Option<String>,
    /// The category.
    pub category: Option<String>,
    /// The search snippet, matches marked (empty outside search).
    pub snippet: Vec<SnippetPart>,
}

impl ArticleCard {
    /// The card of a stored article.
    pub fn from_stored(stored: &StoredArticle, months: MonthNames) -> ArticleCard {
        let article = &stored.article;
        let published = article.published.published.as_deref();
        let precision = article.published.published_precision.as_deref();
        ArticleCard {
            href: article_href(&stored.id),
            title: title_of(article).unwrap_or_else(|| UNTITLED.to_owned()),
            source: source_of(article),
            date: format_published(published, precision, months),
            date_machine: machine_published(published),
            category: category_of(article),
            snippet: Vec::new(),
        }
    }

    /// The card with its date in `digits`.
    pub fn with_digits(mut self, digits: crate::Digits) -> ArticleCard {
        self.date = self.date.map(|d| digits.apply(&d));
        self
    }

    /// The card of a search hit, with its article when the store still has it.
    pub fn from_hit(
        hit: &FacetedHit,
        stored: Option<&StoredArticle>,
        months: MonthNames,
    ) -> ArticleCard {
        let mut card = match stored {
            Some(stored) => ArticleCard::from_stored(stored, months),
            None => ArticleCard {
                href: article_href(&hit.id),
                title: UNTITLED.to_owned(),
                source: None,
                date: None,
                date_machine: None,
                category: None,
                snippet: Vec::new(),
            },
        };
        card.snippet = hit.snippet.clone();
        card
    }
}
