//! A whole article as its own page shows it.

use marsad_extract::Aggregator;
use marsad_store::StoredArticle;

use super::{UNTITLED, category_of, source_of, title_of};
use crate::MonthNames;
use crate::arabic_date::{format_published, machine_published};
use crate::external_link::{OutletLink, outlet_link};
use crate::hidden::Hidden;
use crate::links::with_query;

/// An article's page.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// The title, or [`UNTITLED`].
    pub title: String,
    /// The standfirst.
    pub subtitle: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The dateline place.
    pub dateline: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The outlet's page.
    pub source_href: Option<String>,
    /// The date in Arabic.
    pub date: Option<String>,
    /// The date for `<time datetime>`.
    pub date_machine: Option<String>,
    /// The category.
    pub category: Option<String>,
    /// Body paragraphs.
    pub body: Vec<String>,
    /// The article's photos (as their captions), without those moderation hid.
    pub images: Vec<Photo>,
    /// The form reporting the article.
    pub report_href: String,
    /// What the aggregator said about it.
    pub aggregator: Option<AggregatorView>,
    /// The link to the original, when its URL is a web URL.
    pub original: Option<OutletLink>,
    /// The article's language when it is not Arabic (the page's own), as a `lang` tag.
    pub lang: Option<String>,
}

/// One photo of an article, as its caption (the extractor keeps captions, not image files,
/// so no third-party image is ever loaded).
#[derive(Debug, Clone)]
pub struct Photo {
    /// The caption.
    pub caption: String,
    /// The form reporting this image.
    pub report_href: String,
}

/// An aggregator's block.
#[derive(Debug, Clone)]
pub struct AggregatorView {
    /// The aggregator's name.
    pub name: String,
    /// The outlet as the aggregator names it.
    pub source: Option<String>,
    /// The aggregator's category.
    pub category: Option<String>,
    /// Its credibility figure, 0–100.
    pub credibility: Option<u8>,
    /// Its importance figure, 0–100.
    pub importance: Option<u8>,
}

impl AggregatorView {
    fn new(aggregator: &Aggregator) -> AggregatorView {
        AggregatorView {
            name: aggregator.name.clone(),
            source: aggregator.source.clone(),
            category: aggregator.category.clone(),
            credibility: aggregator.credibility_percent.map(|v| v.min(100)),
            importance: aggregator.importance_percent.map(|v| v.min(100)),
        }
    }
}

/// `language` when it is a well-formed language tag other than Arabic.
fn foreign_lang(language: &str) -> Option<String> {
    let tag = language.trim();
    let primary = tag.split('-').next().unwrap_or_default();
    let well_formed = (2..=8).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    (well_formed && !primary.eq_ignore_ascii_case("ar")).then(|| tag.to_owned())
}

fn nonblank(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}

impl ArticleView {
    /// The page of a stored article.
    pub fn new(stored: &StoredArticle, months: MonthNames, hidden: &Hidden) -> ArticleView {
        let article = &stored.article;
        let published = article.published.published.as_deref();
        let precision = article.published.published_precision.as_deref();
        ArticleView {
            title: title_of(article).unwrap_or_else(|| UNTITLED.to_owned()),
            subtitle: nonblank(&article.subtitle),
            author: nonblank(&article.author),
            dateline: nonblank(&article.dateline),
            source: source_of(article),
            source_href: source_of(article).map(|s| crate::routes::sources::href(&s)),
            date: format_published(published, precision, months),
            date_machine: machine_published(published),
            category: category_of(article),
            body: article
                .body
                .iter()
                .filter(|p| !p.trim().is_empty())
                .cloned()
                .collect(),
            images: article
                .captions
                .iter()
                .enumerate()
                .filter(|(n, c)| !c.trim().is_empty() && !hidden.image(&stored.id, *n))
                .map(|(n, caption)| Photo {
                    caption: caption.clone(),
                    report_href: with_query(
                        "/report",
                        &[("kind", "image"), ("id", &format!("{}/{n}", stored.id))],
                    ),
                })
                .collect(),
            report_href: with_query("/report", &[("kind", "article"), ("id", &stored.id)]),
            aggregator: article.aggregator.as_ref().map(AggregatorView::new),
            original: outlet_link(article.url.as_deref()),
            lang: foreign_lang(&article.language),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::foreign_lang;

    #[test]
    fn language_tags() {
        let check = |language: &str, expected: Option<&str>| {
            assert_eq!(foreign_lang(language).as_deref(), expected, "{language}");
        };
        check("ar", None);
        check("ar-MA", None);
        check("AR", None);
        check("fr", Some("fr"));
        check("en-GB", Some("en-GB"));
        check("", None);
        check("x", None);
        check("fr\" onload=\"", None);
        check("fr--x", None);
    }
}
