//! A bound on element nesting before parsing. html5ever's tree builder scans the stack of
//! open elements, so a page of 100,000 nested `<div>`s costs minutes; real pages nest under a
//! few hundred. Opening tags past the bound are dropped (with their closing tags) in one
//! linear pass over the source.

use std::borrow::Cow;

/// The deepest nesting kept.
pub(crate) const MAX_DEPTH: usize = 512;

/// Elements that never have content, so never nest.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "!doctype", "!--",
];

/// Elements whose content is raw text, where `<` starts no tag.
const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// `source` with its nesting bounded by `max_depth`; borrowed when nothing was dropped.
pub(crate) fn bound(source: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        let Some(end_off) = memchr::memchr(b'>', &bytes[start..]) else {
            break;
        };
        let end = start + end_off + 1;
        let tag = &source[start + 1..end - 1];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        i = end;
        if name.is_empty()
            || VOID.contains(&name.as_str())
            || name.starts_with("!--")
            || tag.ends_with('/')
        {
            continue;
        }
        if !closing && RAW.contains(&name.as_str()) {
            // Skip to the matching close: its content has no tags.
            if let Some(p) = find_close(&bytes[end..], name.as_bytes()) {
                i = end + p;
            }
            continue;
        }
        if closing {
            if excess > 0 {
                excess -= 1;
                cuts.push((start, end));
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= max_depth {
            excess += 1;
            cuts.push((start, end));
        } else {
            depth += 1;
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut last = 0;
    for (s, e) in cuts {
        out.push_str(&source[last..s]);
        last = e;
    }
    out.push_str(&source[last..]);
    Cow::Owned(out)
}

fn memchr_lt(hay: &[u8]) -> Option<usize> {
    memchr::memchr(b'<', hay)
}

/// Where the first `</name` (the name in any case) starts in `hay`. Raw text such as a
/// script is tens of kilobytes with few `</` in it: the search jumps between those.
fn find_close(hay: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(hay, b"</").find(|&i| {
        hay.get(i + 2..i + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_nesting() {
        let deep = format!("{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        assert_eq!(
            bound(&deep, 4),
            format!("{}x{}", "<div>".repeat(4), "</div>".repeat(4))
        );
        let shallow = "<p>نص <br> <img src=a> <script>if (a<b) {}</script></p>";
        assert!(matches!(bound(shallow, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn raw_text_ends_at_its_own_close_in_any_case() {
        assert_eq!(find_close(b"a</b>x</SCRIPT>", b"script"), Some(6));
        assert_eq!(find_close(b"a</scrip", b"script"), None);
        assert_eq!(find_close(b"", b"script"), None);
        // Tags inside a script do not count towards the depth.
        let page = format!("<script>{}</ScRiPt><div>x</div>", "<div>".repeat(10));
        assert!(matches!(bound(&page, 2), Cow::Borrowed(_)));
    }
}
