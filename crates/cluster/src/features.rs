//! What a [`Doc`] is compared by: a weighted term vector (headline and lead weigh most, late
//! paragraphs little, so a recounted old story in the body does not pull the article to it),
//! a headline vector, named-thing keys, and the day of the happening it reports.

use chrono::{Duration, NaiveDate};
use marsad_text::{
    Level, Precision, for_each_search_term, is_stopword, name_key, normalize, parse_dates, tokens,
};

use crate::Doc;
use crate::vocab::{TermId, Vocab};

/// A sparse vector: `(term, weight)` sorted by term, each term once.
pub type Sparse = Vec<(TermId, f32)>;

/// Weight of a headline word in the content vector.
const TITLE_WEIGHT: f32 = 2.0;
/// Weight of a word in the lead (the first two paragraphs).
const LEAD_WEIGHT: f32 = 1.0;
/// Weight of a word in paragraphs 3 to 6.
const BODY_WEIGHT: f32 = 0.7;
/// Weight of a word in paragraphs 7 to [`MAX_PARAGRAPHS`].
const TAIL_WEIGHT: f32 = 0.35;
/// Paragraphs after this are not read for content (teasers of other stories sit there).
const MAX_PARAGRAPHS: usize = 12;
/// Named-thing keys live in the vocabulary under this prefix, apart from stems.
pub const KEY_PREFIX: &str = "\u{1}";
/// How far before the publication time a date in the lead may be to count as the day of
/// the reported happening («أعلن الثلاثاء …»).
pub(crate) const HAPPENING_LOOKBACK_DAYS: i64 = 7;

/// The features of one document, interned in a [`Vocab`].
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Content: sublinear weighted term frequencies.
    pub terms: Sparse,
    /// The headline's terms.
    pub title: Sparse,
    /// Named-thing keys (entity keys when given, else guessed).
    pub keys: Sparse,
    /// The day of the happening reported, as days since 1970-01-01.
    pub day: i64,
}

impl Features {
    /// Every distinct id of the document (for document frequencies).
    pub fn distinct(&self) -> Vec<TermId> {
        let mut ids: Vec<TermId> = self
            .terms
            .iter()
            .chain(&self.title)
            .chain(&self.keys)
            .map(|&(t, _)| t)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Compute the features of `doc`, interning new terms in `vocab` (document frequencies are
/// not touched: see [`Vocab::observe`]).
pub fn features(doc: &Doc, vocab: &mut Vocab) -> Features {
    read(doc).intern(vocab)
}

/// What [`features`] reads off a document before interning: the pure, costly half (words,
/// stems, name keys, dates), so that a batch can read its documents on every core and then
/// intern them one by one in batch order (term ids follow that order).
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    /// The terms one after another (one buffer, not a `String` per term).
    text: String,
    /// Each term's end in `text` and weight: the headline's first, then the paragraphs'.
    terms: Vec<(usize, f32)>,
    /// How many of `terms` are the headline's.
    title_terms: usize,
    keys: Vec<(String, f32)>,
    day: i64,
}

/// The pure half of [`features`].
pub(crate) fn read(doc: &Doc) -> Read {
    let mut r = Read::default();
    let push = |r: &mut Read, t: &str, w: f32| {
        r.text.push_str(t);
        r.terms.push((r.text.len(), w));
    };
    for_each_search_term(&doc.title, |t| push(&mut r, t, TITLE_WEIGHT));
    r.title_terms = r.terms.len();
    for (i, paragraph) in doc.paragraphs.iter().take(MAX_PARAGRAPHS).enumerate() {
        let w = match i {
            0 | 1 => LEAD_WEIGHT,
            2..=5 => BODY_WEIGHT,
            _ => TAIL_WEIGHT,
        };
        for_each_search_term(paragraph, |t| push(&mut r, t, w));
    }
    r.keys = named_keys(doc);
    r.day = happening_day(doc);
    r
}

impl Read {
    /// The interning half of [`features`]: terms in the order they were read, then keys.
    pub(crate) fn intern(self, vocab: &mut Vocab) -> Features {
        let mut start = 0;
        let mut terms: Vec<(TermId, f32)> = Vec::with_capacity(self.terms.len());
        for &(end, w) in &self.terms {
            let term = self.text.get(start..end).unwrap_or_default();
            terms.push((vocab.intern(term), w));
            start = end;
        }
        let mut title: Vec<(TermId, f32)> = terms[..self.title_terms]
            .iter()
            .map(|&(t, _)| (t, 1.0))
            .collect();
        let mut terms = merge(terms);
        for (_, w) in &mut terms {
            *w = if *w > 1.0 { 1.0 + w.ln() } else { *w };
        }
        let title = {
            title.sort_unstable_by_key(|&(t, _)| t);
            merge(title)
        };
        let keys = merge(
            self.keys
                .into_iter()
                .map(|(k, w)| (vocab.intern(&format!("{KEY_PREFIX}{k}")), w))
                .collect(),
        );
        Features {
            terms,
            title,
            keys,
            day: self.day,
        }
    }
}

/// Sort by term and add up the weights of repeated terms.
fn merge(mut v: Vec<(TermId, f32)>) -> Sparse {
    v.sort_unstable_by_key(|&(t, _)| t);
    let mut out: Sparse = Vec::with_capacity(v.len());
    for (t, w) in v {
        match out.last_mut() {
            Some((last, acc)) if *last == t => *acc += w,
            _ => out.push((t, w)),
        }
    }
    out
}

/// Named things of the headline and lead, with weights: entity keys from a recogniser when
/// the document has them (weight 2), Latin capitalised runs (`IAI Harop`), and, without a
/// recogniser, the name keys of proper-noun-ish Arabic words (no article, not a stop word,
/// at least four letters) that the headline and the lead both use: a crude guess, but names
/// are what a lead repeats from its headline. Name keys fold transliteration variants
/// (`كوخافي` / `كوشافي`) that stems keep apart.
fn named_keys(doc: &Doc) -> Vec<(String, f32)> {
    let mut keys = Vec::new();
    if let Some(entities) = &doc.entities {
        keys.extend(entities.iter().map(|e| (name_key(e), 2.0)));
    }
    let lead = doc.paragraphs.first().map_or("", String::as_str);
    let mut arabic: Vec<Vec<String>> = Vec::new();
    for text in [doc.title.as_str(), lead] {
        let mut run: Vec<&str> = Vec::new();
        let mut words = Vec::new();
        for tok in tokens(text) {
            if tok
                .surface
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
            {
                run.push(tok.surface);
                continue;
            }
            if !run.is_empty() {
                keys.push((run.join(" ").to_lowercase(), 1.0));
                run.clear();
            }
            let word = normalize(tok.surface, Level::Match);
            if proper_nounish(&word) {
                words.push(name_key(&word));
            }
        }
        if !run.is_empty() {
            keys.push((run.join(" ").to_lowercase(), 1.0));
        }
        arabic.push(words);
    }
    if let (None, [title, lead]) = (&doc.entities, arabic.as_slice()) {
        let mut shared: Vec<&String> = title.iter().filter(|k| lead.contains(k)).collect();
        shared.sort();
        shared.dedup();
        keys.extend(shared.into_iter().map(|k| (k.clone(), 1.0)));
    }
    keys.retain(|(k, _)| !k.is_empty());
    keys
}

fn proper_nounish(word: &str) -> bool {
    let arabic = word.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c));
    arabic
        && word.chars().count() >= 4
        && !is_stopword(word)
        && !["ال", "وال", "بال", "لل", "فال", "كال"]
            .iter()
            .any(|p| word.starts_with(p))
}

/// The day of the happening: the first dated day in the headline or lead that falls in the
/// week before publication (at day precision or finer), else the publication day.
fn happening_day(doc: &Doc) -> i64 {
    let published = doc.time.date();
    let earliest = published - Duration::days(HAPPENING_LOOKBACK_DAYS);
    let lead = doc.paragraphs.first().map_or("", String::as_str);
    let day = [doc.title.as_str(), lead]
        .iter()
        .flat_map(|t| parse_dates(t, doc.time))
        .filter(|m| m.value.precision >= Precision::Day)
        .map(|m| m.value.datetime.date())
        .find(|d| *d >= earliest && *d <= published);
    epoch_day(day.unwrap_or(published))
}

/// Days since 1970-01-01.
pub fn epoch_day(date: NaiveDate) -> i64 {
    i64::from(date.to_epoch_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, paragraphs: &[&str]) -> Doc {
        Doc {
            id: "d".into(),
            source: None,
            time: NaiveDate::from_ymd_opt(2022, 7, 20)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .unwrap(),
            dated: true,
            time_from_text: false,
            title: title.into(),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            entities: None,
        }
    }

    #[test]
    fn headline_weighs_more_than_the_tail() {
        let mut v = Vocab::default();
        let mut paras = vec!["كلام عام"; 8];
        paras.push("زلزال");
        let d = doc("كوخافي يزور الرباط", &paras);
        let f = features(&d, &mut v);
        let mut w = |t: &str| {
            let id = v.intern(t);
            f.terms.iter().find(|(x, _)| *x == id).map(|(_, w)| *w)
        };
        assert!(w("كوخاف").unwrap_or(0.0) > w("زلزال").unwrap_or(0.0));
        assert!(!f.title.is_empty());
    }

    #[test]
    fn happening_day_from_the_lead() {
        let mut v = Vocab::default();
        let d = doc("زيارة", &["وصل رئيس الأركان يوم 19 يوليو 2022 إلى الرباط"]);
        let f = features(&d, &mut v);
        assert_eq!(
            f.day,
            epoch_day(NaiveDate::from_ymd_opt(2022, 7, 19).unwrap())
        );
        let d = doc("زيارة", &["في 10 دجنبر 2020 أعلنت الدولتان"]);
        assert_eq!(features(&d, &mut v).day, epoch_day(d.time.date()));
    }

    #[test]
    fn latin_runs_and_entities_become_keys() {
        let mut v = Vocab::default();
        let mut d = doc("صفقة IAI Harop مع كوخافي", &["التقى كوخافي بمسؤولين"]);
        let f = features(&d, &mut v);
        assert!(
            f.keys
                .iter()
                .any(|&(k, _)| v.term(k) == format!("{KEY_PREFIX}iai harop"))
        );
        let kochavi = format!("{KEY_PREFIX}{}", name_key("كوخافي"));
        assert!(f.keys.iter().any(|&(k, _)| v.term(k) == kochavi));
        assert!(
            !f.keys
                .iter()
                .any(|&(k, _)| v.term(k) == format!("{KEY_PREFIX}{}", name_key("صفقة")))
        );
        d.entities = Some(vec!["أفيف كوخافي".into()]);
        let f = features(&d, &mut v);
        let key = format!("{KEY_PREFIX}{}", name_key("أفيف كوخافي"));
        assert!(f.keys.iter().any(|&(k, _)| v.term(k) == key));
    }
}
