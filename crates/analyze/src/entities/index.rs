//! Resolution across the store: an article's entities join the store's entities as articles
//! arrive ([`EntityIndex::add`]), with ids that stay the same across runs.
//!
//! An article entity joins a store entity of a compatible type when (in order) they share a
//! gazetteer entry, a form's name key, or a form of [`NAME_SAME`] similarity (candidates come
//! from an index of word keys, never a scan). An article entity known only by one-word
//! forms (a bare surname the story never spelled out) joins the one store person whose longer
//! name holds it as a surname; when two store persons share that surname it stays apart.
//! A new entity's id is a hash of its type and the name key of its first name, so the same
//! articles in the same order give the same ids.

use marsad_text::{NAME_SAME, NameWords, name_key};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::features::hash_bytes;
use super::resolve::{NameCache, contained_as_surname};
use super::{ArticleEntities, EntityType};

/// An entity of the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreEntity {
    /// Stable id: `e` + 16 hex digits.
    pub id: String,
    /// What it is.
    pub entity_type: EntityType,
    /// The name to show (the gazetteer's, else the longest form seen).
    pub canonical: String,
    /// Every form seen, with how many mentions used it.
    pub forms: Vec<(String, u32)>,
    /// Articles that mention it, in the order they were added.
    pub articles: Vec<String>,
    /// The gazetteer entry, if a list knows it.
    pub gazetteer: Option<String>,
}

/// The store's entities, for incremental resolution. Serde-serialisable.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EntityIndex {
    entities: Vec<StoreEntity>,
    #[serde(skip)]
    by_id: FxHashMap<String, usize>,
    #[serde(skip)]
    by_key: FxHashMap<String, Vec<usize>>,
    #[serde(skip)]
    by_word: FxHashMap<String, Vec<usize>>,
    #[serde(skip)]
    by_gazetteer: FxHashMap<String, usize>,
    /// Each entity's forms of two words or more, read once for the similarity.
    #[serde(skip)]
    multi_words: Vec<Vec<NameWords>>,
}

/// A form of two words or more (one word alone is matched as a surname, not by similarity).
fn is_multi(form: &str) -> bool {
    form.split_whitespace().nth(1).is_some()
}

fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b
        || matches!(
            (a, b),
            (EntityType::Misc, EntityType::Product) | (EntityType::Product, EntityType::Misc)
        )
}

impl EntityIndex {
    /// An empty index.
    pub fn new() -> Self {
        EntityIndex::default()
    }

    /// An index holding `entities` (as read back from storage).
    pub fn from_entities(entities: Vec<StoreEntity>) -> Self {
        let mut ix = EntityIndex {
            entities,
            ..EntityIndex::default()
        };
        for k in 0..ix.entities.len() {
            ix.index(k);
        }
        ix
    }

    /// Every entity, in order of creation.
    pub fn entities(&self) -> &[StoreEntity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn get(&self, id: &str) -> Option<&StoreEntity> {
        self.by_id.get(id).map(|&k| &self.entities[k])
    }

    fn index(&mut self, k: usize) {
        let e = &self.entities[k];
        self.by_id.insert(e.id.clone(), k);
        if let Some(g) = &e.gazetteer {
            self.by_gazetteer.entry(g.clone()).or_insert(k);
        }
        if self.multi_words.len() <= k {
            self.multi_words.resize_with(k + 1, Vec::new);
        }
        let forms: Vec<String> = e.forms.iter().map(|(f, _)| f.clone()).collect();
        for f in forms {
            self.index_form(k, &f);
        }
    }

    fn index_form(&mut self, k: usize, form: &str) {
        let key = name_key(form);
        let list = self.by_key.entry(key).or_default();
        if !list.contains(&k) {
            list.push(k);
        }
        for w in form.split_whitespace() {
            let wk = name_key(w);
            if wk.is_empty() {
                continue;
            }
            let list = self.by_word.entry(wk).or_default();
            if !list.contains(&k) {
                list.push(k);
            }
        }
        if is_multi(form) {
            self.multi_words[k].push(NameWords::new(form));
        }
    }

    fn find(&self, ty: EntityType, gazetteer: Option<&str>, forms: &[String]) -> Option<usize> {
        if let Some(g) = gazetteer {
            return self.by_gazetteer.get(g).copied();
        }
        let ok = |k: &usize| {
            compatible(self.entities[*k].entity_type, ty) && self.entities[*k].gazetteer.is_none()
        };
        for f in forms {
            if let Some(list) = self.by_key.get(&name_key(f))
                && let Some(&k) = list
                    .iter()
                    .filter(|k| ok(k))
                    .max_by_key(|&&k| self.entities[k].articles.len())
            {
                return Some(k);
            }
        }
        let multi: Vec<NameWords> = forms
            .iter()
            .filter(|f| is_multi(f))
            .map(|f| NameWords::new(f))
            .collect();
        // In the order first met (ties go to the last best, as before the set).
        let mut candidates: Vec<usize> = Vec::new();
        let mut seen: FxHashSet<usize> = FxHashSet::default();
        for f in forms {
            for w in f.split_whitespace() {
                if let Some(list) = self.by_word.get(&name_key(w)) {
                    for &k in list {
                        if ok(&k) && seen.insert(k) {
                            candidates.push(k);
                        }
                    }
                }
            }
        }
        if !multi.is_empty() {
            let best = candidates
                .iter()
                .map(|&k| {
                    let s = self.multi_words[k]
                        .iter()
                        .flat_map(|g| {
                            multi.iter().map(move |f| {
                                if f.may_reach(g, NAME_SAME) {
                                    f.similarity(g)
                                } else {
                                    0.0
                                }
                            })
                        })
                        .fold(0.0, f64::max);
                    (k, s)
                })
                .filter(|&(_, s)| s >= NAME_SAME)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            return best.map(|(k, _)| k);
        }
        // Only one-word forms: a surname of exactly one longer name.
        let names = NameCache::default();
        let hits: Vec<usize> = candidates
            .into_iter()
            .filter(|&k| {
                self.entities[k]
                    .forms
                    .iter()
                    .any(|(g, _)| forms.iter().any(|f| contained_as_surname(f, g, &names)))
            })
            .collect();
        (hits.len() == 1).then(|| hits[0])
    }

    fn new_id(&self, ty: EntityType, canonical: &str) -> String {
        let seed = format!("{}\u{1f}{}", ty.name(), name_key(canonical));
        let mut n = 0u64;
        loop {
            let id = format!("e{:016x}", hash_bytes(0x656e_7469 ^ n, seed.as_bytes()));
            if !self.by_id.contains_key(&id) {
                return id;
            }
            n += 1;
        }
    }

    /// Add an article's entities; the store id of each, in the order of `entities.entities`.
    /// Adding the same article again counts it once.
    pub fn add(&mut self, article_id: &str, entities: &ArticleEntities) -> Vec<String> {
        let mut ids = Vec::with_capacity(entities.entities.len());
        for e in &entities.entities {
            let mut counts: Vec<(String, u32)> = Vec::new();
            for &m in &e.mentions {
                let name = &entities.mentions[m].mention.name;
                match counts.iter_mut().find(|(f, _)| f == name) {
                    Some(c) => c.1 += 1,
                    None => counts.push((name.clone(), 1)),
                }
            }
            let k = match self.find(e.entity_type, e.gazetteer.as_deref(), &e.forms) {
                Some(k) => k,
                None => {
                    let id = self.new_id(e.entity_type, &e.canonical);
                    self.entities.push(StoreEntity {
                        id,
                        entity_type: e.entity_type,
                        canonical: e.canonical.clone(),
                        forms: Vec::new(),
                        articles: Vec::new(),
                        gazetteer: e.gazetteer.clone(),
                    });
                    let k = self.entities.len() - 1;
                    self.index(k);
                    k
                }
            };
            let fresh_article = !self.entities[k].articles.iter().any(|a| a == article_id);
            for (form, c) in counts {
                let ent = &mut self.entities[k];
                match ent.forms.iter_mut().find(|(f, _)| *f == form) {
                    Some(x) => {
                        if fresh_article {
                            x.1 += c;
                        }
                    }
                    None => {
                        ent.forms.push((form.clone(), c));
                        self.index_form(k, &form);
                    }
                }
            }
            let ent = &mut self.entities[k];
            if fresh_article {
                ent.articles.push(article_id.to_owned());
            }
            if ent.gazetteer.is_none() {
                let words = |s: &str| s.split_whitespace().count();
                if words(&e.canonical) > words(&ent.canonical) {
                    ent.canonical = e.canonical.clone();
                }
            }
            ids.push(ent.id.clone());
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ArticleEntity, ArticleMention, Field, Mention, MentionSource};

    fn article(names: &[&str]) -> ArticleEntities {
        let mentions: Vec<Mention> = names
            .iter()
            .map(|n| Mention {
                entity_type: EntityType::Person,
                start: 0,
                end: n.len(),
                surface: (*n).to_owned(),
                name: (*n).to_owned(),
                role: None,
                gazetteer: None,
                list: None,
                source: MentionSource::Tagger,
            })
            .collect();
        let entities: Vec<ArticleEntity> = crate::resolve_article(&mentions);
        let mut of = vec![0; mentions.len()];
        for (k, e) in entities.iter().enumerate() {
            for &m in &e.mentions {
                of[m] = k;
            }
        }
        ArticleEntities {
            mentions: mentions
                .into_iter()
                .zip(of)
                .map(|(mention, entity)| ArticleMention {
                    field: Field::Body,
                    paragraph: 0,
                    mention,
                    entity,
                })
                .collect(),
            entities,
        }
    }

    #[test]
    fn across_articles() {
        let mut ix = EntityIndex::new();
        let a = ix.add("a", &article(&["أفيف كوخافي", "كوخافي"]));
        let b = ix.add("b", &article(&["أفيفي خوكافي"]));
        let c = ix.add("c", &article(&["كوخافي"]));
        assert_eq!(a[0], b[0]);
        assert_eq!(a[0], c[0]);
        let e = ix.get(&a[0]).unwrap();
        assert_eq!(e.articles, ["a", "b", "c"]);
        assert_eq!(e.canonical, "أفيف كوخافي");
        // Same input, same ids.
        let mut again = EntityIndex::new();
        assert_eq!(again.add("a", &article(&["أفيف كوخافي", "كوخافي"])), a);
        // Round trip through storage.
        let back = EntityIndex::from_entities(ix.entities().to_vec());
        assert_eq!(back.get(&a[0]).map(|e| e.forms.len()), Some(3));
    }

    #[test]
    fn shared_surname_across_articles_stays_apart() {
        let mut ix = EntityIndex::new();
        let a = ix.add("a", &article(&["أحمد الطيار"]));
        let b = ix.add("b", &article(&["محمد الطيار"]));
        assert_ne!(a[0], b[0]);
        let c = ix.add("c", &article(&["الطيار"]));
        assert_ne!(c[0], a[0]);
        assert_ne!(c[0], b[0]);
    }
}
