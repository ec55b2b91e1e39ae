//! `marsad admin`: remove and restore on the imported corpus, the queue and the audit log.

use crate::util::{corpus, fails, json, marsad, ok};

#[test]
fn admin_removes_restores_and_logs() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = corpus().join("pages");
    let imported = json(&ok(marsad(
        &data,
        &["import", "--json", folder.to_str().unwrap()],
    )));
    let id = imported["ids"][0].as_str().unwrap().to_owned();

    let empty = json(&ok(marsad(&data, &["admin", "queue", "--json"])));
    assert_eq!(empty["schema"], 1);
    assert_eq!(empty["items"], serde_json::json!([]));

    let removed = json(&ok(marsad(
        &data,
        &["admin", "remove", &id, "--note", "اختبار", "--json"],
    )));
    assert_eq!(removed["status"], "removed");
    assert_eq!(removed["item"]["kind"], "article");
    let image = format!("{id}/0");
    let restored = json(&ok(marsad(
        &data,
        &["admin", "restore", "--image", &image, "--json"],
    )));
    assert_eq!(restored["status"], "restored");

    let log = json(&ok(marsad(&data, &["admin", "log", "--json"])));
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["restore", "remove"]);
    assert_eq!(log["items"][1]["note"], "اختبار");
    assert_eq!(log["items"][1]["actor"], "admin (cli)");

    let unknown = fails(marsad(&data, &["admin", "remove", "no-such-article"]));
    assert!(unknown.contains("no article no-such-article"), "{unknown}");
    let bad_image = fails(marsad(&data, &["admin", "remove", "--image", &id]));
    assert!(bad_image.contains("ARTICLE_ID/N"), "{bad_image}");
}
