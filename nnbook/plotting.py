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

from ._checks import as_float_array, check_int, check_positive
from .autograd import Value, graph

__all__ = ["PALETTE", "COLORS", "MARKERS", "LINESTYLES", "DIVERGING", "use_style", "new_axes",
           "grid_points", "link_style",
           "plot_points", "plot_decision_boundary", "plot_loss_curves",
           "draw_network", "draw_graph", "graph_node_strings", "tile_images"]

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


def _network_layers(weights, sizes, keep):
    """Checked ``(weights, sizes, alive)`` of :func:`draw_network`; alive: one mask per layer."""
    if (weights is None) == (sizes is None):
        raise ValueError("give either weights or sizes (exactly one of them)")
    if weights is not None:
        weights = [as_float_array(W, f"weights[{l}]", ndim=2) for l, W in enumerate(weights)]
        sizes = [weights[0].shape[1]] + [W.shape[0] for W in weights] if weights else []
        if any(W.shape[1] != n for W, n in zip(weights, sizes)):
            raise ValueError(f"weights must chain: weights[l] has shape (n_{{l+1}}, n_l), got "
                             f"{[W.shape for W in weights]}")
    sizes = [check_int(n, "sizes", minimum=1) for n in sizes]
    if len(sizes) < 2:
        raise ValueError(f"a network needs at least two layers, got sizes {sizes}")
    keep = [None] * len(sizes) if keep is None else list(keep)
    if len(keep) != len(sizes):
        raise ValueError(f"keep must hold one mask per layer ({len(sizes)}), got {len(keep)}")
    alive = [np.ones(n, bool) if k is None else np.asarray(k) for k, n in zip(keep, sizes)]
    for l, (mask, n) in enumerate(zip(alive, sizes)):
        if mask.dtype != bool or mask.shape != (n,):
            raise ValueError(f"keep[{l}] must be None or {n} booleans, got {mask!r}")
    return weights, sizes, alive


def _per_link(value, sizes, name):
    """``value`` (one scalar, or one (n_out, n_in) array per layer) as one array per layer."""
    shapes = [(n_out, n_in) for n_in, n_out in zip(sizes, sizes[1:])]
    if not isinstance(value, (list, tuple)):
        return [np.full(shape, value) for shape in shapes]
    arrays = [np.asarray(v) for v in value]
    if [a.shape for a in arrays] != shapes:
        raise ValueError(f"{name} must hold one array per layer, of shapes {shapes}")
    return arrays


def link_style(links, l, w, width, link_width=1.0):
    r"""Colour, line style and line width of a link of layer ``l`` with weight ``w``.

    The book's one rule for drawing a weight (:func:`draw_network`, the playground):
    ``links="sign"`` draws it ``0.3 + width`` wide (``width``: its share of the widest,
    e.g. ``max_width * |w| / max|w|``), solid vermillion for :math:`w \ge 0` and dashed
    blue for :math:`w < 0`; ``"layer"`` gives layer l the palette's l-th colour and
    line style, ``"plain"`` solid blue, both ``link_width`` wide.
    """
    if links == "sign":
        return (COLORS[1], "-", 0.3 + width) if w >= 0 else (COLORS[0], "--", 0.3 + width)
    if links == "layer":
        return COLORS[l % len(COLORS)], LINESTYLES[l % len(LINESTYLES)], link_width
    return COLORS[0], "-", link_width


def draw_network(weights=None, ax=None, node_labels=None, max_width=4.0, *, sizes=None,
                 keep=None, links="sign", link_width=1.0, link_alpha=0.85, link_labels=None,
                 link_label_at=0.3, node_size=500, fontsize=None, link_fontsize=8, margin=0.4):
    r"""Draw a layered network, inputs left, layer l at x = l, its units evenly over (0, 1).

    Link (i, j) of layer l joins unit j of layer l to unit i of layer l + 1 (:math:`w_{ij}`
    of ``weights[l]``). Give ``weights`` (list of (n_out, n_in) arrays, as ``MLP.weights``)
    or ``sizes`` (units per layer, input first).

    * ``links``: "sign" (needs weights): width 0.3 + max_width |w| / max|w|, solid vermillion
      for w >= 0, dashed blue for w < 0; "layer": layer l in the palette's l-th colour and
      line style; "plain": all solid blue. The last two are ``link_width`` wide.
    * ``keep``: one mask per layer (None keeps a whole layer, e.g. the input): a dropped
      unit is drawn grey and crossed out and its links are left out (dropout's thinning).
    * ``node_labels``: one list of str per layer, written in the units (``fontsize``);
      ``link_labels``: one (n_out, n_in) array of str per layer ("" for none), written at
      the fraction ``link_label_at`` (one value, or one array per layer) of each link.
    * ``node_size`` is a unit's marker area (points²); ``margin`` the space beside the
      outer layers, in layer spacings (x limits [-margin, L - 1 + margin], y limits [0, 1]).

    Returns the matplotlib Axes (axis off).
    """
    weights, sizes, alive = _network_layers(weights, sizes, keep)
    if links not in ("sign", "layer", "plain") or (links == "sign" and weights is None):
        raise ValueError(f"links must be 'sign' (with weights), 'layer' or 'plain', got {links!r}")
    ax = new_axes(ax)
    pos = [np.linspace(0, 1, n + 2)[1:-1][::-1] for n in sizes]
    wmax = (max(float(np.abs(W).max()) for W in weights) or 1.0) if weights else 1.0
    at = _per_link(link_label_at, sizes, "link_label_at")
    link_labels = None if link_labels is None else _per_link(link_labels, sizes, "link_labels")
    for l, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        for i, j in np.ndindex(n_out, n_in):
            if not (alive[l][j] and alive[l + 1][i]):
                continue
            w = float(weights[l][i, j]) if weights else 0.0
            color, ls, lw = link_style(links, l, w, max_width * abs(w) / wmax, link_width)
            ax.plot([l, l + 1], [pos[l][j], pos[l + 1][i]], color=color, ls=ls, lw=lw,
                    alpha=link_alpha, zorder=1)
            if link_labels is not None and link_labels[l][i, j]:
                f = float(at[l][i, j])
                ax.text(l + f, pos[l][j] + f * (pos[l + 1][i] - pos[l][j]), link_labels[l][i, j],
                        fontsize=link_fontsize, ha="center", va="center", zorder=3,
                        bbox={"fc": "white", "ec": "none", "pad": 0.6})
    for l, ys in enumerate(pos):
        for k, y in enumerate(ys):
            ax.scatter([l], [y], s=node_size, c="white" if alive[l][k] else PALETTE["grey"],
                       edgecolors="k", zorder=2)
            if not alive[l][k]:
                ax.scatter([l], [y], s=node_size * 6 / 13, marker="x", c="k", zorder=3)
            if node_labels is not None:
                ax.text(l, y, node_labels[l][k], ha="center", va="center", zorder=4,
                        **({} if fontsize is None else {"fontsize": fontsize}))
    ax.set_xlim(-margin, len(sizes) - 1 + margin)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return ax


def _graph_layout(root):
    """``(nodes, {id(node): (column, -row)}, n_leaves)`` of ``root``'s graph: columns from
    the output back (inputs left), rows from a depth-first walk (a node at the mean row of
    its inputs)."""
    nodes, _ = graph(root)
    back = {id(root): 0}
    for node in reversed(nodes):                    # parents before children
        for child in node._prev:
            back[id(child)] = max(back.get(id(child), 0), back[id(node)] + 1)
    last = max(back.values())
    rows, slot = {}, [0]

    def place(node):
        if id(node) not in rows:
            if node._prev:
                rows[id(node)] = float(np.mean([place(c) for c in node._prev]))
            else:
                rows[id(node)], slot[0] = slot[0], slot[0] + 1
        return rows[id(node)]

    place(root)
    return nodes, {id(n): (last - back[id(n)], -rows[id(n)]) for n in nodes}, slot[0]


def graph_node_strings(node, digits=3):
    """The two texts :func:`draw_graph` shows for a Value ``node``: its name (label, else
    operation) over its value (an unlabelled leaf: the value alone), and "∂ " + gradient."""
    name = node.label or {"**-1": "1/x", "*": "×"}.get(node._op, node._op)
    value = f"{node.data:.{digits}g}"
    return (value if not (node._prev or node.label) else f"{name}\n{value}",
            f"∂ {node.grad:.{digits}g}")


def draw_graph(root, ax=None, digits=3, title=None, fontsize=9, node_texts=None):
    """Draw the graph of a :class:`~nnbook.autograd.Value` ``root`` (after ``root.backward()``).

    Inputs left, output right, arrows along the forward flow; each node's name and value in
    a box (leaves shaded) and its gradient ∂root/∂node below in italics, to ``digits``
    significant digits (:func:`graph_node_strings`). Without ``ax`` a figure sized to the
    graph is made. ``node_texts``, a dict, is filled with ``{id(node): (value Text,
    gradient Text)}`` so a caller can change the numbers in place. Returns the Axes.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    digits = check_int(digits, "digits", minimum=1)
    fontsize = check_positive(fontsize, "fontsize")
    nodes, xy, n_leaves = _graph_layout(root)
    ncol = max(x for x, _ in xy.values()) + 1
    if ax is None:
        _, ax = plt.subplots(figsize=(max(4.5, 1.3 * ncol + 1), max(2.4, 0.75 * n_leaves + 0.8)))
    for node in nodes:
        for child in node._prev:
            (x0, y0), (x1, y1) = xy[id(child)], xy[id(node)]
            ax.annotate("", xy=(x1 - 0.28, y1), xytext=(x0 + 0.28, y0),
                        arrowprops={"arrowstyle": "->", "color": PALETTE["grey"], "lw": 1.0})
    texts = {} if node_texts is None else node_texts
    for node in nodes:
        (x, y), (value, grad) = xy[id(node)], graph_node_strings(node, digits)
        box = {"boxstyle": "round,pad=0.3", "fc": "white" if node._prev else "#eef5fb",
               "ec": COLORS[0], "lw": 1.2}
        texts[id(node)] = (
            ax.text(x, y + 0.05, value, ha="center", va="bottom", fontsize=fontsize, bbox=box),
            ax.text(x, y - 0.02, grad, ha="center", va="top", fontsize=fontsize,
                    color=PALETTE["vermillion"], fontstyle="italic"))
    ax.set_xlim(-0.6, ncol - 0.4)
    ax.set_ylim(-n_leaves + 0.35, 0.85)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=fontsize + 1)
    return ax


def tile_images(images, ncols, shape=(28, 28), gap=1, margin=0, fill=np.nan):
    """Lay flattened images out row by row on one canvas, ready for ``imshow``.

    Image k goes to row ``k // ncols`` and column ``k % ncols`` of the layout; tiles are
    ``gap`` pixels apart and ``margin`` pixels from the canvas edge, and every pixel no
    tile covers (gaps, margins, unused places in the last row) holds ``fill`` (NaN is
    drawn blank by ``imshow``).

    Parameters
    ----------
    images : array_like, shape (m, h * w)
        One flattened image per row, e.g. MNIST digits or first-layer weights (m, 784).
    ncols : int >= 1
        Tiles per row of the layout.
    shape : (int, int)
        ``(h, w)`` of one image.
    gap, margin : int >= 0
    fill : float

    Returns
    -------
    ndarray, shape (2 margin + nrows (h + gap) - gap, 2 margin + ncols (w + gap) - gap)
        with ``nrows = ceil(m / ncols)``.
    """
    h, w = (int(v) for v in shape)
    images = np.asarray(images, dtype=float)
    if images.ndim != 2 or images.shape[1] != h * w or images.shape[0] == 0:
        raise ValueError(f"images must have shape (m, {h * w}) with m >= 1, one {h}x{w} "
                         f"image per row, got {images.shape}")
    ncols = check_int(ncols, "ncols", minimum=1)
    gap, margin = check_int(gap, "gap", minimum=0), check_int(margin, "margin", minimum=0)
    nrows = -(-images.shape[0] // ncols)
    canvas = np.full((2 * margin + nrows * (h + gap) - gap,
                      2 * margin + ncols * (w + gap) - gap), fill, dtype=float)
    for k, img in enumerate(images):
        r, c = divmod(k, ncols)
        top, left = margin + r * (h + gap), margin + c * (w + gap)
        canvas[top:top + h, left:left + w] = img.reshape(h, w)
    return canvas
