//! A tolerant reader of the ANT corpus's TREC-like pseudo-XML (`<DOC><DOCNO>…<URL>…<SRC>…
//! <CAT>…<TITLE>…<TIME>…<AUTHOR>…<ABSTRACT>…<TEXT>…</DOC>`), from text already in memory.
//!
//! Hand-written string matching rather than an XML parser because the files are not
//! well-formed (no escaping of `<`, `&` or quotes inside fields, closing tags sometimes missing).

/// The tags of an ANT document, in file order.
const TAGS: [&str; 9] = [
    "DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT",
];

/// One `<DOC>` of the ANT corpus. Every field is trimmed; a missing or empty field is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AntDoc {
    /// `<DOCNO>`: `source-category-n-yyyymmdd`.
    pub docno: Option<String>,
    /// `<URL>`: the article's address; the key that groups copies of one article.
    pub url: Option<String>,
    /// `<SRC>`: the outlet.
    pub source: Option<String>,
    /// `<CAT>`: the category as the corpus names it (`sport`, `middleEast` …).
    pub category: Option<String>,
    /// `<TITLE>`.
    pub title: Option<String>,
    /// `<TIME>` as written (`2017-01-25T14:36:00+01:00`, `01/01/2014`,
    /// `Sun, 18 Feb 2018 18:06:52 GMT` …); see [`AntDoc::published_day`].
    pub time: Option<String>,
    /// `<AUTHOR>`.
    pub author: Option<String>,
    /// `<ABSTRACT>`.
    pub summary: Option<String>,
    /// `<TEXT>`: the body, paragraphs separated by line breaks.
    pub text: Option<String>,
}

/// Every `<DOC>` in `input`. A `<DOC>` without `</DOC>` runs to the next `<DOC>` or the end;
/// input without any `<DOC>` is read as one document when it has at least one known tag.
///
/// ```
/// use marsad_analyze::parse_ant;
/// let docs = parse_ant("<DOC><DOCNO>JA-sport-1</DOCNO><CAT>sport</CAT><TITLE>فوز الترجي</TITLE>");
/// assert_eq!(docs[0].category.as_deref(), Some("sport"));
/// assert_eq!(docs[0].title.as_deref(), Some("فوز الترجي"));
/// ```
pub fn parse_ant(input: &str) -> Vec<AntDoc> {
    let starts: Vec<usize> = input.match_indices("<DOC>").map(|(i, _)| i).collect();
    if starts.is_empty() {
        let doc = parse_one(input);
        return if doc == AntDoc::default() {
            Vec::new()
        } else {
            vec![doc]
        };
    }
    let mut docs = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let next = starts.get(n + 1).copied().unwrap_or(input.len());
        let inner = &input[start + "<DOC>".len()..next];
        let inner = inner.find("</DOC>").map_or(inner, |end| &inner[..end]);
        docs.push(parse_one(inner));
    }
    docs
}

fn parse_one(doc: &str) -> AntDoc {
    AntDoc {
        docno: field(doc, "DOCNO"),
        url: field(doc, "URL"),
        source: field(doc, "SRC"),
        category: field(doc, "CAT"),
        title: field(doc, "TITLE"),
        time: field(doc, "TIME"),
        author: field(doc, "AUTHOR"),
        summary: field(doc, "ABSTRACT"),
        text: field(doc, "TEXT"),
    }
}

/// The trimmed content of `<tag>`: up to `</tag>`, or when that is missing up to the next
/// known opening tag (or the end).
fn field(doc: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = doc.find(&open)? + open.len();
    let rest = &doc[start..];
    let close = format!("</{tag}>");
    let end = rest.find(&close).unwrap_or_else(|| {
        TAGS.iter()
            .filter_map(|t| rest.find(&format!("<{t}>")))
            .min()
            .unwrap_or(rest.len())
    });
    let value = rest[..end].trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl AntDoc {
    /// The body as paragraphs: the non-blank lines of `<TEXT>`, or of `<ABSTRACT>` when the
    /// text is missing.
    pub fn paragraphs(&self) -> Vec<String> {
        let text = self
            .text
            .as_deref()
            .or(self.summary.as_deref())
            .unwrap_or("");
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The `(year, month, day)` of `<TIME>`, read from the three formats the corpus uses:
    /// ISO 8601 (`2017-01-25T14:36:00+01:00`), `dd/mm/yyyy`, and RFC 822
    /// (`Sun, 18 Feb 2018 18:06:52 GMT`). `None` when it is none of them.
    pub fn published_day(&self) -> Option<(u16, u8, u8)> {
        parse_day(self.time.as_deref()?)
    }
}

fn parse_day(time: &str) -> Option<(u16, u8, u8)> {
    let time = time.trim();
    let num = |s: &str| s.parse::<u16>().ok();
    let valid = |y: u16, m: u16, d: u16| {
        ((1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then_some((y, m as u8, d as u8))
    };
    // ISO 8601: yyyy-mm-dd…
    if let (Some(y), Some(m), Some(d)) = (time.get(0..4), time.get(5..7), time.get(8..10))
        && time.as_bytes().get(4) == Some(&b'-')
        && let (Some(y), Some(m), Some(d)) = (num(y), num(m), num(d))
    {
        return valid(y, m, d);
    }
    // dd/mm/yyyy
    let slash: Vec<&str> = time.split('/').collect();
    if let [d, m, y] = slash[..] {
        let y = y.get(0..4).unwrap_or(y);
        return valid(num(y)?, num(m)?, num(d)?);
    }
    // RFC 822: [Day,] dd Mon yyyy …
    let words: Vec<&str> = time.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let at = usize::from(words.first().is_some_and(|w| w.parse::<u16>().is_err()));
    let (d, m, y) = (words.get(at)?, words.get(at + 1)?, words.get(at + 2)?);
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month = m.get(0..3)?.to_ascii_lowercase();
    let m = MONTHS.iter().position(|&x| x == month)? as u16 + 1;
    valid(num(y)?, m, num(d)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[AntDoc]) {
        assert_eq!(parse_ant(input), expected, "input: {input}");
    }

    fn doc(
        docno: Option<&str>,
        cat: Option<&str>,
        title: Option<&str>,
        text: Option<&str>,
    ) -> AntDoc {
        AntDoc {
            docno: docno.map(str::to_owned),
            category: cat.map(str::to_owned),
            title: title.map(str::to_owned),
            text: text.map(str::to_owned),
            ..AntDoc::default()
        }
    }

    #[test]
    fn parses_documents() {
        check(
            "<DOC>\n<DOCNO>JA-sport-1</DOCNO>\n<CAT>sport</CAT>\n<TITLE>فوز</TITLE>\n<TEXT>\nنص\n</TEXT>\n</DOC>",
            &[doc(
                Some("JA-sport-1"),
                Some("sport"),
                Some("فوز"),
                Some("نص"),
            )],
        );
        // Two documents in one file, the first without </DOC>.
        check(
            "<DOC><DOCNO>a</DOCNO><DOC><DOCNO>b</DOCNO></DOC>",
            &[
                doc(Some("a"), None, None, None),
                doc(Some("b"), None, None, None),
            ],
        );
        // Missing closing tags end at the next known tag; an unescaped `<` stays text.
        check(
            "<DOC><TITLE>أ < ب<CAT>economy</CAT><TEXT>سطر & آخر",
            &[doc(None, Some("economy"), Some("أ < ب"), Some("سطر & آخر"))],
        );
        // Empty fields are None; no <DOC> but tags: one document; nothing at all: none.
        check(
            "<DOC><AUTHOR></AUTHOR><CAT> </CAT></DOC>",
            &[AntDoc::default()],
        );
        check(
            "<TITLE>عنوان</TITLE>",
            &[doc(None, None, Some("عنوان"), None)],
        );
        check("not a document", &[]);
        check("", &[]);
    }

    #[test]
    fn paragraphs_fall_back_to_the_abstract() {
        let mut d = AntDoc {
            summary: Some("ملخص".into()),
            ..AntDoc::default()
        };
        assert_eq!(d.paragraphs(), ["ملخص"]);
        d.text = Some("  سطر ١ \n\n سطر ٢".into());
        assert_eq!(d.paragraphs(), ["سطر ١", "سطر ٢"]);
    }

    #[test]
    fn reads_the_three_time_formats() {
        for (time, expected) in [
            ("2017-01-25T14:36:00+01:00", Some((2017, 1, 25))),
            ("01/02/2014", Some((2014, 2, 1))),
            ("Sun, 18 Feb 2018 18:06:52 GMT", Some((2018, 2, 18))),
            ("18 Aug 2018 18:06:52 +0000", Some((2018, 8, 18))),
            ("2018-13-01", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(parse_day(time), expected, "{time}");
        }
    }
}
