//! [`AnalysisStore`] on the SQLite file (table `analyses` of migration 0002): the whole
//! analysis as JSON, the queried figures as columns, a batch in one `BEGIN IMMEDIATE`
//! transaction.

use std::collections::HashMap;

use async_trait::async_trait;
use marsad_analyze::Analysis;
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use crate::analyses::{AnalysisOrder, AnalysisQuery, AnalysisStore};
use crate::{Error, SqliteStore};

fn db(action: &str) -> impl FnOnce(sqlx::Error) -> Error + '_ {
    move |source| Error::Database {
        action: action.to_owned(),
        source,
    }
}

/// Rows in one `INSERT` of [`AnalysisStore::put_analyses`]: 7 parameters each, well under
/// SQLite's 32,766.
const ROWS_PER_INSERT: usize = 500;

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn decode(row: &SqliteRow) -> Result<(String, Analysis), Error> {
    let id: String = row.try_get("article_id").map_err(db("read an analysis"))?;
    let json: String = row
        .try_get("analysis_json")
        .map_err(db("read an analysis"))?;
    let analysis = serde_json::from_str(&json).map_err(|err| Error::CorruptRow {
        id: id.clone(),
        column: "analysis_json",
        reason: err.to_string(),
    })?;
    Ok((id, analysis))
}

#[async_trait]
impl AnalysisStore for SqliteStore {
    async fn put_analyses(&self, items: &[(String, Analysis)]) -> Result<(), Error> {
        if items.is_empty() {
            return Ok(());
        }
        let action = "store analyses";
        let mut tx = self
            .pool()
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(db(action))?;
        // Many rows per statement (one round trip to SQLite's thread each, not one per row);
        // rows of one statement are upserted in order, as one statement per row would be.
        for chunk in items.chunks(ROWS_PER_INSERT) {
            let mut rows = Vec::with_capacity(chunk.len());
            for (id, a) in chunk {
                let json = serde_json::to_string(a).map_err(|source| Error::Encode {
                    id: id.clone(),
                    source,
                })?;
                rows.push((id, a, json));
            }
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT INTO analyses (article_id, version, category, confidence, credibility, importance, analysis_json) ",
            );
            insert.push_values(rows, |mut row, (id, a, json)| {
                row.push_bind(id.as_str())
                    .push_bind(i64::from(a.version))
                    .push_bind(a.category.as_ref().map(|c| c.label.clone()))
                    .push_bind(a.category.as_ref().map(|c| f64::from(c.confidence)))
                    .push_bind(i64::from(a.credibility.value))
                    .push_bind(i64::from(a.importance.value))
                    .push_bind(json);
            });
            insert.push(
                " ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, category = excluded.category, \
                 confidence = excluded.confidence, credibility = excluded.credibility, \
                 importance = excluded.importance, analysis_json = excluded.analysis_json",
            );
            insert.build().execute(&mut *tx).await.map_err(db(action))?;
        }
        tx.commit().await.map_err(db(action))
    }

    async fn get_analysis(&self, id: &str) -> Result<Option<Analysis>, Error> {
        let row =
            sqlx::query("SELECT article_id, analysis_json FROM analyses WHERE article_id = ?1")
                .bind(id)
                .fetch_optional(self.pool())
                .await
                .map_err(db("read an analysis"))?;
        row.as_ref().map(|r| decode(r).map(|(_, a)| a)).transpose()
    }

    async fn get_analyses(&self, ids: &[String]) -> Result<Vec<Option<Analysis>>, Error> {
        // One statement for the whole list (ids as a JSON array), then put back in order.
        let rows = sqlx::query(
            "SELECT article_id, analysis_json FROM analyses \
             WHERE article_id IN (SELECT value FROM json_each(?1))",
        )
        .bind(crate::sqlite::id_list(ids)?)
        .fetch_all(self.pool())
        .await
        .map_err(db("read analyses"))?;
        let found: HashMap<String, Analysis> =
            rows.iter().map(decode).collect::<Result<_, Error>>()?;
        Ok(crate::sqlite::in_order(ids, found))
    }

    async fn list_analyses(&self, query: &AnalysisQuery) -> Result<Vec<(String, Analysis)>, Error> {
        // Static SQL per order; unset filters are NULL binds that pass.
        let sql = match query.order {
            AnalysisOrder::Importance => {
                "SELECT article_id, analysis_json FROM analyses \
                 WHERE (?1 IS NULL OR category = ?1) AND (?2 IS NULL OR credibility >= ?2) \
                 AND (?3 IS NULL OR importance >= ?3) \
                 ORDER BY importance DESC, article_id LIMIT ?4 OFFSET ?5"
            }
            AnalysisOrder::Credibility => {
                "SELECT article_id, analysis_json FROM analyses \
                 WHERE (?1 IS NULL OR category = ?1) AND (?2 IS NULL OR credibility >= ?2) \
                 AND (?3 IS NULL OR importance >= ?3) \
                 ORDER BY credibility DESC, article_id LIMIT ?4 OFFSET ?5"
            }
        };
        let rows = sqlx::query(sql)
            .bind(query.category.as_deref())
            .bind(query.min_credibility.map(i64::from))
            .bind(query.min_importance.map(i64::from))
            .bind(to_i64(query.limit))
            .bind(to_i64(query.offset))
            .fetch_all(self.pool())
            .await
            .map_err(db("list analyses"))?;
        rows.iter().map(decode).collect()
    }

    async fn delete_analysis(&self, id: &str) -> Result<bool, Error> {
        let done = sqlx::query("DELETE FROM analyses WHERE article_id = ?1")
            .bind(id)
            .execute(self.pool())
            .await
            .map_err(db("delete an analysis"))?;
        Ok(done.rows_affected() > 0)
    }

    async fn count_analyses(&self) -> Result<u64, Error> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM analyses")
            .fetch_one(self.pool())
            .await
            .map_err(db("count analyses"))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}
