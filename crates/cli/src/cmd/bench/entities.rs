//! `marsad bench entities`: resolution quality on the seed pages and the speed of the whole
//! entity step on real news.
//!
//! Resolution: the gold bodies (and titles) of `../shared/seeds/gold/NNN_*.json` go through
//! mentions + resolution within each page + the store-wide index, in page order. Each gold
//! form of each gold entity is mapped to the system entity of the mentions written that way
//! (surface equal after `Level::Search`, or name with the same `name_key`, which drops
//! titles) on the entity's pages, the most frequent
//! one; a form found nowhere is a singleton. Pairwise precision and recall of "these two
//! forms are the same entity" over all gold forms (goal ≥ 0.95 both).
//!
//! Speed: ANT v1.1 articles (title + body), one thread: mentions, resolution in the article
//! and in the index, quotes with their speakers, keywords against running document
//! frequencies. Articles per second of wall time (goal ≥ 2,000). Skips what is absent.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use marsad_analyze::{
    EntityIndex, KEYWORDS, KeywordStats, MentionFinder, article_entities, article_terms,
    attribute_quotes, keywords, ner_model, quotes,
};
use marsad_text::{Level, name_key, normalize};
use serde_json::{Value, json};

use crate::cmd::train::{Labels, read_ant};

/// Flags of `marsad bench entities`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed folder (`gold/entities.json`, `gold/NNN_*.json`).
    #[arg(long, default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// ANT corpus folder for the speed run.
    #[arg(long, default_value = "../shared/data/ant-corpus-v1.1")]
    news: PathBuf,
    /// Articles of the speed run at most.
    #[arg(long, default_value_t = 5000)]
    limit: usize,
    /// One JSON object.
    #[arg(long)]
    json: bool,
}

const GOAL_PAIRWISE: f64 = 0.95;
const GOAL_ARTICLES_PER_S: f64 = 2000.0;

/// Run `marsad bench entities`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let resolution = resolution(&args.seeds)?;
    let speed = speed(&args.news, args.limit)?;
    let report = json!({"schema": 1, "resolution": resolution, "speed": speed,
        "goals": {"pairwise": GOAL_PAIRWISE, "articles_per_s": GOAL_ARTICLES_PER_S}});
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{report}")?;
    } else {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn key(s: &str) -> String {
    normalize(s, Level::Search)
}

fn resolution(seeds: &Path) -> anyhow::Result<Value> {
    let gold_dir = seeds.join("gold");
    let Ok(bytes) = std::fs::read(gold_dir.join("entities.json")) else {
        eprintln!(
            "bench entities: no {}; skipping resolution",
            gold_dir.display()
        );
        return Ok(Value::Null);
    };
    let gold: Value = serde_json::from_slice(&bytes).context("parse entities.json")?;
    let mut pages: Vec<(String, PathBuf)> = std::fs::read_dir(&gold_dir)
        .with_context(|| format!("read {}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_owned();
            let (num, _) = name.split_once('_')?;
            (num.len() == 3 && name.ends_with(".json")).then(|| (num.to_owned(), p.clone()))
        })
        .collect();
    pages.sort();
    let finder = MentionFinder::new(ner_model());
    let mut index = EntityIndex::new();
    // Page → [(surface key, name key, entity id)].
    let mut seen: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
    for (num, path) in &pages {
        let page: Value = serde_json::from_slice(&std::fs::read(path)?)
            .with_context(|| format!("parse {}", path.display()))?;
        let title = page["title"].as_str();
        let body: Vec<String> = page["body"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let ents = article_entities(&finder, title, &body);
        let ids = index.add(num, &ents);
        let list = seen.entry(num.clone()).or_default();
        for m in &ents.mentions {
            if let Some(id) = ids.get(m.entity) {
                list.push((
                    key(&m.mention.surface),
                    name_key(&m.mention.name),
                    id.clone(),
                ));
            }
        }
    }
    // Items: (gold entity, form) → system id.
    let mut items: Vec<(usize, String, Option<String>)> = Vec::new();
    let mut missing = Vec::new();
    let mut k = 0;
    for (ty, list) in gold.as_object().into_iter().flatten() {
        let Some(list) = list.as_array() else {
            continue;
        };
        for e in list {
            let pages: Vec<&str> = e["pages"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for f in e["forms"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let fk = key(f);
                // Titles do not count (`الجنرال كوخافي` is the form `كوخافي` with a title).
                let fnk = name_key(f);
                let mut votes: HashMap<&str, usize> = HashMap::new();
                for p in &pages {
                    for (s, n, id) in seen.get(*p).into_iter().flatten() {
                        if *s == fk || *n == fnk {
                            *votes.entry(id.as_str()).or_default() += 1;
                        }
                    }
                }
                let id = votes
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
                    .map(|(id, _)| id.to_owned());
                if id.is_none() {
                    missing.push(format!("{ty}: {f}"));
                }
                items.push((k, f.to_owned(), id));
            }
            k += 1;
        }
    }
    let (mut both, mut sys, mut gold_pairs) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let g = items[i].0 == items[j].0;
            let s = items[i].2.is_some() && items[i].2 == items[j].2;
            gold_pairs += usize::from(g);
            sys += usize::from(s);
            both += usize::from(g && s);
            if s && !g {
                wrong.push(format!("{} = {}", items[i].1, items[j].1));
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Ok(json!({
        "pages": pages.len(),
        "forms": items.len(),
        "gold_pairs": gold_pairs,
        "system_pairs": sys,
        "precision": ratio(both, sys),
        "recall": ratio(both, gold_pairs),
        "forms_not_found": missing,
        "wrong_pairs": wrong,
    }))
}

fn speed(news: &Path, limit: usize) -> anyhow::Result<Value> {
    if !news.is_dir() {
        eprintln!("bench entities: no {}; skipping speed", news.display());
        return Ok(Value::Null);
    }
    let mut articles = read_ant(&[news.to_path_buf()], Labels::Original)?;
    articles.truncate(limit);
    let finder = MentionFinder::new(ner_model());
    // Warm-up: lazy tables and the model.
    for a in articles.iter().take(50) {
        let _ = article_entities(&finder, a.title.as_deref(), &a.body);
    }
    let bytes: usize = articles
        .iter()
        .map(|a| a.body.iter().map(String::len).sum::<usize>())
        .sum();
    let start = Instant::now();
    let mut index = EntityIndex::new();
    let mut stats = KeywordStats::default();
    let (mut mentions, mut quoted, mut attributed, mut kw) = (0usize, 0usize, 0usize, 0usize);
    for a in &articles {
        let ents = article_entities(&finder, a.title.as_deref(), &a.body);
        let _ids = index.add(&a.docno, &ents);
        let q = quotes(&a.body);
        let speakers = attribute_quotes(&q, &ents);
        let names: Vec<(String, usize)> = ents
            .entities
            .iter()
            .map(|e| (e.canonical.clone(), e.mentions.len()))
            .collect();
        let terms = article_terms(a.title.as_deref(), &a.body, &names);
        stats.add(&terms);
        kw += keywords(&terms, &stats, KEYWORDS).len();
        mentions += ents.mentions.len();
        quoted += q.len();
        attributed += speakers.iter().filter(|s| s.is_some()).count();
    }
    let seconds = start.elapsed().as_secs_f64();
    Ok(json!({
        "corpus": news.display().to_string(),
        "articles": articles.len(),
        "body_mb": bytes as f64 / 1e6,
        "seconds": seconds,
        "articles_per_s": articles.len() as f64 / seconds.max(1e-9),
        "mentions": mentions,
        "store_entities": index.entities().len(),
        "quotes": quoted,
        "quotes_attributed": attributed,
        "keywords": kw,
        "threads": 1,
    }))
}
