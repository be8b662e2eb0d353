r"""Experiments and panels for chapter 7, regularization.

The chapter studies one noisy problem (:func:`problem`: two moons with noise
0.4, 100 training, 100 validation and 500 test points) and one over-sized
network (:data:`SIZES`, 1,218 parameters) trained with one regulariser at a
time by :func:`trained`. Training is cached, so every figure, table and slider
frame that needs a network reuses the same run.

Panels (:class:`nnbook.widgets.Panel` instances: ``panel(**params)`` returns one figure,
built once and updated in place): ``penalty_panel`` (:class:`PenaltyPanel`, L2/L1
strength :math:`\lambda`), ``l1_toy`` (:class:`L1Toy`, the minimiser of
:math:`(\theta-2)^2+\lambda|\theta|`), ``dropout_panel`` (:class:`DropoutPanel`, drop
probability p). Dropout follows the book's convention: p is the probability that a unit
is **dropped**.
"""

from __future__ import annotations

import functools
import itertools

import contourpy
import numpy as np
from matplotlib.colors import BoundaryNorm, ListedColormap

from .. import activations, data
from .._checks import as_float_array, check_probability, check_real
from ..mlp import MLP
from ..plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE, plot_points
from ..regularization import EarlyStopping, dropout_mask, soft_threshold
from ..widgets import Panel

__all__ = ["SIZES", "FIT", "LAMBDAS", "DROPS", "TOY_LAMBDAS", "PATIENCE", "problem", "trained",
           "weight_norm", "toy_minimiser", "draw_boundary", "PenaltyPanel", "penalty_panel",
           "L1Toy", "l1_toy", "DropoutPanel", "dropout_panel", "masked_proba", "ensemble",
           "draw_thinned", "comparison", "N_TRAINS", "chosen_settings", "robust_comparison",
           "big_test", "more_data", "PATIENCES", "stopping_epochs", "PatiencePanel",
           "patience_panel", "N_MASKS", "dropout_net", "mask_average", "EnsemblePanel",
           "ensemble_panel"]

#: the over-sized network: two hidden layers of 32 ReLU units, softmax output
SIZES = (2, 32, 32, 2)
#: how every network of the chapter is trained (mini-batch SGD with momentum)
FIT = {"epochs": 500, "lr": 0.05, "batch_size": 25, "momentum": 0.9}
#: penalty strengths of the L2/L1 panel
LAMBDAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1)
#: drop probabilities of the dropout panel
DROPS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
#: penalty strengths of the toy-problem panel
TOY_LAMBDAS = (0.0, 0.5, 1.0, 2.0, 3.0, 3.5, 4.0, 5.0, 6.0)
#: patience (epochs without a better validation loss) of early stopping
PATIENCE = 50
#: patiences of the early-stopping panel
PATIENCES = (5, 10, 20, 50, 100, 200)
#: numbers of sampled sub-networks of the dropout-ensemble panel
N_MASKS = (1, 2, 3, 5, 10, 20, 50, 100)
_METHODS = ("none", "l2", "l1", "dropout", "early")


#: training-set sizes of the "more data" experiment (every run takes the same number of steps)
N_TRAINS = (100, 250, 500, 1000)


def _epochs(n_train):
    """Epochs that give a training set of ``n_train`` points as many mini-batch steps as
    :data:`FIT` gives 100 points (2,000 steps of 25 points)."""
    n_train = int(n_train)
    if n_train < 100 or (FIT["epochs"] * 100) % n_train:
        raise ValueError(f"n_train must be >= 100 and divide {FIT['epochs'] * 100}, got {n_train}")
    return FIT["epochs"] * 100 // n_train


@functools.cache
def problem(draw=0, n_train=100):
    """The chapter's data: noisy moons split n_train / 100 / 500 (train / validation / test).

    Parameters
    ----------
    draw : int >= 0
        Which sample of the data (the seed of the points and of the split); draw 0 with
        100 training points is the chapter's problem.
    n_train : int
        Number of training points (one of :data:`N_TRAINS` for the "more data" runs).

    Returns
    -------
    dict with keys ``"train"``, ``"val"``, ``"test"``, each a pair ``(X, y)``
    (read-only arrays; X of shape (n, 2), y of shape (n,)).
    """
    draw, n_train = int(draw), int(n_train)
    if draw < 0 or n_train < 10:
        raise ValueError(f"draw must be >= 0 and n_train >= 10, got {draw}, {n_train}")
    X, y = data.moons(n=n_train + 600, noise=0.4, random_state=draw)
    X_tr, X_rest, y_tr, y_rest = data.train_test_split(X, y, test_size=600 / (n_train + 600),
                                                       random_state=draw)
    X_va, X_te, y_va, y_te = data.train_test_split(X_rest, y_rest, test_size=5 / 6,
                                                   random_state=draw)
    out = {"train": (X_tr, y_tr), "val": (X_va, y_va), "test": (X_te, y_te)}
    for arrays in out.values():
        for a in arrays:
            a.flags.writeable = False
    return out


def trained(method="none", strength=0.0, seed=0, draw=0, n_train=100):
    """The network of :data:`SIZES` trained on :func:`problem` with one regulariser (cached).

    Parameters
    ----------
    method : {"none", "l2", "l1", "dropout", "early"}
    strength : float
        :math:`\\lambda` for "l2"/"l1", the drop probability p for "dropout",
        the patience in epochs for "early" (0 means :data:`PATIENCE`).
    seed : int
        ``random_state`` of the network (initial weights, shuffling, masks).
    draw, n_train : int
        The data (:func:`problem`); with more training points the network trains for
        fewer epochs, so that every run takes the same 2,000 mini-batch steps.

    Returns
    -------
    MLP
        Shared between callers: do not modify it. ``net.curves_`` holds the
        training and test accuracy after every epoch for "none" and "early" on the
        chapter's problem (draw 0, 100 points), and is empty otherwise.
    """
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, got {method!r}")
    strength = float(strength)
    if strength < 0 or not np.isfinite(strength):
        raise ValueError(f"strength must be a finite number >= 0, got {strength}")
    if method in ("l2", "l1", "dropout") and strength == 0:
        method = "none"
    if method == "none":
        strength = 0.0
    if method == "early" and strength == 0:
        strength = float(PATIENCE)
    epochs = _epochs(n_train)
    if method == "early" and int(n_train) != 100:
        raise ValueError("early stopping is run on the 100-point training sets only")
    return _train(method, strength, int(seed), int(draw), int(n_train), epochs)


@functools.cache
def _train(method, strength, seed, draw=0, n_train=100, epochs=None):
    d = problem(draw, n_train)
    net = MLP(list(SIZES), activation="relu", random_state=seed)
    kw = {}
    if method in ("l2", "l1", "dropout"):
        kw[method] = strength
    elif method == "early":
        kw["early_stopping"] = EarlyStopping(patience=int(strength))
    curves = {"train_acc": [], "test_acc": []}

    snapshots = []

    def record(n, epoch):
        curves["train_acc"].append(n.score(*d["train"]))
        curves["test_acc"].append(n.score(*d["test"]))
        if method == "none":
            snapshots.append([a.copy() for a in (*n.weights, *n.biases)])

    watch = method in ("none", "early") and (draw, n_train) == (0, 100)
    fit = {**FIT, "epochs": epochs or FIT["epochs"]}
    net.fit(*d["train"], validation=d["val"], callback=record if watch else None, **fit, **kw)
    net.curves_ = curves
    net.snapshots_ = snapshots        # parameters after every epoch ("none", chapter's problem)
    return net


def weight_norm(net, ord=2):
    r""":math:`\lVert\theta\rVert_2` (or :math:`\lVert\theta\rVert_1` with ``ord=1``) over
    all weight matrices; biases are not counted (they are not penalised).

    Parameters
    ----------
    net : MLP (anything with a list ``weights`` of arrays)
    ord : {1, 2}

    Returns
    -------
    float
    """
    if ord not in (1, 2):
        raise ValueError(f"ord must be 1 or 2, got {ord!r}")
    if not hasattr(net, "weights"):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    w = np.concatenate([W.ravel() for W in net.weights])
    return float(np.sum(np.abs(w))) if ord == 1 else float(np.sqrt(np.sum(w * w)))


def toy_minimiser(lam, penalty="l1", c=2.0):
    r"""Minimiser of the lectures' toy loss :math:`(\theta-c)^2 + \Omega(\theta)`.

    L1, :math:`\Omega=\lambda|\theta|`: soft thresholding,
    :math:`\theta^*=\operatorname{sgn}(c)\max(|c|-\lambda/2, 0)`, exactly 0 once
    :math:`\lambda\ge 2|c|`. L2, :math:`\Omega=\tfrac{\lambda}{2}\theta^2`:
    :math:`\theta^*=c/(1+\lambda/2)`, never 0.

    Parameters
    ----------
    lam : float or ndarray of any shape, >= 0
    penalty : {"l1", "l2"}
    c : float, the minimiser of the data loss

    Returns
    -------
    ndarray of the shape of ``lam`` (0-d for a scalar)
    """
    lam = as_float_array(lam, "lam", allow_scalar=True)
    c = check_real(c, "c")
    if np.any(lam < 0):
        raise ValueError("lam must be >= 0")
    if penalty == "l1":
        out = [float(soft_threshold(c, t)) for t in lam.ravel() / 2]
        return np.array(out).reshape(lam.shape)
    if penalty == "l2":
        return c / (1 + lam / 2)
    raise ValueError(f"penalty must be 'l1' or 'l2', got {penalty!r}")


# ------------------------------------------------------------------------ drawing helpers
@functools.lru_cache(maxsize=1)
def _grid(n=110):
    X = np.concatenate([problem()["train"][0], problem()["test"][0]])
    lo, hi = X.min(axis=0) - 0.3, X.max(axis=0) + 0.3
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(lo[1], hi[1], n))
    return gx, gy, np.column_stack([gx.ravel(), gy.ravel()])


def draw_boundary(ax, net, points="train", proba=None):
    """Shade P(class 1) of ``net`` over the plane, draw the 0.5 contour and the points.

    ``points`` is "train", "test" or None; ``proba`` may replace ``net.predict_proba``
    (a function of an (m, 2) array) or be the (110, 110) array of P(class 1) itself.
    """
    if points not in ("train", "test", None):
        raise ValueError(f"points must be 'train', 'test' or None, got {points!r}")
    gx, gy, G = _grid()
    if isinstance(proba, np.ndarray):
        P = as_float_array(proba, "proba", ndim=2)
        if P.shape != gx.shape:
            raise ValueError(f"proba must have the grid's shape {gx.shape}, got {P.shape}")
    else:
        P = (proba or net.predict_proba)(G)[:, 1].reshape(gx.shape)
    # ten flat bands of probability (they also keep the pre-rendered PNG frames small)
    ax.contourf(gx, gy, P, levels=np.linspace(0, 1, 11), cmap=DIVERGING, vmin=0, vmax=1,
                alpha=0.55)
    if P.min() < 0.5 < P.max():    # a network that predicts one class has no boundary
        ax.contour(gx, gy, P, levels=[0.5], colors="k", linewidths=1.5)
    if points:
        plot_points(*problem()[points], ax=ax, size=16)
    ax.set_xlim(gx.min(), gx.max())
    ax.set_ylim(gy.min(), gy.max())
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)
    return ax


def _scores(net, d=None):
    d = problem() if d is None else d
    return net.score(*d["train"]), net.score(*d["test"])


@functools.cache
def _cached(method, strength):
    """(train accuracy, test accuracy, weight norm, P(class 1) on the plotting grid)."""
    net = trained(method, strength)
    gx = _grid()[0]
    return (*_scores(net), weight_norm(net), net.predict_proba(_grid()[2])[:, 1].reshape(gx.shape))


# ---------------------------------------------------------------------------------- panels
#: the ten flat probability bands of :func:`draw_boundary`, as a colour map for an image
_BANDS = np.linspace(0, 1, 11)
_BAND_CMAP = ListedColormap(DIVERGING((_BANDS[:-1] + _BANDS[1:]) / 2), name="nnbook_bands")
_BAND_NORM = BoundaryNorm(_BANDS, _BAND_CMAP.N)


@functools.cache
def _boundary(method, strength):
    """P(class 1) on the plotting grid and its 0.5 contour (cached, read-only).

    The contour is one (m, 2) polyline whose pieces are separated by NaN rows, empty when
    the network predicts one class everywhere, so a panel shows it with one ``set_data``.
    """
    return _with_contour(_cached(method, strength)[3])


def _with_contour(P):
    """``(P, xy)``: the grid of P(class 1) and its 0.5 contour as one NaN-separated polyline."""
    gx, gy, _ = _grid()
    xy = np.empty((0, 2))
    if P.min() < 0.5 < P.max():
        # the generator and line type of Matplotlib's own contour()
        lines, _ = contourpy.contour_generator(gx, gy, P, name="mpl2014",
                                               line_type="SeparateCode").lines(0.5)
        xy = np.concatenate([np.vstack([line, [np.nan, np.nan]]) for line in lines])
    P.flags.writeable = False
    xy.flags.writeable = False
    return P, xy


class _BoundaryAxes:
    """The left half of the penalty and dropout panels: the class-1 probability of one
    trained network in the ten bands of :func:`draw_boundary` (an image, bilinear between
    grid points like the filled contours), its 0.5 contour, the training points and a title.
    """

    def __init__(self, panel, ax):
        gx, gy, _ = _grid()
        dx, dy = gx[0, 1] - gx[0, 0], gy[1, 0] - gy[0, 0]
        # pixel centres on the grid points, as for the contours of draw_boundary
        extent = (gx.min() - dx / 2, gx.max() + dx / 2, gy.min() - dy / 2, gy.max() + dy / 2)
        self.shade = ax.imshow(np.full(gx.shape, 0.5), origin="lower", extent=extent,
                               cmap=_BAND_CMAP, norm=_BAND_NORM, alpha=0.55, aspect="auto",
                               interpolation="bilinear", interpolation_stage="data")
        (self.line,) = ax.plot([], [], color="k", lw=1.5)
        plot_points(*problem()["train"], ax=ax, size=16)
        points = ax.collections[-2:]                      # drawn above the moving shade
        ax.set_xlim(gx.min(), gx.max())
        ax.set_ylim(gy.min(), gy.max())
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.grid(False)
        legend = ax.legend(fontsize=8, loc="lower left")
        self.title = ax.set_title("", fontsize=10)
        spines = [s for s in ax.spines.values() if s.get_visible()]   # the shade meets them
        panel.moving(self.shade, self.line, *points, *spines, legend, self.title)

    def show(self, method, strength, title, boundary=None):
        P, xy = _boundary(method, strength) if boundary is None else boundary
        self.shade.set_data(P)
        self.line.set_data(xy[:, 0], xy[:, 1])
        self.title.set_text(title)


def _grid_index(value, grid, name):
    """Index of ``value`` in ``grid``, compared with a tolerance: a slider that steps
    through a float grid reaches 0.30000000000000004 where the grid holds 0.3."""
    value = check_real(value, name)
    hits = np.flatnonzero(np.isclose(grid, value, rtol=1e-9, atol=1e-9))
    if not hits.size:
        raise ValueError(f"{name} must be one of {grid}, got {value}")
    return int(hits[0])


def _mark(ax, color):
    """An empty ring marker for the current choice on a curve (moved with ``set_data``)."""
    return ax.plot([], [], marker="o", ms=11, mfc="none", mec=color, mew=2, ls="none")[0]


def _freeze_limits(ax):
    """Fix the limits that autoscaling gives the static curves drawn so far."""
    ax.set_xlim(ax.get_xlim())
    ax.set_ylim(ax.get_ylim())


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
        self.boundary = _BoundaryAxes(self, ax0)
        x = np.arange(len(LAMBDAS))
        self.norms, self.marks = {}, {}
        for i, pen in enumerate(("L2", "L1")):
            self.norms[pen] = [_cached(pen.lower(), v)[2] for v in LAMBDAS]
            ax1.plot(x, self.norms[pen], color=COLORS[i], ls=LINESTYLES[i], marker=MARKERS[i],
                     label=pen)
        _freeze_limits(ax1)
        for i, pen in enumerate(("L2", "L1")):
            self.marks[pen] = _mark(ax1, COLORS[i])
        ax1.set_ylabel(r"weight norm $\Vert\theta\Vert_2$")
        ax1.set_xticks(x, [f"{v:g}" for v in LAMBDAS])
        ax1.set_xlabel(r"penalty strength $\lambda$")
        ax1.legend(fontsize=9, loc="upper right")      # clear of the rings: stays in the background
        self.moving(*self.marks.values())

    def update(self, penalty="L2", lam=0.01):
        if penalty not in ("L2", "L1"):
            raise ValueError(f"penalty must be 'L2' or 'L1', got {penalty!r}")
        k = _grid_index(lam, LAMBDAS, "lam")
        lam = LAMBDAS[k]
        tr, te = _cached(penalty.lower(), lam)[:2]
        self.boundary.show(penalty.lower(), lam,
                           fr"{penalty}, $\lambda$ = {lam:g}: train {tr:.2f}, test {te:.2f}")
        for pen, mark in self.marks.items():
            mark.set_visible(pen == penalty)
        self.marks[penalty].set_data([k], [self.norms[penalty][k]])


#: the L2/L1 panel: ``penalty_panel(penalty, lam)`` returns its figure
penalty_panel = PenaltyPanel()

_TOY_THETA = np.linspace(-1, 3, 401)
_TOY_LAMS = np.linspace(0, 6, 241)
_TOY_LABELS = {"l1": r"$(\theta-2)^2+\lambda|\theta|$",
               "l2": r"$(\theta-2)^2+\frac{\lambda}{2}\theta^2$"}


def _toy_loss(lam, penalty, theta):
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
            (self.loss[pen],) = ax0.plot(_TOY_THETA, 0 * _TOY_THETA, color=COLORS[i],
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
            ax1.plot(_TOY_LAMS, toy_minimiser(_TOY_LAMS, pen), color=COLORS[i],
                     ls=LINESTYLES[i], lw=2, label=pen.upper())
        _freeze_limits(ax1)
        for i, pen in enumerate(("l1", "l2")):
            self.marks[pen] = _mark(ax1, COLORS[i])
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
            t = best[pen] = float(toy_minimiser(lam, pen))
            self.loss[pen].set_ydata(_toy_loss(lam, pen, _TOY_THETA))
            self.minimum[pen].set_data([t], [_toy_loss(lam, pen, t)])
            self.marks[pen].set_data([lam], [t])
        self.title.set_text(fr"$\lambda$ = {lam:g}: L1 minimiser {best['l1']:.2f}, "
                            fr"L2 minimiser {best['l2']:.2f}")


#: the toy-problem panel: ``l1_toy(lam)`` returns its figure
l1_toy = L1Toy()


class DropoutPanel(Panel):
    """Boundary of the network trained with drop probability ``p``, and training and test
    accuracy against p with the gap between them shaded.

    ``dropout_panel(p=...)`` returns the figure; ``p`` must be one of :data:`DROPS`. All
    eight networks are trained (once, cached) when the figure is built.
    """

    figsize = (8.4, 3.3)

    def setup(self, fig):
        ax0, ax1 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.9, wspace=0.25)
        self.boundary = _BoundaryAxes(self, ax0)
        acc = np.array([_cached("dropout", q)[:2] for q in DROPS])
        ax1.fill_between(DROPS, acc[:, 1], acc[:, 0], color=PALETTE["grey"], alpha=0.25,
                         label="gap")
        ax1.plot(DROPS, acc[:, 0], color=COLORS[0], marker=MARKERS[0], label="train")
        ax1.plot(DROPS, acc[:, 1], color=COLORS[1], ls="--", marker=MARKERS[1], label="test")
        _freeze_limits(ax1)
        self.vline = ax1.axvline(DROPS[0], color=PALETTE["grey"], lw=1)
        ax1.set_xlabel("drop probability $p$")
        ax1.set_ylabel("accuracy")
        ax1.set_ylim(0.75, 1.01)
        legend = ax1.legend(fontsize=9, loc="upper right")
        self.moving(self.vline, legend)                 # the line passes under the legend

    def update(self, p=0.5):
        p = DROPS[_grid_index(p, DROPS, "p")]
        tr, te = _cached("dropout", p)[:2]
        self.boundary.show("dropout", p,
                           f"p = {p:g}: train {tr:.2f}, test {te:.2f}, gap {tr - te:.2f}")
        self.vline.set_xdata([p, p])


#: the dropout panel: ``dropout_panel(p)`` returns its figure
dropout_panel = DropoutPanel()


def stopping_epochs(val_loss, patience):
    """Best and stopping epoch (0-based) of :class:`EarlyStopping` on a validation-loss curve.

    Parameters
    ----------
    val_loss : sequence of float, one per epoch
    patience : int >= 1

    Returns
    -------
    best, stop : int; ``stop`` is the last epoch when the rule never fires
    """
    es = EarlyStopping(patience=patience)
    for epoch, loss in enumerate(val_loss):
        if es.update(epoch, loss, []):
            break
    stop = es.stopped_epoch_ if es.stopped_epoch_ is not None else len(val_loss) - 1
    return es.best_epoch_, stop


@functools.cache
def _restored(patience):
    """(best, stop, test accuracy, (P, xy)) of early stopping with ``patience`` on the plain run."""
    net = trained("none")
    best, stop = stopping_epochs(net.history_["val_loss"], patience)
    twin = MLP(list(SIZES), activation="relu", random_state=0)
    for mine, saved in zip((*twin.weights, *twin.biases), net.snapshots_[best]):
        mine[...] = saved
    gx = _grid()[0]
    P = twin.predict_proba(_grid()[2])[:, 1].reshape(gx.shape)
    return best, stop, twin.score(*problem()["test"]), _with_contour(P)


class PatiencePanel(Panel):
    """Early stopping with a chosen patience, replayed on the unregularised run.

    ``patience_panel(patience=...)`` returns the figure; ``patience`` must be one of
    :data:`PATIENCES`. Left: training and validation loss of the plain run, the best epoch
    (dotted) and the epochs waited before stopping (grey band). Right: the boundary of the
    restored network, the weights after the best epoch. One training run serves every
    patience: stopping only decides which of its epochs to keep.
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
        self.boundary = _BoundaryAxes(self, ax1)
        self.moving(self.band, self.best, legend, self.title0)

    def update(self, patience=PATIENCE):
        patience = PATIENCES[_grid_index(patience, PATIENCES, "patience")]
        best, stop, test, boundary = _restored(patience)
        b, s = best + 1, stop + 1
        self.band.set_x(b)
        self.band.set_width(s - b)
        self.best.set_xdata([b, b])
        self.title0.set_text(f"patience {patience}: best epoch {b}, stops after {s}")
        self.boundary.show("none", 0.0, f"weights of epoch {b}: test accuracy {test:.3f}",
                           boundary=boundary)


#: the early-stopping panel: ``patience_panel(patience)`` returns its figure
patience_panel = PatiencePanel()


# --------------------------------------------------------------------------------- ensemble
@functools.lru_cache(maxsize=1)
def dropout_net():
    """The 2-6-6-2 ReLU network trained with drop probability 0.5 on :func:`problem`
    (the ensemble experiment's second network; cached and shared: do not modify it)."""
    net = MLP([2, 6, 6, 2], activation="relu", random_state=0)
    return net.fit(*problem()["train"], dropout=0.5, **FIT)


@functools.lru_cache(maxsize=1)
def _sub_networks(seed=6):
    """P(class 1) on the plotting grid for the scaled :func:`dropout_net` and for
    ``max(N_MASKS)`` sub-networks with masks drawn at p = 0.5 (read-only arrays)."""
    net = dropout_net()
    rng = np.random.default_rng(seed)
    G = _grid()[2]
    subs = np.array([masked_proba(net, G, [dropout_mask(h, 0.5, rng) for h in net.sizes[1:-1]],
                                  0.5)[:, 1] for _ in range(max(N_MASKS))])
    scaled = net.predict_proba(G)[:, 1]
    subs.flags.writeable = False
    scaled.flags.writeable = False
    return subs, scaled


def mask_average(k):
    """The k-th sampled sub-network and the mean of the first k, against the scaled network.

    Returns
    -------
    last, average : ndarray (m,), P(class 1) on the plotting grid's m points
    agree_last, agree_average : float, the fraction of grid points where each predicts the
        same class as the scaled network
    """
    k = N_MASKS[_grid_index(k, N_MASKS, "k")]
    subs, scaled = _sub_networks()
    avg = subs[:k].mean(axis=0)
    same = lambda P: float(np.mean((P > 0.5) == (scaled > 0.5)))  # noqa: E731
    return subs[k - 1], avg, same(subs[k - 1]), same(avg)


class EnsemblePanel(Panel):
    """Sampled dropout sub-networks of :func:`dropout_net` against the weight-scaling rule.

    ``ensemble_panel(k=...)`` returns the figure; ``k`` must be one of :data:`N_MASKS`.
    Left: the k-th sampled sub-network. Middle: the average of the first k sub-networks'
    probabilities (a Monte Carlo estimate of the ensemble). Right: the one network with
    scaled weights that dropout uses at test time.
    """

    figsize = (11.0, 3.4)

    def setup(self, fig):
        axes = fig.subplots(1, 3)
        fig.subplots_adjust(left=0.05, right=0.99, bottom=0.15, top=0.88, wspace=0.22)
        self.one, self.avg = _BoundaryAxes(self, axes[0]), _BoundaryAxes(self, axes[1])
        right = _BoundaryAxes(self, axes[2])
        gx = _grid()[0]
        right.show("none", 0.0, "scaled weights (test time)",
                   boundary=_with_contour(_sub_networks()[1].reshape(gx.shape).copy()))

    def update(self, k=1):
        k = N_MASKS[_grid_index(k, N_MASKS, "k")]
        last, avg, agree_last, agree = mask_average(k)
        shape = _grid()[0].shape
        self.one.show("none", 0.0, f"sub-network {k}: same class as scaled on {agree_last:.0%}",
                      boundary=_with_contour(last.reshape(shape).copy()))
        self.avg.show("none", 0.0, f"mean of {k}: same class as scaled on {agree:.0%}",
                      boundary=_with_contour(avg.reshape(shape).copy()))


#: the dropout-ensemble panel: ``ensemble_panel(k)`` returns its figure
ensemble_panel = EnsemblePanel()


def masked_proba(net, X, masks, p):
    """Output of the sub-network that keeps the hidden units where ``masks`` is True.

    Inverted convention: kept activations are divided by 1 - p. ``masks`` holds one
    boolean vector per hidden layer (the same for every row of ``X``).

    Parameters
    ----------
    net : MLP with a softmax output
    X : ndarray, shape (n, n_in)
    masks : list of boolean arrays, ``masks[l]`` of shape (sizes[l+1],)
    p : float in [0, 1), the drop probability

    Returns
    -------
    ndarray, shape (n, K): the sub-network's class probabilities
    """
    p = check_probability(p, "p")
    A = as_float_array(X, "X", ndim=2)
    if A.shape[1] != net.sizes[0]:
        raise ValueError(f"X has {A.shape[1]} features but the network expects {net.sizes[0]}")
    if net.output != "softmax":
        raise ValueError("masked_proba needs a network with a softmax output")
    hidden = net.sizes[1:-1]
    if len(masks) != len(hidden) or any(np.shape(m) != (h,) for m, h in zip(masks, hidden)):
        raise ValueError(f"masks must hold one boolean vector per hidden layer, sizes {hidden}")
    for l, (W, b) in enumerate(zip(net.weights, net.biases)):
        Z = A @ W.T + b
        if l < net.n_layers - 1:
            A = activations.get(net.hidden_activations[l])[0](Z) * (masks[l] / (1 - p))
        else:
            Z = Z - Z.max(axis=1, keepdims=True)
            E = np.exp(Z)
            return E / E.sum(axis=1, keepdims=True)
    raise ValueError("net needs an output layer")


def ensemble(net, X, p):
    r"""Exact dropout ensemble of ``net`` over all :math:`2^N` masks of its N hidden units.

    Each mask m is weighted by its probability :math:`(1-p)^{\text{kept}}p^{\text{dropped}}`.

    Parameters
    ----------
    net : MLP with a softmax output and at most 16 hidden units in all
    X : ndarray, shape (n, n_in)
    p : float in [0, 1), the drop probability

    Returns
    -------
    arithmetic : ndarray (n, K), the probability-weighted mean of the sub-networks' outputs
    geometric : ndarray (n, K), their weighted geometric mean, renormalised over classes
    n_masks : int
    """
    p = check_probability(p, "p")
    hidden = list(net.sizes[1:-1])
    N = sum(hidden)
    if N > 16:
        raise ValueError(f"{N} hidden units make 2^{N} masks; enumerate at most 16 units")
    arith, logs, n_masks = 0.0, 0.0, 0
    for bits in itertools.product((False, True), repeat=N):
        bits = np.array(bits)
        w = (1 - p) ** bits.sum() * p ** (N - bits.sum())
        masks = np.split(bits, np.cumsum(hidden)[:-1])
        P = masked_proba(net, X, masks, p)
        arith = arith + w * P
        logs = logs + w * np.log(np.maximum(P, 1e-300))
        n_masks += 1
    G = np.exp(logs - logs.max(axis=1, keepdims=True))
    return arith, G / G.sum(axis=1, keepdims=True), n_masks


def draw_thinned(ax, sizes, keep, title=""):
    """Draw a layered network with the dropped units crossed out and their links removed.

    ``keep`` holds one boolean vector per hidden layer.
    """
    alive = [np.ones(sizes[0], bool), *[np.asarray(k, bool) for k in keep],
             np.ones(sizes[-1], bool)]
    pos = [np.linspace(0, 1, n + 2)[1:-1][::-1] for n in sizes]
    for l in range(len(sizes) - 1):
        for j in range(sizes[l]):
            for i in range(sizes[l + 1]):
                if alive[l][j] and alive[l + 1][i]:
                    ax.plot([l, l + 1], [pos[l][j], pos[l + 1][i]], color=COLORS[0], ls="-", lw=0.8,
                            alpha=0.7, zorder=1)
    for l, n in enumerate(sizes):
        for j in range(n):
            ok = alive[l][j]
            ax.scatter([l], [pos[l][j]], s=130, c="white" if ok else PALETTE["grey"],
                       edgecolors="k", zorder=2)
            if not ok:
                ax.scatter([l], [pos[l][j]], s=60, marker="x", c="k", zorder=3)
    ax.set_xlim(-0.3, len(sizes) - 0.7)
    ax.set_ylim(0, 1)
    ax.set_title(title, fontsize=10)
    ax.axis("off")
    return ax


# ------------------------------------------------------------------------------- comparison
def comparison(seeds=(0, 1, 2)):
    """Train/test accuracy of each regulariser, strengths chosen on the validation set.

    λ for L2 and L1 comes from :data:`LAMBDAS`, p from :data:`DROPS` (the value with the
    lowest validation loss for seed 0); early stopping uses :data:`PATIENCE`.

    Returns
    -------
    list of dict with keys method, setting, train, test, gap (means over ``seeds``)
    and test_min, test_max.
    """
    val = problem()["val"]
    rows = []
    for method, grid in (("none", (0.0,)), ("l2", LAMBDAS[1:]), ("l1", LAMBDAS[1:]),
                         ("dropout", DROPS[1:]), ("early", (PATIENCE,))):
        best = min(grid, key=lambda s: trained(method, s).loss_and_gradients(*val)[0])
        acc = np.array([_scores(trained(method, best, seed)) for seed in seeds])
        setting = {"none": "-", "l2": f"lambda = {best:g}", "l1": f"lambda = {best:g}",
                   "dropout": f"p = {best:g}", "early": f"patience {best:g}"}[method]
        rows.append({"method": method, "setting": setting, "train": acc[:, 0].mean(),
                     "test": acc[:, 1].mean(), "gap": (acc[:, 0] - acc[:, 1]).mean(),
                     "test_min": acc[:, 1].min(), "test_max": acc[:, 1].max()})
    return rows


# ------------------------------------------------------------------- robust comparison
def chosen_settings():
    """The strength of each regulariser chosen on the chapter's validation set.

    λ for L2 and L1 from :data:`LAMBDAS`, p from :data:`DROPS`: the value whose network
    (seed 0, draw 0) has the lowest validation loss; early stopping uses :data:`PATIENCE`.

    Returns
    -------
    dict method -> strength, for "none", "l2", "l1", "dropout", "early"
    """
    val = problem()["val"]
    out = {"none": 0.0, "early": float(PATIENCE)}
    for method, grid in (("l2", LAMBDAS[1:]), ("l1", LAMBDAS[1:]), ("dropout", DROPS[1:])):
        out[method] = min(grid, key=lambda s: trained(method, s).loss_and_gradients(*val)[0])
    return {m: out[m] for m in _METHODS}


def robust_comparison(draws=(0, 1, 2, 3), seeds=(0, 1), settings=None):
    """Training and test accuracy of every regulariser over several data draws and seeds.

    The strengths are those of :func:`chosen_settings` (chosen once, on draw 0), kept
    fixed for every draw, so the other draws test the choice as well as the method.

    Returns
    -------
    dict method -> dict with ``"strength"`` and arrays ``"train"``, ``"test"`` of shape
    (len(draws), len(seeds))
    """
    settings = chosen_settings() if settings is None else settings
    out = {}
    for method, strength in settings.items():
        acc = np.array([[_scores(trained(method, strength, seed, draw), problem(draw))
                         for seed in seeds] for draw in draws])
        out[method] = {"strength": strength, "train": acc[..., 0], "test": acc[..., 1]}
    return out


@functools.lru_cache(maxsize=1)
def big_test():
    """5,000 fresh points of the chapter's distribution (noise 0.4), a test set so large
    that its own sampling error (about 0.005 in accuracy) stays below the effects measured
    on it; no draw of :func:`problem` contains them. Read-only arrays ``(X, y)``."""
    X, y = data.moons(n=5000, noise=0.4, random_state=1000)
    X.flags.writeable = False
    y.flags.writeable = False
    return X, y


def more_data(n_trains=N_TRAINS, draws=(0, 1), methods=(("none", 0.0), ("l2", 0.003))):
    """Training and test accuracy against the number of training points.

    Every run takes the same 2,000 mini-batch steps (:func:`trained` with ``n_train``);
    the test accuracy is measured on :func:`big_test`.

    Returns
    -------
    dict (method, strength) -> dict with arrays ``"train"`` and ``"test"`` of shape
    (len(n_trains), len(draws))
    """
    X_big, y_big = big_test()
    out = {}
    for m, s in methods:
        nets = [[trained(m, s, 0, draw, n) for draw in draws] for n in n_trains]
        out[(m, s)] = {
            "train": np.array([[net.score(*problem(draw, n)["train"])
                                for net, draw in zip(row, draws)]
                               for row, n in zip(nets, n_trains)]),
            "test": np.array([[net.score(X_big, y_big) for net in row] for row in nets])}
    return out
