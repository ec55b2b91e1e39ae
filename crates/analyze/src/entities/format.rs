//! The tagger's binary file format, version 2 (all integers little-endian).
//!
//! ```text
//! magic      8 bytes  "MARSADNE"
//! version    u16      2 (version 1 had no clusters field)
//! bits       u8       log2 of the hash buckets (16 to 24)
//! clusters   u64      fingerprint of the word clusters the features read (0: none)
//! n_tags     u8       9 (O, then B/I of PERS, LOC, ORG, MISC)
//! scales     n_tags × f32        weight = i8 code × scale of its tag
//! trans      (n_tags + 1) × n_tags × f32   previous tag (last row: sentence start) × tag
//! n_rows     u32      then n_rows × row, by increasing bucket:
//!   row      LEB128 bucket delta (the first row: the bucket), n_tags × i8
//! checksum   u64      FNV-1a 64 of every byte before it
//! ```
//! Hand-written rather than serde + bincode so the layout is documented, stable across crate
//! upgrades, and small (weights are i8, only non-zero rows are stored).

use super::{N_TAGS, NerError};
use crate::wire;

/// The magic bytes that open a model file.
pub(crate) const MAGIC: &[u8; 8] = b"MARSADNE";
/// The format version this build writes and reads.
pub(crate) const VERSION: u16 = 2;
/// Where the clusters fingerprint stands.
pub(crate) const CLUSTERS_AT: usize = 11;

/// The parts of a model, as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stored {
    pub bits: u8,
    pub clusters: u64,
    pub scales: [f32; N_TAGS],
    pub trans: Vec<f32>,
    /// Sorted, unique.
    pub buckets: Vec<u32>,
    /// `buckets.len() × N_TAGS`.
    pub weights: Vec<i8>,
}

pub(crate) fn write(m: &Stored) -> Vec<u8> {
    let mut out = wire::begin(MAGIC, VERSION, 64 + m.buckets.len() * (3 + N_TAGS));
    out.push(m.bits);
    out.extend(m.clusters.to_le_bytes());
    out.push(N_TAGS as u8);
    for s in m.scales {
        out.extend(s.to_le_bytes());
    }
    for t in &m.trans {
        out.extend(t.to_le_bytes());
    }
    out.extend((m.buckets.len() as u32).to_le_bytes());
    let mut prev = 0;
    for (r, &bucket) in m.buckets.iter().enumerate() {
        wire::put_leb128(&mut out, bucket - prev);
        prev = bucket;
        out.extend(
            m.weights[r * N_TAGS..(r + 1) * N_TAGS]
                .iter()
                .map(|&w| w as u8),
        );
    }
    wire::seal(out)
}

pub(crate) fn read(bytes: &[u8]) -> Result<Stored, NerError> {
    let mut r = wire::open(bytes, MAGIC, VERSION)?;
    let at = r.at;
    let bits = r.u8("bucket bits")?;
    if !(16..=24).contains(&bits) {
        return Err(NerError::Invalid {
            offset: at,
            why: format!("{bits} bucket bits"),
        });
    }
    let clusters = u64::from_le_bytes(r.array("clusters fingerprint")?);
    let at = r.at;
    let n_tags = r.u8("tag count")?;
    if usize::from(n_tags) != N_TAGS {
        return Err(NerError::Invalid {
            offset: at,
            why: format!("{n_tags} tags"),
        });
    }
    let mut scales = [0f32; N_TAGS];
    for s in &mut scales {
        *s = r.f32("tag scale")?;
    }
    let trans = (0..(N_TAGS + 1) * N_TAGS)
        .map(|_| r.f32("transition"))
        .collect::<Result<Vec<_>, _>>()?;
    let n = r.u32("row count")? as usize;
    if n > r.len() / (1 + N_TAGS) {
        return Err(NerError::Truncated {
            offset: r.at,
            what: "rows",
        });
    }
    let mut buckets = Vec::with_capacity(n);
    let mut weights = Vec::with_capacity(n * N_TAGS);
    let mut prev: u32 = 0;
    for i in 0..n {
        let at = r.at;
        let delta = r.leb128("row bucket")?;
        let bucket = prev
            .checked_add(delta)
            .filter(|&b| (i == 0 || b > prev) && b >> bits == 0);
        let bucket = bucket.ok_or_else(|| NerError::Invalid {
            offset: at,
            why: "row bucket out of order or range".into(),
        })?;
        prev = bucket;
        buckets.push(bucket);
        weights.extend(r.take(N_TAGS, "row weights")?.iter().map(|&b| b as i8));
    }
    if r.at != r.len() {
        return Err(NerError::Invalid {
            offset: r.at,
            why: "bytes after the last row".into(),
        });
    }
    Ok(Stored {
        bits,
        clusters,
        scales,
        trans,
        buckets,
        weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Stored {
        Stored {
            bits: 16,
            clusters: 0x0123_4567_89ab_cdef,
            scales: [0.5; N_TAGS],
            trans: vec![0.25; (N_TAGS + 1) * N_TAGS],
            buckets: vec![3, 200, 65535],
            weights: (0..3 * N_TAGS as i32).map(|x| (x - 13) as i8).collect(),
        }
    }

    #[test]
    fn round_trips_and_refuses_damage() {
        let bytes = write(&sample());
        assert_eq!(read(&bytes).unwrap(), sample());
        let mut bad = bytes.clone();
        bad[20] ^= 1;
        assert!(matches!(read(&bad), Err(NerError::Checksum { .. })));
        assert!(matches!(read(b"MARSADCT\x01\x00"), Err(NerError::BadMagic)));
        assert!(matches!(
            read(&bytes[..12]),
            Err(NerError::Truncated { .. }) | Err(NerError::Checksum { .. })
        ));
        let mut v2 = bytes.clone();
        v2[8] = 1;
        assert!(matches!(
            read(&v2),
            Err(NerError::UnsupportedVersion { found: 1, .. })
        ));
    }
}
