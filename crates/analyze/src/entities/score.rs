//! CoNLL entity-level scoring with conlleval's semantics: a chunk starts at `B-X`, or at
//! `I-X` after anything but `B-X`/`I-X` (IOB1 readings count too), and ends where the next
//! token does not continue it; a predicted chunk is right only when its type, start and end
//! all match a gold chunk.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{NerKind, Tag};

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    /// Right chunks over predicted chunks.
    pub precision: f64,
    /// Right chunks over gold chunks.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Gold chunks.
    pub gold: usize,
    /// Predicted chunks.
    pub predicted: usize,
    /// Right chunks.
    pub correct: usize,
}

impl Prf {
    fn new(correct: usize, predicted: usize, gold: usize) -> Prf {
        let p = if predicted == 0 {
            0.0
        } else {
            correct as f64 / predicted as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            correct as f64 / gold as f64
        };
        let f1 = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            precision: p,
            recall: r,
            f1,
            gold,
            predicted,
            correct,
        }
    }
}

/// Scores of a tagging: overall and by type (ANERcorp names as keys), and token accuracy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerScores {
    /// Over all types.
    pub overall: Prf,
    /// By type: `PERS`, `LOC`, `ORG`, `MISC`.
    pub by_type: BTreeMap<String, Prf>,
    /// Share of tokens whose tag is right.
    pub token_accuracy: f64,
    /// Tokens scored.
    pub tokens: usize,
}

/// The chunks `(kind, start, end)` of a tag sequence, conlleval style.
pub fn chunks(tags: &[Tag]) -> Vec<(NerKind, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(NerKind, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!((open, t), (Some((k, _)), Tag::I(x)) if k == x);
        if continues {
            continue;
        }
        if let Some((k, s)) = open.take() {
            out.push((k, s, i));
        }
        if let Some(k) = t.kind() {
            open = Some((k, i));
        }
    }
    if let Some((k, s)) = open {
        out.push((k, s, tags.len()));
    }
    out
}

/// Score `(gold, predicted)` tag sequences of equal length (a longer one is cut to the
/// shorter).
///
/// ```
/// use marsad_analyze::{score_conll, Tag, NerKind};
/// let gold = [Tag::B(NerKind::Pers), Tag::I(NerKind::Pers), Tag::O];
/// let pred = [Tag::B(NerKind::Pers), Tag::O, Tag::O];
/// let s = score_conll([(&gold[..], &pred[..])]);
/// assert_eq!(s.overall.correct, 0);
/// ```
pub fn score_conll<'a>(pairs: impl IntoIterator<Item = (&'a [Tag], &'a [Tag])>) -> NerScores {
    let mut counts: BTreeMap<NerKind, (usize, usize, usize)> = BTreeMap::new();
    let (mut right, mut tokens) = (0usize, 0usize);
    for (gold, pred) in pairs {
        let n = gold.len().min(pred.len());
        let (gold, pred) = (&gold[..n], &pred[..n]);
        tokens += n;
        right += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
        let g = chunks(gold);
        let p = chunks(pred);
        for c in &g {
            counts.entry(c.0).or_default().2 += 1;
        }
        for c in &p {
            let e = counts.entry(c.0).or_default();
            e.1 += 1;
            if g.contains(c) {
                e.0 += 1;
            }
        }
    }
    let mut by_type = BTreeMap::new();
    let (mut c, mut p, mut g) = (0, 0, 0);
    for kind in NerKind::ALL {
        let (kc, kp, kg) = counts.get(&kind).copied().unwrap_or_default();
        c += kc;
        p += kp;
        g += kg;
        by_type.insert(kind.name().to_owned(), Prf::new(kc, kp, kg));
    }
    NerScores {
        overall: Prf::new(c, p, g),
        by_type,
        token_accuracy: if tokens == 0 {
            0.0
        } else {
            right as f64 / tokens as f64
        },
        tokens,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split_whitespace()
            .map(|t| Tag::parse(t).unwrap())
            .collect()
    }

    #[test]
    fn conlleval_chunks() {
        // I-LOC after O opens a chunk; I-ORG after B-LOC opens another.
        let c = chunks(&tags("B-PERS I-PERS O I-LOC B-LOC I-ORG"));
        assert_eq!(
            c,
            [
                (NerKind::Pers, 0, 2),
                (NerKind::Loc, 3, 4),
                (NerKind::Loc, 4, 5),
                (NerKind::Org, 5, 6)
            ]
        );
    }

    #[test]
    fn exact_chunk_match() {
        let gold = tags("B-PERS I-PERS O B-LOC O B-ORG");
        let pred = tags("B-PERS I-PERS O B-LOC I-LOC B-LOC");
        let s = score_conll([(&gold[..], &pred[..])]);
        assert_eq!(
            (s.overall.correct, s.overall.predicted, s.overall.gold),
            (1, 3, 3)
        );
        assert_eq!(s.by_type["PERS"].f1, 1.0);
        assert_eq!(s.by_type["LOC"].correct, 0);
        assert_eq!(s.by_type["ORG"].recall, 0.0);
    }
}
