//! ANERcorp's IOB tag set: `O` and `B-`/`I-` of `PERS`, `LOC`, `ORG`, `MISC`.

use serde::{Deserialize, Serialize};

/// The four entity kinds the tagger knows (ANERcorp's types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum NerKind {
    /// `PERS`: a person.
    Pers,
    /// `LOC`: a place.
    Loc,
    /// `ORG`: an organisation.
    Org,
    /// `MISC`: anything else named (events, products, nationalities in ANERcorp).
    Misc,
}

impl NerKind {
    /// Every kind, in tag-index order.
    pub const ALL: [NerKind; 4] = [NerKind::Pers, NerKind::Loc, NerKind::Org, NerKind::Misc];

    /// ANERcorp's name: `PERS`, `LOC`, `ORG`, `MISC`.
    pub fn name(self) -> &'static str {
        match self {
            NerKind::Pers => "PERS",
            NerKind::Loc => "LOC",
            NerKind::Org => "ORG",
            NerKind::Misc => "MISC",
        }
    }

    fn index(self) -> usize {
        match self {
            NerKind::Pers => 0,
            NerKind::Loc => 1,
            NerKind::Org => 2,
            NerKind::Misc => 3,
        }
    }
}

/// One IOB tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(NerKind),
    /// A later token of an entity.
    I(NerKind),
}

/// How many tags there are.
pub const N_TAGS: usize = 9;

impl Tag {
    /// The tag's index, `0..N_TAGS`: `O` is 0, then `B`/`I` pairs in [`NerKind::ALL`] order.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k.index(),
            Tag::I(k) => 2 + 2 * k.index(),
        }
    }

    /// The tag of an index below [`N_TAGS`] (`O` for anything else).
    pub fn from_index(i: usize) -> Tag {
        match i {
            1..N_TAGS => {
                let k = NerKind::ALL[(i - 1) / 2];
                if i % 2 == 1 { Tag::B(k) } else { Tag::I(k) }
            }
            _ => Tag::O,
        }
    }

    /// The kind, for `B`/`I`.
    pub fn kind(self) -> Option<NerKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }

    /// Parse `O`, `B-PERS` … (also `B-PER`, which some ANERcorp copies use).
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bio, kind) = s.split_once('-')?;
        let kind = match kind {
            "PERS" | "PER" => NerKind::Pers,
            "LOC" => NerKind::Loc,
            "ORG" => NerKind::Org,
            "MISC" => NerKind::Misc,
            _ => return None,
        };
        match bio {
            "B" => Some(Tag::B(kind)),
            "I" => Some(Tag::I(kind)),
            _ => None,
        }
    }

    /// Whether `self` may follow `prev` in IOB2 as the tagger writes it: `I-X` only after
    /// `B-X` or `I-X`.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(k) => matches!(prev, Some(Tag::B(p) | Tag::I(p)) if p == k),
            _ => true,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(k) => write!(f, "B-{}", k.name()),
            Tag::I(k) => write!(f, "I-{}", k.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_round_trip_and_parse() {
        for i in 0..N_TAGS {
            let t = Tag::from_index(i);
            assert_eq!(t.index(), i);
            assert_eq!(Tag::parse(&t.to_string()), Some(t));
        }
        assert_eq!(Tag::parse("B-PER"), Some(Tag::B(NerKind::Pers)));
        assert_eq!(Tag::parse("B-FOO"), None);
        assert_eq!(Tag::parse("X-LOC"), None);
        assert!(!Tag::I(NerKind::Loc).may_follow(Some(Tag::B(NerKind::Org))));
        assert!(Tag::I(NerKind::Loc).may_follow(Some(Tag::B(NerKind::Loc))));
        assert!(!Tag::I(NerKind::Loc).may_follow(None));
    }
}
