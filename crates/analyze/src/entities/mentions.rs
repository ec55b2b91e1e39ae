//! Mentions in text: tokens (punctuation kept as its own tokens, as ANERcorp has them) cut
//! into sentences, tagged by the perceptron, completed by the gazetteers and the rank rule,
//! each with its byte span, its name (roles and proclitics stripped) and its role.

use marsad_text::{is_stopword, tokens};
use serde::{Deserialize, Serialize};

use rustc_hash::FxHashSet;

use super::features::prepare_with_matches;
use super::gazetteer::{GazClass, Gazetteer, proclitic_variants};
use super::roles::{is_org_head, is_place_head, is_product_head, is_rank, role_len, starts_office};
use super::{EntityType, NerModel, chunks};

/// Longest sentence handed to the tagger at once (tokens); longer runs are cut.
const MAX_SENTENCE: usize = 150;

/// Where a mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionSource {
    /// The statistical tagger.
    Tagger,
    /// A gazetteer entry.
    Gazetteer,
    /// The title and role rules: a rank or title right before an untagged name, or an
    /// organisation noun right before its name (`حزب شاس`).
    TitleRule,
    /// The same words as a person name found elsewhere in the article.
    Propagated,
}

/// One mention in one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// What it names.
    pub entity_type: EntityType,
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `&text[start..end]`.
    pub surface: String,
    /// The name proper: the surface without leading titles and roles, and without a
    /// proclitic (`و`، `ب`، `ل`، `لل` → `ال`) on its first word when the rest is a known
    /// name or the word is long enough to be one. What resolution compares.
    pub name: String,
    /// Titles and roles right before the name or at the front of the surface
    /// (`وزير الدفاع`، `الجنرال`), as written.
    pub role: Option<String>,
    /// The gazetteer entry's canonical name, when a list knows the name.
    pub gazetteer: Option<String>,
    /// The gazetteer list, when a list knows the name.
    pub list: Option<GazClass>,
    /// Who found it.
    pub source: MentionSource,
}

/// One token of text: a word or a punctuation character, with its byte span.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// A line break comes before it.
    newline_before: bool,
}

fn gap_tokens<'a>(
    text: &'a str,
    from: usize,
    to: usize,
    out: &mut Vec<Tok<'a>>,
    newline: &mut bool,
) {
    for (i, c) in text[from..to].char_indices() {
        if c == '\n' {
            *newline = true;
        } else if !c.is_whitespace() && !matches!(c, '\u{200c}'..='\u{200f}' | '\u{0640}') {
            let s = from + i;
            out.push(Tok {
                text: &text[s..s + c.len_utf8()],
                start: s,
                end: s + c.len_utf8(),
                newline_before: std::mem::take(newline),
            });
        }
    }
}

fn text_tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut newline = false;
    for t in tokens(text) {
        gap_tokens(text, at, t.start, &mut out, &mut newline);
        out.push(Tok {
            text: t.surface,
            start: t.start,
            end: t.end,
            newline_before: std::mem::take(&mut newline),
        });
        at = t.end;
    }
    gap_tokens(text, at, text.len(), &mut out, &mut newline);
    out
}

fn ends_sentence(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "؟" | "…" | "؛" | ";")
}

/// Finds mentions in text with a tagger and the gazetteers.
#[derive(Debug, Clone, Copy)]
pub struct MentionFinder<'m> {
    model: &'m NerModel,
}

impl<'m> MentionFinder<'m> {
    /// A finder using `model` and the model's gazetteer.
    pub fn new(model: &'m NerModel) -> Self {
        MentionFinder { model }
    }

    fn gazetteer(&self) -> &Gazetteer {
        self.model.gazetteer()
    }

    /// The mentions in `text`, in order, not overlapping.
    ///
    /// ```
    /// use marsad_analyze::{MentionFinder, ner_model, EntityType};
    /// let m = MentionFinder::new(ner_model()).find("زار الجنرال أفيف كوخافي المغرب.");
    /// assert!(m.iter().any(|m| m.entity_type == EntityType::Location && m.name == "المغرب"));
    /// ```
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut a = self.analyse(text);
        let known = a.person_words();
        a.propagate(&known);
        self.finish(text, &a)
    }

    /// Tag `text` and mark its spans, before the names known from other texts are added.
    pub(crate) fn analyse<'t>(&self, text: &'t str) -> Analysed<'t> {
        let toks = text_tokens(text);
        let mut a = Analysed {
            toks,
            norms: Vec::new(),
            sentence_of: Vec::new(),
            spans: Vec::new(),
        };
        let mut start = 0;
        let mut sentence = 0;
        for i in 0..a.toks.len() {
            let cut = i + 1 == a.toks.len()
                || ends_sentence(a.toks[i].text)
                || a.toks[i + 1].newline_before
                || i + 1 - start >= MAX_SENTENCE;
            if cut {
                self.sentence(&mut a, start, i + 1);
                a.sentence_of
                    .extend(std::iter::repeat_n(sentence, i + 1 - start));
                sentence += 1;
                start = i + 1;
            }
        }
        a
    }

    /// The mentions of an analysed text.
    pub(crate) fn finish(&self, text: &str, a: &Analysed<'_>) -> Vec<Mention> {
        let norms: Vec<&str> = a.norms.iter().map(String::as_str).collect();
        let mut spans = a.spans.clone();
        spans.sort_by_key(|s| s.0);
        spans
            .into_iter()
            .filter_map(|(s, e, ty, source, entry)| {
                self.mention(text, &a.toks, &norms, s, e, ty, source, entry)
            })
            .collect()
    }

    fn sentence(&self, a: &mut Analysed<'_>, from: usize, to: usize) {
        let words: Vec<&str> = a.toks[from..to].iter().map(|t| t.text).collect();
        let (prepared, gaz) = prepare_with_matches(&words, self.gazetteer());
        let tags = self.model.tag_prepared(&prepared);
        let norms: Vec<&str> = prepared.iter().map(|p| p.norm.as_str()).collect();
        let mut spans: Vec<Span> = chunks(&tags)
            .into_iter()
            .map(|(k, s, e)| (s, e, EntityType::of_kind(k), MentionSource::Tagger, None))
            .collect();
        refine_tagged(&words, &norms, &mut spans);
        for mut m in gaz {
            let ty = self.gazetteer().entry(m.entry).class.entity_type();
            // A listed form with a title (`الملك محمد السادس`) marks the name only: the
            // title is the mention's role, as after any other name.
            if ty == EntityType::Person {
                let r = role_len(&norms[m.start..m.end]);
                if r < m.end - m.start {
                    m.start += r;
                }
            }
            let overlapping: Vec<usize> = (0..spans.len())
                .filter(|&k| spans[k].0 < m.end && m.start < spans[k].1)
                .collect();
            if overlapping.is_empty() {
                // An ambiguous product name (`باراك` is also a given name) counts after a
                // product noun: `نظام باراك`، `طائرات هيرون`.
                let product_head =
                    ty == EntityType::Product && m.start > 0 && is_product_head(norms[m.start - 1]);
                if !m.ambiguous || product_head {
                    spans.push((m.start, m.end, ty, MentionSource::Gazetteer, Some(m.entry)));
                }
                continue;
            }
            let inside = overlapping
                .iter()
                .all(|&k| spans[k].0 >= m.start && spans[k].1 <= m.end);
            if overlapping.len() == 1 {
                let k = overlapping[0];
                let s = &mut spans[k];
                // A person span that runs from a listed person's name into a definite noun
                // ends with the name: `[محمد السادس] الوفد`. (`آل`، `بن` go on the name.)
                let runs_on = ty == EntityType::Person
                    && s.2 == EntityType::Person
                    && s.0 == m.start
                    && s.1 > m.end
                    && norms[m.end].starts_with("ال")
                    && norms[m.end].chars().count() > 3;
                if runs_on && !m.ambiguous {
                    s.1 = m.end;
                    s.3 = MentionSource::Gazetteer;
                    s.4 = Some(m.entry);
                    continue;
                }
                if (s.0, s.1) == (m.start, m.end) {
                    // The tagger and a list agree on the span: the list knows the name. A
                    // product list entry refines MISC; a person stays a person.
                    let agree = s.2 == ty
                        || (ty == EntityType::Product && s.2 != EntityType::Person)
                        || (!m.ambiguous && s.2 != EntityType::Person);
                    if agree {
                        s.2 = ty;
                        s.4 = Some(m.entry);
                    }
                    continue;
                }
            }
            if inside && !m.ambiguous && m.end - m.start > 1 {
                // A longer list name covers what the tagger found in pieces.
                spans.retain(|s| !(s.0 >= m.start && s.1 <= m.end));
                spans.push((m.start, m.end, ty, MentionSource::Gazetteer, Some(m.entry)));
            }
        }
        join_appositions(&norms, &mut spans);
        // The title rule: `الجنرال كوخافي`, `رئيس الوزراء الإسرائيلي بنيامين نتنياهو`,
        // `نائبة متحدث الجيش الإسرائيلي إيلا واوية` when the tagger left the name untagged.
        // Role words may be inside organisation or place names; the name may follow a comma.
        let mut i = 0;
        while i < norms.len() {
            // An office right after a name is said of that name (`محمد بن الوالي، مفتش
            // المدفعية الملكية`): no other name follows it.
            let after_name = (i > 0 && covered_person(&spans, i - 1))
                || (i > 1 && matches!(norms[i - 1], "," | "،") && covered_person(&spans, i - 2));
            let role = if covered_person(&spans, i) || after_name && !is_rank(norms[i]) {
                0
            } else {
                role_len(&norms[i..])
            };
            if role > 0 {
                let mut first = i + role;
                let comma = first < norms.len() && matches!(norms[first], "," | "،");
                if comma {
                    first += 1;
                }
                let after_rank = role_ends_in_rank(&norms[i..i + role]);
                // An office is a title before a name only when it is definite (`الرئيس`،
                // `وزير الخارجية`): `رئيس جديد`، `زعيم أكبر حزب` name no one.
                let titled = after_rank
                    || norms[i..i + role].iter().any(|w| {
                        w.starts_with("ال") || preposition_with_article(w) || *w == "باسم"
                    });
                let unlisted = |k: usize| k < norms.len() && prepared[k].gaz.is_none();
                let mut j = first;
                let mut overridden = Vec::new();
                while j < norms.len()
                    && j - first < 4
                    && !preposition_with_pronoun(words[j], norms[j])
                    && unlisted(j)
                {
                    let w = norms[j];
                    // A word with tanween (`حالياً`، `رداً`) is declined: no name.
                    if has_tanween(words[j]) {
                        break;
                    }
                    // After a rank, a family name shaped like an adjective of origin inside
                    // the name: `الجنرال العابد العلوي بوحامد`.
                    let inner_origin = after_rank
                        && j > first
                        && definite_origin_like(w)
                        && unlisted(j + 1)
                        && name_like(norms[j + 1])
                        && !norms[j + 1].starts_with('و')
                        && !norms.get(j + 2).is_some_and(|w| name_like(w));
                    let fits = name_like(w)
                        || (j > first || after_rank) && definite_name_like(w)
                        || inner_origin;
                    if !fits {
                        break;
                    }
                    if covered(&spans, j) {
                        // After a rank, one unlisted tagger word of another type inside the
                        // name is the name's (`بوحامد` read as a place).
                        let single = spans.iter().position(|s| {
                            (s.0, s.1) == (j, j + 1)
                                && s.2 != EntityType::Person
                                && s.3 == MentionSource::Tagger
                        });
                        match single {
                            Some(k) if after_rank && j > first => overridden.push(k),
                            _ => break,
                        }
                    }
                    j += 1;
                }
                // After an office, words that run into a listed name are the office's
                // complement (`الناطق الإعلامي بصحة منطقة [مكة المكرمة]`), not a name.
                let into_listed = !after_rank
                    && j < norms.len()
                    && (!unlisted(j) || is_place_head(norms[j]) || is_org_head(norms[j]));
                // Past a comma, one word is too often the next clause (`وزير الدفاع،
                // بتأمين`): a name there has two words or more.
                // A definite word alone after a rank is a noun (`كابتن الفريق`), with more
                // words a name (`الجنرال الفاروق بلخير`).
                let definite_alone = j == first + 1 && norms[first].starts_with("ال");
                let long_enough = j > first + usize::from(comma || definite_alone);
                if long_enough && !into_listed && titled {
                    overridden.sort_unstable();
                    for k in overridden.into_iter().rev() {
                        spans.remove(k);
                    }
                    spans.push((first, j, EntityType::Person, MentionSource::TitleRule, None));
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        for s in spans {
            a.spans.push((s.0 + from, s.1 + from, s.2, s.3, s.4));
        }
        a.norms.extend(prepared.into_iter().map(|p| p.norm));
    }

    #[allow(clippy::too_many_arguments)]
    fn mention(
        &self,
        text: &str,
        toks: &[Tok<'_>],
        norms: &[&str],
        s: usize,
        e: usize,
        ty: EntityType,
        source: MentionSource,
        entry: Option<usize>,
    ) -> Option<Mention> {
        // Leading punctuation never belongs to a name.
        let mut s = s;
        while s < e && !toks[s].text.chars().any(char::is_alphanumeric) {
            s += 1;
        }
        let mut e = e;
        while e > s && !toks[e - 1].text.chars().any(char::is_alphanumeric) {
            e -= 1;
        }
        if s == e {
            return None;
        }
        // Roles at the front of the span (kept apart from the name), or just before it.
        let inner = role_len(&norms[s..e]).min(e - s - 1);
        let mut role_start = s;
        if inner == 0 && ty == EntityType::Person {
            let mut k = s;
            while k > 0 && s - (k - 1) <= 6 && role_len(&norms[k - 1..s]) == s - (k - 1) {
                k -= 1;
            }
            role_start = k;
        }
        let role = if inner > 0 {
            Some(&text[toks[s].start..toks[s + inner - 1].end])
        } else if role_start < s {
            Some(&text[toks[role_start].start..toks[s - 1].end])
        } else {
            None
        };
        let name_from = s + inner;
        let written: Vec<&str> = toks[name_from..e].iter().map(|t| t.text).collect();
        let name = self.clean_name(&written, &norms[name_from..e], ty);
        if name.is_empty() {
            return None;
        }
        let (gazetteer, list) = match entry {
            Some(k) => {
                let g = self.gazetteer().entry(k);
                (Some(g.canonical.clone()), Some(g.class))
            }
            // A person is linked to a list only by the people list: `الرئيس ترامب` is
            // `دونالد ترامب`, but a person named like a place is not the place.
            None => match self.gazetteer().lookup(&name) {
                Some(k)
                    if (ty == EntityType::Person)
                        == (self.gazetteer().entry(k).class == GazClass::Person) =>
                {
                    let g = self.gazetteer().entry(k);
                    (Some(g.canonical.clone()), Some(g.class))
                }
                _ => (None, None),
            },
        };
        Some(Mention {
            entity_type: ty,
            start: toks[s].start,
            end: toks[e - 1].end,
            surface: text[toks[s].start..toks[e - 1].end].to_owned(),
            name,
            role: role.map(str::to_owned),
            gazetteer,
            list,
            source,
        })
    }

    /// The name words joined as written, with a proclitic dropped from the first word:
    /// always `لل` → `ال` and `وال`/`بال`/`فال`/`كال` → `ال`; a bare `و ب ل ف ك` when what
    /// is left (with the other words) is a known name, or the rest has at least four letters
    /// and the word is not known as it is.
    fn clean_name(&self, written: &[&str], words: &[&str], ty: EntityType) -> String {
        let (Some((first, rest)), Some((first_w, rest_w))) =
            (words.split_first(), written.split_first())
        else {
            return String::new();
        };
        let mut first_clean: String = (*first_w).to_owned();
        let variants = proclitic_variants(first);
        let known = |w: &str| self.gazetteer().lookup(w).is_some();
        let known_as_written = |w: &str| self.gazetteer().lookup_exact(w).is_some();
        let with_rest = |v: &str| {
            let mut n = v.to_owned();
            for w in rest {
                n.push(' ');
                n.push_str(w);
            }
            n
        };
        if variants.len() > 1 && !known_as_written(&with_rest(first)) {
            let definite_origin = ["وال", "بال", "لل", "فال", "كال"]
                .iter()
                .any(|p| first.starts_with(p));
            for v in variants.iter().skip(1) {
                let whole_known = known(&with_rest(v));
                // A bare `ب ل ك` is too often part of a name (`كوخافي`, `بلخير`); only the
                // conjunction `و` comes off on its own.
                let bare_ok = ty != EntityType::Misc
                    && first.starts_with('و')
                    && first.chars().count() == v.chars().count() + 1
                    && v.chars().count() >= 4;
                if whole_known || (definite_origin && v.starts_with("ال")) || bare_ok {
                    first_clean = strip_written(first_w, first, v);
                    break;
                }
            }
        }
        let mut out = first_clean;
        for w in rest_w {
            out.push(' ');
            out.push_str(w);
        }
        out
    }
}

/// Two forms of one listed name side by side, one in Arabic script and one in Latin, are
/// one mention: a name and its acronym or Latin spelling in apposition (`الشركة
/// الإسرائيلية للطيران IAI`), so the surface is the whole phrase and the second form is not
/// a mention of its own. Two Arabic forms side by side are two mentions (`بالقاهرة
/// القاهرة` is a sentence's end and a dateline).
fn join_appositions(norms: &[&str], spans: &mut Vec<Span>) {
    let latin = |words: &[&str]| {
        words
            .iter()
            .any(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
    };
    spans.sort_by_key(|s| s.0);
    let mut k = 1;
    while k < spans.len() {
        let (a, b) = (spans[k - 1], spans[k]);
        let same_entry = a.4.is_some() && a.4 == b.4 && a.2 == b.2;
        let scripts_differ = latin(&norms[a.0..a.1]) != latin(&norms[b.0..b.1]);
        if same_entry && a.1 == b.0 && scripts_differ {
            spans[k - 1].1 = b.1;
            spans.remove(k);
        } else {
            k += 1;
        }
    }
}

/// The written word with the proclitic letters that `norm` → `variant` removed: as many
/// leading letters (with their marks) as were dropped, `ال` in front when `لل` became `ال`.
fn strip_written(written: &str, norm: &str, variant: &str) -> String {
    let dropped = norm.chars().count().saturating_sub(variant.chars().count());
    let (skip, prefix) = if variant.starts_with("ال") && norm.starts_with("لل")
        || norm[norm.len().min(2)..].starts_with("لل") && variant.starts_with("ال")
    {
        (dropped + 2, "ال")
    } else {
        (dropped, "")
    };
    let mut letters = 0;
    let mut cut = written.len();
    let mark = |c: char| matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}');
    for (i, c) in written.char_indices() {
        if c.is_alphabetic() && !mark(c) {
            if letters == skip {
                cut = i;
                break;
            }
            letters += 1;
        }
    }
    if letters < skip {
        return variant.to_owned();
    }
    format!("{prefix}{}", &written[cut..])
}

/// A span of tokens: start, end, type, who found it, gazetteer entry.
pub(crate) type Span = (usize, usize, EntityType, MentionSource, Option<usize>);

/// A text tagged and marked, before mentions are built.
#[derive(Debug, Clone)]
pub(crate) struct Analysed<'t> {
    toks: Vec<Tok<'t>>,
    norms: Vec<String>,
    sentence_of: Vec<usize>,
    spans: Vec<Span>,
}

impl Analysed<'_> {
    /// The words of its person names (roles cut, proclitics off): what [`Analysed::propagate`]
    /// looks for elsewhere.
    pub(crate) fn person_words(&self) -> FxHashSet<String> {
        let mut out = FxHashSet::default();
        for &(s, e, ty, _, _) in &self.spans {
            if ty != EntityType::Person {
                continue;
            }
            let words: Vec<&str> = self.norms[s..e].iter().map(String::as_str).collect();
            let from = role_len(&words).min(words.len().saturating_sub(1));
            for w in &words[from..] {
                if (name_like(w) || definite_name_like(w)) && w.chars().count() >= 3 {
                    out.insert((*w).to_owned());
                }
            }
        }
        out
    }

    /// Mark as persons the untagged runs of words that are known person-name words (from
    /// this text or others of the same article): a name found once is found everywhere.
    pub(crate) fn propagate(&mut self, known: &FxHashSet<String>) {
        if known.is_empty() {
            return;
        }
        let is_known = |w: &str| {
            known.contains(w)
                || (w.starts_with(['و', 'ف', 'ب', 'ل', 'ك'])
                    && proclitic_variants(w)
                        .iter()
                        .skip(1)
                        .any(|v| known.contains(v.as_ref())))
        };
        let mut i = 0;
        let mut added = Vec::new();
        while i < self.norms.len() {
            if covered(&self.spans, i) || !is_known(&self.norms[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < self.norms.len()
                && self.sentence_of[j] == self.sentence_of[i]
                && !covered(&self.spans, j)
                && known.contains(&self.norms[j])
            {
                j += 1;
            }
            added.push((i, j, EntityType::Person, MentionSource::Propagated, None));
            i = j;
        }
        self.spans.extend(added);
    }
}

/// Stop words that are also names or name words (`علي`، `أم كلثوم`، `ذو الفقار`، `لي`).
const NAME_STOPWORDS: &[&str] = &[
    "علي", "ام", "ذو", "ذي", "لي", "لين", "هو", "كاي", "فان", "دون", "بيس",
];

/// A stop word of three letters or more that is no name word: two-letter ones (`لو`، `بي`،
/// `دي`) are also syllables of transliterated names (`بن لو برون`، `بي مورغان`).
fn plain_stopword(w: &str) -> bool {
    let bare = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    is_stopword(w)
        && !NAME_STOPWORDS.contains(&w)
        && !NAME_STOPWORDS.contains(&bare)
        && w.chars().nth(2).is_some()
}

/// Corrections of the tagger's spans by the role rules, written by hand because the tagger
/// was trained on ANERcorp, which marks no roles:
/// - A role that starts before a span and runs into it (`عضو [الكنيست مارجي]`، `الجنرال [دو
///   ديفيزيون]`) leaves it: what follows the role is a person's name when it looks like one;
///   a person span that is all role words is no name and goes.
/// - A person span that starts with an organisation noun is an organisation; one that starts
///   with or follows a place noun (`منطقة [عسير]`) is a place.
/// - A person span of three words or more right after an organisation noun (`حزب [شاس
///   يعقوب مارجي]`) gives its first word to the organisation.
/// - A person span loses leading stop words (`آنذاك بيني غانتس`) and ends before an office
///   that follows the name (`محمد بن الوالي مفتش`، `بلخير الفاروق ورئيس جهاز`), a
///   preposition with a pronoun (`غانتس بنظيره`) or a stop word.
fn refine_tagged(words: &[&str], norms: &[&str], spans: &mut Vec<Span>) {
    let mut orgs = Vec::new();
    let ends: FxHashSet<usize> = spans.iter().map(|s| s.1).collect();
    spans.retain_mut(|sp| {
        let (mut s, mut e) = (sp.0, sp.1);
        let into = (s.saturating_sub(6)..s)
            .map(|k| k + role_len(&norms[k..e]))
            .find(|&end| end > s);
        if let Some(end) = into {
            if end >= e {
                return sp.2 != EntityType::Person;
            }
            let rest = &norms[end..e];
            let person_like = sp.2 == EntityType::Person
                || name_like(rest[0])
                    && rest[1..]
                        .iter()
                        .all(|w| name_like(w) || definite_name_like(w));
            if person_like {
                s = end;
                sp.2 = EntityType::Person;
            }
        }
        if sp.2 == EntityType::Person && is_org_head(norms[s]) {
            // A name never starts with `جمعية`، `شركة`، `مستشفى`: `[جمعية الثقافة والفنون]`.
            sp.2 = EntityType::Organization;
        }
        if sp.2 == EntityType::Person
            && (is_place_head(norms[s]) || s > 0 && is_place_head(norms[s - 1]))
        {
            // `منطقة [عسير]`، `[مدينة ديار بكر]`: a place.
            sp.2 = EntityType::Location;
        }
        if sp.2 == EntityType::Person
            && s > 0
            && e - s >= 3
            && !ends.contains(&s)
            && is_org_head(norms[s - 1])
        {
            // `حزب [شاس يعقوب مارجي]`: the first word completes the organisation.
            orgs.push((
                s - 1,
                s + 1,
                EntityType::Organization,
                MentionSource::TitleRule,
                None,
            ));
            s += 1;
        }
        if sp.2 == EntityType::Person {
            while s < e && plain_stopword(norms[s]) {
                s += 1;
            }
            if let Some(k) = (s + 1..e).find(|&k| {
                let w = norms[k];
                starts_office(w) || preposition_with_pronoun(words[k], w) || plain_stopword(w)
            }) {
                e = k;
            }
        }
        (sp.0, sp.1) = (s, e);
        s < e
    });
    spans.extend(orgs);
}

/// `بنظيره`, `لها`, `كمثله`: a preposition with a pronoun suffix, never part of a name.
/// `norm` is the normalised `written`; the suffix is read on the written word, where the
/// pronoun `ه` differs from the `ة` that ends names (`بوريطة`).
fn preposition_with_pronoun(written: &str, norm: &str) -> bool {
    let last = written
        .chars()
        .rev()
        .find(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'));
    norm.starts_with(['ب', 'ل', 'ك'])
        && (last == Some('ه')
            || last == Some('ا') && norm.ends_with("ها")
            || last == Some('م') && norm.ends_with("هم"))
        && norm.chars().count() >= 4
}

fn covered_person(spans: &[Span], i: usize) -> bool {
    spans
        .iter()
        .any(|s| s.0 <= i && i < s.1 && s.2 == EntityType::Person)
}

/// Whether a role ends with a rank (`الجنرال`): then a definite word is a name (`الجنرال
/// الفاروق بلخير`), where after an office it is usually more of the office.
fn role_ends_in_rank(role: &[&str]) -> bool {
    role.iter()
        .rev()
        .find(|w| !super::roles::is_grade(w))
        .is_some_and(|w| is_rank(w))
}

/// A definite word shaped like an adjective of origin (`العلوي`، `الإسرائيلي`), not a stop
/// word or a role word.
fn definite_origin_like(w: &str) -> bool {
    w.starts_with("ال")
        && w.ends_with('ي')
        && w.chars().count() >= 5
        && w.chars().all(char::is_alphabetic)
        && !is_stopword(w)
        && role_len(&[w]) == 0
}

/// Whether a written word carries a tanween mark (`ً ٌ ٍ`): news leaves names unmarked.
fn has_tanween(written: &str) -> bool {
    written.contains(['\u{064B}', '\u{064C}', '\u{064D}'])
}

/// `بالباحة`، `للتعرف`، `والمنطقة`: a proclitic before the article, never a name's first
/// letters.
fn preposition_with_article(w: &str) -> bool {
    ["بال", "لل", "وال", "فال", "كال"].iter().any(|p| {
        w.strip_prefix(p)
            .is_some_and(|r| r.chars().nth(1).is_some())
    })
}

/// A definite word that may be a name: not a stop word, not an adjective of origin
/// (`الإسرائيلي`), not a role word.
fn definite_name_like(w: &str) -> bool {
    w.starts_with("ال")
        && w.chars().count() >= 4
        && w.chars().all(char::is_alphabetic)
        && !is_stopword(w)
        && !w.ends_with('ي')
        && !w.ends_with("يه")
        && role_len(&[w]) == 0
}

fn covered(spans: &[Span], i: usize) -> bool {
    spans.iter().any(|s| s.0 <= i && i < s.1)
}

/// A word that may be (part of) a name after a rank: letters, not a stop word, not a
/// definite adjective or noun (`الأمريكي`), not a rank or role.
fn name_like(w: &str) -> bool {
    w.chars().count() >= 2
        && !preposition_with_article(w)
        && !is_org_head(w)
        && !is_product_head(w)
        && !is_place_head(w)
        && w.chars().all(char::is_alphabetic)
        && !is_stopword(w)
        && !w.starts_with("ال")
        && !is_rank(w)
        && role_len(&[w]) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitics_come_off_the_written_word() {
        assert_eq!(strip_written("وإسرائيل", "واسرايل", "اسرايل"), "إسرائيل");
        assert_eq!(strip_written("للقوات", "للقوات", "القوات"), "القوات");
        assert_eq!(strip_written("وللقوات", "وللقوات", "القوات"), "القوات");
        assert_eq!(strip_written("بِكوخافي", "بكوخافي", "كوخافي"), "كوخافي");
    }

    fn refined(
        text: &str,
        spans: &[(usize, usize, EntityType)],
    ) -> Vec<(usize, usize, EntityType)> {
        let norm = marsad_text::normalize(text, marsad_text::Level::Search);
        let norms: Vec<&str> = norm.split(' ').collect();
        let written: Vec<&str> = text.split(' ').collect();
        let mut spans: Vec<Span> = spans
            .iter()
            .map(|&(s, e, t)| (s, e, t, MentionSource::Tagger, None))
            .collect();
        refine_tagged(&written, &norms, &mut spans);
        let mut out: Vec<_> = spans.into_iter().map(|s| (s.0, s.1, s.2)).collect();
        out.sort_by_key(|s| s.0);
        out
    }

    #[test]
    fn roles_and_heads_correct_the_tagger_spans() {
        use EntityType::{Location, Organization, Person};
        // A role that runs into a span leaves it; the rest is a person.
        assert_eq!(
            refined("عضو الكنيست مارجي", &[(1, 3, Organization)]),
            [(2, 3, Person)]
        );
        // A person span made of title words only is no name.
        assert_eq!(refined("الجنرال دو ديفيزيون العابد", &[(1, 3, Person)]), []);
        // A span that a role only precedes is kept as it is.
        assert_eq!(
            refined("وزير الخارجية ناصر بوريطة", &[(2, 4, Person)]),
            [(2, 4, Person)]
        );
        // Offices after the name, prepositions with pronouns, stop words end a name.
        assert_eq!(
            refined("محمد بن الوالي مفتش", &[(0, 4, Person)]),
            [(0, 3, Person)]
        );
        assert_eq!(
            refined("بلخير الفاروق ورئيس جهاز", &[(0, 4, Person)]),
            [(0, 2, Person)]
        );
        assert_eq!(
            refined("التقى غانتس بنظيره", &[(1, 3, Person)]),
            [(1, 2, Person)]
        );
        assert_eq!(
            refined("آنذاك بيني غانتس", &[(0, 3, Person)]),
            [(1, 3, Person)]
        );
        // ... but not the names' own short words, nor a `ة` that ends a name.
        assert_eq!(
            refined("علي بن لو برون", &[(0, 4, Person)]),
            [(0, 4, Person)]
        );
        assert_eq!(refined("ناصر بوريطة", &[(0, 2, Person)]), [(0, 2, Person)]);
        // Organisation and place nouns.
        assert_eq!(
            refined("من حزب شاس يعقوب مارجي", &[(2, 5, Person)]),
            [(1, 3, Organization), (3, 5, Person)]
        );
        assert_eq!(
            refined("جمعية الثقافة والفنون", &[(0, 3, Person)]),
            [(0, 3, Organization)]
        );
        assert_eq!(
            refined("أمير منطقة عسير", &[(2, 3, Person)]),
            [(2, 3, Location)]
        );
        assert_eq!(
            refined("في المحافظة سياف بن عامر", &[(2, 5, Person)]),
            [(2, 5, Person)]
        );
    }

    #[test]
    fn the_pronoun_is_read_on_the_written_word() {
        assert!(preposition_with_pronoun("بنظيره", "بنظيره"));
        assert!(preposition_with_pronoun("لأجلها", "لاجلها"));
        assert!(!preposition_with_pronoun("بوريطة", "بوريطه"));
        assert!(!preposition_with_pronoun("بلخير", "بلخير"));
        assert!(has_tanween("حالياً") && has_tanween("ردًا") && !has_tanween("بوحامد"));
    }

    fn persons(text: &str) -> Vec<String> {
        MentionFinder::new(super::super::ner_model())
            .find(text)
            .into_iter()
            .filter(|m| m.entity_type == EntityType::Person)
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn title_rule_reads_whole_names_and_no_nouns() {
        let p = persons("التقى بار بنظيره، الجنرال العابد العلوي بوحامد، وزار القاعدة الجوية.");
        assert!(p.iter().any(|n| n == "العابد العلوي بوحامد"), "{p:?}");
        for text in [
            "يسعى المدرب إلى تجهيز فريق الهلال للموسم.",
            "وتشمل الانتخابات انتخاب رئيس جديد ونوابه الثلاثة.",
            "وقال الناطق الإعلامي بصحة منطقة مكة المكرمة إن المستشفى جاهز.",
            "وأشاد كابتن الفريق بالجمهور.",
        ] {
            let p = persons(text);
            assert!(p.is_empty(), "{text}: {p:?}");
        }
    }

    #[test]
    fn proclitics_come_off_listed_names_and_products_follow_their_nouns() {
        let f = MentionFinder::new(super::super::ner_model());
        let m = f.find("تعاون بين القوات المسلحة الملكية وجيش الدفاع الإسرائيلي.");
        assert!(m.iter().any(|m| m.name == "جيش الدفاع الإسرائيلي"), "{m:?}");
        let m = f.find("قد تبيع الشركة نظام باراك للدفاع الجوي للمغرب.");
        assert!(
            m.iter()
                .any(|m| m.entity_type == EntityType::Product && m.name == "باراك"),
            "{m:?}"
        );
    }

    #[test]
    fn listed_people_are_found_where_the_tagger_is_silent() {
        let f = MentionFinder::new(super::super::ner_model());
        let m = f.find("وحدث انفراج بعد أن وافقت إدارة ترامب على الاعتراف بالسيادة.");
        let trump = m.iter().find(|m| m.name == "ترامب");
        assert_eq!(
            trump.map(|m| (m.entity_type, m.gazetteer.as_deref())),
            Some((EntityType::Person, Some("دونالد ترامب"))),
            "{m:?}"
        );
        // The title of a listed form is the role, not part of the name.
        let m = f.find("استقبل الملك محمد السادس الوفد في الرباط.");
        let king = m.iter().find(|m| m.entity_type == EntityType::Person);
        assert_eq!(
            king.map(|m| (m.surface.as_str(), m.role.as_deref())),
            Some(("محمد السادس", Some("الملك"))),
            "{m:?}"
        );
    }

    #[test]
    fn a_name_and_its_latin_form_side_by_side_are_one_mention() {
        let f = MentionFinder::new(super::super::ner_model());
        let m = f.find("وكانت الشركة الإسرائيلية للطيران IAI تزود المغرب بالطائرات.");
        let orgs: Vec<&str> = m
            .iter()
            .filter(|m| m.entity_type == EntityType::Organization)
            .map(|m| m.surface.as_str())
            .collect();
        assert_eq!(orgs, ["الشركة الإسرائيلية للطيران IAI"], "{m:?}");
        // Two Arabic forms side by side stay two: a sentence's end and a dateline.
        let m = f.find("يجتمعون غدا بالقاهرة القاهرة (د ب أ) أعلن الوزراء.");
        let places = m
            .iter()
            .filter(|m| m.entity_type == EntityType::Location)
            .count();
        assert_eq!(places, 2, "{m:?}");
    }

    #[test]
    fn tokens_keep_punctuation_and_spans() {
        let text = "قال «كوخافي»، في الرباط.\nثم";
        let t = text_tokens(text);
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            ["قال", "«", "كوخافي", "»", "،", "في", "الرباط", ".", "ثم"]
        );
        for tok in &t {
            assert_eq!(&text[tok.start..tok.end], tok.text);
        }
        assert!(t[8].newline_before);
    }
}
