//! The incremental [`Clusterer`]: each arriving article is checked for near-duplicates, then
//! compared with the few open events an inverted index over their top terms returns, and
//! joins the most similar one or starts a new event. Nothing already placed is revisited.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDateTime;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::Doc;
use crate::event::{DuplicateGroup, Event, Placement};
use crate::features::{Features, HAPPENING_LOOKBACK_DAYS, KEY_PREFIX, Sparse, features};
use crate::minhash::{DupIndex, Signature};
use crate::sparse::{
    Centroid, accumulate, centroid_norm, cosine, cosine_normed, norm, prune, top_terms,
};
use crate::storyline::{EventSketch, LinkState, Overlay, Params, Storyline, step};
use crate::timeline::{EntryKind, Mentioned, TimelineEntry, mentioned_dates, merge_mentions};
use crate::vocab::{TermId, Vocab};

/// Terms of an article looked up in the event index.
const QUERY_TERMS: usize = 15;
/// Terms of an event entered in the event index.
const INDEX_TERMS: usize = 20;
/// Most recent postings read per query term (bounds the cost per article).
const MAX_POSTINGS: usize = 300;
/// Terms kept in an event centroid once it grows (see [`prune`]).
const CENTROID_TERMS: usize = 400;
/// Top entities and terms reported per event.
const REPORTED: usize = 8;

/// The version of the serialised [`Clusterer`] state: raised whenever its shape or the
/// meaning of a default changes, so a saved state of another version is rebuilt, not misread.
pub const STATE_VERSION: u32 = 3;

/// The knobs of clustering. The defaults were set on a three-day, four-outlet Arabic dev set
/// (`marsad bench cluster`); few and coarse on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Lowest similarity for an article to join an event.
    pub threshold: f32,
    /// Share of the headline-to-headlines cosine in the similarity.
    pub title_weight: f32,
    /// Share of the named-things cosine in the similarity.
    pub key_weight: f32,
    /// Added to the similarity in proportion to the share of the article's named things
    /// (by weight × IDF) that the event already holds: a containment, not a cosine, so a
    /// large event with many names is not penalised for holding them.
    pub key_bonus: f32,
    /// Time constant in days of the decay of similarity with the time between the article
    /// and the event's span of articles.
    pub decay_days: f32,
    /// Shape of the decay: `exp(-(excess / decay_days)^decay_power)` of the gap in excess of
    /// `grace_days` (1: exponential; 2: Gaussian, gentle at first and steep later).
    pub decay_power: f32,
    /// Gap in days that costs nothing; also the gap assumed when the article's happening day
    /// (a date in its lead) is one of the event's happening days.
    pub grace_days: f32,
    /// Events with no article for this many days are closed: no longer candidates.
    pub window_days: i64,
    /// Estimated shingle Jaccard at or above which two articles are near-duplicates.
    pub dup_jaccard: f64,
    /// Estimated containment of the shorter in the longer at or above which they are too.
    pub dup_containment: f64,
    /// Lowest similarity of an event to a storyline to join it.
    pub storyline_threshold: f32,
    /// Distinctive terms of an event compared in storyline linking.
    pub storyline_terms: usize,
    /// Longest gap in days between consecutive events of a storyline.
    pub storyline_window_days: i64,
    /// A date in an article is a past happening when older than the article by more than this.
    pub past_days: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.17,
            title_weight: 0.3,
            key_weight: 0.0,
            key_bonus: 0.0,
            decay_days: 1.0,
            decay_power: 1.0,
            grace_days: 0.5,
            window_days: 5,
            dup_jaccard: 0.5,
            dup_containment: 0.85,
            storyline_threshold: 0.25,
            storyline_terms: 100,
            storyline_window_days: 365,
            past_days: 3,
        }
    }
}

/// What an article's time says of when it was published.
#[derive(Debug, Clone, Copy)]
enum When {
    /// Its publication time.
    Published(NaiveDateTime),
    /// A date its text gives: it was published then or later.
    NotBefore(NaiveDateTime),
}

impl When {
    fn of(doc: &Doc) -> Option<When> {
        if doc.dated {
            Some(When::Published(doc.time))
        } else if doc.time_from_text {
            Some(When::NotBefore(doc.time))
        } else {
            None
        }
    }
}

/// An article as kept after placement.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Member {
    id: String,
    source: Option<String>,
    time: NaiveDateTime,
    dated: bool,
    day: i64,
    title: String,
    title_terms: Sparse,
    event: u32,
    duplicate_of: Option<u32>,
    signature: Signature,
    mentioned: Vec<Mentioned>,
}

/// The pure part of placing a document, read before its batch is placed (on every core):
/// its near-duplicate signature, and the past dates it mentions read against its own time.
struct Pre {
    signature: Signature,
    mentioned: Vec<Mentioned>,
}

impl Pre {
    fn of(doc: &Doc, past_days: i64) -> Pre {
        let mut text = doc.title.clone();
        for p in &doc.paragraphs {
            text.push('\n');
            text.push_str(p);
        }
        Pre {
            signature: Signature::of(&text),
            mentioned: mentioned_dates(doc, past_days),
        }
    }
}

/// An event's running state.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct EventState {
    id: String,
    members: Vec<u32>,
    centroid: Centroid,
    title: Centroid,
    keys: Centroid,
    first_day: i64,
    last_day: i64,
    first_time: NaiveDateTime,
    last_time: NaiveDateTime,
    /// Whether any of its articles is dated (else its times are stand-ins).
    dated: bool,
    indexed: FxHashSet<TermId>,
    /// The IDF-weighted norms of `centroid`, `title` and `keys`, with the vocabulary's
    /// document count they were computed at (IDF changes only when that count does; a
    /// batch counts all its articles before placing any). Reset when the sums change.
    #[serde(skip)]
    norms: Option<(u32, [f32; 3])>,
}

impl EventState {
    /// The norms of its three sums under the vocabulary's current IDF (cached).
    fn norms(&mut self, vocab: &Vocab) -> [f32; 3] {
        match self.norms {
            Some((docs, n)) if docs == vocab.docs() => n,
            _ => {
                let n = [
                    centroid_norm(&self.centroid, vocab),
                    centroid_norm(&self.title, vocab),
                    centroid_norm(&self.keys, vocab),
                ];
                self.norms = Some((vocab.docs(), n));
                n
            }
        }
    }
}

/// Incremental clustering of articles into events, with near-duplicates, storylines and
/// timelines derived on demand. Serialisable: save it with serde, load it, keep adding.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Clusterer {
    config: Config,
    vocab: Vocab,
    members: Vec<Member>,
    by_id: HashMap<String, u32>,
    events: Vec<EventState>,
    postings: FxHashMap<TermId, Vec<u32>>,
    dups: DupIndex,
    /// How a named-thing key was first written.
    key_surface: FxHashMap<TermId, String>,
    /// Ids counted by [`Clusterer::prime`] and not yet added (not to be counted twice).
    primed: HashSet<String>,
    /// Storyline linking of the events that can no longer change, kept so that an update
    /// links only the newer events (see [`Clusterer::storylines`]).
    #[serde(default)]
    linked: Option<Linked>,
}

/// The storyline linking of every event whose first day is before `cutoff` (the event
/// window before the newest article when it was made), each linked by its content then. A
/// new event before the cutoff (late articles) drops it, so everything is linked again.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Linked {
    cutoff: i64,
    /// The linked events in linking order (first day, index), with their storyline.
    events: Vec<(u32, u32)>,
    state: LinkState,
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new(config: Config) -> Clusterer {
        Clusterer {
            config,
            ..Clusterer::default()
        }
    }

    /// Its configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Count `docs` in the document frequencies only (background statistics: articles on
    /// other subjects, or the batch about to be added) without placing them. A primed
    /// article added later is not counted again.
    pub fn prime<'a>(&mut self, docs: impl IntoIterator<Item = &'a Doc>) {
        for doc in docs {
            if self.by_id.contains_key(&doc.id) || !self.primed.insert(doc.id.clone()) {
                continue;
            }
            let f = features(doc, &mut self.vocab);
            self.vocab.observe(f.distinct());
        }
    }

    /// Whether the article with this id was placed.
    pub fn contains(&self, article: &str) -> bool {
        self.by_id.contains_key(article)
    }

    /// The articles placed without a publication date (at a stand-in time), in placement
    /// order.
    pub fn undated(&self) -> Vec<String> {
        self.members
            .iter()
            .filter(|m| !m.dated)
            .map(|m| m.id.clone())
            .collect()
    }

    /// The event with this id, when there is one.
    pub fn event(&self, id: &str) -> Option<Event> {
        Some(self.event_view(self.event_index(id)?))
    }

    /// Where the event with this id is in `events`: an event's id names its first article,
    /// which stays in it, so the lookup goes through the article index (no scan).
    fn event_index(&self, id: &str) -> Option<usize> {
        let first = self.by_id.get(id.strip_prefix("e-")?)?;
        let e = self.members[*first as usize].event as usize;
        (self.events.get(e)?.id == id).then_some(e)
    }

    /// How many articles were placed.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no article was placed.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Place one article: counted in the document frequencies, then folded into the event of
    /// the article it nearly duplicates, or into the most similar open event, or a new one.
    /// An id already placed keeps its placement.
    pub fn add(&mut self, doc: &Doc) -> Placement {
        let f = features(doc, &mut self.vocab);
        if !self.primed.remove(&doc.id) && !self.by_id.contains_key(&doc.id) {
            self.vocab.observe(f.distinct());
        }
        self.place(doc, f, None)
    }

    /// `pre` is [`Pre::of`] `doc` when it was read already.
    fn place(&mut self, doc: &Doc, f: Features, pre: Option<Pre>) -> Placement {
        if let Some(&m) = self.by_id.get(&doc.id) {
            let member = &self.members[m as usize];
            return Placement {
                event: self.events[member.event as usize].id.clone(),
                new_event: false,
                duplicate_of: member
                    .duplicate_of
                    .map(|d| self.members[d as usize].id.clone()),
                score: 1.0,
            };
        }
        let index = u32::try_from(self.members.len()).unwrap_or(u32::MAX);
        let Pre {
            signature,
            mentioned,
        } = pre.unwrap_or_else(|| Pre::of(doc, self.config.past_days));
        let duplicate_of = self.find_duplicate(&signature);
        let (event, score, new_event) = match duplicate_of {
            Some(c) => (self.members[c as usize].event, 1.0, false),
            None => match self.best_event(&f, When::of(doc)) {
                Some((e, s)) => (e, s, false),
                None => (self.new_event(&doc.id, f.day, doc.time), 0.0, true),
            },
        };
        self.dups.insert(index, &signature);
        self.members.push(Member {
            id: doc.id.clone(),
            source: doc.source.clone(),
            time: doc.time,
            dated: doc.dated,
            day: f.day,
            title: doc.title.clone(),
            title_terms: f.title.clone(),
            event,
            duplicate_of,
            signature,
            mentioned: self.mentions_of(doc, event, mentioned),
        });
        self.by_id.insert(doc.id.clone(), index);
        self.join(event, index, &f, doc);
        Placement {
            event: self.events[event as usize].id.clone(),
            new_event,
            duplicate_of: duplicate_of.map(|d| self.members[d as usize].id.clone()),
            score,
        }
    }

    /// The past dates `doc` mentions. An undated article that joins a dated event reports
    /// that happening, so its relative dates («يونيو الماضي») resolve against the event's
    /// latest time rather than a stand-in.
    /// `own` is what `doc` mentions read against its own time ([`Pre::of`]).
    fn mentions_of(&self, doc: &Doc, event: u32, own: Vec<Mentioned>) -> Vec<Mentioned> {
        let ev = &self.events[event as usize];
        if doc.dated || !ev.dated {
            return own;
        }
        let at_event = Doc {
            time: ev.last_time,
            dated: true,
            ..doc.clone()
        };
        mentioned_dates(&at_event, self.config.past_days)
    }

    /// The canonical article `sig` nearly duplicates, when there is one.
    fn find_duplicate(&self, sig: &Signature) -> Option<u32> {
        let mut best: Option<(u32, f64)> = None;
        for c in self.dups.candidates(sig) {
            let other = &self.members[c as usize].signature;
            let j = sig.jaccard(other);
            let contained = sig.shingles().min(other.shingles()) >= 20
                && sig.containment(other) >= self.config.dup_containment;
            if (j >= self.config.dup_jaccard || contained) && best.is_none_or(|(_, b)| j > b) {
                best = Some((c, j));
            }
        }
        best.map(|(c, _)| self.members[c as usize].duplicate_of.unwrap_or(c))
    }

    /// The most similar open event at or above the threshold, by the event index.
    /// Decay and window apply in full to a dated article, only towards older events to one
    /// dated by its text, not at all to an undated one.
    fn best_event(&mut self, f: &Features, when: Option<When>) -> Option<(u32, f32)> {
        let vocab = &self.vocab;
        let events = &mut self.events;
        let mut query: Vec<(TermId, f32)> = f
            .terms
            .iter()
            .chain(&f.keys)
            .map(|&(t, w)| (t, w * vocab.idf(t)))
            .collect();
        query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut candidates: Vec<u32> = query
            .iter()
            .take(QUERY_TERMS)
            .filter_map(|(t, _)| self.postings.get(t))
            .flat_map(|p| p.iter().rev().take(MAX_POSTINGS))
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let (tn, hn, kn) = (
            norm(&f.terms, vocab),
            norm(&f.title, vocab),
            norm(&f.keys, vocab),
        );
        let with_idf2 = |v: &Sparse| -> Vec<(TermId, f32, f32)> {
            v.iter()
                .map(|&(t, w)| (t, w, vocab.idf(t).powi(2)))
                .collect()
        };
        let (q_terms, q_title, q_keys) =
            (with_idf2(&f.terms), with_idf2(&f.title), with_idf2(&f.keys));
        let c = &self.config;
        let text_weight = 1.0 - c.title_weight - c.key_weight;
        candidates
            .into_iter()
            .filter_map(|e| {
                let ev = &mut events[e as usize];
                let decay = match when.filter(|_| ev.dated) {
                    Some(When::NotBefore(time)) => {
                        if f.day - ev.last_day > c.window_days {
                            return None;
                        }
                        let minutes = (time - ev.last_time).num_minutes().max(0);
                        decay(c, minutes as f32 / 1440.0)
                    }
                    Some(When::Published(time)) => {
                        if f.day - ev.last_day > c.window_days
                            || ev.first_day - f.day > c.window_days
                        {
                            return None;
                        }
                        let minutes = (ev.first_time - time)
                            .max(time - ev.last_time)
                            .num_minutes()
                            .max(0);
                        let mut gap = minutes as f32 / 1440.0;
                        if (ev.first_day..=ev.last_day).contains(&f.day) {
                            gap = gap.min(c.grace_days);
                        }
                        decay(c, gap)
                    }
                    None => 1.0,
                };
                let [cn, titlen, keysn] = ev.norms(vocab);
                let central = cosine_normed(&q_terms, tn, &ev.centroid, cn);
                let mut s = text_weight * central
                    + c.title_weight * cosine_normed(&q_title, hn, &ev.title, titlen)
                    + c.key_weight * cosine_normed(&q_keys, kn, &ev.keys, keysn);
                if c.key_bonus > 0.0 {
                    s += c.key_bonus * contained(&f.keys, &ev.keys, vocab);
                }
                Some((e, s * decay))
            })
            .filter(|&(_, s)| s >= c.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    fn new_event(&mut self, first_id: &str, day: i64, time: NaiveDateTime) -> u32 {
        self.events.push(EventState {
            id: format!("e-{first_id}"),
            members: Vec::new(),
            centroid: Centroid::new(),
            title: Centroid::new(),
            keys: Centroid::new(),
            first_day: day,
            last_day: day,
            first_time: time,
            last_time: time,
            dated: false,
            indexed: FxHashSet::default(),
            norms: None,
        });
        u32::try_from(self.events.len() - 1).unwrap_or(u32::MAX)
    }

    fn join(&mut self, event: u32, member: u32, f: &Features, doc: &Doc) {
        for &(k, _) in &f.keys {
            if !self.key_surface.contains_key(&k) {
                let surface = surface_of(doc, self.vocab.term(k));
                self.key_surface.insert(k, surface);
            }
        }
        let ev = &mut self.events[event as usize];
        let (first_before, fresh_event) = (ev.first_day, ev.members.is_empty());
        ev.members.push(member);
        accumulate(&mut ev.centroid, &f.terms);
        accumulate(&mut ev.title, &f.title);
        accumulate(&mut ev.keys, &f.keys);
        prune(&mut ev.centroid, CENTROID_TERMS, &self.vocab);
        ev.norms = None;
        if !doc.dated {
            // An undated article says nothing of when the event happened.
        } else if !ev.dated {
            (ev.first_day, ev.last_day, ev.first_time, ev.last_time) =
                (f.day, f.day, doc.time, doc.time);
            ev.dated = true;
        } else {
            ev.first_day = ev.first_day.min(f.day);
            ev.last_day = ev.last_day.max(f.day);
            ev.first_time = ev.first_time.min(doc.time);
            ev.last_time = ev.last_time.max(doc.time);
        }
        if let Some(l) = &self.linked {
            // A linked event keeps its storyline. An event that should have been linked
            // before the cutoff but was not (a new one, or one moved earlier by a late
            // article) means linking all again.
            let was_linked = !fresh_event && first_before < l.cutoff;
            if !was_linked && ev.first_day < l.cutoff {
                self.linked = None;
            }
        }
        let mut top = top_terms(&ev.centroid, INDEX_TERMS, &self.vocab);
        top.extend(top_terms(&ev.keys, INDEX_TERMS / 4, &self.vocab));
        let newest = ev.last_day;
        let fresh: Vec<TermId> = top.into_iter().filter(|&t| ev.indexed.insert(t)).collect();
        for t in fresh {
            {
                let posting = self.postings.entry(t).or_default();
                posting.push(event);
                if posting.len() > 4 * MAX_POSTINGS {
                    let window = self.config.window_days;
                    let events = &self.events;
                    posting.retain(|&e| newest - events[e as usize].last_day <= window);
                }
            }
        }
    }

    /// The event id of an article, when placed.
    pub fn event_of(&self, article: &str) -> Option<&str> {
        let m = self.by_id.get(article)?;
        Some(
            self.events[self.members[*m as usize].event as usize]
                .id
                .as_str(),
        )
    }

    /// Every event, in order of its first article.
    pub fn events(&self) -> Vec<Event> {
        (0..self.events.len()).map(|e| self.event_view(e)).collect()
    }

    fn event_view(&self, e: usize) -> Event {
        let ev = &self.events[e];
        let vocab = &self.vocab;
        let mut members: Vec<&Member> = ev
            .members
            .iter()
            .map(|&m| &self.members[m as usize])
            .collect();
        members.sort_by(|a, b| a.time.cmp(&b.time).then(a.id.cmp(&b.id)));
        let label = members
            .iter()
            .filter(|m| !m.title.trim().is_empty())
            .map(|m| {
                (
                    m,
                    cosine(
                        &m.title_terms,
                        norm(&m.title_terms, vocab),
                        &ev.title,
                        vocab,
                    ),
                )
            })
            .fold(None::<(&&Member, f32)>, |best, (m, s)| match best {
                Some((_, b)) if b >= s => best,
                _ => Some((m, s)),
            })
            .map_or_else(String::new, |(m, _)| m.title.clone());
        let any_dated = members.iter().any(|m| m.dated);
        let mut days: Vec<i64> = members
            .iter()
            .filter(|m| m.dated || !any_dated)
            .map(|m| m.day)
            .collect();
        days.sort_unstable();
        let median = days
            .get(days.len().saturating_sub(1) / 2)
            .copied()
            .unwrap_or(ev.first_day);
        let sources: BTreeSet<String> = members.iter().filter_map(|m| m.source.clone()).collect();
        Event {
            id: ev.id.clone(),
            label,
            date: day_iso(median),
            articles: members.iter().map(|m| m.id.clone()).collect(),
            sources: sources.into_iter().collect(),
            entities: reported(&ev.keys, vocab)
                .into_iter()
                .filter_map(|k| self.key_surface.get(&k).cloned())
                .collect(),
            terms: reported(&ev.centroid, vocab)
                .into_iter()
                .map(|t| vocab.term(t).to_owned())
                .collect(),
        }
    }

    /// For each article of the event (in placement order): how many other independent
    /// outlets report the event. An outlet counts when one of the event's articles comes from
    /// it, it is not the article's own outlet, and that article is not a near-duplicate of
    /// this one (a syndicated copy or a re-post corroborates nothing). Articles without a
    /// known outlet neither count nor are counted for. `None` for an unknown event.
    pub fn corroboration(&self, event: &str) -> Option<Vec<(String, usize)>> {
        let members = &self.events[self.event_index(event)?].members;
        let group = |m: u32| self.members[m as usize].duplicate_of.unwrap_or(m);
        Some(
            members
                .iter()
                .map(|&m| {
                    let own = &self.members[m as usize];
                    let outlets: BTreeSet<&str> = members
                        .iter()
                        .filter(|&&o| group(o) != group(m))
                        .filter_map(|&o| self.members[o as usize].source.as_deref())
                        .filter(|s| Some(*s) != own.source.as_deref())
                        .collect();
                    (own.id.clone(), outlets.len())
                })
                .collect(),
        )
    }

    /// Storylines of at least two events, in order of their first event.
    ///
    /// Events are linked greedily in time order. At the end of each
    /// [`Clusterer::add_batch`], the events that began more than the event window (and the
    /// look-back of a happening day) before the newest article are linked for good, by their content at that moment (a storyline
    /// takes an event by how it began; later articles still change its label and timeline,
    /// not its storyline), with the term statistics of that moment. Each call then links only
    /// the newer events, on a copy-on-write overlay, so the cost of an update does not grow
    /// with the store. A batch clusterer links everything at the end, with its final content
    /// and statistics.
    pub fn storylines(&self) -> Vec<Storyline> {
        let empty = LinkState::default();
        let (base, done) = match &self.linked {
            Some(l) => (&l.state, l.events.as_slice()),
            None => (&empty, &[][..]),
        };
        let linked_now = self.linked_mask();
        let mut tail: Vec<usize> = (0..self.events.len()).filter(|&e| !linked_now[e]).collect();
        tail.sort_by_key(|&e| (self.events[e].first_day, e));
        let params = self.link_params();
        let mut overlay = Overlay::new(base);
        let mut linked: Vec<(usize, usize)> = done
            .iter()
            .map(|&(e, l)| (e as usize, l as usize))
            .collect();
        for e in tail {
            let line = step(&mut overlay, &self.sketch_of(e), &params, &self.vocab);
            linked.push((e, line));
        }
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (e, l) in linked {
            if groups.len() <= l {
                groups.resize(l + 1, Vec::new());
            }
            groups[l].push(e);
        }
        groups
            .into_iter()
            .filter(|g| g.len() >= 2)
            .map(|g| {
                let largest = g
                    .iter()
                    .copied()
                    .max_by(|&a, &b| {
                        self.events[a]
                            .members
                            .len()
                            .cmp(&self.events[b].members.len())
                            .then(b.cmp(&a))
                    })
                    .unwrap_or(g[0]);
                Storyline {
                    id: format!("s-{}", self.events[g[0]].id.trim_start_matches("e-")),
                    label: self.event_view(largest).label,
                    events: g.iter().map(|&e| self.events[e].id.clone()).collect(),
                }
            })
            .collect()
    }

    fn link_params(&self) -> Params {
        Params {
            threshold: self.config.storyline_threshold,
            terms: self.config.storyline_terms,
            window_days: self.config.storyline_window_days,
        }
    }

    fn sketch_of(&self, e: usize) -> EventSketch<'_> {
        EventSketch {
            day: self.events[e].first_day,
            centroid: &self.events[e].centroid,
        }
    }

    /// Which events the kept linking holds.
    fn linked_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.events.len()];
        for &(e, _) in self.linked.iter().flat_map(|l| &l.events) {
            if let Some(m) = mask.get_mut(e as usize) {
                *m = true;
            }
        }
        mask
    }

    /// Link for good the events that began more than the event window before the newest
    /// article (see [`Clusterer::storylines`]).
    fn advance_linking(&mut self) {
        let window = self.config.window_days;
        let Some(newest) = self.events.iter().map(|e| e.last_day).max() else {
            return;
        };
        // An article published now may report a happening up to the look-back before.
        let cutoff = newest - window - HAPPENING_LOOKBACK_DAYS - 1;
        let linked_now = self.linked_mask();
        let mut linked = self.linked.take().unwrap_or(Linked {
            cutoff: i64::MIN,
            ..Linked::default()
        });
        if cutoff > linked.cutoff {
            let mut fresh: Vec<usize> = (0..self.events.len())
                .filter(|&e| !linked_now[e] && self.events[e].first_day < cutoff)
                .collect();
            fresh.sort_by_key(|&e| (self.events[e].first_day, e));
            let params = self.link_params();
            for e in fresh {
                let line = step(&mut linked.state, &self.sketch_of(e), &params, &self.vocab);
                linked.events.push((
                    u32::try_from(e).unwrap_or(u32::MAX),
                    u32::try_from(line).unwrap_or(u32::MAX),
                ));
            }
            linked.cutoff = cutoff;
        }
        self.linked = Some(linked);
    }

    /// A storyline's timeline: its events and the past happenings its articles mention,
    /// merged across articles, by date.
    pub fn timeline(&self, storyline: &Storyline) -> Vec<TimelineEntry> {
        let mut at: Vec<usize> = storyline
            .events
            .iter()
            .filter_map(|id| self.event_index(id))
            .collect();
        at.sort_unstable();
        at.dedup();
        let events: Vec<Event> = at.into_iter().map(|e| self.event_view(e)).collect();
        self.timeline_of(&events)
    }

    /// The timeline of any set of events (a storyline's, or one event's).
    pub fn timeline_of(&self, events: &[Event]) -> Vec<TimelineEntry> {
        let mut mentions: Vec<(&str, &Mentioned)> = Vec::new();
        for e in events {
            for a in &e.articles {
                if let Some(&m) = self.by_id.get(a) {
                    let member = &self.members[m as usize];
                    mentions.extend(member.mentioned.iter().map(|x| (member.id.as_str(), x)));
                }
            }
        }
        let mut out: Vec<TimelineEntry> = events
            .iter()
            .map(|e| TimelineEntry {
                date: e.date.clone(),
                precision: "day".to_owned(),
                what: e.label.clone(),
                articles: e.articles.clone(),
                kind: EntryKind::Event,
                event: Some(e.id.clone()),
            })
            .collect();
        out.extend(merge_mentions(mentions));
        out.sort_by(|a, b| {
            a.date
                .cmp(&b.date)
                .then((a.kind == EntryKind::Mentioned).cmp(&(b.kind == EntryKind::Mentioned)))
        });
        out
    }

    /// Groups of near-duplicates (two or more articles), by canonical article.
    pub fn duplicates(&self) -> Vec<DuplicateGroup> {
        let mut groups: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut at: HashMap<u32, usize> = HashMap::new();
        for (i, m) in self.members.iter().enumerate() {
            if let Some(c) = m.duplicate_of {
                let slot = *at.entry(c).or_insert_with(|| {
                    groups.push((c, Vec::new()));
                    groups.len() - 1
                });
                groups[slot].1.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
        }
        groups
            .into_iter()
            .map(|(c, copies)| {
                let all = std::iter::once(c).chain(copies.iter().copied());
                let sources: BTreeSet<String> = all
                    .filter_map(|m| self.members[m as usize].source.clone())
                    .collect();
                DuplicateGroup {
                    canonical: self.members[c as usize].id.clone(),
                    copies: copies
                        .iter()
                        .map(|&m| self.members[m as usize].id.clone())
                        .collect(),
                    sources: sources.into_iter().collect(),
                }
            })
            .collect()
    }

    /// Events currently open (with an article within the window of the newest article).
    pub fn open_events(&self) -> usize {
        let newest = self.events.iter().map(|e| e.last_day).max().unwrap_or(0);
        self.events
            .iter()
            .filter(|e| newest - e.last_day <= self.config.window_days)
            .count()
    }
}

/// Cluster a batch: document frequencies from all of `docs` first, then each placed in order
/// of (time, id), dated articles before undated ones (whose time is a guess), so the result
/// does not depend on the order of `docs`. The same as a [`Clusterer::prime`]d with `docs`
/// and then fed them one by one in [`batch_order`].
pub fn cluster(docs: &[Doc], config: Config) -> Clusterer {
    let mut c = Clusterer::new(config);
    c.add_batch(docs);
    c
}

impl Clusterer {
    /// Add a batch as [`cluster`] does: all of it counted in the document frequencies first,
    /// then placed in [`batch_order`].
    pub fn add_batch(&mut self, docs: &[Doc]) -> Vec<Placement> {
        let order = batch_order(docs);
        // Reading is pure and per document: on every core; interning stays in batch order.
        // So are its near-duplicate signature and the dates it mentions.
        let past_days = self.config.past_days;
        let read: Vec<(crate::features::Read, Option<Pre>)> = order
            .par_iter()
            .map(|d| {
                let placed = self.by_id.contains_key(&d.id);
                (
                    crate::features::read(d),
                    (!placed).then(|| Pre::of(d, past_days)),
                )
            })
            .collect();
        let mut feats = Vec::with_capacity(order.len());
        for (d, (r, pre)) in order.iter().zip(read) {
            let f = r.intern(&mut self.vocab);
            if !self.by_id.contains_key(&d.id) && !self.primed.remove(&d.id) {
                self.vocab.observe(f.distinct());
            }
            feats.push((f, pre));
        }
        let placements = order
            .into_iter()
            .zip(feats)
            .map(|(doc, (f, pre))| self.place(doc, f, pre))
            .collect();
        self.advance_linking();
        placements
    }
}

/// The order [`cluster`] places a batch in: dated before undated, then by time and id.
pub fn batch_order(docs: &[Doc]) -> Vec<&Doc> {
    let mut order: Vec<&Doc> = docs.iter().collect();
    order.sort_by(|a, b| (!a.dated, a.time, &a.id).cmp(&(!b.dated, b.time, &b.id)));
    order
}

/// How a key was written in `doc`: the Latin run itself, the recogniser's canonical name
/// with that name key (the same in every article that names it, so the event's names do
/// not depend on which article came first), or the first headline or lead word with that
/// name key.
fn surface_of(doc: &Doc, key: &str) -> String {
    let key = key.strip_prefix(KEY_PREFIX).unwrap_or(key);
    if key.is_ascii() {
        return key.to_owned();
    }
    if let Some(name) = doc
        .entities
        .iter()
        .flatten()
        .find(|e| marsad_text::name_key(e) == key)
    {
        return name.clone();
    }
    let lead = doc.paragraphs.first().map_or("", String::as_str);
    [doc.title.as_str(), lead]
        .iter()
        .flat_map(|t| marsad_text::tokens(t))
        .map(|t| t.surface)
        .find(|w| {
            marsad_text::name_key(&marsad_text::normalize(w, marsad_text::Level::Match)) == key
        })
        .map_or_else(|| key.to_owned(), str::to_owned)
}

/// The [`REPORTED`] heaviest terms of a centroid for display, ties broken by the term's
/// text (not its id, which depends on the order articles arrived in).
fn reported(c: &Centroid, vocab: &Vocab) -> Vec<TermId> {
    let mut all: Vec<(TermId, f32)> = c.iter().map(|(&t, &w)| (t, w * vocab.idf(t))).collect();
    all.sort_unstable_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| vocab.term(a.0).cmp(vocab.term(b.0)))
    });
    all.into_iter().take(REPORTED).map(|(t, _)| t).collect()
}

/// The decay factor of a gap of `gap` days between an article and an event.
fn decay(c: &Config, gap: f32) -> f32 {
    let excess = (gap - c.grace_days).max(0.0) / c.decay_days;
    if c.decay_power == 1.0 {
        (-excess).exp()
    } else {
        (-excess.powf(c.decay_power)).exp()
    }
}

/// The share of `v` (by weight × IDF) whose terms `c` holds.
fn contained(v: &[(TermId, f32)], c: &Centroid, vocab: &Vocab) -> f32 {
    let (mut held, mut all) = (0.0, 0.0);
    for &(t, w) in v {
        let x = w * vocab.idf(t);
        all += x;
        if c.contains_key(&t) {
            held += x;
        }
    }
    if all > 0.0 { held / all } else { 0.0 }
}

fn day_iso(day: i64) -> String {
    i32::try_from(day)
        .ok()
        .and_then(chrono::NaiveDate::from_epoch_days)
        .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::epoch_day;

    #[test]
    fn decay_shapes_and_name_containment() {
        let c = Config::default();
        assert_eq!(decay(&c, c.grace_days), 1.0);
        assert!((decay(&c, c.grace_days + 1.0) - (-1.0f32).exp()).abs() < 1e-6);
        let gauss = Config {
            decay_power: 2.0,
            ..Config::default()
        };
        assert!(decay(&gauss, c.grace_days + 0.5) > decay(&c, c.grace_days + 0.5));
        assert!(decay(&gauss, c.grace_days + 2.0) < decay(&c, c.grace_days + 2.0));

        let mut v = Vocab::default();
        let (a, b) = (v.intern("a"), v.intern("b"));
        v.observe([a, b]);
        let mut ev = Centroid::new();
        let one: Sparse = vec![(a, 1.0)];
        accumulate(&mut ev, &one);
        let share = contained(&[(a, 1.0), (b, 1.0)], &ev, &v);
        assert!((share - 0.5).abs() < 1e-6);
        assert_eq!(contained(&[(b, 1.0)], &ev, &v), 0.0);
    }

    #[test]
    fn corroboration_counts_other_independent_outlets() {
        let at = |h: u32| {
            chrono::NaiveDate::from_ymd_opt(2018, 8, 7)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .unwrap()
        };
        let report = "أعلنت وزارة الخارجية السعودية طرد السفير الكندي وتجميد التعاملات التجارية والاستثمارية الجديدة مع كندا، احتجاجا على ما وصفته بالتدخل في شؤونها الداخلية بعد دعوة أوتاوا إلى الإفراج عن ناشطات معتقلات.";
        let reaction = "قال رئيس الوزراء الكندي جاستن ترودو إن بلاده ستواصل الدفاع عن حقوق الإنسان في العالم، وإنها لا تعتزم الاعتذار عن موقفها رغم قرار الرياض.";
        let analysis = "يرى محللون أن الأزمة الدبلوماسية بين البلدين قد تطول، وأن آثارها ستطال الطلاب السعوديين الدارسين في الجامعات الكندية والعقود العسكرية.";
        let doc = |id: &str, source: Option<&str>, h: u32, text: &str| Doc {
            id: id.into(),
            source: source.map(str::to_owned),
            time: at(h),
            dated: true,
            time_from_text: false,
            title: "السعودية تطرد السفير الكندي وتجمد التعاملات التجارية مع كندا".into(),
            paragraphs: vec![text.to_owned()],
            entities: None,
        };
        let mut c = Clusterer::new(Config::default());
        let first = c.add(&doc("a", Some("sky"), 8, report));
        let count = |c: &Clusterer| -> Vec<(String, usize)> {
            c.corroboration(&first.event).unwrap_or_default()
        };
        assert_eq!(count(&c), [("a".to_owned(), 0)]);
        // A copy of the same article by another outlet: a re-post, not a corroboration.
        let copy = c.add(&doc("b", Some("hespress"), 9, report));
        assert_eq!(copy.duplicate_of.as_deref(), Some("a"));
        assert_eq!(count(&c), [("a".to_owned(), 0), ("b".to_owned(), 0)]);
        // Another report by the same outlet: nothing new for that outlet's first report.
        let again = c.add(&doc("c", Some("sky"), 10, reaction));
        assert_eq!(again.event, first.event, "{again:?}");
        assert_eq!(again.duplicate_of, None);
        let counts =
            |c: &Clusterer| -> Vec<usize> { count(c).into_iter().map(|(_, n)| n).collect() };
        assert_eq!(counts(&c), [0, 1, 1]);
        // A second independent outlet's own report corroborates the first.
        let other = c.add(&doc("d", Some("bbc"), 11, analysis));
        assert_eq!(
            (other.event.as_str(), other.duplicate_of),
            (first.event.as_str(), None)
        );
        assert_eq!(counts(&c), [1, 2, 2, 2]);
        let unknown = c.add(&doc(
            "e",
            None,
            12,
            "تواصل الأزمة بين السعودية وكندا لليوم الثاني.",
        ));
        assert_eq!(unknown.event, first.event);
        assert_eq!(counts(&c), [1, 2, 2, 2, 3]);
        assert_eq!(c.corroboration("e-nothing"), None);
    }

    /// Weekly articles on three subjects over ten weeks (each week's own words too).
    fn weekly_stream() -> Vec<Doc> {
        let subjects = [
            "مفاوضات سد النهضة بين مصر وإثيوبيا والسودان حول ملء الخزان وتشغيله",
            "انتخابات البرلمان العراقي وتشكيل الحكومة الجديدة في بغداد والكتل السياسية",
            "أسعار النفط في الأسواق العالمية وقرارات أوبك بشأن خفض الإنتاج والطلب",
        ];
        let weekly = [
            "وصل الوفد إلى العاصمة صباحا وعقد اجتماعا مغلقا مع المسؤولين",
            "تظاهر مئات المواطنين أمام المقر احتجاجا على تأخر القرار",
            "نشرت الصحف المحلية تسريبات عن خلافات حادة داخل اللجنة",
            "أعلن المتحدث تأجيل الجلسة المقبلة إلى موعد لم يحدد بعد",
            "حذر خبراء اقتصاديون من تداعيات طويلة على الأسواق والعملة",
            "زار المبعوث الأممي المنطقة والتقى قادة الأحزاب والنقابات",
            "كشفت وثيقة مسربة عن مقترح جديد لتقاسم الحصص والموارد",
            "شهدت الجولة مشادات كلامية بين أعضاء الوفود المشاركة",
            "رحبت عواصم غربية بالتقدم المحدود ودعت إلى مواصلة الحوار",
            "انسحب أحد الأطراف مؤقتا قبل أن يعود بعد وساطة إقليمية",
            "أصدرت المحكمة حكما يلزم الحكومة بنشر تفاصيل الاتفاق",
            "نظمت الجامعات ندوات لمناقشة السيناريوهات المحتملة للأزمة",
        ];
        let mut docs = Vec::new();
        for week in 0..10u32 {
            for (n, subject) in subjects.iter().enumerate() {
                let time = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
                    .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(week * 7))))
                    .and_then(|d| d.and_hms_opt(8 + n as u32, 0, 0))
                    .unwrap();
                let news = weekly[(week as usize * 5 + n * 3) % weekly.len()];
                let more = weekly[(week as usize * 7 + n * 5 + 1) % weekly.len()];
                docs.push(Doc {
                    id: format!("w{week}-{n}"),
                    source: Some(format!("outlet{n}")),
                    time,
                    dated: true,
                    time_from_text: false,
                    title: format!("{subject}: {news}"),
                    paragraphs: vec![format!("{news}. {more}، في إطار {subject}.")],
                    entities: None,
                });
            }
        }
        docs
    }

    #[test]
    fn kept_linking_gives_the_storylines_of_linking_everything_again() {
        let docs = weekly_stream();
        let mut c = Clusterer::new(Config::default());
        c.prime(&docs);
        for week in docs.chunks(3) {
            c.add_batch(week);
        }
        let kept = c.linked.as_ref().map_or(0, |l| l.events.len());
        assert!(kept > 0, "closed events are kept linked");
        assert!(
            kept < c.events.len(),
            "open events are not: {kept} of {}",
            c.events.len()
        );
        let mut again = c.clone();
        again.linked = None;
        assert_eq!(c.storylines(), again.storylines());
        assert!(!c.storylines().is_empty());
        // The same statistics throughout (primed): the same as one batch.
        assert_eq!(
            c.storylines(),
            cluster(&docs, Config::default()).storylines()
        );

        // A late article joining a linked event leaves its storyline as it was.
        let lines = c.storylines();
        let late = Doc {
            id: "late".into(),
            ..docs[0].clone()
        };
        assert!(c.add(&late).duplicate_of.is_some());
        assert!(c.linked.is_some());
        let ids = |lines: &[Storyline]| -> Vec<Vec<String>> {
            lines.iter().map(|l| l.events.clone()).collect()
        };
        assert_eq!(ids(&c.storylines()), ids(&lines));
        // A new event before the cutoff drops the kept linking; the next batch links
        // everything again.
        let old_news = Doc {
            id: "old-news".into(),
            title: "افتتاح معرض الكتاب الدولي بمشاركة مئات دور النشر العربية".into(),
            paragraphs: vec![
                "افتتح المعرض أبوابه للزوار بحضور وزير الثقافة وعدد من الأدباء.".into(),
            ],
            ..docs[0].clone()
        };
        assert!(c.add(&old_news).new_event);
        assert!(c.linked.is_none());
        c.add_batch(&[]);
        assert!(c.linked.is_some());
        let mut again = c.clone();
        again.linked = None;
        assert_eq!(c.storylines(), again.storylines());
    }

    #[test]
    fn day_iso_round_trips() {
        let d = chrono::NaiveDate::from_ymd_opt(2018, 8, 7).unwrap();
        assert_eq!(day_iso(epoch_day(d)), "2018-08-07");
    }
}
