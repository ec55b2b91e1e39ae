//! Date tokens: the input cut into words, numbers and punctuation, each word folded
//! (diacritics and tatweel dropped, alef/yeh/teh-marbuta variants unified, digits read in
//! every script) while keeping its byte span in the original text.
//!
//! Hand-written rather than calling `crate::normalize`, because the scanner needs every
//! folded token mapped back to byte offsets in the input, which a normalised string does
//! not give; all folded text goes into one buffer so a call allocates twice, not per token.

use super::lexicon::{self, Hit};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of letters (folded text in the buffer).
    Word,
    /// A run of digits of any script.
    Num {
        /// Its value (saturating).
        value: u32,
        /// How many digits it has.
        digits: u8,
    },
    /// One other non-space character.
    Punct(char),
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    /// Byte offset of the token's start in the input.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Whether white space comes right before it.
    pub gap: bool,
    /// Whether a line break comes right before it.
    pub newline: bool,
    /// Its kind.
    pub kind: Kind,
    /// Its lexicon entry (words only), with the proclitic letters stripped to find it.
    pub hit: Option<Hit>,
    fold_start: u32,
    fold_end: u32,
}

/// The tokens of one text.
#[derive(Debug)]
pub(super) struct Tokens {
    buf: String,
    /// The tokens, in order.
    pub toks: Vec<Tok>,
}

impl Tokens {
    /// Cut `text` into tokens.
    pub fn new(text: &str) -> Self {
        let mut t = Tokens {
            buf: String::with_capacity(text.len() / 2 + 8),
            toks: Vec::with_capacity(text.len() / 5 + 4),
        };
        let mut cur: Option<Tok> = None;
        let mut gap = false;
        let mut newline = false;
        for (b, c) in text.char_indices() {
            let end = b + c.len_utf8();
            if is_ignorable(c) {
                if let Some(tok) = cur.as_mut()
                    && tok.kind == Kind::Word
                {
                    tok.end = end;
                }
                continue;
            }
            if let Some(d) = digit_value(c) {
                match cur.as_mut() {
                    Some(Tok {
                        kind: Kind::Num { value, digits },
                        end: e,
                        ..
                    }) => {
                        *value = value.saturating_mul(10).saturating_add(d);
                        *digits = digits.saturating_add(1);
                        *e = end;
                    }
                    _ => {
                        t.flush(&mut cur);
                        cur = Some(t.open(
                            b,
                            end,
                            gap,
                            newline,
                            Kind::Num {
                                value: d,
                                digits: 1,
                            },
                        ));
                        gap = false;
                        newline = false;
                    }
                }
                continue;
            }
            if let Some(f) = fold_letter(c) {
                match cur.as_mut() {
                    Some(tok) if tok.kind == Kind::Word => {
                        tok.end = end;
                    }
                    _ => {
                        t.flush(&mut cur);
                        cur = Some(t.open(b, end, gap, newline, Kind::Word));
                        gap = false;
                        newline = false;
                    }
                }
                t.buf.push(f);
                continue;
            }
            t.flush(&mut cur);
            if c.is_whitespace() {
                gap = true;
                if c == '\n' || c == '\r' || c == '\u{2029}' || c == '\u{2028}' {
                    newline = true;
                }
                continue;
            }
            let tok = t.open(b, end, gap, newline, Kind::Punct(c));
            t.toks.push(tok);
            gap = false;
            newline = false;
        }
        t.flush(&mut cur);
        t
    }

    fn open(&self, start: usize, end: usize, gap: bool, newline: bool, kind: Kind) -> Tok {
        let at = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        Tok {
            start,
            end,
            gap,
            newline,
            kind,
            hit: None,
            fold_start: at,
            fold_end: at,
        }
    }

    fn flush(&mut self, cur: &mut Option<Tok>) {
        if let Some(mut tok) = cur.take() {
            if tok.kind == Kind::Word {
                tok.fold_end = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
                let word = self.buf.get(tok.fold_start as usize..tok.fold_end as usize);
                tok.hit = word.and_then(lexicon::lookup);
            }
            self.toks.push(tok);
        }
    }

    /// The folded text of word `i` (empty for other tokens or out of range).
    pub fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(tok) if tok.kind == Kind::Word => self
                .buf
                .get(tok.fold_start as usize..tok.fold_end as usize)
                .unwrap_or(""),
            _ => "",
        }
    }
}

/// Characters skipped inside words: harakat, Quranic marks, tatweel, zero-width format marks.
fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{FEFF}')
}

/// The value of a decimal digit in ASCII, Arabic-Indic or Extended Arabic-Indic (Persian) script.
pub(super) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// The folded form of a letter, or `None` when `c` is not a letter.
pub(super) fn fold_letter(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' => c,
        _ if c.is_alphabetic() => c,
        _ => return None,
    })
}

/// `s` with every letter folded and ignorable marks dropped (used to build the lexicon).
pub(super) fn fold_str(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_ignorable(c))
        .filter_map(fold_letter)
        .collect()
}
