//! The seed pages (plain page text) against their hand-made gold: body token F1 with a
//! floor, exact title/author/published/dateline/subtitle/captions where the gold has them,
//! aggregator fields, and no gold `boilerplate_examples` line in any body.

use std::path::{Path, PathBuf};

use marsad_extract::{Article, Options, extract, token_prf};
use serde_json::Value;

/// The least body token F1 of every seed page.
const PAGE_F1_FLOOR: f64 = 0.99;
/// The least mean body token F1 over the seed pages.
const MEAN_F1_FLOOR: f64 = 0.995;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

/// Every seed page with its gold and extraction.
fn pages() -> Vec<(String, Value, Article)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "seed fixtures missing");
    files
        .into_iter()
        .map(|page| {
            let gold_path = page.with_extension("json");
            let gold: Value = serde_json::from_slice(&std::fs::read(&gold_path).expect("gold"))
                .expect("gold json");
            let bytes = std::fs::read(&page).expect("page");
            let article = extract(&bytes, &Options::default())
                .expect("a page")
                .article;
            (
                page.file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                gold,
                article,
            )
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn gold_str<'a>(gold: &'a Value, field: &str) -> Option<&'a str> {
    gold.get(field).and_then(Value::as_str)
}

fn gold_body(gold: &Value) -> Vec<String> {
    gold["body"]
        .as_array()
        .expect("body")
        .iter()
        .map(|p| p.as_str().expect("str").to_owned())
        .collect()
}

#[test]
fn body_token_f1_floor() {
    let pages = pages();
    let mut sum = 0.0;
    for (name, gold, article) in &pages {
        let prf = token_prf(&article.body, &gold_body(gold));
        assert!(
            prf.f1 >= PAGE_F1_FLOOR,
            "{name}: body F1 {:.3} (P {:.3} R {:.3})",
            prf.f1,
            prf.precision,
            prf.recall
        );
        sum += prf.f1;
    }
    let mean = sum / pages.len() as f64;
    assert!(mean >= MEAN_F1_FLOOR, "mean body F1 {mean:.3}");
}

#[test]
fn exact_fields_where_gold_has_them() {
    for (name, gold, a) in pages() {
        let fields: [(&str, Option<&String>); 4] = [
            ("title", a.title.as_ref()),
            ("author", a.author.as_ref()),
            ("dateline", a.dateline.as_ref()),
            ("subtitle", a.subtitle.as_ref()),
        ];
        for (field, got) in fields {
            if let Some(want) = gold_str(&gold, field) {
                assert_eq!(
                    got.map(|g| squash(g)),
                    Some(squash(want)),
                    "{name}: {field}"
                );
            }
        }
        // A date the gold could only infer from context is not on the page to be found.
        if let (Some(want), None) = (
            gold_str(&gold, "published"),
            gold.get("published_from_context"),
        ) {
            assert_eq!(
                a.published.published.as_deref(),
                Some(want),
                "{name}: published"
            );
            assert_eq!(
                a.published.published_precision.as_deref(),
                gold_str(&gold, "published_precision"),
                "{name}: precision"
            );
        }
    }
}

#[test]
fn headline_is_null_when_the_page_has_none() {
    for (name, gold, a) in pages() {
        if gold.get("title").is_some_and(Value::is_null) {
            assert_eq!(a.title, None, "{name}");
        }
    }
}

#[test]
fn captions_once_and_not_in_body() {
    for (name, gold, a) in pages() {
        let want: Vec<String> = gold["captions"]
            .as_array()
            .expect("captions")
            .iter()
            .map(|c| squash(c.as_str().expect("str")))
            .collect();
        let got: Vec<String> = a.captions.iter().map(|c| squash(c)).collect();
        assert_eq!(got, want, "{name}: captions");
        for c in &a.captions {
            assert!(
                !a.body.iter().any(|p| squash(p) == squash(c)),
                "{name}: caption in body: {c}"
            );
        }
    }
}

#[test]
fn aggregator_fields() {
    for (name, gold, a) in pages() {
        match gold_str(&gold, "aggregator") {
            None => assert!(a.aggregator.is_none(), "{name}: no aggregator expected"),
            Some(want) => {
                let agg = a
                    .aggregator
                    .as_ref()
                    .unwrap_or_else(|| panic!("{name}: aggregator missing"));
                assert_eq!(agg.name, want, "{name}");
                let f = &gold["aggregator_fields"];
                if let Some(s) = gold_str(f, "source") {
                    assert_eq!(agg.source.as_deref(), Some(s), "{name}: aggregator source");
                }
                if let Some(c) = gold_str(f, "category") {
                    assert_eq!(agg.category.as_deref(), Some(c), "{name}: category");
                }
                if let Some(p) = f.get("credibility_percent").and_then(Value::as_u64) {
                    assert_eq!(
                        agg.credibility_percent.map(u64::from),
                        Some(p),
                        "{name}: credibility"
                    );
                }
                if let Some(p) = f.get("importance_percent").and_then(Value::as_u64) {
                    assert_eq!(
                        agg.importance_percent.map(u64::from),
                        Some(p),
                        "{name}: importance"
                    );
                }
            }
        }
        if let Some(source) = gold_str(&gold, "source_in_page")
            && (gold_str(&gold, "aggregator").is_some() || source.split_whitespace().count() <= 2)
        {
            assert_eq!(a.source.as_deref(), Some(source), "{name}: source");
        }
    }
}

#[test]
fn no_boilerplate_line_in_any_body() {
    for (name, gold, a) in pages() {
        for ex in gold["boilerplate_examples"].as_array().expect("examples") {
            let ex = squash(ex.as_str().expect("str"));
            for p in &a.body {
                let p = squash(p);
                assert!(
                    p != ex && !(ex.chars().count() >= 40 && p.contains(&ex)),
                    "{name}: boilerplate in body: {ex}"
                );
            }
        }
    }
}
