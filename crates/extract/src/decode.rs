//! Bytes to text: BOM, then the HTTP charset, then a `<meta charset>` / XML prolog prescan,
//! then chardetng (Firefox's detector) with the URL's TLD as a hint. Bytes that are valid
//! UTF-8 are read as UTF-8 whatever a label claims: Arabic sites often mislabel UTF-8 pages
//! as `windows-1256`, while Arabic in a legacy encoding is practically never valid UTF-8.

use encoding_rs::{Encoding, UTF_8};

/// How many leading bytes the `<meta charset>` prescan reads.
const PRESCAN: usize = 8 * 1024;

/// Decode `bytes`; `http_charset` is the `Content-Type` charset, `tld` the URL's TLD.
pub(crate) fn decode(
    bytes: &[u8],
    http_charset: Option<&str>,
    tld: Option<&str>,
) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), UTF_8);
    }
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN)]))
        // A page cannot really be UTF-16 once it got here without a BOM: the spec says UTF-8.
        .map(|e| {
            if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                UTF_8
            } else {
                e
            }
        });
    let enc = match declared {
        Some(e) if e != UTF_8 => e,
        _ => guess(bytes, tld),
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// chardetng's guess; `tld` helps it choose between legacy Arabic encodings.
fn guess(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let tld = tld
        .map(str::to_ascii_lowercase)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    det.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    )
}

/// The charset a `<meta>` tag or XML prolog declares in the first bytes.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for needle in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], needle) {
            let mut i = from + pos + needle.len();
            from = i;
            while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
                i += 1;
            }
            if lower.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
                i += 1;
            }
            let start = i;
            while i < lower.len()
                && (lower[i].is_ascii_alphanumeric()
                    || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
            {
                i += 1;
            }
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                return Some(enc);
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "قال وزير الخارجية إن المحادثات التي جرت في الرباط كانت مثمرة وبناءة، وإن البلدين اتفقا على مواصلة التعاون.";

    fn check(bytes: &[u8], http: Option<&str>, expected_enc: &str) {
        let (text, enc) = decode(bytes, http, Some("ma"));
        assert_eq!(enc.name(), expected_enc);
        assert!(text.contains("وزير الخارجية"), "{text}");
    }

    #[test]
    fn encodings() {
        let (w1256, _, _) = encoding_rs::WINDOWS_1256.encode(SENTENCE);
        let (iso, _, _) = encoding_rs::ISO_8859_6.encode(SENTENCE);
        check(SENTENCE.as_bytes(), None, "UTF-8");
        check(
            &[b"\xEF\xBB\xBF", SENTENCE.as_bytes()].concat(),
            None,
            "UTF-8",
        );
        check(&w1256, Some("windows-1256"), "windows-1256");
        let html = [
            &b"<html><head><meta charset=\"windows-1256\"></head><body>"[..],
            &w1256,
        ]
        .concat();
        check(&html, None, "windows-1256");
        check(&w1256, None, "windows-1256");
        check(&iso, Some("iso-8859-6"), "ISO-8859-6");
        // A page labelled windows-1256 that is really UTF-8.
        check(SENTENCE.as_bytes(), Some("windows-1256"), "UTF-8");
    }
}
