//! An article's entities: mentions in its title and body paragraphs, resolved together, and
//! the attribution of its quotes (from `quotes.rs`) to the resolved speakers.

use marsad_text::NAME_SAME;
use serde::{Deserialize, Serialize};

use super::resolve::{NameCache, contained_as_surname};
use super::{ArticleEntity, EntityType, Mention, MentionFinder, resolve_article};
use crate::Quote;

/// Where a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The headline.
    Title,
    /// A body paragraph.
    Body,
}

/// A mention in an article, with the article entity it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleMention {
    /// Title or body.
    pub field: Field,
    /// Index into `Article::body` (0 for the title).
    pub paragraph: usize,
    /// The mention; its span is a byte range of that title or paragraph as stored.
    #[serde(flatten)]
    pub mention: Mention,
    /// Index into [`ArticleEntities::entities`].
    pub entity: usize,
}

/// The entities of one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntities {
    /// Every mention, title first, then the body in order.
    pub mentions: Vec<ArticleMention>,
    /// The resolved entities; their `mentions` index [`ArticleEntities::mentions`].
    pub entities: Vec<ArticleEntity>,
}

/// Find and resolve the entities of an article.
///
/// ```
/// use marsad_analyze::{MentionFinder, article_entities, ner_model};
/// let body = vec!["قال وزير الدفاع بيني غانتس إن الاتفاق مهم.".to_owned(),
///                 "وأضاف غانتس أن الجيش الإسرائيلي سيتعاون مع المغرب.".to_owned()];
/// let a = article_entities(&MentionFinder::new(ner_model()), None, &body);
/// let gantz = a.entities.iter().find(|e| e.canonical == "بيني غانتس").unwrap();
/// assert_eq!(gantz.mentions.len(), 2);
/// ```
pub fn article_entities(
    finder: &MentionFinder<'_>,
    title: Option<&str>,
    body: &[String],
) -> ArticleEntities {
    let mut texts: Vec<(Field, usize, &str)> = Vec::with_capacity(body.len() + 1);
    if let Some(t) = title {
        texts.push((Field::Title, 0, t));
    }
    texts.extend(
        body.iter()
            .enumerate()
            .map(|(p, t)| (Field::Body, p, t.as_str())),
    );
    let mut analysed: Vec<_> = texts.iter().map(|&(_, _, t)| finder.analyse(t)).collect();
    // A name found once in the story is found everywhere in it.
    let mut known = rustc_hash::FxHashSet::default();
    for a in &analysed {
        known.extend(a.person_words());
    }
    let mut placed: Vec<(Field, usize, Mention)> = Vec::new();
    for (&(field, p, text), a) in texts.iter().zip(&mut analysed) {
        a.propagate(&known);
        placed.extend(finder.finish(text, a).into_iter().map(|m| (field, p, m)));
    }
    let plain: Vec<Mention> = placed.iter().map(|(_, _, m)| m.clone()).collect();
    let entities = resolve_article(&plain);
    let mut of = vec![0usize; plain.len()];
    for (e, ent) in entities.iter().enumerate() {
        for &m in &ent.mentions {
            of[m] = e;
        }
    }
    let mentions = placed
        .into_iter()
        .zip(of)
        .map(|((field, paragraph, mention), entity)| ArticleMention {
            field,
            paragraph,
            mention,
            entity,
        })
        .collect();
    ArticleEntities { mentions, entities }
}

/// The article entity that said each quote (`None` when nobody, or nobody resolved): the
/// person or organisation mention inside the quote's speaker span, else the entity whose
/// name the speaker text holds (a surname, a variant spelling). Anonymous speakers stay
/// `None` here; the quote itself says they are anonymous.
pub fn attribute_quotes(quotes: &[Quote], entities: &ArticleEntities) -> Vec<Option<usize>> {
    let names = NameCache::default();
    quotes
        .iter()
        .map(|q| {
            let span = q.speaker_span?;
            let inside = entities
                .mentions
                .iter()
                .filter(|m| {
                    m.field == Field::Body
                        && m.paragraph == span.paragraph
                        && m.mention.start < span.end
                        && span.start < m.mention.end
                        && matches!(
                            m.mention.entity_type,
                            EntityType::Person | EntityType::Organization
                        )
                })
                .min_by_key(|m| (m.mention.entity_type != EntityType::Person, m.mention.start));
            if let Some(m) = inside {
                return Some(m.entity);
            }
            let speaker = q.speaker.as_deref()?;
            let words: Vec<&str> = speaker.split_whitespace().collect();
            entities
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.entity_type == EntityType::Person)
                .find(|(_, e)| {
                    e.forms.iter().any(|f| {
                        names.similarity(f, speaker) >= NAME_SAME
                            || words.iter().any(|w| contained_as_surname(w, f, &names))
                    })
                })
                .map(|(k, _)| k)
        })
        .collect()
}
