//! The home page's events: the latest events ranked by importance, each with the
//! credibility and importance of its coverage (the stored analyses of its articles: the
//! highest importance, the mean credibility) and its most common category.
//!
//! Built from the store at most once a minute and shared between requests, like the keyword
//! cloud: ranking reads each candidate event's articles and their analyses, too much for
//! every request. Articles moderation hid are left out of the scores; an event all of whose
//! articles are hidden is left out.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use marsad_store::EventRecord;

use crate::WebError;
use crate::hidden::Hidden;
use crate::state::SharedState;

/// Latest events considered (what "today" holds on a busy store).
const CANDIDATES: usize = 40;
/// Articles of an event whose analyses are read.
const PER_EVENT: usize = 8;
/// How long a ranking is served.
const FRESH: Duration = Duration::from_secs(60);

/// One ranked event.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedEvent {
    /// The event.
    pub event: EventRecord,
    /// The highest importance (0–100) of its analysed articles.
    pub importance: Option<u8>,
    /// The mean credibility (0–100) of its analysed articles.
    pub credibility: Option<u8>,
    /// Its articles' most common category (Arabic name when the classifier gave one).
    pub category: Option<String>,
}

/// The cache of the ranking.
#[derive(Debug, Default)]
pub struct RankedCache {
    built: tokio::sync::Mutex<Option<(Instant, Arc<Vec<RankedEvent>>)>>,
}

impl RankedCache {
    /// The ranking, built again when older than a minute.
    pub(crate) async fn get(&self, state: &SharedState) -> Result<Arc<Vec<RankedEvent>>, WebError> {
        let mut built = self.built.lock().await;
        if let Some((at, events)) = built.as_ref()
            && at.elapsed() < FRESH
        {
            return Ok(events.clone());
        }
        let events = Arc::new(build(state).await?);
        *built = Some((Instant::now(), events.clone()));
        Ok(events)
    }
}

async fn build(state: &SharedState) -> Result<Vec<RankedEvent>, WebError> {
    let hidden = Hidden::load(state).await?;
    let clusters = &state.store.clusters;
    let mut ranked = Vec::new();
    for event in clusters.latest_events(CANDIDATES).await? {
        let ids: Vec<String> = clusters
            .event_articles(&event.id)
            .await?
            .into_iter()
            .filter(|a| !hidden.article(a))
            .take(PER_EVENT)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let analyses: Vec<_> = state
            .store
            .analyses
            .get_analyses(&ids)
            .await?
            .into_iter()
            .flatten()
            .collect();
        let importance = analyses.iter().map(|a| a.importance.value).max();
        let credibility = (!analyses.is_empty()).then(|| {
            let sum: u32 = analyses
                .iter()
                .map(|a| u32::from(a.credibility.value))
                .sum();
            let mean = (sum + analyses.len() as u32 / 2) / analyses.len() as u32;
            u8::try_from(mean.min(100)).unwrap_or(100)
        });
        let mut categories: BTreeMap<String, usize> = BTreeMap::new();
        for c in analyses.iter().filter_map(|a| a.category.as_ref()) {
            let name = c.arabic.clone().unwrap_or_else(|| c.label.clone());
            *categories.entry(name).or_default() += 1;
        }
        let category = categories
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(name, _)| name);
        ranked.push(RankedEvent {
            event,
            importance,
            credibility,
            category,
        });
    }
    // Most important first; unscored events after the scored ones, then as the store listed
    // them (newest day first, the most covered first).
    ranked.sort_by_key(|r| std::cmp::Reverse(r.importance.map(i16::from).unwrap_or(-1)));
    Ok(ranked)
}
