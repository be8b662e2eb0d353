"""Chapter 6's training run: an MLP learning the 2-D spiral, recorded and replayed.

:func:`record_run` trains once (cached) and keeps the weights of the epochs in
:data:`RUN_EPOCHS`; :func:`draw_run_boundary` draws the run's decision map at one of them,
and ``training_epoch`` (:class:`TrainingEpoch`, a :class:`nnbook.widgets.Panel`) shows
it next to the loss and accuracy curves.
"""

from __future__ import annotations

import functools

import numpy as np

from ... import data
from ...mlp import MLP
from ...plotting import COLORS, DIVERGING, LINESTYLES, PALETTE, grid_points, plot_points
from ...widgets import Panel, pin_layout

__all__ = ["RUN_EPOCHS", "record_run", "draw_run_boundary", "TrainingEpoch", "training_epoch"]


#: epochs at which :func:`record_run` keeps a copy of the weights
RUN_EPOCHS = (0, 10, 20, 30, 50, 75, 100, 125, 150, 200, 300, 500)


@functools.lru_cache(maxsize=2)
def record_run(n=400, noise=0.05, hidden=(32, 32), epochs=500, lr=0.05, random_state=0):
    """Train an MLP on the 2-D spiral from its coordinates and keep snapshots.

    The chapter's run: ``MLP([2, *hidden, 2])`` with tanh hidden units and a softmax
    output, trained on ``data.spiral(n, noise)`` by mini-batch SGD (batches of 32,
    momentum 0.9, step size ``lr``) for ``epochs`` epochs; ``random_state`` seeds both the
    data and the initial weights.

    Returns
    -------
    dict with ``X``, ``y`` (the data), ``net`` (the trained MLP), ``snapshots``
    (epoch -> (weights, biases) for the epochs in :data:`RUN_EPOCHS`), ``loss``
    and ``accuracy`` (entry e is the value after e epochs, entry 0 at the start; the
    loss of an epoch is the mean over its mini-batches). Cached: the run is made once.
    """
    X, y = data.spiral(n=n, noise=noise, random_state=random_state)
    net = MLP([2, *hidden, 2], activation="tanh", output="softmax",
              loss="cross_entropy", random_state=random_state)
    snaps = {0: net.snapshot()}
    loss0 = net.loss_and_gradients(X, y)[0]
    acc = [net.score(X, y)]

    def keep(model, epoch):
        acc.append(model.score(X, y))
        if epoch + 1 in RUN_EPOCHS:
            snaps[epoch + 1] = model.snapshot()

    net.fit(X, y, epochs=epochs, lr=lr, batch_size=32, momentum=0.9, callback=keep)
    return {"X": X, "y": y, "net": net, "snapshots": snaps,
            "loss": [loss0, *net.history_["loss"]], "accuracy": acc}


@functools.lru_cache(maxsize=32)
def _boundary_at(epoch, res=120):
    """Grid and class-1 probability of the recorded run (:func:`record_run`) at ``epoch``."""
    run = record_run()
    if epoch not in run["snapshots"]:
        raise ValueError(f"epoch must be one of {sorted(run['snapshots'])}, got {epoch!r}")
    probe = MLP(run["net"].sizes, activation="tanh", output="softmax", loss="cross_entropy")
    probe.restore(run["snapshots"][epoch])
    gx, gy, points = grid_points((-1.3, -1.3), (1.3, 1.3), res)
    p = probe.forward(points)[:, 1].reshape(gx.shape)
    return gx, gy, p


def _draw_bands(ax, epoch, res=120):
    """The recorded run's class-1 probability at ``epoch`` as flat bands (0-0.1-0.5-0.9-1)
    and its 0.5 contour; returns the artists drawn."""
    gx, gy, p = _boundary_at(epoch, res)
    # flat bands of class-1 probability: readable, and frames stay small
    drawn = [ax.contourf(gx, gy, p, levels=[0, 0.1, 0.5, 0.9, 1], cmap=DIVERGING, vmin=-0.1,
                         vmax=1.1, alpha=0.45)]
    if p.min() < 0.5 < p.max():
        drawn.append(ax.contour(gx, gy, p, levels=[0.5], colors="k", linewidths=1.4))
    return drawn


def _draw_points(ax):
    """The recorded run's data, one colour and marker per class, on fixed square limits."""
    run = record_run()
    plot_points(run["X"], run["y"], ax=ax, size=9, alpha=None, edge=False)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.grid(False)


def draw_run_boundary(ax, epoch, res=120):
    """Draw the recorded run (:func:`record_run`) at ``epoch`` (one of :data:`RUN_EPOCHS`)
    on ``ax``: its class-1 probability in bands, the 0.5 contour and the spiral's points."""
    _draw_bands(ax, epoch, res)
    _draw_points(ax)
    return ax


class TrainingEpoch(Panel):
    """Panel 3: the recorded spiral run at ``epoch``: boundary (left), loss and accuracy.

    ``training_epoch(epoch=...)`` returns the figure; ``epoch`` is one of
    :data:`RUN_EPOCHS`. The run (:func:`record_run`) and the boundary of every recorded
    epoch are computed once, when the figure is built; an update only shows one of them
    and moves the curves.
    """

    figsize = (7.6, 3.3)

    def setup(self, fig):
        run = record_run()
        ax0, ax1 = self.axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
        fig.subplots_adjust(left=0.09, right=0.9, bottom=0.15, top=0.9, wspace=0.32)
        self.bands = {e: _draw_bands(ax0, e) for e in sorted(run["snapshots"])}
        for artists in self.bands.values():
            for artist in artists:
                artist.set_visible(False)
        self.shown = []
        before = len(ax0.collections)
        _draw_points(ax0)
        points = ax0.collections[before:]              # drawn above the moving bands
        ax0.set_title(" ", fontsize=10)
        self.e = np.arange(len(run["loss"]))
        ax1.plot(self.e, run["loss"], color=PALETTE["grey"], lw=1, ls=LINESTYLES[1])
        (self.loss,) = ax1.plot(self.e[:1], run["loss"][:1], color=COLORS[0], lw=2.2,
                                label="loss")
        ax1.set_xlim(-0.05 * self.e[-1], 1.05 * self.e[-1])    # the autoscaled limits, fixed
        ax1.set_xlabel("epoch")
        ax1.set_ylabel("cross-entropy loss")
        ax1.set_ylim(0, max(run["loss"]) * 1.05)
        ax2 = ax1.twinx()
        (self.accuracy,) = ax2.plot(self.e[:1], run["accuracy"][:1], color=COLORS[1], ls="--",
                                    lw=1.8, label="accuracy")
        ax2.set_ylim(0.4, 1.02)
        ax2.set_ylabel("training accuracy")
        ax2.grid(False)
        ax1.legend(loc="center right", fontsize=8, bbox_to_anchor=(1.0, 0.6))
        ax2.legend(loc="center right", fontsize=8, bbox_to_anchor=(1.0, 0.45))
        pin_layout(fig)
        bands = [a for artists in self.bands.values() for a in artists]
        self.moving(*bands, *points, ax0.title, self.loss, self.accuracy)

    def update(self, epoch=100):
        run = record_run()
        if epoch not in self.bands:
            raise ValueError(f"epoch must be one of {sorted(run['snapshots'])}, got {epoch!r}")
        for artist in self.shown:
            artist.set_visible(False)
        self.shown = self.bands[epoch]
        for artist in self.shown:
            artist.set_visible(True)
        self.axes[0].title.set_text(
            f"epoch {epoch}: training accuracy {run['accuracy'][epoch]:.2f}")
        self.loss.set_data(self.e[:epoch + 1], run["loss"][:epoch + 1])
        self.accuracy.set_data(self.e[:epoch + 1], run["accuracy"][:epoch + 1])


#: panel 3 of chapter 6: ``training_epoch(epoch)`` returns its figure
training_epoch = TrainingEpoch()
