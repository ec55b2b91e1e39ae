//! Properties of `parse_dates`: it never panics, spans are in bounds on character
//! boundaries, Eastern and Western digits read alike, and Hijri month starts agree with the
//! Umm al-Qura table when `/work/shared/data` is present.

use chrono::NaiveDateTime;
use marsad_text::{hijri_to_gregorian, parse_dates};
use proptest::prelude::*;

fn reference() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2018-03-15T12:30:00", "%Y-%m-%dT%H:%M:%S").expect("valid")
}

const WORDS: &[&str] = &[
    "في",
    "يوم",
    "الاثنين",
    "اليوم",
    "أمس",
    "منذ",
    "قبل",
    "ساعتين",
    "عام",
    "سنة",
    "يناير",
    "شتنبر",
    "جانفي",
    "كانون",
    "الثاني",
    "تشرين",
    "الأول",
    "رمضان",
    "ربيع",
    "ذو",
    "الحجة",
    "هـ",
    "م",
    "مساءً",
    "الساعة",
    ":",
    "-",
    "/",
    "،",
    "(",
    ")",
    "الماضي",
    "المقبل",
    "من",
    "و",
];

fn to_eastern(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(text in "\\PC{0,80}") {
        for m in parse_dates(&text, reference()) {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn date_like_token_soup_is_sound(parts in proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(WORDS).prop_map(str::to_owned),
            (0u32..3000).prop_map(|n| n.to_string()),
        ], 0..14)) {
        let text = parts.join(" ");
        let western = parse_dates(&text, reference());
        for m in &western {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        let eastern = parse_dates(&to_eastern(&text), reference());
        let a: Vec<_> = western.iter().map(|m| m.value).collect();
        let b: Vec<_> = eastern.iter().map(|m| m.value).collect();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn eastern_and_western_digits_agree(d in 1u32..=28, m in 1u32..=12, y in 1950u32..=2050, h in 0u32..=23, min in 0u32..=59) {
        let text = format!("{d}/{m}/{y} {h:02}:{min:02} و {y}-{m:02}-{d:02} وعام {y}");
        let a: Vec<_> = parse_dates(&text, reference()).iter().map(|x| x.value).collect();
        let b: Vec<_> = parse_dates(&to_eastern(&text), reference()).iter().map(|x| x.value).collect();
        prop_assert_eq!(a.len(), 3);
        prop_assert_eq!(a, b);
    }
}

/// Every month start 1343–1500 AH in the Umm al-Qura table (skipped when absent).
#[test]
fn hijri_month_starts_match_umm_al_qura_table() {
    let path = "/work/shared/data/arabic-dates/ummalqura-month-starts-1343-1500AH.csv";
    let Ok(csv) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} not found");
        return;
    };
    let (mut total, mut agree) = (0, 0);
    let mut misses = Vec::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (Some(y), Some(m), Some(g)) = (f.first(), f.get(1), f.get(3)) else {
            continue;
        };
        let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) else {
            continue;
        };
        total += 1;
        let got = hijri_to_gregorian(y, m, 1).map(|d| d.format("%Y-%m-%d").to_string());
        if got.as_deref() == Some(*g) {
            agree += 1;
        } else {
            misses.push(format!("{y}-{m}: {got:?} vs {g}"));
        }
    }
    eprintln!("umm al-qura month starts: {agree}/{total} agree");
    assert!(total > 1800, "table too short: {total}");
    assert_eq!(agree, total, "disagreements: {misses:?}");
}

/// Relative expressions against a reference at either end of chrono's calendar resolve to
/// nothing rather than overflow (a page may carry an absurd date that becomes the reference).
#[test]
fn relative_dates_at_the_ends_of_the_calendar_do_not_panic() {
    let texts = [
        "أمس الأحد",
        "غدا الاثنين",
        "يوم الخميس المقبل",
        "الأربعاء الماضي",
        "الأسبوع المقبل",
        "الأسبوع الماضي",
        "منذ ثلاثة أيام",
        "بعد ساعتين",
        "العام المقبل",
        "اليوم",
    ];
    for reference in [NaiveDateTime::MAX, NaiveDateTime::MIN] {
        for text in texts {
            for m in parse_dates(text, reference) {
                assert!(m.start < m.end && m.end <= text.len(), "{text}");
            }
        }
    }
}
