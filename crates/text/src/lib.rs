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

mod clitics;
mod dates;
mod namekey;
mod normalize;
mod stem;
mod stopwords;
mod tokenize;

pub use clitics::{Split, clitic_candidates, split_clitics};
pub use dates::{
    Calendar, DateMention, DateValue, HijriRule, Precision, UMM_AL_QURA_YEARS, hijri_rule,
    hijri_to_gregorian, parse_dates,
};
pub use namekey::{NAME_MAYBE, NAME_SAME, NameWords, name_key, name_similarity};
pub use normalize::{Level, is_alphanumeric, normalize};
pub use stem::{stem, stem_str};
pub use stopwords::{is_stopword, stopwords};
pub use tokenize::{Token, for_each_search_term, for_each_search_word, search_terms, tokens};
