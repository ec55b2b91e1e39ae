//! Why the classifier chose a label: the article's terms that push hardest towards it.

use rustc_hash::FxHashMap;

use super::CategoryModel;
use super::features::{NS_TITLE, NS_WORD, bucket, hash_bytes};
use marsad_text::for_each_search_term;

impl CategoryModel {
    /// The up to `n` search terms (stems) of the article with the largest positive weight
    /// towards `label`, strongest first: each term's `(1 + ln tf) · idf · w(label)`, summed
    /// over its body and title features. Empty for a label the model does not have.
    pub fn top_terms(
        &self,
        title: Option<&str>,
        body: &[String],
        label: &str,
        n: usize,
    ) -> Vec<String> {
        let Some(k) = self.stored.labels.iter().position(|l| l == label) else {
            return Vec::new();
        };
        let labels = self.stored.labels.len();
        let bits = self.stored.features.bucket_bits;
        let mut counts: FxHashMap<String, (f32, bool)> = FxHashMap::default();
        if let Some(title) = title {
            for_each_search_term(title, |t| {
                let e = counts.entry(t.to_owned()).or_insert((0.0, false));
                e.0 += 1.0;
                e.1 = true;
            });
        }
        for p in body {
            for_each_search_term(p, |t| {
                counts.entry(t.to_owned()).or_insert((0.0, false)).0 += 1.0
            });
        }
        let weight = |ns: u64, term: &str| -> f32 {
            let b = bucket(hash_bytes(ns, term.as_bytes()), bits);
            self.rows.get(&b).map_or(0.0, |&r| {
                let r = r as usize;
                self.idf[r] * f32::from(self.stored.weights[r * labels + k]) * self.stored.scales[k]
            })
        };
        let mut scored: Vec<(String, f32)> = counts
            .into_iter()
            .map(|(term, (tf, in_title))| {
                let mut w = weight(NS_WORD, &term);
                if in_title && self.stored.features.title {
                    w += weight(NS_TITLE, &term);
                }
                let s = (1.0 + tf.ln()) * w;
                (term, s)
            })
            .filter(|(_, s)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        scored.into_iter().take(n).map(|(t, _)| t).collect()
    }
}
