r"""Chapter 1's direction panel: where the weight vector of each single-neuron model turns."""

from __future__ import annotations

import numpy as np

from ..._checks import check_int
from ...exercises.ch1 import DIRECTION_DATA, DIRECTION_RUN, direction_data, direction_paths
from ...linear_classifiers import MODELS, direction_angle
from ...perceptron import unit_accuracy
from ...plotting import COLORS, MARKERS, PALETTE
from ...widgets import Panel
from .drawing import MODEL_NAMES, MODEL_STYLE, move_line, square_axes

__all__ = ["DirectionPanel", "direction_panel"]


class DirectionPanel(Panel):
    r"""Panel: the direction of :math:`\mathbf w` over the epochs, for the three models at once.

    ``panel(dataset, epoch)``: top, one plot per model (perceptron, hinge, logistic) with
    the points of ``dataset`` (:data:`DIRECTION_DATA`) and that model's line after
    ``epoch`` epochs of :data:`DIRECTION_RUN`, the line after the last epoch dashed grey.
    Bottom left, the angle of :math:`\mathbf w` against the epoch; bottom right,
    :math:`\lVert\mathbf w\rVert`; a vertical bar marks ``epoch``. Built once, updated in
    place.
    """

    figsize = (10.0, 7.0)

    def setup(self, fig):
        run_epochs = DIRECTION_RUN["epochs"]
        grid = fig.add_gridspec(2, 6, height_ratios=[1.15, 1], hspace=0.32, wspace=0.9)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.08, top=0.95)
        self.tops = [fig.add_subplot(grid[0, 2 * k:2 * k + 2]) for k in range(3)]
        self.ang_ax = fig.add_subplot(grid[1, :3])
        self.norm_ax = fig.add_subplot(grid[1, 3:])
        lim = 3.3
        self.points, self.lines, self.finals, self.titles = [], [], [], []
        for k, (ax, m) in enumerate(zip(self.tops, MODELS)):
            pts = [ax.scatter(np.zeros(1), np.zeros(1), s=12, c=COLORS[c], marker=MARKERS[c],
                              edgecolors="white", linewidths=0.4, zorder=3) for c in (0, 1)]
            colour, ls = MODEL_STYLE[m]
            (final,) = ax.plot([], [], color=PALETTE["grey"], ls="--", lw=1.0, zorder=4)
            (line,) = ax.plot([], [], color=colour, ls=ls, lw=3.0 if ls == ":" else 2.4,
                              zorder=5)
            square_axes(ax, lim)
            if k:
                ax.set_ylabel("")
            ax.tick_params(labelsize=8)
            self.points.append(pts)
            self.lines.append(line)
            self.finals.append(final)
            self.titles.append(ax.set_title("", fontsize=9))
        self._lim = lim
        epochs = np.arange(0, run_epochs + 1)
        self.ang_curves, self.norm_curves = {}, {}
        angles, norms = [], []
        for name in DIRECTION_DATA:
            for W, _ in direction_paths(name).values():
                angles.append(direction_angle(W[1:]))
                norms.append(np.linalg.norm(W, axis=1))
        a_lo = np.floor(min(a.min() for a in angles)) - 3
        a_hi = np.ceil(max(a.max() for a in angles)) + 3
        for m in MODELS:
            colour, ls = MODEL_STYLE[m]
            (self.ang_curves[m],) = self.ang_ax.plot(epochs[1:], np.zeros(run_epochs), color=colour,
                                                     ls=ls, lw=1.6)
            (self.norm_curves[m],) = self.norm_ax.plot(epochs[1:], np.zeros(run_epochs),
                                                       color=colour, ls=ls, lw=1.8,
                                                       label=MODEL_NAMES[m])
        self.ang_ax.axhline(-135, color=PALETTE["grey"], lw=1, ls="-.", zorder=1)
        self.ang_ax.text(1.1, a_hi - 1, "dash-dot: −135°, the direction from one centre "
                         "to the other", fontsize=7, color=PALETTE["grey"], va="top")
        for ax in (self.ang_ax, self.norm_ax):
            ax.set_xscale("log")
            ax.set_xlim(1, run_epochs)
            ax.set_xlabel("epoch (log scale)")
            ax.tick_params(labelsize=8)
        self.ang_ax.set_ylim(a_lo, a_hi)
        self.ang_ax.set_ylabel("direction of w (degrees)")
        self.norm_ax.set_ylim(0, 1.08 * max(n.max() for n in norms))
        self.norm_ax.set_ylabel("length ‖w‖")
        self.norm_ax.legend(fontsize=8, loc="upper left")
        self.cursors = [ax.axvline(1, color="k", lw=1, alpha=0.6) for ax in (self.ang_ax,
                                                                             self.norm_ax)]
        # the points, the final lines and the curves change only with the data set: they stay
        # in the cached background, which update() refreshes when the data set changes
        self._shown = None
        self.moving(*self.lines, *self.titles, *self.cursors)

    def _show_dataset(self, dataset):
        X, y = direction_data(dataset)
        paths = direction_paths(dataset)
        for k, m in enumerate(MODELS):
            W, B = paths[m]
            for c, pts in enumerate(self.points[k]):
                pts.set_offsets(X[y == c])
            move_line(self.finals[k], W[-1], B[-1], self._lim)
            self.ang_curves[m].set_ydata(direction_angle(W[1:]))
            self.norm_curves[m].set_ydata(np.linalg.norm(W[1:], axis=1))
        self._shown = dataset
        self.refresh()

    def update(self, dataset="overlapping", epoch=50):
        X, y = direction_data(dataset)
        epoch = check_int(epoch, "epoch", minimum=1)
        if epoch > DIRECTION_RUN["epochs"]:
            raise ValueError(f"epoch must be <= {DIRECTION_RUN['epochs']}, got {epoch}")
        if dataset != self._shown:
            self._show_dataset(dataset)
        paths = direction_paths(dataset)
        for k, m in enumerate(MODELS):
            W, B = paths[m]
            move_line(self.lines[k], W[epoch], B[epoch], self._lim)
            angle = direction_angle(W[epoch:epoch + 1])[0]
            acc = unit_accuracy(X, y, W[epoch], B[epoch])
            self.titles[k].set_text(f"{MODEL_NAMES[m]}\nepoch {epoch}: {angle:.0f}°, "
                                    f"‖w‖ = {np.linalg.norm(W[epoch]):.2f}, acc. {acc:.2f}")
        for c in self.cursors:
            c.set_xdata([epoch, epoch])


direction_panel = DirectionPanel()
