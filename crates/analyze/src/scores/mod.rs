//! Credibility and importance scores with their reasons.
//!
//! # Formula (both scores)
//! Each signal gives a weight in logit units; the score is
//! `value = round(100 · σ(base + Σ wᵢ))` with `σ(x) = 1 / (1 + e^(−x))`, so it stays within
//! 0–100 with diminishing returns and no clamp. The reasons explain it in percentage points:
//! the first reason is `base` with `round(100 · σ(base))`, and each following reason, in the
//! listed order, carries the change it makes on top of those before it:
//! `pointsᵢ = round(100 · σ(base + w₁ + … + wᵢ)) − round(100 · σ(base + w₁ + … + wᵢ₋₁))`.
//! The points of all reasons therefore sum exactly to `value`. The order is fixed (the order
//! of the signal tables in `credibility.rs` and `importance.rs`), so the same article always
//! gets the same reasons; a signal that is absent gives no reason, and a signal whose input
//! is unknown (corroboration before clustering, recency without a date) gives none either.
//!
//! Signals and their weights are documented in [`credibility`](self::credibility) and
//! [`importance`](self::importance); the lexicons they read are in `lexicon.rs`.

pub(crate) mod credibility;
pub(crate) mod facts;
pub(crate) mod importance;
pub(crate) mod lexicon;
pub(crate) mod profiles;

use crate::{Reason, Score};

/// The logistic function.
fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn points(logit: f32) -> i32 {
    // σ is in (0, 1): the product is in (0, 100) and the cast cannot overflow.
    (100.0 * sigmoid(logit)).round() as i32
}

/// Collects signals in order and turns them into a [`Score`].
#[derive(Debug)]
pub(crate) struct ScoreBuilder {
    base: f32,
    parts: Vec<(&'static str, f32, Option<String>)>,
}

impl ScoreBuilder {
    pub(crate) fn new(base: f32) -> Self {
        ScoreBuilder {
            base,
            parts: Vec::new(),
        }
    }

    /// Add a signal of `logit` weight with an optional detail (what was found).
    pub(crate) fn add(&mut self, code: &'static str, logit: f32, detail: Option<String>) {
        if logit.is_finite() {
            self.parts.push((code, logit, detail));
        }
    }

    /// The score: value and reasons whose points sum to it.
    pub(crate) fn finish(self) -> Score {
        let mut reasons = Vec::with_capacity(self.parts.len() + 1);
        let mut cum = self.base;
        let mut before = points(cum);
        reasons.push(Reason {
            code: "base".to_owned(),
            weight: clamp_i8(before),
            detail: None,
        });
        for (code, w, detail) in self.parts {
            cum += w;
            let now = points(cum);
            reasons.push(Reason {
                code: code.to_owned(),
                weight: clamp_i8(now - before),
                detail,
            });
            before = now;
        }
        Score {
            value: u8::try_from(before.clamp(0, 100)).unwrap_or(0),
            reasons,
        }
    }
}

fn clamp_i8(x: i32) -> i8 {
    // Points are within −100..=100, inside i8.
    i8::try_from(x.clamp(-100, 100)).unwrap_or(0)
}

/// `cap · (1 − rate^n)`: a count's weight, growing with each item and saturating at `cap`.
pub(crate) fn saturating(n: usize, cap: f32, rate: f32) -> f32 {
    let n = i32::try_from(n.min(1000)).unwrap_or(1000);
    cap * (1.0 - rate.powi(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_sum_to_the_value() {
        let mut b = ScoreBuilder::new(0.3);
        b.add("a", 1.2, None);
        b.add("b", -0.7, Some("x".into()));
        b.add("c", 0.01, None);
        b.add("d", 4.0, None);
        let s = b.finish();
        let sum: i32 = s.reasons.iter().map(|r| i32::from(r.weight)).sum();
        assert_eq!(sum, i32::from(s.value));
        assert_eq!(s.reasons[0].code, "base");
        assert_eq!(s.reasons.len(), 5);
    }

    #[test]
    fn extreme_weights_stay_in_range() {
        let mut b = ScoreBuilder::new(0.0);
        b.add("up", 500.0, None);
        b.add("nan", f32::NAN, None);
        let s = b.finish();
        assert_eq!(s.value, 100);
        let mut b = ScoreBuilder::new(0.0);
        b.add("down", -500.0, None);
        assert_eq!(b.finish().value, 0);
    }

    #[test]
    fn saturation_grows_and_caps() {
        assert_eq!(saturating(0, 1.0, 0.5), 0.0);
        assert!(saturating(1, 1.0, 0.5) < saturating(2, 1.0, 0.5));
        assert!(saturating(usize::MAX, 1.0, 0.5) <= 1.0);
    }
}
