//! Moderation: readers' reports of articles and images, items hidden once enough distinct
//! people report them, an administrator's decisions, and the audit log of every action.
//!
//! The rule (Maghress's): an item is hidden automatically once `threshold` *distinct*
//! reporters have reported it; the same reporter reporting again counts once. An
//! administrator then either restores it (visible again; the reports so far no longer count,
//! so it takes `threshold` new reporters to hide it again) or removes it (hidden for good,
//! further reports are ignored). Every report, automatic hiding and decision is written to the
//! audit log in the same transaction as the change it records.
//!
//! A reporter is an opaque string the caller derives (the web reader uses a keyed hash of its
//! signed visitor cookie); the store never sees cookies or addresses.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Error;

/// The longest report reason kept, in characters (longer ones are cut).
pub const MAX_REASON_CHARS: usize = 500;

/// What kind of thing is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A whole article (its id).
    Article,
    /// One image of an article (`{article id}/{n}`, n from 0).
    Image,
}

impl ItemKind {
    /// The wire and database name: `article` or `image`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Image => "image",
        }
    }

    /// The kind named `name` (`article`, `image`).
    pub fn parse(name: &str) -> Option<ItemKind> {
        match name {
            "article" => Some(ItemKind::Article),
            "image" => Some(ItemKind::Image),
            _ => None,
        }
    }
}

/// One reportable item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ItemRef {
    /// Its kind.
    pub kind: ItemKind,
    /// Its id: an article id, or `{article id}/{n}` for an image.
    pub id: String,
}

impl ItemRef {
    /// The article `id`.
    pub fn article(id: impl Into<String>) -> ItemRef {
        ItemRef {
            kind: ItemKind::Article,
            id: id.into(),
        }
    }

    /// Image `n` of the article `article_id`.
    pub fn image(article_id: &str, n: usize) -> ItemRef {
        ItemRef {
            kind: ItemKind::Image,
            id: format!("{article_id}/{n}"),
        }
    }

    /// The article an item belongs to (the article itself, or an image's article).
    pub fn article_id(&self) -> &str {
        match self.kind {
            ItemKind::Article => &self.id,
            ItemKind::Image => self.id.rsplit_once('/').map_or(&self.id, |(a, _)| a),
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Reported by fewer than the threshold: still shown.
    Reported,
    /// Hidden automatically by enough reports; waiting for an administrator.
    Hidden,
    /// Restored by an administrator: shown.
    Restored,
    /// Removed by an administrator: hidden for good.
    Removed,
}

impl ItemStatus {
    /// The wire and database name.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Reported => "reported",
            ItemStatus::Hidden => "hidden",
            ItemStatus::Restored => "restored",
            ItemStatus::Removed => "removed",
        }
    }

    /// The status named `name`.
    pub fn parse(name: &str) -> Option<ItemStatus> {
        match name {
            "reported" => Some(ItemStatus::Reported),
            "hidden" => Some(ItemStatus::Hidden),
            "restored" => Some(ItemStatus::Restored),
            "removed" => Some(ItemStatus::Removed),
            _ => None,
        }
    }

    /// Whether readers no longer see the item.
    pub fn is_hidden(self) -> bool {
        matches!(self, ItemStatus::Hidden | ItemStatus::Removed)
    }
}

/// A reader's report.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// What is reported.
    pub item: ItemRef,
    /// Who reports it: an opaque, stable id of the reporter.
    pub reporter: String,
    /// Why, in the reporter's words (cut to [`MAX_REASON_CHARS`]).
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// What a report did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportOutcome {
    /// Whether it counted: `false` when this reporter had reported the item already (since
    /// the last restore), or the item was removed.
    pub counted: bool,
    /// Distinct reporters since the last restore.
    pub reporters: u32,
    /// The item's status after the report.
    pub status: ItemStatus,
}

/// An administrator's decision on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Show it again; earlier reports stop counting.
    Restore,
    /// Hide it for good.
    Remove,
}

/// An item in the moderation queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueEntry {
    /// The item.
    pub item: ItemRef,
    /// Its status.
    pub status: ItemStatus,
    /// Distinct reporters since the last restore.
    pub reporters: u32,
    /// The reasons given since the last restore, oldest first (at most 10).
    pub reasons: Vec<String>,
    /// The last report.
    pub last_reported: DateTime<Utc>,
}

/// What an audit-log entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A reader reported the item (counted or not).
    Report,
    /// The item reached the threshold and was hidden.
    AutoHide,
    /// An administrator restored it.
    Restore,
    /// An administrator removed it.
    Remove,
}

impl AuditAction {
    /// The wire and database name.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Report => "report",
            AuditAction::AutoHide => "auto_hide",
            AuditAction::Restore => "restore",
            AuditAction::Remove => "remove",
        }
    }

    /// The action named `name`.
    pub fn parse(name: &str) -> Option<AuditAction> {
        match name {
            "report" => Some(AuditAction::Report),
            "auto_hide" => Some(AuditAction::AutoHide),
            "restore" => Some(AuditAction::Restore),
            "remove" => Some(AuditAction::Remove),
            _ => None,
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Its position in the log, increasing.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who: a reporter id, `system` for automatic hiding, or the administrator's name.
    pub actor: String,
    /// What.
    pub action: AuditAction,
    /// On which item.
    pub item: ItemRef,
    /// The reason or note given.
    pub note: Option<String>,
}

/// The actor of automatic actions in the audit log.
pub const SYSTEM_ACTOR: &str = "system";

/// Storage of reports, statuses and the audit log.
#[async_trait]
pub trait ModerationStore: Send + Sync {
    /// Record a report; hide the item when it now has `threshold` distinct reporters (a
    /// threshold of 0 counts as 1).
    async fn report(&self, report: &NewReport, threshold: u32) -> Result<ReportOutcome, Error>;
    /// Apply an administrator's decision (also to an item nobody reported); the new status.
    async fn decide(
        &self,
        item: &ItemRef,
        decision: Decision,
        actor: &str,
        note: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<ItemStatus, Error>;
    /// The item's status, `None` when it was never reported nor decided on.
    async fn status(&self, item: &ItemRef) -> Result<Option<ItemStatus>, Error>;
    /// The ids of every hidden or removed item of this kind, sorted.
    async fn hidden(&self, kind: ItemKind) -> Result<Vec<String>, Error>;
    /// Items waiting for an administrator (reported or hidden), hidden first, then by number
    /// of reporters, then most recently reported.
    async fn queue(&self, limit: usize, offset: usize) -> Result<Vec<QueueEntry>, Error>;
    /// The audit log, newest first.
    async fn audit_log(&self, limit: usize, offset: usize) -> Result<Vec<AuditEntry>, Error>;
}

/// `reason` trimmed and cut to [`MAX_REASON_CHARS`] characters.
pub fn clean_reason(reason: &str) -> String {
    reason.trim().chars().take(MAX_REASON_CHARS).collect()
}
