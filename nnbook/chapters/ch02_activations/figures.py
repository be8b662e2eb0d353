r"""Chapter 2's static figures: the bias, the step's loss landscape, vanishing gradients and
histograms of activations at initialisation."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ... import activations
from ...perceptron import unit_accuracy
from ...plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, grid_points, plot_points
from .experiments import (
    NAMED_SCALES,
    STACKS,
    bias_data,
    deep_pass,
    first_layer_norms,
    fit_neuron,
    init_problem,
    landscape_loss,
)

__all__ = ["bias_figure", "landscape_figure", "stack_line", "vanishing_figure",
           "init_histogram_figure"]


def _shade_neuron(ax, w, b, X, y, title):
    lo, hi = -0.5, 4.0
    gx, gy, _ = grid_points((lo, lo), (hi, hi), 181)
    p = activations.sigmoid(w[0] * gx + w[1] * gy + b)
    ax.imshow(p, origin="lower", extent=(lo, hi, lo, hi), cmap=DIVERGING,
              vmin=0, vmax=1, alpha=0.5, aspect="auto")
    ax.contour(gx, gy, p, levels=[0.5], colors="k", linewidths=1.8)
    plot_points(X, y, ax=ax, alpha=None)
    ax.plot([0], [0], marker="+", color="k", ms=12, mew=2)
    ax.set_title(title, fontsize=10)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.grid(False)


def bias_figure():
    """Static figure: the best sigmoid neuron without a bias (left) and with one (right)."""
    X, y = bias_data()
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.9), sharey=True)
    for ax, use_bias in zip(axes, (False, True)):
        w, b = fit_neuron(X, y, use_bias=use_bias)
        acc = unit_accuracy(X, y, w, b)
        _shade_neuron(ax, w, b, X, y, f"{'with' if use_bias else 'without'} bias: "
                                      f"accuracy {acc:.0%}")
    axes[1].set_ylabel("")                  # the right plot shares the left one's x2 axis
    axes[1].legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return fig


def landscape_figure():
    """Static figure: mean squared error of one neuron a = f(wx - 1) as w varies, for the
    step (a staircase) and the sigmoid (a smooth valley)."""
    ws = np.linspace(-1.0, 4.0, 1001)
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.2), sharey=True)
    for ax, name, k in zip(axes, ("step", "sigmoid"), (0, 2)):
        ax.plot(ws, landscape_loss(name, ws), color=COLORS[k], lw=2.2, ls="-")
        ax.set_title(f"{name} neuron $a = f(wx-1)$", fontsize=10)
        ax.set_xlabel("weight $w$")
    axes[0].set_ylabel("loss $L(w)$")
    fig.tight_layout()
    return fig


def stack_line(ax, x, values, k, label):
    ax.semilogy(x, values, color=COLORS[k], ls=LINESTYLES[k], marker=MARKERS[k], ms=5, lw=2,
                label=label)


def vanishing_figure(max_depth=20):
    """Static figure: gradient norm reaching the first layer against the number of layers."""
    depths = np.arange(1, max_depth + 1)
    fig, ax = plt.subplots(figsize=(6.6, 3.8))
    for k, name in enumerate(STACKS):
        stack_line(ax, depths, first_layer_norms(name, depths), k, name)
    ax.set_xlabel("number of hidden layers")
    ax.set_ylabel(r"$\|\partial L/\partial W^{(1)}\|$")
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.legend()
    fig.tight_layout()
    return fig


def init_histogram_figure(activation="tanh", layers=(1, 5, 10, 20)):
    """Static figure: histograms of the activations of a few layers, one plot per named scale."""
    fig, axes = plt.subplots(1, len(NAMED_SCALES), figsize=(10.4, 3.0), sharey=True)
    bins = np.linspace(-1, 1, 41) if activation == "tanh" else np.linspace(-0.05, 2.0, 42)
    for ax, (name, c) in zip(axes, NAMED_SCALES.items()):
        Ws, X, y = init_problem(c)
        _, acts, _ = deep_pass(Ws, X, y, activation)
        for k, l in enumerate(layers):
            counts, _ = np.histogram(np.clip(acts[l], bins[0], bins[-1]), bins=bins)
            ax.stairs(counts / counts.sum(), bins, color=COLORS[k], ls=LINESTYLES[k % 4], lw=1.8,
                      label=f"layer {l}")
        ax.set_title(f"{name}: Var(w) = {c:g}/n_in", fontsize=10)
        ax.set_xlabel(f"activation $a^{{(l)}}$ ({activation})")
        ax.set_yscale("log")
        ax.set_ylim(1e-4, 1.5)
    axes[0].set_ylabel("share of values")
    axes[-1].legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig
