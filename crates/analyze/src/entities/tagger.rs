//! The entity tagger: an averaged structured perceptron (Collins 2002) over IOB tags with
//! first-order Viterbi decoding (IOB constraints enforced), hashed features (`features.rs`,
//! among them word-cluster paths learnt from unlabelled news, `clusters.rs`) and i8 weights,
//! kept compact in memory (only the non-zero rows, found through a bitmap).
//!
//! Hand-written because no Rust crate does this well: `crfsuite` binds the C library (a C
//! toolchain, no hashed features, a model format we do not control), `crfs` only decodes
//! CRFsuite models and cannot train, and the pure-Rust CRF crates are unmaintained. The
//! perceptron trains in seconds on ANERcorp, decodes in one pass, and its weights quantise
//! to i8 with no measurable loss (checked by `marsad eval ner` on the saved model).
//!
//! Tagging keeps, per thread, the summed rows of the features each word brings wherever it
//! stands (as the token and as each neighbour, `features::word_features`), so a word seen
//! before costs one map lookup instead of some forty hashed rows; the sums are integers, so
//! the scores are exactly those of the features one by one.

use std::cell::RefCell;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use thread_local::ThreadLocal;

use super::clusters::WordClusters;
use super::features::{
    Prepared, context_features, neighbours, prepare, sentence_features, word_features,
};
use super::format::{self, Stored};
use super::gazetteer::Gazetteer;
use super::{N_TAGS, NerError, Sentence, Tag};

/// Transition rows: one per previous tag, then the start row.
const START: usize = N_TAGS;

/// Whether tag `cur` may follow tag `prev` (`START` for the first token).
fn allowed(prev: usize, cur: usize) -> bool {
    let prev = (prev < N_TAGS).then(|| Tag::from_index(prev));
    Tag::from_index(cur).may_follow(prev)
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct NerModel {
    bits: u8,
    weights: Rows,
    scales: [f32; N_TAGS],
    /// `(N_TAGS + 1) × N_TAGS`: previous tag (or start) × tag.
    trans: Vec<f32>,
    gazetteer: Gazetteer,
    clusters: Arc<WordClusters>,
    words: WordCache,
}

/// The summed rows of one word's feature groups (`features::WordFeatures`: the token itself,
/// then the neighbour at −2, −1, +1, +2) and its cluster pair id.
#[derive(Debug, Clone, Copy)]
struct WordRows {
    groups: [[i32; N_TAGS]; 5],
    pair: u32,
}

/// [`WordRows`] as kept: the sums fit in i16 (a group has at most 17 features of weights in
/// ±127), which halves the cache.
#[derive(Debug, Clone, Copy)]
struct KeptRows {
    groups: [[i16; N_TAGS]; 5],
    pair: u32,
}

impl KeptRows {
    /// The kept form, if every sum fits.
    fn of(r: &WordRows) -> Option<KeptRows> {
        let mut groups = [[0i16; N_TAGS]; 5];
        for (g, src) in groups.iter_mut().zip(&r.groups) {
            for (x, &v) in g.iter_mut().zip(src) {
                *x = i16::try_from(v).ok()?;
            }
        }
        Some(KeptRows {
            groups,
            pair: r.pair,
        })
    }

    fn rows(&self) -> WordRows {
        WordRows {
            groups: self.groups.map(|g| g.map(i32::from)),
            pair: self.pair,
        }
    }
}

/// Words kept per thread at most (about 130 bytes each with the key).
const CACHE_WORDS: usize = 1 << 15;

/// Once the cache is full, words it misses are read without being kept; after this many such
/// misses it is emptied, so that the words of new stories can come in.
const CACHE_REFRESH: usize = 4 * CACHE_WORDS;

/// One thread's words: the frequent ones come early and stay, rare ones are not kept once it
/// is full (emptying a full map at every overflow cost more than it saved).
#[derive(Default)]
struct ThreadWords {
    rows: FxHashMap<Box<str>, KeptRows>,
    misses_when_full: usize,
}

/// Each thread's [`WordRows`] by word. A clone starts empty.
#[derive(Default)]
struct WordCache(ThreadLocal<RefCell<ThreadWords>>);

impl Clone for WordCache {
    fn clone(&self) -> Self {
        WordCache::default()
    }
}

impl std::fmt::Debug for WordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WordCache")
    }
}

/// `acc += row`.
#[inline]
fn add_row<T: Copy + Into<i32>>(acc: &mut [i32; N_TAGS], row: &[T]) {
    for (a, &x) in acc.iter_mut().zip(row) {
        *a += x.into();
    }
}

/// The non-zero weight rows, compact: one bit per bucket (set when it has a row), the number
/// of rows before each 64 buckets, and the rows in bucket order. With 2^22 buckets and about
/// 100,000 rows this is about 1.7 MB where a dense table is 38 MB; the tagger reads a row per
/// feature, so staying in cache is most of its speed.
#[derive(Debug, Clone)]
struct Rows {
    present: Vec<u64>,
    before: Vec<u32>,
    /// `N_TAGS` per row.
    weights: Vec<i8>,
}

impl Rows {
    /// From the buckets (increasing, each below `2^bits`) and their rows.
    fn new(bits: u8, buckets: &[u32], weights: Vec<i8>) -> Rows {
        let words = (1usize << bits).div_ceil(64);
        let mut present = vec![0u64; words];
        for &b in buckets {
            present[b as usize / 64] |= 1 << (b % 64);
        }
        let mut before = Vec::with_capacity(words);
        let mut n = 0u32;
        for w in &present {
            before.push(n);
            n += w.count_ones();
        }
        Rows {
            present,
            before,
            weights,
        }
    }

    /// The row of `bucket`, if it has one.
    #[inline]
    fn get(&self, bucket: u32) -> Option<&[i8]> {
        let (w, bit) = (bucket as usize / 64, bucket % 64);
        let word = *self.present.get(w)?;
        if word & (1 << bit) == 0 {
            return None;
        }
        let r = self.before[w] as usize + (word & ((1u64 << bit) - 1)).count_ones() as usize;
        self.weights.get(r * N_TAGS..(r + 1) * N_TAGS)
    }

    /// How many rows.
    fn len(&self) -> usize {
        self.weights.len() / N_TAGS
    }

    /// The buckets that have a row, in increasing order.
    fn buckets(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len());
        for (w, &word) in self.present.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                out.push((w * 64) as u32 + word.trailing_zeros());
                word &= word - 1;
            }
        }
        out
    }
}

/// Settings of [`train_ner`].
#[derive(Debug, Clone, PartialEq)]
pub struct NerTrainConfig {
    /// `log2` of the number of hash buckets (16 to 24).
    pub bucket_bits: u8,
    /// Passes over the training sentences; the pass that scores best on the tune sentences
    /// (when given) is kept.
    pub epochs: usize,
    /// When tune sentences are given: after the best pass is found on them, train again
    /// from scratch on the training and tune sentences together for that many passes, and
    /// keep that model (the tune sentences then teach too).
    pub refit: bool,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// The word clusters the features read (the model records their fingerprint).
    pub clusters: Arc<WordClusters>,
}

impl Default for NerTrainConfig {
    fn default() -> Self {
        NerTrainConfig {
            bucket_bits: 22,
            epochs: 20,
            seed: 1,
            refit: true,
            clusters: WordClusters::bundled(),
        }
    }
}

/// What [`train_ner`] reports after each pass.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EpochReport {
    /// 1-based pass number.
    pub epoch: usize,
    /// Token accuracy on the training sentences during the pass.
    pub train_accuracy: f64,
    /// Overall entity F1 on the tune sentences (averaged weights), when given.
    pub tune_f1: Option<f64>,
}

/// A trained model and how training went.
#[derive(Debug, Clone)]
pub struct NerTrained {
    /// The model (weights of the best pass, quantised).
    pub model: NerModel,
    /// One report per pass.
    pub epochs: Vec<EpochReport>,
    /// The pass that was kept (with `refit`, the number of passes of the refit).
    pub best_epoch: usize,
    /// Whether the model was refit on the training and tune sentences together.
    pub refit: bool,
}

/// A sentence ready for training: features and gold tags.
struct Example {
    feats: Vec<u32>,
    offsets: Vec<usize>,
    gold: Vec<usize>,
}

fn example(
    s: &Sentence,
    gaz: &Gazetteer,
    clusters: &WordClusters,
    bits: u8,
) -> Result<Example, NerError> {
    let gold = s.gold()?.iter().map(|t| t.index()).collect();
    let prepared = prepare(&s.tokens, gaz);
    let (feats, offsets) = sentence_features(&prepared, bits, clusters);
    Ok(Example {
        feats,
        offsets,
        gold,
    })
}

/// Viterbi over emission scores (`n × N_TAGS`) and transitions, IOB constraints enforced.
fn viterbi(emit: &[f32], trans: &[f32], out: &mut Vec<usize>) {
    let n = emit.len() / N_TAGS;
    out.clear();
    if n == 0 {
        return;
    }
    let mut score = vec![f32::NEG_INFINITY; n * N_TAGS];
    let mut back = vec![0u8; n * N_TAGS];
    for t in 0..N_TAGS {
        if allowed(START, t) {
            score[t] = emit[t] + trans[START * N_TAGS + t];
        }
    }
    for i in 1..n {
        for t in 0..N_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..N_TAGS {
                let prev = score[(i - 1) * N_TAGS + p];
                if prev == f32::NEG_INFINITY || !allowed(p, t) {
                    continue;
                }
                let s = prev + trans[p * N_TAGS + t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i * N_TAGS + t] = best + emit[i * N_TAGS + t];
            back[i * N_TAGS + t] = arg as u8;
        }
    }
    let last = &score[(n - 1) * N_TAGS..];
    let mut t = (0..N_TAGS)
        .max_by(|&a, &b| last[a].total_cmp(&last[b]))
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = t;
        t = usize::from(back[i * N_TAGS + t]);
    }
}

/// Emission scores of float weights.
fn emit_f32(w: &[f32], feats: &[u32], offsets: &[usize], out: &mut Vec<f32>) {
    let n = offsets.len().saturating_sub(1);
    out.clear();
    out.resize(n * N_TAGS, 0.0);
    for i in 0..n {
        let row = &mut out[i * N_TAGS..(i + 1) * N_TAGS];
        for &f in &feats[offsets[i]..offsets[i + 1]] {
            let base = f as usize * N_TAGS;
            for (r, x) in row.iter_mut().zip(&w[base..base + N_TAGS]) {
                *r += x;
            }
        }
    }
}

/// Train the tagger on tagged sentences; `tune` (may be empty) picks the best pass, and with
/// [`NerTrainConfig::refit`] the model is then trained again on `train` and `tune` together
/// for that many passes. `progress` gets each pass's report as it ends (the passes of the
/// search, not those of the refit).
pub fn train_ner(
    train: &[Sentence],
    tune: &[Sentence],
    config: &NerTrainConfig,
    progress: &(dyn Fn(EpochReport) + Sync),
) -> Result<NerTrained, NerError> {
    let bits = config.bucket_bits.clamp(16, 24);
    let gaz = Gazetteer::bundled();
    let examples: Vec<Example> = train
        .par_iter()
        .map(|s| example(s, &gaz, &config.clusters, bits))
        .collect::<Result<_, _>>()?;
    let tune_examples: Vec<Example> = tune
        .par_iter()
        .map(|s| example(s, &gaz, &config.clusters, bits))
        .collect::<Result<_, _>>()?;
    if examples.is_empty() {
        return Err(NerError::NoData);
    }
    let refs: Vec<&Example> = examples.iter().collect();
    let (reports, best_epoch, mut avg, mut tavg) = fit(
        &refs,
        &tune_examples,
        bits,
        config.epochs.max(1),
        config.seed,
        progress,
    );
    let refit = config.refit && !tune_examples.is_empty();
    if refit {
        let all: Vec<&Example> = examples.iter().chain(&tune_examples).collect();
        (_, _, avg, tavg) = fit(&all, &[], bits, best_epoch, config.seed, &|_| {});
    }
    let model = NerModel::quantise(bits, &avg, tavg, gaz, config.clusters.clone());
    Ok(NerTrained {
        model,
        epochs: reports,
        best_epoch,
        refit,
    })
}

/// Entity F1 of averaged weights on held-out examples.
fn held_out_f1(examples: &[Example], avg: &[f32], tavg: &[f32]) -> f64 {
    let pairs: Vec<(Vec<Tag>, Vec<Tag>)> = examples
        .par_iter()
        .map(|ex| {
            let mut e = Vec::new();
            let mut p = Vec::new();
            emit_f32(avg, &ex.feats, &ex.offsets, &mut e);
            viterbi(&e, tavg, &mut p);
            let tags = |v: &[usize]| v.iter().map(|&i| Tag::from_index(i)).collect();
            (tags(&ex.gold), tags(&p))
        })
        .collect();
    super::score::score_conll(pairs.iter().map(|(g, p)| (g.as_slice(), p.as_slice())))
        .overall
        .f1
}

/// `epochs` passes of the averaged perceptron over `examples`; returns the reports, the pass
/// kept (best on `held_out` when not empty, else the last) and its averaged emission and
/// transition weights.
fn fit(
    examples: &[&Example],
    held_out: &[Example],
    bits: u8,
    epochs: usize,
    seed: u64,
    progress: &(dyn Fn(EpochReport) + Sync),
) -> (Vec<EpochReport>, usize, Vec<f32>, Vec<f32>) {
    let size = (1usize << bits) * N_TAGS;
    let tsize = (N_TAGS + 1) * N_TAGS;
    let mut w = vec![0f32; size];
    let mut u = vec![0f32; size];
    let mut tw = vec![0f32; tsize];
    let mut tu = vec![0f32; tsize];
    let mut c: f32 = 1.0;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut emit = Vec::new();
    let mut pred = Vec::new();
    let mut reports = Vec::new();
    let mut best: Option<(f64, usize, Vec<f32>, Vec<f32>)> = None;
    for epoch in 1..=epochs.max(1) {
        // Fisher–Yates with xorshift64*: deterministic for a seed.
        for i in (1..order.len()).rev() {
            rng ^= rng >> 12;
            rng ^= rng << 25;
            rng ^= rng >> 27;
            let j = (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let ex = examples[k];
            emit_f32(&w, &ex.feats, &ex.offsets, &mut emit);
            viterbi(&emit, &tw, &mut pred);
            total += pred.len();
            right += pred.iter().zip(&ex.gold).filter(|(a, b)| a == b).count();
            if pred != ex.gold {
                for i in 0..pred.len() {
                    let (g, p) = (ex.gold[i], pred[i]);
                    if g != p {
                        for &f in &ex.feats[ex.offsets[i]..ex.offsets[i + 1]] {
                            let base = f as usize * N_TAGS;
                            w[base + g] += 1.0;
                            u[base + g] += c;
                            w[base + p] -= 1.0;
                            u[base + p] -= c;
                        }
                    }
                    let gp = if i == 0 { START } else { ex.gold[i - 1] };
                    let pp = if i == 0 { START } else { pred[i - 1] };
                    if (gp, g) != (pp, p) {
                        tw[gp * N_TAGS + g] += 1.0;
                        tu[gp * N_TAGS + g] += c;
                        tw[pp * N_TAGS + p] -= 1.0;
                        tu[pp * N_TAGS + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let last = epoch == epochs.max(1);
        // Averages are only needed to score a pass, or for the last one.
        if held_out.is_empty() && !last {
            reports.push(EpochReport {
                epoch,
                train_accuracy: right as f64 / total.max(1) as f64,
                tune_f1: None,
            });
            progress(reports[reports.len() - 1]);
            continue;
        }
        let avg: Vec<f32> = w.par_iter().zip(&u).map(|(w, u)| w - u / c).collect();
        let tavg: Vec<f32> = tw.iter().zip(&tu).map(|(w, u)| w - u / c).collect();
        let tune_f1 = (!held_out.is_empty()).then(|| held_out_f1(held_out, &avg, &tavg));
        let report = EpochReport {
            epoch,
            train_accuracy: right as f64 / total.max(1) as f64,
            tune_f1,
        };
        progress(report);
        reports.push(report);
        let key = tune_f1.unwrap_or(epoch as f64);
        if best.as_ref().is_none_or(|b| key > b.0) {
            best = Some((key, epoch, avg, tavg));
        }
    }
    let (_, best_epoch, avg, tavg) =
        best.expect("the last pass always computes its averages, and there is at least one");
    (reports, best_epoch, avg, tavg)
}

impl NerModel {
    fn quantise(
        bits: u8,
        avg: &[f32],
        trans: Vec<f32>,
        gazetteer: Gazetteer,
        clusters: Arc<WordClusters>,
    ) -> NerModel {
        let mut scales = [0f32; N_TAGS];
        for row in avg.chunks_exact(N_TAGS) {
            for (s, &x) in scales.iter_mut().zip(row) {
                *s = s.max(x.abs());
            }
        }
        for s in &mut scales {
            *s = if *s > 0.0 { *s / 127.0 } else { 1.0 };
        }
        let mut buckets = Vec::new();
        let mut weights = Vec::new();
        let mut q = [0i8; N_TAGS];
        for (b, row) in avg.chunks_exact(N_TAGS).enumerate() {
            for t in 0..N_TAGS {
                q[t] = (row[t] / scales[t]).round().clamp(-127.0, 127.0) as i8;
            }
            if q.iter().any(|&x| x != 0) {
                buckets.push(b as u32);
                weights.extend_from_slice(&q);
            }
        }
        NerModel {
            bits,
            weights: Rows::new(bits, &buckets, weights),
            scales,
            trans,
            gazetteer,
            clusters,
            words: WordCache::default(),
        }
    }

    /// The model in its file format (`format.rs`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let buckets = self.weights.buckets();
        let weights = self.weights.weights.clone();
        format::write(&Stored {
            bits: self.bits,
            clusters: self.clusters.fingerprint(),
            scales: self.scales,
            trans: self.trans.clone(),
            buckets,
            weights,
        })
    }

    /// Load a model written by [`NerModel::to_bytes`], with the bundled word clusters (or
    /// none, for a model trained without).
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, NerError> {
        let s = format::read(bytes)?;
        let clusters = if s.clusters == 0 {
            Arc::new(WordClusters::empty())
        } else {
            WordClusters::bundled()
        };
        NerModel::from_stored(s, clusters)
    }

    /// Load a model written by [`NerModel::to_bytes`] whose features read `clusters`: an
    /// error when the model was trained with other clusters.
    pub fn from_bytes_with(
        bytes: &[u8],
        clusters: Arc<WordClusters>,
    ) -> Result<NerModel, NerError> {
        NerModel::from_stored(format::read(bytes)?, clusters)
    }

    fn from_stored(s: Stored, clusters: Arc<WordClusters>) -> Result<NerModel, NerError> {
        if s.clusters != clusters.fingerprint() {
            return Err(NerError::Invalid {
                offset: format::CLUSTERS_AT,
                why: format!(
                    "trained with word clusters {:016x}, given {:016x}",
                    s.clusters,
                    clusters.fingerprint()
                ),
            });
        }
        // `format::read` checked that the buckets increase, stay below `2^bits` and have a row
        // each.
        Ok(NerModel {
            bits: s.bits,
            weights: Rows::new(s.bits, &s.buckets, s.weights),
            scales: s.scales,
            trans: s.trans,
            gazetteer: Gazetteer::bundled(),
            clusters,
            words: WordCache::default(),
        })
    }

    /// How many feature rows have a non-zero weight.
    pub fn rows(&self) -> usize {
        self.weights.len()
    }

    /// `log2` of the hash buckets.
    pub fn bucket_bits(&self) -> u8 {
        self.bits
    }

    /// The word clusters the model's features use.
    pub fn clusters(&self) -> &WordClusters {
        &self.clusters
    }

    /// The gazetteer the model's features use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Tag one sentence of tokens as written (punctuation as tokens of its own, as in
    /// ANERcorp).
    ///
    /// ```
    /// let model = marsad_analyze::ner_model();
    /// let tags = model.tag(&["وصل", "الوفد", "إلى", "القدس", "أمس"]);
    /// assert_eq!(tags[3].to_string(), "B-LOC");
    /// assert_eq!(tags[0].to_string(), "O");
    /// ```
    pub fn tag<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Tag> {
        let prepared = prepare(tokens, &self.gazetteer);
        self.tag_prepared(&prepared)
    }

    pub(crate) fn tag_prepared(&self, prepared: &[Prepared]) -> Vec<Tag> {
        let emit = self.emissions(prepared);
        let mut out = Vec::new();
        viterbi(&emit, &self.trans, &mut out);
        out.into_iter().map(Tag::from_index).collect()
    }

    /// The summed rows of `feats`.
    fn rows_sum(&self, feats: &[u32]) -> [i32; N_TAGS] {
        let mut acc = [0i32; N_TAGS];
        for &f in feats {
            if let Some(row) = self.weights.get(f) {
                add_row(&mut acc, row);
            }
        }
        acc
    }

    fn word_rows(&self, word: &str) -> WordRows {
        let wf = word_features(word, self.bits, &self.clusters);
        let mut groups = [[0i32; N_TAGS]; 5];
        let mut from = 0;
        for (g, &end) in groups.iter_mut().zip(&wf.ends) {
            *g = self.rows_sum(&wf.feats[from..end]);
            from = end;
        }
        WordRows {
            groups,
            pair: wf.pair,
        }
    }

    /// Each token's [`WordRows`], from this thread's cache when it has them.
    fn sentence_word_rows(&self, prepared: &[Prepared]) -> Vec<WordRows> {
        let cell = self.words.0.get_or(|| RefCell::new(ThreadWords::default()));
        let Ok(mut cache) = cell.try_borrow_mut() else {
            return prepared.iter().map(|t| self.word_rows(&t.norm)).collect();
        };
        prepared
            .iter()
            .map(|t| {
                if let Some(r) = cache.rows.get(t.norm.as_str()) {
                    return r.rows();
                }
                let r = self.word_rows(&t.norm);
                if cache.rows.len() < CACHE_WORDS {
                    if let Some(kept) = KeptRows::of(&r) {
                        cache.rows.insert(t.norm.as_str().into(), kept);
                    }
                } else {
                    cache.misses_when_full += 1;
                    if cache.misses_when_full >= CACHE_REFRESH {
                        *cache = ThreadWords::default();
                    }
                }
                r
            })
            .collect()
    }

    /// Emission scores (`n × N_TAGS`) of a sentence.
    fn emissions(&self, prepared: &[Prepared]) -> Vec<f32> {
        let n = prepared.len();
        let words = self.sentence_word_rows(prepared);
        let pairs: Vec<u32> = words.iter().map(|w| w.pair).collect();
        let mut emit = vec![0f32; n * N_TAGS];
        let mut context = Vec::with_capacity(16);
        for i in 0..n {
            let mut acc = words[i].groups[0];
            for (slot, j) in neighbours(n, i).into_iter().enumerate() {
                if let Some(j) = j {
                    add_row(&mut acc, &words[j].groups[slot + 1]);
                }
            }
            context.clear();
            context_features(prepared, &pairs, i, self.bits, &mut context);
            add_row(&mut acc, &self.rows_sum(&context));
            for t in 0..N_TAGS {
                emit[i * N_TAGS + t] = acc[t] as f32 * self.scales[t];
            }
        }
        emit
    }

    /// [`emissions`](Self::emissions) the long way, every feature's row one by one.
    #[cfg(test)]
    fn emissions_flat(&self, prepared: &[Prepared]) -> Vec<f32> {
        let (feats, offsets) = sentence_features(prepared, self.bits, &self.clusters);
        let n = prepared.len();
        let mut emit = vec![0f32; n * N_TAGS];
        for i in 0..n {
            let acc = self.rows_sum(&feats[offsets[i]..offsets[i + 1]]);
            for t in 0..N_TAGS {
                emit[i * N_TAGS + t] = acc[t] as f32 * self.scales[t];
            }
        }
        emit
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_conll;

    /// A tiny hand-written corpus: the tagger must learn that a word after `قال` and before
    /// `في` is a person and a word after `في` a place.
    const TINY: &str = "قال O\nسمير B-PERS\nحداد I-PERS\nفي O\nبيروت B-LOC\n. O\n\n\
قال O\nكريم B-PERS\nعلوان I-PERS\nفي O\nطنجة B-LOC\n. O\n\n\
زار O\nسمير B-PERS\nحداد I-PERS\nمدينة O\nطنجة B-LOC\n. O\n\n\
وصل O\nكريم B-PERS\nعلوان I-PERS\nإلى O\nبيروت B-LOC\n. O\n";

    #[test]
    fn learns_a_tiny_corpus_and_round_trips() {
        let sentences = parse_conll(TINY).unwrap();
        let config = NerTrainConfig {
            bucket_bits: 16,
            epochs: 5,
            seed: 3,
            refit: true,
            clusters: Arc::new(WordClusters::empty()),
        };
        let trained = train_ner(&sentences, &[], &config, &|_| {}).unwrap();
        let m = &trained.model;
        let tags: Vec<String> = m
            .tag(&["قال", "سمير", "حداد", "في", "بيروت"])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(tags, ["O", "B-PERS", "I-PERS", "O", "B-LOC"]);
        let again = NerModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(
            again.tag(&["زار", "كريم", "علوان"]),
            m.tag(&["زار", "كريم", "علوان"])
        );
        assert_eq!(again.rows(), m.rows());
    }

    /// The per-word sums give exactly the scores of the features one by one, on real text
    /// (the bundled pages), with the cache cold, warm, and after a clone.
    #[test]
    fn cached_word_rows_score_as_the_features_one_by_one() {
        let model = crate::ner_model();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/pages");
        let mut sentences = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let words: Vec<&str> = line.split_whitespace().collect();
                let prepared = prepare(&words, model.gazetteer());
                let flat = model.emissions_flat(&prepared);
                let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&model.emissions(&prepared)), bits(&flat), "{line}");
                assert_eq!(bits(&model.emissions(&prepared)), bits(&flat), "{line}");
                assert_eq!(bits(&model.clone().emissions(&prepared)), bits(&flat));
                sentences += 1;
            }
        }
        assert!(sentences > 50, "{sentences}");
    }

    #[test]
    fn compact_rows_find_their_buckets() {
        let buckets = [0u32, 63, 64, 65, 1000, 65535];
        let weights: Vec<i8> = (0..buckets.len() * N_TAGS).map(|i| i as i8).collect();
        let rows = Rows::new(16, &buckets, weights.clone());
        assert_eq!(rows.len(), buckets.len());
        assert_eq!(rows.buckets(), buckets);
        for (r, &b) in buckets.iter().enumerate() {
            assert_eq!(
                rows.get(b),
                Some(&weights[r * N_TAGS..(r + 1) * N_TAGS]),
                "{b}"
            );
        }
        for b in [1, 62, 66, 999, 1001, 65534, 65536, u32::MAX] {
            assert_eq!(rows.get(b), None, "{b}");
        }
    }

    #[test]
    fn viterbi_never_starts_inside() {
        // Emissions that prefer I-PERS everywhere still decode to a valid sequence.
        let mut emit = vec![0f32; 3 * N_TAGS];
        for i in 0..3 {
            emit[i * N_TAGS + Tag::I(super::super::NerKind::Pers).index()] = 5.0;
        }
        let mut out = Vec::new();
        viterbi(&emit, &vec![0.0; (N_TAGS + 1) * N_TAGS], &mut out);
        let tags: Vec<Tag> = out.iter().map(|&i| Tag::from_index(i)).collect();
        let mut prev = None;
        for t in tags {
            assert!(t.may_follow(prev), "{t} after {prev:?}");
            prev = Some(t);
        }
    }

    #[test]
    fn untagged_training_data_is_an_error() {
        let s = parse_conll("قال\nسمير B-PERS\n").unwrap();
        let e = train_ner(&s, &[], &NerTrainConfig::default(), &|_| {});
        assert!(matches!(e, Err(NerError::Untagged { line: 1 })));
    }
}
