//! Understanding articles: entities, categories, keywords, quotes, and scores with their
//! reasons.
//!
//! Pure: articles and models arrive as values (models as bytes); nothing here reads files or
//! the clock. Only the shared score type exists so far; entities (issue 6) and categories and
//! scores (issue 7) land here.
#![warn(missing_docs)]

mod ant;
mod category;
mod taxonomy;

pub use ant::{AntDoc, parse_ant};
pub use category::{
    CategoryError, CategoryModel, Evaluation, Example, FeatureConfig, LabelScore, Prediction,
    Progress, Side, Split, TrainConfig, Trained, evaluate, product_model, split_side, train,
};
pub use taxonomy::{SECTIONS, Section, section, taxonomy_of};

use serde::{Deserialize, Serialize};

/// A percentage with the reasons that make it up, so a reader can check or challenge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The value, 0 to 100.
    pub value: u8,
    /// Each reason with its signed weight in percentage points.
    pub reasons: Vec<Reason>,
}

/// One reason behind a [`Score`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// A stable snake_case code, e.g. `anonymous_source`.
    pub code: String,
    /// Signed weight in percentage points.
    pub weight: i8,
}
