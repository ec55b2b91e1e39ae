//! The entity tagger at the command line: `marsad ner --conll FILE` (tag tokens),
//! `marsad train ner --conll FILE --out MODEL` and `marsad eval ner --model MODEL --conll FILE`.
//!
//! `marsad ner` prints `token<TAB>tag` lines with the input's blank lines between sentences
//! (tags in ANERcorp's IOB set); a tag already in the input is ignored. `--json` prints
//! `{"schema":1,"sentences":[[{"token","tag"}]]}`.
//!
//! `train ner` splits the file into train and dev (`marsad_analyze::dev_split`: blocks of 20
//! sentences, every tenth block dev) unless `--no-dev`, trains, keeps the pass that scores
//! best on dev, and writes the model. `--json` prints `{"schema":1,"model","train_sentences",
//! "dev_sentences","epochs":[{"epoch","train_accuracy","dev_f1"}],"best_epoch","rows","bytes",
//! "seconds"}`.
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
use marsad_analyze::{
    NerModel, NerScores, NerTrainConfig, Sentence, Tag, dev_split, ner_model, parse_conll,
    score_conll, train_ner,
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

fn load_model(path: Option<&Path>) -> anyhow::Result<NerModel> {
    match path {
        None => Ok(ner_model().clone()),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("read {}", p.display()))?;
            NerModel::from_bytes(&bytes).with_context(|| format!("load {}", p.display()))
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
    /// JSON instead of `token<TAB>tag` lines.
    #[arg(long)]
    json: bool,
}

/// Run `marsad ner`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref())?;
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
    /// Train on every sentence (no dev side; the last pass is kept).
    #[arg(long)]
    no_dev: bool,
    /// Passes over the training sentences.
    #[arg(long, default_value_t = NerTrainConfig::default().epochs)]
    epochs: usize,
    /// log2 of the hash buckets (16 to 24).
    #[arg(long, default_value_t = NerTrainConfig::default().bucket_bits)]
    bucket_bits: u8,
    /// Seed of the sentence shuffle.
    #[arg(long, default_value_t = 1)]
    seed: u64,
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
    if train.is_empty() {
        bail!("{}: no sentence to train on", args.conll.display());
    }
    let config = NerTrainConfig {
        bucket_bits: args.bucket_bits,
        epochs: args.epochs,
        seed: args.seed,
    };
    let start = Instant::now();
    let quiet = args.json;
    let trained = train_ner(&train, &dev, &config, &|r| {
        if !quiet {
            let dev = r
                .dev_f1
                .map_or_else(String::new, |f| format!(", dev F1 {f:.4}"));
            eprintln!(
                "pass {}: train accuracy {:.4}{dev}",
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
            .map(|e| json!({"epoch": e.epoch, "train_accuracy": e.train_accuracy, "dev_f1": e.dev_f1}))
            .collect();
        let v = json!({
            "schema": 1,
            "model": args.out.display().to_string(),
            "train_sentences": train.len(),
            "dev_sentences": dev.len(),
            "epochs": epochs,
            "best_epoch": trained.best_epoch,
            "rows": trained.model.rows(),
            "bytes": bytes.len(),
            "seconds": seconds,
        });
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "trained on {} sentences ({} dev) in {seconds:.1} s; kept pass {}; {} rows, {} bytes → {}",
            train.len(),
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
    /// Tagged CoNLL file.
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,
    /// Score only the dev side of the file (the split `train ner` makes).
    #[arg(long)]
    dev: bool,
    /// Write `token<TAB>gold<TAB>predicted` lines here (conlleval input).
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    /// One JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// Run `marsad eval ner`.
pub fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let model = load_model(args.model.as_deref())?;
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
    let predicted: Vec<Vec<Tag>> = sentences.iter().map(|s| model.tag(&s.tokens)).collect();
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
    let name = args
        .model
        .as_ref()
        .map_or_else(|| "bundled".to_owned(), |p| p.display().to_string());
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
