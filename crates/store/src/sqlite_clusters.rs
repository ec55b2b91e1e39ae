//! [`ClusterStore`] on the SQLite file (tables of migration 0004): the state in one row,
//! the assignments in plain tables, all of an update in one `BEGIN IMMEDIATE` transaction,
//! written [`ROWS_PER_INSERT`] rows per statement.

use async_trait::async_trait;
use chrono::{SecondsFormat, Utc};
use sqlx::Row;

use crate::clusters::{
    ArticleAssignment, ClusterState, ClusterStore, ClusterUpdate, EventRecord, StorylineRecord,
    TimelineRecord,
};
use crate::{Error, SqliteStore};

/// Rows written by one statement (at most 8 columns each: 4,000 bound values, well under
/// SQLite's limit of 32,766). One statement per row made an update of 10,000 articles at
/// 100k (≈ 110,000 rows: assignments, events, storyline members, timeline entries) take
/// ≈ 11 s; a statement's own cost, not the rows, was most of it.
const ROWS_PER_INSERT: usize = 500;

fn db(action: &str) -> impl FnOnce(sqlx::Error) -> Error + '_ {
    move |source| Error::Database {
        action: action.to_owned(),
        source,
    }
}

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

#[async_trait]
impl ClusterStore for SqliteStore {
    async fn state(&self) -> Result<Option<ClusterState>, Error> {
        let row = sqlx::query("SELECT format, articles, state FROM cluster_state WHERE id = 1")
            .fetch_optional(self.pool())
            .await
            .map_err(db("read the cluster state"))?;
        row.map(|r| {
            let articles: i64 = r
                .try_get("articles")
                .map_err(db("read the cluster state"))?;
            Ok(ClusterState {
                format: r.try_get("format").map_err(db("read the cluster state"))?,
                articles: u64::try_from(articles).unwrap_or(0),
                bytes: r.try_get("state").map_err(db("read the cluster state"))?,
            })
        })
        .transpose()
    }

    async fn save(&self, update: &ClusterUpdate) -> Result<(), Error> {
        let action = "save clustering";
        let mut tx = self
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db(action))?;
        if update.replace {
            for sql in ["DELETE FROM cluster_articles", "DELETE FROM cluster_events"] {
                sqlx::query(sql)
                    .execute(&mut *tx)
                    .await
                    .map_err(db(action))?;
            }
        }
        if let Some(state) = &update.state {
            sqlx::query(
                "INSERT INTO cluster_state (id, format, articles, state, updated_at) VALUES (1, ?1, ?2, ?3, ?4) \
                 ON CONFLICT (id) DO UPDATE SET format = excluded.format, articles = excluded.articles, \
                 state = excluded.state, updated_at = excluded.updated_at",
            )
            .bind(&state.format)
            .bind(i64::try_from(state.articles).unwrap_or(i64::MAX))
            .bind(&state.bytes)
            .bind(Utc::now().to_rfc3339_opts(SecondsFormat::Nanos, true))
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        }
        for chunk in update.articles.chunks(ROWS_PER_INSERT) {
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT OR REPLACE INTO cluster_articles (article_id, event_id, duplicate_of) ",
            );
            insert.push_values(chunk, |mut row, a| {
                row.push_bind(&a.article)
                    .push_bind(&a.event)
                    .push_bind(&a.duplicate_of);
            });
            insert.build().execute(&mut *tx).await.map_err(db(action))?;
        }
        for chunk in update.events.chunks(ROWS_PER_INSERT) {
            let mut rows = Vec::with_capacity(chunk.len());
            for e in chunk {
                let entities =
                    serde_json::to_string(&e.entities).map_err(|source| Error::Encode {
                        id: e.id.clone(),
                        source,
                    })?;
                rows.push((e, entities));
            }
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT OR REPLACE INTO cluster_events (id, label, date, article_count, entities_json) ",
            );
            insert.push_values(rows, |mut row, (e, entities)| {
                row.push_bind(&e.id)
                    .push_bind(&e.label)
                    .push_bind(&e.date)
                    .push_bind(i64::try_from(e.articles).unwrap_or(i64::MAX))
                    .push_bind(entities);
            });
            insert.build().execute(&mut *tx).await.map_err(db(action))?;
        }
        if update.storylines_changed_only && !update.replace {
            let gone: Vec<&String> = update
                .storylines_removed
                .iter()
                .chain(update.storylines.iter().map(|s| &s.id))
                .collect();
            for chunk in gone.chunks(ROWS_PER_INSERT) {
                for (table, column) in [
                    ("cluster_storylines", "id"),
                    ("cluster_storyline_events", "storyline_id"),
                    ("cluster_timeline", "storyline_id"),
                ] {
                    let mut delete = sqlx::QueryBuilder::<sqlx::Sqlite>::new(format!(
                        "DELETE FROM {table} WHERE {column} IN ("
                    ));
                    let mut ids = delete.separated(", ");
                    for id in chunk {
                        ids.push_bind(id.as_str());
                    }
                    delete.push(")");
                    delete.build().execute(&mut *tx).await.map_err(db(action))?;
                }
            }
        } else {
            for sql in [
                "DELETE FROM cluster_storylines",
                "DELETE FROM cluster_storyline_events",
                "DELETE FROM cluster_timeline",
            ] {
                sqlx::query(sql)
                    .execute(&mut *tx)
                    .await
                    .map_err(db(action))?;
            }
        }
        for chunk in update.storylines.chunks(ROWS_PER_INSERT) {
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO cluster_storylines (id, label) ",
            );
            insert.push_values(chunk, |mut row, s| {
                row.push_bind(&s.id).push_bind(&s.label);
            });
            insert.build().execute(&mut *tx).await.map_err(db(action))?;
        }
        let members: Vec<(&String, &String, i64)> = update
            .storylines
            .iter()
            .flat_map(|s| {
                s.events
                    .iter()
                    .enumerate()
                    .map(move |(i, e)| (e, &s.id, i64::try_from(i).unwrap_or(i64::MAX)))
            })
            .collect();
        for chunk in members.chunks(ROWS_PER_INSERT) {
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT OR REPLACE INTO cluster_storyline_events (event_id, storyline_id, position) ",
            );
            insert.push_values(chunk, |mut row, (event, storyline, position)| {
                row.push_bind(*event)
                    .push_bind(*storyline)
                    .push_bind(*position);
            });
            insert.build().execute(&mut *tx).await.map_err(db(action))?;
        }
        let mut next: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        let mut entries = Vec::with_capacity(update.timelines.len());
        for t in &update.timelines {
            let slot = next.entry(t.storyline.as_str()).or_insert(0);
            let position = *slot;
            *slot += 1;
            let articles = serde_json::to_string(&t.articles).map_err(|source| Error::Encode {
                id: t.storyline.clone(),
                source,
            })?;
            entries.push((t, position, articles));
        }
        let mut entries = entries.into_iter().peekable();
        while entries.peek().is_some() {
            let chunk: Vec<_> = entries.by_ref().take(ROWS_PER_INSERT).collect();
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT OR REPLACE INTO cluster_timeline \
                 (storyline_id, position, date, precision, kind, what, event_id, articles_json) ",
            );
            insert.push_values(chunk, |mut row, (t, position, articles)| {
                row.push_bind(&t.storyline)
                    .push_bind(position)
                    .push_bind(&t.date)
                    .push_bind(&t.precision)
                    .push_bind(&t.kind)
                    .push_bind(&t.what)
                    .push_bind(&t.event)
                    .push_bind(articles);
            });
            insert.build().execute(&mut *tx).await.map_err(db(action))?;
        }
        tx.commit().await.map_err(db(action))
    }

    async fn assignment(&self, article: &str) -> Result<Option<ArticleAssignment>, Error> {
        let row = sqlx::query(
            "SELECT article_id, event_id, duplicate_of FROM cluster_articles WHERE article_id = ?1",
        )
        .bind(article)
        .fetch_optional(self.pool())
        .await
        .map_err(db("read an article's event"))?;
        row.as_ref().map(assignment_of).transpose()
    }

    async fn assignments(&self) -> Result<Vec<ArticleAssignment>, Error> {
        let rows = sqlx::query(
            "SELECT article_id, event_id, duplicate_of FROM cluster_articles ORDER BY article_id",
        )
        .fetch_all(self.pool())
        .await
        .map_err(db("read the article events"))?;
        rows.iter().map(assignment_of).collect()
    }

    async fn events(&self) -> Result<Vec<EventRecord>, Error> {
        let rows = sqlx::query(
            "SELECT id, label, date, article_count, entities_json FROM cluster_events ORDER BY date, id",
        )
        .fetch_all(self.pool())
        .await
        .map_err(db("read the events"))?;
        rows.iter().map(event_of).collect()
    }

    async fn event(&self, id: &str) -> Result<Option<EventRecord>, Error> {
        let row = sqlx::query(
            "SELECT id, label, date, article_count, entities_json FROM cluster_events WHERE id = ?1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await
        .map_err(db("read an event"))?;
        row.as_ref().map(event_of).transpose()
    }

    async fn event_articles(&self, id: &str) -> Result<Vec<String>, Error> {
        let rows = sqlx::query(
            "SELECT article_id FROM cluster_articles WHERE event_id = ?1 ORDER BY article_id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await
        .map_err(db("read an event's articles"))?;
        rows.iter()
            .map(|r| {
                r.try_get("article_id")
                    .map_err(db("read an event's articles"))
            })
            .collect()
    }

    async fn latest_events(&self, limit: usize) -> Result<Vec<EventRecord>, Error> {
        let rows = sqlx::query(
            "SELECT id, label, date, article_count, entities_json FROM cluster_events \
             ORDER BY date DESC, article_count DESC, id LIMIT ?1",
        )
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await
        .map_err(db("read the latest events"))?;
        rows.iter().map(event_of).collect()
    }

    async fn storylines(&self) -> Result<Vec<StorylineRecord>, Error> {
        let action = "read the storylines";
        let lines = sqlx::query("SELECT id, label FROM cluster_storylines ORDER BY id")
            .fetch_all(self.pool())
            .await
            .map_err(db(action))?;
        let members = sqlx::query(
            "SELECT event_id, storyline_id FROM cluster_storyline_events ORDER BY storyline_id, position",
        )
        .fetch_all(self.pool())
        .await
        .map_err(db(action))?;
        let mut out: Vec<StorylineRecord> = lines
            .iter()
            .map(|r| {
                Ok(StorylineRecord {
                    id: r.try_get("id").map_err(db(action))?,
                    label: r.try_get("label").map_err(db(action))?,
                    events: Vec::new(),
                })
            })
            .collect::<Result<_, Error>>()?;
        for r in &members {
            let line: String = r.try_get("storyline_id").map_err(db(action))?;
            let event: String = r.try_get("event_id").map_err(db(action))?;
            match out.binary_search_by(|s| s.id.cmp(&line)) {
                Ok(i) => out[i].events.push(event),
                Err(_) => return Err(corrupt(&event, "storyline_id", "no such storyline")),
            }
        }
        Ok(out)
    }

    async fn storyline(&self, id: &str) -> Result<Option<StorylineRecord>, Error> {
        let action = "read a storyline";
        let Some(row) = sqlx::query("SELECT id, label FROM cluster_storylines WHERE id = ?1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(db(action))?
        else {
            return Ok(None);
        };
        let events = sqlx::query(
            "SELECT event_id FROM cluster_storyline_events WHERE storyline_id = ?1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await
        .map_err(db(action))?;
        Ok(Some(StorylineRecord {
            id: row.try_get("id").map_err(db(action))?,
            label: row.try_get("label").map_err(db(action))?,
            events: events
                .iter()
                .map(|r| r.try_get("event_id").map_err(db(action)))
                .collect::<Result<_, Error>>()?,
        }))
    }

    async fn storyline_of(&self, event: &str) -> Result<Option<StorylineRecord>, Error> {
        let line: Option<String> = sqlx::query_scalar(
            "SELECT storyline_id FROM cluster_storyline_events WHERE event_id = ?1",
        )
        .bind(event)
        .fetch_optional(self.pool())
        .await
        .map_err(db("read an event's storyline"))?;
        match line {
            Some(id) => self.storyline(&id).await,
            None => Ok(None),
        }
    }

    async fn timeline(&self, id: &str) -> Result<Vec<TimelineRecord>, Error> {
        let action = "read a timeline";
        let rows = sqlx::query(
            "SELECT date, precision, kind, what, event_id, articles_json FROM cluster_timeline \
             WHERE storyline_id = ?1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await
        .map_err(db(action))?;
        rows.iter()
            .map(|r| {
                let articles: String = r.try_get("articles_json").map_err(db(action))?;
                Ok(TimelineRecord {
                    storyline: id.to_owned(),
                    date: r.try_get("date").map_err(db(action))?,
                    precision: r.try_get("precision").map_err(db(action))?,
                    kind: r.try_get("kind").map_err(db(action))?,
                    what: r.try_get("what").map_err(db(action))?,
                    event: r.try_get("event_id").map_err(db(action))?,
                    articles: serde_json::from_str(&articles)
                        .map_err(|e| corrupt(id, "articles_json", e))?,
                })
            })
            .collect()
    }

    async fn clear(&self) -> Result<(), Error> {
        let action = "clear clustering";
        let mut tx = self
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db(action))?;
        for sql in [
            "DELETE FROM cluster_state",
            "DELETE FROM cluster_articles",
            "DELETE FROM cluster_events",
            "DELETE FROM cluster_storylines",
            "DELETE FROM cluster_storyline_events",
            "DELETE FROM cluster_timeline",
        ] {
            sqlx::query(sql)
                .execute(&mut *tx)
                .await
                .map_err(db(action))?;
        }
        tx.commit().await.map_err(db(action))
    }
}

fn event_of(r: &sqlx::sqlite::SqliteRow) -> Result<EventRecord, Error> {
    let action = "read the events";
    let id: String = r.try_get("id").map_err(db(action))?;
    let entities: String = r.try_get("entities_json").map_err(db(action))?;
    let count: i64 = r.try_get("article_count").map_err(db(action))?;
    Ok(EventRecord {
        entities: serde_json::from_str(&entities).map_err(|e| corrupt(&id, "entities_json", e))?,
        label: r.try_get("label").map_err(db(action))?,
        date: r.try_get("date").map_err(db(action))?,
        articles: u64::try_from(count).unwrap_or(0),
        id,
    })
}

fn assignment_of(r: &sqlx::sqlite::SqliteRow) -> Result<ArticleAssignment, Error> {
    let action = "read an article's event";
    Ok(ArticleAssignment {
        article: r.try_get("article_id").map_err(db(action))?,
        event: r.try_get("event_id").map_err(db(action))?,
        duplicate_of: r.try_get("duplicate_of").map_err(db(action))?,
    })
}
