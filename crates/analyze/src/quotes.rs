//! Quotes: who said what in an article, found from speech verbs (قال، أضاف، أوضح، أكد …),
//! attribution phrases (بحسب، وفقا لـ) and quotation marks (« » “ ” " ″).
//!
//! Hand-written rules rather than a parser: Arabic news reports speech in a handful of fixed
//! shapes, and the rules below cover them without a model.
//!
//! # What is found
//! - **verb, speaker, introducer**: `وقال وزير الدفاع بيني غانتس: «…»` (direct, after a colon
//!   or an opening quotation mark), `قال محمد الطيار، الخبير الأمني، إن …` (reported, after
//!   the complementiser إن/أن/بأن …, also `أشار إلى أن`, `شدد على أن`). The speaker is the
//!   words between the verb and the introducer, cut before a circumstance (`في تصريحات`،
//!   `خلال`، `لوكالة …`), at most [`MAX_SPEAKER_WORDS`] words.
//! - **quote, then verb**: `«…»، قال المسؤول` — the quotation just before the verb is direct.
//! - **no speaker written**: `وأضاف: «…»`, `مضيفا أن …` (participles) — the speaker is the
//!   last one named earlier in the article; its `speaker_span` points at that earlier mention.
//! - **attribution**: `…، بحسب وكالة الأنباء` — the sentence part before it is reported speech
//!   of what follows the phrase.
//! - **quotation marks alone**: a quoted run of at least [`MIN_BARE_QUOTE_WORDS`] words with no
//!   verb is a direct quote without a speaker ([`SpeakerKind::None`]); shorter quoted runs are
//!   names or scare quotes (“دينية”) and are ignored.
//!
//! # Speaker kinds
//! [`SpeakerKind::Anonymous`] when the speaker or its clause carries an anonymity marker
//! ([`ANONYMITY_MARKERS`]: مصدر، مصادر، مطلع، شريطة عدم الكشف، رفض الكشف عن اسمه …), or is an
//! indefinite role noun ([`ROLE_NOUNS`]) with no definite word after it (`مسؤول دفاعي إسرائيلي
//! كبير`, `مسؤول في الوزارة`), or that role noun alone with the article (`المسؤول`). Otherwise
//! [`SpeakerKind::Named`] (a person, an office such as `وزير الخارجية`, or a body such as
//! `الجيش`). [`SpeakerKind::None`] when nobody is written or inherited.
//!
//! # Offsets
//! Every span is a [`TextSpan`]: the index of the paragraph in `Article::body` and a byte range
//! into that paragraph as stored (not normalised), so `&body[p][start..end]` is the text.

use std::sync::LazyLock;

use marsad_text::{Level, normalize, tokens};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Most words a written speaker may have; a longer run before the introducer is not a speaker.
pub const MAX_SPEAKER_WORDS: usize = 14;
/// Fewest words of a quotation with no speech verb for it to count as a quote.
pub const MIN_BARE_QUOTE_WORDS: usize = 6;

/// A byte range in one body paragraph: `&article.body[paragraph][start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// Index into `Article::body`.
    pub paragraph: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Who the speaker is, as far as the text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A person, an office or a body the reader can identify.
    Named,
    /// An unnamed source (مصدر مطلع، مسؤول رفض الكشف عن اسمه …).
    Anonymous,
    /// No speaker written or inherited.
    None,
}

/// One quote: who said what, where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The speaker as written (`وزير الدفاع بيني غانتس`), or inherited from an earlier
    /// mention for `وأضاف: …`; `None` when nobody is written.
    pub speaker: Option<String>,
    /// Where [`speaker`](Self::speaker) is written: in this quote's paragraph, or the earlier
    /// mention it was inherited from.
    pub speaker_span: Option<TextSpan>,
    /// Named, anonymous or none.
    pub kind: SpeakerKind,
    /// The speech verb or attribution phrase as written (`وقال`، `مضيفا`، `بحسب`); `None` for
    /// quotation marks with no verb.
    pub verb: Option<String>,
    /// What was said, as written, without the quotation marks.
    pub text: String,
    /// Where [`text`](Self::text) is.
    pub text_span: TextSpan,
    /// The paragraph (index into `Article::body`) the quote is in.
    pub paragraph: usize,
    /// Inside quotation marks or after a colon (direct), or reported (`قال إن …`).
    pub direct: bool,
}

/// Speech verbs, normalised at [`Level::Match`], without a leading و/ف.
const VERBS: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "يقولون",
    "اضاف",
    "اضافت",
    "اضافوا",
    "يضيف",
    "تضيف",
    "اوضح",
    "اوضحت",
    "اوضحوا",
    "يوضح",
    "توضح",
    "اكد",
    "اكدت",
    "اكدوا",
    "يوكد",
    "توكد",
    "اشار",
    "اشارت",
    "اشاروا",
    "يشير",
    "تشير",
    "صرح",
    "صرحت",
    "يصرح",
    "تصرح",
    "اعلن",
    "اعلنت",
    "يعلن",
    "تعلن",
    "ذكر",
    "ذكرت",
    "يذكر",
    "تابع",
    "تابعت",
    "شدد",
    "شددت",
    "يشدد",
    "تشدد",
    "لفت",
    "لفتت",
    "اعتبر",
    "اعتبرت",
    "يعتبر",
    "تعتبر",
    "افاد",
    "افادت",
    "يفيد",
    "تفيد",
    "اردف",
    "اردفت",
    "كشف",
    "كشفت",
    "نفي",
    "نفت",
    "زعم",
    "زعمت",
    "ادعي",
    "ادعت",
    "حذر",
    "حذرت",
    "يحذر",
    "تحذر",
    "اقر",
    "اقرت",
    "ابرز",
    "ابرزت",
    "علق",
    "علقت",
];

/// Participles that continue the previous speaker (`مضيفا أن …`), normalised.
const PARTICIPLES: &[&str] = &[
    "مضيفا",
    "مضيفه",
    "مضيفين",
    "موضحا",
    "موضحه",
    "موكدا",
    "موكده",
    "مشيرا",
    "مشيره",
    "معتبرا",
    "معتبره",
    "مشددا",
    "مشدده",
    "لافتا",
    "لافته",
    "متابعا",
    "متابعه",
    "مبرزا",
    "مبرزه",
    "مردفا",
    "مردفه",
    "محذرا",
    "محذره",
];

/// Attribution phrases: what comes before them was said by what follows.
const ATTRIBUTIONS: &[&str] = &["بحسب", "حسب", "وفقا", "وفق", "حسبما", "بحسبما"];

/// Complementisers that open reported speech, normalised.
const COMPLEMENTISERS: &[&str] = &[
    "ان",
    "انه",
    "انها",
    "انهم",
    "انهما",
    "انني",
    "اننا",
    "انهن",
    "بان",
    "بانه",
    "بانها",
    "بانهم",
    "لان",
];

/// Prepositions a verb may take before its complementiser (`أشار إلى أن`، `شدد على أن`).
const BRIDGES: &[&str] = &["الي", "علي"];

/// Words that start a circumstance after the speaker (`في تصريحات`، `خلال مؤتمر`): the speaker
/// ends there.
const CIRCUMSTANCES: &[&str] = &[
    "في",
    "خلال",
    "عبر",
    "امام",
    "ضمن",
    "اثناء",
    "لدي",
    "عقب",
    "بعد",
    "قبل",
    "اليوم",
    "امس",
    "مساء",
    "صباح",
    "يوم",
    "له",
    "لها",
    "لهم",
    "حين",
    "عندما",
    "بينما",
    "تحدث",
    "طلب",
    "رفض",
    "فضل",
];

/// Words (normalised, article and و/ف/ب/ل stripped) that mark an unnamed source.
pub const ANONYMITY_MARKERS: &[&str] = &[
    "مصدر",
    "مصادر",
    "مصدرا",
    "مطلع",
    "مطلعه",
    "مطلعون",
    "مطلعين",
    "مقرب",
    "مقربه",
    "مقربون",
    "مقربين",
    "هويته",
    "هويتها",
    "هويتهم",
    "اسمه",
    "اسمها",
    "اسمهم",
    "اوساط",
    "مجهول",
];

/// Role nouns that, indefinite and unnamed, make a speaker anonymous (`مسؤول كبير`).
pub const ROLE_NOUNS: &[&str] = &[
    "مسوول",
    "مسوولون",
    "مسوولين",
    "مصدر",
    "مصادر",
    "دبلوماسي",
    "دبلوماسيون",
    "ضابط",
    "ضباط",
    "مراقبون",
    "محللون",
    "خبير",
    "خبراء",
    "شاهد",
    "شهود",
    "سكان",
    "مواطن",
    "مواطنون",
    "عضو",
    "اعضاء",
    "قيادي",
    "ناشط",
    "ناشطون",
    "متحدث",
    "موظف",
    "مستشار",
    "جهات",
    "اوساط",
    "مقربون",
    "مطلعون",
];

fn is_quote_char(c: char) -> bool {
    matches!(c, '«' | '»' | '“' | '”' | '„' | '"' | '″' | '‟')
}

/// Quotation spans of one paragraph: `(open, inner_start, inner_end, close_end)` in bytes.
/// `«` always opens and `»` always closes; the others toggle. An unclosed quotation runs to
/// the end of the paragraph.
fn quotation_spans(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        if !is_quote_char(c) {
            continue;
        }
        let after = i + c.len_utf8();
        match open {
            None => {
                if c != '»' {
                    open = Some((i, after));
                }
            }
            Some((o, inner)) => {
                if c == '«' {
                    // A nested or re-opened guillemet: keep the outer one.
                    continue;
                }
                spans.push((o, inner, i, after));
                open = None;
            }
        }
    }
    if let Some((o, inner)) = open {
        spans.push((o, inner, text.len(), text.len()));
    }
    spans
}

/// Sentence ranges of a paragraph: split after `. ! ? ؟ …` followed by space or the end, and
/// at line breaks, but never inside a quotation.
fn sentences(text: &str, quotes: &[(usize, usize, usize, usize)]) -> Vec<(usize, usize)> {
    let inside = |i: usize| quotes.iter().any(|&(o, _, _, e)| i > o && i < e);
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '\n' => true,
            '.' | '!' | '?' | '؟' | '…' => {
                chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) && !inside(i)
            }
            _ => false,
        };
        if boundary {
            if end > start {
                out.push((start, end));
            }
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// A token with its normalised form and clitic-stripped variants.
struct Word<'a> {
    surface: &'a str,
    start: usize,
    end: usize,
    norm: String,
    /// What the word triggers ([`trigger_of`]), read once: the scans ask it many times.
    trigger: Option<Trigger>,
}

impl Word<'_> {
    /// The normalised word without a leading و or ف (conjunction).
    fn without_conjunction(&self) -> &str {
        self.norm
            .strip_prefix('و')
            .or_else(|| self.norm.strip_prefix('ف'))
            .unwrap_or(&self.norm)
    }

    /// The normalised word without conjunction, preposition and article.
    fn bare(&self) -> &str {
        let mut w = self.norm.as_str();
        for p in ["وال", "فال", "بال", "لل", "ال"] {
            if let Some(rest) = w.strip_prefix(p)
                && rest.chars().count() >= 2
            {
                w = rest;
                return w;
            }
        }
        for p in ["و", "ف", "ب", "ل"] {
            if let Some(rest) = w.strip_prefix(p)
                && rest.chars().count() >= 3
            {
                w = rest;
                break;
            }
        }
        w
    }

    fn is_definite(&self) -> bool {
        let w = self.without_conjunction();
        w.starts_with("ال") || w.starts_with("لل") || w.starts_with("بال")
    }
}

fn words(text: &str) -> Vec<Word<'_>> {
    tokens(text)
        .into_iter()
        .map(|t| {
            let mut w = Word {
                surface: t.surface,
                start: t.start,
                end: t.end,
                norm: normalize(t.surface, Level::Match),
                trigger: None,
            };
            w.trigger = trigger_of(&w);
            w
        })
        .collect()
}

/// What a word can introduce, weakest first (a word in two lists counts as the stronger).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Trigger {
    Participle,
    Verb,
    Attribution,
}

/// Each listed word with what it triggers; a word in two lists gets the stronger.
static TRIGGERS: LazyLock<FxHashMap<&'static str, Trigger>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for (list, t) in [
        (PARTICIPLES, Trigger::Participle),
        (VERBS, Trigger::Verb),
        (ATTRIBUTIONS, Trigger::Attribution),
    ] {
        for &w in list {
            map.insert(w, t);
        }
    }
    map
});

/// What the word triggers, as written or without its conjunction (the stronger of the two).
fn trigger_of(word: &Word<'_>) -> Option<Trigger> {
    let of = |w: &str| TRIGGERS.get(w).copied();
    of(&word.norm).max(of(word.without_conjunction()))
}

fn is_complementiser(word: &Word<'_>) -> bool {
    COMPLEMENTISERS.contains(&word.norm.as_str())
        || COMPLEMENTISERS.contains(&word.without_conjunction())
}

/// The speaker as last seen: text, span and kind.
#[derive(Clone)]
struct Speaker {
    text: String,
    span: TextSpan,
    kind: SpeakerKind,
}

/// The quotes of an article's body paragraphs, in reading order.
///
/// ```
/// use marsad_analyze::{quotes, SpeakerKind};
/// let body = vec!["وقال وزير الدفاع بيني غانتس: «هذه زيارة غير مسبوقة ومهمة للغاية».".to_owned()];
/// let q = quotes(&body);
/// assert_eq!(q[0].speaker.as_deref(), Some("وزير الدفاع بيني غانتس"));
/// assert_eq!(q[0].text, "هذه زيارة غير مسبوقة ومهمة للغاية");
/// assert!(q[0].direct);
/// assert_eq!(q[0].kind, SpeakerKind::Named);
/// ```
pub fn quotes(body: &[String]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut last: Option<Speaker> = None;
    for (p, text) in body.iter().enumerate() {
        paragraph_quotes(p, text, &mut last, &mut out);
    }
    out
}

fn paragraph_quotes(p: usize, text: &str, last: &mut Option<Speaker>, out: &mut Vec<Quote>) {
    let marks = quotation_spans(text);
    let all = words(text);
    // Quotation spans claimed by a verb, so they are not reported again as bare quotes.
    let mut claimed = vec![false; marks.len()];
    for (s_start, s_end) in sentences(text, &marks) {
        let ws: Vec<&Word<'_>> = all
            .iter()
            .filter(|w| w.start >= s_start && w.end <= s_end)
            .collect();
        let mut i = 0;
        while i < ws.len() {
            // A trigger inside a quotation is part of what was said.
            let in_quote = marks
                .iter()
                .any(|&(_, a, b, _)| ws[i].start >= a && ws[i].end <= b);
            let Some(kind) = (!in_quote).then(|| ws[i].trigger).flatten() else {
                i += 1;
                continue;
            };
            let found = match kind {
                Trigger::Attribution => attribution(p, text, &ws, i, s_start, last),
                Trigger::Verb | Trigger::Participle => {
                    speech(p, text, &ws, i, s_end, &marks, &mut claimed, kind, last)
                }
            };
            match found {
                Some((quote, next)) => {
                    if let (Some(s), Some(span)) = (&quote.speaker, quote.speaker_span)
                        && quote.kind != SpeakerKind::None
                    {
                        *last = Some(Speaker {
                            text: s.clone(),
                            span,
                            kind: quote.kind,
                        });
                    }
                    out.push(quote);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
    let first_here = out
        .iter()
        .position(|q| q.paragraph == p)
        .unwrap_or(out.len());
    for (k, &(_, a, b, _)) in marks.iter().enumerate() {
        // A quotation inside what a verb's quote already holds is part of it.
        let inside = out[first_here..]
            .iter()
            .any(|q| a >= q.text_span.start && b <= q.text_span.end + 3);
        if claimed[k] || inside {
            continue;
        }
        let inner = &text[a..b];
        if tokens(inner).len() >= MIN_BARE_QUOTE_WORDS {
            let (a, b) = trim_span(text, a, b);
            out.push(Quote {
                speaker: None,
                speaker_span: None,
                kind: SpeakerKind::None,
                verb: None,
                text: text[a..b].to_owned(),
                text_span: TextSpan {
                    paragraph: p,
                    start: a,
                    end: b,
                },
                paragraph: p,
                direct: true,
            });
        }
    }
    out.sort_by_key(|q| (q.paragraph, q.text_span.start));
}

/// Trim spaces and punctuation (not quotation marks' contents) off both ends of a byte range.
fn trim_span(text: &str, mut a: usize, mut b: usize) -> (usize, usize) {
    let junk = |c: char| c.is_whitespace() || matches!(c, '،' | ',' | ':' | '.' | '؛' | ';' | '-');
    while a < b {
        match text[a..b].chars().next() {
            Some(c) if junk(c) || is_quote_char(c) => a += c.len_utf8(),
            _ => break,
        }
    }
    while a < b {
        match text[a..b].chars().next_back() {
            Some(c) if junk(c) || is_quote_char(c) => b -= c.len_utf8(),
            _ => break,
        }
    }
    (a, b)
}

/// What the introducer after the speaker is.
enum Intro {
    /// A colon or an opening quotation mark: the index of the quotation span (if any) and
    /// where the direct text starts.
    Direct(Option<usize>, usize),
    /// A complementiser: where the reported text starts.
    Reported(usize),
}

#[allow(clippy::too_many_arguments)]
fn speech(
    p: usize,
    text: &str,
    ws: &[&Word<'_>],
    v: usize,
    s_end: usize,
    marks: &[(usize, usize, usize, usize)],
    claimed: &mut [bool],
    trig: Trigger,
    last: &Option<Speaker>,
) -> Option<(Quote, usize)> {
    let verb = ws[v];
    // Scan for the introducer; the speaker is the words before it, cut at a circumstance.
    let mut speaker_end: Option<usize> = None; // index into ws, exclusive
    let mut intro = None;
    let mut j = v + 1;
    let mut prev_end = verb.end;
    while j <= ws.len() {
        let gap_end = if j < ws.len() { ws[j].start } else { s_end };
        let gap = &text[prev_end..gap_end];
        if let Some(off) = gap.find(':') {
            intro = Some(Intro::Direct(None, prev_end + off + 1));
            break;
        }
        // An opening quotation mark in the gap.
        if let Some(k) = marks
            .iter()
            .position(|&(o, _, _, _)| o >= prev_end && o < gap_end)
        {
            let (_, a, b, _) = marks[k];
            // Inside a circumstance, a short quotation is the name of an outlet or a place.
            let short = tokens(&text[a..b]).len() < 5;
            if !(speaker_end.is_some() && short) {
                intro = Some(Intro::Direct(Some(k), a));
                break;
            }
        }
        if j == ws.len() {
            break;
        }
        let w = ws[j];
        if is_complementiser(w) {
            intro = Some(Intro::Reported(w.end));
            break;
        }
        if BRIDGES.contains(&w.norm.as_str()) && ws.get(j + 1).is_some_and(|n| is_complementiser(n))
        {
            intro = Some(Intro::Reported(ws[j + 1].end));
            break;
        }
        if j > v + 1 && w.trigger.is_some() {
            break;
        }
        if speaker_end.is_none() {
            let bare = w.without_conjunction();
            let circumstance = CIRCUMSTANCES.contains(&w.norm.as_str())
                || CIRCUMSTANCES.contains(&bare)
                || (w.norm.starts_with('ل')
                    && !w.norm.starts_with("لل")
                    && gap.contains(['،', ',']));
            if circumstance && j > v + 1 {
                speaker_end = Some(j);
            } else if circumstance {
                // `قال له`، `قالت في بيان`: no speaker written before the circumstance.
                speaker_end = Some(j);
            }
        }
        if j - v > MAX_SPEAKER_WORDS + 12 {
            break;
        }
        prev_end = w.end;
        j += 1;
    }
    let speaker_end = speaker_end.unwrap_or(j.min(ws.len()));
    let written: Option<(usize, usize)> = (speaker_end > v + 1 && trig == Trigger::Verb)
        .then(|| trim_span(text, ws[v + 1].start, ws[speaker_end - 1].end))
        .filter(|&(a, b)| a < b);
    if speaker_end.saturating_sub(v + 1) > MAX_SPEAKER_WORDS {
        return None;
    }
    let (direct, text_span, mark) = match intro {
        Some(Intro::Direct(Some(k), _)) => {
            let (_, a, b, _) = marks[k];
            let (a, b) = trim_span(text, a, b);
            (true, (a, b), Some(k))
        }
        Some(Intro::Direct(None, start)) => {
            // After a colon: a quotation right there, else the rest of the sentence.
            let rest = &text[start..s_end];
            let lead = rest.len() - rest.trim_start().len();
            match marks.iter().position(|&(o, _, _, _)| o == start + lead) {
                Some(k) => {
                    let (_, a, b, _) = marks[k];
                    let (a, b) = trim_span(text, a, b);
                    (true, (a, b), Some(k))
                }
                None => (true, trim_span(text, start, s_end), None),
            }
        }
        Some(Intro::Reported(start)) => {
            let end = next_trigger_start(text, ws, v, start).unwrap_or(s_end);
            (false, trim_span(text, start, end), None)
        }
        None => {
            // `«…»، قال المسؤول`: a quotation closing just before the verb.
            let k = marks.iter().position(|&(_, _, _, close)| {
                close <= verb.start
                    && text[close..verb.start]
                        .chars()
                        .all(|c| c.is_whitespace() || matches!(c, '،' | ',' | '-'))
            })?;
            let (_, a, b, _) = marks[k];
            let (a, b) = trim_span(text, a, b);
            (true, (a, b), Some(k))
        }
    };
    if text_span.0 >= text_span.1 {
        return None;
    }
    if let Some(k) = mark {
        claimed[k] = true;
    }
    let (speaker, speaker_span, kind) = match written {
        Some((a, b)) => {
            let clause_end = match intro {
                Some(Intro::Reported(s)) | Some(Intro::Direct(_, s)) => s,
                None => b,
            };
            let kind = speaker_kind(&ws[v + 1..speaker_end], &text[a..clause_end.max(b)]);
            (
                Some(text[a..b].to_owned()),
                Some(TextSpan {
                    paragraph: p,
                    start: a,
                    end: b,
                }),
                kind,
            )
        }
        None => match last {
            Some(s) => (Some(s.text.clone()), Some(s.span), s.kind),
            None => (None, None, SpeakerKind::None),
        },
    };
    let next = ws
        .iter()
        .position(|w| w.start >= text_span.1)
        .unwrap_or(ws.len());
    Some((
        Quote {
            speaker,
            speaker_span,
            kind,
            verb: Some(verb.surface.to_owned()),
            text: text[text_span.0..text_span.1].to_owned(),
            text_span: TextSpan {
                paragraph: p,
                start: text_span.0,
                end: text_span.1,
            },
            paragraph: p,
            direct,
        },
        next,
    ))
}

/// Where the next speech trigger after a comma starts (`…، مضيفا أن`), so reported text stops
/// before it.
fn next_trigger_start(text: &str, ws: &[&Word<'_>], v: usize, from: usize) -> Option<usize> {
    ws.iter().enumerate().skip(v + 1).find_map(|(k, w)| {
        (w.start >= from
            && w.trigger.is_some()
            && k > 0
            && text[ws[k - 1].end..w.start].contains(['،', ',']))
        .then_some(w.start)
    })
}

/// `…، بحسب وكالة الأنباء`: the clause before is reported speech of what follows.
fn attribution(
    p: usize,
    text: &str,
    ws: &[&Word<'_>],
    i: usize,
    s_start: usize,
    last: &Option<Speaker>,
) -> Option<(Quote, usize)> {
    let _ = last;
    let w = ws[i];
    // `وفقا لـ` / `وفق ما`: skip the particle.
    let mut a = i + 1;
    if ws
        .get(a)
        .is_some_and(|n| matches!(n.norm.as_str(), "ل" | "لما" | "ما"))
    {
        a += 1;
    }
    if a >= ws.len() {
        return None;
    }
    // The source runs to the next comma or the sentence end.
    let mut b = a;
    while b + 1 < ws.len() && !text[ws[b].end..ws[b + 1].start].contains(['،', ',', ':']) {
        if ws[b + 1].trigger.is_some() {
            break;
        }
        b += 1;
    }
    if b - a + 1 > MAX_SPEAKER_WORDS {
        return None;
    }
    let (sa, sb) = trim_span(text, ws[a].start, ws[b].end);
    // `حسبما قال الجيش`: the verb is part of the phrase.
    let (sa, sb, from) = if ws[a].trigger == Some(Trigger::Verb) && a < b {
        let (x, y) = trim_span(text, ws[a + 1].start, ws[b].end);
        (x, y, a + 1)
    } else {
        (sa, sb, a)
    };
    let (ta, tb) = trim_span(text, s_start, w.start);
    if tokens(&text[ta..tb]).len() < 3 || sa >= sb {
        return None;
    }
    let kind = speaker_kind(&ws[from..=b], &text[sa..sb]);
    Some((
        Quote {
            speaker: Some(text[sa..sb].to_owned()),
            speaker_span: Some(TextSpan {
                paragraph: p,
                start: sa,
                end: sb,
            }),
            kind,
            verb: Some(w.surface.to_owned()),
            text: text[ta..tb].to_owned(),
            text_span: TextSpan {
                paragraph: p,
                start: ta,
                end: tb,
            },
            paragraph: p,
            direct: false,
        },
        b + 1,
    ))
}

/// Named or anonymous, from the speaker's words and its whole clause (the words up to the
/// introducer, where `تحدث شريطة عدم الكشف عن هويته` usually sits).
fn speaker_kind(speaker: &[&Word<'_>], clause: &str) -> SpeakerKind {
    let clause_words = words(clause);
    if speaker
        .iter()
        .copied()
        .chain(clause_words.iter())
        .any(|w| ANONYMITY_MARKERS.contains(&w.bare()))
    {
        return SpeakerKind::Anonymous;
    }
    let norm = normalize(clause, Level::Match);
    if ["عدم الكشف", "عدم ذكر", "عدم نشر", "دون ذكر", "دون الكشف"]
        .iter()
        .any(|m| norm.contains(m))
    {
        return SpeakerKind::Anonymous;
    }
    let Some(first) = speaker.first() else {
        return SpeakerKind::None;
    };
    if ROLE_NOUNS.contains(&first.bare()) {
        let next_definite = speaker.get(1).is_some_and(|w| w.is_definite());
        if (!first.is_definite() && !next_definite) || (first.is_definite() && speaker.len() == 1) {
            return SpeakerKind::Anonymous;
        }
    }
    SpeakerKind::Named
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists read in turn, as the map replaced: the same trigger for every listed word,
    /// with and without a conjunction.
    #[test]
    fn the_trigger_map_is_the_lists_in_order() {
        let listed = |list: &[&str], w: &Word<'_>| {
            list.contains(&w.norm.as_str()) || list.contains(&w.without_conjunction())
        };
        let by_lists = |w: &Word<'_>| {
            if listed(ATTRIBUTIONS, w) {
                Some(Trigger::Attribution)
            } else if listed(VERBS, w) {
                Some(Trigger::Verb)
            } else if listed(PARTICIPLES, w) {
                Some(Trigger::Participle)
            } else {
                None
            }
        };
        let all = ATTRIBUTIONS.iter().chain(VERBS).chain(PARTICIPLES);
        let mut seen = 0;
        for &l in all {
            for text in [
                l.to_owned(),
                format!("و{l}"),
                format!("ف{l}"),
                format!("{l}ه"),
            ] {
                for w in words(&text) {
                    assert!(by_lists(&w) == w.trigger, "{text}");
                    seen += usize::from(w.trigger.is_some());
                }
            }
        }
        assert!(seen > VERBS.len(), "{seen}");
    }

    fn one(p: &str) -> Vec<Quote> {
        quotes(&[p.to_owned()])
    }

    fn check(p: &str, speaker: Option<&str>, said: &str, kind: SpeakerKind, direct: bool) {
        let q = one(p);
        let found = q.iter().find(|q| q.text == said).unwrap_or_else(|| {
            panic!("no quote {said:?} in {p:?}; found {:#?}", q);
        });
        assert_eq!(found.speaker.as_deref(), speaker, "{p}");
        assert_eq!(found.kind, kind, "{p}");
        assert_eq!(found.direct, direct, "{p}");
        let span = found.text_span;
        assert_eq!(&p[span.start..span.end], said);
        if let (Some(s), Some(span)) = (&found.speaker, found.speaker_span) {
            assert_eq!(&p[span.start..span.end], s);
        }
    }

    #[test]
    fn direct_after_colon_and_quotation_mark() {
        check(
            "وقال وزير الدفاع بيني غانتس: «أعتقد أن الزيارة غير مسبوقة».",
            Some("وزير الدفاع بيني غانتس"),
            "أعتقد أن الزيارة غير مسبوقة",
            SpeakerKind::Named,
            true,
        );
        check(
            "وقال بار في تصريحات نشرها الجيش: “هذه لحظة مثيرة”، مشيدا بالمغرب.",
            Some("بار"),
            "هذه لحظة مثيرة",
            SpeakerKind::Named,
            true,
        );
    }

    #[test]
    fn reported_with_apposition_and_circumstance() {
        check(
            "وتعليقا على الموضوع، قال محمد الطيار، الخبير الأمني والعسكري، إن العلاقات عرفت قفزة مهمة.",
            Some("محمد الطيار، الخبير الأمني والعسكري"),
            "العلاقات عرفت قفزة مهمة",
            SpeakerKind::Named,
            false,
        );
        check(
            "وأوضح الطيار، في حديثه مع موقع \"الأيام 24\"، أن توقيع الاتفاق محطة مهمة.",
            Some("الطيار"),
            "توقيع الاتفاق محطة مهمة",
            SpeakerKind::Named,
            false,
        );
        check(
            "وأشار الوزير إلى أن المفاوضات مستمرة.",
            Some("الوزير"),
            "المفاوضات مستمرة",
            SpeakerKind::Named,
            false,
        );
    }

    #[test]
    fn anonymous_sources() {
        check(
            "وقال مسؤول دفاعي إسرائيلي كبير تحدث شريطة عدم الكشف عن هويته، \"ستكون هناك مشاريع ومبيعات قادمة\".",
            Some("مسؤول دفاعي إسرائيلي كبير"),
            "ستكون هناك مشاريع ومبيعات قادمة",
            SpeakerKind::Anonymous,
            true,
        );
        check(
            "وأوضحت المصادر أن كوخافي سيلتقي بمسؤولين أمنيين.",
            Some("المصادر"),
            "كوخافي سيلتقي بمسؤولين أمنيين",
            SpeakerKind::Anonymous,
            false,
        );
        check(
            "وقال مصدر مطلع إن الاجتماع تأجل إلى الأسبوع المقبل.",
            Some("مصدر مطلع"),
            "الاجتماع تأجل إلى الأسبوع المقبل",
            SpeakerKind::Anonymous,
            false,
        );
        check(
            "وقال مسؤول رفض الكشف عن اسمه إن القرار نهائي.",
            Some("مسؤول"),
            "القرار نهائي",
            SpeakerKind::Anonymous,
            false,
        );
    }

    #[test]
    fn quote_before_the_verb_and_inherited_speaker() {
        let body = vec![
            "قال غانتس إن الرحلة كانت علنية.".to_owned(),
            "وأضاف: «سنعزز الشراكات في التدريب والمعرفة».".to_owned(),
            "«الاتفاقية خلقت خطة عمل واضحة»، قال المسؤول.".to_owned(),
        ];
        let q = quotes(&body);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(q[1].speaker.as_deref(), Some("غانتس"));
        assert_eq!(q[1].speaker_span.map(|s| s.paragraph), Some(0));
        assert_eq!(q[1].paragraph, 1);
        assert!(q[1].direct);
        assert_eq!(q[2].text, "الاتفاقية خلقت خطة عمل واضحة");
        assert_eq!(q[2].kind, SpeakerKind::Anonymous);
    }

    #[test]
    fn participle_continues_and_stops_reported_text() {
        let q = one("وأوضحت الوزارة أن الزيارة ناجحة، مضيفة أن التعاون سيتواصل.");
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].text, "الزيارة ناجحة");
        assert_eq!(q[1].text, "التعاون سيتواصل");
        assert_eq!(q[1].speaker.as_deref(), Some("الوزارة"));
    }

    #[test]
    fn attribution_phrase() {
        check(
            "وارتفع عدد القتلى إلى 12 شخصا، بحسب وكالة الأنباء الرسمية.",
            Some("وكالة الأنباء الرسمية"),
            "وارتفع عدد القتلى إلى 12 شخصا",
            SpeakerKind::Named,
            false,
        );
    }

    #[test]
    fn scare_quotes_are_not_quotes_but_long_bare_quotations_are() {
        assert!(one("لم تخلو الزيارة من نفحات “دينية” عند لقاء الجالية.").is_empty());
        let q = one("وجاء في البيان «نرفض أي تدخل في شؤوننا الداخلية مهما كان مصدره» فقط.");
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(q[0].kind, SpeakerKind::None);
        assert!(q[0].verb.is_none());
    }

    #[test]
    fn a_quotation_inside_reported_speech_is_not_a_second_quote() {
        let q = one(
            "وقال الجيش إن الوفدين “رحبا بتعزيز التعاون القائم بين الجيشين وناقشا قضايا رئيسية”.",
        );
        assert_eq!(q.len(), 1, "{q:#?}");
        assert!(!q[0].direct);
    }

    #[test]
    fn no_quote_without_an_introducer() {
        assert!(one("أعلن الفريق عن تعاقده مع لاعب جديد").is_empty());
        assert!(one("ستكون الصفقة حتمية ومؤكدة").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for p in [
            "",
            "«",
            "»",
            "قال",
            "قال:",
            "قال إن",
            "\"\"\"",
            "بحسب",
            "، بحسب",
            "قال «",
            "a: «b",
            "قال مصدر:\n«",
            "وأضاف",
            "…قال…",
            "قال ‟x″ إن",
        ] {
            for q in one(p) {
                assert!(q.text_span.start <= q.text_span.end && q.text_span.end <= p.len());
            }
        }
    }
}
