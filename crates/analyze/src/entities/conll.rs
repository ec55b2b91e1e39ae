//! CoNLL text as ANERcorp writes it: one token per line, optionally followed by whitespace
//! and a tag, a blank line between sentences.
//!
//! Grammar: `file = sentence (blank+ sentence)*`; `line = token | token WS tag`. The tag is
//! the line's *last* whitespace-separated field (a few ANERcorp tokens hold a space), and it
//! is read as a tag only when it looks like one (`O`, or `B-`/`I-` then letters): a line
//! `B-FOO` with an unknown type is an error, not a token.

use super::{NerError, Tag};

/// A sentence of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// The tokens, as written.
    pub tokens: Vec<String>,
    /// One tag per token, or `None` for a token without one.
    pub tags: Vec<Option<Tag>>,
    /// 1-based line number of each token.
    pub lines: Vec<usize>,
}

impl Sentence {
    /// The tags when every token has one; the line of the first untagged token otherwise.
    pub fn gold(&self) -> Result<Vec<Tag>, NerError> {
        self.tags
            .iter()
            .zip(&self.lines)
            .map(|(t, &line)| t.ok_or(NerError::Untagged { line }))
            .collect()
    }
}

fn looks_like_tag(s: &str) -> bool {
    s == "O"
        || s.strip_prefix("B-")
            .or_else(|| s.strip_prefix("I-"))
            .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Parse CoNLL text into sentences (empty sentences are never returned).
///
/// ```
/// use marsad_analyze::{parse_conll, Tag, NerKind};
/// let s = parse_conll("أفيف B-PERS\nكوخافي I-PERS\n\nقال\n").unwrap();
/// assert_eq!(s.len(), 2);
/// assert_eq!(s[0].tags[1], Some(Tag::I(NerKind::Pers)));
/// assert_eq!(s[1].tags[0], None);
/// ```
pub fn parse_conll(text: &str) -> Result<Vec<Sentence>, NerError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r').trim();
        if line.is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let (token, tag) = match line.rsplit_once(char::is_whitespace) {
            Some((tok, last)) if looks_like_tag(last) => {
                let tag = Tag::parse(last).ok_or_else(|| NerError::UnknownTag {
                    line: n + 1,
                    tag: last.to_owned(),
                })?;
                (tok.trim_end(), Some(tag))
            }
            _ => (line, None),
        };
        cur.tokens.push(token.to_owned());
        cur.tags.push(tag);
        cur.lines.push(n + 1);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NerKind;

    #[test]
    fn last_field_is_the_tag() {
        // A lone tag-like line is a token (there is no tag field).
        let s = parse_conll("الصالحية ونايفة O\r\n\n\nB-LOC\n").unwrap();
        assert_eq!(s[1].tokens, ["B-LOC"]);
        assert_eq!(s[1].tags, [None]);
        let s = parse_conll("الصالحية ونايفة O\nعمان B-LOC\n").unwrap();
        assert_eq!(s[0].tokens, ["الصالحية ونايفة", "عمان"]);
        assert_eq!(s[0].tags[1], Some(Tag::B(NerKind::Loc)));
        assert!(matches!(
            parse_conll("x B-FOO\n"),
            Err(NerError::UnknownTag { line: 1, .. })
        ));
        let s = parse_conll("x\ny O\n").unwrap();
        assert_eq!(s[0].gold(), Err(NerError::Untagged { line: 1 }));
    }
}
