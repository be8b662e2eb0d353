r"""Chapter 1's experiments behind its panels: Novikoff's two inequalities along real runs.

The data of the boundary and rule panels and the runs of the direction panel are also the
exercises' (:mod:`nnbook.exercises.ch1` defines them; they are re-exported from this package).
"""

from __future__ import annotations

import functools

import numpy as np

from ..._checks import check_positive
from ...data import linearly_separable
from ...perceptron import novikoff_bound, rule_trace

__all__ = ["NOVIKOFF_MARGINS", "novikoff_run"]

#: the margins of the Novikoff panel, and the data it draws for each (100 points, seed 0)
NOVIKOFF_MARGINS = (0.05, 0.1, 0.2, 0.3, 0.4)


@functools.lru_cache(maxsize=8)
def novikoff_run(margin):
    r"""The two quantities of Novikoff's proof along an in-order perceptron run.

    On ``linearly_separable(n=100, margin=margin, random_state=0)``, with the bias folded in
    (:math:`\tilde{\mathbf w}_k = (\mathbf w_k, b_k)` after the k-th mistake) and
    :math:`\mathbf u` the unit normal of the generating line, also folded in.

    Returns
    -------
    dict with ``"X"``, ``"y"`` (the data), ``"line"`` (the generating line (u (2,), c)),
    ``"u"`` (3,), ``"R"``, ``"gamma"``, ``"bound"`` (floats, as
    :func:`nnbook.perceptron.novikoff_bound`), ``"k"`` (k,) = 1..k mistakes, ``"progress"`` (k,)
    :math:`\mathbf u^\top\tilde{\mathbf w}_k`, ``"length"`` (k,) :math:`\lVert\tilde{\mathbf
    w}_k\rVert`, ``"w"`` (2,) and ``"b"`` of the final unit.
    """
    margin = check_positive(margin, "margin")
    X, y, (u, c) = linearly_separable(n=100, margin=margin, random_state=0, return_line=True)
    R, gamma, bound = novikoff_bound(X, y, u, c)
    tr = rule_trace(X, y, eta=1.0, max_epochs=1000)
    Wt = np.column_stack([tr["w"][1:], tr["b"][1:]])
    ut = np.append(u, c) / np.linalg.norm(np.append(u, c))
    return {"X": X, "y": y, "line": (u, c), "u": ut, "R": R, "gamma": gamma, "bound": bound,
            "k": np.arange(1, Wt.shape[0] + 1), "progress": Wt @ ut,
            "length": np.linalg.norm(Wt, axis=1), "w": tr["w"][-1], "b": float(tr["b"][-1])}
