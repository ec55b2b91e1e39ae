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

/// A page body of a few sentences, so that the article region is found.
const PROSE: &str = "<p>وصل الوزير إلى الرباط مساء أمس في أول زيارة رسمية يقوم بها إلى المغرب منذ سنوات طويلة.</p><p>وقال الوزير إن الزيارة تهدف إلى تعزيز التعاون بين البلدين في مجالات الاقتصاد والتعليم والصحة.</p><p>وأضاف أن الجانبين سيوقعان عدة اتفاقيات خلال الأيام المقبلة في العاصمة.</p>";

fn published_of(html: &str, url: Option<&str>) -> Option<String> {
    extract(
        html.as_bytes(),
        &Options {
            url: url.map(str::to_owned),
            ..Options::default()
        },
    )
    .expect("page")
    .article
    .published
    .published
}

#[test]
fn dates_from_marked_elements_and_lines_outside_the_head() {
    // An element whose class names a date, above the headline, in German.
    let marked = format!(
        "<html><body><div class=\"_publishingdate\">07.11.2023</div><h1>عنوان الخبر عن الزيارة الرسمية</h1>{PROSE}</body></html>"
    );
    assert_eq!(published_of(&marked, None).as_deref(), Some("2023-11-07"));
    // A date element inside a related list is another article's: not this one's.
    let related = format!(
        "<html><body><h1>عنوان الخبر عن الزيارة الرسمية</h1>{PROSE}<div class=\"related-posts\"><span class=\"date\">April 19, 2019</span><a href=\"/x\">خبر آخر</a></div></body></html>"
    );
    assert_eq!(published_of(&related, None), None);
    // A short byline-and-date line after the body, with no markup to say what it is.
    let after = format!(
        "<html><body><h1>عنوان الخبر عن الزيارة الرسمية</h1>{PROSE}<div>Paddy · April 19, 2019 · 7 comments</div></body></html>"
    );
    assert_eq!(published_of(&after, None).as_deref(), Some("2019-04-19"));
    // A date in the URL comes before such a line.
    assert_eq!(
        published_of(&after, Some("https://x.example/2020/05/07/slug")).as_deref(),
        Some("2020-05-07")
    );
    // A sentence of the body that mentions a date is not the publication date.
    let prose = format!(
        "<html><body><h1>عنوان الخبر عن الزيارة الرسمية</h1>{PROSE}<p>Am 4. Februar 2022 erscheint das neue Album der Band.</p></body></html>"
    );
    assert_eq!(published_of(&prose, None), None);
}

#[test]
fn a_caption_class_on_the_body_marks_no_caption() {
    let html = format!(
        "<html><body class=\"single-post wp-featherlight-captions\"><h1>عنوان الخبر عن الزيارة الرسمية</h1>{PROSE}</body></html>"
    );
    let a = extract(html.as_bytes(), &Options::default())
        .expect("page")
        .article;
    assert_eq!(a.body.len(), 3, "{:#?}", a.body);
    assert!(a.captions.is_empty(), "{:#?}", a.captions);
}

#[test]
fn a_page_with_only_a_teaser_gives_the_teaser() {
    let teaser = "Das Zentrum Ergolz lud zur Gesprächsrunde ein. Die Teilnehmenden sprachen darüber, wie Arbeitgeber in Zeiten des Fachkräftemangels genügend Personal finden. Mit dabei: der Personalchef des bei Arbeitnehmern beliebtesten ...";
    let html = format!(
        "<html><body><nav><a href=\"/\">Start</a></nav><h1>Gute Löhne alleine reichen nicht</h1><p>{teaser}</p><div class=\"share\"><a href=\"/s\">Share</a></div></body></html>"
    );
    let a = extract(html.as_bytes(), &Options::default())
        .expect("page")
        .article;
    assert_eq!(a.body, vec![teaser.to_owned()]);
    // A page with a body keeps its teasers out.
    let html = format!(
        "<html><body><h1>عنوان الخبر عن الزيارة الرسمية</h1>{PROSE}<p>{teaser}</p></body></html>"
    );
    let a = extract(html.as_bytes(), &Options::default())
        .expect("page")
        .article;
    assert!(
        !a.body.iter().any(|p| p.contains("Ergolz")),
        "{:#?}",
        a.body
    );
}
