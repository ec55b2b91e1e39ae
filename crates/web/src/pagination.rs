//! Page-number navigation for the home and search pages: which page this is, how many there
//! are, and the links to the neighbours (plain links, so paging works without JavaScript).

use crate::links::with_query;

/// The navigation under a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// This page, from 1.
    pub page: usize,
    /// How many pages there are (at least 1).
    pub pages: usize,
    /// The previous page's URL.
    pub prev: Option<String>,
    /// The next page's URL.
    pub next: Option<String>,
    /// «صفحة 3 من 7», in the reader's digits.
    pub position: String,
}

impl Pager {
    /// The pager of `page` over `total` items shown `per_page` at a time, linking to `path`
    /// with the query `keep` plus `page=N` (page 1 drops `page`).
    pub fn new(
        path: &str,
        keep: &[(&str, &str)],
        page: usize,
        per_page: usize,
        total: usize,
    ) -> Pager {
        let per_page = per_page.max(1);
        let pages = total.div_ceil(per_page).max(1);
        let href = |n: usize| {
            let number = n.to_string();
            let mut pairs = keep.to_vec();
            if n > 1 {
                pairs.push(("page", number.as_str()));
            }
            with_query(path, &pairs)
        };
        Pager {
            position: format!("صفحة {page} من {pages}"),
            page,
            pages,
            prev: (page > 1).then(|| href((page - 1).min(pages))),
            next: (page < pages).then(|| href(page + 1)),
        }
    }

    /// The pager with its position written in `digits`.
    pub fn with_digits(mut self, digits: crate::Digits) -> Pager {
        self.position = digits.apply(&self.position);
        self
    }

    /// Whether there is anything to navigate to.
    pub fn is_useful(&self) -> bool {
        self.prev.is_some() || self.next.is_some()
    }

    /// The first item's offset.
    pub fn offset(page: usize, per_page: usize) -> usize {
        page.saturating_sub(1).saturating_mul(per_page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(page: usize, total: usize, expected: (usize, Option<&str>, Option<&str>)) {
        let pager = Pager::new("/search", &[("q", "غزة")], page, 10, total);
        let got = (pager.pages, pager.prev.as_deref(), pager.next.as_deref());
        assert_eq!(got, expected, "page {page} of {total}");
    }

    #[test]
    fn neighbours() {
        let q = "/search?q=%D8%BA%D8%B2%D8%A9";
        let page2 = format!("{q}&page=2");
        let page3 = format!("{q}&page=3");
        check(1, 0, (1, None, None));
        check(1, 10, (1, None, None));
        check(1, 11, (2, None, Some(&page2)));
        check(2, 25, (3, Some(q), Some(&page3)));
        check(3, 25, (3, Some(&page2), None));
        // Past the end: back leads to the last page.
        check(9, 25, (3, Some(&page3), None));
    }

    #[test]
    fn offsets() {
        assert_eq!(Pager::offset(1, 20), 0);
        assert_eq!(Pager::offset(3, 20), 40);
        assert_eq!(Pager::offset(0, 20), 0);
    }
}
