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
#[cfg(test)]
const ARTICLES: [&str; 6] = ["وال", "بال", "كال", "فال", "لل", "ال"];

/// Light10 suffixes in its order (`ية` and `ة` appear as `يه` and `ه` after normalisation),
/// each with the fewest letters that must remain: four for the dual and plural endings,
/// which otherwise eat into short words and names (`لبنان`, `ايران`, `بمدين`), three for
/// the others.
#[cfg(test)]
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

// The letters of the affixes as their two UTF-8 bytes read as one big-endian integer: the
// stemmer compares those rather than slices (a slice comparison becomes a `memcmp` call per
// affix, which was the largest cost of stemming).
const ALEF: u16 = 0xD8A7; // ا
const BEH: u16 = 0xD8A8; // ب
const TEH: u16 = 0xD8AA; // ت
const FEH: u16 = 0xD981; // ف
const KAF: u16 = 0xD983; // ك
const LAM: u16 = 0xD984; // ل
const NOON: u16 = 0xD986; // ن
const HEH: u16 = 0xD987; // ه
const WAW: u16 = 0xD988; // و
const YEH: u16 = 0xD98A; // ي

/// [`SUFFIXES`] as (last letter, letter before it or 0 for one-letter suffixes, letters that
/// must remain), in the same order.
static SUFFIX_LETTERS: [(u16, u16, usize); 8] = [
    (ALEF, HEH, 3),
    (NOON, ALEF, 4),
    (TEH, ALEF, 4),
    (NOON, WAW, 4),
    (NOON, YEH, 4),
    (HEH, YEH, 3),
    (HEH, 0, 3),
    (YEH, 0, 3),
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
///
/// Each round: `و` off the front when three letters remain, then the first article
/// (`وال بال كال فال لل ال`) that leaves two, then each suffix in Light10's order that leaves
/// its minimum, stopping at the first ending no suffix has; rounds repeat until one removes
/// nothing. Works on byte offsets: every affix letter is two bytes in UTF-8, and a lead byte
/// (`D8`, `D9`) is always a char boundary, so a two-byte match marks whole chars.
pub fn stem_str(word: &str) -> &str {
    let b = word.as_bytes();
    let (mut start, mut end) = (0usize, b.len());
    // The two bytes at `i` as one integer (0 past the end).
    let at = |i: usize| {
        if i + 1 < b.len() {
            (u16::from(b[i]) << 8) | u16::from(b[i + 1])
        } else {
            0
        }
    };
    loop {
        let before = (start, end);
        if end - start >= 2 && at(start) == WAW && letters_at_least(&b[start + 2..end], 3) {
            start += 2;
        }
        if end - start >= 4 {
            let (c0, c1) = (at(start), at(start + 2));
            let article = if matches!(c0, WAW | BEH | KAF | FEH) && c1 == ALEF {
                if end - start >= 6 && at(start + 4) == LAM {
                    6
                } else {
                    0
                }
            } else if (c0 == LAM || c0 == ALEF) && c1 == LAM {
                4
            } else {
                0
            };
            if article > 0 && letters_at_least(&b[start + article..end], 2) {
                start += article;
            }
        }
        // The last letter, re-read only when a suffix comes off.
        let mut last = if end - start >= 2 { at(end - 2) } else { 0 };
        for &(letter, prev, keep) in &SUFFIX_LETTERS {
            if !matches!(last, ALEF | TEH | NOON | HEH | YEH) {
                break;
            }
            if last != letter {
                continue;
            }
            let len = if prev == 0 { 2 } else { 4 };
            if end - start >= len
                && (prev == 0 || at(end - 4) == prev)
                && letters_at_least(&b[start..end - len], keep)
            {
                end -= len;
                last = if end - start >= 2 { at(end - 2) } else { 0 };
            }
        }
        if (start, end) == before {
            break;
        }
    }
    word.get(start..end).unwrap_or(word)
}

/// Whether the UTF-8 bytes `b` hold at least `n` chars: a char is one to four bytes, and
/// every char has exactly one byte that is not a continuation byte (`10xxxxxx`).
fn letters_at_least(b: &[u8], n: usize) -> bool {
    if b.len() < n {
        return false;
    }
    if b.len() >= 4 * n {
        return true;
    }
    let mut seen = 0;
    for &x in b {
        if x & 0xC0 != 0x80 {
            seen += 1;
            if seen >= n {
                return true;
            }
        }
    }
    false
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

    /// Light10 as written in the module docs, on `&str` with the standard library: the
    /// oracle for the byte-level [`stem_str`].
    fn reference(word: &str) -> &str {
        let at_least = |s: &str, n: usize| s.chars().count() >= n;
        let mut current = word;
        loop {
            let mut w = current;
            if let Some(rest) = w.strip_prefix('و')
                && at_least(rest, 3)
            {
                w = rest;
            }
            for article in ARTICLES {
                if let Some(rest) = w.strip_prefix(article)
                    && at_least(rest, 2)
                {
                    w = rest;
                    break;
                }
            }
            for (suffix, keep) in SUFFIXES {
                if !w.ends_with(['ا', 'ن', 'ت', 'ه', 'ي']) {
                    break;
                }
                if let Some(rest) = w.strip_suffix(suffix)
                    && at_least(rest, keep)
                {
                    w = rest;
                }
            }
            if w.len() == current.len() {
                return w;
            }
            current = w;
        }
    }

    #[test]
    fn matches_reference_on_affix_soup() {
        let parts = [
            "و", "ال", "ب", "ل", "ك", "ف", "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "م", "x",
            "é", "2",
        ];
        // Every word of up to four parts.
        let mut words = vec![String::new()];
        let mut longest = vec![String::new()];
        for _ in 0..4 {
            longest = longest
                .iter()
                .flat_map(|w| parts.iter().map(move |p| format!("{w}{p}")))
                .collect();
            words.extend(longest.iter().cloned());
        }
        assert!(words.len() > 100_000);
        for w in &words {
            assert_eq!(stem_str(w), reference(w), "stem of {w}");
        }
    }

    proptest! {
        #[test]
        fn same_as_reference(w in "[\u{621}-\u{64A}a-z0-9\u{E9}\u{1F600}]{0,12}") {
            prop_assert_eq!(stem_str(&w), reference(&w));
        }

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
