//! Markup or plain page text? Decided from the first few kilobytes of decoded text, and
//! whether the input is binary (images, archives, PDFs) and so not a page at all.

/// Known tags that show a text is HTML.
const TAGS: &[&str] = &[
    "<html", "<head", "<body", "<meta", "<div", "<p>", "<p ", "<span", "<a ", "<br", "<title",
    "<script", "<link", "<table", "<article", "<section", "<h1", "<h2", "<ul", "<li", "<!--",
];

/// Whether `text` is HTML rather than plain page text.
pub(crate) fn is_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t'])
        .chars()
        .take(4096)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml")
    {
        return true;
    }
    let hits: usize = TAGS.iter().map(|t| lower.matches(t).count()).sum();
    (lower.starts_with('<') && hits >= 1) || hits >= 5
}

/// Whether raw bytes are binary: magic numbers of common non-page files, or NUL bytes.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"PK\x03\x04",
        b"\x1F\x8B",
        b"RIFF",
        b"\x00\x00\x01\x00",
        b"BZh",
        b"\xFD7zXZ",
        b"Rar!",
        b"\x7FELF",
        b"OggS",
        b"ID3",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    if encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8) {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert!(is_html("<!DOCTYPE html><html><body>x</body></html>"));
        assert!(is_html("  <div class=a><p>نص</p></div>"));
        assert!(!is_html("عنوان الخبر\n\nقال الوزير إن 3 < 5 في الحساب."));
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\0\0"));
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary("نص عربي".as_bytes()));
    }
}
