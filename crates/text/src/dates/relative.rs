//! Relative dates: اليوم، أمس، أول أمس، غدا (with a weekday or time after them), weekdays,
//! «منذ ساعتين» / «قبل ثلاثة أيام», «الأسبوع الماضي» / «هذا العام», and number words.

use chrono::Duration;

use super::lexicon::{Lex, Unit};
use super::resolve::{at_midnight, nearest_weekday, shift_by, weekday_date};
use super::scan::{Found, Scanner};
use super::{Calendar, Precision};

impl Scanner<'_> {
    /// A relative day word or a weekday, after an optional «يوم» / «صباح» / «مساء» …
    pub(super) fn relative_day(&self, i: usize) -> Option<Found> {
        let lead = self.is(i, |l| matches!(l, Lex::DayNoun | Lex::PartOfDay));
        let j = if lead { i + 1 } else { i };
        if let Some((offset, mut k)) = self.day_word(j, lead) {
            let mut date = self
                .reference
                .date()
                .checked_add_signed(Duration::days(offset))?;
            // «أمس الأحد», «مساء اليوم الاثنين»: when the weekday disagrees with the reference
            // (a crawl time, or UTC past midnight), the weekday nearest the day word wins.
            if let Some(wd) = self.hit(k).filter(|h| h.clitic == 0).and_then(|h| {
                h.find(|l| match l {
                    Lex::Weekday(w) => Some(*w),
                    _ => None,
                })
            }) {
                k += 1;
                date = nearest_weekday(date, wd)?;
            }
            let (value, next) = self.with_time(date, k);
            return Some(Found {
                first: i,
                next,
                value,
                relative: true,
                calendar: Calendar::Gregorian,
            });
        }
        self.weekday(j, lead).map(|f| Found { first: i, ..f })
    }

    /// «اليوم» 0, «أمس» −1, «أول أمس» / «أول من أمس» / «أمس الأول» −2, «غدا» +1, «بعد غد» +2.
    fn day_word(&self, j: usize, lead: bool) -> Option<(i64, usize)> {
        if self
            .hit(j)
            .is_some_and(|h| h.clitic <= 1 && h.has(|l| *l == Lex::First))
        {
            if self.is(j + 1, |l| *l == Lex::DayRel(-1)) {
                return Some((-2, j + 2));
            }
            if self.is_bare(j + 1, |l| *l == Lex::From) && self.is(j + 2, |l| *l == Lex::DayRel(-1))
            {
                return Some((-2, j + 3));
            }
            return None;
        }
        if self.is(j, |l| *l == Lex::After) && self.is_bare(j + 1, |l| *l == Lex::DayRel(1)) {
            return Some((2, j + 2));
        }
        let d = self.find(j, |l| match l {
            Lex::DayRel(d) => Some(i64::from(*d)),
            _ => None,
        })?;
        if d == -1 && self.t.word(j + 1) == "الاول" {
            return Some((-2, j + 2));
        }
        if d == 0 && !self.today_is_now(j, lead) {
            return None;
        }
        Some((d, j + 1))
    }

    /// Whether «اليوم» at `j` means today, not a day of the story or part of a name:
    /// «اليوم التالي», «اليوم الوطني», «ذلك اليوم», «“عين اليوم”» are not.
    fn today_is_now(&self, j: usize, lead: bool) -> bool {
        let prev = j.checked_sub(1);
        if !lead
            && prev.is_some_and(|p| {
                self.is(p, |l| {
                    matches!(l, Lex::ThatDay | Lex::Number(_) | Lex::Ordinal(_))
                })
            })
        {
            return false;
        }
        let next = self.t.word(j + 1);
        if next.starts_with("ال")
            && !self.is_bare(j + 1, |l| matches!(l, Lex::Weekday(_) | Lex::Clock))
            && self.t.toks.get(j + 1).is_some_and(|t| !t.gap || !t.newline)
        {
            return false;
        }
        // A short quoted title ending in «اليوم»: «“عين اليوم”», «"مصر اليوم"».
        let quote_after = matches!(self.punct(j + 1), Some('"' | '”' | '»' | '\'' | '’'));
        let quote_before = j >= 2
            && self.is_word(j - 1)
            && matches!(self.punct(j - 2), Some('"' | '“' | '«' | '\'' | '‘' | '”'));
        !(quote_after && quote_before)
    }

    /// A weekday at `j` on its own: the most recent one on or before the reference day,
    /// or with «الماضي» the last one before it, with «المقبل» the next one after it.
    fn weekday(&self, j: usize, lead: bool) -> Option<Found> {
        let h = self.hit(j)?;
        if h.clitic > 2 {
            return None;
        }
        let wd = h.find(|l| match l {
            Lex::Weekday(w) => Some(*w),
            _ => None,
        })?;
        if !lead
            && j > 0
            && self.is(j - 1, |l| {
                matches!(l, Lex::NotWeekday | Lex::Number(_) | Lex::Multiplier)
            })
        {
            return None;
        }
        // «الاثنين» is also «the two»: only a weekday when nothing says otherwise.
        if wd == chrono::Weekday::Mon
            && !lead
            && matches!(self.t.word(j + 1), "معا" | "الاخرين" | "كليهما")
        {
            return None;
        }
        let mut next = j + 1;
        let shift = match self.shift_at(next) {
            Some(s) => {
                next += 1;
                s
            }
            None => 0,
        };
        let date = weekday_date(self.reference.date(), wd, shift)?;
        let (value, next) = self.with_time(date, next);
        Some(Found {
            first: j,
            next,
            value,
            relative: true,
            calendar: Calendar::Gregorian,
        })
    }

    /// «منذ ساعتين», «قبل 3 أيام», «منذ نحو عشرة أعوام», «قبل يوم»: back from the reference.
    pub(super) fn ago(&self, i: usize) -> Option<Found> {
        if !self.is(i, |l| *l == Lex::Ago) {
            return None;
        }
        let mut j = i + 1;
        if self.is_bare(j, |l| *l == Lex::Approx) {
            j += 1;
        }
        if self.is(j, |l| *l == Lex::Bound) {
            return None;
        }
        let unit_at = |k: usize| {
            self.hit(k).filter(|h| h.clitic == 0).and_then(|h| {
                h.find(|l| match l {
                    Lex::Unit { unit, count } => Some((*unit, *count)),
                    _ => None,
                })
            })
        };
        let (n, unit, next) = if let Some((v, d)) = self.num(j) {
            let (unit, _) = unit_at(j + 1)?;
            if d > 5 {
                return None;
            }
            (v, unit, j + 2)
        } else if let Some((v, k)) = self.number_words(j) {
            let (unit, _) = unit_at(k)?;
            (v, unit, k + 1)
        } else {
            let (unit, count) = unit_at(j)?;
            if count == 0 {
                return None;
            }
            // «منذ عام 2014» is a year, not «a year ago».
            if self.num(j + 1).is_some() {
                return None;
            }
            (u32::from(count), unit, j + 1)
        };
        if n == 0 || n > 5000 {
            return None;
        }
        // «قبل يومين من الانتخابات» counts from an event, not from the time of writing.
        if self.is_bare(next, |l| *l == Lex::From) || self.t.word(next) == "علي" {
            return None;
        }
        let value = shift_by(self.reference, unit, i64::from(n))?;
        Some(Found {
            first: i,
            next,
            value,
            relative: true,
            calendar: Calendar::Gregorian,
        })
    }

    /// A number in words at `j`: «ثلاثة», «خمسة عشر», «واحد وعشرين».
    pub(super) fn number_words(&self, j: usize) -> Option<(u32, usize)> {
        let number = |k: usize, clitic: u8| {
            self.hit(k).filter(|h| h.clitic == clitic).and_then(|h| {
                h.find(|l| match l {
                    Lex::Number(n) => Some(*n),
                    _ => None,
                })
            })
        };
        let a = number(j, 0)?;
        if a < 10 {
            if number(j + 1, 0) == Some(10) {
                return Some((a + 10, j + 2));
            }
            if let Some(t) = number(j + 1, 1).filter(|t| (20..=90).contains(t) && t % 10 == 0) {
                return Some((a + t, j + 2));
            }
        }
        Some((a, j + 1))
    }

    /// «الأسبوع الماضي», «الشهر المقبل», «العام الجاري», «هذا العام», «السنة الماضية».
    pub(super) fn period(&self, i: usize) -> Option<Found> {
        let period_at = |k: usize| {
            self.find(k, |l| match l {
                Lex::Period(u) => Some(*u),
                _ => None,
            })
        };
        let (unit, shift, next) = if let Some(u) = period_at(i)
            && let Some(s) = self.shift_at(i + 1)
        {
            (u, s, i + 2)
        } else if self.is(i, |l| *l == Lex::This)
            && let Some(u) = period_at(i + 1)
        {
            (u, 0, i + 2)
        } else {
            return None;
        };
        let value = match unit {
            Unit::Week => {
                let date = self
                    .reference
                    .date()
                    .checked_add_signed(Duration::weeks(i64::from(shift)))?;
                at_midnight(date, Precision::Day)
            }
            _ => shift_by(self.reference, unit, -i64::from(shift))?,
        };
        Some(Found {
            first: i,
            next,
            value,
            relative: true,
            calendar: Calendar::Gregorian,
        })
    }
}
