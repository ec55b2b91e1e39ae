//! Hashed sparse features of an article: stems of the title and body (from
//! `marsad_text::for_each_search_term`), stem bigrams, title stems in their own namespace, and
//! optionally character n-grams of the stems; weighted `(1 + ln tf) · idf` and L2-normalised.
//!
//! Features are hashed into `2^bucket_bits` buckets (feature hashing, Weinberger et al. 2009)
//! so no vocabulary has to be stored: with 2^21 buckets and ≈300k distinct features, about
//! 7 % of features share a bucket with another one, which costs a linear model almost nothing.
//! The hash (FNV-1a 64 with a MurmurHash3 finaliser, namespace as seed) is written here
//! because it is part of the model format: a hash crate changing its output between versions
//! would silently break every saved model.

use marsad_text::for_each_search_term;

/// Which features an article produces. Stored in the model, so prediction builds exactly
/// the features the model was trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureConfig {
    /// `log2` of the number of hash buckets (10 to 26).
    pub bucket_bits: u8,
    /// Title stems also get their own namespace, so a word in the headline weighs apart.
    pub title: bool,
    /// Bigrams of consecutive stems (stop words removed, within a paragraph).
    pub bigrams: bool,
    /// Character n-grams of each stem with `<` `>` boundary marks, from `.0` to `.1`
    /// characters; `(0, 0)` for none.
    pub char_ngrams: (u8, u8),
    /// The outlet (when given) is a feature: sections mean different things at different
    /// outlets, and some outlets have no section for some topics.
    pub outlet: bool,
    /// Each stem is also paired with the outlet, so the model can learn an outlet's own
    /// section boundaries. Needs `outlet`.
    pub outlet_words: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            bucket_bits: 21,
            title: true,
            bigrams: true,
            char_ngrams: (0, 0),
            outlet: false,
            outlet_words: false,
        }
    }
}

pub(crate) const NS_WORD: u64 = 1;
const NS_BIGRAM: u64 = 2;
pub(crate) const NS_TITLE: u64 = 3;
const NS_CHAR: u64 = 4;
const NS_OUTLET: u64 = 16;

/// FNV-1a 64 of `bytes` seeded by `seed`, then MurmurHash3's 64-bit finaliser (FNV's low and
/// high bits mix poorly alone).
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix(h)
}

fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn combine(a: u64, b: u64) -> u64 {
    fmix(a ^ b.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ NS_BIGRAM)
}

/// The top `bits` bits of a hash: the finaliser makes them as good as the low ones.
pub(crate) fn bucket(hash: u64, bits: u8) -> u32 {
    (hash >> (64 - u32::from(bits))) as u32
}

/// The raw features of an article: `(bucket, count)`, sorted by bucket, each bucket once.
/// `scratch` is reused between calls to avoid allocating.
pub(crate) fn featurize(
    config: &FeatureConfig,
    title: Option<&str>,
    body: &[String],
    outlet: Option<&str>,
    scratch: &mut Vec<u32>,
    out: &mut Vec<(u32, f32)>,
) {
    scratch.clear();
    out.clear();
    let bits = config.bucket_bits;
    let outlet = outlet
        .filter(|_| config.outlet)
        .map(|o| hash_bytes(NS_OUTLET, o.trim().to_lowercase().as_bytes()));
    if let Some(o) = outlet {
        scratch.push(bucket(o, bits));
    }
    let add_text = |text: &str, in_title: bool, scratch: &mut Vec<u32>| {
        let mut prev: Option<u64> = None;
        for_each_search_term(text, |term| {
            let h = hash_bytes(NS_WORD, term.as_bytes());
            scratch.push(bucket(h, bits));
            if let Some(o) = outlet.filter(|_| config.outlet_words) {
                scratch.push(bucket(combine(o, h ^ NS_OUTLET), bits));
            }
            if in_title && config.title {
                scratch.push(bucket(hash_bytes(NS_TITLE, term.as_bytes()), bits));
            }
            if config.bigrams {
                if let Some(p) = prev {
                    scratch.push(bucket(combine(p, h), bits));
                }
                prev = Some(h);
            }
            if config.char_ngrams.0 > 0 {
                char_ngrams(term, config.char_ngrams, bits, scratch);
            }
        });
    };
    if let Some(title) = title {
        add_text(title, true, scratch);
    }
    for paragraph in body {
        add_text(paragraph, false, scratch);
    }
    scratch.sort_unstable();
    let mut i = 0;
    while i < scratch.len() {
        let b = scratch[i];
        let mut j = i + 1;
        while j < scratch.len() && scratch[j] == b {
            j += 1;
        }
        out.push((b, (j - i) as f32));
        i = j;
    }
}

fn char_ngrams(term: &str, (min, max): (u8, u8), bits: u8, out: &mut Vec<u32>) {
    // Offsets of char starts in `<term>`, plus the end.
    let mut padded = String::with_capacity(term.len() + 2);
    padded.push('<');
    padded.push_str(term);
    padded.push('>');
    let bounds: Vec<usize> = padded
        .char_indices()
        .map(|(i, _)| i)
        .chain([padded.len()])
        .collect();
    let chars = bounds.len() - 1;
    for n in usize::from(min)..=usize::from(max) {
        if n > chars {
            break;
        }
        for s in 0..=chars - n {
            let gram = &padded.as_bytes()[bounds[s]..bounds[s + n]];
            out.push(bucket(hash_bytes(NS_CHAR + n as u64, gram), bits));
        }
    }
}

/// Turns raw counts into the model's input: keep buckets `idf` knows, weight
/// `(1 + ln count) · idf`, L2-normalise. `idf(bucket)` is `None` for buckets outside the
/// vocabulary. Returns the vocabulary rows with their values.
pub(crate) fn weigh<T: Copy>(
    raw: &[(u32, f32)],
    mut lookup: impl FnMut(u32) -> Option<(T, f32)>,
    out: &mut Vec<(T, f32)>,
) {
    out.clear();
    let mut norm = 0.0_f32;
    for &(b, count) in raw {
        if let Some((row, idf)) = lookup(b) {
            let v = (1.0 + count.ln()) * idf;
            norm += v * v;
            out.push((row, v));
        }
    }
    if norm > 0.0 {
        let inv = norm.sqrt().recip();
        for (_, v) in out.iter_mut() {
            *v *= inv;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(config: &FeatureConfig, title: Option<&str>, body: &[&str]) -> Vec<(u32, f32)> {
        let body: Vec<String> = body.iter().map(|s| (*s).to_owned()).collect();
        let mut out = Vec::new();
        featurize(config, title, &body, None, &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn hash_is_stable() {
        // Part of the model format: changing it breaks saved models.
        assert_eq!(
            hash_bytes(NS_WORD, "رياض".as_bytes()),
            hash_bytes(NS_WORD, "رياض".as_bytes())
        );
        assert_ne!(hash_bytes(NS_WORD, b"a"), hash_bytes(NS_TITLE, b"a"));
        assert_eq!(bucket(u64::MAX, 21), (1 << 21) - 1);
    }

    #[test]
    fn counts_are_sorted_and_merged() {
        let config = FeatureConfig {
            title: false,
            bigrams: false,
            ..FeatureConfig::default()
        };
        let f = features(&config, None, &["المباراة المباراة والمباراة"]);
        assert_eq!(f.len(), 1, "one stem: {f:?}");
        assert_eq!(f[0].1, 3.0);
        let with = features(&FeatureConfig::default(), Some("المباراة"), &["فاز الفريق"]);
        assert!(with.windows(2).all(|w| w[0].0 < w[1].0));
        // title stem twice (word + title namespace), فاز, الفريق, one bigram.
        assert_eq!(with.iter().map(|x| x.1).sum::<f32>(), 5.0);
    }

    #[test]
    fn char_ngrams_cover_short_terms() {
        let mut out = Vec::new();
        char_ngrams("اب", (3, 5), 20, &mut out);
        // "<اب>" has 4 chars: two 3-grams, one 4-gram.
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn weighing_normalises() {
        let mut out = Vec::new();
        weigh(
            &[(1, 1.0), (2, 4.0), (3, 1.0)],
            |b| (b != 3).then_some((b, 2.0)),
            &mut out,
        );
        assert_eq!(out.len(), 2);
        let norm: f32 = out.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-5);
        assert!(out[1].1 > out[0].1);
    }
}
