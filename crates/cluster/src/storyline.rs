//! Storylines: events on one subject linked across weeks and months, by the similarity of
//! their distinctive content words (not by time alone), greedily in time order.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::sparse::{Centroid, accumulate, top_terms};
use crate::vocab::{TermId, Vocab};

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
}

/// Group events (given in time order) into storylines: each event joins the storyline
/// whose centroid is most similar, at or above `threshold`, whose latest event is at most
/// `window_days` earlier; otherwise it starts one. Returns each event's storyline index.
pub fn link(
    events: &[EventSketch<'_>],
    threshold: f32,
    terms: usize,
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
        let mut sketch = sketch(e, terms, vocab);
        let top = top_terms(&sketch, terms, vocab);
        let mut candidates: Vec<usize> = top
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
            .map(|l| (l, raw_cosine(&sketch, &lines[l].centroid)))
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
        for t in top {
            let p = postings.entry(t).or_default();
            if p.last() != Some(&line) {
                p.push(line);
            }
        }
        out.push(line);
    }
    out
}

/// An event's normalised sketch: its `terms` most distinctive content terms (raw
/// weight times IDF), at their raw weights scaled to sum to one (big events do not swamp a
/// storyline). The guessed named-thing keys are left out: few and noisy, they split
/// storylines more than they join them (measured on the dev set).
fn sketch(e: &EventSketch<'_>, terms: usize, vocab: &Vocab) -> Centroid {
    let mut c = Centroid::new();
    let top = top_terms(e.centroid, terms, vocab);
    let total: f32 = top.iter().filter_map(|t| e.centroid.get(t)).sum();
    if total > 0.0 {
        let v: Vec<(TermId, f32)> = top
            .iter()
            .filter_map(|t| e.centroid.get(t).map(|w| (*t, w / total)))
            .collect();
        accumulate(&mut c, &v);
    }
    c
}

/// Cosine of raw weights: the sketch chose distinctive terms already; weighting them again
/// by IDF would let each event's rarest words outweigh the subject words events share.
fn raw_cosine(a: &Centroid, b: &Centroid) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(t, &x)| large.get(t).map(|&y| x * y))
        .sum();
    let norm = |c: &Centroid| c.values().map(|x| x * x).sum::<f32>().sqrt();
    let n = norm(a) * norm(b);
    if n <= 0.0 || dot <= 0.0 {
        0.0
    } else {
        (dot / n).min(1.0)
    }
}
