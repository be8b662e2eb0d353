r"""Experiments and panels for chapter 6, regularization.

The chapter studies one noisy problem (:func:`problem`: two moons with noise
0.4, 100 training, 100 validation and 500 test points) and one over-sized
network (:data:`SIZES`, 1,218 parameters) trained with one regulariser at a
time by :func:`trained`. Training is cached, so every figure, table and slider
frame that needs a network reuses the same run.

Panels (``plot(**params) -> Figure``): :func:`penalty_panel` (L2/L1 strength
:math:`\lambda`), :func:`l1_toy` (the minimiser of :math:`(\theta-2)^2+\lambda|\theta|`),
:func:`dropout_panel` (drop probability p). Dropout follows the book's
convention: p is the probability that a unit is **dropped**.
"""

from __future__ import annotations

import functools
import itertools

import matplotlib.pyplot as plt
import numpy as np

from .. import activations, data
from .._checks import as_float_array, check_probability, check_real
from ..mlp import MLP
from ..plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE, plot_points
from ..regularization import EarlyStopping, soft_threshold

__all__ = ["SIZES", "FIT", "LAMBDAS", "DROPS", "TOY_LAMBDAS", "PATIENCE", "problem", "trained",
           "weight_norm", "toy_minimiser", "draw_boundary", "penalty_panel", "l1_toy",
           "dropout_panel", "masked_proba", "ensemble", "draw_thinned", "comparison"]

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
_METHODS = ("none", "l2", "l1", "dropout", "early")


@functools.lru_cache(maxsize=1)
def problem():
    """The chapter's data: noisy moons split 100 / 100 / 500 (train / validation / test).

    Returns
    -------
    dict with keys ``"train"``, ``"val"``, ``"test"``, each a pair ``(X, y)``
    (read-only arrays; X of shape (n, 2), y of shape (n,)).
    """
    X, y = data.moons(n=700, noise=0.4, random_state=0)
    X_tr, X_rest, y_tr, y_rest = data.train_test_split(X, y, test_size=6 / 7, random_state=0)
    X_va, X_te, y_va, y_te = data.train_test_split(X_rest, y_rest, test_size=5 / 6,
                                                   random_state=0)
    out = {"train": (X_tr, y_tr), "val": (X_va, y_va), "test": (X_te, y_te)}
    for arrays in out.values():
        for a in arrays:
            a.flags.writeable = False
    return out


def trained(method="none", strength=0.0, seed=0):
    """The network of :data:`SIZES` trained on :func:`problem` with one regulariser (cached).

    Parameters
    ----------
    method : {"none", "l2", "l1", "dropout", "early"}
    strength : float
        :math:`\\lambda` for "l2"/"l1", the drop probability p for "dropout",
        the patience in epochs for "early" (0 means :data:`PATIENCE`).
    seed : int
        ``random_state`` of the network (initial weights, shuffling, masks).

    Returns
    -------
    MLP
        Shared between callers: do not modify it. ``net.curves_`` holds the
        training and test accuracy after every epoch for "none" and "early".
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
    return _train(method, strength, int(seed))


@functools.cache
def _train(method, strength, seed):
    d = problem()
    net = MLP(list(SIZES), activation="relu", random_state=seed)
    kw = {}
    if method in ("l2", "l1", "dropout"):
        kw[method] = strength
    elif method == "early":
        kw["early_stopping"] = EarlyStopping(patience=int(strength))
    curves = {"train_acc": [], "test_acc": []}

    def record(n, epoch):
        curves["train_acc"].append(n.score(*d["train"]))
        curves["test_acc"].append(n.score(*d["test"]))

    net.fit(*d["train"], validation=d["val"], callback=record if method in ("none", "early")
            else None, **FIT, **kw)
    net.curves_ = curves
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


def _scores(net):
    d = problem()
    return net.score(*d["train"]), net.score(*d["test"])


@functools.cache
def _cached(method, strength):
    """(train accuracy, test accuracy, weight norm, P(class 1) on the plotting grid)."""
    net = trained(method, strength)
    gx = _grid()[0]
    return (*_scores(net), weight_norm(net), net.predict_proba(_grid()[2])[:, 1].reshape(gx.shape))


def _mark(ax, x, y, color):
    ax.plot([x], [y], marker="o", ms=11, mfc="none", mec=color, mew=2, ls="none")


# ---------------------------------------------------------------------------------- panels
def penalty_panel(penalty="L2", lam=0.01):
    r"""Boundary of the network trained with an L2 or L1 penalty, and its weight norm.

    ``lam`` must be one of :data:`LAMBDAS` (each value is trained once and cached). The
    right plot shows :math:`\lVert\theta\rVert_2` against :math:`\lambda` for both penalties.
    """
    if penalty not in ("L2", "L1"):
        raise ValueError(f"penalty must be 'L2' or 'L1', got {penalty!r}")
    if lam not in LAMBDAS:
        raise ValueError(f"lam must be one of {LAMBDAS}, got {lam}")
    k = LAMBDAS.index(lam)
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(8.4, 3.3),
                                   gridspec_kw={"width_ratios": [1.15, 1]})
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.25)
    tr, te, _, P = _cached(penalty.lower(), lam)
    draw_boundary(ax0, None, proba=P)
    ax0.set_title(fr"{penalty}, $\lambda$ = {lam:g}: train {tr:.2f}, test {te:.2f}", fontsize=10)
    ax0.legend(fontsize=8, loc="lower left")
    x = np.arange(len(LAMBDAS))
    for i, pen in enumerate(("L2", "L1")):
        norms = [_cached(pen.lower(), v)[2] for v in LAMBDAS]
        ax1.plot(x, norms, color=COLORS[i], ls=LINESTYLES[i], marker=MARKERS[i], label=pen)
        if pen == penalty:
            _mark(ax1, k, norms[k], COLORS[i])
    ax1.set_ylabel(r"weight norm $\Vert\theta\Vert_2$")
    ax1.set_xticks(x, [f"{v:g}" for v in LAMBDAS])
    ax1.set_xlabel(r"penalty strength $\lambda$")
    ax1.legend(fontsize=9)
    return fig


def l1_toy(lam=2.0):
    r"""The toy loss :math:`(\theta-2)^2+\lambda|\theta|` and its minimiser, next to L2's.

    ``lam`` is any number in [0, 6] (the range of the right-hand plot); returns a Figure.
    """
    lam = check_real(lam, "lam")
    if not 0 <= lam <= 6:
        raise ValueError(f"lam must lie in [0, 6], got {lam}")
    th = np.linspace(-1, 3, 401)
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(8.4, 3.2))
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.16, top=0.9, wspace=0.28)
    for i, (pen, f) in enumerate((("l1", (th - 2) ** 2 + lam * np.abs(th)),
                                  ("l2", (th - 2) ** 2 + lam / 2 * th ** 2))):
        t = float(toy_minimiser(lam, pen))
        lab = (r"$(\theta-2)^2+\lambda|\theta|$" if pen == "l1"
               else r"$(\theta-2)^2+\frac{\lambda}{2}\theta^2$")
        ax0.plot(th, f, color=COLORS[i], ls=LINESTYLES[i], lw=2, label=lab)
        fmin = (t - 2) ** 2 + (lam * abs(t) if pen == "l1" else lam / 2 * t * t)
        ax0.plot([t], [fmin], marker=MARKERS[i], ms=9, color=COLORS[i], ls="none")
    ax0.set_xlabel(r"$\theta$")
    ax0.set_ylabel("loss")
    ax0.set_ylim(0, 12)
    ax0.legend(fontsize=9, loc="upper center")
    ax0.set_title(fr"$\lambda$ = {lam:g}: L1 minimiser {float(toy_minimiser(lam)):.2f}, "
                  fr"L2 minimiser {float(toy_minimiser(lam, 'l2')):.2f}", fontsize=10)
    lams = np.linspace(0, 6, 241)
    for i, pen in enumerate(("l1", "l2")):
        ax1.plot(lams, toy_minimiser(lams, pen), color=COLORS[i], ls=LINESTYLES[i], lw=2,
                 label=pen.upper())
        _mark(ax1, lam, float(toy_minimiser(lam, pen)), COLORS[i])
    ax1.axvline(4, color=PALETTE["grey"], lw=1, ls=":")
    ax1.set_xlabel(r"penalty strength $\lambda$")
    ax1.set_ylabel(r"minimiser $\theta^*$")
    ax1.legend(fontsize=9)
    return fig


def dropout_panel(p=0.5):
    """Boundary of the network trained with drop probability ``p`` (one of :data:`DROPS`),
    and training and test accuracy against p with the gap between them shaded."""
    if p not in DROPS:
        raise ValueError(f"p must be one of {DROPS}, got {p}")
    fig, (ax0, ax1) = plt.subplots(1, 2, figsize=(8.4, 3.3),
                                   gridspec_kw={"width_ratios": [1.1, 1]})
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.15, top=0.9, wspace=0.25)
    tr, te, _, P = _cached("dropout", p)
    draw_boundary(ax0, None, proba=P)
    ax0.set_title(f"p = {p:g}: train {tr:.2f}, test {te:.2f}, gap {tr - te:.2f}", fontsize=10)
    ax0.legend(fontsize=8, loc="lower left")
    acc = np.array([_cached("dropout", q)[:2] for q in DROPS])
    ax1.fill_between(DROPS, acc[:, 1], acc[:, 0], color=PALETTE["grey"], alpha=0.25,
                     label="gap")
    ax1.plot(DROPS, acc[:, 0], color=COLORS[0], marker=MARKERS[0], label="train")
    ax1.plot(DROPS, acc[:, 1], color=COLORS[1], ls="--", marker=MARKERS[1], label="test")
    ax1.axvline(p, color=PALETTE["grey"], lw=1)
    ax1.set_xlabel("drop probability $p$")
    ax1.set_ylabel("accuracy")
    ax1.set_ylim(0.75, 1.01)
    ax1.legend(fontsize=9, loc="upper right")
    return fig


# --------------------------------------------------------------------------------- ensemble
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
