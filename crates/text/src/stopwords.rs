//! Stop words of Modern Standard Arabic news: a curated list (`stopwords.txt`, derived from
//! stopwords-iso, MIT) held as a sorted slice, plus an open-addressing table of the words
//! packed into integers, both built once: the lookup runs for every word indexed, where a
//! `HashSet<String>` with SipHash costs more than the rest of the analyzer.

use std::sync::LazyLock;

/// Longest stop word in bytes that the packed table holds (a `u128`).
const PACK: usize = 16;
/// Slots of the packed table (a power of two, about three times the list).
const SLOTS: usize = 1024;

/// A word of at most [`PACK`] bytes as one integer (byte `k` at bits `8k..8k+8`); `None` for
/// longer words. Zero is never a packed word, since stop words are not empty.
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    // Two overlapping loads rather than a copy into a buffer or a loop over the bytes: this
    // is on the hot path, and a copy of a few bytes becomes a `memcpy` call.
    let key = match n {
        8..=PACK => {
            let lo = u64::from_le_bytes(first::<8>(b)?);
            // The bytes past the first eight (none when `n` is 8: a shift by 64 is zero).
            let hi = u64::from_le_bytes(last::<8>(b)?)
                .checked_shr(8 * (PACK - n) as u32)
                .unwrap_or(0);
            u128::from(lo) | (u128::from(hi) << 64)
        }
        4..=7 => {
            let lo = u32::from_le_bytes(first::<4>(b)?);
            let hi = u32::from_le_bytes(last::<4>(b)?)
                .checked_shr(8 * (8 - n) as u32)
                .unwrap_or(0);
            u128::from(lo) | (u128::from(hi) << 32)
        }
        1..=3 => {
            let mut key = 0u128;
            for (k, &x) in b.iter().enumerate() {
                key |= u128::from(x) << (8 * k);
            }
            key
        }
        _ => return None,
    };
    Some(key)
}

/// The first `N` bytes of `b`.
fn first<const N: usize>(b: &[u8]) -> Option<[u8; N]> {
    b.get(..N)?.try_into().ok()
}

/// The last `N` bytes of `b`.
fn last<const N: usize>(b: &[u8]) -> Option<[u8; N]> {
    b.get(b.len().checked_sub(N)?..)?.try_into().ok()
}

fn slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize & (SLOTS - 1)
}

/// The packed table, and a bit mask of the byte lengths of the stop words (bit `n` set when
/// some stop word has `n` bytes), which turns most content words away before any hashing.
static TABLE: LazyLock<(Box<[u128; SLOTS]>, u32)> = LazyLock::new(|| {
    let mut t = Box::new([0u128; SLOTS]);
    let mut lengths = 0u32;
    for word in LIST.iter() {
        let Some(key) = pack(word) else {
            continue;
        };
        lengths |= 1 << word.len();
        let mut i = slot(key);
        while t[i] != 0 && t[i] != key {
            i = (i + 1) & (SLOTS - 1);
        }
        t[i] = key;
    }
    (t, lengths)
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
    let (table, lengths) = &*TABLE;
    let b = word.as_bytes();
    let fits = |n: usize| n <= PACK && lengths & (1 << n) != 0;
    if fits(b.len()) && contains(table, word) {
        return true;
    }
    // `و` is D9 88 and `ف` is D9 81 in UTF-8; at least two letters must follow.
    if b.len() >= 4
        && b[0] == 0xD9
        && matches!(b[1], 0x81 | 0x88)
        && fits(b.len() - 2)
        && let Some(rest) = word.get(2..)
        && rest.chars().nth(1).is_some()
    {
        return contains(table, rest);
    }
    false
}

fn contains(table: &[u128; SLOTS], word: &str) -> bool {
    let Some(key) = pack(word) else {
        return false;
    };
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
    fn pack_is_bytes_in_order() {
        let text = "والمغربيhello-ab";
        for end in (1..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let word = &text[..end];
            if word.len() > PACK {
                assert_eq!(pack(word), None, "{word}");
                continue;
            }
            let mut naive = 0u128;
            for (k, &x) in word.as_bytes().iter().enumerate() {
                naive |= u128::from(x) << (8 * k);
            }
            assert_eq!(pack(word), Some(naive), "{word}");
        }
        assert_eq!(pack(""), None);
        assert_eq!(pack("والمغربي والمغربي"), None);
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
