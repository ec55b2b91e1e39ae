//! The reader's own URLs: article paths with the id percent-encoded as one path segment, and
//! query strings form-encoded, so an id or a query can never break out of its `href`.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Everything outside RFC 3986's unreserved set and sub-delims that may not stand in a segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The reader's page of the article `id`.
pub fn article_href(id: &str) -> String {
    page_href("/articles", id)
}

/// The page `{collection}/{id}`, the id percent-encoded as one path segment.
pub fn page_href(collection: &str, id: &str) -> String {
    format!("{collection}/{}", utf8_percent_encode(id, SEGMENT))
}

/// `path` with the query `pairs`, form-encoded; no `?` when there are none.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    if pairs.is_empty() {
        return path.to_owned();
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        query.append_pair(key, value);
    }
    format!("{path}?{}", query.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_stay_one_segment() {
        assert_eq!(article_href("a1b2"), "/articles/a1b2");
        assert_eq!(article_href("x/../y?z#w"), "/articles/x%2F..%2Fy%3Fz%23w");
        assert_eq!(article_href("خبر 1"), "/articles/%D8%AE%D8%A8%D8%B1%201");
    }

    #[test]
    fn queries_are_encoded() {
        assert_eq!(with_query("/", &[]), "/");
        assert_eq!(
            with_query("/search", &[("q", "غزة & رفح"), ("page", "2")]),
            "/search?q=%D8%BA%D8%B2%D8%A9+%26+%D8%B1%D9%81%D8%AD&page=2"
        );
    }
}
