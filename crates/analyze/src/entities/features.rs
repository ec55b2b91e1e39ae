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
use super::gazetteer::{GazMatch, Gazetteer};

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
        let class = gazetteer.entry(m.entry).class as u8;
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

fn info<'a>(t: &'a Prepared, clusters: &WordClusters) -> Info<'a> {
    let w = t.norm.as_str();
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

/// Append the hashed features of token `i` to `out`, as bucket numbers below `2^bits`.
fn token_features(tokens: &[Prepared], infos: &[Info<'_>], i: usize, bits: u8, out: &mut Vec<u32>) {
    let shift = 64 - u32::from(bits);
    let mut push = |ns: u64, bytes: &[u8]| out.push((hash_bytes(ns, bytes) >> shift) as u32);
    let t = &tokens[i];
    let me = &infos[i];
    let w = t.norm.as_str();
    let base = split_clitics(w).base;
    push(NS_BIAS, b"");
    push(NS_WORD, w.as_bytes());
    push(NS_STEM, me.stem.as_bytes());
    push(NS_BASE, base.as_bytes());
    // Ends of the first 1–3 letters and starts of the last 1–3, without collecting.
    let n = w.chars().count();
    let mut ends = w.char_indices().map(|(b, _)| b).skip(1);
    let mut starts = w.char_indices().rev().map(|(b, _)| b);
    for k in 1..=3.min(n) {
        let end = ends.next().unwrap_or(w.len());
        push(NS_PRE + 16 * k as u64, &w.as_bytes()[..end]);
        let start = starts.next().unwrap_or(0);
        push(NS_SUF + 16 * k as u64, &w.as_bytes()[start..]);
    }
    push(NS_SHAPE, &me.shape.to_le_bytes());
    match t.gaz {
        Some((bi, class)) => push(NS_GAZ, &[bi, class]),
        None => push(NS_GAZ, b"-"),
    }
    match me.cluster {
        Some((path, from_base)) => {
            let ns = if from_base {
                NS_CLUSTER_BASE
            } else {
                NS_CLUSTER
            };
            for k in OWN_PREFIXES {
                push(ns + u64::from(k), &path_prefix(path, k).to_le_bytes());
            }
        }
        None => push(NS_CLUSTER, b"-"),
    }
    for (slot, off) in [-2i64, -1, 1, 2].into_iter().enumerate() {
        let j = i as i64 + off;
        let ns = NS_NEIGHBOUR + 8 * slot as u64;
        let cns = NS_CLUSTER_NEIGHBOUR + 32 * slot as u64;
        if j < 0 || j as usize >= tokens.len() {
            push(ns, if off < 0 { b"<s>" } else { b"</s>" });
            continue;
        }
        let nb = &tokens[j as usize];
        let ni = &infos[j as usize];
        push(ns, nb.norm.as_bytes());
        if off.abs() == 1 {
            push(ns + 1, ni.stem.as_bytes());
            push(ns + 2, &ni.shape.to_le_bytes());
            match nb.gaz {
                Some((bi, class)) => push(ns + 3, &[bi, class]),
                None => push(ns + 3, b"-"),
            }
            match ni.cluster {
                Some((path, _)) => {
                    for k in NEIGHBOUR_PREFIXES {
                        push(cns + u64::from(k), &path_prefix(path, k).to_le_bytes());
                    }
                }
                None => push(cns, b"-"),
            }
        }
    }
    // Cluster pairs with the neighbours, 8 steps deep (0: no cluster, bit 20: no neighbour).
    let pair_id = |info: Option<&Info<'_>>| {
        info.map_or(1 << 20, |n| {
            n.cluster.map_or(0, |(p, _)| path_prefix(p, PAIR_PREFIX))
        })
    };
    let own = pair_id(Some(me));
    let prev = pair_id(i.checked_sub(1).map(|j| &infos[j]));
    let next = pair_id(infos.get(i + 1));
    let mut ids = [0u8; 8];
    ids[..4].copy_from_slice(&prev.to_le_bytes());
    ids[4..].copy_from_slice(&own.to_le_bytes());
    push(NS_CLUSTER_PAIR, &ids);
    ids[..4].copy_from_slice(&own.to_le_bytes());
    ids[4..].copy_from_slice(&next.to_le_bytes());
    push(NS_CLUSTER_PAIR + 1, &ids);
    let mut pair = Vec::with_capacity(64);
    if i > 0 {
        pair.extend_from_slice(tokens[i - 1].norm.as_bytes());
        pair.push(b' ');
        pair.extend_from_slice(w.as_bytes());
        push(NS_BIGRAM, &pair);
    }
    if i + 1 < tokens.len() {
        pair.clear();
        pair.extend_from_slice(w.as_bytes());
        pair.push(b' ');
        pair.extend_from_slice(tokens[i + 1].norm.as_bytes());
        push(NS_BIGRAM + 1, &pair);
    }
}

/// The features of every token of a sentence, flattened, with the start of each token's
/// run in `offsets` (one more entry than tokens).
pub(crate) fn sentence_features(
    tokens: &[Prepared],
    bits: u8,
    clusters: &WordClusters,
) -> (Vec<u32>, Vec<usize>) {
    let infos: Vec<Info<'_>> = tokens.iter().map(|t| info(t, clusters)).collect();
    let mut feats = Vec::with_capacity(tokens.len() * 48);
    let mut offsets = Vec::with_capacity(tokens.len() + 1);
    for i in 0..tokens.len() {
        offsets.push(feats.len());
        token_features(tokens, &infos, i, bits, &mut feats);
    }
    offsets.push(feats.len());
    (feats, offsets)
}
