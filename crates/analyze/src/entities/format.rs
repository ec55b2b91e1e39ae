//! The tagger's binary file format, version 1 (all integers little-endian).
//!
//! ```text
//! magic      8 bytes  "MARSADNE"
//! version    u16      1
//! bits       u8       log2 of the hash buckets (16 to 24)
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

/// The magic bytes that open a model file.
pub(crate) const MAGIC: &[u8; 8] = b"MARSADNE";
/// The format version this build writes and reads.
pub(crate) const VERSION: u16 = 1;

/// The parts of a model, as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stored {
    pub bits: u8,
    pub scales: [f32; N_TAGS],
    pub trans: Vec<f32>,
    /// Sorted, unique.
    pub buckets: Vec<u32>,
    /// `buckets.len() × N_TAGS`.
    pub weights: Vec<i8>,
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub(crate) fn write(m: &Stored) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + m.buckets.len() * (3 + N_TAGS));
    out.extend(MAGIC);
    out.extend(VERSION.to_le_bytes());
    out.push(m.bits);
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
        let mut delta = bucket - prev;
        prev = bucket;
        loop {
            let byte = (delta & 0x7f) as u8;
            delta >>= 7;
            if delta == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
        out.extend(
            m.weights[r * N_TAGS..(r + 1) * N_TAGS]
                .iter()
                .map(|&w| w as u8),
        );
    }
    let sum = fnv(&out);
    out.extend(sum.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], NerError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(NerError::Truncated {
            offset: self.at,
            what,
        })?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], NerError> {
        let s = self.take(N, what)?;
        let mut a = [0; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn u8(&mut self, what: &'static str) -> Result<u8, NerError> {
        Ok(self.array::<1>(what)?[0])
    }
    fn f32(&mut self, what: &'static str) -> Result<f32, NerError> {
        let at = self.at;
        let v = f32::from_le_bytes(self.array(what)?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(NerError::Invalid {
                offset: at,
                why: format!("{what} is not finite"),
            })
        }
    }
    fn leb128(&mut self, what: &'static str) -> Result<u32, NerError> {
        let at = self.at;
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.u8(what)?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| NerError::Invalid {
                    offset: at,
                    why: format!("{what} overflows"),
                });
            }
        }
        Err(NerError::Invalid {
            offset: at,
            why: format!("{what}: varint too long"),
        })
    }
}

pub(crate) fn read(bytes: &[u8]) -> Result<Stored, NerError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(NerError::BadMagic);
    }
    let mut r = Reader {
        bytes,
        at: MAGIC.len(),
    };
    let version = u16::from_le_bytes(r.array("version")?);
    if version != VERSION {
        return Err(NerError::UnsupportedVersion {
            found: version,
            supported: VERSION,
        });
    }
    if bytes.len() < r.at + 8 {
        return Err(NerError::Truncated {
            offset: bytes.len(),
            what: "checksum",
        });
    }
    let (content, trailer) = bytes.split_at(bytes.len() - 8);
    let mut sum = [0; 8];
    sum.copy_from_slice(trailer);
    let (found, expected) = (u64::from_le_bytes(sum), fnv(content));
    if found != expected {
        return Err(NerError::Checksum { found, expected });
    }
    let mut r = Reader {
        bytes: content,
        at: r.at,
    };
    let at = r.at;
    let bits = r.u8("bucket bits")?;
    if !(16..=24).contains(&bits) {
        return Err(NerError::Invalid {
            offset: at,
            why: format!("{bits} bucket bits"),
        });
    }
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
    let n = u32::from_le_bytes(r.array("row count")?) as usize;
    if n > content.len() / (1 + N_TAGS) {
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
    if r.at != content.len() {
        return Err(NerError::Invalid {
            offset: r.at,
            why: "bytes after the last row".into(),
        });
    }
    Ok(Stored {
        bits,
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
        v2[8] = 2;
        assert!(matches!(
            read(&v2),
            Err(NerError::UnsupportedVersion { found: 2, .. })
        ));
    }
}
