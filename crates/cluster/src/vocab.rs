//! The vocabulary: terms interned to small ids, with the document frequency of each, so
//! inverse document frequency can be read at any time from the documents seen so far.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Pseudo-documents added to the count in [`Vocab::idf`]: matters only while few articles
/// were seen.
pub const PRIOR_DOCS: f32 = 10.0;

/// A term's id in the [`Vocab`].
pub type TermId = u32;

/// Interned terms and their document frequencies.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocab {
    ids: HashMap<String, TermId>,
    terms: Vec<String>,
    df: Vec<u32>,
    docs: u32,
}

impl Vocab {
    /// The id of `term`, interning it when new.
    pub fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = TermId::try_from(self.terms.len()).unwrap_or(TermId::MAX);
        self.ids.insert(term.to_owned(), id);
        self.terms.push(term.to_owned());
        self.df.push(0);
        id
    }

    /// The term of an id ("" when unknown).
    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    /// How many documents were counted (IDF changes only when this does).
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Count one more document holding each of `distinct` (each id once).
    pub fn observe(&mut self, distinct: impl IntoIterator<Item = TermId>) {
        self.docs += 1;
        for id in distinct {
            if let Some(df) = self.df.get_mut(id as usize) {
                *df += 1;
            }
        }
    }

    /// Inverse document frequency, smoothed: `ln((N + P) / (df + 0.5))`, never below 0, where
    /// `P` ([`PRIOR_DOCS`]) stands for documents on other subjects: a handful of articles all
    /// on one subject would otherwise make their shared names worthless.
    pub fn idf(&self, id: TermId) -> f32 {
        let df = self.df.get(id as usize).copied().unwrap_or(0) as f32;
        (((self.docs as f32) + PRIOR_DOCS) / (df + 0.5))
            .ln()
            .max(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rarer_terms_weigh_more() {
        let mut v = Vocab::default();
        let a = v.intern("مغرب");
        let b = v.intern("زيار");
        assert_eq!(v.intern("مغرب"), a);
        v.observe([a, b]);
        v.observe([a]);
        v.observe([a]);
        assert!(v.idf(b) > v.idf(a));
        assert_eq!(v.term(b), "زيار");
    }
}
