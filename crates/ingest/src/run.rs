//! Ingest runs: one round over sources (feeds and sitemaps → new article URLs → fetch →
//! archive → extract → the import pipeline), and the schedule that adapts each source's
//! interval to how often it publishes.
//!
//! Order of writes, which is what makes `kill -9` safe: a page is written to the WARC archive,
//! then stored through [`import_items`](crate::import_items) (SQLite commits before it
//! returns), and only then is its fetch state written. A crash in between re-fetches the page
//! next time, and its id (from its URL) makes the second store `unchanged`, never a
//! duplicate. A feed's or sitemap's validators (ETag, Last-Modified) are saved only when
//! every link it gave was handled, so a 304 never hides an article that was not stored.
//!
//! Several processes on one store (several `marsad ingest` on one PostgreSQL, or on one SQLite
//! folder) share a round through the store's [`JobQueue`](marsad_store::JobQueue): before
//! fetching a source, a process claims the job `("source", source id)`; a source leased by
//! another process (or already fetched by one this round, or not due by its job) is skipped
//! and listed in [`RoundReport::skipped`]. When the source is done its job is completed,
//! available again at the source's next due time; on an error or Ctrl-C it is released
//! (anyone may take it now). A lease lasts [`RunOptions::lease_secs`] (2 minutes) and is
//! renewed every third of that while the source is worked on, so a fetch of any length keeps
//! it while a process that dies frees its sources within one lease. Should a lease still be
//! lost (a process stalled longer than the lease), two processes may fetch one source: each
//! page is then stored once all the same (its id comes from its URL, the store's `put` keeps
//! the first and answers `unchanged` or `duplicate` to the second).

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use marsad_store::jobs::SOURCE_JOB;
use marsad_store::{Availability, ClaimRequest, FetchState, Job, Schedule, Source, Store};
use serde::Serialize;
use url::Url;

use crate::fetch::{FetchError, Fetched, Fetcher, Validators};
use crate::import::{Importer, PreparedBatch, prepare_batch};
use crate::pages::{RawPage, page_items};
use crate::warc::WarcWriter;
use crate::{Error, ImportOptions, ImportReport, ItemFailure};

/// `last_status` of a URL not fetched by policy (robots.txt, the SSRF guard, size limit).
pub const STATUS_REFUSED: u16 = 1;

/// How a run behaves.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// At most this many new pages per source per round.
    pub max_pages_per_source: usize,
    /// Pages extracted and stored together.
    pub batch: usize,
    /// Sources worked on at once (each host still gets one request at a time).
    pub parallel_sources: usize,
    /// Child sitemaps followed from one sitemap index.
    pub max_child_sitemaps: usize,
    /// The shortest schedule interval.
    pub min_interval_secs: u64,
    /// The longest schedule interval.
    pub max_interval_secs: u64,
    /// Pages larger than this are not extracted.
    pub max_page_bytes: usize,
    /// The import pipeline's options (its analyzer, batch sizes); `now` is set per batch.
    pub import: ImportOptions,
    /// Which sources a round may claim (see [`Claim`]).
    pub claim: Claim,
    /// How long a claim on a source holds, in seconds; renewed every third of it while the
    /// source is worked on (at least 3 s).
    pub lease_secs: u64,
}

/// Which of the sources given to [`run_round`] a process claims (and so fetches).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Claim {
    /// Every one that no process holds and none has completed since this round began
    /// (`marsad ingest --once`: the processes running at the same time share one round).
    #[default]
    Round,
    /// Only those whose job is due: not completed with a next due time still to come
    /// (`marsad ingest --watch`).
    Due,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            max_pages_per_source: 200,
            batch: 20,
            parallel_sources: 8,
            max_child_sitemaps: 10,
            min_interval_secs: 300,
            max_interval_secs: 6 * 3600,
            max_page_bytes: 10 * 1024 * 1024,
            import: ImportOptions::default(),
            claim: Claim::Round,
            lease_secs: 120,
        }
    }
}

/// What a run works with.
pub struct RunContext {
    /// The store.
    pub store: Store,
    /// The fetcher (shared: it holds the per-host slots and robots cache).
    pub fetcher: Arc<Fetcher>,
    /// The archive being written.
    pub archive: std::sync::Mutex<WarcWriter>,
    /// Options.
    pub options: RunOptions,
    /// Set to stop: the run finishes the batch in hand and returns.
    pub cancel: Arc<AtomicBool>,
    /// Stores are one at a time (the pipeline's later steps keep state).
    import_lock: tokio::sync::Mutex<()>,
    /// Analysed batches waiting for the store; whoever holds `import_lock` stores them all.
    store_queue: std::sync::Mutex<Vec<StoreJob>>,
    /// Who this process is when it claims sources.
    worker: String,
}

impl RunContext {
    /// A context.
    pub fn new(
        store: Store,
        fetcher: Arc<Fetcher>,
        archive: WarcWriter,
        options: RunOptions,
        cancel: Arc<AtomicBool>,
    ) -> RunContext {
        RunContext {
            store,
            fetcher,
            archive: std::sync::Mutex::new(archive),
            options,
            cancel,
            import_lock: tokio::sync::Mutex::new(()),
            store_queue: std::sync::Mutex::new(Vec::new()),
            worker: worker_id(),
        }
    }

    /// Claim sources as `worker` instead of a new id (host, pid and a random part): a process
    /// started in place of one that died, with the dead one's id, takes its leases over at
    /// once instead of waiting for them to end. Two live processes must never share an id.
    #[must_use]
    pub fn with_worker(mut self, worker: impl Into<String>) -> RunContext {
        self.worker = worker.into();
        self
    }

    /// The worker id this process claims sources as (host, pid and a random part).
    pub fn worker(&self) -> &str {
        &self.worker
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// Something that happened, for progress display.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// New URLs were found for a source.
    Found {
        /// The source id.
        source: &'a str,
        /// How many new URLs will be fetched.
        urls: usize,
    },
    /// A page was stored (its article is durable).
    Stored {
        /// The source id.
        source: &'a str,
        /// The URL.
        url: &'a str,
        /// The article id.
        id: &'a str,
        /// `inserted`, `unchanged`, `updated` or `duplicate`.
        outcome: &'a str,
    },
    /// A URL failed.
    Failed {
        /// The source id.
        source: &'a str,
        /// Why.
        error: &'a str,
    },
}

/// What one round did for one source.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceReport {
    /// The source id.
    pub source: String,
    /// Feeds and sitemaps fetched (200).
    pub lists_fetched: usize,
    /// Feeds and sitemaps not modified (304).
    pub lists_not_modified: usize,
    /// Links found in them.
    pub links: usize,
    /// Links not fetched before (or due a retry).
    pub new_links: usize,
    /// Pages fetched.
    pub fetched: usize,
    /// New articles stored.
    pub inserted: usize,
    /// Pages already stored as they are.
    pub unchanged: usize,
    /// Stored articles replaced.
    pub updated: usize,
    /// Pages whose content is stored under another id.
    pub duplicates: usize,
    /// Pages or lists that failed, with why.
    pub failed: Vec<ItemFailure>,
    /// The next schedule.
    pub next_due: Option<DateTime<Utc>>,
    /// Ids of the articles stored or found stored (for the steps after the store).
    #[serde(skip)]
    pub ids: Vec<String>,
}

/// What a round did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoundReport {
    /// Per source.
    pub sources: Vec<SourceReport>,
    /// Pages fetched.
    pub fetched: usize,
    /// New articles stored.
    pub inserted: usize,
    /// Pages failed.
    pub failed: usize,
    /// HTTP requests sent (robots.txt and retries included).
    pub requests: u64,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Whether the run was stopped (Ctrl-C) before it finished.
    pub stopped: bool,
    /// Sources not fetched by this process: another one holds them, fetched them this round,
    /// or (`--watch`) their job is not due. By id.
    pub skipped: Vec<String>,
    /// Ids of the articles stored or found stored (for the steps after the store).
    #[serde(skip)]
    pub ids: Vec<String>,
}

/// One round over `sources`, `parallel_sources` at a time, each claimed first (see the
/// module docs): those another process holds are skipped.
pub async fn run_round(
    ctx: &RunContext,
    sources: Vec<Source>,
    on_event: &(dyn Fn(&Event<'_>) + Sync),
) -> Result<RoundReport, Error> {
    let start = Instant::now();
    let availability = match ctx.options.claim {
        Claim::Round => Availability::NotCompletedSince(Utc::now()),
        Claim::Due => Availability::Due,
    };
    let jobs: Vec<(String, DateTime<Utc>)> = sources
        .iter()
        .map(|s| (s.id.clone(), s.schedule.next_due))
        .collect();
    ctx.store
        .jobs
        .add_jobs(SOURCE_JOB, &jobs)
        .await
        .map_err(Error::Store)?;
    let requests_before = ctx.fetcher.requests_sent();
    let results: Vec<Result<Claimed, Error>> = futures_util::stream::iter(sources)
        .map(|source| async move { run_claimed(ctx, source, availability, on_event).await })
        .buffer_unordered(ctx.options.parallel_sources.max(1))
        .collect()
        .await;
    let mut report = RoundReport::default();
    let mut first_error = None;
    for result in results {
        let source = match result {
            Ok(Claimed::Done(source)) => source,
            Ok(Claimed::Skipped(id)) => {
                report.skipped.push(id);
                continue;
            }
            Err(err) => {
                first_error.get_or_insert(err);
                continue;
            }
        };
        report.fetched += source.fetched;
        report.inserted += source.inserted;
        report.failed += source.failed.len();
        report.ids.extend(source.ids.iter().cloned());
        report.sources.push(source);
    }
    if let Some(err) = first_error {
        return Err(err);
    }
    report.sources.sort_by(|a, b| a.source.cmp(&b.source));
    report.skipped.sort();
    report.requests = ctx.fetcher.requests_sent() - requests_before;
    report.seconds = start.elapsed().as_secs_f64();
    report.stopped = ctx.cancelled();
    Ok(report)
}

/// What a process did with one source of a round.
enum Claimed {
    /// It claimed and fetched it.
    Done(SourceReport),
    /// Another process holds it (or fetched it this round, or its job is not due): its id.
    Skipped(String),
}

/// Claim the source, fetch it while renewing the lease, then complete the job (available
/// again at the source's next due time) or release it (an error, or Ctrl-C before the
/// schedule was written).
async fn run_claimed(
    ctx: &RunContext,
    source: Source,
    availability: Availability,
    on_event: &(dyn Fn(&Event<'_>) + Sync),
) -> Result<Claimed, Error> {
    if ctx.cancelled() {
        return Ok(Claimed::Skipped(source.id));
    }
    let Some(job) = claim_source(ctx, &source.id, availability).await? else {
        tracing::debug!(source = %source.id, "held by another process; skipped");
        return Ok(Claimed::Skipped(source.id));
    };
    let id = source.id.clone();
    let result = tokio::select! {
        result = run_source(ctx, source, on_event) => result,
        never = renew_lease(ctx, &id, availability) => match never {},
    };
    match &result {
        Ok(report) if !ctx.cancelled() => {
            let next = report.next_due.unwrap_or_else(Utc::now);
            let held = ctx
                .store
                .jobs
                .complete(&job, next, Utc::now())
                .await
                .map_err(Error::Store)?;
            if !held {
                tracing::warn!(
                    source = %id,
                    "the lease on this source ended before it was done; another process may have fetched it too (its articles are stored once)"
                );
            }
        }
        _ => {
            if let Err(err) = ctx.store.jobs.release(&job).await {
                tracing::warn!(source = %id, error = %err, "could not release the source's job (it frees itself when the lease ends)");
            }
        }
    }
    result.map(Claimed::Done)
}

fn lease(ctx: &RunContext) -> chrono::Duration {
    chrono::Duration::seconds(i64::try_from(ctx.options.lease_secs.max(3)).unwrap_or(120))
}

/// The source's job leased to this process (a lease it already holds is renewed), or `None`
/// when another process holds it or it is not available.
async fn claim_source(
    ctx: &RunContext,
    id: &str,
    availability: Availability,
) -> Result<Option<Job>, Error> {
    let keys = [id.to_owned()];
    let mut claimed = ctx
        .store
        .jobs
        .claim(&ClaimRequest {
            kind: SOURCE_JOB,
            worker: &ctx.worker,
            keys: Some(&keys),
            limit: 1,
            now: Utc::now(),
            lease: lease(ctx),
            availability,
        })
        .await
        .map_err(Error::Store)?;
    Ok(claimed.pop())
}

/// Renew the lease on a source every third of the lease, forever (dropped when the source
/// is done). A renewal is a claim of a job this worker holds (it counts as an attempt in the
/// job's `attempts`). A failed renewal is logged and tried again at the next tick.
async fn renew_lease(
    ctx: &RunContext,
    id: &str,
    availability: Availability,
) -> std::convert::Infallible {
    let every = std::time::Duration::from_secs(ctx.options.lease_secs.max(3) / 3);
    loop {
        tokio::time::sleep(every).await;
        match claim_source(ctx, id, availability).await {
            Ok(Some(_)) => {}
            Ok(None) => {
                tracing::warn!(source = %id, "lost the lease on this source (another process holds it)")
            }
            Err(err) => {
                tracing::warn!(source = %id, error = %err, "could not renew the lease on this source")
            }
        }
    }
}

/// A worker id unique to this process: the host name, the pid and a random part.
pub fn worker_id() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "host".to_owned());
    format!("{host}-{}-{:016x}", std::process::id(), fastrand::u64(..))
}

/// A feed or sitemap response whose validators wait until its links are handled.
struct ListState {
    state: FetchState,
    links: Vec<String>,
}

async fn run_source(
    ctx: &RunContext,
    source: Source,
    on_event: &(dyn Fn(&Event<'_>) + Sync),
) -> Result<SourceReport, Error> {
    let mut report = SourceReport {
        source: source.id.clone(),
        ..SourceReport::default()
    };
    let now = Utc::now();
    let mut lists: Vec<ListState> = Vec::new();
    for feed in &source.feeds {
        if ctx.cancelled() {
            break;
        }
        if let Some(list) = fetch_list(ctx, &source, feed, true, &mut report).await? {
            lists.push(list);
        }
    }
    let mut sitemaps: Vec<String> = source.sitemaps.clone();
    let mut seen_maps: HashSet<String> = HashSet::new();
    let mut children = 0usize;
    while let Some(map) = sitemaps.pop() {
        if ctx.cancelled() || !seen_maps.insert(map.clone()) {
            continue;
        }
        let Some((list, more)) = fetch_sitemap(ctx, &source, &map, &mut report).await? else {
            continue;
        };
        for child in more {
            if children < ctx.options.max_child_sitemaps {
                children += 1;
                sitemaps.push(child);
            }
        }
        lists.push(list);
    }

    // The links of every list, first seen first, then those never fetched (or due a retry).
    let mut seen = HashSet::new();
    let links: Vec<String> = lists
        .iter()
        .flat_map(|l| l.links.iter().cloned())
        .filter(|l| seen.insert(l.clone()))
        .collect();
    report.links = links.len();
    let states = ctx
        .store
        .sources
        .fetch_states(&links)
        .await
        .map_err(Error::Store)?;
    let mut pending: Vec<String> = links
        .into_iter()
        .zip(states)
        .filter(|(_, state)| state.as_ref().is_none_or(is_retry_due))
        .map(|(url, _)| url)
        .collect();
    report.new_links = pending.len();
    let all_pending = pending.clone();
    pending.truncate(ctx.options.max_pages_per_source);
    on_event(&Event::Found {
        source: &source.id,
        urls: pending.len(),
    });

    // Fetching the next batch overlaps storing the last one, so a host's requests keep
    // their pace while the store works.
    let mut handled: HashSet<String> = HashSet::new();
    let mut in_hand: Vec<Fetched> = Vec::new();
    for chunk in pending.chunks(ctx.options.batch.max(1)) {
        if ctx.cancelled() {
            break;
        }
        let to_store = std::mem::take(&mut in_hand);
        let (stored, fetched) = futures_util::future::join(
            store_pages(ctx, &source, to_store, &mut report, &mut handled, on_event),
            fetch_chunk(ctx, &source, chunk, now, on_event),
        )
        .await;
        stored?;
        let fetched = fetched?;
        report.fetched += fetched.pages.len();
        report.failed.extend(fetched.failures);
        handled.extend(fetched.handled);
        in_hand = fetched.pages;
    }
    store_pages(ctx, &source, in_hand, &mut report, &mut handled, on_event).await?;

    // Validators are kept only for lists whose every link was handled.
    let done: HashSet<&String> = all_pending
        .iter()
        .filter(|u| !handled.contains(*u))
        .collect();
    for list in lists {
        if list.links.iter().all(|l| !done.contains(l)) {
            ctx.store
                .sources
                .put_fetch_state(&list.state)
                .await
                .map_err(Error::Store)?;
        }
    }

    let schedule = next_schedule(&source.schedule, report.inserted, &ctx.options, Utc::now());
    report.next_due = Some(schedule.next_due);
    if !ctx.cancelled() {
        ctx.store
            .sources
            .set_schedule(&source.id, &schedule)
            .await
            .map_err(Error::Store)?;
    }
    Ok(report)
}

/// What fetching one batch gave.
struct ChunkFetch {
    pages: Vec<Fetched>,
    failures: Vec<ItemFailure>,
    handled: Vec<String>,
}

/// Fetch one batch of pages (archiving each), recording the fetch state of failures.
async fn fetch_chunk(
    ctx: &RunContext,
    source: &Source,
    chunk: &[String],
    now: DateTime<Utc>,
    on_event: &(dyn Fn(&Event<'_>) + Sync),
) -> Result<ChunkFetch, Error> {
    let mut out = ChunkFetch {
        pages: Vec::new(),
        failures: Vec::new(),
        handled: Vec::new(),
    };
    for url in chunk {
        if ctx.cancelled() {
            break;
        }
        match ctx.fetcher.fetch(url, None).await {
            Ok(page) if page.not_modified() => out.handled.push(url.clone()),
            Ok(page) => {
                archive(ctx, &page)?;
                out.pages.push(page);
            }
            Err(err) => {
                let message = err.to_string();
                on_event(&Event::Failed {
                    source: &source.id,
                    error: &message,
                });
                if !err.is_transient() {
                    out.handled.push(url.clone());
                }
                record_failure(ctx, source, url, &err, now).await?;
                out.failures.push(ItemFailure {
                    item: url.clone(),
                    error: message,
                });
            }
        }
    }
    Ok(out)
}

/// Whether a URL with this state is fetched again: never-answered or server errors.
fn is_retry_due(state: &FetchState) -> bool {
    state.article_id.is_none()
        && (state.last_status == 0 || state.last_status >= 500 || state.last_status == 429)
}

fn archive(ctx: &RunContext, page: &Fetched) -> Result<(), Error> {
    let mut archive = match ctx.archive.lock() {
        Ok(a) => a,
        Err(poisoned) => poisoned.into_inner(),
    };
    let path = archive.path().to_path_buf();
    archive
        .write_response(page)
        .map_err(|source| Error::Read { path, source })
}

/// Extract, store, then record the fetch state of each page.
async fn store_pages(
    ctx: &RunContext,
    source: &Source,
    fetched: Vec<Fetched>,
    report: &mut SourceReport,
    handled: &mut HashSet<String>,
    on_event: &(dyn Fn(&Event<'_>) + Sync),
) -> Result<(), Error> {
    if fetched.is_empty() {
        return Ok(());
    }
    let max = ctx.options.max_page_bytes;
    let (fetched, results) = tokio::task::spawn_blocking(move || {
        let raw: Vec<RawPage<'_>> = fetched
            .iter()
            .map(|f| RawPage {
                requested_url: &f.url,
                url: &f.final_url,
                body: &f.body,
                charset: f.charset.as_deref(),
                fetched_at: Some(f.fetched_at),
                // Not the source's name: `reprocess` re-extracts from the archive alone and
                // must give the same article.
                source_name: None,
            })
            .collect();
        let results = page_items(&raw, max);
        (fetched, results)
    })
    .await
    .map_err(|err| Error::Jsonl {
        path: "extract".into(),
        line: 0,
        message: err.to_string(),
    })?;
    let mut items = Vec::new();
    let mut item_pages = Vec::new();
    for (page, result) in fetched.iter().zip(results) {
        match result {
            Ok(item) => {
                items.push(item);
                item_pages.push(page);
            }
            Err(failure) => {
                on_event(&Event::Failed {
                    source: &source.id,
                    error: &failure.error,
                });
                // Not an article: remembered, not retried.
                put_state(ctx, source, page, None).await?;
                handled.insert(page.url.clone());
                report.failed.push(failure);
            }
        }
    }
    if items.is_empty() {
        return Ok(());
    }
    let options = ImportOptions {
        batch: items.len(),
        now: Utc::now(),
        ..ctx.options.import.clone()
    };
    // Analysis is pure and the heaviest step: done on every core before taking the store
    // lock, so sources analyse in parallel and only storing is one at a time (batches that
    // wait together are stored together).
    let prepared = {
        let options = options.clone();
        tokio::task::spawn_blocking(move || prepare_batch(items, &options))
            .await
            .map_err(|err| Error::Jsonl {
                path: "analyse".into(),
                line: 0,
                message: err.to_string(),
            })?
    };
    let import = store_together(ctx, prepared, options).await?;
    report.inserted += import.inserted;
    report.unchanged += import.unchanged;
    report.updated += import.updated;
    report.duplicates += import.duplicates;
    for failure in &import.failed {
        report.failed.push(failure.clone());
    }
    // `ids` follows input order for every item the pipeline stored or found stored.
    report.ids.extend(import.ids.iter().cloned());
    if import.ids.len() != item_pages.len() {
        // The pipeline did not give one id per item: leave these pages without a fetch
        // state, so the next round fetches them again (stored once by id) rather than
        // recording a wrong article for a URL.
        tracing::warn!(
            source = %source.id,
            items = item_pages.len(),
            ids = import.ids.len(),
            "import ids do not match the pages; their fetch state is not written"
        );
        return Ok(());
    }
    let outcomes = outcome_names(&import);
    for (i, (page, id)) in item_pages.iter().zip(import.ids.iter()).enumerate() {
        put_state(ctx, source, page, Some(id.clone())).await?;
        handled.insert(page.url.clone());
        on_event(&Event::Stored {
            source: &source.id,
            url: &page.url,
            id,
            outcome: outcomes.get(i).map_or("stored", |s| s),
        });
    }
    Ok(())
}

/// An analysed batch waiting for the store, with where its report goes.
struct StoreJob {
    batch: PreparedBatch,
    options: ImportOptions,
    reply: tokio::sync::oneshot::Sender<Result<ImportReport, Error>>,
}

/// Store one analysed batch, together with the batches of other sources that wait at the same
/// time: the first to get the store takes every waiting batch and stores them in turn with one
/// index commit at the end, then answers each. Many sources finishing together (the end of a
/// round) thus cost one commit, not one each. Each batch's report is its own, and is given
/// only after the commit, so nothing is reported stored before it is durable.
async fn store_together(
    ctx: &RunContext,
    batch: PreparedBatch,
    options: ImportOptions,
) -> Result<ImportReport, Error> {
    let (reply, answer) = tokio::sync::oneshot::channel();
    let queue = || ctx.store_queue.lock().unwrap_or_else(|p| p.into_inner());
    queue().push(StoreJob {
        batch,
        options,
        reply,
    });
    {
        let _turn = ctx.import_lock.lock().await;
        // Our batch is either still waiting (we store it) or was stored and answered by the
        // holder before us, who let go of the lock only after answering.
        let jobs = std::mem::take(&mut *queue());
        if !jobs.is_empty() {
            store_jobs(ctx, jobs).await;
        }
    }
    answer
        .await
        .map_err(|_| Error::Grouped("the store step ended without an answer".into()))?
}

/// Store `jobs` in order with one importer (one index commit), and answer each.
async fn store_jobs(ctx: &RunContext, jobs: Vec<StoreJob>) {
    let started = Instant::now();
    let count = jobs.len();
    let mut importer = Importer::new(&ctx.store, &jobs[0].options);
    let mut answers = Vec::with_capacity(jobs.len());
    let mut items = 0;
    for job in jobs {
        importer.set_now(job.options.now);
        let mark = importer.mark();
        let result = importer
            .store(job.batch)
            .await
            .map(|()| importer.since(&mark));
        if let Ok(r) = &result {
            items += r.items;
        }
        answers.push((job.reply, result));
    }
    let commit = importer.finish().await;
    tracing::debug!(
        batches = count,
        items,
        seconds = started.elapsed().as_secs_f64(),
        "batches stored together"
    );
    let commit_error = commit.err().map(|e| e.to_string());
    for (reply, result) in answers {
        let result = match (&commit_error, result) {
            (Some(why), Ok(_)) => Err(Error::Grouped(format!("index commit: {why}"))),
            (_, result) => result,
        };
        // A dropped receiver is a source that stopped waiting: nothing to tell it.
        let _ = reply.send(result);
    }
}

/// Outcome names in input order are not kept by the pipeline; give one summary word when the
/// batch had a single kind of outcome, else `stored`.
fn outcome_names(import: &crate::ImportReport) -> Vec<&'static str> {
    let kinds = [
        (import.inserted, "inserted"),
        (import.unchanged, "unchanged"),
        (import.updated, "updated"),
        (import.duplicates, "duplicate"),
    ];
    let nonzero: Vec<_> = kinds.iter().filter(|(n, _)| *n > 0).collect();
    match nonzero.as_slice() {
        [(n, name)] => vec![*name; *n],
        _ => Vec::new(),
    }
}

async fn put_state(
    ctx: &RunContext,
    source: &Source,
    page: &Fetched,
    article_id: Option<String>,
) -> Result<(), Error> {
    ctx.store
        .sources
        .put_fetch_state(&FetchState {
            url: page.url.clone(),
            source_id: source.id.clone(),
            etag: page.etag.clone(),
            last_modified: page.last_modified.clone(),
            last_status: page.status,
            first_seen: page.fetched_at,
            last_fetched: page.fetched_at,
            article_id,
        })
        .await
        .map_err(Error::Store)
}

async fn record_failure(
    ctx: &RunContext,
    source: &Source,
    url: &str,
    err: &FetchError,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let status = match err {
        FetchError::Status { status, .. } => *status,
        FetchError::Robots { .. } | FetchError::Refused(_) | FetchError::TooLarge { .. } => {
            STATUS_REFUSED
        }
        FetchError::BadUrl { .. } | FetchError::Redirect { .. } => STATUS_REFUSED,
        _ => 0,
    };
    ctx.store
        .sources
        .put_fetch_state(&FetchState {
            url: url.to_owned(),
            source_id: source.id.clone(),
            etag: None,
            last_modified: None,
            last_status: status,
            first_seen: now,
            last_fetched: now,
            article_id: None,
        })
        .await
        .map_err(Error::Store)
}

/// Fetch a feed (conditionally); its links, or `None` when unchanged or failed.
async fn fetch_list(
    ctx: &RunContext,
    source: &Source,
    url: &str,
    is_feed: bool,
    report: &mut SourceReport,
) -> Result<Option<ListState>, Error> {
    let Some((fetched, state)) = fetch_conditional(ctx, source, url, report).await? else {
        return Ok(None);
    };
    let base = Url::parse(&fetched.final_url).map_err(|_| Error::Jsonl {
        path: url.into(),
        line: 0,
        message: "bad URL".into(),
    })?;
    let links = if is_feed {
        match crate::feeds::parse_feed(&fetched.body, &base) {
            Ok(entries) => entries.into_iter().map(|e| e.url).collect(),
            Err(err) => {
                report.failed.push(ItemFailure {
                    item: url.to_owned(),
                    error: format!("{url}: {err}"),
                });
                return Ok(None);
            }
        }
    } else {
        Vec::new()
    };
    Ok(Some(ListState { state, links }))
}

/// Fetch a sitemap (conditionally): its page links (newest first when dated) and children.
async fn fetch_sitemap(
    ctx: &RunContext,
    source: &Source,
    url: &str,
    report: &mut SourceReport,
) -> Result<Option<(ListState, Vec<String>)>, Error> {
    let Some((fetched, state)) = fetch_conditional(ctx, source, url, report).await? else {
        return Ok(None);
    };
    let base = match Url::parse(&fetched.final_url) {
        Ok(base) => base,
        Err(_) => return Ok(None),
    };
    match crate::sitemap::parse_sitemap(&fetched.body, &base) {
        Ok(map) => {
            let mut pages = map.pages;
            pages.sort_by_key(|p| std::cmp::Reverse(p.published));
            let links = pages.into_iter().map(|p| p.url).collect();
            Ok(Some((ListState { state, links }, map.sitemaps)))
        }
        Err(err) => {
            report.failed.push(ItemFailure {
                item: url.to_owned(),
                error: format!("{url}: {err}"),
            });
            Ok(None)
        }
    }
}

async fn fetch_conditional(
    ctx: &RunContext,
    source: &Source,
    url: &str,
    report: &mut SourceReport,
) -> Result<Option<(Fetched, FetchState)>, Error> {
    let previous = ctx
        .store
        .sources
        .fetch_states(&[url.to_owned()])
        .await
        .map_err(Error::Store)?
        .into_iter()
        .next()
        .flatten();
    let validators = previous.as_ref().map(|p| Validators {
        etag: p.etag.clone(),
        last_modified: p.last_modified.clone(),
    });
    match ctx.fetcher.fetch(url, validators.as_ref()).await {
        Ok(fetched) if fetched.not_modified() => {
            report.lists_not_modified += 1;
            Ok(None)
        }
        Ok(fetched) => {
            report.lists_fetched += 1;
            let state = FetchState {
                url: url.to_owned(),
                source_id: source.id.clone(),
                etag: fetched.etag.clone(),
                last_modified: fetched.last_modified.clone(),
                last_status: fetched.status,
                first_seen: fetched.fetched_at,
                last_fetched: fetched.fetched_at,
                article_id: None,
            };
            Ok(Some((fetched, state)))
        }
        Err(err) => {
            report.failed.push(ItemFailure {
                item: url.to_owned(),
                error: err.to_string(),
            });
            Ok(None)
        }
    }
}

/// The next schedule: shorter (halved) after a round that found new articles, longer
/// (×1.5) after one that found none, within the options' bounds.
pub fn next_schedule(
    previous: &Schedule,
    new_articles: usize,
    options: &RunOptions,
    now: DateTime<Utc>,
) -> Schedule {
    let current = previous.interval_secs.max(1);
    let next = if new_articles > 0 {
        current / 2
    } else {
        current + current / 2
    };
    let interval = next.clamp(
        options.min_interval_secs,
        options.max_interval_secs.max(options.min_interval_secs),
    );
    Schedule {
        interval_secs: interval,
        next_due: now + chrono::Duration::seconds(i64::try_from(interval).unwrap_or(i64::MAX / 2)),
        last_run: Some(now),
        last_new: new_articles as u64,
    }
}

/// Sources due at `now`, soonest first.
pub fn due_sources(sources: Vec<Source>, now: DateTime<Utc>) -> Vec<Source> {
    let mut due: Vec<Source> = sources
        .into_iter()
        .filter(|s| s.schedule.next_due <= now)
        .collect();
    due.sort_by_key(|s| s.schedule.next_due);
    due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_adapts_within_bounds() {
        let options = RunOptions {
            min_interval_secs: 60,
            max_interval_secs: 3600,
            ..RunOptions::default()
        };
        let now = Utc::now();
        let s = Schedule {
            interval_secs: 1000,
            next_due: now,
            last_run: None,
            last_new: 0,
        };
        assert_eq!(next_schedule(&s, 3, &options, now).interval_secs, 500);
        assert_eq!(next_schedule(&s, 0, &options, now).interval_secs, 1500);
        let fast = Schedule {
            interval_secs: 70,
            ..s.clone()
        };
        assert_eq!(next_schedule(&fast, 9, &options, now).interval_secs, 60);
        let slow = Schedule {
            interval_secs: 3000,
            ..s
        };
        let next = next_schedule(&slow, 0, &options, now);
        assert_eq!(next.interval_secs, 3600);
        assert_eq!(next.next_due, now + chrono::Duration::seconds(3600));
    }
}
