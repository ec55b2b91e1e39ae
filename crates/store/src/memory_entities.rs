//! [`EntityStore`] in memory, for tests and [`crate::MemoryStore`].

use std::collections::BTreeMap;
use std::sync::RwLock;

use async_trait::async_trait;

use crate::Error;
use crate::entities::{EntityRecord, EntityStore, MentionRecord};

/// Entities and mentions in memory.
#[derive(Debug, Default)]
pub struct MemoryEntities {
    inner: RwLock<State>,
}

#[derive(Debug, Default)]
struct State {
    entities: BTreeMap<String, EntityRecord>,
    /// Article id → its mentions.
    mentions: BTreeMap<String, Vec<MentionRecord>>,
}

fn poisoned() -> Error {
    Error::Poisoned {
        what: "memory entities",
    }
}

fn order(m: &MentionRecord) -> (bool, u32, u32) {
    (m.field != "title", m.paragraph, m.start)
}

#[async_trait]
impl EntityStore for MemoryEntities {
    async fn put_entities(&self, entities: &[EntityRecord]) -> Result<(), Error> {
        let mut s = self.inner.write().map_err(|_| poisoned())?;
        for e in entities {
            s.entities.insert(e.id.clone(), e.clone());
        }
        Ok(())
    }

    async fn put_mentions(
        &self,
        article_id: &str,
        mentions: &[MentionRecord],
    ) -> Result<(), Error> {
        let mut s = self.inner.write().map_err(|_| poisoned())?;
        let mut list = mentions.to_vec();
        list.sort_by_key(order);
        list.dedup_by(|a, b| order(a) == order(b));
        if list.is_empty() {
            s.mentions.remove(article_id);
        } else {
            s.mentions.insert(article_id.to_owned(), list);
        }
        Ok(())
    }

    async fn entity(&self, id: &str) -> Result<Option<EntityRecord>, Error> {
        let s = self.inner.read().map_err(|_| poisoned())?;
        Ok(s.entities.get(id).cloned())
    }

    async fn all_entities(&self) -> Result<Vec<EntityRecord>, Error> {
        let s = self.inner.read().map_err(|_| poisoned())?;
        Ok(s.entities.values().cloned().collect())
    }

    async fn article_mentions(&self, article_id: &str) -> Result<Vec<MentionRecord>, Error> {
        let s = self.inner.read().map_err(|_| poisoned())?;
        Ok(s.mentions.get(article_id).cloned().unwrap_or_default())
    }

    async fn entity_articles(&self, entity_id: &str, limit: usize) -> Result<Vec<String>, Error> {
        let s = self.inner.read().map_err(|_| poisoned())?;
        Ok(s.mentions
            .iter()
            .filter(|(_, ms)| ms.iter().any(|m| m.entity_id == entity_id))
            .map(|(a, _)| a.clone())
            .take(limit)
            .collect())
    }
}
