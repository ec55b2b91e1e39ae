//! WARC files through the import pipeline: `marsad reprocess` (the whole archive of the data
//! folder, after extraction improved) and `marsad import FILE.warc.gz`.
//!
//! Pages are read in batches, extracted on every core, and stored by
//! [`import_items`](crate::import_items) (so analysis and clustering apply as for any
//! import). Ids come from the URL each page was asked for, so a re-extracted page replaces
//! its earlier article (`updated`) instead of being stored twice.

use std::path::PathBuf;

use marsad_store::Store;
use serde::Serialize;

use crate::pages::{RawPage, page_items};
use crate::warc::{WarcPage, WarcPages};
use crate::{Error, ImportOptions, ImportReport, import_items};

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
    let max_page = usize::try_from(options.max_page_bytes).unwrap_or(usize::MAX);
    for path in files {
        let mut pages = WarcPages::open(path, max_record).map_err(|e| Error::Jsonl {
            path: e.path.clone(),
            line: 0,
            message: e.message.clone(),
        })?;
        out.files += 1;
        loop {
            let mut chunk: Vec<WarcPage> = Vec::with_capacity(batch);
            while chunk.len() < batch.max(1) {
                match pages.next_page() {
                    Ok(Some(page)) => chunk.push(page),
                    Ok(None) => break,
                    Err(e) => {
                        return Err(Error::Jsonl {
                            path: e.path,
                            line: 0,
                            message: e.message,
                        });
                    }
                }
            }
            if chunk.is_empty() {
                break;
            }
            let raw: Vec<RawPage<'_>> = chunk
                .iter()
                .map(|p| RawPage {
                    requested_url: &p.requested_url,
                    url: &p.url,
                    body: &p.body,
                    charset: p.charset.as_deref(),
                    fetched_at: p.fetched_at,
                    source_name: None,
                })
                .collect();
            let mut items = Vec::with_capacity(raw.len());
            for result in page_items(&raw, max_page) {
                match result {
                    Ok(item) => items.push(item),
                    Err(failure) => out.import.failed.push(failure),
                }
            }
            out.import.items += chunk.len();
            let report = import_items(store, items, options, &mut |_, _| {}).await?;
            merge(&mut out.import, report);
            progress(pages.stats().pages);
        }
        let stats = pages.stats();
        out.records += stats.records;
        out.pages += stats.pages;
        out.skipped += stats.skipped;
        if stats.truncated {
            out.truncated_files.push(path.display().to_string());
        }
    }
    Ok(out)
}

fn merge(total: &mut ImportReport, batch: ImportReport) {
    total.inserted += batch.inserted;
    total.unchanged += batch.unchanged;
    total.updated += batch.updated;
    total.duplicates += batch.duplicates;
    total.failed.extend(batch.failed);
    total.ids.extend(batch.ids);
}

/// The pages of WARC files as import items (extracted on every core), with the pages that
/// could not be extracted; for `marsad import FILE.warc.gz`, whose items join the others.
pub fn warc_items(
    files: &[PathBuf],
    max_page_bytes: u64,
) -> Result<(Vec<crate::ImportItem>, Vec<crate::ItemFailure>), Error> {
    let max_record = max_page_bytes.saturating_add(64 * 1024);
    let max_page = usize::try_from(max_page_bytes).unwrap_or(usize::MAX);
    let mut items = Vec::new();
    let mut failed = Vec::new();
    for path in files {
        let mut pages = Vec::new();
        crate::warc::read_warc(path, max_record, &mut |p| pages.push(p)).map_err(|e| {
            Error::Jsonl {
                path: e.path,
                line: 0,
                message: e.message,
            }
        })?;
        let raw: Vec<RawPage<'_>> = pages
            .iter()
            .map(|p| RawPage {
                requested_url: &p.requested_url,
                url: &p.url,
                body: &p.body,
                charset: p.charset.as_deref(),
                fetched_at: p.fetched_at,
                source_name: None,
            })
            .collect();
        for result in page_items(&raw, max_page) {
            match result {
                Ok(item) => items.push(item),
                Err(failure) => failed.push(failure),
            }
        }
    }
    Ok((items, failed))
}
