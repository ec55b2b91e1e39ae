//! [`ClusterStore`] on PostgreSQL (tables of `migrations/postgres/0004`), as the SQLite one
//! does it: the state in one row, the assignments in plain tables, all of an update in one
//! transaction. That transaction first takes a transaction-scoped advisory lock, so two
//! processes saving clustering at once take turns as SQLite's `BEGIN IMMEDIATE` makes them.
//! Assignments, events and storyline members go in as arrays (`UNNEST`), thousands of rows per
//! statement, each key once with its last row (as row-by-row upserts on SQLite leave it).

use async_trait::async_trait;
use chrono::Utc;
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::Error;
use crate::clusters::{
    ArticleAssignment, ClusterState, ClusterStore, ClusterUpdate, EventRecord, StorylineRecord,
    TimelineRecord,
};
use crate::postgres::PostgresStore;

fn db(action: &str) -> impl FnOnce(sqlx::Error) -> Error + '_ {
    move |source| Error::Database {
        action: action.to_owned(),
        source,
    }
}

/// Rows per multi-row `INSERT … SELECT FROM UNNEST(…)` (arrays of one column each).
const CHUNK: usize = 5_000;

/// The items with each key once, keeping its last item, in order: what one-row-at-a-time
/// upserts leave (one `INSERT … ON CONFLICT DO UPDATE` may not touch a row twice).
fn last_per_key<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> Vec<&'a T> {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<&T> = items.iter().rev().filter(|i| seen.insert(key(i))).collect();
    kept.reverse();
    kept
}

/// The advisory lock key of clustering writes ("marsad-c" in ASCII).
const CLUSTER_LOCK: i64 = 0x6d61_7273_6164_2d63;

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

#[async_trait]
impl ClusterStore for PostgresStore {
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
        let mut tx = self.pool().begin().await.map_err(db(action))?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(CLUSTER_LOCK)
            .execute(&mut *tx)
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
                "INSERT INTO cluster_state (id, format, articles, state, updated_at) VALUES (1, $1, $2, $3, $4) \
                 ON CONFLICT (id) DO UPDATE SET format = excluded.format, articles = excluded.articles, \
                 state = excluded.state, updated_at = excluded.updated_at",
            )
            .bind(&state.format)
            .bind(i64::try_from(state.articles).unwrap_or(i64::MAX))
            .bind(&state.bytes)
            .bind(Utc::now())
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        }
        for chunk in last_per_key(&update.articles, |a| &a.article).chunks(CHUNK) {
            sqlx::query(
                "INSERT INTO cluster_articles (article_id, event_id, duplicate_of) \
                 SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[]) \
                 ON CONFLICT (article_id) DO UPDATE SET event_id = EXCLUDED.event_id, duplicate_of = EXCLUDED.duplicate_of",
            )
            .bind(chunk.iter().map(|a| a.article.as_str()).collect::<Vec<_>>())
            .bind(chunk.iter().map(|a| a.event.as_str()).collect::<Vec<_>>())
            .bind(
                chunk
                    .iter()
                    .map(|a| a.duplicate_of.as_deref())
                    .collect::<Vec<_>>(),
            )
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        }
        for chunk in last_per_key(&update.events, |e| &e.id).chunks(CHUNK) {
            let entities = chunk
                .iter()
                .map(|e| {
                    serde_json::to_string(&e.entities).map_err(|source| Error::Encode {
                        id: e.id.clone(),
                        source,
                    })
                })
                .collect::<Result<Vec<_>, Error>>()?;
            sqlx::query(
                "INSERT INTO cluster_events (id, label, date, article_count, entities_json) \
                 SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[]) \
                 ON CONFLICT (id) DO UPDATE SET label = EXCLUDED.label, date = EXCLUDED.date, \
                 article_count = EXCLUDED.article_count, entities_json = EXCLUDED.entities_json",
            )
            .bind(chunk.iter().map(|e| e.id.as_str()).collect::<Vec<_>>())
            .bind(chunk.iter().map(|e| e.label.as_str()).collect::<Vec<_>>())
            .bind(chunk.iter().map(|e| e.date.as_str()).collect::<Vec<_>>())
            .bind(
                chunk
                    .iter()
                    .map(|e| i64::try_from(e.articles).unwrap_or(i64::MAX))
                    .collect::<Vec<_>>(),
            )
            .bind(entities)
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        }
        if update.storylines_changed_only && !update.replace {
            let gone = update
                .storylines_removed
                .iter()
                .chain(update.storylines.iter().map(|s| &s.id));
            for id in gone {
                for sql in [
                    "DELETE FROM cluster_storylines WHERE id = $1",
                    "DELETE FROM cluster_storyline_events WHERE storyline_id = $1",
                    "DELETE FROM cluster_timeline WHERE storyline_id = $1",
                ] {
                    sqlx::query(sql)
                        .bind(id)
                        .execute(&mut *tx)
                        .await
                        .map_err(db(action))?;
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
        for s in &update.storylines {
            sqlx::query("INSERT INTO cluster_storylines (id, label) VALUES ($1, $2)")
                .bind(&s.id)
                .bind(&s.label)
                .execute(&mut *tx)
                .await
                .map_err(db(action))?;
        }
        let members: Vec<(&str, &str, i64)> = update
            .storylines
            .iter()
            .flat_map(|s| {
                s.events.iter().enumerate().map(|(i, e)| {
                    (
                        e.as_str(),
                        s.id.as_str(),
                        i64::try_from(i).unwrap_or(i64::MAX),
                    )
                })
            })
            .collect();
        for chunk in last_per_key(&members, |m| m.0).chunks(CHUNK) {
            sqlx::query(
                "INSERT INTO cluster_storyline_events (event_id, storyline_id, position) \
                 SELECT * FROM UNNEST($1::text[], $2::text[], $3::bigint[]) \
                 ON CONFLICT (event_id) DO UPDATE SET storyline_id = EXCLUDED.storyline_id, position = EXCLUDED.position",
            )
            .bind(chunk.iter().map(|m| m.0).collect::<Vec<_>>())
            .bind(chunk.iter().map(|m| m.1).collect::<Vec<_>>())
            .bind(chunk.iter().map(|m| m.2).collect::<Vec<_>>())
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        }
        let mut next: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
        for t in &update.timelines {
            let slot = next.entry(t.storyline.as_str()).or_insert(0);
            let position = *slot;
            *slot += 1;
            let articles = serde_json::to_string(&t.articles).map_err(|source| Error::Encode {
                id: t.storyline.clone(),
                source,
            })?;
            sqlx::query(
                "INSERT INTO cluster_timeline \
                 (storyline_id, position, date, precision, kind, what, event_id, articles_json) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (storyline_id, position) DO UPDATE SET date = EXCLUDED.date, \
                 precision = EXCLUDED.precision, kind = EXCLUDED.kind, what = EXCLUDED.what, \
                 event_id = EXCLUDED.event_id, articles_json = EXCLUDED.articles_json",
            )
            .bind(&t.storyline)
            .bind(position)
            .bind(&t.date)
            .bind(&t.precision)
            .bind(&t.kind)
            .bind(&t.what)
            .bind(&t.event)
            .bind(articles)
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        }
        tx.commit().await.map_err(db(action))
    }

    async fn assignment(&self, article: &str) -> Result<Option<ArticleAssignment>, Error> {
        let row = sqlx::query(
            "SELECT article_id, event_id, duplicate_of FROM cluster_articles WHERE article_id = $1",
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
            "SELECT id, label, date, article_count, entities_json FROM cluster_events WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await
        .map_err(db("read an event"))?;
        row.as_ref().map(event_of).transpose()
    }

    async fn event_articles(&self, id: &str) -> Result<Vec<String>, Error> {
        let rows = sqlx::query(
            "SELECT article_id FROM cluster_articles WHERE event_id = $1 ORDER BY article_id",
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
             ORDER BY date DESC, article_count DESC, id LIMIT $1",
        )
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(self.pool())
        .await
        .map_err(db("read the latest events"))?;
        rows.iter().map(event_of).collect()
    }

    async fn storylines(&self) -> Result<Vec<StorylineRecord>, Error> {
        let action = "read the storylines";
        // One snapshot for both reads: a save between them cannot split them.
        let mut tx = self.pool().begin().await.map_err(db(action))?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        let lines = sqlx::query("SELECT id, label FROM cluster_storylines ORDER BY id")
            .fetch_all(&mut *tx)
            .await
            .map_err(db(action))?;
        let members = sqlx::query(
            "SELECT event_id, storyline_id FROM cluster_storyline_events ORDER BY storyline_id, position",
        )
        .fetch_all(&mut *tx)
        .await
        .map_err(db(action))?;
        tx.commit().await.map_err(db(action))?;
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
        let mut tx = self.pool().begin().await.map_err(db(action))?;
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(db(action))?;
        let Some(row) = sqlx::query("SELECT id, label FROM cluster_storylines WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db(action))?
        else {
            return Ok(None);
        };
        let events = sqlx::query(
            "SELECT event_id FROM cluster_storyline_events WHERE storyline_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await
        .map_err(db(action))?;
        tx.commit().await.map_err(db(action))?;
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
            "SELECT storyline_id FROM cluster_storyline_events WHERE event_id = $1",
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
             WHERE storyline_id = $1 ORDER BY position",
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
        let mut tx = self.pool().begin().await.map_err(db(action))?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(CLUSTER_LOCK)
            .execute(&mut *tx)
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

fn event_of(r: &PgRow) -> Result<EventRecord, Error> {
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

fn assignment_of(r: &PgRow) -> Result<ArticleAssignment, Error> {
    let action = "read an article's event";
    Ok(ArticleAssignment {
        article: r.try_get("article_id").map_err(db(action))?,
        event: r.try_get("event_id").map_err(db(action))?,
        duplicate_of: r.try_get("duplicate_of").map_err(db(action))?,
    })
}
