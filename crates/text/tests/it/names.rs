//! Name similarity on the hand-made gold entity groups (persons of the seed pages): every
//! form is at least `NAME_MAYBE` of its entity's name, and names of different entities stay
//! under it. Places are left out: their forms include aliases (`المملكة المغربية` for
//! `المغرب`), which are a gazetteer's job, not a spelling key's.

use marsad_text::{NAME_MAYBE, name_similarity};
use serde_json::Value;

fn groups() -> Vec<(String, Vec<String>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/entities_gold.json"
    );
    let text = std::fs::read_to_string(path).expect("gold fixture");
    let gold: Value = serde_json::from_str(&text).expect("gold is JSON");
    let mut out = Vec::new();
    for kind in ["person"] {
        for e in gold[kind].as_array().expect("entity list") {
            let name = e["name"].as_str().expect("name").to_owned();
            let forms = e["forms"]
                .as_array()
                .expect("forms")
                .iter()
                .filter_map(|f| f.as_str().map(str::to_owned))
                .collect();
            out.push((name, forms));
        }
    }
    assert!(out.len() > 10);
    out
}

#[test]
fn forms_reach_their_entity() {
    for (name, forms) in groups() {
        for form in forms {
            let s = name_similarity(&form, &name);
            assert!(s >= NAME_MAYBE, "{form} vs {name}: {s:.3}");
        }
    }
}

#[test]
fn different_entities_stay_apart() {
    let groups = groups();
    for (i, (a, _)) in groups.iter().enumerate() {
        for (b, _) in &groups[i + 1..] {
            let s = name_similarity(a, b);
            assert!(s < NAME_MAYBE, "{a} vs {b}: {s:.3}");
        }
    }
}
