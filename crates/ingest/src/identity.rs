//! Article identity: stable ids and the content hash that stores a page once.

use std::collections::HashMap;

use marsad_extract::Article;
use marsad_text::{Level, normalize};

/// Hands out ids unique within one import: the wanted id, or `id-2`, `id-3` … when a
/// different item of the same import already took it.
#[derive(Debug, Default)]
pub struct IdAllocator {
    taken: HashMap<String, u32>,
}

impl IdAllocator {
    /// A unique id for an item that wants `wanted`.
    pub fn allocate(&mut self, wanted: &str) -> String {
        let wanted = sanitize_id(wanted);
        let mut n = match self.taken.get(&wanted) {
            None => {
                self.taken.insert(wanted.clone(), 1);
                return wanted;
            }
            Some(n) => *n,
        };
        loop {
            n += 1;
            let candidate = format!("{wanted}-{n}");
            if !self.taken.contains_key(&candidate) {
                self.taken.insert(wanted.clone(), n);
                self.taken.insert(candidate.clone(), 1);
                return candidate;
            }
        }
    }
}

/// Ids travel in URLs and JSON: keep letters (any script), digits, `-`, `_` and `.`,
/// replace the rest with `-`, and never return an empty id.
fn sanitize_id(wanted: &str) -> String {
    let id: String = wanted
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let id = id.trim_matches(|c| c == '-' || c == '.').to_owned();
    if id.is_empty() {
        "article".to_owned()
    } else {
        id
    }
}

/// The id of a fetched page: a hash of its canonical URL (scheme and `www.` ignored, the
/// fragment dropped), so one article keeps one id however it is reached.
pub fn id_from_url(url: &str) -> String {
    let trimmed = url.trim();
    let without_fragment = trimmed.split('#').next().unwrap_or(trimmed);
    let without_scheme = without_fragment
        .strip_prefix("https://")
        .or_else(|| without_fragment.strip_prefix("http://"))
        .unwrap_or(without_fragment);
    let canonical = without_scheme
        .strip_prefix("www.")
        .unwrap_or(without_scheme);
    let canonical = canonical.trim_end_matches('/');
    let hash = blake3::hash(canonical.as_bytes());
    hash.to_hex()[..16].to_owned()
}

/// A hash of what an article says (title and body, normalised for matching), so that the
/// same page imported twice, or under another file name, is stored once.
pub fn content_hash(article: &Article) -> String {
    let mut hasher = blake3::Hasher::new();
    if let Some(title) = &article.title {
        hasher.update(normalize(title, Level::Match).as_bytes());
    }
    hasher.update(b"\x00");
    for paragraph in &article.body {
        hasher.update(normalize(paragraph, Level::Match).as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().to_hex()[..32].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_within_an_import() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("page"), "page");
        assert_eq!(ids.allocate("page"), "page-2");
        assert_eq!(ids.allocate("page-2"), "page-2-2");
        assert_eq!(ids.allocate("page"), "page-3");
        assert_eq!(ids.allocate("خبر عاجل"), "خبر-عاجل");
        assert_eq!(ids.allocate("///"), "article");
    }

    #[test]
    fn url_ids_ignore_scheme_www_and_fragment() {
        let a = id_from_url("https://www.example.ma/news/1#top");
        assert_eq!(a, id_from_url("http://example.ma/news/1/"));
        assert_ne!(a, id_from_url("https://example.ma/news/2"));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn content_hash_ignores_diacritics_but_not_words() {
        let a = Article {
            title: Some("زيارة".into()),
            body: vec!["قال كوخافي".into()],
            ..Default::default()
        };
        let b = Article {
            title: Some("زِيارة".into()),
            body: vec!["قال كوخافي".into()],
            ..Default::default()
        };
        let c = Article {
            title: Some("زيارة".into()),
            body: vec!["قال غانتس".into()],
            ..Default::default()
        };
        assert_eq!(content_hash(&a), content_hash(&b));
        assert_ne!(content_hash(&a), content_hash(&c));
    }
}
