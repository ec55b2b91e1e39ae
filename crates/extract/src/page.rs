//! The entry point: bytes of a page in, an [`Extraction`] out.

use crate::{Article, Error};

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
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The input kind.
    pub format: Format,
    /// The page's URL, when known.
    pub url: Option<String>,
    /// When the page was fetched (wall clock), for relative dates.
    pub fetched_at: Option<chrono::NaiveDateTime>,
    /// The charset the HTTP header declared, when known.
    pub http_charset: Option<String>,
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
pub fn extract(bytes: &[u8], options: &Options) -> Result<Extraction, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    // Placeholder until the extraction implementation lands: whole lines as body.
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().map(str::to_owned);
    let body = lines.map(str::to_owned).collect();
    Ok(Extraction {
        article: Article {
            url: options.url.clone(),
            title,
            body,
            language: "ar".into(),
            ..Article::default()
        },
        warnings: Vec::new(),
    })
}
