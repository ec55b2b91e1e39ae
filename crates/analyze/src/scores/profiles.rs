//! Source profiles: what the operator knows about outlets, in a JSON file they edit.
//!
//! JSON rather than TOML because the workspace already carries `serde_json` and the file is
//! a plain list; the grammar:
//!
//! ```json
//! {
//!   "version": 1,
//!   "outlets": [
//!     {
//!       "name": "وكالة المغرب العربي للأنباء",
//!       "aliases": ["mapexpress.ma", "لاماب"],
//!       "kind": "agency",
//!       "credibility": 0.6,
//!       "importance": 0.2,
//!       "note": "وكالة رسمية"
//!     }
//!   ]
//! }
//! ```
//!
//! - `version` must be `1`.
//! - `name` (required, non-empty) and `aliases` (optional) are matched against the article's
//!   outlet (`Article::source`), the aggregator's name for the original outlet, and the URL's
//!   host: names compare after normalisation ([`Level::Search`](marsad_text::Level)); an
//!   alias with a dot is a host and also matches its subdomains (`www.`, `m.`).
//! - `credibility` and `importance` (optional, default 0) are logit shifts in −2…2: +0.5 moves
//!   a 50 % score to about 62 %.
//! - `kind` (optional): `news` (default), `agency`, `state`, `opinion` (every article is read
//!   as opinion), `satire` (a −2 credibility shift on top), `aggregator`.
//! - `note` (optional) is for the operator and is shown beside the reason.
//!
//! An outlet not in the file is neutral: it adds no weight, only an `outlet_unknown` reason
//! of 0 points so the reader sees it was looked for.

use marsad_text::{Level, normalize};
use serde::{Deserialize, Serialize};

/// What can be wrong with a profiles file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileError {
    /// Not JSON of the documented shape.
    #[error("source profiles: {0}")]
    Json(#[from] serde_json::Error),
    /// A version this build does not read.
    #[error("source profiles: version {found}, expected 1")]
    Version {
        /// The version in the file.
        found: u32,
    },
    /// An entry is invalid.
    #[error("source profiles: outlet {index} ({name:?}): {reason}")]
    Invalid {
        /// Its position in `outlets`, from 0.
        index: usize,
        /// Its name.
        name: String,
        /// What is wrong.
        reason: String,
    },
}

/// The kind of outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutletKind {
    /// A news outlet.
    #[default]
    News,
    /// A news agency.
    Agency,
    /// A state outlet.
    State,
    /// An opinion site: every article reads as opinion.
    Opinion,
    /// Satire.
    Satire,
    /// An aggregator re-posting others.
    Aggregator,
}

/// One outlet's profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceProfile {
    /// The outlet's name.
    pub name: String,
    /// Other names and hosts.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The kind.
    #[serde(default)]
    pub kind: OutletKind,
    /// Credibility shift in logits (−2…2).
    #[serde(default)]
    pub credibility: f32,
    /// Importance shift in logits (−2…2).
    #[serde(default)]
    pub importance: f32,
    /// The operator's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    #[serde(default)]
    outlets: Vec<SourceProfile>,
}

/// The outlets the operator profiled; [`SourceProfiles::default`] knows none (all neutral).
#[derive(Debug, Clone, Default)]
pub struct SourceProfiles {
    outlets: Vec<SourceProfile>,
    /// Normalised names and hosts → index into `outlets`.
    keys: Vec<(String, usize)>,
}

impl SourceProfiles {
    /// Read a profiles file (format in this module's doc).
    pub fn from_json(text: &str) -> Result<SourceProfiles, ProfileError> {
        let file: File = serde_json::from_str(text)?;
        if file.version != 1 {
            return Err(ProfileError::Version {
                found: file.version,
            });
        }
        let mut keys: Vec<(String, usize)> = Vec::new();
        for (index, o) in file.outlets.iter().enumerate() {
            let invalid = |reason: &str| ProfileError::Invalid {
                index,
                name: o.name.clone(),
                reason: reason.to_owned(),
            };
            if o.name.trim().is_empty() {
                return Err(invalid("empty name"));
            }
            for (what, v) in [("credibility", o.credibility), ("importance", o.importance)] {
                if !(-2.0..=2.0).contains(&v) {
                    return Err(invalid(&format!("{what} {v} outside -2..2")));
                }
            }
            for name in std::iter::once(&o.name).chain(&o.aliases) {
                let key = key_of(name);
                if key.is_empty() {
                    return Err(invalid("empty alias"));
                }
                if let Some((_, other)) = keys.iter().find(|(k, _)| *k == key) {
                    return Err(invalid(&format!(
                        "{name:?} is also outlet {other} ({:?})",
                        file.outlets[*other].name
                    )));
                }
                keys.push((key, index));
            }
        }
        Ok(SourceProfiles {
            outlets: file.outlets,
            keys,
        })
    }

    /// How many outlets are profiled.
    pub fn len(&self) -> usize {
        self.outlets.len()
    }

    /// Whether no outlet is profiled.
    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
    }

    /// The profile of the first of `names` (outlet names or a URL) that is known.
    pub fn find<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Option<&SourceProfile> {
        for name in names {
            let key = key_of(name);
            if key.is_empty() {
                continue;
            }
            let host = host_of(name);
            for (k, i) in &self.keys {
                let hit = *k == key
                    || host.as_deref().is_some_and(|h| {
                        k.contains('.') && (h == k || h.ends_with(&format!(".{k}")))
                    });
                if hit {
                    return self.outlets.get(*i);
                }
            }
        }
        None
    }
}

/// A name or host as compared: normalised, lowercased, `www.` dropped.
fn key_of(name: &str) -> String {
    let n = normalize(name.trim(), Level::Search);
    let n = host_of(&n).unwrap_or(n);
    n.strip_prefix("www.").map(str::to_owned).unwrap_or(n)
}

/// The host of a URL (`https://www.x.com/a` → `x.com`), lowercased, without `www.`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"{"version": 1, "outlets": [
        {"name": "الجزيرة", "aliases": ["aljazeera.net"], "credibility": 0.5},
        {"name": "الساخر", "kind": "satire"}
    ]}"#;

    #[test]
    fn finds_by_name_alias_and_host() {
        let p = SourceProfiles::from_json(FILE).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p.find(["الجزيره"]).map(|o| o.credibility), Some(0.5));
        assert!(p.find(["https://www.aljazeera.net/news/1"]).is_some());
        assert!(p.find(["https://sport.aljazeera.net/x"]).is_some());
        assert!(p.find(["https://notaljazeera.net/x"]).is_none());
        assert_eq!(
            p.find(["غير معروف", "الساخر"]).map(|o| o.kind),
            Some(OutletKind::Satire)
        );
        assert!(SourceProfiles::default().find(["الجزيرة"]).is_none());
    }

    #[test]
    fn bad_files_say_why() {
        for (bad, why) in [
            ("{", "source profiles"),
            (r#"{"version": 2}"#, "version 2"),
            (
                r#"{"version": 1, "outlets": [{"name": " "}]}"#,
                "empty name",
            ),
            (
                r#"{"version": 1, "outlets": [{"name": "a", "credibility": 3}]}"#,
                "outside",
            ),
            (
                r#"{"version": 1, "outlets": [{"name": "a"}, {"name": "A"}]}"#,
                "also outlet 0",
            ),
            (
                r#"{"version": 1, "outlets": [{"name": "a", "x": 1}]}"#,
                "unknown field",
            ),
        ] {
            let err = SourceProfiles::from_json(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
