//! Resolution inside one article: mentions that name the same thing become one entity with a
//! canonical name and all its forms.
//!
//! Rules, in this order (types kept apart, except that a gazetteer entry is one entity
//! whatever type the tagger said; rules 2 and 3 join names to a listed person, not to a
//! listed place or organisation):
//! 1. mentions a gazetteer knows (`المملكة المغربية` = `المغرب`) join the entry's entity;
//! 2. names of two or more words join an entity with a form of [`NAME_SAME`] similarity
//!    (transliteration variants, word order swapped, `محمد بن الوالي` = `محمد بنوالي`);
//!    a person's fuller name (`عادل بن أحمد الجبير`) joins the listed person whose name it
//!    holds, first word first (`عادل الجبير`); a listed person's name counts as a form;
//! 3. a shorter name (`كوخافي`, `العلوي بوحامد`) joins the one longer name of the story
//!    that contains all its words and not only as its first word: a surname links, a lone
//!    first name does not, and a surname two full names share stays apart (no evidence);
//! 4. anything else is an entity of its own (two bare `محمد` are one, as the text cannot
//!    tell them apart).
//!
//! Titles and roles never take part: they were cut from [`Mention::name`] before.

use std::cell::RefCell;

use marsad_text::{NAME_SAME, NameWords};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{EntityType, Mention};

/// An entity of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntity {
    /// What it is (the majority of its mentions, or its list's type).
    pub entity_type: EntityType,
    /// The name to show: the gazetteer's, else the longest form (the most frequent of those).
    pub canonical: String,
    /// Every distinct name it was written with (roles cut), in order of appearance.
    pub forms: Vec<String>,
    /// Its mentions: indices into the article's mention list.
    pub mentions: Vec<usize>,
    /// The gazetteer entry's canonical name, if a list knows it.
    pub gazetteer: Option<String>,
}

/// Words of a name for containment tests: each word as a one-word name.
fn words(name: &str) -> Vec<&str> {
    name.split_whitespace().collect()
}

fn first_word(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or_default()
}

/// Names (and the words of names) read once for the comparisons of one pass: resolution
/// compares each mention's name, and each of its words, with every form found before, and
/// reading a name (normalising, splitting, joining particles) costs more than comparing two
/// read ones. Same answers as `name_similarity` and `name_key`.
#[derive(Debug, Default)]
pub(crate) struct NameCache {
    read: RefCell<FxHashMap<String, NameWords>>,
}

impl NameCache {
    fn with<R>(&self, names: [&str; 2], f: impl FnOnce([&NameWords; 2]) -> R) -> R {
        {
            let mut read = self.read.borrow_mut();
            for name in names {
                if !read.contains_key(name) {
                    read.insert(name.to_owned(), NameWords::new(name));
                }
            }
        }
        let read = self.read.borrow();
        let [a, b] = names;
        match (read.get(a), read.get(b)) {
            (Some(x), Some(y)) => f([x, y]),
            // Not reached: both were read just above.
            _ => f([&NameWords::new(a), &NameWords::new(b)]),
        }
    }

    /// `name_similarity(a, b)`.
    pub(crate) fn similarity(&self, a: &str, b: &str) -> f64 {
        self.with([a, b], |[x, y]| x.similarity(y))
    }

    /// `name_key(name)`.
    pub(crate) fn key(&self, name: &str) -> String {
        self.with([name, name], |[x, _]| x.key().to_owned())
    }
}

fn same_word(a: &str, b: &str, names: &NameCache) -> bool {
    a == b || names.similarity(a, b) >= NAME_SAME
}

/// Whether every word of `short` is a word of `long`, and not only `long`'s first word.
pub(crate) fn contained_as_surname(short: &str, long: &str, names: &NameCache) -> bool {
    let s = words(short);
    let l = words(long);
    if s.is_empty() || s.len() >= l.len() {
        return false;
    }
    let mut used = vec![false; l.len()];
    for w in &s {
        let hit = (0..l.len()).find(|&j| !used[j] && same_word(w, l[j], names));
        match hit {
            Some(j) => used[j] = true,
            None => return false,
        }
    }
    // A match of the first word only (a first name) is no evidence.
    !(s.len() == 1 && used[0])
}

fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b
        || matches!(
            (a, b),
            (EntityType::Misc, EntityType::Product) | (EntityType::Product, EntityType::Misc)
        )
}

/// Group an article's mentions into entities (rules in the module doc). Every mention is in
/// exactly one entity; entities come in order of first mention.
///
/// ```
/// use marsad_analyze::{MentionFinder, ner_model, resolve_article};
/// let text = "التقى الجنرال أفيف كوخافي بنظيره المغربي. وقال كوخافي إن الزيارة مهمة.";
/// let mentions = MentionFinder::new(ner_model()).find(text);
/// let entities = resolve_article(&mentions);
/// let kochavi = entities.iter().find(|e| e.canonical == "أفيف كوخافي").unwrap();
/// assert!(kochavi.forms.iter().any(|f| f == "كوخافي"));
/// ```
pub fn resolve_article(mentions: &[Mention]) -> Vec<ArticleEntity> {
    let names = NameCache::default();
    let mut entities: Vec<ArticleEntity> = Vec::new();
    let mut by_gazetteer: FxHashMap<&str, usize> = FxHashMap::default();
    let mut assigned: Vec<Option<usize>> = vec![None; mentions.len()];
    let join = |entities: &mut Vec<ArticleEntity>, e: usize, i: usize, m: &Mention| {
        let ent = &mut entities[e];
        ent.mentions.push(i);
        if !ent.forms.contains(&m.name) {
            ent.forms.push(m.name.clone());
        }
    };
    let new = |entities: &mut Vec<ArticleEntity>, i: usize, m: &Mention| {
        entities.push(ArticleEntity {
            entity_type: m.entity_type,
            canonical: m.name.clone(),
            forms: vec![m.name.clone()],
            mentions: vec![i],
            gazetteer: m.gazetteer.clone(),
        });
        entities.len() - 1
    };
    // 1. Gazetteer entries.
    for (i, m) in mentions.iter().enumerate() {
        if let Some(g) = m.gazetteer.as_deref() {
            let e = match by_gazetteer.get(g) {
                Some(&e) => {
                    join(&mut entities, e, i, m);
                    e
                }
                None => {
                    let e = new(&mut entities, i, m);
                    by_gazetteer.insert(g, e);
                    e
                }
            };
            assigned[i] = Some(e);
        }
    }
    // 2. Longer names first, so a surname seen before its full name still finds it.
    let mut order: Vec<usize> = (0..mentions.len())
        .filter(|&i| assigned[i].is_none())
        .collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(words(&mentions[i].name).len()), i));
    let mut keys: FxHashMap<(EntityType, String), usize> = FxHashMap::default();
    for i in order {
        let m = &mentions[i];
        let key = names.key(&m.name);
        let n_words = words(&m.name).len();
        let mut target = keys.get(&(m.entity_type, key.clone())).copied();
        if target.is_none() && n_words >= 2 && m.entity_type == EntityType::Person {
            // 2a. A fuller form of a listed person's name (`عادل بن أحمد الجبير` holds
            // `عادل الجبير`, first word first) is that person.
            let hits: Vec<usize> = entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.gazetteer.is_some() && e.entity_type == EntityType::Person)
                .filter(|(_, e)| {
                    let c = e.gazetteer.as_deref().unwrap_or_default();
                    words(c).len() >= 2
                        && contained_as_surname(c, &m.name, &names)
                        && same_word(first_word(c), first_word(&m.name), &names)
                })
                .map(|(k, _)| k)
                .collect();
            if hits.len() == 1 {
                target = Some(hits[0]);
            }
        }
        if target.is_none() && n_words >= 2 {
            target = entities
                .iter()
                .enumerate()
                .filter(|(_, e)| open_to_names(e) && compatible(e.entity_type, m.entity_type))
                .map(|(k, e)| {
                    let s = forms_and_listed(e)
                        .map(|f| names.similarity(f, &m.name))
                        .fold(0.0, f64::max);
                    (k, s)
                })
                .filter(|&(_, s)| s >= NAME_SAME)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(k, _)| k);
        }
        if target.is_none() {
            // 3. Contained in exactly one longer name.
            let hits: Vec<usize> = entities
                .iter()
                .enumerate()
                .filter(|(_, e)| open_to_names(e) && compatible(e.entity_type, m.entity_type))
                .filter(|(_, e)| {
                    forms_and_listed(e).any(|f| contained_as_surname(&m.name, f, &names))
                })
                .map(|(k, _)| k)
                .collect();
            if hits.len() == 1 {
                target = Some(hits[0]);
            }
        }
        let e = match target {
            Some(e) => {
                join(&mut entities, e, i, m);
                e
            }
            None => new(&mut entities, i, m),
        };
        keys.entry((m.entity_type, key)).or_insert(e);
        assigned[i] = Some(e);
    }
    // Canonical names and types; entities in order of first mention.
    for e in &mut entities {
        e.mentions.sort_unstable();
        if let Some(g) = &e.gazetteer {
            e.canonical = g.clone();
        } else {
            let count = |f: &str| {
                e.mentions
                    .iter()
                    .filter(|&&i| mentions[i].name == f)
                    .count()
            };
            let best = e
                .forms
                .iter()
                .enumerate()
                .max_by_key(|(k, f)| (words(f).len(), count(f), std::cmp::Reverse(*k)))
                .map(|(_, f)| f.clone());
            if let Some(b) = best {
                e.canonical = b;
            }
        }
        let mut votes: FxHashMap<EntityType, (usize, usize)> = FxHashMap::default();
        for (rank, &i) in e.mentions.iter().enumerate() {
            let v = votes.entry(mentions[i].entity_type).or_insert((0, rank));
            v.0 += 1;
        }
        if let Some(list) = e.mentions.iter().find_map(|&i| mentions[i].list) {
            e.entity_type = list.entity_type();
        } else if let Some((&t, _)) = votes
            .iter()
            .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
        {
            e.entity_type = t;
        }
    }
    entities.sort_by_key(|e| e.mentions.first().copied().unwrap_or(usize::MAX));
    entities
}

/// Whether rules 2 and 3 may join a name to `e`: an entity no list knows, or a person from
/// the people list (`السيسي` after `عبد الفتاح السيسي`); a listed place or organisation
/// takes only its list's forms.
fn open_to_names(e: &ArticleEntity) -> bool {
    e.gazetteer.is_none() || e.entity_type == EntityType::Person
}

/// The forms of `e`, and its list's name when a list knows it.
fn forms_and_listed(e: &ArticleEntity) -> impl Iterator<Item = &str> {
    e.forms
        .iter()
        .map(String::as_str)
        .chain(e.gazetteer.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MentionSource;

    fn person(name: &str) -> Mention {
        Mention {
            entity_type: EntityType::Person,
            start: 0,
            end: name.len(),
            surface: name.to_owned(),
            name: name.to_owned(),
            role: None,
            gazetteer: None,
            list: None,
            source: MentionSource::Tagger,
        }
    }

    fn groups(names: &[&str]) -> Vec<Vec<String>> {
        let mentions: Vec<Mention> = names.iter().map(|n| person(n)).collect();
        resolve_article(&mentions)
            .into_iter()
            .map(|e| e.mentions.iter().map(|&i| names[i].to_owned()).collect())
            .collect()
    }

    #[test]
    fn surname_links_to_the_full_name() {
        let g = groups(&[
            "أفيف كوخافي",
            "بيني غانتس",
            "كوخافي",
            "أفيفي خوكافي",
            "غانتس",
        ]);
        assert_eq!(
            g,
            [
                vec!["أفيف كوخافي", "كوخافي", "أفيفي خوكافي"],
                vec!["بيني غانتس", "غانتس"]
            ]
        );
    }

    #[test]
    fn surname_before_the_full_name_and_word_order() {
        let g = groups(&[
            "بوحامد",
            "العابد العلوي بوحامد",
            "الفاروق بلخير",
            "بلخير الفاروق",
        ]);
        assert_eq!(
            g,
            [
                vec!["بوحامد", "العابد العلوي بوحامد"],
                vec!["الفاروق بلخير", "بلخير الفاروق"]
            ]
        );
    }

    #[test]
    fn two_people_sharing_a_name_stay_two() {
        // Two different محمد; the bare first name joins neither.
        let g = groups(&["محمد الطيار", "محمد بنوالي", "محمد"]);
        assert_eq!(g.len(), 3, "{g:?}");
        // A surname two full names share is no evidence either.
        let g = groups(&["أحمد الطيار", "سعيد الطيار", "الطيار"]);
        assert_eq!(g.len(), 3, "{g:?}");
    }

    fn listed(name: &str, canonical: &str) -> Mention {
        Mention {
            gazetteer: Some(canonical.to_owned()),
            list: Some(crate::GazClass::Person),
            source: MentionSource::Gazetteer,
            ..person(name)
        }
    }

    #[test]
    fn fuller_and_shorter_names_join_a_listed_person() {
        let mentions = [
            listed("الجبير", "عادل الجبير"),
            person("عادل بن أحمد الجبير"),
            person("محمد بن سلمان بن عبدالعزيز"),
            listed("سلمان", "سلمان بن عبد العزيز"),
            listed("محمد بن سلمان", "محمد بن سلمان"),
        ];
        let e = resolve_article(&mentions);
        let groups: Vec<(&str, &[usize])> = e
            .iter()
            .map(|e| (e.canonical.as_str(), e.mentions.as_slice()))
            .collect();
        // The fuller name holds the listed name, first word first; the prince's full name
        // holds the king's first name but does not start with it.
        assert_eq!(
            groups,
            [
                ("عادل الجبير", &[0, 1][..]),
                ("محمد بن سلمان", &[2, 4][..]),
                ("سلمان بن عبد العزيز", &[3][..]),
            ]
        );
    }

    #[test]
    fn canonical_is_the_longest_form() {
        let mentions: Vec<Mention> = ["غانتس", "بيني غانتس", "غانتس"]
            .iter()
            .map(|n| person(n))
            .collect();
        let e = resolve_article(&mentions);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].canonical, "بيني غانتس");
        assert_eq!(e[0].forms, ["بيني غانتس", "غانتس"]);
        assert_eq!(e[0].mentions, [0, 1, 2]);
    }
}
