//! [`AnalysisStore`] in memory, for tests and [`Store::memory`](crate::Store::memory).

use std::collections::BTreeMap;
use std::sync::RwLock;

use async_trait::async_trait;
use marsad_analyze::Analysis;

use crate::Error;
use crate::analyses::{AnalysisOrder, AnalysisQuery, AnalysisStore};

/// Analyses in memory.
#[derive(Debug, Default)]
pub struct MemoryAnalyses {
    inner: RwLock<BTreeMap<String, Analysis>>,
}

impl MemoryAnalyses {
    /// Empty.
    pub fn new() -> Self {
        MemoryAnalyses::default()
    }

    fn poisoned() -> Error {
        Error::Poisoned {
            what: "memory analysis store",
        }
    }
}

#[async_trait]
impl AnalysisStore for MemoryAnalyses {
    async fn put_analyses(&self, items: &[(String, Analysis)]) -> Result<(), Error> {
        let mut map = self.inner.write().map_err(|_| Self::poisoned())?;
        for (id, a) in items {
            map.insert(id.clone(), a.clone());
        }
        Ok(())
    }

    async fn get_analysis(&self, id: &str) -> Result<Option<Analysis>, Error> {
        Ok(self
            .inner
            .read()
            .map_err(|_| Self::poisoned())?
            .get(id)
            .cloned())
    }

    async fn list_analyses(&self, query: &AnalysisQuery) -> Result<Vec<(String, Analysis)>, Error> {
        let map = self.inner.read().map_err(|_| Self::poisoned())?;
        let mut found: Vec<(&String, &Analysis)> =
            map.iter().filter(|(_, a)| query.matches(a)).collect();
        let key = |a: &Analysis| match query.order {
            AnalysisOrder::Importance => a.importance.value,
            AnalysisOrder::Credibility => a.credibility.value,
        };
        found.sort_by(|x, y| key(y.1).cmp(&key(x.1)).then_with(|| x.0.cmp(y.0)));
        Ok(found
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .map(|(id, a)| (id.clone(), a.clone()))
            .collect())
    }

    async fn delete_analysis(&self, id: &str) -> Result<bool, Error> {
        Ok(self
            .inner
            .write()
            .map_err(|_| Self::poisoned())?
            .remove(id)
            .is_some())
    }

    async fn count_analyses(&self) -> Result<u64, Error> {
        Ok(self.inner.read().map_err(|_| Self::poisoned())?.len() as u64)
    }
}
