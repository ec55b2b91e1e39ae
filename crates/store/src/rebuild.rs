//! Rebuilding the search index from the article store, the source of truth.

use crate::{Error, Store};

/// Articles read per page while rebuilding.
const PAGE: usize = 500;

impl Store {
    /// Empty the index and index every stored article again, in one commit (searches see the
    /// old index until it lands). `progress(done, total)` is called after each page. Returns
    /// how many articles were indexed.
    pub async fn rebuild_index(
        &self,
        progress: &mut (dyn FnMut(u64, u64) + Send),
    ) -> Result<u64, Error> {
        let total = self.articles.count().await?;
        self.index.clear()?;
        let mut done = 0u64;
        let mut after: Option<String> = None;
        loop {
            let page = self.articles.scan(after.as_deref(), PAGE).await?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            for article in &page {
                self.index.upsert(article)?;
            }
            done += page.len() as u64;
            progress(done, total.max(done));
        }
        self.index.commit()?;
        Ok(done)
    }
}
