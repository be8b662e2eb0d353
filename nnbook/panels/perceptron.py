r"""Panels and helpers for chapter 1, the history of the field and the perceptron.

Notation as in the book: a threshold unit computes :math:`z = \mathbf w^\top\mathbf x + b` and
outputs :math:`\hat y = 1` when :math:`z \ge 0`, else 0 (labels in {0, 1}). Where a formula needs
labels in {-1, +1} we write :math:`s = 2y - 1` in the code (the chapter calls them y), and
:math:`m = sz` is the margin. The Rosenblatt rule is :math:`\mathbf w \leftarrow \mathbf w +
\eta(y - \hat y)\mathbf x`, :math:`b \leftarrow b + \eta(y - \hat y)`, the same rule as
:class:`nnbook.perceptron.Perceptron`.

Panels (``plot(**params) -> Figure``): :func:`boundary_panel` (w1, w2, b over a fixed data set),
:func:`rule_panel` (the line after k updates, for a learning rate eta), :func:`novikoff_panel`
(the two inequalities of Novikoff's proof along a run, per data margin),
:func:`direction_panel` (the direction and length of w over the epochs for the perceptron, the
hinge and logistic regression). Helpers behind the text: :func:`separable_data`,
:func:`novikoff_bound`, :func:`novikoff_run`, :func:`rule_trace`, :func:`count_mistakes`,
:func:`xor_network`, :func:`mp_unit_1943`, :func:`sgd_neuron`, :func:`sgd_path`,
:func:`averaged_perceptron_path`, :func:`direction_paths`, :func:`direction_angle`. Static
figures: :func:`timeline_figure`, :func:`brain_scale_figure`, :func:`neuron_figure`,
:func:`gates_figure`, :func:`xor_figure`, :func:`three_models_figure`, :func:`losses_figure`.
"""

from __future__ import annotations

import functools
import math
import numbers

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from .._checks import as_float_array, check_int, check_positive, check_real
from ..data import gaussians
from ..perceptron import mcculloch_pitts
from ..plotting import COLORS, LINESTYLES, MARKERS, PALETTE
from ..widgets import Panel

__all__ = ["separable_data", "novikoff_bound", "rule_trace", "count_mistakes", "xor_network",
           "XOR_HIDDEN", "XOR_OUTPUT", "MODELS", "sgd_neuron", "PANEL_DATA", "boundary_panel",
           "rule_panel", "timeline_figure", "neuron_figure", "gates_figure", "xor_figure",
           "three_models_figure", "losses_figure", "WAVES", "sgd_path", "mp_unit_1943",
           "DIRECTION_DATA", "DIRECTION_RUN", "direction_data", "direction_paths",
           "direction_angle", "direction_panel", "brain_scale_figure", "NOVIKOFF_MARGINS",
           "novikoff_run", "novikoff_panel", "averaged_perceptron_path"]

#: the hand-built XOR network: hidden OR and NAND units (rows), then an AND unit
XOR_HIDDEN = {"weights": np.array([[1.0, 1.0], [-1.0, -1.0]]), "thresholds": np.array([1.0, -1.5])}
XOR_OUTPUT = {"weights": np.array([1.0, 1.0]), "threshold": 2.0}
#: the three single-neuron models of the last section
MODELS = ("perceptron", "svm", "logistic")
#: the three waves of the timeline and their shaded year ranges
WAVES = {"first wave": (1940, 1969), "second wave": (1980, 1995), "third wave": (2006, 2020)}
_SHADE = ListedColormap([COLORS[0], COLORS[1]])


# ------------------------------------------------------------------ data and theory helpers
def _check_Xy(X, y):
    X = as_float_array(X, "X", ndim=2)
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be 1-D with one label per row of X ({X.shape[0]}), "
                         f"got shape {y.shape}")
    if X.shape[0] == 0:
        raise ValueError("X must hold at least one example, got 0 rows")
    if not np.all(np.isin(y, (0, 1))):
        raise ValueError("y must hold labels 0 or 1 only")
    return X, y.astype(np.int64)


def separable_data(n=60, margin=0.15, random_state=0):
    r"""A seeded 2-D set that the line :math:`\mathbf u^\top\mathbf x + c = 0` separates.

    Points are uniform in :math:`[-1.5, 1.5]^2`; those closer than ``margin`` to the line are
    dropped, so every point is at least ``margin`` away from it. The line has the unit normal
    :math:`\mathbf u = (0.6, 0.8)` and the offset :math:`c = -0.3`; class 1 lies on the side
    the normal points to.

    Parameters
    ----------
    n : int >= 2
        Number of points.
    margin : float > 0
        Smallest distance from a point to the line.
    random_state : int >= 0

    Returns
    -------
    X : ndarray (n, 2)
    y : ndarray (n,) of int, labels 0/1
    u : ndarray (2,), the unit normal of the separating line
    c : float, its offset
    """
    n = check_int(n, "n", minimum=2)
    margin = check_positive(margin, "margin")
    if margin >= 1.0:
        raise ValueError(f"margin must be < 1 so that points remain, got {margin}")
    rng = np.random.default_rng(check_int(random_state, "random_state", minimum=0))
    u, c = np.array([0.6, 0.8]), -0.3
    X = np.empty((0, 2))
    while X.shape[0] < n:
        cand = rng.uniform(-1.5, 1.5, (4 * n, 2))
        X = np.vstack([X, cand[np.abs(cand @ u + c) >= margin]])
    X = X[:n]
    return X, (X @ u + c > 0).astype(np.int64), u, c


def novikoff_bound(X, y, w_star, b_star):
    r"""Novikoff's bound :math:`(R/\gamma)^2` on the number of perceptron mistakes.

    The bias is folded into the weights: :math:`\tilde{\mathbf x} = (\mathbf x, 1)` and
    :math:`\tilde{\mathbf w}^* = (\mathbf w^*, b^*)/\lVert(\mathbf w^*, b^*)\rVert`. Then
    :math:`R = \max_i \lVert\tilde{\mathbf x}_i\rVert` and :math:`\gamma = \min_i s_i\,
    \tilde{\mathbf w}^{*\top}\tilde{\mathbf x}_i` with :math:`s_i = 2y_i - 1`.

    Parameters
    ----------
    X : array_like (n, d)
    y : array_like (n,), labels 0/1
    w_star : array_like (d,), b_star : float
        Any separating hyperplane (it need not be the best one).

    Returns
    -------
    R, gamma, bound : float
    """
    X, y = _check_Xy(X, y)
    w_star = as_float_array(w_star, "w_star", ndim=1)
    if w_star.shape[0] != X.shape[1]:
        raise ValueError(f"w_star has {w_star.shape[0]} entries but X has {X.shape[1]} "
                         "features")
    u = np.append(w_star, check_real(b_star, "b_star"))
    if not np.any(u):
        raise ValueError("w_star and b_star are all zero: that is not a hyperplane")
    u = u / np.linalg.norm(u)
    Xa = np.column_stack([X, np.ones(X.shape[0])])
    R = float(np.max(np.linalg.norm(Xa, axis=1)))
    gamma = float(np.min((2 * y - 1) * (Xa @ u)))
    if gamma <= 0:
        raise ValueError(f"(w_star, b_star) does not separate the data (margin {gamma:.3g}); "
                         "the bound needs a separating hyperplane")
    return R, gamma, (R / gamma) ** 2


def rule_trace(X, y, eta=1.0, max_epochs=100):
    r"""Run the Rosenblatt rule in data order from :math:`\mathbf w = 0, b = 0`; keep every update.

    Same arithmetic as ``Perceptron(eta, max_epochs, shuffle=False).fit(X, y)``.

    Parameters
    ----------
    X : array_like (n, d)
    y : array_like (n,), labels 0/1
    eta : float > 0
    max_epochs : int >= 1

    Returns
    -------
    dict with
        ``"w"`` : ndarray (k + 1, d), the weights before the first and after each of the k updates;
        ``"b"`` : ndarray (k + 1,), the biases likewise;
        ``"index"`` : ndarray (k,), the row of X that triggered each update;
        ``"epoch"`` : ndarray (k,), the epoch (from 1) of each update;
        ``"errors"`` : list of int, mistakes per epoch; ``"converged"`` : bool.
    """
    X, y = _check_Xy(X, y)
    eta = check_positive(eta, "eta")
    max_epochs = check_int(max_epochs, "max_epochs", minimum=1)
    w, b = np.zeros(X.shape[1]), 0.0
    ws, bs, idx, ep, errors = [w.copy()], [b], [], [], []
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for i in range(X.shape[0]):
            delta = y[i] - (1 if X[i] @ w + b >= 0 else 0)
            if delta:
                w = w + eta * delta * X[i]
                b = b + eta * delta
                ws.append(w.copy())
                bs.append(b)
                idx.append(i)
                ep.append(epoch)
                mistakes += 1
        errors.append(mistakes)
        if mistakes == 0:
            break
    return {"w": np.array(ws), "b": np.array(bs), "index": np.array(idx, dtype=np.int64),
            "epoch": np.array(ep, dtype=np.int64), "errors": errors,
            "converged": errors[-1] == 0}


def count_mistakes(X, y, w, b):
    r"""Number of rows of X (n, d) that the unit :math:`[\mathbf w^\top\mathbf x + b \ge 0]`
    labels differently from y (n,)."""
    X, y = _check_Xy(X, y)
    w = as_float_array(w, "w", ndim=1)
    if w.shape[0] != X.shape[1]:
        raise ValueError(f"w has {w.shape[0]} entries but X has {X.shape[1]} features")
    return int(np.sum((X @ w + check_real(b, "b") >= 0).astype(np.int64) != y))


def xor_network(X, hidden=None, output=None):
    r"""A two-layer network of McCulloch–Pitts units.

    Hidden unit j fires when :math:`\sum_i W_{ji}x_i \ge T_j`; the output unit fires when
    :math:`\sum_j v_j h_j \ge T`. The defaults (:data:`XOR_HIDDEN`, :data:`XOR_OUTPUT`) wire
    OR and NAND into the hidden layer and AND at the output, which computes XOR.

    Parameters
    ----------
    X : array_like (n, 2)
    hidden : dict with ``"weights"`` (m, 2) and ``"thresholds"`` (m,), optional
    output : dict with ``"weights"`` (m,) and ``"threshold"`` float, optional

    Returns
    -------
    H : ndarray (n, m) of int, the hidden outputs
    out : ndarray (n,) of int
    """
    X = as_float_array(X, "X", ndim=2)
    hidden = XOR_HIDDEN if hidden is None else hidden
    output = XOR_OUTPUT if output is None else output
    W = as_float_array(hidden["weights"], "hidden weights", ndim=2)
    T = as_float_array(hidden["thresholds"], "hidden thresholds", ndim=1)
    if W.shape[0] != T.shape[0]:
        raise ValueError(f"{W.shape[0]} hidden weight rows but {T.shape[0]} thresholds")
    H = np.column_stack([mcculloch_pitts(X, W[j], T[j]) for j in range(W.shape[0])])
    return H, mcculloch_pitts(H, output["weights"], output["threshold"])


def sgd_neuron(X, y, model, eta=0.1, epochs=50, lam=0.01, random_state=0):
    r"""Train one linear neuron :math:`z = \mathbf w^\top\mathbf x + b` by per-sample updates.

    With :math:`s = 2y - 1 \in \{-1, +1\}`:

    * ``"perceptron"`` (loss :math:`\max(0, -sz)`): on a mistake, :math:`sz \le 0`,
      :math:`\mathbf w \leftarrow \mathbf w + \eta s\mathbf x`, :math:`b \leftarrow b + \eta s`;
    * ``"svm"`` (hinge :math:`\max(0, 1 - sz) + \tfrac{\lambda}{2}\lVert\mathbf w\rVert^2`):
      when :math:`sz < 1`, :math:`\mathbf w \leftarrow \mathbf w - \eta(\lambda\mathbf w -
      s\mathbf x)`, :math:`b \leftarrow b + \eta s`; otherwise only the shrink
      :math:`\mathbf w \leftarrow \mathbf w - \eta\lambda\mathbf w`;
    * ``"logistic"`` (cross-entropy of :math:`\sigma(z)`): :math:`\mathbf w \leftarrow \mathbf w
      + \eta(y - \sigma(z))\mathbf x`, :math:`b \leftarrow b + \eta(y - \sigma(z))`.

    The bias is never penalised. Samples are visited in a fresh seeded order every epoch.
    This is the last row of :func:`sgd_path`.

    Parameters
    ----------
    X : array_like (n, d)
    y : array_like (n,), labels 0/1
    model : {"perceptron", "svm", "logistic"}
    eta : float > 0
    epochs : int >= 1
    lam : float >= 0, the L2 strength (SVM only)
    random_state : int >= 0

    Returns
    -------
    w : ndarray (d,), b : float
    """
    W, B = sgd_path(X, y, model, eta=eta, epochs=epochs, lam=lam, random_state=random_state)
    return W[-1].copy(), float(B[-1])


def sgd_path(X, y, model, eta=0.1, epochs=50, lam=0.01, random_state=0):
    r"""The weights of :func:`sgd_neuron` at the end of every epoch.

    In the margin notation, with :math:`s = 2y - 1` and :math:`m = sz`, every model makes
    the step :math:`\mathbf w \leftarrow \mathbf w - \eta\lambda\mathbf w + \eta\, g(m)\,
    s\,\mathbf x`, :math:`b \leftarrow b + \eta\, g(m)\, s`, where :math:`g = -\ell'` is
    :math:`[m \le 0]` (perceptron), :math:`[m < 1]` (hinge) or :math:`\sigma(-m)`
    (logistic), and :math:`\lambda = 0` except for the SVM. The arithmetic runs on Python
    floats, one example at a time, which for two inputs is several times faster than
    NumPy on arrays of length 2.

    Parameters
    ----------
    X, y, model, eta, epochs, lam, random_state : as in :func:`sgd_neuron`

    Returns
    -------
    W : ndarray (epochs + 1, d), the weights before training (zeros) and after each epoch
    B : ndarray (epochs + 1,), the biases likewise
    """
    X, y = _check_Xy(X, y)
    if model not in MODELS:
        raise ValueError(f"model must be one of {list(MODELS)}, got {model!r}")
    eta = check_positive(eta, "eta")
    epochs = check_int(epochs, "epochs", minimum=1)
    lam = check_positive(lam, "lam", allow_zero=True)
    rng = np.random.default_rng(check_int(random_state, "random_state", minimum=0))
    rows, s, n, d = X.tolist(), (2 * y - 1).tolist(), X.shape[0], X.shape[1]
    shrink = 1.0 - eta * lam if model == "svm" else 1.0
    w, b = [0.0] * d, 0.0
    W, B = np.zeros((epochs + 1, d)), np.zeros(epochs + 1)
    for e in range(1, epochs + 1):
        for i in rng.permutation(n).tolist():
            x, si = rows[i], s[i]
            z = b
            for wj, xj in zip(w, x):
                z += wj * xj
            m = si * z
            if model == "perceptron":
                g = 1.0 if m <= 0 else 0.0
            elif model == "svm":
                g = 1.0 if m < 1 else 0.0
            else:                                   # sigma(-m), as nnbook's sigmoid computes it
                t = math.exp(-abs(m))
                g = (t if m >= 0 else 1.0) / (1.0 + t)
            if g:
                step = eta * g * si
                w = [shrink * wj + step * xj for wj, xj in zip(w, x)]
                b += step
            elif shrink != 1.0:
                w = [shrink * wj for wj in w]
        W[e], B[e] = w, b
    return W, B


def averaged_perceptron_path(X, y, eta=0.1, epochs=50, random_state=0):
    r"""The averaged perceptron: the running mean of the perceptron's weights, epoch by epoch.

    Runs exactly the perceptron of :func:`sgd_path` (same seeded order) and keeps
    :math:`\bar{\mathbf w}_t = \frac1t\sum_{s=1}^{t}\mathbf w_s`, the mean of the weights after
    every one of the t example visits so far (likewise for b). Averaging damps the swings of
    the last few updates on data that no line separates.

    Parameters
    ----------
    X, y, eta, epochs, random_state : as in :func:`sgd_neuron`

    Returns
    -------
    W : ndarray (epochs + 1, d), the mean weights at the end of each epoch (zeros first)
    B : ndarray (epochs + 1,)
    """
    X, y = _check_Xy(X, y)
    eta = check_positive(eta, "eta")
    epochs = check_int(epochs, "epochs", minimum=1)
    rng = np.random.default_rng(check_int(random_state, "random_state", minimum=0))
    rows, s, n, d = X.tolist(), (2 * y - 1).tolist(), X.shape[0], X.shape[1]
    w, b = [0.0] * d, 0.0
    sw, sb, t = [0.0] * d, 0.0, 0
    W, B = np.zeros((epochs + 1, d)), np.zeros(epochs + 1)
    for e in range(1, epochs + 1):
        for i in rng.permutation(n).tolist():
            x, si = rows[i], s[i]
            z = b
            for wj, xj in zip(w, x):
                z += wj * xj
            if si * z <= 0:
                w = [wj + eta * si * xj for wj, xj in zip(w, x)]
                b += eta * si
            sw = [a + wj for a, wj in zip(sw, w)]
            sb += b
            t += 1
        W[e], B[e] = [a / t for a in sw], sb / t
    return W, B


def mp_unit_1943(X, excitatory, inhibitory, threshold):
    r"""The unit of McCulloch and Pitts (1943), with an absolute veto.

    Inputs are 0/1. The unit fires (outputs 1) when no inhibitory input is on and at least
    ``threshold`` excitatory inputs are on; connections carry no weights. The weighted
    threshold unit :func:`nnbook.perceptron.mcculloch_pitts` is its later generalisation:
    weight +1 on each excitatory input and a weight below minus their number on each
    inhibitory one compute the same function.

    Parameters
    ----------
    X : array_like (n, d) of 0/1
    excitatory, inhibitory : sequences of column indices of X
    threshold : int >= 0

    Returns
    -------
    ndarray (n,) of int
    """
    X = as_float_array(X, "X", ndim=2)
    if not np.all(np.isin(X, (0, 1))):
        raise ValueError("X must hold 0/1 inputs only")
    exc, inh = list(excitatory), list(inhibitory)
    for j in exc + inh:
        if not 0 <= j < X.shape[1]:
            raise ValueError(f"input index {j} is outside 0..{X.shape[1] - 1}")
    threshold = check_int(threshold, "threshold", minimum=0)
    count = X[:, exc].sum(axis=1) if exc else np.zeros(X.shape[0])
    veto = X[:, inh].any(axis=1) if inh else np.zeros(X.shape[0], dtype=bool)
    return ((count >= threshold) & ~veto).astype(np.int64)


#: the two data sets of the direction panel: the overlapping clouds of the chapter's
#: comparison, and the same clouds drawn tighter, which a line separates
DIRECTION_DATA = {"overlapping": {"n": 200, "noise": 0.9, "random_state": 1},
                  "separable": {"n": 200, "noise": 0.4, "random_state": 1}}
#: the training run behind the direction panel (one run, all three models)
DIRECTION_RUN = {"eta": 0.1, "epochs": 300, "lam": 0.01, "random_state": 0}


def direction_data(dataset):
    """The points (X (200, 2), y (200,)) of one of :data:`DIRECTION_DATA`."""
    if dataset not in DIRECTION_DATA:
        raise ValueError(f"dataset must be one of {list(DIRECTION_DATA)}, got {dataset!r}")
    return gaussians(**DIRECTION_DATA[dataset])


@functools.lru_cache(maxsize=4)
def direction_paths(dataset):
    r"""The three models' weights after every epoch of :data:`DIRECTION_RUN` on ``dataset``.

    Returns
    -------
    dict model -> (W (epochs + 1, 2), B (epochs + 1,)), as :func:`sgd_path` returns them
    (read-only; cached).
    """
    X, y = direction_data(dataset)
    out = {}
    for m in MODELS:
        W, B = sgd_path(X, y, m, **DIRECTION_RUN)
        W.setflags(write=False)
        B.setflags(write=False)
        out[m] = (W, B)
    return out


def direction_angle(W):
    r"""The direction of each weight vector, :math:`\operatorname{atan2}(w_2, w_1)`, in degrees.

    Parameters
    ----------
    W : array_like (k, 2)

    Returns
    -------
    ndarray (k,), in (-180, 180]
    """
    W = as_float_array(W, "W", ndim=2)
    if W.shape[1] != 2:
        raise ValueError(f"W must have 2 columns (w1, w2), got {W.shape[1]}")
    return np.degrees(np.arctan2(W[:, 1], W[:, 0]))


# ------------------------------------------------------------------ drawing helpers
def _points(ax, X, y, size=26):
    for k in (0, 1):
        sel = y == k
        ax.scatter(X[sel, 0], X[sel, 1], s=size, c=COLORS[k], marker=MARKERS[k],
                   edgecolors="white", linewidths=0.5, label=f"class {k}", zorder=3)


def _line(ax, w, b, lim, **kw):
    """Draw w1 x1 + w2 x2 + b = 0 inside the square [-lim, lim]^2 (nothing if w = 0)."""
    xy = _line_xy(w, b, lim)
    if xy is not None:
        ax.plot(*xy, **kw)


def _square(ax, lim, xlabel=True):
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.grid(False)
    if xlabel:
        ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


# ------------------------------------------------------------------ slider panels
#: the data set of the two panels: 30 seeded points, separable with margin 0.1
PANEL_DATA = separable_data(n=30, margin=0.1, random_state=5)[:2]
_LIM = 1.6


def _line_xy(w, b, lim):
    """End points of w1 x1 + w2 x2 + b = 0 inside [-lim, lim]^2, or None when w = 0."""
    w1, w2 = float(w[0]), float(w[1])
    t = np.array([-lim, lim])
    if abs(w2) >= abs(w1) and w2 != 0:
        return t, -(w1 * t + b) / w2
    if w1 != 0:
        return -(w2 * t + b) / w1, t
    return None


def _move_line(line, w, b, lim):
    xy = _line_xy(w, b, lim)
    line.set_visible(xy is not None)
    if xy is not None:
        line.set_data(*xy)


_GRID = np.meshgrid(np.linspace(-_LIM, _LIM, 60), np.linspace(-_LIM, _LIM, 60))


def _half_planes(w, b):
    return (w[0] * _GRID[0] + w[1] * _GRID[1] + b >= 0).astype(float)


class BoundaryPanel(Panel):
    r"""Panel: the unit :math:`[w_1x_1 + w_2x_2 + b \ge 0]` over :data:`PANEL_DATA`.

    ``panel(w1, w2, b)`` shades the half-plane labelled 1 (vermillion) and 0 (blue), draws
    the line and the weight vector (it points into the class-1 side), rings the
    misclassified points and counts them in the title. The figure is built once and
    updated in place.
    """

    figsize = (4.6, 4.8)

    def setup(self, fig):
        X, y = PANEL_DATA
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.2, top=0.92)
        self.shade = ax.imshow(np.zeros((60, 60)), origin="lower", cmap=_SHADE, vmin=0, vmax=1,
                               extent=(-_LIM, _LIM, -_LIM, _LIM), alpha=0.18,
                               interpolation="nearest", aspect="auto")
        (self.line,) = ax.plot([], [], color="k", lw=2, ls="-")
        _points(ax, X, y)
        points = ax.collections[-2:]                     # drawn above the moving shade
        self.wrong = ax.scatter(X[:0, 0], X[:0, 1], s=140, facecolors="none", edgecolors="k",
                                lw=1.4, label="misclassified", zorder=4)
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0),
                                 arrowprops={"arrowstyle": "->", "lw": 1.8, "color": "k"})
        self.title = ax.set_title("", fontsize=10)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=8)
        _square(ax, _LIM)
        self.moving(self.shade, self.line, *points, self.wrong, self.arrow, self.title)

    def update(self, w1=1.0, w2=1.0, b=0.0):
        w = np.array([check_real(w1, "w1"), check_real(w2, "w2")])
        b = check_real(b, "b")
        X, y = PANEL_DATA
        self.shade.set_data(_half_planes(w, b))
        _move_line(self.line, w, b, _LIM)
        wrong = (X @ w + b >= 0).astype(int) != y
        self.wrong.set_offsets(X[wrong])
        self.arrow.set_visible(bool(np.any(w)))
        if np.any(w):
            n = np.linalg.norm(w)
            foot = -b * w / n**2 if abs(b) / n < _LIM else np.zeros(2)
            self.arrow.xy = tuple(foot + 0.6 * w / n)
            self.arrow.set_position(tuple(foot))
        self.title.set_text(f"w = ({w[0]:g}, {w[1]:g}), b = {b:g}: "
                            f"{int(wrong.sum())} misclassified")


boundary_panel = BoundaryPanel()


@functools.lru_cache(maxsize=8)
def _panel_trace(eta):
    return rule_trace(*PANEL_DATA, eta=eta, max_epochs=50)


class RulePanel(Panel):
    r"""Panel: the Rosenblatt rule on :data:`PANEL_DATA` after ``k`` updates, learning rate ``eta``.

    Left: the data, the line after update k (dashed: before it) and, ringed, the point that
    triggered update k. Right: the path of :math:`(w_1, w_2)` in weight space on axes fixed for
    ``eta = 1``, so a smaller eta shows the same path shrunk. Built once, updated in place.
    """

    figsize = (8.4, 4.6)

    def setup(self, fig):
        X, y = PANEL_DATA
        ax, axw = self.ax, self.axw = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.24, top=0.92, wspace=0.3)
        self.shade = ax.imshow(np.zeros((60, 60)), origin="lower", cmap=_SHADE, vmin=0, vmax=1,
                               extent=(-_LIM, _LIM, -_LIM, _LIM), alpha=0.18,
                               interpolation="nearest", aspect="auto")
        _points(ax, X, y)
        points = ax.collections[-2:]
        (self.before,) = ax.plot([], [], color=PALETTE["grey"], ls="--", lw=1.5, label="before")
        self.ring = ax.scatter(X[:1, 0], X[:1, 1], s=260, facecolors="none", edgecolors="k",
                               lw=2, zorder=4, label="point that triggered it")
        (self.after,) = ax.plot([], [], color="k", lw=2, ls="-", label="after")
        self.title = ax.set_title("", fontsize=10)
        self.legend = ax.legend(loc="upper left", bbox_to_anchor=(-0.1, -0.14), ncol=3,
                                fontsize=8)
        _square(ax, _LIM)
        span = 1.1 * np.abs(_panel_trace(1.0)["w"]).max()
        (self.path,) = axw.plot([], [], color=COLORS[2], marker="o", ms=4, lw=1.5, ls="-")
        (self.star,) = axw.plot([], [], marker="*", ms=14, color="k", ls="none")
        axw.set_xlim(-span, span)
        axw.set_ylim(-span, span)
        axw.set_aspect("equal")
        axw.set_xlabel("$w_1$")
        axw.set_ylabel("$w_2$")
        self.wtitle = axw.set_title("", fontsize=10)
        self.moving(self.shade, *points, self.before, self.ring, self.after, self.title,
                    self.path, self.star, self.wtitle)

    def update(self, k=0, eta=1.0):
        k = check_int(k, "k", minimum=0)
        eta = check_positive(eta, "eta")
        tr = _panel_trace(eta)
        n_up = len(tr["index"])
        if k > n_up:
            raise ValueError(f"k must be <= {n_up}, the number of updates before convergence")
        X, y = PANEL_DATA
        w, b = tr["w"][k], tr["b"][k]
        self.shade.set_visible(bool(np.any(w)))
        self.shade.set_data(_half_planes(w, b))
        _move_line(self.after, w, b, _LIM)
        self.ring.set_visible(k > 0)
        if k > 0:
            _move_line(self.before, tr["w"][k - 1], tr["b"][k - 1], _LIM)
            i = tr["index"][k - 1]
            self.ring.set_offsets(X[i:i + 1])
            self.title.set_text(f"update {k} of {n_up} (epoch {tr['epoch'][k - 1]}): "
                                f"point {i}, class {y[i]}")
        else:
            self.before.set_visible(False)
            self.title.set_text(f"start: w = 0, b = 0 (then {n_up} updates)")
        self.path.set_data(tr["w"][:k + 1, 0], tr["w"][:k + 1, 1])
        self.star.set_data([w[0]], [w[1]])
        self.wtitle.set_text(f"weights: w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}")


rule_panel = RulePanel()


_MODEL_NAMES = {"perceptron": "perceptron", "svm": "linear SVM (hinge)",
                "logistic": "logistic regression"}
_MODEL_STYLE = {"perceptron": (COLORS[2], "-"), "svm": ("k", "--"), "logistic": (COLORS[4], ":")}


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
            colour, ls = _MODEL_STYLE[m]
            (final,) = ax.plot([], [], color=PALETTE["grey"], ls="--", lw=1.0, zorder=4)
            (line,) = ax.plot([], [], color=colour, ls=ls, lw=3.0 if ls == ":" else 2.4,
                              zorder=5)
            _square(ax, lim)
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
            colour, ls = _MODEL_STYLE[m]
            (self.ang_curves[m],) = self.ang_ax.plot(epochs[1:], np.zeros(run_epochs), color=colour,
                                                     ls=ls, lw=1.6)
            (self.norm_curves[m],) = self.norm_ax.plot(epochs[1:], np.zeros(run_epochs),
                                                       color=colour, ls=ls, lw=1.8,
                                                       label=_MODEL_NAMES[m])
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
            _move_line(self.finals[k], W[-1], B[-1], self._lim)
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
            _move_line(self.lines[k], W[epoch], B[epoch], self._lim)
            angle = direction_angle(W[epoch:epoch + 1])[0]
            acc = np.mean((X @ W[epoch] + B[epoch] >= 0) == y)
            self.titles[k].set_text(f"{_MODEL_NAMES[m]}\nepoch {epoch}: {angle:.0f}°, "
                                    f"‖w‖ = {np.linalg.norm(W[epoch]):.2f}, acc. {acc:.2f}")
        for c in self.cursors:
            c.set_xdata([epoch, epoch])


direction_panel = DirectionPanel()


#: the margins of the Novikoff panel, and the data it draws for each (100 points, seed 0)
NOVIKOFF_MARGINS = (0.05, 0.1, 0.2, 0.3, 0.4)


@functools.lru_cache(maxsize=8)
def novikoff_run(margin):
    r"""The two quantities of Novikoff's proof along an in-order perceptron run.

    On ``separable_data(n=100, margin=margin, random_state=0)``, with the bias folded in
    (:math:`\tilde{\mathbf w}_k = (\mathbf w_k, b_k)` after the k-th mistake) and
    :math:`\mathbf u` the unit normal of the generating line, also folded in.

    Returns
    -------
    dict with ``"X"``, ``"y"`` (the data), ``"u"`` (3,), ``"R"``, ``"gamma"``, ``"bound"``
    (floats, as :func:`novikoff_bound`), ``"k"`` (k,) = 1..k mistakes, ``"progress"`` (k,)
    :math:`\mathbf u^\top\tilde{\mathbf w}_k`, ``"length"`` (k,) :math:`\lVert\tilde{\mathbf
    w}_k\rVert`, ``"w"`` (2,) and ``"b"`` of the final unit.
    """
    margin = check_positive(margin, "margin")
    X, y, u, c = separable_data(n=100, margin=margin, random_state=0)
    R, gamma, bound = novikoff_bound(X, y, u, c)
    tr = rule_trace(X, y, eta=1.0, max_epochs=1000)
    Wt = np.column_stack([tr["w"][1:], tr["b"][1:]])
    ut = np.append(u, c) / np.linalg.norm(np.append(u, c))
    return {"X": X, "y": y, "u": ut, "R": R, "gamma": gamma, "bound": bound,
            "k": np.arange(1, Wt.shape[0] + 1), "progress": Wt @ ut,
            "length": np.linalg.norm(Wt, axis=1), "w": tr["w"][-1], "b": float(tr["b"][-1])}


class NovikoffPanel(Panel):
    r"""Panel: Novikoff's two inequalities along a real run, for a chosen margin.

    ``panel(margin)``: left, the 100 points of :func:`novikoff_run`, the generating line with
    its margin band and the perceptron's final line; right, on log-log axes against the
    mistake count k, the progress :math:`\mathbf u^\top\tilde{\mathbf w}_k` with its lower
    bound :math:`k\gamma`, and the length :math:`\lVert\tilde{\mathbf w}_k\rVert` with its upper
    bound :math:`\sqrt k R`. The two bounds cross at :math:`k = (R/\gamma)^2`.
    """

    figsize = (9.6, 4.6)

    def setup(self, fig):
        ax, axk = self.ax, self.axk = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.25]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.31, top=0.92, wspace=0.28)
        self.pts = [ax.scatter(np.zeros(1), np.zeros(1), s=16, c=COLORS[c], marker=MARKERS[c],
                               edgecolors="white", linewidths=0.4, zorder=3,
                               label=f"class {c}") for c in (0, 1)]
        (self.true_line,) = ax.plot([], [], color=COLORS[3], ls="-.", lw=1.5,
                                    label="line used for u")
        self.band = [ax.plot([], [], color=COLORS[3], ls=":", lw=1)[0] for _ in range(2)]
        (self.final,) = ax.plot([], [], color="k", lw=2, label="perceptron's final line")
        _square(ax, _LIM)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8)
        self.title = ax.set_title("", fontsize=9)
        kmax = 1.5 * max(novikoff_run(m)["bound"] for m in NOVIKOFF_MARGINS)
        self.kk = np.geomspace(1, kmax, 200)
        (self.lo,) = axk.plot([], [], color=COLORS[0], ls="--", lw=1.5, label="kγ (lower bound)")
        (self.prog,) = axk.plot([], [], color=COLORS[0], ls="-", lw=2.2, marker="o", ms=3,
                                label="progress u·w̃ₖ")
        (self.hi,) = axk.plot([], [], color=COLORS[1], ls=":", lw=1.8, label="√k R (upper bound)")
        (self.leng,) = axk.plot([], [], color=COLORS[1], ls="-", lw=2.2, marker="s", ms=3,
                                label="length ‖w̃ₖ‖")
        self.cross = axk.axvline(1, color="k", lw=1, ls="-.")
        self.cross_text = axk.text(1, 0.05, "", fontsize=8, rotation=90, ha="right", va="bottom")
        axk.set_xscale("log")
        axk.set_yscale("log")
        axk.set_xlim(1, kmax)
        axk.set_ylim(0.03, 3 * np.sqrt(kmax) * novikoff_run(NOVIKOFF_MARGINS[0])["R"])
        axk.set_xlabel("number of mistakes k (log scale)")
        axk.set_ylabel("value (log scale)")
        axk.legend(loc="upper center", bbox_to_anchor=(0.45, -0.19), ncol=2, fontsize=8)
        self.ktitle = axk.set_title("", fontsize=9)
        self.moving(*self.pts, self.true_line, *self.band, self.final, self.title, self.lo,
                    self.prog, self.hi, self.leng, self.cross, self.cross_text, self.ktitle)

    def update(self, margin=0.1):
        margin = check_positive(margin, "margin")
        r = novikoff_run(margin)
        X, y = r["X"], r["y"]
        for c, pts in enumerate(self.pts):
            pts.set_offsets(X[y == c])
        u2, c0 = np.array([0.6, 0.8]), -0.3                # separable_data's line
        _move_line(self.true_line, u2, c0, _LIM)
        for line, shift in zip(self.band, (-margin, margin)):
            _move_line(line, u2, c0 + shift, _LIM)
        _move_line(self.final, r["w"], r["b"], _LIM)
        n_mist = len(r["k"])
        self.title.set_text(f"margin {margin:g}: the perceptron stops after {n_mist} mistakes")
        self.lo.set_data(self.kk, self.kk * r["gamma"])
        self.hi.set_data(self.kk, np.sqrt(self.kk) * r["R"])
        self.prog.set_data(r["k"], np.maximum(r["progress"], 1e-3))
        self.leng.set_data(r["k"], r["length"])
        self.cross.set_xdata([r["bound"], r["bound"]])
        self.cross_text.set_x(r["bound"])
        self.cross_text.set_text(f"bounds cross: k = (R/γ)² = {r['bound']:.0f}")
        self.ktitle.set_text(f"γ = {r['gamma']:.3f}, R = {r['R']:.2f}")


novikoff_panel = NovikoffPanel()


# ------------------------------------------------------------------ static figures
def _timeline_labels(fig, ax, rows, kinds, step=1.05, first=0.9, max_level=5):
    """Place the timeline's labels so that no leader line crosses a label.

    Events alternate above and below the axis. Labels left of 1980 extend to the right of their
    leader line, later ones to the left (so none leaves the axes). Each label takes the lowest
    level at which its box overlaps no other box of its side, no taller leader runs through it,
    and its own leader runs through no lower box.
    """
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    placed = {1: [], -1: []}          # side -> list of (x0, x1, level, leader x)
    for j, (year, label, kind) in enumerate(rows):
        colour = kinds[kind][0]
        side = 1 if j % 2 == 0 else -1
        ha = "left" if year < 1980 else "right"
        text = ax.text(year, 0, f"{year}  {label}", ha=ha, va="bottom" if side > 0 else "top",
                       fontsize=8, bbox={"fc": "white", "ec": colour, "lw": 0.8, "pad": 1.5})
        ext = text.get_window_extent(renderer)
        (x0, _), (x1, _) = to_data.transform([(ext.x0, 0), (ext.x1, 0)])
        x0, x1 = x0 - 0.4, x1 + 0.4                       # room for the box's padding
        level = 1
        while level < max_level:
            ok = True
            for a, b, lev, lx in placed[side]:
                overlap = a < x1 and x0 < b
                if (lev == level and overlap) or (lev >= level and x0 <= lx <= x1) or \
                        (lev < level and a <= year <= b):
                    ok = False
                    break
            if ok:
                break
            level += 1
        placed[side].append((x0, x1, level, year))
        h = side * (first + step * (level - 1))
        ax.plot([year, year], [0, h], color=colour, lw=0.8, ls="-", zorder=1)
        text.set_y(h + side * 0.12)


def timeline_figure(events):
    """Static figure: a timeline of (year, label, kind) events over the three shaded waves.

    Parameters
    ----------
    events : sequence of (int, str, str)
        Year, short label and a kind, one of ``"model"``, ``"setback"``, ``"result"``;
        each kind has its own marker (and colour).
    """
    kinds = {"model": (COLORS[0], "o"), "setback": (COLORS[1], "v"), "result": (COLORS[2], "s")}
    rows = []
    for ev in events:
        if len(ev) != 3:
            raise ValueError(f"each event must be (year, label, kind), got {ev!r}")
        year, label, kind = ev
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            raise TypeError(f"year must be an integer, got {year!r}")
        if kind not in kinds:
            raise ValueError(f"kind must be one of {list(kinds)}, got {kind!r}")
        rows.append((int(year), str(label), kind))
    if not rows:
        raise ValueError("events is empty")
    rows.sort(key=lambda r: r[0])
    fig, ax = plt.subplots(figsize=(10.5, 5.2))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.1, top=0.97)
    for k, (name, (a, z)) in enumerate(WAVES.items()):
        ax.axvspan(a, z, color=PALETTE["grey"], alpha=0.12 + 0.06 * k, lw=0)
        ax.text((a + z) / 2, 5.6, name, ha="center", fontsize=10, style="italic")
    ax.axhline(0, color="k", lw=1)
    ax.set_xlim(1937, 2023)
    ax.set_ylim(-6.2, 6.2)
    for year, _, kind in rows:
        colour, marker = kinds[kind]
        ax.plot(year, 0, marker=marker, color=colour, ms=8, ls="none")
    _timeline_labels(fig, ax, rows, kinds)
    for kind, (colour, marker) in kinds.items():
        ax.plot([], [], marker=marker, color=colour, ls="none", label=kind)
    ax.legend(loc="lower left", fontsize=9, frameon=True)
    ax.set_yticks([])
    ax.set_xlabel("year")
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    return fig


def _pow10(v):
    """'$10^{k}$' for a power of ten, else the number in scientific notation."""
    k = np.log10(v)
    return f"$10^{{{k:.0f}}}$" if np.isclose(k, round(k)) else f"{v:.1e}"


def brain_scale_figure(neurons, connections, switch_s, recognition_s):
    """Static figure: the brain's width against its depth, on a log scale.

    Parameters
    ----------
    neurons : float, the number of neurons
    connections : (float, float), the low and high estimate of connections per neuron
    switch_s : float, the time one neuron needs to respond (seconds)
    recognition_s : float, the time to recognise a scene (seconds)
    """
    lo, hi = connections
    steps = recognition_s / switch_s
    rows = [("neurons working at once", neurons, neurons),
            ("connections (synapses)", neurons * lo, neurons * hi),
            ("serial steps in one recognition", steps, steps)]
    fig, ax = plt.subplots(figsize=(7.6, 2.8))
    fig.subplots_adjust(left=0.33, right=0.97, bottom=0.22, top=0.95)
    for k, (_, a, z) in enumerate(rows):
        ax.barh(k, np.log10(a), color=COLORS[k], height=0.55, hatch=["", "//", ".."][k],
                edgecolor="white")
        if z > a:
            ax.barh(k, np.log10(z) - np.log10(a), left=np.log10(a), color=COLORS[k],
                    alpha=0.45, height=0.55, edgecolor="white")
        text = _pow10(a) if z == a else f"{_pow10(a)} to {_pow10(z)}"
        ax.text(np.log10(z) + 0.2, k, text, va="center", fontsize=10)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 18)
    ax.set_xlabel("how many (log$_{10}$)")
    ax.grid(axis="y", visible=False)
    return fig


def neuron_figure():
    """Static figure: a cartoon of a biological neuron (left) next to a threshold unit (right)."""
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(10, 3.8))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.04, top=0.9, wspace=0.08)
    rng = np.random.default_rng(1)
    for ang in np.linspace(0.7, 5.6, 7):                   # dendrites
        r = np.linspace(0.45, 1.6, 20)
        wiggle = 0.15 * np.sin(3 * r + ang)
        ax0.plot(-1 + r * np.cos(ang + wiggle), r * np.sin(ang + wiggle), color=COLORS[0], lw=2,
                 ls="-")
        tip = (-1 + 1.6 * np.cos(ang + wiggle[-1]), 1.6 * np.sin(ang + wiggle[-1]))
        for _ in range(2):
            d = rng.uniform(-0.6, 0.6)
            ax0.plot([tip[0], tip[0] + 0.35 * np.cos(ang + d)],
                     [tip[1], tip[1] + 0.35 * np.sin(ang + d)], color=COLORS[0], lw=1.2,
                     ls="-")
    ax0.add_patch(plt.Circle((-1, 0), 0.5, color=COLORS[3], zorder=3))
    ax0.add_patch(plt.Circle((-1, 0), 0.18, color=COLORS[1], zorder=4))
    ax0.plot([-0.5, 2.6], [0, 0], color="k", lw=3, ls="-", zorder=2)     # axon
    for yy in (-0.35, 0.0, 0.35):                                         # synaptic terminals
        ax0.plot([2.6, 3.0], [0, yy], color="k", lw=1.5, ls="-")
        ax0.plot(3.05, yy, marker="o", color=COLORS[2], ms=9, ls="none")
    notes = [((-2.3, 1.5), "dendrites\n(inputs)"), ((-1, -0.85), "cell body"),
             ((1.1, 0.25), "axon: the spike travels"), ((3.05, -0.8), "synapses\n(to next cells)")]
    for (x, yy), text in notes:
        ax0.text(x, yy, text, ha="center", fontsize=9)
    ax0.set_xlim(-3, 3.6)
    ax0.set_ylim(-1.9, 1.9)
    ax0.set_aspect("equal")
    ax0.axis("off")
    ax0.set_title("biological neuron (cartoon)", fontsize=10)
    ys = np.array([1.2, 0.4, -0.4, -1.2])
    for k, yy in enumerate(ys):
        ax1.text(-2.2, yy, f"$x_{k + 1}$" if k < 3 else "$1$", ha="center", va="center",
                 fontsize=12)
        style = LINESTYLES[0] if k != 1 else LINESTYLES[1]
        ax1.plot([-1.9, -0.45], [yy, 0], color=COLORS[1] if k != 1 else COLORS[0], ls=style,
                 lw=2)
        ax1.text(-1.25, 0.6 * yy + 0.12, f"$w_{k + 1}$" if k < 3 else "$b$", fontsize=11)
    ax1.add_patch(plt.Circle((0, 0), 0.45, fc="white", ec="k", lw=1.5))
    ax1.text(0, 0, r"$\Sigma$", ha="center", va="center", fontsize=15)
    ax1.annotate("", xy=(1.2, 0), xytext=(0.45, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    zs = np.linspace(-0.5, 0.5, 50)
    ax1.plot(1.35 + zs, 0.35 * (zs >= 0) - 0.15, color="k", lw=2, ls="-")
    ax1.annotate("", xy=(2.8, 0), xytext=(1.95, 0), arrowprops={"arrowstyle": "->", "lw": 1.5})
    ax1.text(3.0, 0, r"$\hat y$", va="center", fontsize=13)
    ax1.text(0.5, -1.55, r"$\hat y = 1$ if $\sum_i w_i x_i + b \geq 0$, else 0", ha="center",
             fontsize=11)
    ax1.text(-1.0, 1.6, "solid: excitatory ($w>0$), dashed: inhibitory ($w<0$)", ha="center",
             fontsize=8)
    ax1.set_xlim(-2.6, 3.4)
    ax1.set_ylim(-1.9, 1.9)
    ax1.set_aspect("equal")
    ax1.axis("off")
    ax1.set_title("threshold unit", fontsize=10)
    return fig


def gates_figure(gates):
    """Static figure: McCulloch–Pitts units as lines over the inputs of their truth table.

    Parameters
    ----------
    gates : dict name -> (weights, threshold)
        Two-input gates are drawn in the unit square with the line w.x = T; a one-input gate
        on a number line with the point x = T / w.
    """
    fig, axes = plt.subplots(1, len(gates), figsize=(3.3 * len(gates), 3.4))
    axes = np.atleast_1d(axes)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.17, top=0.86, wspace=0.35)
    for ax, (name, (w, T)) in zip(axes, gates.items()):
        w = np.asarray(w, dtype=float)
        if w.size == 2:
            pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
            out = mcculloch_pitts(pts, w, T)
            g = np.linspace(-0.4, 1.4, 80)
            gx, gy = np.meshgrid(g, g)
            ax.imshow((w[0] * gx + w[1] * gy >= T).astype(float), origin="lower",
                      extent=(-0.4, 1.4, -0.4, 1.4), cmap=_SHADE, vmin=0, vmax=1, alpha=0.18,
                      aspect="auto")
            _line(ax, w, -T, 3, color="k", lw=2, ls="-")
            _points(ax, pts, out, size=110)
            ax.set_xlim(-0.4, 1.4)
            ax.set_ylim(-0.4, 1.4)
            ax.set_aspect("equal")
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            ax.set_title(f"{name}: w = ({w[0]:g}, {w[1]:g}), T = {T:g}", fontsize=10)
        else:
            pts = np.array([[0.0], [1.0]])
            out = mcculloch_pitts(pts, w, T)
            ax.axhline(0, color="k", lw=1)
            ax.axvline(T / w[0], color="k", lw=2)
            for xv, o in zip(pts[:, 0], out):
                ax.scatter(xv, 0, s=110, c=COLORS[o], marker=MARKERS[o], zorder=3,
                           edgecolors="white")
            ax.set_xlim(-0.6, 1.6)
            ax.set_ylim(-1, 1)
            ax.set_yticks([])
            ax.set_xlabel("$x_1$")
            ax.set_title(f"{name}: w = {w[0]:g}, T = {T:g}", fontsize=10)
        ax.grid(False)
    axes[0].legend(loc="upper left", fontsize=8, frameon=True)
    return fig


def xor_figure(errors):
    """Static figure: XOR's four points with the hand-built network's strip (left), and the
    mistakes per epoch of perceptron runs (right).

    Parameters
    ----------
    errors : dict name -> list of int, mistakes per epoch of each run
    """
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(9.6, 4.4),
                                   gridspec_kw={"width_ratios": [1, 1.4]})
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.3, top=0.9, wspace=0.3)
    pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    g = np.linspace(-0.4, 1.4, 120)
    gx, gy = np.meshgrid(g, g)
    _, out = xor_network(np.column_stack([gx.ravel(), gy.ravel()]))
    ax0.imshow(out.reshape(gx.shape).astype(float), origin="lower",
               extent=(-0.4, 1.4, -0.4, 1.4), cmap=_SHADE, vmin=0, vmax=1, alpha=0.18,
               aspect="auto")
    W, T = XOR_HIDDEN["weights"], XOR_HIDDEN["thresholds"]
    for j, name in enumerate(("OR", "NAND")):
        _line(ax0, W[j], -T[j], 3, color="k", ls=LINESTYLES[j], lw=2, label=f"{name} unit")
    _points(ax0, pts, np.array([0, 1, 1, 0]), size=110)
    ax0.set_xlim(-0.4, 1.4)
    ax0.set_ylim(-0.4, 1.4)
    ax0.set_aspect("equal")
    ax0.set_xlabel("$x_1$")
    ax0.set_ylabel("$x_2$")
    ax0.grid(False)
    ax0.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=2, fontsize=8)
    ax0.set_title("XOR = AND(OR, NAND): the strip", fontsize=10)
    for k, (name, errs) in enumerate(errors.items()):
        ax1.plot(np.arange(1, len(errs) + 1), errs, color=COLORS[k], ls=LINESTYLES[k],
                 marker=MARKERS[k], ms=4, lw=1.6, label=name)
    ax1.set_xlabel("epoch")
    ax1.set_ylabel("mistakes in the epoch")
    ax1.legend(fontsize=9)
    ax1.set_title("perceptron rule on the four points", fontsize=10)
    return fig


def three_models_figure(X, y, fits):
    """Static figure: the lines of several trained single neurons over one data set.

    Parameters
    ----------
    X : array_like (n, 2), y : array_like (n,) labels 0/1
    fits : dict name -> (w (2,), b), e.g. the output of :func:`sgd_neuron` per model
    """
    X, y = _check_Xy(X, y)
    fig, ax = plt.subplots(figsize=(5.6, 6.0))
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.27, top=0.97)
    lim = float(np.abs(X).max()) + 0.3
    _points(ax, X, y)
    for k, (name, (w, b)) in enumerate(fits.items()):
        acc = np.mean((X @ np.asarray(w) + b >= 0) == y)
        _line(ax, np.asarray(w), b, lim, color=[COLORS[2], "k", COLORS[4]][k % 3],
              ls=LINESTYLES[k % 4], lw=2.2,
              label=f"{_MODEL_NAMES.get(name, name)} (training accuracy {acc:.3f})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8)
    _square(ax, lim)
    return fig


def losses_figure():
    """Static figure: the 0-1, perceptron, hinge, logistic and Adaline (squared) losses against
    the margin y*z (labels y in {-1, +1})."""
    m = np.linspace(-3, 3, 601)
    curves = {"0–1 loss: mistake or not": (m <= 0).astype(float),
              "perceptron: max(0, −yz)": np.maximum(0, -m),
              "hinge (SVM): max(0, 1 − yz)": np.maximum(0, 1 - m),
              "logistic: log(1 + exp(−yz))": np.logaddexp(0, -m),
              "Adaline: ½(1 − yz)²": 0.5 * (1 - m) ** 2}
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.15, top=0.95)
    styles = [*LINESTYLES, (0, (6, 2, 1, 2, 1, 2))]
    for k, (name, v) in enumerate(curves.items()):
        ax.plot(m, v, color=COLORS[k], ls=styles[k], lw=2.2, label=name)
    ax.set_xlabel("margin $y\\,z$ (positive: correct side)")
    ax.set_ylabel("loss of one example")
    ax.set_ylim(-0.1, 3.5)
    ax.legend(fontsize=9)
    return fig
