"""Checkers for the exercises of chapter 3, the multi-layer perceptron, and the chapter's
experiments they grade.

Each checker takes the student's answer and returns a
:class:`nnbook.exercises.Feedback`; the expected value is computed here with
nnbook, so the notebook never prints it next to the question.

The experiments both the chapter (:mod:`nnbook.chapters.ch03_mlp`) and the checkers use
are defined here once: the XOR truth table and the hand-set 2-2-1 network
(:func:`hand_set_xor_mlp`), how many XOR rows a network or a hidden-space snapshot gets
right (:func:`xor_rows_right`, :func:`hidden_space_rows_right`), the trained XOR runs
(:func:`xor_history`), the chapter's
split of the MNIST sample (:func:`digit_split`), its digit network (:func:`digit_network`)
and the width sweep (:func:`width_sweep`). Every training run is seeded and cached.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import activations, data, losses
from .._checks import check_int, check_positive, check_real
from ..mlp import MLP, count_parameters
from . import Feedback, check_array, check_function, check_number

__all__ = ["XOR_X", "XOR_Y", "HAND_XOR", "XOR_C1", "XOR_C2", "hand_set_xor_mlp",
           "xor_rows_right", "hidden_space_rows_right", "XOR_EPOCHS", "xor_history",
           "WIDTHS", "digit_split", "digit_network", "width_sweep",
           "LAYER", "LOGITS", "layer_output", "cross_entropy_value", "n_parameters",
           "stable_softmax", "lecture_layout", "xor_thresholds", "smallest_width",
           "MARGIN", "margin_losses", "TWO_LOGITS", "two_class_probability",
           "forward_pass", "NOISE_LEVELS", "noise_level", "first_solved_epoch"]

# ------------------------------------------------------------------ XOR
#: the four inputs of the XOR truth table, one per row (n, 2) = (4, 2)
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
#: their XOR labels (4,)
XOR_Y = np.array([0, 1, 1, 0])
#: steepness k and the two thresholds of the hand-set 2-2-1 XOR network:
#: h1 = sigma(k (x1 + x2 - c1)) ("at least one"), h2 = sigma(k (x1 + x2 - c2)) ("both"),
#: y = sigma(k (h1 - h2 - 1/2)) ("h1 and not h2")
HAND_XOR = {"k": 20.0, "c1": 0.5, "c2": 1.5}
#: slider grids of the chapter's XOR panel: thresholds c1 of hidden unit 1 (the values
#: ex-ch3-xor asks about, with c2 = 1.5) and c2 of hidden unit 2
XOR_C1 = (-0.5, -0.25, 0.25, 0.5, 0.75, 1.25)
XOR_C2 = (0.25, 0.75, 1.25, 1.5, 1.75, 2.25)
#: epochs at which :func:`xor_history` keeps the hidden space of a trained XOR network
XOR_EPOCHS = (0, 20, 50, 100, 200, 500, 1000, 2000)


def hand_set_xor_mlp(c1=HAND_XOR["c1"], c2=HAND_XOR["c2"], k=HAND_XOR["k"]):
    r"""The hand-set 2-2-1 sigmoid network for XOR, as an :class:`nnbook.MLP`.

    Hidden unit 1 fires above the line :math:`x_1 + x_2 = c_1`, hidden unit 2 above
    :math:`x_1 + x_2 = c_2`; the output fires when unit 1 is on and unit 2 is off:

    .. math:: W^{(1)} = k\begin{bmatrix}1 & 1\\ 1 & 1\end{bmatrix},\;
              \mathbf{b}^{(1)} = -k\begin{bmatrix}c_1\\ c_2\end{bmatrix},\;
              W^{(2)} = k\begin{bmatrix}1 & -1\end{bmatrix},\; b^{(2)} = -k/2.

    Returns
    -------
    MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss="binary_cross_entropy")
        with ``weights`` of shapes (2, 2) and (1, 2) and ``biases`` (2,) and (1,).
    """
    c1, c2 = check_real(c1, "c1"), check_real(c2, "c2")
    k = check_positive(k, "k")
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss="binary_cross_entropy")
    return net.restore(([np.full((2, 2), k), [[k, -k]]], [[-k * c1, -k * c2], [-k / 2]]))


def xor_rows_right(net):
    """How many of the four XOR rows (0..4) ``net``, an MLP with 2 inputs and one sigmoid
    output such as ``MLP([2, 2, 1], output="sigmoid", loss="binary_cross_entropy")``,
    classifies right: rows i of :data:`XOR_X` with ``net.predict`` equal to ``XOR_Y[i]``."""
    if not isinstance(net, MLP) or net.sizes[0] != 2 or net.sizes[-1] != 1:
        raise ValueError("net must be an MLP with 2 inputs and 1 output, like MLP([2, 2, 1])")
    return int(np.sum(net.predict(XOR_X) == XOR_Y))


def hidden_space_rows_right(snapshot):
    r"""How many of the four XOR rows (0..4) the output unit gets right in hidden space.

    ``snapshot`` = (H, w2, b2) is one value of the ``snaps`` of :func:`xor_history`: hidden
    outputs H (4, 2) of the rows of :data:`XOR_X`, output weights w2 (2,) and bias b2. The
    unit says 1 when :math:`z = \mathbf w^{(2)} \cdot \mathbf h + b^{(2)} > 0`; row i is
    right when that verdict equals ``XOR_Y[i]``.
    """
    H, w2, b2 = snapshot
    return int(np.sum((H @ w2 + b2 > 0) == XOR_Y))


@functools.cache
def xor_history(random_state):
    """Train the chapter's 2-2-1 tanh XOR network from the seed ``random_state`` (2,000
    epochs, lr 0.5, the four rows as one batch) and keep its hidden space at the epochs of
    :data:`XOR_EPOCHS`.

    Parameters
    ----------
    random_state : int >= 0
        Seed of the initial weights (``MLP`` turns it into a generator with
        :func:`nnbook._checks.check_random_state`); an int, because the run is cached.

    Returns
    -------
    net : the trained MLP([2, 2, 1])
    snaps : dict epoch -> (H (4, 2) hidden outputs of the four rows, output weights (2,),
        output bias), the argument of :func:`hidden_space_rows_right`
    """
    random_state = check_int(random_state, "random_state", minimum=0)
    net = MLP([2, 2, 1], activation="tanh", output="sigmoid", loss="binary_cross_entropy",
              random_state=random_state)
    snaps = {}

    def keep(net, epoch):
        if epoch + 1 in XOR_EPOCHS:
            net.forward(XOR_X)
            snaps[epoch + 1] = (net.activations_[1].copy(), net.weights[1][0].copy(),
                                float(net.biases[1][0]))

    keep(net, -1)                                        # epoch 0: before training
    net.fit(XOR_X, XOR_Y, epochs=XOR_EPOCHS[-1], lr=0.5, batch_size=4, callback=keep)
    return net, snaps


# ------------------------------------------------------------------ digits
#: hidden widths of the chapter's width sweep
WIDTHS = (2, 4, 8, 16, 32, 64)


@functools.cache
def digit_split(n_per_class=50, random_state=0):
    """The chapter's three parts of the MNIST sample: fit, validation and test.

    ``data.load_mnist()`` gives 4,000 training and 1,000 test images; ``data.validation_split``
    holds ``n_per_class`` training images of each digit out for validation. Cached and
    read-only.

    Returns
    -------
    X_fit (n_fit, 784), y_fit (n_fit,), X_val (10 n_per_class, 784), y_val, X_test (1000, 784),
    y_test (1000,)
    """
    X_train, y_train, X_test, y_test = data.load_mnist()
    parts = (*data.validation_split(X_train, y_train, n_per_class=n_per_class,
                                    random_state=random_state), X_test, y_test)
    for a in parts:
        a.setflags(write=False)
    return parts


@functools.cache
def digit_network(hidden=100, epochs=12, lr=0.1, batch_size=32, random_state=0):
    """The chapter's digit network: ``MLP([784, hidden, 10])`` (ReLU, softmax) trained on the
    fit part of :func:`digit_split` with mini-batch SGD. Cached; do not modify it."""
    X_fit, y_fit, _, _, _, _ = digit_split()
    net = MLP([784, check_int(hidden, "hidden", minimum=1), 10], random_state=random_state)
    return net.fit(X_fit, y_fit, epochs=epochs, lr=lr, batch_size=batch_size)


@functools.cache
def width_sweep(widths=WIDTHS, epochs=8, lr=0.1, batch_size=50, random_state=0):
    """Train ``MLP([784, h, 10])`` (ReLU, softmax) on the MNIST sample for every width h.

    Every run fits the same images (the fit part of :func:`digit_split`), with the same seed
    and the same schedule, and is scored on the validation part; the test images are not
    touched. Cached: call it again for free.

    Parameters
    ----------
    widths : tuple of int >= 1
    epochs, batch_size : int >= 1; lr : float > 0; random_state : int

    Returns
    -------
    dict mapping h to a dict with ``train`` and ``val`` accuracy (floats),
    ``params`` (number of weights and biases) and ``W1`` (h, 784), read-only.
    """
    if not isinstance(widths, tuple) or not widths:
        raise TypeError("widths must be a non-empty tuple of ints (it is a cache key)")
    widths = tuple(check_int(h, "widths[i]", minimum=1) for h in widths)
    X_fit, y_fit, X_val, y_val, _, _ = digit_split()
    out = {}
    for h in widths:
        net = MLP([784, h, 10], random_state=random_state)
        net.fit(X_fit, y_fit, epochs=epochs, lr=lr, batch_size=batch_size)
        W1 = net.weights[0].copy()
        W1.setflags(write=False)
        out[h] = {"train": net.score(X_fit, y_fit), "val": net.score(X_val, y_val),
                  "params": net.n_parameters(), "W1": W1}
    return out


# ------------------------------------------------------------------ the checkers
#: the layer of ex-ch3-layer: sigma(W x + b)
LAYER = {"W": np.array([[2.0, 0.0, -1.0], [1.0, 1.0, 1.0]]), "b": np.array([0.0, -2.0]),
         "x": np.array([1.0, 2.0, 1.0])}
#: the logits and the true class of ex-ch3-softmax
LOGITS = {"z": np.array([2.0, 1.0, 0.0]), "label": 1}


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
    """Ex. ex-ch3-shapes: the number of weights and biases of ``MLP(list(sizes))``
    (:func:`nnbook.mlp.count_parameters`)."""
    expected = count_parameters(sizes)
    weights = expected - sum(sizes[1:])                    # one bias per non-input unit
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
    expected (3, 2) matrix is ``vstack([W1.T, b1])`` of :func:`hand_set_xor_mlp`.
    """
    net = hand_set_xor_mlp()
    expected = np.vstack([net.weights[0].T, net.biases[0]])
    return check_array(W1_rows, expected, name="W_layer1", rtol=1e-9,
                       hint="row j of the matrix holds the weights leaving input j; the last "
                            "row multiplies the constant input 1")


def xor_thresholds(answer):
    """Ex. ex-ch3-xor: the values of c1 in :data:`XOR_C1` for which the panel's network
    (:func:`hand_set_xor_mlp` with c2 = 1.5) gets all four XOR rows right, as a list in
    increasing order."""
    good = [c for c in XOR_C1 if xor_rows_right(hand_set_xor_mlp(c, 1.5)) == 4]
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
    sweep = width_sweep()
    expected = min(h for h in WIDTHS if sweep[h]["val"] >= target)
    return check_number(answer, expected, name="smallest width", rtol=0, atol=0.5,
                        hint=f"read the validation curve of the width panel at {target:.2f}")


#: the margin y z of ex-ch3-losses (label +1, score 0.5)
MARGIN = 0.5


def margin_losses(answer):
    """Ex. ex-ch3-losses: [squared, hinge, logistic] loss at the margin :data:`MARGIN`,
    as :data:`nnbook.losses.MARGIN_LOSSES` computes them."""
    m = MARGIN
    expected = np.array([losses.MARGIN_LOSSES[name](m)
                         for name in ("squared", "hinge", "logistic")], dtype=float)
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
    network (:func:`digit_network`) falls below 80% on the validation
    images with a fraction of their pixels flipped (``np.random.default_rng(0)``, one draw
    per level, in order)."""
    net = digit_network()
    _, _, X_val, y_val, _, _ = digit_split()
    rng = np.random.default_rng(0)
    expected = None
    for rho in NOISE_LEVELS:
        flip = rng.random(X_val.shape) < rho
        if net.score(np.where(flip, 1.0 - X_val, X_val), y_val) < threshold and expected is None:
            expected = rho
    return check_number(answer, expected, name="noise level", rtol=0, atol=1e-9,
                        hint="flip pixels with g -> 1 - g, score digit_net, and take the first "
                             "level whose accuracy is below 0.8")


def first_solved_epoch(random_state, answer):
    """Ex. ex-ch3-hidden: the first epoch in :data:`XOR_EPOCHS` at which the XOR run from
    the seed ``random_state`` (:func:`xor_history`) gets all four rows right, read from its
    hidden space and output line as the hidden-space panel draws them
    (:func:`hidden_space_rows_right`)."""
    _, snaps = xor_history(random_state)
    right = [e for e in XOR_EPOCHS if hidden_space_rows_right(snaps[e]) == 4]
    if not right:
        return Feedback(False, f"the run from seed {random_state} never gets all four rows "
                               "right")
    return check_number(answer, right[0], name=f"first epoch with 4 of 4 (seed {random_state})",
                        rtol=0, atol=0.5,
                        hint=f"step through the slider values {XOR_EPOCHS} and read "
                             "the count in the title")
