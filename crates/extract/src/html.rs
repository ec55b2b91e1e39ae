//! HTML to blocks and [`Meta`]: one iterative walk over the html5ever tree (deep nesting
//! cannot overflow the stack), cutting blocks at block elements and at `<br><br>`, and
//! marking blocks that sit in navigation, sidebars, share bars or related-news containers.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use foldhash::fast::RandomState;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

use crate::block::{Block, Kind};
use crate::meta::{Meta, RANK_ITEMPROP, RANK_TIME, RANK_TIME_ANY};

/// Blocks and metadata of an HTML document.
pub(crate) fn parse(source: &str) -> (Vec<Block>, Meta) {
    let source = crate::depth::bound(source, crate::depth::MAX_DEPTH);
    let doc = Html::parse_document(&source);
    let sizes = text_sizes(&doc);
    let mut walk = Walk {
        page_chars: sizes.get(&doc.tree.root().id()).copied().unwrap_or(0),
        ..Walk::default()
    };
    // Entry 0 of the element tree is the document itself.
    walk.meta.parents.push(0);
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => walk.open(el, sizes.get(&node.id()).copied().unwrap_or(0)),
                Node::Text(t) => walk.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    walk.close(el);
                }
            }
        }
    }
    walk.flush();
    (walk.blocks, walk.meta)
}

/// The visible-text size (bytes) under every element, in one iterative pass.
fn text_sizes(doc: &Html) -> HashMap<NodeId, usize, RandomState> {
    let mut sizes = HashMap::with_hasher(RandomState::default());
    let mut stack: Vec<usize> = vec![0];
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) | Node::Document => stack.push(0),
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        *top += t.trim().len();
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if matches!(node.value(), Node::Element(_) | Node::Document) {
                    let own = stack.pop().unwrap_or(0);
                    let skipped = node
                        .value()
                        .as_element()
                        .is_some_and(|el| is_skipped(el.name()));
                    let own = if skipped { 0 } else { own };
                    sizes.insert(node.id(), own);
                    if let Some(parent) = stack.last_mut() {
                        *parent += own;
                    }
                }
            }
        }
    }
    sizes
}

/// What an open element contributes to the text inside it.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Text inside is not shown (scripts, hidden elements).
    skip: bool,
    /// It is a block element: text before and after it are different blocks.
    block: bool,
    noise: bool,
    hinted: bool,
    /// Inside readers' comments (or the form to add one).
    comments: bool,
    content: bool,
    kind: Option<Kind>,
    link: bool,
    byline: bool,
    /// Inside an element whose class or id names a date, or a `<time>`.
    date: bool,
    title: bool,
    json_ld: bool,
    /// A `<script>` without a type: JSON-LD when its text is a JSON object naming
    /// `@context` (some CMSs leave the type out).
    ld_maybe: bool,
    /// The number of the innermost block element (itself, if it is one); 0: the document.
    block_id: u32,
    /// The `block_id` of the block element around that one: the container blocks share.
    container: u32,
    /// The innermost block element is a paragraph-like one (`p`, a heading, a list item …):
    /// its text belongs to `container`. Text straight inside a `div` or `section` is an
    /// anonymous paragraph of that element, as the `<p>`s beside it are.
    paragraph: bool,
}

#[derive(Default)]
struct Walk {
    /// Block elements opened so far.
    block_elements: u32,
    stack: Vec<Frame>,
    /// Visible-text bytes of the whole page.
    page_chars: usize,
    blocks: Vec<Block>,
    meta: Meta,
    buf: String,
    buf_links: usize,
    next_gap: bool,
    last_br: bool,
    title_buf: String,
    ld_buf: String,
    byline_buf: String,
    date_buf: String,
    /// The block count when the current date element opened.
    date_at: usize,
}

/// Elements whose text is never shown.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "input"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "head"
            // Ruby annotations: the reading of the characters beside them, not text.
            | "rt"
            | "rp"
    )
}

/// Elements that start a new block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "address"
            | "hr"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "marquee"
    )
}

/// Elements that are site furniture wherever they are.
const NOISE_TAGS: &[&str] = &["nav", "aside", "menu", "marquee", "amp-sidebar", "dialog"];

/// Substrings of `class`/`id` that mark furniture.
const NOISE_MARKS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "comment",
    "breadcrumb",
    "sidebar",
    "footer",
    "navbar",
    "navigation",
    "menu",
    "ticker",
    "marquee",
    "widget",
    "advert",
    "newsletter",
    "popular",
    "trending",
    "recommend",
    "outbrain",
    "taboola",
    "cookie",
    "most-read",
    "mostread",
    "more-news",
    "morenews",
    "latest",
    "read-more",
    "readmore",
    "also-read",
    "subscribe",
    "masthead",
    "topbar",
    "top-bar",
    "tags",
];

/// Whole `class`/`id` tokens that mark furniture.
const NOISE_TOKENS: &[&str] = &[
    "nav", "ad", "ads", "tag", "promo", "banner", "more", "header",
];

/// Substrings of `class`/`id` that mark the article body.
const CONTENT_MARKS: &[&str] = &[
    "article-body",
    "articlebody",
    "article_body",
    "article__body",
    "article-content",
    "article_content",
    "articlecontent",
    "entry-content",
    "post-content",
    "post_content",
    "postcontent",
    "story-body",
    "storybody",
    "story-content",
    "article-text",
    "articletext",
    "news-content",
    "newscontent",
    "news-text",
    "news_text",
    "newsdetails",
    "news-details",
    "content-body",
    "post-body",
    "text-body",
    "body-text",
    "td-post-content",
    "article-details",
    "details-body",
    "field-body",
    "itemfulltext",
    "main-content",
];

/// Substrings of `class`/`id`/`itemprop`/`rel` that mark a byline.
const BYLINE_MARKS: &[&str] = &["author", "byline", "writer", "kateb"];

/// Substrings of `class`/`id` that mark an element holding a date («post-date», «entry-date»,
/// «_publishingdate», «timestamp», German «datum», Spanish «fecha», Arabic sites' «tarikh»).
const DATE_MARKS: &[&str] = &[
    "date", "time", "publish", "posted", "datum", "fecha", "tarikh", "tarih",
];

impl Walk {
    fn inherited(&self) -> Frame {
        self.stack.last().copied().unwrap_or(Frame {
            skip: false,
            block: false,
            noise: false,
            hinted: false,
            comments: false,
            content: false,
            kind: None,
            link: false,
            byline: false,
            date: false,
            title: false,
            json_ld: false,
            ld_maybe: false,
            block_id: 0,
            container: 0,
            paragraph: false,
        })
    }

    fn open(&mut self, el: &scraper::node::Element, chars: usize) {
        let name = el.name();
        let parent = self.inherited();
        let mut f = Frame {
            block: false,
            title: false,
            json_ld: false,
            ld_maybe: false,
            ..parent
        };
        self.read_meta(el, name, parent);
        if is_skipped(name) || is_hidden(el) {
            f.skip = true;
        }
        if name == "title" && self.meta.title_tag.is_none() {
            f.title = true;
        }
        if name == "script" {
            match el.attr("type") {
                Some(t) if t.contains("ld+json") => f.json_ld = true,
                None => f.ld_maybe = true,
                Some(_) => {}
            }
        }
        let marks = class_and_id(el);
        let hits = mark_hits(&marks);
        let is_content = name == "article"
            || name == "main"
            || el
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
            || hits.content;
        if is_content && !parent.noise {
            f.content = true;
        }
        let is_noise = NOISE_TAGS.contains(&name)
            || (name == "footer" || name == "header") && !parent.content
            || el.attr("role").is_some_and(|r| {
                matches!(r, "navigation" | "banner" | "contentinfo" | "complementary")
            });
        // A class name is a hint, not a verdict («and-w-sidebar» on the story's own column),
        // and only on an element holding a minor part of the page: layout classes on the main
        // wrappers say nothing («elementor-widget»).
        let is_hinted = chars * 10 < self.page_chars * 4
            && (hits.noise
                || marks
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|t| NOISE_TOKENS.contains(&t)));
        // Furniture inside the article (a related list, a share bar) is still furniture.
        // Page-wide wrappers carry layout classes, never furniture of their own.
        let wrapper = matches!(name, "html" | "body" | "main" | "article");
        if !is_content && !wrapper {
            f.comments |= is_comments(&marks);
            f.noise |= is_noise || f.comments;
            f.hinted |= is_hinted;
        }
        if is_block(name) || name == "br" {
            f.block = is_block(name);
        }
        if f.block {
            self.block_elements += 1;
            self.meta.parents.push(parent.block_id);
            f.container = parent.block_id;
            f.block_id = self.block_elements;
            f.paragraph = matches!(
                name,
                "p" | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "li"
                    | "dt"
                    | "dd"
                    | "blockquote"
                    | "pre"
                    | "figcaption"
                    | "caption"
                    | "address"
                    | "summary"
                    | "center"
            );
        }
        f.kind = match name {
            "h1" => Some(Kind::Heading(1)),
            "h2" => Some(Kind::Heading(2)),
            "h3" => Some(Kind::Heading(3)),
            "h4" => Some(Kind::Heading(4)),
            "h5" => Some(Kind::Heading(5)),
            "h6" => Some(Kind::Heading(6)),
            "li" | "td" | "th" | "dd" | "dt" => Some(Kind::Item),
            "figcaption" => Some(Kind::Caption),
            // As with furniture marks, a page-wide wrapper's class says nothing
            // («wp-featherlight-captions» on `<body>`).
            _ if hits.caption && !wrapper && chars * 10 < self.page_chars * 4 => {
                Some(Kind::Caption)
            }
            _ => parent.kind,
        };
        if name == "a" {
            f.link = true;
        }
        let byline = hits.byline
            || el.attr("rel").is_some_and(|r| r.contains("author"))
            || el.attr("itemprop").is_some_and(|p| p.contains("author"));
        // Readers' comments name their own authors, not the article's.
        if byline && !parent.byline && !parent.skip && !f.comments {
            f.byline = true;
            self.byline_buf.clear();
        }
        // Date elements of the article, not of furniture (a related list's dates are other
        // articles') nor of comments.
        if (hits.date || name == "time")
            && !parent.date
            && !f.skip
            && !f.noise
            && !f.hinted
            && !f.comments
        {
            f.date = true;
            self.date_buf.clear();
            self.date_at = self.blocks.len();
        }
        if name == "br" {
            if !self.buf.trim().is_empty() {
                self.flush();
                self.next_gap = false;
            } else if self.last_br {
                self.next_gap = true;
            }
            self.last_br = true;
            return;
        }
        if f.block {
            self.flush();
            self.next_gap = true;
        }
        self.stack.push(f);
    }

    fn close(&mut self, el: &scraper::node::Element) {
        if el.name() == "br" {
            return;
        }
        let Some(f) = self.stack.pop() else { return };
        if f.block {
            self.flush_with(f);
            self.next_gap = true;
        }
        if f.title {
            let t = collapse(&self.title_buf);
            if !t.is_empty() {
                self.meta.title_tag = Some(t);
            }
        }
        if f.json_ld || f.ld_maybe {
            let script = std::mem::take(&mut self.ld_buf);
            if f.json_ld || script.contains("\"@context\"") {
                self.meta.add_json_ld(&script);
            }
        }
        if f.date && !self.stack.last().is_some_and(|p| p.date) {
            let t = collapse(&self.date_buf);
            if !t.is_empty() && t.chars().count() <= 200 && self.meta.date_texts.len() < 32 {
                self.meta.date_texts.push((self.date_at, t));
            }
            self.date_buf.clear();
        }
        if f.byline && !self.stack.last().is_some_and(|p| p.byline) {
            let t = collapse(&self.byline_buf);
            if !t.is_empty() && t.chars().count() <= 120 && !self.meta.bylines.contains(&t) {
                self.meta.bylines.push(t);
            }
            self.byline_buf.clear();
        }
    }

    fn text(&mut self, t: &scraper::node::Text) {
        let f = self.inherited();
        if f.title {
            self.title_buf.push_str(t);
        }
        if f.json_ld
            || f.ld_maybe && (!self.ld_buf.is_empty() || t.trim_start().starts_with(['{', '[']))
        {
            self.ld_buf.push_str(t);
        }
        if f.skip {
            return;
        }
        if f.byline {
            self.byline_buf.push(' ');
            self.byline_buf.push_str(t);
        }
        if f.date {
            self.date_buf.push(' ');
            self.date_buf.push_str(t);
        }
        let text: &str = t;
        if text.trim().is_empty() {
            if !self.buf.ends_with(' ') && !self.buf.is_empty() {
                self.buf.push(' ');
            }
            return;
        }
        self.last_br = false;
        let mut pending_space = text.starts_with(char::is_whitespace) && !self.buf.is_empty();
        for word in text.split_whitespace() {
            if pending_space && !self.buf.ends_with(' ') {
                self.buf.push(' ');
            }
            // Soft hyphens are invisible hyphenation points, not text: words stay whole.
            if word.contains('\u{ad}') {
                self.buf.extend(word.chars().filter(|&c| c != '\u{ad}'));
            } else {
                self.buf.push_str(word);
            }
            if f.link {
                self.buf_links += word.chars().count();
            }
            pending_space = true;
        }
        if text.ends_with(char::is_whitespace) {
            self.buf.push(' ');
        }
    }

    fn flush(&mut self) {
        let f = self.inherited();
        self.flush_with(f);
    }

    /// Close the current block; `f` is the innermost frame it belongs to.
    fn flush_with(&mut self, f: Frame) {
        let text = self.buf.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{200e}' | '\u{200f}')
        });
        if !text.is_empty() {
            let kind = f.kind.unwrap_or(Kind::Text);
            if kind == Kind::Heading(1) && !f.noise && self.meta.h1.len() < 4 {
                self.meta.h1.push(text.to_owned());
            }
            self.blocks.push(Block {
                text: text.to_owned(),
                kind,
                ticker: false,
                link_chars: self.buf_links,
                gap_before: self.next_gap,
                noise: f.noise,
                hinted: f.hinted,
                content: f.content,
                container: if f.paragraph { f.container } else { f.block_id },
            });
            self.next_gap = false;
        }
        self.buf.clear();
        self.buf_links = 0;
    }

    fn read_meta(&mut self, el: &scraper::node::Element, name: &str, parent: Frame) {
        match name {
            "html" => {
                if let Some(lang) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                    self.meta.lang = Some(lang.to_owned());
                }
            }
            "meta" => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, el.attr("content")) {
                    self.meta.add_meta(key, content);
                }
            }
            "link" => {
                if el
                    .attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(href) = el.attr("href")
                {
                    self.meta.canonical = Some(href.trim().to_owned());
                }
            }
            "time" => {
                if let Some(dt) = el.attr("datetime") {
                    let rank = if el.attr("pubdate").is_some() || parent.content {
                        RANK_TIME
                    } else {
                        RANK_TIME_ANY
                    };
                    if !parent.noise && self.meta.published.len() < 16 {
                        self.meta.published.push((rank, dt.trim().to_owned()));
                    }
                }
            }
            _ => {}
        }
        if el
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            && let Some(v) = el.attr("content").or_else(|| el.attr("datetime"))
        {
            self.meta
                .published
                .push((RANK_ITEMPROP, v.trim().to_owned()));
        }
        if el
            .attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("headline"))
            && name == "meta"
            && let Some(v) = el.attr("content")
            && self.meta.ld_headline.is_none()
        {
            self.meta.ld_headline = Some(v.trim().to_owned());
        }
    }
}

/// `class` and `id`, lowercased, for substring tests.
/// Whether `class`/`id` marks readers' comments (or the form to add one): never the article,
/// however large a part of the page they are («comments», «commentlist», «comment-body»,
/// Disqus, WordPress's «respond»; not «commentary», which is an article kind).
fn is_comments(marks: &str) -> bool {
    marks.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
        matches!(t, "comment" | "comments" | "disqus" | "respond")
            || t.starts_with("commentlist")
            || t.starts_with("comments")
    })
}

/// What the substrings of an element's `class` and `id` say.
#[derive(Debug, Default, Clone, Copy)]
struct MarkHits {
    content: bool,
    noise: bool,
    byline: bool,
    caption: bool,
    date: bool,
}

/// Every mark list in one automaton, each pattern tagged with its list: one pass over the
/// marks of an element instead of a substring search per pattern (a page has thousands of
/// elements and the lists about eighty patterns).
static MARK_AUTOMATON: LazyLock<Option<(AhoCorasick, Vec<u8>)>> = LazyLock::new(|| {
    let lists: [(&[&str], u8); 5] = [
        (CONTENT_MARKS, 0),
        (NOISE_MARKS, 1),
        (BYLINE_MARKS, 2),
        (&["caption"], 3),
        (DATE_MARKS, 4),
    ];
    let mut patterns = Vec::new();
    let mut tags = Vec::new();
    for (list, tag) in lists {
        for p in list {
            patterns.push(*p);
            tags.push(tag);
        }
    }
    AhoCorasick::new(&patterns).ok().map(|ac| (ac, tags))
});

fn mark_hits(marks: &str) -> MarkHits {
    let mut hits = MarkHits::default();
    if marks.is_empty() {
        return hits;
    }
    let Some((ac, tags)) = MARK_AUTOMATON.as_ref() else {
        return hits;
    };
    for m in ac.find_overlapping_iter(marks) {
        match tags.get(m.pattern().as_usize()) {
            Some(0) => hits.content = true,
            Some(1) => hits.noise = true,
            Some(2) => hits.byline = true,
            Some(3) => hits.caption = true,
            Some(4) => hits.date = true,
            _ => {}
        }
    }
    hits
}

fn class_and_id(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(c) = el.attr("class") {
        s.push_str(&c.to_ascii_lowercase());
    }
    if let Some(id) = el.attr("id") {
        s.push(' ');
        s.push_str(&id.to_ascii_lowercase());
    }
    s
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v == "true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whitespace runs to one space, trimmed.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(String, bool, bool)> {
        parse(html)
            .0
            .into_iter()
            .map(|b| (b.text, b.gap_before, b.noise))
            .collect()
    }

    #[test]
    fn json_ld_in_a_script_without_a_type() {
        let (_, meta) = parse(
            "<html><head><script>var a = {\"@context\": 1};</script>\
             <script>{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \
             \"headline\": \"عنوان\"}</script>\
             <script type=\"text/javascript\">{\"@context\": \"https://schema.org\", \
             \"@type\": \"NewsArticle\", \"headline\": \"آخر\"}</script></head>\
             <body><p>نص</p></body></html>",
        );
        assert_eq!(meta.ld_headline.as_deref(), Some("عنوان"));
    }

    #[test]
    fn ruby_readings_are_not_text() {
        let got = texts(
            "<html><body><p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>ども</p></body></html>",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "子ども");
    }

    #[test]
    fn breaks_and_containers() {
        let got = texts(
            "<html><body><nav><a href=/>الرئيسية</a></nav><div class=article-body>فقرة أولى<br>تتمة<br><br>فقرة ثانية<p>ثالثة <b>هنا</b></p></div><script>var x=1;</script></body></html>",
        );
        let want: Vec<(String, bool, bool)> = vec![
            ("الرئيسية".into(), true, true),
            ("فقرة أولى".into(), true, false),
            ("تتمة".into(), false, false),
            ("فقرة ثانية".into(), true, false),
            ("ثالثة هنا".into(), true, false),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn comments_are_furniture_however_large_and_commentary_is_not() {
        let long = "تعليق طويل من قارئ على الخبر يتحدث فيه عن رأيه في الموضوع. ".repeat(20);
        let got = texts(&format!(
            "<html><body><article><div class=entry-content><p>نص الخبر الأول.</p></div>\
             <ol class=commentlist><li>{long}</li></ol><div id=comments><p>{long}</p></div>\
             <div class=commentary><p>رأي الكاتب.</p></div></article></body></html>"
        ));
        let noise: Vec<bool> = got.iter().map(|t| t.2).collect();
        assert_eq!(noise, [false, true, true, false]);
    }

    #[test]
    fn marks_are_found_in_one_pass() {
        let h = mark_hits("post-body related-posts byline wp-caption");
        assert!(h.content && h.noise && h.byline && h.caption);
        let h = mark_hits("container");
        assert!(!h.content && !h.noise && !h.byline && !h.caption);
        assert!(!mark_hits("").noise);
    }

    #[test]
    fn soft_hyphens_leave_words_whole() {
        let got = texts("<p>Mit\u{ad}tel\u{ad}al\u{ad}ter und mehr</p>");
        assert_eq!(got[0].0, "Mittelalter und mehr");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}نص{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        let (blocks, _) = parse(&html);
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn meta_and_title() {
        let (_, m) = parse(
            r#"<html lang="ar"><head><title>خبر | موقع</title><meta property="og:site_name" content="موقع"><meta property="article:published_time" content="2023-02-24T10:00:00+01:00"></head><body><h1>خبر</h1><span class="author">بقلم فلان</span></body></html>"#,
        );
        assert_eq!(m.title_tag.as_deref(), Some("خبر | موقع"));
        assert_eq!(m.h1, vec!["خبر".to_owned()]);
        assert_eq!(m.lang.as_deref(), Some("ar"));
        assert_eq!(m.bylines, vec!["بقلم فلان".to_owned()]);
        assert_eq!(m.site_names, vec!["موقع".to_owned()]);
    }
}
