#!/usr/bin/python3
"""Fits scikit-learn on exactly the rows samples/Tabular uses, for the "scikit-learn, same split" column of its table.

    dotnet run --project samples/Tabular -c Release -- --write-splits /tmp/splits
    /usr/bin/python3 samples/Tabular/data/compare_sklearn.py /tmp/splits

Debian's scikit-learn (apt-get install -y python3-sklearn); the datasets are its bundled copies, the same values as the
CSV files here, in the same row order. Prints the test score of MLPClassifier / MLPRegressor with scikit-learn's
defaults (max_iter raised to 2000 so that it converges) behind a StandardScaler, for random_state 0, 1, 2, and of a
linear model (logistic regression, ordinary least squares) for reference.
"""
import sys
import warnings

import numpy as np
from sklearn import datasets
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")
folder = sys.argv[1]
for name, load, regression in [("breast-cancer", datasets.load_breast_cancer, False), ("wine", datasets.load_wine, False),
                               ("digits", datasets.load_digits, False), ("diabetes", datasets.load_diabetes, True)]:
    X, y = load(return_X_y=True)
    train, test = [np.array([int(i) for i in line.split(",")]) for line in open(f"{folder}/{name}.split").read().split()]
    mlp = MLPRegressor if regression else MLPClassifier
    scores = [make_pipeline(StandardScaler(), mlp(random_state=seed, max_iter=2000)).fit(X[train], y[train]).score(X[test], y[test])
              for seed in range(3)]
    linear = LinearRegression() if regression else make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    print(f"{name:14} MLP {' '.join(f'{s:.3f}' for s in scores)}   linear {linear.fit(X[train], y[train]).score(X[test], y[test]):.3f}")
