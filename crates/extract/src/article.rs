//! The [`Article`] type: what every later stage reads, and the `marsad extract` wire format.

use serde::{Deserialize, Serialize};

/// One extracted article. Serialised (with `schema` and `file` added by the CLI) as the
/// `marsad extract` JSON object documented in `docs/cli-json.md`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The canonical URL, when known.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst under the headline.
    pub subtitle: Option<String>,
    /// The author's name, without «بقلم» and the like.
    pub author: Option<String>,
    /// The dateline place (and agency), e.g. «الرباط».
    pub dateline: Option<String>,
    /// The outlet that published the article.
    pub source: Option<String>,
    /// The publication date and its precision.
    #[serde(flatten)]
    pub published: Published,
    /// The language code, `ar` for Arabic.
    pub language: String,
    /// Photo captions, each once.
    pub captions: Vec<String>,
    /// Body paragraphs, in order; in-body subheadings are paragraphs too.
    pub body: Vec<String>,
    /// The aggregator's metadata block, when the page came through one.
    pub aggregator: Option<Aggregator>,
}

/// A publication date on the wire: `"published"` and `"published_precision"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// `YYYY-MM-DD[THH:MM[:SS]]`.
    pub published: Option<String>,
    /// `year`, `month`, `day`, `minute` or `second`.
    pub published_precision: Option<String>,
}

impl Published {
    /// The wire form of a resolved date.
    pub fn from_value(value: &marsad_text::DateValue) -> Self {
        let precision = serde_json::to_value(value.precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned));
        Published {
            published: Some(value.to_iso()),
            published_precision: precision,
        }
    }
}

/// What an aggregator (Kashaf, Maghress …) says about the article it re-posts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Aggregator {
    /// The aggregator's name, e.g. «كشاف».
    pub name: String,
    /// The original outlet as the aggregator names it.
    pub source: Option<String>,
    /// The aggregator's category.
    pub category: Option<String>,
    /// The aggregator's credibility figure («مستوى الصحة»).
    pub credibility_percent: Option<u8>,
    /// The aggregator's importance figure («الأهمية»).
    pub importance_percent: Option<u8>,
}
