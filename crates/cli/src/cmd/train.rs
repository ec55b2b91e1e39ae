//! `marsad train category`: train the news category classifier on ANT corpus folders and
//! write the model file. Also home of the ANT folder reader and split flags shared by
//! `marsad eval category` and `marsad bench category`.
//!
//! Copies of one URL (the same article filed under two categories, 1,187 URLs in ANT v2.1)
//! become one example carrying every label, in path order; splits are by URL, so copies never
//! land on both sides.
//!
//! `--json` prints `{"schema":1,"model","label_space","documents","labels":{label:count},
//! "rows","bytes","seconds","c","class_weight_power","temperature",
//! "validation":null|{"documents","accuracy","macro_f1"}}` (`seconds`: training only, reading
//! excluded; `c`, `class_weight_power`: the settings chosen on a held-out tenth of the train
//! side; `validation`: scores on the `--validate` part).

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use marsad_analyze::{
    Example, FeatureConfig, Progress, Side, Split, TrainConfig, evaluate, parse_ant, split_side,
    taxonomy_of,
};
use serde_json::json;

/// Flags of `marsad train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Debug, clap::Subcommand)]
enum What {
    /// The news category classifier, from ANT corpus folders.
    Category(CategoryArgs),
    /// The entity tagger, from a tagged CoNLL file (ANERcorp).
    Ner(super::ner::TrainArgs),
    /// Word clusters for the entity tagger's features, from unlabelled news.
    WordClusters(super::ner::ClusterArgs),
}

/// Label spaces a model can be trained in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Labels {
    /// The corpora's own labels (`sport`, `middleEast` …).
    Original,
    /// Marsad's taxonomy (`marsad_analyze::SECTIONS`).
    Taxonomy,
}

impl Labels {
    /// The name stored in the model.
    pub fn name(self) -> &'static str {
        match self {
            Labels::Original => "original",
            Labels::Taxonomy => "taxonomy",
        }
    }
}

/// Kinds of split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitKind {
    /// Use every document.
    All,
    /// A seeded hash of the URL picks the side.
    ByUrl,
    /// Published from `--test-from` on is the test side.
    ByDate,
}

/// The split flags of `train category`, `eval category`.
#[derive(Debug, Clone, clap::Args)]
pub struct SplitArgs {
    /// Train on the train side, evaluate on the test side of this split.
    #[arg(long, value_enum, default_value = "all")]
    pub split: SplitKind,
    /// Share of URLs on the test side (`--split by-url`).
    #[arg(long, default_value_t = 0.2)]
    pub test_fraction: f64,
    /// Seed of the URL split.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// First month of the test side (`--split by-date`), YYYY-MM.
    #[arg(long, default_value = "2018-08")]
    pub test_from: String,
}

impl SplitArgs {
    /// The split these flags describe.
    pub fn split(&self) -> anyhow::Result<Split> {
        Ok(match self.split {
            SplitKind::All => Split::All,
            SplitKind::ByUrl => {
                if !(0.0..=1.0).contains(&self.test_fraction) {
                    bail!(
                        "--test-fraction {} is not between 0 and 1",
                        self.test_fraction
                    );
                }
                Split::ByUrl {
                    test_fraction: self.test_fraction,
                    seed: self.seed,
                }
            }
            SplitKind::ByDate => {
                let parsed = self
                    .test_from
                    .split_once('-')
                    .and_then(|(y, m)| Some((y.parse::<u16>().ok()?, m.parse::<u8>().ok()?)))
                    .filter(|(_, m)| (1..=12).contains(m));
                let Some(test_from) = parsed else {
                    bail!("--test-from {}: not YYYY-MM", self.test_from)
                };
                Split::ByDate { test_from }
            }
        })
    }
}

/// Flags of `marsad train category`.
#[derive(Debug, clap::Args)]
pub struct CategoryArgs {
    /// ANT corpus folders (`<category>/*.txt` or `<source>/<category>/*.txt`), walked.
    #[arg(long = "ant", value_name = "DIR", required = true, num_args = 1..)]
    ant: Vec<PathBuf>,
    /// Where to write the model.
    #[arg(long, value_name = "MODEL")]
    out: PathBuf,
    /// Train on the corpora's labels or on Marsad's taxonomy.
    #[arg(long, value_enum, default_value = "original")]
    labels: Labels,
    #[command(flatten)]
    split: SplitArgs,
    /// Hold out this share of the train side (by URL) and report the model's scores on it;
    /// the model is then trained without it. For tuning without touching the test side.
    #[arg(long, value_name = "FRACTION")]
    validate: Option<f64>,
    /// SVM cost. Given (or with --class-weight-power), no choice is made on a held-out part.
    #[arg(long)]
    c: Option<f32>,
    /// Class weight exponent: 0 none, 1 balanced.
    #[arg(long)]
    class_weight_power: Option<f32>,
    /// Minimum number of documents a feature must occur in.
    #[arg(long, default_value_t = TrainConfig::default().min_df)]
    min_df: u32,
    /// log2 of the hash buckets.
    #[arg(long, default_value_t = FeatureConfig::default().bucket_bits)]
    bucket_bits: u8,
    /// Character n-grams of stems, MIN-MAX (e.g. 3-5), or 0 for none.
    #[arg(long, default_value = "0")]
    char_ngrams: String,
    /// No stem bigrams.
    #[arg(long)]
    no_bigrams: bool,
    /// No separate title namespace.
    #[arg(long)]
    no_title: bool,
    /// No outlet features. By default the outlet (`<SRC>`) and each stem paired with it are
    /// features, so the model learns each outlet's own section boundaries; a model for
    /// outlets not in the training data (the product model) should be trained without.
    #[arg(long)]
    no_outlet: bool,
    /// One JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// One article of an ANT corpus, copies of its URL merged.
#[derive(Debug, Clone)]
pub struct AntArticle {
    /// `<DOCNO>` of the first copy (or its path when missing).
    pub docno: String,
    /// The URL (or docno when missing): the group key.
    pub url: String,
    /// The labels of all copies, in path order, each once, in the requested label space.
    pub labels: Vec<String>,
    /// The headline.
    pub title: Option<String>,
    /// The body paragraphs.
    pub body: Vec<String>,
    /// The earliest `<TIME>` of the copies.
    pub day: Option<(u16, u8, u8)>,
    /// `<SRC>`: the outlet.
    pub source: Option<String>,
}

impl AntArticle {
    /// Which side of `split` the article is on.
    pub fn side(&self, split: &Split) -> Side {
        split_side(split, &self.url, self.day)
    }

    /// As a training example.
    pub fn example(&self) -> Example {
        Example {
            id: self.url.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            labels: self.labels.clone(),
            outlet: self.source.clone(),
        }
    }
}

/// Every `.txt` document under `dirs`, URL copies merged, labels in `labels` space.
/// A document's label is its `<CAT>`, or its folder's name when `<CAT>` is missing.
pub fn read_ant(dirs: &[PathBuf], labels: Labels) -> anyhow::Result<Vec<AntArticle>> {
    let mut files = Vec::new();
    for dir in dirs {
        if !dir.is_dir() {
            bail!("{}: not a folder", dir.display());
        }
        walk(dir, &mut files).with_context(|| format!("read {}", dir.display()))?;
    }
    files.sort();
    let mut articles: Vec<AntArticle> = Vec::new();
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for path in &files {
        let bytes = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        for doc in parse_ant(&text) {
            let folder = path
                .parent()
                .and_then(Path::file_name)
                .map(|f| f.to_string_lossy().into_owned());
            let Some(original) = doc.category.clone().or(folder) else {
                continue;
            };
            let label = match labels {
                Labels::Original => original,
                Labels::Taxonomy => match taxonomy_of(&original) {
                    Some(s) => s.code.to_owned(),
                    None => bail!(
                        "{}: category {original} has no taxonomy section",
                        path.display()
                    ),
                },
            };
            let docno = doc
                .docno
                .clone()
                .unwrap_or_else(|| path.display().to_string());
            let url = doc.url.clone().unwrap_or_else(|| docno.clone());
            let day = doc.published_day();
            if let Some(&i) = by_url.get(&url) {
                let a = &mut articles[i];
                if !a.labels.contains(&label) {
                    a.labels.push(label);
                }
                a.day = match (a.day, day) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                continue;
            }
            by_url.insert(url.clone(), articles.len());
            let body = doc.paragraphs();
            articles.push(AntArticle {
                docno,
                url,
                labels: vec![label],
                title: doc.title,
                body,
                day,
                source: doc.source,
            });
        }
    }
    Ok(articles)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            files.push(path);
        }
    }
    Ok(())
}

/// A progress callback drawing a bar on stderr when it is a terminal.
pub fn progress() -> impl Fn(Progress) + Sync {
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg:>10} {wide_bar} {pos}/{len}") {
        bar.set_style(style);
    }
    move |p| match p {
        Progress::Features { done, total } => {
            bar.set_message("features");
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
        Progress::Labels { done, total } => {
            bar.set_message("labels");
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if done == total {
                bar.finish_and_clear();
            }
        }
    }
}

/// Run `marsad train`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Category(a) => run_category(a),
        What::Ner(a) => super::ner::run_train(a),
        What::WordClusters(a) => super::ner::run_clusters(a),
    }
}

/// Parse `--char-ngrams`.
fn char_ngrams(spec: &str) -> anyhow::Result<(u8, u8)> {
    if spec == "0" {
        return Ok((0, 0));
    }
    let parsed = spec
        .split_once('-')
        .and_then(|(a, b)| Some((a.parse::<u8>().ok()?, b.parse::<u8>().ok()?)));
    match parsed {
        Some((a, b)) if a >= 1 && a <= b && b <= 10 => Ok((a, b)),
        _ => bail!("--char-ngrams {spec}: not MIN-MAX with 1 <= MIN <= MAX <= 10, or 0"),
    }
}

fn run_category(args: CategoryArgs) -> anyhow::Result<ExitCode> {
    let split = args.split.split()?;
    let start = Instant::now();
    let articles = read_ant(&args.ant, args.labels)?;
    let mut train_side: Vec<&AntArticle> = articles
        .iter()
        .filter(|a| a.side(&split) == Side::Train)
        .collect();
    let mut held: Vec<&AntArticle> = Vec::new();
    if let Some(fraction) = args.validate {
        let inner = Split::ByUrl {
            test_fraction: fraction,
            seed: args.split.seed.wrapping_add(0x0076_616c),
        };
        (held, train_side) = train_side
            .into_iter()
            .partition(|a| a.side(&inner) == Side::Test);
    }
    if train_side.is_empty() {
        bail!("no documents on the train side");
    }
    let config = TrainConfig {
        features: FeatureConfig {
            bucket_bits: args.bucket_bits.clamp(10, 26),
            title: !args.no_title,
            bigrams: !args.no_bigrams,
            char_ngrams: char_ngrams(&args.char_ngrams)?,
            outlet: !args.no_outlet,
            outlet_words: !args.no_outlet,
        },
        min_df: args.min_df,
        label_space: args.labels.name().to_owned(),
        ..TrainConfig::default()
    };
    let config = if args.c.is_some() || args.class_weight_power.is_some() {
        TrainConfig {
            c: args.c.unwrap_or(config.c),
            class_weight_power: args.class_weight_power.unwrap_or(config.class_weight_power),
            grid: Vec::new(),
            ..config
        }
    } else {
        config
    };
    let examples: Vec<Example> = train_side.iter().map(|a| a.example()).collect();
    let train_start = Instant::now();
    let trained = marsad_analyze::train(&examples, &config, &progress()).context("train")?;
    let model = &trained.model;
    let seconds = train_start.elapsed().as_secs_f64();
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes).with_context(|| format!("write {}", args.out.display()))?;

    let validation = (!held.is_empty()).then(|| {
        let predicted: Vec<String> = held
            .iter()
            .map(|a| {
                model
                    .predict_at(a.title.as_deref(), &a.body, a.source.as_deref())
                    .label
            })
            .collect();
        evaluate(
            model.labels(),
            held.iter()
                .zip(&predicted)
                .map(|(a, p)| (a.labels.as_slice(), p.as_str())),
        )
    });
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &train_side {
        for l in &a.labels {
            *counts.entry(l).or_default() += 1;
        }
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let v = json!({
            "schema": 1,
            "model": args.out.display().to_string(),
            "label_space": model.label_space(),
            "documents": examples.len(),
            "labels": counts,
            "rows": model.rows(),
            "bytes": bytes.len(),
            "seconds": seconds,
            "c": trained.c,
            "class_weight_power": trained.class_weight_power,
            "temperature": trained.temperature,
            "validation": validation.as_ref().map(|e| json!({
                "documents": e.documents, "accuracy": e.accuracy, "macro_f1": e.macro_f1,
            })),
        });
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "trained on {} documents, {} labels ({}) in {seconds:.1} s ({:.1} s with reading)",
            examples.len(),
            model.labels().len(),
            model.label_space(),
            start.elapsed().as_secs_f64()
        )?;
        for (l, n) in &counts {
            writeln!(out, "  {l:<20} {n}")?;
        }
        writeln!(
            out,
            "wrote {} ({} bytes, {} rows)",
            args.out.display(),
            bytes.len(),
            model.rows()
        )?;
        writeln!(
            out,
            "c {}, class weight power {}, temperature {:.2}",
            trained.c, trained.class_weight_power, trained.temperature
        )?;
        if let Some(e) = &validation {
            writeln!(
                out,
                "validation: {} documents, accuracy {:.4}, macro-F1 {:.4}",
                e.documents, e.accuracy, e.macro_f1
            )?;
            for (label, row) in e.labels.iter().zip(&e.confusion) {
                writeln!(out, "  {label:<20} {row:?}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, path: &str, url: &str, cat: Option<&str>, time: &str) {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("has a folder")).expect("mkdir");
        let cat = cat.map(|c| format!("<CAT>{c}</CAT>")).unwrap_or_default();
        let doc = format!(
            "<DOC><DOCNO>{path}</DOCNO><URL>{url}</URL>{cat}<TITLE>عنوان</TITLE><TIME>{time}</TIME><TEXT>نص الخبر</TEXT></DOC>"
        );
        std::fs::write(file, doc).expect("write");
    }

    #[test]
    fn copies_of_a_url_are_one_article_with_both_labels() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "BBC/internationalNews/a.txt",
            "http://x/1",
            Some("internationalNews"),
            "Mon, 26 Feb 2018 02:20:10 GMT",
        );
        write(
            dir.path(),
            "BBC/middleEast/b.txt",
            "http://x/1",
            Some("middleEast"),
            "Sun, 25 Feb 2018 02:20:10 GMT",
        );
        // No <CAT>: the folder names the category.
        write(
            dir.path(),
            "BBC/sport/c.txt",
            "http://x/2",
            None,
            "2018-08-02T10:00:00+01:00",
        );
        std::fs::write(dir.path().join("README.md"), "not a document").expect("write");
        let articles = read_ant(&[dir.path().to_owned()], Labels::Original).expect("reads");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].labels, ["internationalNews", "middleEast"]);
        assert_eq!(articles[0].day, Some((2018, 2, 25)));
        assert_eq!(articles[1].labels, ["sport"]);
        let taxonomy = read_ant(&[dir.path().to_owned()], Labels::Taxonomy).expect("reads");
        assert_eq!(taxonomy[0].labels, ["world", "middle_east"]);
        let by_date = Split::ByDate {
            test_from: (2018, 8),
        };
        assert_eq!(articles[0].side(&by_date), Side::Train);
        assert_eq!(articles[1].side(&by_date), Side::Test);
    }

    #[test]
    fn split_flags_parse() {
        let flags = |split, test_from: &str| SplitArgs {
            split,
            test_fraction: 0.2,
            seed: 1,
            test_from: test_from.into(),
        };
        assert_eq!(
            flags(SplitKind::ByDate, "2018-08").split().ok(),
            Some(Split::ByDate {
                test_from: (2018, 8)
            })
        );
        assert!(flags(SplitKind::ByDate, "2018-13").split().is_err());
        assert!(flags(SplitKind::ByDate, "August").split().is_err());
        assert_eq!(flags(SplitKind::All, "x").split().ok(), Some(Split::All));
        assert!(
            char_ngrams("3-5").is_ok() && char_ngrams("0").is_ok() && char_ngrams("5-3").is_err()
        );
    }
}
