//! Running the binary and reading what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repo's bundled corpus folder.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The bundled pages, sorted.
pub fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<_> = std::fs::read_dir(corpus().join("pages"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    pages
}

/// `marsad ARGS` with the data folder `data`.
pub fn marsad(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .env("MARSAD_DATA", data)
        .env_remove("MARSAD_LOG")
        .output()
        .expect("run marsad")
}

/// Stdout as text, asserting success.
pub fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "marsad failed: {}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 stdout")
}

/// Stderr as text, asserting a clean failure: non-zero exit, one short message, no panic.
pub fn fails(output: Output) -> String {
    assert!(!output.status.success(), "marsad should have failed");
    assert_eq!(output.status.code(), Some(1), "exit code");
    let stderr = String::from_utf8(output.stderr).expect("utf-8 stderr");
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert!(!stderr.contains("stack backtrace"), "backtrace: {stderr}");
    assert!(stderr.starts_with("marsad: "), "message: {stderr}");
    stderr
}

/// Parse one JSON document.
pub fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}
