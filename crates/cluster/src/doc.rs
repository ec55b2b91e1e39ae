//! [`Doc`]: what the clusterer reads of an article (id, outlet, time, headline, paragraphs,
//! optional entity keys), built from an extracted [`Article`] or by hand.

use chrono::{NaiveDate, NaiveDateTime};
use marsad_extract::Article;
use serde::{Deserialize, Serialize};

use crate::Error;

/// One article as the clusterer sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// A stable id (the store's article id).
    pub id: String,
    /// The outlet (or the aggregator's original outlet), when known.
    pub source: Option<String>,
    /// When it was published (wall clock); when `dated` is false, a stand-in (the import
    /// time, or a date the text gives) used for order and reporting only.
    pub time: NaiveDateTime,
    /// Whether `time` is the publication time. An undated article is placed by content
    /// alone: no time decay, no window.
    pub dated: bool,
    /// The headline ("" when none).
    pub title: String,
    /// Body paragraphs in order; the first ones (the lead) weigh most.
    pub paragraphs: Vec<String>,
    /// Entity keys from an entity recogniser, when one ran (the seam for `marsad-analyze`):
    /// each is a canonical key of a named thing (person, place, organisation). When `None`,
    /// named things are guessed from Latin capitalised runs and proper-noun-ish words.
    pub entities: Option<Vec<String>>,
}

impl Doc {
    /// A document from an extracted article: its subtitle becomes the first paragraph and
    /// the source is the outlet (for an aggregator re-post, the original outlet). An article
    /// without a publication date is placed at the latest full date its text gives (news
    /// recalls the past, rarely the future), when it gives one.
    ///
    /// # Errors
    /// [`Error::NoDate`] when there is no publication date nor a full date in the text.
    pub fn from_article(id: &str, article: &Article) -> Result<Doc, Error> {
        let published = article.published.published.as_deref();
        if let Some(time) = published.and_then(parse_time) {
            return Ok(Doc {
                dated: true,
                ..Doc::from_article_at(id, article, time)
            });
        }
        let time = latest_mentioned(article).ok_or_else(|| Error::NoDate {
            id: id.to_owned(),
            published: published.map(str::to_owned),
        })?;
        Ok(Doc::from_article_at(id, article, time))
    }

    /// An undated document (`dated: false`) from an article, at a stand-in time (e.g. the
    /// import time).
    pub fn from_article_at(id: &str, article: &Article, time: NaiveDateTime) -> Doc {
        let source = article
            .aggregator
            .as_ref()
            .and_then(|a| a.source.clone())
            .or_else(|| article.source.clone());
        let mut paragraphs = Vec::with_capacity(article.body.len() + 1);
        if let Some(sub) = article.subtitle.as_ref().filter(|s| !s.trim().is_empty()) {
            paragraphs.push(sub.clone());
        }
        paragraphs.extend(
            article
                .body
                .iter()
                .filter(|p| !p.trim().is_empty())
                .cloned(),
        );
        Doc {
            id: id.to_owned(),
            source,
            time,
            dated: false,
            title: article.title.clone().unwrap_or_default(),
            paragraphs,
            entities: None,
        }
    }
}

/// The latest absolute date at day precision in the headline and body.
fn latest_mentioned(article: &Article) -> Option<NaiveDateTime> {
    // Relative dates need a reference; an arbitrary one is fine because they are skipped.
    let reference = NaiveDate::from_ymd_opt(2000, 1, 1)?.and_hms_opt(12, 0, 0)?;
    article
        .title
        .iter()
        .chain(&article.body)
        .flat_map(|t| marsad_text::parse_dates(t, reference))
        .filter(|m| !m.relative && m.value.precision >= marsad_text::Precision::Day)
        .map(|m| m.value.datetime)
        .max()
}

/// Parse `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS` (an offset or fraction
/// after it is ignored) into a wall-clock time; a bare date is taken at noon.
pub fn parse_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let date = NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = text.get(10..).unwrap_or("");
    let Some(clock) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) else {
        return date.and_hms_opt(12, 0, 0);
    };
    let hour: u32 = clock.get(0..2)?.parse().ok()?;
    let minute: u32 = clock.get(3..5)?.parse().ok()?;
    let second: u32 = clock.get(6..8).and_then(|s| s.parse().ok()).unwrap_or(0);
    date.and_hms_opt(hour, minute, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_time(input).map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string());
        assert_eq!(got.as_deref(), expected, "{input}");
    }

    #[test]
    fn parses_wire_dates() {
        check("2022-07-19", Some("2022-07-19T12:00:00"));
        check("2022-07-19T08:05", Some("2022-07-19T08:05:00"));
        check("2018-08-07T01:47:00+00:00", Some("2018-08-07T01:47:00"));
        check("2022-13-01", None);
        check("", None);
        check("قبل يومين", None);
    }

    #[test]
    fn no_date_is_an_error() {
        let article = Article::default();
        assert!(matches!(
            Doc::from_article("a", &article),
            Err(Error::NoDate { .. })
        ));
    }

    #[test]
    fn undated_article_takes_its_latest_full_date() {
        let article = Article {
            body: vec![
                "وقع البلدان في 24 نوفمبر 2021 مذكرة، ووصل الوفد يوم 21 فبراير 2023.".into(),
            ],
            ..Article::default()
        };
        let doc = Doc::from_article("a", &article).map(|d| (d.time.date().to_string(), d.dated));
        assert_eq!(doc, Ok(("2023-02-21".to_owned(), false)));
    }
}
