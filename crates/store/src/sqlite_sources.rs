//! [`SourceStore`] on the SQLite file of [`SqliteStore`] (tables of migration 0003).

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::sqlite::db_error;
use crate::{Error, FetchState, Schedule, Source, SourceStore, SqliteStore};

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

fn encode(source: &Source) -> Result<String, Error> {
    serde_json::to_string(source).map_err(|source_err| Error::Encode {
        id: source.id.clone(),
        source: source_err,
    })
}

fn row_to_source(row: &SqliteRow) -> Result<Source, Error> {
    let id: String = row.try_get("id").unwrap_or_default();
    let json: String = row
        .try_get("source_json")
        .map_err(|err| corrupt(&id, "source_json", err))?;
    serde_json::from_str(&json).map_err(|err| corrupt(&id, "source_json", err))
}

fn row_to_state(row: &SqliteRow) -> Result<FetchState, Error> {
    let url: String = row.try_get("url").map_err(|err| corrupt("?", "url", err))?;
    let text = |name: &'static str| -> Result<String, Error> {
        row.try_get::<String, _>(name)
            .map_err(|err| corrupt(&url, name, err))
    };
    let optional = |name: &'static str| -> Result<Option<String>, Error> {
        row.try_get::<Option<String>, _>(name)
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
        first_seen: parse_time(&url, "first_seen", &text("first_seen")?)?,
        last_fetched: parse_time(&url, "last_fetched", &text("last_fetched")?)?,
        article_id: optional("article_id")?,
        url,
    })
}

#[async_trait]
impl SourceStore for SqliteStore {
    async fn put_source(&self, source: &Source) -> Result<bool, Error> {
        let action = || format!("put source {}", source.id);
        let json = encode(source)?;
        let mut tx = self
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|err| db_error(&action(), err))?;
        let existed: Option<String> = sqlx::query_scalar("SELECT id FROM sources WHERE id = ?1")
            .bind(&source.id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        sqlx::query(
            "INSERT INTO sources (id, home_url, next_due, source_json) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (id) DO UPDATE SET home_url = ?2, next_due = ?3, source_json = ?4",
        )
        .bind(&source.id)
        .bind(&source.home_url)
        .bind(format_time(&source.schedule.next_due))
        .bind(&json)
        .execute(&mut *tx)
        .await
        .map_err(|err| db_error(&action(), err))?;
        tx.commit().await.map_err(|err| db_error(&action(), err))?;
        Ok(existed.is_none())
    }

    async fn get_source(&self, id: &str) -> Result<Option<Source>, Error> {
        let row = sqlx::query("SELECT id, source_json FROM sources WHERE id = ?1")
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
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(|err| db_error(&action(), err))?;
        let done = sqlx::query("DELETE FROM sources WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        sqlx::query("DELETE FROM fetch_state WHERE source_id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(|err| db_error(&action(), err))?;
        tx.commit().await.map_err(|err| db_error(&action(), err))?;
        Ok(done.rows_affected() > 0)
    }

    async fn set_schedule(&self, id: &str, schedule: &Schedule) -> Result<bool, Error> {
        let Some(mut source) = self.get_source(id).await? else {
            return Ok(false);
        };
        source.schedule = schedule.clone();
        self.put_source(&source).await?;
        Ok(true)
    }

    async fn fetch_states(&self, urls: &[String]) -> Result<Vec<Option<FetchState>>, Error> {
        let mut conn = self
            .pool()
            .acquire()
            .await
            .map_err(|err| db_error("read fetch state", err))?;
        let mut found = Vec::with_capacity(urls.len());
        for url in urls {
            let row = sqlx::query(
                "SELECT url, source_id, etag, last_modified, last_status, first_seen, last_fetched, article_id \
                 FROM fetch_state WHERE url = ?1",
            )
            .bind(url)
            .fetch_optional(&mut *conn)
            .await
            .map_err(|err| db_error(&format!("read fetch state of {url}"), err))?;
            found.push(row.as_ref().map(row_to_state).transpose()?);
        }
        Ok(found)
    }

    async fn put_fetch_state(&self, state: &FetchState) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO fetch_state (url, source_id, etag, last_modified, last_status, first_seen, last_fetched, article_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (url) DO UPDATE SET source_id = ?2, etag = ?3, last_modified = ?4, \
             last_status = ?5, last_fetched = ?7, article_id = ?8",
        )
        .bind(&state.url)
        .bind(&state.source_id)
        .bind(&state.etag)
        .bind(&state.last_modified)
        .bind(i64::from(state.last_status))
        .bind(format_time(&state.first_seen))
        .bind(format_time(&state.last_fetched))
        .bind(&state.article_id)
        .execute(self.pool())
        .await
        .map_err(|err| db_error(&format!("write fetch state of {}", state.url), err))?;
        Ok(())
    }

    async fn count_fetch_states(&self, source_id: Option<&str>) -> Result<(u64, u64), Error> {
        let row = match source_id {
            Some(id) => sqlx::query(
                "SELECT COUNT(*) AS n, COUNT(article_id) AS stored FROM fetch_state WHERE source_id = ?1",
            )
            .bind(id)
            .fetch_one(self.pool())
            .await,
            None => {
                sqlx::query("SELECT COUNT(*) AS n, COUNT(article_id) AS stored FROM fetch_state")
                    .fetch_one(self.pool())
                    .await
            }
        }
        .map_err(|err| db_error("count fetch state", err))?;
        let n: i64 = row.try_get("n").unwrap_or(0);
        let stored: i64 = row.try_get("stored").unwrap_or(0);
        Ok((
            u64::try_from(n).unwrap_or(0),
            u64::try_from(stored).unwrap_or(0),
        ))
    }
}
