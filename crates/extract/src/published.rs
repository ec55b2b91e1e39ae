//! Publication dates: structured ones (JSON-LD, `article:published_time`, `<time datetime>`,
//! dates in URLs) parsed here with chrono; visible Arabic date lines go to
//! `marsad_text::parse_dates`, the one Arabic date parser of the project.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use marsad_text::{DateValue, Precision, parse_dates};

/// An ISO 8601 / RFC 3339 / RFC 2822 date as the page wrote it, in the page's wall-clock
/// time (an offset is dropped, not applied: the reader wants the outlet's local time).
pub(crate) fn parse_structured(raw: &str) -> Option<DateValue> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(DateValue {
            datetime: dt.naive_local(),
            precision: time_precision(s),
        });
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(DateValue {
            datetime: dt.naive_local(),
            precision: Precision::Second,
        });
    }
    // Strip a trailing offset or zone the strict parsers refused («+0300», «Z», « GMT»).
    let core = strip_offset(s);
    for (f, p) in [
        ("%Y-%m-%dT%H:%M:%S%.f", Precision::Second),
        ("%Y-%m-%d %H:%M:%S%.f", Precision::Second),
        ("%Y-%m-%dT%H:%M:%S", Precision::Second),
        ("%Y-%m-%d %H:%M:%S", Precision::Second),
        ("%Y-%m-%dT%H:%M", Precision::Minute),
        ("%Y-%m-%d %H:%M", Precision::Minute),
        ("%Y/%m/%d %H:%M:%S", Precision::Second),
        ("%Y/%m/%d %H:%M", Precision::Minute),
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(core, f) {
            return Some(DateValue {
                datetime: dt,
                precision: p,
            });
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(core.get(..10.min(core.len())).unwrap_or(core), f)
            && (core.len() <= 10 || f != "%Y%m%d")
        {
            return Some(day(d));
        }
    }
    None
}

fn day(d: NaiveDate) -> DateValue {
    DateValue {
        datetime: d.and_time(NaiveTime::MIN),
        precision: Precision::Day,
    }
}

fn time_precision(s: &str) -> Precision {
    // RFC 3339 always has seconds; «…T00:00:00» from a CMS that knows only the day is common.
    if s.contains("T00:00:00") {
        Precision::Day
    } else {
        Precision::Second
    }
}

fn strip_offset(s: &str) -> &str {
    let s = s
        .trim_end_matches(" GMT")
        .trim_end_matches(" UTC")
        .trim_end_matches('Z');
    if let Some(t) = s.find('T').or_else(|| s.find(' ')) {
        let tail = &s[t..];
        if let Some(p) = tail.rfind(['+', '-']) {
            return &s[..t + p];
        }
    }
    s
}

/// A date in the URL path: `/2023/02/24/`, `/2023-02-24-`, `/20230224/`.
pub(crate) fn from_url(url: &str) -> Option<DateValue> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for w in parts.windows(3) {
        let (y, m, d) = (w[0], w[1], w[2]);
        if y.len() == 4
            && (1..=2).contains(&m.len())
            && (1..=2).contains(&d.len())
            && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
            && (1990..=2100).contains(&y)
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some(day(date));
        }
    }
    for p in &parts {
        if p.len() == 8
            && p.bytes().all(|b| b.is_ascii_digit())
            && let Ok(d) = NaiveDate::parse_from_str(p, "%Y%m%d")
            && (1990..=2100).contains(&chrono::Datelike::year(&d))
        {
            return Some(day(d));
        }
    }
    None
}

/// Labels that introduce the publication date on a visible line.
const PUBLISHED_LABELS: &[&str] = &[
    "نشر في",
    "نشر بتاريخ",
    "تاريخ النشر",
    "بتاريخ",
    "نشر",
    "published",
];
/// Labels of a modification date: used only when nothing else is found.
const UPDATED_LABELS: &[&str] = &["آخر تحديث", "اخر تحديث", "تحديث", "updated", "محدث"];

/// A visible date line's value: the most precise date `parse_dates` finds covering most
/// of a short line (or after a «نشر في»-type label). Relative dates need `reference`.
pub(crate) fn visible(line: &str, reference: Option<NaiveDateTime>) -> Option<(DateValue, bool)> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 14 {
        return None;
    }
    let lower = line.to_lowercase();
    let labelled = PUBLISHED_LABELS.iter().any(|l| lower.contains(l));
    let updated = UPDATED_LABELS.iter().any(|l| lower.contains(l));
    let reference_or_epoch = reference.unwrap_or(NaiveDateTime::MIN);
    let mentions = parse_dates(line, reference_or_epoch);
    let content_len = line.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let covered: usize = mentions
        .iter()
        .filter_map(|m| line.get(m.start..m.end))
        .map(|s| s.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if !labelled && covered * 2 < content_len {
        return None;
    }
    mentions
        .iter()
        .filter(|m| !m.relative || reference.is_some())
        .filter(|m| m.value.precision >= Precision::Day)
        .max_by_key(|m| m.value.precision)
        .map(|m| (m.value, updated))
}

/// The date in the text of an element the markup marks as a date (`class=post-date`,
/// `<time>`): the first absolute date of day precision or finer in a short text (labels and
/// bylines around it allowed: «Datum: 03.11.2021», «von X am 21. April 2020»), or a relative
/// one when `reference` is known.
pub(crate) fn marked(text: &str, reference: Option<NaiveDateTime>) -> Option<DateValue> {
    if text.split_whitespace().count() > 24 {
        return None;
    }
    first_day_date(text, reference)
}

/// The first date of day precision or finer in `text`; relative ones only when `reference`
/// is known.
fn first_day_date(text: &str, reference: Option<NaiveDateTime>) -> Option<DateValue> {
    let reference_or_epoch = reference.unwrap_or(NaiveDateTime::MIN);
    parse_dates(text, reference_or_epoch)
        .into_iter()
        .filter(|m| !m.relative || reference.is_some())
        .find(|m| m.value.precision >= Precision::Day)
        .map(|m| m.value)
}

/// A date inside a short line that is not a sentence («Paddy · April 19, 2019 · Mac»,
/// «Redaktion 1. November 2023 10:29»): the first absolute date of day precision or finer.
/// The last resort before the URL: a line of prose («Am 4. Februar 2022 erscheint …»)
/// ends with sentence punctuation or is long, and is refused.
pub(crate) fn in_short_line(line: &str) -> Option<DateValue> {
    let words = line.split_whitespace().count();
    if words == 0 || words > 12 {
        return None;
    }
    let end = line.trim_end_matches(['"', '”', '»', ')', ' ']);
    if words >= 5 && end.ends_with(['.', '!', '?', '؟', '…']) {
        return None;
    }
    first_day_date(line, None)
}

/// Whether a line looks like a date line even when no parser resolves it (digits of a year
/// and little else): such a line is never a title or body.
pub(crate) fn looks_like_date_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > 10 {
        return false;
    }
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let digits = line.chars().filter(char::is_ascii_digit).count();
    has_year && digits * 3 >= letters.min(60) / 2 && !line.trim_end().ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &str, iso: Option<&str>) {
        assert_eq!(
            parse_structured(raw).map(|v| v.to_iso()).as_deref(),
            iso,
            "{raw}"
        );
    }

    #[test]
    fn structured() {
        check("2023-02-24T10:05:00+01:00", Some("2023-02-24T10:05:00"));
        check("2023-02-24T10:05:00.000Z", Some("2023-02-24T10:05:00"));
        check("2023-02-24 10:05", Some("2023-02-24T10:05"));
        check("2023-02-24", Some("2023-02-24"));
        check("2023-02-24T10:05:00+0300", Some("2023-02-24T10:05:00"));
        check(
            "Fri, 24 Feb 2023 10:05:00 +0100",
            Some("2023-02-24T10:05:00"),
        );
        check("not a date", None);
    }

    #[test]
    fn urls() {
        let iso = |u: &str| from_url(u).map(|v| v.to_iso());
        assert_eq!(
            iso("https://x.ma/news/2023/02/24/slug").as_deref(),
            Some("2023-02-24")
        );
        assert_eq!(
            iso("https://x.ma/2021-11-25-slug.html").as_deref(),
            Some("2021-11-25")
        );
        assert_eq!(iso("https://x.ma/news/123456").as_deref(), None);
    }

    #[test]
    fn date_like() {
        assert!(looks_like_date_line("25 نوفمبر 2021 ، 5:42 مساءً"));
        assert!(!looks_like_date_line(
            "وقع البلدان مذكرة تفاهم سنة 2021 في الرباط وسط حضور رسمي كبير."
        ));
    }
}
