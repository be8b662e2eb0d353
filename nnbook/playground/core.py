"""The playground's model: its state and training session (data: :mod:`.datasets`).

Everything here is pure NumPy and independent of any display, so the live app,
the tests and the benchmarks share one engine; ``book/_static/playground/engine.js``
is the same engine in JavaScript, for the website.

A **state** is a plain dict (JSON-friendly) that fixes a run completely:
``Session(state)`` twice gives the same data, the same initial weights and the
same training trajectory, in Python and in the browser: every random draw comes
from the portable generator :class:`~.rng.SFC32` seeded by the state's ``seed``
(stream ``"data"`` for the points, ``"weights"`` for the initial weights,
``"training"`` for the batch order and the dropout masks). :data:`DEFAULTS` mirrors
the TensorFlow Playground's starting point (circle data, features x₁ and x₂, two
hidden layers of 4 and 2 tanh units, learning rate 0.03, batch size 10).
"""

from __future__ import annotations

import math
from copy import deepcopy

import numpy as np

from ..metrics import accuracy
from ..mlp import MLP, init_scale
from .datasets import DATASETS, FEATURES, feature_matrix, make_data
from .rng import SFC32

__all__ = ["DEFAULTS", "DATASETS", "FEATURES", "ACTIVATIONS", "REGULARIZATIONS",
           "DIVERGENCE_FACTOR", "LIMITS", "MAX_LAYERS", "MAX_UNITS", "validate_state",
           "make_data", "feature_matrix", "initial_weights", "Session"]

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
REGULARIZATIONS = ("none", "L1", "L2")
DEFAULTS = {
    "dataset": "circle", "n_classes": 2, "noise": 0.0, "train_ratio": 0.5, "n_points": 500,
    "seed": 0, "features": ["x1", "x2"], "hidden": [4, 2], "activation": "tanh",
    "regularization": "none", "reg_rate": 0.0, "learning_rate": 0.03, "batch_size": 10,
    "dropout": 0.0, "epoch_stop": None,
}
DIVERGENCE_FACTOR = 10.0   # a training loss this many times its starting value counts as diverged
# The bounds of a state, written once: validate_state checks them, the app's controls read them.
LIMITS = {
    "noise": (0.0, 0.5), "train_ratio": (0.1, 0.9), "reg_rate": (0.0, 10.0),
    "dropout": (0.0, 0.9), "learning_rate": (1e-5, 10.0),
    "n_classes": (2, 5), "n_points": (20, 5000), "batch_size": (1, 500), "seed": (0, 2**31),
}
MAX_LAYERS, MAX_UNITS = 6, 8      # hidden layers, units per hidden layer


def _fail(key, msg):
    raise ValueError(f"playground state {key!r}: {msg}")


def validate_state(state=None, **changes):
    """Return a complete, checked copy of a state (defaults filled in).

    Raises ``ValueError`` naming the key for an unknown key or a bad value.
    """
    s = deepcopy(DEFAULTS)
    for source in (state or {}), changes:
        for key, value in source.items():
            if key not in DEFAULTS:
                _fail(key, f"unknown setting; known ones are {', '.join(DEFAULTS)}")
            s[key] = deepcopy(value)
    if s["dataset"] not in DATASETS:
        _fail("dataset", f"choose one of {', '.join(DATASETS)}")
    if DATASETS[s["dataset"]] == "classification":
        lo, hi = LIMITS["n_classes"]
        if not isinstance(s["n_classes"], int) or not lo <= s["n_classes"] <= hi:
            _fail("n_classes", f"must be an integer from {lo} to {hi}")
        if s["n_classes"] > 2 and s["dataset"] not in ("gauss", "spiral"):
            _fail("n_classes", "more than 2 classes needs dataset 'gauss' or 'spiral'")
    for key in ("noise", "train_ratio", "reg_rate", "dropout", "learning_rate"):
        v, (lo, hi) = s[key], LIMITS[key]
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
            _fail(key, f"must be a number in [{lo}, {hi}], got {v!r}")
    for key in ("n_points", "batch_size", "seed"):
        v, (lo, hi) = s[key], LIMITS[key]
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            _fail(key, f"must be an integer in [{lo}, {hi}], got {v!r}")
    feats = s["features"]
    if not isinstance(feats, (list, tuple)) or not feats or any(f not in FEATURES for f in feats):
        _fail("features", f"must be a non-empty list from {', '.join(FEATURES)}")
    s["features"] = [f for f in FEATURES if f in feats]          # canonical order
    hidden = s["hidden"]
    if (not isinstance(hidden, (list, tuple)) or len(hidden) > MAX_LAYERS
            or any(isinstance(h, bool) or not isinstance(h, int) or not 1 <= h <= MAX_UNITS
                   for h in hidden)):
        _fail("hidden", f"must be a list of 0 to {MAX_LAYERS} layer sizes, each from 1 to "
                        f"{MAX_UNITS}")
    s["hidden"] = list(hidden)
    act = s["activation"]
    acts = [act] * len(hidden) if isinstance(act, str) else list(act)
    if len(acts) != len(hidden) or any(a not in ACTIVATIONS for a in acts):
        _fail("activation", f"must be one of {ACTIVATIONS} or one per hidden layer")
    if s["regularization"] not in REGULARIZATIONS:
        _fail("regularization", f"choose one of {REGULARIZATIONS}")
    if s["epoch_stop"] is not None and (not isinstance(s["epoch_stop"], int)
                                        or s["epoch_stop"] < 1):
        _fail("epoch_stop", "must be None or a positive integer")
    return s


def initial_weights(net):
    r"""The playground's initial weights for ``net``, drawn from stream ``"weights"``.

    Layer by layer, :math:`W^{(l)}` (n_out, n_in) in C order, each entry a standard
    normal times the MLP's scale :func:`nnbook.mlp.init_scale` of the layer's activation:
    :math:`\sqrt{2/n_\text{in}}` (He) for a ReLU layer,
    :math:`\sqrt{2/(n_\text{in}+n_\text{out})}` (Glorot) otherwise, the output layer
    included. Returns a list of arrays shaped like ``net.weights``.
    """
    rng = SFC32(net.random_state, "weights")
    acts = net.hidden_activations + [net.output]
    return [rng.standard_normal(W.shape) * init_scale(act, W.shape[1], W.shape[0])
            for W, act in zip(net.weights, acts)]


class Session:
    """One playground run: data, network, and the training loop, driven step by step.

    Parameters
    ----------
    state : dict
        See :data:`DEFAULTS`; missing keys take their defaults.

    Attributes
    ----------
    state : dict, the validated state
    net : MLP
    epoch : float, epochs done (fractional between epochs)
    history : dict of lists ``epoch``, ``train_loss``, ``test_loss``
    """

    def __init__(self, state=None, **changes):
        self.state = validate_state(state, **changes)
        self.problem = DATASETS[self.state["dataset"]]
        self.data = make_data(self.state)
        f = self.state["features"]
        self.F_train = feature_matrix(self.data["X_train"], f)
        self.F_test = feature_matrix(self.data["X_test"], f)
        self.reset()

    def reset(self):
        """New initial weights (from the state's seed) and an empty history."""
        s = self.state
        if self.problem == "classification":
            n_out, head = s["n_classes"], {"output": "softmax", "loss": "cross_entropy"}
        else:
            n_out, head = 1, {"output": "identity", "loss": "mse"}
        self.net = MLP([len(s["features"]), *s["hidden"], n_out], activation=s["activation"],
                       random_state=s["seed"], **head)
        self.net.restore((initial_weights(self.net), [np.zeros_like(b) for b in self.net.biases]))
        # batch order and dropout masks (MLP.step draws them with rng.random((n, units)))
        self.rng = SFC32(s["seed"], "training")
        self.epoch = 0.0
        self.steps = 0
        self._order = np.arange(len(self.F_train))
        self._pos = len(self._order)
        self.history = {"epoch": [], "train_loss": [], "test_loss": []}
        self.record()

    @property
    def steps_per_epoch(self):
        """Mini-batches in one pass over the training set."""
        return math.ceil(len(self.F_train) / self.state["batch_size"])

    @property
    def done(self):
        """True once ``epoch_stop`` epochs have been trained."""
        stop = self.state["epoch_stop"]
        return stop is not None and self.epoch >= stop - 1e-9

    def _penalties(self):
        s = self.state
        rate = s["reg_rate"]
        return {"l1": rate if s["regularization"] == "L1" else 0.0,
                "l2": rate if s["regularization"] == "L2" else 0.0}

    def step(self, n_steps=1):
        """Run up to ``n_steps`` mini-batch updates (stops at ``epoch_stop``)."""
        s = self.state
        bs = s["batch_size"]
        pen = self._penalties()
        for _ in range(n_steps):
            if self.done:
                break
            if self._pos >= len(self._order):
                self.rng.shuffle(self._order)
                self._pos = 0
            idx = self._order[self._pos:self._pos + bs]
            self._pos += bs
            self.net.step(self.F_train[idx], self.data["y_train"][idx],
                          lr=s["learning_rate"], dropout=s["dropout"], rng=self.rng, **pen)
            self.steps += 1
            self.epoch = self.steps / self.steps_per_epoch
        return self

    def run_epochs(self, n_epochs=1):
        """Train whole epochs and record the losses after each."""
        for _ in range(n_epochs):
            self.step(self.steps_per_epoch)
            self.record()
        return self

    def loss(self, which="train"):
        """Data loss on the training or the test set (no penalty)."""
        F = self.F_train if which == "train" else self.F_test
        y = self.data["y_train" if which == "train" else "y_test"]
        if len(F) == 0:
            return float("nan")
        return self.net.loss_and_gradients(F, y)[0]

    def accuracy(self, which="train"):
        """Fraction of the training or test points whose class the network predicts correctly.

        Classification only: for ``F`` (n, features) and labels ``y`` (n,), the mean of
        ``argmax_k p_k(F_i) == y_i`` over the n points (``nan`` for an empty set).
        """
        if self.problem != "classification":
            raise ValueError(f"accuracy needs a classification data set; {self.state['dataset']!r}"
                             " is a regression problem (use loss)")
        F = self.F_train if which == "train" else self.F_test
        y = self.data["y_train" if which == "train" else "y_test"]
        if len(F) == 0:
            return float("nan")
        return accuracy(y, self.net.predict(F))

    def divergence(self):
        """Why training has diverged, as a sentence, or ``None`` while it has not.

        Training has diverged when a weight or bias is not finite, when the training loss
        :math:`L` is not finite, or when :math:`L > 10\\,L_0` (:data:`DIVERGENCE_FACTOR`),
        where :math:`L_0` is the training loss of the initial weights (``history`` entry 0).
        A learning rate that is too large makes the loss jump far above where it started
        long before it overflows, so the second test catches a run that only swings.
        """
        if not all(np.isfinite(p).all() for p in self.net.weights + self.net.biases):
            return "a weight became infinite or NaN"
        loss, start = self.loss("train"), self.history["train_loss"][0]
        if not math.isfinite(loss):
            return f"the training loss became {loss}"
        if loss > DIVERGENCE_FACTOR * start:
            return (f"the training loss rose to {loss:.3g}, more than {DIVERGENCE_FACTOR:g} times "
                    f"its starting value {start:.3g}")
        return None

    def record(self):
        """Append the current epoch and losses to :attr:`history`."""
        self.history["epoch"].append(self.epoch)
        self.history["train_loss"].append(self.loss("train"))
        self.history["test_loss"].append(self.loss("test"))

    def output_on(self, X):
        """What the plane shows at points ``X`` (n, 2): P(class 1), the class, or the value."""
        out = self.net.forward(feature_matrix(X, self.state["features"]))
        if self.problem == "regression":
            return out[:, 0]
        if out.shape[1] == 2:
            return out[:, 1]
        return out.argmax(axis=1).astype(float)

    def hidden_on(self, X):
        """Activations of every hidden unit at points ``X``: list of (n, units) arrays."""
        self.net.forward(feature_matrix(X, self.state["features"]))
        return self.net.activations_[1:-1]
