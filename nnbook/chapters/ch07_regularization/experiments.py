"""The chapter's closing experiments: every regulariser over several data draws and seeds,
and more training data against L2.

The networks come from :func:`nnbook.exercises.ch7.trained` (cached), so these tables reuse
the runs of the figures and panels.
"""

from __future__ import annotations

import functools

import numpy as np

from ... import data
from ...exercises.ch7 import DROPS, LAMBDAS, METHODS, PATIENCE, problem, trained

__all__ = ["N_TRAINS", "chosen_settings", "robust_comparison", "big_test", "more_data"]

#: training-set sizes of the "more data" experiment (every run takes the same number of steps)
N_TRAINS = (100, 250, 500, 1000)


def chosen_settings():
    """The strength of each regulariser chosen on the chapter's validation set.

    λ for L2 and L1 from :data:`LAMBDAS`, p from :data:`DROPS`: the value whose network
    (seed 0, draw 0) has the lowest validation loss; early stopping uses :data:`PATIENCE`.

    Returns
    -------
    dict method -> strength, for "none", "l2", "l1", "dropout", "early"
    """
    val = problem()["val"]
    out = {"none": 0.0, "early": float(PATIENCE)}
    for method, grid in (("l2", LAMBDAS[1:]), ("l1", LAMBDAS[1:]), ("dropout", DROPS[1:])):
        out[method] = min(grid, key=lambda s: trained(method, s).loss_and_gradients(*val)[0])
    return {m: out[m] for m in METHODS}


def robust_comparison(draws=(0, 1, 2, 3), seeds=(0, 1), settings=None):
    """Training and test accuracy of every regulariser over several data draws and seeds.

    The strengths are those of :func:`chosen_settings` (chosen once, on draw 0), kept
    fixed for every draw, so the other draws test the choice as well as the method.

    Parameters
    ----------
    draws, seeds : sequences of int
        The data draws of :func:`problem` and the network seeds; every pair is one run.
    settings : dict method -> strength, optional
        Defaults to :func:`chosen_settings`.

    Returns
    -------
    dict method -> dict with ``"strength"`` and arrays ``"train"``, ``"test"`` of shape
    (len(draws), len(seeds))
    """
    settings = chosen_settings() if settings is None else settings
    out = {}
    for method, strength in settings.items():
        acc = np.array([[[trained(method, strength, seed, draw).score(*problem(draw)[split])
                          for split in ("train", "test")]
                         for seed in seeds] for draw in draws])
        out[method] = {"strength": strength, "train": acc[..., 0], "test": acc[..., 1]}
    return out


@functools.lru_cache(maxsize=1)
def big_test():
    """5,000 fresh points of the chapter's distribution (noise 0.4), a test set so large
    that its own sampling error (about 0.005 in accuracy) stays below the effects measured
    on it; no draw of :func:`problem` contains them. Read-only arrays ``(X, y)``."""
    X, y = data.moons(n=5000, noise=0.4, random_state=1000)
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


def more_data(n_trains=N_TRAINS, draws=(0, 1), methods=(("none", 0.0), ("l2", 0.003))):
    """Training and test accuracy against the number of training points.

    Every run takes the same 2,000 mini-batch steps (:func:`trained` with ``n_train``);
    the test accuracy is measured on :func:`big_test`.

    Parameters
    ----------
    n_trains : sequence of int, training-set sizes (each >= 100 and dividing 50,000)
    draws : sequence of int, data draws of :func:`problem`
    methods : sequence of (method, strength) pairs of :func:`trained`

    Returns
    -------
    dict (method, strength) -> dict with arrays ``"train"`` and ``"test"`` of shape
    (len(n_trains), len(draws))
    """
    X_big, y_big = big_test()
    out = {}
    for m, s in methods:
        nets = [[trained(m, s, 0, draw, n) for draw in draws] for n in n_trains]
        out[(m, s)] = {
            "train": np.array([[net.score(*problem(draw, n)["train"])
                                for net, draw in zip(row, draws)]
                               for row, n in zip(nets, n_trains)]),
            "test": np.array([[net.score(X_big, y_big) for net in row] for row in nets])}
    return out
