//! Near-duplicate detection: MinHash signatures over normalised 4-word shingles, with LSH
//! banding to find candidates without comparing against every article.
//!
//! Hand-written (about a hundred lines) rather than taken from a crate because it needs
//! Marsad's own normalisation and tokenisation of the shingles, a serialisable index that
//! grows one article at a time, and a containment test besides Jaccard (aggregator re-posts
//! are often a truncated copy); `gaoya` and friends offer neither serde nor containment.

use std::collections::HashMap;

use marsad_text::{Level, normalize, tokens};
use serde::{Deserialize, Serialize};

/// Words per shingle.
const SHINGLE: usize = 4;
/// LSH bands.
const BANDS: usize = 20;
/// Rows (hash functions) per band.
const ROWS: usize = 3;
/// Most recent documents read per LSH bucket.
const BUCKET_READ: usize = 200;
/// Hash functions in a signature.
pub const HASHES: usize = BANDS * ROWS;

/// A MinHash signature and the number of distinct shingles it was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    mins: Vec<u32>,
    shingles: u32,
}

impl Signature {
    /// The signature of a text (headline and body joined).
    pub fn of(text: &str) -> Signature {
        let normal = normalize(text, Level::Search);
        let words: Vec<u64> = tokens(&normal)
            .iter()
            .map(|t| fnv(t.surface.as_bytes()))
            .collect();
        let mut shingles: Vec<u64> = if words.len() < SHINGLE {
            (!words.is_empty())
                .then(|| words.iter().fold(0, |h, &w| mix(h ^ w)))
                .into_iter()
                .collect()
        } else {
            words
                .windows(SHINGLE)
                .map(|w| w.iter().fold(0, |h, &x| mix(h ^ x)))
                .collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        let mut mins = vec![u32::MAX; HASHES];
        for &s in &shingles {
            for (i, m) in mins.iter_mut().enumerate() {
                let h = (mix(s ^ SEEDS[i % SEEDS.len()].wrapping_mul(i as u64 + 1)) >> 32) as u32;
                *m = (*m).min(h);
            }
        }
        Signature {
            mins,
            shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
        }
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// Estimated share of the smaller set's shingles found in the larger one.
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.jaccard(other);
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        if j <= 0.0 || a.min(b) <= 0.0 {
            return 0.0;
        }
        let inter = j / (1.0 + j) * (a + b);
        (inter / a.min(b)).min(1.0)
    }

    /// Distinct shingles.
    pub fn shingles(&self) -> u32 {
        self.shingles
    }

    fn band(&self, b: usize) -> u64 {
        self.mins[b * ROWS..(b + 1) * ROWS]
            .iter()
            .fold(b as u64, |h, &m| mix(h ^ u64::from(m)))
    }
}

/// The LSH index: per band, the documents whose band hashes alike.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DupIndex {
    buckets: HashMap<u64, Vec<u32>>,
}

impl DupIndex {
    /// Documents sharing at least one band with `sig` (each once, in insertion order): the
    /// newest [`BUCKET_READ`] of each bucket, so a band common to many articles (a shared
    /// boilerplate sentence) does not make the cost grow with the store; copies arrive close
    /// in time to their original.
    pub fn candidates(&self, sig: &Signature) -> Vec<u32> {
        let mut out: Vec<u32> = (0..BANDS)
            .filter_map(|b| self.buckets.get(&sig.band(b)))
            .flat_map(|bucket| bucket.iter().rev().take(BUCKET_READ))
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Index document `doc` under its signature.
    pub fn insert(&mut self, doc: u32, sig: &Signature) {
        if sig.shingles == 0 {
            return;
        }
        for b in 0..BANDS {
            self.buckets.entry(sig.band(b)).or_default().push(doc);
        }
    }
}

const SEEDS: [u64; 4] = [
    0x9E37_79B9_7F4A_7C15,
    0xBF58_476D_1CE4_E5B9,
    0x94D0_49BB_1331_11EB,
    0xD6E8_FEB8_6659_FD93,
];

/// SplitMix64's finaliser: a cheap, well-mixing 64-bit hash step.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// FNV-1a over bytes: stable across runs and platforms (signatures are persisted).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "أعلن الجيش الإسرائيلي أن رئيس أركانه أفيف كوخافي وصل إلى المغرب في أول زيارة رسمية \
        يلتقي خلالها كبار المسؤولين العسكريين لبحث التعاون بين البلدين في مجالات التدريب والاستخبارات \
        وقال بيان الجيش إن الزيارة تأتي بعد توقيع مذكرة التفاهم الدفاعية في نوفمبر الماضي";

    #[test]
    fn copies_match_and_other_texts_do_not() {
        let a = Signature::of(TEXT);
        let copy = Signature::of(&TEXT.replace("الماضي", "المنصرم"));
        let other = Signature::of(
            "ضرب زلزال بقوة ست درجات جزيرة لومبوك الإندونيسية فجر اليوم وأسفر عن سقوط قتلى وجرحى",
        );
        assert!(a.jaccard(&copy) > 0.7, "{}", a.jaccard(&copy));
        assert!(a.jaccard(&other) < 0.1);
        let mut index = DupIndex::default();
        index.insert(0, &a);
        assert_eq!(index.candidates(&copy), [0]);
        assert!(index.candidates(&other).is_empty());
    }

    #[test]
    fn a_truncated_copy_is_contained() {
        let a = Signature::of(TEXT);
        let half: String = TEXT.split(" وقال").next().unwrap_or("").to_owned();
        let b = Signature::of(&half);
        assert!(b.containment(&a) > 0.8, "{}", b.containment(&a));
        assert_eq!(Signature::of("").shingles(), 0);
    }
}
