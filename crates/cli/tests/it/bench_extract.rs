//! `marsad bench extract` on small sets made here: the set kind is told from the folder, the
//! gold's body and metadata are scored, and a folder of nothing known is a clear error.

use std::path::Path;

use crate::util::{fails, json, marsad, ok};

const PAGE: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الحكومة تعلن خطة جديدة للمياه - جريدة المثال</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="سارة المنصوري"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/world">العالم</a> <a href="/sport">رياضة</a></nav>
<article><h1>الحكومة تعلن خطة جديدة للمياه</h1>
<p>أعلنت الحكومة يوم الثلاثاء عن خطة وطنية جديدة لإدارة الموارد المائية في البلاد، تشمل بناء سدود صغيرة وتحديث شبكات الري في المناطق الريفية.</p>
<p>وقال وزير الفلاحة في مؤتمر صحفي إن الخطة ستنفذ على مدى خمس سنوات، وإن تمويلها سيأتي من الميزانية العامة ومن شركاء دوليين.</p>
<p>وأضاف أن الجفاف الذي ضرب البلاد في السنوات الأخيرة جعل إصلاح قطاع المياه أولوية وطنية لا تحتمل التأجيل.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"#;

const BODY: &str = "أعلنت الحكومة يوم الثلاثاء عن خطة وطنية جديدة لإدارة الموارد المائية في البلاد، تشمل بناء سدود صغيرة وتحديث شبكات الري في المناطق الريفية.
وقال وزير الفلاحة في مؤتمر صحفي إن الخطة ستنفذ على مدى خمس سنوات، وإن تمويلها سيأتي من الميزانية العامة ومن شركاء دوليين.
وأضاف أن الجفاف الذي ضرب البلاد في السنوات الأخيرة جعل إصلاح قطاع المياه أولوية وطنية لا تحتمل التأجيل.";

fn newspaper4k_set(dir: &Path) {
    for sub in ["html", "txt", "metadata"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("html/water.html"), PAGE).unwrap();
    std::fs::write(dir.join("txt/water.txt"), BODY).unwrap();
    let meta = serde_json::json!({
        "url": "https://example.com/2024/03/05/water",
        "title": "الحكومة تعلن خطة جديدة للمياه",
        "authors": ["سارة المنصوري"],
        "publish_date": "2024-03-05T10:00:00",
    });
    std::fs::write(dir.join("metadata/water.json"), meta.to_string()).unwrap();
    // A page without accepted text is not an article: not scored.
    std::fs::write(
        dir.join("html/index.html"),
        "<html><body>قائمة</body></html>",
    )
    .unwrap();
}

#[test]
fn bench_extract_scores_body_and_metadata_of_a_set() {
    let tmp = tempfile::tempdir().unwrap();
    let set = tmp.path().join("set");
    newspaper4k_set(&set);
    let out = ok(marsad(
        tmp.path(),
        &[
            "bench",
            "extract",
            "--set",
            set.to_str().unwrap(),
            "--no-peer",
            "--rounds",
            "1",
            "--json",
        ],
    ));
    let report = json(&out);
    assert_eq!(report["schema"], 2);
    let sets = report["sets"].as_array().unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["set"], "newspaper4k");
    assert_eq!(sets[0]["pages"], 1);
    let marsad = &sets[0]["extractors"][0];
    assert_eq!(marsad["name"], "marsad");
    let f1 = marsad["body"]["f1"].as_f64().unwrap();
    assert!(f1 > 0.95, "body F1 {f1}");
    assert_eq!(marsad["title"]["accuracy"], 1.0);
    assert_eq!(marsad["author"]["accuracy"], 1.0);
    assert_eq!(marsad["date"]["accuracy"], 1.0);
    assert!(marsad["snippets"].is_null());
    let page = &sets[0]["per_page"][0];
    assert_eq!(page["id"], "water");
    assert_eq!(page["arabic"], true);
}

#[test]
fn bench_extract_on_an_unknown_folder_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let err = fails(marsad(
        tmp.path(),
        &[
            "bench",
            "extract",
            "--set",
            tmp.path().to_str().unwrap(),
            "--no-peer",
        ],
    ));
    assert!(err.contains("not a known extraction set"), "{err}");
}
