//! [`SourceStore`] on PostgreSQL (tables of `migrations/postgres/0003`), as
//! [`sqlite_sources`](crate::SqliteStore) does it. A fetch state is unique by the MD5 of its
//! URL (`url_key`), so URLs of any length fit.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::postgres::{PostgresStore, db_error};
use crate::{Error, FetchState, Schedule, Source, SourceStore};

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

fn encode(source: &Source) -> Result<String, Error> {
    serde_json::to_string(source).map_err(|source_err| Error::Encode {
        id: source.id.clone(),
        source: source_err,
    })
}

fn row_to_source(row: &PgRow) -> Result<Source, Error> {
    let id: String = row.try_get("id").unwrap_or_default();
    let json: String = row
        .try_get("source_json")
        .map_err(|err| corrupt(&id, "source_json", err))?;
    serde_json::from_str(&json).map_err(|err| corrupt(&id, "source_json", err))
}

fn row_to_state(row: &PgRow) -> Result<FetchState, Error> {
    let url: String = row.try_get("url").map_err(|err| corrupt("?", "url", err))?;
    let text = |name: &'static str| -> Result<String, Error> {
        row.try_get::<String, _>(name)
            .map_err(|err| corrupt(&url, name, err))
    };
    let optional = |name: &'static str| -> Result<Option<String>, Error> {
        row.try_get::<Option<String>, _>(name)
            .map_err(|err| corrupt(&url, name, err))
    };
    let time = |name: &'static str| -> Result<DateTime<Utc>, Error> {
        row.try_get::<DateTime<Utc>, _>(name)
            .map_err(|err| corrupt(&url, name, err))
    };
    let status: i64 = row
        .try_get("last_status")
        .map_err(|err| corrupt(&url, "last_status", err))?;
    Ok(FetchState {
        source_id: text("source_id")?,
        etag: optional("etag")?,
        last_modified: optional("last_modified")?,
        last_status: u16::try_from(status).unwrap_or(0),
        first_seen: time("first_seen")?,
        last_fetched: time("last_fetched")?,
        article_id: optional("article_id")?,
        url,
    })
}

#[async_trait]
impl SourceStore for PostgresStore {
    async fn put_source(&self, source: &Source) -> Result<bool, Error> {
        let json = encode(source)?;
        // `xmax = 0` on the returned row: it was inserted, not updated.
        let inserted: bool = sqlx::query_scalar(
            "INSERT INTO sources (id, home_url, next_due, source_json) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET home_url = EXCLUDED.home_url, next_due = EXCLUDED.next_due, \
             source_json = EXCLUDED.source_json RETURNING (xmax = 0)",
        )
        .bind(&source.id)
        .bind(&source.home_url)
        .bind(source.schedule.next_due)
        .bind(&json)
        .fetch_one(self.pool())
        .await
        .map_err(|err| db_error(&format!("put source {}", source.id), err))?;
        Ok(inserted)
    }

    async fn get_source(&self, id: &str) -> Result<Option<Source>, Error> {
        let row = sqlx::query("SELECT id, source_json FROM sources WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(|err| db_error(&format!("get source {id}"), err))?;
        row.as_ref().map(row_to_source).transpose()
    }

    async fn list_sources(&self) -> Result<Vec<Source>, Error> {
        let rows = sqlx::query("SELECT id, source_json FROM sources ORDER BY id")
            .fetch_all(self.pool())
            .await
            .map_err(|err| db_error("list sources", err))?;
        rows.iter().map(row_to_source).collect()
    }

    async fn remove_source(&self, id: &str) -> Result<bool, Error> {
        let action = || format!("remove source {id}");
        let mut tx = self
            .pool()
            .begin()
            .await
            .map_err(|err| db_error(&action(), err))?;
        let done = sqlx::query("DELETE FROM sources WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        sqlx::query("DELETE FROM fetch_state WHERE source_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        tx.commit().await.map_err(|err| db_error(&action(), err))?;
        Ok(done.rows_affected() > 0)
    }

    async fn set_schedule(&self, id: &str, schedule: &Schedule) -> Result<bool, Error> {
        let action = || format!("set the schedule of {id}");
        let mut tx = self
            .pool()
            .begin()
            .await
            .map_err(|err| db_error(&action(), err))?;
        let row = sqlx::query("SELECT id, source_json FROM sources WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        let Some(row) = row else {
            return Ok(false);
        };
        let mut source = row_to_source(&row)?;
        source.schedule = schedule.clone();
        sqlx::query("UPDATE sources SET next_due = $2, source_json = $3 WHERE id = $1")
            .bind(id)
            .bind(schedule.next_due)
            .bind(encode(&source)?)
            .execute(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        tx.commit().await.map_err(|err| db_error(&action(), err))?;
        Ok(true)
    }

    async fn fetch_states(&self, urls: &[String]) -> Result<Vec<Option<FetchState>>, Error> {
        let rows = sqlx::query(
            "SELECT url, source_id, etag, last_modified, last_status, first_seen, last_fetched, article_id \
             FROM fetch_state WHERE url = ANY($1)",
        )
        .bind(urls)
        .fetch_all(self.pool())
        .await
        .map_err(|err| db_error("read fetch state", err))?;
        let found: std::collections::HashMap<String, FetchState> = rows
            .iter()
            .map(|r| row_to_state(r).map(|s| (s.url.clone(), s)))
            .collect::<Result<_, Error>>()?;
        Ok(urls.iter().map(|u| found.get(u).cloned()).collect())
    }

    async fn put_fetch_state(&self, state: &FetchState) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO fetch_state (url, source_id, etag, last_modified, last_status, first_seen, last_fetched, article_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (url_key) DO UPDATE SET source_id = EXCLUDED.source_id, etag = EXCLUDED.etag, \
             last_modified = EXCLUDED.last_modified, last_status = EXCLUDED.last_status, \
             last_fetched = EXCLUDED.last_fetched, article_id = EXCLUDED.article_id",
        )
        .bind(&state.url)
        .bind(&state.source_id)
        .bind(&state.etag)
        .bind(&state.last_modified)
        .bind(i64::from(state.last_status))
        .bind(state.first_seen)
        .bind(state.last_fetched)
        .bind(&state.article_id)
        .execute(self.pool())
        .await
        .map_err(|err| db_error(&format!("write fetch state of {}", state.url), err))?;
        Ok(())
    }

    async fn count_fetch_states(&self, source_id: Option<&str>) -> Result<(u64, u64), Error> {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, COUNT(article_id) AS stored FROM fetch_state \
             WHERE $1::text IS NULL OR source_id = $1",
        )
        .bind(source_id)
        .fetch_one(self.pool())
        .await
        .map_err(|err| db_error("count fetch state", err))?;
        let n: i64 = row.try_get("n").unwrap_or(0);
        let stored: i64 = row.try_get("stored").unwrap_or(0);
        Ok((
            u64::try_from(n).unwrap_or(0),
            u64::try_from(stored).unwrap_or(0),
        ))
    }
}
