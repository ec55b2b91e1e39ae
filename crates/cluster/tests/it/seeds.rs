//! The five seed pages (Morocco–Israel military ties, 2021–2023) as extracted: events,
//! storyline and the past happenings the timeline recalls, against the hand-made gold.

use std::collections::{BTreeSet, HashMap};

use marsad_cluster::{Config, Doc, EntryKind, cluster};
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
            let options = Options { format: Format::Text, ..Options::default() };
            let article = extract(&bytes, &options).unwrap().article;
            Doc::from_article(&stem, &article).unwrap_or_else(|_| {
                let at = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
                Doc::from_article_at(&stem, &article, at)
            })
        })
        .collect()
}

fn gold() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/stories.json")).unwrap()).unwrap()
}

#[test]
fn seed_events_match_gold() {
    let docs = seed_docs();
    let c = cluster(&docs, Config::default());
    let gold = gold();
    let mut gold_of = HashMap::new();
    for e in gold["events"].as_array().unwrap() {
        for p in e["pages"].as_array().unwrap() {
            gold_of.insert(p.as_str().unwrap().to_owned(), e["id"].as_str().unwrap().to_owned());
        }
    }
    for a in &docs {
        for b in &docs {
            let same_gold = gold_of[&a.id] == gold_of[&b.id];
            let same_pred = c.event_of(&a.id) == c.event_of(&b.id);
            assert_eq!(same_gold, same_pred, "{} / {}", a.id, b.id);
        }
    }
}

#[test]
fn seed_storyline_and_past_events() {
    let docs = seed_docs();
    let c = cluster(&docs, Config::default());
    let lines = c.storylines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    let events: BTreeSet<String> = docs.iter().filter_map(|d| c.event_of(&d.id).map(str::to_owned)).collect();
    assert_eq!(lines[0].events.iter().cloned().collect::<BTreeSet<_>>(), events);
    let timeline = c.timeline(&lines[0]);
    let mentioned: BTreeSet<&str> =
        timeline.iter().filter(|e| e.kind == EntryKind::Mentioned).map(|e| e.date.as_str()).collect();
    let gold = gold();
    let found = gold["past_events_mentioned"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| mentioned.contains(p["date"].as_str().unwrap()))
        .count();
    assert!(found >= 3, "found {found} of 4 past events in {mentioned:?}");
}

#[test]
fn debug_scores() {
    let docs = seed_docs();
    for t in [0.02, 0.05, 0.1, 0.15] {
        let mut c = marsad_cluster::Clusterer::new(Config { threshold: t, ..Config::default() });
        c.prime(&docs);
        let mut order: Vec<&Doc> = docs.iter().collect();
        order.sort_by_key(|d| d.time);
        for d in order {
            let p = c.add(d);
            eprintln!("t={t} {} {} {} {:?} {}", d.id, d.time, d.dated, p.event, p.score);
        }
    }
}
