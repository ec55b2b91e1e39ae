//! Timelines: a storyline's events in order, and the past happenings its articles recall
//! («وفي 10 دجنبر 2020، أعلنت …»): dates in the body older than the article, each with the
//! sentence that gives it, merged across articles when the date and the words agree.

use chrono::{Datelike, Duration, NaiveDate};
use marsad_text::{Precision, parse_dates, search_terms};
use serde::{Deserialize, Serialize};

use crate::Doc;

/// Longest sentence kept as a mention's context, in chars.
const MAX_SENTENCE_CHARS: usize = 320;
/// Two sentences of one date and precision describe one happening when this share of the
/// smaller one's terms is in the other.
const SAME_HAPPENING_OVERLAP: f64 = 0.2;

/// A past date an article mentions, with its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentioned {
    /// `YYYY-MM-DD` (day) or `YYYY-MM` (month).
    pub date: String,
    /// `day` or `month`.
    pub precision: String,
    /// The sentence that gives the date.
    pub sentence: String,
}

/// What a timeline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntryKind {
    /// An event of the storyline (articles reporting it).
    Event,
    /// A past happening the storyline's articles mention.
    Mentioned,
}

/// One entry of a storyline's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub date: String,
    /// `day` or `month`.
    pub precision: String,
    /// The event's label, or the sentence that mentions the happening.
    pub what: String,
    /// The articles reporting (event) or mentioning (mentioned) it.
    pub articles: Vec<String>,
    /// Event or mentioned.
    pub kind: EntryKind,
    /// The event's id, for `kind: event`.
    pub event: Option<String>,
}

/// The dates in `doc`'s body (and headline) older than its publication by more than
/// `min_age_days`, at day or month precision, each with its sentence. Relative dates
/// («يونيو الماضي») count only in a dated article (resolved against its publication).
pub fn mentioned_dates(doc: &Doc, min_age_days: i64) -> Vec<Mentioned> {
    let cutoff = doc.time.date() - Duration::days(min_age_days);
    let mut out: Vec<Mentioned> = Vec::new();
    for paragraph in &doc.paragraphs {
        for m in parse_dates(paragraph, doc.time) {
            // «يونيو الماضي» resolves against the publication time; a stand-in time would
            // give it a wrong year.
            if m.relative && !doc.dated {
                continue;
            }
            let date = m.value.datetime.date();
            let (iso, precision, end) = match m.value.precision {
                Precision::Year => continue,
                Precision::Month => (date.format("%Y-%m").to_string(), "month", month_end(date)),
                _ => (date.format("%Y-%m-%d").to_string(), "day", date),
            };
            if end >= cutoff {
                continue;
            }
            let sentence = sentence_around(paragraph, m.start, m.end);
            if out.iter().any(|o| o.date == iso && o.sentence == sentence) {
                continue;
            }
            // Two days of one month in one sentence are a span («ما بين 20 و30 يونيو»): one
            // happening, dated by its month.
            let month = date.format("%Y-%m").to_string();
            if let Some(o) = out
                .iter_mut()
                .find(|o| o.sentence == sentence && o.date.starts_with(&month))
            {
                o.date = month;
                o.precision = "month".to_owned();
                continue;
            }
            out.push(Mentioned {
                date: iso,
                precision: precision.to_owned(),
                sentence,
            });
        }
    }
    out
}

fn month_end(date: NaiveDate) -> NaiveDate {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).map_or(date, |d| d - Duration::days(1))
}

/// The sentence of `text` holding bytes `start..end`: bounded by `.`, `!`, `?`, `؟`, `؛`
/// or a line break (a dot between digits does not end a sentence).
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let is_end = |i: usize, c: char| -> bool {
        match c {
            '!' | '?' | '؟' | '؛' | '\n' => true,
            '.' => {
                let before = text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_digit());
                let after = text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit());
                !(before && after)
            }
            _ => false,
        }
    };
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .char_indices()
        .find(|&(i, c)| is_end(end + i, c))
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    let sentence = text[from..to].trim();
    if sentence.chars().count() <= MAX_SENTENCE_CHARS {
        return sentence.to_owned();
    }
    let cut = sentence
        .char_indices()
        .nth(MAX_SENTENCE_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    format!("{}…", &sentence[..cut])
}

/// Merge mentions from many articles: one entry per happening (same date, or a month and a
/// day in it, and sentences sharing enough terms), its `what` the shortest sentence, its articles all
/// that mention it. Sorted by date.
pub fn merge_mentions<'a>(
    mentions: impl IntoIterator<Item = (&'a str, &'a Mentioned)>,
) -> Vec<TimelineEntry> {
    struct Group {
        entry: TimelineEntry,
        terms: Vec<Vec<String>>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (article, m) in mentions {
        let mut terms = search_terms(&m.sentence);
        terms.sort_unstable();
        terms.dedup();
        let found = groups.iter_mut().find(|g| {
            same_time(&g.entry.date, &m.date)
                && g.terms
                    .iter()
                    .any(|t| overlap(t, &terms) >= SAME_HAPPENING_OVERLAP)
        });
        match found {
            Some(g) => {
                // The day, when one mention gives it and another only the month.
                if m.date.len() > g.entry.date.len() {
                    g.entry.date = m.date.clone();
                    g.entry.precision = m.precision.clone();
                }
                if !g.entry.articles.iter().any(|a| a == article) {
                    g.entry.articles.push(article.to_owned());
                }
                if m.sentence.chars().count() < g.entry.what.chars().count() {
                    g.entry.what = m.sentence.clone();
                }
                g.terms.push(terms);
            }
            None => groups.push(Group {
                entry: TimelineEntry {
                    date: m.date.clone(),
                    precision: m.precision.clone(),
                    what: m.sentence.clone(),
                    articles: vec![article.to_owned()],
                    kind: EntryKind::Mentioned,
                    event: None,
                },
                terms: vec![terms],
            }),
        }
    }
    let mut out: Vec<TimelineEntry> = groups.into_iter().map(|g| g.entry).collect();
    for e in &mut out {
        e.articles.sort();
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.what.cmp(&b.what)));
    out
}

/// Whether two mention dates (`YYYY-MM-DD` or `YYYY-MM`) can be one happening's: equal,
/// or a month and a day in it.
fn same_time(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() == long.len() {
        short == long
    } else {
        long.starts_with(short) && long.as_bytes().get(short.len()) == Some(&b'-')
    }
}

/// Share of the smaller sorted term set found in the other.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let small = a.len().min(b.len());
    if small == 0 {
        return 0.0;
    }
    let common = a.iter().filter(|t| b.binary_search(t).is_ok()).count();
    common as f64 / small as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(date: (i32, u32, u32), paragraphs: &[&str]) -> Doc {
        Doc {
            id: "d".into(),
            source: None,
            time: NaiveDate::from_ymd_opt(date.0, date.1, date.2)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .unwrap(),
            dated: true,
            time_from_text: false,
            title: String::new(),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            entities: None,
        }
    }

    fn check(d: &Doc, expected: &[(&str, &str)]) {
        let got: Vec<(String, String)> = mentioned_dates(d, 3)
            .into_iter()
            .map(|m| (m.date, m.precision))
            .collect();
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn past_dates_with_their_sentences() {
        let d = doc(
            (2023, 2, 21),
            &[
                "وصل قائد سلاح الجو إلى الرباط اليوم. وفي 10 دجنبر 2020، أعلنت إسرائيل والمغرب استئناف العلاقات. \
               وشارك الجيش في مناورات الأسد الإفريقي في يونيو 2022 للمرة الأولى.",
            ],
        );
        check(&d, &[("2020-12-10", "day"), ("2022-06", "month")]);
        let m = mentioned_dates(&d, 3);
        assert_eq!(
            m[0].sentence,
            "وفي 10 دجنبر 2020، أعلنت إسرائيل والمغرب استئناف العلاقات."
        );
    }

    #[test]
    fn recent_and_relative_dates_are_not_past_events() {
        let d = doc(
            (2023, 2, 21),
            &["وقال أمس إن الاجتماع عقد في 20 فبراير 2023 بالرباط."],
        );
        check(&d, &[]);
    }

    #[test]
    fn a_span_of_days_is_one_month_mention() {
        let d = doc(
            (2022, 7, 21),
            &["شارك الجيش في مناورات الأسد الإفريقي ما بين 20 و30 يونيو 2022 بالمغرب."],
        );
        check(&d, &[("2022-06", "month")]);
    }

    #[test]
    fn a_month_mention_merges_into_the_day_of_the_same_happening() {
        let month = Mentioned {
            date: "2021-11".into(),
            precision: "month".into(),
            sentence: "في نوفمبر 2021 وقع غانتس مذكرة تفاهم دفاعية مع المغرب".into(),
        };
        let day = Mentioned {
            date: "2021-11-24".into(),
            precision: "day".into(),
            sentence: "وقع المغرب وإسرائيل يوم 24 نونبر 2021 مذكرة تفاهم دفاعية".into(),
        };
        let other = Mentioned {
            date: "2021-12".into(),
            ..month.clone()
        };
        let merged = merge_mentions([("a", &month), ("b", &day), ("c", &other)]);
        assert_eq!(merged.len(), 2, "{merged:?}");
        assert_eq!(merged[0].date, "2021-11-24");
        assert_eq!(merged[0].precision, "day");
        assert_eq!(merged[0].articles, ["a", "b"]);
        assert!(same_time("2021-11", "2021-11-24"));
        assert!(!same_time("2021-1", "2021-11-24"));
    }

    #[test]
    fn a_relative_month_counts_in_a_dated_article_only() {
        let mut d = doc(
            (2022, 7, 21),
            &["وشارك الجيش في مناورات الأسد الإفريقي ما بين 20 و30 يونيو الماضي."],
        );
        check(&d, &[("2022-06", "month")]);
        d.dated = false;
        check(&d, &[]);
    }

    #[test]
    fn mentions_of_one_happening_merge_across_articles() {
        let a = Mentioned {
            date: "2020-12-10".into(),
            precision: "day".into(),
            sentence: "وفي 10 دجنبر 2020 أعلنت إسرائيل والمغرب استئناف العلاقات الدبلوماسية".into(),
        };
        let b = Mentioned {
            date: "2020-12-10".into(),
            precision: "day".into(),
            sentence: "منذ استئناف العلاقات بين المغرب وإسرائيل في 10 ديسمبر 2020".into(),
        };
        let c = Mentioned {
            date: "2020-12-10".into(),
            precision: "day".into(),
            sentence: "وضرب زلزال عنيف جزيرة لومبوك".into(),
        };
        let merged = merge_mentions([("x", &a), ("y", &b), ("z", &c)]);
        assert_eq!(merged.len(), 2);
        assert!(merged.iter().any(|e| e.articles == ["x", "y"]));
    }
}
