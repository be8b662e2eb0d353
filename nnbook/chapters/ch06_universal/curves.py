"""Chapter 6's curve panels: building a function from sigmoid steps and ReLU hats.

``bump_builder`` (:class:`BumpBuilder`): two sigmoid steps and the bump they make;
``units_approximation`` (:class:`UnitsApproximation`): a network built by
:func:`nnbook.approximation.hat_network` or :func:`~nnbook.approximation.step_network`
against its target (:data:`nnbook.exercises.ch6.TARGETS`). Both are
:class:`nnbook.widgets.Panel` instances: ``panel(**params)`` returns one figure, built
once and updated in place.
"""

from __future__ import annotations

import functools

import numpy as np

from ... import activations
from ..._checks import check_int, check_real
from ...approximation import DOMAIN, grid, hat_network, max_error, step_network
from ...exercises.ch6 import TARGETS
from ...plotting import COLORS, PALETTE
from ...widgets import Panel, pin_layout

__all__ = ["BumpBuilder", "bump_builder", "UnitsApproximation", "units_approximation"]

#: inputs of the bump panel
_X = np.linspace(-3, 3, 601)


def _curve_axes(fig, xlim, ylim):
    """The one axes of a curve panel: output against input x, fixed limits, a title slot."""
    ax = fig.subplots()
    fig.subplots_adjust(left=0.125, right=0.98, bottom=0.15, top=0.9)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("input $x$")
    ax.set_ylabel("output")
    ax.set_title(" ", fontsize=9)
    return ax


class BumpBuilder(Panel):
    r"""Panel 1: two sigmoid steps :math:`h\sigma(w(x-s_1))` and :math:`h\sigma(w(x-s_2))`
    and their difference, a bump of height about ``h`` on :math:`[s_1, s_2]`.

    ``bump_builder(s1=..., s2=..., w=..., h=...)`` returns the figure; the grey box (the
    ideal bump) is shown when s1 < s2.
    """

    figsize = (5.6, 3.0)

    def setup(self, fig):
        ax = self.ax = _curve_axes(fig, (-3, 3), (-1.1, 1.25))
        self.box = ax.fill_between([-1.0, 0.5], 0, 1.0, color=PALETTE["grey"], alpha=0.2, lw=0)
        (self.up,) = ax.plot(_X, 0 * _X, color=COLORS[0], ls="--", lw=1.5, label="step at s1")
        (self.down,) = ax.plot(_X, 0 * _X, color=COLORS[1], ls=":", lw=1.8,
                               label="step at s2")
        (self.bump,) = ax.plot(_X, 0 * _X, color="k", ls="-", lw=2.5, label="bump")
        legend = ax.legend(loc="lower left", fontsize=8, ncol=3)
        pin_layout(fig)
        # the curves pass under the legend, so it is redrawn on top of them
        self.moving(self.box, self.up, self.down, self.bump, legend, ax.title)

    def update(self, s1=-1.0, s2=0.5, w=8.0, h=1.0):
        s1, s2, w, h = (check_real(v, k) for v, k in ((s1, "s1"), (s2, "s2"), (w, "w"), (h, "h")))
        up, down = h * activations.sigmoid(w * (_X - s1)), h * activations.sigmoid(w * (_X - s2))
        self.box.set_visible(s1 < s2)
        if s1 < s2:
            self.box.set_data([s1, s2], 0, h)
        self.up.set_ydata(up)
        self.down.set_ydata(down)
        self.bump.set_ydata(up - down)
        peak = float(np.max(np.abs(up - down)))
        self.ax.title.set_text(f"bump peak {peak:.3f} (grey box: the ideal)")


#: panel 1 of chapter 6: ``bump_builder(s1, s2, w, h)`` returns its figure
bump_builder = BumpBuilder()

_X_UNITS = grid(n=1201)


@functools.lru_cache(maxsize=64)
def _approximation(n, kind, target):
    """The built network's output on ``_X_UNITS`` (read-only) and its max error."""
    f = TARGETS[target]
    net = hat_network(f, n) if kind == "ReLU hats" else step_network(f, n + 1)
    g = net.predict(_X_UNITS[:, None])
    g.setflags(write=False)
    return g, max_error(net, f)


class UnitsApproximation(Panel):
    """Panel 2: a network built with ``n_units`` hidden units against its target.

    ``units_approximation(n_units=..., kind=..., target=...)`` returns the figure.
    ``kind`` is "ReLU hats" (:func:`hat_network`, ``n_units`` pieces) or "sigmoid
    steps" (:func:`step_network`, ``n_units + 1`` pieces); the title gives the max error.
    Each network is built once (cached).
    """

    figsize = (5.6, 3.0)

    def setup(self, fig):
        ax = self.ax = _curve_axes(fig, DOMAIN, (-1.45, 1.45))
        x = _X_UNITS
        self.gap = ax.fill_between(x, 0 * x, 0 * x, color=COLORS[1], alpha=0.25, lw=0,
                                   label="error")
        (self.target,) = ax.plot(x, 0 * x, color=COLORS[0], ls="-", lw=3, alpha=0.6,
                                 label="target")
        (self.net,) = ax.plot(x, 0 * x, color="k", ls="--", lw=1.6, label="network")
        legend = ax.legend(loc="lower left", fontsize=8, ncol=3)
        pin_layout(fig)
        self.moving(self.gap, self.target, self.net, legend, ax.title)

    def update(self, n_units=8, kind="ReLU hats", target="sin(3x)"):
        if kind not in ("ReLU hats", "sigmoid steps"):
            raise ValueError(f"kind must be 'ReLU hats' or 'sigmoid steps', got {kind!r}")
        if target not in TARGETS:
            raise ValueError(f"target must be one of {list(TARGETS)}, got {target!r}")
        n = check_int(n_units, "n_units", minimum=1)
        g, err = _approximation(n, kind, target)
        fx = TARGETS[target](_X_UNITS)
        self.gap.set_data(_X_UNITS, fx, g)
        self.target.set_ydata(fx)
        self.net.set_ydata(g)
        self.ax.title.set_text(f"{n} {kind}: max error {err:.3f}")


#: panel 2 of chapter 6: ``units_approximation(n_units, kind, target)`` returns its figure
units_approximation = UnitsApproximation()
