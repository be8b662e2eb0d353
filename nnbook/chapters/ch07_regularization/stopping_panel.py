"""The early-stopping panel: the patience chosen, the epoch kept, the boundary restored.

``patience_panel`` (:class:`PatiencePanel`) is a :class:`nnbook.widgets.Panel`:
``patience_panel(patience=...)`` returns one figure, built once and updated in place.
"""

from __future__ import annotations

import numpy as np

from ...exercises.ch7 import PATIENCE, trained
from ...plotting import COLORS, LINESTYLES, PALETTE
from ...widgets import Panel
from .maps import MapAxes, probability_map, trained_summary
from .panel_parts import grid_index

__all__ = ["PATIENCES", "PatiencePanel", "patience_panel"]

#: patiences of the early-stopping panel
PATIENCES = (5, 10, 20, 50, 100, 200)


class PatiencePanel(Panel):
    """Early stopping with a chosen patience, on the unregularised run.

    ``patience_panel(patience=...)`` returns the figure; ``patience`` must be one of
    :data:`PATIENCES`. Left: training and validation loss of the plain run, the best epoch
    (dotted) and the epochs waited before stopping (grey band). Right: the boundary of the
    restored network ``trained("early", patience)``, the weights after the best epoch.
    Stopping does not change the run: the validation data only watch it, so up to its stop
    it follows ``trained("none")`` exactly, and the rule
    (:class:`nnbook.regularization.EarlyStopping`) only decides which of the plain run's
    epochs to keep.
    """

    figsize = (8.4, 3.3)

    def setup(self, fig):
        ax0, ax1 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.1]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.28)
        hist = trained("none").history_
        e = np.arange(1, len(hist["loss"]) + 1)
        ax0.plot(e, hist["loss"], color=COLORS[0], ls=LINESTYLES[0], lw=1.5, label="training loss")
        ax0.plot(e, hist["val_loss"], color=COLORS[1], ls=LINESTYLES[1], lw=1.5,
                 label="validation loss")
        ax0.set_xlim(0, len(e) + 1)
        ax0.set_ylim(0, 1.0)
        self.band = ax0.axvspan(1, 2, color=PALETTE["grey"], alpha=0.3, label="waiting")
        self.best = ax0.axvline(1, color="k", ls=":", lw=1.5, label="best epoch")
        ax0.set_xlabel("epoch")
        ax0.set_ylabel("cross-entropy loss")
        legend = ax0.legend(fontsize=8, loc="upper left", bbox_to_anchor=(0.12, 1.0))
        self.title0 = ax0.set_title("", fontsize=10)
        self.boundary = MapAxes(self, ax1)
        self.moving(self.band, self.best, legend, self.title0)

    def update(self, patience=PATIENCE):
        patience = PATIENCES[grid_index(patience, PATIENCES, "patience")]
        net = trained("early", patience)
        rule = net.early_stopping_
        # 1-based epochs: the one restored, and the one the rule stopped after (the last
        # epoch when it never fired)
        b = rule.best_epoch_ + 1
        s = (rule.stopped_epoch_ if rule.stopped_epoch_ is not None else net.n_epochs_ - 1) + 1
        self.band.set_x(b)
        self.band.set_width(s - b)
        self.best.set_xdata([b, b])
        self.title0.set_text(f"patience {patience}: best epoch {b}, stops after {s}")
        test = trained_summary("early", patience)[1]
        self.boundary.show(f"weights of epoch {b}: test accuracy {test:.3f}",
                           probability_map("early", patience))


#: the early-stopping panel: ``patience_panel(patience)`` returns its figure
patience_panel = PatiencePanel()
