//! Normalisation levels (display, matching, search) for Arabic text.

/// How far [`normalize`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// For display: NFC, control characters removed; letters untouched.
    Display,
    /// For matching names and text: diacritics, tatweel removed; letter variants unified.
    Match,
    /// For the search index: like `Match`, plus lowercasing of Latin runs.
    Search,
}

/// Normalise `text` at `level`.
pub fn normalize(text: &str, level: Level) -> String {
    // Placeholder until the text-core implementation lands.
    let _ = level;
    text.chars()
        .filter(|c| !('\u{064B}'..='\u{065F}').contains(c) && *c != '\u{0640}')
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            c => c,
        })
        .collect()
}
