//! Connecting articles: near-duplicates folded, events, storylines and their timelines.
//!
//! Pure and incremental: [`Clusterer::add`] places an arriving article without re-clustering
//! what was placed (candidate events come from an inverted index over open events' top
//! terms, near-duplicates from MinHash LSH), so the cost per article does not grow with the
//! store. [`cluster`] runs a batch order-independently. It does not read the store, nor
//! recognise entities: a recogniser's keys arrive through [`Doc::entities`]. Main types:
//! [`Doc`], [`Clusterer`], [`Event`], [`Storyline`], [`TimelineEntry`], [`DuplicateGroup`].
//!
//! ```
//! use marsad_cluster::{Clusterer, Config, Doc};
//! let at = |d| chrono::NaiveDate::from_ymd_opt(2022, 7, d).unwrap().and_hms_opt(9, 0, 0).unwrap();
//! let doc = |id: &str, d, title: &str, body: &str| Doc {
//!     id: id.into(), source: None, time: at(d), dated: true, time_from_text: false, title: title.into(),
//!     paragraphs: vec![body.into()], entities: None,
//! };
//! let mut c = Clusterer::new(Config::default());
//! let a = c.add(&doc("a", 19, "كوخافي يصل إلى الرباط في أول زيارة رسمية",
//!     "وصل رئيس أركان الجيش الإسرائيلي أفيف كوخافي إلى الرباط في أول زيارة رسمية للمغرب"));
//! let b = c.add(&doc("b", 19, "زلزال قوي يضرب جزيرة لومبوك الإندونيسية",
//!     "ضرب زلزال بقوة ست درجات جزيرة لومبوك وأسفر عن قتلى"));
//! let c2 = c.add(&doc("c", 20, "رئيس الأركان الإسرائيلي كوخافي في زيارة رسمية إلى المغرب",
//!     "يواصل أفيف كوخافي زيارته الرسمية الأولى إلى المغرب حيث التقى مسؤولين في الرباط"));
//! assert_eq!(a.event, c2.event);
//! assert_ne!(a.event, b.event);
//! ```
#![warn(missing_docs)]

mod clusterer;
mod doc;
mod error;
mod event;
mod features;
mod minhash;
mod sparse;
mod storyline;
mod timeline;
mod vocab;

pub use clusterer::{Clusterer, Config, STATE_VERSION, batch_order, cluster};
pub use doc::{Doc, parse_time};
pub use error::Error;
pub use event::{DuplicateGroup, Event, Placement};
pub use minhash::Signature;
pub use storyline::Storyline;
pub use timeline::{EntryKind, Mentioned, TimelineEntry, mentioned_dates};
