//! Name keys: one key for the spellings of one name.

/// A key that two spellings of the same name share.
pub fn name_key(name: &str) -> String {
    crate::normalize(name, crate::Level::Match)
}

/// Similarity of two names in `0.0..=1.0`.
pub fn name_similarity(a: &str, b: &str) -> f64 {
    if name_key(a) == name_key(b) { 1.0 } else { 0.0 }
}
