//! Light stemming of Arabic words: Light10 (Larkey, Ballesteros and Connell, 2007), made
//! idempotent and a little more conservative.
//!
//! Light10 is chosen over root extraction (Khoja, ISRI) because light stems keep meaning
//! apart (`كتاب` and `مكتب` stay different) and measured better in the TREC Arabic runs;
//! it is also what Lucene's and OpenSearch's Arabic analyzers use. No maintained Rust crate
//! has it, so it is written here. Our changes: (1) the rules repeat until nothing changes,
//! so `stem(stem(w)) == stem(w)` and `الوزير`, `وزير` reach the same stem; (2) a suffix is
//! removed only when at least three letters remain (Light10 allows two), which spares short
//! words and names such as `بيان`, `عمان`.

/// Definite-article prefixes, longest first (after `Level::Search`, `أ`/`إ` are already `ا`).
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// Light10 suffixes in its order (`ية` and `ة` appear as `يه` and `ه` after normalisation).
const SUFFIXES: [&str; 8] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

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
    if let Some(rest) = w.strip_prefix('و')
        && letters_at_least(rest, 3)
    {
        w = rest;
    }
    for article in ARTICLES {
        if let Some(rest) = w.strip_prefix(article)
            && letters_at_least(rest, 2)
        {
            w = rest;
            break;
        }
    }
    for suffix in SUFFIXES {
        if let Some(rest) = w.strip_suffix(suffix)
            && letters_at_least(rest, 3)
        {
            w = rest;
        }
    }
    w
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
