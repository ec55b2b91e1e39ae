//! The import pipeline: items (page files, fetched pages or extracted articles) → extract →
//! analyse → store + index.
//!
//! Two halves. The pure half ([`prepare_batch`]) reads, extracts, hashes and analyses a
//! batch on every core (rayon); it touches no store, so the crawler runs it outside its
//! store lock. The store half ([`Importer`]) takes prepared batches in input order, gives
//! ids, stores each batch in one transaction, indexes it and puts its analyses, and commits
//! the index every `commit_every` articles and at the end. [`import_items`] chains the two
//! one batch apart, so the next batch is extracted and analysed while the current one is
//! stored. A bad item is recorded in the report and the import goes on.

use std::io::Read;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use marsad_analyze::Analysis;
use marsad_extract::{Article, Format, Options};
use marsad_store::{PutOutcome, Store, StoredArticle};
use rayon::prelude::*;
use serde::Serialize;

use crate::analysis_step::AnalysisStep;
use crate::pages::{FetchedPage, fetched_article};
use crate::{Error, IdAllocator, PageFile, content_hash};

/// One thing to import.
#[derive(Debug, Clone)]
pub enum ImportItem {
    /// A page file, extracted on the way in.
    Page(PageFile),
    /// A fetched or archived page, extracted on the way in; its id comes from its URL.
    Fetched(Box<FetchedPage>),
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

impl ImportItem {
    /// What names the item in messages: its file, URL or `file:line`.
    fn name(&self) -> String {
        match self {
            ImportItem::Page(page) => page.path.display().to_string(),
            ImportItem::Fetched(page) => page.requested_url.clone(),
            ImportItem::Article { origin, .. } => origin.clone(),
        }
    }
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
/// fails itself. The next batch is extracted and analysed (on every core, a blocking task)
/// while the current one is stored; ids and outcomes do not depend on that timing.
pub async fn import_items(
    store: &Store,
    items: Vec<ImportItem>,
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, Error> {
    let total = items.len();
    let size = options.batch.max(1);
    let mut rest = items.into_iter();
    let mut next_batch = move || -> Option<Vec<ImportItem>> {
        let batch: Vec<ImportItem> = rest.by_ref().take(size).collect();
        (!batch.is_empty()).then_some(batch)
    };
    let mut importer = Importer::new(store, options);
    let mut pending = next_batch().map(|b| spawn_prepare(b, options));
    let mut done = 0;
    while let Some(handle) = pending.take() {
        let prepared = join_prepared(handle).await?;
        pending = next_batch().map(|b| spawn_prepare(b, options));
        done += prepared.len();
        importer.store(prepared).await?;
        progress(done, total);
    }
    importer.finish().await
}

/// A batch read, extracted and analysed by [`prepare_batch`]: one result per item, in order.
#[derive(Debug, Default)]
pub struct PreparedBatch {
    items: Vec<Result<Ready, ItemFailure>>,
}

impl PreparedBatch {
    /// How many items it holds (failures included).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// One item ready to store.
#[derive(Debug)]
struct Ready {
    article: Article,
    content_hash: String,
    id: WantedId,
    analysis: Option<Analysis>,
}

/// How an item's id is decided.
#[derive(Debug)]
enum WantedId {
    /// Exactly this (a JSON Lines id, or a URL hash): a repeat replaces the earlier one.
    Exact(String),
    /// A file stem, made unique within the import (`stem-2` …) in input order.
    Stem(String),
}

/// The pure half: read, extract, hash and analyse `items` on every core, one result per
/// item, in order. CPU-bound and blocking: call it from a blocking task. A panic of the
/// extractor or the analyzer fails its item alone.
pub fn prepare_batch(items: Vec<ImportItem>, options: &ImportOptions) -> PreparedBatch {
    let analysis = AnalysisStep::new(options.analyzer.clone(), options.now.date_naive());
    let items = items
        .into_par_iter()
        .map(|item| {
            let name = item.name();
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                prepare(item, options, &analysis)
            }))
            .unwrap_or_else(|_| {
                tracing::error!(item = %name, "extraction or analysis panicked on this item");
                Err(ItemFailure {
                    error: format!("{name}: extraction or analysis panicked"),
                    item: name,
                })
            })
        })
        .collect();
    PreparedBatch { items }
}

fn spawn_prepare(
    batch: Vec<ImportItem>,
    options: &ImportOptions,
) -> tokio::task::JoinHandle<PreparedBatch> {
    let options = options.clone();
    tokio::task::spawn_blocking(move || prepare_batch(batch, &options))
}

/// The result of a prepare task.
pub(crate) async fn join_prepared(
    handle: tokio::task::JoinHandle<PreparedBatch>,
) -> Result<PreparedBatch, Error> {
    // Each item is guarded against panics, so this fails only if the runtime shuts down.
    handle.await.map_err(|err| Error::Jsonl {
        path: "extract".into(),
        line: 0,
        message: err.to_string(),
    })
}

/// Turn one item into the article to store, or the reason it cannot be.
fn prepare(
    item: ImportItem,
    options: &ImportOptions,
    analysis: &AnalysisStep,
) -> Result<Ready, ItemFailure> {
    let (id, article) = match item {
        ImportItem::Page(page) => match read_page(&page, options) {
            Ok(article) => (WantedId::Stem(page.stem), article),
            Err(err) => {
                return Err(ItemFailure {
                    item: page.path.display().to_string(),
                    error: err.to_string(),
                });
            }
        },
        ImportItem::Fetched(page) => {
            let (id, article) = fetched_article(&page, options.max_page_bytes)?;
            (WantedId::Exact(id), article)
        }
        // A JSON Lines id is the caller's: kept exactly, a repeat replaces the earlier one.
        ImportItem::Article { id, article, .. } => (WantedId::Exact(id), *article),
    };
    Ok(Ready {
        content_hash: content_hash(&article),
        analysis: analysis.analyze(&article),
        article,
        id,
    })
}

/// A point in an [`Importer`]'s report (counts, and how many failures and ids it held).
#[derive(Debug, Clone)]
pub struct ReportMark(ImportReport, usize, usize);

/// The store half: prepared batches in input order → ids, store, index, analyses.
pub struct Importer<'s> {
    store: &'s Store,
    now: DateTime<Utc>,
    commit_every: usize,
    ids: IdAllocator,
    uncommitted: usize,
    report: ImportReport,
}

impl<'s> Importer<'s> {
    /// An importer into `store` with these options.
    pub fn new(store: &'s Store, options: &ImportOptions) -> Importer<'s> {
        Importer {
            store,
            now: options.now,
            commit_every: options.commit_every.max(1),
            ids: IdAllocator::default(),
            uncommitted: 0,
            report: ImportReport::default(),
        }
    }

    /// Store one prepared batch (one transaction), index it and put its analyses; commit the
    /// index when `commit_every` articles wait for it.
    pub async fn store(&mut self, batch: PreparedBatch) -> Result<(), Error> {
        self.report.items += batch.items.len();
        let mut articles = Vec::with_capacity(batch.items.len());
        let mut analyses = Vec::with_capacity(batch.items.len());
        for result in batch.items {
            match result {
                Err(failure) => self.report.failed.push(failure),
                Ok(ready) => {
                    let id = match ready.id {
                        WantedId::Exact(id) => id,
                        WantedId::Stem(stem) => self.ids.allocate(&stem),
                    };
                    analyses.push(ready.analysis);
                    articles.push(StoredArticle {
                        id,
                        content_hash: ready.content_hash,
                        imported_at: self.now,
                        article: ready.article,
                    });
                }
            }
        }
        if articles.is_empty() {
            return Ok(());
        }
        let store = self.store;
        let outcomes = store
            .articles
            .put_many(&articles)
            .await
            .map_err(Error::Store)?;
        let mut kept = Vec::with_capacity(articles.len());
        for ((stored, analysis), outcome) in articles.iter().zip(analyses).zip(outcomes) {
            match outcome {
                PutOutcome::Inserted => self.report.inserted += 1,
                PutOutcome::Updated => self.report.updated += 1,
                PutOutcome::Unchanged => self.report.unchanged += 1,
                PutOutcome::Duplicate(existing) => {
                    self.report.duplicates += 1;
                    self.report.ids.push(existing);
                    continue;
                }
            }
            store.index.upsert(stored).map_err(Error::Store)?;
            self.uncommitted += 1;
            self.report.ids.push(stored.id.clone());
            if let Some(analysis) = analysis {
                kept.push((stored.id.clone(), analysis));
            }
        }
        if !kept.is_empty() {
            store
                .analyses
                .put_analyses(&kept)
                .await
                .map_err(Error::Store)?;
        }
        if self.uncommitted >= self.commit_every {
            store.index.commit().map_err(Error::Store)?;
            self.uncommitted = 0;
        }
        Ok(())
    }

    /// The time the next batches are stored as imported at.
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = now;
    }

    /// Where the report stands now; [`since`](Self::since) gives what later batches add.
    pub fn mark(&self) -> ReportMark {
        let r = &self.report;
        ReportMark(
            ImportReport {
                items: r.items,
                inserted: r.inserted,
                unchanged: r.unchanged,
                updated: r.updated,
                duplicates: r.duplicates,
                failed: Vec::new(),
                ids: Vec::new(),
            },
            r.failed.len(),
            r.ids.len(),
        )
    }

    /// What the batches stored since `mark` added to the report.
    pub fn since(&self, mark: &ReportMark) -> ImportReport {
        let (r, m) = (&self.report, &mark.0);
        ImportReport {
            items: r.items - m.items,
            inserted: r.inserted - m.inserted,
            unchanged: r.unchanged - m.unchanged,
            updated: r.updated - m.updated,
            duplicates: r.duplicates - m.duplicates,
            failed: r.failed[mark.1..].to_vec(),
            ids: r.ids[mark.2..].to_vec(),
        }
    }

    /// Commit the index and give the report.
    pub async fn finish(self) -> Result<ImportReport, Error> {
        if self.uncommitted > 0 {
            self.store.index.commit().map_err(Error::Store)?;
        }
        Ok(self.report)
    }
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

    /// Batches of several sources stored by one importer each get their own report.
    #[tokio::test]
    async fn marks_split_one_importer_into_batch_reports() {
        let store = Store::memory();
        let options = ImportOptions::default();
        import_items(
            &store,
            vec![article("a", "نص أول")],
            &options,
            &mut |_, _| {},
        )
        .await
        .unwrap();
        let mut importer = Importer::new(&store, &options);
        let mut reports = Vec::new();
        for batch in [
            vec![article("a", "نص أول"), article("b", "نص ثان")],
            vec![article("c", "نص ثالث"), article("d", "نص ثان")],
        ] {
            let mark = importer.mark();
            importer
                .store(prepare_batch(batch, &options))
                .await
                .unwrap();
            reports.push(importer.since(&mark));
        }
        let total = importer.finish().await.unwrap();
        let counts = |r: &ImportReport| (r.items, r.inserted, r.unchanged, r.duplicates);
        assert_eq!(counts(&reports[0]), (2, 1, 1, 0));
        assert_eq!(reports[0].ids, ["a", "b"]);
        assert_eq!(counts(&reports[1]), (2, 1, 0, 1));
        assert_eq!(reports[1].ids, ["c", "b"], "the copy reports the stored id");
        assert_eq!(counts(&total), (4, 2, 1, 1));
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
