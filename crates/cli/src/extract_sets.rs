//! The real HTML sets of `marsad bench extract`, read into one model of a page with its gold.
//!
//! Four kinds of set, told apart by what their folder holds:
//! - the ScrapingHub article-extraction benchmark (`ground-truth.json`): a gold body per page;
//! - trafilatura's evaluation corpus (`evaldata.json` + `html.tar.xz`): snippets that must and
//!   must not be extracted, and gold title, author and date for many pages;
//! - Mozilla Readability's test pages (`test-pages/*/{source.html,expected.html,
//!   expected-metadata.json}`): Readability.js's accepted body and its title, byline and date;
//! - newspaper4k's fixtures (`html/`, `txt/`, `metadata/`): its accepted text and metadata.
//!
//! The gold of the last two is each library's own accepted output, not an independent
//! annotation: scores there say how close an extractor comes to that library.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// Which set a folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `ground-truth.json` + `html/<id>.html.gz`.
    ScrapingHub,
    /// `evaldata.json` + `html.tar.xz`.
    TrafilaturaEval,
    /// `test-pages/<case>/`.
    Readability,
    /// `html/`, `txt/`, `metadata/`.
    Newspaper4k,
}

impl Kind {
    /// The set kind `dir` holds, if any.
    pub fn detect(dir: &Path) -> Option<Kind> {
        if dir.join("ground-truth.json").is_file() {
            Some(Kind::ScrapingHub)
        } else if dir.join("evaldata.json").is_file() {
            Some(Kind::TrafilaturaEval)
        } else if dir.join("test-pages").is_dir() {
            Some(Kind::Readability)
        } else if dir.join("html").is_dir() && dir.join("txt").is_dir() {
            Some(Kind::Newspaper4k)
        } else {
            None
        }
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::ScrapingHub => "scrapinghub",
            Kind::TrafilaturaEval => "trafilatura-eval",
            Kind::Readability => "readability",
            Kind::Newspaper4k => "newspaper4k",
        }
    }
}

/// What a page should give. Every part is optional: each set has only some.
#[derive(Debug, Default, Clone)]
pub struct Gold {
    /// The whole article body.
    pub body: Option<String>,
    /// Snippets the extracted text must contain.
    pub with: Vec<String>,
    /// Snippets it must not contain.
    pub without: Vec<String>,
    /// The title.
    pub title: Option<String>,
    /// The author or authors (one string, names separated as the set writes them).
    pub author: Option<String>,
    /// The publication date (any ISO-like form; compared on year, month and day).
    pub date: Option<String>,
}

/// One page of a set.
pub struct Page {
    /// Unique within the set.
    pub id: String,
    /// The file the page was read from (for peers that read it themselves).
    pub path: PathBuf,
    /// The page's URL, when the set gives it.
    pub url: Option<String>,
    /// The page's bytes, decompressed.
    pub html: Vec<u8>,
    /// What it should give.
    pub gold: Gold,
}

/// A loaded set.
pub struct Set {
    /// Its kind.
    pub kind: Kind,
    /// The folder it was read from.
    pub dir: PathBuf,
    /// Its pages, sorted by id.
    pub pages: Vec<Page>,
}

/// Read the set in `dir`; `scratch` is where archives are unpacked (once).
pub fn load(dir: &Path, scratch: &Path) -> anyhow::Result<Set> {
    let kind = Kind::detect(dir).with_context(|| {
        format!(
            "{}: not a known extraction set (no ground-truth.json, evaldata.json, test-pages/ \
             or html/+txt/)",
            dir.display()
        )
    })?;
    let mut pages = match kind {
        Kind::ScrapingHub => crate::scrapinghub::load(dir)?
            .into_iter()
            .map(|p| Page {
                id: p.id,
                path: p.path,
                url: p.url,
                html: p.html,
                gold: Gold {
                    body: Some(p.gold),
                    ..Gold::default()
                },
            })
            .collect(),
        Kind::TrafilaturaEval => trafilatura_eval(dir, scratch)?,
        Kind::Readability => readability(dir)?,
        Kind::Newspaper4k => newspaper4k(dir)?,
    };
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Set {
        kind,
        dir: dir.to_owned(),
        pages,
    })
}

/// A JSON value that may be a string, a list of strings, or missing; empty strings are none.
fn text_or_list(value: Option<&serde_json::Value>) -> Option<String> {
    let joined = match value? {
        serde_json::Value::String(s) => s.trim().to_owned(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    };
    (!joined.is_empty()).then_some(joined)
}

fn trafilatura_eval(dir: &Path, scratch: &Path) -> anyhow::Result<Vec<Page>> {
    #[derive(Deserialize)]
    struct Entry {
        file: String,
        #[serde(default)]
        with: Vec<String>,
        #[serde(default)]
        without: Vec<String>,
        title: Option<serde_json::Value>,
        author: Option<serde_json::Value>,
        date: Option<serde_json::Value>,
    }
    let gold_path = dir.join("evaldata.json");
    let text =
        std::fs::read_to_string(&gold_path).with_context(|| format!("{}", gold_path.display()))?;
    let entries: BTreeMap<String, Entry> = serde_json::from_str(&text)
        .with_context(|| format!("{}: not trafilatura's evaldata format", gold_path.display()))?;
    let html_dir = crate::cmd::bench::unpack_once(
        &dir.join("html.tar.xz"),
        &scratch.join("trafilatura-eval"),
    )?
    .join("html");
    let mut pages = Vec::with_capacity(entries.len());
    let mut missing = 0usize;
    for (url, entry) in entries {
        let path = html_dir.join(&entry.file);
        let Ok(html) = std::fs::read(&path) else {
            missing += 1;
            continue;
        };
        pages.push(Page {
            id: entry.file.clone(),
            path,
            url: Some(url),
            html,
            gold: Gold {
                body: None,
                with: entry.with,
                without: entry.without,
                title: text_or_list(entry.title.as_ref()),
                author: text_or_list(entry.author.as_ref()),
                date: text_or_list(entry.date.as_ref()),
            },
        });
    }
    if missing > 0 {
        eprintln!(
            "marsad: {missing} entries of {} have no page in the archive",
            gold_path.display()
        );
    }
    Ok(pages)
}

fn readability(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let root = dir.join("test-pages");
    let mut pages = Vec::new();
    let listing = std::fs::read_dir(&root).with_context(|| format!("{}", root.display()))?;
    for entry in listing {
        let case = entry.with_context(|| format!("{}", root.display()))?.path();
        let source = case.join("source.html");
        let expected = case.join("expected.html");
        if !source.is_file() || !expected.is_file() {
            continue;
        }
        let html = std::fs::read(&source).with_context(|| format!("{}", source.display()))?;
        let expected_html = std::fs::read_to_string(&expected)
            .with_context(|| format!("{}", expected.display()))?;
        let meta_path = case.join("expected-metadata.json");
        let meta: serde_json::Value = match std::fs::read_to_string(&meta_path) {
            Ok(text) => serde_json::from_str(&text)
                .with_context(|| format!("{}: not JSON", meta_path.display()))?,
            Err(_) => serde_json::Value::Null,
        };
        let id = case
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        pages.push(Page {
            id,
            path: source,
            // The suite's pages were saved from (and their expected output made against) this
            // placeholder host.
            url: Some("http://fakehost/test/page.html".to_owned()),
            html,
            gold: Gold {
                body: Some(html_text(&expected_html)),
                title: text_or_list(meta.get("title")),
                author: text_or_list(meta.get("byline")),
                date: text_or_list(meta.get("publishedTime")),
                ..Gold::default()
            },
        });
    }
    Ok(pages)
}

fn newspaper4k(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let html_dir = dir.join("html");
    let mut pages = Vec::new();
    let listing =
        std::fs::read_dir(&html_dir).with_context(|| format!("{}", html_dir.display()))?;
    for entry in listing {
        let path = entry
            .with_context(|| format!("{}", html_dir.display()))?
            .path();
        let Some(stem) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".html"))
            .map(str::to_owned)
        else {
            continue;
        };
        // Only pages with an accepted text are scored: the others are not articles.
        let txt = dir.join("txt").join(format!("{stem}.txt"));
        let Ok(body) = std::fs::read_to_string(&txt) else {
            continue;
        };
        let html = std::fs::read(&path).with_context(|| format!("{}", path.display()))?;
        let meta_path = dir.join("metadata").join(format!("{stem}.json"));
        let meta: serde_json::Value = match std::fs::read_to_string(&meta_path) {
            Ok(text) => serde_json::from_str(&text)
                .with_context(|| format!("{}: not JSON", meta_path.display()))?,
            Err(_) => serde_json::Value::Null,
        };
        pages.push(Page {
            id: stem,
            path,
            url: meta.get("url").and_then(|u| u.as_str()).map(str::to_owned),
            html,
            gold: Gold {
                body: Some(body),
                title: text_or_list(meta.get("title")),
                author: text_or_list(meta.get("authors")),
                date: text_or_list(meta.get("publish_date")),
                ..Gold::default()
            },
        });
    }
    Ok(pages)
}

/// The text of an HTML fragment: its text nodes, one block per line.
pub fn html_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    for node in fragment.root_element().descendants() {
        if let Some(text) = node.value().as_text() {
            out.push_str(text);
        } else if let Some(element) = node.value().as_element()
            && matches!(
                element.name(),
                "p" | "div"
                    | "br"
                    | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "tr"
                    | "blockquote"
                    | "pre"
                    | "figcaption"
                    | "section"
                    | "article"
            )
        {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_keeps_text_and_breaks_blocks() {
        let text = html_text("<div><p>One <b>two</b></p><p>three</p><script></script></div>");
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, ["One two", "three"]);
    }

    #[test]
    fn lists_of_authors_are_joined_and_empty_values_are_none() {
        let list = serde_json::json!(["A B", " ", "C"]);
        assert_eq!(text_or_list(Some(&list)).as_deref(), Some("A B; C"));
        assert_eq!(text_or_list(Some(&serde_json::json!(""))), None);
        assert_eq!(text_or_list(None), None);
    }

    #[test]
    fn a_folder_of_nothing_known_is_an_error() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let err = load(dir.path(), dir.path()).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("not a known extraction set")));
        Ok(())
    }
}
