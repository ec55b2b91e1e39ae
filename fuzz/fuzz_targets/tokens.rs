//! Tokens have exact, ordered byte spans; clitic splits and name similarity hold their
//! contracts on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_text::{clitic_candidates, name_key, name_similarity, split_clitics, tokens};

fuzz_target!(|text: &str| {
    let mut last_end = 0;
    for t in tokens(text) {
        assert!(t.start >= last_end && t.start < t.end);
        assert_eq!(&text[t.start..t.end], t.surface);
        last_end = t.end;
        let s = split_clitics(t.surface);
        assert_eq!(
            format!("{}{}{}", s.proclitic, s.base, s.enclitic),
            t.surface
        );
        for c in clitic_candidates(t.surface) {
            assert_eq!(
                format!("{}{}{}", c.proclitic, c.base, c.enclitic),
                t.surface
            );
        }
    }
    let (a, b) = text.split_at(
        text.char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(i, _)| i),
    );
    let s = name_similarity(a, b);
    assert!((0.0..=1.0).contains(&s));
    assert!((s - name_similarity(b, a)).abs() < 1e-9);
    let _ = name_key(text);
});
