//! Tokenisation of Arabic news text.

/// A word of the input, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as written.
    pub surface: &'a str,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
}

/// Split `text` into words.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_word_indices()
        .map(|(start, w)| Token { surface: w, start, end: start + w.len() })
        .collect()
}

/// The terms the search index stores for `text`: normalised, stop words dropped, stemmed.
pub fn search_terms(text: &str) -> Vec<String> {
    tokens(&crate::normalize(text, crate::Level::Search))
        .into_iter()
        .filter(|t| !crate::is_stopword(t.surface))
        .map(|t| crate::stem(t.surface))
        .collect()
}
