r"""Chapter 3's static figures (each function returns a new Matplotlib Figure).

:func:`digits_figure` (MNIST digits, grey and binarised), :func:`xor_figure` (the hand-set
XOR network's input and hidden spaces), :func:`xor_seeds_figure` (the trained XOR networks,
one tile per seed), :func:`weights_figure` (first-layer weights as images),
:func:`losses_figure` (four losses against the margin) and :func:`depth_figure` (ImageNet
error against depth); :func:`weight_canvas` tiles weight rows for these and the panels.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from ..._checks import as_float_array, check_int, check_labels, check_real
from ...exercises.ch3 import XOR_X, XOR_Y, hand_set_xor_mlp, xor_rows_right
from ...losses import MARGIN_LOSSES
from ...mlp import MLP
from ...plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE, grid_points, tile_images
from .experiments import IMAGENET, xor_family

__all__ = ["XOR_LIM", "xor_output_map", "xor_figure", "xor_seeds_figure", "weight_canvas",
           "digits_figure", "weights_figure", "depth_figure", "losses_figure"]

#: the XOR pictures show the square [XOR_LIM[0], XOR_LIM[1]]^2, shaded on a 121 x 121 lattice
XOR_LIM = (-0.5, 1.5)
_GX, _GY, _LATTICE = grid_points((XOR_LIM[0],) * 2, (XOR_LIM[1],) * 2, 121)
_G = _GX[0]                                  # the 121 lattice values along each axis


def xor_output_map(net):
    r"""The output :math:`\hat y` of a 2-2-1 network over the XOR square's lattice.

    Returns
    -------
    ndarray (121, 121), row i at :math:`x_2` = the i-th lattice value (``imshow`` with
    ``origin="lower"`` and extent ``XOR_LIM * 2`` draws it upright).
    """
    if not isinstance(net, MLP) or net.sizes[0] != 2 or net.sizes[-1] != 1:
        raise ValueError("net must be an MLP with 2 inputs and 1 output, like MLP([2, 2, 1])")
    return net.predict_proba(_LATTICE)[:, 0].reshape(_GX.shape)


# ------------------------------------------------------------------------------ XOR
def _xor_axes(ax, net, title):
    """Draw the XOR square on ``ax``: output shading, the two hidden lines, the four rows."""
    ax.imshow(xor_output_map(net), origin="lower", extent=XOR_LIM * 2, cmap=DIVERGING,
              vmin=0, vmax=1, alpha=0.55, aspect="auto", interpolation="bilinear")
    W, b = net.weights[0], net.biases[0]
    for i in range(2):                     # hidden line i: W[i] . x + b[i] = 0
        w1, w2 = W[i]
        if abs(w2) > 1e-12:
            ax.plot(_G, -(w1 * _G + b[i]) / w2, color="k", ls=LINESTYLES[i + 1], lw=1.8,
                    label=f"hidden unit {i + 1}: $z_{i + 1}=0$")
        else:
            ax.axvline(-b[i] / w1, color="k", ls=LINESTYLES[i + 1], lw=1.8,
                       label=f"hidden unit {i + 1}: $z_{i + 1}=0$")
    for label in (0, 1):
        sel = XOR_Y == label
        ax.scatter(*XOR_X[sel].T, s=90, c=COLORS[label], marker=MARKERS[label],
                   edgecolors="k", zorder=3, label=f"XOR = {label}")
    ax.set_xlim(*XOR_LIM)
    ax.set_ylim(*XOR_LIM)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title, fontsize=10)
    ax.grid(False)


def _hidden_space_axes(ax, net):
    """Draw the four XOR rows at their hidden outputs (h1, h2) and the output unit's line."""
    net.forward(XOR_X)
    H = net.activations_[1]                                  # (4, 2) hidden outputs
    W2, b2 = net.weights[1][0], net.biases[1][0]
    for label in (0, 1):
        sel = XOR_Y == label
        ax.scatter(*H[sel].T, s=90, c=COLORS[label], marker=MARKERS[label], edgecolors="k",
                   zorder=3, label=f"XOR = {label}")
    spots = {}
    for h, x in zip(H.round(2), XOR_X):            # inputs that land on the same spot
        spots.setdefault(tuple(h), []).append(f"({x[0]:g}, {x[1]:g})")
    for (h1, h2), xs in spots.items():
        ax.annotate("x = " + ", ".join(xs), (h1, h2), xytext=(-8, 8), ha="right",
                    textcoords="offset points", fontsize=8)
    g = np.linspace(-0.1, 1.1, 2)
    if abs(W2[1]) > 1e-12:
        ax.plot(g, -(W2[0] * g + b2) / W2[1], color="k", ls="-", lw=1.5,
                label="output unit: $z=0$")
    ax.set_xlim(-0.1, 1.15)
    ax.set_ylim(-0.1, 1.15)
    ax.set_xlabel("hidden output $h_1$")
    ax.set_ylabel("hidden output $h_2$")
    ax.set_title("hidden space: one line now suffices", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)


def xor_figure(net=None):
    """Static figure: input space with the hidden lines (left) and the hidden space (right).

    Parameters
    ----------
    net : MLP([2, 2, 1]) or None
        The network to draw; by default the hand-set
        :func:`~nnbook.exercises.ch3.hand_set_xor_mlp`.
    """
    net = hand_set_xor_mlp() if net is None else net
    if net.sizes != [2, 2, 1]:
        raise ValueError(f"xor_figure needs a 2-2-1 network, got sizes {net.sizes}")
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9.0, 4.0))
    _xor_axes(ax0, net, "input space: two hidden lines")
    ax0.legend(loc="lower left", fontsize=7, framealpha=0.85, frameon=True)
    _hidden_space_axes(ax1, net)
    fig.tight_layout()
    return fig


def xor_seeds_figure(nets, ncols=5):
    """Static figure: the input space of every trained 2-2-1 XOR network, one tile per seed.

    Parameters
    ----------
    nets : dict seed -> trained MLP([2, 2, 1])
    """
    if not nets:
        raise ValueError("nets is empty")
    ncols = check_int(ncols, "ncols", minimum=1)
    nrows = math.ceil(len(nets) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.95 * ncols, 2.15 * nrows),
                             sharex=True, sharey=True, squeeze=False)
    for ax in axes.ravel()[len(nets):]:
        ax.set_visible(False)
    for ax, (seed, net) in zip(axes.ravel(), nets.items()):
        solved = xor_rows_right(net) == 4
        _xor_axes(ax, net, "")
        ax.set_xlabel("")
        ax.set_ylabel("")
        family = xor_family(net) if solved else "stuck"
        ax.set_title(f"seed {seed}: {family}", fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_2$")
    for ax in axes[-1]:
        ax.set_xlabel("$x_1$")
    fig.tight_layout()
    return fig


# ------------------------------------------------------------------------ digits
def weight_canvas(W, ncols=8):
    """Tile rows of ``W`` (m, 784) as 28x28 pictures into one array, each scaled to [-1, 1].

    Row k is divided by its largest absolute value (an all-zero row stays zero) and laid out
    by :func:`nnbook.plotting.tile_images`, one pixel apart.

    Returns
    -------
    ndarray (rows * 29 - 1, ncols * 29 - 1); gaps between tiles hold NaN (drawn blank).
    """
    W = as_float_array(W, "W", ndim=2)
    if W.shape[1] != 784:
        raise ValueError(f"W must have 784 columns (one per pixel), got {W.shape[1]}")
    scale = np.abs(W).max(axis=1)
    scale[scale == 0] = 1.0
    return tile_images(W / scale[:, None], ncols)


def digits_figure(X, y, n_per_class=2):
    """Static figure: ``n_per_class`` digits of each class, grey levels (top) and binarised.

    Parameters
    ----------
    X : array_like (n, 784) with values in [0, 1]; y : array_like of int (n,)
    """
    X = as_float_array(X, "X", ndim=2)
    y = check_labels(y, "y", n_classes=10, n_samples=X.shape[0])
    n_per_class = check_int(n_per_class, "n_per_class", minimum=1)
    idx = np.concatenate([np.flatnonzero(y == d)[:n_per_class] for d in range(10)])
    idx = idx.reshape(10, -1).T.ravel()              # 0..9, then 0..9 again
    fig, axes = plt.subplots(2, 1, figsize=(8.6, 2.2 * n_per_class + 0.6))
    for ax, imgs, title in ((axes[0], X[idx], "grey levels in [0, 1]"),
                            (axes[1], (X[idx] > 0.5).astype(float),
                             "binarised: ink (grey level > 0.5) = 1, otherwise 0")):
        ax.imshow(tile_images(imgs, 10, gap=2, margin=1, fill=0.0), cmap="gray_r", vmin=0,
                  vmax=1, interpolation="nearest")
        ax.set_xticks(np.arange(10) * 30 + 14.5, [str(d) for d in range(10)])
        ax.set_yticks([])
        ax.set_xlabel("label")
        ax.set_title(title, fontsize=10)
        ax.grid(False)
    fig.tight_layout()
    return fig


def weights_figure(W, n=16, ncols=8, W_init=None):
    """Static figure: the first ``n`` rows of a first-layer weight matrix W (h, 784) as images.

    With ``W_init`` (same shape as W, the weights before training) each tile shows what
    training changed, ``W - W_init``, so pixels whose weights never moved are blank.
    """
    W = as_float_array(W, "W", ndim=2)
    label = "weight / largest |weight|"
    if W_init is not None:
        W_init = as_float_array(W_init, "W_init", ndim=2)
        if W_init.shape != W.shape:
            raise ValueError(f"W_init has shape {W_init.shape} but W has shape {W.shape}")
        W, label = W - W_init, "change / largest |change|"
    n = min(check_int(n, "n", minimum=1), W.shape[0])
    fig, ax = plt.subplots(figsize=(1.1 * ncols, 1.15 * math.ceil(n / ncols) + 0.5))
    im = ax.imshow(weight_canvas(W[:n], ncols), cmap=DIVERGING, vmin=-1, vmax=1,
                   interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("each tile: the 784 weights into one hidden unit, on the pixel grid"
                  if W_init is None else
                  "each tile: how training changed the 784 weights into one hidden unit")
    ax.grid(False)
    fig.colorbar(im, ax=ax, fraction=0.025, label=label)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------- depth and losses
#: the margin losses :func:`losses_figure` draws, in its order (colour and line style k)
_FIGURE_LOSSES = ("zero-one", "squared", "hinge", "logistic")


def depth_figure():
    """Static figure: top-5 ImageNet error against the number of layers (``IMAGENET``)."""
    fig, ax = plt.subplots(figsize=(6.2, 3.6))
    for k, (name, year, depth, err, place, _) in enumerate(IMAGENET):
        ax.plot([depth], [err], ls="none", marker=MARKERS[k], ms=10, color=COLORS[k],
                label=f"{name} ({year}, {place})")
        ax.annotate(f"{err:g}%", (depth, err), xytext=(8, 4), textcoords="offset points")
    ax.plot([r[2] for r in IMAGENET], [r[3] for r in IMAGENET], color=PALETTE["grey"],
            ls=":", lw=1, zorder=0)
    ax.set_xscale("log")
    ax.set_xticks([8, 19, 22, 152], ["8", "19", "22", "152"])
    ax.set_ylim(0, 19)
    ax.set_xlabel("weight layers (log scale)")
    ax.set_ylabel("top-5 error of the entry (%)")
    ax.legend(fontsize=9)
    fig.tight_layout()
    return fig


def losses_figure(m_min=-2.5, m_max=3.0):
    r"""Static figure: the zero-one, squared, hinge and logistic losses against the margin.

    For a label :math:`y \in \{-1, +1\}` and a score :math:`z`, each loss depends only on
    the margin :math:`m = yz` (:data:`nnbook.losses.MARGIN_LOSSES`): :math:`[m \le 0]`,
    :math:`(1 - m)^2`, :math:`\max(0, 1 - m)` and :math:`\log(1 + e^{-m})`.
    """
    m = np.linspace(check_real(m_min, "m_min"), check_real(m_max, "m_max"), 551)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for k, name in enumerate(_FIGURE_LOSSES):
        ax.plot(m, MARGIN_LOSSES[name](m), color=COLORS[k] if k else PALETTE["grey"],
                ls=LINESTYLES[k % 4], lw=2.4 if k else 2.0, label=name)
    ax.axvline(0, color="k", lw=0.6)
    ax.set_ylim(-0.1, 4.0)
    ax.set_xlabel("margin $yz$ (positive: right side of the boundary)")
    ax.set_ylabel("loss $\\ell$")
    ax.legend(loc="upper right", fontsize=9)
    fig.tight_layout()
    return fig
