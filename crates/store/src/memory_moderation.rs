//! [`ModerationStore`] in memory, for tests of the crates above; it follows the same rules as
//! the SQLite one and passes the same conformance checks.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::Error;
use crate::moderation::{
    AuditAction, AuditEntry, Decision, ItemKind, ItemRef, ItemStatus, ModerationStore, NewReport,
    QueueEntry, ReportOutcome, SYSTEM_ACTOR, clean_reason,
};

/// Reports, statuses and the audit log in memory.
#[derive(Debug, Default)]
pub struct MemoryModeration {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    items: BTreeMap<ItemRef, Item>,
    log: Vec<AuditEntry>,
}

#[derive(Debug)]
struct Item {
    status: ItemStatus,
    /// Reporters and reasons since the last restore, in order.
    reports: Vec<(String, String, DateTime<Utc>)>,
    reporters: BTreeSet<String>,
}

impl Item {
    fn new() -> Item {
        Item {
            status: ItemStatus::Reported,
            reports: Vec::new(),
            reporters: BTreeSet::new(),
        }
    }
}

impl MemoryModeration {
    /// An empty moderation store.
    pub fn new() -> MemoryModeration {
        MemoryModeration::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, State>, Error> {
        self.state.lock().map_err(|_| Error::Poisoned {
            what: "memory moderation",
        })
    }
}

impl State {
    fn log(
        &mut self,
        at: DateTime<Utc>,
        actor: &str,
        action: AuditAction,
        item: &ItemRef,
        note: Option<&str>,
    ) {
        let seq = self.log.last().map_or(1, |e| e.seq + 1);
        self.log.push(AuditEntry {
            seq,
            at,
            actor: actor.to_owned(),
            action,
            item: item.clone(),
            note: note.map(str::to_owned),
        });
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[async_trait]
impl ModerationStore for MemoryModeration {
    async fn report(&self, report: &NewReport, threshold: u32) -> Result<ReportOutcome, Error> {
        let threshold = threshold.max(1);
        let reason = clean_reason(&report.reason);
        let mut state = self.lock()?;
        let item = state
            .items
            .entry(report.item.clone())
            .or_insert_with(Item::new);
        let counted =
            item.status != ItemStatus::Removed && !item.reporters.contains(&report.reporter);
        if counted {
            item.reporters.insert(report.reporter.clone());
            item.reports
                .push((report.reporter.clone(), reason.clone(), report.at));
        }
        let reporters = count(item.reporters.len());
        let hide = counted && !item.status.is_hidden() && reporters >= threshold;
        if hide {
            item.status = ItemStatus::Hidden;
        } else if counted && item.status == ItemStatus::Restored {
            item.status = ItemStatus::Reported;
        }
        let status = item.status;
        state.log(
            report.at,
            &report.reporter,
            AuditAction::Report,
            &report.item,
            Some(&reason),
        );
        if hide {
            state.log(
                report.at,
                SYSTEM_ACTOR,
                AuditAction::AutoHide,
                &report.item,
                None,
            );
        }
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
        let mut state = self.lock()?;
        let entry = state.items.entry(item.clone()).or_insert_with(Item::new);
        let (status, action) = match decision {
            Decision::Restore => {
                entry.reports.clear();
                entry.reporters.clear();
                (ItemStatus::Restored, AuditAction::Restore)
            }
            Decision::Remove => (ItemStatus::Removed, AuditAction::Remove),
        };
        entry.status = status;
        state.log(at, actor, action, item, note);
        Ok(status)
    }

    async fn status(&self, item: &ItemRef) -> Result<Option<ItemStatus>, Error> {
        Ok(self.lock()?.items.get(item).map(|i| i.status))
    }

    async fn hidden(&self, kind: ItemKind) -> Result<Vec<String>, Error> {
        Ok(self
            .lock()?
            .items
            .iter()
            .filter(|(item, state)| item.kind == kind && state.status.is_hidden())
            .map(|(item, _)| item.id.clone())
            .collect())
    }

    async fn queue(&self, limit: usize, offset: usize) -> Result<Vec<QueueEntry>, Error> {
        let state = self.lock()?;
        let mut entries: Vec<QueueEntry> = state
            .items
            .iter()
            .filter(|(_, i)| matches!(i.status, ItemStatus::Reported | ItemStatus::Hidden))
            .filter_map(|(item, i)| {
                let last = i.reports.last()?.2;
                Some(QueueEntry {
                    item: item.clone(),
                    status: i.status,
                    reporters: count(i.reporters.len()),
                    reasons: i.reports.iter().take(10).map(|r| r.1.clone()).collect(),
                    last_reported: last,
                })
            })
            .collect();
        entries.sort_by(|a, b| {
            (
                b.status == ItemStatus::Hidden,
                b.reporters,
                b.last_reported,
                &a.item,
            )
                .cmp(&(
                    a.status == ItemStatus::Hidden,
                    a.reporters,
                    a.last_reported,
                    &b.item,
                ))
        });
        Ok(entries.into_iter().skip(offset).take(limit).collect())
    }

    async fn audit_log(&self, limit: usize, offset: usize) -> Result<Vec<AuditEntry>, Error> {
        let state = self.lock()?;
        Ok(state
            .log
            .iter()
            .rev()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect())
    }
}
