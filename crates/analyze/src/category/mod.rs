//! News category classification: a hashed-feature TF-IDF linear SVM (one-vs-rest) over
//! Arabic stems and stem bigrams, with softmax confidences, trained from labelled articles
//! and stored as a compact versioned binary.
//!
//! The classifier is built here rather than with `linfa` because the hot paths (feature
//! hashing on `marsad_text` stems, sparse dual coordinate descent, an i8 model of a few MB)
//! are what make it train in seconds and classify thousands of articles per second.

mod error;
mod explain;
mod features;
mod format;
mod metrics;
mod split;
mod svm;
mod train;

use rustc_hash::FxHashMap;

pub use error::CategoryError;
pub use features::FeatureConfig;
pub use metrics::{Evaluation, LabelScore, evaluate};
pub use split::{Side, Split, split_side};
pub use train::{Example, Progress, TrainConfig, Trained, train};

use format::Stored;

/// What the classifier says about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The most probable label.
    pub label: String,
    /// Its probability, 0 to 1.
    pub confidence: f32,
    /// The three most probable labels with their probabilities, best first.
    pub top: Vec<(String, f32)>,
}

/// A trained category model: labels, feature settings and weights.
#[derive(Debug, Clone)]
pub struct CategoryModel {
    stored: Stored,
    rows: FxHashMap<u32, u32>,
    idf: Vec<f32>,
}

/// The product model bundled in the binary: trained on ANT v1.1 and v2.1 mapped to Marsad's
/// [taxonomy](crate::SECTIONS) (`crates/analyze/models/README.md` says how it was made).
/// Each call parses the bundled bytes and builds the lookup table (tens of milliseconds):
/// load it once and keep it. The model's features depend on `marsad_text`'s normaliser and
/// stemmer: retrain it (command in that README) when they change.
pub fn product_model() -> Result<CategoryModel, CategoryError> {
    CategoryModel::from_bytes(include_bytes!("../../models/category-taxonomy.bin"))
}

impl CategoryModel {
    fn from_stored(stored: Stored) -> CategoryModel {
        let rows = stored
            .buckets
            .iter()
            .enumerate()
            .map(|(r, &b)| (b, r as u32))
            .collect();
        let idf = stored
            .idf_codes
            .iter()
            .map(|&c| f32::from(c) * stored.idf_unit)
            .collect();
        CategoryModel { stored, rows, idf }
    }

    /// Load a model written by [`CategoryModel::to_bytes`]. Fails on other bytes, another
    /// format version, or a corrupted file (checksum).
    pub fn from_bytes(bytes: &[u8]) -> Result<CategoryModel, CategoryError> {
        format::read(bytes).map(CategoryModel::from_stored)
    }

    /// The model as bytes (format in `format.rs`), for writing to a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::write(&self.stored)
    }

    /// The labels, in the model's order (the order of [`CategoryModel::probabilities`]).
    pub fn labels(&self) -> &[String] {
        &self.stored.labels
    }

    /// The name of the label space (`original` corpus labels, `taxonomy` …).
    pub fn label_space(&self) -> &str {
        &self.stored.label_space
    }

    /// The feature settings the model was trained with.
    pub fn features(&self) -> FeatureConfig {
        self.stored.features
    }

    /// How many hash buckets carry weights.
    pub fn rows(&self) -> usize {
        self.stored.buckets.len()
    }

    /// The probability of each label (softmax of the SVM scores), in [`labels`](Self::labels)
    /// order. `outlet` is used only by models trained with outlet features.
    pub fn probabilities(
        &self,
        title: Option<&str>,
        body: &[String],
        outlet: Option<&str>,
    ) -> Vec<f32> {
        let mut scores = self.scores(title, body, outlet);
        softmax(&mut scores, self.stored.temperature);
        scores
    }

    /// The raw one-vs-rest scores (margins) of each label.
    pub(crate) fn scores(
        &self,
        title: Option<&str>,
        body: &[String],
        outlet: Option<&str>,
    ) -> Vec<f32> {
        let mut raw = Vec::new();
        features::featurize(
            &self.stored.features,
            title,
            body,
            outlet,
            &mut Vec::new(),
            &mut raw,
        );
        self.scores_of_raw(&raw)
    }

    /// [`scores`](Self::scores) from raw features.
    pub(crate) fn scores_of_raw(&self, raw: &[(u32, f32)]) -> Vec<f32> {
        let mut x = Vec::with_capacity(raw.len());
        features::weigh(
            raw,
            |b| self.rows.get(&b).map(|&r| (r, self.idf[r as usize])),
            &mut x,
        );
        let k = self.stored.labels.len();
        let mut acc = vec![0.0_f32; k];
        for &(r, v) in &x {
            let w = &self.stored.weights[r as usize * k..(r as usize + 1) * k];
            for (a, &q) in acc.iter_mut().zip(w) {
                *a += v * f32::from(q);
            }
        }
        acc.iter()
            .zip(&self.stored.scales)
            .zip(&self.stored.biases)
            .map(|((a, s), b)| a * s + b)
            .collect()
    }

    /// Classify an article from its title and body paragraphs.
    ///
    /// ```
    /// use marsad_analyze::product_model;
    /// let model = product_model().expect("the bundled model loads");
    /// let body = ["سجل المهاجم هدفين في المباراة وفاز الفريق بالدوري".to_owned()];
    /// let p = model.predict(Some("الفريق يفوز بالبطولة"), &body);
    /// assert_eq!(p.label, "sport");
    /// ```
    pub fn predict(&self, title: Option<&str>, body: &[String]) -> Prediction {
        self.predict_at(title, body, None)
    }

    /// [`predict`](Self::predict) for an article of `outlet` (its name as in training, e.g.
    /// `<SRC>` of the ANT corpus), for models trained with outlet features.
    pub fn predict_at(
        &self,
        title: Option<&str>,
        body: &[String],
        outlet: Option<&str>,
    ) -> Prediction {
        let probs = self.probabilities(title, body, outlet);
        let mut ranked: Vec<(usize, f32)> = probs.into_iter().enumerate().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let top: Vec<(String, f32)> = ranked
            .iter()
            .take(3)
            .map(|&(i, p)| (self.stored.labels[i].clone(), p))
            .collect();
        let (label, confidence) = top.first().cloned().unwrap_or_default();
        Prediction {
            label,
            confidence,
            top,
        }
    }
}

fn softmax(scores: &mut [f32], temperature: f32) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = ((*s - max) * temperature).exp();
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
}
