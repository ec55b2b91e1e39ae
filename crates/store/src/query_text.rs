//! The grammar of the search box, shared by every backend.
//!
//! ```text
//! query  = { phrase | words }
//! phrase = open-quote text close-quote    quotes: "…", «…», “…”
//! words  = text outside quotes            every word must match (prefixes and forms aside)
//! ```
//! There are no operators or field names: a user's text never fails to parse. An unclosed
//! quote runs to the end of the text.

/// A piece of the user's query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part<'a> {
    /// Free words, each required.
    Words(&'a str),
    /// Words that must appear together in this order.
    Phrase(&'a str),
}

/// The closing quote for an opening one.
fn closing(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '«' => Some('»'),
        '“' => Some('”'),
        _ => None,
    }
}

/// Split a query into free words and quoted phrases (empty pieces dropped).
pub(crate) fn parse(text: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some((at, open)) = rest.char_indices().find(|&(_, c)| closing(c).is_some()) {
        let close = closing(open).unwrap_or(open);
        push(&mut parts, Part::Words(&rest[..at]));
        let inner = &rest[at + open.len_utf8()..];
        match inner.find(close) {
            Some(end) => {
                push(&mut parts, Part::Phrase(&inner[..end]));
                rest = &inner[end + close.len_utf8()..];
            }
            None => {
                push(&mut parts, Part::Phrase(inner));
                rest = "";
            }
        }
    }
    push(&mut parts, Part::Words(rest));
    parts
}

fn push<'a>(parts: &mut Vec<Part<'a>>, part: Part<'a>) {
    let text = match part {
        Part::Words(t) | Part::Phrase(t) => t,
    };
    if !text.trim().is_empty() {
        parts.push(part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[Part<'_>]) {
        assert_eq!(parse(text), expected, "{text:?}");
    }

    #[test]
    fn splits_words_and_phrases() {
        check("المغرب", &[Part::Words("المغرب")]);
        check("", &[]);
        check("  ", &[]);
        check(
            "\"الأمم المتحدة\" غزة",
            &[Part::Phrase("الأمم المتحدة"), Part::Words(" غزة")],
        );
        check(
            "قرار «مجلس الأمن» اليوم",
            &[
                Part::Words("قرار "),
                Part::Phrase("مجلس الأمن"),
                Part::Words(" اليوم"),
            ],
        );
        check("“كأس العالم”", &[Part::Phrase("كأس العالم")]);
        check("«غير مغلق", &[Part::Phrase("غير مغلق")]);
        check("»", &[Part::Words("»")]);
    }
}
