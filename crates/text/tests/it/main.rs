//! Integration tests of the Arabic text core on real pages (the seed pages, copied into
//! `tests/fixtures/`) and the hand-made gold entity groups.

mod names;
mod pages;
mod throughput;

/// The fixture pages: (file name, text).
pub fn fixture_pages() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("fixture is UTF-8"))
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 5, "fixture pages missing");
    pages
}
