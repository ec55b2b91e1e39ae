//! Understanding articles: entities, categories, keywords, quotes, and scores with their
//! reasons.
//!
//! Pure: articles and models arrive as values (models as bytes); nothing here reads files or
//! the clock. Only the shared score type exists so far; entities (issue 6) and categories and
//! scores (issue 7) land here.
#![warn(missing_docs)]

mod analysis;
mod ant;
mod category;
mod entities;
mod keywords;
mod quotes;
mod scores;
mod taxonomy;
mod wire;

pub use analysis::{
    ANALYSIS_VERSION, Analysis, AnalysisDisplay, Analyzer, CategoryResult, Context,
    LabelProbability, ReasonDisplay, ScoreDisplay, display, reason_label, rescore,
    scored_corroboration,
};
pub use ant::{AntDoc, parse_ant};
pub use category::{
    CategoryError, CategoryModel, Evaluation, Example, FeatureConfig, LabelScore, Prediction,
    Progress, Side, Split, TrainConfig, Trained, evaluate, product_model, split_side, train,
};
pub use entities::{
    ArticleEntities, ArticleEntity, ArticleMention, EntityIndex, EntityType, EpochReport, Field,
    GazClass, GazEntry, GazMatch, Gazetteer, Mention, MentionFinder, MentionSource, N_TAGS,
    NerError, NerKind, NerModel, NerScores, NerTrainConfig, NerTrained, Prf, Sentence, StoreEntity,
    TUNE_BLOCK, Tag, WordClusterConfig, WordClusters, article_entities, attribute_quotes, chunks,
    dev_split, is_dev_sentence, ner_model, parse_conll, resolve_article, score_conll, train_ner,
    train_word_clusters, tune_split,
};
pub use keywords::{
    ArticleTerms, KEYWORDS, Keyword, KeywordStats, article_keywords, article_terms, keyword_cloud,
    keywords,
};
pub use quotes::{
    ANONYMITY_MARKERS, MAX_SPEAKER_WORDS, MIN_BARE_QUOTE_WORDS, Quote, ROLE_NOUNS, SpeakerKind,
    TextSpan, quotes,
};
pub use scores::credibility::CREDIBILITY_BASE;
pub use scores::importance::{CATEGORY_WEIGHTS, IMPORTANCE_BASE};
pub use scores::profiles::{OutletKind, ProfileError, SourceProfile, SourceProfiles};
pub use taxonomy::{SECTIONS, Section, section, taxonomy_of};

use serde::{Deserialize, Serialize};

/// A percentage with the reasons that make it up, so a reader can check or challenge it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// What was found, for the reader (`2`, `«عاجل»`, `الجزيرة`); absent when the code says
    /// it all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}
