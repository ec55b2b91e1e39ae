//! Date parsing never panics and its mentions lie on char boundaries of the input.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use marsad_text::parse_dates;

fuzz_target!(|text: &str| {
    let Some(reference) =
        NaiveDate::from_ymd_opt(2024, 3, 15).and_then(|d| d.and_hms_opt(12, 0, 0))
    else {
        return;
    };
    for m in parse_dates(text, reference) {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
});
