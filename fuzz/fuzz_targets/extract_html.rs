//! HTML extraction never panics on any bytes (any encoding, any markup), and what it returns
//! holds together: no empty body paragraph, a language always named.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_extract::{Format, Options, extract};

fuzz_target!(|bytes: &[u8]| {
    let options = Options {
        format: Format::Html,
        url: Some("https://example.com/2024/03/05/news".to_owned()),
        ..Options::default()
    };
    if let Ok(x) = extract(bytes, &options) {
        assert!(x.article.body.iter().all(|p| !p.trim().is_empty()));
        assert!(!x.article.language.is_empty());
    }
});
