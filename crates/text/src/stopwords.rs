//! Stop words of Modern Standard Arabic news.

/// Whether a normalised word is a stop word.
pub fn is_stopword(word: &str) -> bool {
    matches!(word, "في" | "من" | "على" | "الى" | "عن")
}
