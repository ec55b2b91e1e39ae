//! Faceted search on the tantivy index: filters by outlet, category and publication day (facet
//! and numeric fields written by [`TantivyIndex`]'s upsert), moderation exclusions, order by
//! relevance or date, facet counts (one pass, `tantivy_facet_tally`) and highlighted snippets.

use std::ops::Bound;

use chrono::{NaiveDate, NaiveDateTime};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, TantivyDocument};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Order, Searcher, Term};

use crate::faceted::{FacetedHit, FacetedQuery, FacetedResults, SearchSort, SnippetPart};
use crate::{Error, StoredArticle, TantivyIndex};

/// How long a snippet is, in characters.
const SNIPPET_CHARS: usize = 220;
/// Facet values listed when the query asks for none.
const DEFAULT_FACET_LIMIT: usize = 20;

/// The facet values of one article, as the index stores them.
pub(crate) struct FacetValues {
    pub(crate) source: Option<String>,
    pub(crate) category: Option<String>,
    /// Days since 1970-01-01 of the publication day.
    pub(crate) day: Option<i64>,
    date: Option<NaiveDate>,
    /// Publication time (else import time), seconds since the epoch.
    pub(crate) time: i64,
}

/// A facet step: trimmed, without NUL (tantivy's separator), `None` when blank.
fn step(value: Option<&str>) -> Option<String> {
    let value: String = value?.trim().chars().filter(|c| *c != '\0').collect();
    (!value.is_empty()).then_some(value)
}

impl FacetValues {
    /// The values of `stored`: its outlet (or the aggregator's), the aggregator's category,
    /// and its publication date when it has one.
    pub(crate) fn of(stored: &StoredArticle) -> FacetValues {
        let a = &stored.article;
        let source = step(a.source.as_deref())
            .or_else(|| step(a.aggregator.as_ref().and_then(|g| g.source.as_deref())));
        let category = step(a.aggregator.as_ref().and_then(|g| g.category.as_deref()));
        let published = a.published.published.as_deref().map(str::trim);
        let date = published
            .and_then(|p| p.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let time = published
            .and_then(|p| {
                NaiveDateTime::parse_from_str(p, "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| NaiveDateTime::parse_from_str(p, "%Y-%m-%dT%H:%M"))
                    .ok()
            })
            .or_else(|| date.and_then(|d| d.and_hms_opt(0, 0, 0)))
            .map(|t| t.and_utc().timestamp())
            .unwrap_or_else(|| stored.imported_at.timestamp());
        FacetValues {
            source,
            category,
            day: date.map(day_number),
            date,
            time,
        }
    }

    /// The month facet, `YYYY-MM`.
    pub(crate) fn month(&self) -> String {
        self.date
            .map(|d| d.format("%Y-%m").to_string())
            .unwrap_or_default()
    }
}

fn day_number(date: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (date - epoch).num_days()
}

fn any_of(field: Field, values: &[String]) -> Box<dyn Query> {
    let clauses = values
        .iter()
        .filter_map(|v| step(Some(v)))
        .map(|v| {
            let term = Term::from_facet(field, &Facet::from_path([v]));
            (
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
            )
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// Run `query` on `index`.
pub(crate) fn search(index: &TantivyIndex, query: &FacetedQuery) -> Result<FacetedResults, Error> {
    let f = index.fields;
    let text = index.build_query(&query.text);
    if text.is_none() && !query.has_filter() {
        return Ok(FacetedResults::default());
    }
    let by_relevance = query.sort == SearchSort::Relevance && text.is_some();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    clauses.push((Occur::Must, text.unwrap_or_else(|| Box::new(AllQuery))));
    if !query.sources.is_empty() {
        clauses.push((Occur::Must, any_of(f.source, &query.sources)));
    }
    if !query.categories.is_empty() {
        clauses.push((Occur::Must, any_of(f.category, &query.categories)));
    }
    if query.from.is_some() || query.to.is_some() {
        let bound = |d: Option<NaiveDate>| {
            d.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_i64(f.day, day_number(d)))
            })
        };
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(bound(query.from), bound(query.to))),
        ));
    }
    for id in &query.exclude_ids {
        clauses.push((
            Occur::MustNot,
            Box::new(TermQuery::new(
                Term::from_field_text(f.id, id),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let built = BooleanQuery::new(clauses);
    let searcher = index.reader.searcher();
    let facets = index.facet_tables.collector();
    let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    // Bounded by the index size: the collector allocates `limit + offset` slots.
    let limit = query.limit.min(docs);
    let err = TantivyIndex::index_error;
    let (total, top, tallies): (usize, Vec<(f32, DocAddress)>, _) =
        if limit == 0 || query.offset >= docs {
            let (total, facets) = index
                .run_search(&searcher, &built, &(Count, facets))
                .map_err(err("count matches"))?;
            (total, Vec::new(), facets)
        } else if by_relevance {
            let top = TopDocs::with_limit(limit)
                .and_offset(query.offset)
                .order_by_score();
            index
                .run_search(&searcher, &built, &(Count, top, facets))
                .map_err(err("search"))?
        } else {
            let top = TopDocs::with_limit(limit)
                .and_offset(query.offset)
                .order_by_fast_field::<i64>("time", Order::Desc);
            let (total, top, facets) = index
                .run_search(&searcher, &built, &(Count, top, facets))
                .map_err(err("search by date"))?;
            (
                total,
                top.into_iter().map(|(_, a)| (0.0, a)).collect(),
                facets,
            )
        };
    let facet_limit = if query.facet_limit == 0 {
        DEFAULT_FACET_LIMIT
    } else {
        query.facet_limit
    };
    let hits = hits(index, &searcher, &top)?;
    Ok(FacetedResults {
        total,
        hits,
        sources: tallies.top(0, facet_limit),
        categories: tallies.top(1, facet_limit),
        months: tallies.latest(2, facet_limit),
    })
}

fn hits(
    index: &TantivyIndex,
    searcher: &Searcher,
    top: &[(f32, DocAddress)],
) -> Result<Vec<FacetedHit>, Error> {
    let err = TantivyIndex::index_error;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(*address).map_err(err("read a hit"))?;
        hits.push(FacetedHit {
            id: crate::tantivy_index::stored_id(&doc, index.fields.id),
            score: *score,
            snippet: Vec::new(),
        });
    }
    Ok(hits)
}

/// The snippet of `body`: its best fragment for `generator` with the matches highlighted,
/// else its start.
pub(crate) fn snippet_parts(generator: Option<&SnippetGenerator>, body: &str) -> Vec<SnippetPart> {
    crate::tantivy_index::best_snippet(generator, body)
        .map(|s| parts(&s))
        .unwrap_or_else(|| {
            vec![SnippetPart {
                text: one_line(crate::tantivy_index::leading(body, SNIPPET_CHARS)),
                hit: false,
            }]
        })
}

/// Whitespace runs (newlines between paragraphs) as single spaces.
/// A piece's leading and trailing whitespace is kept (as one space): it separates the
/// piece from the highlighted words beside it.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A snippet's fragment cut into plain and highlighted pieces.
fn parts(snippet: &Snippet) -> Vec<SnippetPart> {
    let fragment = snippet.fragment();
    let mut parts = Vec::new();
    let mut at = 0;
    for range in snippet.highlighted() {
        let (Some(before), Some(hit)) =
            (fragment.get(at..range.start), fragment.get(range.clone()))
        else {
            continue;
        };
        if !before.is_empty() {
            parts.push(SnippetPart {
                text: one_line(before),
                hit: false,
            });
        }
        parts.push(SnippetPart {
            text: one_line(hit),
            hit: true,
        });
        at = range.end;
    }
    if let Some(rest) = fragment.get(at..).filter(|r| !r.is_empty()) {
        parts.push(SnippetPart {
            text: one_line(rest),
            hit: false,
        });
    }
    // Trim the outer ends.
    if let Some(first) = parts.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = parts.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    parts.retain(|p| !p.text.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn collapses_whitespace() {
        assert_eq!(one_line("أ\n\nب  ج"), "أ ب ج");
        assert_eq!(
            one_line(" أ\n"),
            " أ ",
            "the space beside a highlighted word stays"
        );
        assert_eq!(one_line("\n "), " ");
    }
}
