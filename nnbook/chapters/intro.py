"""The introduction's panel: one input, one sigmoid neuron."""

from __future__ import annotations

import numpy as np

from .. import activations
from .._checks import check_real
from ..plotting import COLORS, PALETTE
from ..widgets import Panel

__all__ = ["SigmoidNeuron", "sigmoid_neuron"]

_X = np.linspace(-6, 6, 241)


class SigmoidNeuron(Panel):
    r"""One input, one sigmoid neuron: :math:`a = \sigma(wx + b)` over x in [-6, 6].

    ``panel(w=..., b=...)`` returns the figure. The dashed line marks where
    :math:`wx + b = 0`, i.e. where the output crosses 1/2: at :math:`x = -b/w`
    (hidden when that point lies outside the plot or w = 0).
    """

    figsize = (5.6, 3.2)

    def setup(self, fig):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.12, right=0.97, bottom=0.16, top=0.95)
        (self.curve,) = ax.plot(_X, 0 * _X, color=COLORS[0], lw=2.5)
        ax.axhline(0.5, color=PALETTE["grey"], lw=0.8)
        self.cross = ax.axvline(0, color=COLORS[1], ls="--", lw=1.5)
        ax.set_xlim(-6, 6)
        ax.set_ylim(-0.05, 1.05)
        ax.set_xlabel("input $x$")
        ax.set_ylabel("output $a$")
        self.legend_curve = ax.text(0.02, 0.95, "", transform=ax.transAxes, va="top",
                                    color=COLORS[0], fontsize=10)
        self.legend_cross = ax.text(0.02, 0.84, "", transform=ax.transAxes, va="top",
                                    color=COLORS[1], fontsize=10)
        self.moving(self.curve, self.cross, self.legend_curve, self.legend_cross)

    def update(self, w=1.0, b=0.0):
        w, b = check_real(w, "w"), check_real(b, "b")
        self.curve.set_ydata(activations.sigmoid(w * _X + b))
        sign = "+" if b >= 0 else "-"
        self.legend_curve.set_text(rf"$a = \sigma({w:.2g}x {sign} {abs(b):.2g})$")
        shown = w != 0 and abs(b / w) <= 6
        self.cross.set_visible(shown)
        self.legend_cross.set_visible(shown)
        if shown:
            self.cross.set_xdata([-b / w, -b / w])
            self.legend_cross.set_text(f"$x = -b/w = {-b / w + 0.0:.2g}$")  # + 0.0: no -0


sigmoid_neuron = SigmoidNeuron()
