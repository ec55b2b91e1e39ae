//! The word lists the scores read, normalised at [`Level::Search`](marsad_text::Level), and
//! phrase matching on normalised words (a phrase may carry a conjunction or preposition on
//! its first word: `والرئيس`، `بوزارة`).
//!
//! Every list is general news vocabulary, not words of any particular page.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use marsad_text::{Level, normalize, tokens};
use rustc_hash::{FxHashMap, FxHashSet};

/// Sensational and clickbait phrases (title weighs most; see `credibility.rs`).
pub(crate) const CLICKBAIT: &[&str] = &[
    "عاجل",
    "صادم",
    "صادمه",
    "صدمه",
    "لن تصدق",
    "لا تصدق",
    "لن تتوقع",
    "ستصدم",
    "شاهد",
    "شاهدوا",
    "بالفيديو",
    "بالصور",
    "فيديو صادم",
    "فضيحه",
    "كارثه",
    "مفاجاه",
    "مفاجاه مدويه",
    "تعرف علي",
    "اليك",
    "السر وراء",
    "ما حدث",
    "هذا ما حدث",
    "مرعب",
    "مرعبه",
    "انتبه",
    "احذر",
    "قبل الحذف",
    "لا يفوتك",
    "بشكل لا يصدق",
    "تفجر مفاجاه",
    "يقلب الطاوله",
    "الحقيقه الكامله",
];

/// Words that mark opinion writing when they open the title, the standfirst or the body.
pub(crate) const OPINION_MARKERS: &[&str] = &[
    "راي",
    "مقال",
    "مقال راي",
    "بقلم",
    "وجهه نظر",
    "عمود",
    "افتتاحيه",
    "خواطر",
    "تحليل",
];

/// First-person words; outside quotations they mark the writer speaking.
pub(crate) const FIRST_PERSON: &[&str] = &[
    "انا",
    "نحن",
    "اظن",
    "اعتقد",
    "برايي",
    "رايي",
    "اري",
    "اعتقادي",
    "لدي",
    "انني",
    "اننا",
    "نري",
    "نعتقد",
    "اتساءل",
    "نتساءل",
];

/// Offices and bodies of rank, with their importance weight (logit). Heads of state and
/// government weigh most, then international bodies, then ministries and parliaments.
pub(crate) const RANK: &[(&str, f32)] = &[
    ("رئيس الجمهوريه", 0.35),
    ("رئيس الدوله", 0.35),
    ("الرئيس", 0.25),
    ("الملك", 0.35),
    ("العاهل", 0.35),
    ("ولي العهد", 0.3),
    ("الامير", 0.2),
    ("امير", 0.2),
    ("رئيس الوزراء", 0.35),
    ("رئيس الحكومه", 0.35),
    ("الوزير الاول", 0.35),
    ("الامين العام", 0.25),
    ("الامم المتحده", 0.25),
    ("مجلس الامن", 0.3),
    ("الاتحاد الاوروبي", 0.2),
    ("جامعه الدول العربيه", 0.2),
    ("حلف الناتو", 0.25),
    ("البيت الابيض", 0.3),
    ("الكرملين", 0.3),
    ("صندوق النقد", 0.2),
    ("البنك الدولي", 0.2),
    ("البنك المركزي", 0.2),
    ("وزير", 0.2),
    ("وزيره", 0.2),
    ("وزاره", 0.15),
    ("البرلمان", 0.15),
    ("مجلس النواب", 0.15),
    ("مجلس الشيوخ", 0.15),
    ("مجلس الشوري", 0.15),
    ("الكنيست", 0.15),
    ("الحكومه", 0.1),
    ("الجيش", 0.1),
];

/// Casualty words.
pub(crate) const CASUALTIES: &[&str] = &[
    "قتيل",
    "قتيلا",
    "قتلي",
    "مقتل",
    "قتلوا",
    "شهيد",
    "شهيدا",
    "شهداء",
    "استشهاد",
    "جريح",
    "جريحا",
    "جرحي",
    "اصابه",
    "مصابا",
    "مصابين",
    "ضحايا",
    "ضحيه",
    "وفاه",
    "وفيات",
    "مفقود",
    "مفقودين",
    "نازح",
    "نازحين",
    "قتلا",
    "غرقا",
];

/// Scale words after a number (`50 مليون`، `ثلاثة آلاف`).
pub(crate) const SCALE: &[&str] = &[
    "الف",
    "الاف",
    "مليون",
    "ملايين",
    "مليار",
    "مليارات",
    "ترليون",
    "تريليون",
];

/// First-of-its-kind language.
pub(crate) const FIRST_OF_KIND: &[&str] = &[
    "للمره الاولي",
    "اول زياره",
    "اول مره",
    "الاول من نوعه",
    "الاولي من نوعها",
    "غير مسبوق",
    "غير مسبوقه",
    "تاريخي",
    "تاريخيه",
    "سابقه هي الاولي",
    "منذ عقود",
];

/// Proclitics a phrase's first word may carry.
const LEADS: &[&str] = &["", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل", "ك", "وك"];

/// What `word` is with each [`LEADS`] entry it starts with taken off (the word itself first):
/// `w.strip_prefix(lead)` for every lead, without comparing eleven prefixes per word.
fn without_leads(word: &str) -> [Option<&str>; 3] {
    let mut chars = word.chars();
    let first = chars.next();
    let second = chars.next();
    let one = first
        .filter(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك'))
        .and_then(|c| word.get(c.len_utf8()..));
    let two = match (first, second) {
        (Some(a @ ('و' | 'ف')), Some(b @ ('ب' | 'ل'))) | (Some(a @ 'و'), Some(b @ 'ك')) => {
            word.get(a.len_utf8() + b.len_utf8()..)
        }
        _ => None,
    };
    [Some(word), one, two]
}

/// The words of `text` normalised at the search level, with their byte spans in `text`.
pub(crate) fn norm_words(text: &str) -> Vec<(String, usize, usize)> {
    tokens(text)
        .into_iter()
        .map(|t| (normalize(t.surface, Level::Search), t.start, t.end))
        .collect()
}

/// A phrase as normalised words (the lists above are written close to normal form, but
/// `ئ` and the like only fold here).
fn phrase_words(phrase: &str) -> Cow<'static, [String]> {
    if let Some(words) = NORMALISED.get(phrase) {
        return Cow::Borrowed(words.as_slice());
    }
    Cow::Owned(split_normalised(phrase))
}

fn split_normalised(phrase: &str) -> Vec<String> {
    normalize(phrase, Level::Search)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The lists' phrases normalised once (an immutable cache, not state).
static NORMALISED: LazyLock<HashMap<&'static str, Vec<String>>> = LazyLock::new(|| {
    let lists: [&[&'static str]; 6] = [
        CLICKBAIT,
        OPINION_MARKERS,
        FIRST_PERSON,
        CASUALTIES,
        SCALE,
        FIRST_OF_KIND,
    ];
    lists
        .into_iter()
        .flatten()
        .copied()
        .chain(RANK.iter().map(|(p, _)| *p))
        .map(|p| (p, split_normalised(p)))
        .collect()
});

/// The first words of the lists' phrases: the only words [`Phrases::new`] indexes.
static FIRST_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    NORMALISED
        .values()
        .filter_map(|words| words.first())
        .map(String::as_str)
        .collect()
});

/// Normalised words indexed by what each is once a leading conjunction or preposition
/// ([`LEADS`]) is taken off, so that looking a phrase up costs its occurrences, not a scan
/// of the text per phrase (the scores look up a few hundred phrases per paragraph). Only
/// words that begin some listed phrase are indexed (a handful per paragraph, where indexing
/// every word cost more than all the lookups); a phrase off the lists is found by a scan.
pub(crate) struct Phrases<'a> {
    words: &'a [(String, usize, usize)],
    starts: FxHashMap<&'a str, Vec<usize>>,
}

impl<'a> Phrases<'a> {
    pub(crate) fn new(words: &'a [(String, usize, usize)]) -> Self {
        let mut starts: FxHashMap<&'a str, Vec<usize>> = FxHashMap::default();
        for (i, (w, _, _)) in words.iter().enumerate() {
            for rest in without_leads(w).into_iter().flatten() {
                if FIRST_WORDS.contains(rest) {
                    // Leads differ in length, so each gives another rest: `i` once per key.
                    starts.entry(rest).or_default().push(i);
                }
            }
        }
        Phrases { words, starts }
    }

    /// Start indices (into the words) where `phrase` occurs, in order.
    pub(crate) fn find(&self, phrase: &str) -> Vec<usize> {
        let parts = phrase_words(phrase);
        let Some((first, rest)) = parts.split_first() else {
            return Vec::new();
        };
        let follows = |i: usize| {
            rest.iter()
                .enumerate()
                .all(|(k, p)| self.words.get(i + 1 + k).is_some_and(|w| w.0 == *p))
        };
        if FIRST_WORDS.contains(first.as_str()) {
            let Some(starts) = self.starts.get(first.as_str()) else {
                return Vec::new();
            };
            return starts.iter().copied().filter(|&i| follows(i)).collect();
        }
        (0..self.words.len())
            .filter(|&i| {
                let w = self.words[i].0.as_str();
                LEADS
                    .iter()
                    .any(|lead| w.strip_prefix(lead) == Some(first.as_str()))
            })
            .filter(|&i| follows(i))
            .collect()
    }

    /// Whether `phrase` occurs.
    pub(crate) fn contains(&self, phrase: &str) -> bool {
        !self.find(phrase).is_empty()
    }

    /// The phrases of `list` that occur, each once, in list order.
    pub(crate) fn of<'p>(&self, list: &[&'p str]) -> Vec<&'p str> {
        list.iter().copied().filter(|p| self.contains(p)).collect()
    }
}

/// Whether a normalised word is a number: digits (any script, already ASCII after
/// normalisation), possibly with a decimal separator.
pub(crate) fn is_number(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && word.chars().any(|c| c.is_ascii_digit())
}

/// A number that is probably a year (1900–2100) rather than a figure.
pub(crate) fn is_year(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_with_proclitics() {
        let w = norm_words("التقى والرئيس بوزارة الخارجية، ورئيس الوزراء.");
        let p = Phrases::new(&w);
        assert_eq!(p.find("الرئيس"), vec![1]);
        assert_eq!(p.find("وزاره"), vec![2]);
        assert_eq!(p.find("رئيس الوزراء"), vec![4]);
        assert!(p.find("").is_empty());
        // A lead is taken off the first word only, and only a listed one.
        assert!(p.find("الوزراء رئيس").is_empty());
        assert!(p.find("لتقى").is_empty());
        // Off the lists (found by a scan): the same rules.
        assert_eq!(p.find("الخارجيه"), vec![3]);
        assert_eq!(p.find("وزاره الخارجيه"), vec![2]);
        assert_eq!(p.find("التقى"), vec![0]);
    }

    #[test]
    fn list_phrases_are_found_in_text_as_written() {
        let w = norm_words("قال رئيس الجمهورية إنها زيارة غير مسبوقة، لأول مرة.");
        let p = Phrases::new(&w);
        assert_eq!(p.of(&["رئيس الجمهوريه"]), ["رئيس الجمهوريه"]);
        assert_eq!(p.of(FIRST_OF_KIND), ["اول مره", "غير مسبوقه"]);
    }

    #[test]
    fn leads_come_off_as_listed() {
        for w in [
            "والرئيس",
            "وبالرئيس",
            "فلسطين",
            "كتاب",
            "وكالة",
            "فب",
            "و",
            "",
            "مقال",
            "ولي",
        ] {
            let mut fast: Vec<&str> = without_leads(w).into_iter().flatten().collect();
            let mut listed: Vec<&str> = LEADS.iter().filter_map(|l| w.strip_prefix(l)).collect();
            fast.sort_unstable();
            listed.sort_unstable();
            assert_eq!(fast, listed, "{w}");
        }
    }

    #[test]
    fn every_occurrence_is_found_in_order() {
        let w = norm_words("قتل خمسة، ثم قتل اثنان وقتل ثالث");
        assert_eq!(Phrases::new(&w).find("قتل"), vec![0, 3, 5]);
    }

    #[test]
    fn numbers_and_years() {
        assert!(is_number("50") && is_number("3.5") && !is_number("ب50") && !is_number("."));
        assert!(is_year("2014") && !is_year("50") && !is_year("3000"));
    }
}
