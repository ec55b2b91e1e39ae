//! Western (0–9) or Eastern Arabic (٠–٩) digits in dates and counts, as the reader prefers:
//! `?digits=eastern|western` on any page sets a cookie that later pages follow; the server's
//! default comes from `marsad serve --digits`. Only text Marsad writes (dates, counts, page
//! numbers) is converted; article text keeps the digits its outlet printed.

use axum::http::HeaderMap;

use crate::visitor::cookie;

/// The cookie remembering the reader's choice.
pub const DIGITS_COOKIE: &str = "marsad_digits";

/// Which digits to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digits {
    /// 0123456789, as most Arabic news sites print them.
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (Arabic-Indic, U+0660–U+0669).
    Eastern,
}

impl Digits {
    /// The setting named `name` (`western`, `eastern`).
    pub fn parse(name: &str) -> Option<Digits> {
        match name.trim().to_ascii_lowercase().as_str() {
            "western" | "latin" => Some(Digits::Western),
            "eastern" | "arabic" => Some(Digits::Eastern),
            _ => None,
        }
    }

    /// The setting's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Digits::Western => "western",
            Digits::Eastern => "eastern",
        }
    }

    /// The reader's choice: the query's `digits`, else the cookie, else `default`.
    pub fn of_request(query: Option<&str>, headers: &HeaderMap, default: Digits) -> Digits {
        query
            .and_then(Digits::parse)
            .or_else(|| cookie(headers, DIGITS_COOKIE).and_then(Digits::parse))
            .unwrap_or(default)
    }

    /// `text` with its ASCII digits written in this set.
    pub fn apply(self, text: &str) -> String {
        match self {
            Digits::Western => text.to_owned(),
            Digits::Eastern => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => char::from_u32(0x0660 + d).unwrap_or(c),
                    _ => c,
                })
                .collect(),
        }
    }
}

/// Remember a `?digits=` choice in a cookie (an `axum::middleware::from_fn` function).
pub async fn remember_choice(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let choice = request.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "digits")
            .and_then(|(_, v)| Digits::parse(&v))
    });
    let mut response = next.run(request).await;
    if let Some(choice) = choice {
        let cookie = format!(
            "{DIGITS_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            choice.as_str()
        );
        if let Ok(value) = axum::http::HeaderValue::from_str(&cookie) {
            response
                .headers_mut()
                .append(axum::http::header::SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_only_ascii_digits() {
        assert_eq!(
            Digits::Eastern.apply("21 يوليو 2022، 14:30"),
            "٢١ يوليو ٢٠٢٢، ١٤:٣٠"
        );
        assert_eq!(Digits::Western.apply("21 يوليو"), "21 يوليو");
        assert_eq!(Digits::Eastern.apply("٣ و 4"), "٣ و ٤");
        assert_eq!(Digits::parse(" Eastern "), Some(Digits::Eastern));
        assert_eq!(Digits::parse("x"), None);
    }
}
