//! Stop words of Modern Standard Arabic news: a curated list (`stopwords.txt`, derived from
//! stopwords-iso, MIT) held as a sorted slice, plus a hash set with a small FNV-1a hasher for
//! lookups, both built once (it runs for every word indexed, where SipHash is too slow).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: short keys, no untrusted-collision concern (the set is fixed).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

struct Set {
    words: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    longest: usize,
}

static SET: LazyLock<Set> = LazyLock::new(|| Set {
    words: LIST.iter().copied().collect(),
    longest: LIST.iter().map(|w| w.len()).max().unwrap_or(0),
});

static LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = include_str!("stopwords.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Whether a word normalised at [`Level::Search`](crate::Level::Search) is a stop word.
///
/// A stop word behind the conjunction `و` or `ف` (`وهذا`, `فإن` → `فان`) is one too.
///
/// ```
/// use marsad_text::is_stopword;
/// assert!(is_stopword("في"));
/// assert!(is_stopword("وهذا"));
/// assert!(!is_stopword("المغرب"));
/// ```
pub fn is_stopword(word: &str) -> bool {
    if word.len() > SET.longest + 2 {
        return false;
    }
    if contains(word) {
        return true;
    }
    match word.strip_prefix(['و', 'ف']) {
        Some(rest) if rest.chars().nth(1).is_some() => contains(rest),
        _ => false,
    }
}

fn contains(word: &str) -> bool {
    let set = &*SET;
    word.len() <= set.longest && set.words.contains(word)
}

/// The stop words, normalised and sorted (for analyzers that want the list itself).
pub fn stopwords() -> &'static [&'static str] {
    &LIST
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Level, normalize};

    fn check(word: &str, expected: bool) {
        assert_eq!(is_stopword(word), expected, "{word}");
    }

    #[test]
    fn function_words_and_content_words() {
        for w in ["في", "من", "علي", "الي", "عن", "التي", "الذي", "هذه", "وهو", "فان", "ولكن"] {
            check(w, true);
        }
        for w in ["المغرب", "مستشفي", "بن", "زياره", "مايو", "وزير", "و6", "فلسطين", "حي"] {
            check(w, false);
        }
    }

    #[test]
    fn list_is_normalised_sorted_unique() {
        let raw: Vec<&str> = include_str!("stopwords.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        for w in &raw {
            assert_eq!(normalize(w, Level::Search), *w, "entry not normalised");
        }
        assert!(raw.windows(2).all(|p| p[0] < p[1]), "entries not sorted and unique");
        assert!(raw.len() > 300);
    }
}
