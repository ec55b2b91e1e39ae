//! Reading the query parameters: numbers in range, page numbers and the search text, each
//! failure a [`WebError::BadRequest`] naming the parameter. Empty values (as a GET form sends
//! them) count as absent.

use crate::WebError;

/// The most items one request returns; a larger `limit` is lowered to it.
pub const MAX_LIMIT: usize = 100;
/// The deepest `offset` into the latest articles (keeps the store's paging cheap).
pub const MAX_LIST_OFFSET: usize = 1_000_000;
/// The deepest `offset` into search results (the index collects `offset + limit` hits).
pub const MAX_SEARCH_OFFSET: usize = 10_000;
/// The longest search text, in characters.
pub const MAX_QUERY_CHARS: usize = 300;
/// The most values one filter (`source`, `category`) may list.
pub const MAX_FILTER_VALUES: usize = 10;

/// A `YYYY-MM-DD` day parameter (`from`, `to`); empty is absent.
pub fn day(raw: Option<&str>, param: &'static str) -> Result<Option<chrono::NaiveDate>, WebError> {
    let Some(value) = present(raw) else {
        return Ok(None);
    };
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| WebError::BadRequest {
            param,
            problem: "يجب أن يكون تاريخًا بالشكل YYYY-MM-DD",
        })
}

/// A filter's values (`source`, `category`): at most [`MAX_FILTER_VALUES`], each at most 200
/// characters.
pub fn filter_values(values: Vec<&str>, param: &'static str) -> Result<Vec<String>, WebError> {
    if values.len() > MAX_FILTER_VALUES || values.iter().any(|v| v.chars().count() > 200) {
        return Err(WebError::BadRequest {
            param,
            problem: "قيم كثيرة أو طويلة أكثر من اللازم",
        });
    }
    Ok(values.into_iter().map(str::to_owned).collect())
}

fn present(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|value| !value.is_empty())
}

/// `limit`: 1 or more (`default` when absent), lowered to [`MAX_LIMIT`].
pub fn limit(raw: Option<&str>, default: usize) -> Result<usize, WebError> {
    let Some(value) = present(raw) else {
        return Ok(default.min(MAX_LIMIT));
    };
    match value.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n.min(MAX_LIMIT)),
        _ => Err(WebError::BadRequest {
            param: "limit",
            problem: "يجب أن يكون عددًا صحيحًا موجبًا (1 إلى 100)",
        }),
    }
}

/// `offset`: 0 or more (0 when absent), at most `max`.
pub fn offset(raw: Option<&str>, max: usize) -> Result<usize, WebError> {
    let Some(value) = present(raw) else {
        return Ok(0);
    };
    match value.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(WebError::BadRequest {
            param: "offset",
            problem: "يجب أن يكون عددًا صحيحًا غير سالب في الحدود المسموح بها",
        }),
    }
}

/// `page`: 1 or more (1 when absent), such that the page starts at most `max_offset` items in.
pub fn page(raw: Option<&str>, per_page: usize, max_offset: usize) -> Result<usize, WebError> {
    let Some(value) = present(raw) else {
        return Ok(1);
    };
    let n = value.parse::<usize>().ok();
    let start = n.and_then(|n| n.checked_sub(1)?.checked_mul(per_page));
    match (n, start) {
        (Some(n), Some(start)) if start <= max_offset => Ok(n),
        _ => Err(WebError::BadRequest {
            param: "page",
            problem: "يجب أن يكون رقم صفحة صحيحًا يبدأ من 1 في الحدود المسموح بها",
        }),
    }
}

/// `q`: the search text, trimmed (empty when absent), at most [`MAX_QUERY_CHARS`] characters.
pub fn search_text(raw: Option<&str>) -> Result<String, WebError> {
    let text = raw.map(str::trim).unwrap_or_default();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(WebError::BadRequest {
            param: "q",
            problem: "نص البحث أطول من 300 حرف",
        });
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        let check = |raw: Option<&str>, expected: Option<usize>| {
            assert_eq!(limit(raw, 20).ok(), expected, "{raw:?}");
        };
        check(None, Some(20));
        check(Some(""), Some(20));
        check(Some("5"), Some(5));
        check(Some(" 7 "), Some(7));
        check(Some("1000"), Some(100));
        check(Some("0"), None);
        check(Some("-1"), None);
        check(Some("abc"), None);
        check(Some("99999999999999999999999"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(offset(None, 10).ok(), Some(0));
        assert_eq!(offset(Some("10"), 10).ok(), Some(10));
        assert!(offset(Some("11"), 10).is_err());
        assert!(offset(Some("-3"), 10).is_err());
    }

    #[test]
    fn pages() {
        assert_eq!(page(None, 20, 100).ok(), Some(1));
        assert_eq!(page(Some("3"), 20, 100).ok(), Some(3));
        assert_eq!(page(Some("6"), 20, 100).ok(), Some(6));
        assert!(page(Some("7"), 20, 100).is_err());
        assert!(page(Some("0"), 20, 100).is_err());
        assert!(page(Some("2.5"), 20, 100).is_err());
        assert!(page(Some("18446744073709551615"), 20, 100).is_err());
    }

    #[test]
    fn search_texts() {
        assert_eq!(search_text(None).ok().as_deref(), Some(""));
        assert_eq!(search_text(Some("  غزة ")).ok().as_deref(), Some("غزة"));
        assert!(search_text(Some(&"ب".repeat(301))).is_err());
        assert!(search_text(Some(&"ب".repeat(300))).is_ok());
    }
}

/// The decoded query string of a request; the first value of a repeated name wins.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Decode a raw query string (`a=1&q=%D8%BA`); undecodable bytes become U+FFFD, so
    /// decoding itself never fails and each parameter is judged on its own.
    pub fn from_raw(raw: Option<&str>) -> Params {
        let pairs = raw.unwrap_or_default().as_bytes();
        Params(
            form_urlencoded::parse(pairs)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// Every non-empty value of `name`, in order, without repeats.
    pub fn get_all(&self, name: &str) -> Vec<&str> {
        let mut values: Vec<&str> = Vec::new();
        for (key, value) in &self.0 {
            let value = value.trim();
            if key == name && !value.is_empty() && !values.contains(&value) {
                values.push(value);
            }
        }
        values
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod params_tests {
    use super::*;

    #[test]
    fn decodes_and_keeps_first() {
        let params = Params::from_raw(Some("q=%D8%BA%D8%B2%D8%A9+%D8%A7&page=2&page=3&x"));
        assert_eq!(params.get("q"), Some("غزة ا"));
        assert_eq!(params.get("page"), Some("2"));
        assert_eq!(params.get("x"), Some(""));
        assert_eq!(params.get("limit"), None);
        assert_eq!(Params::from_raw(None).get("q"), None);
    }
}
