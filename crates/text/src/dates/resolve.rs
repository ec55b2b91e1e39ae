//! Calendar arithmetic for resolving dates against the reference: year inference for
//! year-less dates, month/year shifts, durations back from the reference, weekdays.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::hijri::{gregorian_to_hijri, hijri_to_gregorian_lenient};
use super::lexicon::Unit;
use super::{DateValue, Precision};

/// A date at midnight with `precision`.
pub(super) fn at_midnight(date: NaiveDate, precision: Precision) -> DateValue {
    DateValue {
        datetime: date.and_time(NaiveTime::MIN),
        precision,
    }
}

/// Of the candidate dates, the one nearest to `reference`, a day ahead counting as two days
/// back: news mostly reports what happened, and mentions the near future more than the far past.
fn nearest(reference: NaiveDate, candidates: impl Iterator<Item = NaiveDate>) -> Option<NaiveDate> {
    candidates.min_by_key(|d| {
        let diff = (*d - reference).num_days();
        if diff > 0 { diff * 2 } else { -diff }
    })
}

/// The Gregorian `month`/`day` nearest to `reference` (see [`nearest`]).
pub(super) fn infer_gregorian_year(
    reference: NaiveDate,
    month: u32,
    day: u32,
) -> Option<NaiveDate> {
    let y = reference.year();
    nearest(
        reference,
        (y - 1..=y + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)),
    )
}

/// The Hijri `month`/`day` nearest to `reference`, as a Gregorian date.
pub(super) fn infer_hijri_year(reference: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let (hy, _, _) = gregorian_to_hijri(reference)?;
    nearest(
        reference,
        (hy - 1..=hy + 1).filter_map(|y| hijri_to_gregorian_lenient(y, month, day)),
    )
}

/// The year of Gregorian `month` shifted by `shift` (−1: the most recent one before the
/// reference month, +1: the next one after it, 0: the reference year).
pub(super) fn shifted_month_year(reference: NaiveDate, month: u32, shift: i8) -> i32 {
    let (y, m) = (reference.year(), reference.month());
    match shift {
        s if s < 0 => {
            if month < m {
                y
            } else {
                y - 1
            }
        }
        s if s > 0 => {
            if month > m {
                y
            } else {
                y + 1
            }
        }
        _ => y,
    }
}

/// The Hijri year of Hijri `month` shifted by `shift`, like [`shifted_month_year`].
pub(super) fn shifted_hijri_month_year(reference: NaiveDate, month: u32, shift: i8) -> Option<i32> {
    let (hy, hm, _) = gregorian_to_hijri(reference)?;
    Some(match shift {
        s if s < 0 => {
            if month < hm {
                hy
            } else {
                hy - 1
            }
        }
        s if s > 0 => {
            if month > hm {
                hy
            } else {
                hy + 1
            }
        }
        _ => hy,
    })
}

/// A day-and-month with a shift word after it («5 يوليو الماضي»): −1 the most recent such day
/// before the reference, +1 the next one after it, 0 the one in the reference year.
pub(super) fn shifted_day(
    reference: NaiveDate,
    month: u32,
    day: u32,
    shift: i8,
) -> Option<NaiveDate> {
    let y = reference.year();
    match shift {
        s if s < 0 => [y, y - 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|d| *d < reference),
        s if s > 0 => [y, y + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|d| *d > reference),
        _ => NaiveDate::from_ymd_opt(y, month, day),
    }
}

/// The weekday `wd` relative to `reference`: with `shift` −1 the last one strictly before,
/// +1 the next one strictly after, 0 the most recent one on or before the reference day.
pub(super) fn weekday_date(reference: NaiveDate, wd: Weekday, shift: i8) -> Option<NaiveDate> {
    let today = i64::from(reference.weekday().num_days_from_monday());
    let target = i64::from(wd.num_days_from_monday());
    let back = (today - target).rem_euclid(7);
    let offset = match shift {
        s if s < 0 => -(if back == 0 { 7 } else { back }),
        s if s > 0 => {
            let ahead = (target - today).rem_euclid(7);
            if ahead == 0 { 7 } else { ahead }
        }
        _ => -back,
    };
    reference.checked_add_signed(Duration::days(offset))
}

/// `n` units back from (negative `n`: ahead of) `reference`, with the unit's precision.
pub(super) fn shift_by(reference: NaiveDateTime, unit: Unit, n: i64) -> Option<DateValue> {
    let date = reference.date();
    Some(match unit {
        Unit::Second => DateValue {
            datetime: reference
                .checked_sub_signed(Duration::try_seconds(n)?)?
                .with_nanosecond(0)?,
            precision: Precision::Second,
        },
        Unit::Minute | Unit::Hour => {
            let d = if unit == Unit::Minute {
                Duration::try_minutes(n)?
            } else {
                Duration::try_hours(n)?
            };
            DateValue {
                datetime: reference
                    .checked_sub_signed(d)?
                    .with_second(0)?
                    .with_nanosecond(0)?,
                precision: Precision::Minute,
            }
        }
        Unit::Day => at_midnight(
            date.checked_sub_signed(Duration::try_days(n)?)?,
            Precision::Day,
        ),
        Unit::Week => at_midnight(
            date.checked_sub_signed(Duration::try_weeks(n)?)?,
            Precision::Day,
        ),
        Unit::Month => {
            let months = i64::from(date.year()) * 12 + i64::from(date.month0()) - n;
            let y = i32::try_from(months.div_euclid(12)).ok()?;
            let m = u32::try_from(months.rem_euclid(12)).ok()? + 1;
            at_midnight(NaiveDate::from_ymd_opt(y, m, 1)?, Precision::Month)
        }
        Unit::Year => {
            let y = i32::try_from(i64::from(date.year()) - n).ok()?;
            at_midnight(NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year)
        }
    })
}

/// The day with weekday `wd` nearest to `date` (at most three days away); `None` only at the
/// ends of the calendar.
pub(super) fn nearest_weekday(date: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let from = i64::from(date.weekday().num_days_from_monday());
    let to = i64::from(wd.num_days_from_monday());
    let ahead = (to - from).rem_euclid(7);
    let offset = if ahead > 3 { ahead - 7 } else { ahead };
    date.checked_add_signed(Duration::days(offset))
}
