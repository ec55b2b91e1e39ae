//! Counted nouns in Arabic after CLDR's six plural categories (zero, one, two, few, many,
//! other): «لا نتائج»، «نتيجة واحدة»، «نتيجتان»، «3 نتائج»، «11 نتيجةً»، «100 نتيجة».
//! Hand-written because the few nouns the reader counts do not justify an ICU dependency.

/// CLDR's plural category of a count in Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    /// 0.
    Zero,
    /// 1.
    One,
    /// 2.
    Two,
    /// 3 to 10, after the hundreds (103, 1005 …).
    Few,
    /// 11 to 99, after the hundreds (111, 1050 …).
    Many,
    /// The rest: 100, 101, 102, 200 …
    Other,
}

impl PluralCategory {
    /// The category of `n`.
    pub fn of(n: u64) -> PluralCategory {
        match (n, n % 100) {
            (0, _) => PluralCategory::Zero,
            (1, _) => PluralCategory::One,
            (2, _) => PluralCategory::Two,
            (_, 3..=10) => PluralCategory::Few,
            (_, 11..=99) => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }
}

/// The six forms of one counted noun; `{n}` in a form stands for the number.
#[derive(Debug, Clone, Copy)]
pub struct CountedNoun {
    /// For 0, e.g. «لا نتائج».
    pub zero: &'static str,
    /// For 1, e.g. «نتيجة واحدة».
    pub one: &'static str,
    /// For 2, e.g. «نتيجتان».
    pub two: &'static str,
    /// For 3–10, e.g. «{n} نتائج».
    pub few: &'static str,
    /// For 11–99, e.g. «{n} نتيجةً».
    pub many: &'static str,
    /// For 100, 101 …, e.g. «{n} نتيجة».
    pub other: &'static str,
}

/// «نتيجة», a search result.
pub const RESULTS: CountedNoun = CountedNoun {
    zero: "لا نتائج",
    one: "نتيجة واحدة",
    two: "نتيجتان",
    few: "{n} نتائج",
    many: "{n} نتيجةً",
    other: "{n} نتيجة",
};

/// Events of a storyline.
pub const EVENTS: CountedNoun = CountedNoun {
    zero: "لا أحداث",
    one: "حدث واحد",
    two: "حدثان",
    few: "{n} أحداث",
    many: "{n} حدثًا",
    other: "{n} حدث",
};

/// Past happenings the coverage recalls.
pub const RECALLED: CountedNoun = CountedNoun {
    zero: "لا وقائع سابقة مذكورة",
    one: "واقعة سابقة مذكورة",
    two: "واقعتان سابقتان مذكورتان",
    few: "{n} وقائع سابقة مذكورة",
    many: "{n} واقعةً سابقة مذكورة",
    other: "{n} واقعة سابقة مذكورة",
};

/// «مقال», a stored article.
pub const ARTICLES: CountedNoun = CountedNoun {
    zero: "لا مقالات",
    one: "مقال واحد",
    two: "مقالان",
    few: "{n} مقالات",
    many: "{n} مقالًا",
    other: "{n} مقال",
};

impl CountedNoun {
    /// `n` of this noun, in the form Arabic grammar asks for.
    pub fn count(&self, n: u64) -> String {
        let form = match PluralCategory::of(n) {
            PluralCategory::Zero => self.zero,
            PluralCategory::One => self.one,
            PluralCategory::Two => self.two,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => self.other,
        };
        form.replace("{n}", &n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(n: u64, expected: &str) {
        assert_eq!(RESULTS.count(n), expected, "{n}");
    }

    #[test]
    fn every_category() {
        check(0, "لا نتائج");
        check(1, "نتيجة واحدة");
        check(2, "نتيجتان");
        check(3, "3 نتائج");
        check(10, "10 نتائج");
        check(11, "11 نتيجةً");
        check(99, "99 نتيجةً");
        check(100, "100 نتيجة");
        check(101, "101 نتيجة");
        check(102, "102 نتيجة");
        check(103, "103 نتائج");
        check(111, "111 نتيجةً");
        check(1000, "1000 نتيجة");
    }

    #[test]
    fn articles_noun() {
        assert_eq!(ARTICLES.count(2), "مقالان");
        assert_eq!(ARTICLES.count(25), "25 مقالًا");
    }
}
