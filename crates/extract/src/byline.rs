//! Bylines and datelines: «بقلم X», «كتب: X», «الرباط - X» (place - author), «لندن: X»,
//! «الدار- خاص» (outlet, exclusive), «القاهرة - وكالات» (place - agency), «الرباط ، المغرب -».

use crate::boilerplate::key;

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Byline {
    /// The writer.
    pub author: Option<String>,
    /// The place (and country) the story was filed from.
    pub dateline: Option<String>,
    /// The outlet or agency.
    pub source: Option<String>,
}

/// Words that introduce an author.
const AUTHOR_PREFIXES: &[&str] = &[
    "بقلم",
    "كتب",
    "كتبت",
    "كتبه",
    "إعداد",
    "اعداد",
    "تقرير",
    "تحرير",
    "حوار",
    "ترجمة",
    "بواسطة",
    "By",
    "by",
    "BY",
];

/// What after a dash marks an exclusive: the part before it is the outlet.
const EXCLUSIVE: &[&str] = &["خاص", "حصري", "حصريا", "خاص بالموقع"];

/// News agencies as bylines name them (keys of [`key`]).
const AGENCIES: &[&str] = &[
    "وكالات",
    "وكاله",
    "رويترز",
    "ا ف ب",
    "اف ب",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بنا",
    "سانا",
    "الاناضول",
    "د ب ا",
    "ا ش ا",
    "و م ع",
    "ومع",
    "اسوشيتد برس",
    "شينخوا",
    "سبوتنيك",
    "afp",
    "reuters",
    "ap",
    "dpa",
    "معا",
    "وفا",
    "صفا",
];

/// Labels that look like «X:» but start metadata, not a dateline.
const LABELS: &[&str] = &[
    "المصدر",
    "التصنيف",
    "تاريخ",
    "الاهميه",
    "مستوي",
    "القسم",
    "الوسوم",
    "اقرا",
    "تابعونا",
    "المحرر",
    "source",
    "tags",
    "date",
];

/// The most words a byline line has.
const MAX_WORDS: usize = 9;

/// Parse a byline line, or `None` when it is not one.
pub(crate) fn parse(line: &str) -> Option<Byline> {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if words == 0
        || words > MAX_WORDS
        || line
            .chars()
            .any(|c| c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c))
    {
        return None;
    }
    if line
        .trim_end_matches(['"', '”', '»', ')'])
        .ends_with(['.', '!', '?', '؟', '…'])
    {
        return None;
    }
    if let Some((label, _)) = line.split_once([':', '：']) {
        let kl = key(label);
        if LABELS.iter().any(|l| kl.starts_with(l)) {
            return None;
        }
    }
    for prefix in AUTHOR_PREFIXES {
        if let Some(rest) = line.strip_prefix(prefix) {
            if !rest.starts_with([' ', ':', '：', '\u{a0}']) {
                continue;
            }
            return parse_author_rest(rest);
        }
    }
    if let Some((a, b)) = split_once_any(line, &['-', '–', '—']) {
        return place_and(a, b);
    }
    if let Some((a, b)) = line.split_once([':', '：']) {
        let ka = key(a);
        if ka.is_empty() || LABELS.iter().any(|l| ka.starts_with(l)) || ka.split(' ').count() > 2 {
            return None;
        }
        let b = b.trim();
        if b.split_whitespace().count() < 2 {
            return None;
        }
        return place_and(a, b);
    }
    None
}

/// The rest after «بقلم»: «X», «: X», «X - الرباط».
fn parse_author_rest(rest: &str) -> Option<Byline> {
    let rest = rest.trim_start_matches([' ', ':', '：', '\u{a0}']).trim();
    let (name, place) = match split_once_any(rest, &['-', '–', '—', '،', ',', '|']) {
        Some((n, p)) => (n.trim(), Some(clean_place(p))),
        None => (rest, None),
    };
    let name = name.trim_end_matches([':', ' ']).trim();
    if name.is_empty() || name.split_whitespace().count() > 5 {
        return None;
    }
    Some(Byline {
        author: Some(name.to_owned()),
        dateline: place.filter(|p| !p.is_empty()),
        source: None,
    })
}

/// «A - B»: A is a place (or outlet), B an author, agency or «خاص».
fn place_and(a: &str, b: &str) -> Option<Byline> {
    let a = clean_place(a);
    let b = b.trim().trim_end_matches(['-', '–', ':', ' ']).trim();
    let wa = a.split_whitespace().count();
    let wb = b.split_whitespace().count();
    if a.is_empty() || wa > 4 || wb > 4 {
        return None;
    }
    let kb = key(b);
    if b.is_empty() {
        return Some(Byline {
            dateline: Some(a),
            ..Byline::default()
        });
    }
    if EXCLUSIVE.iter().any(|e| key(e) == kb) {
        return Some(Byline {
            source: Some(a),
            ..Byline::default()
        });
    }
    if AGENCIES.iter().any(|ag| kb == *ag) {
        return Some(Byline {
            dateline: Some(a),
            source: Some(b.to_owned()),
            author: None,
        });
    }
    if wb < 2 {
        return None;
    }
    Some(Byline {
        author: Some(b.to_owned()),
        dateline: Some(a),
        source: None,
    })
}

/// A place as a dateline writes it, with «الرباط ، المغرب» spaced as «الرباط، المغرب».
fn clean_place(p: &str) -> String {
    let p = p.trim().trim_end_matches(['-', '–', '—', ':', ' ']).trim();
    let p = p.replace(" ،", "،").replace(" ,", ",");
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Split at the first of `seps`.
fn split_once_any<'a>(s: &'a str, seps: &[char]) -> Option<(&'a str, &'a str)> {
    let i = s.find(seps)?;
    let sep_len = s[i..].chars().next().map_or(1, char::len_utf8);
    Some((&s[..i], &s[i + sep_len..]))
}

/// An author name out of a marked byline element («بقلم: X», «X - الرباط», «X»).
pub(crate) fn author_from_element(text: &str) -> Option<String> {
    if let Some(b) = parse(text)
        && b.author.is_some()
    {
        return b.author;
    }
    let t = strip_latin_lead(text.trim());
    let words = t.split_whitespace().count();
    ((1..=5).contains(&words) && !t.chars().any(|c| c.is_ascii_digit())).then(|| t.to_owned())
}

/// What byline elements of pages in Latin script put before the name («By», «Von:», «Publié
/// par» …), longest first so that «Posted by» wins over «by». A language joins in a line.
const LATIN_LEADS: &[&str] = &[
    "post author by",
    "veröffentlicht von",
    "eingestellt von",
    "geschrieben von",
    "erstellt von",
    "artikel von",
    "publié par",
    "escrito por",
    "written by",
    "posted by",
    "author:",
    "autor:",
    "auteur:",
    "author",
    "autor",
    "by:",
    "von:",
    "par:",
    "por:",
    "by",
    "von",
    "vom",
    "par",
    "por",
];

/// `text` without a leading «By»/«Von:»/«| Autor:» (any case) and the separators around it;
/// empty when there is nothing but the lead.
fn strip_latin_lead(text: &str) -> &str {
    let t = text.trim_start_matches(|c: char| c == '|' || c == ',' || c.is_whitespace());
    let lower = t.to_lowercase();
    for lead in LATIN_LEADS {
        if lower.starts_with(lead) && lower.len() == t.len() {
            let rest = &t[lead.len()..];
            let cut =
                rest.starts_with(|c: char| c.is_whitespace() || c == ':') || lead.ends_with(':');
            let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
            if cut || rest.is_empty() {
                return rest;
            }
        }
    }
    t
}

/// Leads that introduce the author in a visible line of a Latin-script page, longest first.
/// Not [`LATIN_LEADS`]: an element marked as a byline is known to hold one, so any lead
/// there may go («vom», a bare «author»); a visible line is not, so its leads must say
/// "written by" and nothing else.
const LINE_LEADS: &[&str] = &[
    "veröffentlicht von",
    "geschrieben von",
    "gespeichert von",
    "erstellt von",
    "verfasst von",
    "publié par",
    "escrito por",
    "written by",
    "posted by",
    "redaktion:",
    "autorin:",
    "author:",
    "auteur:",
    "autor:",
    "text:",
    "by",
    "von",
    "par",
    "por",
];

/// Prepositions before a date after a byline's name («am», «on», «le» …).
const DATE_PREPOSITIONS: &[&str] = &["am", "on", "le", "el", "at", "um", "em", "il", "op"];

/// Words that join two names in a byline.
const NAME_JOINERS: &[&str] = &["und", "and", "&", "et", "y", "e"];

/// The author of a short visible line of a Latin-script page that starts (or has a segment
/// that starts) with a lead: «von David · 18. Oktober 2019», «By J.R. Stone Thursday,
/// November 12, 2020», «Par Matthieu Hy le 07 Mai 2020», «Autor: Fritz Imhof». The name is
/// the capitalised words after the lead up to a date, a lowercase word or a separator (or a
/// single lowercase handle: «von jesusfreak»); names joined by «und»/«and»/«&» are kept.
pub(crate) fn lead_line(line: &str) -> Option<String> {
    if line.split_whitespace().count() > 14 {
        return None;
    }
    let end = line.trim_end_matches(['"', '”', '»', ')', ' ']);
    if end.ends_with(['.', '!', '?']) && !end.ends_with(" Jr.") {
        return None;
    }
    for segment in line
        .split(['|', '·', '•', '⋅'])
        .flat_map(|s| s.split(" – "))
    {
        let segment = segment.trim();
        let lower = segment.to_lowercase();
        for lead in LINE_LEADS {
            if !lower.starts_with(lead) || lower.len() != segment.len() {
                continue;
            }
            let rest = &segment[lead.len()..];
            if !(lead.ends_with(':') || rest.starts_with([' ', ':', '\u{a0}'])) {
                continue;
            }
            let rest = rest.trim_start_matches([' ', ':', '\u{a0}']);
            if let Some(name) = names_at(rest) {
                return Some(name);
            }
        }
    }
    None
}

/// The names at the start of `rest` (see [`lead_line`]).
fn names_at(rest: &str) -> Option<String> {
    // A date after the name ends it: «Thursday, November 12, 2020», «Mi, 18. Oktober».
    let cut = marsad_text::parse_dates(rest, chrono::NaiveDateTime::MIN)
        .first()
        .map_or(rest.len(), |m| m.start);
    let rest = rest.get(..cut).unwrap_or(rest);
    let tokens: Vec<&str> = rest.split_whitespace().collect();
    let first = tokens.first()?;
    let capital = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    let clean = |t: &str| t.trim_end_matches([',', ';', ':']).to_owned();
    if !capital(first) {
        // A handle: one lowercase word of letters and digits, alone or before the date's
        // preposition («von marianne1 am 20.09.2020»).
        let handle = clean(first);
        let ok = handle
            .chars()
            .all(|c| c.is_alphanumeric() || "._-".contains(c))
            && handle.chars().any(char::is_alphabetic)
            && match tokens.get(1..) {
                Some([]) | None => true,
                Some([next]) => DATE_PREPOSITIONS.contains(next),
                Some(_) => false,
            };
        return ok.then_some(handle);
    }
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(t) = tokens.get(i) {
        let t = *t;
        if t.chars().any(|c| c.is_ascii_digit()) || words.len() >= 10 {
            break;
        }
        if t.ends_with(':') {
            // A label follows the name: «Katharina Schmidt Kategorien: Mode».
            break;
        }
        if capital(t) {
            if t.ends_with([',', ';']) && !tokens.get(i + 1).is_some_and(|n| capital(n)) {
                words.push(clean(t));
                break;
            }
            words.push(t.to_owned());
        } else if NAME_JOINERS.contains(&t) && tokens.get(i + 1).is_some_and(|n| capital(n)) {
            words.push(t.to_owned());
        } else {
            break;
        }
        i += 1;
    }
    while words
        .last()
        .is_some_and(|w| NAME_JOINERS.contains(&w.as_str()))
    {
        words.pop();
    }
    let names = words.join(" ");
    let names = names.trim_end_matches([',', ';']);
    (!names.is_empty()).then(|| names.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, author: Option<&str>, dateline: Option<&str>, source: Option<&str>) {
        let want = Byline {
            author: author.map(str::to_owned),
            dateline: dateline.map(str::to_owned),
            source: source.map(str::to_owned),
        };
        assert_eq!(parse(line), Some(want), "{line}");
    }

    #[test]
    fn latin_leads_are_dropped() {
        assert_eq!(
            author_from_element("Posted by T. V. Raman").as_deref(),
            Some("T. V. Raman")
        );
        assert_eq!(
            author_from_element("| Autor: gnaddrig").as_deref(),
            Some("gnaddrig")
        );
        assert_eq!(
            author_from_element("Von: Moritz Pieczewski-Freimuth").as_deref(),
            Some("Moritz Pieczewski-Freimuth")
        );
        assert_eq!(
            author_from_element("Publié par Unknown").as_deref(),
            Some("Unknown")
        );
        assert_eq!(
            author_from_element("Bylund Svensson").as_deref(),
            Some("Bylund Svensson")
        );
        assert_eq!(
            author_from_element("Denise Martin").as_deref(),
            Some("Denise Martin")
        );
        assert_eq!(author_from_element("By"), None);
        assert_eq!(author_from_element("Posted by:"), None);
    }

    #[test]
    fn lead_lines() {
        let got = |l: &str| lead_line(l);
        assert_eq!(
            got("von David · 18. Oktober 2019").as_deref(),
            Some("David")
        );
        assert_eq!(
            got("By J.R. Stone Thursday, November 12, 2020").as_deref(),
            Some("J.R. Stone")
        );
        assert_eq!(
            got("Par Matthieu Hy le 07 Mai 2020").as_deref(),
            Some("Matthieu Hy")
        );
        assert_eq!(
            got("Datum: 19.11.2021 | Autor: Fritz Imhof").as_deref(),
            Some("Fritz Imhof")
        );
        assert_eq!(
            got("Von Roland Brockmann und Sebastian Drescher").as_deref(),
            Some("Roland Brockmann und Sebastian Drescher")
        );
        assert_eq!(
            got("Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR").as_deref(),
            Some("Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR")
        );
        assert_eq!(
            got("Von Katharina Schmidt Kategorien: Mode").as_deref(),
            Some("Katharina Schmidt")
        );
        assert_eq!(got("Mandarinen-Kuchen von jesusfreak").as_deref(), None);
        assert_eq!(got("von jesusfreak").as_deref(), Some("jesusfreak"));
        assert_eq!(got("by the government of the day"), None);
        assert_eq!(got("Von Anfang an war klar, dass es schwer wird."), None);
    }

    #[test]
    fn bylines() {
        check("بقلم جواده اري جروس", Some("جواده اري جروس"), None, None);
        check("كتب: محمد علي", Some("محمد علي"), None, None);
        check(
            "الرباط - كمال العلمي",
            Some("كمال العلمي"),
            Some("الرباط"),
            None,
        );
        check("الدار- خاص", None, None, Some("الدار"));
        check("لندن: سارة الأحمد", Some("سارة الأحمد"), Some("لندن"), None);
        check("الرباط ، المغرب -", None, Some("الرباط، المغرب"), None);
        check("القاهرة - رويترز", None, Some("القاهرة"), Some("رويترز"));
    }

    #[test]
    fn not_bylines() {
        for line in [
            "إسرائيل في حالة حرب - اليوم 428",
            "المصدر: موقع الدار - المغرب",
            "قال الوزير إن الزيارة - وهي الأولى - ناجحة.",
            "صفقات عسكرية",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }
}
