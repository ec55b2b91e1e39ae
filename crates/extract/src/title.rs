//! The headline of an HTML page from its metadata: JSON-LD `headline`, `og:title`, the
//! `<h1>`, `<title>`; the outlet's name cut off («خبر | الموقع» → «خبر»).

use crate::boilerplate::key;
use crate::meta::Meta;

/// Separators between a headline and the outlet's name in `<title>` and `og:title`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " || ", "｜",
];

/// The best headline the metadata gives.
pub(crate) fn from_meta(meta: &Meta) -> Option<String> {
    let h1 = meta
        .h1
        .first()
        .map(|h| clean(h, &meta.site_names))
        .filter(|h| h.split_whitespace().count() >= 2);
    let structured = [
        meta.ld_headline.as_deref(),
        meta.og_title.as_deref(),
        meta.title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| clean(t, &meta.site_names))
    .find(|t| !t.is_empty());
    match (structured, h1) {
        // The h1 is the cleanest copy when the two agree.
        (Some(s), Some(h)) if key(&s).contains(&key(&h)) || key(&h).contains(&key(&s)) => Some(h),
        (Some(s), _) => Some(s),
        (None, h) => h,
    }
}

/// `title` without the outlet's name.
pub(crate) fn clean(title: &str, site_names: &[String]) -> String {
    let mut t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in site_names.iter().filter(|n| !n.trim().is_empty()) {
        for sep in SEPARATORS {
            let suffix = format!("{}{}", sep, name.trim());
            if let Some(rest) = t.strip_suffix(&suffix) {
                t = rest.to_owned();
            }
            let prefix = format!("{}{}", name.trim(), sep);
            if let Some(rest) = t.strip_prefix(&prefix) {
                t = rest.to_owned();
            }
        }
    }
    // Without a known name: drop a short last segment after a separator.
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let tw = tail.split_whitespace().count();
            let hw = head.split_whitespace().count();
            if tw <= 4 && hw >= 3 && hw > tw {
                t = head.to_owned();
                break;
            }
        }
    }
    t.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        let names = vec!["هسبريس".to_owned()];
        assert_eq!(
            clean("وزير الخارجية يزور الرباط | هسبريس", &names),
            "وزير الخارجية يزور الرباط"
        );
        assert_eq!(
            clean("وزير الخارجية يزور الرباط - المغرب اليوم", &[]),
            "وزير الخارجية يزور الرباط"
        );
        assert_eq!(
            clean("هسبريس - وزير الخارجية يزور الرباط", &names),
            "وزير الخارجية يزور الرباط"
        );
    }
}
