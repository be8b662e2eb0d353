r"""Chapter 2's panels on deep stacks: gradient norms per layer, and signal spread at
initialisation. Each is a :class:`nnbook.widgets.Panel`: ``panel(**params)`` returns one
figure, built once and updated in place."""

from __future__ import annotations

import numpy as np

from ...plotting import COLORS, LINESTYLES, MARKERS, PALETTE
from ...widgets import Panel, pin_layout
from .experiments import INIT_DEPTH, STACKS, gradient_norms, init_spread
from .figures import stack_line

__all__ = ["DepthPanel", "depth_panel", "InitPanel", "init_panel"]


class DepthPanel(Panel):
    r"""Panel: :math:`\|\partial L/\partial W^{(l)}\|` for layer l = 1..depth+1 of three
    fresh stacks with ``depth`` hidden layers (sigmoid, tanh, ReLU).

    ``depth_panel(depth=...)`` returns the figure; the norms come from the cached
    :func:`gradient_norms`, computed once per depth.
    """

    figsize = (6.4, 3.6)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.15, top=0.9)
        self.lines = []
        for k, name in enumerate(STACKS):
            stack_line(ax, [1], [1.0], k, name)
            self.lines.append(ax.lines[-1])
        ax.set_xlim(0.5, 21.5)
        ax.set_xticks([1, 5, 10, 15, 20])
        ax.set_ylim(1e-14, 10)
        ax.set_xlabel("layer $l$ (1 = next to the input, last = output)")
        ax.set_ylabel(r"$\|\partial L/\partial W^{(l)}\|$")
        ax.set_title(" ", fontsize=10)
        self.legend = ax.legend(loc="lower right", fontsize=9)
        pin_layout(fig)
        self.moving(*self.lines, ax.title, self.legend)     # the legend quotes the numbers

    def update(self, depth=10):
        norms = [gradient_norms(name, depth) for name in STACKS]    # validates depth
        layers = np.arange(1, depth + 2)
        for line, text, name, g in zip(self.lines, self.legend.get_texts(), STACKS, norms):
            line.set_data(layers, g)
            label = f"{name} (layer 1: {g[0]:.1e})"
            line.set_label(label)
            text.set_text(label)
        self.ax.title.set_text(f"{depth} hidden layers of 32 units")


#: the depth panel of chapter 2: ``depth_panel(depth)`` returns its figure
depth_panel = DepthPanel()

class InitPanel(Panel):
    r"""Panel: spread of :math:`\mathbf a^{(l)}` (left) and of :math:`\boldsymbol\delta^{(l)}`
    (right) in every hidden layer of a 20-layer stack at initialisation,
    :math:`w_{ij}\sim\mathcal N(0, c/n_\text{in})`.

    ``init_panel(activation=..., c=...)`` returns the figure; the grey lines are the
    recommended scale for that activation (Glorot, c = 1, for tanh and sigmoid; He,
    c = 2, for ReLU).
    """

    figsize = (8.6, 3.4)

    def setup(self, fig):
        ax0, ax1 = self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.86, wspace=0.28)
        layers = np.arange(1, INIT_DEPTH + 1)
        self.reference, self.lines = [], []
        for ax, k in ((ax0, 0), (ax1, 1)):
            (ref,) = ax.semilogy(layers, np.ones(INIT_DEPTH), color=PALETTE["grey"], lw=4,
                                 alpha=0.5, ls="-", label="recommended scale")
            (line,) = ax.semilogy(layers, np.ones(INIT_DEPTH), color=COLORS[k], lw=2,
                                  ls=LINESTYLES[k], marker=MARKERS[k], ms=4, label="this scale")
            self.reference.append(ref)
            self.lines.append(line)
            ax.set_xlim(0.5, INIT_DEPTH + 0.5)
            ax.set_xticks([1, 5, 10, 15, 20])
            ax.set_ylim(1e-12, 1e10)
            ax.set_xlabel("hidden layer $l$ (1 = next to the input)")
            ax.set_title(" ", fontsize=10)
        ax0.set_ylabel("spread (std) of $a^{(l)}$")
        ax1.set_ylabel(r"spread (std) of $\delta^{(l)}$")
        ax0.legend(loc="lower left", fontsize=8)
        pin_layout(fig)
        self.moving(*self.reference, *self.lines, ax0.title, ax1.title)

    def update(self, activation="tanh", c=1.0):
        a_std, d_std = init_spread(activation, c)           # validates both
        best = 2.0 if activation == "relu" else 1.0
        ref_a, ref_d = init_spread(activation, best)
        for line, values in zip(self.reference + self.lines, (ref_a, ref_d, a_std, d_std)):
            line.set_ydata(values)
        ax0, ax1 = self.axes
        ax0.title.set_text(f"{activation}, Var(w) = {c:g}/n_in: layer 20 / layer 1 = "
                           f"{a_std[-1] / a_std[0]:.1e}")
        ax1.title.set_text(f"error signal: layer 1 / layer 20 = {d_std[0] / d_std[-1]:.1e}")


#: the init-scale panel of chapter 2: ``init_panel(activation, c)`` returns its figure
init_panel = InitPanel()
