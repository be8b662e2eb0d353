"""Chapter 6's linear-regions panel: how a ReLU network cuts the plane into affine pieces.

:class:`LinearRegions` shows the regions (:func:`nnbook.approximation.activation_regions`)
and the decision boundary of one of several trained two-class ReLU networks.
"""

from __future__ import annotations

import numpy as np

from ...approximation import activation_regions
from ...plotting import grid_points, plot_points
from ...widgets import Panel, pin_layout

__all__ = ["LinearRegions"]


class LinearRegions(Panel):
    """Panel: the linear regions and the decision boundary of one of several trained
    two-class ReLU networks on the square [-1, 1]^2.

    ``LinearRegions(nets, accuracy, X, y)`` takes ``nets`` keyed by (name, seed), their
    test ``accuracy`` under the same keys, and points ``X`` (m, 2) with labels ``y`` to
    show; ``panel(network=name, seed=seed)`` returns the figure. Regions get shades of
    grey in a fixed random order; the title counts the regions met on a 240 x 240 grid.
    Everything is computed once, in ``setup``; an update swaps the image and the contour.
    """

    figsize = (4.6, 4.4)
    res = 240

    def __init__(self, nets, accuracy, X, y):
        super().__init__()
        self.nets, self.accuracy = dict(nets), dict(accuracy)
        self.X, self.y = np.asarray(X, dtype=float), np.asarray(y)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.17, right=0.97, bottom=0.12, top=0.9)
        gx, gy, grid_pts = grid_points((-1, -1), (1, 1), self.res)
        shades = np.random.default_rng(0).uniform(0.15, 0.85, 4096)
        self.images, self.contours, self.counts = {}, {}, {}
        for key, net in self.nets.items():
            ids, count = activation_regions(net, grid_pts)
            self.counts[key] = count
            self.images[key] = shades[ids % shades.size].reshape(gx.shape)
            p = net.predict_proba(grid_pts)[:, 1].reshape(gx.shape)
            cs = ax.contour(gx, gy, p, levels=[0.5], colors="k", linewidths=1.6)
            cs.set_visible(False)
            self.contours[key] = cs
        first = next(iter(self.images))
        self.image = ax.imshow(self.images[first], origin="lower", extent=(-1, 1, -1, 1),
                               cmap="Greys", vmin=0, vmax=1.6, interpolation="nearest",
                               aspect="auto")
        before = len(ax.collections)
        plot_points(self.X, self.y, ax=ax, size=7, alpha=None, edge=False)
        points = ax.collections[before:]
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        ax.set_title(" ", fontsize=9)
        ax.grid(False)
        self.shown = None
        pin_layout(fig)
        self.moving(self.image, *self.contours.values(), *points, ax.title)

    def update(self, network="deep", seed=0):
        key = (network, seed)
        if key not in self.nets:
            raise ValueError(f"(network, seed) must be one of {sorted(self.nets)}, got {key!r}")
        if self.shown is not None:
            self.contours[self.shown].set_visible(False)
        self.shown = key
        self.contours[key].set_visible(True)
        self.image.set_data(self.images[key])
        self.ax.title.set_text(f"{network} net, seed {seed}: {self.counts[key]} linear regions, "
                               f"test {self.accuracy[key]:.2f}")
