//! The five seed pages (Morocco–Israel military ties, 2021–2023) as extracted: events,
//! storyline and the past happenings the timeline recalls, against the hand-made gold.

use std::collections::{BTreeSet, HashMap};

use marsad_cluster::{Clusterer, Config, Doc, EntryKind};
use marsad_extract::{Format, Options, extract};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");

fn seed_docs() -> Vec<Doc> {
    let mut names: Vec<_> = std::fs::read_dir(DIR)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(p).unwrap();
            let options = Options {
                format: Format::Text,
                ..Options::default()
            };
            let article = extract(&bytes, &options).unwrap().article;
            Doc::from_article(&stem, &article).unwrap_or_else(|_| {
                let at = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
                    .unwrap()
                    .and_hms_opt(0, 0, 0)
                    .unwrap();
                Doc::from_article_at(&stem, &article, at)
            })
        })
        .collect()
}

fn gold() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/stories.json")).unwrap()).unwrap()
}

/// Five pages on one subject and nothing else: inverse document frequencies cannot tell the
/// subject's words from an event's, so the synthetic stories stand in for the rest of a
/// store as background statistics.
fn clustered(docs: &[Doc]) -> Clusterer {
    let mut c = Clusterer::new(Config::default());
    let background: Vec<Doc> = crate::stories::stories()
        .into_iter()
        .flat_map(|(_, d)| d)
        .collect();
    c.prime(&background);
    c.add_batch(docs);
    c
}

#[test]
fn seed_events_match_gold() {
    let docs = seed_docs();
    let c = clustered(&docs);
    let gold = gold();
    let mut gold_of = HashMap::new();
    for e in gold["events"].as_array().unwrap() {
        for p in e["pages"].as_array().unwrap() {
            gold_of.insert(
                p.as_str().unwrap().to_owned(),
                e["id"].as_str().unwrap().to_owned(),
            );
        }
    }
    // Pairwise agreement with gold over ordered pairs of distinct pages.
    let (mut agree, mut pairs) = (0, 0);
    for a in &docs {
        for b in docs.iter().filter(|b| b.id != a.id) {
            let same_gold = gold_of[&a.id] == gold_of[&b.id];
            let same_pred = c.event_of(&a.id) == c.event_of(&b.id);
            pairs += 1;
            agree += usize::from(same_gold == same_pred);
        }
    }
    assert_eq!(
        agree, pairs,
        "{agree} of {pairs} page pairs agree with gold"
    );
    // The two reports of the chief of staff's visit are one event.
    assert_eq!(
        c.event_of("000_49aedc318085ced5"),
        c.event_of("002_c890f1d430c4958e")
    );
}

#[test]
fn seed_timeline_recalls_past_events() {
    let docs = seed_docs();
    let c = clustered(&docs);
    let lines = c.storylines();
    let timeline = match lines.first() {
        Some(line) => c.timeline(line),
        None => c.timeline_of(&c.events()),
    };
    let mentioned: BTreeSet<&str> = timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Mentioned)
        .map(|e| e.date.as_str())
        .collect();
    let gold = gold();
    let missing: Vec<&str> = gold["past_events_mentioned"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date"].as_str().unwrap())
        .filter(|d| !mentioned.contains(d))
        .collect();
    assert!(missing.is_empty(), "missing {missing:?} in {mentioned:?}");
}

#[test]
fn seed_events_form_one_storyline() {
    let docs = seed_docs();
    let c = clustered(&docs);
    let lines = c.storylines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(c.events().len(), 3);
    assert_eq!(lines[0].events.len(), 3);
}
