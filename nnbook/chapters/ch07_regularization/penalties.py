r"""The weight-penalty panels: L2/L1 on the chapter's network, and L1 on one weight.

``penalty_panel`` (:class:`PenaltyPanel`, L2/L1 strength :math:`\lambda`) and ``l1_toy``
(:class:`L1Toy`, the minimiser of :math:`(\theta-2)^2+\lambda|\theta|`): each is a
:class:`nnbook.widgets.Panel` whose call ``panel(**params)`` returns one figure, built once
and updated in place.
"""

from __future__ import annotations

import numpy as np

from ..._checks import check_real
from ...exercises.ch7 import LAMBDAS
from ...plotting import COLORS, LINESTYLES, MARKERS, PALETTE
from ...regularization import penalised_minimiser
from ...widgets import Panel
from .maps import MapAxes, probability_map, trained_summary
from .panel_parts import freeze_limits, grid_index, ring_marker

__all__ = ["PenaltyPanel", "penalty_panel", "TOY_LAMBDAS", "TOY_THETA", "L1Toy", "l1_toy"]

#: penalty strengths of the toy-problem panel
TOY_LAMBDAS = (0.0, 0.5, 1.0, 2.0, 3.0, 3.5, 4.0, 5.0, 6.0)
#: the weights over which the toy panel draws its losses
TOY_THETA = np.linspace(-1, 3, 401)
_TOY_LAMS = np.linspace(0, 6, 241)
_TOY_LABELS = {"l1": r"$(\theta-2)^2+\lambda|\theta|$",
               "l2": r"$(\theta-2)^2+\frac{\lambda}{2}\theta^2$"}


class PenaltyPanel(Panel):
    r"""Boundary of the network trained with an L2 or L1 penalty, and its weight norm.

    ``penalty_panel(penalty="L2" or "L1", lam=...)`` returns the figure; ``lam`` must be
    one of :data:`LAMBDAS`. The right plot shows :math:`\lVert\theta\rVert_2` against
    :math:`\lambda` for both penalties, the current choice circled. All twelve networks are
    trained (once, cached) when the figure is built; an update only redraws.
    """

    figsize = (8.4, 3.3)

    def setup(self, fig):
        ax0, ax1 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
        self.boundary = MapAxes(self, ax0)
        x = np.arange(len(LAMBDAS))
        self.norms, self.marks = {}, {}
        for i, pen in enumerate(("L2", "L1")):
            self.norms[pen] = [trained_summary(pen.lower(), v)[2] for v in LAMBDAS]
            ax1.plot(x, self.norms[pen], color=COLORS[i], ls=LINESTYLES[i], marker=MARKERS[i],
                     label=pen)
        freeze_limits(ax1)
        for i, pen in enumerate(("L2", "L1")):
            self.marks[pen] = ring_marker(ax1, COLORS[i])
        ax1.set_ylabel(r"weight norm $\Vert\theta\Vert_2$")
        ax1.set_xticks(x, [f"{v:g}" for v in LAMBDAS])
        ax1.set_xlabel(r"penalty strength $\lambda$")
        ax1.legend(fontsize=9, loc="upper right")      # clear of the rings: stays in the background
        self.moving(*self.marks.values())

    def update(self, penalty="L2", lam=0.01):
        if penalty not in ("L2", "L1"):
            raise ValueError(f"penalty must be 'L2' or 'L1', got {penalty!r}")
        k = grid_index(lam, LAMBDAS, "lam")
        lam = LAMBDAS[k]
        tr, te = trained_summary(penalty.lower(), lam)[:2]
        self.boundary.show(fr"{penalty}, $\lambda$ = {lam:g}: train {tr:.2f}, test {te:.2f}",
                           probability_map(penalty.lower(), lam))
        for pen, mark in self.marks.items():
            mark.set_visible(pen == penalty)
        self.marks[penalty].set_data([k], [self.norms[penalty][k]])


#: the L2/L1 panel: ``penalty_panel(penalty, lam)`` returns its figure
penalty_panel = PenaltyPanel()


def _toy_loss(lam, penalty, theta):
    r""":math:`(\theta-2)^2+\Omega(\theta)`, the loss :func:`penalised_minimiser` minimises."""
    return (theta - 2) ** 2 + (lam * np.abs(theta) if penalty == "l1" else lam / 2 * theta ** 2)


class L1Toy(Panel):
    r"""The toy loss :math:`(\theta-2)^2+\lambda|\theta|` and its minimiser, next to L2's.

    ``l1_toy(lam=...)`` returns the figure; ``lam`` is any number in [0, 6] (the range of
    the right-hand plot).
    """

    figsize = (8.4, 3.2)

    def setup(self, fig):
        ax0, ax1 = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.28)
        self.loss, self.minimum, self.marks = {}, {}, {}
        for i, pen in enumerate(("l1", "l2")):
            (self.loss[pen],) = ax0.plot(TOY_THETA, 0 * TOY_THETA, color=COLORS[i],
                                         ls=LINESTYLES[i], lw=2, label=_TOY_LABELS[pen])
            (self.minimum[pen],) = ax0.plot([], [], marker=MARKERS[i], ms=9, color=COLORS[i],
                                            ls="none")
        ax0.set_xlim(-1.2, 3.2)                 # what autoscaling gives theta in [-1, 3]
        ax0.set_xlabel(r"$\theta$")
        ax0.set_ylabel("loss")
        ax0.set_ylim(0, 12)
        legend0 = ax0.legend(fontsize=9, loc="upper center")
        self.title = ax0.set_title("", fontsize=10)
        for i, pen in enumerate(("l1", "l2")):
            ax1.plot(_TOY_LAMS, penalised_minimiser(_TOY_LAMS, pen), color=COLORS[i],
                     ls=LINESTYLES[i], lw=2, label=pen.upper())
        freeze_limits(ax1)
        for i, pen in enumerate(("l1", "l2")):
            self.marks[pen] = ring_marker(ax1, COLORS[i])
        ax1.axvline(4, color=PALETTE["grey"], lw=1, ls=":")
        ax1.set_xlabel(r"penalty strength $\lambda$")
        ax1.set_ylabel(r"minimiser $\theta^*$")
        ax1.legend(fontsize=9, loc="upper right")      # clear of the rings: stays in the background
        # the steep curves of large lambda cross legend0, which stays drawn above them
        self.moving(*self.loss.values(), *self.minimum.values(), legend0, self.title,
                    *self.marks.values())

    def update(self, lam=2.0):
        lam = check_real(lam, "lam")
        if not 0 <= lam <= 6:
            raise ValueError(f"lam must lie in [0, 6], got {lam}")
        best = {}
        for pen in ("l1", "l2"):
            t = best[pen] = float(penalised_minimiser(lam, pen))
            self.loss[pen].set_ydata(_toy_loss(lam, pen, TOY_THETA))
            self.minimum[pen].set_data([t], [_toy_loss(lam, pen, t)])
            self.marks[pen].set_data([lam], [t])
        self.title.set_text(fr"$\lambda$ = {lam:g}: L1 minimiser {best['l1']:.2f}, "
                            fr"L2 minimiser {best['l2']:.2f}")


#: the toy-problem panel: ``l1_toy(lam)`` returns its figure
l1_toy = L1Toy()
