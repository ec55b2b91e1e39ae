//! Site furniture recognised by its wording: share bars, «اقرأ أيضا» and related-news
//! headers, copyright lines, app banners. A table, so a new phrase is one line.

use std::sync::LazyLock;

/// How a phrase matches a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The whole line is the phrase (final punctuation aside).
    Whole,
    /// The line starts with the phrase and is short.
    Start,
    /// The line starts with the phrase, however long (comment-policy disclaimers).
    Lead,
}

/// What a matching line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Furniture {
    /// A line of site furniture.
    Line,
    /// A header that introduces a list of other articles: what follows it is not body.
    ListHeader,
}

/// The phrase table: (phrase, how it matches, what it is).
const PHRASES: &[(&str, Match, Furniture)] = &[
    ("اقرأ أيضا", Match::Start, Furniture::ListHeader),
    ("اقرا ايضا", Match::Start, Furniture::ListHeader),
    ("إقرأ أيضا", Match::Start, Furniture::ListHeader),
    ("اقرأ المزيد", Match::Start, Furniture::ListHeader),
    ("اقرأ كذلك", Match::Start, Furniture::ListHeader),
    ("طالع أيضا", Match::Start, Furniture::ListHeader),
    ("شاهد أيضا", Match::Start, Furniture::ListHeader),
    ("قد يهمك", Match::Start, Furniture::ListHeader),
    ("قد يعجبك", Match::Start, Furniture::ListHeader),
    ("ربما يعجبك", Match::Start, Furniture::ListHeader),
    ("ننصحك بقراءة", Match::Start, Furniture::ListHeader),
    ("أخبار ذات صلة", Match::Whole, Furniture::ListHeader),
    ("مواضيع ذات صلة", Match::Whole, Furniture::ListHeader),
    ("مقالات ذات صلة", Match::Whole, Furniture::ListHeader),
    ("ذات صلة", Match::Whole, Furniture::ListHeader),
    ("أخبار متعلقة", Match::Whole, Furniture::ListHeader),
    ("آخر الأخبار", Match::Start, Furniture::ListHeader),
    ("أحدث الأخبار", Match::Start, Furniture::ListHeader),
    ("المزيد من الأخبار", Match::Start, Furniture::ListHeader),
    ("الأكثر قراءة", Match::Start, Furniture::ListHeader),
    ("الأخبار الأكثر قراءة", Match::Start, Furniture::ListHeader),
    ("الأكثر مشاهدة", Match::Start, Furniture::ListHeader),
    ("الأكثر تداولا", Match::Start, Furniture::ListHeader),
    ("الأكثر شعبية", Match::Start, Furniture::ListHeader),
    ("أخبار مقترحة", Match::Whole, Furniture::ListHeader),
    ("مواضيع من موسوعة", Match::Start, Furniture::ListHeader),
    ("related articles", Match::Start, Furniture::ListHeader),
    ("related news", Match::Start, Furniture::ListHeader),
    ("read more", Match::Start, Furniture::ListHeader),
    ("read also", Match::Start, Furniture::ListHeader),
    ("you may also like", Match::Start, Furniture::ListHeader),
    ("more stories", Match::Start, Furniture::ListHeader),
    ("شارك", Match::Whole, Furniture::Line),
    ("شارك الخبر", Match::Start, Furniture::Line),
    ("شارك المقال", Match::Start, Furniture::Line),
    ("شارك على", Match::Start, Furniture::Line),
    ("مشاركة", Match::Whole, Furniture::Line),
    ("تابعونا على", Match::Start, Furniture::Line),
    ("تابعنا على", Match::Start, Furniture::Line),
    ("تابعوا آخر", Match::Start, Furniture::Line),
    ("اشترك في", Match::Start, Furniture::Line),
    ("اشترك الآن", Match::Start, Furniture::Line),
    ("النشرة البريدية", Match::Start, Furniture::Line),
    ("جميع الحقوق محفوظة", Match::Start, Furniture::Line),
    ("كل الحقوق محفوظة", Match::Start, Furniture::Line),
    ("حقوق النشر", Match::Start, Furniture::Line),
    ("الرئيسية", Match::Whole, Furniture::Line),
    ("بحث", Match::Whole, Furniture::Line),
    ("ابحث", Match::Whole, Furniture::Line),
    ("إعلان", Match::Whole, Furniture::Line),
    ("اعلان", Match::Whole, Furniture::Line),
    ("تعليقات", Match::Whole, Furniture::Line),
    ("التعليقات", Match::Start, Furniture::Line),
    ("أضف تعليق", Match::Start, Furniture::Line),
    ("اضف تعليقك", Match::Start, Furniture::Line),
    ("الكلمات المفتاحية", Match::Start, Furniture::Line),
    ("سحابة الكلمات", Match::Start, Furniture::Line),
    ("كلمات مفتاحية", Match::Start, Furniture::Line),
    ("الوسوم", Match::Start, Furniture::Line),
    ("وسوم", Match::Whole, Furniture::Line),
    ("تحميل تطبيق", Match::Start, Furniture::Line),
    ("حمل تطبيق", Match::Start, Furniture::Line),
    ("انقر هنا", Match::Start, Furniture::Line),
    ("اضغط هنا", Match::Start, Furniture::Line),
    ("للمزيد من الأخبار", Match::Start, Furniture::Line),
    ("طباعة", Match::Whole, Furniture::Line),
    ("نسخ الرابط", Match::Start, Furniture::Line),
    ("حجم الخط", Match::Start, Furniture::Line),
    ("الآراء الواردة", Match::Lead, Furniture::Line),
    ("التعليقات المنشورة", Match::Lead, Furniture::Line),
    ("جميع التعليقات", Match::Lead, Furniture::Line),
    ("advertisement", Match::Whole, Furniture::Line),
    ("share", Match::Whole, Furniture::Line),
    ("share this", Match::Start, Furniture::Line),
    ("all rights reserved", Match::Start, Furniture::Line),
    ("copyright", Match::Start, Furniture::Line),
    ("view on", Match::Start, Furniture::Line),
    ("sign up", Match::Start, Furniture::Line),
    ("subscribe", Match::Start, Furniture::Line),
];

/// The most words a line matched by [`Match::Start`] may have.
const START_MAX_WORDS: usize = 10;

/// The phrase table, normalised once.
static TABLE: LazyLock<Vec<(String, Match, Furniture)>> = LazyLock::new(|| {
    PHRASES
        .iter()
        .map(|&(phrase, how, what)| (key(phrase), how, what))
        .collect()
});

/// The comparison key of a line: normalised, lowercased, punctuation and ornaments off.
pub(crate) fn key(text: &str) -> String {
    // `Search` is `Match` plus lowercasing, done in the normaliser's fast path.
    let norm = marsad_text::normalize(text, marsad_text::Level::Search);
    let mut out = String::with_capacity(norm.len());
    for word in norm
        .split(|c: char| !marsad_text::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        // «أيضاً» and «ايضا» alike: tanwin and hamza forms fold in `normalize`; fold the rest.
        out.extend(word.chars().map(|c| match c {
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' | 'ئ' => 'ء',
            c => c,
        }));
    }
    out
}

/// Names of share and follow buttons; a line of nothing else is a share bar.
const SOCIAL: &[&str] = &[
    "فيسبوك",
    "فيس",
    "بوك",
    "تويتر",
    "واتساب",
    "واتس",
    "اب",
    "تلغرام",
    "تيليجرام",
    "انستغرام",
    "انستجرام",
    "يوتيوب",
    "لينكدان",
    "لينكد",
    "ان",
    "تيك",
    "توك",
    "بريد",
    "البريد",
    "الالكتروني",
    "طباعه",
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "linkedin",
    "instagram",
    "youtube",
    "tiktok",
    "email",
    "print",
    "pinterest",
    "reddit",
    "x",
    "messenger",
    "ماسنجر",
];

/// Whether `text` is site furniture, and which kind.
#[cfg(test)]
pub(crate) fn furniture(text: &str) -> Option<Furniture> {
    furniture_of_key(&key(text))
}

/// [`furniture`] of a text whose [`key`] is `k` (computed once per block by the caller).
pub(crate) fn furniture_of_key(k: &str) -> Option<Furniture> {
    if k.is_empty() {
        return None;
    }
    if k.split(' ').all(|w| SOCIAL.contains(&w)) && k.split(' ').any(|w| w.len() > 2) {
        return Some(Furniture::Line);
    }
    let words = k.split(' ').count();
    TABLE.iter().find_map(|(phrase, how, what)| {
        let hit = match how {
            Match::Whole => k == *phrase,
            Match::Start | Match::Lead => {
                (words <= START_MAX_WORDS || *how == Match::Lead)
                    && k.starts_with(phrase.as_str())
                    && k[phrase.len()..].chars().next().is_none_or(|c| c == ' ')
            }
        };
        hit.then_some(*what)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<Furniture>) {
        assert_eq!(furniture(text), expected, "{text}");
    }

    #[test]
    fn table() {
        check(
            "قد يهمك أيضــــــــــــــــًا :",
            Some(Furniture::ListHeader),
        );
        check("اقرأ المزيد عن", Some(Furniture::ListHeader));
        check("أخبار ذات صلة", Some(Furniture::ListHeader));
        check("بحث", Some(Furniture::Line));
        check("View on Almaghribtoday.net", Some(Furniture::Line));
        check("انقر هنا لقراءة الخبر من مصدره.", Some(Furniture::Line));
        check(
            "بحث العلماء في أسباب الظاهرة خلال مؤتمر عقد في الرباط أمس.",
            None,
        );
        check("شاركت الوزيرة في الاجتماع الذي عقد أمس بالرباط.", None);
    }
}
