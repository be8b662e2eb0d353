"""Checkers for the exercises of chapter 3, the multi-layer perceptron.

Each function takes the student's answer and returns a
:class:`nnbook.exercises.Feedback`; the expected value is computed here with
nnbook, so the notebook never prints it next to the question.
"""

from __future__ import annotations

import numpy as np

from .. import activations, losses
from ..mlp import MLP
from ..panels import mlp as panels
from . import Feedback, check_array, check_function, check_number

__all__ = ["LAYER", "LOGITS", "layer_output", "cross_entropy_value", "n_parameters",
           "stable_softmax", "lecture_layout", "xor_thresholds", "smallest_width",
           "XOR_GRID", "MARGIN", "margin_losses", "TWO_LOGITS", "two_class_probability",
           "forward_pass", "NOISE_LEVELS", "noise_level", "first_solved_epoch"]

#: the layer of ex-ch3-layer: sigma(W x + b)
LAYER = {"W": np.array([[2.0, 0.0, -1.0], [1.0, 1.0, 1.0]]), "b": np.array([0.0, -2.0]),
         "x": np.array([1.0, 2.0, 1.0])}
#: the logits and the true class of ex-ch3-softmax
LOGITS = {"z": np.array([2.0, 1.0, 0.0]), "label": 1}
#: the c1 values offered by the XOR panel (with c2 = 1.5) in ex-ch3-xor
XOR_GRID = panels.XOR_C1


def layer_output(answer):
    """Ex. ex-ch3-layer: the output vector sigma(W x + b), shape (2,), of the exercise's layer."""
    z = LAYER["W"] @ LAYER["x"] + LAYER["b"]
    fb = check_array(answer, activations.sigmoid(z), name="sigma(Wx + b)", rtol=2e-3,
                     hint="compute z = W x + b row by row first, then apply 1/(1 + e^-z)")
    if not fb and np.shape(answer) == z.shape and np.allclose(answer, z, rtol=2e-3):
        return Feedback(False, "that is z = Wx + b; apply the sigmoid to each entry")
    return fb


def cross_entropy_value(answer):
    """Ex. ex-ch3-softmax: the cross-entropy -log p_k of the exercise's logits (natural log)."""
    z, k = LOGITS["z"], LOGITS["label"]
    expected = losses.cross_entropy(z[None, :], np.array([k]))
    fb = check_number(answer, expected, name="cross-entropy", rtol=2e-3,
                      hint="softmax the logits, then take minus the natural log of p for "
                           "the true class")
    p = losses.softmax(z)
    if not fb and np.isclose(float(np.asarray(answer, dtype=float).ravel()[0]), p[k],
                             rtol=2e-3):
        return Feedback(False, "that is the probability p_k itself; the loss is -log p_k")
    return fb


def n_parameters(answer, sizes=(784, 100, 10)):
    """Ex. ex-ch3-shapes: the number of weights and biases of ``MLP(list(sizes))``."""
    weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:]))
    expected = weights + sum(sizes[1:])
    fb = check_number(answer, expected, name="number of parameters", rtol=0, atol=0.5,
                      hint="each layer has n_out x n_in weights plus n_out biases")
    if not fb and np.isclose(float(np.asarray(answer, dtype=float).ravel()[0]), weights):
        return Feedback(False, f"{answer} counts the weights only; add one bias per "
                               "hidden and output unit")
    return fb


def _reference_softmax(z):
    return losses.softmax(np.asarray(z, dtype=float))


def stable_softmax(fn):
    """Ex. ex-ch3-stable: a softmax over a 1-D array that survives logits of 1000 and -1000."""
    inputs = [np.array([1.0, 2.0, 3.0]), np.array([1000.0, 999.0, 998.0]),
              np.array([-1000.0, -1001.0, -1002.0]), np.array([0.0, 800.0])]
    return check_function(fn, _reference_softmax, inputs, name="softmax", rtol=1e-9,
                          hint="subtract max(z) before np.exp; it cancels in the ratio")


def lecture_layout(W1_rows):
    """Ex. ex-ch3-rows: the hand-set XOR network's first layer in the lectures' row layout.

    With the input written as the row ``[x1, x2, 1]`` (the constant 1 carries the bias), the
    expected (3, 2) matrix is ``vstack([W1.T, b1])`` of :func:`nnbook.panels.mlp.xor_network`.
    """
    net = panels.xor_network()
    expected = np.vstack([net.weights[0].T, net.biases[0]])
    return check_array(W1_rows, expected, name="W_layer1", rtol=1e-9,
                       hint="row j of the matrix holds the weights leaving input j; the last "
                            "row multiplies the constant input 1")


def xor_thresholds(answer):
    """Ex. ex-ch3-xor: the values of c1 in :data:`XOR_GRID` for which the panel's network
    (with c2 = 1.5) gets all four XOR rows right, as a list in increasing order."""
    good = [c for c in XOR_GRID
            if np.array_equal(panels.xor_network(c, 1.5).predict(panels.XOR_X), panels.XOR_Y)]
    try:
        got = sorted(float(c) for c in answer)
    except TypeError:
        return Feedback(False, "give a list of c1 values, e.g. [0.25, 0.5]")
    if np.allclose(got, good) if len(got) == len(good) else False:
        return Feedback(True, f"c1 in {good}: the first line must separate (0, 0) from the "
                              "two single-ink corners")
    missing = sorted(set(good) - set(got))
    extra = sorted(set(got) - set(good))
    parts = []
    if missing:
        parts.append(f"{missing} also work")
    if extra:
        parts.append(f"{extra} do not (count the rows in the panel's title)")
    return Feedback(False, "; ".join(parts))


def smallest_width(answer, target=0.85):
    """Ex. ex-ch3-width: the smallest width in the sweep whose validation accuracy reaches 85%."""
    sweep = panels.width_sweep()
    expected = min(h for h in panels.WIDTHS if sweep[h]["val"] >= target)
    return check_number(answer, expected, name="smallest width", rtol=0, atol=0.5,
                        hint=f"read the validation curve of the width panel at {target:.2f}")


#: the margin y z of ex-ch3-losses (label +1, score 0.5)
MARGIN = 0.5


def margin_losses(answer):
    """Ex. ex-ch3-losses: [squared, hinge, logistic] loss at the margin :data:`MARGIN`."""
    m = MARGIN
    expected = np.array([(1 - m) ** 2, max(0.0, 1 - m), np.log1p(np.exp(-m))])
    try:
        got = np.asarray(answer, dtype=float).ravel()
    except (TypeError, ValueError):
        return Feedback(False, "give three numbers: [squared, hinge, logistic]")
    if got.shape == (3,) and np.allclose(got[[0, 1]], expected[[0, 1]], rtol=2e-3) \
            and np.isclose(got[2], np.log10(1 + np.exp(-m)), rtol=2e-3):
        return Feedback(False, "the logistic loss uses the natural logarithm, not log10")
    return check_array(got, expected, name="[squared, hinge, logistic]", rtol=2e-3,
                       hint="all three depend only on the margin m = y z = 0.5: (1 - m)^2, "
                            "max(0, 1 - m), log(1 + e^-m)")


#: the two logits (z0, z1) of ex-ch3-two-class
TWO_LOGITS = np.array([1.0, 2.5])


def two_class_probability(answer):
    """Ex. ex-ch3-two-class: the softmax probability of class 1 for :data:`TWO_LOGITS`."""
    z0, z1 = TWO_LOGITS
    expected = float(activations.sigmoid(z1 - z0))
    fb = check_number(answer, expected, name="y_hat_1", rtol=2e-3,
                      hint="divide numerator and denominator by e^{z_1}")
    if not fb and np.isclose(float(np.asarray(answer, dtype=float).ravel()[0]), 1 - expected,
                             rtol=2e-3):
        return Feedback(False, "that is y_hat_0; the question asks for class 1")
    return fb


def forward_pass(fn):
    """Ex. ex-ch3-forward: ``fn(net, X)`` must equal ``net.forward(X)`` for ReLU/softmax MLPs."""
    rng = np.random.default_rng(31)
    for sizes in ([4, 3], [5, 7, 3], [784, 16, 8, 10]):
        net = MLP(sizes, activation="relu", output="softmax", random_state=int(rng.integers(99)))
        X = rng.normal(size=(6, sizes[0]))
        try:
            got = np.asarray(fn(net, X), dtype=float)
        except Exception as exc:        # noqa: BLE001 - the student's code may raise anything
            return Feedback(False, f"your function raised {type(exc).__name__}: {exc} "
                                   f"for an MLP({sizes})")
        expected = net.forward(X)
        if got.shape != expected.shape:
            return Feedback(False, f"for an MLP({sizes}) and X of shape {X.shape} the output "
                                   f"must have shape {expected.shape}, got {got.shape}")
        if not np.allclose(got, expected, rtol=1e-9, atol=1e-12):
            if np.allclose(got.sum(axis=1), 1) is False:
                return Feedback(False, "the rows do not sum to 1: apply the softmax at the top")
            return Feedback(False, f"the outputs differ from MLP.forward for an MLP({sizes}); "
                                   "use a @ W.T + b, ReLU on hidden layers only")
    return Feedback(True, "your forward pass matches MLP.forward on three networks")


#: the noise levels of ex-ch3-noise
NOISE_LEVELS = (0.0, 0.02, 0.05, 0.1, 0.2)


def noise_level(answer, threshold=0.8):
    """Ex. ex-ch3-noise: the first level in :data:`NOISE_LEVELS` at which the chapter's digit
    network (:func:`nnbook.panels.mlp.digit_network`) falls below 80% on the validation
    images with a fraction of their pixels flipped (``np.random.default_rng(0)``, one draw
    per level, in order)."""
    net = panels.digit_network()
    _, _, X_val, y_val, _, _ = panels.digit_split()
    rng = np.random.default_rng(0)
    expected = None
    for rho in NOISE_LEVELS:
        flip = rng.random(X_val.shape) < rho
        if net.score(np.where(flip, 1.0 - X_val, X_val), y_val) < threshold and expected is None:
            expected = rho
    return check_number(answer, expected, name="noise level", rtol=0, atol=1e-9,
                        hint="flip pixels with g -> 1 - g, score digit_net, and take the first "
                             "level whose accuracy is below 0.8")


def first_solved_epoch(seed, answer):
    """Ex. ex-ch3-hidden: the first epoch in :data:`nnbook.panels.mlp.XOR_EPOCHS` at which the
    XOR run from ``seed`` (:func:`nnbook.panels.mlp.xor_history`) gets all four rows right,
    read from its hidden space and output line as the hidden-space panel draws them."""
    _, snaps = panels.xor_history(seed)
    right = [e for e in panels.XOR_EPOCHS
             if np.sum((snaps[e][0] @ snaps[e][1] + snaps[e][2] > 0) == panels.XOR_Y) == 4]
    if not right:
        return Feedback(False, f"the run from seed {seed} never gets all four rows right")
    return check_number(answer, right[0], name=f"first epoch with 4 of 4 (seed {seed})",
                        rtol=0, atol=0.5,
                        hint=f"step through the slider values {panels.XOR_EPOCHS} and read "
                             "the count in the title")
