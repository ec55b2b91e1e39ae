"""scikit-learn baseline for `marsad bench category`: TF-IDF of word uni+bigrams + LinearSVC.

Usage: sklearn_baseline.py TRAIN.jsonl TEST.jsonl
Each line: {"id": str, "text": str, "labels": [str, ...]} (test lines may omit labels).
A training article with several labels becomes one row per label.
Prints one JSON object: {"version", "train_seconds", "predict_seconds", "predictions": {id: label}}.
"""
import json
import sys
import time

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main():
    train, test = read(sys.argv[1]), read(sys.argv[2])
    texts, labels = [], []
    for doc in train:
        for label in doc["labels"]:
            texts.append(doc["text"])
            labels.append(label)
    start = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    x = vectorizer.fit_transform(texts)
    model = LinearSVC(C=1.0)
    model.fit(x, labels)
    train_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict(vectorizer.transform([d["text"] for d in test]))
    predict_seconds = time.perf_counter() - start
    json.dump(
        {
            "version": sklearn.__version__,
            "train_seconds": train_seconds,
            "predict_seconds": predict_seconds,
            "predictions": {d["id"]: str(p) for d, p in zip(test, predicted)},
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
