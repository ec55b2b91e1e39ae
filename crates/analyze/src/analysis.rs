//! The [`Analysis`] of an article: our category (with confidence and the terms behind it),
//! the page's own category, credibility and importance with their reasons, and the quotes.
//! [`Analyzer`] computes it; the store keeps it as JSON (`analyses` table).
//!
//! Adding a field: give it a `Default` and keep `#[serde(default)]` on the struct, so analyses
//! stored before the field existed still read. Bump [`ANALYSIS_VERSION`] when the same article
//! would get different figures, so stored analyses can be recomputed.

use chrono::NaiveDate;
use marsad_extract::Article;
use serde::{Deserialize, Serialize};

use crate::scores::credibility::credibility;
use crate::scores::facts::Facts;
use crate::scores::importance::{ImportanceInput, importance};
use crate::scores::profiles::SourceProfiles;
use crate::{
    CategoryError, CategoryModel, Quote, Score, product_model, quotes, section, taxonomy_of,
};

/// The version of the analysis rules; stored with each analysis.
pub const ANALYSIS_VERSION: u32 = 1;

/// How many terms [`CategoryResult::terms`] lists.
const TOP_TERMS: usize = 5;

/// Everything Marsad says about one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Analysis {
    /// [`ANALYSIS_VERSION`] when it was computed.
    pub version: u32,
    /// Our category.
    pub category: Option<CategoryResult>,
    /// The page's own category as the aggregator gave it (Kashaf's «التصنيف»), kept beside ours.
    pub source_category: Option<String>,
    /// Credibility with its reasons.
    pub credibility: Score,
    /// Importance with its reasons.
    pub importance: Score,
    /// Who said what.
    pub quotes: Vec<Quote>,
    /// Mentions and resolved entities of the title and body (issue 6).
    pub entities: crate::ArticleEntities,
    /// For each quote, the index in `entities.entities` of its speaker, if resolved.
    pub quote_speakers: Vec<Option<usize>>,
    /// The article's keywords (term frequency with stop words removed, entities preferred;
    /// store-wide IDF is applied by `marsad entities` and the keyword cloud).
    pub keywords: Vec<crate::Keyword>,
}

/// The classifier's answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryResult {
    /// The model's label (a taxonomy code for the product model: `middle_east`).
    pub label: String,
    /// The taxonomy section's Arabic name, when the label maps to one.
    pub arabic: Option<String>,
    /// Probability of the label, 0 to 1.
    pub confidence: f32,
    /// The three most probable labels with their probabilities.
    pub top: Vec<LabelProbability>,
    /// The article's terms (stems) that weigh most towards the label, strongest first.
    pub terms: Vec<String>,
}

/// One label and its probability.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LabelProbability {
    /// The label.
    pub label: String,
    /// Its probability.
    pub confidence: f32,
}

/// What the analysis needs besides the article. Everything is optional: an unknown input
/// adds no reason (see the tables in the score modules).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The analysis date, for recency (the import's date; analysis reads no clock).
    pub today: Option<NaiveDate>,
    /// Other independent outlets covering the same event. A seam: filled by event clustering;
    /// `None` until then, which gives neither a corroboration nor a coverage reason.
    pub corroborating_sources: Option<usize>,
    /// How prominent the article's entities are across the store, 0 to 1 (seam for the entity
    /// pass).
    pub entity_prominence: Option<f32>,
    /// The outlet's placement of the article, 0 to 1 (1 = lead story), when known.
    pub prominence: Option<f32>,
}

/// Computes analyses: holds the category model and the source profiles. Build it once.
#[derive(Debug, Clone)]
pub struct Analyzer {
    model: CategoryModel,
    profiles: SourceProfiles,
}

impl Analyzer {
    /// An analyzer with this model and these profiles.
    pub fn new(model: CategoryModel, profiles: SourceProfiles) -> Analyzer {
        Analyzer { model, profiles }
    }

    /// The bundled product model and no profiles (every outlet neutral).
    pub fn product() -> Result<Analyzer, CategoryError> {
        Ok(Analyzer::new(product_model()?, SourceProfiles::default()))
    }

    /// The same model with other profiles.
    pub fn with_profiles(mut self, profiles: SourceProfiles) -> Analyzer {
        self.profiles = profiles;
        self
    }

    /// The source profiles.
    pub fn profiles(&self) -> &SourceProfiles {
        &self.profiles
    }

    /// The category model.
    pub fn model(&self) -> &CategoryModel {
        &self.model
    }

    /// Analyse one article.
    pub fn analyze(&self, article: &Article, context: &Context) -> Analysis {
        let quotes = quotes(&article.body);
        let entities = crate::article_entities(
            &crate::MentionFinder::new(crate::ner_model()),
            article.title.as_deref(),
            &article.body,
        );
        let category = self.category(article);
        let section_code = category.as_ref().and_then(|c| {
            let code = if self.model.label_space() == "taxonomy" {
                section(&c.label).map(|s| s.code)
            } else {
                taxonomy_of(&c.label).map(|s| s.code)
            };
            code.map(|code| (code, c.confidence))
        });
        let (credibility, importance) =
            scores(article, &quotes, section_code, &self.profiles, context);
        Analysis {
            version: ANALYSIS_VERSION,
            category,
            source_category: article
                .aggregator
                .as_ref()
                .and_then(|a| a.category.clone())
                .filter(|c| !c.trim().is_empty()),
            credibility,
            importance,
            quote_speakers: crate::attribute_quotes(&quotes, &entities),
            keywords: crate::article_keywords(article.title.as_deref(), &article.body, &entities),
            entities,
            quotes,
        }
    }

    fn category(&self, article: &Article) -> Option<CategoryResult> {
        let title = article.title.as_deref();
        if title.is_none_or(|t| t.trim().is_empty())
            && article.body.iter().all(|p| p.trim().is_empty())
        {
            return None;
        }
        let p = self.model.predict(title, &article.body);
        if p.label.is_empty() {
            return None;
        }
        let arabic = if self.model.label_space() == "taxonomy" {
            section(&p.label)
        } else {
            taxonomy_of(&p.label)
        }
        .map(|s| s.arabic.to_owned());
        let terms = self
            .model
            .top_terms(title, &article.body, &p.label, TOP_TERMS);
        Some(CategoryResult {
            arabic,
            confidence: p.confidence,
            top: p
                .top
                .into_iter()
                .map(|(label, confidence)| LabelProbability { label, confidence })
                .collect(),
            label: p.label,
            terms,
        })
    }
}

/// Recompute the credibility and importance of a stored analysis whose [`Context`] changed
/// (an event gained an independent outlet: `corroborating_sources`), from the article, the
/// analysis's quotes and category, and `profiles`; the rest of the analysis is kept. The
/// scores equal what [`Analyzer::analyze`] gives with the same context and profiles.
pub fn rescore(
    article: &Article,
    analysis: &mut Analysis,
    profiles: &SourceProfiles,
    context: &Context,
) {
    let section_code = analysis.category.as_ref().and_then(|c| {
        section(&c.label)
            .or_else(|| taxonomy_of(&c.label))
            .map(|s| (s.code, c.confidence))
    });
    (analysis.credibility, analysis.importance) =
        scores(article, &analysis.quotes, section_code, profiles, context);
}

/// How many other independent outlets the stored analysis was scored with (what
/// [`Context::corroborating_sources`] was), read back from its importance reasons.
pub fn scored_corroboration(analysis: &Analysis) -> Option<usize> {
    analysis
        .importance
        .reasons
        .iter()
        .find(|r| r.code == "outlets_covering")
        .and_then(|r| r.detail.as_deref()?.parse::<usize>().ok())
        .map(|k| k.saturating_sub(1))
}

/// Credibility and importance of an article with these quotes and this section (code,
/// confidence).
fn scores(
    article: &Article,
    quotes: &[Quote],
    section_code: Option<(&str, f32)>,
    profiles: &SourceProfiles,
    context: &Context,
) -> (Score, Score) {
    let facts = Facts::of(article, quotes);
    let aggregator_source = article
        .aggregator
        .as_ref()
        .and_then(|a| a.source.as_deref());
    let outlet = article.source.as_deref().or(aggregator_source);
    let profile = profiles.find(
        [
            article.source.as_deref(),
            aggregator_source,
            article.url.as_deref(),
        ]
        .into_iter()
        .flatten(),
    );
    let published = article
        .published
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let credibility = credibility(
        article,
        &facts,
        profile,
        outlet,
        context.corroborating_sources,
    );
    let importance = importance(
        &facts,
        &ImportanceInput {
            profile,
            corroborating: context.corroborating_sources,
            category: section_code,
            entity_prominence: context.entity_prominence,
            published,
            today: context.today,
            prominence: context.prominence,
        },
    );
    (credibility, importance)
}

/// The Arabic wording of a reason code, for the reader (`anonymous_sources` → «مصادر مجهولة»);
/// the code itself for one this build does not know.
pub fn reason_label(code: &str) -> &str {
    match code {
        "base" => "نقطة البداية",
        "outlet_profile" => "ملف المصدر",
        "satire_outlet" => "موقع ساخر",
        "outlet_unknown" => "مصدر غير مصنّف (محايد)",
        "named_author" => "كاتب مسمّى",
        "no_author" => "بلا كاتب مسمّى",
        "named_sources" => "مصادر مسمّاة",
        "anonymous_sources" => "مصادر مجهولة",
        "direct_quotes" => "اقتباسات مباشرة",
        "no_sources" => "بلا مصادر منسوبة",
        "attributed_figures" => "أرقام منسوبة إلى مصدر",
        "unattributed_figures" => "أرقام بلا مصدر",
        "corroborated" => "تنقله مصادر مستقلة أخرى",
        "not_corroborated" => "لم تنقله مصادر مستقلة أخرى",
        "headline_supported" => "العنوان يسنده النص",
        "headline_unsupported" => "العنوان لا يسنده النص",
        "clickbait_headline" => "عنوان مثير",
        "sensational_punctuation" => "علامات تعجب واستفهام مثيرة",
        "clickbait_lead" => "عبارات مثيرة في المقدمة",
        "opinion" => "رأي لا خبر",
        "thin_body" => "نص قصير",
        "detailed_body" => "نص مفصّل",
        "outlets_covering" => "عدد المصادر التي تغطي الحدث",
        "category" => "أهمية القسم",
        "officials" => "مسؤولون وهيئات رفيعة",
        "entity_prominence" => "بروز الأسماء في الأرشيف",
        "casualties" => "ضحايا",
        "figures_of_scale" => "أرقام كبيرة",
        "first_of_its_kind" => "حدث غير مسبوق",
        "recency" => "حداثة الخبر",
        "length" => "طول النص",
        "prominence" => "موقع الخبر لدى المصدر",
        other => other,
    }
}

/// An analysis ready for a reader's page: Arabic names, the figures and each reason worded.
/// Built by [`display`]; every string is plain text (the page escapes it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnalysisDisplay {
    /// Our section in Arabic with the confidence (`رياضة (92٪)`).
    pub category: Option<String>,
    /// The page's own category.
    pub source_category: Option<String>,
    /// Credibility, then importance.
    pub scores: Vec<ScoreDisplay>,
    /// How many quotes were found.
    pub quotes: usize,
}

/// One score for display.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScoreDisplay {
    /// `مستوى الموثوقية` or `الأهمية`.
    pub name: &'static str,
    /// 0 to 100.
    pub value: u8,
    /// The reasons with a non-zero weight, largest first (the base first).
    pub reasons: Vec<ReasonDisplay>,
}

/// One reason for display.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReasonDisplay {
    /// The stable code.
    pub code: String,
    /// Its Arabic wording.
    pub label: String,
    /// The weight with its sign, in points (`+12`, `-5`).
    pub signed: String,
    /// The weight.
    pub weight: i8,
    /// What was found.
    pub detail: Option<String>,
}

/// The reader's view of an analysis (what the article page shows).
pub fn display(analysis: &Analysis) -> AnalysisDisplay {
    let score = |name: &'static str, s: &Score| {
        let mut reasons: Vec<ReasonDisplay> = s
            .reasons
            .iter()
            .filter(|r| r.weight != 0 || r.code == "outlet_unknown")
            .map(|r| ReasonDisplay {
                code: r.code.clone(),
                label: reason_label(&r.code).to_owned(),
                signed: format!("{:+}", r.weight),
                weight: r.weight,
                detail: r.detail.clone(),
            })
            .collect();
        reasons.sort_by_key(|r| (r.code != "base", -i16::from(r.weight).abs()));
        ScoreDisplay {
            name,
            value: s.value,
            reasons,
        }
    };
    AnalysisDisplay {
        category: analysis.category.as_ref().map(|c| {
            format!(
                "{} ({:.0}٪)",
                c.arabic.as_deref().unwrap_or(&c.label),
                100.0 * c.confidence
            )
        }),
        source_category: analysis.source_category.clone(),
        scores: vec![
            score("مستوى الموثوقية", &analysis.credibility),
            score("الأهمية", &analysis.importance),
        ],
        quotes: analysis.quotes.len(),
    }
}

#[cfg(test)]
mod tests;
