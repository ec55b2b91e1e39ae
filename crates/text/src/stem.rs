//! Light stemming of Arabic words: Light10 (Larkey, Ballesteros and Connell, 2007), made
//! idempotent and a little more conservative.
//!
//! Light10 is chosen over root extraction (Khoja, ISRI) because light stems keep meaning
//! apart (`كتاب` and `مكتب` stay different) and measured better in the TREC Arabic runs;
//! it is also what Lucene's and OpenSearch's Arabic analyzers use. No maintained Rust crate
//! has it, so it is written here. Our changes: (1) the rules repeat until nothing changes,
//! so `stem(stem(w)) == stem(w)` and `الوزير`, `وزير` reach the same stem; (2) a suffix is
//! removed only when at least three letters remain, four for the dual and plural endings
//! `ان ات ون ين` (Light10 allows two), which spares short words and names such as `بيان`,
//! `لبنان`, `ايران`.

/// Definite-article prefixes, longest first (after `Level::Search`, `أ`/`إ` are already `ا`).
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// Light10 suffixes in its order (`ية` and `ة` appear as `يه` and `ه` after normalisation),
/// each with the fewest letters that must remain: four for the dual and plural endings,
/// which otherwise eat into short words and names (`لبنان`, `ايران`, `بمدين`), three for
/// the others.
const SUFFIXES: [(&str, usize); 8] = [
    ("ها", 3),
    ("ان", 4),
    ("ات", 4),
    ("ون", 4),
    ("ين", 4),
    ("يه", 3),
    ("ه", 3),
    ("ي", 3),
];

/// The light stem of one word normalised at [`Level::Search`](crate::Level::Search).
///
/// Never empty for a non-empty word; words in other scripts come back unchanged.
///
/// ```
/// use marsad_text::stem;
/// assert_eq!(stem("والمغرب"), stem("المغرب"));
/// assert_eq!(stem("مستشفي"), stem("مستشفيات"));
/// ```
pub fn stem(word: &str) -> String {
    stem_str(word).to_owned()
}

/// [`stem`] without allocating: the stem is always a slice of the word.
pub fn stem_str(word: &str) -> &str {
    let mut current = word;
    // Each round removes at least one letter or stops, so this ends; the bound only guards
    // against a logic error.
    for _ in 0..word.len() {
        let next = stem_once(current);
        if next.len() == current.len() {
            break;
        }
        current = next;
    }
    current
}

fn stem_once(word: &str) -> &str {
    let mut w = word;
    if let Some(rest) = strip_prefix(w, "و")
        && letters_at_least(rest, 3)
    {
        w = rest;
    }
    // Every article starts with ا ب ك ف ل or و, every suffix ends in ا ن ت ه or ي: test one
    // letter before trying them all.
    let starts = w.as_bytes().get(..2);
    let article_start = matches!(
        starts,
        Some([0xD8, 0xA7 | 0xA8] | [0xD9, 0x81 | 0x83 | 0x84 | 0x88])
    );
    for article in ARTICLES.iter().take_while(|_| article_start) {
        if let Some(rest) = strip_prefix(w, article)
            && letters_at_least(rest, 2)
        {
            w = rest;
            break;
        }
    }
    for &(suffix, keep) in SUFFIXES.iter() {
        let b = w.as_bytes();
        let ends = b.get(b.len().saturating_sub(2)..);
        if !matches!(ends, Some([0xD8, 0xA7 | 0xAA] | [0xD9, 0x86 | 0x87 | 0x8A])) {
            break;
        }
        if let Some(rest) = strip_suffix(w, suffix)
            && letters_at_least(rest, keep)
        {
            w = rest;
        }
    }
    w
}

/// `str::strip_prefix` by hand: affixes are a few bytes, and the library call turns each
/// test into a `memcmp` call, the largest cost of stemming.
fn strip_prefix<'a>(w: &'a str, p: &str) -> Option<&'a str> {
    let (wb, pb) = (w.as_bytes(), p.as_bytes());
    if wb.len() < pb.len() || !same_bytes(&wb[..pb.len()], pb) {
        return None;
    }
    w.get(pb.len()..)
}

/// `str::strip_suffix` by hand, see [`strip_prefix`].
fn strip_suffix<'a>(w: &'a str, s: &str) -> Option<&'a str> {
    let (wb, sb) = (w.as_bytes(), s.as_bytes());
    if wb.len() < sb.len() || !same_bytes(&wb[wb.len() - sb.len()..], sb) {
        return None;
    }
    w.get(..wb.len() - sb.len())
}

fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let mut k = 0;
    while k < a.len() {
        if a[k] != b[k] {
            return false;
        }
        k += 1;
    }
    true
}

fn letters_at_least(s: &str, n: usize) -> bool {
    s.chars().nth(n - 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Level, normalize};
    use proptest::prelude::*;

    fn check(word: &str, expected: &str) {
        assert_eq!(stem(word), expected, "stem of {word}");
    }

    #[test]
    fn light10_prefixes_and_suffixes() {
        check("المغرب", "مغرب");
        check("والمغرب", "مغرب");
        check("بالمغرب", "مغرب");
        check("للمغرب", "مغرب");
        check("المغربيه", "مغرب");
        check("مستشفي", "مستشف");
        check("مستشفيات", "مستشف");
        check("كتابها", "كتاب");
        check("المعلمون", "معلم");
        check("سياراته", "سيار");
        check("الوزير", "زير");
        check("وزير", "زير");
    }

    #[test]
    fn conservative_on_short_words() {
        check("بيان", "بيان");
        check("لبنان", "لبنان");
        check("بمدينه", "بمدين");
        check("مدينه", "مدين");
        check("مصر", "مصر");
        check("يده", "يده");
        check("ولد", "ولد");
        check("ال", "ال");
        check("و", "و");
        check("harop", "harop");
        check("2024", "2024");
    }

    proptest! {
        #[test]
        fn idempotent_nonempty_never_panics(s in any::<String>()) {
            let s = normalize(&s, Level::Search);
            for word in s.split_whitespace() {
                let once = stem(word);
                prop_assert!(!once.is_empty());
                prop_assert_eq!(stem(&once), once.clone());
            }
        }

        #[test]
        fn arabic_words(w in "[\u{621}-\u{64A}]{1,12}") {
            let once = stem(&w);
            prop_assert!(!once.is_empty());
            prop_assert!(w.contains(once.as_str()));
            prop_assert_eq!(stem(&once), once.clone());
        }
    }
}
