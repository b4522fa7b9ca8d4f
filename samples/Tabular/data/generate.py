#!/usr/bin/python3
"""Writes the four CSV files of samples/Tabular from the datasets bundled with scikit-learn (no download).

Run once, from this folder, with Debian's scikit-learn (apt-get install -y python3-sklearn):

    /usr/bin/python3 generate.py

Each file has a header row, one row per sample, the features in scikit-learn's order and the label last. Numbers are
written with Python's repr, the shortest text that reads back as the same float64, so the C# sample sees exactly the
values scikit-learn holds. The files are committed; this script documents how they were made (see README.md here).
"""
import csv

import sklearn
from sklearn import datasets


def write(path, feature_names, data, label_name, labels):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(list(feature_names) + [label_name])
        for row, label in zip(data, labels):
            writer.writerow([repr(float(v)) for v in row] + [label])
    print(f"{path}: {len(data)} rows, {len(feature_names)} features, label column '{label_name}'")


def main():
    print(f"scikit-learn {sklearn.__version__}")
    cancer = datasets.load_breast_cancer()
    write("breast-cancer.csv", cancer.feature_names, cancer.data, "diagnosis", [cancer.target_names[t] for t in cancer.target])

    wine = datasets.load_wine()
    write("wine.csv", wine.feature_names, wine.data, "cultivar", [wine.target_names[t] for t in wine.target])

    digits = datasets.load_digits()
    write("digits.csv", digits.feature_names, digits.data, "digit", [int(t) for t in digits.target])

    diabetes = datasets.load_diabetes()   # scaled=True, as scikit-learn returns it by default
    write("diabetes.csv", diabetes.feature_names, diabetes.data, "progression", [repr(float(t)) for t in diabetes.target])


if __name__ == "__main__":
    main()
