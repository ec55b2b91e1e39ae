//! `marsad entities`: people, organisations, places and products in articles, resolved across
//! them, with each article's keywords and the speakers of its quotes.
//!
//! With files (`marsad entities FILE... --json`): each page (HTML or page text, through
//! `marsad extract`'s extractor) is analysed; entities are resolved across the files given,
//! in order, and keywords use document frequencies over them. With `--store DIR`: every
//! stored article without entity mentions yet is analysed, its mentions and the updated
//! entities are written to the store (incrementally: the index is rebuilt from the stored
//! entities first), then `--all` lists every entity of the store. Schema (version 1) in
//! `docs/cli-json.md`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use marsad_analyze::{
    ArticleEntities, EntityIndex, EntityType, Field, KEYWORDS, KeywordStats, MentionFinder,
    StoreEntity, article_entities, article_terms, attribute_quotes, keywords, ner_model, quotes,
};
use marsad_extract::{Options, extract};
use marsad_store::{EntityRecord, MentionRecord, Store};
use serde_json::{Value, json};

use crate::data::runtime;

/// Flags of `marsad entities`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Page files (HTML or page text) to analyse.
    #[arg(value_name = "FILE", conflicts_with = "store")]
    files: Vec<PathBuf>,
    /// The data folder: resolve its stored articles and list its entities.
    #[arg(long, alias = "data", value_name = "DIR")]
    store: Option<PathBuf>,
    /// Only list the entities (no per-article output).
    #[arg(long)]
    all: bool,
    /// Articles listed per entity at most (`--store`).
    #[arg(long, default_value_t = 100)]
    article_limit: usize,
    /// JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Run `marsad entities`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match &args.store {
        Some(dir) => runtime()?.block_on(run_store(dir.clone(), &args)),
        None => {
            if args.files.is_empty() {
                bail!("give page files, or --store DIR");
            }
            run_files(&args)
        }
    }
}

/// One analysed article.
struct Done {
    name: String,
    title: Option<String>,
    entities: ArticleEntities,
    ids: Vec<String>,
    quotes: Vec<marsad_analyze::Quote>,
    speakers: Vec<Option<usize>>,
    body: Vec<String>,
}

fn entity_json(e: &StoreEntity, articles: &[String]) -> Value {
    json!({
        "id": e.id,
        "canonical": e.canonical,
        "type": e.entity_type.name(),
        "gazetteer": e.gazetteer,
        "forms": e.forms.iter().map(|(f, c)| json!({"form": f, "count": c})).collect::<Vec<_>>(),
        "articles": articles,
    })
}

fn run_files(args: &Args) -> anyhow::Result<ExitCode> {
    let finder = MentionFinder::new(ner_model());
    let mut index = EntityIndex::new();
    let mut done = Vec::new();
    let mut articles_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in &args.files {
        let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
        let article = extract(&bytes, &Options::default())
            .with_context(|| format!("extract {}", path.display()))?
            .article;
        let name = path.display().to_string();
        let entities = article_entities(&finder, article.title.as_deref(), &article.body);
        let ids = index.add(&name, &entities);
        for id in &ids {
            let list = articles_of.entry(id.clone()).or_default();
            if !list.contains(&name) {
                list.push(name.clone());
            }
        }
        let q = quotes(&article.body);
        let speakers = attribute_quotes(&q, &entities);
        done.push(Done {
            name,
            title: article.title.clone(),
            entities,
            ids,
            quotes: q,
            speakers,
            body: article.body,
        });
    }
    let mut stats = KeywordStats::default();
    let terms: Vec<_> = done
        .iter()
        .map(|d| {
            let names: Vec<(String, usize)> = d
                .entities
                .entities
                .iter()
                .map(|e| (e.canonical.clone(), e.mentions.len()))
                .collect();
            article_terms(d.title.as_deref(), &d.body, &names)
        })
        .collect();
    for t in &terms {
        stats.add(t);
    }
    let all: Vec<Value> = index
        .entities()
        .iter()
        .map(|e| entity_json(e, articles_of.get(&e.id).map_or(&[][..], Vec::as_slice)))
        .collect();
    let mut out = std::io::stdout().lock();
    if args.json {
        let articles: Vec<Value> = if args.all {
            Vec::new()
        } else {
            done.iter()
                .zip(&terms)
                .map(|(d, t)| article_json(d, &keywords(t, &stats, KEYWORDS)))
                .collect()
        };
        let v = if args.all {
            json!({"schema": 1, "entities": all})
        } else {
            json!({"schema": 1, "articles": articles, "entities": all})
        };
        writeln!(out, "{v}")?;
    } else {
        if !args.all {
            for (d, t) in done.iter().zip(&terms) {
                writeln!(out, "{}", d.name)?;
                for e in &d.entities.entities {
                    writeln!(
                        out,
                        "  {:12} {}  ({})",
                        e.entity_type.name(),
                        e.canonical,
                        e.forms.join(" / ")
                    )?;
                }
                let k: Vec<String> = keywords(t, &stats, KEYWORDS)
                    .into_iter()
                    .map(|k| k.display)
                    .collect();
                writeln!(out, "  keywords: {}", k.join("، "))?;
            }
        }
        print_entities(&mut out, index.entities())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn article_json(d: &Done, keywords: &[marsad_analyze::Keyword]) -> Value {
    let mentions: Vec<Value> = d
        .entities
        .mentions
        .iter()
        .map(|m| {
            json!({
                "field": m.field,
                "paragraph": m.paragraph,
                "start": m.mention.start,
                "end": m.mention.end,
                "surface": m.mention.surface,
                "name": m.mention.name,
                "type": m.mention.entity_type.name(),
                "role": m.mention.role,
                "source": m.mention.source,
                "entity": d.ids.get(m.entity),
                "canonical": d.entities.entities.get(m.entity).map(|e| &e.canonical),
            })
        })
        .collect();
    let entities: Vec<Value> = d
        .entities
        .entities
        .iter()
        .zip(&d.ids)
        .map(|(e, id)| {
            json!({"id": id, "canonical": e.canonical, "type": e.entity_type.name(),
                   "forms": e.forms, "mentions": e.mentions.len()})
        })
        .collect();
    let quotes: Vec<Value> = d
        .quotes
        .iter()
        .zip(&d.speakers)
        .map(|(q, s)| {
            json!({"speaker": q.speaker, "kind": q.kind, "verb": q.verb, "text": q.text,
                   "paragraph": q.paragraph, "entity": s.and_then(|k| d.ids.get(k))})
        })
        .collect();
    json!({
        "file": d.name,
        "title": d.title,
        "mentions": mentions,
        "entities": entities,
        "keywords": keywords,
        "quotes": quotes,
    })
}

fn print_entities(out: &mut impl Write, entities: &[StoreEntity]) -> anyhow::Result<()> {
    writeln!(out, "{} entities", entities.len())?;
    for e in entities {
        let forms: Vec<&str> = e.forms.iter().map(|(f, _)| f.as_str()).collect();
        writeln!(
            out,
            "{} {:12} {}  ({})",
            e.id,
            e.entity_type.name(),
            e.canonical,
            forms.join(" / ")
        )?;
    }
    Ok(())
}

fn to_record(e: &StoreEntity) -> EntityRecord {
    EntityRecord {
        id: e.id.clone(),
        entity_type: e.entity_type.name().to_owned(),
        canonical: e.canonical.clone(),
        gazetteer: e.gazetteer.clone(),
        forms: e.forms.clone(),
    }
}

fn from_record(r: EntityRecord) -> StoreEntity {
    StoreEntity {
        entity_type: EntityType::parse(&r.entity_type).unwrap_or(EntityType::Misc),
        id: r.id,
        canonical: r.canonical,
        gazetteer: r.gazetteer,
        forms: r.forms,
        articles: Vec::new(),
    }
}

async fn run_store(dir: PathBuf, args: &Args) -> anyhow::Result<ExitCode> {
    let store = Store::open(&dir)
        .await
        .with_context(|| format!("open data folder {}", dir.display()))?;
    let updated = update_store(&store).await?;
    let entities = store
        .entities
        .all_entities()
        .await
        .context("read entities")?;
    let mut listed = Vec::with_capacity(entities.len());
    for r in entities {
        let articles = store
            .entities
            .entity_articles(&r.id, args.article_limit)
            .await
            .context("read entity articles")?;
        listed.push((from_record(r), articles));
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let all: Vec<Value> = listed.iter().map(|(e, a)| entity_json(e, a)).collect();
        writeln!(
            out,
            "{}",
            json!({"schema": 1, "updated_articles": updated, "entities": all})
        )?;
    } else {
        writeln!(out, "{updated} articles resolved now")?;
        let only: Vec<StoreEntity> = listed.into_iter().map(|(e, _)| e).collect();
        print_entities(&mut out, &only)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Resolve every stored article that has no mentions yet; how many were resolved.
pub(crate) async fn update_store(store: &Store) -> anyhow::Result<usize> {
    let known = store
        .entities
        .all_entities()
        .await
        .context("read entities")?;
    let mut index = EntityIndex::from_entities(known.into_iter().map(from_record).collect());
    let finder = MentionFinder::new(ner_model());
    let mut after: Option<String> = None;
    let mut updated = 0;
    loop {
        let page = store
            .articles
            .scan(after.as_deref(), 200)
            .await
            .context("scan articles")?;
        let Some(last) = page.last() else { break };
        after = Some(last.id.clone());
        let mut touched: BTreeMap<String, ()> = BTreeMap::new();
        for a in &page {
            if !store
                .entities
                .article_mentions(&a.id)
                .await
                .context("read mentions")?
                .is_empty()
            {
                continue;
            }
            let ents = article_entities(&finder, a.article.title.as_deref(), &a.article.body);
            let ids = index.add(&a.id, &ents);
            let mentions: Vec<MentionRecord> = ents
                .mentions
                .iter()
                .filter_map(|m| {
                    Some(MentionRecord {
                        entity_id: ids.get(m.entity)?.clone(),
                        field: match m.field {
                            Field::Title => "title".to_owned(),
                            Field::Body => "body".to_owned(),
                        },
                        paragraph: u32::try_from(m.paragraph).ok()?,
                        start: u32::try_from(m.mention.start).ok()?,
                        end: u32::try_from(m.mention.end).ok()?,
                        surface: m.mention.surface.clone(),
                    })
                })
                .collect();
            store
                .entities
                .put_mentions(&a.id, &mentions)
                .await
                .context("write mentions")?;
            for id in ids {
                touched.insert(id, ());
            }
            updated += 1;
        }
        let records: Vec<EntityRecord> = touched
            .keys()
            .filter_map(|id| index.get(id))
            .map(to_record)
            .collect();
        store
            .entities
            .put_entities(&records)
            .await
            .context("write entities")?;
    }
    Ok(updated)
}
