"""The playground's picture: one Matplotlib figure whose artists are updated in place.

Layout: the network on the left (inputs, a small heat map per hidden unit,
links whose width and colour show each weight's size and sign), the output heat
map over the plane with the data in the middle, the loss curves on the right.
:meth:`PlaygroundView.update` changes image data, line data, widths and
colours only, never rebuilds a plot. The view is a :class:`nnbook.widgets.Panel`:
everything that moves is registered as a moving artist, so a frame is blitted
the way every slider panel of the book is (the still parts drawn once and kept
as pixels, the moving artists drawn on them). Only when the loss axes must grow
is the whole figure redrawn.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from ..plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE, grid_points, link_style
from ..widgets import Panel, encode_png
from .datasets import SCALE

__all__ = ["PlaygroundView"]

_FEATURE_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "x1^2": "$x_1^2$", "x2^2": "$x_2^2$",
                   "x1*x2": "$x_1x_2$", "sin(x1)": r"$\sin x_1$", "sin(x2)": r"$\sin x_2$"}


class PlaygroundView(Panel):
    """Draws a :class:`~nnbook.playground.core.Session` and redraws it cheaply.

    A :class:`~nnbook.widgets.Panel` without parameters: ``update()`` reads
    everything from the session, :meth:`image` encodes the blitted picture.

    Parameters
    ----------
    session : Session
    res : int
        Grid resolution of the output heat map (the unit maps use res // 2).
    dpi : int
    show_test : bool
        Draw the test points too.
    show_text : bool
        Print epoch and losses inside the figure (the live app shows them in a
        label instead, which is cheaper than drawing text every frame).
    discretize : bool
        Colour the output map by the decision alone (see :meth:`set_discretize`).
    """

    figsize = (11, 4.6)

    def __init__(self, session, res=60, dpi=72, show_test=False, show_text=True,
                 discretize=False):
        super().__init__()
        self.session, self.res, self.dpi = session, res, dpi
        self.show_text, self.show_test = show_text, show_test
        self.discretize = bool(discretize)
        self.G = grid_points((-SCALE, -SCALE), (SCALE, SCALE), res)[2]
        self.g_small = grid_points((-SCALE, -SCALE), (SCALE, SCALE), res // 2)[2]
        self()                                  # build the figure and draw the first state

    # ----------------------------------------------------------------- build
    def setup(self, fig):
        """The axes and every artist; the moving ones registered in the order they are drawn."""
        gs = fig.add_gridspec(2, 3, width_ratios=[1.25, 1, 0.9], hspace=0.45, wspace=0.25,
                              left=0.02, right=0.98, top=0.92, bottom=0.1)
        self._build_network(fig.add_subplot(gs[:, 0]))
        self._build_output(fig.add_subplot(gs[:, 1]), self.show_test)
        self._build_losses(fig.add_subplot(gs[0, 2]))
        self.ax_text = fig.add_subplot(gs[1, 2])
        self.ax_text.axis("off")
        self.text = self.ax_text.text(0.0, 0.9, "", va="top", family="monospace", fontsize=10,
                                      zorder=3, visible=self.show_text)
        # zorder: heat map 0, points and links 1, unit maps 1.5, loss curves 2, text 3
        self.moving(self.out_image, *self.train_points, *self.test_points,
                    *[line for layer in self.links for _, _, line in layer],
                    *[img for layer in self.unit_images for img in layer],
                    self.train_line, self.test_line, self.text)

    def _build_network(self, ax):
        s = self.session.state
        sizes = [len(s["features"]), *s["hidden"], self.session.net.sizes[-1]]
        self.pos = []
        for l, n in enumerate(sizes):
            ys = np.linspace(1, 0, 10)[1:-1][:n] if n > 1 else np.array([0.5])
            ys = ys - ys.mean() + 0.5
            self.pos.append([(float(l), float(y)) for y in ys])
        self.links = []
        for l in range(len(sizes) - 1):
            layer = []
            for i, (x1, y1) in enumerate(self.pos[l + 1]):
                for j, (x0, y0) in enumerate(self.pos[l]):
                    (line,) = ax.plot([x0 + 0.2, x1 - 0.2], [y0, y1], lw=1, zorder=1)
                    layer.append((i, j, line))
            self.links.append(layer)
        for k, (x, y) in enumerate(self.pos[0]):
            ax.text(x, y, _FEATURE_LABELS[s["features"][k]], ha="center", va="center",
                    fontsize=10, bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["grey"]})
        self.unit_images = []
        for l in range(1, len(sizes) - 1):
            imgs = []
            for x, y in self.pos[l]:
                inset = ax.inset_axes([x - 0.17, y - 0.045, 0.34, 0.09], transform=ax.transData)
                inset.set_xticks([])
                inset.set_yticks([])
                imgs.append(inset.imshow(np.zeros((self.res // 2,) * 2), origin="lower",
                                         cmap=DIVERGING, vmin=-1, vmax=1, zorder=1.5,
                                         extent=(-SCALE, SCALE, -SCALE, SCALE)))
            self.unit_images.append(imgs)
        for x, y in self.pos[-1]:
            ax.scatter([x], [y], s=120, c="white", edgecolors="k", zorder=3)
        ax.set_xlim(-0.5, len(sizes) - 0.5)
        ax.set_ylim(0.0, 1.0)
        ax.axis("off")
        ax.set_title("network (width: |w|, colour and style: sign)", fontsize=10)

    def _build_output(self, ax, show_test):
        sess = self.session
        regression = sess.problem == "regression"
        k = sess.net.sizes[-1]
        vmin, vmax = (-1, 1) if regression else ((0, 1) if k == 2 else (-0.5, k - 0.5))
        cmap = DIVERGING if (regression or k == 2) else _class_cmap(k)
        self.out_image = ax.imshow(np.zeros((self.res, self.res)), origin="lower", cmap=cmap,
                                   vmin=vmin, vmax=vmax, alpha=0.6, interpolation="bilinear",
                                   extent=(-SCALE, SCALE, -SCALE, SCALE))
        d = sess.data
        # the points are drawn after the (moving) heat map, so they move with it too
        if regression:
            self.train_points = [ax.scatter(
                d["X_train"][:, 0], d["X_train"][:, 1], c=d["y_train"], cmap=DIVERGING,
                vmin=-1, vmax=1, s=14, edgecolors="k", linewidths=0.4)]
            self.test_points = [ax.scatter(
                d["X_test"][:, 0], d["X_test"][:, 1], c=d["y_test"], cmap=DIVERGING, vmin=-1,
                vmax=1, s=14, marker="s", edgecolors="k", linewidths=0.8)]
        else:
            self.train_points, self.test_points = [], []
            for c in range(k):
                tr, te = d["y_train"] == c, d["y_test"] == c
                self.train_points.append(ax.scatter(
                    d["X_train"][tr, 0], d["X_train"][tr, 1], s=14, c=COLORS[c],
                    marker=MARKERS[c], edgecolors="white", linewidths=0.4))
                self.test_points.append(ax.scatter(
                    d["X_test"][te, 0], d["X_test"][te, 1], s=16, facecolors="none",
                    edgecolors=COLORS[c], marker=MARKERS[c], linewidths=1.0))
        self.set_show_test(show_test)
        ax.set_xlim(-SCALE, SCALE)
        ax.set_ylim(-SCALE, SCALE)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$", labelpad=-4)
        ax.set_title("output", fontsize=10)

    def _build_losses(self, ax):
        (self.train_line,) = ax.plot([], [], color=COLORS[0], ls=LINESTYLES[0], label="train")
        (self.test_line,) = ax.plot([], [], color=COLORS[1], ls=LINESTYLES[1], label="test")
        self._xmax, self._ymax = 10.0, None
        ax.set_xlabel("epoch", fontsize=9)
        ax.set_ylabel("loss", fontsize=9)
        ax.tick_params(labelsize=8)
        ax.legend(fontsize=8, loc="upper right")
        self.ax_loss = ax

    # ---------------------------------------------------------------- update
    def set_show_test(self, show):
        """Show or hide the test points (they are moving artists: no full redraw needed)."""
        for artist in self.test_points:
            artist.set_visible(bool(show))

    def set_discretize(self, flag):
        """Show the output map as hard decisions (``True``) or as graded values (``False``).

        Discretized, two classes show 0 or 1 (:math:`p_1 \\ge 1/2`), regression shows the
        sign of the prediction (-1 or +1); more classes are always shown as the predicted class.
        Call :meth:`update` afterwards.
        """
        self.discretize = bool(flag)

    def output_map(self):
        """The values the output map shows on its (res, res) grid (see :meth:`set_discretize`)."""
        out = self.session.output_on(self.G).reshape(self.res, self.res)
        if self.discretize:
            k = self.session.net.sizes[-1]
            if self.session.problem == "regression":
                out = np.where(out >= 0, 1.0, -1.0)
            elif k == 2:
                out = (out >= 0.5).astype(float)
        return out

    def update(self):
        """Refresh every artist from the session (no new artists are made)."""
        sess, net = self.session, self.session.net
        self.out_image.set_data(self.output_map())
        wmax = max([float(np.abs(W).max()) for W in net.weights] + [1e-9])
        for l, layer in enumerate(self.links):
            W = net.weights[l]
            for i, j, line in layer:
                w = float(W[i, j])
                color, ls, lw = link_style("sign", l, w, 3.5 * abs(w) / wmax)
                line.set(color=color, linestyle=ls, linewidth=lw)
        if self.unit_images:
            small = self.res // 2
            for l, acts in enumerate(sess.hidden_on(self.g_small)):
                lo, hi = float(acts.min()), float(acts.max())
                span = max(abs(lo), abs(hi), 1e-9)
                for u, img in enumerate(self.unit_images[l]):
                    img.set_data(acts[:, u].reshape(small, small) / span)
        h = sess.history
        self.train_line.set_data(h["epoch"], h["train_loss"])
        self.test_line.set_data(h["epoch"], h["test_loss"])
        top = max([v for v in h["train_loss"] + h["test_loss"] if np.isfinite(v)] + [1e-3])
        if self._ymax is None or top > self._ymax:
            self._ymax = 1.3 * top
            self.ax_loss.set_ylim(0, self._ymax)
            self.refresh()
        while h["epoch"][-1] > self._xmax:
            self._xmax *= 2
            self.refresh()
        self.ax_loss.set_xlim(0, self._xmax)
        self.text.set_text(f"epoch      {sess.epoch:8.1f}\ntrain loss {h['train_loss'][-1]:8.3f}"
                           f"\ntest loss  {h['test_loss'][-1]:8.3f}")
        return self

    def image(self, fmt="png"):
        """The current picture as encoded bytes: ``"png"`` (exact) or ``"jpeg"`` (faster)."""
        if fmt not in ("png", "jpeg"):
            raise ValueError(f"fmt must be 'png' or 'jpeg', got {fmt!r}")
        self.draw()
        if fmt == "png":
            return encode_png(self.pixels(), 1)
        canvas = self.fig.canvas
        # straight from the canvas memory; slicing RGB out in NumPy would copy it twice
        rgb = Image.frombuffer("RGBA", canvas.get_width_height(physical=True),
                               self.pixels(), "raw", "RGBA", 0, 1).convert("RGB")
        buf = io.BytesIO()
        rgb.save(buf, format="jpeg", quality=80)
        return buf.getvalue()


def _class_cmap(k):
    from matplotlib.colors import ListedColormap
    return ListedColormap(COLORS[:k])
