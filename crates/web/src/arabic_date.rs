//! Publication dates written for Arabic readers: «21 يوليو 2022»، and «21 يوليو 2022، 14:30»
//! when the minute is known. Hand-written because chrono's locale support has no Arabic month
//! sets to choose between, and the regional choice matters to readers.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// Which Arabic names the Gregorian months get.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum MonthNames {
    /// The Egyptian and Gulf set, the most widely read one: يناير، فبراير … ديسمبر.
    #[default]
    Egyptian,
    /// The Levantine and Iraqi set: كانون الثاني، شباط … كانون الأول.
    Levantine,
    /// The Moroccan set: يناير، فبراير، مارس، أبريل، ماي، يونيو، يوليوز، غشت، شتنبر … دجنبر.
    Moroccan,
}

const EGYPTIAN: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const LEVANTINE: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const MOROCCAN: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
];

impl MonthNames {
    /// The name of `month` (1 to 12), or `None` outside that range.
    pub fn name(self, month: u32) -> Option<&'static str> {
        let set = match self {
            MonthNames::Egyptian => &EGYPTIAN,
            MonthNames::Levantine => &LEVANTINE,
            MonthNames::Moroccan => &MOROCCAN,
        };
        let index = usize::try_from(month.checked_sub(1)?).ok()?;
        set.get(index).copied()
    }
}

/// How much of a date is shown, after the article's `published_precision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Year,
    Month,
    Day,
    Minute,
}

impl Shown {
    fn from_wire(precision: Option<&str>, has_time: bool) -> Shown {
        match precision {
            Some("year") => Shown::Year,
            Some("month") => Shown::Month,
            Some("day") => Shown::Day,
            Some("minute" | "second") => Shown::Minute,
            // Unknown or missing precision: show what the value itself carries.
            _ if has_time => Shown::Minute,
            _ => Shown::Day,
        }
    }
}

/// The date `published` (`YYYY-MM-DD[THH:MM[:SS]]`) in Arabic at the given precision
/// (`year`, `month`, `day`, `minute`, `second`); `None` when there is no readable date.
///
/// Digits stay Western (as most Arabic news sites print them); seconds are never shown.
pub fn format_published(
    published: Option<&str>,
    precision: Option<&str>,
    months: MonthNames,
) -> Option<String> {
    let raw = published?.trim();
    let (datetime, has_time) = parse_wire(raw)?;
    let month = months.name(datetime.month())?;
    let year = datetime.year();
    let text = match Shown::from_wire(precision, has_time) {
        Shown::Year => format!("{year}"),
        Shown::Month => format!("{month} {year}"),
        Shown::Day => format!("{} {month} {year}", datetime.day()),
        Shown::Minute => format!(
            "{} {month} {year}، {:02}:{:02}",
            datetime.day(),
            datetime.hour(),
            datetime.minute()
        ),
    };
    Some(text)
}

/// The machine-readable form for `<time datetime>`: the wire value when it parses.
pub fn machine_published(published: Option<&str>) -> Option<String> {
    let raw = published?.trim();
    parse_wire(raw).map(|_| raw.to_owned())
}

fn parse_wire(raw: &str) -> Option<(NaiveDateTime, bool)> {
    if let Ok(datetime) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S") {
        return Some((datetime, true));
    }
    if let Ok(datetime) = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M") {
        return Some((datetime, true));
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    Some((date.and_hms_opt(0, 0, 0)?, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(published: Option<&str>, precision: Option<&str>, expected: Option<&str>) {
        assert_eq!(
            format_published(published, precision, MonthNames::Egyptian).as_deref(),
            expected,
            "{published:?} at {precision:?}"
        );
    }

    #[test]
    fn formats_each_precision() {
        check(Some("2022-07-21"), Some("day"), Some("21 يوليو 2022"));
        check(
            Some("2022-07-21T14:05"),
            Some("minute"),
            Some("21 يوليو 2022، 14:05"),
        );
        check(
            Some("2022-07-21T14:05:09"),
            Some("second"),
            Some("21 يوليو 2022، 14:05"),
        );
        check(Some("2022-07-01"), Some("month"), Some("يوليو 2022"));
        check(Some("2022-01-01"), Some("year"), Some("2022"));
        check(Some("2022-12-03"), None, Some("3 ديسمبر 2022"));
        check(Some("2022-12-03T08:00"), None, Some("3 ديسمبر 2022، 08:00"));
        check(Some("2022-12-03T08:00"), Some("day"), Some("3 ديسمبر 2022"));
    }

    #[test]
    fn nothing_for_missing_or_broken_dates() {
        check(None, Some("day"), None);
        check(Some(""), None, None);
        check(Some("أمس"), None, None);
        check(Some("2022-13-01"), None, None);
        check(Some("2022-02-30"), Some("day"), None);
    }

    #[test]
    fn month_sets() {
        assert_eq!(MonthNames::Levantine.name(7), Some("تموز"));
        assert_eq!(MonthNames::Moroccan.name(8), Some("غشت"));
        assert_eq!(MonthNames::Egyptian.name(0), None);
        assert_eq!(MonthNames::Egyptian.name(13), None);
        let levantine = format_published(Some("2024-01-09"), Some("day"), MonthNames::Levantine);
        assert_eq!(levantine.as_deref(), Some("9 كانون الثاني 2024"));
    }

    #[test]
    fn machine_form_only_when_valid() {
        assert_eq!(
            machine_published(Some("2022-07-21T14:05")).as_deref(),
            Some("2022-07-21T14:05")
        );
        assert_eq!(machine_published(Some("yesterday")), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_has_no_markup(published in "\\PC{0,30}", precision in "\\PC{0,8}") {
            let shown = format_published(Some(&published), Some(&precision), MonthNames::Egyptian);
            if let Some(shown) = shown {
                proptest::prop_assert!(!shown.contains('<'));
            }
        }

        #[test]
        fn every_valid_day_is_shown(year in 1900_i32..2100, month in 1_u32..=12, day in 1_u32..=28) {
            let wire = format!("{year:04}-{month:02}-{day:02}");
            let shown = format_published(Some(&wire), Some("day"), MonthNames::Moroccan);
            proptest::prop_assert_eq!(shown, Some(format!("{day} {} {year}", MOROCCAN[month as usize - 1])));
        }
    }
}
