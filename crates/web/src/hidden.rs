//! What moderation hides from readers, read once per request: hidden articles vanish from
//! lists, search, feeds and the API, and their pages answer 410; hidden images are left out of
//! their article's page.

use std::collections::HashSet;

use marsad_store::moderation::ItemKind;

use crate::WebError;
use crate::state::SharedState;

/// The hidden or removed items.
#[derive(Debug, Default, Clone)]
pub struct Hidden {
    articles: HashSet<String>,
    images: HashSet<String>,
}

impl Hidden {
    /// Read the hidden items from the store.
    pub async fn load(state: &SharedState) -> Result<Hidden, WebError> {
        let moderation = &state.store.moderation;
        let (articles, images) = tokio::join!(
            moderation.hidden(ItemKind::Article),
            moderation.hidden(ItemKind::Image)
        );
        Ok(Hidden {
            articles: articles?.into_iter().collect(),
            images: images?.into_iter().collect(),
        })
    }

    /// Whether the article `id` is hidden.
    pub fn article(&self, id: &str) -> bool {
        self.articles.contains(id)
    }

    /// Whether image `n` of article `id` is hidden.
    pub fn image(&self, id: &str, n: usize) -> bool {
        !self.images.is_empty() && self.images.contains(&format!("{id}/{n}"))
    }

    /// How many articles are hidden.
    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// The hidden articles' ids.
    pub fn article_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.articles.iter().cloned().collect();
        ids.sort();
        ids
    }
}
