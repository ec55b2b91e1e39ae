//! The shape of one line of text: how many words, whether it ends a sentence, whether it
//! looks like an item of a headline list or a ticker. Both inputs are scored on these.

/// Features of one block's text.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shape {
    /// Words (runs of letters or digits).
    pub words: usize,
    /// It ends a sentence: `.`, `!`, `?`, `؟` (closing quotes and brackets aside).
    pub terminal: bool,
    /// It ends with `…` or `...`: a teaser cut short.
    pub ellipsis: bool,
    /// It ends with `:`.
    pub colon: bool,
    /// It ends with a short parenthesised credit, `… (AP / X)`, after no sentence end.
    pub credit: bool,
    /// The share of words that are function words.
    pub stop_ratio: f32,
    /// ASCII digits and Arabic-Indic digits.
    pub digits: usize,
    /// Arabic letters.
    pub arabic: usize,
    /// Latin letters.
    pub latin: usize,
}

/// Closing marks that may follow a sentence end.
const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']', '›', '*', ' ', '\u{a0}'];

/// Measure `text`.
pub(crate) fn shape(text: &str) -> Shape {
    let trimmed = text.trim();
    let mut s = Shape::default();
    let mut stops = 0usize;
    for word in trimmed.split_whitespace() {
        if !word.chars().any(marsad_text::is_alphanumeric) {
            continue;
        }
        s.words += 1;
        let bare: String = word
            .chars()
            .filter(|&c| marsad_text::is_alphanumeric(c))
            .collect();
        let norm = marsad_text::normalize(&bare, marsad_text::Level::Match);
        if is_function_word(&norm) {
            stops += 1;
        }
    }
    let mut cjk = 0usize;
    for c in trimmed.chars() {
        if ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            cjk += 1;
        }
        if c.is_ascii_digit()
            || ('\u{0660}'..='\u{0669}').contains(&c)
            || ('\u{06F0}'..='\u{06F9}').contains(&c)
        {
            s.digits += 1;
        } else if ('\u{0621}'..='\u{064A}').contains(&c) || ('\u{0671}'..='\u{06D3}').contains(&c) {
            s.arabic += 1;
        } else if c.is_ascii_alphabetic() {
            s.latin += 1;
        }
    }
    // Scripts written without spaces: about two characters a word.
    s.words = s.words.max(cjk / 2);
    if s.words > 0 {
        s.stop_ratio = stops as f32 / s.words as f32;
    }
    let raw_end = trimmed.trim_end_matches([' ', '\u{a0}', '\t']);
    s.ellipsis = raw_end.ends_with('…') || raw_end.ends_with("..");
    let end = trimmed.trim_end_matches(CLOSERS);
    s.terminal = !s.ellipsis && end.ends_with(['.', '!', '?', '؟', '۔', '。', '！', '？']);
    s.colon = end.ends_with([':', '：']);
    s.credit = has_credit(trimmed);
    s
}

/// Whether `text` ends with a short parenthesised credit after no sentence end.
fn has_credit(text: &str) -> bool {
    let Some(inner) = text.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let credit = &inner[open + 1..];
    let before = inner[..open].trim_end();
    let credit_words = credit.split_whitespace().count();
    (1..=6).contains(&credit_words)
        && !before.is_empty()
        && !before.ends_with(['.', '!', '?', '؟'])
        && before.split_whitespace().count() >= 4
}

/// Function words beyond the shared stop-word list: a line of prose has many, a headline few.
fn is_function_word(norm: &str) -> bool {
    if marsad_text::is_stopword(norm) {
        return true;
    }
    matches!(
        norm,
        "في" | "من"
            | "على"
            | "الى"
            | "عن"
            | "ان"
            | "او"
            | "ثم"
            | "قد"
            | "لقد"
            | "كان"
            | "كانت"
            | "التي"
            | "الذي"
            | "الذين"
            | "هذا"
            | "هذه"
            | "ذلك"
            | "تلك"
            | "مع"
            | "بين"
            | "حيث"
            | "وهو"
            | "وهي"
            | "هو"
            | "هي"
            | "كما"
            | "لم"
            | "لن"
            | "لا"
            | "ما"
            | "بعد"
            | "قبل"
            | "عند"
            | "حتى"
            | "اذا"
            | "ولكن"
            | "لكن"
            | "الا"
            | "وفي"
            | "ومن"
            | "وعلى"
            | "انه"
            | "انها"
            | "فقد"
            | "وقد"
            | "عبر"
            | "خلال"
            | "منذ"
            | "the"
            | "of"
            | "and"
            | "to"
            | "a"
            | "in"
            | "is"
            | "that"
            | "for"
            | "was"
            | "on"
            | "with"
            | "de"
            | "la"
            | "le"
            | "et"
            | "les"
            | "des"
            | "du"
            | "un"
            | "une"
    )
}

/// A ticker: three or more items in one line, each set off by a run of three or more spaces.
pub(crate) fn is_ticker(raw_line: &str) -> bool {
    let mut runs = 0;
    let mut spaces = 0;
    for c in raw_line.trim().chars() {
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            spaces += 1;
        } else {
            if spaces >= 3 {
                runs += 1;
            }
            spaces = 0;
        }
    }
    runs >= 2
}

/// A breadcrumb trail: short segments joined by `»`, `›`, `>` or `/`.
pub(crate) fn is_breadcrumb(text: &str) -> bool {
    let seps = ['»', '›', '>', '«', '‹', '/', '|'];
    let parts: Vec<&str> = text
        .split(seps)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| p.split_whitespace().count() <= 5)
        && text.chars().filter(|c| seps.contains(c)).count() >= 1
        && !text.trim_end().ends_with(['.', '؟', '?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, terminal: bool, ellipsis: bool, credit: bool) {
        let s = shape(text);
        assert_eq!(
            (s.terminal, s.ellipsis, s.credit),
            (terminal, ellipsis, credit),
            "{text}"
        );
    }

    #[test]
    fn ends() {
        check("قال الوزير إن الزيارة مهمة.", true, false, false);
        check("وأضاف: “هذه لحظة مثيرة”.", true, false, false);
        check("هل تنجح الخطة؟", true, false, false);
        check(
            "وزير الداخلية المغربي يؤكد تعرض ضحايا زلزال الحوز بعدة…",
            false,
            true,
            false,
        );
        check("صفقات عسكرية", false, false, false);
        check(
            "وزير الدفاع يزور مقر القوات بالرباط في 24 نوفمبر 2021 (وزارة الدفاع)",
            false,
            false,
            true,
        );
        check(
            "لقاء في المغرب، 22 فبراير، 2023.  (Israel Defense Forces)",
            false,
            false,
            false,
        );
    }

    #[test]
    fn tickers_and_breadcrumbs() {
        assert!(is_ticker("خبر أول    خبر ثان    خبر ثالث    خبر رابع"));
        assert!(!is_ticker("جملة عادية  فيها مسافتان فقط."));
        assert!(is_breadcrumb("الرئيسية » في الأخبار أيضا"));
        assert!(!is_breadcrumb(
            "قال إن 3/4 من السكان غادروا المدينة منذ شهرين."
        ));
    }
}
