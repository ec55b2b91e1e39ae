//! Titles and roles around names: ranks and honorifics (`الجنرال`، `الميجر جنرال`، `اللواء`،
//! `الملك`، `الشيخ`) and offices (`وزير الدفاع`، `رئيس أركان الجيش`، `المفتش العام للقوات
//! المسلحة`، `الناطق باسم الجيش`).
//!
//! A role is a head word ([`HEADS`]) followed by modifiers: portfolio and office words
//! ([`MODIFIERS`]), `باسم` + one word, and definite adjectives or places (`الإسرائيلي`،
//! `المغربية`). Roles are stripped from the front of a name before resolution, kept on the
//! mention, and a rank title right before an untagged name-like word makes it a person.
//! All words are compared after `Level::Search` normalisation.

/// Ranks and honorifics: a name follows them directly.
const RANKS: &[&str] = &[
    "جنرال",
    "ميجر",
    "ليفتنانت",
    "كولونيل",
    "لواء",
    "عميد",
    "عقيد",
    "مقدم",
    "رايد",
    "نقيب",
    "ملازم",
    "فريق",
    "مشير",
    "اميرال",
    "ادميرال",
    "ملك",
    "ملكه",
    "امير",
    "اميره",
    "شيخ",
    "شيخه",
    "سيد",
    "سيده",
    "دكتور",
    "دكتوره",
    "استاذ",
    "استاذه",
    "حاج",
    "سلطان",
    "مولاي",
    "الرييس",
    "امام",
    "قاضي",
    "مستر",
    "مسيو",
    "مدام",
    "كابتن",
    "بروفيسور",
    "البابا",
    "الاب",
];

/// French grade words that follow `جنرال` in Maghrebi usage.
const GRADES: &[&str] = &[
    "دو",
    "دي",
    "ديفيزيون",
    "دوركور",
    "كور",
    "دارمي",
    "بريغاد",
    "بريكاد",
    "ديفزيون",
];

/// Office heads: a role phrase may start with them.
const HEADS: &[&str] = &[
    "وزير",
    "وزيره",
    "رييس",
    "رييسه",
    "قايد",
    "مفتش",
    "ناطق",
    "متحدث",
    "متحدثه",
    "مدير",
    "مديره",
    "سفير",
    "سفيره",
    "مستشار",
    "مستشاره",
    "نايب",
    "نايبه",
    "امين",
    "زعيم",
    "مبعوث",
    "منسق",
    "محافظ",
    "والي",
    "عمده",
    "قنصل",
    "ممثل",
    "مندوب",
    "مسوول",
    "الرييس",
    "الوزير",
    "ولي",
];

/// Words that continue a role after its head.
const MODIFIERS: &[&str] = &[
    "دفاع",
    "خارجيه",
    "داخليه",
    "عدل",
    "ماليه",
    "اقتصاد",
    "صحه",
    "تعليم",
    "تربيه",
    "طاقه",
    "نفط",
    "زراعه",
    "نقل",
    "اعلام",
    "اتصال",
    "ثقافه",
    "سياحه",
    "اوقاف",
    "اسكان",
    "صناعه",
    "تجاره",
    "عمل",
    "شباب",
    "رياضه",
    "حكومه",
    "وزراء",
    "دوله",
    "جمهوريه",
    "اركان",
    "هييه",
    "جيش",
    "عام",
    "عامه",
    "اول",
    "اعلي",
    "قوات",
    "مسلحه",
    "ملكيه",
    "جويه",
    "بحريه",
    "بريه",
    "امن",
    "وطني",
    "قومي",
    "مخابرات",
    "استخبارات",
    "شرطه",
    "درك",
    "برلمان",
    "مجلس",
    "نواب",
    "شيوخ",
    "حزب",
    "حركه",
    "منظمه",
    "امم",
    "متحده",
    "لجنه",
    "جهاز",
    "ديوان",
    "عهد",
    "جنرال",
    "سابق",
    "سابقه",
    "حالي",
    "اسبق",
    "مساعد",
    "بالنيابه",
    "تنفيذي",
    "اداره",
    "شوون",
    "الجيش",
    "للقوات",
    "لشوون",
    "للامن",
];

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

static RANK_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| RANKS.iter().copied().collect());
static HEAD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| HEADS.iter().copied().collect());
static MODIFIER_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| MODIFIERS.iter().copied().collect());

fn strip_article(w: &str) -> &str {
    for p in ["وال", "بال", "لل", "ال"] {
        if let Some(r) = w.strip_prefix(p)
            && r.chars().nth(1).is_some()
        {
            return r;
        }
    }
    w
}

/// Whether a normalised word is a rank or honorific.
pub(crate) fn is_rank(word: &str) -> bool {
    let w = strip_article(word);
    RANK_SET.contains(w) || RANK_SET.contains(word)
}

/// Whether a normalised word is a written-out grade (`دو`، `ديفيزيون`).
pub(crate) fn is_grade(word: &str) -> bool {
    GRADES.contains(&word)
}

/// Whether a normalised word is an office head.
pub(crate) fn is_head(word: &str) -> bool {
    let w = strip_article(word);
    HEAD_SET.contains(w) || HEAD_SET.contains(word)
}

fn is_modifier(word: &str) -> bool {
    MODIFIER_SET.contains(word) || MODIFIER_SET.contains(strip_article(word))
}

/// A definite adjective of origin or a definite noun (`الإسرائيلي`، `المغربية`، `الأمريكية`):
/// continues a role (`رئيس الأركان الإسرائيلي`).
fn is_definite_nisba(word: &str) -> bool {
    word.starts_with("ال")
        && (word.ends_with('ي') || word.ends_with("يه"))
        && word.chars().count() >= 5
}

/// How many of `words` (normalised) from the front form titles and roles: ranks, and office
/// heads with their modifiers. `0` when the first word is neither.
///
/// ```text
/// الميجر جنرال يعقوب مارجي       → 2
/// وزير الدفاع الإسرائيلي بيني غانتس → 3
/// الناطق باسم الجيش أفيخاي أدرعي   → 3
/// ```
pub(crate) fn role_len(words: &[&str]) -> usize {
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if is_rank(w) {
            i += 1;
            // Moroccan and French grades written out: `جنرال دو ديفيزيون`, `جنرال دوركور
            // دارمي`, `جنرال دو بريغاد`.
            while i < words.len() && GRADES.contains(&words[i]) {
                i += 1;
            }
            continue;
        }
        if is_head(w) {
            i += 1;
            while i < words.len() {
                let m = words[i];
                if m == "باسم" && i + 1 < words.len() {
                    i += 2;
                } else if is_modifier(m) || is_definite_nisba(m) {
                    i += 1;
                } else {
                    break;
                }
            }
            continue;
        }
        break;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::{Level, normalize};

    fn check(text: &str, expected: usize) {
        let n = normalize(text, Level::Search);
        let words: Vec<&str> = n.split(' ').collect();
        assert_eq!(role_len(&words), expected, "{text}");
    }

    #[test]
    fn roles() {
        check("الجنرال كوخافي", 1);
        check("الميجر جنرال يعقوب مارجي", 2);
        check("وزير الدفاع الإسرائيلي بيني غانتس", 3);
        check("رئيس أركان الجيش الإسرائيلي أفيف كوخافي", 4);
        check("المفتش العام للقوات المسلحة الملكية بلخير الفاروق", 5);
        check("الناطق باسم الجيش أفيخاي أدرعي", 3);
        check("أفيف كوخافي", 0);
        check("محمد السادس", 0);
        check("الجنرال دو ديفيزيون العابد العلوي بوحامد", 3);
    }
}
