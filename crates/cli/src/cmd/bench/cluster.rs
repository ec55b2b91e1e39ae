//! `marsad bench cluster`: event and storyline quality of `marsad-cluster` on the seed pages
//! and on a hand-labelled four-outlet dev set (next to a TF-IDF single-link baseline swept to
//! its best threshold), placement speed on a synthetic stream, and near-duplicate precision
//! and recall on copies and light rewrites built from real articles.
//!
//! `--json` prints one object:
//! `{"schema":2,
//!   "seeds": {"events": Prf, "storyline_ok": bool, "past_events": {"gold","found","dates"}},
//!   "dev": {"set", "articles", "marsad": {"events": Scores, "storylines": Scores},
//!           "baseline": {"threshold","window_hours","events": Scores, "storylines": Scores},
//!           "holdout": [{"tuned_on","tested_on","articles","chosen","tuned": {"events","storylines"},
//!                        "defaults": {"events","storylines"}}]} | null,
//!   "speed": [{"placed","articles_per_s","open_events","events","clone_s","peak_rss_mb"}] | null,
//!   "duplicates": {"positives","negatives","precision","recall","by_kind": {kind: recall}} | null,
//!   "skipped": [reason]}`
//! where `Scores = {"bcubed": Prf, "pairwise": Prf}` and `Prf = {"p","r","f1"}`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, NaiveDateTime};
use marsad_analyze::{MentionFinder, article_entities, ner_model};
use marsad_cluster::{Clusterer, Config, Doc, EntryKind, cluster, parse_time};
use marsad_extract::{Format, Options, extract};
use serde::Serialize;
use serde_json::{Value, json};

/// Flags of `marsad bench cluster`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The dev set folder (`articles.jsonl` + `gold.json`).
    #[arg(long, default_value = "/work/shared/data/clustering-ant-dev")]
    pub set: PathBuf,
    /// Articles already placed at each speed measurement (comma-separated).
    #[arg(long, default_value = "10000,100000", value_delimiter = ',')]
    pub speed_at: Vec<usize>,
    /// Print a parameter sweep on the dev set to stderr (for tuning).
    #[arg(long)]
    pub sweep: bool,
    /// Print JSON (schema in this module's doc).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, Serialize)]
struct Prf {
    p: f64,
    r: f64,
    f1: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Prf {
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f1 }
    }
}

#[derive(Debug, Clone, Copy, Serialize)]
struct Scores {
    bcubed: Prf,
    pairwise: Prf,
}

/// Run `marsad bench cluster`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut skipped: Vec<String> = Vec::new();
    let seeds = seeds().context("seed pages")?;
    let dev_set = if args.set.join("gold.json").is_file() {
        Some(load_dev(&args.set)?)
    } else {
        skipped.push(format!(
            "{}: absent (dev, speed and duplicate benches skipped)",
            args.set.display()
        ));
        None
    };
    let dev = dev_set.as_ref().map(|d| dev_report(d, &args));
    let speed = dev_set.as_ref().map(|d| speed(d, &args.speed_at));
    let duplicates = dev_set.as_ref().map(duplicates);
    let report = json!({
        "schema": 2, "seeds": seeds, "dev": dev, "speed": speed, "duplicates": duplicates,
        "skipped": skipped,
    });
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{report}")?;
    } else {
        print_table(&mut out, &report)?;
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------- scoring

/// B-cubed and pairwise scores of `pred` against `gold` (article → cluster label), over the
/// gold articles; a gold article missing from `pred` is a predicted singleton.
fn score(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> Scores {
    let label = |a: &String| pred.get(a).cloned().unwrap_or_else(|| format!("\u{0}{a}"));
    let mut pred_groups: HashMap<String, Vec<&String>> = HashMap::new();
    let mut gold_groups: HashMap<&String, Vec<&String>> = HashMap::new();
    for (a, g) in gold {
        pred_groups.entry(label(a)).or_default().push(a);
        gold_groups.entry(g).or_default().push(a);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (a, g) in gold {
        let c = &pred_groups[&label(a)];
        let both = c.iter().filter(|x| &gold[**x] == g).count() as f64;
        p += both / c.len() as f64;
        r += both / gold_groups[g].len() as f64;
    }
    let n = gold.len().max(1) as f64;
    let pairs = |groups: Vec<usize>| {
        groups
            .iter()
            .map(|&k| k * k.saturating_sub(1) / 2)
            .sum::<usize>()
    };
    let pred_pairs = pairs(pred_groups.values().map(Vec::len).collect());
    let gold_pairs = pairs(gold_groups.values().map(Vec::len).collect());
    let mut joint: HashMap<(String, &String), usize> = HashMap::new();
    for (a, g) in gold {
        *joint.entry((label(a), g)).or_default() += 1;
    }
    let tp = pairs(joint.values().copied().collect()) as f64;
    let ratio = |x: f64, y: usize| if y == 0 { 0.0 } else { x / y as f64 };
    Scores {
        bcubed: Prf::new(p / n, r / n),
        pairwise: Prf::new(ratio(tp, pred_pairs), ratio(tp, gold_pairs)),
    }
}

// ---------------------------------------------------------------- seeds

fn seeds() -> anyhow::Result<Value> {
    let root = super::repo_root();
    let dir = root.join("corpus/pages");
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("corpus/gold/stories.json"))
            .context("corpus/gold/stories.json")?,
    )?;
    let mut docs = Vec::new();
    let mut undated = Vec::new();
    let finder = MentionFinder::new(ner_model());
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    for path in names {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).with_context(|| format!("read {}", path.display()))?;
        let options = Options {
            format: Format::Text,
            ..Options::default()
        };
        let article = extract(&bytes, &options)
            .with_context(|| format!("extract {}", path.display()))?
            .article;
        if article.published.published.is_none() {
            undated.push(stem.clone());
        }
        let mut doc = Doc::from_article(&stem, &article).unwrap_or_else(|_| {
            // No date at all: placed by content alone at the file's time.
            let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            let at = modified
                .map(|t| chrono::DateTime::<chrono::Utc>::from(t).naive_utc())
                .unwrap_or_default();
            Doc::from_article_at(&stem, &article, at)
        });
        doc.entities = ner_keys(&finder, article.title.as_deref(), &article.body);
        docs.push(doc);
    }
    let clusterer = cluster(&docs, Config::default());
    let mut gold_events = HashMap::new();
    for e in gold["events"].as_array().into_iter().flatten() {
        for p in e["pages"].as_array().into_iter().flatten() {
            gold_events.insert(
                p.as_str().unwrap_or_default().to_owned(),
                e["id"].as_str().unwrap_or_default().to_owned(),
            );
        }
    }
    let pred: HashMap<String, String> = docs
        .iter()
        .filter_map(|d| Some((d.id.clone(), clusterer.event_of(&d.id)?.to_owned())))
        .collect();
    let events = score(&pred, &gold_events);
    let storylines = clusterer.storylines();
    let all_events: BTreeSet<&str> = pred.values().map(String::as_str).collect();
    let storyline_ok = storylines.len() == 1
        && storylines[0]
            .events
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
            == all_events;
    let mut mentioned: BTreeSet<String> = BTreeSet::new();
    let timelines: Vec<_> = if storylines.is_empty() {
        vec![clusterer.timeline_of(&clusterer.events())]
    } else {
        storylines.iter().map(|s| clusterer.timeline(s)).collect()
    };
    for e in timelines
        .iter()
        .flatten()
        .filter(|e| e.kind == EntryKind::Mentioned)
    {
        mentioned.insert(e.date.clone());
    }
    let gold_past: Vec<String> = gold["past_events_mentioned"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["date"].as_str().map(str::to_owned))
        .collect();
    let found: Vec<&String> = gold_past
        .iter()
        .filter(|d| mentioned.contains(*d))
        .collect();
    Ok(json!({
        "pages": docs.len(), "undated": undated,
        "events": events.bcubed, "pairwise": events.pairwise,
        "predicted_events": all_events.len(), "storylines": storylines.len(), "storyline_ok": storyline_ok,
        "past_events": {"gold": gold_past.len(), "found": found.len(), "mentioned_entries": mentioned.len(),
                        "dates": found},
    }))
}

// ---------------------------------------------------------------- dev set

struct DevSet {
    path: PathBuf,
    docs: Vec<Doc>,
    events: HashMap<String, String>,
    storylines: HashMap<String, String>,
    baseline_text: Vec<String>,
}

/// The recogniser's entity keys of an article, as `marsad import` feeds them to the
/// clusterer from the stored analysis; none with `MARSAD_CLUSTER_NO_NER` set (the clusterer
/// then guesses names), to measure what the recogniser brings.
fn ner_keys(
    finder: &MentionFinder<'_>,
    title: Option<&str>,
    body: &[String],
) -> Option<Vec<String>> {
    if std::env::var_os("MARSAD_CLUSTER_NO_NER").is_some() {
        return None;
    }
    Some(crate::cmd::cluster::entity_keys(&article_entities(
        finder, title, body,
    )))
}

fn load_dev(dir: &Path) -> anyhow::Result<DevSet> {
    let file = std::fs::File::open(dir.join("articles.jsonl")).context("articles.jsonl")?;
    let mut docs = Vec::new();
    let mut baseline_text = Vec::new();
    let finder = MentionFinder::new(ner_model());
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line)
            .with_context(|| format!("articles.jsonl line {}", n + 1))?;
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let mut paragraphs: Vec<String> = v["text"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .filter(|p| !p.trim().is_empty())
            .collect();
        let abstract_ = s("abstract");
        if !abstract_.trim().is_empty() && paragraphs.first() != Some(&abstract_) {
            paragraphs.insert(0, abstract_);
        }
        let time =
            parse_time(&s("time_iso")).with_context(|| format!("line {}: time_iso", n + 1))?;
        let title = s("title");
        let lead: Vec<&str> = v["text"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .take(3)
            .collect();
        baseline_text.push(format!("{title} {title} {}", lead.join(" ")));
        // As at import: the recogniser runs on the headline and the body paragraphs.
        let body: Vec<String> = v["text"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect();
        let entities = ner_keys(&finder, Some(title.as_str()), &body);
        docs.push(Doc {
            id: s("docno"),
            source: Some(s("source")),
            time,
            dated: true,
            time_from_text: false,
            title,
            paragraphs,
            entities,
        });
    }
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("gold.json")).context("gold.json")?,
    )?;
    let mut events = HashMap::new();
    for e in gold["events"].as_array().into_iter().flatten() {
        for a in e["articles"].as_array().into_iter().flatten() {
            events.insert(
                a.as_str().unwrap_or_default().to_owned(),
                e["id"].as_str().unwrap_or_default().to_owned(),
            );
        }
    }
    let mut line_of: HashMap<String, String> = HashMap::new();
    for s in gold["storylines"].as_array().into_iter().flatten() {
        for e in s["events"].as_array().into_iter().flatten() {
            line_of.insert(
                e.as_str().unwrap_or_default().to_owned(),
                s["id"].as_str().unwrap_or_default().to_owned(),
            );
        }
    }
    let storylines = events
        .iter()
        .map(|(a, e)| (a.clone(), line_of.get(e).unwrap_or(e).clone()))
        .collect();
    Ok(DevSet {
        path: dir.to_path_buf(),
        docs,
        events,
        storylines,
        baseline_text,
    })
}

fn marsad_scores(dev: &DevSet, config: Config) -> (Scores, Scores) {
    let c = cluster(&dev.docs, config);
    let events: HashMap<String, String> = dev
        .docs
        .iter()
        .filter_map(|d| Some((d.id.clone(), c.event_of(&d.id)?.to_owned())))
        .collect();
    let mut line_of: HashMap<String, String> = HashMap::new();
    for s in c.storylines() {
        for e in s.events {
            line_of.insert(e, s.id.clone());
        }
    }
    let lines: HashMap<String, String> = events
        .iter()
        .map(|(a, e)| (a.clone(), line_of.get(e).unwrap_or(e).clone()))
        .collect();
    (score(&events, &dev.events), score(&lines, &dev.storylines))
}

fn dev_report(dev: &DevSet, args: &Args) -> Value {
    let (events, storylines) = marsad_scores(dev, Config::default());
    if args.sweep {
        sweep(dev);
    }
    let baseline = baseline(dev);
    json!({
        "set": dev.path.display().to_string(), "articles": dev.docs.len(),
        "marsad": {"events": events, "storylines": storylines},
        "baseline": baseline,
        "holdout": holdout(dev),
    })
}

/// The dev set restricted to the articles whose gold unit (storyline, or event outside any
/// storyline) falls in half `half` of the units in id order.
fn half_of(dev: &DevSet, half: usize) -> DevSet {
    let mut units: Vec<&String> = dev.storylines.values().collect();
    units.sort();
    units.dedup();
    let keep: BTreeSet<&String> = units.into_iter().skip(half).step_by(2).collect();
    let ids: BTreeSet<&String> = dev
        .storylines
        .iter()
        .filter(|(_, u)| keep.contains(u))
        .map(|(a, _)| a)
        .collect();
    let at: Vec<usize> = (0..dev.docs.len())
        .filter(|&i| ids.contains(&dev.docs[i].id))
        .collect();
    let pick = |m: &HashMap<String, String>| {
        m.iter()
            .filter(|(a, _)| ids.contains(a))
            .map(|(a, v)| (a.clone(), v.clone()))
            .collect()
    };
    DevSet {
        path: dev.path.clone(),
        docs: at.iter().map(|&i| dev.docs[i].clone()).collect(),
        events: pick(&dev.events),
        storylines: pick(&dev.storylines),
        baseline_text: at.iter().map(|&i| dev.baseline_text[i].clone()).collect(),
    }
}

/// A held-out check against overfitting the dev set: split it in two halves by gold
/// storyline (events outside storylines alone), choose the event and storyline knobs on one
/// half by a small grid, report them on the other, and the defaults on each half.
fn holdout(dev: &DevSet) -> Value {
    let halves = [half_of(dev, 0), half_of(dev, 1)];
    let mut rows = Vec::new();
    for (tune, test) in [(0, 1), (1, 0)] {
        let mut best_event: Option<(f64, Config)> = None;
        for threshold in [0.13, 0.15, 0.17, 0.19, 0.21] {
            for title_weight in [0.2, 0.3, 0.4] {
                let config = Config {
                    threshold,
                    title_weight,
                    ..Config::default()
                };
                let f1 = marsad_scores(&halves[tune], config.clone()).0.bcubed.f1;
                if best_event.as_ref().is_none_or(|(b, _)| f1 > *b) {
                    best_event = Some((f1, config));
                }
            }
        }
        let Some((_, event_config)) = best_event else {
            continue;
        };
        let mut best_line: Option<(f64, Config)> = None;
        for storyline_threshold in [0.15, 0.2, 0.25, 0.3, 0.35] {
            for storyline_terms in [50, 100, 200, 300] {
                let config = Config {
                    storyline_threshold,
                    storyline_terms,
                    ..event_config.clone()
                };
                let f1 = marsad_scores(&halves[tune], config.clone()).1.bcubed.f1;
                if best_line.as_ref().is_none_or(|(b, _)| f1 > *b) {
                    best_line = Some((f1, config));
                }
            }
        }
        let Some((_, chosen)) = best_line else {
            continue;
        };
        let (e, l) = marsad_scores(&halves[test], chosen.clone());
        let (de, dl) = marsad_scores(&halves[test], Config::default());
        rows.push(json!({
            "tuned_on": tune, "tested_on": test, "articles": halves[test].docs.len(),
            "chosen": {"threshold": chosen.threshold, "title_weight": chosen.title_weight,
                       "storyline_threshold": chosen.storyline_threshold,
                       "storyline_terms": chosen.storyline_terms},
            "tuned": {"events": e, "storylines": l},
            "defaults": {"events": de, "storylines": dl},
        }));
    }
    Value::Array(rows)
}

fn sweep(dev: &DevSet) {
    let mut err = std::io::stderr().lock();
    if std::env::var_os("MARSAD_CLUSTER_DUMP").is_some() {
        let c = cluster(&dev.docs, Config::default());
        let mut rows: Vec<(String, String, String, String)> = dev
            .docs
            .iter()
            .map(|d| {
                (
                    dev.events[&d.id].clone(),
                    c.event_of(&d.id).unwrap_or("").to_owned(),
                    d.id.clone(),
                    d.title.clone(),
                )
            })
            .collect();
        rows.sort();
        for r in rows {
            let _ = writeln!(err, "dump {}\t{}\t{}\t{}", r.0, r.1, r.2, r.3);
        }
    }
    for threshold in [0.15, 0.17, 0.19, 0.21] {
        for title_weight in [0.2, 0.3] {
            for key_weight in [0.0, 0.1, 0.2] {
                for key_bonus in [0.0, 0.05, 0.1] {
                    for (decay_days, decay_power) in
                        [(1.0, 1.0), (2.0, 1.0), (1.0, 2.0), (2.0, 2.0)]
                    {
                        let config = Config {
                            threshold,
                            title_weight,
                            key_weight,
                            key_bonus,
                            decay_days,
                            decay_power,
                            ..Config::default()
                        };
                        let (e, s) = marsad_scores(dev, config);
                        let _ = writeln!(
                            err,
                            "sweep t={threshold} title={title_weight} key={key_weight} bonus={key_bonus} \
                             decay={decay_days} power={decay_power}: \
                             bcubed {:.3} pairwise {:.3} storyline {:.3} {:.3}",
                            e.bcubed.f1, e.pairwise.f1, s.bcubed.f1, s.pairwise.f1
                        );
                    }
                }
            }
        }
    }
    for storyline_threshold in [0.1, 0.15, 0.2, 0.25, 0.3, 0.4] {
        let config = Config {
            storyline_threshold,
            ..Config::default()
        };
        let (_, s) = marsad_scores(dev, config);
        let _ = writeln!(
            err,
            "sweep storyline={storyline_threshold}: bcubed {:.3} pairwise {:.3}",
            s.bcubed.f1, s.pairwise.f1
        );
    }
}

/// TF-IDF cosine single link (title twice + first three paragraphs, search terms, sublinear
/// TF), swept over thresholds and time windows; the best event B-cubed F1 is kept.
fn baseline(dev: &DevSet) -> Value {
    let docs: Vec<Vec<String>> = dev
        .baseline_text
        .iter()
        .map(|t| marsad_text::search_terms(t))
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in &docs {
        for t in d.iter().map(String::as_str).collect::<BTreeSet<_>>() {
            *df.entry(t).or_default() += 1.0;
        }
    }
    let n = docs.len() as f64;
    let vecs: Vec<HashMap<&str, f64>> = docs
        .iter()
        .map(|d| {
            let mut tf: HashMap<&str, f64> = HashMap::new();
            for t in d {
                *tf.entry(t.as_str()).or_default() += 1.0;
            }
            let mut v: HashMap<&str, f64> = tf
                .into_iter()
                .map(|(t, c)| (t, (1.0 + c.ln()) * (n / df[t]).ln()))
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(1e-12);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let k = docs.len();
    let mut sims = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            let s: f64 = vecs[i]
                .iter()
                .filter_map(|(t, w)| vecs[j].get(t).map(|x| x * w))
                .sum();
            let hours = (dev.docs[i].time - dev.docs[j].time).num_minutes().abs() as f64 / 60.0;
            sims.push((i, j, s, hours));
        }
    }
    let mut best: Option<(f64, f64, Scores, Scores)> = None;
    for window in [24.0, 48.0, 72.0, f64::INFINITY] {
        for step in 0..=36 {
            let threshold = 0.05 + 0.025 * f64::from(step);
            let mut parent: Vec<usize> = (0..k).collect();
            fn find(p: &mut [usize], x: usize) -> usize {
                let mut r = x;
                while p[r] != r {
                    r = p[r];
                }
                p[x] = r;
                r
            }
            for &(i, j, s, h) in &sims {
                if s >= threshold && h <= window {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
            }
            let pred: HashMap<String, String> = (0..k)
                .map(|i| (dev.docs[i].id.clone(), find(&mut parent, i).to_string()))
                .collect();
            let e = score(&pred, &dev.events);
            if best.as_ref().is_none_or(|b| e.bcubed.f1 > b.2.bcubed.f1) {
                best = Some((threshold, window, e, score(&pred, &dev.storylines)));
            }
        }
    }
    match best {
        Some((threshold, window, e, s)) => json!({
            "threshold": threshold, "window_hours": if window.is_finite() { json!(window) } else { Value::Null },
            "events": e, "storylines": s,
        }),
        None => Value::Null,
    }
}

// ---------------------------------------------------------------- speed

/// Synthetic stream from the dev set's real paragraphs: each synthetic event joins a real
/// article's headline and first paragraph with the first words and first paragraph of
/// another, and adds 2–5 paragraphs drawn from any article; 1–4 articles per event (rotated
/// paragraphs, a headline word dropped), 400 articles a day.
fn synthetic(pool: &[Doc], count: usize, seed: u64) -> Vec<Doc> {
    let mut rng = seed | 1;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let paragraphs: Vec<&String> = pool.iter().flat_map(|d| &d.paragraphs).collect();
    let start = pool.first().map_or_else(NaiveDateTime::default, |d| d.time);
    let mut out = Vec::with_capacity(count);
    while out.len() < count && !pool.is_empty() && !paragraphs.is_empty() {
        let base = &pool[(next() % pool.len() as u64) as usize];
        let other = &pool[(next() % pool.len() as u64) as usize];
        let extra: Vec<&String> = (0..2 + next() % 4)
            .map(|_| paragraphs[(next() % paragraphs.len() as u64) as usize])
            .collect();
        let copies = 1 + next() % 4;
        for c in 0..copies {
            let i = out.len();
            let time = start + Duration::seconds((i as i64) * 86_400 / 400);
            let mut words: Vec<&str> = base.title.split_whitespace().collect();
            if words.len() > 3 {
                words.remove((next() % words.len() as u64) as usize);
            }
            words.extend(other.title.split_whitespace().take(3));
            let mut body: Vec<String> = base.paragraphs.iter().take(1).cloned().collect();
            body.extend(other.paragraphs.iter().take(1).cloned());
            let mut more: Vec<String> = extra.iter().map(|p| (*p).clone()).collect();
            let len = more.len().max(1);
            more.rotate_left((c as usize) % len);
            body.extend(more);
            out.push(Doc {
                id: format!("syn-{i}"),
                source: Some(format!("outlet-{}", next() % 20)),
                time,
                dated: true,
                time_from_text: false,
                title: format!("{} {}", words.join(" "), i % 97),
                paragraphs: body,
                entities: None,
            });
            if out.len() == count {
                break;
            }
        }
    }
    out
}

fn speed(dev: &DevSet, at: &[usize]) -> Value {
    let probe = 2000;
    let max = at.iter().copied().max().unwrap_or(0);
    let stream = synthetic(&dev.docs, max + probe, 0x5EED);
    let mut c = Clusterer::new(Config::default());
    let mut placed = 0;
    let mut rows = Vec::new();
    let mut targets: Vec<usize> = at.to_vec();
    targets.sort_unstable();
    for target in targets {
        while placed < target.min(stream.len()) {
            c.add(&stream[placed]);
            placed += 1;
        }
        let end = (placed + probe).min(stream.len());
        let started = Instant::now();
        let mut probe_c = c.clone();
        let clone_time = started.elapsed();
        let started = Instant::now();
        for d in &stream[placed..end] {
            probe_c.add(d);
        }
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        rows.push(json!({
            "placed": placed, "articles_per_s": (end - placed) as f64 / secs,
            "open_events": c.open_events(), "events": c.events().len(),
            "clone_s": clone_time.as_secs_f64(), "peak_rss_mb": peak_rss_mb(),
        }));
    }
    Value::Array(rows)
}

/// The process's peak resident memory so far in MB (Linux `VmHWM`), when known.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

// ---------------------------------------------------------------- near-duplicates

/// Variants of real articles: exact copy with boilerplate, a dropped paragraph, two
/// paragraphs swapped, sentences reordered in the lead, a few words substituted, and a
/// truncated re-post (headline and first half). Negatives: the other articles, among them
/// different reports of the same gold event. A detected pair is right when both sides come
/// from the same original (or from originals with the same text).
fn duplicates(dev: &DevSet) -> Value {
    let mut c = Clusterer::new(Config::default());
    let mut origin: HashMap<String, String> = HashMap::new();
    let mut text_key: HashMap<String, String> = HashMap::new();
    for d in &dev.docs {
        c.add(d);
        origin.insert(d.id.clone(), d.id.clone());
        text_key.insert(
            d.id.clone(),
            marsad_text::normalize(&d.paragraphs.join(" "), marsad_text::Level::Search),
        );
    }
    let same = |a: &str, b: &str, origin: &HashMap<String, String>| {
        let (oa, ob) = (&origin[a], &origin[b]);
        oa == ob || text_key[oa] == text_key[ob]
    };
    let mut kinds: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut tp, mut fp) = (0usize, 0usize);
    for p in c.duplicates() {
        for copy in &p.copies {
            if same(&p.canonical, copy, &origin) {
                tp += 1
            } else {
                fp += 1
            }
        }
    }
    let mut positives = 0;
    let mut found = 0;
    let swaps = [
        ("قال", "أكد"),
        ("أعلن", "أفاد"),
        ("الثلاثاء", "اليوم"),
        ("وزير", "الوزير"),
        ("في", "داخل"),
    ];
    for d in dev.docs.iter().filter(|d| d.paragraphs.len() >= 3) {
        let mut variants: Vec<(&str, Vec<String>)> = Vec::new();
        let mut boiler = d.paragraphs.clone();
        boiler.push("اقرأ أيضا: تابعوا آخر الأخبار على تطبيقنا، وللمزيد زوروا موقعنا".to_owned());
        boiler.insert(0, "(وكالات)".to_owned());
        variants.push(("copy_boilerplate", boiler));
        let mut dropped = d.paragraphs.clone();
        dropped.remove(dropped.len() / 2);
        variants.push(("paragraph_dropped", dropped));
        let mut swapped = d.paragraphs.clone();
        swapped.swap(0, 1);
        variants.push(("paragraphs_swapped", swapped));
        let reordered: Vec<String> = d
            .paragraphs
            .iter()
            .map(|p| {
                let mut s: Vec<&str> = p.split(". ").collect();
                s.reverse();
                s.join(". ")
            })
            .collect();
        variants.push(("sentences_reordered", reordered));
        let mut n = 0;
        let subst: Vec<String> = d
            .paragraphs
            .iter()
            .map(|p| {
                let mut p = p.clone();
                for (a, b) in swaps {
                    if n < 4 && p.contains(a) {
                        p = p.replacen(a, b, 1);
                        n += 1;
                    }
                }
                p
            })
            .collect();
        variants.push(("words_substituted", subst));
        let half = d.paragraphs.len().div_ceil(2);
        variants.push(("truncated_repost", d.paragraphs[..half].to_vec()));
        for (kind, paragraphs) in variants {
            let id = format!("{}#{kind}", d.id);
            origin.insert(id.clone(), d.id.clone());
            let doc = Doc {
                id: id.clone(),
                source: Some("copy".into()),
                time: d.time + Duration::hours(2),
                dated: true,
                time_from_text: false,
                title: d.title.clone(),
                paragraphs,
                entities: None,
            };
            let placed = c.add(&doc);
            positives += 1;
            let entry = kinds.entry(kind).or_default();
            entry.1 += 1;
            match placed.duplicate_of {
                Some(of) if same(&of, &id, &origin) => {
                    tp += 1;
                    found += 1;
                    entry.0 += 1;
                }
                Some(_) => fp += 1,
                None => {}
            }
        }
    }
    let by_kind: BTreeMap<&str, f64> = kinds
        .iter()
        .map(|(k, (f, n))| (*k, *f as f64 / (*n).max(1) as f64))
        .collect();
    json!({
        "originals": dev.docs.len(), "positives": positives,
        "precision": if tp + fp == 0 { 1.0 } else { tp as f64 / (tp + fp) as f64 },
        "recall": found as f64 / f64::from(u32::try_from(positives).unwrap_or(u32::MAX)).max(1.0),
        "false_pairs": fp, "by_kind": by_kind,
    })
}

// ---------------------------------------------------------------- table

fn print_table(out: &mut impl Write, r: &Value) -> std::io::Result<()> {
    let f = |v: &Value| v.as_f64().map_or("-".to_owned(), |x| format!("{x:.3}"));
    let prf = |v: &Value| format!("{} {} {}", f(&v["p"]), f(&v["r"]), f(&v["f1"]));
    let s = &r["seeds"];
    writeln!(
        out,
        "seeds: {} pages, events B-cubed P/R/F1 {}, pairwise {}, {} events, {} storylines (one of all events: {})",
        s["pages"],
        prf(&s["events"]),
        prf(&s["pairwise"]),
        s["predicted_events"],
        s["storylines"],
        s["storyline_ok"]
    )?;
    writeln!(
        out,
        "seeds: past events mentioned found {}/{} {}",
        s["past_events"]["found"], s["past_events"]["gold"], s["past_events"]["dates"]
    )?;
    if let Some(d) = r["dev"].as_object() {
        writeln!(
            out,
            "\ndev set {} ({} articles)",
            d["set"].as_str().unwrap_or(""),
            d["articles"]
        )?;
        writeln!(
            out,
            "{:<34} {:<20} {:<20} {:<20} {:<20}",
            "system",
            "event B3 P R F1",
            "event pair P R F1",
            "story B3 P R F1",
            "story pair P R F1"
        )?;
        let row = |out: &mut dyn Write, name: &str, v: &Value| {
            writeln!(
                out,
                "{:<34} {:<20} {:<20} {:<20} {:<20}",
                name,
                prf(&v["events"]["bcubed"]),
                prf(&v["events"]["pairwise"]),
                prf(&v["storylines"]["bcubed"]),
                prf(&v["storylines"]["pairwise"])
            )
        };
        row(out, "marsad-cluster (defaults)", &d["marsad"])?;
        let b = &d["baseline"];
        let name = format!(
            "tf-idf single link t={} w={}h",
            f(&b["threshold"]),
            b["window_hours"]
        );
        row(out, &name, b)?;
        for h in d["holdout"].as_array().into_iter().flatten() {
            writeln!(
                out,
                "held out: half {} ({} articles), knobs chosen on half {} {}:",
                h["tested_on"], h["articles"], h["tuned_on"], h["chosen"]
            )?;
            row(out, "  chosen on the other half", &h["tuned"])?;
            row(out, "  defaults", &h["defaults"])?;
        }
    }
    if let Some(rows) = r["speed"].as_array() {
        writeln!(out, "\nstream speed (synthetic, one core):")?;
        for row in rows {
            writeln!(
                out,
                "  {:>8} placed: {:>8.0} articles/s ({} open events of {}; peak memory {:.0} MB)",
                row["placed"],
                row["articles_per_s"].as_f64().unwrap_or(0.0),
                row["open_events"],
                row["events"],
                row["peak_rss_mb"].as_f64().unwrap_or(0.0)
            )?;
        }
    }
    if let Some(d) = r["duplicates"].as_object() {
        writeln!(
            out,
            "\nnear-duplicates: precision {} recall {} over {} variants of {} articles ({} false pairs)",
            f(&d["precision"]),
            f(&d["recall"]),
            d["positives"],
            d["originals"],
            d["false_pairs"]
        )?;
        writeln!(out, "  recall by kind: {}", d["by_kind"])?;
    }
    for s in r["skipped"].as_array().into_iter().flatten() {
        writeln!(out, "skipped: {}", s.as_str().unwrap_or(""))?;
    }
    Ok(())
}
