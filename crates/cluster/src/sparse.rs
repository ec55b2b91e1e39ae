//! Sparse term vectors and their cosine under the current inverse document frequencies:
//! weights are stored raw (term frequencies) so a vector never goes stale as IDF moves.

use std::collections::BTreeMap;

use crate::features::Sparse;
use crate::vocab::{TermId, Vocab};

/// A sum of document vectors (an event's centroid), raw weights. Ordered, so sums run in
/// the same order in every process and a saved state reproduces its scores exactly.
pub type Centroid = BTreeMap<TermId, f32>;

/// Add `v` into `c`.
pub fn accumulate(c: &mut Centroid, v: &Sparse) {
    for &(t, w) in v {
        *c.entry(t).or_insert(0.0) += w;
    }
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
    let dot: f32 = query
        .iter()
        .filter_map(|&(t, w, idf2)| c.get(&t).map(|&cw| w * cw * idf2))
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
}
