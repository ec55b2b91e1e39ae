//! [`AnalysisStore`]: each article's [`Analysis`] (category, credibility and importance with
//! their reasons, quotes), keyed by article id, with the figures queryable.
//!
//! The store does not analyse: the import pipeline computes the analysis and puts it. A put
//! replaces the article's analysis, so re-running an import never duplicates one.

use async_trait::async_trait;
use marsad_analyze::Analysis;

use crate::Error;

/// Which figure orders [`AnalysisStore::list_analyses`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnalysisOrder {
    /// Most important first (ties by id).
    #[default]
    Importance,
    /// Most credible first (ties by id).
    Credibility,
}

/// A query over stored analyses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalysisQuery {
    /// Only this category label (e.g. `middle_east`).
    pub category: Option<String>,
    /// Only credibility at least this.
    pub min_credibility: Option<u8>,
    /// Only importance at least this.
    pub min_importance: Option<u8>,
    /// The order.
    pub order: AnalysisOrder,
    /// At most this many.
    pub limit: usize,
    /// Skip this many first.
    pub offset: usize,
}

impl AnalysisQuery {
    /// Whether `a` passes the filters.
    pub fn matches(&self, a: &Analysis) -> bool {
        self.category
            .as_deref()
            .is_none_or(|c| a.category.as_ref().is_some_and(|x| x.label == c))
            && self
                .min_credibility
                .is_none_or(|m| a.credibility.value >= m)
            && self.min_importance.is_none_or(|m| a.importance.value >= m)
    }
}

/// Durable storage of analyses.
#[async_trait]
pub trait AnalysisStore: Send + Sync {
    /// Store (or replace) the analysis of article `id`.
    async fn put_analysis(&self, id: &str, analysis: &Analysis) -> Result<(), Error> {
        self.put_analyses(&[(id.to_owned(), analysis.clone())])
            .await
    }
    /// Store (or replace) many, in one transaction where the backend has them.
    async fn put_analyses(&self, items: &[(String, Analysis)]) -> Result<(), Error>;
    /// The analysis of article `id`.
    async fn get_analysis(&self, id: &str) -> Result<Option<Analysis>, Error>;
    /// The analyses of these ids, in the same order (`None` for one not analysed).
    async fn get_analyses(&self, ids: &[String]) -> Result<Vec<Option<Analysis>>, Error> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(self.get_analysis(id).await?);
        }
        Ok(out)
    }
    /// Article ids with their analyses that pass the query's filters, in its order.
    async fn list_analyses(&self, query: &AnalysisQuery) -> Result<Vec<(String, Analysis)>, Error>;
    /// Remove the analysis of article `id`; whether there was one.
    async fn delete_analysis(&self, id: &str) -> Result<bool, Error>;
    /// How many analyses are stored.
    async fn count_analyses(&self) -> Result<u64, Error>;
}
