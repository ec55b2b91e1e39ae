//! Storylines: events on one subject linked across weeks and months, by the similarity of
//! their distinctive content words (not by time alone), greedily in time order.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::sparse::{Centroid, accumulate, top_terms};
use crate::vocab::{TermId, Vocab};

/// Postings read per sketch term, most recent first.
const MAX_POSTINGS: usize = 200;
/// Candidate storylines scored per event: those sharing the most sketch terms.
const MAX_CANDIDATES: usize = 64;
/// A storyline's summed sketch is cut back to its heaviest terms once it holds more than
/// this many sketches' worth of terms (bounds the memory and cost of long storylines).
const MAX_LINE_TERMS: usize = 20;

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
    let mut lines: Vec<Line> = Vec::new();
    let mut postings: HashMap<TermId, Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    let mut shared: HashMap<usize, u32> = HashMap::new();
    for e in events {
        let mut sketch = sketch(e, terms, vocab);
        let top = top_terms(&sketch, terms, vocab);
        // Candidates: the open storylines that share the most of the sketch's terms (from
        // the most recent postings of each), so the cost per event does not grow with the
        // number of storylines.
        shared.clear();
        for t in &top {
            for &l in postings
                .get(t)
                .into_iter()
                .flatten()
                .rev()
                .take(MAX_POSTINGS)
            {
                if e.day - lines[l].last_day <= window_days {
                    *shared.entry(l).or_insert(0) += 1;
                }
            }
        }
        let mut candidates: Vec<(usize, u32)> = shared.iter().map(|(&l, &n)| (l, n)).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        candidates.truncate(MAX_CANDIDATES);
        let sketch_norm = norm2(&sketch).sqrt();
        let best = candidates
            .into_iter()
            .map(|(l, _)| (l, lines[l].cosine(&sketch, sketch_norm)))
            .filter(|&(_, s)| s >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let line = match best {
            Some((l, _)) => {
                let target = &mut lines[l];
                target.add(std::mem::take(&mut sketch), terms);
                target.last_day = target.last_day.max(e.day);
                l
            }
            None => {
                lines.push(Line {
                    norm2: norm2(&sketch),
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

/// A storyline being linked: the sum of its events' sketches, with its squared norm kept.
struct Line {
    centroid: Centroid,
    norm2: f32,
    last_day: i64,
}

impl Line {
    /// Add an event's sketch; past [`MAX_LINE_TERMS`] sketch sizes, keep the heaviest half.
    fn add(&mut self, sketch: Centroid, terms: usize) {
        for (t, w) in sketch {
            let x = self.centroid.entry(t).or_insert(0.0);
            self.norm2 += (*x + w) * (*x + w) - *x * *x;
            *x += w;
        }
        if self.centroid.len() > MAX_LINE_TERMS * terms {
            let mut all: Vec<(TermId, f32)> = self.centroid.iter().map(|(&t, &w)| (t, w)).collect();
            all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(MAX_LINE_TERMS * terms / 2);
            self.centroid = all.into_iter().collect();
            self.norm2 = norm2(&self.centroid);
        }
    }

    /// Cosine of raw weights with a sketch: the sketch chose distinctive terms already;
    /// weighting them again by IDF would let each event's rarest words outweigh the subject
    /// words events share.
    fn cosine(&self, sketch: &Centroid, sketch_norm: f32) -> f32 {
        let dot: f32 = sketch
            .iter()
            .filter_map(|(t, &x)| self.centroid.get(t).map(|&y| x * y))
            .sum();
        let n = sketch_norm * self.norm2.max(0.0).sqrt();
        if n <= 0.0 || dot <= 0.0 {
            0.0
        } else {
            (dot / n).min(1.0)
        }
    }
}

fn norm2(c: &Centroid) -> f32 {
    c.values().map(|x| x * x).sum()
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
