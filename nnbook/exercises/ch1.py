"""Checkers for the exercises of chapter 1, the history of the field and the perceptron.

Each function takes the student's answer and returns a
:class:`nnbook.exercises.Feedback`; the expected value is computed here with
nnbook, so the notebook never prints it next to the question.

The chapter's experiments that both its panels and these checkers use are defined here
too (the chapter code imports them): the data of the boundary and rule panels
(:data:`PANEL_DATA`) and the runs of the direction panel (:data:`DIRECTION_DATA`,
:data:`DIRECTION_RUN`, :func:`direction_data`, :func:`direction_paths`).
"""

from __future__ import annotations

import functools
import itertools

import numpy as np

from ..data import gaussians, linearly_separable
from ..linear_classifiers import MODELS, direction_angle, sgd_path
from ..perceptron import (
    count_mistakes,
    mcculloch_pitts,
    novikoff_bound,
    rule_trace,
    threshold_network,
)
from . import Feedback, check_array, check_choice, check_number

__all__ = ["GATES", "TRUTH", "gate", "UPDATE", "rule_step", "BOUND", "novikoff",
           "threshold_functions", "count_threshold_functions", "xnor_network", "SVM_STEP",
           "svm_step", "panel_mistakes", "eta_effect", "BRAIN", "serial_steps", "LOGISTIC",
           "logistic_margin", "turning_model", "PANEL_DATA", "DIRECTION_DATA", "DIRECTION_RUN",
           "direction_data", "direction_paths"]

#: the data set of the boundary and rule panels: 30 seeded points, separable with margin 0.1
PANEL_DATA = linearly_separable(n=30, margin=0.1, random_state=5)
#: the two data sets of the direction panel: the overlapping clouds of the chapter's
#: comparison, and the same clouds drawn tighter, which a line separates
DIRECTION_DATA = {"overlapping": {"n": 200, "noise": 0.9, "random_state": 1},
                  "separable": {"n": 200, "noise": 0.4, "random_state": 1}}
#: the training run behind the direction panel (one run, all three models)
DIRECTION_RUN = {"eta": 0.1, "epochs": 300, "lam": 0.01, "random_state": 0}


def direction_data(dataset):
    """The points (X (200, 2), y (200,)) of one of :data:`DIRECTION_DATA`."""
    if dataset not in DIRECTION_DATA:
        raise ValueError(f"dataset must be one of {list(DIRECTION_DATA)}, got {dataset!r}")
    return gaussians(**DIRECTION_DATA[dataset])


@functools.lru_cache(maxsize=4)
def direction_paths(dataset):
    r"""The three models' weights after every epoch of :data:`DIRECTION_RUN` on ``dataset``.

    Returns
    -------
    dict model -> (W (epochs + 1, 2), B (epochs + 1,)), as
    :func:`nnbook.linear_classifiers.sgd_path` returns them (read-only; cached).
    """
    X, y = direction_data(dataset)
    out = {}
    for m in MODELS:
        W, B = sgd_path(X, y, m, **DIRECTION_RUN)
        W.setflags(write=False)
        B.setflags(write=False)
        out[m] = (W, B)
    return out

#: the four input rows of a two-input truth table, in the book's order
TRUTH = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
#: the gates of ex-ch1-gates and their truth tables (outputs for the rows of TRUTH)
GATES = {"NAND": [1, 1, 1, 0], "NOR": [1, 0, 0, 0], "x1 AND NOT x2": [0, 0, 1, 0]}


def gate(name, weights, threshold):
    """Ex. ex-ch1-gates: a McCulloch–Pitts unit (weights (2,), threshold) that computes ``name``."""
    if name not in GATES:
        return Feedback(False, f"name must be one of {list(GATES)}, got {name!r}")
    try:
        out = mcculloch_pitts(TRUTH, weights, threshold)
    except (TypeError, ValueError) as err:
        return Feedback(False, f"the unit could not be evaluated: {err}")
    want = np.array(GATES[name])
    wrong = np.flatnonzero(out != want)
    if wrong.size == 0:
        return Feedback(True, f"the unit computes {name} on all four inputs")
    i = wrong[0]
    return Feedback(False, f"on input {tuple(int(v) for v in TRUTH[i])} the unit outputs "
                           f"{out[i]} but {name} is {want[i]}. Hint: the unit fires when "
                           "w1*x1 + w2*x2 >= T; write the four inequalities and pick T last")


#: the unit and the example of ex-ch1-update
UPDATE = {"w": np.array([1.0, -2.0]), "b": 0.5, "x": np.array([1.0, 1.0]), "y": 1, "eta": 0.5}


def rule_step(w_new, b_new):
    """Ex. ex-ch1-update: the weights (2,) and bias after one Rosenblatt update on UPDATE."""
    u = UPDATE
    y_hat = int(u["w"] @ u["x"] + u["b"] >= 0)
    delta = u["y"] - y_hat
    fb = check_array(w_new, u["w"] + u["eta"] * delta * u["x"], name="the new w", rtol=1e-9,
                     hint="first decide whether the unit is right: z = w.x + b, y_hat = 1 if "
                          "z >= 0; then w + eta (y - y_hat) x")
    if not fb:
        return fb
    fb = check_number(b_new, u["b"] + u["eta"] * delta, name="the new b", rtol=1e-9,
                      hint="the bias moves like a weight whose input is always 1")
    if not fb:
        return fb
    return Feedback(True, "both the weights and the bias are right")


#: the data and the separating line of ex-ch1-bound (labels 0/1)
BOUND = {"X": np.array([[2.0, 1.0], [1.0, 3.0], [-1.0, -2.0], [-2.0, 0.0]]),
         "y": np.array([1, 1, 0, 0]), "w_star": np.array([1.0, 1.0]), "b_star": 0.0}


def novikoff(answer):
    """Ex. ex-ch1-bound: the Novikoff bound (R / gamma)^2 for BOUND, with the bias folded in."""
    _, gamma, bound = novikoff_bound(BOUND["X"], BOUND["y"], BOUND["w_star"],
                                     BOUND["b_star"])
    fb = check_number(answer, bound, name="(R/gamma)^2", rtol=1e-3,
                      hint="append a 1 to every x; R is the longest such vector; gamma is the "
                           "smallest y_i u.x_i (labels y in {-1, +1}) with u = (w*, b*) scaled to "
                           "length 1")
    a = np.asarray(answer, dtype=float).ravel()
    if not fb and a.size == 1 and np.isclose(a[0], np.sqrt(bound), rtol=1e-3):
        return Feedback(False, "that is R/gamma; the bound is its square")
    if not fb and a.size == 1 and a[0] == np.floor(bound) and a[0] != bound:
        return Feedback(False, "that is the largest whole number of mistakes the bound allows; "
                               "give the bound (R/gamma)^2 itself, without rounding")
    return fb


def threshold_functions(max_weight=2):
    """The Boolean functions of two inputs that one McCulloch–Pitts unit computes.

    Searches integer weights in [-max_weight, max_weight] and half-integer thresholds; for two
    inputs ``max_weight=2`` already finds every one of them.

    Returns
    -------
    set of tuple of 4 ints, the truth tables (outputs on the rows of TRUTH)
    """
    found = set()
    weights = range(-max_weight, max_weight + 1)
    thresholds = np.arange(-2 * max_weight - 0.5, 2 * max_weight + 1.0, 0.5)
    for w1, w2 in itertools.product(weights, weights):
        for T in thresholds:
            found.add(tuple(int(v) for v in mcculloch_pitts(TRUTH, [w1, w2], float(T))))
    return found


def count_threshold_functions(answer):
    """Ex. ex-ch1-count: how many of the 16 Boolean functions of two inputs one unit computes."""
    n = len(threshold_functions())
    fb = check_number(answer, n, name="the count", rtol=0, atol=0.5,
                      hint="there are 2^4 = 16 truth tables; find the ones no line can split")
    return fb


def xnor_network(hidden, output):
    """Ex. ex-ch1-xnor: a two-layer McCulloch–Pitts network that computes XNOR.

    ``hidden`` = {"weights": (m, 2), "thresholds": (m,)}, ``output`` = {"weights": (m,),
    "threshold": float}, as in :func:`nnbook.perceptron.threshold_network`.
    """
    try:
        _, out = threshold_network(TRUTH, hidden, output)
    except (TypeError, ValueError, KeyError) as err:
        return Feedback(False, f"the network could not be evaluated: {err!s}")
    want = np.array([1, 0, 0, 1])
    wrong = np.flatnonzero(out != want)
    if wrong.size == 0:
        return Feedback(True, "the network computes XNOR on all four inputs")
    i = wrong[0]
    return Feedback(False, f"on input {tuple(int(v) for v in TRUTH[i])} the network outputs "
                           f"{out[i]} but XNOR is {want[i]}. Hint: XNOR is NOT XOR; which "
                           "single change to the XOR network negates its output?")


#: the linear SVM and the two points of ex-ch1-svm (labels y in {-1, +1})
SVM_STEP = {"w": np.array([2.0, 0.0]), "b": 0.0, "eta": 0.1, "lam": 0.5,
            "points": [(np.array([1.0, 1.0]), 1), (np.array([0.25, 0.0]), 1)]}


def _svm_update(which):
    u = SVM_STEP
    x, y = u["points"][which]
    w, b = u["w"], u["b"]
    if y * (w @ x + b) < 1:
        return w - u["eta"] * (u["lam"] * w - y * x), b + u["eta"] * y
    return w - u["eta"] * u["lam"] * w, b


def svm_step(which, w_new, b_new):
    """Ex. ex-ch1-svm: one SGD step of the linear SVM of SVM_STEP on point ``which`` (0 or 1)."""
    if which not in (0, 1):
        return Feedback(False, f"which must be 0 or 1 (the two points), got {which!r}")
    w_want, b_want = _svm_update(which)
    fb = check_array(w_new, w_want, name=f"w after point {which}", rtol=1e-9,
                     hint="compute the margin y*(w.x + b) first: below 1 the hinge is active, "
                          "otherwise only the L2 term shrinks w")
    if not fb:
        return fb
    fb = check_number(b_new, b_want, name=f"b after point {which}", rtol=1e-9, atol=1e-12,
                      hint="the bias is not penalised, so it moves only when the hinge is active")
    if not fb:
        return fb
    return Feedback(True, f"the step on point {which} is right")


def panel_mistakes(answer, w1, w2, b):
    """Ex. ex-ch1-panel: the number of misclassified panel points for the unit (w1, w2, b)."""
    expected = count_mistakes(*PANEL_DATA, [w1, w2], b)
    return check_number(answer, expected, name=f"mistakes at w = ({w1:g}, {w2:g}), b = {b:g}",
                        rtol=0, atol=0.5,
                        hint="set the sliders of the boundary panel and read the title")


def _normalise(answer):
    """A text answer in lower case with single spaces (other answers unchanged)."""
    return " ".join(answer.lower().split()) if isinstance(answer, str) else answer


def eta_effect(answer):
    """Ex. ex-ch1-panel: what a smaller eta does to the line, starting from w = 0, b = 0.

    One of ``"same line"``, ``"steeper line"``, ``"line moves less"``.
    """
    options = ("same line", "steeper line", "line moves less")
    answer = _normalise(answer)
    if answer not in options:
        return Feedback(False, f"choose one of {list(options)}")
    X, y = PANEL_DATA
    a, b = rule_trace(X, y, eta=1.0), rule_trace(X, y, eta=0.1)
    same = np.allclose(b["w"], 0.1 * a["w"]) and np.array_equal(a["index"], b["index"])
    expected = "same line" if same else "line moves less"
    return check_choice(answer, expected, name="your prediction",
                        explain="from w = 0 every update adds eta times (±x, ±1), so all the "
                                "weights and the bias scale by eta and w.x + b = 0 is unchanged")


#: the slower neuron of ex-ch1-brain (seconds)
BRAIN = {"switch_s": 5e-3, "recognition_s": 0.15}


def serial_steps(answer):
    """Ex. ex-ch1-brain: how many neurons can fire one after another within one recognition."""
    expected = BRAIN["recognition_s"] / BRAIN["switch_s"]
    fb = check_number(answer, expected, name="the number of serial steps", rtol=1e-6, atol=1e-9,
                      hint="divide the recognition time by the time one neuron needs, both in "
                           "seconds")
    a = np.asarray(answer, dtype=float).ravel()
    if not fb and a.size == 1 and np.isclose(a[0], 1 / expected, rtol=1e-6):
        return Feedback(False, "that is the ratio the wrong way round: steps = recognition "
                               "time / switching time")
    return fb


#: the example of ex-ch1-logistic: a label y in {-1, +1} and a score z
LOGISTIC = {"y": -1, "z": 2.0}


def logistic_margin(loss, g):
    r"""Ex. ex-ch1-logistic: the logistic loss :math:`\log(1 + e^{-yz})` of LOGISTIC and the
    weight :math:`g = \sigma(-yz)` its example gets in the update."""
    m = LOGISTIC["y"] * LOGISTIC["z"]
    fb = check_number(loss, float(np.logaddexp(0.0, -m)), name="the loss", rtol=5e-3,
                      hint="first the margin m = y z, then log(1 + exp(-m))")
    if not fb:
        return fb
    fb = check_number(g, float(1.0 / (1.0 + np.exp(m))), name="g", rtol=5e-3,
                      hint="g = -dl/dm = sigma(-m) = 1 / (1 + exp(m))")
    if not fb:
        return fb
    return Feedback(True, "the loss and the weight of the example are right; the example is "
                          "on the wrong side (m < 0), so g is above 1/2")


def turning_model(dataset, answer):
    """Ex. ex-ch1-direction: which model's direction still turns the most between epoch 100 and
    the last epoch of the direction panel on ``dataset`` ("overlapping" or "separable")."""
    if dataset not in DIRECTION_DATA:
        return Feedback(False, f"dataset must be one of {list(DIRECTION_DATA)}")
    answer = _normalise(answer)
    if answer not in MODELS:
        return Feedback(False, f"choose one of {list(MODELS)}")
    paths = direction_paths(dataset)
    turn = {}
    for m, (W, _) in paths.items():
        ang = direction_angle(W[100:])
        turn[m] = float(ang.max() - ang.min())
    expected = max(turn, key=turn.get)
    explain = ", ".join(f"{m} {t:.1f} degrees" for m, t in turn.items())
    return check_choice(answer, expected, name=f"the model that turns most on {dataset}",
                        explain=explain)
