//! `ner`, `train ner`, `eval ner` and `entities` on small hand-written inputs.

use crate::util::{fails, json, marsad, ok};

/// A tiny tagged corpus written for this test.
const TINY: &str = "قال O\nسمير B-PERS\nحداد I-PERS\nفي O\nبيروت B-LOC\n. O\n\n\
زار O\nكريم B-PERS\nعلوان I-PERS\nمدينة O\nطنجة B-LOC\n. O\n";

#[test]
fn ner_keeps_sentences_and_train_eval_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("tiny.conll");
    std::fs::write(&conll, TINY).unwrap();
    let c = conll.display().to_string();
    let out = ok(marsad(dir.path(), &["ner", "--conll", &c]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6 + 1 + 6, "{out}");
    assert_eq!(lines[6], "", "blank line between sentences");
    assert!(lines[0].starts_with("قال\t"), "{out}");
    let model = dir.path().join("m.bin");
    let m = model.display().to_string();
    let v = json(&ok(marsad(
        dir.path(),
        &[
            "train",
            "ner",
            "--conll",
            &c,
            "--out",
            &m,
            "--no-dev",
            "--epochs",
            "5",
            "--bucket-bits",
            "16",
            "--json",
        ],
    )));
    assert_eq!(v["schema"], 2);
    // Two sentences: both in the first block, so neither dev nor tune.
    assert_eq!(
        (&v["train_sentences"], &v["tune_sentences"], &v["refit"]),
        (&2.into(), &0.into(), &false.into()),
        "{v}"
    );
    let v = json(&ok(marsad(
        dir.path(),
        &["eval", "ner", "--model", &m, "--conll", &c, "--json"],
    )));
    assert_eq!(v["overall"]["gold"], 4);
    assert!(v["overall"]["f1"].as_f64().unwrap() > 0.99, "{v}");
    std::fs::write(&conll, "x B-FOO\n").unwrap();
    let err = fails(marsad(dir.path(), &["eval", "ner", "--conll", &c]));
    assert!(err.contains("unknown tag B-FOO"), "{err}");
}

#[test]
fn entities_resolve_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, "زيارة إلى الرباط\n\nالتقى الجنرال أفيف كوخافي بنظيره المغربي في الرباط. وقال كوخافي إن الزيارة مهمة للتعاون بين الجيشين.\n").unwrap();
    std::fs::write(&b, "لقاء في المغرب\n\nوصل الجنرال أفيفي خوكافي إلى المملكة المغربية صباح اليوم في زيارة رسمية تستمر يومين.\n").unwrap();
    let v = json(&ok(marsad(
        dir.path(),
        &[
            "entities",
            &a.display().to_string(),
            &b.display().to_string(),
            "--json",
        ],
    )));
    assert_eq!(v["schema"], 1);
    let people: Vec<&serde_json::Value> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "person")
        .collect();
    assert_eq!(people.len(), 1, "{v}");
    assert_eq!(people[0]["articles"].as_array().unwrap().len(), 2, "{v}");
}

#[test]
fn entities_in_the_store_are_resolved_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = data.display().to_string();
    let mut args = vec!["import".to_owned(), "--data".to_owned(), d.clone()];
    args.extend(crate::util::pages().iter().map(|p| p.display().to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(marsad(&data, &refs));
    let v = json(&ok(marsad(&data, &["entities", "--store", &d, "--json"])));
    assert!(v["updated_articles"].as_u64().unwrap() > 0, "{v}");
    let n = v["entities"].as_array().unwrap().len();
    assert!(n > 0, "{v}");
    let again = json(&ok(marsad(&data, &["entities", "--store", &d, "--json"])));
    assert_eq!(again["updated_articles"], 0, "already resolved");
    assert_eq!(again["entities"].as_array().unwrap().len(), n);
}
