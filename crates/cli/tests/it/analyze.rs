//! `marsad analyze` on the bundled pages and on a data folder; bad profiles.

use crate::util::{corpus, fails, json, marsad, ok, pages};

fn lines(text: &str) -> Vec<serde_json::Value> {
    text.lines().map(json).collect()
}

fn sum_of_reasons(score: &serde_json::Value) -> i64 {
    score["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["weight"].as_i64().unwrap())
        .sum()
}

#[test]
fn analyze_prints_scores_whose_reasons_sum_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let files: Vec<String> = pages().iter().map(|p| p.display().to_string()).collect();
    let mut args = vec!["analyze", "--json", "--today", "2022-12-01"];
    args.extend(files.iter().map(String::as_str));
    let out = lines(&ok(marsad(&data, &args)));
    assert_eq!(out.len(), files.len());
    let mut quotes = 0;
    for line in &out {
        assert_eq!(line["schema"], 1);
        let a = &line["analysis"];
        for score in [&a["credibility"], &a["importance"]] {
            assert_eq!(
                sum_of_reasons(score),
                score["value"].as_i64().unwrap(),
                "{line}"
            );
            assert_eq!(score["reasons"][0]["code"], "base");
        }
        assert!(a["category"]["label"].is_string(), "{line}");
        quotes += a["quotes"].as_array().unwrap().len();
    }
    assert!(quotes > 0, "the bundled pages quote people");
}

#[test]
fn import_keeps_analyses_and_analyze_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = corpus().join("pages");
    let data_arg = data.to_str().unwrap();
    ok(marsad(
        &data,
        &["import", "--json", folder.to_str().unwrap()],
    ));
    ok(marsad(
        &data,
        &["import", "--json", folder.to_str().unwrap()],
    ));
    let stored = lines(&ok(marsad(
        &data,
        &["analyze", "--json", "--data", data_arg],
    )));
    assert_eq!(
        stored.len(),
        5,
        "one analysis per article, also after a second import"
    );
    let id = stored[0]["id"].as_str().unwrap();
    let one = lines(&ok(marsad(
        &data,
        &[
            "analyze",
            "--json",
            "--data",
            data_arg,
            "--id",
            id,
            "--recompute",
        ],
    )));
    assert_eq!(one.len(), 1);
    assert_eq!(
        one[0]["analysis"]["category"],
        stored[0]["analysis"]["category"]
    );
    let err = fails(marsad(
        &data,
        &["analyze", "--data", data_arg, "--id", "nope"],
    ));
    assert!(err.contains("no article nope"), "{err}");
}

#[test]
fn a_bad_profiles_file_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let profiles = dir.path().join("profiles.json");
    std::fs::write(
        &profiles,
        r#"{"version": 1, "outlets": [{"name": "x", "credibility": 5}]}"#,
    )
    .unwrap();
    let page = pages()[0].display().to_string();
    let err = fails(marsad(
        &data,
        &["analyze", "--profiles", profiles.to_str().unwrap(), &page],
    ));
    assert!(err.contains("outside -2..2"), "{err}");
    let err = fails(marsad(&data, &["analyze"]));
    assert!(err.contains("--data"), "{err}");
}
