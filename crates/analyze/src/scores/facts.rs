//! What the scores read off an article, computed once: counts of sources, figures, lexicon
//! hits and the headline's support in the body.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use marsad_extract::Article;
use marsad_text::{is_stopword, stem_str};
use rustc_hash::FxHashSet;

use super::lexicon::{
    CASUALTIES, CLICKBAIT, FIRST_OF_KIND, FIRST_PERSON, OPINION_MARKERS, Phrases, RANK, SCALE,
    is_number, is_year, norm_words,
};
use crate::{Quote, SpeakerKind};

/// [`FIRST_PERSON`] as a set: every body word is looked up.
static FIRST_PERSON_WORDS: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| FIRST_PERSON.iter().copied().collect());

/// Signals of one article.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    /// Words in the body.
    pub words: usize,
    /// Share of the headline's content stems found in the body, and how many there are.
    pub title_support: Option<(f32, usize)>,
    /// Clickbait phrases in the headline.
    pub clickbait_title: Vec<&'static str>,
    /// `!` and repeated `؟`/`?` in the headline.
    pub title_marks: usize,
    /// Clickbait phrases in the standfirst and first paragraph.
    pub clickbait_lead: Vec<&'static str>,
    /// Opinion markers opening the headline, standfirst or body.
    pub opinion_markers: Vec<&'static str>,
    /// First-person words outside quotations.
    pub first_person: usize,
    /// Distinct named speakers.
    pub named_sources: usize,
    /// Distinct anonymous speakers (each anonymous quote with its own speaker text).
    pub anonymous_sources: usize,
    /// Direct quotes with a speaker.
    pub direct_quotes: usize,
    /// Figures (numbers that are not years) in the body.
    pub figures: usize,
    /// Of those, figures inside a quote or an attributed clause.
    pub attributed_figures: usize,
    /// Offices and bodies of rank named, with their weights.
    pub rank: Vec<(&'static str, f32)>,
    /// Casualty words found.
    pub casualties: Vec<&'static str>,
    /// The largest number in a sentence with a casualty word.
    pub casualty_count: Option<f64>,
    /// Numbers followed by a scale word (`50 مليون`).
    pub scaled_figures: usize,
    /// First-of-its-kind phrases.
    pub first_of_kind: Vec<&'static str>,
}

impl Facts {
    pub(crate) fn of(article: &Article, quotes: &[Quote]) -> Facts {
        let mut f = Facts::default();
        let title = article.title.as_deref().unwrap_or("");
        let title_words = norm_words(title);
        f.clickbait_title = Phrases::new(&title_words).of(CLICKBAIT);
        f.title_marks = title.matches('!').count()
            + title.matches("؟؟").count()
            + title.matches("??").count()
            + title.matches("!؟").count()
            + title.matches("؟!").count();
        // Each paragraph's words once: the lead and the opinion check read the first again.
        let body_words: Vec<Vec<(String, usize, usize)>> =
            article.body.iter().map(|p| norm_words(p)).collect();
        let subtitle_words = norm_words(article.subtitle.as_deref().unwrap_or(""));
        // The standfirst then the first paragraph, as one run of words (no word spans a line
        // break, so this is the words of the two joined by one; only phrases read them).
        let mut lead_words = subtitle_words.clone();
        if let Some(first) = body_words.first() {
            lead_words.extend(first.iter().cloned());
        }
        f.clickbait_lead = Phrases::new(&lead_words)
            .of(CLICKBAIT)
            .into_iter()
            .filter(|p| !f.clickbait_title.contains(p))
            .collect();
        // Opinion markers count where they label the piece: the first words of the title,
        // the standfirst or the body.
        let mut opinion = BTreeSet::new();
        for words in [&title_words, &subtitle_words]
            .into_iter()
            .chain(body_words.first())
        {
            let head = &words[..words.len().min(4)];
            for p in Phrases::new(head).of(OPINION_MARKERS) {
                opinion.insert(p);
            }
        }
        f.opinion_markers = OPINION_MARKERS
            .iter()
            .copied()
            .filter(|p| opinion.contains(p))
            .collect();

        let mut body_stems: FxHashSet<&str> = FxHashSet::default();
        let mut named = BTreeSet::new();
        let mut anonymous = BTreeSet::new();
        for q in quotes {
            match (q.kind, &q.speaker) {
                (SpeakerKind::Named, Some(s)) => {
                    named.insert(s.as_str());
                }
                (SpeakerKind::Anonymous, Some(s)) => {
                    anonymous.insert(s.as_str());
                }
                _ => {}
            }
            if q.direct && q.speaker.is_some() {
                f.direct_quotes += 1;
            }
        }
        f.named_sources = named.len();
        f.anonymous_sources = anonymous.len();

        let mut rank = BTreeSet::new();
        let mut casualties = BTreeSet::new();
        let mut first_of_kind = BTreeSet::new();
        for (p, words) in body_words.iter().enumerate() {
            f.words += words.len();
            for (w, _, _) in words {
                if !is_stopword(w) {
                    body_stems.insert(stem_str(w));
                }
            }
            let inside_quote = |start: usize| {
                quotes.iter().any(|q| {
                    q.text_span.paragraph == p
                        && start >= q.text_span.start
                        && start < q.text_span.end
                })
            };
            for (i, (w, start, _)) in words.iter().enumerate() {
                if is_number(w) && !is_year(w) {
                    f.figures += 1;
                    if inside_quote(*start) {
                        f.attributed_figures += 1;
                    }
                    if words
                        .get(i + 1)
                        .is_some_and(|(n, _, _)| SCALE.iter().any(|s| n.ends_with(s)))
                    {
                        f.scaled_figures += 1;
                    }
                }
                if FIRST_PERSON_WORDS.contains(w.as_str()) && !inside_quote(*start) {
                    f.first_person += 1;
                }
            }
            let phrases = Phrases::new(words);
            for &(phrase, weight) in RANK {
                if phrases.contains(phrase) {
                    rank.insert((phrase, (weight * 100.0) as i32));
                }
            }
            for phrase in CASUALTIES {
                for i in phrases.find(phrase) {
                    casualties.insert(*phrase);
                    // The largest number within five words of the casualty word.
                    let lo = i.saturating_sub(5);
                    let hi = (i + 6).min(words.len());
                    for (w, _, _) in &words[lo..hi] {
                        if is_number(w) && !is_year(w) {
                            let n: f64 = w.replace(',', "").parse().unwrap_or(0.0);
                            f.casualty_count = Some(f.casualty_count.unwrap_or(0.0).max(n));
                        }
                    }
                }
            }
            for p in phrases.of(FIRST_OF_KIND) {
                first_of_kind.insert(p);
            }
        }
        // Keep list order (deterministic, documented).
        f.rank = RANK
            .iter()
            .copied()
            .filter(|(p, w)| rank.contains(&(*p, (*w * 100.0) as i32)))
            .collect();
        f.casualties = CASUALTIES
            .iter()
            .copied()
            .filter(|p| casualties.contains(p))
            .collect();
        f.first_of_kind = FIRST_OF_KIND
            .iter()
            .copied()
            .filter(|p| first_of_kind.contains(p))
            .collect();

        let title_stems: FxHashSet<&str> = title_words
            .iter()
            .filter(|(w, _, _)| !is_stopword(w) && w.chars().count() >= 2 && !is_number(w))
            .map(|(w, _, _)| stem_str(w))
            .collect();
        if title_stems.len() >= 3 && f.words >= 30 {
            let found = title_stems
                .iter()
                .filter(|s| body_stems.contains(*s))
                .count();
            f.title_support = Some((found as f32 / title_stems.len() as f32, title_stems.len()));
        }
        f
    }
}
