//! Light stemming of Arabic words.

/// The light stem of one (normalised) word.
pub fn stem(word: &str) -> String {
    word.to_string()
}
