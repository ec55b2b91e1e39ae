//! Importance: how much the article's event matters to a general Arabic news reader.
//!
//! Base `−0.4` logits (40 %), then these signals, in this order (weights in logits; see the
//! formula in [`scores`](super)):
//!
//! | code | when | weight |
//! |---|---|---|
//! | `outlet_profile` | the outlet is profiled with an `importance` shift | that shift |
//! | `outlets_covering` | k independent outlets cover the event (this one and the corroborating ones; unknown before clustering: no reason) | min(1.6, 0.55·ln k) |
//! | `category` | the section, times the classifier's confidence c | c × [`CATEGORY_WEIGHTS`] |
//! | `officials` | offices and bodies of rank named (heads of state 0.35, ministries 0.15–0.2 …, list in `lexicon.rs`) | min(1.0, sum) |
//! | `entity_prominence` | how prominent the entities are across the store, p in 0…1 (filled by the entity pass; unknown: no reason) | 1.2·p − 0.2 |
//! | `casualties` | casualty words; n the largest number near one | min(1.3, 0.35 + 0.12·ln(1+n)) |
//! | `figures_of_scale` | n numbers followed by ألف/مليون/مليار … | +0.5·(1−0.6ⁿ) |
//! | `first_of_its_kind` | n phrases such as «لأول مرة»، «غير مسبوق» | +0.5·(1−0.5ⁿ) |
//! | `recency` | d days between publication and the analysis date | clamp(0.4 − 0.25·ln(1+d), −0.9, 0.4) |
//! | `length` | w body words | clamp(0.3·ln(w/250), −0.6, 0.35) |
//! | `prominence` | the outlet's placement p in 0…1 (1 = lead story; unknown: no reason) | 1.2·(p − 0.5) |

use chrono::NaiveDate;

use super::facts::Facts;
use super::profiles::SourceProfile;
use super::{ScoreBuilder, saturating};
use crate::Score;
use crate::scores::credibility::quoted;

/// The base, in logits.
pub const IMPORTANCE_BASE: f32 = -0.4;

/// Weight of each taxonomy section (logits, before the confidence factor).
pub const CATEGORY_WEIGHTS: &[(&str, f32)] = &[
    ("politics", 0.35),
    ("world", 0.3),
    ("middle_east", 0.3),
    ("economy", 0.25),
    ("local", 0.1),
    ("society", 0.0),
    ("technology", 0.0),
    ("sport", -0.15),
    ("culture", -0.2),
    ("misc", -0.4),
];

/// Inputs of the importance score besides the article's facts.
pub(crate) struct ImportanceInput<'a> {
    pub profile: Option<&'a SourceProfile>,
    pub corroborating: Option<usize>,
    /// Section code and confidence.
    pub category: Option<(&'a str, f32)>,
    pub entity_prominence: Option<f32>,
    pub published: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
    pub prominence: Option<f32>,
}

pub(crate) fn importance(facts: &Facts, input: &ImportanceInput<'_>) -> Score {
    let mut b = ScoreBuilder::new(IMPORTANCE_BASE);
    if let Some(p) = input.profile
        && p.importance != 0.0
    {
        b.add("outlet_profile", p.importance, Some(p.name.clone()));
    }
    if let Some(n) = input.corroborating {
        let k = n.saturating_add(1);
        b.add(
            "outlets_covering",
            (0.55 * (k as f32).ln()).min(1.6),
            Some(k.to_string()),
        );
    }
    if let Some((code, confidence)) = input.category
        && let Some(&(_, w)) = CATEGORY_WEIGHTS.iter().find(|(c, _)| *c == code)
    {
        b.add(
            "category",
            w * confidence.clamp(0.0, 1.0),
            Some(code.to_owned()),
        );
    }
    if !facts.rank.is_empty() {
        let sum: f32 = facts.rank.iter().map(|(_, w)| w).sum();
        let names: Vec<&str> = facts.rank.iter().map(|(p, _)| *p).collect();
        b.add("officials", sum.min(1.0), Some(quoted(&names)));
    }
    if let Some(p) = input.entity_prominence {
        let p = p.clamp(0.0, 1.0);
        b.add("entity_prominence", 1.2 * p - 0.2, Some(format!("{p:.2}")));
    }
    if !facts.casualties.is_empty() {
        let n = facts.casualty_count.unwrap_or(0.0).max(0.0) as f32;
        b.add(
            "casualties",
            (0.35 + 0.12 * (1.0 + n).ln()).min(1.3),
            Some(match facts.casualty_count {
                Some(n) => format!("{n}"),
                None => quoted(&facts.casualties[..facts.casualties.len().min(3)]),
            }),
        );
    }
    if facts.scaled_figures > 0 {
        b.add(
            "figures_of_scale",
            saturating(facts.scaled_figures, 0.5, 0.6),
            Some(facts.scaled_figures.to_string()),
        );
    }
    if !facts.first_of_kind.is_empty() {
        b.add(
            "first_of_its_kind",
            saturating(facts.first_of_kind.len(), 0.5, 0.5),
            Some(quoted(&facts.first_of_kind)),
        );
    }
    if let (Some(published), Some(today)) = (input.published, input.today) {
        let days = (today - published).num_days().max(0);
        let d = days as f32;
        b.add(
            "recency",
            (0.4 - 0.25 * (1.0 + d).ln()).clamp(-0.9, 0.4),
            Some(days.to_string()),
        );
    }
    let w = facts.words.max(1) as f32;
    b.add(
        "length",
        (0.3 * (w / 250.0).ln()).clamp(-0.6, 0.35),
        Some(facts.words.to_string()),
    );
    if let Some(p) = input.prominence {
        b.add(
            "prominence",
            1.2 * (p.clamp(0.0, 1.0) - 0.5),
            Some(format!("{p:.2}")),
        );
    }
    b.finish()
}
