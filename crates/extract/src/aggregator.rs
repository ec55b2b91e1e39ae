//! Aggregator pages (Kashaf, Maghress …) recognised from a TABLE of patterns: each entry
//! names the aggregator, the lines that betray it, its metadata keys and its «نشر في X يوم D»
//! templates. A new aggregator is one more entry. The article's own metadata block is the
//! first one after the start of the body (later blocks describe other articles in the
//! aggregator's lists), or, when none follows, the last one before it.

use chrono::{NaiveDate, NaiveDateTime};
use marsad_text::{DateValue, Precision};

use crate::Aggregator;
use crate::block::Block;

/// A metadata field an aggregator gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Published,
    Source,
    Category,
    Credibility,
    Importance,
}

/// «before {first} between {second}», e.g. «نشر في {source} يوم {date}».
struct Template {
    before: &'static str,
    between: &'static str,
    first: Field,
    second: Field,
}

/// One aggregator.
struct Spec {
    name: &'static str,
    /// Text that only this aggregator prints; without it the entry does not apply.
    signatures: &'static [&'static str],
    /// `key:` value pairs, several possibly on one line.
    keys: &'static [(&'static str, Field)],
    templates: &'static [Template],
    /// chrono formats of its dates.
    date_formats: &'static [&'static str],
}

const SPECS: &[Spec] = &[
    Spec {
        name: "كشاف",
        signatures: &["مستوى الصحة:"],
        keys: &[
            ("تاريخ الخبر", Field::Published),
            ("المصدر", Field::Source),
            ("التصنيف", Field::Category),
            ("مستوى الصحة", Field::Credibility),
            ("الأهمية", Field::Importance),
        ],
        templates: &[],
        date_formats: &["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    },
    Spec {
        name: "مغرس",
        signatures: &["انقر هنا لقراءة الخبر من مصدره", "مغرس"],
        keys: &[],
        templates: &[Template {
            before: "نشر في ",
            between: " يوم ",
            first: Field::Source,
            second: Field::Published,
        }],
        date_formats: &["%d - %m - %Y", "%d-%m-%Y", "%d - %m - %Y %H:%M"],
    },
];

/// Lines that name the original outlet without an aggregator block: (prefix, case-insensitive).
const SOURCE_LINES: &[&str] = &[
    "view on ",
    "read the original on ",
    "اقرأ الخبر في ",
    "المصدر الأصلي: ",
];

/// What the aggregator tables found on a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    /// The aggregator's block.
    pub aggregator: Option<Aggregator>,
    /// The article's date per the aggregator.
    pub published: Option<DateValue>,
    /// An outlet named by a source line («View on X»).
    pub source_line: Option<String>,
}

/// Indices of blocks that belong to an aggregator's furniture, and which spec applies.
pub(crate) fn mark(blocks: &[Block]) -> (Vec<usize>, Option<usize>) {
    let spec = SPECS.iter().position(|s| {
        blocks
            .iter()
            .any(|b| s.signatures.iter().any(|sig| b.text.contains(sig)))
    });
    let mut lines = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let lower = lower_head(&b.text);
        let is_source_line = SOURCE_LINES.iter().any(|p| lower.starts_with(p))
            && b.text.split_whitespace().count() <= 8;
        let is_spec_line = spec.is_some_and(|s| {
            let s = &SPECS[s];
            s.signatures
                .iter()
                .any(|sig| b.text.contains(sig) && b.text.split_whitespace().count() <= 12)
                || !fields(s, &b.text).is_empty()
        });
        if is_source_line || is_spec_line {
            lines.push(i);
        }
    }
    (lines, spec)
}

/// The first 64 bytes or so of `text`, lower-cased: enough for the source-line prefixes,
/// without lower-casing every paragraph of the page.
fn lower_head(text: &str) -> String {
    let mut end = text.len().min(64);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_lowercase()
}

/// Resolve the aggregator block nearest the body, which starts at block `body_start`.
pub(crate) fn resolve(
    blocks: &[Block],
    lines: &[usize],
    spec: Option<usize>,
    body_start: usize,
) -> Found {
    let mut found = Found::default();
    for &i in lines {
        let lower = blocks[i].text.to_lowercase();
        if let Some(p) = SOURCE_LINES.iter().find(|p| lower.starts_with(*p))
            && found.source_line.is_none()
        {
            // Prefixes are ASCII or Arabic without case, so the byte length carries over.
            let rest = blocks[i].text.get(p.len()..).unwrap_or("").trim();
            if !rest.is_empty() {
                found.source_line = Some(rest.to_owned());
            }
        }
    }
    let Some(spec) = spec.map(|s| &SPECS[s]) else {
        return found;
    };
    // Groups of consecutive blocks carrying fields.
    let mut groups: Vec<Vec<(Field, String)>> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut last: Option<usize> = None;
    for &i in lines {
        let f = fields(spec, &blocks[i].text);
        if f.is_empty() {
            continue;
        }
        let new_group = last.is_none_or(|l| i > l + 1)
            || groups
                .last()
                .is_some_and(|g| f.iter().any(|(k, _)| g.iter().any(|(gk, _)| gk == k)));
        if new_group {
            groups.push(Vec::new());
            starts.push(i);
        }
        if let Some(g) = groups.last_mut() {
            g.extend(f);
        }
        last = Some(i);
    }
    let chosen = starts
        .iter()
        .position(|&s| s >= body_start)
        .or_else(|| starts.iter().rposition(|&s| s < body_start));
    let mut agg = Aggregator {
        name: spec.name.to_owned(),
        ..Aggregator::default()
    };
    if let Some(g) = chosen.map(|c| &groups[c]) {
        for (field, value) in g {
            match field {
                Field::Published => {
                    if found.published.is_none() {
                        found.published = parse_date(value, spec.date_formats);
                    }
                }
                Field::Source => agg.source = agg.source.take().or_else(|| Some(value.clone())),
                Field::Category => {
                    agg.category = agg.category.take().or_else(|| Some(value.clone()))
                }
                Field::Credibility => {
                    agg.credibility_percent = agg.credibility_percent.or_else(|| percent(value))
                }
                Field::Importance => {
                    agg.importance_percent = agg.importance_percent.or_else(|| percent(value))
                }
            }
        }
    }
    found.aggregator = Some(agg);
    found
}

/// The fields of one line under `spec`, in order.
fn fields(spec: &Spec, line: &str) -> Vec<(Field, String)> {
    let mut out = Vec::new();
    for t in spec.templates {
        if let Some(rest) = line.trim().strip_prefix(t.before)
            && let Some((a, b)) = rest.rsplit_once(t.between)
        {
            let dates_ok = [(t.first, a), (t.second, b)]
                .iter()
                .all(|(f, v)| *f != Field::Published || parse_date(v, spec.date_formats).is_some());
            if !dates_ok {
                continue;
            }
            out.push((t.first, a.trim().to_owned()));
            out.push((t.second, b.trim().to_owned()));
            return out;
        }
    }
    // Every «key:» occurrence, then each value runs to the next key.
    let mut hits: Vec<(usize, usize, Field)> = Vec::new();
    for &(k, field) in spec.keys {
        let mut from = 0;
        while let Some(pos) = line[from..].find(k) {
            let start = from + pos;
            let after = line[start + k.len()..].trim_start();
            if let Some(value_part) = after.strip_prefix([':', '：']) {
                let value_start = line.len() - value_part.len();
                hits.push((start, value_start, field));
            }
            from = start + k.len();
        }
    }
    // A key must open the line: «المصدر:» inside a sentence is not metadata.
    let first_char = line.len() - line.trim_start().len();
    if hits.iter().map(|h| h.0).min() != Some(first_char) {
        return out;
    }
    hits.sort_by_key(|h| h.0);
    for (n, &(_, value_start, field)) in hits.iter().enumerate() {
        let end = hits.get(n + 1).map_or(line.len(), |h| h.0);
        if value_start <= end {
            out.push((field, line[value_start..end].trim().to_owned()));
        }
    }
    out
}

fn percent(v: &str) -> Option<u8> {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    digits.parse::<u8>().ok().filter(|p| *p <= 100)
}

fn parse_date(v: &str, formats: &[&str]) -> Option<DateValue> {
    let v = v.trim().trim_end_matches(['.', ' ']);
    for f in formats {
        if let Ok(dt) = NaiveDateTime::parse_from_str(v, f) {
            let precision = if f.contains("%S") {
                Precision::Second
            } else {
                Precision::Minute
            };
            return Some(DateValue {
                datetime: dt,
                precision,
            });
        }
        if let Ok(d) = NaiveDate::parse_from_str(v, f) {
            return Some(DateValue {
                datetime: d.and_time(chrono::NaiveTime::MIN),
                precision: Precision::Day,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block::text((*l).to_owned(), true, false))
            .collect()
    }

    #[test]
    fn kashaf_takes_the_first_block_after_the_body() {
        let blocks = page(&[
            "عنوان",
            "فقرة المتن.",
            "تاريخ الخبر: 2022-07-21 21:24:27",
            "المصدر: موقع الدار - المغرب",
            "التصنيف: مجتمع",
            "مستوى الصحة: 56%",
            "الأهمية: 63%",
            "خبر آخر",
            "المصدر: جريدة الوطن - السعودية التصنيف: إقتصاد",
            "تاريخ الخبر: 2024-05-07 12:24:19",
            "مستوى الصحة: 57% الأهمية: 70%",
        ]);
        let (lines, spec) = mark(&blocks);
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 8, 9, 10]);
        let found = resolve(&blocks, &lines, spec, 1);
        let agg = found.aggregator.unwrap();
        assert_eq!(agg.name, "كشاف");
        assert_eq!(agg.source.as_deref(), Some("موقع الدار - المغرب"));
        assert_eq!(agg.category.as_deref(), Some("مجتمع"));
        assert_eq!(
            (agg.credibility_percent, agg.importance_percent),
            (Some(56), Some(63))
        );
        assert_eq!(found.published.unwrap().to_iso(), "2022-07-21T21:24:27");
    }

    #[test]
    fn maghress_line_before_the_body() {
        let blocks = page(&[
            "عنوان الخبر",
            "نشر في الأيام 24 يوم 24 - 02 - 2023",
            "فقرة المتن.",
            "انقر هنا لقراءة الخبر من مصدره.",
        ]);
        let (lines, spec) = mark(&blocks);
        assert_eq!(lines, vec![1, 3]);
        let found = resolve(&blocks, &lines, spec, 2);
        let agg = found.aggregator.unwrap();
        assert_eq!(agg.name, "مغرس");
        assert_eq!(agg.source.as_deref(), Some("الأيام 24"));
        assert_eq!(found.published.unwrap().to_iso(), "2023-02-24");
    }

    #[test]
    fn source_line() {
        let blocks = page(&["فقرة.", "View on Almaghribtoday.net"]);
        let (lines, spec) = mark(&blocks);
        let found = resolve(&blocks, &lines, spec, 0);
        assert!(found.aggregator.is_none());
        assert_eq!(found.source_line.as_deref(), Some("Almaghribtoday.net"));
    }
}
