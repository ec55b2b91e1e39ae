//! Sparse term vectors and their cosine under the current inverse document frequencies:
//! weights are stored raw (term frequencies) so a vector never goes stale as IDF moves.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::features::Sparse;
use crate::vocab::{TermId, Vocab};

/// A sum of document vectors (an event's centroid), raw weights, kept sorted by term: sums
/// run in the same order in every process, so a saved state reproduces its scores exactly.
/// A flat sorted vector rather than a tree: placing an article looks up each of its terms in
/// every candidate event's centroid, and a cursor over one slice (see [`cosine_normed`])
/// does that with a few comparisons in one cache-resident array. Serialised as a map, the
/// same bytes as the ordered map it replaced, so saved states still load.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Centroid(Vec<(TermId, f32)>);

impl Centroid {
    /// An empty sum.
    pub fn new() -> Centroid {
        Centroid(Vec::new())
    }

    /// How many terms it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The weight of `t`, if held.
    pub fn get(&self, t: &TermId) -> Option<&f32> {
        self.0
            .binary_search_by_key(t, |&(u, _)| u)
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Whether `t` is held.
    pub fn contains_key(&self, t: &TermId) -> bool {
        self.get(t).is_some()
    }

    /// Its terms and weights, by term.
    pub fn iter(&self) -> impl Iterator<Item = (&TermId, &f32)> + '_ {
        self.0.iter().map(|(t, w)| (t, w))
    }

    /// Its weights, by term.
    pub fn values(&self) -> impl Iterator<Item = &f32> + '_ {
        self.0.iter().map(|(_, w)| w)
    }

    /// Keep the terms for which `keep` says so.
    pub fn retain(&mut self, mut keep: impl FnMut(&TermId, &mut f32) -> bool) {
        self.0.retain_mut(|(t, w)| keep(t, w));
    }
}

impl IntoIterator for Centroid {
    type Item = (TermId, f32);
    type IntoIter = std::vec::IntoIter<(TermId, f32)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl FromIterator<(TermId, f32)> for Centroid {
    /// A later weight of a repeated term replaces the earlier one, as in a map.
    fn from_iter<I: IntoIterator<Item = (TermId, f32)>>(iter: I) -> Self {
        let map: BTreeMap<TermId, f32> = iter.into_iter().collect();
        Centroid(map.into_iter().collect())
    }
}

impl Serialize for Centroid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(t, w)| (t, w)))
    }
}

impl<'de> Deserialize<'de> for Centroid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<TermId, f32>::deserialize(deserializer)?;
        Ok(Centroid(map.into_iter().collect()))
    }
}

/// Add `v` into `c`: each weight added to the term's running sum (from 0 for a new term) in
/// `v`'s order, as a map's `entry(t) += w` would, in one merge of two sorted runs.
pub fn accumulate(c: &mut Centroid, v: &Sparse) {
    if v.is_empty() {
        return;
    }
    let sorted;
    let v: &[(TermId, f32)] = if v.is_sorted_by_key(|&(t, _)| t) {
        v
    } else {
        let mut s = v.clone();
        s.sort_by_key(|&(t, _)| t); // stable: a repeated term's weights keep their order
        sorted = s;
        &sorted
    };
    let old = std::mem::take(&mut c.0);
    let mut out = Vec::with_capacity(old.len() + v.len());
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < v.len() {
        // The old sum's term comes first when it is smaller or the same as `v`'s next.
        let from_old = i < old.len() && (j == v.len() || old[i].0 <= v[j].0);
        let (t, mut sum) = if from_old {
            i += 1;
            old[i - 1]
        } else {
            (v[j].0, 0.0)
        };
        while j < v.len() && v[j].0 == t {
            sum += v[j].1;
            j += 1;
        }
        out.push((t, sum));
    }
    c.0 = out;
}

/// Keep only the `keep` heaviest terms (raw weight times IDF) once `c` holds more than twice
/// that, so a long-lived event's centroid stays bounded.
pub fn prune(c: &mut Centroid, keep: usize, vocab: &Vocab) {
    if c.len() <= 2 * keep {
        return;
    }
    let mut all: Vec<(TermId, f32)> = c.iter().map(|(&t, &w)| (t, w * vocab.idf(t))).collect();
    all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: std::collections::HashSet<TermId> = all.iter().take(keep).map(|&(t, _)| t).collect();
    c.retain(|t, _| kept.contains(t));
}

/// IDF-weighted norm of a sparse vector.
pub fn norm(v: &Sparse, vocab: &Vocab) -> f32 {
    v.iter()
        .map(|&(t, w)| (w * vocab.idf(t)).powi(2))
        .sum::<f32>()
        .sqrt()
}

/// IDF-weighted norm of a centroid.
pub fn centroid_norm(c: &Centroid, vocab: &Vocab) -> f32 {
    c.iter()
        .map(|(&t, &w)| (w * vocab.idf(t)).powi(2))
        .sum::<f32>()
        .sqrt()
}

/// IDF-weighted cosine of a vector (with its norm) and a centroid.
pub fn cosine(v: &Sparse, v_norm: f32, c: &Centroid, vocab: &Vocab) -> f32 {
    let query: Vec<(TermId, f32, f32)> = v
        .iter()
        .map(|&(t, w)| (t, w, vocab.idf(t).powi(2)))
        .collect();
    if v_norm <= 0.0 || c.is_empty() {
        return 0.0;
    }
    cosine_normed(&query, v_norm, c, centroid_norm(c, vocab))
}

/// [`cosine`] with the vector's squared IDFs computed once, as `(term, weight, idf²)`, and
/// the centroid's norm given (the caller may cache it while IDF stays put). The same
/// arithmetic in the same order, so the same result to the bit.
pub fn cosine_normed(query: &[(TermId, f32, f32)], v_norm: f32, c: &Centroid, c_norm: f32) -> f32 {
    if v_norm <= 0.0 || c.is_empty() {
        return 0.0;
    }
    // A cursor over the centroid: the query is sorted by term too, so each lookup starts
    // where the last one ended (a term out of order searches the whole centroid).
    let all = c.0.as_slice();
    let mut from = 0;
    let mut last: Option<TermId> = None;
    let dot: f32 = query
        .iter()
        .filter_map(|&(t, w, idf2)| {
            if last.is_some_and(|l| t <= l) {
                from = 0;
            }
            last = Some(t);
            from = gallop(all, from, t);
            match all.get(from) {
                Some(&(u, cw)) if u == t => Some(w * cw * idf2),
                _ => None,
            }
        })
        .sum();
    if dot <= 0.0 {
        return 0.0;
    }
    if c_norm <= 0.0 {
        0.0
    } else {
        (dot / (v_norm * c_norm)).min(1.0)
    }
}

/// The first index at or after `from` whose term is not below `t` (`all` sorted by term):
/// steps of 1, 2, 4 … from `from`, then a binary search in the last step. Query and
/// centroid terms interleave, so the next match is usually a few places on.
fn gallop(all: &[(TermId, f32)], from: usize, t: TermId) -> usize {
    let n = all.len();
    let (mut lo, mut bound) = (from.min(n), 1);
    while lo + bound <= n && all[lo + bound - 1].0 < t {
        lo += bound;
        bound *= 2;
    }
    let hi = (lo + bound).min(n);
    lo + all[lo..hi].partition_point(|&(u, _)| u < t)
}

/// The `k` heaviest terms of a centroid by raw weight times IDF, heaviest first.
pub fn top_terms(c: &Centroid, k: usize, vocab: &Vocab) -> Vec<TermId> {
    let mut all: Vec<(TermId, f32)> = c.iter().map(|(&t, &w)| (t, w * vocab.idf(t))).collect();
    all.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.into_iter().take(k).map(|(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_a_vector_with_itself_is_one() {
        let mut v = Vocab::default();
        let a = v.intern("a");
        let b = v.intern("b");
        v.observe([a]);
        v.observe([b]);
        let x: Sparse = vec![(a, 1.0), (b, 2.0)];
        let mut c = Centroid::new();
        accumulate(&mut c, &x);
        let n = norm(&x, &v);
        assert!((cosine(&x, n, &c, &v) - 1.0).abs() < 1e-5);
        let y: Sparse = vec![(a, 1.0)];
        assert!(cosine(&y, norm(&y, &v), &c, &v) < 0.9);
        assert_eq!(top_terms(&c, 1, &v), [b]);
    }

    /// What the centroid replaced: an ordered map summed with `entry(t) += w`.
    fn map_sum(parts: &[Vec<(TermId, f32)>]) -> BTreeMap<TermId, f32> {
        let mut m = BTreeMap::new();
        for part in parts {
            for &(t, w) in part {
                *m.entry(t).or_insert(0.0) += w;
            }
        }
        m
    }

    fn centroid_of(parts: &[Vec<(TermId, f32)>]) -> Centroid {
        let mut c = Centroid::new();
        for part in parts {
            accumulate(&mut c, part);
        }
        c
    }

    fn parts() -> impl Strategy<Value = Vec<Vec<(TermId, f32)>>> {
        let part = proptest::collection::vec((0u32..60, -4.0f32..4.0), 0..30);
        proptest::collection::vec(part, 0..8)
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sums_are_those_of_an_ordered_map(parts in parts()) {
            let c = centroid_of(&parts);
            let m = map_sum(&parts);
            let flat: Vec<(TermId, f32)> = c.iter().map(|(&t, &w)| (t, w)).collect();
            let want: Vec<(TermId, f32)> = m.iter().map(|(&t, &w)| (t, w)).collect();
            prop_assert_eq!(flat.len(), want.len());
            for (a, b) in flat.iter().zip(&want) {
                prop_assert_eq!(a.0, b.0);
                prop_assert_eq!(a.1.to_bits(), b.1.to_bits());
            }
            for t in 0..60 {
                prop_assert_eq!(c.get(&t), m.get(&t));
            }
        }

        #[test]
        fn the_cursor_cosine_is_the_lookup_cosine_to_the_bit(
            parts in parts(),
            mut query in proptest::collection::vec((0u32..60, 0.0f32..4.0, 0.0f32..9.0), 0..40),
            sorted in any::<bool>(),
        ) {
            if sorted {
                query.sort_by_key(|q| q.0);
                query.dedup_by_key(|q| q.0);
            }
            let c = centroid_of(&parts);
            let m = map_sum(&parts);
            let dot: f32 = query
                .iter()
                .filter_map(|&(t, w, idf2)| m.get(&t).map(|&cw| w * cw * idf2))
                .sum();
            let want = if c.is_empty() || dot <= 0.0 { 0.0 } else { (dot / 6.0).min(1.0) };
            prop_assert_eq!(cosine_normed(&query, 2.0, &c, 3.0).to_bits(), want.to_bits());
        }
    }

    #[test]
    fn a_centroid_is_stored_as_the_ordered_map_was() {
        let parts = vec![vec![(7, 1.5), (2, 0.25)], vec![(2, 1.0), (40_000, 3.0)]];
        let c = centroid_of(&parts);
        let m = map_sum(&parts);
        let bytes = postcard::to_stdvec(&c).unwrap();
        assert_eq!(bytes, postcard::to_stdvec(&m).unwrap());
        assert_eq!(postcard::from_bytes::<Centroid>(&bytes).unwrap(), c);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            serde_json::to_string(&m).unwrap()
        );
    }
}
