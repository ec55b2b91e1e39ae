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
    // Only with the article: bare `امام` is also `أمام` ("in front of") once normalised.
    "الامام",
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
    // Only with the article: bare `والي` is also `وإلى` ("and to") once normalised.
    "الوالي",
    "عمده",
    "قنصل",
    "ممثل",
    "مندوب",
    "مسوول",
    "الرييس",
    "الوزير",
    "ولي",
    "عضو",
    "عضوه",
];

/// Office heads that are also given names or name words (`أمين`، `الوالي`): never read as
/// the start of an office inside a person's name.
const NAME_HEADS: &[&str] = &["امين", "ولي", "الوالي", "نايب", "زعيم"];

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
    "كنيست",
    "كونغرس",
    "كونجرس",
    "شوري",
    "سلاح",
    "الجو",
    "قسم",
    "مكتب",
    "بلديه",
];

/// Nouns that introduce an organisation's name in construct (`حزب شاس`، `حركة فتح`).
const ORG_HEADS: &[&str] = &[
    "حزب",
    "حركه",
    "جبهه",
    "جماعه",
    "جمعيه",
    "تنظيم",
    "ايتلاف",
    "تحالف",
    "منظمه",
    "شركه",
    "مجموعه",
    "وكاله",
    "صحيفه",
    "جريده",
    "مجله",
    "قناه",
    "اذاعه",
    "جامعه",
    "نادي",
    "فريق",
    "مستشفي",
    "مركز",
    "موسسه",
    "هييه",
    "مجلس",
    "وزاره",
    "بنك",
    "مصرف",
    "معهد",
    "كليه",
];

/// Whether a normalised word introduces an organisation's name (`حزب`، `وحركة`): bare or
/// after a proclitic, never with the article (`الحزب` is not followed by its name).
pub(crate) fn is_org_head(word: &str) -> bool {
    in_list(ORG_HEADS, word, false)
}

/// Nouns that introduce a place's name (`مدينة ديار بكر`، `منطقة عسير`).
const PLACE_HEADS: &[&str] = &[
    "مدينه",
    "منطقه",
    "ولايه",
    "محافظه",
    "اقليم",
    "بلده",
    "قريه",
    "جزيره",
    "عاصمه",
    "دوله",
];

/// Whether a normalised word introduces a place's name: in construct, so without the article
/// (`منطقة عسير`; `المحافظة` is not followed by its name), bare or after a proclitic.
pub(crate) fn is_place_head(word: &str) -> bool {
    in_list(PLACE_HEADS, word, false)
}

/// Nouns that introduce a product's name (`نظام باراك`، `طائرات هيرون`، `منظومة باتريوت`).
const PRODUCT_HEADS: &[&str] = &[
    "نظام",
    "منظومه",
    "منظومات",
    "صاروخ",
    "صواريخ",
    "طايره",
    "طايرات",
    "مقاتله",
    "مقاتلات",
    "مسيره",
    "مسيرات",
    "درون",
    "درونات",
    "دبابه",
    "دبابات",
    "طراز",
    "برنامج",
    "برمجيه",
    "تطبيق",
    "سياره",
    "سيارات",
    "مروحيه",
    "مروحيات",
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

/// Whether a normalised word introduces a product's name (`نظام`، `طائرات`، `منظومة`),
/// with or without the article or a proclitic.
pub(crate) fn is_product_head(word: &str) -> bool {
    in_list(PRODUCT_HEADS, word, true)
}

/// Whether `word`, or `word` without a proclitic `و ب ل ف`, is in `list`; also without the
/// article when `article` is true.
fn in_list(list: &[&str], word: &str, article: bool) -> bool {
    let bare = |w: &str| list.contains(&w) || article && list.contains(&strip_article(w));
    bare(word) || word.strip_prefix(['و', 'ب', 'ل', 'ف']).is_some_and(bare)
}

/// Whether a word inside a person span starts an office that follows the name (`مفتش`،
/// `ورئيس`): an indefinite office head, alone or after the conjunction `و`, that is not also
/// a name word.
pub(crate) fn starts_office(word: &str) -> bool {
    let bare = word.strip_prefix('و').filter(|r| r.chars().count() >= 3);
    [Some(word), bare]
        .into_iter()
        .flatten()
        .any(|w| !w.starts_with("ال") && HEAD_SET.contains(w) && !NAME_HEADS.contains(&w))
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
        // `الفريق أول`، `فريق ركن`: alone, `فريق` is far more often a team.
        if strip_article(w) == "فريق"
            && words
                .get(i + 1)
                .is_some_and(|n| matches!(*n, "اول" | "ركن"))
        {
            i += 2;
            continue;
        }
        if is_rank(w) {
            i += 1;
            // Moroccan and French grades written out: `جنرال دو ديفيزيون`, `جنرال دوركور
            // دارمي`, `جنرال دو بريغاد`.
            while i < words.len() && GRADES.contains(&words[i]) {
                i += 1;
            }
            // `الرئيس الراحل`، `الإمام السابق`: said of the rank, before the name.
            while i < words.len()
                && matches!(
                    strip_article(words[i]),
                    "سابق" | "سابقه" | "اسبق" | "راحل" | "راحله" | "حالي"
                )
            {
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
        check("الفريق أول عبد الفتاح", 2);
        check("فريق الهلال", 0);
        check("الإمام السابق تشن مين", 2);
        check("عضو الكنيست يعقوب مارجي", 2);
        check("قائد سلاح الجو الإسرائيلي تومر بار", 4);
    }
}
