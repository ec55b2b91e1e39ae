//! Stop words of Modern Standard Arabic news: a curated list (`stopwords.txt`, derived from
//! stopwords-iso, MIT) held as a sorted slice, plus an open-addressing table of the words
//! packed into integers, both built once: the lookup runs for every word indexed, where a
//! `HashSet<String>` with SipHash costs more than the rest of the analyzer.

use std::sync::LazyLock;

/// Longest stop word in bytes that the packed table holds (a `u128`).
const PACK: usize = 16;
/// Slots of the packed table (a power of two, about three times the list).
const SLOTS: usize = 1024;

/// A word of at most [`PACK`] bytes as one integer; `None` for longer words. Zero is never a
/// packed word, since stop words are not empty.
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > PACK {
        return None;
    }
    // Shifts rather than a copy into a buffer: this is on the hot path, and a copy of a few
    // bytes becomes a `memcpy` call.
    let mut key = 0u128;
    for (k, &x) in b.iter().enumerate() {
        key |= u128::from(x) << (8 * k);
    }
    Some(key)
}

fn slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize & (SLOTS - 1)
}

static TABLE: LazyLock<Box<[u128; SLOTS]>> = LazyLock::new(|| {
    let mut t = Box::new([0u128; SLOTS]);
    for key in LIST.iter().filter_map(|w| pack(w)) {
        let mut i = slot(key);
        while t[i] != 0 && t[i] != key {
            i = (i + 1) & (SLOTS - 1);
        }
        t[i] = key;
    }
    t
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
    if word.len() > PACK + 2 {
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
    let Some(key) = pack(word) else {
        return false;
    };
    let table = &**TABLE;
    let mut i = slot(key);
    loop {
        match table[i] {
            0 => return false,
            k if k == key => return true,
            _ => i = (i + 1) & (SLOTS - 1),
        }
    }
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
        for w in [
            "في", "من", "علي", "الي", "عن", "التي", "الذي", "هذه", "وهو", "فان", "ولكن",
        ] {
            check(w, true);
        }
        for w in [
            "المغرب",
            "مستشفي",
            "بن",
            "زياره",
            "مايو",
            "وزير",
            "و6",
            "فلسطين",
            "حي",
        ] {
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
        assert!(
            raw.windows(2).all(|p| p[0] < p[1]),
            "entries not sorted and unique"
        );
        assert!(raw.len() > 300 && raw.len() < SLOTS / 2);
        assert!(
            raw.iter().all(|w| w.len() <= PACK),
            "an entry does not fit the packed table"
        );
    }
}
