//! Storylines: events on one subject linked across weeks and months, by the similarity of
//! their content and named things (not by time alone), greedily in time order.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::sparse::{Centroid, accumulate, centroid_cosine, top_terms};
use crate::vocab::{TermId, Vocab};

/// Terms of an event entered in the storyline index.
const EVENT_TERMS: usize = 150;
/// Terms of an event compared in storyline linking: many, since a subject lives in the
/// shared middle-weight words more than in each event's heaviest ones.
const SKETCH_TERMS: usize = 300;
/// Weight of the named things against the content in an event's sketch: the guessed keys
/// are few and rare, so at equal mass they would swamp the shared subject words.
const KEY_MASS: f32 = 0.2;
/// Candidate storylines examined per event, most recent posting first.
const MAX_POSTINGS: usize = 200;

/// One ongoing subject: its events in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Storyline {
    /// Stable id: `s-` and the id of its first event's first article.
    pub id: String,
    /// The label of its largest event.
    pub label: String,
    /// Its event ids, in time order.
    pub events: Vec<String>,
}

/// What storyline linking reads of one event.
pub struct EventSketch<'a> {
    /// The event's day (days since 1970-01-01).
    pub day: i64,
    /// Its content centroid.
    pub centroid: &'a Centroid,
    /// Its named-thing centroid.
    pub keys: &'a Centroid,
}

/// Group events (given in time order) into storylines: each event joins the storyline
/// whose centroid is most similar, at or above `threshold`, whose latest event is at most
/// `window_days` earlier; otherwise it starts one. Returns each event's storyline index.
pub fn link(
    events: &[EventSketch<'_>],
    threshold: f32,
    window_days: i64,
    vocab: &Vocab,
) -> Vec<usize> {
    struct Line {
        centroid: Centroid,
        last_day: i64,
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut postings: HashMap<TermId, Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let mut sketch = sketch(e, vocab);
        let terms = top_terms(&sketch, EVENT_TERMS, vocab);
        let mut candidates: Vec<usize> = terms
            .iter()
            .filter_map(|t| postings.get(t))
            .flat_map(|p| p.iter().rev().take(MAX_POSTINGS))
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .filter(|&l| e.day - lines[l].last_day <= window_days)
            .map(|l| (l, centroid_cosine(&sketch, &lines[l].centroid, vocab)))
            .filter(|&(_, s)| s >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let line = match best {
            Some((l, _)) => {
                let target = &mut lines[l];
                for (t, w) in std::mem::take(&mut sketch) {
                    *target.centroid.entry(t).or_insert(0.0) += w;
                }
                target.last_day = target.last_day.max(e.day);
                l
            }
            None => {
                lines.push(Line {
                    centroid: sketch,
                    last_day: e.day,
                });
                lines.len() - 1
            }
        };
        for t in terms {
            let p = postings.entry(t).or_default();
            if p.last() != Some(&line) {
                p.push(line);
            }
        }
        out.push(line);
    }
    out
}

/// An event's normalised sketch: its top content terms and keys, each scaled so the
/// event's raw weights sum to one (big events do not swamp a storyline).
fn sketch(e: &EventSketch<'_>, vocab: &Vocab) -> Centroid {
    let mut c = Centroid::new();
    for (source, mass) in [(e.centroid, 1.0), (e.keys, KEY_MASS)] {
        let top = top_terms(source, SKETCH_TERMS, vocab);
        let total: f32 = top.iter().filter_map(|t| source.get(t)).sum();
        if total <= 0.0 {
            continue;
        }
        let v: Vec<(TermId, f32)> = top
            .iter()
            .filter_map(|t| source.get(t).map(|w| (*t, mass * w / total)))
            .collect();
        accumulate(&mut c, &v);
    }
    c
}
