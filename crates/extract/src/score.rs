//! Token-level precision, recall and F1 of an extracted body against a gold body: both
//! normalised for matching (`Level::Match`), tokenised, compared as multisets. Public so the
//! CLI's `eval` and benchmarks score the same way.

use std::collections::HashMap;

use marsad_text::{Level, normalize, tokens};

/// Precision, recall and F1, each in `0.0..=1.0`.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Prf {
    /// Share of extracted tokens that are in the gold.
    pub precision: f64,
    /// Share of gold tokens that were extracted.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// Score `extracted` paragraphs against `gold` paragraphs. Two empty bodies agree fully;
/// one empty body scores zero.
pub fn token_prf<E: AsRef<str>, G: AsRef<str>>(extracted: &[E], gold: &[G]) -> Prf {
    let bag = |paras: &mut dyn Iterator<Item = &str>| {
        let mut m: HashMap<String, usize> = HashMap::new();
        let mut n = 0usize;
        for p in paras {
            let norm = normalize(p, Level::Match);
            for t in tokens(&norm) {
                *m.entry(t.surface.to_lowercase()).or_default() += 1;
                n += 1;
            }
        }
        (m, n)
    };
    let (e, ne) = bag(&mut extracted.iter().map(AsRef::as_ref));
    let (g, ng) = bag(&mut gold.iter().map(AsRef::as_ref));
    if ne == 0 && ng == 0 {
        return Prf {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    if ne == 0 || ng == 0 {
        return Prf::default();
    }
    let overlap: usize = e
        .iter()
        .map(|(t, &c)| c.min(g.get(t).copied().unwrap_or(0)))
        .sum();
    let precision = overlap as f64 / ne as f64;
    let recall = overlap as f64 / ng as f64;
    let f1 = if overlap == 0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        let p = token_prf(&["قال الوزير إن"], &["قال الوزير"]);
        assert!((p.precision - 2.0 / 3.0).abs() < 1e-9);
        assert!((p.recall - 1.0).abs() < 1e-9);
        assert_eq!(token_prf::<&str, &str>(&[], &[]).f1, 1.0);
        assert_eq!(token_prf(&["a"], &[""]).f1, 0.0);
        // Hamza variants match after normalisation.
        assert_eq!(token_prf(&["إسرائيل"], &["اسرائيل"]).f1, 1.0);
    }
}
