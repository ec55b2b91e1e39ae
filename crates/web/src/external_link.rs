//! Which outlet URLs may become links: only absolute `http`/`https` URLs with a host, so a
//! stored `javascript:` or `data:` URL can never run in a reader's browser.

/// A link to an article's original page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletLink {
    /// The URL, safe to use as an `href`.
    pub href: String,
    /// Its host, shown to the reader (`www.hespress.com`).
    pub host: String,
}

/// The link to `url` when it is safe to use as an `href`; `None` otherwise.
pub fn outlet_link(url: Option<&str>) -> Option<OutletLink> {
    let url = url?.trim();
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace());
    if !web || !clean {
        return None;
    }
    let authority = rest.strip_prefix("//")?.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    if host.is_empty() {
        return None;
    }
    Some(OutletLink {
        href: url.to_owned(),
        host: host.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str, expected: Option<(&str, &str)>) {
        let got = outlet_link(Some(url));
        let got = got
            .as_ref()
            .map(|link| (link.href.as_str(), link.host.as_str()));
        assert_eq!(got, expected, "{url}");
    }

    #[test]
    fn only_web_urls() {
        check(
            "https://www.hespress.com/a-1.html",
            Some(("https://www.hespress.com/a-1.html", "www.hespress.com")),
        );
        check(
            " HTTP://example.com/خبر ",
            Some(("HTTP://example.com/خبر", "example.com")),
        );
        check(
            "https://user@example.com:8080?x",
            Some(("https://user@example.com:8080?x", "example.com:8080")),
        );
        check("javascript:alert(1)", None);
        check("JaVaScRiPt://x.com/%0aalert(1)", None);
        check("data:text/html,<script>", None);
        check("//example.com/a", None);
        check("/articles/1", None);
        check("https:///path", None);
        check("https://exa mple.com", None);
        check("", None);
        assert_eq!(outlet_link(None), None);
    }

    proptest::proptest! {
        #[test]
        fn links_are_only_web_urls(url in "\\PC{0,40}") {
            if let Some(link) = outlet_link(Some(&url)) {
                let lower = link.href.to_ascii_lowercase();
                proptest::prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
                proptest::prop_assert!(!link.href.chars().any(char::is_whitespace));
                proptest::prop_assert!(!link.host.is_empty());
            }
        }
    }
}
