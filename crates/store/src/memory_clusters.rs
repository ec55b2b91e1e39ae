//! [`ClusterStore`] in memory, for tests and [`Store::memory`](crate::Store::memory).

use std::collections::BTreeMap;
use std::sync::RwLock;

use async_trait::async_trait;

use crate::Error;
use crate::clusters::{
    ArticleAssignment, ClusterState, ClusterStore, ClusterUpdate, EventRecord, StorylineRecord,
    TimelineRecord,
};

#[derive(Debug, Default)]
struct State {
    state: Option<ClusterState>,
    articles: BTreeMap<String, ArticleAssignment>,
    events: BTreeMap<String, EventRecord>,
    storylines: BTreeMap<String, StorylineRecord>,
    timelines: Vec<TimelineRecord>,
}

/// Clustering state and assignments in memory.
#[derive(Debug, Default)]
pub struct MemoryClusters {
    inner: RwLock<State>,
}

impl MemoryClusters {
    /// Empty.
    pub fn new() -> Self {
        MemoryClusters::default()
    }

    fn poisoned() -> Error {
        Error::Poisoned {
            what: "memory cluster store",
        }
    }
}

#[async_trait]
impl ClusterStore for MemoryClusters {
    async fn state(&self) -> Result<Option<ClusterState>, Error> {
        Ok(self
            .inner
            .read()
            .map_err(|_| Self::poisoned())?
            .state
            .clone())
    }

    async fn save(&self, update: &ClusterUpdate) -> Result<(), Error> {
        let mut s = self.inner.write().map_err(|_| Self::poisoned())?;
        if update.replace {
            s.articles.clear();
            s.events.clear();
        }
        if let Some(state) = &update.state {
            s.state = Some(state.clone());
        }
        for a in &update.articles {
            s.articles.insert(a.article.clone(), a.clone());
        }
        for e in &update.events {
            s.events.insert(e.id.clone(), e.clone());
        }
        if update.storylines_changed_only && !update.replace {
            let gone: std::collections::HashSet<&str> = update
                .storylines_removed
                .iter()
                .chain(update.storylines.iter().map(|l| &l.id))
                .map(String::as_str)
                .collect();
            s.storylines.retain(|id, _| !gone.contains(id.as_str()));
            s.timelines.retain(|t| !gone.contains(t.storyline.as_str()));
            for l in &update.storylines {
                s.storylines.insert(l.id.clone(), l.clone());
            }
            s.timelines.extend(update.timelines.iter().cloned());
        } else {
            s.storylines = update
                .storylines
                .iter()
                .map(|l| (l.id.clone(), l.clone()))
                .collect();
            s.timelines.clone_from(&update.timelines);
        }
        Ok(())
    }

    async fn assignment(&self, article: &str) -> Result<Option<ArticleAssignment>, Error> {
        let s = self.inner.read().map_err(|_| Self::poisoned())?;
        Ok(s.articles.get(article).cloned())
    }

    async fn assignments(&self) -> Result<Vec<ArticleAssignment>, Error> {
        let s = self.inner.read().map_err(|_| Self::poisoned())?;
        Ok(s.articles.values().cloned().collect())
    }

    async fn events(&self) -> Result<Vec<EventRecord>, Error> {
        let s = self.inner.read().map_err(|_| Self::poisoned())?;
        let mut events: Vec<EventRecord> = s.events.values().cloned().collect();
        events.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
        Ok(events)
    }

    async fn storylines(&self) -> Result<Vec<StorylineRecord>, Error> {
        let s = self.inner.read().map_err(|_| Self::poisoned())?;
        Ok(s.storylines.values().cloned().collect())
    }

    async fn timeline(&self, id: &str) -> Result<Vec<TimelineRecord>, Error> {
        let s = self.inner.read().map_err(|_| Self::poisoned())?;
        Ok(s.timelines
            .iter()
            .filter(|t| t.storyline == id)
            .cloned()
            .collect())
    }

    async fn clear(&self) -> Result<(), Error> {
        let mut s = self.inner.write().map_err(|_| Self::poisoned())?;
        *s = State::default();
        Ok(())
    }
}
