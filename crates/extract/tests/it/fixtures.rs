//! Hand-written HTML fixtures of Arabic news layouts: a modern page (nav, ticker, share bar,
//! related list inside the article, JSON-LD, sidebar, footer) and an old table layout in
//! windows-1256 with `<br><br>` paragraphs.

use std::path::Path;

use marsad_extract::{Format, Options, extract};

fn load(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/html")
            .join(name),
    )
    .expect("fixture")
}

fn no_furniture(body: &[String], lines: &[&str]) {
    for l in lines {
        assert!(
            !body.iter().any(|p| p.contains(l)),
            "furniture in body: {l}"
        );
    }
}

#[test]
fn modern_news_page() {
    let x = extract(
        &load("news_site_nav_ticker_related_jsonld.html"),
        &Options::default(),
    )
    .expect("page");
    let a = x.article;
    assert_eq!(
        a.title.as_deref(),
        Some("الحكومة تعلن خطة لدعم الفلاحين المتضررين من الجفاف")
    );
    assert_eq!(
        a.subtitle.as_deref(),
        Some("برنامج بقيمة عشرة ملايير درهم يشمل إعادة جدولة الديون وتوزيع الأعلاف المدعمة")
    );
    assert_eq!(a.author.as_deref(), Some("سعاد بنعلي"));
    assert_eq!(a.source.as_deref(), Some("جريدة الصباح"));
    assert_eq!(
        a.published.published.as_deref(),
        Some("2024-03-11T09:15:00")
    );
    assert_eq!(a.published.published_precision.as_deref(), Some("second"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://assabah.example.ma/news/2024/03/11/plan-fellahin")
    );
    assert_eq!(a.language, "ar");
    assert_eq!(
        a.captions,
        vec!["فلاح يتفقد حقله المتضرر من قلة الأمطار في إقليم سطات (أرشيف)".to_owned()]
    );
    assert_eq!(a.body.len(), 5, "{:#?}", a.body);
    assert_eq!(a.body[2], "دعم مباشر لمربي الماشية");
    assert!(a.body[4].starts_with("من جهتها"));
    no_furniture(
        &a.body,
        &[
            "اقرأ أيضا",
            "وزير الفلاحة يتفقد",
            "الأكثر قراءة",
            "الرجاء يفوز",
            "جميع الحقوق",
            "سياسة",
            "واتساب",
            "الجفاف الفلاحة",
        ],
    );
}

#[test]
fn windows_1256_table_layout() {
    let bytes = load("windows1256_table_layout_br_paragraphs.html");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture must be in windows-1256"
    );
    let x = extract(
        &bytes,
        &Options {
            url: Some("http://chamal.example.ma/n/1".into()),
            ..Options::default()
        },
    )
    .expect("page");
    let a = x.article;
    assert_eq!(
        a.title.as_deref(),
        Some("الشرطة تفكك شبكة للهجرة السرية بالناظور")
    );
    assert_eq!(a.author.as_deref(), Some("محمد الريفي"));
    assert_eq!(a.dateline.as_deref(), Some("الناظور"));
    assert_eq!(a.published.published.as_deref(), Some("2019-09-12"));
    assert_eq!(a.body.len(), 3, "{:#?}", a.body);
    assert!(a.body[0].starts_with("تمكنت عناصر الشرطة"));
    no_furniture(
        &a.body,
        &[
            "الرئيسية",
            "شارك الخبر",
            "آخر الأخبار",
            "افتتاح موسم",
            "جميع الحقوق",
        ],
    );
}

#[test]
fn same_page_as_text_and_as_html() {
    let html = "<html><body><h1>عنوان الخبر عن الزيارة الرسمية</h1><p>وصل الوزير إلى الرباط مساء اليوم في أول زيارة رسمية يقوم بها إلى المغرب منذ سنوات.</p><p>وقال الوزير إن الزيارة تهدف إلى تعزيز التعاون بين البلدين في مجالات عدة.</p></body></html>";
    let text = "عنوان الخبر عن الزيارة الرسمية\n\nوصل الوزير إلى الرباط مساء اليوم في أول زيارة رسمية يقوم بها إلى المغرب منذ سنوات.\n\nوقال الوزير إن الزيارة تهدف إلى تعزيز التعاون بين البلدين في مجالات عدة.\n";
    let a = extract(html.as_bytes(), &Options::default())
        .expect("html")
        .article;
    let b = extract(
        text.as_bytes(),
        &Options {
            format: Format::Text,
            ..Options::default()
        },
    )
    .expect("text")
    .article;
    assert_eq!(a.title, b.title);
    assert_eq!(a.body, b.body);
}

#[test]
fn garbage_never_panics() {
    for input in [
        &b"<<<<>>>><p><p><p></div></div>"[..],
        b"<html><body><table><tr><td><td><td>",
        "\u{feff}نص".as_bytes(),
        b"\xff\xfe\x41\x00",
        b"<script>alert(1)</script>",
    ] {
        let _ = extract(input, &Options::default());
    }
}
