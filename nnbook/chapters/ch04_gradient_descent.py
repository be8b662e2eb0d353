r"""Chapter 4 (gradient descent): its slider panels on the quadratic valley.

* :data:`descent` (a :class:`DescentPanel`): gradient descent on a 2-D quadratic
  valley for a learning rate and a start point;
* :data:`descent_momentum` (a :class:`MomentumPanel`): the same valley with momentum;
* :func:`regime`: the verdict their titles print (smooth, crawling, zig-zagging,
  swinging, diverging).

The panels are :class:`nnbook.widgets.Panel` instances: ``descent(lr=0.1)`` returns their
one figure, updated in place (not registered with pyplot), and ``descent.render(lr=0.1)``
the PNG bytes the slider faces show. The notebook shows them with
``slider_demo(panel, ..., colors=64)`` (static frames quantised to 64 colours).

The valley is :math:`g(\mathbf w) = \tfrac12 \mathbf w^\top H \mathbf w`, ``H`` (2, 2)
with eigenvalues 1 and 10; :math:`\alpha` is the step size, :math:`\mu` the momentum. The
valley and its mathematics (:data:`H`, :func:`loss2d`, :func:`descent_path`,
:func:`contraction`) are defined in :mod:`nnbook.exercises.ch4`, whose checkers grade it,
and re-exported here.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.collections import LineCollection

from .._checks import check_int, check_positive, check_real
from ..exercises.ch4 import H, contraction, descent_path, loss2d
from ..plotting import COLORS, PALETTE
from ..widgets import Panel

__all__ = ["H", "loss2d", "descent_path", "contraction", "STARTS", "regime", "DescentPanel",
           "descent", "MomentumPanel", "descent_momentum"]

#: start points of the descent panel
STARTS = {"A": (-4.0, 2.5), "B": (4.0, 3.0), "C": (-1.0, -3.5), "D": (3.5, -1.5)}


@lru_cache(maxsize=1)
def _bowl_lines():
    """Contour lines of the bowl, computed once (drawing them is then cheap)."""
    import contourpy
    g = np.linspace(-5, 5, 101)
    G1, G2 = np.meshgrid(g, g)
    gen = contourpy.contour_generator(G1, G2, loss2d(G1, G2))
    return [line for level in (0.5, 2, 5, 10, 20, 40, 70) for line in gen.lines(level)]


def _verdict(lr, losses, momentum=0.0):
    """The regime of a descent run, from the learning rate, momentum and its losses."""
    lam = np.linalg.eigvalsh(H)
    if contraction(lr, momentum).max() >= 1:
        return "diverges"
    slow = losses[-1] > 1e-2 * losses[0]
    if momentum == 0:
        if lr * lam.max() > 1:
            return "converges, zig-zagging across the valley"
        return "crawls along the valley floor" if slow else "converges smoothly"
    # complex roots: the velocity carries w past the minimum and back (a damped swing)
    swings = any(np.iscomplex(np.roots([1.0, -(1 + momentum - lr * x), momentum])).any()
                 for x in lam)
    if swings:
        return ("swings around the minimum, settling slowly" if slow else
                "converges, swinging around the minimum")
    return "crawls along the valley floor" if slow else "converges smoothly"


def regime(lr, momentum=0.0, start="A", steps=30):
    """The regime of a descent run on the bowl, as the panel's title names it.

    Parameters
    ----------
    lr : float > 0
    momentum : float in [0, 1)
    start : {"A", "B", "C", "D"}
    steps : int >= 1

    Returns
    -------
    str
        "diverges", "crawls along the valley floor", "converges smoothly",
        "converges, zig-zagging across the valley" (plain descent), or, with momentum,
        "swings around the minimum, settling slowly" / "converges, swinging around the minimum".
    """
    if not isinstance(start, str) or start not in STARTS:
        raise ValueError(f"start must be one of {sorted(STARTS)}, got {start!r}")
    path = descent_path(lr, STARTS[start], steps, momentum)
    return _verdict(lr, loss2d(path[:, 0], path[:, 1]), momentum)


class DescentPanel(Panel):
    r"""Panel 1: the descent path on the contour map and the loss per iteration.

    ``descent(lr=0.1, start="A", steps=30, momentum=0.0)`` returns the figure, updated
    in place.

    Parameters of an update
    -----------------------
    lr : float > 0
        Learning rate :math:`\alpha`.
    momentum : float in [0, 1)
        Momentum :math:`\mu` (0: plain gradient descent).
    start : {"A", "B", "C", "D"}
        Start point, a key of :data:`STARTS`.
    steps : int >= 1
        Number of descent steps drawn (the right-hand x axis spans them).

    Left: contour lines and the path (it stops where it leaves the picture); right:
    log10 of the loss per iteration. The title names the regime (smooth, crawling,
    zig-zagging, diverging).
    """

    figsize = (8.6, 3.7)

    def setup(self, fig):
        ax, ax2 = self.ax, self.ax2 = fig.subplots(1, 2, width_ratios=[1.25, 1])
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.86, wspace=0.28)
        ax.add_collection(LineCollection(_bowl_lines(), colors=PALETTE["grey"], linewidths=0.8))
        (self.path,) = ax.plot([], [], color=COLORS[1], ls="-", lw=1.4, marker="o", ms=3.5)
        (self.start,) = ax.plot([], [], marker="s", ms=8, color=COLORS[0], ls="none",
                                label="start")
        (star,) = ax.plot(0, 0, marker="*", ms=12, color="k", ls="none", label="minimum")
        ax.set_xlim(-5, 5)
        ax.set_ylim(-5, 5)
        ax.set_aspect("equal")
        ax.set_xlabel("w₁")
        ax.set_ylabel("w₂")
        ax.legend(loc="lower left", fontsize=8, handletextpad=0.2)
        (self.loss,) = ax2.plot([], [], color=COLORS[1], marker="o", ms=3)
        ax2.set_ylim(-6, 6)
        ax2.set_xlabel("iteration")
        ax2.set_ylabel("log₁₀ of the loss g(w)")
        self.steps = None                           # x range of ax2, set by the first update
        self.title = fig.suptitle("", fontsize=11)
        # the minimum stays drawn above the path, as it was plotted after it
        self.moving(self.path, self.start, star, self.loss, self.title)

    def update(self, lr=0.1, start="A", steps=30, momentum=0.0):
        lr = check_positive(lr, "lr")
        momentum = check_real(momentum, "momentum")
        steps = check_int(steps, "steps", minimum=1)
        if not isinstance(start, str) or start not in STARTS:
            raise ValueError(f"start must be one of {sorted(STARTS)}, got {start!r}")
        path = descent_path(lr, STARTS[start], steps, momentum)
        losses = loss2d(path[:, 0], path[:, 1])
        if steps != self.steps:                     # the only limit that moves: redraw the
            self.ax2.set_xlim(0, steps)             # cached background once
            self.steps = steps
            self.refresh()
        outside = np.flatnonzero(np.abs(path).max(axis=1) > 5)
        shown = path if outside.size == 0 else path[:outside[0] + 1]      # stop once it leaves
        self.path.set_data(shown[:, 0], shown[:, 1])
        self.start.set_data(path[:1, 0], path[:1, 1])
        self.loss.set_data(np.arange(len(losses)), np.log10(np.maximum(losses, 1e-12)))
        mu = f", momentum μ = {momentum:g}" if momentum else ""
        self.title.set_text(f"α = {lr:g}{mu}, start {start}: {_verdict(lr, losses, momentum)}")


#: panel 1 (a :class:`DescentPanel`): ``descent(lr=..., start=..., steps=...)`` -> Figure
descent = DescentPanel()


class MomentumPanel(DescentPanel):
    """Panel 1 with momentum: the same valley, 60 steps by default (a swing needs time).

    ``descent_momentum(lr=0.01, momentum=0.9)`` returns the figure, updated in place;
    the parameters are those of :class:`DescentPanel`.
    """

    def update(self, lr=0.01, momentum=0.0, start="A", steps=60):
        super().update(lr=lr, start=start, steps=steps, momentum=momentum)


#: the momentum panel (a :class:`MomentumPanel`): ``descent_momentum(lr=..., momentum=...)``
descent_momentum = MomentumPanel()
