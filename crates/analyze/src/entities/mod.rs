//! Named entities: the tagger (mentions of people, organisations, places, products), the
//! gazetteers and title rules around it, and resolution of mentions into entities within an
//! article and across the store.
//!
//! The pipeline per article: tokens (punctuation kept as tokens, as ANERcorp has them) →
//! sentences → the perceptron tagger ([`NerModel`]) and the gazetteers ([`Gazetteer`]) →
//! [`Mention`]s with byte spans → [`resolve_article`] (titles stripped, bare surnames linked
//! to the full name, name keys for spellings, word order ignored) → [`EntityIndex::add`]
//! links an article's entities to the store's, incrementally.

mod article;
mod clusters;
mod conll;
mod error;
mod features;
mod format;
mod gazetteer;
mod index;
mod mentions;
mod resolve;
mod roles;
mod score;
mod split;
mod tagger;
mod tags;

pub use article::{ArticleEntities, ArticleMention, Field, article_entities, attribute_quotes};
pub use clusters::{WordClusterConfig, WordClusters, train_word_clusters};
pub use conll::{Sentence, parse_conll};
pub use error::NerError;
pub use gazetteer::{GazClass, GazEntry, GazMatch, Gazetteer};
pub use index::{EntityIndex, StoreEntity};
pub use mentions::{Mention, MentionFinder, MentionSource};
pub use resolve::{ArticleEntity, resolve_article};
pub use score::{NerScores, Prf, chunks, score_conll};
pub use split::{TUNE_BLOCK, dev_split, is_dev_sentence, tune_split};
pub use tagger::{EpochReport, NerModel, NerTrainConfig, NerTrained, train_ner};
pub use tags::{N_TAGS, NerKind, Tag};

use serde::{Deserialize, Serialize};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: ministries, armies, agencies, companies, parties.
    Organization,
    /// A place.
    Location,
    /// A product: weapons systems, software, vehicles (from the product gazetteer).
    Product,
    /// Anything else named (ANERcorp's MISC: events, nationalities, titles of works).
    Misc,
}

impl EntityType {
    /// A stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Location => "location",
            EntityType::Product => "product",
            EntityType::Misc => "misc",
        }
    }

    /// The type of a tagger kind.
    pub fn of_kind(kind: NerKind) -> EntityType {
        match kind {
            NerKind::Pers => EntityType::Person,
            NerKind::Loc => EntityType::Location,
            NerKind::Org => EntityType::Organization,
            NerKind::Misc => EntityType::Misc,
        }
    }

    /// Parse [`EntityType::name`].
    pub fn parse(s: &str) -> Option<EntityType> {
        Some(match s {
            "person" => EntityType::Person,
            "organization" => EntityType::Organization,
            "location" => EntityType::Location,
            "product" => EntityType::Product,
            "misc" => EntityType::Misc,
            _ => return None,
        })
    }
}

/// The bundled tagger (`models/ner-anercorp.bin`), loaded once.
///
/// # Panics
/// When the bundled file is not a valid model: a build defect, caught by the crate's tests.
pub fn ner_model() -> &'static NerModel {
    static MODEL: std::sync::LazyLock<NerModel> = std::sync::LazyLock::new(|| {
        NerModel::from_bytes(include_bytes!("../../models/ner-anercorp.bin"))
            .expect("the bundled tagger model is valid (checked by tests)")
    });
    &MODEL
}
