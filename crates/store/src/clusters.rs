//! [`ClusterStore`]: where clustering keeps its saved state and its assignments (article →
//! event, near-duplicate → canonical article, event → storyline, event labels and dates).
//!
//! The store does not cluster and does not read the state: it is opaque bytes with a format
//! name, written by `marsad-cluster`'s caller. The assignments are derived from that state
//! and written with it in one transaction, so a reader never sees them disagree.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::Error;

/// The clusterer's serialised state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterState {
    /// The encoding and its version (e.g. `marsad-cluster/3+postcard.zst`); a reader that does not
    /// know it rebuilds the state from the articles.
    pub format: String,
    /// How many articles the state has placed.
    pub articles: u64,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Where one article was placed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleAssignment {
    /// The article's id.
    pub article: String,
    /// Its event's id.
    pub event: String,
    /// The canonical article it nearly duplicates, when it is a near-duplicate.
    pub duplicate_of: Option<String>,
}

/// One event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Its id.
    pub id: String,
    /// Its label (the most central headline).
    pub label: String,
    /// Its day, `YYYY-MM-DD`.
    pub date: String,
    /// How many articles it holds.
    pub articles: u64,
    /// Its heaviest named things.
    pub entities: Vec<String>,
}

/// One storyline as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorylineRecord {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Its event ids, in time order.
    pub events: Vec<String>,
}

/// One entry of a storyline's timeline: one of its events, or a past happening its
/// articles mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineRecord {
    /// The storyline's id.
    pub storyline: String,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    /// `day` or `month`.
    pub precision: String,
    /// `event` or `mentioned`.
    pub kind: String,
    /// The event's label, or the sentence that mentions the happening.
    pub what: String,
    /// The event's id, for `kind: event`.
    pub event: Option<String>,
    /// The articles reporting (event) or mentioning (mentioned) it.
    pub articles: Vec<String>,
}

/// What one clustering step writes, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClusterUpdate {
    /// The new state (replaces the old one).
    pub state: Option<ClusterState>,
    /// Drop every assignment, event and storyline first (a rebuild).
    pub replace: bool,
    /// Articles placed (added or replaced by article id).
    pub articles: Vec<ArticleAssignment>,
    /// Events created or changed (added or replaced by event id).
    pub events: Vec<EventRecord>,
    /// Every storyline, replacing the stored ones; or, with `storylines_changed_only`, the
    /// storylines that changed, each replacing the stored one of its id.
    pub storylines: Vec<StorylineRecord>,
    /// The timelines of those storylines, each in order: they replace the stored ones.
    #[serde(default)]
    pub timelines: Vec<TimelineRecord>,
    /// Whether `storylines` (and `timelines`) hold only the changed storylines: the other
    /// stored storylines stay, except those of `storylines_removed`.
    #[serde(default)]
    pub storylines_changed_only: bool,
    /// Storylines that no longer exist (with `storylines_changed_only`).
    #[serde(default)]
    pub storylines_removed: Vec<String>,
}

/// Durable clustering state and assignments.
#[async_trait]
pub trait ClusterStore: Send + Sync {
    /// The saved state, when clustering ran.
    async fn state(&self) -> Result<Option<ClusterState>, Error>;
    /// Write `update` in one transaction.
    async fn save(&self, update: &ClusterUpdate) -> Result<(), Error>;
    /// Where the article with this id was placed.
    async fn assignment(&self, article: &str) -> Result<Option<ArticleAssignment>, Error>;
    /// Every article assignment, by article id.
    async fn assignments(&self) -> Result<Vec<ArticleAssignment>, Error>;
    /// Every event, by date then id.
    async fn events(&self) -> Result<Vec<EventRecord>, Error>;
    /// The event with this id.
    async fn event(&self, id: &str) -> Result<Option<EventRecord>, Error> {
        Ok(self.events().await?.into_iter().find(|e| e.id == id))
    }
    /// The ids of the articles placed in event `id`, by article id.
    async fn event_articles(&self, id: &str) -> Result<Vec<String>, Error> {
        Ok(self
            .assignments()
            .await?
            .into_iter()
            .filter(|a| a.event == id)
            .map(|a| a.article)
            .collect())
    }
    /// The `limit` latest events: newest day first, then the most articles, then by id.
    async fn latest_events(&self, limit: usize) -> Result<Vec<EventRecord>, Error> {
        let mut events = self.events().await?;
        events.sort_by(|a, b| {
            (&b.date, b.articles)
                .cmp(&(&a.date, a.articles))
                .then_with(|| a.id.cmp(&b.id))
        });
        events.truncate(limit);
        Ok(events)
    }
    /// Every storyline, by id.
    async fn storylines(&self) -> Result<Vec<StorylineRecord>, Error>;
    /// The storyline with this id.
    async fn storyline(&self, id: &str) -> Result<Option<StorylineRecord>, Error> {
        Ok(self.storylines().await?.into_iter().find(|s| s.id == id))
    }
    /// The storyline event `event` belongs to, when it belongs to one.
    async fn storyline_of(&self, event: &str) -> Result<Option<StorylineRecord>, Error> {
        Ok(self
            .storylines()
            .await?
            .into_iter()
            .find(|s| s.events.iter().any(|e| e == event)))
    }
    /// The timeline of storyline `id`, in order (empty for an unknown storyline).
    async fn timeline(&self, id: &str) -> Result<Vec<TimelineRecord>, Error>;
    /// Remove the state and every assignment.
    async fn clear(&self) -> Result<(), Error>;
}
