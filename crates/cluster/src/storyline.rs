//! Storylines: events on one subject linked across weeks and months, by the similarity of
//! their distinctive content words (not by time alone), greedily in time order.
//!
//! Linking is a fold over events in time order ([`step`]) on a [`LinkState`]. The clusterer
//! links an event for good once it is older than the window in which articles can still join
//! it, and links the rest (the tail) on an [`Overlay`] that copies a storyline only when a
//! tail event joins it, so an update costs the tail, not the whole history. The kept state
//! is what linking every event again from the start would give for the events whose words
//! did not change since they were linked; an event that gains an article after that keeps
//! its storyline (the clusterer relinks from the start when an event that was never linked
//! turns out older than the cutoff).

use rustc_hash::FxHashMap;
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

/// The knobs of [`step`].
pub(crate) struct Params {
    pub threshold: f32,
    pub terms: usize,
    pub window_days: i64,
}

/// Linking after some events (in time order): their storylines and the term postings that
/// find candidates. Kept in the clusterer for the events that can no longer change, so an
/// update links only the newer ones (see `Clusterer::storylines`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct LinkState {
    lines: Vec<Line>,
    postings: FxHashMap<TermId, Vec<usize>>,
}

/// What [`step`] reads and writes: the state itself, or an [`Overlay`] on it.
pub(crate) trait Lines {
    fn line(&self, l: usize) -> &Line;
    fn line_mut(&mut self, l: usize) -> &mut Line;
    fn push_line(&mut self, line: Line) -> usize;
    /// The storylines posted under `t`, most recent first.
    fn postings(&self, t: TermId) -> impl Iterator<Item = usize>;
    /// Post `l` under `t` (once in a row).
    fn post(&mut self, t: TermId, l: usize);
}

impl Lines for LinkState {
    fn line(&self, l: usize) -> &Line {
        &self.lines[l]
    }
    fn line_mut(&mut self, l: usize) -> &mut Line {
        &mut self.lines[l]
    }
    fn push_line(&mut self, line: Line) -> usize {
        self.lines.push(line);
        self.lines.len() - 1
    }
    fn postings(&self, t: TermId) -> impl Iterator<Item = usize> {
        self.postings.get(&t).into_iter().flatten().rev().copied()
    }
    fn post(&mut self, t: TermId, l: usize) {
        let p = self.postings.entry(t).or_default();
        if p.last() != Some(&l) {
            p.push(l);
        }
    }
}

/// A [`LinkState`] read as is, with the changes of further events kept aside (copied on
/// write), so the saved state serves every later update unchanged.
pub(crate) struct Overlay<'a> {
    base: &'a LinkState,
    changed: FxHashMap<usize, Line>,
    added: Vec<Line>,
    postings: FxHashMap<TermId, Vec<usize>>,
}

impl<'a> Overlay<'a> {
    pub(crate) fn new(base: &'a LinkState) -> Self {
        Overlay {
            base,
            changed: FxHashMap::default(),
            added: Vec::new(),
            postings: FxHashMap::default(),
        }
    }
}

impl Lines for Overlay<'_> {
    fn line(&self, l: usize) -> &Line {
        match l.checked_sub(self.base.lines.len()) {
            Some(a) => &self.added[a],
            None => self.changed.get(&l).unwrap_or(&self.base.lines[l]),
        }
    }
    fn line_mut(&mut self, l: usize) -> &mut Line {
        match l.checked_sub(self.base.lines.len()) {
            Some(a) => &mut self.added[a],
            None => self
                .changed
                .entry(l)
                .or_insert_with(|| self.base.lines[l].clone()),
        }
    }
    fn push_line(&mut self, line: Line) -> usize {
        self.added.push(line);
        self.base.lines.len() + self.added.len() - 1
    }
    fn postings(&self, t: TermId) -> impl Iterator<Item = usize> {
        let mine = self.postings.get(&t).into_iter().flatten().rev().copied();
        mine.chain(self.base.postings(t))
    }
    fn post(&mut self, t: TermId, l: usize) {
        let last = self.postings.get(&t).and_then(|p| p.last().copied());
        let last = last.or_else(|| self.base.postings.get(&t).and_then(|p| p.last().copied()));
        if last != Some(l) {
            self.postings.entry(t).or_default().push(l);
        }
    }
}

/// Link one event (the next in time order): join the most similar open storyline at or
/// above the threshold, or start one. Returns its storyline index.
pub(crate) fn step(
    lines: &mut impl Lines,
    e: &EventSketch<'_>,
    params: &Params,
    vocab: &Vocab,
) -> usize {
    let terms = params.terms;
    let mut sketch = sketch(e, terms, vocab);
    let top = top_terms(&sketch, terms, vocab);
    // Candidates: the open storylines that share the most of the sketch's terms (from the
    // most recent postings of each), so the cost per event does not grow with the number
    // of storylines.
    let mut shared: FxHashMap<usize, u32> = FxHashMap::default();
    for &t in &top {
        for l in lines.postings(t).take(MAX_POSTINGS) {
            *shared.entry(l).or_insert(0) += 1;
        }
    }
    let mut candidates: Vec<(usize, u32)> = shared
        .into_iter()
        .filter(|&(l, _)| e.day - lines.line(l).last_day <= params.window_days)
        .collect();
    candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    candidates.truncate(MAX_CANDIDATES);
    let sketch_norm = norm2(sketch.values()).sqrt();
    let best = candidates
        .into_iter()
        .map(|(l, _)| (l, lines.line(l).cosine(&sketch, sketch_norm)))
        .filter(|&(_, s)| s >= params.threshold)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    let line = match best {
        Some((l, _)) => {
            let target = lines.line_mut(l);
            target.add(std::mem::take(&mut sketch), terms);
            target.last_day = target.last_day.max(e.day);
            l
        }
        None => lines.push_line(Line {
            norm2: norm2(sketch.values()),
            centroid: sketch.into_iter().collect(),
            last_day: e.day,
        }),
    };
    for t in top {
        lines.post(t, line);
    }
    line
}

/// A storyline being linked: the sum of its events' sketches, with its squared norm kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Line {
    /// Hashed, not ordered: [`Line::cosine`] looks up each sketch term in it.
    centroid: FxHashMap<TermId, f32>,
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
            self.norm2 = norm2(self.centroid.values());
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

fn norm2<'a>(weights: impl Iterator<Item = &'a f32>) -> f32 {
    weights.map(|x| x * x).sum()
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
