//! The entity tagger at the command line: `marsad ner --conll FILE` (tag tokens),
//! `marsad train ner --conll FILE --out MODEL`, `marsad eval ner --model MODEL --conll FILE`
//! and `marsad train word-clusters --ant DIR... --out FILE` (the clusters its features read).
//!
//! `marsad ner` prints `token<TAB>tag` lines with the input's blank lines between sentences
//! (tags in ANERcorp's IOB set); a tag already in the input is ignored. `--json` prints
//! `{"schema":1,"sentences":[[{"token","tag"}]]}`.
//!
//! `train ner` splits the file into train and dev (`marsad_analyze::dev_split`: blocks of 20
//! sentences, every tenth block dev) unless `--no-dev`, and never reads the dev side: a tune
//! side is carved out of the train side (`marsad_analyze::tune_split`), the pass that scores
//! best on it is found, the model is trained again on train + tune for that many passes
//! (unless `--no-refit`), and written. `--json` prints `{"schema":2,"model",
//! "train_sentences","tune_sentences","dev_sentences","epochs":[{"epoch","train_accuracy",
//! "tune_f1"}],"best_epoch","refit","rows","bytes","seconds"}`.
//!
//! `eval ner` scores a model on a tagged CoNLL file (with `--dev`, only its dev side) with
//! conlleval's entity-level semantics. `--json` prints `{"schema":1,"model","sentences",
//! "tokens","token_accuracy","overall":PRF,"by_type":{"PERS":PRF,…},"seconds",
//! "tokens_per_s"}` with `PRF = {"precision","recall","f1","gold","predicted","correct"}`.

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use std::sync::Arc;

use marsad_analyze::{
    EntityType, MentionFinder, NerKind, NerModel, NerScores, NerTrainConfig, Sentence, TUNE_BLOCK,
    Tag, WordClusterConfig, WordClusters, dev_split, ner_model, parse_conll, score_conll,
    train_ner, train_word_clusters, tune_split,
};
use serde_json::json;

/// Largest CoNLL file read (bytes).
const MAX_CONLL: u64 = 512 << 20;

fn read_conll(path: &Path) -> anyhow::Result<Vec<Sentence>> {
    let mut text = String::new();
    if path == Path::new("-") {
        std::io::stdin()
            .lock()
            .take(MAX_CONLL)
            .read_to_string(&mut text)
            .context("read stdin")?;
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("open {}", path.display()))?;
        file.take(MAX_CONLL)
            .read_to_string(&mut text)
            .with_context(|| format!("read {} (UTF-8 CoNLL)", path.display()))?;
    }
    parse_conll(&text).with_context(|| format!("parse {}", path.display()))
}

fn load_clusters(path: &Path) -> anyhow::Result<Arc<WordClusters>> {
    let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
    let c = WordClusters::from_bytes(&bytes).with_context(|| format!("load {}", path.display()))?;
    Ok(Arc::new(c))
}

/// The model at `path` (the bundled one when `None`), its features reading the clusters at
/// `clusters` (the bundled ones when `None`).
fn load_model(path: Option<&Path>, clusters: Option<&Path>) -> anyhow::Result<NerModel> {
    match (path, clusters) {
        (None, None) => Ok(ner_model().clone()),
        (None, Some(_)) => {
            bail!("--clusters needs --model: the bundled model reads the bundled clusters")
        }
        (Some(p), c) => {
            let bytes = std::fs::read(p).with_context(|| format!("read {}", p.display()))?;
            let model = match c {
                None => NerModel::from_bytes(&bytes),
                Some(c) => NerModel::from_bytes_with(&bytes, load_clusters(c)?),
            };
            model.with_context(|| format!("load {}", p.display()))
        }
    }
}

/// Flags of `marsad ner`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// CoNLL file to tag (one token per line, blank line between sentences; `-` for stdin).
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// Tagger model (default: the bundled one).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// Word clusters the model was trained with (default: the bundled ones).
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,
    /// JSON instead of `token<TAB>tag` lines.
    #[arg(long)]
    json: bool,
}

/// Run `marsad ner`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref(), args.clusters.as_deref())?;
    let sentences = read_conll(&args.conll)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        let all: Vec<Vec<serde_json::Value>> = sentences
            .iter()
            .map(|s| {
                let tags = model.tag(&s.tokens);
                s.tokens
                    .iter()
                    .zip(tags)
                    .map(|(t, g)| json!({"token": t, "tag": g.to_string()}))
                    .collect()
            })
            .collect();
        writeln!(out, "{}", json!({"schema": 1, "sentences": all}))?;
    } else {
        for (k, s) in sentences.iter().enumerate() {
            if k > 0 {
                writeln!(out)?;
            }
            for (t, g) in s.tokens.iter().zip(model.tag(&s.tokens)) {
                writeln!(out, "{t}\t{g}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Flags of `marsad train ner`.
#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// Tagged CoNLL file (ANERcorp format).
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "MODEL")]
    out: PathBuf,
    /// Train on every sentence (no dev side held out; the tune side is still carved out).
    #[arg(long)]
    no_dev: bool,
    /// Keep the model of the best pass on the tune side instead of training again on the
    /// train and tune sides together for that many passes.
    #[arg(long)]
    no_refit: bool,
    /// Which block of each ten of the train side is the tune side (0 to 9).
    #[arg(long, default_value_t = TUNE_BLOCK)]
    tune_block: usize,
    /// Passes over the training sentences.
    #[arg(long, default_value_t = NerTrainConfig::default().epochs)]
    epochs: usize,
    /// log2 of the hash buckets (16 to 24).
    #[arg(long, default_value_t = NerTrainConfig::default().bucket_bits)]
    bucket_bits: u8,
    /// Seed of the sentence shuffle.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Word clusters for the features (default: the bundled ones).
    #[arg(long, value_name = "FILE", conflicts_with = "no_clusters")]
    clusters: Option<PathBuf>,
    /// No word-cluster features.
    #[arg(long)]
    no_clusters: bool,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Run `marsad train ner`.
pub fn run_train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let sentences = read_conll(&args.conll)?;
    let (train, dev) = if args.no_dev {
        (sentences, Vec::new())
    } else {
        dev_split(sentences)
    };
    // The dev side is never read from here on: the tune side, carved out of the train side,
    // makes the training choices.
    let (fit, tune) = tune_split(train, args.tune_block);
    if fit.is_empty() {
        bail!("{}: no sentence to train on", args.conll.display());
    }
    let clusters = match (&args.clusters, args.no_clusters) {
        (_, true) => Arc::new(WordClusters::empty()),
        (Some(p), false) => load_clusters(p)?,
        (None, false) => WordClusters::bundled(),
    };
    let config = NerTrainConfig {
        bucket_bits: args.bucket_bits,
        epochs: args.epochs,
        seed: args.seed,
        refit: !args.no_refit,
        clusters,
    };
    let start = Instant::now();
    let quiet = args.json;
    let trained = train_ner(&fit, &tune, &config, &|r| {
        if !quiet {
            let tune = r
                .tune_f1
                .map_or_else(String::new, |f| format!(", tune F1 {f:.4}"));
            eprintln!(
                "pass {}: train accuracy {:.4}{tune}",
                r.epoch, r.train_accuracy
            );
        }
    })
    .context("train")?;
    let seconds = start.elapsed().as_secs_f64();
    let bytes = trained.model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("write {}", args.out.display()))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let epochs: Vec<_> = trained
            .epochs
            .iter()
            .map(|e| json!({"epoch": e.epoch, "train_accuracy": e.train_accuracy, "tune_f1": e.tune_f1}))
            .collect();
        let v = json!({
            "schema": 2,
            "model": args.out.display().to_string(),
            "train_sentences": fit.len(),
            "tune_sentences": tune.len(),
            "dev_sentences": dev.len(),
            "epochs": epochs,
            "best_epoch": trained.best_epoch,
            "refit": trained.refit,
            "rows": trained.model.rows(),
            "bytes": bytes.len(),
            "seconds": seconds,
        });
        writeln!(out, "{v}")?;
    } else {
        let refit = if trained.refit {
            format!(", then {} passes on train + tune", trained.best_epoch)
        } else {
            String::new()
        };
        writeln!(
            out,
            "trained on {} sentences ({} tune, {} dev held out) in {seconds:.1} s; best pass {}{refit}; {} rows, {} bytes → {}",
            fit.len(),
            tune.len(),
            dev.len(),
            trained.best_epoch,
            trained.model.rows(),
            bytes.len(),
            args.out.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Flags of `marsad eval ner`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Tagger model (default: the bundled one).
    #[arg(long, value_name = "MODEL")]
    model: Option<PathBuf>,
    /// Word clusters the model was trained with (default: the bundled ones).
    #[arg(long, value_name = "FILE")]
    clusters: Option<PathBuf>,
    /// Tagged CoNLL file.
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// Score only the dev side of the file (the split `train ner` makes).
    #[arg(long)]
    dev: bool,
    /// Write `token<TAB>gold<TAB>predicted` lines here (conlleval input).
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    /// Score the whole mention finder (tagger + gazetteers + title and role rules, names
    /// propagated within each sentence) instead of the tagger alone: what articles get.
    #[arg(long)]
    finder: bool,
    /// One JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// The mention finder's mentions in a sentence's tokens joined by spaces, as IOB tags of the
/// tokens they cover (products count as `MISC`, ANERcorp's type for them).
fn finder_tags(finder: &MentionFinder<'_>, tokens: &[String]) -> Vec<Tag> {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        spans.push((text.len(), text.len() + t.len()));
        text.push_str(t);
    }
    let mut tags = vec![Tag::O; tokens.len()];
    for m in finder.find(&text) {
        let kind = match m.entity_type {
            EntityType::Person => NerKind::Pers,
            EntityType::Location => NerKind::Loc,
            EntityType::Organization => NerKind::Org,
            EntityType::Product | EntityType::Misc => NerKind::Misc,
        };
        let mut first = true;
        for (i, &(s, e)) in spans.iter().enumerate() {
            if s < m.end && m.start < e && tags[i] == Tag::O {
                tags[i] = if first { Tag::B(kind) } else { Tag::I(kind) };
                first = false;
            }
        }
    }
    tags
}

/// Run `marsad eval ner`.
pub fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref(), args.clusters.as_deref())?;
    let mut sentences = read_conll(&args.conll)?;
    if args.dev {
        sentences = dev_split(sentences).1;
    }
    if sentences.is_empty() {
        bail!("{}: no sentence to score", args.conll.display());
    }
    let gold: Vec<Vec<Tag>> = sentences
        .iter()
        .map(Sentence::gold)
        .collect::<Result<_, _>>()
        .with_context(|| {
            format!(
                "{}: scoring needs a tag on every token",
                args.conll.display()
            )
        })?;
    let start = Instant::now();
    let predicted: Vec<Vec<Tag>> = if args.finder {
        let finder = MentionFinder::new(&model);
        sentences
            .iter()
            .map(|s| finder_tags(&finder, &s.tokens))
            .collect()
    } else {
        sentences.iter().map(|s| model.tag(&s.tokens)).collect()
    };
    let seconds = start.elapsed().as_secs_f64();
    let scores = score_conll(
        gold.iter()
            .zip(&predicted)
            .map(|(g, p)| (g.as_slice(), p.as_slice())),
    );
    if let Some(path) = &args.predictions {
        let file =
            std::fs::File::create(path).with_context(|| format!("create {}", path.display()))?;
        let mut w = BufWriter::new(file);
        for ((s, g), p) in sentences.iter().zip(&gold).zip(&predicted) {
            for ((t, g), p) in s.tokens.iter().zip(g).zip(p) {
                writeln!(w, "{t}\t{g}\t{p}")?;
            }
            writeln!(w)?;
        }
        w.flush()?;
    }
    let mut name = args
        .model
        .as_ref()
        .map_or_else(|| "bundled".to_owned(), |p| p.display().to_string());
    if args.finder {
        name.insert_str(0, "finder:");
    }
    print_scores(&name, sentences.len(), &scores, seconds, args.json)?;
    Ok(ExitCode::SUCCESS)
}

fn print_scores(
    model: &str,
    sentences: usize,
    s: &NerScores,
    seconds: f64,
    json: bool,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let speed = s.tokens as f64 / seconds.max(1e-9);
    if json {
        let v = json!({
            "schema": 1,
            "model": model,
            "sentences": sentences,
            "tokens": s.tokens,
            "token_accuracy": s.token_accuracy,
            "overall": s.overall,
            "by_type": s.by_type,
            "seconds": seconds,
            "tokens_per_s": speed,
        });
        writeln!(out, "{v}")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:8} {:>7} {:>7} {:>7} {:>6}",
        "type", "P", "R", "F1", "gold"
    )?;
    for (k, p) in &s.by_type {
        writeln!(
            out,
            "{k:8} {:>7.4} {:>7.4} {:>7.4} {:>6}",
            p.precision, p.recall, p.f1, p.gold
        )?;
    }
    let o = &s.overall;
    writeln!(
        out,
        "{:8} {:>7.4} {:>7.4} {:>7.4} {:>6}",
        "overall", o.precision, o.recall, o.f1, o.gold
    )?;
    writeln!(
        out,
        "{sentences} sentences, {} tokens, token accuracy {:.4}, {speed:.0} tokens/s",
        s.tokens, s.token_accuracy
    )?;
    Ok(())
}

/// Flags of `marsad train word-clusters`.
#[derive(Debug, clap::Args)]
pub struct ClusterArgs {
    /// ANT corpus folders (walked; copies of a URL read once).
    #[arg(long = "ant", value_name = "DIR", num_args = 1..)]
    ant: Vec<PathBuf>,
    /// JSON files holding an array of articles with `title` and `content` (SaudiNewsNet's
    /// daily dumps, unzipped).
    #[arg(long = "articles-json", value_name = "FILE", num_args = 1..)]
    articles_json: Vec<PathBuf>,
    /// Where to write the clusters.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Fewest occurrences of a clustered word.
    #[arg(long, default_value_t = WordClusterConfig::default().min_count)]
    min_count: u32,
    /// Most words clustered.
    #[arg(long, default_value_t = WordClusterConfig::default().max_words)]
    max_words: usize,
    /// Context words per offset.
    #[arg(long, default_value_t = WordClusterConfig::default().contexts)]
    contexts: usize,
    /// Dimensions of the projected context vectors.
    #[arg(long, default_value_t = WordClusterConfig::default().dims)]
    dims: usize,
    /// Deepest level of the cluster tree.
    #[arg(long, default_value_t = WordClusterConfig::default().depth)]
    depth: u8,
    /// Fewest words of a leaf that may still be split in two.
    #[arg(long, default_value_t = WordClusterConfig::default().min_leaf)]
    min_leaf: usize,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Run `marsad train word-clusters`: read unlabelled news, cluster its words, write the
/// file. `--json` prints `{"schema":1,"out","texts","words","leaves","depth","bytes",
/// "fingerprint","seconds"}`.
pub fn run_clusters(args: ClusterArgs) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut texts: Vec<String> = Vec::new();
    if !args.ant.is_empty() {
        for a in super::train::read_ant(&args.ant, super::train::Labels::Original)? {
            texts.extend(a.title);
            texts.extend(a.body);
        }
    }
    for path in &args.articles_json {
        let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
        let v: Vec<serde_json::Value> = serde_json::from_slice(&bytes)
            .with_context(|| format!("{}: not a JSON array of articles", path.display()))?;
        for a in v {
            for field in ["title", "content"] {
                if let Some(t) = a.get(field).and_then(serde_json::Value::as_str) {
                    texts.extend(
                        t.lines()
                            .filter(|l| !l.trim().is_empty())
                            .map(str::to_owned),
                    );
                }
            }
        }
    }
    if texts.is_empty() {
        bail!("no text to learn clusters from (give --ant or --articles-json)");
    }
    let config = WordClusterConfig {
        min_count: args.min_count,
        max_words: args.max_words,
        contexts: args.contexts,
        dims: args.dims,
        depth: args.depth,
        min_leaf: args.min_leaf,
        ..WordClusterConfig::default()
    };
    let clusters = train_word_clusters(&texts, &config);
    let bytes = clusters.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("write {}", args.out.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = json!({
            "schema": 1,
            "out": args.out.display().to_string(),
            "texts": texts.len(),
            "words": clusters.len(),
            "leaves": clusters.leaves(),
            "depth": clusters.depth(),
            "bytes": bytes.len(),
            "fingerprint": format!("{:016x}", clusters.fingerprint()),
            "seconds": seconds,
        });
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "{} words in {} leaves (depth {}) from {} texts in {seconds:.1} s; {} bytes, fingerprint {:016x} → {}",
            clusters.len(),
            clusters.leaves(),
            clusters.depth(),
            texts.len(),
            bytes.len(),
            clusters.fingerprint(),
            args.out.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
