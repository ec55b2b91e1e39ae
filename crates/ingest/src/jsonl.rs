//! Reading already-extracted articles from JSON Lines (other tools' output, evaluation sets).
//!
//! One object per line: `{"id","url","source","title","author","published","body":[..]}`;
//! only `id` and `body` are required, unknown fields are ignored, blank lines are skipped.

use std::io::BufRead;
use std::path::Path;

use marsad_extract::{Article, Published};
use serde::Deserialize;

use crate::Error;

/// One JSON Lines record, as given.
#[derive(Debug, Clone, Deserialize)]
pub struct JsonlArticle {
    /// The article's id (required, non-empty).
    pub id: String,
    /// The article's URL.
    #[serde(default)]
    pub url: Option<String>,
    /// The outlet.
    #[serde(default)]
    pub source: Option<String>,
    /// The headline.
    #[serde(default)]
    pub title: Option<String>,
    /// The standfirst.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The author.
    #[serde(default)]
    pub author: Option<String>,
    /// The dateline.
    #[serde(default)]
    pub dateline: Option<String>,
    /// `YYYY[-MM[-DD[(T| )HH:MM[:SS[.fff]]]]]`, an offset or `Z` allowed (the wall-clock time is kept).
    #[serde(default)]
    pub published: Option<String>,
    /// The language code; `ar` when absent.
    #[serde(default)]
    pub language: Option<String>,
    /// Photo captions.
    #[serde(default)]
    pub captions: Vec<String>,
    /// Body paragraphs (required); a single string is split at line breaks.
    pub body: Body,
}

/// A body given as paragraphs or as one string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Body {
    /// A list of paragraphs.
    Paragraphs(Vec<String>),
    /// One string, paragraphs separated by line breaks.
    Text(String),
}

impl JsonlArticle {
    /// The [`Article`] this record describes, or why it is not one.
    pub fn into_article(self) -> Result<(String, Article), String> {
        let id = self.id.trim().to_owned();
        if id.is_empty() {
            return Err("\"id\" is empty".to_owned());
        }
        let published = match self
            .published
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Published::default(),
            Some(text) => parse_published(text).ok_or_else(|| {
                format!("\"published\" {text:?} is not YYYY[-MM[-DD[THH:MM[:SS]]]]")
            })?,
        };
        let paragraphs = match self.body {
            Body::Paragraphs(p) => p,
            Body::Text(t) => t.lines().map(str::to_owned).collect(),
        };
        let body: Vec<String> = paragraphs
            .into_iter()
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        if body.is_empty() {
            return Err("\"body\" has no text".to_owned());
        }
        let clean = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let article = Article {
            url: clean(self.url),
            title: clean(self.title),
            subtitle: clean(self.subtitle),
            author: clean(self.author),
            dateline: clean(self.dateline),
            source: clean(self.source),
            published,
            language: clean(self.language).unwrap_or_else(|| "ar".to_owned()),
            captions: self.captions,
            body,
            aggregator: None,
        };
        Ok((id, article))
    }
}

/// Every record of a JSON Lines file, each with its line number.
///
/// A line that is not JSON, or not an article, is an error naming the line: an evaluation
/// set must be loaded whole or not at all.
pub fn read_jsonl(path: &Path) -> Result<Vec<(usize, String, Article)>, Error> {
    let file = std::fs::File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_path_buf(),
        },
        _ => Error::Read {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let mut records = Vec::new();
    for (index, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line_no = index + 1;
        let line = line.map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = |message: String| Error::Jsonl {
            path: path.to_path_buf(),
            line: line_no,
            message,
        };
        let record: JsonlArticle = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let (id, article) = record.into_article().map_err(bad)?;
        records.push((line_no, id, article));
    }
    if records.is_empty() {
        return Err(Error::Jsonl {
            path: path.to_path_buf(),
            line: 0,
            message: "no articles in file".to_owned(),
        });
    }
    Ok(records)
}

/// The wire form of a published date string, with its precision read off its shape.
fn parse_published(text: &str) -> Option<Published> {
    use chrono::{NaiveDate, NaiveDateTime};
    let value = |v: String, p: &str| {
        Some(Published {
            published: Some(v),
            published_precision: Some(p.to_owned()),
        })
    };
    // Full date-times with an offset: keep the wall-clock time as written.
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return value(
            dt.naive_local().format("%Y-%m-%dT%H:%M:%S").to_string(),
            "second",
        );
    }
    let t = text.replacen(' ', "T", 1);
    let t = t.trim_end_matches('Z');
    for (format, precision, out) in [
        ("%Y-%m-%dT%H:%M:%S%.f", "second", "%Y-%m-%dT%H:%M:%S"),
        ("%Y-%m-%dT%H:%M", "minute", "%Y-%m-%dT%H:%M"),
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, format) {
            return value(dt.format(out).to_string(), precision);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return value(d.format("%Y-%m-%d").to_string(), "day");
    }
    if let Ok(d) = NaiveDate::parse_from_str(&format!("{t}-01"), "%Y-%m-%d") {
        return value(d.format("%Y-%m-%d").to_string(), "month");
    }
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        return value(format!("{t}-01-01"), "year");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(published: &str, expected: Option<(&str, &str)>) {
        let got = parse_published(published);
        let got = got.as_ref().map(|p| {
            (
                p.published.as_deref().unwrap_or(""),
                p.published_precision.as_deref().unwrap_or(""),
            )
        });
        assert_eq!(got, expected, "{published}");
    }

    #[test]
    fn published_precision_follows_the_shape() {
        check("2018-02-03", Some(("2018-02-03", "day")));
        check("2018-02-03 10:20", Some(("2018-02-03T10:20", "minute")));
        check(
            "2018-02-03T10:20:30",
            Some(("2018-02-03T10:20:30", "second")),
        );
        check(
            "2018-02-03T10:20:30.123Z",
            Some(("2018-02-03T10:20:30", "second")),
        );
        check(
            "2018-02-03T10:20:30+03:00",
            Some(("2018-02-03T10:20:30", "second")),
        );
        check("2018-02", Some(("2018-02-01", "month")));
        check("2018", Some(("2018-01-01", "year")));
        check("2018-13-01", None);
        check("أمس", None);
    }

    #[test]
    fn records_need_id_and_body() {
        let ok: JsonlArticle =
            serde_json::from_str(r#"{"id":"a1","body":["فقرة أولى","  ",""],"x":1}"#).unwrap();
        let (id, article) = ok.into_article().unwrap();
        assert_eq!(id, "a1");
        assert_eq!(article.body, ["فقرة أولى"]);
        assert_eq!(article.language, "ar");
        let text: JsonlArticle =
            serde_json::from_str(r#"{"id":"a2","body":"سطر\nسطر آخر"}"#).unwrap();
        assert_eq!(text.into_article().unwrap().1.body.len(), 2);
        let empty: JsonlArticle = serde_json::from_str(r#"{"id":" ","body":["x"]}"#).unwrap();
        assert!(empty.into_article().is_err());
        assert!(serde_json::from_str::<JsonlArticle>(r#"{"id":"a3"}"#).is_err());
    }

    #[test]
    fn a_bad_line_names_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, "{\"id\":\"a\",\"body\":[\"x\"]}\n\nnot json\n").unwrap();
        let err = read_jsonl(&path).unwrap_err().to_string();
        assert!(err.contains("a.jsonl:3:"), "{err}");
    }
}
