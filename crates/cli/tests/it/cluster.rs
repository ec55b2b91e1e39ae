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

/// The storylines and timelines as stored (what the reader shows), by id.
fn stored_storylines(data: &std::path::Path) -> (serde_json::Value, serde_json::Value) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = marsad_store::Store::open(data).await.unwrap();
        let mut lines = store.clusters.storylines().await.unwrap();
        lines.sort_by(|a, b| a.id.cmp(&b.id));
        let mut timelines = serde_json::Map::new();
        for l in &lines {
            let entries = store.clusters.timeline(&l.id).await.unwrap();
            let what: Vec<&str> = entries.iter().map(|t| t.what.as_str()).collect();
            timelines.insert(l.id.clone(), serde_json::json!(what));
        }
        (
            serde_json::json!(lines),
            serde_json::Value::Object(timelines),
        )
    })
}

/// `marsad cluster --json`'s storylines and timelines in the shape of [`stored_storylines`].
fn reported_storylines(report: &serde_json::Value) -> (serde_json::Value, serde_json::Value) {
    let mut lines: Vec<serde_json::Value> = report["storylines"].as_array().unwrap().clone();
    lines.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let mut timelines = serde_json::Map::new();
    for l in &lines {
        let id = l["id"].as_str().unwrap();
        let what: Vec<&str> = report["timeline"][id]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["what"].as_str().unwrap())
            .collect();
        timelines.insert(id.to_owned(), serde_json::json!(what));
    }
    (
        serde_json::json!(lines),
        serde_json::Value::Object(timelines),
    )
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
    // Each import stores only the storylines that changed: what is stored is still every
    // storyline, as the clustering gives them.
    assert!(!b["storylines"].as_array().unwrap().is_empty());
    assert_eq!(stored_storylines(&halves), reported_storylines(&a));
    assert_eq!(stored_storylines(&once), reported_storylines(&b));
    let singly = dir.path().join("singly");
    for page in &all {
        import(&singly, std::slice::from_ref(page));
        assert_eq!(
            stored_storylines(&singly),
            reported_storylines(&clustered(&singly))
        );
    }

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

#[test]
fn imported_seeds_cluster_as_the_gold_stories() {
    // The import feeds the stored analyses' entities to the clusterer: with them the seed
    // pages still give the gold events and one storyline of all three.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &pages());
    let r = clustered(&data);
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::util::corpus().join("gold/stories.json")).unwrap(),
    )
    .unwrap();
    let group = |ids: &[serde_json::Value]| {
        let mut v: Vec<String> = ids.iter().map(|x| x.as_str().unwrap().to_owned()).collect();
        v.sort();
        v
    };
    let mut want: Vec<Vec<String>> = gold["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| group(e["pages"].as_array().unwrap()))
        .collect();
    let mut got: Vec<Vec<String>> = r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| group(e["articles"].as_array().unwrap()))
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    let lines = r["storylines"].as_array().unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["events"].as_array().unwrap().len(), 3);
}

/// The stored analysis of article `id`, as `marsad analyze --data` prints it.
fn analysis(data: &std::path::Path, id: &str) -> serde_json::Value {
    let d = data.to_str().unwrap();
    json(&ok(marsad(
        data,
        &["analyze", "--data", d, "--id", id, "--json"],
    )))["analysis"]
        .clone()
}

fn reason<'a>(score: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    score["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
}

#[test]
fn a_second_independent_outlet_raises_importance_and_credibility() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let write = |name: &str, line: serde_json::Value| {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("{line}\n")).unwrap();
        path
    };
    let first = write(
        "first.jsonl",
        serde_json::json!({
            "id": "sky-1", "source": "سكاي نيوز عربية", "published": "2018-08-07T10:00:00",
            "title": "السعودية تطرد السفير الكندي وتجمد التعاملات التجارية مع كندا",
            "body": [
                "أعلنت وزارة الخارجية السعودية، الاثنين، طرد السفير الكندي وتجميد التعاملات التجارية والاستثمارية الجديدة مع كندا، احتجاجا على ما وصفته بالتدخل في شؤونها الداخلية.",
                "وجاء القرار بعد دعوة الخارجية الكندية إلى الإفراج عن ناشطات معتقلات في السعودية."
            ]
        }),
    );
    let second = write(
        "second.jsonl",
        serde_json::json!({
            "id": "bbc-1", "source": "بي بي سي عربي", "published": "2018-08-07T14:00:00",
            "title": "كندا ترد على قرار السعودية طرد سفيرها وتجميد التعاملات التجارية",
            "body": [
                "قالت وزيرة الخارجية الكندية إن بلادها قلقة من قرار السعودية طرد السفير الكندي وتجميد التعاملات التجارية الجديدة، وإنها ستواصل الدفاع عن حقوق الإنسان.",
                "وكانت الرياض قد استدعت سفيرها في أوتاوا بعد دعوة كندا إلى الإفراج عن ناشطات معتقلات."
            ]
        }),
    );
    let imported = |path: &std::path::Path| -> String {
        let r = json(&ok(marsad(
            &data,
            &["import", "--json", "--jsonl", path.to_str().unwrap()],
        )));
        r["ids"][0].as_str().unwrap().to_owned()
    };
    let sky = imported(&first);
    let alone = analysis(&data, &sky);
    assert_eq!(
        reason(&alone["importance"], "outlets_covering").unwrap()["detail"],
        "1"
    );
    assert!(
        reason(&alone["credibility"], "not_corroborated").is_some(),
        "{alone}"
    );

    let bbc = imported(&second);
    let clusters = clustered(&data);
    let events = clusters["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "one event of both reports: {clusters}");
    let both = analysis(&data, &sky);
    assert_eq!(
        reason(&both["importance"], "outlets_covering").unwrap()["detail"],
        "2"
    );
    assert!(
        reason(&both["credibility"], "corroborated").is_some(),
        "{both}"
    );
    assert!(both["importance"]["value"].as_u64() > alone["importance"]["value"].as_u64());
    assert!(both["credibility"]["value"].as_u64() > alone["credibility"]["value"].as_u64());
    // The newcomer was scored with the first report's outlet as well.
    let other = analysis(&data, &bbc);
    assert_eq!(
        reason(&other["importance"], "outlets_covering").unwrap()["detail"],
        "2"
    );
    // Importing the same file again changes nothing.
    ok(marsad(
        &data,
        &["import", "--jsonl", second.to_str().unwrap()],
    ));
    assert_eq!(analysis(&data, &sky), both);
}
