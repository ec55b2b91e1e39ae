//! A binary linear SVM with squared hinge loss, trained by dual coordinate descent with
//! shrinking (Hsieh et al. 2008, the `L2R_L2LOSS_SVC_DUAL` solver of LIBLINEAR and
//! scikit-learn's `LinearSVC`).
//!
//! Written here rather than taken from `linfa-svm` because that crate solves the kernel SMO
//! problem on dense matrices, which is orders of magnitude slower on sparse text.

/// Sparse rows in compressed form: row `i` is `indices[indptr[i]..indptr[i+1]]` with
/// `values` alongside.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
    /// Number of columns.
    pub columns: usize,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (s, e) = (self.indptr[i], self.indptr[i + 1]);
        (&self.indices[s..e], &self.values[s..e])
    }
}

/// Solver settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SvmConfig {
    /// Cost of a margin violation by a negative example.
    pub c_negative: f32,
    /// Cost of a margin violation by a positive example.
    pub c_positive: f32,
    /// Value of the constant bias feature (LIBLINEAR's `-B`).
    pub bias: f32,
    /// Stop when the projected gradient's spread is below this.
    pub epsilon: f32,
    /// Upper bound on passes over the data.
    pub max_passes: usize,
    /// Seed of the visiting order.
    pub seed: u64,
}

/// A trained binary model: `score(x) = w · x + bias_weight · bias`.
#[derive(Debug, Clone)]
pub(crate) struct Binary {
    pub weights: Vec<f32>,
    pub bias: f32,
}

/// Train on `rows` with `positive[i]` telling which side row `i` is on.
pub(crate) fn train_binary(rows: &Rows, positive: &[bool], config: &SvmConfig) -> Binary {
    let n = rows.len();
    let mut w = vec![0.0_f32; rows.columns];
    let mut b = 0.0_f32;
    let mut alpha = vec![0.0_f32; n];
    let diag: Vec<f32> = positive
        .iter()
        .map(|&p| {
            0.5 / if p {
                config.c_positive
            } else {
                config.c_negative
            }
        })
        .collect();
    let qd: Vec<f32> = (0..n)
        .map(|i| {
            let (_, v) = rows.row(i);
            diag[i] + v.iter().map(|x| x * x).sum::<f32>() + config.bias * config.bias
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    let mut active = n;
    let mut rng = config.seed | 1;
    // With squared hinge loss alpha has no upper bound, so only the lower side shrinks.
    let mut pg_max_old = f32::INFINITY;
    for _ in 0..config.max_passes {
        // Fisher-Yates over the active part with xorshift: deterministic for a seed.
        for i in (1..active).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let (mut pg_max, mut pg_min) = (f32::NEG_INFINITY, f32::INFINITY);
        let mut s = 0;
        while s < active {
            let i = order[s];
            let y = if positive[i] { 1.0 } else { -1.0 };
            let (idx, val) = rows.row(i);
            let mut dot = b * config.bias;
            for (&j, &v) in idx.iter().zip(val) {
                dot += w[j as usize] * v;
            }
            let g = y * dot - 1.0 + alpha[i] * diag[i];
            let mut pg = 0.0;
            if alpha[i] == 0.0 {
                if g > pg_max_old {
                    // Shrink: this example is unlikely to become a support vector.
                    active -= 1;
                    order.swap(s, active);
                    continue;
                }
                if g < 0.0 {
                    pg = g;
                }
            } else {
                pg = g;
            }
            pg_max = pg_max.max(pg);
            pg_min = pg_min.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (old - g / qd[i]).max(0.0);
                let d = (alpha[i] - old) * y;
                for (&j, &v) in idx.iter().zip(val) {
                    w[j as usize] += d * v;
                }
                b += d * config.bias;
            }
            s += 1;
        }
        if pg_max - pg_min <= config.epsilon {
            if active == n {
                break;
            }
            // Converged on the active set: check everything once more.
            active = n;
            pg_max_old = f32::INFINITY;
            continue;
        }
        pg_max_old = if pg_max <= 0.0 { f32::INFINITY } else { pg_max };
    }
    Binary {
        weights: w,
        bias: b * config.bias,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_two_groups() {
        // Column 0 marks positives, column 1 negatives, column 2 is noise on both.
        let mut rows = Rows {
            indptr: vec![0],
            columns: 3,
            ..Rows::default()
        };
        let mut positive = Vec::new();
        for i in 0..40 {
            let p = i % 2 == 0;
            rows.indices.extend([if p { 0 } else { 1 }, 2]);
            rows.values.extend([0.8, 0.6]);
            rows.indptr.push(rows.indices.len());
            positive.push(p);
        }
        let config = SvmConfig {
            c_negative: 1.0,
            c_positive: 1.0,
            bias: 1.0,
            epsilon: 0.01,
            max_passes: 100,
            seed: 7,
        };
        let m = train_binary(&rows, &positive, &config);
        assert!(m.weights[0] > 0.0 && m.weights[1] < 0.0, "{m:?}");
        for (i, &p) in positive.iter().enumerate() {
            let (idx, val) = rows.row(i);
            let s: f32 = idx
                .iter()
                .zip(val)
                .map(|(&j, &v)| m.weights[j as usize] * v)
                .sum::<f32>()
                + m.bias;
            assert_eq!(s > 0.0, p);
        }
    }
}
