//! Training: features of every example (in parallel), a vocabulary of buckets seen in at
//! least `min_df` examples with smoothed idf, one squared-hinge SVM per label (in parallel),
//! settings chosen and a softmax temperature fitted on a held-out part, then i8 quantisation.
//!
//! An example may carry several labels (the same URL filed under two sections): it is then a
//! positive example for each of them.

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::features::{self, FeatureConfig};
use super::format::Stored;
use super::svm::{Rows, SvmConfig, train_binary};
use super::{CategoryError, CategoryModel};

/// One labelled article.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// A unique key; copies of one article must share one example (use the URL).
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The body paragraphs.
    pub body: Vec<String>,
    /// Its labels, most important first (at least one).
    pub labels: Vec<String>,
    /// The outlet's name, for models with outlet features.
    pub outlet: Option<String>,
}

/// Training settings. `Default` holds the values tuned on a validation part of the ANT
/// training sides.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Which features to extract.
    pub features: FeatureConfig,
    /// Drop buckets seen in fewer examples than this.
    pub min_df: u32,
    /// SVM cost of a margin violation (higher fits the training data closer).
    pub c: f32,
    /// Positive examples of label `l` cost `c · (n / (k · n_l))^class_weight_power`: 0 treats
    /// labels alike, 1 is fully balanced (helps rare labels, macro-F1).
    pub class_weight_power: f32,
    /// Solver stopping tolerance.
    pub epsilon: f32,
    /// Solver pass limit.
    pub max_passes: usize,
    /// Share of examples held out (by `id`) to choose `c` and `class_weight_power` from
    /// `grid` and fit the confidence temperature; the final model is then trained on all.
    /// 0: no held-out part, `c` and `class_weight_power` as given, temperature 1.
    pub calibration_fraction: f32,
    /// `(c, class_weight_power)` candidates tried on the held-out part; empty: only the
    /// given `c` and `class_weight_power`.
    pub grid: Vec<(f32, f32)>,
    /// Name of the label space, stored in the model.
    pub label_space: String,
    /// Seed of the solver order and calibration split.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            features: FeatureConfig::default(),
            min_df: 2,
            c: 0.5,
            class_weight_power: 0.0,
            epsilon: 0.1,
            max_passes: 300,
            calibration_fraction: 0.1,
            grid: vec![
                (0.5, 0.0),
                (1.0, 0.0),
                (2.0, 0.0),
                (0.5, 0.5),
                (1.0, 0.5),
                (2.0, 0.5),
            ],
            label_space: "original".to_owned(),
            seed: 1,
        }
    }
}

/// Where training is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Features of `done` of `total` examples extracted.
    Features {
        /// Examples done.
        done: usize,
        /// Examples in all.
        total: usize,
    },
    /// `done` of `total` per-label SVMs trained (over every candidate and the final model).
    Labels {
        /// SVMs done.
        done: usize,
        /// SVMs in all.
        total: usize,
    },
}

/// One example's raw features.
type Raw<'a> = &'a [(u32, f32)];
/// `(c, class_weight_power)`.
type Setting = (f32, f32);

/// Train a model on `examples`. `progress` is called from worker threads.
pub fn train(
    examples: &[Example],
    config: &TrainConfig,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Trained, CategoryError> {
    let mut labels: Vec<String> = examples
        .iter()
        .flat_map(|e| e.labels.iter().cloned())
        .collect();
    labels.sort();
    labels.dedup();
    if labels.len() < 2 {
        return Err(CategoryError::TooFewLabels {
            found: labels.len(),
        });
    }
    if let Some(e) = examples.iter().find(|e| e.labels.is_empty()) {
        return Err(CategoryError::Unlabelled { id: e.id.clone() });
    }
    let label_sets: Vec<Vec<usize>> = examples
        .iter()
        .map(|e| {
            e.labels
                .iter()
                .filter_map(|l| labels.binary_search(l).ok())
                .collect()
        })
        .collect();

    let total = examples.len();
    let done = AtomicUsize::new(0);
    let raw: Vec<Vec<(u32, f32)>> = examples
        .par_iter()
        .map_init(Vec::new, |scratch, e| {
            let mut out = Vec::new();
            features::featurize(
                &config.features,
                e.title.as_deref(),
                &e.body,
                e.outlet.as_deref(),
                scratch,
                &mut out,
            );
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if d.is_multiple_of(1000) || d == total {
                progress(Progress::Features { done: d, total });
            }
            out
        })
        .collect();

    let held: Vec<bool> = examples
        .iter()
        .map(|e| {
            let h = features::hash_bytes(config.seed ^ 0x5ca1_ab1e, e.id.as_bytes());
            ((h >> 11) as f64 / (1u64 << 53) as f64) < f64::from(config.calibration_fraction)
        })
        .collect();
    let pick = |keep: bool| -> (Vec<Raw<'_>>, Vec<&[usize]>) {
        raw.iter()
            .zip(&label_sets)
            .zip(&held)
            .filter(|(_, h)| **h == keep)
            .map(|((r, l), _)| (r.as_slice(), l.as_slice()))
            .unzip()
    };
    let (fit_x, fit_y) = pick(false);
    let (held_x, held_y) = pick(true);
    let fit_labels: std::collections::HashSet<usize> =
        fit_y.iter().flat_map(|l| l.iter().copied()).collect();
    let held_out = config.calibration_fraction > 0.0 && !held_x.is_empty() && fit_labels.len() > 1;
    let mut grid: Vec<(f32, f32)> = config.grid.clone();
    if grid.is_empty() || !held_out {
        grid = vec![(config.c, config.class_weight_power)];
    }
    let svms = AtomicUsize::new(0);
    let svm_total = (usize::from(held_out) * grid.len() + 1) * labels.len();
    let tick = || {
        let d = svms.fetch_add(1, Ordering::Relaxed) + 1;
        progress(Progress::Labels {
            done: d,
            total: svm_total,
        });
    };

    let (mut chosen, mut temperature, mut validation) = (grid[0], 1.0, None);
    if held_out {
        // (score, (c, power), held-out scores) of the best candidate so far.
        let mut best: Option<(f64, Setting, Vec<Vec<f32>>)> = None;
        for &(c, power) in &grid {
            let candidate = TrainConfig {
                c,
                class_weight_power: power,
                ..config.clone()
            };
            let model =
                CategoryModel::from_stored(fit(&fit_x, &fit_y, &labels, &candidate, 1.0, &tick));
            let scores: Vec<Vec<f32>> = held_x.iter().map(|r| model.scores_of_raw(r)).collect();
            let predicted: Vec<&str> = scores.iter().map(|s| labels[argmax(s)].as_str()).collect();
            let gold: Vec<Vec<String>> = held_y
                .iter()
                .map(|g| g.iter().map(|&i| labels[i].clone()).collect())
                .collect();
            let e = super::evaluate(
                &labels,
                gold.iter().zip(&predicted).map(|(g, p)| (g.as_slice(), *p)),
            );
            let score = (e.accuracy + e.macro_f1) / 2.0;
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, (c, power), scores));
            }
        }
        if let Some((score, values, scores)) = best {
            chosen = values;
            temperature = fit_temperature(&scores, &held_y);
            validation = Some(score);
        }
    }
    let xs: Vec<&[(u32, f32)]> = raw.iter().map(Vec::as_slice).collect();
    let ys: Vec<&[usize]> = label_sets.iter().map(Vec::as_slice).collect();
    let final_config = TrainConfig {
        c: chosen.0,
        class_weight_power: chosen.1,
        ..config.clone()
    };
    let model =
        CategoryModel::from_stored(fit(&xs, &ys, &labels, &final_config, temperature, &tick));
    Ok(Trained {
        model,
        c: chosen.0,
        class_weight_power: chosen.1,
        temperature,
        validation,
    })
}

fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// A trained model and the settings training chose.
#[derive(Debug, Clone)]
pub struct Trained {
    /// The model.
    pub model: CategoryModel,
    /// The SVM cost chosen on the held-out part (or given).
    pub c: f32,
    /// The class weight exponent chosen on the held-out part (or given).
    pub class_weight_power: f32,
    /// The confidence temperature fitted on the held-out part (1 without one).
    pub temperature: f32,
    /// Mean of accuracy and macro-F1 of the chosen settings on the held-out part.
    pub validation: Option<f64>,
}

/// Vocabulary, idf, SVMs and quantisation on these examples.
fn fit(
    raw: &[&[(u32, f32)]],
    label_sets: &[&[usize]],
    labels: &[String],
    config: &TrainConfig,
    temperature: f32,
    tick: &(dyn Fn() + Sync),
) -> Stored {
    let bits = config.features.bucket_bits;
    let n = raw.len();
    let mut df = vec![0_u32; 1 << bits];
    for r in raw {
        for &(b, _) in *r {
            df[b as usize] += 1;
        }
    }
    let buckets: Vec<u32> = (0..df.len() as u32)
        .filter(|&b| df[b as usize] >= config.min_df.max(1))
        .collect();
    let mut column = vec![u32::MAX; 1 << bits];
    for (c, &b) in buckets.iter().enumerate() {
        column[b as usize] = c as u32;
    }
    let idf_of = |d: u32| ((1.0 + n as f64) / (1.0 + f64::from(d))).ln() as f32 + 1.0;
    let idf_max = idf_of(config.min_df.max(1)).max(1.0);
    let idf_unit = idf_max / f32::from(u16::MAX);
    let idf_codes: Vec<u16> = buckets
        .iter()
        .map(|&b| {
            (idf_of(df[b as usize]) / idf_unit)
                .round()
                .clamp(0.0, 65535.0) as u16
        })
        .collect();
    let idf: Vec<f32> = idf_codes.iter().map(|&c| f32::from(c) * idf_unit).collect();
    drop(df);

    let mut rows = Rows {
        indptr: Vec::with_capacity(n + 1),
        columns: buckets.len(),
        ..Rows::default()
    };
    rows.indptr.push(0);
    let mut x = Vec::new();
    for r in raw {
        features::weigh(
            r,
            |b| {
                let c = column[b as usize];
                (c != u32::MAX).then(|| (c, idf[c as usize]))
            },
            &mut x,
        );
        for &(c, v) in &x {
            rows.indices.push(c);
            rows.values.push(v);
        }
        rows.indptr.push(rows.indices.len());
    }
    drop(column);

    let k = labels.len();
    let svms: Vec<(Vec<f32>, f32)> = (0..k)
        .into_par_iter()
        .map(|l| {
            let positive: Vec<bool> = label_sets.iter().map(|s| s.contains(&l)).collect();
            let count = positive.iter().filter(|&&p| p).count().max(1);
            let weight = (n as f32 / (k as f32 * count as f32)).powf(config.class_weight_power);
            let svm = SvmConfig {
                c_negative: config.c,
                c_positive: config.c * weight,
                bias: 1.0,
                epsilon: config.epsilon,
                max_passes: config.max_passes,
                seed: config.seed.wrapping_add(l as u64),
            };
            let m = train_binary(&rows, &positive, &svm);
            tick();
            (m.weights, m.bias)
        })
        .collect();

    // i8 per weight with a per-label scale; rows are kept even when all their weights round
    // to zero, because their idf still counts in the L2 norm.
    let scales: Vec<f32> = svms
        .iter()
        .map(|(w, _)| w.iter().fold(0.0_f32, |m, x| m.max(x.abs())) / 127.0)
        .map(|s| if s > 0.0 { s } else { 1.0 })
        .collect();
    let mut weights = vec![0_i8; buckets.len() * k];
    for (l, (w, _)) in svms.iter().enumerate() {
        for (c, &v) in w.iter().enumerate() {
            weights[c * k + l] = (v / scales[l]).round().clamp(-127.0, 127.0) as i8;
        }
    }
    Stored {
        features: config.features,
        temperature,
        idf_unit,
        label_space: config.label_space.clone(),
        labels: labels.to_vec(),
        scales,
        biases: svms.iter().map(|(_, b)| *b).collect(),
        buckets,
        idf_codes,
        weights,
    }
}

/// The temperature that maximises the held-out log-likelihood of the gold labels (for an
/// example with several, of their summed probability), by golden-section search on
/// `ln T ∈ [ln 0.1, ln 100]`.
fn fit_temperature(scores: &[Vec<f32>], gold: &[&[usize]]) -> f32 {
    let loss = |t: f64| -> f64 {
        let t = t.exp() as f32;
        let mut total = 0.0_f64;
        for (s, g) in scores.iter().zip(gold) {
            let mut p = s.clone();
            super::softmax(&mut p, t);
            let pg: f32 = g.iter().map(|&i| p[i]).sum();
            total -= f64::from(pg.max(1e-9)).ln();
        }
        total
    };
    let (mut a, mut b) = (0.1_f64.ln(), 100.0_f64.ln());
    let r = (5.0_f64.sqrt() - 1.0) / 2.0;
    let (mut c, mut d) = (b - r * (b - a), a + r * (b - a));
    let (mut fc, mut fd) = (loss(c), loss(d));
    for _ in 0..40 {
        if fc < fd {
            b = d;
            d = c;
            fd = fc;
            c = b - r * (b - a);
            fc = loss(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + r * (b - a);
            fd = loss(d);
        }
    }
    ((a + b) / 2.0).exp() as f32
}
