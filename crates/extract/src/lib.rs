//! Page to [`Article`]: the article text and metadata out of a noisy news page.
//!
//! Two inputs share one model of a page: HTML, and plain page text (what a browser's
//! select-all copy gives). Both become blocks scored by the same rules (sentence shape,
//! length, link density, furniture wording, repetition), the main content region is the
//! best-scoring run of blocks, and the head above it gives headline, standfirst, byline and
//! date. Aggregator pages (Kashaf, Maghress …) are recognised from a table of patterns.
//! Pure: no I/O, no clock; a fetch time, when known, is a parameter. It does not fetch,
//! render JavaScript or sanitise HTML. A poor page is not an error: [`extract`] returns an
//! [`Extraction`] with warnings; [`Error`] is for inputs that are not pages at all.
//!
//! ```
//! use marsad_extract::{extract, Options};
//! let html = r#"<html lang="ar"><head><title>زيارة رسمية إلى الرباط | الموقع</title>
//!   <meta property="og:site_name" content="الموقع"></head><body>
//!   <nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav>
//!   <article><h1>زيارة رسمية إلى الرباط</h1>
//!   <p>وصل وزير الخارجية إلى الرباط مساء اليوم في أول زيارة رسمية يقوم بها إلى المغرب.</p>
//!   <p>وقال الوزير إن الزيارة تهدف إلى تعزيز التعاون بين البلدين في مجالات عدة.</p></article>
//!   </body></html>"#;
//! let article = extract(html.as_bytes(), &Options::default()).unwrap().article;
//! assert_eq!(article.title.as_deref(), Some("زيارة رسمية إلى الرباط"));
//! assert_eq!(article.body.len(), 2);
//! assert_eq!(article.language, "ar");
//! ```
#![warn(missing_docs)]

mod aggregator;
mod article;
mod assemble;
mod block;
mod body;
mod boilerplate;
mod byline;
mod decode;
mod depth;
mod error;
mod features;
mod head;
mod html;
mod language;
mod meta;
mod page;
mod published;
mod region;
mod rejoin;
mod score;
mod shape;
mod sniff;
mod textpage;
mod title;

pub use article::{Aggregator, Article, Published};
pub use error::Error;
pub use page::{DEFAULT_MAX_BYTES, Extraction, Format, Options, extract};
pub use score::{Prf, token_prf};
