//! Accuracy, per-label precision/recall/F1, macro-F1 and the confusion matrix of a
//! classifier's predictions, where a document may have several gold labels.

use serde::Serialize;

/// Scores of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelScore {
    /// The label.
    pub label: String,
    /// Share of documents predicted as this label that have it.
    pub precision: f64,
    /// Share of documents with this label that are predicted as it.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Documents whose (effective) gold label this is.
    pub support: usize,
}

/// The quality of a set of predictions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// Documents scored.
    pub documents: usize,
    /// Share of documents whose prediction is one of their gold labels.
    pub accuracy: f64,
    /// Unweighted mean of the per-label F1 over labels that occur as gold or prediction.
    pub macro_f1: f64,
    /// Per label, in `labels` order.
    pub per_label: Vec<LabelScore>,
    /// Row and column names of `confusion`.
    pub labels: Vec<String>,
    /// `confusion[gold][predicted]` document counts.
    pub confusion: Vec<Vec<usize>>,
}

/// Score `(gold labels, predicted label)` pairs. A prediction is right when it is one of the
/// gold labels; the effective gold label (for the confusion matrix and per-label scores) is
/// then the prediction, otherwise the first gold label. `labels` gives the order of the
/// matrix; labels met only in the data are appended.
///
/// ```
/// use marsad_analyze::evaluate;
/// let labels = ["sport".to_owned(), "economy".to_owned()];
/// let gold = [vec!["sport".to_owned()], vec!["economy".to_owned(), "sport".to_owned()]];
/// let e = evaluate(&labels, gold.iter().map(|g| (g.as_slice(), "sport")));
/// assert_eq!(e.accuracy, 1.0);
/// assert_eq!(e.confusion, [[2, 0], [0, 0]]);
/// ```
pub fn evaluate<'a>(
    labels: &[String],
    items: impl IntoIterator<Item = (&'a [String], &'a str)>,
) -> Evaluation {
    let mut names: Vec<String> = labels.to_vec();
    let index = |name: &str, names: &mut Vec<String>| match names.iter().position(|n| n == name) {
        Some(i) => i,
        None => {
            names.push(name.to_owned());
            names.len() - 1
        }
    };
    let mut pairs = Vec::new();
    for (gold, predicted) in items {
        let p = index(predicted, &mut names);
        let g = if gold.iter().any(|g| g == predicted) {
            p
        } else {
            match gold.first() {
                Some(first) => index(first, &mut names),
                None => continue,
            }
        };
        pairs.push((g, p));
    }
    let k = names.len();
    let mut confusion = vec![vec![0_usize; k]; k];
    for &(g, p) in &pairs {
        confusion[g][p] += 1;
    }
    let correct: usize = (0..k).map(|i| confusion[i][i]).sum();
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut per_label = Vec::with_capacity(k);
    let (mut f1_sum, mut present) = (0.0, 0);
    for i in 0..k {
        let support: usize = confusion[i].iter().sum();
        let predicted: usize = confusion.iter().map(|row| row[i]).sum();
        let (precision, recall) = (
            ratio(confusion[i][i], predicted),
            ratio(confusion[i][i], support),
        );
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        if support + predicted > 0 {
            f1_sum += f1;
            present += 1;
        }
        per_label.push(LabelScore {
            label: names[i].clone(),
            precision,
            recall,
            f1,
            support,
        });
    }
    Evaluation {
        documents: pairs.len(),
        accuracy: ratio(correct, pairs.len()),
        macro_f1: if present == 0 {
            0.0
        } else {
            f1_sum / f64::from(present)
        },
        per_label,
        labels: names,
        confusion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(gold_pred: &[(&[&str], &str)], accuracy: f64, macro_f1: f64) {
        let gold: Vec<Vec<String>> = gold_pred
            .iter()
            .map(|(g, _)| g.iter().map(|s| (*s).to_owned()).collect())
            .collect();
        let labels = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let e = evaluate(
            &labels,
            gold.iter()
                .zip(gold_pred)
                .map(|(g, (_, p))| (g.as_slice(), *p)),
        );
        assert!(
            (e.accuracy - accuracy).abs() < 1e-9,
            "accuracy {} vs {accuracy}",
            e.accuracy
        );
        assert!(
            (e.macro_f1 - macro_f1).abs() < 1e-9,
            "macro-F1 {} vs {macro_f1}",
            e.macro_f1
        );
    }

    #[test]
    fn scores() {
        check(&[(&["a"], "a"), (&["b"], "b")], 1.0, 1.0);
        // a: P 1/2 R 1 F 2/3; b: P 0 R 0; c absent.
        check(&[(&["a"], "a"), (&["b"], "a")], 0.5, 1.0 / 3.0);
        // A second gold label counts.
        check(&[(&["a", "b"], "b")], 1.0, 1.0);
        // A label outside the list is appended.
        check(&[(&["z"], "a")], 0.0, 0.0);
        check(&[], 0.0, 0.0);
    }
}
