//! `/search?q=&source=&category=&from=&to=&sort=&page=`: faceted full-text search, a page at a
//! time, with counts per source, category and month (each a link that narrows the search) and
//! matches highlighted in the snippets. With no query and no filter, just the form. Also the
//! request parsing and search-and-fetch step the JSON API and the feeds share.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Html;
use chrono::{Datelike, NaiveDate};
use marsad_store::{FacetCount, FacetedQuery, FacetedResults, SearchSort, StoredArticle};

use crate::digits::Digits;
use crate::hidden::Hidden;
use crate::layout::Layout;
use crate::links::with_query;
use crate::pagination::Pager;
use crate::plural::RESULTS;
use crate::query_params::{self, MAX_SEARCH_OFFSET, Params};
use crate::state::SharedState;
use crate::view::ArticleCard;
use crate::{MonthNames, PageError, WebError};

/// Results per page.
pub const PER_PAGE: usize = 10;
/// Values shown per facet.
pub const FACET_VALUES: usize = 12;

/// What a search asks for, read from the query string.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchRequest {
    pub text: String,
    pub sources: Vec<String>,
    pub categories: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: SearchSort,
}

impl SearchRequest {
    /// Read `q`, `source`, `category`, `from`, `to` and `sort`.
    pub fn from_params(params: &Params) -> Result<SearchRequest, WebError> {
        let sort = match params.get("sort").map(str::trim) {
            None | Some("" | "relevance") => SearchSort::Relevance,
            Some("date" | "newest") => SearchSort::Newest,
            Some(_) => {
                return Err(WebError::BadRequest {
                    param: "sort",
                    problem: "يجب أن يكون relevance أو date",
                });
            }
        };
        Ok(SearchRequest {
            text: query_params::search_text(params.get("q"))?,
            sources: query_params::filter_values(params.get_all("source"), "source")?,
            categories: query_params::filter_values(params.get_all("category"), "category")?,
            from: query_params::day(params.get("from"), "from")?,
            to: query_params::day(params.get("to"), "to")?,
            sort,
        })
    }

    /// Whether it asks for nothing (no text, no filter).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.sources.is_empty()
            && self.categories.is_empty()
            && self.from.is_none()
            && self.to.is_none()
    }

    /// The query-string pairs that reproduce it (for links).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        for source in &self.sources {
            pairs.push(("source", source.clone()));
        }
        for category in &self.categories {
            pairs.push(("category", category.clone()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        if self.sort == SearchSort::Newest {
            pairs.push(("sort", "date".to_owned()));
        }
        pairs
    }

    /// The URL of `path` with this request's pairs.
    pub fn href(&self, path: &str) -> String {
        let pairs = self.pairs();
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        with_query(path, &borrowed)
    }
}

/// Search (the index on a blocking thread, then each hit's article and its snippet), leaving
/// out what moderation hid; a hit whose article is gone keeps `None`.
pub(crate) async fn run(
    state: &SharedState,
    request: &SearchRequest,
    limit: usize,
    offset: usize,
) -> Result<(FacetedResults, Vec<Option<StoredArticle>>), WebError> {
    let hidden = Hidden::load(state).await?;
    let query = FacetedQuery {
        text: request.text.clone(),
        sources: request.sources.clone(),
        categories: request.categories.clone(),
        from: request.from,
        to: request.to,
        exclude_ids: hidden.article_ids(),
        sort: request.sort,
        limit,
        offset,
        facet_limit: FACET_VALUES,
    };
    Ok(state.store.search_faceted(&query).await?)
}

/// A link in a facet list.
pub(crate) struct FacetLink {
    label: String,
    count: String,
    href: String,
    active: bool,
}

/// One facet list.
pub(crate) struct FacetGroup {
    title: &'static str,
    links: Vec<FacetLink>,
}

/// An order the reader can switch to.
pub(crate) struct SortLink {
    label: &'static str,
    href: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "pages/search.html")]
struct SearchPage {
    layout: Layout,
    query: String,
    searched: bool,
    cards: Vec<ArticleCard>,
    pager: Pager,
    total_label: String,
    facets: Vec<FacetGroup>,
    sorts: Vec<SortLink>,
    feed_href: String,
    filters: Vec<FacetLink>,
}

/// The facet list of `counts` for the filter `values` of `request` (chosen by `pick`).
fn facet_group(
    title: &'static str,
    counts: &[FacetCount],
    request: &SearchRequest,
    digits: Digits,
    pick: fn(&mut SearchRequest) -> &mut Vec<String>,
) -> FacetGroup {
    let links = counts
        .iter()
        .map(|count| {
            let mut next = request.clone();
            let values = pick(&mut next);
            let active = values.contains(&count.value);
            if active {
                values.retain(|v| *v != count.value);
            } else {
                *values = vec![count.value.clone()];
            }
            FacetLink {
                label: count.value.clone(),
                count: digits.apply(&count.count.to_string()),
                href: next.href("/search"),
                active,
            }
        })
        .collect();
    FacetGroup { title, links }
}

/// The first and last day of a `YYYY-MM` month.
fn month_bounds(month: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

fn month_group(
    counts: &[FacetCount],
    request: &SearchRequest,
    months: MonthNames,
    digits: Digits,
) -> FacetGroup {
    let links = counts
        .iter()
        .filter_map(|count| {
            let (first, last) = month_bounds(&count.value)?;
            let active = request.from == Some(first) && request.to == Some(last);
            let mut next = request.clone();
            (next.from, next.to) = if active {
                (None, None)
            } else {
                (Some(first), Some(last))
            };
            let name = months.name(first.month())?;
            Some(FacetLink {
                label: digits.apply(&format!("{name} {}", first.year())),
                count: digits.apply(&count.count.to_string()),
                href: next.href("/search"),
                active,
            })
        })
        .collect();
    FacetGroup {
        title: "الشهر",
        links,
    }
}

/// `GET /search?…`.
pub async fn show(
    State(state): State<SharedState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, PageError> {
    let params = Params::from_raw(raw.as_deref());
    let request = SearchRequest::from_params(&params)?;
    let page = query_params::page(params.get("page"), PER_PAGE, MAX_SEARCH_OFFSET)?;
    let digits = Digits::of_request(params.get("digits"), &headers, state.settings.digits);
    let mut layout = Layout::new(
        if request.text.is_empty() {
            "البحث".to_owned()
        } else {
            format!("بحث: {}", request.text)
        },
        request.text.clone(),
    );
    layout.header_search = false;
    let searched = !request.is_empty();
    let (cards, total, facets) = if searched {
        let (results, articles) =
            run(&state, &request, PER_PAGE, Pager::offset(page, PER_PAGE)).await?;
        let cards = results
            .hits
            .iter()
            .zip(&articles)
            .map(|(hit, stored)| {
                ArticleCard::from_hit(hit, stored.as_ref(), state.months).with_digits(digits)
            })
            .collect();
        let facets = vec![
            facet_group("المصدر", &results.sources, &request, digits, |r| {
                &mut r.sources
            }),
            facet_group(
                "التصنيف",
                &results.categories,
                &request,
                digits,
                |r| &mut r.categories,
            ),
            month_group(&results.months, &request, state.months, digits),
        ];
        (cards, results.total, facets)
    } else {
        (Vec::new(), 0, Vec::new())
    };
    let sorts = [
        ("الأكثر صلة", SearchSort::Relevance),
        ("الأحدث", SearchSort::Newest),
    ]
    .into_iter()
    .map(|(label, sort)| {
        let mut next = request.clone();
        next.sort = sort;
        SortLink {
            label,
            href: next.href("/search"),
            active: request.sort == sort,
        }
    })
    .collect();
    // The filters in force, each a link that drops it.
    let mut filters = Vec::new();
    for (i, source) in request.sources.iter().enumerate() {
        let mut next = request.clone();
        next.sources.remove(i);
        filters.push(FacetLink {
            label: format!("المصدر: {source}"),
            count: String::new(),
            href: next.href("/search"),
            active: true,
        });
    }
    for (i, category) in request.categories.iter().enumerate() {
        let mut next = request.clone();
        next.categories.remove(i);
        filters.push(FacetLink {
            label: format!("التصنيف: {category}"),
            count: String::new(),
            href: next.href("/search"),
            active: true,
        });
    }
    if request.from.is_some() || request.to.is_some() {
        let mut next = request.clone();
        (next.from, next.to) = (None, None);
        let bound = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        filters.push(FacetLink {
            label: digits.apply(&format!(
                "التاريخ: {} – {}",
                bound(request.from),
                bound(request.to)
            )),
            count: String::new(),
            href: next.href("/search"),
            active: true,
        });
    }
    let pairs = request.pairs();
    let keep: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let html = SearchPage {
        layout,
        // The index pages no deeper than MAX_SEARCH_OFFSET: link no further than that.
        pager: Pager::new(
            "/search",
            &keep,
            page,
            PER_PAGE,
            total.min(MAX_SEARCH_OFFSET + PER_PAGE),
        )
        .with_digits(digits),
        total_label: digits.apply(&RESULTS.count(total as u64)),
        feed_href: request.href("/feeds/search.atom"),
        query: request.text.clone(),
        searched,
        cards,
        facets,
        sorts,
        filters,
    }
    .render()?;
    Ok(Html(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_have_bounds() {
        let (a, b) = month_bounds("2024-02").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        let (_, dec) = month_bounds("2023-12").unwrap();
        assert_eq!(dec.to_string(), "2023-12-31");
        assert!(month_bounds("2023-13").is_none());
    }

    #[test]
    fn requests_round_trip_through_links() {
        let params = Params::from_raw(Some(
            "q=%D8%BA%D8%B2%D8%A9&source=a&source=b&category=c&from=2022-01-01&sort=date",
        ));
        let request = SearchRequest::from_params(&params).unwrap();
        let href = request.href("/search");
        let again =
            SearchRequest::from_params(&Params::from_raw(href.split_once('?').map(|(_, q)| q)))
                .unwrap();
        assert_eq!(again.pairs(), request.pairs());
        assert!(SearchRequest::from_params(&Params::from_raw(Some("sort=x"))).is_err());
        assert!(SearchRequest::from_params(&Params::from_raw(Some("from=2022-13-01"))).is_err());
    }
}
