//! WARC files through the import pipeline: `marsad reprocess` (the whole archive of the data
//! folder, after extraction improved) and `marsad import FILE.warc.gz`.
//!
//! Pages are read in batches and go through the import pipeline as fetched pages (so
//! extraction, analysis and clustering apply as for any import): each batch is extracted and
//! analysed on every core while the one before it is stored. Ids come from the URL each page
//! was asked for, so a re-extracted page replaces its earlier article (`updated`) instead of
//! being stored twice.

use std::path::PathBuf;

use marsad_store::Store;
use serde::Serialize;

use crate::import::{Importer, PreparedBatch, join_prepared, prepare_batch};
use crate::pages::FetchedPage;
use crate::warc::{WarcPage, WarcPages};
use crate::{Error, ImportItem, ImportOptions, ImportReport};

/// What reading and importing WARC files did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct WarcImport {
    /// WARC files read.
    pub files: usize,
    /// Records read.
    pub records: u64,
    /// Page records among them.
    pub pages: u64,
    /// Records skipped (not 200 pages, too large).
    pub skipped: u64,
    /// Files that ended inside a record (a crash while writing).
    pub truncated_files: Vec<String>,
    /// The import of the extracted pages.
    #[serde(flatten)]
    pub import: ImportReport,
}

/// Import the pages of `files`, `batch` pages at a time; `progress(pages_done)` after each.
pub async fn import_warcs(
    store: &Store,
    files: &[PathBuf],
    options: &ImportOptions,
    batch: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<WarcImport, Error> {
    let mut out = WarcImport::default();
    let max_record = options.max_page_bytes.saturating_add(64 * 1024);
    let mut importer = Importer::new(store, options);
    // The batch being extracted and analysed, and how many pages were read when it was sent.
    let mut pending: Option<(tokio::task::JoinHandle<PreparedBatch>, u64)> = None;
    let mut read = 0u64;
    for path in files {
        let mut pages = WarcPages::open(path, max_record).map_err(warc_error)?;
        out.files += 1;
        loop {
            let mut chunk: Vec<ImportItem> = Vec::with_capacity(batch.max(1));
            while chunk.len() < batch.max(1) {
                match pages.next_page().map_err(warc_error)? {
                    Some(page) => chunk.push(fetched_item(page)),
                    None => break,
                }
            }
            if chunk.is_empty() {
                break;
            }
            read += chunk.len() as u64;
            let options = options.clone();
            let handle = tokio::task::spawn_blocking(move || prepare_batch(chunk, &options));
            if let Some((previous, done)) = pending.replace((handle, read)) {
                importer.store(join_prepared(previous).await?).await?;
                progress(done);
            }
        }
        let stats = pages.stats();
        out.records += stats.records;
        out.pages += stats.pages;
        out.skipped += stats.skipped;
        if stats.truncated {
            out.truncated_files.push(path.display().to_string());
        }
    }
    if let Some((previous, done)) = pending {
        importer.store(join_prepared(previous).await?).await?;
        progress(done);
    }
    out.import = importer.finish().await?;
    Ok(out)
}

fn warc_error(e: crate::warc::WarcError) -> Error {
    Error::Jsonl {
        path: e.path,
        line: 0,
        message: e.message,
    }
}

/// An archived page as an import item (extracted by the import's pure half).
fn fetched_item(page: WarcPage) -> ImportItem {
    ImportItem::Fetched(Box::new(FetchedPage {
        requested_url: page.requested_url,
        url: page.url,
        body: page.body,
        charset: page.charset,
        fetched_at: page.fetched_at,
        source_name: None,
    }))
}

/// The pages of WARC files as import items, extracted by the import with the others; for
/// `marsad import FILE.warc.gz`.
pub fn warc_items(files: &[PathBuf], max_page_bytes: u64) -> Result<Vec<ImportItem>, Error> {
    let max_record = max_page_bytes.saturating_add(64 * 1024);
    let mut items = Vec::new();
    for path in files {
        crate::warc::read_warc(path, max_record, &mut |p| items.push(fetched_item(p)))
            .map_err(warc_error)?;
    }
    Ok(items)
}
