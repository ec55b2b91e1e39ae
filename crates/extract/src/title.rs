//! The headline of an HTML page from its metadata: JSON-LD `headline`, `og:title`, the
//! `<h1>`, `<title>`; the outlet's name cut off («خبر | الموقع» → «خبر»).

use crate::boilerplate::key;
use crate::meta::Meta;

/// Separators between a headline and the outlet's name in `<title>` and `og:title`.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " || ", "｜",
];

/// The best headline the metadata gives; `url` is the page's address when known (its host
/// names the site in many titles: «CDPATH replacements - anarcat» on anarc.at).
pub(crate) fn from_meta(meta: &Meta, url: Option<&str>) -> Option<String> {
    let host = url.and_then(host_key);
    let host = host.as_deref();
    // The h1 is the page's own headline: only a known or host-named site is cut from it,
    // never a blind last segment («… gelöst – Danke an die Community» is all headline).
    let h1 = meta
        .h1
        .first()
        .map(|h| clean_named(h, &meta.site_names, host))
        .filter(|h| h.split_whitespace().count() >= 2);
    let structured = [
        meta.ld_headline.as_deref(),
        meta.og_title.as_deref(),
        meta.title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| clean_with_host(t, &meta.site_names, host))
    .find(|t| !t.is_empty());
    match (structured, h1) {
        // The h1 is the cleanest copy when the two agree.
        (Some(s), Some(h)) if key(&s).contains(&key(&h)) || key(&h).contains(&key(&s)) => Some(h),
        (Some(s), _) => Some(s),
        (None, h) => h,
    }
}

fn clean_with_host(title: &str, site_names: &[String], host: Option<&str>) -> String {
    let mut t = clean_named(title, site_names, host);
    // Without a known name: drop a short last segment after a separator, unless it reads
    // as part of the headline (a question, an exclamation, a closing quote, the end of a
    // bracket opened before the separator).
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let tw = tail.split_whitespace().count();
            let hw = head.split_whitespace().count();
            let end = tail.trim_end();
            let sentence_like = end.ends_with(['?', '!', '؟', '…', '"', '“', '”', '»'])
                || (end.ends_with(')') && !end.contains('('));
            if tw <= 4 && hw >= 3 && hw > tw && !sentence_like {
                t = head.to_owned();
                break;
            }
        }
    }
    t.trim().to_owned()
}

/// `title` without segments that name the site: its known names, or (with `host`) a first
/// or last segment whose letters are the host's («BMAS - …» on bmas.de, «… – ARSnova» on
/// arsnova.thm.de).
fn clean_named(title: &str, site_names: &[String], host: Option<&str>) -> String {
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
    if let Some(host) = host {
        for sep in SEPARATORS.iter().chain([": "].iter()) {
            if let Some((head, tail)) = t.rsplit_once(sep)
                && names_host(tail, host)
                && head.split_whitespace().count() >= 2
            {
                t = head.trim().to_owned();
            }
            if let Some((head, tail)) = t.split_once(sep)
                && names_host(head, host)
                && tail.split_whitespace().count() >= 2
            {
                t = tail.trim().to_owned();
            }
        }
    }
    t.trim().to_owned()
}

/// The letters and digits of a URL's host without `www.` and the top-level domain,
/// lowercased: «https://www.arsnova.thm.de/x» → «arsnovathm».
fn host_key(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let (name, _tld) = host.rsplit_once('.')?;
    let k: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (k.len() >= 3).then_some(k)
}

/// Whether a title segment names the site of `host` (see [`host_key`]): a segment whose
/// letters the host's contain, or of one or two words which contain the host's
/// («www.bundespraesident.de»; not «Frauen im THW» on thw.de).
fn names_host(segment: &str, host: &str) -> bool {
    if segment.split_whitespace().count() > 5 {
        return false;
    }
    let k: String = segment
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let words = segment.split_whitespace().count();
    k.len() >= 4 && (host.contains(&k) || (words <= 2 && host.len() >= 4 && k.contains(host)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        let names = vec!["هسبريس".to_owned()];
        let clean = |t: &str, n: &[String]| clean_with_host(t, n, None);
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
        // A question or figures after the separator are the headline's.
        assert_eq!(
            clean("Bericht zur Coronalage – worauf wartet die Politik?", &[]),
            "Bericht zur Coronalage – worauf wartet die Politik?"
        );
    }

    #[test]
    fn the_host_names_the_site() {
        let host = host_key("https://www.arsnova.thm.de/blog/x").expect("host");
        assert_eq!(host, "arsnovathm");
        assert_eq!(
            clean_named("»frag.jetzt« für alle Fragen – ARSnova", &[], Some(&host)),
            "»frag.jetzt« für alle Fragen"
        );
        let host = host_key("https://www.bmas.de/DE/x").expect("host");
        assert_eq!(
            clean_named(
                "BMAS - Änderung der Anforderungen an Nachweise",
                &[],
                Some(&host)
            ),
            "Änderung der Anforderungen an Nachweise"
        );
        // A longer segment that holds the host's name is the headline's.
        let host = host_key("https://www.thw.de/x").expect("host");
        assert_eq!(
            clean_named("Frauen im THW: Vergangenheit und Zukunft", &[], Some(&host)),
            "Frauen im THW: Vergangenheit und Zukunft"
        );
        // A segment that merely shares a word with the host stays.
        let host = host_key("https://kino.example.com/x").expect("host");
        assert_eq!(
            clean_named("Das Kino der Zukunft - neue Filme", &[], Some(&host)),
            "Das Kino der Zukunft - neue Filme"
        );
    }
}
