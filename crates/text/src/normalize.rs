//! Normalisation levels (display, matching, search) for Arabic text, in one pass over chars.
//!
//! Hand-written rather than a chain of regexes or generic filters because it runs on every
//! article body: text made only of ASCII, Latin-1 and the Arabic block skips Unicode
//! normalisation entirely (the letter table below is what NFKC would do there), and only the
//! space-separated chunks holding other chars go through `unicode-normalization` first.

use std::sync::LazyLock;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

/// How far [`normalize`] goes. Every level is idempotent:
/// `normalize(&normalize(x, l), l) == normalize(x, l)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// For display: zero-width and bidi control characters removed, then NFC. Letters,
    /// diacritics, tatweel, digits and punctuation are left as the outlet wrote them.
    Display,
    /// For matching names and text: NFKC (presentation forms such as `ﻻ` become `لا`),
    /// diacritics (tashkeel, Quranic marks, superscript alef) and tatweel removed, alef forms
    /// (`أ إ آ ٱ`) → `ا`, `ى` → `ي`, `ة` → `ه` (it only ends words), hamza carriers `ؤ ئ` →
    /// `و ي` (a lone `ء` stays: dropping it would merge words), Persian, Urdu and
    /// Maghrebi letters (`گ ک ی پ چ ڤ ڨ …`) → their Arabic counterparts, Eastern Arabic and
    /// Persian digits → ASCII, Arabic punctuation (`، ؛ ؟ ٪ ٫`) and typographic quotes
    /// (`“ ” « » ‘ ’`) → ASCII, whitespace runs → one space (or one newline when the run
    /// holds a line break), leading and trailing whitespace dropped. Latin case is kept.
    Match,
    /// For the search index and queries: `Match`, plus lowercasing (Latin runs such as
    /// `IAI Harop` become `iai harop`).
    Search,
}

/// Normalise `text` at `level`.
///
/// ```
/// use marsad_text::{normalize, Level};
/// assert_eq!(normalize("قد يهمك أيضــــــــًا", Level::Match), "قد يهمك ايضا");
/// assert_eq!(normalize("مستشفى الأمل، ٢٠٢٤", Level::Search), "مستشفي الامل, 2024");
/// ```
pub fn normalize(text: &str, level: Level) -> String {
    match level {
        Level::Display => display(text),
        Level::Match => matching(text, false),
        Level::Search => matching(text, true),
    }
}

fn display(text: &str) -> String {
    // Controls go first: removing one later could let two neighbours compose and break
    // idempotence.
    let cleaned: String = text.chars().filter(|&c| !is_invisible(c)).collect();
    if is_nfc_quick(cleaned.chars()) == IsNormalized::Yes {
        cleaned
    } else {
        cleaned.nfc().collect()
    }
}

fn matching(text: &str, lower: bool) -> String {
    matching_basic(text, lower).0
}

/// [`normalize`] at `Match` (or `Search` with `lower`), and whether the result is known to
/// hold only ASCII and the basic Arabic letters U+0621..U+063F, U+0641..U+064A (the
/// tokenizer's fast path); `false` means unknown.
pub(crate) fn matching_basic(text: &str, lower: bool) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let basic = matching_basic_into(text, lower, &mut out);
    (out, basic)
}

/// [`matching_basic`] into `out` (cleared first), so a caller normalising word after word
/// reuses one buffer; returns whether the result is known to be basic.
pub(crate) fn matching_basic_into(text: &str, lower: bool, out: &mut String) -> bool {
    out.clear();
    let mut st = FoldState::default();
    // The letter table is NFKC-exact on the fast set, so one pass is the whole job unless a
    // char outside it turns up.
    if fold_fast(text, lower, out, &mut st) {
        return st.basic;
    }
    // Then again chunk by chunk: NFKC never acts across ASCII whitespace (a starter that
    // composes with nothing), so only the chunks holding such chars pay for it.
    out.clear();
    st = FoldState::default();
    for chunk in text.split_inclusive(|c: char| c.is_ascii_whitespace()) {
        if chunk
            .chars()
            .all(|c| is_fast(c) && !(lower && needs_lowering(c)))
        {
            fold_fast(chunk, lower, out, &mut st);
            continue;
        }
        st.basic = false;
        let body = chunk.trim_end_matches(|c: char| c.is_ascii_whitespace());
        let folded = fold_slow(body, lower);
        if !folded.is_empty() {
            st.flush_pending(out);
            out.push_str(&folded);
        }
        // The separator that ended the chunk.
        fold_fast(&chunk[body.len()..], lower, out, &mut st);
    }
    st.basic
}

/// NFKC then the table, repeated until stable: removing marks or lowercasing can, rarely,
/// leave a string NFKC would still change (`e` + Arabic mark + combining acute). Each round
/// only shortens or recomposes, so a few rounds suffice.
fn fold_slow(text: &str, lower: bool) -> String {
    let mut current = String::with_capacity(text.len());
    fold_into(
        text.chars().filter(|&c| !is_invisible(c)).nfkc(),
        lower,
        false,
        &mut current,
    );
    for _ in 0..4 {
        if is_nfkc_quick(current.chars()) == IsNormalized::Yes {
            break;
        }
        let mut next = String::with_capacity(current.len());
        fold_into(current.chars().nfkc(), lower, false, &mut next);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

/// A non-ASCII letter that lowercasing changes (the fast path lowercases ASCII only).
fn needs_lowering(c: char) -> bool {
    if c.is_ascii() || ('\u{600}'..='\u{6FF}').contains(&c) {
        return false;
    }
    let mut lowered = c.to_lowercase();
    !(lowered.next() == Some(c) && lowered.next().is_none())
}

/// Whitespace and alphabet state carried across the chunks of one text.
struct FoldState {
    /// Pending whitespace: 0 none, 1 space, 2 newline.
    pending: u8,
    /// Whether everything written so far is in the basic alphabet.
    basic: bool,
}

impl Default for FoldState {
    fn default() -> Self {
        FoldState {
            pending: 0,
            basic: true,
        }
    }
}

impl FoldState {
    /// Writes the pending whitespace, unless nothing has been written yet (trimming).
    fn flush_pending(&mut self, out: &mut String) {
        if self.pending != 0 {
            if !out.is_empty() {
                out.push(if self.pending == 2 { '\n' } else { ' ' });
            }
            self.pending = 0;
        }
    }
}

/// Whether the fast path (no Unicode normalisation) is exact for `c`: ASCII, Latin-1 letters,
/// the Arabic block, and the few punctuation and control chars the table maps itself.
fn is_fast(c: char) -> bool {
    matches!(c,
        '\0'..='\u{7F}'
        // Latin-1 punctuation and signs without a compatibility decomposition.
        | '\u{A0}'..='\u{A7}' | '\u{A9}' | '\u{AB}'..='\u{AE}' | '\u{B0}' | '\u{B1}'
        | '\u{B6}' | '\u{B7}' | '\u{BB}' | '\u{BF}'
        | '\u{C0}'..='\u{FF}'
        | '\u{600}'..='\u{6FF}'
        | '\u{200B}'..='\u{200F}' | '\u{2010}' | '\u{2013}'..='\u{2014}'
        | '\u{2018}'..='\u{2022}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{20AC}' | '\u{2212}' | '\u{FEFF}')
}

/// Zero-width, bidi and other invisible format characters that carry no text.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{61C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// What one char becomes at `Match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fold {
    /// Dropped (diacritic, tatweel, control).
    Drop,
    /// Replaced by this char (often itself).
    Char(char),
    /// Whitespace: a run of it becomes one space.
    Space,
    /// A line break: a whitespace run containing one becomes one `\n`.
    Newline,
}

/// The `Match` table for one char already in NFKC (or in the fast set).
fn fold(c: char) -> Fold {
    match c {
        // Tashkeel, Quranic annotation marks, superscript alef, small high letters.
        '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6DC}'
        | '\u{6DF}'..='\u{6E8}'
        | '\u{6EA}'..='\u{6ED}' => Fold::Drop,
        '\u{640}' => Fold::Drop, // tatweel
        '\u{674}' => Fold::Drop, // high hamza (NFKC splits ٵ into ا + ٴ)
        c if is_invisible(c) => Fold::Drop,
        // Alef forms.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => Fold::Char('ا'),
        'ى' | 'ی' | 'ې' | 'ۍ' | 'ێ' | 'ے' | 'ۓ' | 'ئ' | 'ٸ' | 'ۑ' => Fold::Char('ي'),
        'ؤ' | 'ٶ' | 'ٷ' | 'ۄ' | 'ۅ' | 'ۆ' | 'ۇ' | 'ۈ' | 'ۉ' | 'ۋ' | 'ۏ' => {
            Fold::Char('و')
        }
        'ة' | 'ۃ' | 'ہ' | 'ۂ' | 'ۀ' | 'ھ' | 'ە' | 'ۿ' => Fold::Char('ه'),
        'ک' | 'ڪ' | 'ګ' | 'ڬ' | 'ڭ' | 'ڮ' | 'گ' | 'ڰ' | 'ڱ' | 'ڲ' | 'ڳ' | 'ڴ' | 'ػ' | 'ؼ' => {
            Fold::Char('ك')
        }
        'پ' | 'ٻ' | 'ڀ' | 'ٮ' => Fold::Char('ب'),
        'چ' | 'ڃ' | 'ڄ' | 'ڇ' | 'ڿ' => Fold::Char('ج'),
        'ڤ' | 'ڥ' | 'ڢ' | 'ڣ' | 'ڦ' | 'ڡ' => Fold::Char('ف'),
        'ڨ' | 'ڧ' | 'ٯ' => Fold::Char('ق'),
        'ژ' | 'ڙ' => Fold::Char('ز'),
        'ٹ' | 'ٺ' | 'ټ' | 'ٽ' | 'ٿ' => Fold::Char('ت'),
        'ڈ' | 'ډ' | 'ڊ' | 'ڌ' | 'ڍ' | 'ڎ' | 'ڏ' | 'ڐ' => Fold::Char('د'),
        'ڑ' | 'ڒ' | 'ړ' | 'ڔ' | 'ڕ' | 'ږ' | 'ڗ' => Fold::Char('ر'),
        'ڹ' | 'ں' | 'ڻ' | 'ڼ' | 'ڽ' => Fold::Char('ن'),
        'ڵ' | 'ڶ' | 'ڷ' | 'ڸ' => Fold::Char('ل'),
        'ښ' | 'ڛ' | 'ڜ' => Fold::Char('س'),
        'ۺ' => Fold::Char('ش'),
        'ڠ' | 'ۼ' => Fold::Char('غ'),
        // Digits.
        '\u{660}'..='\u{669}' => Fold::Char(ascii_digit(c as u32 - 0x660)),
        '\u{6F0}'..='\u{6F9}' => Fold::Char(ascii_digit(c as u32 - 0x6F0)),
        // Punctuation.
        '،' | '٬' => Fold::Char(','),
        '؛' => Fold::Char(';'),
        '؟' => Fold::Char('?'),
        '٪' => Fold::Char('%'),
        '٫' | '۔' => Fold::Char('.'),
        '«' | '»' | '“' | '”' | '„' | '‟' => Fold::Char('"'),
        '‘' | '’' | '‚' | '‛' => Fold::Char('\''),
        '\u{2010}' | '\u{2013}' | '\u{2014}' => Fold::Char('-'),
        '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Fold::Newline,
        c if c.is_whitespace() => Fold::Space,
        c => Fold::Char(c),
    }
}

fn ascii_digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// `fold` of U+0600..=U+06FF, and of ASCII without and with lowercasing, looked up rather
/// than matched on the hot path.
struct Tables {
    arabic: [Fold; 256],
    ascii: [[Fold; 128]; 2],
    /// ASCII bytes the table keeps as they are (without and with lowercasing).
    keep: [[bool; 128]; 2],
    /// Basic Arabic letters the table keeps, at `(lead & 1) << 6 | (second & 0x3F)` for
    /// the UTF-8 bytes `lead` (`0xD8`/`0xD9`) and `second`.
    keep_arabic: [bool; 128],
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut arabic = [Fold::Drop; 256];
    for (i, slot) in arabic.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x600 + i as u32) {
            *slot = fold(c);
        }
    }
    let mut ascii = [[Fold::Drop; 128]; 2];
    for i in 0..128u8 {
        let c = char::from(i);
        ascii[0][usize::from(i)] = fold(c);
        ascii[1][usize::from(i)] = match fold(c) {
            Fold::Char(c) => Fold::Char(c.to_ascii_lowercase()),
            f => f,
        };
    }
    let mut keep = [[false; 128]; 2];
    for (l, row) in keep.iter_mut().enumerate() {
        for (i, slot) in row.iter_mut().enumerate() {
            *slot = ascii[l][i] == Fold::Char(char::from(i as u8));
        }
    }
    let mut keep_arabic = [false; 128];
    for (i, slot) in keep_arabic.iter_mut().enumerate() {
        // Lead 0xD8 covers U+0600..U+063F, 0xD9 U+0640..U+067F.
        let cp = 0x600 + i as u32;
        *slot = is_basic(cp)
            && char::from_u32(cp).is_some_and(|c| arabic[(cp - 0x600) as usize] == Fold::Char(c));
    }
    Tables {
        arabic,
        ascii,
        keep,
        keep_arabic,
    }
});

/// [`fold_into`] with `fast_only` on `str` input, copying runs of chars the table leaves
/// unchanged as slices instead of char by char (most Arabic letters map to themselves).
/// Trailing whitespace stays pending in `st`. Returns `false` at the first char outside the
/// fast set (or a non-ASCII capital when lowercasing), with `out` partly written.
fn fold_fast(text: &str, lower: bool, out: &mut String, st: &mut FoldState) -> bool {
    let tables = &*TABLES;
    let ascii = &tables.ascii[usize::from(lower)];
    let keep = &tables.keep[usize::from(lower)];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A run of basic chars the table leaves as they are, copied as one slice.
        let start = i;
        while let Some(&byte) = b.get(i) {
            if byte < 0x80 {
                if !keep[usize::from(byte)] {
                    // One space between two kept chars stays as it is: the run goes on
                    // (the char before is kept, since a run never starts with a space).
                    if byte == b' ' && i > start && kept_at(tables, keep, b, i + 1) {
                        i += 1;
                        continue;
                    }
                    break;
                }
                i += 1;
            } else if kept_arabic(&tables.keep_arabic, byte, b.get(i + 1)) {
                i += 2;
                // Arabic letters come in long stretches: stay in this tighter loop.
                while let (Some(&x), next) = (b.get(i), b.get(i + 1))
                    && kept_arabic(&tables.keep_arabic, x, next)
                {
                    i += 2;
                }
            } else {
                break;
            }
        }
        if i > start {
            st.flush_pending(out);
            out.push_str(text.get(start..i).unwrap_or(""));
        }
        let Some(&byte) = b.get(i) else {
            break;
        };
        let (cp, len, folded) = if byte < 0x80 {
            (u32::from(byte), 1, ascii[usize::from(byte)])
        } else if (0xD8..=0xDB).contains(&byte) && i + 1 < b.len() {
            let cp = (u32::from(byte & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            (cp, 2, tables.arabic[(cp - 0x600) as usize])
        } else {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                return false;
            };
            if !is_fast(c) || (lower && needs_lowering(c)) {
                return false;
            }
            (c as u32, c.len_utf8(), fold(c))
        };
        match folded {
            Fold::Drop => {}
            Fold::Space => st.pending = st.pending.max(1),
            Fold::Newline => st.pending = 2,
            Fold::Char(c) => {
                st.flush_pending(out);
                st.basic &= is_basic(c as u32);
                if c as u32 == cp {
                    out.push_str(text.get(i..i + len).unwrap_or(""));
                } else {
                    out.push(c);
                }
            }
        }
        i += len;
    }
    true
}

/// Whether the char at byte `i` of `b` is one the table keeps as it is (an ASCII byte in
/// `keep`, or a basic Arabic letter in `keep_arabic`).
fn kept_at(tables: &Tables, keep: &[bool; 128], b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(&x) if x < 0x80 => keep[usize::from(x)],
        Some(&x) => kept_arabic(&tables.keep_arabic, x, b.get(i + 1)),
        None => false,
    }
}

/// Whether the lead byte `lead` and the byte after it (if any) are a basic Arabic letter
/// the table keeps, in the `keep_arabic` bits.
#[inline]
fn kept_arabic(table: &[bool; 128], lead: u8, second: Option<&u8>) -> bool {
    match second {
        Some(&y) if lead & 0xFE == 0xD8 => {
            table[usize::from(lead & 1) << 6 | usize::from(y & 0x3F)]
        }
        _ => false,
    }
}

/// ASCII or a basic Arabic letter (see [`matching_basic`]).
fn is_basic(cp: u32) -> bool {
    cp < 0x80 || (0x621..=0x63F).contains(&cp) || (0x641..=0x64A).contains(&cp)
}

/// Folds `chars` into `out`: the table, optional lowercasing, whitespace runs collapsed
/// and trimmed. With `fast_only`, stops and returns `false` at the first char outside the
/// fast set.
fn fold_into(
    chars: impl Iterator<Item = char>,
    lower: bool,
    fast_only: bool,
    out: &mut String,
) -> bool {
    let tables = &*TABLES;
    let ascii = &tables.ascii[usize::from(lower)];
    // Pending whitespace: 0 none, 1 space, 2 newline.
    let mut pending = 0u8;
    for c in chars {
        let cp = c as u32;
        let folded = if cp < 0x80 {
            ascii[cp as usize]
        } else if (0x600..0x700).contains(&cp) {
            tables.arabic[(cp - 0x600) as usize]
        } else if fast_only && !is_fast(c) {
            return false;
        } else {
            fold(c)
        };
        let c = match folded {
            Fold::Drop => continue,
            Fold::Space => {
                pending = pending.max(1);
                continue;
            }
            Fold::Newline => {
                pending = 2;
                continue;
            }
            Fold::Char(c) => c,
        };
        if pending != 0 {
            if !out.is_empty() {
                out.push(if pending == 2 { '\n' } else { ' ' });
            }
            pending = 0;
        }
        if !lower || cp < 0x80 || (0x600..0x700).contains(&cp) || !c.is_alphabetic() {
            out.push(c);
        } else {
            for l in c.to_lowercase() {
                // Lowercasing can yield a char the table would change (none today, but the
                // table must stay a fixed point), so fold once more.
                if let Fold::Char(l) = fold(l) {
                    out.push(l);
                }
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(input: &str, level: Level, expected: &str) {
        assert_eq!(
            normalize(input, level),
            expected,
            "input {input:?} at {level:?}"
        );
    }

    #[test]
    fn diacritics_and_tatweel() {
        check("أَفِيف كُوخَافِي", Level::Match, "افيف كوخافي");
        check("كوخافي", Level::Match, "كوخافي");
        check("قد يهمك أيضــــــــًا", Level::Match, "قد يهمك ايضا");
        check("مُحَمَّدٌ", Level::Search, "محمد");
        check(
            "قد يهمك أيضــــــــًا",
            Level::Display,
            "قد يهمك أيضــــــــًا",
        );
    }

    #[test]
    fn letter_variants() {
        check(
            "أحمد إبراهيم آمال ٱلله",
            Level::Match,
            "احمد ابراهيم امال الله",
        );
        check("مستشفى", Level::Match, "مستشفي");
        check("مدرسة", Level::Match, "مدرسه");
        check("مسؤول هيئة", Level::Match, "مسوول هييه");
        check(
            "بنگرير ڤيديو چاي پاريس کتاب ی",
            Level::Match,
            "بنكرير فيديو جاي باريس كتاب ي",
        );
        check("ڨفصة", Level::Match, "قفصه");
    }

    #[test]
    fn presentation_forms_via_nfkc() {
        check("ﻻ", Level::Match, "لا");
        check("ﺑﺴﻢ", Level::Match, "بسم");
        check("ﻻ", Level::Display, "ﻻ");
    }

    #[test]
    fn digits_and_punctuation() {
        check("٢٠٢٤ و۱۴۰۳", Level::Match, "2024 و1403");
        check("نعم، لا؛ لماذا؟", Level::Match, "نعم, لا; لماذا?");
        check("«الخبر» “نص”", Level::Match, "\"الخبر\" \"نص\"");
        check("٣٫٥٪", Level::Match, "3.5%");
        check("٢٠٢٤", Level::Display, "٢٠٢٤");
    }

    #[test]
    fn controls_and_whitespace() {
        check(
            "ال\u{200C}خبر\u{200F} \u{202B}نص\u{202C}",
            Level::Match,
            "الخبر نص",
        );
        check("ال\u{200C}خبر\u{FEFF}", Level::Display, "الخبر");
        check(
            "  خبر \u{A0}\t عاجل \n\n نص  ",
            Level::Match,
            "خبر عاجل\nنص",
        );
    }

    #[test]
    fn latin_runs() {
        check(
            "طائرة IAI Harop و Barak MX",
            Level::Match,
            "طايره IAI Harop و Barak MX",
        );
        check(
            "طائرة IAI Harop و Barak MX",
            Level::Search,
            "طايره iai harop و barak mx",
        );
        check("Démain Dès l'Aube", Level::Search, "démain dès l'aube");
        check("e\u{301} Ünïcode", Level::Search, "é ünïcode");
    }

    #[test]
    fn composing_hamza_marks() {
        // ا + combining hamza above: composed by NFKC or dropped as a mark, same result.
        check("ا\u{654}حمد", Level::Match, "احمد");
        check("ا\u{654}حمد", Level::Display, "أحمد");
        check("ا\u{654}حمد 😀", Level::Match, "احمد 😀");
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[\u{600}-\u{6FF}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF} a-zA-Z0-9\u{200B}-\u{200F}\u{300}-\u{36F}]{0,40}",
            "[\u{621}-\u{64A}\u{64B}-\u{652} \n\t\u{A0}-\u{FF}\u{2026}\u{2033}\u{FDFA}\u{1F600}A-Z]{0,40}",
        ]
    }

    proptest! {
        #[test]
        fn idempotent(s in any_text()) {
            for level in [Level::Display, Level::Match, Level::Search] {
                let once = normalize(&s, level);
                prop_assert_eq!(normalize(&once, level), once.clone(), "level {:?}", level);
            }
        }

        #[test]
        fn fast_path_is_nfkc_exact(s in "[\u{600}-\u{6FF}a-zA-Z0-9 \u{A0}-\u{A7}\u{A9}\u{AB}-\u{AE}\u{B0}\u{B1}\u{B6}\u{B7}\u{BB}\u{BF}\u{C0}-\u{FF}\u{200B}-\u{200F}\u{2018}-\u{2022}\u{20AC}\u{2212}\n]{0,40}") {
            for lower in [false, true] {
                let mut fast = String::new();
                prop_assert!(fold_into(s.chars(), lower, true, &mut fast));
                let mut fast_str = String::new();
                let mut st = FoldState::default();
                if fold_fast(&s, lower, &mut fast_str, &mut st) {
                    prop_assert_eq!(&fast_str, &fast);
                    if st.basic {
                        prop_assert!(fast_str.chars().all(|c| is_basic(c as u32)));
                    }
                }
                let mut slow = String::new();
                fold_into(s.chars().filter(|&c| !is_invisible(c)).nfkc(), lower, false, &mut slow);
                prop_assert_eq!(fast, slow);
            }
        }

        #[test]
        fn chunked_equals_whole_text_nfkc(s in any_text()) {
            for lower in [false, true] {
                prop_assert_eq!(matching_basic(&s, lower).0, fold_slow(&s, lower));
            }
        }

        #[test]
        fn search_is_lowercase_match(s in any_text()) {
            let search = normalize(&s, Level::Search);
            prop_assert!(!search.contains(|c: char| c.is_ascii_uppercase()));
        }
    }
}

/// `c.is_alphanumeric()`, with the common cases (ASCII, Arabic letters and digits) answered
/// without the Unicode table search, which dominates scanning Arabic text.
///
/// ```
/// use marsad_text::is_alphanumeric;
/// assert!(is_alphanumeric('ب') && is_alphanumeric('٣') && is_alphanumeric('é'));
/// assert!(!is_alphanumeric('،') && !is_alphanumeric(' ') && !is_alphanumeric('-'));
/// ```
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        '\u{0621}'..='\u{063a}' | '\u{0641}'..='\u{064a}' | '\u{0660}'..='\u{0669}' => true,
        '\u{060c}' | '\u{061b}' | '\u{061f}' | '\u{00a0}' => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod alphanumeric_tests {
    /// The fast answers agree with the standard library on every character they cover.
    #[test]
    fn agrees_with_the_standard_library() {
        for cp in (0u32..0x800).chain(0xfb50..0xfe00).chain(0xfe70..0xff00) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(super::is_alphanumeric(c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }
}
