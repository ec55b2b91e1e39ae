//! The entry point: bytes of a page in, an [`Extraction`] out. Checks the input is a page
//! (not empty, not binary, not too large), decodes it, decides HTML or plain text, and
//! hands the blocks of either to the one assembly pipeline.

use crate::{Article, Error, assemble, decode, html, meta::Meta, rejoin, sniff, textpage};

/// The default bound on input size: 50 MB.
pub const DEFAULT_MAX_BYTES: usize = 50 * 1024 * 1024;

/// The kind of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Decide from the bytes.
    #[default]
    Auto,
    /// HTML markup.
    Html,
    /// Plain page text.
    Text,
}

/// Options of one extraction.
#[derive(Debug, Clone)]
pub struct Options {
    /// The input kind.
    pub format: Format,
    /// The page's URL, when known (TLD hint for charset detection, dates in the path).
    pub url: Option<String>,
    /// When the page was fetched (wall clock), for relative dates.
    pub fetched_at: Option<chrono::NaiveDateTime>,
    /// The charset the HTTP header declared, when known.
    pub http_charset: Option<String>,
    /// Inputs larger than this are refused with [`Error::TooLarge`].
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: Format::Auto,
            url: None,
            fetched_at: None,
            http_charset: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// An article and what was doubtful about it.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The article.
    pub article: Article,
    /// Why the article may be poor (no title found, no date …).
    pub warnings: Vec<String>,
}

/// Extract the article from the bytes of a page.
///
/// ```
/// use marsad_extract::{extract, Options};
/// let page = "وزير الخارجية يزور الرباط في أول زيارة رسمية\n\nالرباط - كمال العلمي\n\n\
///     وصل وزير الخارجية إلى الرباط مساء اليوم في أول زيارة رسمية يقوم بها إلى المغرب منذ سنوات.\n\n\
///     وقال الوزير في تصريح للصحفيين إن الزيارة تهدف إلى تعزيز التعاون بين البلدين في مجالات عدة.\n";
/// let article = extract(page.as_bytes(), &Options::default()).unwrap().article;
/// assert_eq!(article.title.as_deref(), Some("وزير الخارجية يزور الرباط في أول زيارة رسمية"));
/// assert_eq!(article.author.as_deref(), Some("كمال العلمي"));
/// assert_eq!(article.dateline.as_deref(), Some("الرباط"));
/// assert_eq!(article.body.len(), 2);
/// ```
pub fn extract(bytes: &[u8], options: &Options) -> Result<Extraction, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if bytes.len() > options.max_bytes {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: options.max_bytes,
        });
    }
    if sniff::is_binary(bytes) {
        return Err(Error::Binary);
    }
    let tld = options.url.as_deref().and_then(tld_of);
    let (text, encoding) = decode::decode(bytes, options.http_charset.as_deref(), tld.as_deref());
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let is_html = match options.format {
        Format::Auto => sniff::is_html(&text),
        Format::Html => true,
        Format::Text => false,
    };
    let (blocks, meta) = if is_html {
        html::parse(&text)
    } else {
        (textpage::blocks(&text), Meta::default())
    };
    let blocks = rejoin::rejoin(blocks);
    let mut extraction = assemble::assemble(&blocks, &meta, options, is_html);
    if encoding != encoding_rs::UTF_8 {
        extraction
            .warnings
            .push(format!("decoded as {}", encoding.name()));
    }
    Ok(extraction)
}

/// The URL's top-level domain, for chardetng.
fn tld_of(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_owned();
    let tld = host.rsplit('.').next()?.to_ascii_lowercase();
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(tld)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals() {
        assert!(matches!(
            extract(b"", &Options::default()),
            Err(Error::Empty)
        ));
        assert!(matches!(
            extract(b"   \n", &Options::default()),
            Err(Error::Empty)
        ));
        assert!(matches!(
            extract(b"\x89PNG\r\n\x1a\n\0\0\0", &Options::default()),
            Err(Error::Binary)
        ));
        let small = Options {
            max_bytes: 4,
            ..Options::default()
        };
        assert!(matches!(
            extract(b"hello world", &small),
            Err(Error::TooLarge { size: 11, limit: 4 })
        ));
    }

    #[test]
    fn tld() {
        assert_eq!(tld_of("https://www.hespress.ma/x").as_deref(), Some("ma"));
        assert_eq!(tld_of("not a url"), None);
    }
}
