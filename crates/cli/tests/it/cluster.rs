//! `marsad cluster` over the stored clustering that `marsad import` keeps up to date: the
//! seed pages imported in two halves cluster as when imported at once, a re-import changes
//! nothing, and the JSON has the documented shape.

use crate::util::{json, marsad, ok, pages};

fn import(data: &std::path::Path, files: &[std::path::PathBuf]) {
    let mut args = vec!["import", "--json"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    ok(marsad(data, &args));
}

fn clustered(data: &std::path::Path) -> serde_json::Value {
    json(&ok(marsad(data, &["cluster", "--json"])))
}

#[test]
fn import_in_two_halves_equals_import_at_once_and_reimport_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (halves, once) = (dir.path().join("halves"), dir.path().join("once"));
    let all = pages();
    assert_eq!(all.len(), 5);
    import(&halves, &all[..3]);
    let first = clustered(&halves);
    assert_eq!(first["schema"], 1);
    let placed: usize = first["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["articles"].as_array().unwrap().len())
        .sum();
    assert_eq!(placed, 3, "the first half is placed by the import");
    import(&halves, &all[3..]);
    import(&once, &all);
    let (a, b) = (clustered(&halves), clustered(&once));
    assert_eq!(a["events"], b["events"]);
    assert_eq!(a["storylines"], b["storylines"]);
    assert_eq!(a["timeline"], b["timeline"]);
    assert_eq!(a["duplicates"], b["duplicates"]);

    import(&once, &all);
    assert_eq!(clustered(&once), b, "a re-import changes nothing");

    // The documented shape.
    let e = &b["events"][0];
    for key in ["id", "label", "date", "articles", "entities", "sources"] {
        assert!(!e[key].is_null(), "event.{key}");
    }
    for (id, entries) in b["timeline"].as_object().unwrap() {
        assert!(
            b["storylines"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| &s["id"] == id)
        );
        for t in entries.as_array().unwrap() {
            assert!(t["kind"] == "event" || t["kind"] == "mentioned", "{t}");
            assert!(!t["date"].as_str().unwrap().is_empty());
        }
    }
}

#[test]
fn cluster_on_an_empty_data_folder_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let r = clustered(&dir.path().join("data"));
    assert_eq!(r["events"].as_array().map(Vec::len), Some(0));
    assert_eq!(r["storylines"].as_array().map(Vec::len), Some(0));
}
