"""Probability maps: P(class 1) of one of the chapter's networks over the plane.

Every figure and panel of the chapter that shows a network shows the same thing: the
class-1 probability on a 110 x 110 lattice (:func:`map_grid`) in ten flat bands, its
0.5 contour (the decision boundary) and the data points. :func:`draw_probability_map`
draws it once on an Axes; :class:`MapAxes` is the half of a slider panel that redraws
it in place. The maps of the trained networks are computed once and cached.
"""

from __future__ import annotations

import functools

import contourpy
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap

from ..._checks import as_float_array
from ...exercises.ch7 import problem, trained
from ...plotting import DIVERGING, grid_points, plot_points
from ...regularization import weight_norm

__all__ = ["map_grid", "draw_probability_map", "probability_contour", "trained_summary",
           "probability_map", "MapAxes"]

#: the ten flat probability bands of every map
_BANDS = np.linspace(0, 1, 11)
_BAND_CMAP = ListedColormap(DIVERGING((_BANDS[:-1] + _BANDS[1:]) / 2), name="nnbook_bands")
_BAND_NORM = BoundaryNorm(_BANDS, _BAND_CMAP.N)


@functools.lru_cache(maxsize=1)
def map_grid(n=110):
    """The lattice of every map: ``(gx, gy, points)`` of :func:`nnbook.plotting.grid_points`
    over the training and test points of :func:`problem` with a margin of 0.3, ``n`` per side
    (cached: every map of the chapter shares it)."""
    X = np.concatenate([problem()["train"][0], problem()["test"][0]])
    return grid_points(X.min(axis=0) - 0.3, X.max(axis=0) + 0.3, n)


def draw_probability_map(ax, net, points="train", proba=None):
    """Shade P(class 1) of ``net`` over the plane in ten bands, draw its 0.5 contour (the
    decision boundary, absent when ``net`` predicts one class everywhere) and the points.

    Parameters
    ----------
    ax : matplotlib Axes
    net : MLP with two inputs and a softmax output (unused when ``proba`` is an array)
    points : {"train", "test", None}
        Which split of :func:`problem` to scatter on top.
    proba : callable or ndarray, optional
        Replaces ``net.predict_proba`` (a function of an (m, 2) array), or is the
        (110, 110) array of P(class 1) on :func:`map_grid` itself.

    Returns
    -------
    ax
    """
    if points not in ("train", "test", None):
        raise ValueError(f"points must be 'train', 'test' or None, got {points!r}")
    gx, gy, G = map_grid()
    if isinstance(proba, np.ndarray):
        P = as_float_array(proba, "proba", ndim=2)
        if P.shape != gx.shape:
            raise ValueError(f"proba must have the grid's shape {gx.shape}, got {P.shape}")
    else:
        P = (proba or net.predict_proba)(G)[:, 1].reshape(gx.shape)
    # ten flat bands of probability (they also keep the pre-rendered PNG frames small)
    ax.contourf(gx, gy, P, levels=_BANDS, cmap=DIVERGING, vmin=0, vmax=1, alpha=0.55)
    if P.min() < 0.5 < P.max():    # a network that predicts one class has no boundary
        ax.contour(gx, gy, P, levels=[0.5], colors="k", linewidths=1.5)
    if points:
        plot_points(*problem()[points], ax=ax, size=16)
    _frame(ax)
    return ax


def _frame(ax):
    """Limits of the lattice, axis labels and no grid lines, as on every map."""
    gx, gy, _ = map_grid()
    ax.set_xlim(gx.min(), gx.max())
    ax.set_ylim(gy.min(), gy.max())
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)


def probability_contour(P):
    """``(P, xy)``: a map ``P`` of shape (110, 110) and its 0.5 contour as one polyline.

    The contour is an (m, 2) array whose pieces are separated by NaN rows, empty when
    the network predicts one class everywhere, so a panel shows it with one
    ``set_data``. Both arrays are made read-only (``P`` in place).
    """
    gx, gy, _ = map_grid()
    xy = np.empty((0, 2))
    if P.min() < 0.5 < P.max():
        # the generator and line type of Matplotlib's own contour()
        lines, _ = contourpy.contour_generator(gx, gy, P, name="mpl2014",
                                               line_type="SeparateCode").lines(0.5)
        xy = np.concatenate([np.vstack([line, [np.nan, np.nan]]) for line in lines])
    P.flags.writeable = False
    xy.flags.writeable = False
    return P, xy


@functools.cache
def trained_summary(method, strength):
    """(training accuracy, test accuracy, weight norm, map of P(class 1) on :func:`map_grid`)
    of ``trained(method, strength)`` on the chapter's problem (cached)."""
    net = trained(method, strength)
    d = problem()
    gx, _, G = map_grid()
    return (net.score(*d["train"]), net.score(*d["test"]), weight_norm(net),
            net.predict_proba(G)[:, 1].reshape(gx.shape))


@functools.cache
def probability_map(method, strength):
    """:func:`probability_contour` of ``trained(method, strength)`` (cached, read-only)."""
    return probability_contour(trained_summary(method, strength)[3])


class MapAxes:
    """The map half of a slider panel: the bands of :func:`draw_probability_map` as an
    image (bilinear between grid points, like the filled contours), the 0.5 contour, the
    training points and a title, all redrawn in place by :meth:`show`.

    Parameters
    ----------
    panel : nnbook.widgets.Panel
        The panel that owns ``ax``; the moving artists are registered with it.
    ax : matplotlib Axes
    """

    def __init__(self, panel, ax):
        gx, gy, _ = map_grid()
        dx, dy = gx[0, 1] - gx[0, 0], gy[1, 0] - gy[0, 0]
        # pixel centres on the grid points, as for the contours of draw_probability_map
        extent = (gx.min() - dx / 2, gx.max() + dx / 2, gy.min() - dy / 2, gy.max() + dy / 2)
        self.shade = ax.imshow(np.full(gx.shape, 0.5), origin="lower", extent=extent,
                               cmap=_BAND_CMAP, norm=_BAND_NORM, alpha=0.55, aspect="auto",
                               interpolation="bilinear", interpolation_stage="data")
        (self.line,) = ax.plot([], [], color="k", lw=1.5)
        plot_points(*problem()["train"], ax=ax, size=16)
        points = ax.collections[-2:]                      # drawn above the moving shade
        _frame(ax)
        legend = ax.legend(fontsize=8, loc="lower left")
        self.title = ax.set_title("", fontsize=10)
        spines = [s for s in ax.spines.values() if s.get_visible()]   # the shade meets them
        panel.moving(self.shade, self.line, *points, *spines, legend, self.title)

    def show(self, title, map_and_contour):
        """Show ``map_and_contour`` = ``(P, xy)`` of :func:`probability_contour` under ``title``."""
        P, xy = map_and_contour
        self.shade.set_data(P)
        self.line.set_data(xy[:, 0], xy[:, 1])
        self.title.set_text(title)
