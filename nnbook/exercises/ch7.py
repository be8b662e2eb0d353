r"""Checkers for the exercises of chapter 7, regularization, and the chapter's experiment.

Each checker takes the student's answer and returns a
:class:`nnbook.exercises.Feedback`; the expected value is computed here with
nnbook, so the notebook never prints it next to the question.

Several checkers need the chapter's networks, so the experiment is defined here
(and :mod:`nnbook.chapters.ch07_regularization` imports it): one noisy problem
(:func:`problem`: two moons with noise 0.4, 100 training, 100 validation and 500 test
points) and one over-sized network (:data:`SIZES`, 1,218 parameters) trained with one
regulariser at a time by :func:`trained`. Training is cached, so every figure, table,
slider frame and checker that needs a network reuses the same run.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import data
from .._checks import check_int, check_positive
from ..mlp import MLP
from ..regularization import dropout, l1_grad, l2_grad, penalised_minimiser
from . import Feedback, check_array, check_choice, check_function, check_number

__all__ = ["SIZES", "FIT", "LAMBDAS", "DROPS", "PATIENCE", "METHODS", "problem", "trained",
           "penalty_steps", "toy_answers", "toy_minimiser_function", "dropout_expectation",
           "sub_networks", "l1_collapse", "smallest_gap", "early_best_epoch", "momentum_decay"]

#: the over-sized network: two hidden layers of 32 ReLU units, softmax output
SIZES = (2, 32, 32, 2)
#: how every network of the chapter is trained (mini-batch SGD with momentum)
FIT = {"epochs": 500, "lr": 0.05, "batch_size": 25, "momentum": 0.9}
#: penalty strengths of the L2/L1 panel
LAMBDAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
#: drop probabilities of the dropout panel
DROPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
#: patience (epochs without a better validation loss) of early stopping
PATIENCE = 50
#: the regularisers :func:`trained` knows
METHODS = ("none", "l2", "l1", "dropout", "early")


def _epochs(n_train):
    """Epochs that give a training set of ``n_train`` points as many mini-batch steps as
    :data:`FIT` gives 100 points (2,000 steps of 25 points); ``n_train`` is an int."""
    if n_train < 100 or (FIT["epochs"] * 100) % n_train:
        raise ValueError(f"n_train must be >= 100 and divide {FIT['epochs'] * 100}, got {n_train}")
    return FIT["epochs"] * 100 // n_train


@functools.cache
def problem(draw=0, n_train=100):
    """The chapter's data: noisy moons split n_train / 100 / 500 (train / validation / test).

    Parameters
    ----------
    draw : int >= 0
        Which sample of the data (the seed of the points and of the split); draw 0 with
        100 training points is the chapter's problem.
    n_train : int >= 10
        Number of training points (100 for the chapter's problem; more for the
        "more data" runs).

    Returns
    -------
    dict with keys ``"train"``, ``"val"``, ``"test"``, each a pair ``(X, y)``
    (read-only arrays; X of shape (n, 2), y of shape (n,)).
    """
    draw, n_train = check_int(draw, "draw", minimum=0), check_int(n_train, "n_train", minimum=10)
    X, y = data.moons(n=n_train + 600, noise=0.4, random_state=draw)
    X_tr, y_tr, X_rest, y_rest = data.holdout_split(X, y, test_size=600 / (n_train + 600),
                                                       random_state=draw)
    X_va, y_va, X_te, y_te = data.holdout_split(X_rest, y_rest, test_size=5 / 6,
                                                   random_state=draw)
    out = {"train": (X_tr, y_tr), "val": (X_va, y_va), "test": (X_te, y_te)}
    for arrays in out.values():
        for a in arrays:
            a.flags.writeable = False
    return out


def trained(method="none", strength=0.0, random_state=0, draw=0, n_train=100):
    """The network of :data:`SIZES` trained on :func:`problem` with one regulariser (cached).

    Parameters
    ----------
    method : {"none", "l2", "l1", "dropout", "early"}
    strength : float >= 0
        :math:`\\lambda` for "l2"/"l1", the drop probability p for "dropout",
        the patience in epochs for "early" (0 means :data:`PATIENCE`).
    random_state : int >= 0
        The network's ``random_state`` (initial weights, shuffling, masks; the MLP turns it
        into a generator with :func:`nnbook._checks.check_random_state`). An integer, not a
        generator: the network is cached under it.
    draw, n_train : int
        The data (:func:`problem`); with more training points the network trains for
        fewer epochs, so that every run takes the same 2,000 mini-batch steps.

    Returns
    -------
    MLP
        Shared between callers: do not modify it. It was fitted with
        ``validation=`` the validation split, so ``history_`` holds the validation loss of
        every epoch; an "early" network holds its rule in ``early_stopping_``.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    strength = check_positive(strength, "strength", allow_zero=True)
    random_state = check_int(random_state, "random_state", minimum=0)
    draw, n_train = check_int(draw, "draw", minimum=0), check_int(n_train, "n_train")
    if method in ("l2", "l1", "dropout") and strength == 0:
        method = "none"
    if method == "none":
        strength = 0.0
    if method == "early" and strength == 0:
        strength = float(PATIENCE)
    if method == "early" and strength != round(strength):
        raise ValueError(f"strength is the patience of 'early', a whole number of epochs, "
                         f"got {strength}")
    epochs = _epochs(n_train)
    if method == "early" and n_train != 100:
        raise ValueError("early stopping is run on the 100-point training sets only")
    return _train(method, strength, random_state, draw, n_train, epochs)


@functools.cache
def _train(method, strength, random_state, draw, n_train, epochs):
    """The fit behind :func:`trained`, for checked arguments (cached)."""
    d = problem(draw, n_train)
    net = MLP(list(SIZES), activation="relu", random_state=random_state)
    kw = {"early_stopping": int(strength)} if method == "early" else {}
    if method in ("l2", "l1", "dropout"):
        kw[method] = strength
    return net.fit(*d["train"], validation=d["val"], **{**FIT, "epochs": epochs}, **kw)


def penalty_steps(answer, theta=2.0, lr=0.1, lam=0.5, grad=1.0):
    """Ex. ex-ch6-steps: ``[after the L2 step, after the L1 step]`` from the same theta."""
    l2 = theta - lr * (grad + float(l2_grad(theta, lam)))
    l1 = theta - lr * (grad + float(l1_grad(theta, lam)))
    fb = check_array(answer, [l2, l1], name="[L2 step, L1 step]", rtol=1e-6,
                     hint="the L2 step is (1 - eta*lambda)*theta - eta*g; the L1 step "
                          "subtracts eta*lambda*sgn(theta) instead of eta*lambda*theta")
    arr = np.asarray(answer, dtype=float) if np.size(answer) == 2 else None
    if not fb and arr is not None and np.allclose(arr, [l1, l2]):
        return Feedback(False, "the two numbers are swapped: give the L2 result first")
    return fb


def toy_answers(answer):
    """Ex. ex-ch6-toy: ``[minimiser at lambda=3, smallest lambda giving 0, minimiser of
    (theta + 1)^2 + |theta|]``."""
    third = -float(penalised_minimiser(1.0, "l1", c=1.0))           # the problem is symmetric
    expected = [float(penalised_minimiser(3.0)), 4.0, third]
    return check_array(answer, expected, name="[theta*(3), lambda_0, theta* for c=-1]",
                       rtol=1e-6, atol=1e-9,
                       hint="for theta > 0 the derivative 2(theta - c) + lambda vanishes at "
                            "theta = c - lambda/2; the answer is 0 when that is not positive")


def toy_minimiser_function(fn):
    """Ex. ex-ch6-code: ``fn(lam)`` must return the minimiser of (theta-2)^2 + lam*|theta|."""
    inputs = [0.0, 0.5, 1.0, 3.0, 3.99, 4.0, 4.5, 10.0]
    return check_function(fn, penalised_minimiser, inputs, name="minimiser",
                          rtol=1e-6, hint="theta* = max(2 - lam/2, 0): soft thresholding "
                                          "never goes past zero")


def dropout_expectation(answer, a=(1.0, 2.0, 3.0, 4.0), w=(0.5, -1.0, 1.0, 2.0), p=0.25):
    """Ex. ex-ch6-expect: ``[E z in training (lectures' dropout), E z in training (inverted),
    z at test time with W_test = (1-p) W]``."""
    a, w = np.asarray(a), np.asarray(w)
    lecture = float(w @ dropout(a, p, training=False, inverted=False))     # = (1-p) w.a
    expected = [lecture, float(w @ a), lecture]
    fb = check_array(answer, expected, name="[original E z, inverted E z, test z]", rtol=1e-6,
                     hint="each input survives with probability 1 - p, so it contributes "
                          "(1 - p) w_j a_j on average; inverted dropout divides by 1 - p")
    if not fb and np.size(answer) == 3 and np.isclose(np.ravel(answer)[0], p * (w @ a)):
        return Feedback(False, "you multiplied by p, the drop probability; the surviving "
                               "fraction is 1 - p")
    return fb


def sub_networks(answer, sizes=(2, 6, 6, 2), p=0.25, kept=8):
    """Ex. ex-ch6-masks: ``[number of sub-networks, probability of one given mask that keeps
    `kept` of the hidden units]`` for dropout on the hidden units of ``sizes``."""
    n = sum(sizes[1:-1])
    expected = [2.0 ** n, (1 - p) ** kept * p ** (n - kept)]
    fb = check_array(answer, expected, name="[sub-networks, probability]", rtol=1e-4, atol=0,
                     hint="only hidden units are dropped; a given mask needs each kept unit "
                          "kept (1 - p) and each dropped unit dropped (p)")
    if not fb and np.size(answer) == 2 and np.isclose(np.ravel(answer)[0], 2.0 ** sum(sizes)):
        return Feedback(False, "inputs and outputs are never dropped: count hidden units only")
    return fb


def l1_collapse(answer):
    """Ex. ex-ch6-collapse: the smallest λ of the panel at which the L1 network's test
    accuracy falls below 0.6 (it stops classifying)."""
    expected = next(lam for lam in LAMBDAS
                    if trained("l1", lam).score(*problem()["test"]) < 0.6)
    return check_choice(answer, expected, name="lambda",
                        explain="every weight is driven into the jitter band around zero (none "
                                "is exactly zero) and the output no longer depends on the input, "
                                "so the network predicts one class everywhere")


def smallest_gap(answer):
    """Ex. ex-ch6-gap: the drop probability of the panel with the smallest train-test gap."""
    d = problem()
    nets = {p: trained("dropout", p) for p in DROPS}
    gaps = {p: net.score(*d["train"]) - net.score(*d["test"]) for p, net in nets.items()}
    expected = min(gaps, key=gaps.get)
    return check_choice(answer, expected, name="p",
                        explain=f"the gap is {gaps[expected]:.3f} there, but look at the test "
                                "accuracy too before you call it the best choice")


def early_best_epoch(answer, patience=10):
    """Ex. ex-ch6-patience: ``early_stopping_.best_epoch_`` with the given patience."""
    expected = trained("early", patience).early_stopping_.best_epoch_
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer)):
        return Feedback(False, f"best_epoch_ is an integer (an epoch index), got {answer!r}")
    return check_number(answer, expected, name="best_epoch_", rtol=0, atol=0.5,
                        hint="train chapter.SIZES with chapter.FIT on the training split, pass "
                             "validation=(X_val, y_val) and early_stopping=patience")


def momentum_decay(answer, lr=0.05, momentum=0.9, lam=0.01):
    r"""Ex. ex-ch6-momentum-decay: ``[shrink per step of L2 under momentum (first order),
    decoupled decay with the same shrink, shrink per step of plain SGD with L2]``.

    The first entry is accepted within 6 % of :math:`\eta\lambda/(1-\mu)`, so the exact
    rate of the recurrence (about 5 % larger at these values) counts as right too.
    """
    coupled = lr * lam / (1 - momentum)
    fb = check_array(answer, [coupled, lam / (1 - momentum), lr * lam],
                     name="[momentum + L2 shrink, equivalent decoupled decay, plain SGD shrink]",
                     rtol=0.06, atol=0,
                     hint="the velocity accumulates the penalty's pull eta*lambda*theta over "
                          "about 1/(1 - mu) steps; decoupled decay removes eta*lambda_wd per step")
    if not fb and np.size(answer) == 3 and np.isclose(np.ravel(answer)[0], lr * lam):
        return Feedback(False, "eta*lambda is the shrink of plain SGD; with momentum the "
                               "penalty's pull is accumulated in the velocity")
    return fb
