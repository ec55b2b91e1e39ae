//! [`EntityStore`] on PostgreSQL (tables of `migrations/postgres/0006`; the column `end` is
//! quoted, a reserved word there).

use async_trait::async_trait;
use sqlx::Row;
use sqlx::postgres::PgRow;

use crate::Error;
use crate::entities::{EntityRecord, EntityStore, MentionRecord};
use crate::postgres::{PostgresStore, db_error, to_i64};

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

fn entity_of(row: &PgRow) -> Result<EntityRecord, Error> {
    let id: String = row.try_get("id").map_err(|e| corrupt("entity", "id", e))?;
    let get = |c: &'static str| -> Result<String, Error> {
        row.try_get(c).map_err(|e| corrupt(&id, c, e))
    };
    let forms_json = get("forms_json")?;
    let forms = serde_json::from_str(&forms_json).map_err(|e| corrupt(&id, "forms_json", e))?;
    Ok(EntityRecord {
        entity_type: get("entity_type")?,
        canonical: get("canonical")?,
        gazetteer: row
            .try_get("gazetteer")
            .map_err(|e| corrupt(&id, "gazetteer", e))?,
        forms,
        id,
    })
}

fn mention_of(row: &PgRow) -> Result<MentionRecord, Error> {
    let int = |c: &'static str| -> Result<u32, Error> {
        let v: i64 = row.try_get(c).map_err(|e| corrupt("mention", c, e))?;
        u32::try_from(v).map_err(|e| corrupt("mention", c, e))
    };
    let text = |c: &'static str| -> Result<String, Error> {
        row.try_get(c).map_err(|e| corrupt("mention", c, e))
    };
    Ok(MentionRecord {
        entity_id: text("entity_id")?,
        field: text("field")?,
        paragraph: int("paragraph")?,
        start: int("start")?,
        end: int("end")?,
        surface: text("surface")?,
    })
}

#[async_trait]
impl EntityStore for PostgresStore {
    async fn put_entities(&self, entities: &[EntityRecord]) -> Result<(), Error> {
        let mut tx = self
            .pool()
            .begin()
            .await
            .map_err(|e| db_error("begin put entities", e))?;
        for e in entities {
            let forms =
                serde_json::to_string(&e.forms).map_err(|err| corrupt(&e.id, "forms_json", err))?;
            sqlx::query(
                "INSERT INTO entities (id, entity_type, canonical, gazetteer, forms_json) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (id) DO UPDATE SET entity_type = EXCLUDED.entity_type, canonical = EXCLUDED.canonical, \
                 gazetteer = EXCLUDED.gazetteer, forms_json = EXCLUDED.forms_json",
            )
            .bind(&e.id)
            .bind(&e.entity_type)
            .bind(e.canonical.replace('\0', ""))
            .bind(&e.gazetteer)
            .bind(forms)
            .execute(&mut *tx)
            .await
            .map_err(|err| db_error(&format!("put entity {}", e.id), err))?;
        }
        tx.commit()
            .await
            .map_err(|e| db_error("commit put entities", e))?;
        Ok(())
    }

    async fn put_mentions(
        &self,
        article_id: &str,
        mentions: &[MentionRecord],
    ) -> Result<(), Error> {
        let mut tx = self
            .pool()
            .begin()
            .await
            .map_err(|e| db_error("begin put mentions", e))?;
        sqlx::query("DELETE FROM entity_mentions WHERE article_id = $1")
            .bind(article_id)
            .execute(&mut *tx)
            .await
            .map_err(|e| db_error(&format!("clear mentions of {article_id}"), e))?;
        for m in mentions {
            sqlx::query(
                "INSERT INTO entity_mentions (article_id, entity_id, field, paragraph, start, \"end\", surface) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (article_id, field, paragraph, start) DO UPDATE SET entity_id = EXCLUDED.entity_id, \
                 \"end\" = EXCLUDED.\"end\", surface = EXCLUDED.surface",
            )
            .bind(article_id)
            .bind(&m.entity_id)
            .bind(&m.field)
            .bind(i64::from(m.paragraph))
            .bind(i64::from(m.start))
            .bind(i64::from(m.end))
            .bind(m.surface.replace('\0', ""))
            .execute(&mut *tx)
            .await
            .map_err(|e| db_error(&format!("put mention of {article_id}"), e))?;
        }
        tx.commit()
            .await
            .map_err(|e| db_error("commit put mentions", e))?;
        Ok(())
    }

    async fn entity(&self, id: &str) -> Result<Option<EntityRecord>, Error> {
        let row = sqlx::query("SELECT * FROM entities WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .map_err(|e| db_error(&format!("get entity {id}"), e))?;
        row.as_ref().map(entity_of).transpose()
    }

    async fn all_entities(&self) -> Result<Vec<EntityRecord>, Error> {
        let rows = sqlx::query("SELECT * FROM entities ORDER BY id")
            .fetch_all(self.pool())
            .await
            .map_err(|e| db_error("list entities", e))?;
        rows.iter().map(entity_of).collect()
    }

    async fn article_mentions(&self, article_id: &str) -> Result<Vec<MentionRecord>, Error> {
        let rows = sqlx::query(
            "SELECT * FROM entity_mentions WHERE article_id = $1 ORDER BY field <> 'title', paragraph, start",
        )
        .bind(article_id)
        .fetch_all(self.pool())
        .await
        .map_err(|e| db_error(&format!("mentions of {article_id}"), e))?;
        rows.iter().map(mention_of).collect()
    }

    async fn entity_articles(&self, entity_id: &str, limit: usize) -> Result<Vec<String>, Error> {
        let rows = sqlx::query(
            "SELECT DISTINCT article_id FROM entity_mentions WHERE entity_id = $1 ORDER BY article_id LIMIT $2",
        )
        .bind(entity_id)
        .bind(to_i64(limit))
        .fetch_all(self.pool())
        .await
        .map_err(|e| db_error(&format!("articles of {entity_id}"), e))?;
        rows.iter()
            .map(|r| {
                r.try_get("article_id")
                    .map_err(|e| corrupt(entity_id, "article_id", e))
            })
            .collect()
    }
}
