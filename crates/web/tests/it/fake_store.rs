//! An in-memory store for the tests: articles in a `Vec`, search by substring.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use marsad_extract::{Aggregator, Article, Published};
use marsad_store::{
    ArticleStore, Error, FacetCount, FacetedHit, FacetedQuery, FacetedResults, PutOutcome,
    SearchHit, SearchIndex, SearchQuery, SearchResults, SearchSort, SnippetPart, Store,
    StoredArticle,
};

#[derive(Default)]
pub struct FakeStore {
    articles: Mutex<Vec<StoredArticle>>,
    /// Every call fails (to see a 500).
    pub broken: bool,
}

fn failure() -> Error {
    Error::Poisoned {
        what: "fake store lock",
    }
}

fn lock(store: &FakeStore) -> std::sync::MutexGuard<'_, Vec<StoredArticle>> {
    store
        .articles
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[async_trait]
impl ArticleStore for FakeStore {
    async fn put(&self, article: &StoredArticle) -> Result<PutOutcome, Error> {
        if self.broken {
            return Err(failure());
        }
        let mut articles = lock(self);
        articles.retain(|a| a.id != article.id);
        articles.push(article.clone());
        Ok(PutOutcome::Inserted)
    }

    async fn get(&self, id: &str) -> Result<Option<StoredArticle>, Error> {
        if self.broken {
            return Err(failure());
        }
        Ok(lock(self).iter().find(|a| a.id == id).cloned())
    }

    async fn latest(&self, limit: usize, offset: usize) -> Result<Vec<StoredArticle>, Error> {
        if self.broken {
            return Err(failure());
        }
        let mut articles = lock(self).clone();
        articles.sort_by(|a, b| {
            (b.article.published.published.as_deref(), b.imported_at)
                .cmp(&(a.article.published.published.as_deref(), a.imported_at))
        });
        Ok(articles.into_iter().skip(offset).take(limit).collect())
    }

    async fn count(&self) -> Result<u64, Error> {
        if self.broken {
            return Err(failure());
        }
        Ok(lock(self).len() as u64)
    }

    async fn scan(&self, after: Option<&str>, limit: usize) -> Result<Vec<StoredArticle>, Error> {
        if self.broken {
            return Err(failure());
        }
        let mut articles = lock(self).clone();
        articles.sort_by(|a, b| a.id.cmp(&b.id));
        let after = after.unwrap_or_default();
        Ok(articles
            .into_iter()
            .filter(|a| a.id.as_str() > after)
            .take(limit)
            .collect())
    }

    async fn delete(&self, id: &str) -> Result<bool, Error> {
        if self.broken {
            return Err(failure());
        }
        let mut articles = lock(self);
        let before = articles.len();
        articles.retain(|a| a.id != id);
        Ok(articles.len() != before)
    }
}

impl SearchIndex for FakeStore {
    fn upsert(&self, _article: &StoredArticle) -> Result<(), Error> {
        Ok(())
    }

    fn commit(&self) -> Result<(), Error> {
        Ok(())
    }

    fn delete(&self, _id: &str) -> Result<(), Error> {
        Ok(())
    }

    fn clear(&self) -> Result<(), Error> {
        Ok(())
    }

    fn count(&self) -> Result<u64, Error> {
        Ok(lock(self).len() as u64)
    }

    fn search(&self, query: &SearchQuery) -> Result<SearchResults, Error> {
        if self.broken {
            return Err(failure());
        }
        let articles = lock(self);
        let matching: Vec<SearchHit> = articles
            .iter()
            .filter_map(|stored| {
                let a = &stored.article;
                let in_title = a.title.as_deref().is_some_and(|t| t.contains(&query.text));
                let paragraph = a.body.iter().find(|p| p.contains(&query.text));
                (in_title || paragraph.is_some()).then(|| SearchHit {
                    id: stored.id.clone(),
                    score: if in_title { 2.0 } else { 1.0 },
                    snippet: paragraph.or(a.body.first()).cloned().unwrap_or_default(),
                })
            })
            .collect();
        let total = matching.len();
        let hits = matching
            .into_iter()
            .skip(query.offset)
            .take(query.limit)
            .collect();
        Ok(SearchResults { total, hits })
    }

    /// Substring search with the filters, counts and orders of the real index.
    fn search_faceted(&self, query: &FacetedQuery) -> Result<FacetedResults, Error> {
        if self.broken {
            return Err(failure());
        }
        if query.text.is_empty() && !query.has_filter() {
            return Ok(FacetedResults::default());
        }
        let articles = lock(self);
        let source_of = |a: &StoredArticle| {
            a.article
                .source
                .clone()
                .or_else(|| a.article.aggregator.as_ref().and_then(|g| g.source.clone()))
        };
        let category_of = |a: &StoredArticle| {
            a.article
                .aggregator
                .as_ref()
                .and_then(|g| g.category.clone())
        };
        let day_of = |a: &StoredArticle| {
            a.article
                .published
                .published
                .as_deref()
                .and_then(|p| p.get(..10))
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let mut matching: Vec<(&StoredArticle, f32, Vec<SnippetPart>)> = articles
            .iter()
            .filter(|a| !query.exclude_ids.contains(&a.id))
            .filter(|a| {
                query.sources.is_empty() || source_of(a).is_some_and(|s| query.sources.contains(&s))
            })
            .filter(|a| {
                query.categories.is_empty()
                    || category_of(a).is_some_and(|c| query.categories.contains(&c))
            })
            .filter(|a| {
                query
                    .from
                    .is_none_or(|from| day_of(a).is_some_and(|d| d >= from))
            })
            .filter(|a| query.to.is_none_or(|to| day_of(a).is_some_and(|d| d <= to)))
            .filter_map(|a| {
                if query.text.is_empty() {
                    let first = a.article.body.first().cloned().unwrap_or_default();
                    return Some((
                        a,
                        0.0,
                        vec![SnippetPart {
                            text: first,
                            hit: false,
                        }],
                    ));
                }
                let in_title = a
                    .article
                    .title
                    .as_deref()
                    .is_some_and(|t| t.contains(&query.text));
                let paragraph = a.article.body.iter().find(|p| p.contains(&query.text));
                if !in_title && paragraph.is_none() {
                    return None;
                }
                let text = paragraph
                    .or(a.article.body.first())
                    .cloned()
                    .unwrap_or_default();
                let parts = match text.split_once(&query.text) {
                    Some((before, after)) => vec![
                        SnippetPart {
                            text: before.to_owned(),
                            hit: false,
                        },
                        SnippetPart {
                            text: query.text.clone(),
                            hit: true,
                        },
                        SnippetPart {
                            text: after.to_owned(),
                            hit: false,
                        },
                    ]
                    .into_iter()
                    .filter(|p| !p.text.is_empty())
                    .collect(),
                    None => vec![SnippetPart { text, hit: false }],
                };
                Some((a, if in_title { 2.0 } else { 1.0 }, parts))
            })
            .collect();
        if query.sort == SearchSort::Newest || query.text.is_empty() {
            matching.sort_by(|a, b| {
                b.0.article
                    .published
                    .published
                    .cmp(&a.0.article.published.published)
            });
        } else {
            matching.sort_by(|a, b| b.1.total_cmp(&a.1));
        }
        let count = |values: Vec<Option<String>>| {
            let mut counts: Vec<FacetCount> = Vec::new();
            for value in values.into_iter().flatten() {
                match counts.iter_mut().find(|c| c.value == value) {
                    Some(c) => c.count += 1,
                    None => counts.push(FacetCount { value, count: 1 }),
                }
            }
            counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
            counts
        };
        let sources = count(matching.iter().map(|m| source_of(m.0)).collect());
        let categories = count(matching.iter().map(|m| category_of(m.0)).collect());
        let mut months = count(
            matching
                .iter()
                .map(|m| day_of(m.0).map(|d| d.format("%Y-%m").to_string()))
                .collect(),
        );
        months.sort_by(|a, b| b.value.cmp(&a.value));
        Ok(FacetedResults {
            total: matching.len(),
            hits: matching
                .into_iter()
                .skip(query.offset)
                .take(query.limit)
                .map(|(a, score, snippet)| FacetedHit {
                    id: a.id.clone(),
                    score,
                    snippet,
                })
                .collect(),
            sources,
            categories,
            months,
        })
    }
}

/// A store holding `articles`.
pub fn store_with(articles: Vec<StoredArticle>) -> Store {
    let fake = Arc::new(FakeStore {
        articles: Mutex::new(articles),
        broken: false,
    });
    Store {
        articles: fake.clone(),
        index: fake,
        // The rest (sources, clusters, moderation …) in memory, whatever fields `Store` grows.
        ..Store::memory()
    }
}

/// A store whose every call fails.
pub fn broken_store() -> Store {
    let fake = Arc::new(FakeStore {
        articles: Mutex::new(Vec::new()),
        broken: true,
    });
    Store {
        articles: fake.clone(),
        index: fake,
        // The rest (sources, clusters, moderation …) in memory, whatever fields `Store` grows.
        ..Store::memory()
    }
}

fn imported_at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
}

/// A complete Arabic article.
pub fn article(id: &str, title: &str, published: &str) -> StoredArticle {
    StoredArticle {
        id: id.to_owned(),
        content_hash: format!("hash-{id}"),
        imported_at: imported_at(0),
        article: Article {
            url: Some(format!("https://www.example.ma/news/{id}.html")),
            title: Some(title.to_owned()),
            subtitle: Some("الحكومة تعلن خطة جديدة للمياه".to_owned()),
            author: Some("محمد العلوي".to_owned()),
            dateline: Some("الرباط".to_owned()),
            source: Some("هسبريس".to_owned()),
            published: Published {
                published: Some(published.to_owned()),
                published_precision: Some(
                    if published.contains('T') {
                        "minute"
                    } else {
                        "day"
                    }
                    .to_owned(),
                ),
            },
            language: "ar".to_owned(),
            captions: vec!["سد المسيرة في صيف 2022".to_owned()],
            body: vec![
                "أعلنت وزارة التجهيز والماء عن برنامج لتحلية مياه البحر.".to_owned(),
                "وقال الوزير إن البرنامج يشمل 20 محطة بحلول 2030.".to_owned(),
            ],
            aggregator: Some(Aggregator {
                name: "كشاف".to_owned(),
                source: Some("هسبريس".to_owned()),
                category: Some("اقتصاد".to_owned()),
                credibility_percent: Some(87),
                importance_percent: Some(40),
            }),
        },
    }
}

/// `n` articles, `a0` the newest.
pub fn many(n: usize) -> Vec<StoredArticle> {
    (0..n)
        .map(|i| {
            let day = 28 - (i % 28);
            let month = 12 - (i / 28) % 12;
            let mut a = article(
                &format!("a{i}"),
                &format!("خبر رقم {i}"),
                &format!("2023-{month:02}-{day:02}"),
            );
            a.imported_at = imported_at(i as i64);
            a
        })
        .collect()
}
