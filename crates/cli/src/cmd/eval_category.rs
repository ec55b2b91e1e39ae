//! `marsad eval category`: accuracy, macro-F1 and the confusion matrix of a category model on
//! ANT corpus folders (or the test side of a split), in the model's label space.
//!
//! A document filed under several categories counts as right when the prediction is any of
//! them. `--json` prints `{"schema":1,"model","label_space","documents","accuracy","macro_f1",
//! "per_label":[{"label","precision","recall","f1","support"}],"labels":[..],
//! "confusion":[[..]] (rows gold, columns predicted, in "labels" order),"seconds",
//! "articles_per_s"}`. `--predictions FILE` writes one JSON line per document:
//! `{"docno","url","gold":[..],"predicted","confidence"}`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use marsad_analyze::{CategoryModel, Side, evaluate};
use serde_json::json;

use super::train::{Labels, SplitArgs, SplitKind, read_ant};

/// Flags of `marsad eval category`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The model file written by `marsad train category`.
    #[arg(long, value_name = "MODEL")]
    model: PathBuf,
    /// ANT corpus folders, walked.
    #[arg(long = "ant", value_name = "DIR", required = true, num_args = 1..)]
    ant: Vec<PathBuf>,
    #[command(flatten)]
    split: SplitArgs,
    /// Write one JSON line per document here.
    #[arg(long, value_name = "FILE")]
    predictions: Option<PathBuf>,
    /// One JSON object instead of a table.
    #[arg(long)]
    json: bool,
}

/// Run `marsad eval category`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(&args.model).with_context(|| format!("read {}", args.model.display()))?;
    let model = CategoryModel::from_bytes(&bytes)
        .with_context(|| format!("load {}", args.model.display()))?;
    let labels = match model.label_space() {
        "taxonomy" => Labels::Taxonomy,
        _ => Labels::Original,
    };
    let split = args.split.split()?;
    let articles = read_ant(&args.ant, labels)?;
    let test: Vec<_> = if args.split.split == SplitKind::All {
        articles.iter().collect()
    } else {
        articles
            .iter()
            .filter(|a| a.side(&split) == Side::Test)
            .collect()
    };
    if test.is_empty() {
        bail!("no documents to evaluate");
    }
    let start = Instant::now();
    let predictions: Vec<_> = test
        .iter()
        .map(|a| model.predict_at(a.title.as_deref(), &a.body, a.source.as_deref()))
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    let e = evaluate(
        model.labels(),
        test.iter()
            .zip(&predictions)
            .map(|(a, p)| (a.labels.as_slice(), p.label.as_str())),
    );

    if let Some(path) = &args.predictions {
        let file =
            std::fs::File::create(path).with_context(|| format!("create {}", path.display()))?;
        let mut w = std::io::BufWriter::new(file);
        for (a, p) in test.iter().zip(&predictions) {
            let line = json!({"docno": a.docno, "url": a.url, "gold": a.labels, "predicted": p.label, "confidence": p.confidence});
            writeln!(w, "{line}").with_context(|| format!("write {}", path.display()))?;
        }
        w.flush()
            .with_context(|| format!("write {}", path.display()))?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = json!({
            "schema": 1,
            "model": args.model.display().to_string(),
            "label_space": model.label_space(),
            "documents": e.documents,
            "accuracy": e.accuracy,
            "macro_f1": e.macro_f1,
            "per_label": e.per_label,
            "labels": e.labels,
            "confusion": e.confusion,
            "seconds": seconds,
            "articles_per_s": test.len() as f64 / seconds.max(1e-9),
        });
        writeln!(out, "{v}")?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{} documents: accuracy {:.4}, macro-F1 {:.4} ({:.0} articles/s)",
        e.documents,
        e.accuracy,
        e.macro_f1,
        test.len() as f64 / seconds.max(1e-9)
    )?;
    writeln!(
        out,
        "{:<18} {:>7} {:>7} {:>7} {:>7}",
        "label", "P", "R", "F1", "n"
    )?;
    for s in &e.per_label {
        writeln!(
            out,
            "{:<18} {:>7.3} {:>7.3} {:>7.3} {:>7}",
            s.label, s.precision, s.recall, s.f1, s.support
        )?;
    }
    writeln!(out, "confusion (rows gold, columns predicted):")?;
    write!(out, "{:<18}", "")?;
    for (i, _) in e.labels.iter().enumerate() {
        write!(out, " {:>6}", format!("[{i}]"))?;
    }
    writeln!(out)?;
    for (i, row) in e.confusion.iter().enumerate() {
        write!(out, "{:<18}", format!("[{i}] {}", e.labels[i]))?;
        for n in row {
            write!(out, " {n:>6}")?;
        }
        writeln!(out)?;
    }
    Ok(ExitCode::SUCCESS)
}
