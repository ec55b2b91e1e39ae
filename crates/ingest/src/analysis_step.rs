//! The analysis step of the import pipeline: each stored article's category, credibility,
//! importance and quotes (`marsad_analyze::Analyzer`), computed on every core before the
//! import stores the batch; a put replaces the article's analysis, so re-running an import
//! recomputes without duplicating.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use marsad_analyze::{Analysis, Analyzer, Context};
use marsad_extract::Article;

/// The bundled analyzer, loaded once per process (the model takes tens of milliseconds to
/// parse, and the crawler imports in many small batches). `None` if it fails to load, which
/// would be a broken build: the import then goes on without analyses and says so in the log.
fn bundled() -> Option<Arc<Analyzer>> {
    static BUNDLED: OnceLock<Option<Arc<Analyzer>>> = OnceLock::new();
    BUNDLED
        .get_or_init(|| match Analyzer::product() {
            Ok(a) => Some(Arc::new(a)),
            Err(error) => {
                tracing::error!(%error, "the bundled category model does not load: no analyses");
                None
            }
        })
        .clone()
}

/// The analyzer an import uses and the date it analyses at.
pub(crate) struct AnalysisStep {
    analyzer: Option<Arc<Analyzer>>,
    today: NaiveDate,
}

impl AnalysisStep {
    /// `analyzer`, or the bundled one; `today` is the import's date (for recency).
    pub(crate) fn new(analyzer: Option<Arc<Analyzer>>, today: NaiveDate) -> Self {
        AnalysisStep {
            analyzer: analyzer.or_else(bundled),
            today,
        }
    }

    /// The analysis of one article, or `None` when no analyzer loaded. Pure and
    /// CPU-bound: the import runs it on every core before storing.
    pub(crate) fn analyze(&self, article: &Article) -> Option<Analysis> {
        let analyzer = self.analyzer.as_ref()?;
        let context = Context {
            today: Some(self.today),
            ..Context::default()
        };
        Some(analyzer.analyze(article, &context))
    }
}
