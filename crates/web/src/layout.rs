//! What the base template (`templates/base.html`) needs from every page.

use crate::routes::assets;

/// The frame around every page: its title and the header's search box.
pub struct Layout {
    /// The page's own title; the site name is appended by the template.
    pub title: String,
    /// The text already in the search box.
    pub query: String,
    /// Whether the header shows the search box (the search page has its own, larger one).
    pub header_search: bool,
    /// The stylesheet's URL, versioned by its content.
    pub css_href: &'static str,
}

impl Layout {
    /// A frame titled `title` with `query` in the header's search box.
    pub fn new(title: impl Into<String>, query: impl Into<String>) -> Layout {
        Layout {
            title: title.into(),
            query: query.into(),
            header_search: true,
            css_href: assets::style_href(),
        }
    }
}
