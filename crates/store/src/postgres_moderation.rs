//! [`ModerationStore`] on PostgreSQL (tables of `migrations/postgres/0005`). A report locks
//! its item's row (`SELECT … FOR UPDATE`) for the rest of its transaction, so two readers
//! reporting at once are counted one after the other and the threshold is crossed exactly
//! once, as SQLite's `BEGIN IMMEDIATE` gives. Reasons lose NUL characters (PostgreSQL text
//! cannot hold them).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::postgres::{PgConnection, PgRow};

use crate::Error;
use crate::moderation::{
    AuditAction, AuditEntry, Decision, ItemKind, ItemRef, ItemStatus, ModerationStore, NewReport,
    QueueEntry, ReportOutcome, SYSTEM_ACTOR, clean_reason,
};
use crate::postgres::{PostgresStore, db_error, to_i64};

fn corrupt(id: &str, column: &'static str, reason: impl ToString) -> Error {
    Error::CorruptRow {
        id: id.to_owned(),
        column,
        reason: reason.to_string(),
    }
}

fn get<'r, T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>>(
    row: &'r PgRow,
    column: &'static str,
) -> Result<T, Error> {
    row.try_get(column)
        .map_err(|err| corrupt("moderation", column, err))
}

fn item_of(row: &PgRow) -> Result<ItemRef, Error> {
    let kind: String = get(row, "kind")?;
    let id: String = get(row, "item_id")?;
    let kind = ItemKind::parse(&kind).ok_or_else(|| corrupt(&id, "kind", kind))?;
    Ok(ItemRef { kind, id })
}

fn status_of(id: &str, text: &str) -> Result<ItemStatus, Error> {
    ItemStatus::parse(text).ok_or_else(|| corrupt(id, "status", text))
}

fn strip_nul(text: &str) -> String {
    text.replace('\0', "")
}

async fn log(
    conn: &mut PgConnection,
    at: &DateTime<Utc>,
    actor: &str,
    action: AuditAction,
    item: &ItemRef,
    note: Option<&str>,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO moderation_audit (at, actor, action, kind, item_id, note) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(strip_nul(actor))
    .bind(action.as_str())
    .bind(item.kind.as_str())
    .bind(&item.id)
    .bind(note.map(strip_nul))
    .execute(conn)
    .await
    .map_err(|source| db_error(&format!("log {} of {}", action.as_str(), item.id), source))?;
    Ok(())
}

/// The item's status and epoch, creating it as `reported` when new, and locking its row
/// until the transaction ends.
async fn item_row(
    conn: &mut PgConnection,
    item: &ItemRef,
    at: &DateTime<Utc>,
) -> Result<(ItemStatus, i64), Error> {
    let action = || format!("read moderation item {}", item.id);
    sqlx::query(
        "INSERT INTO moderation_items (kind, item_id, status, epoch, updated_at) VALUES ($1, $2, 'reported', 0, $3) \
         ON CONFLICT (kind, item_id) DO NOTHING",
    )
    .bind(item.kind.as_str())
    .bind(&item.id)
    .bind(at)
    .execute(&mut *conn)
    .await
    .map_err(|source| db_error(&action(), source))?;
    let row = sqlx::query(
        "SELECT status, epoch FROM moderation_items WHERE kind = $1 AND item_id = $2 FOR UPDATE",
    )
    .bind(item.kind.as_str())
    .bind(&item.id)
    .fetch_one(&mut *conn)
    .await
    .map_err(|source| db_error(&action(), source))?;
    let status: String = get(&row, "status")?;
    Ok((status_of(&item.id, &status)?, get(&row, "epoch")?))
}

async fn set_status(
    conn: &mut PgConnection,
    item: &ItemRef,
    status: ItemStatus,
    epoch: i64,
    at: &DateTime<Utc>,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE moderation_items SET status = $1, epoch = $2, updated_at = $3 WHERE kind = $4 AND item_id = $5",
    )
    .bind(status.as_str())
    .bind(epoch)
    .bind(at)
    .bind(item.kind.as_str())
    .bind(&item.id)
    .execute(conn)
    .await
    .map_err(|source| db_error(&format!("set status of {}", item.id), source))?;
    Ok(())
}

#[async_trait]
impl ModerationStore for PostgresStore {
    async fn report(&self, report: &NewReport, threshold: u32) -> Result<ReportOutcome, Error> {
        let threshold = threshold.max(1);
        let reason = strip_nul(&clean_reason(&report.reason));
        let reporter = strip_nul(&report.reporter);
        let item = &report.item;
        let action = || format!("report {} {}", item.kind.as_str(), item.id);
        let mut tx = self
            .pool()
            .begin()
            .await
            .map_err(|source| db_error(&action(), source))?;
        let (mut status, epoch) = item_row(&mut tx, item, &report.at).await?;
        let counted = if status == ItemStatus::Removed {
            false
        } else {
            let inserted = sqlx::query(
                "INSERT INTO moderation_reports (kind, item_id, epoch, reporter, reason, reported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            )
            .bind(item.kind.as_str())
            .bind(&item.id)
            .bind(epoch)
            .bind(&reporter)
            .bind(&reason)
            .bind(report.at)
            .execute(&mut *tx)
            .await
            .map_err(|source| db_error(&action(), source))?;
            inserted.rows_affected() == 1
        };
        let reporters: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM moderation_reports WHERE kind = $1 AND item_id = $2 AND epoch = $3",
        )
        .bind(item.kind.as_str())
        .bind(&item.id)
        .bind(epoch)
        .fetch_one(&mut *tx)
        .await
        .map_err(|source| db_error(&action(), source))?;
        let reporters = u32::try_from(reporters).unwrap_or(u32::MAX);
        let hide = counted && !status.is_hidden() && reporters >= threshold;
        let before = status;
        if hide {
            status = ItemStatus::Hidden;
        } else if counted && status == ItemStatus::Restored {
            status = ItemStatus::Reported;
        }
        if status != before || counted {
            set_status(&mut tx, item, status, epoch, &report.at).await?;
        }
        log(
            &mut tx,
            &report.at,
            &reporter,
            AuditAction::Report,
            item,
            Some(&reason),
        )
        .await?;
        if hide {
            log(
                &mut tx,
                &report.at,
                SYSTEM_ACTOR,
                AuditAction::AutoHide,
                item,
                None,
            )
            .await?;
        }
        tx.commit()
            .await
            .map_err(|source| db_error(&action(), source))?;
        Ok(ReportOutcome {
            counted,
            reporters,
            status,
        })
    }

    async fn decide(
        &self,
        item: &ItemRef,
        decision: Decision,
        actor: &str,
        note: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<ItemStatus, Error> {
        let action = || format!("decide on {} {}", item.kind.as_str(), item.id);
        let mut tx = self
            .pool()
            .begin()
            .await
            .map_err(|source| db_error(&action(), source))?;
        let (_, epoch) = item_row(&mut tx, item, &at).await?;
        let (status, epoch, audit) = match decision {
            Decision::Restore => (ItemStatus::Restored, epoch + 1, AuditAction::Restore),
            Decision::Remove => (ItemStatus::Removed, epoch, AuditAction::Remove),
        };
        set_status(&mut tx, item, status, epoch, &at).await?;
        log(&mut tx, &at, actor, audit, item, note).await?;
        tx.commit()
            .await
            .map_err(|source| db_error(&action(), source))?;
        Ok(status)
    }

    async fn status(&self, item: &ItemRef) -> Result<Option<ItemStatus>, Error> {
        let status: Option<String> = sqlx::query_scalar(
            "SELECT status FROM moderation_items WHERE kind = $1 AND item_id = $2",
        )
        .bind(item.kind.as_str())
        .bind(&item.id)
        .fetch_optional(self.pool())
        .await
        .map_err(|source| db_error(&format!("status of {}", item.id), source))?;
        status.map(|s| status_of(&item.id, &s)).transpose()
    }

    async fn hidden(&self, kind: ItemKind) -> Result<Vec<String>, Error> {
        sqlx::query_scalar(
            "SELECT item_id FROM moderation_items WHERE status IN ('hidden', 'removed') AND kind = $1 ORDER BY item_id",
        )
        .bind(kind.as_str())
        .fetch_all(self.pool())
        .await
        .map_err(|source| db_error("list hidden items", source))
    }

    async fn queue(&self, limit: usize, offset: usize) -> Result<Vec<QueueEntry>, Error> {
        let rows = sqlx::query(
            "SELECT i.kind, i.item_id, i.status, COUNT(r.reporter) AS reporters, MAX(r.reported_at) AS last_reported
             FROM moderation_items i
             JOIN moderation_reports r ON r.kind = i.kind AND r.item_id = i.item_id AND r.epoch = i.epoch
             WHERE i.status IN ('reported', 'hidden')
             GROUP BY i.kind, i.item_id
             ORDER BY i.status = 'hidden' DESC, reporters DESC, last_reported DESC, i.kind, i.item_id
             LIMIT $1 OFFSET $2",
        )
        .bind(to_i64(limit))
        .bind(to_i64(offset))
        .fetch_all(self.pool())
        .await
        .map_err(|source| db_error("read the moderation queue", source))?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            let item = item_of(&row)?;
            let status: String = get(&row, "status")?;
            let reporters: i64 = get(&row, "reporters")?;
            let last: DateTime<Utc> = get(&row, "last_reported")?;
            let reasons: Vec<String> = sqlx::query_scalar(
                "SELECT r.reason FROM moderation_reports r JOIN moderation_items i \
                 ON r.kind = i.kind AND r.item_id = i.item_id AND r.epoch = i.epoch \
                 WHERE i.kind = $1 AND i.item_id = $2 ORDER BY r.reported_at, r.reporter LIMIT 10",
            )
            .bind(item.kind.as_str())
            .bind(&item.id)
            .fetch_all(self.pool())
            .await
            .map_err(|source| db_error(&format!("read reasons of {}", item.id), source))?;
            entries.push(QueueEntry {
                status: status_of(&item.id, &status)?,
                reporters: u32::try_from(reporters).unwrap_or(u32::MAX),
                reasons,
                last_reported: last,
                item,
            });
        }
        Ok(entries)
    }

    async fn audit_log(&self, limit: usize, offset: usize) -> Result<Vec<AuditEntry>, Error> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, kind, item_id, note FROM moderation_audit ORDER BY seq DESC LIMIT $1 OFFSET $2",
        )
        .bind(to_i64(limit))
        .bind(to_i64(offset))
        .fetch_all(self.pool())
        .await
        .map_err(|source| db_error("read the audit log", source))?;
        rows.iter()
            .map(|row| {
                let item = item_of(row)?;
                let action: String = get(row, "action")?;
                Ok(AuditEntry {
                    seq: get(row, "seq")?,
                    at: get(row, "at")?,
                    actor: get(row, "actor")?,
                    action: AuditAction::parse(&action)
                        .ok_or_else(|| corrupt(&item.id, "action", &action))?,
                    note: get(row, "note")?,
                    item,
                })
            })
            .collect()
    }
}
