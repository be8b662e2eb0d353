r"""Chapter 1's drawing helpers: points by class, a unit's line, square axes, shading.

A threshold unit :math:`[w_1x_1 + w_2x_2 + b \ge 0]` is drawn as its line
:math:`w_1x_1 + w_2x_2 + b = 0` inside the square :math:`[-\text{lim}, \text{lim}]^2`, and
its two half-planes are shaded with :data:`SHADE` (class 0 blue, class 1 vermillion).
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap

from ...plotting import COLORS, MARKERS, grid_points

#: the colour map of the two half-planes (class 0, class 1)
SHADE = ListedColormap([COLORS[0], COLORS[1]])
#: the half-width of the square the panels draw in
LIM = 1.6
#: the 60 x 60 lattice over the panels' square on which the half-planes are shaded
GRID = grid_points((-LIM, -LIM), (LIM, LIM), 60)[:2]
#: how legends and titles name the models of :data:`nnbook.linear_classifiers.MODELS`
MODEL_NAMES = {"perceptron": "perceptron", "svm": "linear SVM (hinge)",
               "logistic": "logistic regression"}
#: each model's colour and line style
MODEL_STYLE = {"perceptron": (COLORS[2], "-"), "svm": ("k", "--"), "logistic": (COLORS[4], ":")}


def draw_points(ax, X, y, size=26):
    """Scatter the rows of X (n, 2) in the colour and marker of their class y (n,) 0/1."""
    for k in (0, 1):
        sel = y == k
        ax.scatter(X[sel, 0], X[sel, 1], s=size, c=COLORS[k], marker=MARKERS[k],
                   edgecolors="white", linewidths=0.5, label=f"class {k}", zorder=3)


def draw_line(ax, w, b, lim, **kw):
    """Draw w1 x1 + w2 x2 + b = 0 inside the square [-lim, lim]^2 (nothing if w = 0)."""
    xy = _line_ends(w, b, lim)
    if xy is not None:
        ax.plot(*xy, **kw)


def square_axes(ax, lim):
    """Square, equal-aspect axes over [-lim, lim]^2, labelled x1 and x2, without a grid."""
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


def _line_ends(w, b, lim):
    """End points of w1 x1 + w2 x2 + b = 0 inside [-lim, lim]^2, or None when w = 0."""
    w1, w2 = float(w[0]), float(w[1])
    t = np.array([-lim, lim])
    if abs(w2) >= abs(w1) and w2 != 0:
        return t, -(w1 * t + b) / w2
    if w1 != 0:
        return -(w2 * t + b) / w1, t
    return None


def move_line(line, w, b, lim):
    """Move the Line2D ``line`` onto w1 x1 + w2 x2 + b = 0 (hidden when w = 0)."""
    xy = _line_ends(w, b, lim)
    line.set_visible(xy is not None)
    if xy is not None:
        line.set_data(*xy)


def half_planes(w, b):
    """1.0 where the unit (w, b) outputs 1 on :data:`GRID`, else 0.0: (60, 60)."""
    return (w[0] * GRID[0] + w[1] * GRID[1] + b >= 0).astype(float)
