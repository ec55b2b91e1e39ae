//! The views the clusterer hands out: where an article went ([`Placement`]), an [`Event`]
//! with its label, date, articles and sources, and a group of near-duplicates.

use serde::{Deserialize, Serialize};

/// Where [`Clusterer::add`](crate::Clusterer::add) put an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    /// The event's id.
    pub event: String,
    /// Whether the article started this event.
    pub new_event: bool,
    /// The canonical article this one is a near-duplicate of, when it is one.
    pub duplicate_of: Option<String>,
    /// The similarity that decided (1 for a duplicate, 0 for a new event).
    pub score: f32,
}

/// One real-world happening and the articles reporting it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: `e-` and the id of its first article.
    pub id: String,
    /// The most central headline of its articles.
    pub label: String,
    /// The happening's day, `YYYY-MM-DD` (the median of its articles' days).
    pub date: String,
    /// Its articles (near-duplicates included), in time order.
    pub articles: Vec<String>,
    /// The outlets reporting it, each once, sorted.
    pub sources: Vec<String>,
    /// Its heaviest named things, as first written.
    pub entities: Vec<String>,
    /// Its heaviest terms (stems).
    pub terms: Vec<String>,
}

/// A canonical article and its near-duplicates (syndicated copies, re-posts, light rewrites).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// The first-seen article of the group.
    pub canonical: String,
    /// The other articles, in time order.
    pub copies: Vec<String>,
    /// Every outlet in the group, each once, sorted.
    pub sources: Vec<String>,
}
