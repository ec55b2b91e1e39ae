//! Data-driven tests of `parse_dates`: each case is a text, a reference and the
//! (value, precision) pairs it must yield, in order.

use chrono::NaiveDateTime;
use marsad_text::{Calendar, parse_dates};

/// Friday 2021-11-26 09:00.
const REF: &str = "2021-11-26T09:00:00";

fn reference(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").expect("test reference is valid")
}

#[track_caller]
fn check(text: &str, reference_time: &str, expected: &[(&str, &str)]) {
    let found = parse_dates(text, reference(reference_time));
    let got: Vec<(String, String)> = found
        .iter()
        .map(|m| {
            let p = serde_json::to_value(m.value.precision).expect("precision serialises");
            (m.value.to_iso(), p.as_str().unwrap_or_default().to_owned())
        })
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(v, p)| ((*v).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(got, want, "text: {text}");
    for m in &found {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end);
    }
}

#[test]
fn egypt_gulf_month_names() {
    check(
        "25 نوفمبر 2021 ، 5:42 مساءً",
        REF,
        &[("2021-11-25T17:42", "minute")],
    );
    check("الجمعه 5 يونيه 2020", REF, &[("2020-06-05", "day")]);
    check("6 يونية 2020", REF, &[("2020-06-06", "day")]);
    check("8 يولية 2020", REF, &[("2020-07-08", "day")]);
    check("في 29 يوليو 1938 غزت القوات", REF, &[("1938-07-29", "day")]);
    check("22 فبراير، 2023", REF, &[("2023-02-22", "day")]);
    check(
        "بتاريخ 3 أغسطس 2015 و4 اغسطس 2015",
        REF,
        &[("2015-08-03", "day"), ("2015-08-04", "day")],
    );
    check(
        "08 أكتوبر 2020 08:15 م",
        REF,
        &[("2020-10-08T20:15", "minute")],
    );
    check(
        "7 يناير، 2015، الساعة 11:00 صباحاً",
        REF,
        &[("2015-01-07T11:00", "minute")],
    );
    check(
        "5 يونيو 2020 الساعة 5:00 مساءً",
        REF,
        &[("2020-06-05T17:00", "minute")],
    );
    check("۳ یولیو ۲۰۱۴", REF, &[("2014-07-03", "day")]);
    check("صدر القرار قبل 5 يونيو 2020", REF, &[("2020-06-05", "day")]);
}

#[test]
fn maghreb_and_algeria_tunisia_month_names() {
    check("في 12 شتنبر 2022", REF, &[("2022-09-12", "day")]);
    check(
        "يوم 3 يوليوز 2019 و20 غشت 2019",
        REF,
        &[("2019-07-03", "day"), ("2019-08-20", "day")],
    );
    check(
        "2 نونبر 2020 و 31 دجنبر 2020 و 1 ماي 2021",
        REF,
        &[
            ("2020-11-02", "day"),
            ("2020-12-31", "day"),
            ("2021-05-01", "day"),
        ],
    );
    check("الأربعاء 18 جانفي 2017", REF, &[("2017-01-18", "day")]);
    check(
        "14 فيفري 2016 و9 أفريل 2015 و1 جوان 2017",
        REF,
        &[
            ("2016-02-14", "day"),
            ("2015-04-09", "day"),
            ("2017-06-01", "day"),
        ],
    );
    check(
        "25 جويلية 2017 و13 أوت 2016",
        REF,
        &[("2017-07-25", "day"), ("2016-08-13", "day")],
    );
}

#[test]
fn levant_iraq_month_names_and_double_forms() {
    check("15 كانون الثاني 2020", REF, &[("2020-01-15", "day")]);
    check("15 كانون 2 2023", REF, &[("2023-01-15", "day")]);
    check("5 تشرين 1 2023", REF, &[("2023-10-05", "day")]);
    check("10 تشرین الأول 2020", REF, &[("2020-10-10", "day")]);
    check("31 كانون الأول 2019", REF, &[("2019-12-31", "day")]);
    check(
        "3 آذار 2018 و9 نيسان 2018 و1 أيار 2018 و7 حزيران 2018",
        REF,
        &[
            ("2018-03-03", "day"),
            ("2018-04-09", "day"),
            ("2018-05-01", "day"),
            ("2018-06-07", "day"),
        ],
    );
    check(
        "14 تموز 2018 و6 آب 2018 و11 أيلول 2001",
        REF,
        &[
            ("2018-07-14", "day"),
            ("2018-08-06", "day"),
            ("2001-09-11", "day"),
        ],
    );
    check("5 شباط/فبراير 2019", REF, &[("2019-02-05", "day")]);
    check("في فبراير (شباط) 2018", REF, &[("2018-02-01", "month")]);
    check("تشرين الثاني/نوفمبر 2017", REF, &[("2017-11-01", "month")]);
}

#[test]
fn hijri() {
    check(
        "06 ربيع الأول 1433 هـ, 04:32 مساءً",
        REF,
        &[("2012-01-29T16:32", "minute")],
    );
    check(
        "١٣ شعبان ١٤٤١ هـ، ٠٣:١٢ صباحاً",
        REF,
        &[("2020-04-06T03:12", "minute")],
    );
    check("1 المحرم 1446", REF, &[("2024-07-07", "day")]);
    check("9 رمضان 1445", REF, &[("2024-03-19", "day")]);
    check("20 ربيع الآخر 1445", REF, &[("2023-11-04", "day")]);
    check("1 جمادى الأولى 1445", REF, &[("2023-11-15", "day")]);
    check("1 جمادى الآخرة 1445", REF, &[("2023-12-14", "day")]);
    check("5 ذو القعدة 1445", REF, &[("2024-05-13", "day")]);
    check("15 ذي الحجة 1444", REF, &[("2023-07-03", "day")]);
    check("1 ذوالحجه 1444", REF, &[("2023-06-19", "day")]);
    check(
        "14-09-1432 هـ, 09:40 صباحاً",
        REF,
        &[("2011-08-14T09:40", "minute")],
    );
    check("1 جمادى 1445", REF, &[]);
    check("ربيع 1445", REF, &[]);
    check("عام 1436 هـ", REF, &[("2014-10-25", "year")]);
    let found = parse_dates("9 رمضان 1445", reference(REF));
    assert_eq!(found[0].calendar, Calendar::Hijri);
}

#[test]
fn numeric() {
    check("24 - 02 - 2023", REF, &[("2023-02-24", "day")]);
    check(
        "2022-07-21 21:24:27",
        REF,
        &[("2022-07-21T21:24:27", "second")],
    );
    check("24/2/2023", REF, &[("2023-02-24", "day")]);
    check("2022/07/21", REF, &[("2022-07-21", "day")]);
    check("٢٤/٢/٢٠٢٣", REF, &[("2023-02-24", "day")]);
    check("نشر بتاريخ 21.07.2022", REF, &[("2022-07-21", "day")]);
    check("2022-07-21T21:24", REF, &[("2022-07-21T21:24", "minute")]);
}

#[test]
fn month_and_year_precision() {
    check("في نوفمبر 2021", REF, &[("2021-11-01", "month")]);
    check("عام 2000", REF, &[("2000-01-01", "year")]);
    check(
        "وفي عام 2000 وسنة 2014",
        REF,
        &[("2000-01-01", "year"), ("2014-01-01", "year")],
    );
    check("منذ 2014", REF, &[("2014-01-01", "year")]);
    check("بطولة الأسد الإفريقي 2022.", REF, &[("2022-01-01", "year")]);
    check(
        "عامي 2014 و2015",
        REF,
        &[("2014-01-01", "year"), ("2015-01-01", "year")],
    );
    check("في مارس من العام الماضي", REF, &[("2020-03-01", "month")]);
}

#[test]
fn relative() {
    check("اليوم", REF, &[("2021-11-26", "day")]);
    check("يوم أمس", REF, &[("2021-11-25", "day")]);
    check("بالأمس", REF, &[("2021-11-25", "day")]);
    check("أول أمس", REF, &[("2021-11-24", "day")]);
    check("أول من أمس", REF, &[("2021-11-24", "day")]);
    check("غدا", REF, &[("2021-11-27", "day")]);
    check("بعد غد", REF, &[("2021-11-28", "day")]);
    check("مساء اليوم الجمعة", REF, &[("2021-11-26", "day")]);
    check("غدا السبت", REF, &[("2021-11-27", "day")]);
    check("يوم الجمعة", REF, &[("2021-11-26", "day")]);
    check("وقال الاثنين", REF, &[("2021-11-22", "day")]);
    check("الأحد الماضي", REF, &[("2021-11-21", "day")]);
    check("الجمعة الماضية", REF, &[("2021-11-19", "day")]);
    check("الخميس المقبل", REF, &[("2021-12-02", "day")]);
    check("منذ ساعتين", REF, &[("2021-11-26T07:00", "minute")]);
    check("قبل ٥ ساعات", REF, &[("2021-11-26T04:00", "minute")]);
    check("قبل 5 دقائق", REF, &[("2021-11-26T08:55", "minute")]);
    check("قبل ثلاثة أيام", REF, &[("2021-11-23", "day")]);
    check("منذ يومين", REF, &[("2021-11-24", "day")]);
    check("قبل أسبوعين", REF, &[("2021-11-12", "day")]);
    check("قبل 4 أشهر", REF, &[("2021-07-01", "month")]);
    check("قبل شهرين", REF, &[("2021-09-01", "month")]);
    check("قبل عامين", REF, &[("2019-01-01", "year")]);
    check("قبل 20 عاما", REF, &[("2001-01-01", "year")]);
    check("منذ خمسة عشر عاما", REF, &[("2006-01-01", "year")]);
    check("منذ واحد وعشرين يوما", REF, &[("2021-11-05", "day")]);
    check("الأسبوع الماضي", REF, &[("2021-11-19", "day")]);
    check("الشهر الماضي", REF, &[("2021-10-01", "month")]);
    check("الشهر المقبل", REF, &[("2021-12-01", "month")]);
    check("يوليو الماضي", REF, &[("2021-07-01", "month")]);
    check("نوفمبر الماضي", REF, &[("2020-11-01", "month")]);
    check("العام الجاري", REF, &[("2021-01-01", "year")]);
    check("هذا العام", REF, &[("2021-01-01", "year")]);
    check("العام الماضي", REF, &[("2020-01-01", "year")]);
    check("السنة المقبلة", REF, &[("2022-01-01", "year")]);
    check(
        "اليوم الساعة 10 صباحا",
        REF,
        &[("2021-11-26T10:00", "minute")],
    );
    check("25 نوفمبر", REF, &[("2021-11-25", "day")]);
    check("5 يناير", REF, &[("2022-01-05", "day")]);
    check("20 ديسمبر", "2022-01-03T00:00:00", &[("2021-12-20", "day")]);
    check(
        "ما بين 20 و30 يونيو الماضي",
        "2022-07-18T00:00:00",
        &[("2022-06-20", "day"), ("2022-06-30", "day")],
    );
    check(
        "من 2 إلى 5 يناير 2020",
        REF,
        &[("2020-01-02", "day"), ("2020-01-05", "day")],
    );
}

#[test]
fn not_dates() {
    check("50 مليون دولار", REF, &[]);
    check("ارتفعت بنسبة 94%", REF, &[]);
    check("اتصل على 0555123456 أو 011-4567-890", REF, &[]);
    check("فاز الفريق 2-1 على ضيفه", REF, &[]);
    check("قتل 2000 شخص", REF, &[]);
    check("بلغ عدد الزوار 2014 زائرا", REF, &[]);
    check("في اليوم التالي", REF, &[]);
    check("احتفالات اليوم الوطني", REF, &[]);
    check("في ذلك اليوم", REF, &[]);
    check("قبل يومين من الانتخابات", REF, &[]);
    check("منذ سنوات", REF, &[]);
    check("رجب طيب أردوغان", REF, &[]);
    check("شهر رمضان المبارك", REF, &[]);
    check("الفرق بين الاثنين", REF, &[]);
    check("النتيجة 1 صفر", REF, &[]);
    check("الساعة 10:30", REF, &[]);
    check("الإصدار 1.2.3", REF, &[]);
}

#[test]
fn spans_leave_out_proclitics() {
    let text = "وأمس قال";
    let found = parse_dates(text, reference(REF));
    assert_eq!(&text[found[0].start..found[0].end], "أمس");
    let text = "وفي 12 شتنبر 2022 أعلن";
    let found = parse_dates(text, reference(REF));
    assert_eq!(&text[found[0].start..found[0].end], "12 شتنبر 2022");
}

#[test]
fn latin_script_dates() {
    // English, month first or day first, with ordinals, abbreviations and 12-hour clocks.
    check("April 19, 2019", REF, &[("2019-04-19", "day")]);
    check(
        "Posted on Nov. 5th, 2020 10:30 pm",
        REF,
        &[("2020-11-05T22:30", "minute")],
    );
    check("Tuesday, April 21, 2020", REF, &[("2020-04-21", "day")]);
    check("19th April 2019", REF, &[("2019-04-19", "day")]);
    check("5 Nov. 2020", REF, &[("2020-11-05", "day")]);
    // German: a period after the day, weekday abbreviations, «Uhr».
    check(
        "5. November 2021, 10:39 Uhr",
        REF,
        &[("2021-11-05T10:39", "minute")],
    );
    check(
        "Heidemarie Heim | Di, 21. April 2020 - 16:40",
        REF,
        &[("2020-04-21T16:40", "minute")],
    );
    check("26. Januar 2022", REF, &[("2022-01-26", "day")]);
    check("am 3. März 2021", REF, &[("2021-03-03", "day")]);
    // French, Spanish, Italian, Portuguese, Dutch.
    check("le 07 Mai 2020", REF, &[("2020-05-07", "day")]);
    check("publié le 1er février 2021", REF, &[("2021-02-01", "day")]);
    check("7 de mayo de 2020", REF, &[("2020-05-07", "day")]);
    check("12 settembre 2019", REF, &[("2019-09-12", "day")]);
    check("3 de março de 2018", REF, &[("2018-03-03", "day")]);
    check("14 maart 2017", REF, &[("2017-03-14", "day")]);
    // Numeric, with a short year when dotted.
    check("28.01.22 / 0 Kommentare", REF, &[("2022-01-28", "day")]);
    check(
        "macbacchi 28.09.19 12:44",
        REF,
        &[("2019-09-28T12:44", "minute")],
    );
    check("Version 1.2.3 und 1.12.2", REF, &[]);
    // Month and year only.
    check("in March 2020", REF, &[("2020-03-01", "month")]);
    // Not dates: a weekday word alone, a month word with a count, English «may».
    check("So we met on Monday.", REF, &[]);
    check("You may 5 times try.", REF, &[]);
}
