//! `marsad bench category`: accuracy, macro-F1, training time and classification speed of
//! Marsad's category classifier against scikit-learn (TF-IDF word uni+bigrams + LinearSVC,
//! `bench/category/sklearn_baseline.py`) on exactly the same train/test documents, in the
//! corpora's original labels: ANT v2.1 split by URL and by date, ANT v1.1 split by URL.
//!
//! `marsad` and `sklearn-tfidf-linearsvc` see the title and body only; `marsad+outlet` also
//! has the outlet (`<SRC>`) features that `marsad train category` uses by default, and
//! `sklearn+outlet-token` gets the outlet as a first token of its text.
//! All systems are scored by the same function (`marsad_analyze::evaluate`; a document filed
//! under two categories is right when the prediction is either). Marsad classifies on one
//! thread; its training may use both cores. `--json` prints `{"schema":1,"experiments":[{
//! "name","corpus","split","train_documents","test_documents","systems":[{"name","version",
//! "accuracy","macro_f1","train_seconds","articles_per_s","validation"}]}]}` (`validation`:
//! Marsad's held-out score on its own train side, `null` for peers).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::Context;
use marsad_analyze::{Side, Split, TrainConfig, evaluate};
use serde::{Deserialize, Serialize};

use super::venv::python_with;
use crate::cmd::train::{AntArticle, Labels, read_ant};

/// Flags of `marsad bench category`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// ANT v1.1 folder.
    #[arg(long, default_value = "../shared/data/ant-corpus-v1.1")]
    pub v1: PathBuf,
    /// ANT v2.1: the unpacked folder, or the `.tar.xz` (unpacked into `target/data/ant-v2.1`).
    #[arg(long, default_value = "../shared/data/ant-corpus-v2.1/ant-v2.1.tar.xz")]
    pub v2: PathBuf,
    /// Skip scikit-learn.
    #[arg(long)]
    pub no_peer: bool,
    /// Print JSON (schema in this module's doc and docs/cli-json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct System {
    name: String,
    version: String,
    accuracy: f64,
    macro_f1: f64,
    train_seconds: f64,
    articles_per_s: f64,
    /// Marsad's score (mean of accuracy and macro-F1) on the tenth of the train side that
    /// training holds out to choose its settings; `null` for peers.
    validation: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Experiment {
    name: String,
    corpus: String,
    split: String,
    train_documents: usize,
    test_documents: usize,
    systems: Vec<System>,
}

#[derive(Debug, Serialize)]
struct Report {
    schema: u32,
    experiments: Vec<Experiment>,
}

/// Run `marsad bench category`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut experiments = Vec::new();
    match v2_folder(&args.v2)? {
        Some(dir) => {
            let articles = read_ant(std::slice::from_ref(&dir), Labels::Original)?;
            let name = dir.display().to_string();
            let by_url = Split::ByUrl {
                test_fraction: 0.2,
                seed: 1,
            };
            experiments.push(experiment(
                "ant-v2.1 by URL",
                &name,
                "by-url 0.2 seed 1",
                &articles,
                &by_url,
                &args,
            )?);
            let by_date = Split::ByDate {
                test_from: (2018, 8),
            };
            experiments.push(experiment(
                "ant-v2.1 by date",
                &name,
                "by-date test 2018-08",
                &articles,
                &by_date,
                &args,
            )?);
        }
        None => eprintln!("marsad: {} not found: skipping ANT v2.1", args.v2.display()),
    }
    if args.v1.is_dir() {
        let articles = read_ant(std::slice::from_ref(&args.v1), Labels::Original)?;
        let by_url = Split::ByUrl {
            test_fraction: 0.2,
            seed: 1,
        };
        let name = args.v1.display().to_string();
        experiments.push(experiment(
            "ant-v1.1 by URL",
            &name,
            "by-url 0.2 seed 1",
            &articles,
            &by_url,
            &args,
        )?);
    } else {
        eprintln!("marsad: {} not found: skipping ANT v1.1", args.v1.display());
    }
    print(
        &Report {
            schema: 1,
            experiments,
        },
        args.json,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The unpacked v2.1 folder, unpacking the tarball with `tar` the first time.
pub(super) fn v2_folder(path: &Path) -> anyhow::Result<Option<PathBuf>> {
    if path.is_dir() {
        return Ok(Some(path.to_owned()));
    }
    if !path.is_file() {
        return Ok(None);
    }
    super::unpack_once(path, Path::new("target/data/ant-v2.1")).map(Some)
}

fn experiment(
    name: &str,
    corpus: &str,
    split_name: &str,
    articles: &[AntArticle],
    split: &Split,
    args: &Args,
) -> anyhow::Result<Experiment> {
    let (test, train): (Vec<&AntArticle>, Vec<&AntArticle>) =
        articles.iter().partition(|a| a.side(split) == Side::Test);
    eprintln!(
        "{name}: {} train, {} test documents",
        train.len(),
        test.len()
    );
    let examples: Vec<_> = train.iter().map(|a| a.example()).collect();
    let mut systems = Vec::new();
    for (system, outlet) in [("marsad", false), ("marsad+outlet", true)] {
        let mut config = TrainConfig::default();
        config.features.outlet = outlet;
        config.features.outlet_words = outlet;
        let start = Instant::now();
        let trained = marsad_analyze::train(&examples, &config, &|_| {}).context("train")?;
        let validation = trained.validation;
        let model = trained.model;
        let train_seconds = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let predicted: Vec<String> = test
            .iter()
            .map(|a| {
                model
                    .predict_at(a.title.as_deref(), &a.body, a.source.as_deref())
                    .label
            })
            .collect();
        let seconds = start.elapsed().as_secs_f64();
        let e = evaluate(
            model.labels(),
            test.iter()
                .zip(&predicted)
                .map(|(a, p)| (a.labels.as_slice(), p.as_str())),
        );
        systems.push(System {
            name: system.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            accuracy: e.accuracy,
            macro_f1: e.macro_f1,
            train_seconds,
            articles_per_s: test.len() as f64 / seconds.max(1e-9),
            validation,
        });
    }
    let labels: Vec<String> = {
        let mut l: Vec<String> = train
            .iter()
            .flat_map(|a| a.labels.iter().cloned())
            .collect();
        l.sort();
        l.dedup();
        l
    };
    for (system, outlet) in [
        ("sklearn-tfidf-linearsvc", false),
        ("sklearn+outlet-token", true),
    ] {
        if args.no_peer {
            break;
        }
        match sklearn(&train, &test, outlet) {
            Ok(out) => {
                let predicted: Vec<&str> = test
                    .iter()
                    .map(|a| out.predictions.get(&a.url).map_or("", String::as_str))
                    .collect();
                let e = evaluate(
                    &labels,
                    test.iter()
                        .zip(&predicted)
                        .map(|(a, p)| (a.labels.as_slice(), *p)),
                );
                systems.push(System {
                    name: system.into(),
                    version: out.version,
                    accuracy: e.accuracy,
                    macro_f1: e.macro_f1,
                    train_seconds: out.train_seconds,
                    articles_per_s: test.len() as f64 / out.predict_seconds.max(1e-9),
                    validation: None,
                });
            }
            Err(why) => {
                eprintln!("marsad: scikit-learn skipped: {why}");
                break;
            }
        }
    }
    Ok(Experiment {
        name: name.into(),
        corpus: corpus.into(),
        split: split_name.into(),
        train_documents: train.len(),
        test_documents: test.len(),
        systems,
    })
}

#[derive(Deserialize)]
struct PeerOut {
    version: String,
    train_seconds: f64,
    predict_seconds: f64,
    predictions: std::collections::HashMap<String, String>,
}

/// Run the baseline script on the same documents (title and body as one text; with
/// `outlet`, the text starts with a `__src_<outlet>__` token).
fn sklearn(train: &[&AntArticle], test: &[&AntArticle], outlet: bool) -> Result<PeerOut, String> {
    let root = super::repo_root();
    let script = root.join("bench/category/sklearn_baseline.py");
    if !script.is_file() {
        return Err(format!(
            "{} not found (run from the repo root)",
            script.display()
        ));
    }
    let python = python_with(&root, "sklearn", &["scikit-learn"])?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let write = |path: &Path, docs: &[&AntArticle]| -> Result<(), String> {
        let file = std::fs::File::create(path).map_err(|e| e.to_string())?;
        let mut w = std::io::BufWriter::new(file);
        for a in docs {
            let mut text = String::new();
            if outlet {
                let source = a
                    .source
                    .as_deref()
                    .unwrap_or("none")
                    .to_lowercase()
                    .replace(char::is_whitespace, "_");
                text.push_str(&format!("__src_{source}__\n"));
            }
            text.push_str(a.title.as_deref().unwrap_or_default());
            for p in &a.body {
                text.push('\n');
                text.push_str(p);
            }
            let line = serde_json::json!({"id": a.url, "text": text, "labels": a.labels});
            writeln!(w, "{line}").map_err(|e| e.to_string())?;
        }
        w.flush().map_err(|e| e.to_string())
    };
    let (train_path, test_path) = (
        dir.path().join("train.jsonl"),
        dir.path().join("test.jsonl"),
    );
    write(&train_path, train)?;
    write(&test_path, test)?;
    let output = Command::new(python)
        .arg(&script)
        .arg(&train_path)
        .arg(&test_path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("start python: {e}"))?;
    if !output.status.success() {
        return Err(format!("baseline script failed: {}", output.status));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("baseline output: {e}"))
}

fn print(report: &Report, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer(&mut out, report).context("write JSON")?;
        writeln!(out).context("write JSON")?;
        return Ok(());
    }
    for x in &report.experiments {
        writeln!(
            out,
            "{} ({}; {} train, {} test documents)",
            x.name, x.split, x.train_documents, x.test_documents
        )?;
        writeln!(
            out,
            "  {:<24} {:>8} {:>8} {:>9} {:>12}",
            "system", "acc", "macro-F1", "train s", "articles/s"
        )?;
        for s in &x.systems {
            writeln!(
                out,
                "  {:<24} {:>8.4} {:>8.4} {:>9.1} {:>12.0}",
                s.name, s.accuracy, s.macro_f1, s.train_seconds, s.articles_per_s
            )?;
        }
    }
    Ok(())
}
