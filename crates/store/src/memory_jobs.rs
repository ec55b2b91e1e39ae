//! [`JobQueue`] in memory, for [`MemoryStore`](crate::MemoryStore) and the tests of the
//! crates above; the rules of a claim are [`claimable`], which the SQL backends mirror.

use std::collections::BTreeMap;
use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Error;
use crate::jobs::{Availability, ClaimRequest, Job, JobQueue, JobRecord};

/// Every job by `(kind, key)`.
type Jobs = BTreeMap<(String, String), JobRecord>;

/// Jobs in memory; one lock makes each call atomic.
#[derive(Debug, Default)]
pub struct MemoryJobs {
    jobs: Mutex<Jobs>,
}

/// Whether `record` may be leased by `request` (kind and keys aside).
pub(crate) fn claimable(record: &JobRecord, request: &ClaimRequest<'_>) -> bool {
    let free = match (&record.worker, record.lease_until) {
        (Some(worker), Some(until)) => worker == request.worker || until <= request.now,
        _ => true,
    };
    let available = match request.availability {
        Availability::Due => record.available_at <= request.now,
        Availability::NotCompletedSince(since) => record.completed_at.is_none_or(|c| c < since),
    };
    free && available
}

impl MemoryJobs {
    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Jobs>, Error> {
        self.jobs.lock().map_err(|_| Error::Poisoned {
            what: "memory jobs",
        })
    }
}

fn holds(record: &JobRecord, job: &Job) -> bool {
    record.worker.as_deref() == Some(job.worker.as_str())
}

#[async_trait]
impl JobQueue for MemoryJobs {
    async fn add_jobs(&self, kind: &str, jobs: &[(String, DateTime<Utc>)]) -> Result<u64, Error> {
        let mut all = self.lock()?;
        let mut added = 0;
        for (key, available_at) in jobs {
            all.entry((kind.to_owned(), key.clone()))
                .or_insert_with(|| {
                    added += 1;
                    JobRecord {
                        kind: kind.to_owned(),
                        key: key.clone(),
                        available_at: *available_at,
                        worker: None,
                        lease_until: None,
                        attempts: 0,
                        completed_at: None,
                    }
                });
        }
        Ok(added)
    }

    async fn claim(&self, request: &ClaimRequest<'_>) -> Result<Vec<Job>, Error> {
        let mut all = self.lock()?;
        let mut chosen: Vec<&mut JobRecord> = all
            .values_mut()
            .filter(|r| r.kind == request.kind)
            .filter(|r| request.keys.is_none_or(|keys| keys.contains(&r.key)))
            .filter(|r| claimable(r, request))
            .collect();
        chosen.sort_by(|a, b| (a.available_at, &a.key).cmp(&(b.available_at, &b.key)));
        let until = request.now + request.lease;
        Ok(chosen
            .into_iter()
            .take(request.limit)
            .map(|r| {
                r.worker = Some(request.worker.to_owned());
                r.lease_until = Some(until);
                r.attempts = r.attempts.saturating_add(1);
                Job {
                    kind: r.kind.clone(),
                    key: r.key.clone(),
                    worker: request.worker.to_owned(),
                    lease_until: until,
                    attempts: r.attempts,
                }
            })
            .collect())
    }

    async fn complete(
        &self,
        job: &Job,
        next_available: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let mut all = self.lock()?;
        match all.get_mut(&(job.kind.clone(), job.key.clone())) {
            Some(r) if holds(r, job) => {
                r.worker = None;
                r.lease_until = None;
                r.attempts = 0;
                r.available_at = next_available;
                r.completed_at = Some(now);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn release(&self, job: &Job) -> Result<bool, Error> {
        let mut all = self.lock()?;
        match all.get_mut(&(job.kind.clone(), job.key.clone())) {
            Some(r) if holds(r, job) => {
                r.worker = None;
                r.lease_until = None;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn jobs(&self, kind: &str) -> Result<Vec<JobRecord>, Error> {
        Ok(self
            .lock()?
            .values()
            .filter(|r| r.kind == kind)
            .cloned()
            .collect())
    }
}
