//! The scanner: walks the tokens left to right and, at each one, tries the date patterns in
//! order (weekday + date, day + month [+ year] [+ time], numeric, month + year, relative,
//! year), taking the first that matches and jumping past it.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use super::fold::{Kind, Tokens};
use super::hijri::hijri_to_gregorian_lenient;
use super::lexicon::{Head, Hit, Lex, Meridiem};
use super::resolve::{
    at_midnight, infer_gregorian_year, infer_hijri_year, shifted_day, shifted_hijri_month_year,
    shifted_month_year,
};
use super::{Calendar, DateMention, DateValue, Precision};

/// A match: tokens `first..next` and what they mean.
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub first: usize,
    pub next: usize,
    pub value: DateValue,
    pub relative: bool,
    pub calendar: Calendar,
}

/// A clock time: hour, minute, optional second.
#[derive(Debug, Clone, Copy)]
pub(super) struct Clock {
    pub hour: u32,
    pub minute: u32,
    pub second: Option<u32>,
}

/// The scanner over one text's tokens.
pub(super) struct Scanner<'t> {
    pub t: &'t Tokens,
    pub text: &'t str,
    pub reference: NaiveDateTime,
}

/// A month expression: its calendar, number and whether the name is also a common word.
#[derive(Debug, Clone, Copy)]
struct MonthRef {
    calendar: Calendar,
    month: u32,
    ambiguous: bool,
    next: usize,
}

/// Every date in `text`.
pub(super) fn scan(text: &str, reference: NaiveDateTime) -> Vec<DateMention> {
    let t = Tokens::new(text);
    let s = Scanner {
        t: &t,
        text,
        reference,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.toks.len() {
        match s.at(i) {
            Some(f) => {
                out.push(s.mention(&f));
                let mut next = f.next.max(i + 1);
                if f.value.precision == Precision::Year {
                    while let Some(more) = s.year_list(next, f.calendar) {
                        out.push(s.mention(&more));
                        next = more.next.max(next + 1);
                    }
                }
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<Found> {
        let tok = self.t.toks.get(i)?;
        match tok.kind {
            Kind::Punct(_) => None,
            Kind::Num { .. } => self
                .explicit(i)
                .or_else(|| self.numeric(i))
                .or_else(|| self.year(i)),
            Kind::Word => {
                tok.hit?;
                self.with_weekday(i)
                    .or_else(|| self.explicit(i))
                    .or_else(|| self.month_first(i))
                    .or_else(|| self.month_named(i))
                    .or_else(|| self.ago(i))
                    .or_else(|| self.period(i))
                    .or_else(|| self.relative_day(i))
                    .or_else(|| self.year(i))
            }
        }
    }

    /// The mention for a match, with byte offsets (a leading proclitic left out).
    fn mention(&self, f: &Found) -> DateMention {
        let first = &self.t.toks[f.first];
        let last = &self.t.toks[f.next.saturating_sub(1).max(f.first)];
        let clitic = first.hit.map_or(0, |h| h.clitic);
        let start = skip_letters(self.text, first.start, first.end, clitic);
        DateMention {
            start,
            end: last.end.max(start),
            value: f.value,
            relative: f.relative,
            calendar: f.calendar,
        }
    }

    // ----- token helpers -----

    pub(super) fn hit(&self, i: usize) -> Option<Hit> {
        self.t.toks.get(i).and_then(|t| t.hit)
    }

    /// Whether token `i` is a word with a meaning matching `pred`.
    pub(super) fn is(&self, i: usize, pred: impl Fn(&Lex) -> bool) -> bool {
        self.hit(i).is_some_and(|h| h.has(pred))
    }

    /// Like [`Self::is`] but only for the word without proclitics.
    pub(super) fn is_bare(&self, i: usize, pred: impl Fn(&Lex) -> bool) -> bool {
        self.hit(i).is_some_and(|h| h.clitic == 0 && h.has(pred))
    }

    pub(super) fn find<T>(&self, i: usize, f: impl Fn(&Lex) -> Option<T>) -> Option<T> {
        self.hit(i).and_then(|h| h.find(f))
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, u8)> {
        match self.t.toks.get(i)?.kind {
            Kind::Num { value, digits } => Some((value, digits)),
            _ => None,
        }
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.t.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    pub(super) fn gap(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.gap)
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        self.t.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    /// Skip one list comma (, ، -) at `i`.
    fn skip_comma(&self, i: usize) -> usize {
        match self.punct(i) {
            Some(',' | '،' | '-' | '–' | '—' | '|') => i + 1,
            _ => i,
        }
    }

    // ----- patterns -----

    /// A weekday (after an optional «يوم») followed by a date: one mention over both.
    fn with_weekday(&self, i: usize) -> Option<Found> {
        let mut j = i;
        if self.is(j, |l| matches!(l, Lex::DayNoun | Lex::PartOfDay)) {
            j += 1;
        }
        if !self.is(j, |l| matches!(l, Lex::Weekday(_) | Lex::LatinWeekday(_))) {
            return None;
        }
        let mut k = j + 1;
        // «Tue., 21 April», «Di., 21. April»
        if self.punct(k) == Some('.') && !self.gap(k) {
            k += 1;
        }
        k = self.skip_comma(k);
        if self.is_bare(k, |l| matches!(l, Lex::DayNoun | Lex::Equals)) {
            k += 1;
        }
        if self.punct(k) == Some('(') {
            k += 1;
        }
        let f = self
            .explicit(k)
            .or_else(|| self.numeric(k))
            .or_else(|| self.month_first(k))?;
        Some(Found { first: i, ..f })
    }

    /// A day of the month at `i`: a number 1–31 or an ordinal phrase; true when ordinal.
    fn day_at(&self, i: usize) -> Option<(u32, bool, usize)> {
        if let Some((v, d)) = self.num(i) {
            let prev_joined =
                i > 0 && !self.gap(i) && matches!(self.punct(i - 1), Some(':' | '.' | '/' | '-'));
            return (d <= 2 && (1..=31).contains(&v) && !prev_joined).then_some((v, false, i + 1));
        }
        let h = self.hit(i)?;
        if h.clitic > 1 {
            return None;
        }
        let n = h.find(|l| match l {
            Lex::Ordinal(n) => Some(*n),
            _ => None,
        })?;
        if n == 20 || n == 30 {
            return Some((n, true, i + 1));
        }
        // الحادي عشر … التاسع عشر
        if self.is_bare(i + 1, |l| *l == Lex::Number(10)) {
            return Some((n + 10, true, i + 2));
        }
        // الحادي والعشرين … التاسع والعشرين, الحادي والثلاثين
        if let Some(tens) = self.hit(i + 1).filter(|h| h.clitic == 1).and_then(|h| {
            h.find(|l| match l {
                Lex::Ordinal(t @ (20 | 30)) => Some(*t),
                _ => None,
            })
        }) {
            return Some((n + tens, true, i + 2));
        }
        (n <= 10).then_some((n, true, i + 1))
    }

    /// A month name at `i` (one or two words, with an optional second form «شباط/فبراير»).
    fn month_at(&self, i: usize) -> Option<MonthRef> {
        let m = self.month_word(i)?;
        // Double forms: شباط/فبراير, فبراير (شباط), تشرين الأول/أكتوبر.
        let open = self.punct(m.next);
        if matches!(open, Some('/' | '(' | '-' | '،' | ','))
            && let Some(alt) = self.month_word(m.next + 1)
            && alt.calendar == m.calendar
            && alt.month == m.month
        {
            let mut next = alt.next;
            if open == Some('(') && self.punct(next) == Some(')') {
                next += 1;
            }
            return Some(MonthRef {
                ambiguous: false,
                next,
                ..m
            });
        }
        Some(m)
    }

    fn month_word(&self, i: usize) -> Option<MonthRef> {
        let h = self.hit(i)?;
        if h.clitic > 2 {
            return None;
        }
        let which = |j: usize| {
            self.find(j, |l| match l {
                Lex::Which(w) => Some(u32::from(*w)),
                _ => None,
            })
            .filter(|_| self.hit(j).is_some_and(|h| h.clitic == 0))
            .map(|w| (w, j + 1))
            .or_else(|| match self.num(j) {
                Some((w @ (1 | 2), 1)) => Some((w, j + 1)),
                _ => None,
            })
        };
        h.find(|l| match *l {
            Lex::Month { month, ambiguous } => Some(MonthRef {
                calendar: Calendar::Gregorian,
                month: u32::from(month),
                ambiguous,
                next: i + 1,
            }),
            Lex::Hijri { month, ambiguous } => Some(MonthRef {
                calendar: Calendar::Hijri,
                month: u32::from(month),
                ambiguous,
                next: i + 1,
            }),
            Lex::Head(head) => {
                let (calendar, month, next) = match head {
                    Head::Kanun => {
                        let (w, n) = which(i + 1)?;
                        (Calendar::Gregorian, if w == 1 { 12 } else { 1 }, n)
                    }
                    Head::Tishrin => {
                        let (w, n) = which(i + 1)?;
                        (Calendar::Gregorian, if w == 1 { 10 } else { 11 }, n)
                    }
                    Head::Rabi => {
                        let (w, n) = which(i + 1)?;
                        (Calendar::Hijri, 2 + w, n)
                    }
                    Head::Jumada => {
                        let (w, n) = which(i + 1)?;
                        (Calendar::Hijri, 4 + w, n)
                    }
                    Head::Dhu => {
                        let m = self.find(i + 1, |l| match l {
                            Lex::DhuTail(m) => Some(u32::from(*m)),
                            _ => None,
                        })?;
                        (Calendar::Hijri, m, i + 2)
                    }
                };
                Some(MonthRef {
                    calendar,
                    month,
                    ambiguous: false,
                    next,
                })
            }
            _ => None,
        })
    }

    /// A year after a month at `i`: «2023», «، 2023», «عام 2023», «من عام 2023», with an era
    /// marker (هـ / م) absorbed. Returns the year and the next token.
    fn year_after(&self, i: usize, calendar: Calendar) -> Option<(i32, usize)> {
        let mut j = self.skip_comma(i);
        if self.is_bare(j, |l| *l == Lex::From) && self.is(j + 1, |l| *l == Lex::YearNoun) {
            j += 2;
        } else if self.is(j, |l| *l == Lex::YearNoun) || self.is_bare(j, |l| *l == Lex::Of) {
            j += 1;
        }
        let (y, d) = self.num(j)?;
        let ok = match calendar {
            Calendar::Gregorian => d == 4 && (1000..=2199).contains(&y),
            Calendar::Hijri => (3..=4).contains(&d) && (1..=1600).contains(&y),
        };
        if !ok || self.joined_number(j + 1) {
            return None;
        }
        let mut next = j + 1;
        if self.is_bare(next, |l| matches!(l, Lex::Ah | Lex::Ad)) && !self.is_time_at(next + 1) {
            next += 1;
        }
        Some((i32::try_from(y).ok()?, next))
    }

    /// Whether token `i` continues the number before it (a separator glued to another number).
    fn joined_number(&self, i: usize) -> bool {
        matches!(
            self.punct(i),
            Some('-' | '/' | '.' | ':' | ',' | '٫' | '%' | '٪')
        ) && !self.gap(i)
            && (self.num(i + 1).is_some_and(|_| !self.gap(i + 1))
                || matches!(self.punct(i), Some('%' | '٪')))
    }

    fn is_time_at(&self, i: usize) -> bool {
        self.num(i).is_some()
            && self.punct(i + 1) == Some(':')
            && !self.gap(i + 1)
            && self.num(i + 2).is_some()
            && !self.gap(i + 2)
    }

    /// An explicit date at `i`: day + month [+ year] [+ time].
    fn explicit(&self, i: usize) -> Option<Found> {
        let (day, ordinal, mut j) = self.day_at(i)?;
        let mut slash = false;
        if !ordinal {
            j = self.after_day_number(j);
        }
        if self.is_bare(j, |l| *l == Lex::From) {
            j += 1;
        } else if ordinal {
            return None;
        } else if matches!(self.punct(j), Some('/' | '-')) && self.month_word(j + 1).is_some() {
            // «10/شوال/1436»
            slash = true;
            j += 1;
        }
        if self.is_bare(j, |l| *l == Lex::MonthNoun) && self.month_word(j + 1).is_some() {
            j += 1;
        }
        let Some(mut m) = self.month_at(j) else {
            return self.shared_month(i, day, ordinal, j);
        };
        if slash && matches!(self.punct(m.next), Some('/' | '-')) {
            m.next += 1;
        }
        // An abbreviated month's period before the year: «5 Nov. 2020».
        if self.punct(m.next) == Some('.')
            && !self.gap(m.next)
            && self.year_after(m.next + 1, m.calendar).is_some()
        {
            m.next += 1;
        }
        let r = self.reference.date();
        if let Some((year, k)) = self.year_after(m.next, m.calendar) {
            let date = self.to_date(m.calendar, year, m.month, day)?;
            let (value, next) = self.with_time(date, k);
            return Some(Found {
                first: i,
                next,
                value,
                relative: false,
                calendar: m.calendar,
            });
        }
        // No year: a relative year phrase, a shift word, or the nearest such day.
        let (date, next) = if let Some((year, k)) = self.relative_year_after(m.next) {
            (self.to_date(m.calendar, year, m.month, day)?, k)
        } else if let Some(shift) = self.shift_at(m.next) {
            let date = match m.calendar {
                Calendar::Gregorian => shifted_day(r, m.month, day, shift)?,
                Calendar::Hijri => {
                    let hy = shifted_hijri_month_year(r, m.month, shift)?;
                    hijri_to_gregorian_lenient(hy, m.month, day)?
                }
            };
            (date, m.next + 1)
        } else {
            if m.calendar == Calendar::Hijri && m.ambiguous {
                return None;
            }
            let date = match m.calendar {
                Calendar::Gregorian => infer_gregorian_year(r, m.month, day)?,
                Calendar::Hijri => infer_hijri_year(r, m.month, day)?,
            };
            (date, m.next)
        };
        let (value, next) = self.with_time(date, next);
        Some(Found {
            first: i,
            next,
            value,
            relative: true,
            calendar: m.calendar,
        })
    }

    /// The first day of «20 و30 يونيو» / «20 - 30 يونيو»: the month and year of the date
    /// after the joiner at `j`.
    fn shared_month(&self, i: usize, day: u32, ordinal: bool, j: usize) -> Option<Found> {
        if ordinal
            || !(self.is_bare(j, |l| *l == Lex::Joiner)
                || matches!(self.punct(j), Some('-' | '–' | '،' | ',')))
        {
            return None;
        }
        let second = self
            .explicit(j + 1)
            .filter(|f| f.calendar == Calendar::Gregorian)?;
        let (s, _, _) = self.day_at(j + 1)?;
        if s <= day {
            return None;
        }
        let date = second.value.datetime.date().with_day(day)?;
        Some(Found {
            first: i,
            next: i + 1,
            value: at_midnight(date, Precision::Day),
            relative: second.relative,
            calendar: second.calendar,
        })
    }

    /// What may follow a day number before its month: a glued ordinal suffix («19th»,
    /// «1er»), a glued period («5. November», German), «de» («7 de mayo»). Returns the
    /// token after them, or `j` when there is none.
    fn after_day_number(&self, mut j: usize) -> usize {
        if !self.gap(j) && self.is_bare(j, |l| *l == Lex::DaySuffix) {
            j += 1;
        }
        if self.punct(j) == Some('.') && !self.gap(j) && self.month_word(j + 1).is_some() {
            j += 1;
        }
        if self.is_bare(j, |l| *l == Lex::Of) && self.month_word(j + 1).is_some() {
            j += 1;
        }
        j
    }

    /// Month first, then day and year, as English writes them: «April 19, 2019»,
    /// «Nov. 5th, 2020 10:30 pm». A year is required: «May 5» alone is too often not a date.
    fn month_first(&self, i: usize) -> Option<Found> {
        let m = self.month_at(i)?;
        let mut j = m.next;
        if self.punct(j) == Some('.') && !self.gap(j) {
            j += 1;
        }
        let (day, digits) = self.num(j)?;
        if digits > 2 || !(1..=31).contains(&day) {
            return None;
        }
        let mut k = j + 1;
        if !self.gap(k) && self.is_bare(k, |l| *l == Lex::DaySuffix) {
            k += 1;
        }
        let (year, k) = self.year_after(k, m.calendar)?;
        let date = self.to_date(m.calendar, year, m.month, day)?;
        let (value, next) = self.with_time(date, k);
        Some(Found {
            first: i,
            next,
            value,
            relative: false,
            calendar: m.calendar,
        })
    }

    /// A month name with a year («نوفمبر 2021») or a shift («يوليو الماضي»): month precision.
    fn month_named(&self, i: usize) -> Option<Found> {
        let m = self.month_at(i)?;
        let r = self.reference.date();
        let (year, next, relative) = if let Some((y, k)) = self.year_after(m.next, m.calendar) {
            (y, k, false)
        } else if let Some((y, k)) = self.relative_year_after(m.next) {
            if m.calendar == Calendar::Hijri {
                return None;
            }
            (y, k, true)
        } else if let Some(shift) = self.shift_at(m.next) {
            if m.ambiguous {
                return None;
            }
            let y = match m.calendar {
                Calendar::Gregorian => shifted_month_year(r, m.month, shift),
                Calendar::Hijri => shifted_hijri_month_year(r, m.month, shift)?,
            };
            (y, m.next + 1, true)
        } else {
            return None;
        };
        let date = self.to_date(m.calendar, year, m.month, 1)?;
        Some(Found {
            first: i,
            next,
            value: at_midnight(date, Precision::Month),
            relative,
            calendar: m.calendar,
        })
    }

    /// «من العام الماضي» / «من هذا العام» / «من العام الجاري» after a month: that year.
    fn relative_year_after(&self, i: usize) -> Option<(i32, usize)> {
        if !self.is_bare(i, |l| *l == Lex::From) {
            return None;
        }
        let y = self.reference.year();
        if self.is(i + 1, |l| *l == Lex::Period(super::lexicon::Unit::Year))
            && let Some(s) = self.shift_at(i + 2)
        {
            return Some((y + i32::from(s), i + 3));
        }
        if self.is(i + 1, |l| *l == Lex::This)
            && self.is(i + 2, |l| *l == Lex::Period(super::lexicon::Unit::Year))
        {
            return Some((y, i + 3));
        }
        None
    }

    pub(super) fn shift_at(&self, i: usize) -> Option<i8> {
        self.hit(i).filter(|h| h.clitic == 0).and_then(|h| {
            h.find(|l| match l {
                Lex::Shift(s) => Some(*s),
                _ => None,
            })
        })
    }

    fn to_date(&self, calendar: Calendar, year: i32, month: u32, day: u32) -> Option<NaiveDate> {
        match calendar {
            Calendar::Gregorian => NaiveDate::from_ymd_opt(year, month, day),
            Calendar::Hijri => hijri_to_gregorian_lenient(year, month, day),
        }
    }

    /// `date` with the clock time at `i` if there is one.
    pub(super) fn with_time(&self, date: NaiveDate, i: usize) -> (DateValue, usize) {
        match self.time_at(i) {
            Some((c, next)) => {
                let time = NaiveTime::from_hms_opt(c.hour, c.minute, c.second.unwrap_or(0));
                match time {
                    Some(time) => (
                        DateValue {
                            datetime: date.and_time(time),
                            precision: if c.second.is_some() {
                                Precision::Second
                            } else {
                                Precision::Minute
                            },
                        },
                        next,
                    ),
                    None => (at_midnight(date, Precision::Day), i),
                }
            }
            None => (at_midnight(date, Precision::Day), i),
        }
    }

    /// A clock time at `i`: [،] [الساعة] H:MM[:SS] [ص/م/صباحا/مساء …], or «الساعة H مساء».
    pub(super) fn time_at(&self, i: usize) -> Option<(Clock, usize)> {
        let mut j = self.skip_comma(i);
        // «في تمام الساعة», «على الساعة», «عند الساعة»
        if self.is_word(j)
            && !self.is(j, |l| *l == Lex::Clock)
            && self.is(j + 1, |l| *l == Lex::Clock)
            && matches!(
                self.t.word(j),
                "في" | "على" | "عند" | "تمام" | "حوالي" | "نحو"
            )
        {
            j += 1;
        }
        if self.t.word(j) == "تمام" {
            j += 1;
        }
        let clock = self.is(j, |l| *l == Lex::Clock) && self.hit(j).is_some_and(|h| h.clitic <= 1);
        if clock || (self.t.word(j) == "t" && !self.gap(j)) {
            j += 1;
        }
        let (h, hd) = self.num(j)?;
        if hd > 2 || h > 24 {
            return None;
        }
        let mut minute = 0;
        let mut second = None;
        let mut next = j + 1;
        if self.punct(next) == Some(':') && !self.gap(next) {
            let (m, md) = self.num(next + 1).filter(|_| !self.gap(next + 1))?;
            if md != 2 || m > 59 {
                return None;
            }
            minute = m;
            next += 2;
            if self.punct(next) == Some(':')
                && !self.gap(next)
                && let Some((s, 2)) = self.num(next + 1)
                && s <= 59
            {
                second = Some(s);
                next += 2;
            }
        } else if !clock {
            return None;
        }
        let mut hour = h;
        if let Some(mer) = self.find(next, |l| match l {
            Lex::Meridiem(m) => Some(*m),
            _ => None,
        }) {
            next += 1;
            hour = match mer {
                Meridiem::Am if h == 12 => 0,
                Meridiem::Pm if h < 12 => h + 12,
                Meridiem::Noon if (1..=6).contains(&h) => h + 12,
                Meridiem::Night if (6..12).contains(&h) => h + 12,
                _ => h,
            };
        } else if clock
            && self.punct(j + 1) != Some(':')
            && !self.is(next, |l| matches!(l, Lex::PartOfDay))
        {
            // «الساعة 5» alone is too vague to be a clock time of the date.
            if !matches!(self.t.word(next), "بتوقيت" | "صباح" | "مساء") {
                return None;
            }
        }
        if hour == 24 {
            hour = 0;
        }
        Some((
            Clock {
                hour,
                minute,
                second,
            },
            next,
        ))
    }

    /// A numeric date at `i`: D-M-Y or Y-M-D with - / . separators, Eastern or Western digits.
    fn numeric(&self, i: usize) -> Option<Found> {
        let (a, ad) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '-' | '/' | '.') {
            return None;
        }
        let (b, bd) = self.num(i + 2)?;
        if self.punct(i + 3) != Some(sep) {
            return None;
        }
        let (c, cd) = self.num(i + 4)?;
        if sep == '.' && (self.gap(i + 1) || self.gap(i + 2) || self.gap(i + 3) || self.gap(i + 4))
        {
            return None;
        }
        if i > 0 && !self.gap(i) && matches!(self.punct(i - 1), Some('-' | '/' | '.' | ':' | '+')) {
            return None;
        }
        if self.joined_number(i + 5) {
            return None;
        }
        let (y, m, d) = if ad == 4 && bd <= 2 && cd <= 2 {
            (a, b, c)
        } else if ad <= 2 && bd <= 2 && cd == 4 {
            if b <= 12 {
                (c, b, a)
            } else if a <= 12 {
                (c, a, b)
            } else {
                return None;
            }
        } else if sep == '.' && ad <= 2 && bd == 2 && cd == 2 && b <= 12 {
            // «28.01.22»: the German-style short year, day first, two-digit month and year
            // (1950–2049).
            (if c < 50 { 2000 + c } else { 1900 + c }, b, a)
        } else {
            return None;
        };
        let mut next = i + 5;
        let hijri_marker = self.is_bare(next, |l| *l == Lex::Ah);
        let calendar = if (1300..=1600).contains(&y) || (hijri_marker && y <= 1600) {
            Calendar::Hijri
        } else if (1900..=2100).contains(&y) {
            Calendar::Gregorian
        } else {
            return None;
        };
        if self.is_bare(next, |l| matches!(l, Lex::Ah | Lex::Ad)) {
            next += 1;
        }
        let date = match calendar {
            Calendar::Gregorian => NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?,
            Calendar::Hijri => hijri_to_gregorian_lenient(i32::try_from(y).ok()?, m, d)?,
        };
        let (value, next) = self.with_time(date, next);
        Some(Found {
            first: i,
            next,
            value,
            relative: false,
            calendar,
        })
    }

    /// A year: «عام 2000», «سنة 2014», «في 2014», «1436 هـ», or a bare year (see the module doc
    /// of `dates`).
    fn year(&self, i: usize) -> Option<Found> {
        if let Some((y, d)) = self.num(i) {
            // «1436 هـ»: a Hijri year.
            if (3..=4).contains(&d)
                && (1..=1600).contains(&y)
                && self.is_bare(i + 1, |l| *l == Lex::Ah)
            {
                return self.year_found(i, i, y, Calendar::Hijri, i + 2);
            }
            if self.bare_year(i) {
                return self.year_found(i, i, y, Calendar::Gregorian, i + 1);
            }
            return None;
        }
        let noun = self.is(i, |l| *l == Lex::YearNoun);
        let cue = noun || self.is(i, |l| *l == Lex::YearCue);
        if !cue {
            return None;
        }
        let (y, d) = self.num(i + 1)?;
        if self.joined_number(i + 2) || self.is_time_at(i + 1) {
            return None;
        }
        if (3..=4).contains(&d) && (1..=1600).contains(&y) && self.is_bare(i + 2, |l| *l == Lex::Ah)
        {
            let first = if noun { i } else { i + 1 };
            return self.year_found(first, i + 1, y, Calendar::Hijri, i + 3);
        }
        let in_range = if noun {
            d == 4 && (1000..=2199).contains(&y)
        } else {
            d == 4 && (1900..=2100).contains(&y)
        };
        if !in_range {
            return None;
        }
        if self.is_bare(i + 2, |l| matches!(l, Lex::Unit { .. } | Lex::Multiplier))
            && !self.is_bare(i + 2, |l| *l == Lex::Ad)
        {
            return None;
        }
        let mut next = i + 2;
        if self.is_bare(next, |l| *l == Lex::Ad) && !self.is_time_at(next + 1) {
            next += 1;
        }
        let first = if noun { i } else { i + 1 };
        self.year_found(first, i + 1, y, Calendar::Gregorian, next)
    }

    fn year_found(
        &self,
        first: usize,
        _num: usize,
        y: u32,
        calendar: Calendar,
        next: usize,
    ) -> Option<Found> {
        let y = i32::try_from(y).ok()?;
        let date = self.to_date(calendar, y, 1, 1)?;
        Some(Found {
            first,
            next,
            value: at_midnight(date, Precision::Year),
            relative: false,
            calendar,
        })
    }

    /// Whether the four-digit number at `i` stands alone as a year: it follows a word that is
    /// not a count cue, and it ends the phrase (punctuation, line end, era marker, or a
    /// definite word, which a counted noun never is).
    fn bare_year(&self, i: usize) -> bool {
        let Some((y, 4)) = self.num(i) else {
            return false;
        };
        if !(1950..=2050).contains(&y) || i == 0 || !self.is_word(i - 1) {
            return false;
        }
        if self.t.toks[i].newline {
            return false;
        }
        if self.is(i - 1, |l| {
            matches!(
                l,
                Lex::Quantity
                    | Lex::Number(_)
                    | Lex::Multiplier
                    | Lex::Unit { .. }
                    | Lex::Bound
                    | Lex::Approx
                    | Lex::From
            )
        }) {
            return false;
        }
        if self.joined_number(i + 1) {
            return false;
        }
        let Some(next) = self.t.toks.get(i + 1) else {
            return true;
        };
        if next.newline {
            return true;
        }
        match next.kind {
            Kind::Punct(c) => !matches!(c, '%' | '٪' | '$' | '€' | '+' | '×' | 'x'),
            Kind::Num { .. } => false,
            Kind::Word => {
                if self.is_bare(i + 1, |l| *l == Lex::Ad) {
                    return true;
                }
                let w = self.t.word(i + 1);
                w.starts_with("ال")
                    && !self.is(i + 1, |l| matches!(l, Lex::Multiplier | Lex::Unit { .. }))
            }
        }
    }

    /// After a year mention ending at `i`: «و2015», «- 2015», «/2015», «إلى 2015» → another year.
    fn year_list(&self, i: usize, calendar: Calendar) -> Option<Found> {
        if calendar != Calendar::Gregorian {
            return None;
        }
        let j = if matches!(self.punct(i), Some('-' | '/' | '–'))
            || self.is_bare(i, |l| *l == Lex::Joiner)
        {
            i + 1
        } else {
            return None;
        };
        let (y, d) = self.num(j)?;
        if d != 4 || !(1000..=2199).contains(&y) || self.joined_number(j + 1) {
            return None;
        }
        if self.is_bare(j + 1, |l| matches!(l, Lex::Unit { .. } | Lex::Multiplier)) {
            return None;
        }
        let next = if self.is_bare(j + 1, |l| *l == Lex::Ad) {
            j + 2
        } else {
            j + 1
        };
        self.year_found(j, j, y, calendar, next)
    }
}

/// The byte offset `n` letters after `start` in `text` (skipping marks), within `start..end`.
fn skip_letters(text: &str, start: usize, end: usize, n: u8) -> usize {
    if n == 0 {
        return start;
    }
    let Some(slice) = text.get(start..end) else {
        return start;
    };
    let mut left = n;
    for (b, c) in slice.char_indices() {
        if super::fold::fold_letter(c).is_some() {
            if left == 0 {
                return start + b;
            }
            left -= 1;
        }
    }
    start
}
