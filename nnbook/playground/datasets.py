"""The playground's data sets and input features, drawn from the portable generator.

The shapes are those of :mod:`nnbook.data` (rings, quadrants, blobs, arms, moons), but
every random number comes from :class:`~nnbook.playground.rng.SFC32` in a fixed order,
point by point, so that ``book/_static/playground/engine.js`` draws the same points.
The order of the draws (stream ``"data"`` of the state's seed):

1. classification: the labels ``i % K`` (i < n), shuffled (balanced classes);
2. each point's shape draws, point after point (listed in :data:`SHAPES`);
3. with ``noise > 0``: a normal per coordinate (classification, added to ``x``, row by
   row) or per point (regression, added to the target);
4. the points are centred and scaled into ``[-4.5, 4.5]²``; then a shuffle of the point
   indices splits them, the first ``floor(train_ratio · n + 1/2)`` for training.
"""

from __future__ import annotations

import math

import numpy as np

from .rng import SFC32

__all__ = ["DATASETS", "FEATURES", "SCALE", "make_data", "feature_matrix"]

DATASETS = {
    # name: problem type
    "circle": "classification", "xor": "classification", "gauss": "classification",
    "spiral": "classification", "moons": "classification",
    "plane": "regression", "bumps": "regression",
}
FEATURES = {
    "x1": lambda X: X[:, 0], "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2, "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]), "sin(x2)": lambda X: np.sin(X[:, 1]),
}
SCALE = 5.0          # inputs live in [-SCALE, SCALE]², as in the TensorFlow Playground
TWO_PI = 2.0 * math.pi


def _circle(rng, label, k):
    """Class 0 on the unit circle, class 1 on the circle of radius 1/2; one uniform angle."""
    t = TWO_PI * rng.uniform()
    r = 1.0 if label == 0 else 0.5
    return r * math.cos(t), r * math.sin(t)


def _xor(rng, label, k):
    """|x1|, |x2| uniform in [0.1, 1]; signs equal for class 0, opposite for class 1."""
    a = 0.1 + 0.9 * rng.uniform()
    b = 0.1 + 0.9 * rng.uniform()
    s1 = -1.0 if rng.uniform() < 0.5 else 1.0
    s2 = -s1 if label == 1 else s1
    return s1 * a, s2 * b


def _gauss(rng, label, k):
    """The centre of blob ``label`` on the circle of radius 1.5 (the noise spreads it)."""
    angle = TWO_PI * label / k + (math.pi / 4 if k == 2 else math.pi / 2)
    return 1.5 * math.cos(angle), 1.5 * math.sin(angle)


def _spiral(rng, label, k):
    """Radius r uniform in [0.05, 1], angle 2π(1.25 r + label/K)."""
    r = 0.05 + 0.95 * rng.uniform()
    t = TWO_PI * (1.25 * r + label / k)
    return r * math.cos(t), r * math.sin(t)


def _moons(rng, label, k):
    """Upper unit half circle (class 0), lower one moved to (1, 0.5) (class 1)."""
    t = math.pi * rng.uniform()
    if label == 0:
        return math.cos(t), math.sin(t)
    return 1.0 - math.cos(t), 0.5 - math.sin(t)


def _plane(x1, x2):
    return (x1 + x2) / 2.0


def _bumps(x1, x2):
    """A positive Gaussian bump at (0.4, 0.4) and a negative one at (-0.4, -0.4)."""
    a1, a2, b1, b2 = x1 - 0.4, x2 - 0.4, x1 + 0.4, x2 + 0.4
    return math.exp(-(a1 * a1 + a2 * a2) / 0.15) - math.exp(-(b1 * b1 + b2 * b2) / 0.15)


SHAPES = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral,
          "moons": _moons, "plane": _plane, "bumps": _bumps}


def _make_points(dataset, n, noise, n_classes, rng):
    """Steps 1-3 above: ``n`` raw points (lists of pairs) and their targets."""
    if DATASETS[dataset] == "regression":
        points = [(2.0 * rng.uniform() - 1.0, 2.0 * rng.uniform() - 1.0) for _ in range(n)]
        targets = [SHAPES[dataset](x1, x2) for x1, x2 in points]
        if noise > 0:
            targets = [t + noise * rng.normal() for t in targets]
        return points, targets
    labels = [i % n_classes for i in range(n)]
    rng.shuffle(labels)
    points = [SHAPES[dataset](rng, label, n_classes) for label in labels]
    if noise > 0:
        points = [(x1 + noise * rng.normal(), x2 + noise * rng.normal()) for x1, x2 in points]
    return points, labels


def make_data(state):
    """Points and targets of a (validated) state, split into train and test.

    Returns
    -------
    dict with ``X_train, y_train, X_test, y_test`` (X (n, 2) in [-4.5, 4.5]², y int
    labels (n,) for classification, floats in about [-1, 1] for regression).
    """
    n = state["n_points"]
    rng = SFC32(state["seed"], "data")
    points, targets = _make_points(state["dataset"], n, state["noise"], state["n_classes"], rng)
    # step 4, summed point by point as engine.js does (not NumPy's pairwise sum)
    mean = [sum(p[c] for p in points) / n for c in (0, 1)]
    X = np.array([(x1 - mean[0], x2 - mean[1]) for x1, x2 in points])
    X *= 0.9 * SCALE / np.abs(X).max()
    y = np.array(targets, dtype=int if DATASETS[state["dataset"]] == "classification" else float)
    order = np.arange(n)
    rng.shuffle(order)
    n_train = math.floor(state["train_ratio"] * n + 0.5)
    tr, te = order[:n_train], order[n_train:]
    return {"X_train": X[tr], "y_train": y[tr], "X_test": X[te], "y_test": y[te]}


def feature_matrix(X, features):
    """Columns of the chosen input features for points ``X`` (n, 2) -> (n, len(features))."""
    return np.column_stack([FEATURES[f](X) for f in features])
