//! [`EntityStore`]: entities resolved across the store and where articles mention them.
//!
//! The records are plain data (the resolution itself is `marsad_analyze::EntityIndex`);
//! callers keep the entity rows in step with the index and replace an article's mentions
//! whenever it is analysed again.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::Error;

/// One resolved entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Stable id.
    pub id: String,
    /// `person`, `organization`, `location`, `product` or `misc`.
    pub entity_type: String,
    /// The name to show.
    pub canonical: String,
    /// The gazetteer entry, if a list knows the entity.
    pub gazetteer: Option<String>,
    /// Every form seen, with how many mentions used it.
    pub forms: Vec<(String, u32)>,
}

/// One mention of an entity in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    /// The entity.
    pub entity_id: String,
    /// `title` or `body`.
    pub field: String,
    /// Index into the article's body (0 for the title).
    pub paragraph: u32,
    /// First byte in that paragraph.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The text as written.
    pub surface: String,
}

/// Durable storage of entities and mentions.
#[async_trait]
pub trait EntityStore: Send + Sync {
    /// Insert or replace these entities (by id), in one transaction.
    async fn put_entities(&self, entities: &[EntityRecord]) -> Result<(), Error>;
    /// Replace every mention of the article `article_id` with `mentions`.
    async fn put_mentions(&self, article_id: &str, mentions: &[MentionRecord])
    -> Result<(), Error>;
    /// The entity with this id.
    async fn entity(&self, id: &str) -> Result<Option<EntityRecord>, Error>;
    /// Every entity, by id (to rebuild the resolution index at start).
    async fn all_entities(&self) -> Result<Vec<EntityRecord>, Error>;
    /// The mentions of an article, in (field, paragraph, start) order, title first.
    async fn article_mentions(&self, article_id: &str) -> Result<Vec<MentionRecord>, Error>;
    /// Up to `limit` ids of articles that mention the entity, in id order.
    async fn entity_articles(&self, entity_id: &str, limit: usize) -> Result<Vec<String>, Error>;
}
