//! Atom feeds: valid Atom 1.0 (parsed back with feed-rs, and the required elements checked
//! with an XML reader), escaping, and the search and source feeds.

use axum::http::StatusCode;
use quick_xml::Reader;
use quick_xml::events::Event;

use crate::fake_store::{article, store_with};
use crate::{get, with_q};

/// The element paths (`feed/entry/id`) of an XML document, in order.
fn paths(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                stack.push({
                    let q = e.name();
                    let n: &str = q.as_ref();
                    n.to_owned()
                });
                seen.push(stack.join("/"));
            }
            Event::Empty(e) => {
                let name = {
                    let q = e.name();
                    let n: &str = q.as_ref();
                    n.to_owned()
                };
                seen.push(format!("{}/{name}", stack.join("/")));
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    seen
}

/// Check RFC 4287's required elements: feed id, title, updated, author (or every entry's);
/// each entry's id, title, updated and an alternate link.
fn assert_valid_atom(xml: &str) -> feed_rs::model::Feed {
    let paths = paths(xml);
    for required in [
        "feed/id",
        "feed/title",
        "feed/updated",
        "feed/author/name",
        "feed/link",
    ] {
        assert!(paths.iter().any(|p| p == required), "missing {required}");
    }
    let entries = paths.iter().filter(|p| *p == "feed/entry").count();
    for required in [
        "feed/entry/id",
        "feed/entry/title",
        "feed/entry/updated",
        "feed/entry/link",
    ] {
        assert!(
            paths.iter().filter(|p| *p == required).count() >= entries,
            "{required}"
        );
    }
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs parses it");
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert_eq!(feed.entries.len(), entries);
    feed
}

#[tokio::test]
async fn home_feed_is_valid_atom() {
    let mut hostile = article(
        "x1",
        "<script>alert(1)</script> & «خبر»",
        "2022-07-21T14:30",
    );
    hostile.article.body = vec!["نص \u{1} فيه حرف تحكم و </summary> كذلك".into()];
    hostile.article.subtitle = None;
    let store = store_with(vec![hostile, article("a2", "سد جديد", "2022-07-20")]);
    let answer = get(store, "/feeds/home.atom").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type(), "application/atom+xml; charset=utf-8");
    assert!(!answer.body.contains("<script>"), "escaped");
    let feed = assert_valid_atom(&answer.body);
    assert_eq!(feed.entries.len(), 2);
    let first = &feed.entries[0];
    assert_eq!(
        first.title.as_ref().unwrap().content,
        "<script>alert(1)</script> & «خبر»"
    );
    assert_eq!(first.id, "http://localhost/articles/x1");
    assert_eq!(first.links[0].href, "http://localhost/articles/x1");
    assert_eq!(
        first.updated.unwrap().to_rfc3339(),
        "2022-07-21T14:30:00+00:00"
    );
    assert!(
        first
            .summary
            .as_ref()
            .unwrap()
            .content
            .contains("</summary> كذلك")
    );
    assert!(feed.title.unwrap().content.contains("آخر الأخبار"));
}

#[tokio::test]
async fn search_and_source_feeds() {
    let mut other = article("b1", "مباراة الوداد", "2022-07-22");
    other.article.source = Some("اليوم 24".into());
    let store = store_with(vec![
        article("a1", "سد جديد في الرباط", "2022-07-21"),
        other,
    ]);
    let search = get(store.clone(), &with_q("/feeds/search.atom", "سد", "")).await;
    assert_eq!(search.status, StatusCode::OK);
    let feed = assert_valid_atom(&search.body);
    let ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["http://localhost/articles/a1"]);
    let empty = get(store.clone(), "/feeds/search.atom").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    let no_source = get(store, "/feeds/source.atom").await;
    assert_eq!(no_source.status, StatusCode::BAD_REQUEST);
}
