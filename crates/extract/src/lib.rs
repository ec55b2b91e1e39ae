//! Page to [`Article`]: the article text and metadata out of a noisy news page.
//!
//! Two inputs share one model of a page: HTML, and plain page text (what a browser's
//! select-all copy gives). Pure: no I/O, no clock; a fetch time, when known, is a parameter.
//! A poor page is not an error: [`extract`] returns an [`Extraction`] with warnings.
#![warn(missing_docs)]

mod article;
mod error;
mod page;

pub use article::{Aggregator, Article, Published};
pub use error::Error;
pub use page::{Extraction, Format, Options, extract};
