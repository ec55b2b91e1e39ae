//! [`MemorySources`]: [`SourceStore`] in memory, for tests of the crates above.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use async_trait::async_trait;

use crate::{Error, FetchState, Schedule, Source, SourceStore};

/// Sources and fetch state held in memory; clones share the same data.
#[derive(Debug, Clone, Default)]
pub struct MemorySources {
    inner: Arc<RwLock<State>>,
}

#[derive(Debug, Default)]
struct State {
    sources: BTreeMap<String, Source>,
    fetch: BTreeMap<String, FetchState>,
}

fn poisoned<T>(_: T) -> Error {
    Error::Poisoned {
        what: "memory sources",
    }
}

#[async_trait]
impl SourceStore for MemorySources {
    async fn put_source(&self, source: &Source) -> Result<bool, Error> {
        let mut state = self.inner.write().map_err(poisoned)?;
        Ok(state
            .sources
            .insert(source.id.clone(), source.clone())
            .is_none())
    }

    async fn get_source(&self, id: &str) -> Result<Option<Source>, Error> {
        Ok(self
            .inner
            .read()
            .map_err(poisoned)?
            .sources
            .get(id)
            .cloned())
    }

    async fn list_sources(&self) -> Result<Vec<Source>, Error> {
        Ok(self
            .inner
            .read()
            .map_err(poisoned)?
            .sources
            .values()
            .cloned()
            .collect())
    }

    async fn remove_source(&self, id: &str) -> Result<bool, Error> {
        let mut state = self.inner.write().map_err(poisoned)?;
        state.fetch.retain(|_, f| f.source_id != id);
        Ok(state.sources.remove(id).is_some())
    }

    async fn set_schedule(&self, id: &str, schedule: &Schedule) -> Result<bool, Error> {
        let mut state = self.inner.write().map_err(poisoned)?;
        match state.sources.get_mut(id) {
            Some(source) => {
                source.schedule = schedule.clone();
                Ok(true)
            }
            None => Ok(false),
        }
    }

    async fn fetch_states(&self, urls: &[String]) -> Result<Vec<Option<FetchState>>, Error> {
        let state = self.inner.read().map_err(poisoned)?;
        Ok(urls.iter().map(|u| state.fetch.get(u).cloned()).collect())
    }

    async fn put_fetch_state(&self, fetch: &FetchState) -> Result<(), Error> {
        let mut state = self.inner.write().map_err(poisoned)?;
        let first_seen = state
            .fetch
            .get(&fetch.url)
            .map_or(fetch.first_seen, |old| old.first_seen);
        let mut fetch = fetch.clone();
        fetch.first_seen = first_seen;
        state.fetch.insert(fetch.url.clone(), fetch);
        Ok(())
    }

    async fn count_fetch_states(&self, source_id: Option<&str>) -> Result<(u64, u64), Error> {
        let state = self.inner.read().map_err(poisoned)?;
        let mine: Vec<&FetchState> = state
            .fetch
            .values()
            .filter(|f| source_id.is_none_or(|id| f.source_id == id))
            .collect();
        let stored = mine.iter().filter(|f| f.article_id.is_some()).count();
        Ok((mine.len() as u64, stored as u64))
    }
}
