//! Anonymous visitors and administrators, recognised by signed cookies.
//!
//! A visitor cookie is `{random id}.{HMAC-SHA256(key, "visitor:" id)}`: the server can tell
//! its own cookies from forged ones without storing anything, and a reader is counted once per
//! cookie however often they report. The id never reaches the store: reports carry
//! `HMAC(key, "reporter:" id)`. CSRF tokens are `HMAC(key, "csrf:" id)`, so a form posted from
//! another site (which cannot read the cookie or the page) cannot carry a valid one; the
//! cookies are also `SameSite=Strict` and POSTs check `Origin`.
//!
//! The key is per installation: 32 random bytes in `web-secret.key` in the data folder,
//! created on first use (owner-only permissions on Unix).

use std::path::Path;

use axum::http::HeaderMap;
use axum::http::header::COOKIE;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The visitor cookie's name.
pub const VISITOR_COOKIE: &str = "marsad_visitor";
/// The administrator's session cookie's name.
pub const ADMIN_COOKIE: &str = "marsad_admin";
/// The file in the data folder holding the key.
pub const SECRET_FILE: &str = "web-secret.key";

/// The per-installation key that signs cookies and tokens.
#[derive(Clone)]
pub struct VisitorKey([u8; 32]);

impl std::fmt::Debug for VisitorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("VisitorKey(…)")
    }
}

/// Why the key could not be loaded or made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretError {
    /// The file could not be read or written.
    #[error("web secret {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file does not hold 64 hex digits.
    #[error("web secret {path}: not 64 hex digits (delete it to make a new one)")]
    Malformed {
        /// The file.
        path: std::path::PathBuf,
    },
    /// The system has no randomness to offer.
    #[error("no system randomness: {0}")]
    Random(String),
}

fn random<const N: usize>() -> Result<[u8; N], SecretError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|err| SecretError::Random(err.to_string()))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

impl VisitorKey {
    /// A fresh random key (for tests and for servers without a data folder).
    pub fn random() -> Result<VisitorKey, SecretError> {
        Ok(VisitorKey(random()?))
    }

    /// A key from given bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> VisitorKey {
        VisitorKey(bytes)
    }

    /// The key in `data_dir/web-secret.key`, created when missing.
    pub fn load_or_create(data_dir: &Path) -> Result<VisitorKey, SecretError> {
        let path = data_dir.join(SECRET_FILE);
        let io = |source| SecretError::Io {
            path: path.clone(),
            source,
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let bytes = unhex(text.trim()).filter(|b| b.len() == 32);
                let key: [u8; 32] = bytes
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(|| SecretError::Malformed { path: path.clone() })?;
                Ok(VisitorKey(key))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let key = VisitorKey::random()?;
                std::fs::create_dir_all(data_dir).map_err(io)?;
                write_private(&path, &format!("{}\n", hex(&key.0))).map_err(io)?;
                Ok(key)
            }
            Err(err) => Err(io(err)),
        }
    }

    fn mac(&self, purpose: &str, value: &str) -> String {
        // A 32-byte key is always a valid HMAC key.
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.0) {
            Ok(mac) => mac,
            Err(_) => return String::new(),
        };
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(value.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    /// A new signed visitor cookie value and its id.
    pub fn new_visitor(&self) -> Result<(String, String), SecretError> {
        let id = hex(&random::<16>()?);
        let value = format!("{id}.{}", self.mac("visitor", &id));
        Ok((value, id))
    }

    /// The visitor id of a cookie value, when its signature is ours.
    pub fn visitor_id(&self, cookie: &str) -> Option<String> {
        let (id, sig) = cookie.split_once('.')?;
        let valid = id.len() == 32
            && id.bytes().all(|b| b.is_ascii_hexdigit())
            && constant_eq(sig, &self.mac("visitor", id));
        valid.then(|| id.to_owned())
    }

    /// The CSRF token of forms shown to the session `id`.
    pub fn csrf_token(&self, id: &str) -> String {
        self.mac("csrf", id)
    }

    /// Whether `token` is the CSRF token of the session `id`.
    pub fn check_csrf(&self, id: &str, token: &str) -> bool {
        constant_eq(token, &self.csrf_token(id))
    }

    /// What the store records as the reporter: not the cookie id itself.
    pub fn reporter(&self, id: &str) -> String {
        self.mac("reporter", id)
    }

    /// The administrator session cookie for the configured token (changes when it changes).
    pub fn admin_session(&self, token: &str) -> String {
        self.mac("admin", token)
    }
}

/// Compare two strings in time independent of where they differ.
fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether `given` is the configured admin token (constant time).
pub fn token_matches(given: &str, configured: &str) -> bool {
    !configured.is_empty() && constant_eq(given, configured)
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, whole site, `max_age` seconds.
pub fn set_cookie(name: &str, value: &str, max_age: u64) -> String {
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_verify_and_forgeries_fail() {
        let key = VisitorKey::random().unwrap();
        let other = VisitorKey::random().unwrap();
        let (value, id) = key.new_visitor().unwrap();
        assert_eq!(key.visitor_id(&value).as_deref(), Some(id.as_str()));
        assert_eq!(
            other.visitor_id(&value),
            None,
            "another installation's cookie"
        );
        let (forged_id, _) = value.split_once('.').unwrap();
        assert_eq!(key.visitor_id(&format!("{forged_id}.00")), None);
        assert_eq!(key.visitor_id("nonsense"), None);
        assert_eq!(key.visitor_id(""), None);
        assert!(key.check_csrf(&id, &key.csrf_token(&id)));
        assert!(!key.check_csrf(&id, &other.csrf_token(&id)));
        assert!(!key.check_csrf(&id, ""));
        assert_ne!(key.reporter(&id), id, "the store never sees the cookie id");
    }

    #[test]
    fn secret_persists_in_the_data_folder() {
        let dir = std::env::temp_dir().join(format!("marsad-web-secret-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = VisitorKey::load_or_create(&dir).unwrap();
        let again = VisitorKey::load_or_create(&dir).unwrap();
        assert_eq!(first.0, again.0);
        std::fs::write(dir.join(SECRET_FILE), "zz").unwrap();
        assert!(matches!(
            VisitorKey::load_or_create(&dir),
            Err(SecretError::Malformed { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reads_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, "a=1; marsad_visitor=abc.def ; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, VISITOR_COOKIE), Some("abc.def"));
        assert_eq!(cookie(&headers, "c"), None);
        assert!(token_matches("s3cret", "s3cret"));
        assert!(!token_matches("", ""));
        assert!(!token_matches("s3cre", "s3cret"));
    }
}
