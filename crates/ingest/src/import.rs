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

use crate::analysis_step::AnalysisStep;
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
    /// Store this many articles in one transaction.
    pub batch: usize,
    /// Commit the index after this many stored articles.
    pub commit_every: usize,
    /// The import's time, stored as `imported_at` of new articles.
    pub now: DateTime<Utc>,
    /// What analyses each stored article (category, credibility, importance, quotes);
    /// `None` for the bundled model with no source profiles.
    pub analyzer: Option<std::sync::Arc<marsad_analyze::Analyzer>>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: Format::Auto,
            max_page_bytes: 50 * 1024 * 1024,
            batch: 500,
            commit_every: 5000,
            now: Utc::now(),
            analyzer: None,
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

/// Import `items` into `store`, calling `progress(done, total)` after each batch.
///
/// Articles are stored `batch` at a time (one transaction each), then indexed; the index is
/// committed every `commit_every` articles and at the end. An article found stored unchanged
/// is indexed again, so re-running an import that was killed before its index commit repairs
/// the index. Store failures stop the import (what was stored stays stored); a bad item only
/// fails itself.
pub async fn import_items(
    store: &Store,
    items: Vec<ImportItem>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, Error> {
    let total = items.len();
    let mut report = ImportReport {
        items: total,
        ..ImportReport::default()
    };
    let mut ids = IdAllocator::default();
    let mut batch: Vec<StoredArticle> = Vec::with_capacity(options.batch);
    let mut uncommitted = 0usize;
    let analysis = AnalysisStep::new(options.analyzer.clone(), options.now.date_naive());
    for (done, item) in items.into_iter().enumerate() {
        match prepare(item, &mut ids, options) {
            Err(failure) => report.failed.push(failure),
            Ok(stored) => batch.push(stored),
        }
        if batch.len() >= options.batch.max(1) || done + 1 == total {
            uncommitted += store_batch(store, &mut batch, &mut report, &analysis).await?;
            if uncommitted >= options.commit_every.max(1) {
                store.index.commit().map_err(Error::Store)?;
                uncommitted = 0;
            }
            progress(done + 1, total);
        }
    }
    if uncommitted > 0 {
        store.index.commit().map_err(Error::Store)?;
    }
    Ok(report)
}

/// Turn one item into the article to store, or the reason it cannot be.
fn prepare(
    item: ImportItem,
    ids: &mut IdAllocator,
    options: &ImportOptions,
) -> Result<StoredArticle, ItemFailure> {
    let (id, article) = match item {
        ImportItem::Page(page) => match read_page(&page, options) {
            Ok(article) => (ids.allocate(&page.stem), article),
            Err(err) => {
                return Err(ItemFailure {
                    item: page.path.display().to_string(),
                    error: err.to_string(),
                });
            }
        },
        // A JSON Lines id is the caller's: kept exactly, a repeat replaces the earlier one.
        ImportItem::Article { id, article, .. } => (id, *article),
    };
    Ok(StoredArticle {
        id,
        content_hash: content_hash(&article),
        imported_at: options.now,
        article,
    })
}

/// Store and index one batch; returns how many articles were given to the index.
async fn store_batch(
    store: &Store,
    batch: &mut Vec<StoredArticle>,
    report: &mut ImportReport,
    analysis: &AnalysisStep,
) -> Result<usize, Error> {
    if batch.is_empty() {
        return Ok(0);
    }
    let outcomes = store.articles.put_many(batch).await.map_err(Error::Store)?;
    let mut indexed = 0;
    let mut kept = Vec::with_capacity(batch.len());
    for (stored, outcome) in batch.drain(..).zip(outcomes) {
        let id = match outcome {
            PutOutcome::Inserted => {
                report.inserted += 1;
                Some(stored.id.clone())
            }
            PutOutcome::Updated => {
                report.updated += 1;
                Some(stored.id.clone())
            }
            PutOutcome::Unchanged => {
                report.unchanged += 1;
                Some(stored.id.clone())
            }
            PutOutcome::Duplicate(existing) => {
                report.duplicates += 1;
                report.ids.push(existing);
                None
            }
        };
        if let Some(id) = id {
            store.index.upsert(&stored).map_err(Error::Store)?;
            indexed += 1;
            report.ids.push(id);
            kept.push(stored);
        }
    }
    analysis.run(store, &kept).await?;
    Ok(indexed)
}

/// Read and extract one page file, bounded in size.
fn read_page(page: &PageFile, options: &ImportOptions) -> Result<Article, Error> {
    let path: PathBuf = page.path.clone();
    let read_err = |source| Error::Read {
        path: path.clone(),
        source,
    };
    let file = std::fs::File::open(&path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    if size > options.max_page_bytes {
        return Err(Error::TooLarge {
            path,
            size,
            limit: options.max_page_bytes,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(options.max_page_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    let extract_options = Options {
        format: options.format,
        ..Options::default()
    };
    let extraction =
        marsad_extract::extract(&bytes, &extract_options).map_err(|source| Error::Extract {
            path: path.clone(),
            source,
        })?;
    Ok(extraction.article)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, body: &str) -> ImportItem {
        let article = Article {
            title: Some("عنوان".to_owned()),
            body: vec![body.to_owned()],
            ..Article::default()
        };
        ImportItem::Article {
            id: id.to_owned(),
            article: Box::new(article),
            origin: format!("test:{id}"),
        }
    }

    fn page(dir: &std::path::Path, name: &str, text: &[u8]) -> ImportItem {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let stem = name.split('.').next().unwrap().to_owned();
        ImportItem::Page(PageFile { path, stem })
    }

    #[tokio::test]
    async fn batches_count_every_outcome_and_keep_input_order() {
        let store = Store::memory();
        let options = ImportOptions {
            batch: 2,
            commit_every: 3,
            ..ImportOptions::default()
        };
        let first = vec![
            article("a", "نص أول"),
            article("b", "نص ثان"),
            article("c", "نص ثالث"),
        ];
        let mut calls = Vec::new();
        let report = import_items(&store, first, &options, &mut |done, total| {
            calls.push((done, total))
        })
        .await
        .unwrap();
        assert_eq!((report.inserted, report.unchanged), (3, 0));
        assert_eq!(report.ids, ["a", "b", "c"]);
        assert_eq!(calls, [(2, 3), (3, 3)]);

        let again = vec![
            article("c", "نص ثالث"),
            article("a", "نص معدل"),
            article("z", "نص ثان"),
        ];
        let mut report = import_items(&store, again, &options, &mut |_, _| {})
            .await
            .unwrap();
        report.ids.sort();
        assert_eq!(
            (report.unchanged, report.updated, report.duplicates),
            (1, 1, 1)
        );
        assert_eq!(
            report.ids,
            ["a", "b", "c"],
            "the duplicate reports the stored id"
        );
        assert_eq!(store.articles.count().await.unwrap(), 3);
        assert_eq!(store.index.count().unwrap(), 3);
        assert_eq!(
            store.analyses.count_analyses().await.unwrap(),
            3,
            "each stored article has one analysis, also after a re-run"
        );
        let a = store.analyses.get_analysis("a").await.unwrap().unwrap();
        assert_eq!(a.version, marsad_analyze::ANALYSIS_VERSION);
        assert!(a.category.is_some());
        let sum: i32 = a
            .credibility
            .reasons
            .iter()
            .map(|r| i32::from(r.weight))
            .sum();
        assert_eq!(sum, i32::from(a.credibility.value));
        assert!(
            store.analyses.get_analysis("z").await.unwrap().is_none(),
            "a duplicate gets none"
        );
    }

    #[tokio::test]
    async fn a_bad_page_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::memory();
        let items = vec![
            page(dir.path(), "good.txt", "عنوان الخبر\n\nقال المتحدث إن الاجتماع انتهى مساء أمس بالاتفاق على خطة جديدة.".as_bytes()),
            page(dir.path(), "empty.txt", b""),
            page(dir.path(), "good.html", "<html><body><h1>x</h1><p>قال المتحدث إن الاجتماع انتهى بالاتفاق على خطة جديدة للعمل المشترك.</p></body></html>".as_bytes()),
        ];
        let report = import_items(&store, items, &ImportOptions::default(), &mut |_, _| {})
            .await
            .unwrap();
        assert_eq!(report.inserted, 2);
        assert_eq!(report.failed.len(), 1);
        assert!(
            report.failed[0].error.contains("empty.txt"),
            "{:?}",
            report.failed
        );
        assert_eq!(report.ids, ["good", "good-2"]);
    }
}
