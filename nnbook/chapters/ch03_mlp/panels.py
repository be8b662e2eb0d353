r"""Chapter 3's slider panels: :class:`nnbook.widgets.Panel` instances, ``panel(**params) ->
Figure``, built once and updated in place.

:data:`xor_panel` (the two hidden lines of the hand-set 2-2-1 network),
:func:`make_digit_explorer` (a panel for one trained digit network), :data:`width_panel`
(validation accuracy and first-layer weights per hidden width), :data:`xor_hidden_panel`
and :data:`bottleneck_panel` (hidden spaces over training).
"""

from __future__ import annotations

import functools

import numpy as np

from ..._checks import as_float_array, check_int, check_labels, check_real
from ...exercises.ch3 import (
    WIDTHS,
    XOR_EPOCHS,
    XOR_X,
    XOR_Y,
    digit_split,
    hand_set_xor_mlp,
    hidden_space_rows_right,
    width_sweep,
    xor_history,
    xor_rows_right,
)
from ...mlp import MLP
from ...plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE
from ...widgets import Panel
from .experiments import BOTTLENECK_EPOCHS, bottleneck_history, xor_family
from .figures import XOR_LIM, weight_canvas, xor_output_map

__all__ = ["XorPanel", "xor_panel", "DigitExplorer", "make_digit_explorer", "WidthPanel",
           "width_panel", "XorHiddenPanel", "xor_hidden_panel", "DIGIT_COLORS",
           "BottleneckPanel", "bottleneck_panel"]


# ------------------------------------------------------------------------------ XOR
@functools.lru_cache(maxsize=64)
def _xor_output(c1, c2):
    """Output of the hand-set network over the XOR lattice and its count of right XOR rows."""
    net = hand_set_xor_mlp(c1, c2)
    out = xor_output_map(net)
    out.setflags(write=False)
    return out, xor_rows_right(net)


class XorPanel(Panel):
    r"""Panel: the hand-set 2-2-1 XOR network of
    :func:`~nnbook.exercises.ch3.hand_set_xor_mlp` with thresholds ``c1``, ``c2``.

    The shading is the output :math:`\hat y` over the square :math:`[-0.5, 1.5]^2` (blue near
    0, vermillion near 1), the dashed and dotted lines are the two hidden units' edges
    :math:`x_1 + x_2 = c_i` (legend below the square), and the title counts the truth-table
    rows the network gets right. The figure is built once and updated in place.
    """

    figsize = (5.0, 4.5)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        # the frames are not cropped to their content: room for the y label and the last tick
        fig.subplots_adjust(left=0.18, right=0.935, bottom=0.22, top=0.91)
        self.shade = ax.imshow(np.zeros((121, 121)), origin="lower", extent=XOR_LIM * 2,
                               cmap=DIVERGING, vmin=0, vmax=1, alpha=0.55, aspect="auto",
                               interpolation="bilinear", interpolation_stage="data")
        self.lines = [ax.plot([], [], color="k", ls=LINESTYLES[i + 1], lw=1.8,
                              label=f"hidden unit {i + 1}: $z_{i + 1}=0$")[0] for i in range(2)]
        points = [ax.scatter(*XOR_X[XOR_Y == label].T, s=90, c=COLORS[label],
                             marker=MARKERS[label], edgecolors="k", zorder=3,
                             label=f"XOR = {label}") for label in (0, 1)]
        ax.set_xlim(*XOR_LIM)
        ax.set_ylim(*XOR_LIM)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        self.title = ax.set_title("", fontsize=10)
        ax.grid(False)
        # the legend sits below the square, so it is drawn once with the static background
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, fontsize=8)
        # points and spines are static but must stay above the moving shading
        self.moving(self.shade, *self.lines, *points, *ax.spines.values(), self.title)

    def update(self, c1=0.5, c2=1.5):
        c1, c2 = check_real(c1, "c1"), check_real(c2, "c2")
        out, right = _xor_output(c1, c2)
        self.shade.set_data(out)
        ends = np.array(XOR_LIM)
        for line, c in zip(self.lines, (c1, c2)):    # hidden line i: x1 + x2 = c_i
            line.set_data(ends, c - ends)
        self.title.set_text(f"c1 = {c1:g}, c2 = {c2:g}: {right} of 4 XOR rows right")


xor_panel = XorPanel()


class XorHiddenPanel(Panel):
    """Panel ``panel(epoch)``: the hidden space (h1, h2) of the four XOR rows during training,
    for the first seed of each solution family (left: lines along x1 + x2, right: along
    x1 - x2), with the output unit's line z = 0. ``epoch`` is one of
    :data:`~nnbook.exercises.ch3.XOR_EPOCHS`; the runs come from
    :func:`~nnbook.exercises.ch3.xor_history`.
    """

    figsize = (8.4, 4.3)

    def __init__(self, seeds=(0, 3)):
        super().__init__()
        self.seeds = tuple(check_int(s, "seeds[i]", minimum=0) for s in seeds)

    def setup(self, fig):
        axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.24, top=0.9, wspace=0.25)
        self.points, self.lines, self.titles = [], [], []
        for ax in axes:
            pts = [ax.scatter(np.zeros(2), np.zeros(2), s=90, c=COLORS[label],
                              marker=MARKERS[label], edgecolors="k", zorder=3,
                              label=f"XOR = {label}") for label in (0, 1)]
            (line,) = ax.plot([], [], color="k", lw=1.5, label="output unit: $z = 0$")
            ax.set_xlim(-1.1, 1.1)
            ax.set_ylim(-1.1, 1.1)
            ax.set_aspect("equal")
            ax.set_xlabel("hidden output $h_1$")
            ax.set_ylabel("hidden output $h_2$")
            self.points.append(pts)
            self.lines.append(line)
            self.titles.append(ax.set_title("", fontsize=10))
        fig.legend(*axes[0].get_legend_handles_labels(), loc="lower center", ncol=3, fontsize=9)
        self.moving(*[p for pts in self.points for p in pts], *self.lines, *self.titles)

    def update(self, epoch=XOR_EPOCHS[-1]):
        epoch = check_int(epoch, "epoch", minimum=0)
        if epoch not in XOR_EPOCHS:
            raise ValueError(f"epoch must be one of {XOR_EPOCHS}, got {epoch}")
        g = np.array([-1.1, 1.1])
        for k, seed in enumerate(self.seeds):
            net, snaps = xor_history(seed)
            H, w2, b2 = snap = snaps[epoch]
            for label, pts in zip((0, 1), self.points[k]):
                pts.set_offsets(H[XOR_Y == label])
            if abs(w2[1]) > abs(w2[0]):
                self.lines[k].set_data(g, -(w2[0] * g + b2) / w2[1])
            else:
                self.lines[k].set_data(-(w2[1] * g + b2) / w2[0], g)
            right = hidden_space_rows_right(snap)
            self.titles[k].set_text(f"seed {seed} ({xor_family(net)}), epoch {epoch}: "
                                    f"{right} of 4 right")


xor_hidden_panel = XorHiddenPanel()


# ------------------------------------------------------------------- digits
class DigitExplorer(Panel):
    """Panel ``panel(index)``: the image ``X[index]`` (left) and the ten probabilities
    ``net.predict_proba(X[index])`` as bars (right), the prediction in vermillion, the true
    label hatched. Made by :func:`make_digit_explorer`; the probabilities of all of X are
    computed once, and the figure is built once and updated in place.
    """

    figsize = (7.2, 2.9)

    def __init__(self, X, y, proba):
        super().__init__()
        self.X, self.y, self.proba = X, y, proba

    def setup(self, fig):
        ax0, ax1 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.7]})
        fig.subplots_adjust(left=0.03, right=0.97, bottom=0.18, top=0.86, wspace=0.25)
        self.image = ax0.imshow(np.zeros((28, 28)), cmap="gray_r", vmin=0, vmax=1)
        ax0.set_xticks([])
        ax0.set_yticks([])
        self.title0 = ax0.set_title("", fontsize=10)
        self.bars = ax1.bar(np.arange(10), np.zeros(10), color=PALETTE["grey"],
                            edgecolor="k").patches
        ax1.set_xticks(np.arange(10))
        ax1.set_xlim(*ax1.get_xlim())                # fixed: heights change, positions not
        ax1.set_ylim(0, 1.05)
        ax1.set_xlabel("digit (hatched: true label)")
        ax1.set_ylabel("softmax probability")
        self.title1 = ax1.set_title("", fontsize=10)
        self.moving(self.image, self.title0, *self.bars, self.title1)

    def update(self, index=0):
        i = check_int(index, "index", minimum=0)
        if i >= self.X.shape[0]:
            raise ValueError(f"index must be below {self.X.shape[0]}, got {i}")
        p, pred, label = self.proba[i], int(self.proba[i].argmax()), int(self.y[i])
        self.image.set_data(self.X[i].reshape(28, 28))
        self.title0.set_text(f"image {i}: label {label}")
        for d, bar in enumerate(self.bars):
            bar.set_height(p[d])
            bar.set_facecolor(COLORS[1] if d == pred else PALETTE["grey"])
            bar.set_hatch("//" if d == label else None)
        verdict = "right" if pred == label else "WRONG"
        self.title1.set_text(f"prediction {pred} with p = {p[pred]:.2f} ({verdict})")


def make_digit_explorer(net, X, y):
    """Build the panel ``plot(index) -> Figure`` for a trained digit network.

    Parameters
    ----------
    net : MLP with 784 inputs and a 10-way softmax output
    X : array_like (n, 784), the images to explore; y : array_like of int (n,), their labels

    Returns
    -------
    DigitExplorer, a :class:`nnbook.widgets.Panel`: ``panel(index)`` shows the image
    ``X[index]`` (left) and the ten probabilities ``net.predict_proba(X[index])`` as bars
    (right), the true label hatched.
    """
    if not isinstance(net, MLP) or net.sizes[0] != 784 or net.sizes[-1] != 10:
        raise ValueError("net must be an MLP with 784 inputs and 10 outputs")
    X = as_float_array(X, "X", ndim=2)
    y = check_labels(y, "y", n_classes=10, n_samples=X.shape[0])
    return DigitExplorer(X, y, net.predict_proba(X))        # computed once, looked up per frame


class WidthPanel(Panel):
    """Panel: validation and training accuracy against hidden width (left, the chosen width ringed)
    and the first eight first-layer weight images of the chosen network (right).

    ``width`` must be one of :data:`~nnbook.exercises.ch3.WIDTHS`; the networks come from
    :func:`~nnbook.exercises.ch3.width_sweep` (trained once, cached), so an update only
    redraws. Fewer than eight hidden units fill the top row of tiles and leave the bottom
    row blank.
    """

    figsize = (8.4, 3.2)

    def setup(self, fig):
        sweep = width_sweep()
        hs = np.array(WIDTHS)
        ax0, ax1 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.17, top=0.86, wspace=0.12)
        for k, (key, name) in enumerate((("val", "validation"), ("train", "training"))):
            ax0.plot(hs, [sweep[h][key] for h in WIDTHS], color=COLORS[k], ls=LINESTYLES[k],
                     marker=MARKERS[k], lw=2, label=f"{name} accuracy")
        (self.ring,) = ax0.plot([], [], marker="o", ms=14, mfc="none", mec="k", mew=2)
        ax0.set_xscale("log", base=2)
        ax0.set_xticks(hs, [str(h) for h in WIDTHS])
        ax0.set_xlim(*ax0.get_xlim())
        ax0.set_ylim(0.3, 1.01)
        ax0.set_xlabel("hidden units $h$")
        ax0.set_ylabel("accuracy")
        self.title0 = ax0.set_title("", fontsize=10)
        ax0.legend(loc="lower right", fontsize=9)     # static: the ring never reaches it
        n_max = min(8, max(WIDTHS))
        self.image = ax1.imshow(np.full(weight_canvas(np.ones((n_max, 784)), 4).shape, np.nan),
                                cmap=DIVERGING, vmin=-1, vmax=1, interpolation="nearest")
        ax1.set_xticks([])
        ax1.set_yticks([])
        self.title1 = ax1.set_title("", fontsize=10)
        ax1.grid(False)
        for spine in ax1.spines.values():
            spine.set_visible(False)
        self.moving(self.ring, self.title0, self.image, self.title1)

    def update(self, width=16):
        width = check_int(width, "width", minimum=1)
        if width not in WIDTHS:
            raise ValueError(f"width must be one of {WIDTHS}, got {width!r}")
        r = width_sweep()[width]
        self.ring.set_data([width], [r["val"]])
        self.title0.set_text(f"h = {width}: validation {r['val']:.1%}, "
                             f"{r['params']:,} parameters")
        n = min(8, width)
        canvas = np.full(self.image.get_array().shape, np.nan)
        tiles = weight_canvas(r["W1"][:n], ncols=4)
        canvas[:tiles.shape[0], :tiles.shape[1]] = tiles
        self.image.set_data(canvas)
        self.title1.set_text(f"weights into hidden units 1-{n}")


width_panel = WidthPanel()


#: ten colours for the ten digits: the palette's nine and a dark brown
DIGIT_COLORS = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple",
                                     "yellow", "black", "grey")] + ["#7f3b08"]


class BottleneckPanel(Panel):
    """Panel ``panel(epoch)``: the two hidden outputs of the 500 validation images of the
    ``MLP([784, 2, 10])`` of :func:`~.experiments.bottleneck_history` at ``epoch`` (one of
    ``BOTTLENECK_EPOCHS``), each image drawn as its digit in that digit's colour.
    Each hidden output is divided by its largest value over the images at that epoch, so the
    axes stay fixed (0 to 1) while the outputs grow during training.
    """

    figsize = (6.0, 4.6)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.13, right=0.97, bottom=0.12, top=0.9)
        y_val = digit_split()[3]
        self.groups = []
        for d in range(10):
            n = int(np.sum(y_val == d))
            self.groups.append(ax.scatter(np.zeros(n), np.zeros(n), s=28, marker=f"${d}$",
                                          color=DIGIT_COLORS[d], linewidths=0.3))
        ax.set_xlim(-0.04, 1.04)
        ax.set_ylim(-0.04, 1.04)
        ax.set_xlabel("hidden output $h_1$ / its largest value")
        ax.set_ylabel("hidden output $h_2$ / its largest value")
        self.title = ax.set_title("", fontsize=10)
        self.moving(*self.groups, self.title)

    def update(self, epoch=BOTTLENECK_EPOCHS[-1]):
        epoch = check_int(epoch, "epoch", minimum=0)
        if epoch not in BOTTLENECK_EPOCHS:
            raise ValueError(f"epoch must be one of {BOTTLENECK_EPOCHS}, got {epoch}")
        _, snaps = bottleneck_history()
        H, acc = snaps[epoch]
        y_val = digit_split()[3]
        scaled = H / np.maximum(H.max(axis=0), 1e-12)
        for d, group in enumerate(self.groups):
            group.set_offsets(scaled[y_val == d])
        self.title.set_text(f"epoch {epoch}: validation accuracy {acc:.0%}")


bottleneck_panel = BottleneckPanel()
