//! Each signal moves its score the documented way, on small hand-written articles.

use std::sync::LazyLock;

use chrono::NaiveDate;
use marsad_extract::{Aggregator, Article, Published};

use super::*;
use crate::SourceProfiles;

static ANALYZER: LazyLock<Analyzer> =
    LazyLock::new(|| Analyzer::product().expect("the bundled model loads"));

const PLAIN: &[&str] = &[
    "عقدت لجنة المالية في مجلس المدينة اجتماعها الدوري صباح اليوم لمناقشة مشروع الميزانية الجديدة وخطط تطوير الطرق والحدائق العامة في الأحياء الشرقية.",
    "وتناول الاجتماع تقارير الأشغال الجارية في شبكة الصرف الصحي، وجدول تسليم المشاريع المتأخرة، وآليات متابعة الشركات المنفذة لها خلال الأشهر المقبلة.",
    "ومن المنتظر أن تعرض اللجنة توصياتها على المجلس في جلسته المقبلة قبل التصويت على الميزانية بصيغتها النهائية، بعد استكمال المشاورات مع ممثلي السكان.",
];

fn article(title: &str, body: &[&str]) -> Article {
    Article {
        title: Some(title.to_owned()),
        body: body.iter().map(|p| (*p).to_owned()).collect(),
        language: "ar".into(),
        ..Article::default()
    }
}

fn plain() -> Article {
    article("لجنة المالية تناقش مشروع الميزانية الجديدة", PLAIN)
}

fn with_paragraph(mut a: Article, p: &str) -> Article {
    a.body.push(p.to_owned());
    a
}

fn analyze(a: &Article) -> Analysis {
    analyze_in(a, &Context::default())
}

fn analyze_in(a: &Article, c: &Context) -> Analysis {
    let out = ANALYZER.analyze(a, c);
    for s in [&out.credibility, &out.importance] {
        let sum: i32 = s.reasons.iter().map(|r| i32::from(r.weight)).sum();
        assert_eq!(sum, i32::from(s.value), "reasons sum to the value: {s:?}");
    }
    out
}

fn has(s: &Score, code: &str) -> bool {
    s.reasons.iter().any(|r| r.code == code)
}

#[test]
fn an_anonymous_source_lowers_credibility() {
    let base = analyze(&plain());
    let anon = analyze(&with_paragraph(
        plain(),
        "وقال مسؤول رفض الكشف عن اسمه إن الميزانية ستتأخر بسبب خلافات داخلية.",
    ));
    assert!(has(&anon.credibility, "anonymous_sources"));
    assert!(
        anon.credibility.value < base.credibility.value,
        "{base:?}\n{anon:?}"
    );
}

#[test]
fn a_named_source_raises_credibility() {
    let base = analyze(&plain());
    let named = analyze(&with_paragraph(
        plain(),
        "وقال رئيس اللجنة سمير العلوي إن الميزانية ستعرض على المجلس في موعدها.",
    ));
    assert!(has(&named.credibility, "named_sources"));
    assert!(named.credibility.value > base.credibility.value);
}

#[test]
fn a_named_author_raises_credibility() {
    let base = analyze(&plain());
    let mut a = plain();
    a.author = Some("ليلى الحسني".into());
    let authored = analyze(&a);
    assert!(has(&authored.credibility, "named_author"));
    assert!(has(&base.credibility, "no_author"));
    assert!(authored.credibility.value > base.credibility.value);
}

#[test]
fn clickbait_lowers_credibility() {
    let base = analyze(&plain());
    let bait = analyze(&article(
        "عاجل: لن تصدق ما حدث في لجنة المالية ومشروع الميزانية!!",
        PLAIN,
    ));
    assert!(has(&bait.credibility, "clickbait_headline"));
    assert!(has(&bait.credibility, "sensational_punctuation"));
    assert!(bait.credibility.value < base.credibility.value);
}

#[test]
fn a_headline_the_body_does_not_support_lowers_credibility() {
    let base = analyze(&plain());
    let off = analyze(&article("انهيار البورصة وهروب المستثمرين من الأسواق", PLAIN));
    assert!(has(&off.credibility, "headline_unsupported"));
    assert!(has(&base.credibility, "headline_supported"));
    assert!(off.credibility.value < base.credibility.value);
}

#[test]
fn opinion_lowers_credibility() {
    let base = analyze(&plain());
    let mut a = plain();
    a.title = Some("رأي: لجنة المالية تناقش مشروع الميزانية الجديدة".into());
    let opinion = analyze(&a);
    assert!(has(&opinion.credibility, "opinion"));
    assert!(opinion.credibility.value < base.credibility.value);
}

#[test]
fn corroboration_raises_credibility_and_unknown_gives_no_reason() {
    let a = plain();
    let alone = analyze_in(
        &a,
        &Context {
            corroborating_sources: Some(0),
            ..Context::default()
        },
    );
    let two = analyze_in(
        &a,
        &Context {
            corroborating_sources: Some(2),
            ..Context::default()
        },
    );
    let unknown = analyze(&a);
    assert!(has(&alone.credibility, "not_corroborated"));
    assert!(two.credibility.value > alone.credibility.value);
    assert!(
        !has(&unknown.credibility, "corroborated")
            && !has(&unknown.credibility, "not_corroborated")
    );
}

#[test]
fn rescoring_with_a_new_corroboration_equals_analysing_with_it() {
    let mut a = plain();
    a.source = Some("هسبريس".into());
    a.published.published = Some("2022-07-20T10:00:00".into());
    let today = NaiveDate::from_ymd_opt(2022, 7, 21);
    let first = Context {
        today,
        corroborating_sources: Some(0),
        ..Context::default()
    };
    let later = Context {
        corroborating_sources: Some(1),
        ..first.clone()
    };
    let mut stored = analyze_in(&a, &first);
    assert_eq!(scored_corroboration(&stored), Some(0));
    rescore(&a, &mut stored, ANALYZER.profiles(), &later);
    let fresh = analyze_in(&a, &later);
    assert_eq!(stored, fresh);
    assert_eq!(scored_corroboration(&stored), Some(1));
    assert!(stored.importance.value > analyze_in(&a, &first).importance.value);
    assert_eq!(scored_corroboration(&analyze(&a)), None);
}

#[test]
fn outlet_profiles_shift_credibility_and_unknown_is_neutral() {
    let profiles = SourceProfiles::from_json(
        r#"{"version": 1, "outlets": [
            {"name": "وكالة الأنباء", "credibility": 0.8, "importance": 0.3},
            {"name": "الضاحك", "kind": "satire"}
        ]}"#,
    )
    .unwrap();
    let analyzer = Analyzer::new(ANALYZER.model().clone(), profiles);
    let mut a = plain();
    let unknown = analyzer.analyze(&a, &Context::default());
    a.source = Some("غير معروف".into());
    let named_unknown = analyzer.analyze(&a, &Context::default());
    assert_eq!(unknown.credibility.value, named_unknown.credibility.value);
    let r = named_unknown
        .credibility
        .reasons
        .iter()
        .find(|r| r.code == "outlet_unknown")
        .unwrap();
    assert_eq!(r.weight, 0);
    a.source = Some("وكالة الانباء".into());
    let trusted = analyzer.analyze(&a, &Context::default());
    assert!(trusted.credibility.value > unknown.credibility.value);
    assert!(trusted.importance.value > unknown.importance.value);
    a.source = Some("الضاحك".into());
    let satire = analyzer.analyze(&a, &Context::default());
    assert!(satire.credibility.value + 20 < unknown.credibility.value);
}

#[test]
fn a_second_independent_outlet_raises_importance() {
    let a = plain();
    let one = analyze_in(
        &a,
        &Context {
            corroborating_sources: Some(0),
            ..Context::default()
        },
    );
    let two = analyze_in(
        &a,
        &Context {
            corroborating_sources: Some(1),
            ..Context::default()
        },
    );
    let five = analyze_in(
        &a,
        &Context {
            corroborating_sources: Some(4),
            ..Context::default()
        },
    );
    assert!(two.importance.value > one.importance.value);
    assert!(five.importance.value > two.importance.value);
}

#[test]
fn officials_casualties_and_firsts_raise_importance() {
    let base = analyze(&plain()).importance.value;
    for extra in [
        "وحضر الاجتماع رئيس الوزراء ووزير المالية.",
        "وأسفر انهيار جسر قديم عن سقوط 12 قتيلا وعشرات الجرحى.",
        "وهي المرة التي يحدث فيها ذلك لأول مرة منذ عقود.",
        "وتبلغ قيمة المشاريع 50 مليون دولار.",
    ] {
        let raised = analyze(&with_paragraph(plain(), extra)).importance;
        assert!(raised.value > base, "{extra}: {raised:?} vs {base}");
    }
}

#[test]
fn older_news_is_less_important() {
    let mut a = plain();
    a.published = Published {
        published: Some("2024-05-01".into()),
        published_precision: Some("day".into()),
    };
    let at = |d: &str| {
        let today = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        analyze_in(
            &a,
            &Context {
                today,
                ..Context::default()
            },
        )
        .importance
        .value
    };
    assert!(at("2024-05-01") > at("2024-05-08"));
    assert!(at("2024-05-08") > at("2024-08-01"));
}

#[test]
fn category_and_source_category_are_kept_apart() {
    let mut a = article(
        "المنتخب يفوز على ضيفه بثلاثة أهداف",
        &["سجل المهاجم هدفين في المباراة وفاز الفريق بالدوري بعد مباراة قوية أمام جمهوره."],
    );
    a.aggregator = Some(Aggregator {
        name: "كشاف".into(),
        category: Some("رياضة".into()),
        ..Aggregator::default()
    });
    let out = analyze(&a);
    let c = out.category.unwrap();
    assert_eq!(c.label, "sport");
    assert_eq!(c.arabic.as_deref(), Some("رياضة"));
    assert!(!c.terms.is_empty());
    assert_eq!(out.source_category.as_deref(), Some("رياضة"));
}

#[test]
fn deterministic_and_round_trips_as_json() {
    let a = with_paragraph(
        plain(),
        "وقال مصدر مطلع: «الاجتماع سيستأنف غدا بحضور كل الأعضاء».",
    );
    let x = analyze(&a);
    assert_eq!(x, analyze(&a));
    let json = serde_json::to_string(&x).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, x);
    assert_eq!(back.quotes.len(), 1);
    // An analysis stored before a field existed still reads.
    let old: Analysis = serde_json::from_str(r#"{"version": 1}"#).unwrap();
    assert_eq!(old.version, 1);
}

#[test]
fn empty_article_is_analysed_without_panic() {
    let out = analyze(&Article::default());
    assert!(out.category.is_none());
    assert!(out.quotes.is_empty());
}

#[test]
fn every_reason_code_has_an_arabic_label() {
    let a = with_paragraph(plain(), "وقال مصدر مطلع إن 5 أشخاص أصيبوا.");
    let out = analyze_in(
        &a,
        &Context {
            corroborating_sources: Some(1),
            entity_prominence: Some(0.5),
            prominence: Some(0.5),
            today: NaiveDate::from_ymd_opt(2024, 1, 1),
        },
    );
    for r in out
        .credibility
        .reasons
        .iter()
        .chain(&out.importance.reasons)
    {
        assert_ne!(reason_label(&r.code), r.code, "{}", r.code);
    }
}

#[test]
fn display_words_every_reason_in_arabic() {
    let out = analyze(&with_paragraph(plain(), "وقال مصدر مطلع إن الاجتماع تأجل."));
    let d = display(&out);
    assert_eq!(d.scores.len(), 2);
    assert_eq!(d.scores[0].value, out.credibility.value);
    assert_eq!(d.scores[0].reasons[0].code, "base");
    let anon = d.scores[0]
        .reasons
        .iter()
        .find(|r| r.code == "anonymous_sources")
        .unwrap();
    assert_eq!(anon.label, "مصادر مجهولة");
    assert!(anon.signed.starts_with('-'));
    assert!(d.category.is_some());
}
