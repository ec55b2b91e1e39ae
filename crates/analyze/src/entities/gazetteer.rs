//! Gazetteers: lists of countries, capitals, Arab cities, ministries, armies, agencies,
//! companies, products and people (files in `crates/analyze/gazetteers/`, compiled in), matched
//! longest-first over normalised tokens, with the proclitics `و ف ب ل ك` (and `لل` → `ال`)
//! allowed on the first word.
//!
//! File format: UTF-8, `#` starts a comment line; each other line is
//! `canonical<TAB>alias|alias|…` (the canonical name is an alias too). Aliases are compared
//! after `Level::Search` normalisation, word by word. An alias written `~alias` is also a
//! common word (`مالي`, `العربية`): its matches are marked [`GazMatch::ambiguous`], so they
//! serve as tagger features and to link mentions, never as mentions on their own. The
//! people list is no tagger feature (the tagger's corpus predates most of its people); the
//! mention finder alone reads it.

use std::borrow::Cow;

use marsad_text::{Level, normalize, tokens};
use rustc_hash::{FxHashMap, FxHashSet};

use super::EntityType;

/// Which list an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum GazClass {
    /// `countries.tsv`.
    Country = 1,
    /// `capitals.tsv`.
    Capital = 2,
    /// `arab-cities.tsv`.
    City = 3,
    /// `ministries.tsv`.
    Ministry = 4,
    /// `armies.tsv`.
    Army = 5,
    /// `agencies.tsv`.
    Agency = 6,
    /// `companies.tsv`.
    Company = 7,
    /// `products.tsv`.
    Product = 8,
    /// `people.tsv`.
    Person = 9,
}

impl GazClass {
    /// The entity type of the list's entries.
    pub fn entity_type(self) -> EntityType {
        match self {
            GazClass::Country | GazClass::Capital | GazClass::City => EntityType::Location,
            GazClass::Ministry | GazClass::Army | GazClass::Agency | GazClass::Company => {
                EntityType::Organization
            }
            GazClass::Product => EntityType::Product,
            GazClass::Person => EntityType::Person,
        }
    }

    /// A stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            GazClass::Country => "country",
            GazClass::Capital => "capital",
            GazClass::City => "city",
            GazClass::Ministry => "ministry",
            GazClass::Army => "army",
            GazClass::Agency => "agency",
            GazClass::Company => "company",
            GazClass::Product => "product",
            GazClass::Person => "person",
        }
    }
}

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazEntry {
    /// The name to show.
    pub canonical: String,
    /// The list.
    pub class: GazClass,
}

/// A match of an entry over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Index of the entry ([`Gazetteer::entry`]).
    pub entry: usize,
    /// Whether the matched alias is also a common word.
    pub ambiguous: bool,
}

/// The lists, indexed for matching.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<GazEntry>,
    by_alias: FxHashMap<String, (usize, bool)>,
    first_words: FxHashSet<String>,
    max_words: usize,
}

const LISTS: [(GazClass, &str); 9] = [
    (
        GazClass::Country,
        include_str!("../../gazetteers/countries.tsv"),
    ),
    (
        GazClass::Capital,
        include_str!("../../gazetteers/capitals.tsv"),
    ),
    (
        GazClass::City,
        include_str!("../../gazetteers/arab-cities.tsv"),
    ),
    (
        GazClass::Ministry,
        include_str!("../../gazetteers/ministries.tsv"),
    ),
    (GazClass::Army, include_str!("../../gazetteers/armies.tsv")),
    (
        GazClass::Agency,
        include_str!("../../gazetteers/agencies.tsv"),
    ),
    (
        GazClass::Company,
        include_str!("../../gazetteers/companies.tsv"),
    ),
    (
        GazClass::Product,
        include_str!("../../gazetteers/products.tsv"),
    ),
    (
        GazClass::Person,
        include_str!("../../gazetteers/people.tsv"),
    ),
];

/// The words of an alias or of text, normalised at `Level::Search`.
fn words(text: &str) -> Vec<String> {
    let n = normalize(text, Level::Search);
    tokens(&n).iter().map(|t| t.surface.to_owned()).collect()
}

/// The readings of a first word with its proclitics removed, the word itself first.
/// At most four (the word, without its conjunction, and each of those without a
/// preposition), kept in place: this runs on every token the tagger sees.
pub(crate) fn proclitic_variants(word: &str) -> Variants<'_> {
    let mut out = Variants {
        items: [
            Cow::Borrowed(word),
            Cow::Borrowed(""),
            Cow::Borrowed(""),
            Cow::Borrowed(""),
        ],
        len: 1,
    };
    let long = |s: &str| s.chars().nth(2).is_some();
    let conj = word.strip_prefix(['و', 'ف']).filter(|rest| long(rest));
    if let Some(rest) = conj {
        out.push(Cow::Borrowed(rest));
    }
    for w in std::iter::once(word).chain(conj) {
        if let Some(rest) = w.strip_prefix("لل")
            && long(rest)
        {
            out.push(Cow::Owned(format!("ال{rest}")));
        } else if let Some(rest) = w.strip_prefix(['ب', 'ل', 'ك'])
            && long(rest)
        {
            out.push(Cow::Borrowed(rest));
        }
    }
    out
}

/// What [`proclitic_variants`] gives: a slice of up to four readings.
pub(crate) struct Variants<'a> {
    items: [Cow<'a, str>; 4],
    len: usize,
}

impl<'a> Variants<'a> {
    fn push(&mut self, v: Cow<'a, str>) {
        self.items[self.len] = v;
        self.len += 1;
    }
}

impl<'a> std::ops::Deref for Variants<'a> {
    type Target = [Cow<'a, str>];

    fn deref(&self) -> &Self::Target {
        &self.items[..self.len]
    }
}

impl Gazetteer {
    /// The lists bundled with Marsad.
    pub fn bundled() -> Gazetteer {
        let mut g = Gazetteer::default();
        for (class, text) in LISTS {
            g.add_list(class, text);
        }
        g
    }

    /// Add the entries of one list file (format in the module doc). An alias already taken
    /// by an earlier entry keeps its first entry.
    pub fn add_list(&mut self, class: GazClass, text: &str) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (canonical, aliases) = line.split_once('\t').unwrap_or((line, ""));
            let canonical = canonical.trim();
            let name = canonical.trim_start_matches('~');
            if name.is_empty() {
                continue;
            }
            let id = self.entries.len();
            self.entries.push(GazEntry {
                canonical: name.to_owned(),
                class,
            });
            for alias in std::iter::once(canonical).chain(aliases.split('|')) {
                let ambiguous = alias.trim().starts_with('~');
                let w = words(alias.trim().trim_start_matches('~'));
                if w.is_empty() {
                    continue;
                }
                self.max_words = self.max_words.max(w.len());
                self.first_words.insert(w[0].clone());
                self.by_alias.entry(w.join(" ")).or_insert((id, ambiguous));
            }
        }
    }

    /// The entry at `index` (from a [`GazMatch`]).
    pub fn entry(&self, index: usize) -> &GazEntry {
        &self.entries[index]
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose alias is `name` as written (any text; normalised here), no proclitic
    /// taken off: `وجيش الدفاع` is not known where `جيش الدفاع` is.
    pub fn lookup_exact(&self, name: &str) -> Option<usize> {
        self.by_alias
            .get(&words(name).join(" "))
            .map(|&(entry, _)| entry)
    }

    /// The entry whose alias is exactly `name` (any text; normalised here), proclitics on the
    /// first word allowed.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let w = words(name);
        let refs: Vec<&str> = w.iter().map(String::as_str).collect();
        self.find(&refs)
            .first()
            .filter(|m| m.start == 0 && m.end == refs.len())
            .map(|m| m.entry)
    }

    /// Longest matches, left to right, over tokens already normalised at `Level::Search`.
    pub fn find(&self, norms: &[&str]) -> Vec<GazMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        while i < norms.len() {
            let mut found: Option<GazMatch> = None;
            for first in proclitic_variants(norms[i]).iter() {
                if !self.first_words.contains(first.as_ref()) {
                    continue;
                }
                let most = self.max_words.min(norms.len() - i);
                for len in (1..=most).rev() {
                    if found.is_some_and(|f| f.end >= i + len) {
                        break;
                    }
                    key.clear();
                    key.push_str(first);
                    for w in &norms[i + 1..i + len] {
                        key.push(' ');
                        key.push_str(w);
                    }
                    if let Some(&(entry, ambiguous)) = self.by_alias.get(&key) {
                        found = Some(GazMatch {
                            start: i,
                            end: i + len,
                            entry,
                            ambiguous,
                        });
                        break;
                    }
                }
            }
            match found {
                Some(m) => {
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_with_proclitics() {
        let mut g = Gazetteer::default();
        g.add_list(GazClass::Country, "المغرب\tالمملكة المغربية\nإسرائيل\n");
        g.add_list(
            GazClass::Army,
            "الجيش الإسرائيلي\tجيش الدفاع الإسرائيلي|جيش الدفاع\n",
        );
        let text = words("زار وفد جيش الدفاع الإسرائيلي المملكة المغربية وللمغرب وبإسرائيل");
        let refs: Vec<&str> = text.iter().map(String::as_str).collect();
        let m = g.find(&refs);
        let got: Vec<(usize, usize, &str)> = m
            .iter()
            .map(|m| (m.start, m.end, g.entry(m.entry).canonical.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, 5, "الجيش الإسرائيلي"),
                (5, 7, "المغرب"),
                (7, 8, "المغرب"),
                (8, 9, "إسرائيل")
            ]
        );
        assert_eq!(g.lookup("جيش الدفاع"), g.lookup("الجيش الإسرائيلي"));
        assert_eq!(g.lookup("جيش"), None);
    }

    #[test]
    fn proclitic_readings_in_order() {
        let read = |w: &str| -> Vec<String> {
            proclitic_variants(w)
                .iter()
                .map(|v| v.to_string())
                .collect()
        };
        assert_eq!(read("وللمغرب"), ["وللمغرب", "للمغرب", "المغرب"]);
        assert_eq!(read("وبإسرائيل"), ["وبإسرائيل", "بإسرائيل", "إسرائيل"]);
        assert_eq!(read("فلبنان"), ["فلبنان", "لبنان", "بنان"]);
        assert_eq!(read("للمغرب"), ["للمغرب", "المغرب"]);
        assert_eq!(read("وبر"), ["وبر"]);
        assert_eq!(read("مصر"), ["مصر"]);
    }

    #[test]
    fn bundled_lists_load() {
        let g = Gazetteer::bundled();
        assert!(g.len() > 100, "{} entries", g.len());
        let e = g
            .lookup("المملكة المغربية")
            .map(|i| g.entry(i).canonical.clone());
        assert_eq!(e.as_deref(), Some("المغرب"));
    }
}
