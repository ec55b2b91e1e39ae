//! What an HTML page says about itself outside its visible text: `<title>`, Open Graph and
//! `<meta>` tags, JSON-LD `NewsArticle` objects, `<time>` elements, `rel=author` links.

use serde_json::Value;

/// How much a structured publication date is trusted; lower is better.
pub(crate) type Rank = u8;

/// JSON-LD `datePublished`.
pub(crate) const RANK_LD: Rank = 0;
/// `article:published_time` and its kin.
pub(crate) const RANK_OG: Rank = 1;
/// `itemprop="datePublished"`.
pub(crate) const RANK_ITEMPROP: Rank = 2;
/// Other `<meta>` dates (`pubdate`, `date`, `dc.date` …).
pub(crate) const RANK_META: Rank = 3;
/// JSON-LD `datePublished` of the page itself (`WebPage`, as Yoast writes it beside or instead
/// of the article's).
pub(crate) const RANK_LD_PAGE: Rank = 3;
/// `<time pubdate>` or `<time>` in an article container.
pub(crate) const RANK_TIME: Rank = 4;
/// Any other `<time datetime>`.
pub(crate) const RANK_TIME_ANY: Rank = 5;

/// Metadata found in the markup.
#[derive(Debug, Clone, Default)]
pub(crate) struct Meta {
    /// `<title>`.
    pub title_tag: Option<String>,
    /// `og:title` or `twitter:title`.
    pub og_title: Option<String>,
    /// JSON-LD `headline`.
    pub ld_headline: Option<String>,
    /// The texts of the first `<h1>`s outside navigation.
    pub h1: Vec<String>,
    /// The outlet's names: `og:site_name`, `application-name`, JSON-LD `publisher.name`.
    pub site_names: Vec<String>,
    /// Authors, best first.
    pub authors: Vec<String>,
    /// Raw publication dates with their rank.
    pub published: Vec<(Rank, String)>,
    /// Raw modification dates.
    pub modified: Vec<String>,
    /// `<link rel=canonical>` or `og:url`.
    pub canonical: Option<String>,
    /// `<html lang>` or `og:locale`.
    pub lang: Option<String>,
    /// Texts of elements marked as bylines (`class=author`, `rel=author` …).
    pub bylines: Vec<String>,
    /// Texts of elements marked as dates (`class=post-date`, `<time>` …) outside furniture,
    /// each with the number of blocks before it.
    pub date_texts: Vec<(usize, String)>,
    /// JSON-LD `articleBody`: the fallback body of pages that render their text by script.
    pub ld_body: Option<String>,
    /// The page's own summaries (`description`, `og:description`, `twitter:description`),
    /// each once: most outlets fill them with the article's first sentence, so a block that
    /// holds one marks where the article is.
    pub descriptions: Vec<String>,
    /// The page's block elements as a tree: entry `n` is the number of the block element
    /// around block element `n` (0: the document; entry 0 is 0). Empty for plain page text.
    pub parents: Vec<u32>,
}

impl Meta {
    /// Record one `<meta>` element.
    pub(crate) fn add_meta(&mut self, key: &str, content: &str) {
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        let key = key.to_ascii_lowercase();
        match key.as_str() {
            "og:title" | "twitter:title" => set_once(&mut self.og_title, content),
            "og:site_name" | "application-name" | "twitter:site" => {
                let name = content.trim_start_matches('@');
                if !self.site_names.iter().any(|n| n == name) {
                    self.site_names.push(name.to_owned());
                }
            }
            "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
            | "parsely-author"
                if !content.starts_with("http") =>
            {
                self.authors.push(content.to_owned());
            }
            "article:published_time" | "og:published_time" | "article:published" => {
                self.published.push((RANK_OG, content.to_owned()));
            }
            "pubdate" | "publishdate" | "publish-date" | "publish_date" | "date" | "dc.date"
            | "dc.date.issued" | "dcterms.created" | "sailthru.date" | "parsely-pub-date"
            | "article.published" | "datepublished" | "release_date" => {
                self.published.push((RANK_META, content.to_owned()));
            }
            "article:modified_time" | "og:updated_time" | "datemodified" => {
                self.modified.push(content.to_owned());
            }
            "description" | "og:description" | "twitter:description"
                if !self.descriptions.iter().any(|d| d == content) =>
            {
                self.descriptions.push(content.to_owned());
            }
            "og:url" => set_once(&mut self.canonical, content),
            "og:locale" if self.lang.is_none() => {
                self.lang = Some(content.to_owned());
            }
            _ => {}
        }
    }

    /// Record one JSON-LD script; malformed JSON is ignored, but raw line breaks and tabs
    /// inside its strings (invalid JSON that many CMSs write) are read as spaces.
    pub(crate) fn add_json_ld(&mut self, script: &str) {
        let script = script.trim();
        let value = match serde_json::from_str::<Value>(script) {
            Ok(value) => value,
            Err(e) if e.is_syntax() && script.contains(|c: char| c < ' ') => {
                // Outside strings a space is whitespace as a line break is; inside, legal.
                let spaced = script.replace(|c: char| c < ' ', " ");
                let Ok(value) = serde_json::from_str::<Value>(&spaced) else {
                    return;
                };
                value
            }
            Err(_) => return,
        };
        // Iterative walk: JSON-LD nests `@graph`, arrays and `mainEntity` to any depth.
        let mut stack = vec![&value];
        let mut seen = 0usize;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > 10_000 {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if is_article_type(map.get("@type")) {
                        self.add_ld_article(map);
                    } else if is_type(map.get("@type"), &["WebPage", "ItemPage"])
                        && let Some(d) = map.get("datePublished").and_then(Value::as_str)
                    {
                        self.published.push((RANK_LD_PAGE, d.to_owned()));
                    }
                    for key in [
                        "@graph",
                        "mainEntity",
                        "mainEntityOfPage",
                        "itemListElement",
                    ] {
                        if let Some(inner) = map.get(key) {
                            stack.push(inner);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn add_ld_article(&mut self, map: &serde_json::Map<String, Value>) {
        if let Some(h) = map.get("headline").and_then(Value::as_str) {
            set_once(&mut self.ld_headline, h);
        }
        if let Some(b) = map.get("articleBody").and_then(Value::as_str) {
            set_once(&mut self.ld_body, b);
        }
        if let Some(d) = map.get("datePublished").and_then(Value::as_str) {
            self.published.push((RANK_LD, d.to_owned()));
        }
        if let Some(d) = map.get("dateModified").and_then(Value::as_str) {
            self.modified.push(d.to_owned());
        }
        if let Some(author) = map.get("author") {
            let mut names = Vec::new();
            collect_names(author, &mut names);
            // JSON-LD authors go before `<meta name=author>`, which is often the outlet.
            for (i, name) in names.into_iter().enumerate() {
                self.authors.insert(i, name);
            }
        }
        if let Some(name) = map
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
        {
            let name = name.trim();
            if !name.is_empty() && !self.site_names.iter().any(|n| n == name) {
                self.site_names.push(name.to_owned());
            }
        }
    }
}

fn set_once(slot: &mut Option<String>, value: &str) {
    let value = value.trim();
    if slot.is_none() && !value.is_empty() {
        *slot = Some(value.to_owned());
    }
}

fn is_type(t: Option<&Value>, names: &[&str]) -> bool {
    match t {
        Some(Value::String(s)) => names.contains(&s.as_str()),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .any(|s| names.contains(&s)),
        _ => false,
    }
}

fn is_article_type(t: Option<&Value>) -> bool {
    let check = |s: &str| {
        s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "LiveBlogPosting"
    };
    match t {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(check),
        _ => false,
    }
}

fn collect_names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.starts_with("http") && !s.trim().is_empty() => {
            out.push(s.trim().to_owned());
        }
        Value::Object(map) => {
            if let Some(name) = map.get("name").and_then(Value::as_str) {
                let name = name.trim();
                if !name.is_empty() && !name.starts_with("http") {
                    out.push(name.to_owned());
                }
            }
        }
        Value::Array(items) => {
            for item in items.iter().take(8) {
                if !matches!(item, Value::Array(_)) {
                    collect_names(item, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph() {
        let mut m = Meta::default();
        m.add_json_ld(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
            {"@type":"NewsArticle","headline":"عنوان الخبر","datePublished":"2023-02-24T10:05:00+01:00",
             "dateModified":"2023-02-25T08:00:00+01:00","author":[{"@type":"Person","name":"كمال العلمي"}],
             "publisher":{"@type":"Organization","name":"الموقع"}}]}"#,
        );
        assert_eq!(m.ld_headline.as_deref(), Some("عنوان الخبر"));
        assert_eq!(
            m.published,
            vec![(RANK_LD, "2023-02-24T10:05:00+01:00".to_owned())]
        );
        assert_eq!(m.authors, vec!["كمال العلمي".to_owned()]);
        assert_eq!(m.site_names, vec!["الموقع".to_owned()]);
    }

    #[test]
    fn a_web_page_date_counts_after_the_article_date() {
        let mut m = Meta::default();
        m.add_json_ld(
            r#"{"@graph":[{"@type":"WebPage","datePublished":"2014-03-17T01:44:37+00:00"},
            {"@type":"Person","name":"x","datePublished":"1999-01-01"}]}"#,
        );
        assert_eq!(
            m.published,
            vec![(RANK_LD_PAGE, "2014-03-17T01:44:37+00:00".to_owned())]
        );
    }

    #[test]
    fn malformed_json_ld_is_ignored() {
        let mut m = Meta::default();
        m.add_json_ld("{not json");
        assert!(m.ld_headline.is_none());
        m.add_json_ld("{\"@type\": \"NewsArticle\", \"headline\": \"a\tb\",}");
        assert!(
            m.ld_headline.is_none(),
            "a trailing comma is still malformed"
        );
    }

    #[test]
    fn raw_line_breaks_in_json_ld_strings_are_spaces() {
        let mut m = Meta::default();
        m.add_json_ld(
            "{\n\t\"@type\": \"NewsArticle\",\n\t\"headline\": \"الخبر\tالأول\nاليوم\",\n\t\
             \"datePublished\": \"2022-02-02T11:14:00+01:00\"\n}",
        );
        assert_eq!(m.ld_headline.as_deref(), Some("الخبر الأول اليوم"));
        assert_eq!(m.published.len(), 1);
    }
}
