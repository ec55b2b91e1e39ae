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
    /// When `dated` is false: whether `time` is the latest full date the text gives, which
    /// the publication cannot precede. Such an article is kept out of events that ended more
    /// than the window before it, but not out of later ones.
    #[serde(default)]
    pub time_from_text: bool,
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
        Ok(Doc {
            time_from_text: true,
            ..Doc::from_article_at(id, article, time)
        })
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
            time_from_text: false,
            title: article.title.clone().unwrap_or_default(),
            paragraphs,
            entities: None,
        }
    }
}

/// The latest absolute date at day precision in the headline, subtitle, captions and body
/// (a caption often dates the photo of the happening: «…في المغرب، 22 فبراير، 2023»).
fn latest_mentioned(article: &Article) -> Option<NaiveDateTime> {
    // Relative dates need a reference; an arbitrary one is fine because they are skipped.
    let reference = NaiveDate::from_ymd_opt(2000, 1, 1)?.and_hms_opt(12, 0, 0)?;
    article
        .title
        .iter()
        .chain(&article.subtitle)
        .chain(&article.captions)
        .chain(&article.body)
        .flat_map(|t| marsad_text::parse_dates(&join_year(t), reference))
        .filter(|m| !m.relative && m.value.precision >= marsad_text::Precision::Day)
        .map(|m| m.value.datetime)
        .max()
}

/// `text` with a comma between a word and a four-digit year dropped («22 فبراير، 2023» →
/// «22 فبراير 2023»): the English-style order of translated news, which the date parser
/// reads only without the comma.
fn join_year(text: &str) -> std::borrow::Cow<'_, str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Option<String> = None;
    let mut last = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '،' && c != ',' || k == 0 || !chars[k - 1].1.is_alphabetic() {
            continue;
        }
        let mut j = k + 1;
        while chars.get(j).is_some_and(|&(_, c)| c == ' ') {
            j += 1;
        }
        let digits = chars[j.min(chars.len())..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count();
        let after = chars.get(j + digits).map(|&(_, c)| c);
        if j > k + 1 && digits == 4 && !after.is_some_and(|c| c.is_alphanumeric()) {
            let o = out.get_or_insert_with(String::new);
            o.push_str(&text[last..i]);
            last = i + c.len_utf8();
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[last..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
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
    fn a_comma_before_the_year_is_dropped() {
        assert_eq!(
            join_year("في المغرب، 22 فبراير، 2023."),
            "في المغرب، 22 فبراير 2023."
        );
        assert_eq!(join_year("البلدين، 2023 عام"), "البلدين 2023 عام");
        assert_eq!(join_year("قتلى، 20235 جريح"), "قتلى، 20235 جريح");
        assert_eq!(join_year("بلا تاريخ"), "بلا تاريخ");
    }

    #[test]
    fn a_caption_dates_an_undated_article() {
        let article = Article {
            captions: vec!["قائد سلاح الجو يلتقي نظيره في المغرب، 22 فبراير، 2023.".into()],
            body: vec!["وقع البلدان في 24 نوفمبر 2021 مذكرة تفاهم.".into()],
            ..Article::default()
        };
        let doc = Doc::from_article("a", &article)
            .map(|d| (d.time.date().to_string(), d.dated, d.time_from_text));
        assert_eq!(doc, Ok(("2023-02-22".to_owned(), false, true)));
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
