//! Small synthetic Arabic stories (written for these tests): events must group and separate,
//! batches must not depend on input order, incremental placement must equal the batch,
//! and a copy with a changed paragraph must fold as a near-duplicate.

use chrono::{NaiveDate, NaiveDateTime};
use marsad_cluster::{Clusterer, Config, Doc, batch_order, cluster};
use proptest::prelude::*;

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 3, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

fn doc(id: &str, source: &str, time: NaiveDateTime, title: &str, paragraphs: &[&str]) -> Doc {
    Doc {
        id: id.into(),
        source: Some(source.into()),
        time,
        dated: true,
        time_from_text: false,
        title: title.into(),
        paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
        entities: None,
    }
}

/// Five happenings: (event label, articles). Two quakes on one island a week apart are
/// two events.
pub fn stories() -> Vec<(&'static str, Vec<Doc>)> {
    vec![
        (
            "quake",
            vec![
                doc(
                    "q1",
                    "وكالة",
                    at(4, 6),
                    "زلزال بقوة 6.4 درجات يضرب جزيرة سومطرة الإندونيسية",
                    &[
                        "ضرب زلزال بقوة 6.4 درجات على مقياس ريختر جزيرة سومطرة الإندونيسية فجر الاثنين، ما أسفر عن مقتل 12 شخصا وانهيار عشرات المنازل.",
                        "وقالت الوكالة الوطنية لإدارة الكوارث إن فرق الإنقاذ تبحث عن ناجين تحت الأنقاض في مدينة بادانغ.",
                    ],
                ),
                doc(
                    "q2",
                    "قناة",
                    at(4, 14),
                    "ارتفاع حصيلة ضحايا زلزال سومطرة إلى 30 قتيلا",
                    &[
                        "ارتفعت حصيلة ضحايا الزلزال الذي ضرب جزيرة سومطرة الإندونيسية إلى 30 قتيلا ومئات الجرحى، بحسب الوكالة الوطنية لإدارة الكوارث.",
                        "وتواصل فرق الإنقاذ البحث عن ناجين تحت أنقاض المنازل المنهارة في بادانغ.",
                    ],
                ),
                doc(
                    "q3",
                    "صحيفة",
                    at(5, 9),
                    "آلاف المشردين بعد زلزال سومطرة وفرق الإنقاذ تواصل البحث",
                    &[
                        "بات آلاف السكان بلا مأوى بعد الزلزال العنيف الذي ضرب سومطرة، فيما تواصل فرق الإنقاذ البحث عن ناجين تحت الأنقاض في بادانغ.",
                        "وأعلنت الوكالة الوطنية لإدارة الكوارث أن حصيلة الضحايا بلغت 34 قتيلا.",
                    ],
                ),
            ],
        ),
        (
            "summit",
            vec![
                doc(
                    "s1",
                    "وكالة",
                    at(4, 10),
                    "قمة عربية طارئة في القاهرة لبحث أزمة المياه",
                    &[
                        "انطلقت في القاهرة أعمال قمة عربية طارئة لبحث أزمة المياه وسد النهضة بمشاركة قادة ووزراء خارجية الدول الأعضاء في الجامعة العربية.",
                        "وقال الأمين العام للجامعة العربية إن القمة ستصدر بيانا ختاميا يدعو إلى اتفاق ملزم.",
                    ],
                ),
                doc(
                    "s2",
                    "قناة",
                    at(4, 20),
                    "البيان الختامي لقمة القاهرة يدعو إلى اتفاق ملزم بشأن سد النهضة",
                    &[
                        "دعا البيان الختامي للقمة العربية الطارئة في القاهرة إلى اتفاق قانوني ملزم بشأن ملء وتشغيل سد النهضة.",
                        "وأكد القادة العرب في ختام القمة دعمهم لحقوق مصر والسودان المائية.",
                    ],
                ),
                doc(
                    "s3",
                    "صحيفة",
                    at(5, 8),
                    "مصر ترحب بمخرجات القمة العربية حول أزمة المياه",
                    &[
                        "رحبت وزارة الخارجية المصرية بمخرجات القمة العربية الطارئة التي استضافتها القاهرة لبحث أزمة المياه وسد النهضة.",
                        "وقالت الوزارة إن البيان الختامي للقمة يعكس موقفا عربيا موحدا.",
                    ],
                ),
            ],
        ),
        (
            "election",
            vec![
                doc(
                    "e1",
                    "وكالة",
                    at(4, 12),
                    "الناخبون في تونس يدلون بأصواتهم في الانتخابات البلدية",
                    &[
                        "توجه الناخبون في تونس إلى مراكز الاقتراع للإدلاء بأصواتهم في الانتخابات البلدية وسط إجراءات أمنية مشددة.",
                        "وقالت الهيئة العليا المستقلة للانتخابات إن نسبة المشاركة بلغت 18 بالمئة عند منتصف النهار.",
                    ],
                ),
                doc(
                    "e2",
                    "قناة",
                    at(5, 10),
                    "هيئة الانتخابات التونسية تعلن النتائج الأولية للبلديات",
                    &[
                        "أعلنت الهيئة العليا المستقلة للانتخابات في تونس النتائج الأولية للانتخابات البلدية، وبلغت نسبة المشاركة النهائية 31 بالمئة.",
                        "وتصدرت القوائم المستقلة نتائج الاقتراع في أغلب الدوائر البلدية.",
                    ],
                ),
            ],
        ),
        (
            "football",
            vec![
                doc(
                    "f1",
                    "صحيفة",
                    at(4, 22),
                    "الوداد يتوج بلقب دوري أبطال إفريقيا على حساب الأهلي",
                    &[
                        "توج نادي الوداد الرياضي المغربي بلقب دوري أبطال إفريقيا لكرة القدم بعد فوزه على الأهلي المصري بهدفين لهدف في المباراة النهائية بالدار البيضاء.",
                        "وسجل هدفي الوداد المهاجم زهير المترجي في الشوط الثاني.",
                    ],
                ),
                doc(
                    "f2",
                    "قناة",
                    at(5, 7),
                    "احتفالات في الدار البيضاء بتتويج الوداد بدوري أبطال إفريقيا",
                    &[
                        "خرج آلاف المشجعين إلى شوارع الدار البيضاء للاحتفال بتتويج الوداد بلقب دوري أبطال إفريقيا بعد الفوز على الأهلي في النهائي.",
                        "وهنأ الاتحاد المغربي لكرة القدم النادي على اللقب القاري.",
                    ],
                ),
            ],
        ),
        (
            "quake2",
            vec![doc(
                "r1",
                "وكالة",
                at(12, 5),
                "زلزال جديد بقوة 5.8 درجات يضرب جزيرة جاوة",
                &[
                    "ضرب زلزال جديد بقوة 5.8 درجات جزيرة جاوة الإندونيسية صباح الثلاثاء، دون أنباء فورية عن إصابات.",
                    "وقالت هيئة الأرصاد الجوية والجيوفيزياء إن الهزة وقعت على عمق 10 كيلومترات قرب مدينة يوغياكارتا.",
                ],
            )],
        ),
    ]
}

fn all_docs() -> Vec<Doc> {
    stories().into_iter().flat_map(|(_, d)| d).collect()
}

fn label_of(id: &str) -> &'static str {
    stories()
        .into_iter()
        .find(|(_, d)| d.iter().any(|d| d.id == id))
        .map(|(l, _)| l)
        .unwrap()
}

fn check_grouping(c: &Clusterer, docs: &[Doc]) {
    for a in docs {
        for b in docs {
            let gold = label_of(&a.id) == label_of(&b.id);
            let got = c.event_of(&a.id) == c.event_of(&b.id);
            assert_eq!(gold, got, "{} / {}", a.id, b.id);
        }
    }
}

#[test]
fn events_group_and_separate() {
    let docs = all_docs();
    let c = cluster(&docs, Config::default());
    check_grouping(&c, &docs);
    let events = c.events();
    assert_eq!(events.len(), 5);
    let summit = events
        .iter()
        .find(|e| e.articles.contains(&"s1".to_owned()))
        .unwrap();
    assert_eq!(summit.id, "e-s1");
    assert_eq!(summit.sources, ["صحيفة", "قناة", "وكالة"]);
    assert!(!summit.label.is_empty());
}

#[test]
fn incremental_equals_batch() {
    let docs = all_docs();
    let batch = cluster(&docs, Config::default());
    let mut inc = Clusterer::new(Config::default());
    inc.prime(&docs);
    for d in batch_order(&docs) {
        inc.add(d);
    }
    assert_eq!(batch.events(), inc.events());
    assert_eq!(batch.storylines(), inc.storylines());
}

#[test]
fn incremental_without_priming_still_groups() {
    let docs = all_docs();
    let mut c = Clusterer::new(Config::default());
    for d in batch_order(&docs) {
        c.add(d);
    }
    check_grouping(&c, &docs);
}

#[test]
fn state_round_trips_through_serde() {
    let docs = all_docs();
    let (first, rest) = docs.split_at(6);
    let mut c = Clusterer::new(Config::default());
    for d in batch_order(first) {
        c.add(d);
    }
    let saved = serde_json::to_string(&c).unwrap();
    let mut restored: Clusterer = serde_json::from_str(&saved).unwrap();
    for d in batch_order(rest) {
        assert_eq!(c.add(d), restored.add(d));
    }
    assert_eq!(c.events(), restored.events());
}

#[test]
fn copy_with_a_changed_paragraph_is_a_near_duplicate() {
    let docs = all_docs();
    let mut c = cluster(&docs, Config::default());
    let original = &docs[0];
    let mut copy = original.clone();
    copy.id = "q1-copy".into();
    copy.source = Some("مجمع أخبار".into());
    copy.paragraphs[1] =
        "وأفادت مصادر محلية بأن فرق الإنقاذ تبحث عن ناجين تحت الأنقاض في مدينة بادانغ منذ الصباح."
            .into();
    copy.paragraphs
        .push("تابعونا على مواقع التواصل الاجتماعي".into());
    let placed = c.add(&copy);
    assert_eq!(placed.duplicate_of.as_deref(), Some("q1"));
    assert_eq!(Some(placed.event.as_str()), c.event_of("q1"));
    let groups = c.duplicates();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].copies, ["q1-copy"]);
    assert_eq!(groups[0].sources, ["مجمع أخبار", "وكالة"]);
    // A different report of the same quake is not a duplicate.
    assert!(
        c.duplicates()
            .iter()
            .all(|g| !g.copies.contains(&"q2".to_owned()))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn clustering_ignores_input_order(seed in any::<u64>()) {
        let docs = all_docs();
        let mut shuffled = docs.clone();
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let a = cluster(&docs, Config::default());
        let b = cluster(&shuffled, Config::default());
        prop_assert_eq!(a.events(), b.events());
        prop_assert_eq!(a.storylines(), b.storylines());
    }
}
