"""Chapter 1's static figures of the models: gates, XOR, three trained neurons, their losses."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ...losses import MARGIN_LOSSES
from ...perceptron import (
    XOR_HIDDEN,
    XOR_OUTPUT,
    check_binary_data,
    mcculloch_pitts,
    threshold_network,
    unit_accuracy,
)
from ...plotting import COLORS, LINESTYLES, MARKERS, grid_points
from .drawing import MODEL_NAMES, SHADE, draw_line, draw_points, square_axes

__all__ = ["gates_figure", "xor_figure", "three_models_figure", "losses_figure"]


def gates_figure(gates):
    """Static figure: McCulloch–Pitts units as lines over the inputs of their truth table.

    Parameters
    ----------
    gates : dict name -> (weights, threshold)
        Two-input gates are drawn in the unit square with the line w.x = T; a one-input gate
        on a number line with the point x = T / w.
    """
    fig, axes = plt.subplots(1, len(gates), figsize=(3.3 * len(gates), 3.4))
    axes = np.atleast_1d(axes)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.17, top=0.86, wspace=0.35)
    for ax, (name, (w, T)) in zip(axes, gates.items()):
        w = np.asarray(w, dtype=float)
        if w.size == 2:
            pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
            out = mcculloch_pitts(pts, w, T)
            gx, gy, _ = grid_points((-0.4, -0.4), (1.4, 1.4), 80)
            ax.imshow((w[0] * gx + w[1] * gy >= T).astype(float), origin="lower",
                      extent=(-0.4, 1.4, -0.4, 1.4), cmap=SHADE, vmin=0, vmax=1, alpha=0.18,
                      aspect="auto")
            draw_line(ax, w, -T, 3, color="k", lw=2, ls="-")
            draw_points(ax, pts, out, size=110)
            ax.set_xlim(-0.4, 1.4)
            ax.set_ylim(-0.4, 1.4)
            ax.set_aspect("equal")
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            ax.set_title(f"{name}: w = ({w[0]:g}, {w[1]:g}), T = {T:g}", fontsize=10)
        else:
            pts = np.array([[0.0], [1.0]])
            out = mcculloch_pitts(pts, w, T)
            ax.axhline(0, color="k", lw=1)
            ax.axvline(T / w[0], color="k", lw=2)
            for xv, o in zip(pts[:, 0], out):
                ax.scatter(xv, 0, s=110, c=COLORS[o], marker=MARKERS[o], zorder=3,
                           edgecolors="white")
            ax.set_xlim(-0.6, 1.6)
            ax.set_ylim(-1, 1)
            ax.set_yticks([])
            ax.set_xlabel("$x_1$")
            ax.set_title(f"{name}: w = {w[0]:g}, T = {T:g}", fontsize=10)
        ax.grid(False)
    axes[0].legend(loc="upper left", fontsize=8, frameon=True)
    return fig


def xor_figure(errors):
    """Static figure: XOR's four points with the hand-built network's strip (left), and the
    mistakes per epoch of perceptron runs (right).

    Parameters
    ----------
    errors : dict name -> list of int, mistakes per epoch of each run
    """
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9.6, 4.4),
                                   gridspec_kw={"width_ratios": [1, 1.4]})
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.3, top=0.9, wspace=0.3)
    pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    gx, _, points = grid_points((-0.4, -0.4), (1.4, 1.4), 120)
    _, out = threshold_network(points, XOR_HIDDEN, XOR_OUTPUT)
    ax0.imshow(out.reshape(gx.shape).astype(float), origin="lower",
               extent=(-0.4, 1.4, -0.4, 1.4), cmap=SHADE, vmin=0, vmax=1, alpha=0.18,
               aspect="auto")
    W, T = XOR_HIDDEN["weights"], XOR_HIDDEN["thresholds"]
    for j, name in enumerate(("OR", "NAND")):
        draw_line(ax0, W[j], -T[j], 3, color="k", ls=LINESTYLES[j], lw=2, label=f"{name} unit")
    draw_points(ax0, pts, np.array([0, 1, 1, 0]), size=110)
    ax0.set_xlim(-0.4, 1.4)
    ax0.set_ylim(-0.4, 1.4)
    ax0.set_aspect("equal")
    ax0.set_xlabel("$x_1$")
    ax0.set_ylabel("$x_2$")
    ax0.grid(False)
    ax0.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2, fontsize=8)
    ax0.set_title("XOR = AND(OR, NAND): the strip", fontsize=10)
    for k, (name, errs) in enumerate(errors.items()):
        ax1.plot(np.arange(1, len(errs) + 1), errs, color=COLORS[k], ls=LINESTYLES[k],
                 marker=MARKERS[k], ms=4, lw=1.6, label=name)
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("mistakes in the epoch")
    ax1.legend(fontsize=9)
    ax1.set_title("perceptron rule on the four points", fontsize=10)
    return fig


def three_models_figure(X, y, fits):
    """Static figure: the lines of several trained single neurons over one data set.

    Parameters
    ----------
    X : array_like (n, 2), y : array_like (n,) labels 0/1
    fits : dict name -> (w (2,), b), e.g. :func:`nnbook.linear_classifiers.sgd_neuron` per model
    """
    X, y = check_binary_data(X, y)
    fig, ax = plt.subplots(figsize=(5.6, 6.0))
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.27, top=0.97)
    lim = float(np.abs(X).max()) + 0.3
    draw_points(ax, X, y)
    for k, (name, (w, b)) in enumerate(fits.items()):
        acc = unit_accuracy(X, y, w, b)
        draw_line(ax, np.asarray(w), b, lim, color=[COLORS[2], "k", COLORS[4]][k % 3],
              ls=LINESTYLES[k % 4], lw=2.2,
              label=f"{MODEL_NAMES.get(name, name)} (training accuracy {acc:.3f})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8)
    square_axes(ax, lim)
    return fig


def losses_figure():
    """Static figure: the 0-1, perceptron, hinge, logistic and Adaline (squared) losses against
    the margin y*z (labels y in {-1, +1})."""
    m = np.linspace(-3, 3, 601)
    curves = {"0–1 loss: mistake or not": MARGIN_LOSSES["zero-one"](m),
              "perceptron: max(0, −yz)": MARGIN_LOSSES["perceptron"](m),
              "hinge (SVM): max(0, 1 − yz)": MARGIN_LOSSES["hinge"](m),
              "logistic: log(1 + exp(−yz))": MARGIN_LOSSES["logistic"](m),
              "Adaline: ½(1 − yz)²": 0.5 * MARGIN_LOSSES["squared"](m)}
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.15, top=0.95)
    styles = [*LINESTYLES, (0, (6, 2, 1, 2, 1, 2))]
    for k, (name, v) in enumerate(curves.items()):
        ax.plot(m, v, color=COLORS[k], ls=styles[k], lw=2.2, label=name)
    ax.set_xlabel("margin $y\\,z$ (positive: correct side)")
    ax.set_ylabel("loss of one example")
    ax.set_ylim(-0.1, 3.5)
    ax.legend(fontsize=9)
    return fig
