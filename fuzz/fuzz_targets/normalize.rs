//! Normalisation never panics, every level is idempotent, and the search analyzer's terms
//! are non-empty, stable stems.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_text::{Level, normalize, search_terms, stem};

fuzz_target!(|text: &str| {
    for level in [Level::Display, Level::Match, Level::Search] {
        let once = normalize(text, level);
        assert_eq!(normalize(&once, level), once, "not idempotent at {level:?}");
    }
    for term in search_terms(text) {
        assert!(!term.is_empty());
        assert_eq!(stem(&term), term, "stem not idempotent");
    }
});
