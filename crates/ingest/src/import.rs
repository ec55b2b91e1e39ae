//! The import pipeline: items (page files or extracted articles) → extract → store + index.
//!
//! Reads top to bottom: read the page, extract it, give it an id and a content hash, store
//! it, index it; commit the index every `commit_every` items and at the end. A bad item is
//! recorded in the report and the import goes on.

use std::io::Read;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use marsad_extract::{Article, Format, Options};
use marsad_store::{PutOutcome, Store, StoredArticle};
use serde::Serialize;

use crate::{Error, IdAllocator, PageFile, content_hash};

/// One thing to import.
#[derive(Debug, Clone)]
pub enum ImportItem {
    /// A page file, extracted on the way in.
    Page(PageFile),
    /// An already-extracted article with its id (from JSON Lines), and where it came from.
    Article {
        /// Its id.
        id: String,
        /// The article.
        article: Box<Article>,
        /// Where it came from, for messages (`file:line`).
        origin: String,
    },
}

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The input kind of page files.
    pub format: Format,
    /// Pages larger than this are refused.
    pub max_page_bytes: u64,
    /// Commit the index after this many stored articles.
    pub commit_every: usize,
    /// The import's time, stored as `imported_at` of new articles.
    pub now: DateTime<Utc>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: Format::Auto,
            max_page_bytes: 50 * 1024 * 1024,
            commit_every: 1000,
            now: Utc::now(),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// Items read.
    pub items: usize,
    /// New articles stored.
    pub inserted: usize,
    /// Items already stored as they are.
    pub unchanged: usize,
    /// Stored articles replaced by new content under the same id.
    pub updated: usize,
    /// Items whose content is stored already under another id.
    pub duplicates: usize,
    /// Items that could not be imported, with why.
    pub failed: Vec<ItemFailure>,
    /// The ids of the items stored or found stored, in input order.
    pub ids: Vec<String>,
}

/// An item that could not be imported.
#[derive(Debug, Clone, Serialize)]
pub struct ItemFailure {
    /// The file (or `file:line`).
    pub item: String,
    /// Why, in one line.
    pub error: String,
}

/// Import `items` into `store`, calling `progress(done, total)` after each.
///
/// Store failures stop the import (what was stored stays stored and indexed); a bad item
/// only fails itself.
pub async fn import_items(
    store: &Store,
    items: Vec<ImportItem>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, Error> {
    let total = items.len();
    let mut report = ImportReport { items: total, ..ImportReport::default() };
    let mut ids = IdAllocator::default();
    let mut pending = 0usize;
    for (done, item) in items.into_iter().enumerate() {
        let origin = match &item {
            ImportItem::Page(page) => page.path.display().to_string(),
            ImportItem::Article { origin, .. } => origin.clone(),
        };
        let prepared = match item {
            ImportItem::Page(page) => read_page(&page, options).map(|article| (ids.allocate(&page.stem), article)),
            // A JSON Lines id is the caller's: kept exactly, a repeat replaces the earlier one.
            ImportItem::Article { id, article, .. } => Ok((id, *article)),
        };
        match prepared {
            Err(err) => report.failed.push(ItemFailure { item: origin, error: err.to_string() }),
            Ok((id, article)) => {
                let stored = StoredArticle {
                    id,
                    content_hash: content_hash(&article),
                    imported_at: options.now,
                    article,
                };
                let outcome = store.articles.put(&stored).await.map_err(Error::Store)?;
                match outcome {
                    PutOutcome::Inserted | PutOutcome::Updated => {
                        if outcome == PutOutcome::Inserted {
                            report.inserted += 1;
                        } else {
                            report.updated += 1;
                        }
                        store.index.upsert(&stored).map_err(Error::Store)?;
                        pending += 1;
                        report.ids.push(stored.id);
                    }
                    PutOutcome::Unchanged => {
                        report.unchanged += 1;
                        report.ids.push(stored.id);
                    }
                    PutOutcome::Duplicate(existing) => {
                        report.duplicates += 1;
                        report.ids.push(existing);
                    }
                }
                if pending >= options.commit_every.max(1) {
                    store.index.commit().map_err(Error::Store)?;
                    pending = 0;
                }
            }
        }
        progress(done + 1, total);
    }
    if pending > 0 {
        store.index.commit().map_err(Error::Store)?;
    }
    Ok(report)
}

/// Read and extract one page file, bounded in size.
fn read_page(page: &PageFile, options: &ImportOptions) -> Result<Article, Error> {
    let path: PathBuf = page.path.clone();
    let read_err = |source| Error::Read { path: path.clone(), source };
    let file = std::fs::File::open(&path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    if size > options.max_page_bytes {
        return Err(Error::TooLarge { path, size, limit: options.max_page_bytes });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(options.max_page_bytes + 1).read_to_end(&mut bytes).map_err(read_err)?;
    let extract_options = Options { format: options.format, ..Options::default() };
    let extraction = marsad_extract::extract(&bytes, &extract_options)
        .map_err(|source| Error::Extract { path: path.clone(), source })?;
    Ok(extraction.article)
}
