//! Invariants of normalisation, tokens and search terms on real noisy pages.

use marsad_text::{Level, normalize, search_terms, stem, tokens};

use crate::fixture_pages;

#[test]
fn normalisation_is_idempotent_on_pages() {
    for (name, text) in fixture_pages() {
        for level in [Level::Display, Level::Match, Level::Search] {
            let once = normalize(&text, level);
            assert_eq!(normalize(&once, level), once, "{name} at {level:?}");
        }
    }
}

#[test]
fn match_level_leaves_no_marks_or_variants() {
    for (name, text) in fixture_pages() {
        let m = normalize(&text, Level::Match);
        let bad: Vec<char> = m
            .chars()
            .filter(|c| {
                matches!(c, '\u{64B}'..='\u{65F}' | '\u{640}' | 'أ' | 'إ' | 'آ' | 'ى' | 'ة' | '٠'..='٩' | '،' | '“' | '”' | '\u{200B}'..='\u{200F}')
            })
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?} left after Match");
    }
}

#[test]
fn token_spans_are_exact_on_pages() {
    for (name, text) in fixture_pages() {
        let toks = tokens(&text);
        assert!(toks.len() > 100, "{name}: only {} tokens", toks.len());
        let mut last_end = 0;
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.surface, "{name}");
            assert!(t.start >= last_end, "{name}: tokens overlap");
            last_end = t.end;
        }
    }
}

#[test]
fn prefixed_and_bare_forms_share_terms() {
    // For every longer word of the pages: the article with و, ب, ك, ف, ل and a diacritised
    // form all give the same search terms as the bare article form.
    for (name, text) in fixture_pages() {
        let normalised = normalize(&text, Level::Search);
        for t in tokens(&normalised) {
            let w = t.surface;
            if w.chars().count() < 4
                || w.starts_with('ا')
                || w.starts_with('و')
                || !w.chars().all(|c| ('\u{621}'..='\u{64A}').contains(&c))
            {
                continue;
            }
            let base = search_terms(&format!("ال{w}"));
            for prefix in ["وال", "بال", "كال", "فال"] {
                assert_eq!(
                    search_terms(&format!("{prefix}{w}")),
                    base,
                    "{name}: {prefix}{w}"
                );
            }
            let diacritised: String = w.chars().flat_map(|c| [c, '\u{64E}']).collect();
            assert_eq!(search_terms(&diacritised), search_terms(w), "{name}: {w}");
        }
    }
}

#[test]
fn stems_of_page_words_are_stable() {
    for (name, text) in fixture_pages() {
        for term in search_terms(&text) {
            assert!(!term.is_empty(), "{name}");
            assert_eq!(stem(&term), term, "{name}: stem not idempotent");
        }
    }
}
