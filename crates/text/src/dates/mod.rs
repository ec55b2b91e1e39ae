//! Dates in Arabic text: every region's month names, Hijri, numeric forms, relative dates.
//!
//! [`parse_dates`] is a hand-written scanner over folded tokens (see `fold`), not a
//! wrapper around a date crate: no Rust crate knows the Maghrebi (يوليوز، شتنبر), Algerian and
//! Tunisian (جانفي، جويلية) and Levantine (كانون الثاني، أيلول) month names, newspapers' double
//! forms (شباط/فبراير), Hijri months, Arabic number words or relative phrases. A token scanner
//! with one hash look-up per word is also much faster than a regex battery over the text.
//!
//! # What counts as a date, and how it is resolved
//!
//! * **Explicit dates**: `[weekday] day month [year] [time]` in any region's month names or Hijri
//!   months (converted with Umm al-Qura, see [`hijri_to_gregorian`]), ordinal days
//!   («الأول من يناير»), numeric `D-M-Y` / `Y-M-D` with `-` `/` `.` (day first when ambiguous),
//!   Eastern or Western digits, and clock times with ص/م/صباحا/مساء (`5:42 مساءً` → 17:42).
//!   A numeric date with a year 1300–1600 is Hijri; a dotted one may have a two-digit year
//!   («28.01.22», 1950–2049). Times are wall clock as written (`10:30 pm` too).
//! * **Latin-script dates**, because pages quote foreign outlets and many sites write their
//!   date lines in a European language: English, French, German, Spanish, Italian, Portuguese
//!   and Dutch month names and abbreviations, day first («5. November 2021», «le 1er mai
//!   2020», «7 de mayo de 2020», «19th April 2019») or month first with a year («April 19,
//!   2019», «Nov. 5th, 2020»), after an optional weekday («Tuesday,», «Di,»). Latin weekday
//!   names are only ever such a prefix, never a date alone.
//! * **Year-less dates** («25 يوليو») take the year that puts them nearest to the reference,
//!   a day ahead weighing as two days back (news reports more than it announces); they are
//!   `relative`. «يوليو الماضي» is the last July before the reference month, «5 يوليو الماضي»
//!   the last 5 July before the reference day.
//! * **Month + year** («في نوفمبر 2021») has precision month; **years** have precision year
//!   when a cue precedes them: «عام / سنة» (any year 1000–2199), or a preposition
//!   (في، منذ، حتى، خلال، مطلع، نهاية …; years 1900–2100). A **bare** four-digit number
//!   1950–2050 is a year only when it follows a word that is not a count cue (رقم، نحو، أكثر من …)
//!   and ends the phrase (punctuation, line end, «م»/«هـ», or a definite word, which a counted
//!   noun never is): «الأسد الإفريقي 2022.» is a year, «2000 شخص» and «50 مليون» are not.
//!   Scores (2-1), percentages and phone numbers never match: numeric dates need a four-digit
//!   year in range and separators that do not continue into more digits.
//! * **Relative**: اليوم / أمس / أول أمس / غدا / بعد غد (day precision, a following weekday is
//!   absorbed, a time makes it minute precision); «اليوم التالي», «ذلك اليوم» and quoted names
//!   ending in «اليوم» are not today. A weekday alone is the most recent such day on or before
//!   the reference day (news convention: «قال الاثنين» reports the past), with «الماضي» the
//!   last one strictly before, with «المقبل» the next one strictly after. «منذ / قبل + duration»
//!   subtracts from the reference (hours and minutes → minute precision, days and weeks → day,
//!   months → month, years → year), unless «من» follows («قبل يومين من الانتخابات» counts from
//!   an event). «الأسبوع الماضي» is the reference day minus seven days; «الشهر/العام الماضي،
//!   الجاري، المقبل، هذا العام» are the shifted month or year.
//!
//! Hijri month- and year-precision values hold the Gregorian date of the Hijri period's first
//! day. Spans are byte offsets into the input, with a leading proclitic (و، ب …) left out.

mod fold;
mod hijri;
mod lexicon;
mod relative;
mod resolve;
mod scan;
mod ummalqura;

pub use hijri::{HijriRule, UMM_AL_QURA_YEARS, hijri_rule, hijri_to_gregorian};

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

/// Every date mentioned in `text`, in order, relative ones resolved against `reference`
/// (the wall-clock time of writing, usually the publication time).
///
/// Spans are byte offsets into `text` on character boundaries. See the module docs for what
/// counts as a date and how each kind is resolved.
///
/// ```
/// use chrono::NaiveDate;
/// use marsad_text::{parse_dates, Precision};
/// let reference = NaiveDate::from_ymd_opt(2021, 11, 26).unwrap().and_hms_opt(9, 0, 0).unwrap();
/// let found = parse_dates("نشر في 25 نوفمبر 2021 ، 5:42 مساءً", reference);
/// assert_eq!(found[0].value.to_iso(), "2021-11-25T17:42");
/// assert_eq!(found[0].value.precision, Precision::Minute);
/// ```
pub fn parse_dates(text: &str, reference: NaiveDateTime) -> Vec<DateMention> {
    scan::scan(text, reference)
}
