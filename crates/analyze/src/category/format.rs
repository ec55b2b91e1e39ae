//! The category model's binary file format, version 1 (all integers little-endian).
//!
//! ```text
//! magic      8 bytes  "MARSADCT"
//! version    u16      1
//! bits       u8       log2 of the hash buckets
//! flags      u8       bit 0: title namespace, bit 1: stem bigrams, bit 2: outlet,
//!                     bit 3: outlet × stem
//! ngram_min  u8       character n-grams, 0 = none
//! ngram_max  u8
//! temperature f32     softmax temperature of the confidence
//! idf_unit   f32      idf = u16 code × idf_unit
//! space      str      label space ("original", "taxonomy" …)
//! n_labels   u16      then n_labels × str
//! classes    n_labels × (scale f32, bias f32): weight = i8 code × scale
//! n_rows     u32      then n_rows × row, by increasing bucket:
//!   row      LEB128 bucket delta (the first row: the bucket), u16 idf code, n_labels × i8
//! checksum   u64      FNV-1a 64 of every byte before it
//! ```
//! `str` is a u16 byte length then UTF-8. Hand-written rather than serde + bincode so the
//! layout is documented, stable across crate upgrades, and small (weights are i8).

use super::CategoryError;
use super::features::FeatureConfig;
use crate::wire;

/// The magic bytes that open a model file.
pub(crate) const MAGIC: &[u8; 8] = b"MARSADCT";
/// The format version this build writes and reads.
pub(crate) const VERSION: u16 = 1;

/// The parts of a model, as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stored {
    pub features: FeatureConfig,
    pub temperature: f32,
    pub idf_unit: f32,
    pub label_space: String,
    pub labels: Vec<String>,
    pub scales: Vec<f32>,
    pub biases: Vec<f32>,
    /// Sorted, unique.
    pub buckets: Vec<u32>,
    pub idf_codes: Vec<u16>,
    /// Row-major, `buckets.len() × labels.len()`.
    pub weights: Vec<i8>,
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    // Labels and the space name are short; longer text is cut at a char boundary.
    let mut end = s.len().min(usize::from(u16::MAX));
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    out.extend((end as u16).to_le_bytes());
    out.extend(&s.as_bytes()[..end]);
}

pub(crate) fn write(m: &Stored) -> Vec<u8> {
    let k = m.labels.len();
    let mut out = wire::begin(MAGIC, VERSION, 64 + m.buckets.len() * (4 + k));
    out.push(m.features.bucket_bits);
    out.push(
        u8::from(m.features.title)
            | u8::from(m.features.bigrams) << 1
            | u8::from(m.features.outlet) << 2
            | u8::from(m.features.outlet_words) << 3,
    );
    out.push(m.features.char_ngrams.0);
    out.push(m.features.char_ngrams.1);
    out.extend(m.temperature.to_le_bytes());
    out.extend(m.idf_unit.to_le_bytes());
    put_str(&mut out, &m.label_space);
    out.extend((k as u16).to_le_bytes());
    for l in &m.labels {
        put_str(&mut out, l);
    }
    for (s, b) in m.scales.iter().zip(&m.biases) {
        out.extend(s.to_le_bytes());
        out.extend(b.to_le_bytes());
    }
    out.extend((m.buckets.len() as u32).to_le_bytes());
    let mut prev = 0;
    for (r, &bucket) in m.buckets.iter().enumerate() {
        wire::put_leb128(&mut out, bucket - prev);
        prev = bucket;
        out.extend(m.idf_codes[r].to_le_bytes());
        out.extend(m.weights[r * k..(r + 1) * k].iter().map(|&w| w as u8));
    }
    wire::seal(out)
}

pub(crate) fn read(bytes: &[u8]) -> Result<Stored, CategoryError> {
    let mut r = wire::open(bytes, MAGIC, VERSION)?;
    let at = r.at;
    let bucket_bits = r.u8("bucket bits")?;
    if !(10..=26).contains(&bucket_bits) {
        return Err(CategoryError::Invalid {
            offset: at,
            why: format!("{bucket_bits} bucket bits"),
        });
    }
    let flags = r.u8("flags")?;
    let char_ngrams = (r.u8("n-gram min")?, r.u8("n-gram max")?);
    let features = FeatureConfig {
        bucket_bits,
        title: flags & 1 != 0,
        bigrams: flags & 2 != 0,
        char_ngrams,
        outlet: flags & 4 != 0,
        outlet_words: flags & 8 != 0,
    };
    let temperature = r.f32("temperature")?;
    let idf_unit = r.f32("idf unit")?;
    let label_space = r.str("label space")?;
    let at = r.at;
    let k = usize::from(r.u16("label count")?);
    if k < 2 {
        return Err(CategoryError::Invalid {
            offset: at,
            why: format!("{k} labels"),
        });
    }
    let labels = (0..k)
        .map(|_| r.str("label"))
        .collect::<Result<Vec<_>, _>>()?;
    let (mut scales, mut biases) = (Vec::with_capacity(k), Vec::with_capacity(k));
    for _ in 0..k {
        scales.push(r.f32("class scale")?);
        biases.push(r.f32("class bias")?);
    }
    let n = r.u32("row count")? as usize;
    // Each row takes at least 3 + k bytes: refuse counts the bytes cannot hold.
    if n > r.len() / (3 + k) {
        return Err(CategoryError::Truncated {
            offset: r.at,
            what: "rows",
        });
    }
    let mut buckets = Vec::with_capacity(n);
    let mut idf_codes = Vec::with_capacity(n);
    let mut weights = Vec::with_capacity(n * k);
    let mut prev: u32 = 0;
    for i in 0..n {
        let at = r.at;
        let delta = r.leb128("row bucket")?;
        let bucket = prev
            .checked_add(delta)
            .filter(|&b| (i == 0 || b > prev) && b >> bucket_bits == 0);
        let bucket = bucket.ok_or_else(|| CategoryError::Invalid {
            offset: at,
            why: "row bucket out of order or range".into(),
        })?;
        prev = bucket;
        buckets.push(bucket);
        idf_codes.push(r.u16("row idf")?);
        weights.extend(r.take(k, "row weights")?.iter().map(|&b| b as i8));
    }
    if r.at != r.len() {
        return Err(CategoryError::Invalid {
            offset: r.at,
            why: "bytes after the last row".into(),
        });
    }
    Ok(Stored {
        features,
        temperature,
        idf_unit,
        label_space,
        labels,
        scales,
        biases,
        buckets,
        idf_codes,
        weights,
    })
}
