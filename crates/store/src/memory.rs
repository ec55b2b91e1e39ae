//! [`MemoryStore`]: both traits in memory, for tests of the crates above (no files, no
//! tantivy).
//!
//! Search uses the same Arabic analyzer as the tantivy index but scores naively (term counts,
//! titles counted double), so it agrees with the embedded backend on *what* matches, not on
//! the order of equally good hits.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use async_trait::async_trait;

use crate::analyzer::{self, Mode, Term};
use crate::query_text::{self, Part};
use crate::{
    ArticleStore, Error, PutOutcome, SearchHit, SearchIndex, SearchQuery, SearchResults, Store,
    StoredArticle,
};

/// Characters of body shown on each side of the first match in a snippet.
const SNIPPET_SIDE_CHARS: usize = 100;

/// Articles and a search index held in memory; clones share the same data.
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    inner: Arc<RwLock<State>>,
}

#[derive(Debug, Default)]
struct State {
    articles: BTreeMap<String, StoredArticle>,
    /// Content hash to id.
    hashes: HashMap<String, String>,
    /// The committed index.
    indexed: BTreeMap<String, Indexed>,
    /// Index changes waiting for `commit`.
    pending: Vec<Pending>,
}

#[derive(Debug)]
enum Pending {
    Upsert(Box<Indexed>),
    Delete(String),
    Clear,
}

/// One article as the index sees it.
#[derive(Debug, Clone)]
struct Indexed {
    id: String,
    title: Vec<Term>,
    body_terms: Vec<Term>,
    /// The searched body text (standfirst, paragraphs, captions) the body terms point into.
    searched: String,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        MemoryStore::default()
    }

    /// A [`Store`] whose articles and index are this one store.
    pub fn into_store(self) -> Store {
        let shared = Arc::new(self);
        Store {
            articles: shared.clone(),
            index: shared,
            sources: Arc::new(crate::MemorySources::default()),
            clusters: Arc::new(crate::MemoryClusters::default()),
            moderation: Arc::new(crate::MemoryModeration::default()),
            analyses: Arc::new(crate::MemoryAnalyses::default()),
            entities: Arc::new(crate::MemoryEntities::default()),
            jobs: Arc::new(crate::MemoryJobs::default()),
        }
    }

    fn read(&self) -> Result<RwLockReadGuard<'_, State>, Error> {
        self.inner.read().map_err(|_| Error::Poisoned {
            what: "memory store",
        })
    }

    fn write(&self) -> Result<RwLockWriteGuard<'_, State>, Error> {
        self.inner.write().map_err(|_| Error::Poisoned {
            what: "memory store",
        })
    }
}

impl Store {
    /// A store in memory ([`MemoryStore`]), for tests.
    pub fn memory() -> Store {
        MemoryStore::new().into_store()
    }
}

impl State {
    fn put(&mut self, stored: &StoredArticle) -> PutOutcome {
        if let Some(other) = self
            .hashes
            .get(&stored.content_hash)
            .filter(|other| **other != stored.id)
        {
            return PutOutcome::Duplicate(other.clone());
        }
        match self.articles.get_mut(&stored.id) {
            None => {
                self.hashes
                    .insert(stored.content_hash.clone(), stored.id.clone());
                self.articles.insert(stored.id.clone(), stored.clone());
                PutOutcome::Inserted
            }
            Some(old)
                if old.content_hash == stored.content_hash && old.article == stored.article =>
            {
                PutOutcome::Unchanged
            }
            Some(old) => {
                // `imported_at` stays: it is when the article was first stored.
                let old_hash =
                    std::mem::replace(&mut old.content_hash, stored.content_hash.clone());
                old.article = stored.article.clone();
                self.hashes.remove(&old_hash);
                self.hashes
                    .insert(stored.content_hash.clone(), stored.id.clone());
                PutOutcome::Updated
            }
        }
    }
}

#[async_trait]
impl ArticleStore for MemoryStore {
    async fn put(&self, article: &StoredArticle) -> Result<PutOutcome, Error> {
        Ok(self.write()?.put(article))
    }

    async fn put_many(&self, articles: &[StoredArticle]) -> Result<Vec<PutOutcome>, Error> {
        let mut state = self.write()?;
        Ok(articles.iter().map(|a| state.put(a)).collect())
    }

    async fn get(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        Ok(self.read()?.articles.get(id).cloned())
    }

    async fn latest(&self, limit: usize, offset: usize) -> Result<Vec<StoredArticle>, Error> {
        let state = self.read()?;
        let mut all: Vec<&StoredArticle> = state.articles.values().collect();
        all.sort_by(|a, b| crate::model::newest_first(a, b));
        Ok(all.into_iter().skip(offset).take(limit).cloned().collect())
    }

    async fn count(&self) -> Result<u64, Error> {
        Ok(self.read()?.articles.len() as u64)
    }

    async fn scan(&self, after: Option<&str>, limit: usize) -> Result<Vec<StoredArticle>, Error> {
        let state = self.read()?;
        let from = match after {
            Some(after) => std::ops::Bound::Excluded(after.to_owned()),
            None => std::ops::Bound::Unbounded,
        };
        Ok(state
            .articles
            .range((from, std::ops::Bound::Unbounded))
            .take(limit)
            .map(|(_, a)| a.clone())
            .collect())
    }

    async fn delete(&self, id: &str) -> Result<bool, Error> {
        let mut state = self.write()?;
        match state.articles.remove(id) {
            Some(old) => {
                state.hashes.remove(&old.content_hash);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

impl SearchIndex for MemoryStore {
    fn upsert(&self, stored: &StoredArticle) -> Result<(), Error> {
        let a = &stored.article;
        let mut searched = String::new();
        for piece in a
            .subtitle
            .iter()
            .chain(a.body.iter())
            .chain(a.captions.iter())
        {
            searched.push_str(piece);
            searched.push('\n');
        }
        let indexed = Indexed {
            id: stored.id.clone(),
            title: analyzer::analyze(a.title.as_deref().unwrap_or_default(), Mode::Stem),
            body_terms: analyzer::analyze(&searched, Mode::Stem),
            searched,
        };
        self.write()?
            .pending
            .push(Pending::Upsert(Box::new(indexed)));
        Ok(())
    }

    fn commit(&self) -> Result<(), Error> {
        let mut state = self.write()?;
        for change in std::mem::take(&mut state.pending) {
            match change {
                Pending::Upsert(doc) => {
                    state.indexed.insert(doc.id.clone(), *doc);
                }
                Pending::Delete(id) => {
                    state.indexed.remove(&id);
                }
                Pending::Clear => state.indexed.clear(),
            }
        }
        Ok(())
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults, Error> {
        let mut words: Vec<String> = Vec::new();
        let mut phrases: Vec<Vec<Term>> = Vec::new();
        for part in query_text::parse(&query.text) {
            match part {
                Part::Words(text) => words.extend(
                    analyzer::analyze(text, Mode::Stem)
                        .into_iter()
                        .map(|t| t.text),
                ),
                Part::Phrase(text) => phrases.push(analyzer::analyze(text, Mode::Stem)),
            }
        }
        phrases.retain(|p| !p.is_empty());
        if words.is_empty() && phrases.is_empty() {
            return Ok(SearchResults::default());
        }
        let state = self.read()?;
        let mut scored: Vec<(f32, &Indexed)> = state
            .indexed
            .values()
            .filter(|doc| {
                words
                    .iter()
                    .all(|w| has(&doc.title, w) || has(&doc.body_terms, w))
                    && phrases
                        .iter()
                        .all(|p| has_phrase(&doc.title, p) || has_phrase(&doc.body_terms, p))
            })
            .map(|doc| {
                let all_terms = words
                    .iter()
                    .chain(phrases.iter().flatten().map(|t| &t.text));
                let score: usize = all_terms
                    .map(|w| 2 * occurrences(&doc.title, w) + occurrences(&doc.body_terms, w))
                    .sum();
                (score as f32, doc)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let wanted: HashSet<&str> = words
            .iter()
            .map(String::as_str)
            .chain(phrases.iter().flatten().map(|t| t.text.as_str()))
            .collect();
        let hits = scored
            .iter()
            .skip(query.offset)
            .take(query.limit)
            .map(|(score, doc)| SearchHit {
                id: doc.id.clone(),
                score: *score,
                snippet: snippet(doc, &wanted),
            })
            .collect();
        Ok(SearchResults {
            total: scored.len(),
            hits,
        })
    }

    fn delete(&self, id: &str) -> Result<(), Error> {
        self.write()?.pending.push(Pending::Delete(id.to_owned()));
        Ok(())
    }

    fn clear(&self) -> Result<(), Error> {
        self.write()?.pending.push(Pending::Clear);
        Ok(())
    }

    fn count(&self) -> Result<u64, Error> {
        Ok(self.read()?.indexed.len() as u64)
    }
}

fn has(terms: &[Term], word: &str) -> bool {
    terms.iter().any(|t| t.text == word)
}

fn occurrences(terms: &[Term], word: &str) -> usize {
    terms.iter().filter(|t| t.text == word).count()
}

/// Whether the phrase's terms appear at the same relative positions in `terms`.
fn has_phrase(terms: &[Term], phrase: &[Term]) -> bool {
    let Some(first) = phrase.first() else {
        return true;
    };
    let at: HashSet<(usize, &str)> = terms
        .iter()
        .map(|t| (t.position, t.text.as_str()))
        .collect();
    terms.iter().filter(|t| t.text == first.text).any(|start| {
        phrase.iter().all(|p| {
            at.contains(&(
                start.position + (p.position - first.position),
                p.text.as_str(),
            ))
        })
    })
}

/// The body around the first wanted term, on one line.
fn snippet(doc: &Indexed, wanted: &HashSet<&str>) -> String {
    let text = &doc.searched;
    let (start, end) = match doc
        .body_terms
        .iter()
        .find(|t| wanted.contains(t.text.as_str()))
    {
        Some(t) => (
            back_chars(text, t.start, SNIPPET_SIDE_CHARS),
            forward_chars(text, t.end, SNIPPET_SIDE_CHARS),
        ),
        None => (0, forward_chars(text, 0, 2 * SNIPPET_SIDE_CHARS)),
    };
    text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}
