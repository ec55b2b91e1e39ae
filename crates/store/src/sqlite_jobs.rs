//! [`JobQueue`] on the SQLite file of [`SqliteStore`] (table `jobs` of migration 0010): a
//! claim is one `BEGIN IMMEDIATE` transaction, so processes sharing the file take turns and
//! never lease one job twice.

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::jobs::{Availability, ClaimRequest, Job, JobQueue, JobRecord};
use crate::sqlite::db_error;
use crate::{Error, SqliteStore};

fn format_time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

fn parse_time(id: &str, column: &'static str, text: &str) -> Result<DateTime<Utc>, Error> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|err| corrupt(id, column, err))
}

fn record_of(row: &SqliteRow) -> Result<JobRecord, Error> {
    let key: String = row.try_get("key").map_err(|e| corrupt("job", "key", e))?;
    let text = |c: &'static str| -> Result<Option<String>, Error> {
        row.try_get::<Option<String>, _>(c)
            .map_err(|e| corrupt(&key, c, e))
    };
    let time = |c: &'static str| -> Result<Option<DateTime<Utc>>, Error> {
        text(c)?.map(|t| parse_time(&key, c, &t)).transpose()
    };
    let attempts: i64 = row
        .try_get("attempts")
        .map_err(|e| corrupt(&key, "attempts", e))?;
    Ok(JobRecord {
        kind: text("kind")?.unwrap_or_default(),
        available_at: time("available_at")?
            .ok_or_else(|| corrupt(&key, "available_at", "missing"))?,
        worker: text("worker")?,
        lease_until: time("lease_until")?,
        attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
        completed_at: time("completed_at")?,
        key,
    })
}

#[async_trait]
impl JobQueue for SqliteStore {
    async fn add_jobs(&self, kind: &str, jobs: &[(String, DateTime<Utc>)]) -> Result<u64, Error> {
        if jobs.is_empty() {
            return Ok(0);
        }
        let action = "add jobs";
        let mut tx = self
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|e| db_error(action, e))?;
        let mut added = 0;
        for (key, available_at) in jobs {
            let done = sqlx::query(
                "INSERT INTO jobs (kind, key, available_at) VALUES (?1, ?2, ?3) ON CONFLICT (kind, key) DO NOTHING",
            )
            .bind(kind)
            .bind(key)
            .bind(format_time(available_at))
            .execute(&mut *tx)
            .await
            .map_err(|e| db_error(action, e))?;
            added += done.rows_affected();
        }
        tx.commit().await.map_err(|e| db_error(action, e))?;
        Ok(added)
    }

    async fn claim(&self, request: &ClaimRequest<'_>) -> Result<Vec<Job>, Error> {
        let action = "claim jobs";
        let keys = request
            .keys
            .map(serde_json::to_string)
            .transpose()
            .map_err(|source| Error::Encode {
                id: "job keys".into(),
                source,
            })?;
        let (due_only, since) = match request.availability {
            Availability::Due => (true, None),
            Availability::NotCompletedSince(since) => (false, Some(format_time(&since))),
        };
        let now = format_time(&request.now);
        let until = request.now + request.lease;
        let mut tx = self
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|e| db_error(action, e))?;
        let picked: Vec<String> = sqlx::query_scalar(
            "SELECT key FROM jobs WHERE kind = ?1 \
             AND (?2 IS NULL OR key IN (SELECT value FROM json_each(?2))) \
             AND (worker IS NULL OR lease_until IS NULL OR worker = ?3 OR lease_until <= ?4) \
             AND ((?5 AND available_at <= ?4) OR (NOT ?5 AND (completed_at IS NULL OR completed_at < ?6))) \
             ORDER BY available_at, key LIMIT ?7",
        )
        .bind(request.kind)
        .bind(keys)
        .bind(request.worker)
        .bind(&now)
        .bind(due_only)
        .bind(since)
        .bind(i64::try_from(request.limit).unwrap_or(i64::MAX))
        .fetch_all(&mut *tx)
        .await
        .map_err(|e| db_error(action, e))?;
        let mut claimed = Vec::with_capacity(picked.len());
        for key in picked {
            let attempts: i64 = sqlx::query_scalar(
                "UPDATE jobs SET worker = ?1, lease_until = ?2, attempts = attempts + 1 \
                 WHERE kind = ?3 AND key = ?4 RETURNING attempts",
            )
            .bind(request.worker)
            .bind(format_time(&until))
            .bind(request.kind)
            .bind(&key)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| db_error(action, e))?;
            claimed.push(Job {
                kind: request.kind.to_owned(),
                key,
                worker: request.worker.to_owned(),
                lease_until: until,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            });
        }
        tx.commit().await.map_err(|e| db_error(action, e))?;
        Ok(claimed)
    }

    async fn complete(
        &self,
        job: &Job,
        next_available: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE jobs SET worker = NULL, lease_until = NULL, attempts = 0, available_at = ?1, completed_at = ?2 \
             WHERE kind = ?3 AND key = ?4 AND worker = ?5",
        )
        .bind(format_time(&next_available))
        .bind(format_time(&now))
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
            "UPDATE jobs SET worker = NULL, lease_until = NULL WHERE kind = ?1 AND key = ?2 AND worker = ?3",
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
            "SELECT kind, key, available_at, worker, lease_until, attempts, completed_at FROM jobs WHERE kind = ?1 ORDER BY key",
        )
        .bind(kind)
        .fetch_all(self.pool())
        .await
        .map_err(|e| db_error("list jobs", e))?;
        rows.iter().map(record_of).collect()
    }
}
