//! `marsad cluster`: near-duplicates, events, storylines and timelines over the data folder,
//! computed from the store on demand (assignments are not persisted yet).
//!
//! `--json` prints one object (schema 1):
//! `{"schema":1,
//!   "events":[{"id","label","date","articles":[id],"sources":[outlet],"entities":[name],"terms":[stem]}],
//!   "storylines":[{"id","label","events":[event id]}],
//!   "timeline":{storyline id:[{"date","precision","what","articles":[id],"kind":"event"|"mentioned","event"}]},
//!   "duplicates":[{"canonical","copies":[id],"sources":[outlet]}],
//!   "undated":[id]}`.
//! Articles without a publication date are placed at their import time and listed in `undated`.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use marsad_cluster::{Config, Doc, Event, Storyline, TimelineEntry, cluster};
use serde::Serialize;

use crate::data::{DataArgs, runtime};

/// Articles read from the store per page.
const PAGE: usize = 500;

/// Flags of `marsad cluster`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub data: DataArgs,
    /// Print JSON (schema in this command's docs and docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
    /// In the summary, show events of at least this many articles.
    #[arg(long, default_value_t = 2)]
    pub min_articles: usize,
}

#[derive(Serialize)]
struct Report {
    schema: u32,
    events: Vec<Event>,
    storylines: Vec<Storyline>,
    timeline: BTreeMap<String, Vec<TimelineEntry>>,
    duplicates: Vec<marsad_cluster::DuplicateGroup>,
    undated: Vec<String>,
}

/// Run `marsad cluster`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (docs, undated) = runtime()?.block_on(async {
        let store = args.data.open().await?;
        let mut docs = Vec::new();
        let mut undated = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = store
                .articles
                .scan(after.as_deref(), PAGE)
                .await
                .context("read articles")?;
            let Some(last) = page.last() else { break };
            after = Some(last.id.clone());
            for stored in &page {
                match Doc::from_article(&stored.id, &stored.article) {
                    Ok(doc) => docs.push(doc),
                    Err(_) => {
                        undated.push(stored.id.clone());
                        docs.push(Doc::from_article_at(
                            &stored.id,
                            &stored.article,
                            stored.imported_at.naive_utc(),
                        ));
                    }
                }
            }
            if page.len() < PAGE {
                break;
            }
        }
        anyhow::Ok((docs, undated))
    })?;
    let clusterer = cluster(&docs, Config::default());
    let storylines = clusterer.storylines();
    let timeline = storylines
        .iter()
        .map(|s| (s.id.clone(), clusterer.timeline(s)))
        .collect();
    let report = Report {
        schema: 1,
        events: clusterer.events(),
        storylines,
        timeline,
        duplicates: clusterer.duplicates(),
        undated,
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        summary(&mut out, &report, args.min_articles, docs.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn summary(
    out: &mut impl Write,
    r: &Report,
    min_articles: usize,
    articles: usize,
) -> std::io::Result<()> {
    let copies: usize = r.duplicates.iter().map(|d| d.copies.len()).sum();
    writeln!(
        out,
        "{articles} articles, {} events, {} storylines, {copies} near-duplicates in {} groups",
        r.events.len(),
        r.storylines.len(),
        r.duplicates.len()
    )?;
    let by_id: BTreeMap<&str, &Event> = r.events.iter().map(|e| (e.id.as_str(), e)).collect();
    for s in &r.storylines {
        writeln!(out, "\nstoryline {}: {}", s.id, s.label)?;
        for entry in r.timeline.get(&s.id).into_iter().flatten() {
            let mark = match entry.kind {
                marsad_cluster::EntryKind::Event => "event",
                marsad_cluster::EntryKind::Mentioned => "  recalled",
            };
            writeln!(
                out,
                "  {:<10} {mark}: {} ({} articles)",
                entry.date,
                entry.what,
                entry.articles.len()
            )?;
        }
    }
    let mut big: Vec<&Event> = by_id
        .values()
        .copied()
        .filter(|e| e.articles.len() >= min_articles)
        .collect();
    big.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.date.cmp(&b.date))
    });
    if !big.is_empty() {
        writeln!(out, "\nevents of {min_articles}+ articles:")?;
    }
    for e in big {
        writeln!(
            out,
            "  {} {} [{} articles; {}] {}",
            e.date,
            e.label,
            e.articles.len(),
            e.sources.join(", "),
            e.id
        )?;
    }
    if !r.undated.is_empty() {
        writeln!(
            out,
            "\n{} undated articles placed at their import time",
            r.undated.len()
        )?;
    }
    Ok(())
}
