//! Arabic clitics for matching: the proclitics `و ف ب ك ل ال وال بال كال فال لل` and the
//! pronoun enclitics `ها هم هما هن كم كما كن نا ني ه ك ي`, split off conservatively.
//!
//! Without a lexicon no split is certain (`وزير` is not `و` + `زير`, `لبنان` is not `ل` +
//! `بنان`), so [`split_clitics`] takes only the safe ones, and [`clitic_candidates`] lists
//! every plausible reading for a caller that can check bases against known names.

/// A word read as proclitics + base + enclitic; the three slices concatenate to the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Split<'a> {
    /// Conjunction, preposition and article in front (`وال`), or empty.
    pub proclitic: &'a str,
    /// What is left: the word proper.
    pub base: &'a str,
    /// Pronoun suffix (`ها`), or empty.
    pub enclitic: &'a str,
}

impl Split<'_> {
    /// The base with its final `ت` read back as ta marbuta (`ه` after normalisation) when an
    /// enclitic was split off (`حكومتها` → `حكومه`); `None` when that does not apply.
    pub fn ta_marbuta_base(&self) -> Option<String> {
        if self.enclitic.is_empty() {
            return None;
        }
        let stem = self.base.strip_suffix('ت')?;
        Some(format!("{stem}ه"))
    }
}

/// Proclitic chains, longest first: conjunction? + preposition? + article, and the bare ones.
const ARTICLE_PREFIXES: [&str; 12] = [
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];
const BARE_PREFIXES: [&str; 9] = ["وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل"];
/// Enclitics, longest first.
const ENCLITICS: [&str; 12] = [
    "هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ني", "ه", "ك", "ي",
];
/// The two-letter-or-longer enclitics, the only ones [`split_clitics`] takes.
const SAFE_ENCLITICS: [&str; 8] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا"];

fn letters(s: &str) -> usize {
    s.chars().count()
}

/// The conservative reading of a word normalised at `Level::Match` or `Level::Search`: an
/// article-bearing proclitic (`ال`, `وال`, `بال`, `لل` …) when at least two letters remain,
/// or else a pronoun enclitic of two letters or more when at least three letters remain.
/// Bare `و ف ب ك ل` and one-letter enclitics are never taken here.
///
/// ```
/// use marsad_text::split_clitics;
/// let s = split_clitics("والمغرب");
/// assert_eq!((s.proclitic, s.base, s.enclitic), ("وال", "مغرب", ""));
/// assert_eq!(split_clitics("حكومتها").base, "حكومت");
/// assert_eq!(split_clitics("وزير").base, "وزير");
/// ```
pub fn split_clitics(word: &str) -> Split<'_> {
    for p in ARTICLE_PREFIXES {
        if let Some(rest) = word.strip_prefix(p)
            && letters(rest) >= 2
        {
            // Definite nouns take no pronoun suffix, so stop here.
            return Split {
                proclitic: &word[..p.len()],
                base: rest,
                enclitic: "",
            };
        }
    }
    for e in SAFE_ENCLITICS {
        if let Some(rest) = word.strip_suffix(e)
            && letters(rest) >= 3
        {
            return Split {
                proclitic: "",
                base: rest,
                enclitic: &word[rest.len()..],
            };
        }
    }
    Split {
        proclitic: "",
        base: word,
        enclitic: "",
    }
}

/// Every plausible reading of a word, the word itself first, then by how much is split off
/// (fewest letters first). Bases keep at least three letters (two after an article).
///
/// ```
/// use marsad_text::clitic_candidates;
/// let bases: Vec<&str> = clitic_candidates("وإسرائيل").iter().map(|s| s.base).collect();
/// assert!(bases.contains(&"إسرائيل"));
/// ```
pub fn clitic_candidates(word: &str) -> Vec<Split<'_>> {
    let mut out = vec![Split {
        proclitic: "",
        base: word,
        enclitic: "",
    }];
    let mut fronts: Vec<(usize, bool)> = vec![(0, false)];
    for p in ARTICLE_PREFIXES {
        if word.starts_with(p) {
            fronts.push((p.len(), true));
        }
    }
    for p in BARE_PREFIXES {
        if word.starts_with(p) {
            fronts.push((p.len(), false));
        }
    }
    for &(front, article) in &fronts {
        let rest = &word[front..];
        let min = if article { 2 } else { 3 };
        if front > 0 && letters(rest) >= min {
            out.push(Split {
                proclitic: &word[..front],
                base: rest,
                enclitic: "",
            });
        }
        if article {
            continue;
        }
        for e in ENCLITICS {
            if let Some(base) = rest.strip_suffix(e)
                && letters(base) >= 3
            {
                out.push(Split {
                    proclitic: &word[..front],
                    base,
                    enclitic: &rest[base.len()..],
                });
            }
        }
    }
    out.sort_by_key(|s| s.proclitic.len() + s.enclitic.len());
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(word: &str, expected: (&str, &str, &str)) {
        let s = split_clitics(word);
        assert_eq!((s.proclitic, s.base, s.enclitic), expected, "{word}");
    }

    #[test]
    fn conservative_splits() {
        check("والمغرب", ("وال", "مغرب", ""));
        check("بالمستشفي", ("بال", "مستشفي", ""));
        check("للامم", ("لل", "امم", ""));
        check("المغرب", ("ال", "مغرب", ""));
        check("كتابهم", ("", "كتاب", "هم"));
        check("حكومتنا", ("", "حكومت", "نا"));
        // Not split: too short, or only bare proclitics / one-letter enclitics.
        check("وزير", ("", "وزير", ""));
        check("لبنان", ("", "لبنان", ""));
        check("فلسطين", ("", "فلسطين", ""));
        check("كتابه", ("", "كتابه", ""));
        check("الم", ("", "الم", ""));
        check("منها", ("", "منها", ""));
    }

    #[test]
    fn candidates() {
        let c = clitic_candidates("ولبنان");
        let bases: Vec<&str> = c.iter().map(|s| s.base).collect();
        assert_eq!(bases[0], "ولبنان");
        assert!(bases.contains(&"لبنان"));
        assert!(bases.contains(&"بنان"));
        let c = clitic_candidates("وحكومته");
        assert!(
            c.iter()
                .any(|s| s.ta_marbuta_base().as_deref() == Some("حكومه"))
        );
        assert_eq!(clitic_candidates("من").len(), 1);
    }

    proptest! {
        #[test]
        fn splits_concatenate(w in "[\u{621}-\u{64A}]{0,10}") {
            let s = split_clitics(&w);
            prop_assert_eq!(format!("{}{}{}", s.proclitic, s.base, s.enclitic), w.clone());
            for c in clitic_candidates(&w) {
                prop_assert_eq!(format!("{}{}{}", c.proclitic, c.base, c.enclitic), w.clone());
                prop_assert!(!c.base.is_empty() || w.is_empty());
            }
        }
    }
}
