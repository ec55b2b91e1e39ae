//! Word clusters learnt from unlabelled news, for the tagger's features: a binary tree of
//! the words that occur in like contexts, so a name never seen in ANERcorp still shares a
//! cluster (a path prefix) with names that were.
//!
//! How they are made ([`train_word_clusters`]): the news is normalised (`Level::Search`) and
//! tokenised; the `max_words` most frequent words seen at least `min_count` times are
//! clustered. Each gets a context vector of positive PMI (context distribution smoothed by
//! the power 0.75, Levy et al. 2015) with the `contexts` most frequent words at offsets −2,
//! −1, +1 and +2, projected to `dims` dimensions by a seeded random ±1 projection and
//! normalised; the words are then split top down, each node in two by its principal
//! direction, refined by spherical 2-means, down to `depth` levels or `min_leaf` words. A
//! word's cluster is its path from the root, so prefixes are coarser clusters, as Brown
//! clusters are used (Ratinov and Roth 2009). A cheap stand-in for Brown clustering, whose
//! agglomerative search costs hours on this much text; no crate does either.
//!
//! File format, version 1 (little-endian, the envelope of `wire.rs`):
//!
//! ```text
//! magic      8 bytes  "MARSADWC"
//! version    u16      1
//! depth      u8       longest path (1 to 30)
//! n_words    u32      then n_words entries, words in increasing byte order:
//!   shared   LEB128   bytes shared with the previous word (0 for the first)
//!   suffix   LEB128   byte length, then the bytes (the word is UTF-8, `Level::Search`)
//!   path     LEB128   the path from the root with a leading 1 bit (1 = the root)
//! checksum   u64      FNV-1a 64 of every byte before it: the file's fingerprint
//! ```

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use marsad_text::{Level, normalize, tokens};

use super::NerError;
use super::features::hash_bytes;
use crate::wire;

/// The magic bytes that open a word-cluster file.
const MAGIC: &[u8; 8] = b"MARSADWC";
/// The format version this build writes and reads.
const VERSION: u16 = 1;
/// Longest path a file may hold.
const MAX_DEPTH: u8 = 30;

/// Words and their cluster paths.
#[derive(Clone, PartialEq, Default)]
pub struct WordClusters {
    paths: FxHashMap<String, u32>,
    depth: u8,
    fingerprint: u64,
}

impl std::fmt::Debug for WordClusters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordClusters")
            .field("words", &self.paths.len())
            .field("depth", &self.depth)
            .field("fingerprint", &format_args!("{:016x}", self.fingerprint))
            .finish()
    }
}

/// The length of a path with its leading 1 bit (0 for the root).
pub(crate) fn path_len(path: u32) -> u32 {
    31u32.saturating_sub(path.leading_zeros())
}

/// The first `k` steps of `path` (all of it when shorter), leading bit kept.
pub(crate) fn path_prefix(path: u32, k: u32) -> u32 {
    let n = path_len(path);
    if n > k { path >> (n - k) } else { path }
}

impl WordClusters {
    /// No words: every lookup misses (fingerprint 0).
    pub fn empty() -> WordClusters {
        WordClusters::default()
    }

    /// The bundled clusters (`models/word-clusters.bin`), loaded once.
    ///
    /// # Panics
    /// When the bundled file is not valid: a build defect, caught by the crate's tests.
    pub fn bundled() -> std::sync::Arc<WordClusters> {
        static CLUSTERS: std::sync::LazyLock<std::sync::Arc<WordClusters>> =
            std::sync::LazyLock::new(|| {
                let bytes = include_bytes!("../../models/word-clusters.bin");
                std::sync::Arc::new(
                    WordClusters::from_bytes(bytes)
                        .expect("the bundled word clusters are valid (checked by tests)"),
                )
            });
        CLUSTERS.clone()
    }

    /// The path of a word in `Level::Search` form: a leading 1 bit, then one bit per level.
    pub fn path(&self, word: &str) -> Option<u32> {
        self.paths.get(word).copied()
    }

    /// How many words have a cluster.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The longest path.
    pub fn depth(&self) -> u8 {
        self.depth
    }

    /// How many distinct leaves (full paths) there are.
    pub fn leaves(&self) -> usize {
        let mut v: Vec<u32> = self.paths.values().copied().collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    }

    /// The checksum of the file these clusters are stored as (0 for [`WordClusters::empty`]):
    /// a tagger model records the clusters it was trained with by it.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn from_paths(paths: FxHashMap<String, u32>) -> WordClusters {
        let depth = paths.values().map(|&p| path_len(p)).max().unwrap_or(0) as u8;
        let mut c = WordClusters {
            paths,
            depth,
            fingerprint: 0,
        };
        if !c.paths.is_empty() {
            c.fingerprint = fingerprint_of(&c.to_bytes());
        }
        c
    }

    /// The clusters in their file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut words: Vec<(&str, u32)> =
            self.paths.iter().map(|(w, &p)| (w.as_str(), p)).collect();
        words.sort_unstable();
        let mut out = wire::begin(MAGIC, VERSION, 16 + words.len() * 8);
        out.push(self.depth);
        out.extend((words.len() as u32).to_le_bytes());
        let mut prev: &[u8] = b"";
        for (w, p) in words {
            let w = w.as_bytes();
            let shared = prev.iter().zip(w).take_while(|(a, b)| a == b).count();
            wire::put_leb128(&mut out, shared as u32);
            wire::put_leb128(&mut out, (w.len() - shared) as u32);
            out.extend_from_slice(&w[shared..]);
            wire::put_leb128(&mut out, p);
            prev = w;
        }
        wire::seal(out)
    }

    /// Load clusters written by [`WordClusters::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<WordClusters, NerError> {
        let mut r = wire::open(bytes, MAGIC, VERSION)?;
        let at = r.at;
        let depth = r.u8("depth")?;
        if depth > MAX_DEPTH {
            return Err(NerError::Invalid {
                offset: at,
                why: format!("cluster depth {depth}"),
            });
        }
        let n = r.u32("word count")? as usize;
        if n > r.len() / 3 {
            return Err(NerError::Truncated {
                offset: r.at,
                what: "words",
            });
        }
        let mut paths = FxHashMap::default();
        paths.reserve(n);
        let mut prev: Vec<u8> = Vec::new();
        for _ in 0..n {
            let at = r.at;
            let shared = r.leb128("shared prefix")? as usize;
            let len = r.leb128("suffix length")? as usize;
            let suffix = r.take(len, "word")?;
            let path = r.leb128("path")?;
            let invalid = |why: &str| NerError::Invalid {
                offset: at,
                why: why.to_owned(),
            };
            if shared > prev.len() {
                return Err(invalid("shared prefix longer than the previous word"));
            }
            if path == 0 || path_len(path) > u32::from(depth) {
                return Err(invalid("path out of range"));
            }
            prev.truncate(shared);
            prev.extend_from_slice(suffix);
            let word = std::str::from_utf8(&prev).map_err(|_| invalid("word is not UTF-8"))?;
            if paths.insert(word.to_owned(), path).is_some() {
                return Err(invalid("word listed twice"));
            }
        }
        if r.at != r.len() {
            return Err(NerError::Invalid {
                offset: r.at,
                why: "bytes after the last word".into(),
            });
        }
        let fingerprint = if paths.is_empty() {
            0
        } else {
            fingerprint_of(bytes)
        };
        Ok(WordClusters {
            paths,
            depth,
            fingerprint,
        })
    }
}

/// The checksum trailer of a file's bytes.
fn fingerprint_of(bytes: &[u8]) -> u64 {
    let mut t = [0u8; 8];
    if let Some(tail) = bytes.len().checked_sub(8).map(|at| &bytes[at..]) {
        t.copy_from_slice(tail);
    }
    u64::from_le_bytes(t)
}

/// Settings of [`train_word_clusters`].
#[derive(Debug, Clone, PartialEq)]
pub struct WordClusterConfig {
    /// Fewest occurrences of a clustered word.
    pub min_count: u32,
    /// Most words clustered (the most frequent).
    pub max_words: usize,
    /// Context words (the most frequent), per offset.
    pub contexts: usize,
    /// Dimensions of the projected context vectors.
    pub dims: usize,
    /// Deepest level of the tree (1 to 30).
    pub depth: u8,
    /// A node with fewer than twice this many words is a leaf.
    pub min_leaf: usize,
    /// Spherical 2-means refinements per split.
    pub iterations: usize,
    /// Seed of the projection.
    pub seed: u64,
}

impl Default for WordClusterConfig {
    fn default() -> Self {
        WordClusterConfig {
            min_count: 5,
            max_words: 60_000,
            contexts: 1_000,
            dims: 256,
            depth: 16,
            min_leaf: 8,
            iterations: 6,
            seed: 1,
        }
    }
}

/// Offsets of the context words.
const OFFSETS: [i64; 4] = [-2, -1, 1, 2];

/// The words of a text as the tagger sees them (`Level::Search`).
fn words(text: &str) -> Vec<String> {
    let norm = normalize(text, Level::Search);
    tokens(&norm).iter().map(|t| t.surface.to_owned()).collect()
}

/// Learn word clusters from unlabelled texts (each text one run of words).
///
/// ```
/// use marsad_analyze::{WordClusterConfig, train_word_clusters};
/// let texts = ["قال الوزير في بيروت", "قال الرئيس في طنجة", "قال الوزير في طنجة"];
/// let config = WordClusterConfig { min_count: 1, min_leaf: 1, ..Default::default() };
/// let c = train_word_clusters(&texts, &config);
/// assert!(c.path("طنجه").is_some());
/// ```
pub fn train_word_clusters<S: AsRef<str> + Sync>(
    texts: &[S],
    config: &WordClusterConfig,
) -> WordClusters {
    // Pass 1: word counts.
    let counts = texts
        .par_iter()
        .fold(FxHashMap::<String, u32>::default, |mut m, t| {
            for w in words(t.as_ref()) {
                *m.entry(w).or_default() += 1;
            }
            m
        })
        .reduce(FxHashMap::default, merge_counts);
    let mut ranked: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= config.min_count.max(1))
        .collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(config.max_words.max(1));
    let rank: FxHashMap<&str, u32> = ranked
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i as u32))
        .collect();
    let k = config.contexts.clamp(1, ranked.len().max(1)) as u32;
    let dims_in = OFFSETS.len() as u32 * k;

    // Pass 2: (word, offset, context) counts, keyed word << 32 | offset · k + context.
    let pairs = texts
        .par_iter()
        .fold(FxHashMap::<u64, u32>::default, |mut m, t| {
            let ids: Vec<Option<u32>> = words(t.as_ref())
                .iter()
                .map(|w| rank.get(w.as_str()).copied())
                .collect();
            for (i, id) in ids.iter().enumerate() {
                let Some(w) = *id else { continue };
                for (slot, off) in OFFSETS.iter().enumerate() {
                    let j = i as i64 + off;
                    if j < 0 || j as usize >= ids.len() {
                        continue;
                    }
                    if let Some(c) = ids[j as usize].filter(|&c| c < k) {
                        let key = (u64::from(w) << 32) | u64::from(slot as u32 * k + c);
                        *m.entry(key).or_default() += 1;
                    }
                }
            }
            m
        })
        .reduce(FxHashMap::default, merge_counts);

    drop(rank);

    // Positive PMI, projected.
    let n_words = ranked.len();
    let dims = config.dims.max(2);
    let mut row_sum = vec![0f64; n_words];
    let mut col_sum = vec![0f64; dims_in as usize];
    for (&key, &n) in &pairs {
        row_sum[(key >> 32) as usize] += f64::from(n);
        col_sum[(key & 0xffff_ffff) as usize] += f64::from(n);
    }
    let smoothed: Vec<f64> = col_sum.iter().map(|&c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    let signs: Vec<f32> = (0..dims_in as usize * dims)
        .map(|i| {
            let h = hash_bytes(config.seed, &(i as u64).to_le_bytes());
            if h & 1 == 0 { 1.0 } else { -1.0 }
        })
        .collect();
    let mut vectors = vec![0f32; n_words * dims];
    for (&key, &n) in &pairs {
        let (w, c) = ((key >> 32) as usize, (key & 0xffff_ffff) as usize);
        let p_c = smoothed[c] / smoothed_total;
        let pmi = (f64::from(n) / (row_sum[w] * p_c)).ln();
        if pmi <= 0.0 {
            continue;
        }
        let v = &mut vectors[w * dims..(w + 1) * dims];
        for (x, s) in v.iter_mut().zip(&signs[c * dims..(c + 1) * dims]) {
            *x += pmi as f32 * s;
        }
    }
    let mut keep = Vec::new();
    for w in 0..n_words {
        let v = &mut vectors[w * dims..(w + 1) * dims];
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
            keep.push(w as u32);
        }
    }

    // Top-down splits.
    let depth = u32::from(config.depth.clamp(1, MAX_DEPTH));
    let mut leaf = vec![0u32; n_words];
    let mut stack = vec![(keep, 1u32)];
    while let Some((members, path)) = stack.pop() {
        if path_len(path) >= depth || members.len() < 2 * config.min_leaf.max(1) {
            for &m in &members {
                leaf[m as usize] = path;
            }
            continue;
        }
        let (left, right) = split(&vectors, dims, &members, config.iterations, path);
        if left.is_empty() || right.is_empty() {
            for &m in &members {
                leaf[m as usize] = path;
            }
            continue;
        }
        stack.push((left, path << 1));
        stack.push((right, (path << 1) | 1));
    }
    let paths = ranked
        .into_iter()
        .zip(leaf)
        .filter(|(_, p)| *p > 1)
        .map(|((w, _), p)| (w, p))
        .collect();
    WordClusters::from_paths(paths)
}

fn merge_counts<K: std::hash::Hash + Eq>(
    mut a: FxHashMap<K, u32>,
    b: FxHashMap<K, u32>,
) -> FxHashMap<K, u32> {
    if a.len() < b.len() {
        return merge_counts(b, a);
    }
    for (key, n) in b {
        *a.entry(key).or_default() += n;
    }
    a
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn normalise(v: &mut [f32]) {
    let n = dot(v, v).sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Split `members` in two: by the sign along their principal direction (power iteration),
/// then refined by spherical 2-means.
fn split(
    vectors: &[f32],
    dims: usize,
    members: &[u32],
    iterations: usize,
    seed: u32,
) -> (Vec<u32>, Vec<u32>) {
    let row = |m: u32| &vectors[m as usize * dims..(m as usize + 1) * dims];
    let mut mean = vec![0f32; dims];
    for &m in members {
        mean.iter_mut().zip(row(m)).for_each(|(a, x)| *a += x);
    }
    mean.iter_mut().for_each(|a| *a /= members.len() as f32);
    let mut u: Vec<f32> = (0..dims)
        .map(|i| {
            let h = hash_bytes(u64::from(seed), &(i as u64).to_le_bytes());
            (h >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        })
        .collect();
    normalise(&mut u);
    let mean_u = |u: &[f32]| dot(&mean, u);
    for _ in 0..8 {
        let mu = mean_u(&u);
        let next = members
            .par_iter()
            .fold(
                || vec![0f32; dims],
                |mut acc, &m| {
                    let x = row(m);
                    let p = dot(x, &u) - mu;
                    acc.iter_mut()
                        .zip(x.iter().zip(&mean))
                        .for_each(|(a, (x, c))| *a += p * (x - c));
                    acc
                },
            )
            .reduce(
                || vec![0f32; dims],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        u = next;
        normalise(&mut u);
    }
    let mu = mean_u(&u);
    let mut side: Vec<bool> = members.iter().map(|&m| dot(row(m), &u) > mu).collect();
    for _ in 0..iterations {
        let mut c = [vec![0f32; dims], vec![0f32; dims]];
        for (&m, &s) in members.iter().zip(&side) {
            c[usize::from(s)]
                .iter_mut()
                .zip(row(m))
                .for_each(|(a, x)| *a += x);
        }
        normalise(&mut c[0]);
        normalise(&mut c[1]);
        let next: Vec<bool> = members
            .par_iter()
            .map(|&m| dot(row(m), &c[1]) > dot(row(m), &c[0]))
            .collect();
        if next == side {
            break;
        }
        side = next;
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (&m, &s) in members.iter().zip(&side) {
        if s {
            right.push(m);
        } else {
            left.push(m);
        }
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_prefixes() {
        assert_eq!(path_len(1), 0);
        assert_eq!(path_len(0b1011), 3);
        assert_eq!(path_prefix(0b1011, 2), 0b101);
        assert_eq!(path_prefix(0b1011, 8), 0b1011);
    }

    #[test]
    fn like_contexts_share_a_cluster_and_files_round_trip() {
        // Cities follow `في` and precede `اليوم`; people follow `قال` and precede `ان`.
        let mut texts = Vec::new();
        for city in ["بيروت", "طنجه", "القاهره", "عمان"] {
            for person in ["سمير", "كريم", "هدي", "منير"] {
                texts.push(format!("قال {person} ان الوفد وصل في {city} اليوم"));
                texts.push(format!("وصل الوفد في {city} اليوم و قال {person} انه"));
            }
        }
        let config = WordClusterConfig {
            min_count: 1,
            min_leaf: 2,
            depth: 4,
            ..Default::default()
        };
        let c = train_word_clusters(&texts, &config);
        // How many steps two words' paths share from the root.
        let common = |a: &str, b: &str| {
            let (a, b) = (c.path(a).unwrap(), c.path(b).unwrap());
            (0..=path_len(a).min(path_len(b)))
                .take_while(|&k| path_prefix(a, k) == path_prefix(b, k))
                .count()
        };
        assert!(common("بيروت", "طنجه") > common("بيروت", "سمير"));
        assert!(common("سمير", "كريم") > common("سمير", "طنجه"));
        let bytes = c.to_bytes();
        let again = WordClusters::from_bytes(&bytes).unwrap();
        assert_eq!(again, c);
        assert_ne!(c.fingerprint(), 0);
        let mut bad = bytes.clone();
        bad[12] ^= 1;
        assert!(matches!(
            WordClusters::from_bytes(&bad),
            Err(NerError::Checksum { .. })
        ));
        assert_eq!(WordClusters::empty().path("بيروت"), None);
    }

    #[test]
    fn the_bundled_clusters_load() {
        let c = WordClusters::bundled();
        assert!(c.depth() <= MAX_DEPTH);
        assert_eq!(
            WordClusters::from_bytes(&c.to_bytes())
                .unwrap()
                .fingerprint(),
            c.fingerprint()
        );
    }
}
