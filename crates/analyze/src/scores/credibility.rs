//! Credibility: how far the article gives the reader grounds to believe it.
//!
//! Base `0.3` logits (57 %), then these signals, in this order (weights in logits; see the
//! formula in [`scores`](super)):
//!
//! | code | when | weight |
//! |---|---|---|
//! | `outlet_profile` | the outlet is in the source profiles | its `credibility` (−2…2) |
//! | `satire_outlet` | the profile's kind is `satire` | −2 |
//! | `outlet_unknown` | the outlet is not profiled | 0 (neutral) |
//! | `named_author` / `no_author` | an author is named / not | +0.35 / −0.1 |
//! | `named_sources` | n distinct named speakers | +0.9·(1−0.6ⁿ) |
//! | `anonymous_sources` | n distinct anonymous speakers | −1.0·(1−0.6ⁿ) |
//! | `direct_quotes` | n direct quotes with a speaker | +0.35·(1−0.7ⁿ) |
//! | `no_sources` | no speaker at all in 150+ words | −0.25 |
//! | `attributed_figures` | n figures inside attributed speech | +0.3·(1−0.7ⁿ) |
//! | `unattributed_figures` | 3+ figures, none attributed | −0.15 |
//! | `corroborated` / `not_corroborated` | n ≥ 1 / 0 other independent outlets in the event (unknown: no reason) | +1.0·(1−0.6ⁿ) / −0.2 |
//! | `headline_supported` / `headline_unsupported` | share s of the headline's content stems found in the body (3+ stems, 30+ body words) | clamp(1.5·(s−0.6), −0.9, 0.3) |
//! | `clickbait_headline` | n clickbait phrases in the headline | −1.4·(1−0.55ⁿ) |
//! | `sensational_punctuation` | n of `!`, `؟؟`, `!؟` in the headline | −0.6·(1−0.6ⁿ) |
//! | `clickbait_lead` | n other clickbait phrases in the standfirst or first paragraph | −0.5·(1−0.6ⁿ) |
//! | `opinion` | opinion markers open the piece (رأي، مقال، بقلم …), the outlet is an opinion site, or the writer speaks in the first person (2+ words, 1 per 150 words) | −0.45 |
//! | `thin_body` | fewer than 80 words | −0.6·(80−w)/80 |
//! | `detailed_body` | 400+ words | min(0.3, 0.15·ln(w/400)) |
//!
//! Clickbait phrases, opinion markers and first-person words are the lists in `lexicon.rs`.

use marsad_extract::Article;

use super::facts::Facts;
use super::profiles::{OutletKind, SourceProfile};
use super::{ScoreBuilder, saturating};
use crate::Score;

/// The base, in logits.
pub const CREDIBILITY_BASE: f32 = 0.3;

pub(crate) fn credibility(
    article: &Article,
    facts: &Facts,
    profile: Option<&SourceProfile>,
    outlet: Option<&str>,
    corroborating: Option<usize>,
) -> Score {
    let mut b = ScoreBuilder::new(CREDIBILITY_BASE);
    match profile {
        Some(p) => {
            b.add(
                "outlet_profile",
                p.credibility,
                Some(match &p.note {
                    Some(note) => format!("{} — {note}", p.name),
                    None => p.name.clone(),
                }),
            );
            if p.kind == OutletKind::Satire {
                b.add("satire_outlet", -2.0, Some(p.name.clone()));
            }
        }
        None => b.add("outlet_unknown", 0.0, outlet.map(str::to_owned)),
    }
    match article
        .author
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        Some(author) => b.add("named_author", 0.35, Some(author.to_owned())),
        None => b.add("no_author", -0.1, None),
    }
    if facts.named_sources > 0 {
        b.add(
            "named_sources",
            saturating(facts.named_sources, 0.9, 0.6),
            Some(facts.named_sources.to_string()),
        );
    }
    if facts.anonymous_sources > 0 {
        b.add(
            "anonymous_sources",
            -saturating(facts.anonymous_sources, 1.0, 0.6),
            Some(facts.anonymous_sources.to_string()),
        );
    }
    if facts.direct_quotes > 0 {
        b.add(
            "direct_quotes",
            saturating(facts.direct_quotes, 0.35, 0.7),
            Some(facts.direct_quotes.to_string()),
        );
    }
    if facts.named_sources + facts.anonymous_sources == 0 && facts.words >= 150 {
        b.add("no_sources", -0.25, None);
    }
    if facts.attributed_figures > 0 {
        b.add(
            "attributed_figures",
            saturating(facts.attributed_figures, 0.3, 0.7),
            Some(facts.attributed_figures.to_string()),
        );
    } else if facts.figures >= 3 {
        b.add(
            "unattributed_figures",
            -0.15,
            Some(facts.figures.to_string()),
        );
    }
    match corroborating {
        Some(0) => b.add("not_corroborated", -0.2, None),
        Some(n) => b.add("corroborated", saturating(n, 1.0, 0.6), Some(n.to_string())),
        None => {}
    }
    if let Some((share, n)) = facts.title_support {
        let w = (1.5 * (share - 0.6)).clamp(-0.9, 0.3);
        let code = if w < 0.0 {
            "headline_unsupported"
        } else {
            "headline_supported"
        };
        let found = (share * n as f32).round();
        b.add(code, w, Some(format!("{found}/{n}")));
    }
    if !facts.clickbait_title.is_empty() {
        b.add(
            "clickbait_headline",
            -saturating(facts.clickbait_title.len(), 1.4, 0.55),
            Some(quoted(&facts.clickbait_title)),
        );
    }
    if facts.title_marks > 0 {
        b.add(
            "sensational_punctuation",
            -saturating(facts.title_marks, 0.6, 0.6),
            Some(facts.title_marks.to_string()),
        );
    }
    if !facts.clickbait_lead.is_empty() {
        b.add(
            "clickbait_lead",
            -saturating(facts.clickbait_lead.len(), 0.5, 0.6),
            Some(quoted(&facts.clickbait_lead)),
        );
    }
    let first_person = facts.first_person >= 2 && facts.first_person * 150 >= facts.words.max(1);
    let opinion_site = profile.is_some_and(|p| p.kind == OutletKind::Opinion);
    if !facts.opinion_markers.is_empty() || first_person || opinion_site {
        let detail = if !facts.opinion_markers.is_empty() {
            quoted(&facts.opinion_markers)
        } else if opinion_site {
            "outlet".to_owned()
        } else {
            format!("first_person:{}", facts.first_person)
        };
        b.add("opinion", -0.45, Some(detail));
    }
    let words = facts.words as f32;
    if facts.words < 80 {
        b.add(
            "thin_body",
            -0.6 * (80.0 - words) / 80.0,
            Some(facts.words.to_string()),
        );
    } else if facts.words >= 400 {
        b.add(
            "detailed_body",
            (0.15 * (words / 400.0).ln()).min(0.3),
            Some(facts.words.to_string()),
        );
    }
    b.finish()
}

/// Phrases as `«a»، «b»`.
pub(crate) fn quoted(list: &[&str]) -> String {
    list.iter()
        .map(|p| format!("«{p}»"))
        .collect::<Vec<_>>()
        .join("، ")
}
