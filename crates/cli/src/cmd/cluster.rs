//! `marsad cluster`: near-duplicates, events, storylines and timelines over the data folder,
//! from the clustering the store keeps.
//!
//! `marsad import` places each new article incrementally ([`update`]): the clusterer's saved
//! state is loaded from the store, only articles it has not placed are added, and the state
//! and the assignments (article → event, near-duplicate → canonical, event → storyline) are
//! written back in one transaction. Nothing already placed is revisited. The state is rebuilt
//! from every stored article only when there is none, when it was saved by another
//! `STATE_VERSION` or configuration, or on `--rebuild`. `marsad cluster` first places
//! articles stored but not yet placed (a data folder imported before clustering existed),
//! then prints what is stored. Processes sharing a store take turns for a whole update (load,
//! place, save) through the store's job queue ([`update`]), so one never saves over placements
//! another saved after it loaded. An article replaced under the same id keeps its placement;
//! a deleted article stays in its event until `--rebuild`.
//!
//! `--json` prints one object (schema 1), events by date then id:
//! `{"schema":1,
//!   "events":[{"id","label","date","articles":[id],"sources":[outlet],"entities":[name],"terms":[stem]}],
//!   "storylines":[{"id","label","events":[event id]}],
//!   "timeline":{storyline id:[{"date","precision","what","articles":[id],"kind":"event"|"mentioned","event"}]},
//!   "duplicates":[{"canonical","copies":[id],"sources":[outlet]}],
//!   "undated":[id]}`.
//! Articles without a publication date are placed by content at their latest full date in the
//! text (else their import time) and listed in `undated`. Each article's named things are the
//! entities its stored analysis recognised in the headline and lead ([`entity_keys`]); an
//! article without an analysis falls back to the clusterer's guessed names.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use marsad_analyze::{
    Analysis, ArticleEntities, Context as Scoring, Field, SourceProfiles, rescore,
    scored_corroboration,
};
use marsad_cluster::{
    Clusterer, Config, Doc, EntryKind, Event, STATE_VERSION, Storyline, TimelineEntry,
};
use marsad_store::{
    ArticleAssignment, Availability, ClaimRequest, ClusterState, ClusterUpdate, EventRecord, Job,
    Store, StoredArticle, StorylineRecord, TimelineRecord,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::data::{DataArgs, runtime};

/// Articles read from the store per page.
const PAGE: usize = 500;
/// Largest decompressed state read back (bounds a damaged or hostile row).
const MAX_STATE_BYTES: u64 = 8 << 30;
/// zstd's fastest levels: the state is rewritten on every update.
const STATE_ZSTD_LEVEL: i32 = 1;

/// Flags of `marsad cluster`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print JSON (schema in this command's docs and docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
    /// In the summary, show events of at least this many articles.
    #[arg(long, default_value_t = 2)]
    pub min_articles: usize,
    /// Cluster every stored article again from scratch (replaces the stored clustering).
    #[arg(long)]
    pub rebuild: bool,
    /// Source profiles for the credibility and importance scores that corroboration changes
    /// (JSON, docs/scores.md; the same file `marsad import --profiles` was given).
    #[arg(long)]
    pub profiles: Option<std::path::PathBuf>,
}

#[derive(Serialize)]
struct Report {
    schema: u32,
    events: Vec<Event>,
    storylines: Vec<Storyline>,
    timeline: BTreeMap<String, Vec<TimelineEntry>>,
    duplicates: Vec<marsad_cluster::DuplicateGroup>,
    undated: Vec<String>,
}

/// What one clustering update did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Updated {
    /// Articles placed by this update.
    pub placed: usize,
    /// Whether the whole store was clustered again (no usable saved state).
    pub rebuilt: bool,
    /// Articles placed in all.
    pub articles: usize,
}

/// Run `marsad cluster`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let clusterer = runtime()?.block_on(async {
        let store = args.data.open().await?;
        let profiles = crate::cmd::analyze::profiles_from(args.profiles.as_deref())?;
        let (clusterer, _) = if args.rebuild {
            in_turn(&store, rebuild(&store, &profiles)).await?
        } else {
            in_turn(&store, sync(&store, &profiles)).await?
        };
        anyhow::Ok(clusterer)
    })?;
    let storylines = clusterer.storylines();
    let timeline = storylines
        .iter()
        .map(|s| (s.id.clone(), clusterer.timeline(s)))
        .collect();
    let mut events = clusterer.events();
    // By date, not by when the first article happened to be imported.
    events.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let report = Report {
        schema: 1,
        events,
        storylines,
        timeline,
        duplicates: clusterer.duplicates(),
        undated: clusterer.undated(),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        summary(&mut out, &report, args.min_articles, clusterer.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Place the stored articles `ids` that the saved clustering has not placed yet, and save
/// it (what `marsad import` runs after storing). Without a usable saved state, clusters the
/// whole store instead. The credibility and importance of the articles of every event it
/// touched are scored again when the number of independent outlets corroborating them
/// changed, with `profiles` (those the import analysed with).
///
/// # Errors
/// The store's, or a saved state that cannot be decoded.
pub async fn update(
    store: &Store,
    ids: &[String],
    profiles: &SourceProfiles,
) -> anyhow::Result<Updated> {
    in_turn(store, update_in_turn(store, ids, profiles)).await
}

async fn update_in_turn(
    store: &Store,
    ids: &[String],
    profiles: &SourceProfiles,
) -> anyhow::Result<Updated> {
    let started = std::time::Instant::now();
    let Some(mut clusterer) = load(store).await? else {
        return Ok(rebuild(store, profiles).await?.1);
    };
    tracing::debug!(
        seconds = started.elapsed().as_secs_f64(),
        "cluster update: state loaded"
    );
    let mut seen = HashSet::new();
    let fresh: Vec<String> = ids
        .iter()
        .filter(|id| !clusterer.contains(id) && seen.insert(id.as_str()))
        .cloned()
        .collect();
    let mut articles = Vec::with_capacity(fresh.len());
    for chunk in fresh.chunks(PAGE) {
        let found = store
            .articles
            .get_many(chunk)
            .await
            .context("read articles")?;
        articles.extend(found.into_iter().flatten());
    }
    let placed = place(store, &mut clusterer, &articles, false, profiles).await?;
    Ok(Updated {
        placed,
        rebuilt: false,
        articles: clusterer.len(),
    })
}

/// Place every stored article the saved clustering has not placed (or cluster the whole
/// store when there is no usable saved state), with no source profiles.
///
/// # Errors
/// The store's.
pub async fn sync_all(store: &Store) -> anyhow::Result<Updated> {
    let profiles = SourceProfiles::default();
    Ok(in_turn(store, sync(store, &profiles)).await?.1)
}

/// The job kind whose one job (key [`CLUSTER_TURN_KEY`]) is held while a clustering update
/// loads the saved state, places articles and saves it: processes sharing a store (several
/// `marsad ingest` on one PostgreSQL) take turns, so none saves a state it loaded before
/// another one's save, which would drop the other's placements from the state. (The
/// PostgreSQL save's advisory lock alone serialises the writes, not load-place-save.)
const CLUSTER_TURN_JOB: &str = "cluster";
/// The key of that job.
const CLUSTER_TURN_KEY: &str = "update";
/// How long a turn holds before another process may take it; renewed every third of it
/// while the work runs, so a process that dies blocks the others for this long at most.
const CLUSTER_TURN_LEASE_SECS: u64 = 120;

/// Run `work` while holding the clustering turn (waiting while another process holds it),
/// then give the turn back.
async fn in_turn<T>(
    store: &Store,
    work: impl std::future::Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let worker = marsad_ingest::run::worker_id();
    store
        .jobs
        .add_jobs(
            CLUSTER_TURN_JOB,
            &[(CLUSTER_TURN_KEY.to_owned(), chrono::DateTime::UNIX_EPOCH)],
        )
        .await
        .context("add the clustering turn")?;
    let job = loop {
        if let Some(job) = take_turn(store, &worker)
            .await
            .context("take the clustering turn")?
        {
            break job;
        }
        tracing::debug!("another process is clustering; waiting for its turn to end");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let result = tokio::select! {
        result = work => result,
        never = keep_turn(store, &worker) => match never {},
    };
    if let Err(err) = store.jobs.release(&job).await {
        tracing::warn!(error = %err, "could not give the clustering turn back (it ends with its lease)");
    }
    result
}

/// Claim the clustering turn (or renew it, when this worker holds it).
async fn take_turn(store: &Store, worker: &str) -> Result<Option<Job>, marsad_store::Error> {
    let keys = [CLUSTER_TURN_KEY.to_owned()];
    let mut claimed = store
        .jobs
        .claim(&ClaimRequest {
            kind: CLUSTER_TURN_JOB,
            worker,
            keys: Some(&keys),
            limit: 1,
            now: chrono::Utc::now(),
            lease: chrono::Duration::seconds(CLUSTER_TURN_LEASE_SECS as i64),
            availability: Availability::Due,
        })
        .await?;
    Ok(claimed.pop())
}

/// Renew the turn every third of its lease, forever (dropped when the work is done).
async fn keep_turn(store: &Store, worker: &str) -> std::convert::Infallible {
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(CLUSTER_TURN_LEASE_SECS / 3)).await;
        match take_turn(store, worker).await {
            Ok(Some(_)) => {}
            Ok(None) => tracing::warn!("lost the clustering turn (its lease ended)"),
            Err(err) => tracing::warn!(error = %err, "could not renew the clustering turn"),
        }
    }
}

/// The saved clustering with every stored article placed (placing any missing first).
async fn sync(store: &Store, profiles: &SourceProfiles) -> anyhow::Result<(Clusterer, Updated)> {
    let Some(mut clusterer) = load(store).await? else {
        return rebuild(store, profiles).await;
    };
    let stored = store.articles.count().await.context("count articles")?;
    let mut placed = 0;
    if stored != clusterer.len() as u64 {
        let mut missing = Vec::new();
        scan(store, |page| {
            missing.extend(page.into_iter().filter(|a| !clusterer.contains(&a.id)));
        })
        .await?;
        placed = place(store, &mut clusterer, &missing, false, profiles).await?;
    }
    let articles = clusterer.len();
    Ok((
        clusterer,
        Updated {
            placed,
            rebuilt: false,
            articles,
        },
    ))
}

/// Cluster every stored article from scratch and save it, replacing what was stored.
async fn rebuild(store: &Store, profiles: &SourceProfiles) -> anyhow::Result<(Clusterer, Updated)> {
    let mut all = Vec::new();
    scan(store, |page| all.extend(page)).await?;
    let mut clusterer = Clusterer::new(Config::default());
    let placed = place(store, &mut clusterer, &all, true, profiles).await?;
    let articles = clusterer.len();
    Ok((
        clusterer,
        Updated {
            placed,
            rebuilt: true,
            articles,
        },
    ))
}

async fn scan(store: &Store, mut each: impl FnMut(Vec<StoredArticle>)) -> anyhow::Result<()> {
    let mut after: Option<String> = None;
    loop {
        let page = store
            .articles
            .scan(after.as_deref(), PAGE)
            .await
            .context("read articles")?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        let full = page.len() == PAGE;
        each(page);
        if !full {
            break;
        }
    }
    Ok(())
}

/// Add `articles` as one batch, save the state with the assignments it changed, then score
/// again the articles whose corroboration changed.
async fn place(
    store: &Store,
    clusterer: &mut Clusterer,
    articles: &[StoredArticle],
    replace: bool,
    profiles: &SourceProfiles,
) -> anyhow::Result<usize> {
    if articles.is_empty() && !replace {
        return Ok(0);
    }
    let mut analyses = Vec::with_capacity(articles.len());
    for chunk in articles.chunks(PAGE) {
        let ids: Vec<String> = chunk.iter().map(|a| a.id.clone()).collect();
        analyses.extend(
            store
                .analyses
                .get_analyses(&ids)
                .await
                .context("read analyses")?,
        );
    }
    // Pure and per article (dates read in the text, words counted): on every core, in order.
    let docs: Vec<Doc> = articles
        .par_iter()
        .zip(analyses.par_iter())
        .map(|(a, analysis)| doc_of(a, analysis.as_ref().map(|x| &x.entities)))
        .collect();
    let mut timer = Timer::start();
    // The storylines as stored (written with the saved state, in the same transaction), to
    // write only those that change. Read back rather than linked again from the state.
    let before: HashMap<String, StorylineRecord> = if replace {
        HashMap::new()
    } else {
        store
            .clusters
            .storylines()
            .await
            .context("read the stored storylines")?
            .into_iter()
            .map(|s| (s.id.clone(), s))
            .collect()
    };
    timer.lap("storylines before");
    let placements = clusterer.add_batch(&docs);
    timer.lap("placed");
    let mut touched: BTreeSet<&str> = BTreeSet::new();
    let mut assignments = Vec::with_capacity(docs.len());
    for (doc, p) in marsad_cluster::batch_order(&docs)
        .into_iter()
        .zip(&placements)
    {
        touched.insert(p.event.as_str());
        assignments.push(ArticleAssignment {
            article: doc.id.clone(),
            event: p.event.clone(),
            duplicate_of: p.duplicate_of.clone(),
        });
    }
    let events: Vec<EventRecord> = touched
        .iter()
        .filter_map(|id| clusterer.event(id))
        .map(|e| EventRecord {
            articles: e.articles.len() as u64,
            id: e.id,
            label: e.label,
            date: e.date,
            entities: e.entities,
        })
        .collect();
    timer.lap("events");
    let mut lines = clusterer.storylines();
    timer.lap("storylines linked");
    let removed: Vec<String> = if replace {
        Vec::new()
    } else {
        let now: HashSet<&str> = lines.iter().map(|s| s.id.as_str()).collect();
        let mut gone: Vec<String> = before
            .keys()
            .filter(|id| !now.contains(id.as_str()))
            .cloned()
            .collect();
        gone.sort();
        // Unchanged: the same events and label, none of them touched (their timelines
        // would not change either).
        lines.retain(|s| {
            let same = before
                .get(&s.id)
                .is_some_and(|b| b.label == s.label && b.events == s.events);
            !same || s.events.iter().any(|e| touched.contains(e.as_str()))
        });
        gone
    };
    let timelines = lines
        .iter()
        .flat_map(|s| {
            clusterer.timeline(s).into_iter().map(|t| TimelineRecord {
                storyline: s.id.clone(),
                date: t.date,
                precision: t.precision,
                kind: match t.kind {
                    EntryKind::Event => "event",
                    EntryKind::Mentioned => "mentioned",
                }
                .to_owned(),
                what: t.what,
                event: t.event,
                articles: t.articles,
            })
        })
        .collect();
    let storylines = lines
        .into_iter()
        .map(|s| StorylineRecord {
            id: s.id,
            label: s.label,
            events: s.events,
        })
        .collect();
    timer.lap("changed storylines and timelines");
    let state = encode(clusterer)?;
    timer.lap("state encoded");
    let update = ClusterUpdate {
        state: Some(state),
        replace,
        articles: assignments,
        events,
        storylines,
        timelines,
        storylines_changed_only: !replace,
        storylines_removed: removed,
    };
    store
        .clusters
        .save(&update)
        .await
        .context("save clustering")?;
    tracing::debug!(
        state_bytes = update.state.as_ref().map_or(0, |s| s.bytes.len()),
        articles = update.articles.len(),
        events = update.events.len(),
        storylines = update.storylines.len(),
        storyline_events = update
            .storylines
            .iter()
            .map(|s| s.events.len())
            .sum::<usize>(),
        timeline_entries = update.timelines.len(),
        removed = update.storylines_removed.len(),
        "cluster update: rows saved"
    );
    timer.lap("saved");
    let touched: Vec<&str> = update.events.iter().map(|e| e.id.as_str()).collect();
    // The articles and analyses just read for placing need not be read again.
    let held: HashMap<&str, (&StoredArticle, &Analysis)> = articles
        .iter()
        .zip(&analyses)
        .filter_map(|(a, analysis)| Some((a.id.as_str(), (a, analysis.as_ref()?))))
        .collect();
    corroborate(store, clusterer, &touched, &held, profiles).await?;
    timer.lap("corroboration");
    Ok(placements.len())
}

/// Logs (at debug level) how long each step of an update took.
struct Timer(std::time::Instant);

impl Timer {
    fn start() -> Self {
        Timer(std::time::Instant::now())
    }

    fn lap(&mut self, what: &str) {
        tracing::debug!(
            seconds = self.0.elapsed().as_secs_f64(),
            "cluster update: {what}"
        );
        self.0 = std::time::Instant::now();
    }
}

/// Score again the articles of these events whose stored analysis was made with another
/// count of corroborating outlets than the event now has ([`Clusterer::corroboration`]).
/// Returns how many were rescored.
async fn corroborate(
    store: &Store,
    clusterer: &Clusterer,
    events: &[&str],
    held: &HashMap<&str, (&StoredArticle, &Analysis)>,
    profiles: &SourceProfiles,
) -> anyhow::Result<usize> {
    let counts: Vec<(String, usize)> = events
        .iter()
        .filter_map(|e| clusterer.corroboration(e))
        .flatten()
        .collect();
    let mut rescored = 0;
    // Seconds spent reading, rescoring and writing, for the debug log.
    let (mut reading, mut scoring, mut writing) = (0.0, 0.0, 0.0);
    for chunk in counts.chunks(PAGE) {
        let started = std::time::Instant::now();
        // The analyses the caller holds, and the others read from the store.
        let unheld: Vec<String> = chunk
            .iter()
            .filter(|(id, _)| !held.contains_key(id.as_str()))
            .map(|(id, _)| id.clone())
            .collect();
        let analyses = store
            .analyses
            .get_analyses(&unheld)
            .await
            .context("read analyses")?;
        let mut read: HashMap<String, Analysis> = unheld
            .into_iter()
            .zip(analyses)
            .filter_map(|(id, a)| Some((id, a?)))
            .collect();
        let stale: Vec<(String, usize, Analysis)> = chunk
            .iter()
            .filter_map(|(id, n)| {
                let a = match held.get(id.as_str()) {
                    Some((_, a)) => Cow::Borrowed(*a),
                    None => Cow::Owned(read.remove(id)?),
                };
                (scored_corroboration(&a) != Some(*n)).then(|| (id.clone(), *n, a.into_owned()))
            })
            .collect();
        if stale.is_empty() {
            continue;
        }
        let unheld: Vec<String> = stale
            .iter()
            .filter(|(id, _, _)| !held.contains_key(id.as_str()))
            .map(|(id, _, _)| id.clone())
            .collect();
        let read_articles: HashMap<String, StoredArticle> = store
            .articles
            .get_many(&unheld)
            .await
            .context("read articles")?
            .into_iter()
            .flatten()
            .map(|a| (a.id.clone(), a))
            .collect();
        reading += started.elapsed().as_secs_f64();
        let started = std::time::Instant::now();
        // Pure and per article: on every core, in order.
        let fresh: Vec<(String, Analysis)> = stale
            .into_par_iter()
            .filter_map(|(id, n, mut analysis)| {
                let stored = match held.get(id.as_str()) {
                    Some((a, _)) => *a,
                    None => read_articles.get(&id)?,
                };
                let context = Scoring {
                    today: Some(stored.imported_at.date_naive()),
                    corroborating_sources: Some(n),
                    ..Scoring::default()
                };
                rescore(&stored.article, &mut analysis, profiles, &context);
                Some((id, analysis))
            })
            .collect();
        rescored += fresh.len();
        scoring += started.elapsed().as_secs_f64();
        let started = std::time::Instant::now();
        store
            .analyses
            .put_analyses(&fresh)
            .await
            .context("save rescored analyses")?;
        writing += started.elapsed().as_secs_f64();
    }
    tracing::debug!(
        rescored,
        reading,
        scoring,
        writing,
        "cluster update: corroboration steps"
    );
    Ok(rescored)
}

/// The clusterer's view of a stored article: undated articles are placed by content alone,
/// at their latest full date in the text, else at their import time. `entities` are the
/// article's recognised entities (its stored analysis), when it has them.
fn doc_of(stored: &StoredArticle, entities: Option<&ArticleEntities>) -> Doc {
    let mut doc = Doc::from_article(&stored.id, &stored.article).unwrap_or_else(|_| {
        Doc::from_article_at(&stored.id, &stored.article, stored.imported_at.naive_utc())
    });
    doc.entities = entities.map(entity_keys);
    doc
}

/// Body paragraphs that make the lead, where an entity counts as what the article is about.
const LEAD_PARAGRAPHS: usize = 2;

/// The clusterer's entity keys of an article: the canonical name of each entity mentioned
/// in the headline or the lead, once per such mention (a name the headline and the lead
/// both use weighs twice). Names only in later paragraphs are background (the recalled
/// past, the other party quoted) and left out.
pub(crate) fn entity_keys(entities: &ArticleEntities) -> Vec<String> {
    entities
        .mentions
        .iter()
        .filter(|m| m.field == Field::Title || m.paragraph < LEAD_PARAGRAPHS)
        .filter_map(|m| entities.entities.get(m.entity))
        .map(|e| e.canonical.clone())
        .collect()
}

/// The saved state's encoding: postcard (compact binary serde) compressed with zstd. JSON
/// was 4× larger and slower to write than the clustering it saved once stores grew large.
fn format_name() -> String {
    format!("marsad-cluster/{STATE_VERSION}+postcard.zst")
}

/// The encoding of earlier builds, still read (written again in the current one).
fn json_format_name() -> String {
    format!("marsad-cluster/{STATE_VERSION}+json.gz")
}

fn encode(clusterer: &Clusterer) -> anyhow::Result<ClusterState> {
    let started = std::time::Instant::now();
    let bytes = postcard::to_stdvec(clusterer).context("encode the cluster state")?;
    tracing::debug!(
        seconds = started.elapsed().as_secs_f64(),
        bytes = bytes.len(),
        "cluster update: state serialised"
    );
    let bytes =
        zstd::bulk::compress(&bytes, STATE_ZSTD_LEVEL).context("compress the cluster state")?;
    Ok(ClusterState {
        format: format_name(),
        articles: clusterer.len() as u64,
        bytes,
    })
}

/// The saved clusterer, when there is one of this build's format and configuration.
async fn load(store: &Store) -> anyhow::Result<Option<Clusterer>> {
    let Some(state) = store
        .clusters
        .state()
        .await
        .context("read the cluster state")?
    else {
        return Ok(None);
    };
    let rebuild = "run `marsad cluster --rebuild`";
    let clusterer: Clusterer = if state.format == format_name() {
        let mut raw = Vec::new();
        zstd::stream::read::Decoder::new(state.bytes.as_slice())
            .context("decompress the saved cluster state")?
            .take(MAX_STATE_BYTES)
            .read_to_end(&mut raw)
            .with_context(|| format!("decompress the saved cluster state ({rebuild})"))?;
        postcard::from_bytes(&raw)
            .with_context(|| format!("decode the saved cluster state ({rebuild})"))?
    } else if state.format == json_format_name() {
        let mut json = Vec::new();
        flate2::read::GzDecoder::new(state.bytes.as_slice())
            .take(MAX_STATE_BYTES)
            .read_to_end(&mut json)
            .with_context(|| format!("decompress the saved cluster state ({rebuild})"))?;
        serde_json::from_slice(&json)
            .with_context(|| format!("decode the saved cluster state ({rebuild})"))?
    } else {
        return Ok(None);
    };
    Ok((clusterer.config() == &Config::default()).then_some(clusterer))
}

fn summary(
    out: &mut impl Write,
    r: &Report,
    min_articles: usize,
    articles: usize,
) -> std::io::Result<()> {
    let copies: usize = r.duplicates.iter().map(|d| d.copies.len()).sum();
    writeln!(
        out,
        "{articles} articles, {} events, {} storylines, {copies} near-duplicates in {} groups",
        r.events.len(),
        r.storylines.len(),
        r.duplicates.len()
    )?;
    let by_id: BTreeMap<&str, &Event> = r.events.iter().map(|e| (e.id.as_str(), e)).collect();
    for s in &r.storylines {
        writeln!(out, "\nstoryline {}: {}", s.id, s.label)?;
        for entry in r.timeline.get(&s.id).into_iter().flatten() {
            let mark = match entry.kind {
                marsad_cluster::EntryKind::Event => "event",
                marsad_cluster::EntryKind::Mentioned => "  recalled",
            };
            writeln!(
                out,
                "  {:<10} {mark}: {} ({} articles)",
                entry.date,
                entry.what,
                entry.articles.len()
            )?;
        }
    }
    let mut big: Vec<&Event> = by_id
        .values()
        .copied()
        .filter(|e| e.articles.len() >= min_articles)
        .collect();
    big.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.date.cmp(&b.date))
    });
    if !big.is_empty() {
        writeln!(out, "\nevents of {min_articles}+ articles:")?;
    }
    for e in big {
        writeln!(
            out,
            "  {} {} [{} articles; {}] {}",
            e.date,
            e.label,
            e.articles.len(),
            e.sources.join(", "),
            e.id
        )?;
    }
    if !r.undated.is_empty() {
        writeln!(
            out,
            "\n{} undated articles placed by content alone",
            r.undated.len()
        )?;
    }
    Ok(())
}
