//! Arabic text core for Marsad: normalisation, tokens, light stems, name keys and dates.
//!
//! Everything here is pure: no I/O, no clock (the reference time of relative dates is a
//! parameter), no global mutable state. Every other crate builds on it: the search analyzer
//! (`marsad-store`), extraction (`marsad-extract`), entities and clustering.
//!
//! ```
//! use marsad_text::{normalize, Level};
//! assert_eq!(normalize("أَفِيف كوخافــي", Level::Search), "افيف كوخافي");
//! ```
#![warn(missing_docs)]

mod dates;
mod namekey;
mod normalize;
mod stem;
mod stopwords;
mod tokenize;

pub use dates::{Calendar, DateMention, DateValue, Precision, parse_dates};
pub use namekey::{name_key, name_similarity};
pub use normalize::{Level, normalize};
pub use stem::stem;
pub use stopwords::is_stopword;
pub use tokenize::{Token, search_terms, tokens};
