//! Tokenisation of Arabic news text on Unicode word boundaries (UAX #29 via
//! `unicode-segmentation`), and the search analyzer built on it.
//!
//! Tokens keep their surface form and byte span; clitic splitting for matching lives in
//! `clitics.rs`, and the search analyzer strips clitics through the stemmer instead.

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{matching_basic, matching_basic_into};
use crate::{is_stopword, stem::stem_str};

/// A word of the input, with its byte span: `&text[start..end] == surface`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token<'a> {
    /// The word as written.
    pub surface: &'a str,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
}

/// The words of `text` (runs of letters, marks and digits; punctuation and spaces are not
/// tokens), in order, as written. Diacritics and tatweel stay inside their word.
///
/// ```
/// use marsad_text::tokens;
/// let t = tokens("قال، أفيف كوخافي: IAI Harop");
/// let words: Vec<&str> = t.iter().map(|t| t.surface).collect();
/// assert_eq!(words, ["قال", "أفيف", "كوخافي", "IAI", "Harop"]);
/// assert_eq!(t[1].start, "قال، ".len());
/// ```
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    token_iter(text).collect()
}

fn token_iter(text: &str) -> impl Iterator<Item = Token<'_>> {
    token_iter_known(text, is_fast_alphabet(text))
}

/// [`token_iter`] when the caller knows whether `text` is in the fast alphabet. Otherwise
/// the text goes chunk by chunk (UAX #29 always breaks at ASCII whitespace and restarts
/// cleanly after it), each chunk on the fast path when it can be.
fn token_iter_known(text: &str, fast: bool) -> impl Iterator<Item = Token<'_>> {
    let mut chunks = (!fast).then(|| chunks(text));
    let mut seg = if fast {
        Segment::Fast {
            text,
            offset: 0,
            pos: 0,
        }
    } else {
        Segment::Done
    };
    let mut next_offset = 0usize;
    std::iter::from_fn(move || {
        loop {
            match &mut seg {
                Segment::Fast { text, offset, pos } => {
                    if let Some((s, e)) = next_fast_word(text.as_bytes(), pos) {
                        let surface = text.get(s..e)?;
                        return Some(Token {
                            surface,
                            start: *offset + s,
                            end: *offset + e,
                        });
                    }
                }
                Segment::Unicode { words, offset } => {
                    if let Some((s, surface)) = words.next() {
                        let start = *offset + s;
                        return Some(Token {
                            surface,
                            start,
                            end: start + surface.len(),
                        });
                    }
                }
                Segment::Done => {}
            }
            let chunk = chunks.as_mut()?.next()?;
            let offset = next_offset;
            next_offset += chunk.len();
            seg = if is_fast_alphabet(chunk) {
                Segment::Fast {
                    text: chunk,
                    offset,
                    pos: 0,
                }
            } else {
                Segment::Unicode {
                    words: chunk.unicode_word_indices(),
                    offset,
                }
            };
        }
    })
}

/// `text` cut after each ASCII whitespace char that a visible ASCII char or a basic Arabic
/// letter follows: UAX #29 always breaks there and restarts cleanly (a combining mark right
/// after the space would attach to it, and spaces stick together, so no cut before those).
fn chunks(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= b.len() {
            return None;
        }
        let mut end = b.len();
        let mut i = start;
        while i < b.len() {
            if b[i].is_ascii_whitespace() && clean_start(b, i + 1) {
                end = i + 1;
                break;
            }
            i += 1;
        }
        let chunk = text.get(start..end)?;
        start = end;
        Some(chunk)
    })
}

/// Whether the char at byte `i` is visible ASCII or a basic Arabic letter.
fn clean_start(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(&x) if x < 0x80 => !x.is_ascii_whitespace(),
        Some(0xD8) => matches!(b.get(i + 1), Some(0xA1..=0xBF)),
        Some(0xD9) => matches!(b.get(i + 1), Some(0x81..=0x8A)),
        _ => false,
    }
}

/// The part of the text being split into words, and how.
enum Segment<'a> {
    /// Fast-alphabet text at `offset` of the whole, read up to byte `pos`.
    Fast {
        text: &'a str,
        offset: usize,
        pos: usize,
    },
    /// Other text at `offset`, through `unicode-segmentation`.
    Unicode {
        words: unicode_segmentation::UnicodeWordIndices<'a>,
        offset: usize,
    },
    /// Nothing left in this segment.
    Done,
}

/// The terms the search index stores for `text`, and the terms a query is looked up by:
/// normalised at [`Level::Search`](crate::Level::Search), split into [`tokens`], stop words
/// dropped, each word [stemmed](crate::stem).
///
/// ```
/// use marsad_text::search_terms;
/// assert_eq!(search_terms("والمغرب"), search_terms("المغرب"));
/// assert_eq!(search_terms("إسرائيل"), search_terms("اسرائيل"));
/// assert_eq!(search_terms("في مستشفى"), ["مستشف"]);
/// ```
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for_each_search_term(text, |t| terms.push(t.to_owned()));
    terms
}

/// [`search_terms`] without building a `Vec`: `f` gets each term in order.
pub fn for_each_search_term(text: &str, mut f: impl FnMut(&str)) {
    let (normalised, basic) = matching_basic(text, true);
    let mut term = |word: &str| {
        if !is_stopword(word) {
            f(stem_str(word));
        }
    };
    if basic {
        // The usual case, without the chunking iterator around it.
        let b = normalised.as_bytes();
        let mut pos = 0;
        while let Some((s, e)) = next_fast_word(b, &mut pos) {
            if let Some(word) = normalised.get(s..e) {
                term(word);
            }
        }
    } else {
        for token in token_iter_known(&normalised, false) {
            term(token.surface);
        }
    }
}

/// Each word of `text` normalised at [`Level::Search`](crate::Level::Search) on its own, and
/// split into [`tokens`] again (normalising can split a word, e.g. at a stray joiner): `f`
/// gets each part with the [`Token`] of the word it came from, whose span is in `text`.
/// The same parts as `tokens(&normalize(word.surface, Level::Search))` for each `word` of
/// `tokens(text)`, without a `Vec` or a `String` per word: the search index and its snippets
/// walk every word of every body this way.
///
/// ```
/// use marsad_text::for_each_search_word;
/// let mut seen = Vec::new();
/// for_each_search_word("قالَ الرئيسُ", |part, word| seen.push((part.to_owned(), word.start)));
/// assert_eq!(seen, [("قال".to_owned(), 0), ("الرييس".to_owned(), "قالَ ".len())]);
/// ```
pub fn for_each_search_word(text: &str, mut f: impl FnMut(&str, &Token<'_>)) {
    let mut normalised = String::new();
    for word in token_iter(text) {
        if matching_basic_into(word.surface, true, &mut normalised) {
            let b = normalised.as_bytes();
            let mut pos = 0;
            while let Some((s, e)) = next_fast_word(b, &mut pos) {
                if let Some(part) = normalised.get(s..e) {
                    f(part, &word);
                }
            }
        } else {
            for part in token_iter(&normalised) {
                f(part.surface, &word);
            }
        }
    }
}

/// Word-break class of a char in the fast alphabet (UAX #29 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: ASCII and Arabic letters.
    Letter,
    /// Numeric: ASCII digits.
    Numeric,
    /// ExtendNumLet: `_`.
    ExtendNumLet,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNumLet and Single_Quote: `.` and `'`.
    MidNumLet,
    /// MidNum: `,` and `;`.
    MidNum,
    /// Anything else (spaces, other punctuation, line breaks).
    Other,
}

/// Whether `text` holds only ASCII and the basic Arabic letters (U+0621..U+063F,
/// U+0641..U+064A), the alphabet that text normalised at `Match` or `Search` is almost always
/// in. There the UAX #29 rules reduce to a few, which `next_fast_word` applies directly.
fn is_fast_alphabet(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0..=0x7F => i += 1,
            0xD8 if matches!(b.get(i + 1), Some(0xA1..=0xBF)) => i += 2,
            0xD9 if matches!(b.get(i + 1), Some(0x81..=0x8A)) => i += 2,
            _ => return false,
        }
    }
    true
}

/// Bytes of letters, digits and `_`.
static WORDISH: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(
            CLASSES[i],
            Class::Letter | Class::Numeric | Class::ExtendNumLet
        );
        i += 1;
    }
    t
};

static CLASSES: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = match b {
            b'a'..=b'z' | b'A'..=b'Z' | 0x80..=0xFF => Class::Letter,
            b'0'..=b'9' => Class::Numeric,
            b'_' => Class::ExtendNumLet,
            b':' => Class::MidLetter,
            b'.' | b'\'' => Class::MidNumLet,
            b',' | b';' => Class::MidNum,
            _ => Class::Other,
        };
        i += 1;
    }
    t
};

/// The next word at or after `*pos` (UAX #29 WB5-WB13b on the fast alphabet; segments made
/// only of `_` are not words, as in `unicode_word_indices`).
fn next_fast_word(b: &[u8], pos: &mut usize) -> Option<(usize, usize)> {
    loop {
        let start = *pos
            + b.get(*pos..)?
                .iter()
                .position(|&x| WORDISH[usize::from(x)])?;
        let mut end = start;
        loop {
            // A run of letters, digits and `_` joins whole (WB5, WB8-WB10, WB13a/b).
            // Every byte from 0x80 up is a letter here, and every such char is two bytes
            // (the fast alphabet), so those go two at a time.
            while let Some(&x) = b.get(end) {
                if x >= 0x80 {
                    end = (end + 2).min(b.len());
                } else if WORDISH[usize::from(x)] {
                    end += 1;
                } else {
                    break;
                }
            }
            let last = CLASSES[usize::from(b[end - 1])];
            let (Some(&mid), Some(&after)) = (b.get(end), b.get(end + 1)) else {
                break;
            };
            let mid = CLASSES[usize::from(mid)];
            let after = CLASSES[usize::from(after)];
            // WB6/WB7 (letter, MidLetter or MidNumLet, letter) and WB11/WB12 (digit, MidNum
            // or MidNumLet, digit).
            let joins = matches!(
                (last, mid, after),
                (
                    Class::Letter,
                    Class::MidLetter | Class::MidNumLet,
                    Class::Letter
                ) | (
                    Class::Numeric,
                    Class::MidNum | Class::MidNumLet,
                    Class::Numeric
                )
            );
            if !joins {
                break;
            }
            end += 1;
        }
        *pos = end;
        // Segments made only of `_` are not words.
        if b[start..end].iter().any(|&x| x != b'_') {
            return Some((start, end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str, expected: &[&str]) {
        assert_eq!(search_terms(text), expected, "search terms of {text}");
    }

    fn surfaces(text: &str) -> Vec<&str> {
        tokens(text).into_iter().map(|t| t.surface).collect()
    }

    #[test]
    fn token_surfaces() {
        assert_eq!(surfaces("أَفِيف كُوخَافِي"), ["أَفِيف", "كُوخَافِي"]);
        assert_eq!(
            surfaces("قد يهمك أيضــــــــًا"),
            ["قد", "يهمك", "أيضــــــــًا"]
        );
        assert_eq!(surfaces("«الخبر»، (نص)؟"), ["الخبر", "نص"]);
        assert_eq!(
            surfaces("بلغ 3.5 مليار في ٢٠٢٤"),
            ["بلغ", "3.5", "مليار", "في", "٢٠٢٤"]
        );
        assert_eq!(
            surfaces("Barak MX و IAI Harop"),
            ["Barak", "MX", "و", "IAI", "Harop"]
        );
        assert!(surfaces(" ، . ؟ ").is_empty());
        // The fast path (normalised text) and the Unicode path agree on these.
        assert_eq!(
            surfaces("u.s. 3.5 a_b __ l'aube 1,000 x:y F16 2024م"),
            [
                "u.s", "3.5", "a_b", "l'aube", "1,000", "x:y", "F16", "2024م"
            ]
        );
    }

    #[test]
    fn query_variants_share_terms() {
        let pairs = [
            ("والمغرب", "المغرب"),
            ("بالمغرب", "المغرب"),
            ("إسرائيل", "اسرائيل"),
            ("مستشفى", "مستشفي"),
            ("كُوخَافِي", "كوخافي"),
            ("الأمم المتحدة", "الامم المتحده"),
            ("ﻻجئين", "لاجئين"),
        ];
        for (a, b) in pairs {
            assert_eq!(search_terms(a), search_terms(b), "{a} vs {b}");
            assert!(!search_terms(a).is_empty());
        }
    }

    #[test]
    fn stop_words_dropped() {
        check("في المغرب", &["مغرب"]);
        check("وهو من الذين", &[]);
        check("IAI Harop", &["iai", "harop"]);
    }

    proptest! {
        #[test]
        fn spans_match_surfaces(s in any::<String>()) {
            for t in tokens(&s) {
                prop_assert_eq!(&s[t.start..t.end], t.surface);
                prop_assert!(!t.surface.is_empty());
            }
        }

        #[test]
        fn fast_words_are_unicode_words(s in "[a-zA-Z0-9_.:,;'\" \n\u{621}-\u{63F}\u{641}-\u{64A}-]{0,30}") {
            prop_assert!(is_fast_alphabet(&s));
            let fast = tokens(&s);
            let unicode: Vec<Token<'_>> = s
                .unicode_word_indices()
                .map(|(start, surface)| Token { surface, start, end: start + surface.len() })
                .collect();
            prop_assert_eq!(fast, unicode);
        }

        #[test]
        fn chunked_words_are_unicode_words(s in prop_oneof![
            any::<String>(),
            "[a-z0-9_.:,;' \n\t\u{621}-\u{64A}\u{64B}-\u{652}\u{300}-\u{302}\u{200C}\u{200D}\u{1F1E6}-\u{1F1E8}\u{1F600}\u{E9}\u{2026}-]{0,30}",
        ]) {
            let chunked: Vec<Token<'_>> = token_iter_known(&s, false).collect();
            let unicode: Vec<Token<'_>> = s
                .unicode_word_indices()
                .map(|(start, surface)| Token { surface, start, end: start + surface.len() })
                .collect();
            prop_assert_eq!(chunked, unicode);
        }

        #[test]
        fn terms_are_nonempty(s in any::<String>()) {
            prop_assert!(search_terms(&s).iter().all(|t| !t.is_empty()));
        }
    }
}
