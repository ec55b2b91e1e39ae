//! Hijri ↔ Gregorian conversion: the Umm al-Qura calendar (Saudi Arabia's official one) for
//! AH 1300–1600, the tabular (type II, Friday epoch) calendar outside.
//!
//! AH 1343–1500 use the published Umm al-Qura month starts (see `ummalqura`); the rest of
//! 1300–1600 and the tabular fallback come from `icu_calendar`'s `Hijri::new_umm_al_qura()`.

use chrono::{Datelike, Duration, NaiveDate};

use super::ummalqura::{FIRST_YEAR, LAST_YEAR, MONTH_STARTS};
use icu_calendar::cal::Hijri;
use icu_calendar::{Date, Iso};

/// First and last Hijri years for which [`hijri_to_gregorian`] uses Umm al-Qura tables.
pub const UMM_AL_QURA_YEARS: std::ops::RangeInclusive<i32> = 1300..=1600;

/// Which Hijri rule set a conversion used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HijriRule {
    /// The Umm al-Qura calendar (AH 1300–1600).
    UmmAlQura,
    /// The tabular Islamic calendar (type II leap years, Friday epoch), outside that range.
    Tabular,
}

/// The rule [`hijri_to_gregorian`] uses for Hijri year `year`.
pub fn hijri_rule(year: i32) -> HijriRule {
    if UMM_AL_QURA_YEARS.contains(&year) {
        HijriRule::UmmAlQura
    } else {
        HijriRule::Tabular
    }
}

/// The Gregorian date of Hijri `year`-`month`-`day`, or `None` if there is no such day
/// (month outside 1–12, day 0, or day 30 of a 29-day month) or the year is out of range.
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=9000).contains(&year) {
        return None;
    }
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        let index = usize::try_from((year - FIRST_YEAR) * 12).ok()? + month as usize - 1;
        let start = *MONTH_STARTS.get(index)?;
        let length = MONTH_STARTS.get(index + 1)? - start;
        if day > length {
            return None;
        }
        return rjd_to_date(start + day - 1);
    }
    let date =
        Date::try_new_hijri_with_calendar(year, month as u8, day as u8, Hijri::new_umm_al_qura())
            .ok()?;
    let iso = date.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// Like [`hijri_to_gregorian`], but day 30 of a 29-day month is read as the day after the
/// 29th: sighting-based calendars often have a 30th where Umm al-Qura has none.
pub(super) fn hijri_to_gregorian_lenient(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    hijri_to_gregorian(year, month, day).or_else(|| {
        if day == 30 {
            hijri_to_gregorian(year, month, 29)?.succ_opt()
        } else {
            None
        }
    })
}

/// The Gregorian date of reduced Julian day `rjd` (JD − 2400000; 23999 is 1924-08-01).
fn rjd_to_date(rjd: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1924, 8, 1)?.checked_add_signed(Duration::days(i64::from(rjd) - 23999))
}

/// The Hijri (year, month, day) of a Gregorian date.
pub(super) fn gregorian_to_hijri(date: NaiveDate) -> Option<(i32, u32, u32)> {
    let base = NaiveDate::from_ymd_opt(1924, 8, 1)?;
    let rjd = (date - base).num_days() + 23999;
    let first = i64::from(*MONTH_STARTS.first()?);
    let last = i64::from(*MONTH_STARTS.last()?);
    if (first..last).contains(&rjd) {
        let rjd = u32::try_from(rjd).ok()?;
        let index = MONTH_STARTS.partition_point(|&s| s <= rjd).checked_sub(1)?;
        let year = FIRST_YEAR + i32::try_from(index / 12).ok()?;
        let month = u32::try_from(index % 12).ok()? + 1;
        return Some((year, month, rjd - MONTH_STARTS[index] + 1));
    }
    let iso = Date::try_new_iso(date.year(), date.month() as u8, date.day() as u8).ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((
        h.year().extended_year(),
        u32::from(h.month().ordinal),
        u32::from(h.day_of_month().0),
    ))
}
