r"""Panels and helpers for chapter 3, the multi-layer perceptron and handwritten digits.

Notation as in the book: layer l computes :math:`\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)} +
\mathbf{b}^{(l)}` and :math:`\mathbf{a}^{(l)} = f(\mathbf{z}^{(l)})`, with :math:`W^{(l)}` of
shape (n_out, n_in); over a batch of n rows the code computes ``Z = A @ W.T + b``.

Panels (:class:`nnbook.widgets.Panel` instances, ``panel(**params) -> Figure``, built once and
updated in place): :data:`xor_panel` (the two hidden lines of a 2-2-1 network),
:func:`make_digit_explorer` (returns a panel for one trained digit network), :data:`width_panel`
(validation accuracy and first-layer weights per hidden width), :data:`xor_hidden_panel`
and :data:`bottleneck_panel` (hidden spaces over training). Static figures:
:func:`digits_figure`, :func:`xor_figure`, :func:`xor_seeds_figure`, :func:`losses_figure`,
:func:`depth_figure`, :func:`weights_figure`.
Helpers: the three ways of computing one layer (:func:`layer_scalar`,
:func:`layer_per_sample`, :func:`layer_batched`), :func:`naive_softmax`,
:func:`confusion_matrix`, :func:`confidently_wrong`, :func:`digit_split`, :func:`width_sweep`,
:func:`xor_family`, :func:`xor_history`, :func:`bottleneck_history`, :class:`ProgressBar`.
"""

from __future__ import annotations

import functools
import math

import matplotlib.pyplot as plt
import numpy as np

from .. import data
from .._checks import as_float_array, check_int, check_labels, check_positive, check_real
from ..mlp import MLP
from ..plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE
from ..widgets import Panel

__all__ = ["XOR_X", "XOR_Y", "HAND_XOR", "XOR_C1", "XOR_C2", "xor_network", "XorPanel",
           "xor_panel", "xor_figure",
           "layer_scalar", "layer_per_sample", "layer_batched", "naive_softmax",
           "ProgressBar", "confusion_matrix", "confidently_wrong", "weight_canvas",
           "digits_figure", "weights_figure", "DigitExplorer", "make_digit_explorer", "WIDTHS",
           "digit_split", "digit_network", "width_sweep", "WidthPanel", "width_panel",
           "IMAGENET", "depth_figure",
           "MARGIN_LOSSES", "losses_figure", "xor_family", "xor_seeds_figure", "XOR_EPOCHS",
           "XOR_SEEDS", "xor_history", "XorHiddenPanel", "xor_hidden_panel",
           "BOTTLENECK_EPOCHS", "bottleneck_history", "BottleneckPanel", "bottleneck_panel"]

#: the four inputs of the XOR truth table, one per row (n, 2) = (4, 2)
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
#: their XOR labels (4,)
XOR_Y = np.array([0, 1, 1, 0])
#: steepness k and the two thresholds of the hand-set 2-2-1 XOR network:
#: h1 = sigma(k (x1 + x2 - c1)) ("at least one"), h2 = sigma(k (x1 + x2 - c2)) ("both"),
#: y = sigma(k (h1 - h2 - 1/2)) ("h1 and not h2")
HAND_XOR = {"k": 20.0, "c1": 0.5, "c2": 1.5}
#: slider grids of :func:`xor_panel`: thresholds of hidden unit 1 and hidden unit 2
XOR_C1 = (-0.5, -0.25, 0.25, 0.5, 0.75, 1.25)
XOR_C2 = (0.25, 0.75, 1.25, 1.5, 1.75, 2.25)
#: hidden widths of the sweep behind :func:`width_panel`
WIDTHS = (2, 4, 8, 16, 32, 64)
#: ImageNet (ILSVRC) classification entries: name, year, weight layers, top-5 error % of the
#: entry, its place in that year's classification task, and how many networks the entry
#: averaged (the error of one network alone is higher; e.g. 4.49% for one ResNet-152)
IMAGENET = (("AlexNet", 2012, 8, 16.4, "1st", 5), ("VGG-19", 2014, 19, 7.3, "2nd", 7),
            ("GoogLeNet", 2014, 22, 6.7, "1st", 7), ("ResNet-152", 2015, 152, 3.57, "1st", 6))


# ------------------------------------------------------------------------------ XOR
def xor_network(c1=HAND_XOR["c1"], c2=HAND_XOR["c2"], k=HAND_XOR["k"]):
    r"""The hand-set 2-2-1 sigmoid network for XOR, as an :class:`nnbook.MLP`.

    Hidden unit 1 fires above the line :math:`x_1 + x_2 = c_1`, hidden unit 2 above
    :math:`x_1 + x_2 = c_2`; the output fires when unit 1 is on and unit 2 is off:

    .. math:: W^{(1)} = k\begin{bmatrix}1 & 1\\ 1 & 1\end{bmatrix},\;
              \mathbf{b}^{(1)} = -k\begin{bmatrix}c_1\\ c_2\end{bmatrix},\;
              W^{(2)} = k\begin{bmatrix}1 & -1\end{bmatrix},\; b^{(2)} = -k/2.

    Returns
    -------
    MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss="binary_cross_entropy")
        with ``weights`` of shapes (2, 2) and (1, 2) and ``biases`` (2,) and (1,).
    """
    c1, c2 = check_real(c1, "c1"), check_real(c2, "c2")
    k = check_positive(k, "k")
    net = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss="binary_cross_entropy")
    net.weights[0][...] = k
    net.biases[0][...] = [-k * c1, -k * c2]
    net.weights[1][...] = [[k, -k]]
    net.biases[1][...] = -k / 2
    return net


_G = np.linspace(-0.5, 1.5, 121)
_GX, _GY = np.meshgrid(_G, _G)
_GRID = np.column_stack([_GX.ravel(), _GY.ravel()])


def _xor_axes(ax, net, title):
    out = net.predict_proba(_GRID)[:, 0].reshape(_GX.shape)
    ax.imshow(out, origin="lower", extent=(_G[0], _G[-1], _G[0], _G[-1]), cmap=DIVERGING,
              vmin=0, vmax=1, alpha=0.55, aspect="auto", interpolation="bilinear")
    W, b = net.weights[0], net.biases[0]
    for i in range(2):                     # hidden line i: W[i] . x + b[i] = 0
        w1, w2 = W[i]
        if abs(w2) > 1e-12:
            ax.plot(_G, -(w1 * _G + b[i]) / w2, color="k", ls=LINESTYLES[i + 1], lw=1.8,
                    label=f"hidden unit {i + 1}: $z_{i + 1}=0$")
        else:
            ax.axvline(-b[i] / w1, color="k", ls=LINESTYLES[i + 1], lw=1.8,
                       label=f"hidden unit {i + 1}: $z_{i + 1}=0$")
    for label in (0, 1):
        sel = XOR_Y == label
        ax.scatter(*XOR_X[sel].T, s=90, c=COLORS[label], marker=MARKERS[label],
                   edgecolors="k", zorder=3, label=f"XOR = {label}")
    ax.set_xlim(_G[0], _G[-1])
    ax.set_ylim(_G[0], _G[-1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title, fontsize=10)
    ax.grid(False)


@functools.lru_cache(maxsize=64)
def _xor_output(c1, c2):
    """Output of :func:`xor_network` over the 121 x 121 grid and its count of right XOR rows."""
    net = xor_network(c1, c2)
    out = net.predict_proba(_GRID)[:, 0].reshape(_GX.shape)
    out.setflags(write=False)
    return out, int(np.sum(net.predict(XOR_X) == XOR_Y))


class XorPanel(Panel):
    r"""Panel: the 2-2-1 XOR network of :func:`xor_network` with thresholds ``c1``, ``c2``.

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
        self.shade = ax.imshow(np.zeros(_GX.shape), origin="lower",
                               extent=(_G[0], _G[-1], _G[0], _G[-1]), cmap=DIVERGING, vmin=0,
                               vmax=1, alpha=0.55, aspect="auto", interpolation="bilinear",
                               interpolation_stage="data")
        self.lines = [ax.plot([], [], color="k", ls=LINESTYLES[i + 1], lw=1.8,
                              label=f"hidden unit {i + 1}: $z_{i + 1}=0$")[0] for i in range(2)]
        points = [ax.scatter(*XOR_X[XOR_Y == label].T, s=90, c=COLORS[label],
                             marker=MARKERS[label], edgecolors="k", zorder=3,
                             label=f"XOR = {label}") for label in (0, 1)]
        ax.set_xlim(_G[0], _G[-1])
        ax.set_ylim(_G[0], _G[-1])
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
        for line, c in zip(self.lines, (c1, c2)):    # hidden line i: x1 + x2 = c_i
            line.set_data(_G[[0, -1]], c - _G[[0, -1]])
        self.title.set_text(f"c1 = {c1:g}, c2 = {c2:g}: {right} of 4 XOR rows right")


xor_panel = XorPanel()


def xor_figure(net=None):
    """Static figure: input space with the hidden lines (left) and the hidden space (right).

    Parameters
    ----------
    net : MLP([2, 2, 1]) or None
        The network to draw; by default the hand-set :func:`xor_network`.
    """
    net = xor_network() if net is None else net
    if net.sizes != [2, 2, 1]:
        raise ValueError(f"xor_figure needs a 2-2-1 network, got sizes {net.sizes}")
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9.0, 4.0))
    _xor_axes(ax0, net, "input space: two hidden lines")
    ax0.legend(loc="lower left", fontsize=7, framealpha=0.85, frameon=True)
    net.forward(XOR_X)
    H = net.activations_[1]                                  # (4, 2) hidden outputs
    W2, b2 = net.weights[1][0], net.biases[1][0]
    for label in (0, 1):
        sel = XOR_Y == label
        ax1.scatter(*H[sel].T, s=90, c=COLORS[label], marker=MARKERS[label], edgecolors="k",
                    zorder=3, label=f"XOR = {label}")
    spots = {}
    for h, x in zip(H.round(2), XOR_X):            # inputs that land on the same spot
        spots.setdefault(tuple(h), []).append(f"({x[0]:g}, {x[1]:g})")
    for (h1, h2), xs in spots.items():
        ax1.annotate("x = " + ", ".join(xs), (h1, h2), xytext=(-8, 8), ha="right",
                     textcoords="offset points", fontsize=8)
    g = np.linspace(-0.1, 1.1, 2)
    if abs(W2[1]) > 1e-12:
        ax1.plot(g, -(W2[0] * g + b2) / W2[1], color="k", ls="-", lw=1.5,
                 label="output unit: $z=0$")
    ax1.set_xlim(-0.1, 1.15)
    ax1.set_ylim(-0.1, 1.15)
    ax1.set_xlabel("hidden output $h_1$")
    ax1.set_ylabel("hidden output $h_2$")
    ax1.set_title("hidden space: one line now suffices", fontsize=10)
    ax1.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------- one layer, three ways
def _layer_args(W, b, X):
    W = as_float_array(W, "W", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    X = as_float_array(X, "X", ndim=2)
    if b.shape[0] != W.shape[0]:
        raise ValueError(f"b has {b.shape[0]} entries but W has {W.shape[0]} rows")
    if X.shape[1] != W.shape[1]:
        raise ValueError(f"X has {X.shape[1]} features but W expects {W.shape[1]}")
    return W, b, X


def layer_scalar(W, b, X):
    r"""Pre-activations :math:`z_i = \sum_j w_{ij} x_j + b_i` with plain Python loops.

    Parameters
    ----------
    W : array_like (n_out, n_in); b : array_like (n_out,); X : array_like (n, n_in)

    Returns
    -------
    ndarray (n, n_out), the same as ``X @ W.T + b`` (slowly: one multiply per step).
    """
    W, b, X = _layer_args(W, b, X)
    Wl, bl = W.tolist(), b.tolist()
    out = []
    for x in X.tolist():
        row = []
        for w_i, b_i in zip(Wl, bl):
            z = b_i
            for w_ij, x_j in zip(w_i, x):
                z += w_ij * x_j
            row.append(z)
        out.append(row)
    return np.array(out)


def layer_per_sample(W, b, X):
    r"""Pre-activations with one matrix-vector product :math:`W\mathbf{x} + \mathbf{b}` per sample.

    Shapes as in :func:`layer_scalar`; returns (n, n_out).
    """
    W, b, X = _layer_args(W, b, X)
    return np.array([W @ x + b for x in X])


def layer_batched(W, b, X):
    """Pre-activations of the whole batch with one matrix product, ``X @ W.T + b`` (n, n_out)."""
    W, b, X = _layer_args(W, b, X)
    return X @ W.T + b


def naive_softmax(z):
    r"""Softmax straight from the formula, :math:`e^{z_i}/\sum_j e^{z_j}`, over the last axis.

    Deliberately *unstable*: for logits above about 709, ``np.exp`` overflows to infinity and
    the result is NaN. Compare :func:`nnbook.losses.softmax`, which subtracts the maximum first.

    Parameters
    ----------
    z : array_like (K,) or (n, K)
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


# ------------------------------------------------------------------------ progress bar
class ProgressBar:
    """A training progress bar for ``MLP.fit(..., callback=ProgressBar(epochs))``.

    In Jupyter the bar is one output that is updated in place after every epoch (an HTML
    ``<progress>`` element plus a text line); the stored notebook keeps the final state.
    It reports the training loss and, when ``fit`` got ``validation=``, the validation
    accuracy of the epoch.

    Parameters
    ----------
    epochs : int >= 1
        The ``epochs`` given to ``fit``.
    width : int >= 5
        Characters of the text bar.
    show : bool
        Display in the notebook (``False`` only records, for tests).
    """

    def __init__(self, epochs, width=30, show=True):
        self.epochs = check_int(epochs, "epochs", minimum=1)
        self.width = check_int(width, "width", minimum=5)
        self.show = bool(show)
        self.done, self.loss, self.score = 0, None, None
        self._handle = None

    def __call__(self, net, epoch):
        hist = net.history_
        self.done = min(epoch + 1, self.epochs)
        self.loss = hist["loss"][-1] if hist.get("loss") else None
        self.score = hist["val_score"][-1] if hist.get("val_score") else None
        if self.show:
            from IPython.display import display
            if self._handle is None:
                self._handle = display(self, display_id=True)
            else:
                self._handle.update(self)

    def text(self):
        """The bar as one line of text, e.g. ``[#####-----] epoch 5/10  loss 0.31``."""
        filled = round(self.width * self.done / self.epochs)
        msg = f"[{'#' * filled}{'-' * (self.width - filled)}] epoch {self.done}/{self.epochs}"
        if self.loss is not None:
            msg += f"  loss {self.loss:.3f}"
        if self.score is not None:
            msg += f"  validation accuracy {self.score:.3f}"
        return msg

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        return (f'<div style="font-family:monospace"><progress max="{self.epochs}" '
                f'value="{self.done}" style="width:16em"></progress> '
                f'{self.text().split("] ", 1)[1]}</div>')


# ------------------------------------------------------------------- evaluating digits
def confusion_matrix(y_true, y_pred, n_classes=10):
    """Counts ``C[i, j]`` of samples with true class i predicted as class j.

    Parameters
    ----------
    y_true, y_pred : array_like of int (n,), values in 0..n_classes-1

    Returns
    -------
    ndarray of int64, shape (n_classes, n_classes); rows sum to the class sizes.
    """
    n_classes = check_int(n_classes, "n_classes", minimum=2)
    t = check_labels(y_true, "y_true", n_classes=n_classes)
    p = check_labels(y_pred, "y_pred", n_classes=n_classes, n_samples=t.shape[0])
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (t, p), 1)
    return C


def confidently_wrong(proba, y_true, k=10):
    """Indices of the ``k`` misclassified samples with the highest predicted probability.

    Parameters
    ----------
    proba : array_like (n, K), rows of class probabilities
    y_true : array_like of int (n,)
    k : int >= 1

    Returns
    -------
    ndarray of int (at most k,), most confident mistake first.
    """
    P = as_float_array(proba, "proba", ndim=2)
    t = check_labels(y_true, "y_true", n_classes=P.shape[1], n_samples=P.shape[0])
    k = check_int(k, "k", minimum=1)
    wrong = np.flatnonzero(P.argmax(axis=1) != t)
    conf = P[wrong].max(axis=1)
    return wrong[np.argsort(-conf, kind="stable")][:k]


def weight_canvas(W, ncols=8):
    """Tile rows of ``W`` (m, 784) as 28x28 pictures into one array, each scaled to [-1, 1].

    Returns
    -------
    ndarray (rows * 29 - 1, ncols * 29 - 1); gaps between tiles hold NaN (drawn blank).
    """
    W = as_float_array(W, "W", ndim=2)
    if W.shape[1] != 784:
        raise ValueError(f"W must have 784 columns (one per pixel), got {W.shape[1]}")
    ncols = check_int(ncols, "ncols", minimum=1)
    m = W.shape[0]
    nrows = math.ceil(m / ncols)
    canvas = np.full((nrows * 29 - 1, ncols * 29 - 1), np.nan)
    for k in range(m):
        r, c = divmod(k, ncols)
        scale = np.abs(W[k]).max() or 1.0
        canvas[r * 29:r * 29 + 28, c * 29:c * 29 + 28] = W[k].reshape(28, 28) / scale
    return canvas


def digits_figure(X, y, n_per_class=2):
    """Static figure: ``n_per_class`` digits of each class, grey levels (top) and binarised.

    Parameters
    ----------
    X : array_like (n, 784) with values in [0, 1]; y : array_like of int (n,)
    """
    X = as_float_array(X, "X", ndim=2)
    y = check_labels(y, "y", n_classes=10, n_samples=X.shape[0])
    n_per_class = check_int(n_per_class, "n_per_class", minimum=1)
    idx = np.concatenate([np.flatnonzero(y == d)[:n_per_class] for d in range(10)])
    idx = idx.reshape(10, -1).T.ravel()              # 0..9, then 0..9 again
    fig, axes = plt.subplots(2, 1, figsize=(8.6, 2.2 * n_per_class + 0.6))
    for ax, imgs, title in ((axes[0], X[idx], "grey levels in [0, 1]"),
                            (axes[1], (X[idx] > 0.5).astype(float),
                             "binarised: ink (grey level > 0.5) = 1, otherwise 0")):
        canvas = np.zeros((n_per_class * 30, 300))
        for k, img in enumerate(imgs):
            r, c = divmod(k, 10)
            canvas[r * 30 + 1:r * 30 + 29, c * 30 + 1:c * 30 + 29] = img.reshape(28, 28)
        ax.imshow(canvas, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
        ax.set_xticks(np.arange(10) * 30 + 14.5, [str(d) for d in range(10)])
        ax.set_yticks([])
        ax.set_xlabel("label")
        ax.set_title(title, fontsize=10)
        ax.grid(False)
    fig.tight_layout()
    return fig


def weights_figure(W, n=16, ncols=8, W_init=None):
    """Static figure: the first ``n`` rows of a first-layer weight matrix W (h, 784) as images.

    With ``W_init`` (same shape as W, the weights before training) each tile shows what
    training changed, ``W - W_init``, so pixels whose weights never moved are blank.
    """
    W = as_float_array(W, "W", ndim=2)
    label = "weight / largest |weight|"
    if W_init is not None:
        W_init = as_float_array(W_init, "W_init", ndim=2)
        if W_init.shape != W.shape:
            raise ValueError(f"W_init has shape {W_init.shape} but W has shape {W.shape}")
        W, label = W - W_init, "change / largest |change|"
    n = min(check_int(n, "n", minimum=1), W.shape[0])
    fig, ax = plt.subplots(figsize=(1.1 * ncols, 1.15 * math.ceil(n / ncols) + 0.5))
    im = ax.imshow(weight_canvas(W[:n], ncols), cmap=DIVERGING, vmin=-1, vmax=1,
                   interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("each tile: the 784 weights into one hidden unit, on the pixel grid"
                  if W_init is None else
                  "each tile: how training changed the 784 weights into one hidden unit")
    ax.grid(False)
    fig.colorbar(im, ax=ax, fraction=0.025, label=label)
    fig.tight_layout()
    return fig


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


# --------------------------------------------------------------------- width sweep
@functools.cache
def digit_split(n_per_class=50, random_state=0):
    """The chapter's three parts of the MNIST sample: fit, validation and test.

    ``data.load_mnist()`` gives 4,000 training and 1,000 test images; ``data.validation_split``
    holds ``n_per_class`` training images of each digit out for validation. Cached and
    read-only.

    Returns
    -------
    X_fit (n_fit, 784), y_fit (n_fit,), X_val (10 n_per_class, 784), y_val, X_test (1000, 784),
    y_test (1000,)
    """
    X_train, y_train, X_test, y_test = data.load_mnist()
    parts = (*data.validation_split(X_train, y_train, n_per_class=n_per_class,
                                    random_state=random_state), X_test, y_test)
    for a in parts:
        a.setflags(write=False)
    return parts


@functools.cache
def digit_network(hidden=100, epochs=12, lr=0.1, batch_size=32, random_state=0):
    """The chapter's digit network: ``MLP([784, hidden, 10])`` (ReLU, softmax) trained on the
    fit part of :func:`digit_split` with mini-batch SGD. Cached; do not modify it."""
    X_fit, y_fit, _, _, _, _ = digit_split()
    net = MLP([784, check_int(hidden, "hidden", minimum=1), 10], random_state=random_state)
    return net.fit(X_fit, y_fit, epochs=epochs, lr=lr, batch_size=batch_size)


@functools.cache
def width_sweep(widths=WIDTHS, epochs=8, lr=0.1, batch_size=50, random_state=0):
    """Train ``MLP([784, h, 10])`` (ReLU, softmax) on the MNIST sample for every width h.

    Every run fits the same images (the fit part of :func:`digit_split`), with the same seed
    and the same schedule, and is scored on the validation part; the test images are not
    touched. Cached: call it again for free.

    Parameters
    ----------
    widths : tuple of int >= 1
    epochs, batch_size : int >= 1; lr : float > 0; random_state : int

    Returns
    -------
    dict mapping h to a dict with ``train`` and ``val`` accuracy (floats),
    ``params`` (number of weights and biases) and ``W1`` (h, 784), read-only.
    """
    if not isinstance(widths, tuple) or not widths:
        raise TypeError("widths must be a non-empty tuple of ints (it is a cache key)")
    widths = tuple(check_int(h, "widths[i]", minimum=1) for h in widths)
    X_fit, y_fit, X_val, y_val, _, _ = digit_split()
    out = {}
    for h in widths:
        net = MLP([784, h, 10], random_state=random_state)
        net.fit(X_fit, y_fit, epochs=epochs, lr=lr, batch_size=batch_size)
        W1 = net.weights[0].copy()
        W1.setflags(write=False)
        out[h] = {"train": net.score(X_fit, y_fit), "val": net.score(X_val, y_val),
                  "params": net.n_parameters(), "W1": W1}
    return out


class WidthPanel(Panel):
    """Panel: validation and training accuracy against hidden width (left, the chosen width ringed)
    and the first eight first-layer weight images of the chosen network (right).

    ``width`` must be one of :data:`WIDTHS`; the networks come from :func:`width_sweep`
    (trained once, cached), so an update only redraws. Fewer than eight hidden units fill
    the top row of tiles and leave the bottom row blank.
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


# --------------------------------------------------------------------- deeper vs better
def depth_figure():
    """Static figure: top-5 ImageNet error against the number of layers (:data:`IMAGENET`)."""
    fig, ax = plt.subplots(figsize=(6.2, 3.6))
    for k, (name, year, depth, err, place, _) in enumerate(IMAGENET):
        ax.plot([depth], [err], ls="none", marker=MARKERS[k], ms=10, color=COLORS[k],
                label=f"{name} ({year}, {place})")
        ax.annotate(f"{err:g}%", (depth, err), xytext=(8, 4), textcoords="offset points")
    ax.plot([r[2] for r in IMAGENET], [r[3] for r in IMAGENET], color=PALETTE["grey"],
            ls=":", lw=1, zorder=0)
    ax.set_xscale("log")
    ax.set_xticks([8, 19, 22, 152], ["8", "19", "22", "152"])
    ax.set_ylim(0, 19)
    ax.set_xlabel("weight layers (log scale)")
    ax.set_ylabel("top-5 error of the entry (%)")
    ax.legend(fontsize=9)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------- loss functions
#: the losses of a +-1 label y and a real score z, as functions of the margin m = y z
MARGIN_LOSSES = {
    "zero-one": lambda m: (m <= 0).astype(float),
    "squared": lambda m: (1.0 - m) ** 2,
    "hinge": lambda m: np.maximum(0.0, 1.0 - m),
    "logistic": lambda m: np.logaddexp(0.0, -m),
}


def losses_figure(m_min=-2.5, m_max=3.0):
    r"""Static figure: the zero-one, squared, hinge and logistic losses against the margin.

    For a label :math:`y \in \{-1, +1\}` and a score :math:`z`, each loss depends only on
    the margin :math:`m = yz` (:data:`MARGIN_LOSSES`): :math:`[m \le 0]`, :math:`(1 - m)^2`,
    :math:`\max(0, 1 - m)` and :math:`\log(1 + e^{-m})`.
    """
    m = np.linspace(check_real(m_min, "m_min"), check_real(m_max, "m_max"), 551)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    for k, (name, fn) in enumerate(MARGIN_LOSSES.items()):
        ax.plot(m, fn(m), color=COLORS[k] if k else PALETTE["grey"], ls=LINESTYLES[k % 4],
                lw=2.4 if k else 2.0, label=name)
    ax.axvline(0, color="k", lw=0.6)
    ax.set_ylim(-0.1, 4.0)
    ax.set_xlabel("margin $yz$ (positive: right side of the boundary)")
    ax.set_ylabel("loss $\\ell$")
    ax.legend(loc="upper right", fontsize=9)
    fig.tight_layout()
    return fig


# -------------------------------------------------------------- XOR: two solution families
#: seeds of the trained 2-2-1 tanh networks, and the epochs at which their hidden space is kept
XOR_SEEDS = tuple(range(10))
XOR_EPOCHS = (0, 20, 50, 100, 200, 500, 1000, 2000)


def xor_family(net):
    r"""Which XOR solution a trained 2-2-1 network found, read from its hidden lines.

    A hidden line :math:`w_{i1}x_1 + w_{i2}x_2 + b_i = 0` runs along :math:`x_1 + x_2 =`
    const when its two weights have the same sign, and along :math:`x_1 - x_2 =` const when
    they have opposite signs. Returns ``"x1 + x2"`` or ``"x1 - x2"`` when both hidden lines
    agree, and ``"mixed"`` otherwise (the stalled networks).
    """
    if not isinstance(net, MLP) or net.sizes != [2, 2, 1]:
        raise ValueError("xor_family needs an MLP([2, 2, 1])")
    W = net.weights[0]
    kinds = {"x1 + x2" if W[i, 0] * W[i, 1] > 0 else "x1 - x2" for i in range(2)}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _train_xor(seed, epochs=XOR_EPOCHS[-1], record=()):
    net = MLP([2, 2, 1], activation="tanh", output="sigmoid", loss="binary_cross_entropy",
              random_state=seed)
    snaps = {}

    def keep(net, epoch):
        if epoch + 1 in record:
            net.forward(XOR_X)
            snaps[epoch + 1] = (net.activations_[1].copy(), net.weights[1][0].copy(),
                                float(net.biases[1][0]))

    if 0 in record:
        keep(net, -1)
    net.fit(XOR_X, XOR_Y, epochs=epochs, lr=0.5, batch_size=4, callback=keep)
    return net, snaps


@functools.cache
def xor_history(seed):
    """Train the chapter's 2-2-1 tanh XOR network from ``seed`` (2,000 epochs, lr 0.5, the
    four rows as one batch) and keep its hidden space at the epochs of :data:`XOR_EPOCHS`.

    Returns
    -------
    net : the trained MLP([2, 2, 1])
    snaps : dict epoch -> (H (4, 2) hidden outputs of the four rows, output weights (2,),
        output bias)
    """
    seed = check_int(seed, "seed", minimum=0)
    return _train_xor(seed, record=XOR_EPOCHS)


def xor_seeds_figure(nets, ncols=5):
    """Static figure: the input space of every trained 2-2-1 XOR network, one tile per seed.

    Parameters
    ----------
    nets : dict seed -> trained MLP([2, 2, 1])
    """
    if not nets:
        raise ValueError("nets is empty")
    ncols = check_int(ncols, "ncols", minimum=1)
    nrows = math.ceil(len(nets) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.95 * ncols, 2.15 * nrows),
                             sharex=True, sharey=True, squeeze=False)
    for ax in axes.ravel()[len(nets):]:
        ax.set_visible(False)
    for ax, (seed, net) in zip(axes.ravel(), nets.items()):
        solved = np.array_equal(net.predict(XOR_X), XOR_Y)
        _xor_axes(ax, net, "")
        ax.set_xlabel("")
        ax.set_ylabel("")
        family = xor_family(net) if solved else "stuck"
        ax.set_title(f"seed {seed}: {family}", fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_2$")
    for ax in axes[-1]:
        ax.set_xlabel("$x_1$")
    fig.tight_layout()
    return fig


class XorHiddenPanel(Panel):
    """Panel ``panel(epoch)``: the hidden space (h1, h2) of the four XOR rows during training,
    for the first seed of each solution family (left: lines along x1 + x2, right: along
    x1 - x2), with the output unit's line z = 0. ``epoch`` is one of :data:`XOR_EPOCHS`.
    """

    figsize = (8.4, 4.3)

    def __init__(self, seeds=(0, 3)):
        super().__init__()
        self.seeds = tuple(seeds)

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
            H, w2, b2 = snaps[epoch]
            for label, pts in zip((0, 1), self.points[k]):
                pts.set_offsets(H[XOR_Y == label])
            if abs(w2[1]) > abs(w2[0]):
                self.lines[k].set_data(g, -(w2[0] * g + b2) / w2[1])
            else:
                self.lines[k].set_data(-(w2[1] * g + b2) / w2[0], g)
            right = int(np.sum((H @ w2 + b2 > 0) == XOR_Y))
            self.titles[k].set_text(f"seed {seed} ({xor_family(net)}), epoch {epoch}: "
                                    f"{right} of 4 right")


xor_hidden_panel = XorHiddenPanel()


# ------------------------------------------------------------ the two-unit bottleneck
#: epochs at which :func:`bottleneck_history` keeps the hidden space of the validation images
BOTTLENECK_EPOCHS = (0, 1, 2, 5, 10, 20, 50)


@functools.cache
def bottleneck_history(epochs=BOTTLENECK_EPOCHS, lr=0.1, batch_size=50, random_state=0):
    """Train ``MLP([784, 2, 10])`` (ReLU, softmax) on the fit part of :func:`digit_split` and
    keep, at each epoch in ``epochs``, the two hidden outputs of every validation image.

    Returns
    -------
    net : the trained MLP
    snaps : dict epoch -> (H (n_val, 2) hidden outputs, validation accuracy)
    """
    if not isinstance(epochs, tuple) or not epochs:
        raise TypeError("epochs must be a non-empty tuple of ints (it is a cache key)")
    X_fit, y_fit, X_val, y_val, _, _ = digit_split()
    net = MLP([784, 2, 10], random_state=random_state)
    snaps = {}

    def keep(net, epoch):
        if epoch + 1 in epochs:
            proba = net.forward(X_val)
            snaps[epoch + 1] = (net.activations_[1].copy(),
                                float(np.mean(proba.argmax(axis=1) == y_val)))

    if 0 in epochs:
        keep(net, -1)
    net.fit(X_fit, y_fit, epochs=max(epochs), lr=lr, batch_size=batch_size, callback=keep)
    return net, snaps


#: ten colours for the ten digits: the palette's nine and a dark brown
DIGIT_COLORS = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple",
                                     "yellow", "black", "grey")] + ["#7f3b08"]


class BottleneckPanel(Panel):
    """Panel ``panel(epoch)``: the two hidden outputs of the 500 validation images of the
    ``MLP([784, 2, 10])`` of :func:`bottleneck_history` at ``epoch`` (one of
    :data:`BOTTLENECK_EPOCHS`), each image drawn as its digit in that digit's colour.
    Each hidden output is divided by its largest value over the images at that epoch, so the
    axes stay fixed (0 to 1) while the outputs grow during training.
    """

    figsize = (6.0, 4.6)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.13, right=0.97, bottom=0.12, top=0.9)
        _, snaps = bottleneck_history()
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
