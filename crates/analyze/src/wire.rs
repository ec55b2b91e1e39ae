//! The envelope and primitives shared by the model file formats (`category::format`,
//! `entities::format`): magic, a u16 format version, little-endian fields, LEB128 deltas and
//! an FNV-1a 64 checksum trailer over every byte before it.
//!
//! Hand-written rather than serde + bincode so each layout is documented, stable across crate
//! upgrades, and small; this module keeps the byte-level reading in one place, and each
//! format maps [`WireError`] into its own error type.

/// What can be wrong with a model file's bytes, before a format gives it its own error type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum WireError {
    /// The bytes do not start with the format's magic.
    BadMagic,
    /// Another format version wrote the file.
    UnsupportedVersion { found: u16, supported: u16 },
    /// The bytes end before the part named `what`.
    Truncated { offset: usize, what: &'static str },
    /// The checksum trailer does not match the content.
    Checksum { found: u64, expected: u64 },
    /// A field holds an impossible value.
    Invalid { offset: usize, why: String },
}

/// FNV-1a 64 of `bytes`.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A new file: the magic then the version.
pub(crate) fn begin(magic: &[u8; 8], version: u16, capacity: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity);
    out.extend(magic);
    out.extend(version.to_le_bytes());
    out
}

/// Append the checksum trailer of everything written so far.
pub(crate) fn seal(mut out: Vec<u8>) -> Vec<u8> {
    let sum = fnv(&out);
    out.extend(sum.to_le_bytes());
    out
}

/// Append `v` as LEB128.
pub(crate) fn put_leb128(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Check the magic, the version and the checksum; the reader then stands after the version,
/// over the content without the trailer.
pub(crate) fn open<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    version: u16,
) -> Result<Reader<'a>, WireError> {
    if bytes.len() < magic.len() || &bytes[..magic.len()] != magic {
        return Err(WireError::BadMagic);
    }
    let mut r = Reader {
        bytes,
        at: magic.len(),
    };
    let found = r.u16("version")?;
    if found != version {
        return Err(WireError::UnsupportedVersion {
            found,
            supported: version,
        });
    }
    if bytes.len() < r.at + 8 {
        return Err(WireError::Truncated {
            offset: bytes.len(),
            what: "checksum",
        });
    }
    let (content, trailer) = bytes.split_at(bytes.len() - 8);
    let mut sum = [0; 8];
    sum.copy_from_slice(trailer);
    let (found, expected) = (u64::from_le_bytes(sum), fnv(content));
    if found != expected {
        return Err(WireError::Checksum { found, expected });
    }
    Ok(Reader {
        bytes: content,
        at: r.at,
    })
}

/// Reads fields in order; every read is bounds-checked and names what it reads.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    /// The offset of the next byte.
    pub at: usize,
}

impl<'a> Reader<'a> {
    /// The content's length (without the trailer).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }
    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], WireError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(WireError::Truncated {
            offset: self.at,
            what,
        })?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    pub fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], WireError> {
        let s = self.take(N, what)?;
        let mut a = [0; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    pub fn u8(&mut self, what: &'static str) -> Result<u8, WireError> {
        Ok(self.array::<1>(what)?[0])
    }
    pub fn u16(&mut self, what: &'static str) -> Result<u16, WireError> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }
    pub fn u32(&mut self, what: &'static str) -> Result<u32, WireError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    /// A finite f32.
    pub fn f32(&mut self, what: &'static str) -> Result<f32, WireError> {
        let at = self.at;
        let v = f32::from_le_bytes(self.array(what)?);
        if v.is_finite() {
            Ok(v)
        } else {
            Err(WireError::Invalid {
                offset: at,
                why: format!("{what} is not finite"),
            })
        }
    }
    /// A u16 byte length, then UTF-8.
    pub fn str(&mut self, what: &'static str) -> Result<String, WireError> {
        let n = self.u16(what)?;
        let at = self.at;
        let s = self.take(usize::from(n), what)?;
        String::from_utf8(s.to_vec()).map_err(|_| WireError::Invalid {
            offset: at,
            why: format!("{what} is not UTF-8"),
        })
    }
    pub fn leb128(&mut self, what: &'static str) -> Result<u32, WireError> {
        let at = self.at;
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.u8(what)?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return u32::try_from(v).map_err(|_| WireError::Invalid {
                    offset: at,
                    why: format!("{what} overflows"),
                });
            }
        }
        Err(WireError::Invalid {
            offset: at,
            why: format!("{what}: varint too long"),
        })
    }
}

/// `impl From<WireError> for $error`, for an error enum with the same five variants.
macro_rules! wire_error_into {
    ($error:ty) => {
        impl From<$crate::wire::WireError> for $error {
            fn from(e: $crate::wire::WireError) -> Self {
                use $crate::wire::WireError as W;
                match e {
                    W::BadMagic => Self::BadMagic,
                    W::UnsupportedVersion { found, supported } => {
                        Self::UnsupportedVersion { found, supported }
                    }
                    W::Truncated { offset, what } => Self::Truncated { offset, what },
                    W::Checksum { found, expected } => Self::Checksum { found, expected },
                    W::Invalid { offset, why } => Self::Invalid { offset, why },
                }
            }
        }
    };
}
pub(crate) use wire_error_into;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leb128_round_trips_at_the_edges() {
        for v in [0, 1, 127, 128, 16_383, 16_384, u32::MAX] {
            let mut out = Vec::new();
            put_leb128(&mut out, v);
            let mut r = Reader { bytes: &out, at: 0 };
            assert_eq!(r.leb128("v"), Ok(v));
            assert_eq!(r.at, out.len());
        }
    }

    #[test]
    fn open_checks_magic_version_and_checksum() {
        let mut out = begin(b"TESTTEST", 3, 16);
        out.push(7);
        let bytes = seal(out);
        let mut r = open(&bytes, b"TESTTEST", 3).unwrap();
        assert_eq!(r.u8("x"), Ok(7));
        assert_eq!(r.at, r.len());
        assert!(matches!(
            open(&bytes, b"OTHEROTH", 3),
            Err(WireError::BadMagic)
        ));
        assert!(matches!(
            open(&bytes, b"TESTTEST", 4),
            Err(WireError::UnsupportedVersion {
                found: 3,
                supported: 4
            })
        ));
        let mut bad = bytes.clone();
        bad[10] ^= 1;
        assert!(matches!(
            open(&bad, b"TESTTEST", 3),
            Err(WireError::Checksum { .. })
        ));
    }
}
