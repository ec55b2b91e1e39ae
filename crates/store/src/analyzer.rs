//! The Arabic analyzer: text to index terms, as tantivy tokenizers and as plain functions.
//!
//! Hand-written on purpose: tantivy ships no Arabic normaliser or stemmer that matches the rest
//! of Marsad, so every step calls `marsad_text` (the same normalisation, stop words and stems
//! that entities and clustering use). Offsets always point into the original text, so
//! snippets show the article as written.

use std::collections::HashSet;
use std::sync::Arc;

use marsad_text::{for_each_search_word, is_stopword, stem_str};
use tantivy::tokenizer::{PreTokenizedString, Token, TokenStream, Tokenizer};

/// Terms longer than this (in bytes) are dropped: they are URLs or noise, and tantivy caps
/// term length.
const MAX_TERM_BYTES: usize = 120;

/// Which terms a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Mode {
    /// Normalised words, stop words kept: exact words and phrases.
    Norm,
    /// Normalised, stop words dropped, light stems: recall across prefixes and suffixes.
    Stem,
}

impl Mode {
    /// The tokenizer name registered on the index.
    pub(crate) fn tokenizer_name(self) -> &'static str {
        match self {
            Mode::Norm => "marsad_ar_norm",
            Mode::Stem => "marsad_ar_stem",
        }
    }
}

/// One index term of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    /// The term.
    pub text: String,
    /// The word's position (stop words dropped by [`Mode::Stem`] keep their place, so
    /// phrases line up in both modes).
    pub position: usize,
    /// Byte span of the word in the original text.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
}

/// The terms of `text` in `mode`.
pub(crate) fn analyze(text: &str, mode: Mode) -> Vec<Term> {
    let mut terms = Vec::new();
    walk(text, mode, |term, position, start, end| {
        terms.push(Term {
            text: term.to_owned(),
            position,
            start,
            end,
        })
    });
    terms
}

/// Each term of `text` in `mode`, in order, with its position and the byte span of its word.
fn walk(text: &str, mode: Mode, mut f: impl FnMut(&str, usize, usize, usize)) {
    let mut position = 0;
    // A word is normalised alone so its span stays in the original text; normalising may
    // split it (e.g. a stray joiner), and each part keeps the word's span.
    for_each_search_word(text, |part, word| {
        let this_position = position;
        position += 1;
        let term = match mode {
            Mode::Norm => part,
            Mode::Stem if is_stopword(part) => return,
            Mode::Stem => stem_str(part),
        };
        if term.is_empty() || term.len() > MAX_TERM_BYTES {
            return;
        }
        f(term, this_position, word.start, word.end);
    });
}

/// The terms of `text` in both modes from one walk over its words, as tantivy takes them
/// ready-made ([`Mode::Norm`] first): what [`ArabicTokenizer`] gives for each mode (the same
/// terms, positions and offsets), with each word read and normalised once instead of once
/// per field. The index's stored text is another field, so these carry none.
pub(crate) fn pre_tokenized(text: &str) -> [PreTokenizedString; 2] {
    let (mut norm, mut stem) = (Vec::new(), Vec::new());
    let mut position = 0;
    for_each_search_word(text, |part, word| {
        let this_position = position;
        position += 1;
        let token = |term: &str| Token {
            offset_from: word.start,
            offset_to: word.end,
            position: this_position,
            text: term.to_owned(),
            position_length: 1,
        };
        let kept = |term: &str| !term.is_empty() && term.len() <= MAX_TERM_BYTES;
        if kept(part) {
            norm.push(token(part));
        }
        if !is_stopword(part) {
            let s = stem_str(part);
            if kept(s) {
                stem.push(token(s));
            }
        }
    });
    [norm, stem].map(|tokens| PreTokenizedString {
        text: String::new(),
        tokens,
    })
}

/// A text whose analysis changes whenever `marsad_text` changes what it does: diacritics,
/// hamza and alef forms, alef maqsura, ta marbuta, clitics, plural suffixes, digits, Latin
/// case, tatweel, presentation forms and stop words. Its terms are saved beside the index; if
/// this build analyses it differently, the index was built by another analyzer and is rebuilt.
const PROBE: &str = "وَقَالَ الرَّئِيسُ إِنَّ المـــغرب سيستضيف «المؤتمرات» في ٢٠٢٤ مع أمريكا والصين، \
وللمعلمين والمعلمات بالمدينة مستشفى على الطريق آخر إلى ﻻ Marsad NEWS 2024 والكتب فلسطينيون";

/// The probe's terms in both modes, one line per mode: the analyzer's fingerprint.
pub(crate) fn fingerprint() -> String {
    let line = |mode| {
        analyze(PROBE, mode)
            .into_iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!("{}\n{}", line(Mode::Norm), line(Mode::Stem))
}

/// The analyzer as a tantivy tokenizer.
#[derive(Debug, Clone)]
pub(crate) struct ArabicTokenizer {
    mode: Mode,
}

impl ArabicTokenizer {
    /// A tokenizer for `mode`.
    pub(crate) fn new(mode: Mode) -> Self {
        ArabicTokenizer { mode }
    }
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = TermStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream {
        TermStream::of(text, self.mode, str::to_owned)
    }
}

/// The analyzer for snippets: the same tokens, positions and offsets as [`ArabicTokenizer`]
/// (so fragments are cut at the same places), but a token keeps its text only when it is one
/// of the query's terms and is empty otherwise. A snippet needs only the few words it
/// highlights, and copying every term of every hit's body was most of a search's snippet
/// cost.
#[derive(Debug, Clone)]
pub(crate) struct SnippetTokenizer {
    mode: Mode,
    terms: Arc<HashSet<String>>,
}

impl SnippetTokenizer {
    /// A tokenizer for `mode` that keeps only `terms`.
    pub(crate) fn new(mode: Mode, terms: impl IntoIterator<Item = String>) -> Self {
        SnippetTokenizer {
            mode,
            terms: Arc::new(terms.into_iter().collect()),
        }
    }
}

impl Tokenizer for SnippetTokenizer {
    type TokenStream<'a> = TermStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermStream {
        let terms = &self.terms;
        TermStream::of(text, self.mode, |term| {
            if terms.contains(term) {
                term.to_owned()
            } else {
                String::new()
            }
        })
    }
}

/// The terms of one text, handed to tantivy one by one.
pub(crate) struct TermStream {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl TermStream {
    /// The tokens of `text` in `mode`, each with the text `keep` makes of its term.
    fn of(text: &str, mode: Mode, mut keep: impl FnMut(&str) -> String) -> TermStream {
        let mut tokens = Vec::new();
        walk(text, mode, |term, position, start, end| {
            tokens.push(Token {
                offset_from: start,
                offset_to: end,
                position,
                text: keep(term),
                position_length: 1,
            })
        });
        TermStream {
            tokens,
            next: 0,
            current: Token::default(),
        }
    }
}

impl TokenStream for TermStream {
    fn advance(&mut self) -> bool {
        match self.tokens.get_mut(self.next) {
            Some(token) => {
                self.current = std::mem::take(token);
                self.next += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_made_terms_are_the_tokenizers_terms() {
        let texts = [
            PROBE,
            "",
            "في في من",
            "قال الرئيس: «إن المؤتمر سينعقد في الرباط» – http://example.com/a/very/long/path",
        ];
        for text in texts {
            let [norm, stem] = pre_tokenized(text);
            for (mode, ready) in [(Mode::Norm, norm), (Mode::Stem, stem)] {
                let mut stream = ArabicTokenizer::new(mode).token_stream(text);
                let mut want = Vec::new();
                while stream.advance() {
                    want.push(stream.token().clone());
                }
                assert_eq!(ready.tokens, want, "{mode:?} of {text:?}");
            }
        }
        assert!(!pre_tokenized(PROBE)[1].tokens.is_empty());
    }

    fn check(text: &str, mode: Mode, expected: &[&str]) {
        let got: Vec<String> = analyze(text, mode).into_iter().map(|t| t.text).collect();
        assert_eq!(got, expected, "{mode:?} of {text:?}");
    }

    #[test]
    fn norm_drops_diacritics_and_unifies_alef() {
        check("قَالَ", Mode::Norm, &["قال"]);
        check("إعلان أحمد آمن", Mode::Norm, &["اعلان", "احمد", "امن"]);
        check("في البيت", Mode::Norm, &["في", "البيت"]);
    }

    #[test]
    fn stem_drops_stop_words_but_keeps_positions() {
        let terms = analyze("سافر في المغرب", Mode::Stem);
        let positions: Vec<usize> = terms.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 2]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "قَالَ «الرَّئِيسُ»";
        for term in analyze(text, Mode::Norm) {
            assert!(text.is_char_boundary(term.start) && text.is_char_boundary(term.end));
            assert!(!text[term.start..term.end].is_empty());
        }
    }

    #[test]
    fn snippet_tokenizer_keeps_the_spans_and_only_the_query_terms() {
        let text = "قال وزير الخارجية المغربي إن الوزراء اجتمعوا في الرباط";
        for mode in [Mode::Norm, Mode::Stem] {
            let all = analyze(text, mode);
            let wanted: Vec<String> = all.iter().step_by(3).map(|t| t.text.clone()).collect();
            let mut tokenizer = SnippetTokenizer::new(mode, wanted.clone());
            let mut stream = tokenizer.token_stream(text);
            let mut seen = Vec::new();
            stream.process(&mut |t| seen.push(t.clone()));
            assert_eq!(seen.len(), all.len(), "{mode:?}");
            for (got, term) in seen.iter().zip(&all) {
                assert_eq!(
                    (got.offset_from, got.offset_to, got.position),
                    (term.start, term.end, term.position)
                );
                let expected = if wanted.contains(&term.text) {
                    term.text.as_str()
                } else {
                    ""
                };
                assert_eq!(got.text, expected, "{mode:?}");
            }
        }
    }

    #[test]
    fn tokenizer_streams_every_term() {
        let mut tokenizer = ArabicTokenizer::new(Mode::Norm);
        let mut stream = tokenizer.token_stream("الأخبار اليوم");
        let mut seen = Vec::new();
        stream.process(&mut |t| seen.push(t.text.clone()));
        assert_eq!(seen, ["الاخبار", "اليوم"]);
    }

    #[test]
    fn fingerprint_is_stable_within_a_build() {
        assert_eq!(fingerprint(), fingerprint());
        assert!(fingerprint().contains('\n'));
    }
}
