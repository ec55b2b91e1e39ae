//! The hand-labelled date test set (`bench/dates/testset.jsonl`, real sentences from Arabic
//! news corpora): `parse_dates` must get at least 90% of the cases exactly right (the set of
//! (value, precision) pairs equals the expected set). `DATES_SET=path` runs another set.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use marsad_text::parse_dates;
use serde_json::Value;

#[test]
fn date_test_set_accuracy() {
    let path = std::env::var("DATES_SET").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../bench/dates/testset.jsonl"
        )
        .to_owned()
    });
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let (mut right, mut total) = (0, 0);
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).expect("test set lines are JSON");
        let text = v["text"].as_str().expect("text");
        let reference =
            NaiveDateTime::parse_from_str(v["ref"].as_str().expect("ref"), "%Y-%m-%dT%H:%M:%S")
                .expect("ref is YYYY-MM-DDTHH:MM:SS");
        let expected: BTreeSet<(String, String)> = v["expected"]
            .as_array()
            .expect("expected")
            .iter()
            .map(|e| {
                (
                    e["value"].as_str().expect("value").to_owned(),
                    e["precision"].as_str().expect("p").to_owned(),
                )
            })
            .collect();
        let got: BTreeSet<(String, String)> = parse_dates(text, reference)
            .iter()
            .map(|m| {
                let p = serde_json::to_value(m.value.precision).expect("precision serialises");
                (m.value.to_iso(), p.as_str().unwrap_or_default().to_owned())
            })
            .collect();
        total += 1;
        if got == expected {
            right += 1;
        } else {
            eprintln!(
                "MISS [{}] {}\n  ref {}\n  want {:?}\n  got  {:?}",
                v["region"], text, reference, expected, got
            );
        }
    }
    let accuracy = f64::from(right) / f64::from(total.max(1));
    eprintln!("date test set: {right}/{total} = {accuracy:.3}");
    assert!(accuracy >= 0.90, "accuracy {accuracy:.3} below 0.90");
}
