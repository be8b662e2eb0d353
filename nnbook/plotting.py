"""Figures for the book: one colour-blind-safe palette and a few reusable plots.

Every function draws on a Matplotlib ``Axes`` (created when not given) and
returns it, so chapters can compose panels. Colours come from the Okabe–Ito
palette, and every plot that separates classes also varies marker shape or
line style, so figures stay readable in greyscale.
"""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap

__all__ = ["PALETTE", "COLORS", "MARKERS", "LINESTYLES", "DIVERGING", "use_style", "new_axes",
           "grid_points",
           "plot_points", "plot_decision_boundary", "plot_loss_curves",
           "draw_network", "draw_graph", "digit_grid"]

#: Okabe & Ito (2008) colour-blind-safe palette
PALETTE = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
           "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
           "grey": "#999999"}
COLORS = [PALETTE[k] for k in ("blue", "vermillion", "green", "orange", "purple", "sky",
                               "black", "yellow")]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES = ["-", "--", ":", "-."]
#: blue-white-vermillion map for signed quantities and class probabilities
DIVERGING = LinearSegmentedColormap.from_list(
    "nnbook_diverging", [PALETTE["blue"], "#f7f7f7", PALETTE["vermillion"]])


def use_style():
    """Set the book's Matplotlib defaults (palette cycle, sizes, grid)."""
    from cycler import cycler
    plt.rcParams.update({
        "axes.prop_cycle": cycler(color=COLORS[:4]) + cycler(linestyle=LINESTYLES),
        "figure.figsize": (6.4, 4.0), "figure.dpi": 100, "savefig.dpi": 100,
        "axes.grid": True, "grid.alpha": 0.3, "axes.spines.top": False,
        "axes.spines.right": False, "font.size": 11, "legend.frameon": False,
        "image.cmap": "viridis", "svg.hashsalt": "nnbook", "figure.max_open_warning": 0,
    })


def new_axes(ax=None, figsize=None):
    """Return ``ax`` or a fresh Axes on a new figure."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_points(X, y, ax=None, labels=None, size=22, alpha=0.9, edge=True):
    """Scatter 2-D points ``X`` (n, 2), one colour *and* marker per class ``y``."""
    ax = new_axes(ax)
    X, y = np.asarray(X), np.asarray(y)
    for k in np.unique(y):
        sel = y == k
        lab = labels[int(k)] if labels is not None else f"class {k}"
        ax.scatter(X[sel, 0], X[sel, 1], s=size, c=COLORS[int(k) % len(COLORS)],
                   marker=MARKERS[int(k) % len(MARKERS)], alpha=alpha, label=lab,
                   edgecolors="white" if edge else "none", linewidths=0.5)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def grid_points(lo, hi, n):
    """A square lattice over the box ``lo <= x <= hi`` for shading a 2-D map.

    Parameters
    ----------
    lo, hi : array_like, shape (2,)
        Lower-left and upper-right corners.
    n : int
        Points per side.

    Returns
    -------
    gx, gy : ndarray, shape (n, n)
        ``np.meshgrid`` of ``n`` equally spaced values per axis (row i has
        ``x_2 = gy[i, 0]``, so ``imshow(..., origin="lower")`` is upright).
    points : ndarray, shape (n*n, 2)
        The same lattice as rows ``(x_1, x_2)``, ready for a model's ``predict``.
    """
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))
    return gx, gy, np.column_stack([gx.ravel(), gy.ravel()])


def plot_decision_boundary(predict, X, y=None, ax=None, resolution=200, margin=0.3,
                           proba=True, levels=(0.5,)):
    """Shade the plane by a model's output and draw the decision boundary.

    Parameters
    ----------
    predict : callable
        Maps an (m, 2) array to (m,) scores in [0, 1] (``proba=True``, e.g. the
        probability of class 1) or to integer classes.
    X : ndarray, shape (n, 2)
        Points that fix the plotted window (and are scattered if ``y`` is given).
    """
    ax = new_axes(ax)
    X = np.asarray(X, dtype=float)
    gx, gy, grid = grid_points(X.min(axis=0) - margin, X.max(axis=0) + margin, resolution)
    out = np.asarray(predict(grid))
    if out.ndim == 2:
        out = out[:, 1] if out.shape[1] == 2 else out.argmax(axis=1)
    out = out.reshape(gx.shape)
    extent = (gx.min(), gx.max(), gy.min(), gy.max())
    if proba:
        ax.imshow(out, origin="lower", extent=extent, cmap=DIVERGING, vmin=0, vmax=1,
                  alpha=0.55, aspect="auto", interpolation="bilinear")
        ax.contour(gx, gy, out, levels=list(levels), colors="k", linewidths=1.5)
    else:
        k = int(out.max()) + 1
        cmap = matplotlib.colors.ListedColormap(COLORS[:max(k, 2)])
        ax.imshow(out, origin="lower", extent=extent, cmap=cmap, vmin=-0.5,
                  vmax=max(k, 2) - 0.5, alpha=0.3, aspect="auto", interpolation="nearest")
        ax.contour(gx, gy, out, levels=np.arange(k) + 0.5, colors="k", linewidths=1.2)
    if y is not None:
        plot_points(X, y, ax=ax)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.grid(False)
    return ax


def plot_loss_curves(history, ax=None, keys=("loss", "val_loss"), labels=None, logy=False):
    """Plot per-epoch curves from ``MLP.history_`` (or any dict of lists)."""
    ax = new_axes(ax)
    for i, key in enumerate(keys):
        values = history.get(key, [])
        if len(values):
            lab = labels[i] if labels else key.replace("_", " ")
            ax.plot(np.arange(1, len(values) + 1), values, color=COLORS[i % len(COLORS)],
                    ls=LINESTYLES[i % len(LINESTYLES)], lw=2, label=lab)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    if logy:
        ax.set_yscale("log")
    ax.legend()
    return ax


def draw_network(weights, ax=None, node_labels=None, max_width=4.0, show_values=False):
    """Draw a layered network; line width ~ |w|, colour and style ~ sign of w.

    Parameters
    ----------
    weights : list of ndarray, ``weights[l]`` of shape (n_out, n_in)
    node_labels : list of list of str, optional, one list per layer
    """
    ax = new_axes(ax)
    sizes = [weights[0].shape[1]] + [W.shape[0] for W in weights]
    pos = []
    for l, n in enumerate(sizes):
        ys = np.linspace(0, 1, n + 2)[1:-1] if n > 1 else np.array([0.5])
        pos.append([(l, y) for y in ys[::-1]])
    wmax = max(float(np.abs(W).max()) for W in weights) or 1.0
    for l, W in enumerate(weights):
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                w = float(W[i, j])
                (x0, y0), (x1, y1) = pos[l][j], pos[l + 1][i]
                ax.plot([x0, x1], [y0, y1], color=COLORS[1] if w >= 0 else COLORS[0],
                        ls="-" if w >= 0 else "--", lw=0.3 + max_width * abs(w) / wmax,
                        alpha=0.85, zorder=1)
                if show_values:
                    ax.text(x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0), f"{w:.2g}",
                            fontsize=8, ha="center", va="center",
                            bbox={"fc": "white", "ec": "none", "pad": 0.5})
    for l, layer in enumerate(pos):
        for k, (x, y) in enumerate(layer):
            ax.scatter([x], [y], s=500, c="white", edgecolors="k", zorder=2)
            if node_labels is not None:
                ax.text(x, y, node_labels[l][k], ha="center", va="center", zorder=3)
    ax.set_xlim(-0.4, len(sizes) - 0.6)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return ax


def draw_graph(root, ax=None, show_grad=True):
    """Draw an :class:`nnbook.autograd.Value` graph left to right with data and grad."""
    from .autograd import graph
    ax = new_axes(ax, figsize=(9, 4))
    nodes, edges = graph(root)
    depth = {}
    for node in nodes:                              # nodes come in topological order
        depth[id(node)] = max([depth[id(c)] + 1 for c in node._prev], default=0)
    cols = {}
    for node in nodes:
        cols.setdefault(depth[id(node)], []).append(node)
    xy = {}
    for d, col in cols.items():
        for k, node in enumerate(col):
            xy[id(node)] = (d, (k + 1) / (len(col) + 1))
    for a, b in edges:
        (x0, y0), (x1, y1) = xy[id(a)], xy[id(b)]
        ax.annotate("", xy=(x1 - 0.18, y1), xytext=(x0 + 0.18, y0),
                    arrowprops={"arrowstyle": "->", "color": PALETTE["grey"]})
    for node in nodes:
        x, y = xy[id(node)]
        name = getattr(node, "label", "") or node._op or ""
        text = f"{name}\n{node.data:.3g}"
        if show_grad:
            text += f"\n∇ {node.grad:.3g}"
        ax.text(x, y, text, ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round", "fc": "white", "ec": COLORS[0]})
    ax.set_xlim(-0.5, max(cols) + 0.5)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return ax


def digit_grid(images, labels=None, ncols=10, ax=None, cmap="gray_r"):
    """Show 28×28 digits (rows of 784 values in [0, 1]) in a grid on one Axes."""
    images = np.asarray(images).reshape(-1, 28, 28)
    n = images.shape[0]
    nrows = int(np.ceil(n / ncols))
    canvas = np.ones((nrows * 30, ncols * 30)) * 0
    for k in range(n):
        r, c = divmod(k, ncols)
        canvas[r * 30 + 1:r * 30 + 29, c * 30 + 1:c * 30 + 29] = images[k]
    ax = new_axes(ax, figsize=(ncols * 0.6, nrows * 0.7))
    ax.imshow(canvas, cmap=cmap, vmin=0, vmax=1, interpolation="nearest")
    if labels is not None:
        for k, lab in enumerate(labels):
            r, c = divmod(k, ncols)
            ax.text(c * 30 + 2, r * 30 + 6, str(lab), color=PALETTE["vermillion"], fontsize=8)
    ax.axis("off")
    return ax
