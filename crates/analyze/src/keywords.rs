//! Keywords: the terms and names that best describe an article, weighted by TF-IDF over light
//! stems (stop words removed) with document frequencies from the whole store, entity names
//! preferred; and the keyword cloud of a set of articles (a time window).
//!
//! Statistics are kept incrementally in [`KeywordStats`] (a document frequency per stem and
//! per entity name), so an article's keywords can be computed as it arrives. TF-IDF rather
//! than TextRank: it is a single pass, needs no graph per article, and the store-wide
//! frequencies it needs are what the keyword cloud is built from anyway.

use marsad_text::{Level, is_stopword, normalize, stem_str, tokens};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How many keywords [`keywords`] returns by default.
pub const KEYWORDS: usize = 10;

/// Weight factor of an entity name over a plain term with the same TF-IDF.
const ENTITY_BOOST: f64 = 2.0;

/// Words shorter than this (in letters) are never keywords.
const MIN_LETTERS: usize = 3;

/// One keyword of an article or of a cloud.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The stem, or `entity:` + the entity's name key for names: what is counted.
    pub term: String,
    /// What to show: the word as most often written, or the entity's canonical name.
    pub display: String,
    /// The weight (TF-IDF, entity names boosted), larger is more descriptive.
    pub weight: f64,
    /// Whether this is an entity name.
    pub entity: bool,
}

/// Document frequencies over the store: how many articles hold each term.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeywordStats {
    /// Articles counted.
    pub documents: u64,
    /// Term → articles holding it.
    pub df: FxHashMap<String, u32>,
}

impl KeywordStats {
    /// Count one article's distinct terms (from [`article_terms`]).
    pub fn add(&mut self, terms: &ArticleTerms) {
        self.documents += 1;
        for t in terms.counts.keys() {
            // Most terms are known: look up before allocating the key.
            match self.df.get_mut(t.as_str()) {
                Some(df) => *df += 1,
                None => {
                    self.df.insert(t.clone(), 1);
                }
            }
        }
    }

    /// Smoothed inverse document frequency of a term: `ln((N + 1) / (df + 1)) + 1`.
    pub fn idf(&self, term: &str) -> f64 {
        let df = f64::from(self.df.get(term).copied().unwrap_or(0));
        ((self.documents as f64 + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

/// The counted terms of one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleTerms {
    /// Term → occurrences.
    pub counts: FxHashMap<String, u32>,
    /// Term → display form.
    pub display: FxHashMap<String, String>,
    /// Terms that are entity names.
    pub entities: FxHashMap<String, bool>,
}

/// The terms of an article: stems of its title (counted twice) and body words, stop words
/// and short words dropped, and the canonical names of its entities (as `entity:` + name,
/// counted once per mention).
///
/// `entities` holds `(canonical name, mentions)` pairs.
pub fn article_terms<'a>(
    title: Option<&'a str>,
    body: &'a [String],
    entities: &[(String, usize)],
) -> ArticleTerms {
    let mut t = ArticleTerms::default();
    // Stem → how often each written form of it occurs (forms borrowed from the text).
    let mut surfaces: FxHashMap<String, FxHashMap<&str, u32>> = FxHashMap::default();
    let mut add_text = |text: &'a str, times: u32, t: &mut ArticleTerms| {
        for tok in tokens(text) {
            let n = normalize(tok.surface, Level::Search);
            let w = n.as_str();
            if is_stopword(w)
                || w.chars().count() < MIN_LETTERS
                || w.chars().all(|c| c.is_ascii_digit())
            {
                continue;
            }
            let s = stem_str(w);
            if s.chars().count() < MIN_LETTERS {
                continue;
            }
            // Most words repeat: look up before allocating a key.
            match t.counts.get_mut(s) {
                Some(n) => *n += times,
                None => {
                    t.counts.insert(s.to_owned(), times);
                }
            }
            let forms = match surfaces.get_mut(s) {
                Some(forms) => forms,
                None => surfaces.entry(s.to_owned()).or_default(),
            };
            *forms.entry(tok.surface).or_default() += times;
        }
    };
    if let Some(title) = title {
        add_text(title, 2, &mut t);
    }
    for p in body {
        add_text(p, 1, &mut t);
    }
    for (stem, forms) in surfaces {
        if let Some((form, _)) = forms
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        {
            t.display.insert(stem, form.to_owned());
        }
    }
    for (name, mentions) in entities {
        let key = format!("entity:{}", normalize(name, Level::Search));
        *t.counts.entry(key.clone()).or_default() += (*mentions).max(1) as u32;
        t.display.insert(key.clone(), name.clone());
        t.entities.insert(key, true);
    }
    t
}

/// The `n` best keywords of an article by TF-IDF against `stats` (which may or may not
/// already count the article). Ties break by term, so the result is deterministic.
///
/// ```
/// use marsad_analyze::{KeywordStats, article_terms, keywords};
/// let body = vec!["الطائرات المسيرة تصل إلى المغرب. الطائرات المسيرة الإسرائيلية الجديدة.".to_owned()];
/// let terms = article_terms(Some("صفقة طائرات مسيرة"), &body, &[("المغرب".into(), 1)]);
/// let k = keywords(&terms, &KeywordStats::default(), 3);
/// assert_eq!(k[0].display, "الطائرات");
/// ```
pub fn keywords(terms: &ArticleTerms, stats: &KeywordStats, n: usize) -> Vec<Keyword> {
    let mut out: Vec<Keyword> = terms
        .counts
        .iter()
        .map(|(term, &count)| {
            let entity = terms.entities.contains_key(term);
            let tf = 1.0 + f64::from(count).ln();
            let mut weight = tf * stats.idf(term);
            if entity {
                weight *= ENTITY_BOOST;
            }
            Keyword {
                term: term.clone(),
                display: terms
                    .display
                    .get(term)
                    .cloned()
                    .unwrap_or_else(|| term.clone()),
                weight,
                entity,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.term.cmp(&b.term))
    });
    // A name and the stems of its own words say the same thing: drop stems already in a
    // name ranked above.
    let mut kept: Vec<Keyword> = Vec::with_capacity(n);
    for k in out {
        if kept.len() == n {
            break;
        }
        if !k.entity {
            let covered = kept.iter().any(|e| {
                e.entity
                    && normalize(&e.display, Level::Search)
                        .split(' ')
                        .any(|w| stem_str(w) == k.term)
            });
            if covered {
                continue;
            }
        }
        kept.push(k);
    }
    kept
}

/// The [`KEYWORDS`] keywords of an article on its own (no store statistics: term frequency,
/// stop words removed, entity names preferred).
pub fn article_keywords(
    title: Option<&str>,
    body: &[String],
    entities: &crate::ArticleEntities,
) -> Vec<Keyword> {
    let names: Vec<(String, usize)> = entities
        .entities
        .iter()
        .map(|e| (e.canonical.clone(), e.mentions.len()))
        .collect();
    keywords(
        &article_terms(title, body, &names),
        &KeywordStats::default(),
        KEYWORDS,
    )
}

/// The keyword cloud of many articles' keywords (e.g. those published in a time window):
/// each term's weights summed, the `n` heaviest first.
pub fn keyword_cloud<'a>(
    articles: impl IntoIterator<Item = &'a [Keyword]>,
    n: usize,
) -> Vec<Keyword> {
    let mut sum: FxHashMap<&str, Keyword> = FxHashMap::default();
    for ks in articles {
        for k in ks {
            sum.entry(k.term.as_str())
                .and_modify(|e| e.weight += k.weight)
                .or_insert_with(|| k.clone());
        }
    }
    let mut out: Vec<Keyword> = sum.into_values().collect();
    out.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.term.cmp(&b.term))
    });
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_terms_outweigh_common_ones() {
        let common = vec!["أعلنت الحكومة اليوم عن خطة جديدة للحكومة".to_owned()];
        let mut stats = KeywordStats::default();
        for _ in 0..20 {
            stats.add(&article_terms(None, &common, &[]));
        }
        let body =
            vec!["أعلنت الحكومة اليوم عن خطة التحلية. محطة التحلية الأولى تعمل بالتحلية".to_owned()];
        let terms = article_terms(None, &body, &[]);
        stats.add(&terms);
        let k = keywords(&terms, &stats, 3);
        assert_eq!(k[0].term, stem_str("تحليه"), "{k:?}");
        assert!(k.iter().all(|k| k.term != stem_str("الحكومه")), "{k:?}");
    }

    #[test]
    fn entities_are_preferred_and_cover_their_words() {
        let body = vec!["زار كوخافي الرباط وتحدث كوخافي عن التعاون".to_owned()];
        let terms = article_terms(None, &body, &[("أفيف كوخافي".into(), 2)]);
        let k = keywords(&terms, &KeywordStats::default(), 10);
        assert_eq!(k[0].display, "أفيف كوخافي");
        assert!(k.iter().all(|k| k.term != stem_str("كوخافي")), "{k:?}");
        let cloud = keyword_cloud([k.as_slice(), k.as_slice()], 2);
        assert_eq!(cloud[0].display, "أفيف كوخافي");
        assert!((cloud[0].weight - 2.0 * k[0].weight).abs() < 1e-9);
    }
}
