//! [`JobQueue`]: work shared between processes (several `marsad ingest` on one PostgreSQL, or
//! on one SQLite folder), so that each piece of work is done by one of them at a time:
//! `marsad-ingest` claims each source of a round (`marsad_ingest::run`), and `marsad`'s
//! clustering update holds the job `("cluster", "update")` while it loads, places and saves.
//!
//! A job is a `(kind, key)` pair, e.g. `("source", "example.ma")`: "fetch this source". A
//! worker *claims* jobs: the store writes the worker's id and a lease end on each, in one
//! atomic step (`BEGIN IMMEDIATE` on SQLite, `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL),
//! so two workers never hold the same job. The worker then *completes* the job (clearing the
//! lease and saying when the job is available again: the source's next due time) or
//! *releases* it (anyone may take it now). A worker that dies holds its jobs only until their
//! lease ends; then another takes them. This is a lease, not a lock: work must be idempotent
//! (ingest is — an article is stored once by its id and content hash), and a worker whose
//! lease ended learns it when `complete` returns `false`.
//!
//! Times are the caller's (`now`), as everywhere in the store: workers on several machines
//! need clocks within a small part of the lease (NTP is plenty).

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::Error;

/// The job kind of "fetch this source" (its key is the source id).
pub const SOURCE_JOB: &str = "source";

/// A job held by a worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Job {
    /// Its kind (`source`).
    pub kind: String,
    /// Its key (the source id).
    pub key: String,
    /// The worker holding it.
    pub worker: String,
    /// Until when the worker holds it.
    pub lease_until: DateTime<Utc>,
    /// Claims since it was last completed (1 for a first claim; more after lost leases).
    pub attempts: u32,
}

/// A job as stored (for listing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobRecord {
    /// Its kind.
    pub kind: String,
    /// Its key.
    pub key: String,
    /// From when it may be claimed (see [`Availability`]).
    pub available_at: DateTime<Utc>,
    /// The worker holding it or that held it last, while leased.
    pub worker: Option<String>,
    /// When the current lease ends.
    pub lease_until: Option<DateTime<Utc>>,
    /// Claims since it was last completed.
    pub attempts: u32,
    /// When it was last completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// Which jobs a claim may take (besides never one leased to another worker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// Only jobs whose `available_at` has come (`marsad ingest --watch`).
    Due,
    /// Any job not completed since this instant, due or not (`marsad ingest --once`: one
    /// round over every source, shared by the processes that run it at the same time).
    NotCompletedSince(DateTime<Utc>),
}

/// What to claim.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRequest<'a> {
    /// The kind.
    pub kind: &'a str,
    /// Who claims (unique per process: host, pid and a random part).
    pub worker: &'a str,
    /// Only among these keys (`None`: any key of the kind).
    pub keys: Option<&'a [String]>,
    /// At most this many jobs.
    pub limit: usize,
    /// The current time.
    pub now: DateTime<Utc>,
    /// How long the claim holds.
    pub lease: Duration,
    /// Which jobs may be taken.
    pub availability: Availability,
}

/// Jobs claimed by workers, in the store they share.
#[async_trait]
pub trait JobQueue: Send + Sync {
    /// Add the jobs `(key, available_at)` of `kind` that do not exist yet; existing jobs keep
    /// their state. How many were added.
    async fn add_jobs(&self, kind: &str, jobs: &[(String, DateTime<Utc>)]) -> Result<u64, Error>;
    /// Lease up to `limit` jobs to the worker, atomically: a job leased to another worker
    /// whose lease has not ended is never taken; one already leased to this worker is taken
    /// again (its lease renewed). Oldest `available_at` first, then by key.
    async fn claim(&self, request: &ClaimRequest<'_>) -> Result<Vec<Job>, Error>;
    /// Complete a held job: clear its lease, make it available again at `next_available`,
    /// reset its attempts. `false` (and nothing changed) when the worker no longer holds it
    /// (its lease ended and another worker took it, or the job is gone).
    async fn complete(
        &self,
        job: &Job,
        next_available: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error>;
    /// Give a held job back without completing it (anyone may claim it now); `false` when the
    /// worker no longer holds it.
    async fn release(&self, job: &Job) -> Result<bool, Error>;
    /// Every job of `kind`, by key.
    async fn jobs(&self, kind: &str) -> Result<Vec<JobRecord>, Error>;
}
