//! The tagger's features of each token of a sentence, hashed into `2^bits` buckets.
//!
//! Per token: the word (normalised at `Level::Search`), its light stem, its clitic-stripped
//! base, prefixes and suffixes of 1–3 letters, its shape (script, digits, length), the words
//! and stems of its neighbours ±2, word bigrams, and gazetteer membership (`B`/`I` of the
//! longest list entry covering it, per list), prefixes of the cluster paths (`clusters.rs`)
//! of the word (or of its clitic-stripped base when the word has none: the article, or a
//! one-letter conjunction or preposition, off) and of its neighbours ±1, and the pairs of its
//! cluster with each neighbour's, 8 steps deep. The previous tag is not a feature here: it is
//! the model's transition score, so Viterbi decodes exactly. The hash (FNV-1a 64 with a
//! MurmurHash3 finaliser, namespace as seed) is written here because it is part of the model
//! format: a hash crate changing its output would silently break every saved model.

use marsad_text::{Level, normalize, split_clitics, stem_str};

use super::clusters::{WordClusters, path_prefix};
use super::gazetteer::{GazClass, GazMatch, Gazetteer};

/// FNV-1a 64 of `bytes` seeded by `seed`, then MurmurHash3's 64-bit finaliser.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// One token prepared for feature extraction.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    /// `Level::Search` form.
    pub norm: String,
    /// Gazetteer label per list class (`b'B'`/`b'I'` and the class id), if any.
    pub gaz: Option<(u8, u8)>,
}

/// Prepare the tokens of one sentence: normalise each and mark gazetteer matches.
pub(crate) fn prepare<S: AsRef<str>>(tokens: &[S], gazetteer: &Gazetteer) -> Vec<Prepared> {
    prepare_with_matches(tokens, gazetteer).0
}

/// [`prepare`], with the gazetteer matches it marked (for a caller that reads them too).
pub(crate) fn prepare_with_matches<S: AsRef<str>>(
    tokens: &[S],
    gazetteer: &Gazetteer,
) -> (Vec<Prepared>, Vec<GazMatch>) {
    let mut out: Vec<Prepared> = tokens
        .iter()
        .map(|t| Prepared {
            norm: normalize(t.as_ref(), Level::Search),
            gaz: None,
        })
        .collect();
    let norms: Vec<&str> = out.iter().map(|p| p.norm.as_str()).collect();
    let matches = gazetteer.find(&norms);
    for m in &matches {
        let class = gazetteer.entry(m.entry).class;
        // The people list is not a feature: the tagger learns from ANERcorp (2003–2006),
        // whose people the list barely holds, and with the list marked the tune sides
        // scored no better (BENCHMARKS.md, session 19). The finder reads it instead.
        if class == GazClass::Person {
            continue;
        }
        let class = class as u8;
        for (k, p) in out[m.start..m.end].iter_mut().enumerate() {
            p.gaz = Some((if k == 0 { b'B' } else { b'I' }, class));
        }
    }
    (out, matches)
}

/// What a word looks like: script, digits, length.
fn shape(word: &str) -> u64 {
    let mut arabic = false;
    let mut latin = false;
    let mut digit = false;
    let mut other = false;
    let mut n = 0u64;
    for c in word.chars() {
        n += 1;
        if c.is_ascii_digit() {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            arabic = true;
        } else {
            other = true;
        }
    }
    u64::from(arabic)
        | u64::from(latin) << 1
        | u64::from(digit) << 2
        | u64::from(other) << 3
        | n.min(8) << 4
}

const NS_BIAS: u64 = 1;
const NS_WORD: u64 = 2;
const NS_STEM: u64 = 3;
const NS_BASE: u64 = 4;
const NS_PRE: u64 = 5;
const NS_SUF: u64 = 6;
const NS_SHAPE: u64 = 7;
const NS_GAZ: u64 = 8;
/// Neighbours get namespaces 16 + 8·offset-slot + kind.
const NS_NEIGHBOUR: u64 = 16;
const NS_BIGRAM: u64 = 64;
/// Cluster prefixes of the word get 128 + length, of its clitic-stripped base 160 + length,
/// of neighbours 192 + 32·offset-slot + length.
const NS_CLUSTER: u64 = 128;
const NS_CLUSTER_BASE: u64 = 160;
const NS_CLUSTER_NEIGHBOUR: u64 = 192;
/// Pairs of cluster prefixes: (previous, own) and (own, next).
const NS_CLUSTER_PAIR: u64 = 340;
/// Prefix length of the cluster pairs.
const PAIR_PREFIX: u32 = 8;

/// Prefix lengths of the word's own cluster path (Ratinov and Roth use 4, 6, 10, 20).
const OWN_PREFIXES: [u32; 6] = [2, 4, 6, 8, 12, 16];
/// Prefix lengths of a neighbour's cluster path.
const NEIGHBOUR_PREFIXES: [u32; 3] = [4, 8, 16];

/// What the features of one token and of its neighbours read, computed once per token.
struct Info<'a> {
    stem: &'a str,
    shape: u64,
    /// The cluster path of the word, else of its clitic-stripped base (`true`: the article
    /// split off by `split_clitics`, or else one letter of [`ONE_LETTER_PROCLITICS`]), if any.
    cluster: Option<(u32, bool)>,
}

/// One-letter proclitics (conjunctions and prepositions) that `split_clitics` leaves on a word
/// without the article.
const ONE_LETTER_PROCLITICS: [char; 5] = ['و', 'ب', 'ل', 'ف', 'ك'];

fn info<'a>(w: &'a str, clusters: &WordClusters) -> Info<'a> {
    let cluster = clusters.path(w).map(|p| (p, false)).or_else(|| {
        let base = split_clitics(w).base;
        (base != w)
            .then(|| clusters.path(base))
            .flatten()
            .map(|p| (p, true))
            .or_else(|| {
                let rest = w.strip_prefix(ONE_LETTER_PROCLITICS)?;
                if rest.chars().count() < 3 {
                    return None;
                }
                clusters
                    .path(rest)
                    .or_else(|| clusters.path(split_clitics(rest).base))
                    .map(|p| (p, true))
            })
    });
    Info {
        stem: stem_str(w),
        shape: shape(w),
        cluster,
    }
}

/// Hashes features into buckets below `2^bits`.
struct Push<'o> {
    shift: u32,
    out: &'o mut Vec<u32>,
}

impl Push<'_> {
    fn new(bits: u8, out: &mut Vec<u32>) -> Push<'_> {
        Push {
            shift: 64 - u32::from(bits),
            out,
        }
    }

    #[inline]
    fn push(&mut self, ns: u64, bytes: &[u8]) {
        self.out.push((hash_bytes(ns, bytes) >> self.shift) as u32);
    }
}

/// The features of a token that read only its own word, before its gazetteer mark: bias,
/// word, stem, base, affixes, shape.
fn own_head(w: &str, me: &Info<'_>, p: &mut Push<'_>) {
    let base = split_clitics(w).base;
    p.push(NS_BIAS, b"");
    p.push(NS_WORD, w.as_bytes());
    p.push(NS_STEM, me.stem.as_bytes());
    p.push(NS_BASE, base.as_bytes());
    // Ends of the first 1–3 letters and starts of the last 1–3, without collecting.
    let n = w.chars().count();
    let mut ends = w.char_indices().map(|(b, _)| b).skip(1);
    let mut starts = w.char_indices().rev().map(|(b, _)| b);
    for k in 1..=3.min(n) {
        let end = ends.next().unwrap_or(w.len());
        p.push(NS_PRE + 16 * k as u64, &w.as_bytes()[..end]);
        let start = starts.next().unwrap_or(0);
        p.push(NS_SUF + 16 * k as u64, &w.as_bytes()[start..]);
    }
    p.push(NS_SHAPE, &me.shape.to_le_bytes());
}

/// The cluster prefixes of a token's own word.
fn own_cluster(me: &Info<'_>, p: &mut Push<'_>) {
    match me.cluster {
        Some((path, from_base)) => {
            let ns = if from_base {
                NS_CLUSTER_BASE
            } else {
                NS_CLUSTER
            };
            for k in OWN_PREFIXES {
                p.push(ns + u64::from(k), &path_prefix(path, k).to_le_bytes());
            }
        }
        None => p.push(NS_CLUSTER, b"-"),
    }
}

/// A gazetteer mark, in namespace `ns`.
fn gaz_feature(ns: u64, gaz: Option<(u8, u8)>, p: &mut Push<'_>) {
    match gaz {
        Some((bi, class)) => p.push(ns, &[bi, class]),
        None => p.push(ns, b"-"),
    }
}

/// The neighbour slots: offset and slot number.
const NEIGHBOURS: [(i64, usize); 4] = [(-2, 0), (-1, 1), (1, 2), (2, 3)];

/// The features of a neighbour at `slot` that read only its word, before its gazetteer
/// mark (the word; for ±1 its stem and shape too).
fn neighbour_head(slot: usize, w: &str, ni: &Info<'_>, p: &mut Push<'_>) {
    let ns = NS_NEIGHBOUR + 8 * slot as u64;
    p.push(ns, w.as_bytes());
    if near(slot) {
        p.push(ns + 1, ni.stem.as_bytes());
        p.push(ns + 2, &ni.shape.to_le_bytes());
    }
}

/// Whether the slot is a next-door neighbour (±1), which gives more features.
fn near(slot: usize) -> bool {
    slot == 1 || slot == 2
}

/// The cluster prefixes of a ±1 neighbour.
fn neighbour_cluster(slot: usize, ni: &Info<'_>, p: &mut Push<'_>) {
    let cns = NS_CLUSTER_NEIGHBOUR + 32 * slot as u64;
    match ni.cluster {
        Some((path, _)) => {
            for k in NEIGHBOUR_PREFIXES {
                p.push(cns + u64::from(k), &path_prefix(path, k).to_le_bytes());
            }
        }
        None => p.push(cns, b"-"),
    }
}

/// The pair id of a word's cluster (0: no cluster); [`NO_NEIGHBOUR`] past the sentence.
fn pair_id(me: &Info<'_>) -> u32 {
    me.cluster.map_or(0, |(p, _)| path_prefix(p, PAIR_PREFIX))
}

/// The pair id past either end of a sentence.
const NO_NEIGHBOUR: u32 = 1 << 20;

/// The features of token `i` that read its neighbours' marks and how words sit together: the
/// pairs of cluster ids with each neighbour and the word bigrams.
fn pair_features(tokens: &[Prepared], pairs: &[u32], i: usize, p: &mut Push<'_>) {
    let own = pairs[i];
    let prev = i.checked_sub(1).map_or(NO_NEIGHBOUR, |j| pairs[j]);
    let next = pairs.get(i + 1).copied().unwrap_or(NO_NEIGHBOUR);
    let mut ids = [0u8; 8];
    ids[..4].copy_from_slice(&prev.to_le_bytes());
    ids[4..].copy_from_slice(&own.to_le_bytes());
    p.push(NS_CLUSTER_PAIR, &ids);
    ids[..4].copy_from_slice(&own.to_le_bytes());
    ids[4..].copy_from_slice(&next.to_le_bytes());
    p.push(NS_CLUSTER_PAIR + 1, &ids);
    let w = tokens[i].norm.as_str();
    let mut pair = Vec::with_capacity(64);
    if i > 0 {
        pair.extend_from_slice(tokens[i - 1].norm.as_bytes());
        pair.push(b' ');
        pair.extend_from_slice(w.as_bytes());
        p.push(NS_BIGRAM, &pair);
    }
    if i + 1 < tokens.len() {
        pair.clear();
        pair.extend_from_slice(w.as_bytes());
        pair.push(b' ');
        pair.extend_from_slice(tokens[i + 1].norm.as_bytes());
        p.push(NS_BIGRAM + 1, &pair);
    }
}

/// The neighbour at `off` of token `i`, if the sentence has one.
fn neighbour(n: usize, i: usize, off: i64) -> Option<usize> {
    let j = i as i64 + off;
    (j >= 0 && (j as usize) < n).then_some(j as usize)
}

/// The feature of a missing neighbour (past the start or the end of the sentence).
fn boundary(slot: usize, off: i64, p: &mut Push<'_>) {
    let ns = NS_NEIGHBOUR + 8 * slot as u64;
    p.push(ns, if off < 0 { b"<s>" } else { b"</s>" });
}

/// Append the hashed features of token `i` to `out`, as bucket numbers below `2^bits`.
fn token_features(
    tokens: &[Prepared],
    infos: &[Info<'_>],
    pairs: &[u32],
    i: usize,
    p: &mut Push<'_>,
) {
    let t = &tokens[i];
    own_head(&t.norm, &infos[i], p);
    gaz_feature(NS_GAZ, t.gaz, p);
    own_cluster(&infos[i], p);
    for (off, slot) in NEIGHBOURS {
        let Some(j) = neighbour(tokens.len(), i, off) else {
            boundary(slot, off, p);
            continue;
        };
        neighbour_head(slot, &tokens[j].norm, &infos[j], p);
        if near(slot) {
            gaz_feature(NS_NEIGHBOUR + 8 * slot as u64 + 3, tokens[j].gaz, p);
            neighbour_cluster(slot, &infos[j], p);
        }
    }
    pair_features(tokens, pairs, i, p);
}

/// The features of one word wherever it stands, grouped by what they describe: the token
/// itself (`own`), then the word as the neighbour at each slot (−2, −1, +1, +2), with its
/// cluster pair id. Summed per group, these rows are the same in every sentence, so a tagger
/// may keep them per word; [`context_features`] gives the rest of a token's features.
pub(crate) struct WordFeatures {
    /// Buckets, group after group.
    pub feats: Vec<u32>,
    /// Where each of the five groups ends in `feats`.
    pub ends: [usize; 5],
    /// The word's cluster pair id.
    pub pair: u32,
}

/// [`WordFeatures`] of the word `w` (normalised at `Level::Search`).
pub(crate) fn word_features(w: &str, bits: u8, clusters: &WordClusters) -> WordFeatures {
    let me = info(w, clusters);
    let mut feats = Vec::with_capacity(40);
    let mut ends = [0; 5];
    {
        let mut p = Push::new(bits, &mut feats);
        own_head(w, &me, &mut p);
        own_cluster(&me, &mut p);
    }
    ends[0] = feats.len();
    for (_, slot) in NEIGHBOURS {
        let mut p = Push::new(bits, &mut feats);
        neighbour_head(slot, w, &me, &mut p);
        if near(slot) {
            neighbour_cluster(slot, &me, &mut p);
        }
        ends[slot + 1] = feats.len();
    }
    WordFeatures {
        feats,
        ends,
        pair: pair_id(&me),
    }
}

/// The features of token `i` that [`word_features`] leaves out: its gazetteer mark and its
/// ±1 neighbours', the missing neighbours past the sentence's ends, the cluster pairs (from
/// each token's `pairs` id) and the bigrams. With the groups of [`word_features`] of the
/// token and its neighbours, exactly the features [`sentence_features`] gives token `i`.
pub(crate) fn context_features(
    tokens: &[Prepared],
    pairs: &[u32],
    i: usize,
    bits: u8,
    out: &mut Vec<u32>,
) {
    let mut p = Push::new(bits, out);
    gaz_feature(NS_GAZ, tokens[i].gaz, &mut p);
    for (off, slot) in NEIGHBOURS {
        match neighbour(tokens.len(), i, off) {
            None => boundary(slot, off, &mut p),
            Some(j) if near(slot) => {
                gaz_feature(NS_NEIGHBOUR + 8 * slot as u64 + 3, tokens[j].gaz, &mut p);
            }
            Some(_) => {}
        }
    }
    pair_features(tokens, pairs, i, &mut p);
}

/// The neighbour of token `i` at each slot, if any (for the groups of [`word_features`]).
pub(crate) fn neighbours(n: usize, i: usize) -> [Option<usize>; 4] {
    NEIGHBOURS.map(|(off, _)| neighbour(n, i, off))
}

/// The features of every token of a sentence, flattened, with the start of each token's
/// run in `offsets` (one more entry than tokens).
pub(crate) fn sentence_features(
    tokens: &[Prepared],
    bits: u8,
    clusters: &WordClusters,
) -> (Vec<u32>, Vec<usize>) {
    let infos: Vec<Info<'_>> = tokens.iter().map(|t| info(&t.norm, clusters)).collect();
    let pairs: Vec<u32> = infos.iter().map(pair_id).collect();
    let mut feats = Vec::with_capacity(tokens.len() * 48);
    let mut offsets = Vec::with_capacity(tokens.len() + 1);
    for i in 0..tokens.len() {
        offsets.push(feats.len());
        token_features(tokens, &infos, &pairs, i, &mut Push::new(bits, &mut feats));
    }
    offsets.push(feats.len());
    (feats, offsets)
}
