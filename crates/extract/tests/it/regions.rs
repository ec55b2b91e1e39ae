//! Where the body region starts and ends on pages whose article is not one run of prose:
//! a widget between two parts of one body, a page whose longest prose is another story, and
//! the short lines (a list, a closing line) of the element that holds the article.

use marsad_extract::{Options, extract};

/// A paragraph of `n` sentences, each a plain report sentence numbered `tag`.
fn prose(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "وقال المسؤول في تصريح للصحافة إن اللجنة {tag} ستواصل عملها خلال الأسابيع المقبلة رقم {i}."
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A block of short links, as a table of contents or a sponsored widget renders.
fn links(n: usize) -> String {
    let items: String = (0..n)
        .map(|i| format!("<li><a href=\"/x/{i}\">عنوان قصير رقم {i}</a></li>"))
        .collect();
    format!("<div class=\"box\"><ul>{items}</ul></div>")
}

/// Whether a paragraph of `body` holds `word`.
fn has(body: &[String], word: &str) -> bool {
    body.iter().any(|p| p.contains(word))
}

fn body_of(html: &str) -> Vec<String> {
    extract(html.as_bytes(), &Options::default())
        .expect("page")
        .article
        .body
}

#[test]
fn a_widget_inside_the_body_does_not_cut_off_its_first_part() {
    let html = format!(
        "<html><body><div class=\"col\"><h1>عنوان الخبر الرئيسي اليوم</h1>\
         <div id=\"txt\"><p>{intro}</p>{widget}<p>{a}</p><p>{b}</p><p>{c}</p></div></div>\
         </body></html>",
        intro = prose("الأولى", 1),
        widget = links(12),
        a = prose("الثانية", 2),
        b = prose("الثالثة", 2),
        c = prose("الرابعة", 2),
    );
    let body = body_of(&html);
    assert!(
        has(&body, "الأولى"),
        "the part before the widget is lost: {body:#?}"
    );
    assert!(has(&body, "الرابعة"), "{body:#?}");
    assert!(
        !has(&body, "عنوان قصير"),
        "the widget is in the body: {body:#?}"
    );
}

#[test]
fn prose_of_another_element_is_not_pulled_in() {
    let html = format!(
        "<html><body><div class=\"col\"><h1>عنوان الخبر الرئيسي اليوم</h1>\
         <div id=\"txt\"><p>{a}</p><p>{b}</p></div>{widget}\
         <div id=\"other\"><p>{other}</p></div></div></body></html>",
        a = prose("الأولى", 2),
        b = prose("الثانية", 2),
        widget = links(12),
        other = prose("الأخرى", 1),
    );
    let body = body_of(&html);
    assert!(has(&body, "الثانية"), "{body:#?}");
    assert!(
        !has(&body, "الأخرى"),
        "another element's prose joined: {body:#?}"
    );
}

#[test]
fn the_page_description_points_at_a_short_article_over_a_longer_teaser() {
    let story = prose("القصيرة", 2);
    let description: String = story.split(' ').take(14).collect::<Vec<_>>().join(" ");
    let html = format!(
        "<html><head><meta name=\"description\" content=\"{description}…\"></head><body>\
         <h1>عنوان الخبر الرئيسي اليوم</h1><div id=\"story\"><p>{story}</p></div>{widget}\
         <div class=\"next\"><h2><a href=\"/next\">خبر آخر من الموقع</a></h2><p>{teaser}</p></div>\
         </body></html>",
        widget = links(12),
        teaser = prose("الطويلة", 4),
    );
    let body = body_of(&html);
    assert!(
        has(&body, "القصيرة"),
        "the article the description names is lost: {body:#?}"
    );
    assert!(
        !has(&body, "الطويلة"),
        "the other story's teaser is the body: {body:#?}"
    );
}

#[test]
fn text_after_a_figure_belongs_to_the_same_body() {
    // `<figure>` closes the open `<p>`: what follows is text straight inside the body's
    // `div`, and still part of the element that holds the paragraphs.
    let html = format!(
        "<html><body><div class=\"col\"><h1>عنوان الخبر الرئيسي اليوم</h1>\
         <div id=\"txt\"><p>{intro}</p>{widget}\
         <p><figure><img src=\"/a.jpg\" alt=\"صورة\"><figcaption>صورة من الحدث</figcaption></figure>{a}</p>\
         <p>{b}</p></div></div></body></html>",
        intro = prose("الأولى", 1),
        widget = links(12),
        a = prose("الثانية", 4),
        b = prose("الثالثة", 1),
    );
    let body = body_of(&html);
    assert!(
        has(&body, "الأولى"),
        "the part before the widget is lost: {body:#?}"
    );
    assert!(has(&body, "الثانية"), "{body:#?}");
    assert!(has(&body, "الثالثة"), "{body:#?}");
}

#[test]
fn short_lines_of_the_article_element_are_body() {
    // A short line before the first paragraph, a list of items inside the article (each
    // line too short to count as prose) and a one-line paragraph between paragraphs.
    let html = format!(
        "<html><body><h1>عنوان الخبر الرئيسي اليوم</h1><div id=\"txt\">\
         <p>المكونات الأولى</p><p>{a}</p><ul><li>بند مقتضب</li><li>بند مقتضب آخر</li></ul>\
         <p>{b}</p><p>سطر وحيد</p><p>{c}</p></div>\
         <div class=\"box\"><p>عنوان جانبي</p></div></body></html>",
        a = prose("الأولى", 2),
        b = prose("الثانية", 2),
        c = prose("الثالثة", 2),
    );
    let body = body_of(&html);
    for line in ["المكونات الأولى", "بند مقتضب", "بند مقتضب آخر", "سطر وحيد"]
    {
        assert!(body.iter().any(|p| p == line), "{line} is lost: {body:#?}");
    }
    assert!(
        !has(&body, "عنوان جانبي"),
        "another element's line joined: {body:#?}"
    );
}

#[test]
fn a_short_line_before_a_list_of_links_is_not_body() {
    // At the end of the article element, a short line followed by links is a widget's
    // header.
    let html = format!(
        "<html><body><h1>عنوان الخبر الرئيسي اليوم</h1><div id=\"txt\">\
         <p>{a}</p><p>{b}</p><p>{c}</p><p>مواضيع تهمك</p>{widget}</div></body></html>",
        a = prose("الأولى", 2),
        b = prose("الثانية", 2),
        widget = links(6),
        c = prose("الثالثة", 2),
    );
    let body = body_of(&html);
    assert!(has(&body, "الثالثة"), "{body:#?}");
    assert!(
        !has(&body, "مواضيع تهمك"),
        "the widget's header is body: {body:#?}"
    );
    assert!(!has(&body, "عنوان قصير"), "{body:#?}");
}

#[test]
fn an_article_rendered_twice_is_read_once() {
    // A desktop and a mobile copy of one article: every paragraph repeats.
    let copy = format!(
        "<h1>عنوان الخبر الرئيسي اليوم</h1><p>{a}</p><p>{b}</p><p>{c}</p>",
        a = prose("الأولى", 2),
        b = prose("الثانية", 2),
        c = prose("الثالثة", 2),
    );
    let html = format!(
        "<html><body><div class=\"desktop\">{copy}</div><div class=\"mobile\">{copy}</div>\
         </body></html>"
    );
    let body = body_of(&html);
    assert_eq!(body.len(), 3, "{body:#?}");
    assert!(
        body[0].contains("الأولى") && body[2].contains("الثالثة"),
        "{body:#?}"
    );
}
