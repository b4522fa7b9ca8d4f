#!/usr/bin/python3
"""Fits scikit-learn on exactly the rows samples/Tabular uses, for the "scikit-learn, same split" column of its table.

    dotnet run --project samples/Tabular -c Release -- --write-splits /tmp/splits
    /usr/bin/python3 samples/Tabular/data/compare_sklearn.py /tmp/splits

Debian's scikit-learn (apt-get install -y python3-sklearn); the datasets are its bundled copies, the same values as the
CSV files here, in the same row order. Prints the test score of MLPClassifier / MLPRegressor with scikit-learn's
defaults (max_iter raised to 2000 so that it converges) behind a StandardScaler, for random_state 0, 1, 2, the same with
early_stopping=True (the estimators' default: 10 % held out, best weights kept), and of a
linear model (logistic regression, ordinary least squares) for reference. With --ceiling it also fits six more
regressors on the diabetes rows (ridge and lasso with built-in cross-validation, gradient boosting, a random forest, an
SVR and an MLP tuned by grid search on the training rows), to show what R² this test split allows at all.

    /usr/bin/python3 samples/Tabular/data/compare_sklearn.py /tmp/splits --ceiling
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
ceiling = "--ceiling" in sys.argv[2:]
for name, load, regression in [("breast-cancer", datasets.load_breast_cancer, False), ("wine", datasets.load_wine, False),
                               ("digits", datasets.load_digits, False), ("diabetes", datasets.load_diabetes, True)]:
    X, y = load(return_X_y=True)
    train, test = [np.array([int(i) for i in line.split(",")]) for line in open(f"{folder}/{name}.split").read().split()]
    mlp = MLPRegressor if regression else MLPClassifier
    scores = [make_pipeline(StandardScaler(), mlp(random_state=seed, max_iter=2000)).fit(X[train], y[train]).score(X[test], y[test])
              for seed in range(3)]
    stopped = [make_pipeline(StandardScaler(), mlp(random_state=seed, max_iter=2000, early_stopping=True)).fit(X[train], y[train])
               .score(X[test], y[test]) for seed in range(3)]
    linear = LinearRegression() if regression else make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    print(f"{name:14} MLP {' '.join(f'{s:.3f}' for s in scores)}   early_stopping=True {' '.join(f'{s:.3f}' for s in stopped)}"
          f"   linear {linear.fit(X[train], y[train]).score(X[test], y[test]):.3f}")
    if regression and ceiling:
        from sklearn.ensemble import GradientBoostingRegressor, RandomForestRegressor
        from sklearn.linear_model import LassoCV, RidgeCV
        from sklearn.model_selection import GridSearchCV
        from sklearn.svm import SVR
        others = {
            "ridge (CV)": RidgeCV(alphas=np.logspace(-3, 3, 30)),
            "lasso (CV)": LassoCV(),
            "gradient boosting": GradientBoostingRegressor(random_state=0, max_depth=2, learning_rate=0.05),
            "random forest": RandomForestRegressor(random_state=0, n_estimators=300, min_samples_leaf=5),
            "SVR (grid)": make_pipeline(StandardScaler(), GridSearchCV(SVR(), {"C": [1, 10, 100, 1000], "epsilon": [1, 10]})),
            "MLP (grid)": make_pipeline(StandardScaler(), GridSearchCV(MLPRegressor(max_iter=3000, random_state=0),
                                                                     {"alpha": [1e-4, 1, 10, 100], "hidden_layer_sizes": [(10,), (100,)]})),
        }
        for label, model in others.items():
            print(f"{'':14} {label:18} {model.fit(X[train], y[train]).score(X[test], y[test]):.3f}")
