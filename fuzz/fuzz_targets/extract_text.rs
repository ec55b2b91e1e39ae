//! Plain page-text extraction (a browser's select-all copy) never panics on any bytes, and
//! what it returns holds together: no empty body paragraph, a language always named.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::{Format, Options, extract};

fuzz_target!(|bytes: &[u8]| {
    let options = Options {
        format: Format::Text,
        ..Options::default()
    };
    if let Ok(x) = extract(bytes, &options) {
        assert!(x.article.body.iter().all(|p| !p.trim().is_empty()));
        assert!(!x.article.language.is_empty());
    }
});
