//! The category classifier end to end on a tiny synthetic Arabic set: it learns a separable
//! split, its bytes round-trip, and damaged or foreign bytes are refused.

use marsad_analyze::{CategoryError, CategoryModel, Example, TrainConfig, product_model, train};

const SPORT: [&str; 6] = [
    "فاز الفريق في المباراة بهدفين وتأهل إلى نهائي الكأس",
    "سجل المهاجم هدفا في الدقيقة الأخيرة من المباراة",
    "الملعب امتلأ بالجماهير لمتابعة مباراة الدوري",
    "المدرب أعلن تشكيلة المنتخب قبل مباراة التصفيات",
    "حارس المرمى تصدى لركلة جزاء وفاز فريقه بالبطولة",
    "اللاعب انتقل إلى النادي في صفقة قياسية هذا الموسم",
];
const ECONOMY: [&str; 6] = [
    "ارتفع سعر النفط في الأسواق العالمية مع تراجع المخزون",
    "البنك المركزي رفع سعر الفائدة لمواجهة التضخم",
    "البورصة سجلت مكاسب بعد صدور بيانات النمو الاقتصادي",
    "الحكومة أعلنت ميزانية جديدة لخفض العجز والدين العام",
    "صادرات الشركات ارتفعت وتحسن الميزان التجاري للبلاد",
    "تراجع سعر صرف العملة أمام الدولار في السوق",
];

fn examples() -> Vec<Example> {
    let make = |texts: &[&str], label: &str, offset: usize| -> Vec<Example> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Example {
                id: format!("https://example.com/{}", offset + i),
                title: None,
                body: vec![(*t).to_owned()],
                labels: vec![label.to_owned()],
                outlet: None,
            })
            .collect()
    };
    let mut all = make(&SPORT, "sport", 0);
    all.extend(make(&ECONOMY, "economy", 100));
    all
}

fn config() -> TrainConfig {
    // Tiny set: keep every feature and skip the held-out calibration.
    TrainConfig {
        min_df: 1,
        c: 10.0,
        calibration_fraction: 0.0,
        ..TrainConfig::default()
    }
}

fn check(model: &CategoryModel, title: Option<&str>, body: &str, expected: &str) {
    let p = model.predict(title, &[body.to_owned()]);
    assert_eq!(p.label, expected, "{body}: {p:?}");
    assert!(p.confidence > 0.5 && p.confidence <= 1.0, "{p:?}");
    let total: f32 = p.top.iter().map(|(_, prob)| prob).sum();
    assert!(
        (total - 1.0).abs() < 1e-4,
        "two labels: top holds all the mass: {p:?}"
    );
}

#[test]
fn learns_a_separable_split() {
    let model = train(&examples(), &config(), &|_| {})
        .expect("trains")
        .model;
    assert_eq!(model.labels(), ["economy", "sport"]);
    check(&model, None, "فاز المنتخب في المباراة", "sport");
    check(&model, Some("هدف في الدقيقة الأخيرة"), "", "sport");
    check(&model, None, "ارتفع سعر الدولار وتراجع النفط", "economy");
    check(&model, Some("البنك المركزي"), "الفائدة والتضخم", "economy");
    // Every training text is classified right.
    for e in examples() {
        assert_eq!(
            model.predict(None, &e.body).label,
            e.labels[0],
            "{:?}",
            e.body
        );
    }
}

#[test]
fn bytes_round_trip() {
    let model = train(&examples(), &config(), &|_| {})
        .expect("trains")
        .model;
    let bytes = model.to_bytes();
    let loaded = CategoryModel::from_bytes(&bytes).expect("loads");
    assert_eq!(loaded.to_bytes(), bytes);
    assert_eq!(loaded.labels(), model.labels());
    assert_eq!(loaded.features(), model.features());
    for text in SPORT.iter().chain(&ECONOMY) {
        let body = [(*text).to_owned()];
        assert_eq!(loaded.predict(None, &body), model.predict(None, &body));
    }
}

#[test]
fn damaged_bytes_are_refused() {
    let bytes = train(&examples(), &config(), &|_| {})
        .expect("trains")
        .model
        .to_bytes();
    assert_eq!(
        CategoryModel::from_bytes(b"").err(),
        Some(CategoryError::BadMagic)
    );
    assert_eq!(
        CategoryModel::from_bytes(b"PK\x03\x04 a zip file").err(),
        Some(CategoryError::BadMagic)
    );
    let mut other = bytes.clone();
    other[8] = 9;
    assert_eq!(
        CategoryModel::from_bytes(&other).err(),
        Some(CategoryError::UnsupportedVersion {
            found: 9,
            supported: 1
        })
    );
    // Any flipped byte or cut after the version is caught.
    for at in [10, 20, bytes.len() / 2, bytes.len() - 9, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x55;
        assert!(
            matches!(
                CategoryModel::from_bytes(&bad),
                Err(CategoryError::Checksum { .. })
            ),
            "flip at {at}"
        );
    }
    for len in [9, 11, 30, bytes.len() - 1] {
        assert!(
            CategoryModel::from_bytes(&bytes[..len]).is_err(),
            "cut at {len}"
        );
    }
}

#[test]
fn training_needs_two_labels_and_a_label_each() {
    let mut one = examples();
    one.truncate(3);
    assert_eq!(
        train(&one, &config(), &|_| {}).err(),
        Some(CategoryError::TooFewLabels { found: 1 })
    );
    let mut unlabelled = examples();
    unlabelled[0].labels.clear();
    assert!(matches!(
        train(&unlabelled, &config(), &|_| {}),
        Err(CategoryError::Unlabelled { .. })
    ));
}

#[test]
fn an_example_may_carry_two_labels() {
    let mut all = examples();
    all[0].labels.push("economy".to_owned());
    let model = train(&all, &config(), &|_| {}).expect("trains").model;
    assert_eq!(model.labels(), ["economy", "sport"]);
}

#[test]
fn the_product_model_loads() {
    let model = product_model().expect("bundled model loads");
    assert_eq!(model.label_space(), "taxonomy");
    for label in model.labels() {
        assert!(
            marsad_analyze::section(label).is_some(),
            "{label} is a taxonomy section"
        );
    }
    let body =
        ["ارتفعت أسعار النفط في الأسواق العالمية وتراجع الدولار أمام العملات الرئيسية".to_owned()];
    assert_eq!(
        model.predict(Some("أسعار النفط ترتفع"), &body).label,
        "economy"
    );
}

proptest::proptest! {
    #[test]
    fn loading_any_bytes_never_panics(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        let _ = CategoryModel::from_bytes(&tail);
        let mut prefixed = b"MARSADCT\x01\x00".to_vec();
        prefixed.extend(&tail);
        let _ = CategoryModel::from_bytes(&prefixed);
    }
}
