//! `extract`, `import` and `search` on the bundled corpus, and bad input.

use crate::util::{corpus, fails, json, marsad, ok, pages};

fn gold(page: &std::path::Path) -> serde_json::Value {
    let stem = page.file_stem().unwrap().to_str().unwrap();
    let text = std::fs::read_to_string(corpus().join("gold").join(format!("{stem}.json"))).unwrap();
    json(&text)
}

#[test]
fn extract_prints_one_schema_1_object_per_page_with_the_gold_title() {
    let dir = tempfile::tempdir().unwrap();
    let pages = pages();
    let mut args = vec!["extract"];
    let names: Vec<String> = pages.iter().map(|p| p.display().to_string()).collect();
    args.extend(names.iter().map(String::as_str));
    let out = ok(marsad(dir.path(), &args));
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), pages.len());
    for (line, page) in lines.iter().zip(&pages) {
        let v = json(line);
        assert_eq!(v["schema"], 1);
        assert_eq!(v["file"], page.display().to_string());
        for key in [
            "url",
            "title",
            "subtitle",
            "author",
            "dateline",
            "source",
            "published",
            "published_precision",
            "language",
            "captions",
            "body",
            "aggregator",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
        assert_eq!(
            v["title"],
            gold(page)["title"],
            "title of {}",
            page.display()
        );
        assert!(
            v["body"].as_array().is_some_and(|b| !b.is_empty()),
            "empty body"
        );
        let body = v["body"].to_string();
        for boilerplate in gold(page)["boilerplate_examples"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let b = boilerplate.as_str().unwrap();
            assert!(
                !body.contains(b),
                "boilerplate {b:?} in the body of {}",
                page.display()
            );
        }
    }
}

#[test]
fn importing_the_same_pages_twice_stores_them_once_and_search_is_arabic_aware() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = corpus().join("pages");
    let folder = folder.to_str().unwrap();
    let first = json(&ok(marsad(&data, &["import", "--json", folder])));
    assert_eq!(first["schema"], 1);
    assert_eq!(first["inserted"], 5);
    let second = json(&ok(marsad(&data, &["import", "--json", folder])));
    assert_eq!(second["inserted"], 0);
    assert_eq!(second["unchanged"], 5);
    assert_eq!(first["ids"], second["ids"]);

    // Another file name, same page: stored once, under the first id.
    let copy = dir.path().join("copy.txt");
    std::fs::copy(&pages()[0], &copy).unwrap();
    let third = json(&ok(marsad(
        &data,
        &["import", "--json", copy.to_str().unwrap()],
    )));
    assert_eq!(third["duplicates"], 1);
    assert_eq!(third["ids"][0], first["ids"][0]);

    // Hamza on the alef, a proclitic, diacritics: each still finds the Kochavi pages.
    for query in ["كوخافي", "كُوخافي", "إسرائيل", "والمغرب", "بالمغرب"]
    {
        let v = json(&ok(marsad(&data, &["search", "--json", query])));
        assert_eq!(v["schema"], 1);
        assert!(v["total"].as_u64().unwrap() >= 2, "{query}: {v}");
        let hit = &v["hits"][0];
        assert!(
            hit["id"].is_string() && hit["title"].is_string(),
            "{query}: {v}"
        );
    }
    let none = json(&ok(marsad(&data, &["search", "--json", "زلزال"])));
    assert_eq!(none["total"], 0);
}

#[test]
fn jsonl_import_keeps_given_ids_and_rejects_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("a.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id":"ant-1","title":"افتتاح معرض الكتاب","published":"2018-02-03 10:20","body":["افتُتح معرض الكتاب في تونس."]}"#,
            "\n",
            r#"{"id":"ant-2","body":["قالت الوزارة إن الامتحانات تبدأ غدا."]}"#,
            "\n"
        ),
    )
    .unwrap();
    let v = json(&ok(marsad(
        &data,
        &["import", "--json", "--jsonl", file.to_str().unwrap()],
    )));
    assert_eq!(v["inserted"], 2);
    assert_eq!(v["ids"], serde_json::json!(["ant-1", "ant-2"]));
    let hits = json(&ok(marsad(&data, &["search", "--json", "المعرض"])));
    assert_eq!(hits["hits"][0]["id"], "ant-1");
    assert_eq!(hits["hits"][0]["published"], "2018-02-03T10:20");

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"x\",\"body\":[\"نص\"]}\n{\"id\":\"y\"}\n").unwrap();
    let err = fails(marsad(&data, &["import", "--jsonl", bad.to_str().unwrap()]));
    assert!(err.contains("bad.jsonl:2:"), "{err}");
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let missing = dir.path().join("missing.html");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("image.html");
    std::fs::write(
        &binary,
        [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3],
    )
    .unwrap();
    let no_pages = dir.path().join("nothing");
    std::fs::create_dir(&no_pages).unwrap();
    std::fs::write(no_pages.join("notes.md"), "# x").unwrap();

    for cmd in ["extract", "import"] {
        let err = fails(marsad(&data, &[cmd, missing.to_str().unwrap()]));
        assert!(err.contains("missing.html"), "{cmd}: {err}");
        let err = fails(marsad(&data, &[cmd, empty.to_str().unwrap()]));
        assert!(err.contains("empty"), "{cmd}: {err}");
        let err = fails(marsad(&data, &[cmd, binary.to_str().unwrap()]));
        assert!(err.contains("binary"), "{cmd}: {err}");
    }
    let err = fails(marsad(&data, &["import", no_pages.to_str().unwrap()]));
    assert!(err.contains("no pages"), "{err}");
    assert!(err.lines().count() <= 2, "{err}");
}

#[test]
fn a_data_folder_from_a_newer_schema_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(marsad(
        &data,
        &["import", corpus().join("pages").to_str().unwrap()],
    ));
    // What a future Marsad would leave behind: a higher schema version in the file.
    let db = data.join("marsad.sqlite");
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        use sqlx::ConnectOptions;
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .unwrap();
        sqlx::query("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    for args in [
        &["search", "كوخافي"][..],
        &["import", corpus().join("pages").to_str().unwrap()],
    ] {
        let err = fails(marsad(&data, args));
        assert!(err.contains("newer schema"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}
