"""Panels about a single neuron (intro, chapter 2)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import activations
from ..plotting import COLORS, PALETTE

__all__ = ["sigmoid_neuron"]

_X = np.linspace(-6, 6, 241)


def sigmoid_neuron(w=1.0, b=0.0):
    r"""One input, one sigmoid neuron: :math:`a = \sigma(wx + b)` over x in [-6, 6].

    The dashed line marks where :math:`wx + b = 0`, i.e. where the output
    crosses 1/2: at :math:`x = -b/w`.
    """
    fig, ax = plt.subplots(figsize=(5.6, 3.2))
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.16, top=0.95)   # cheaper than tight_layout
    ax.plot(_X, activations.sigmoid(w * _X + b), color=COLORS[0], lw=2.5,
            label=rf"$\sigma({w:.2g}x {'+' if b >= 0 else '-'} {abs(b):.2g})$")
    ax.axhline(0.5, color=PALETTE["grey"], lw=0.8)
    if w != 0 and abs(b / w) <= 6:
        ax.axvline(-b / w, color=COLORS[1], ls="--", lw=1.5,
                   label=f"$x=-b/w={-b / w + 0.0:.2g}$")     # + 0.0 turns -0 into 0
    ax.set_xlim(-6, 6)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("input $x$")
    ax.set_ylabel("output $a$")
    ax.legend(loc="upper left", fontsize=9)
    return fig
