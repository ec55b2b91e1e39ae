//! [`JobQueue`] on PostgreSQL (table `jobs` of `migrations/postgres/0007`). A claim picks its
//! rows with `SELECT … FOR UPDATE SKIP LOCKED` and leases them in the same statement: two
//! workers claiming at once never wait on each other and never get the same job (a row
//! another claim has locked is skipped; one it has leased no longer matches once that claim
//! commits, as READ COMMITTED re-checks the condition on the newest row).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::Error;
use crate::jobs::{Availability, ClaimRequest, Job, JobQueue, JobRecord};
use crate::postgres::{PostgresStore, db_error, to_i64};

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

fn record_of(row: &PgRow) -> Result<JobRecord, Error> {
    let key: String = row.try_get("key").map_err(|e| corrupt("job", "key", e))?;
    let attempts: i64 = row
        .try_get("attempts")
        .map_err(|e| corrupt(&key, "attempts", e))?;
    Ok(JobRecord {
        kind: row.try_get("kind").map_err(|e| corrupt(&key, "kind", e))?,
        available_at: row
            .try_get("available_at")
            .map_err(|e| corrupt(&key, "available_at", e))?,
        worker: row
            .try_get("worker")
            .map_err(|e| corrupt(&key, "worker", e))?,
        lease_until: row
            .try_get("lease_until")
            .map_err(|e| corrupt(&key, "lease_until", e))?,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        completed_at: row
            .try_get("completed_at")
            .map_err(|e| corrupt(&key, "completed_at", e))?,
        key,
    })
}

#[async_trait]
impl JobQueue for PostgresStore {
    async fn add_jobs(&self, kind: &str, jobs: &[(String, DateTime<Utc>)]) -> Result<u64, Error> {
        if jobs.is_empty() {
            return Ok(0);
        }
        let keys: Vec<&str> = jobs.iter().map(|(k, _)| k.as_str()).collect();
        let times: Vec<DateTime<Utc>> = jobs.iter().map(|(_, t)| *t).collect();
        let done = sqlx::query(
            "INSERT INTO jobs (kind, key, available_at) \
             SELECT $1, k, t FROM UNNEST($2::text[], $3::timestamptz[]) AS u(k, t) \
             ON CONFLICT (kind, key) DO NOTHING",
        )
        .bind(kind)
        .bind(&keys)
        .bind(&times)
        .execute(self.pool())
        .await
        .map_err(|e| db_error("add jobs", e))?;
        Ok(done.rows_affected())
    }

    async fn claim(&self, request: &ClaimRequest<'_>) -> Result<Vec<Job>, Error> {
        let (due_only, since) = match request.availability {
            Availability::Due => (true, None),
            Availability::NotCompletedSince(since) => (false, Some(since)),
        };
        let until = request.now + request.lease;
        let rows = sqlx::query(
            "WITH picked AS ( \
                SELECT kind, key FROM jobs WHERE kind = $1 \
                AND ($2::text[] IS NULL OR key = ANY($2)) \
                AND (worker IS NULL OR lease_until IS NULL OR worker = $3 OR lease_until <= $4) \
                AND (($5 AND available_at <= $4) OR (NOT $5 AND (completed_at IS NULL OR completed_at < $6))) \
                ORDER BY available_at, key LIMIT $7 \
                FOR UPDATE SKIP LOCKED) \
             UPDATE jobs j SET worker = $3, lease_until = $8, attempts = j.attempts + 1 \
             FROM picked WHERE j.kind = picked.kind AND j.key = picked.key \
             RETURNING j.key, j.attempts, j.available_at",
        )
        .bind(request.kind)
        .bind(request.keys)
        .bind(request.worker)
        .bind(request.now)
        .bind(due_only)
        .bind(since)
        .bind(to_i64(request.limit))
        .bind(until)
        .fetch_all(self.pool())
        .await
        .map_err(|e| db_error("claim jobs", e))?;
        let mut claimed: Vec<(DateTime<Utc>, Job)> = rows
            .iter()
            .map(|r| {
                let key: String = r.try_get("key").map_err(|e| corrupt("job", "key", e))?;
                let attempts: i64 = r
                    .try_get("attempts")
                    .map_err(|e| corrupt(&key, "attempts", e))?;
                let available: DateTime<Utc> = r
                    .try_get("available_at")
                    .map_err(|e| corrupt(&key, "available_at", e))?;
                Ok((
                    available,
                    Job {
                        kind: request.kind.to_owned(),
                        key,
                        worker: request.worker.to_owned(),
                        lease_until: until,
                        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                    },
                ))
            })
            .collect::<Result<_, Error>>()?;
        // RETURNING has no order: give the claim's.
        claimed.sort_by(|a, b| (a.0, &a.1.key).cmp(&(b.0, &b.1.key)));
        Ok(claimed.into_iter().map(|(_, job)| job).collect())
    }

    async fn complete(
        &self,
        job: &Job,
        next_available: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE jobs SET worker = NULL, lease_until = NULL, attempts = 0, available_at = $1, completed_at = $2 \
             WHERE kind = $3 AND key = $4 AND worker = $5",
        )
        .bind(next_available)
        .bind(now)
        .bind(&job.kind)
        .bind(&job.key)
        .bind(&job.worker)
        .execute(self.pool())
        .await
        .map_err(|e| db_error(&format!("complete job {}", job.key), e))?;
        Ok(done.rows_affected() > 0)
    }

    async fn release(&self, job: &Job) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE jobs SET worker = NULL, lease_until = NULL WHERE kind = $1 AND key = $2 AND worker = $3",
        )
        .bind(&job.kind)
        .bind(&job.key)
        .bind(&job.worker)
        .execute(self.pool())
        .await
        .map_err(|e| db_error(&format!("release job {}", job.key), e))?;
        Ok(done.rows_affected() > 0)
    }

    async fn jobs(&self, kind: &str) -> Result<Vec<JobRecord>, Error> {
        let rows = sqlx::query(
            "SELECT kind, key, available_at, worker, lease_until, attempts, completed_at FROM jobs WHERE kind = $1 ORDER BY key",
        )
        .bind(kind)
        .fetch_all(self.pool())
        .await
        .map_err(|e| db_error("list jobs", e))?;
        rows.iter().map(record_of).collect()
    }
}
