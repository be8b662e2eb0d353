r"""Panels and constructions for chapter 6, the universal approximator.

Every construction returns an :class:`nnbook.MLP` whose weights are *set*, not
trained, so the chapter can compare built networks with trained ones using one
class. Notation as in the book: a hidden unit computes :math:`f(w_i x + b_i)`,
the output is :math:`\hat y = \sum_i v_i a_i + c` (``weights[1]`` holds the
:math:`v_i`, ``biases[1]`` the output bias :math:`c`).

Panels (:class:`nnbook.widgets.Panel` instances: ``panel(**params)`` returns one figure,
built once and updated in place): ``bump_builder`` (:class:`BumpBuilder`),
``units_approximation`` (:class:`UnitsApproximation`), ``training_epoch``
(:class:`TrainingEpoch`); :class:`LinearRegions` is built in the notebook from the
networks it trains.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import activations, data
from ..mlp import MLP
from ..plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE
from ..widgets import Panel, pin_layout

__all__ = ["TARGETS", "DOMAIN", "step_network", "hat_network", "six_unit_network",
           "SIX_UNITS", "tent", "tent_network", "count_pieces", "max_error", "grid", "checkerboard",
           "n_params",
           "BumpBuilder", "bump_builder", "UnitsApproximation", "units_approximation",
           "record_run", "RUN_EPOCHS", "draw_boundary", "TrainingEpoch", "training_epoch",
           "activation_regions", "LinearRegions"]

#: the interval of the 1-D examples, [-pi, pi]
DOMAIN = (-np.pi, np.pi)
#: 1-D targets of the constructive panel: a smooth one and a discontinuous one
TARGETS = {"sin(3x)": lambda x: np.sin(3 * x),
           "jump at x=1": lambda x: (np.asarray(x) > 1).astype(float)}
#: lecture 002's six ReLU units: (w_i, b_i, v_i) with n_i = ReLU(w_i x + b_i), Z = sum v_i n_i
SIX_UNITS = ((-5.0, -7.7, -1.0), (-1.2, -1.3, -1.0), (1.2, 1.0, -1.0),
             (1.2, -0.2, 1.0), (2.0, -1.1, 1.0), (5.0, -5.0, 1.0))


def grid(a=DOMAIN[0], b=DOMAIN[1], n=8001):
    """Evaluation points: ``n`` equally spaced values from ``a`` to ``b``, shape (n,)."""
    return np.linspace(a, b, n)


def _set(net, W1, b1, v, c):
    net.weights[0][:] = np.reshape(W1, net.weights[0].shape)
    net.biases[0][:] = b1
    net.weights[1][:] = np.reshape(v, net.weights[1].shape)
    net.biases[1][:] = c
    return net


def _check_pieces(n, name="n_pieces", minimum=1):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    return int(n)


def step_network(f, n_pieces, a=DOMAIN[0], b=DOMAIN[1], sharpness=20.0):
    r"""Sum of sigmoid bumps: a staircase through ``f`` at the middle of each piece.

    ``[a, b]`` is cut into ``n_pieces`` pieces of width :math:`\Delta`; on piece i the
    network should equal :math:`h_i = f(m_i)` (its midpoint value). A bump
    :math:`h_i[\sigma(w(x-t_{i-1})) - \sigma(w(x-t_i))]` per piece, summed, shares its
    inner steps with its neighbours, which leaves

    .. math:: g(x) = h_1 + \sum_{i=1}^{N-1} (h_{i+1} - h_i)\,\sigma(w(x - t_i)),

    ``n_pieces - 1`` sigmoid units plus the output bias :math:`h_1`.

    Parameters
    ----------
    f : callable, array -> array
    n_pieces : int >= 2
    a, b : float, a < b
    sharpness : float > 0
        Steepness in units of the piece width: :math:`w = \text{sharpness}/\Delta`.

    Returns
    -------
    MLP of sizes [1, n_pieces - 1, 1], sigmoid hidden units, identity output.
    """
    n = _check_pieces(n_pieces, minimum=2)
    if not a < b:
        raise ValueError(f"need a < b, got a={a}, b={b}")
    if not sharpness > 0:
        raise ValueError(f"sharpness must be > 0, got {sharpness}")
    edges = np.linspace(a, b, n + 1)
    h = np.asarray(f(0.5 * (edges[:-1] + edges[1:])), dtype=float)
    w = sharpness * n / (b - a)
    inner = edges[1:-1]
    net = MLP([1, n - 1, 1], activation="sigmoid", output="identity", loss="mse")
    return _set(net, np.full(n - 1, w), -w * inner, np.diff(h), h[0])


def hat_network(f, n_pieces, a=DOMAIN[0], b=DOMAIN[1]):
    r"""ReLU network that interpolates ``f`` linearly between ``n_pieces + 1`` nodes.

    With nodes :math:`t_0 < \dots < t_N` and slopes :math:`s_i` of the chords,

    .. math:: g(x) = f(t_0) + s_0\,\mathrm{relu}(x - t_0)
              + \sum_{i=1}^{N-1} (s_i - s_{i-1})\,\mathrm{relu}(x - t_i),

    which is the sum of hats :math:`f(t_i)\,\mathrm{hat}_i(x)`: ``n_pieces`` ReLU units.

    Returns
    -------
    MLP of sizes [1, n_pieces, 1], ReLU hidden units, identity output.
    """
    n = _check_pieces(n_pieces)
    if not a < b:
        raise ValueError(f"need a < b, got a={a}, b={b}")
    t = np.linspace(a, b, n + 1)
    y = np.asarray(f(t), dtype=float)
    s = np.diff(y) / np.diff(t)
    v = np.concatenate([[s[0]], np.diff(s)])
    net = MLP([1, n, 1], activation="relu", output="identity", loss="mse")
    return _set(net, np.ones(n), -t[:-1], v, y[0])


def six_unit_network():
    """Lecture 002's example, Z(x) = -n1 - n2 - n3 + n4 + n5 + n6, as an MLP [1, 6, 1]."""
    w, b, v = np.array(SIX_UNITS).T
    net = MLP([1, 6, 1], activation="relu", output="identity", loss="mse")
    return _set(net, w, b, v, 0.0)


def tent(u):
    r"""The tent map :math:`T(u) = 2\min(u, 1-u)` on [0, 1] (= 2 relu(u) - 4 relu(u - 1/2))."""
    u = np.asarray(u, dtype=float)
    return 2 * np.minimum(u, 1 - u)


def tent_network(k):
    r"""A deep ReLU network computing :math:`T^k = T\circ\dots\circ T` on [0, 1].

    Every hidden layer has two units, :math:`\mathrm{relu}(u)` and
    :math:`\mathrm{relu}(u - 1/2)`, whose combination :math:`2a_1 - 4a_2` is the next
    layer's input: sizes ``[1] + [2] * k + [1]``, so ``2k`` hidden units in all.
    """
    k = _check_pieces(k, "k")
    net = MLP([1] + [2] * k + [1], activation="relu", output="identity", loss="mse")
    net.weights[0][:] = [[1.0], [1.0]]
    for l in range(k):
        net.biases[l][:] = [0.0, -0.5]
    for l in range(1, k):
        net.weights[l][:] = [[2.0, -4.0], [2.0, -4.0]]
    net.weights[k][:] = [[2.0, -4.0]]
    net.biases[k][:] = 0.0
    return net


def count_pieces(fn, a, b, n=4097, tol=1e-7):
    """Number of linear pieces of a piecewise-linear ``fn`` on [a, b], read off slopes.

    The grid of ``n`` points must contain every kink (use a dyadic grid for the tent map).
    """
    x = np.linspace(a, b, n)
    slopes = np.diff(np.asarray(fn(x), dtype=float).ravel()) / np.diff(x)
    return 1 + int(np.sum(~np.isclose(slopes[1:], slopes[:-1], rtol=0, atol=tol)))


def max_error(net_or_fn, f, a=DOMAIN[0], b=DOMAIN[1], n=8001):
    """Largest |g(x) - f(x)| over ``n`` equally spaced points of [a, b]."""
    x = grid(a, b, n)
    g = net_or_fn.predict(x[:, None]) if isinstance(net_or_fn, MLP) else net_or_fn(x)
    return float(np.max(np.abs(np.ravel(g) - f(x))))


def checkerboard(n=1000, squares=4, random_state=0):
    r"""A 2-D checkerboard: ``n`` points uniform in :math:`[-1, 1]^2`, coloured like a board.

    The square is cut into ``squares`` x ``squares`` cells; a point in cell (i, j) has class
    :math:`(i + j) \bmod 2`. Composed of many repeated pieces, it is a natural test of depth.

    Returns
    -------
    X : ndarray (n, 2), float64
    y : ndarray (n,), int labels 0 or 1
    """
    n = _check_pieces(n, "n")
    squares = _check_pieces(squares, "squares")
    rng = np.random.default_rng(random_state)
    X = rng.uniform(-1, 1, (n, 2))
    cell = np.floor((X + 1) * squares / 2).clip(0, squares - 1)
    return X, (cell.sum(axis=1) % 2).astype(int)


def n_params(sizes):
    """Number of weights and biases of an MLP with layer sizes ``sizes``.

    A layer with ``n_in`` inputs and ``n_out`` units has ``(n_in + 1) * n_out`` of them.
    """
    return int(sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:])))


# ------------------------------------------------------------------------------ panels
_X = np.linspace(-3, 3, 601)
_sig = activations.sigmoid


def _curve_axes(fig, xlim, ylim):
    """The one axes of a curve panel: output against input x, fixed limits, a title slot."""
    ax = fig.subplots()
    fig.subplots_adjust(left=0.125, right=0.98, bottom=0.15, top=0.9)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel("input $x$")
    ax.set_ylabel("output")
    ax.set_title(" ", fontsize=9)
    return ax


class BumpBuilder(Panel):
    r"""Panel 1: two sigmoid steps :math:`h\sigma(w(x-s_1))` and :math:`h\sigma(w(x-s_2))`
    and their difference, a bump of height about ``h`` on :math:`[s_1, s_2]`.

    ``bump_builder(s1=..., s2=..., w=..., h=...)`` returns the figure; the grey box (the
    ideal bump) is shown when s1 < s2.
    """

    figsize = (5.6, 3.0)

    def setup(self, fig):
        ax = self.ax = _curve_axes(fig, (-3, 3), (-1.1, 1.25))
        self.box = ax.fill_between([-1.0, 0.5], 0, 1.0, color=PALETTE["grey"], alpha=0.2, lw=0)
        (self.up,) = ax.plot(_X, 0 * _X, color=COLORS[0], ls="--", lw=1.5, label="step at s1")
        (self.down,) = ax.plot(_X, 0 * _X, color=COLORS[1], ls=":", lw=1.8,
                               label="step at s2")
        (self.bump,) = ax.plot(_X, 0 * _X, color="k", ls="-", lw=2.5, label="bump")
        legend = ax.legend(loc="lower left", fontsize=8, ncol=3)
        pin_layout(fig)
        # the curves pass under the legend, so it is redrawn on top of them
        self.moving(self.box, self.up, self.down, self.bump, legend, ax.title)

    def update(self, s1=-1.0, s2=0.5, w=8.0, h=1.0):
        up, down = h * _sig(w * (_X - s1)), h * _sig(w * (_X - s2))
        self.box.set_visible(s1 < s2)
        if s1 < s2:
            self.box.set_data([s1, s2], 0, h)
        self.up.set_ydata(up)
        self.down.set_ydata(down)
        self.bump.set_ydata(up - down)
        peak = float(np.max(np.abs(up - down)))
        self.ax.title.set_text(f"bump peak {peak:.3f} (grey box: the ideal)")


#: panel 1 of chapter 6: ``bump_builder(s1, s2, w, h)`` returns its figure
bump_builder = BumpBuilder()

_X_UNITS = grid(n=1201)


@functools.lru_cache(maxsize=64)
def _approximation(n, kind, target):
    """The built network's output on ``_X_UNITS`` (read-only) and its max error."""
    f = TARGETS[target]
    net = hat_network(f, n) if kind == "ReLU hats" else step_network(f, n + 1)
    g = net.predict(_X_UNITS[:, None])
    g.setflags(write=False)
    return g, max_error(net, f)


class UnitsApproximation(Panel):
    """Panel 2: a network built with ``n_units`` hidden units against its target.

    ``units_approximation(n_units=..., kind=..., target=...)`` returns the figure.
    ``kind`` is "ReLU hats" (:func:`hat_network`, ``n_units`` pieces) or "sigmoid
    steps" (:func:`step_network`, ``n_units + 1`` pieces); the title gives the max error.
    Each network is built once (cached).
    """

    figsize = (5.6, 3.0)

    def setup(self, fig):
        ax = self.ax = _curve_axes(fig, DOMAIN, (-1.45, 1.45))
        x = _X_UNITS
        self.gap = ax.fill_between(x, 0 * x, 0 * x, color=COLORS[1], alpha=0.25, lw=0,
                                   label="error")
        (self.target,) = ax.plot(x, 0 * x, color=COLORS[0], ls="-", lw=3, alpha=0.6,
                                 label="target")
        (self.net,) = ax.plot(x, 0 * x, color="k", ls="--", lw=1.6, label="network")
        legend = ax.legend(loc="lower left", fontsize=8, ncol=3)
        pin_layout(fig)
        self.moving(self.gap, self.target, self.net, legend, ax.title)

    def update(self, n_units=8, kind="ReLU hats", target="sin(3x)"):
        if kind not in ("ReLU hats", "sigmoid steps"):
            raise ValueError(f"kind must be 'ReLU hats' or 'sigmoid steps', got {kind!r}")
        if target not in TARGETS:
            raise ValueError(f"target must be one of {list(TARGETS)}, got {target!r}")
        n = _check_pieces(n_units, "n_units")
        g, err = _approximation(n, kind, target)
        fx = TARGETS[target](_X_UNITS)
        self.gap.set_data(_X_UNITS, fx, g)
        self.target.set_ydata(fx)
        self.net.set_ydata(g)
        self.ax.title.set_text(f"{n} {kind}: max error {err:.3f}")


#: panel 2 of chapter 6: ``units_approximation(n_units, kind, target)`` returns its figure
units_approximation = UnitsApproximation()


#: epochs at which :func:`record_run` keeps a copy of the weights
RUN_EPOCHS = (0, 10, 20, 30, 50, 75, 100, 125, 150, 200, 300, 500)


@functools.lru_cache(maxsize=2)
def record_run(n=400, noise=0.05, hidden=(32, 32), epochs=500, lr=0.05, random_state=0):
    """Train an MLP on the 2-D spiral from its coordinates and keep snapshots.

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
    snaps = {0: ([W.copy() for W in net.weights], [b.copy() for b in net.biases])}
    loss0 = net.loss_and_gradients(X, y)[0]
    acc = [net.score(X, y)]

    def keep(model, epoch):
        acc.append(model.score(X, y))
        if epoch + 1 in RUN_EPOCHS:
            snaps[epoch + 1] = ([W.copy() for W in model.weights],
                                [b.copy() for b in model.biases])

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
    probe.weights = [W.copy() for W in run["snapshots"][epoch][0]]
    probe.biases = [b.copy() for b in run["snapshots"][epoch][1]]
    s = np.linspace(-1.3, 1.3, res)
    gx, gy = np.meshgrid(s, s)
    p = probe.forward(np.column_stack([gx.ravel(), gy.ravel()]))[:, 1].reshape(gx.shape)
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
    X, y = run["X"], run["y"]
    for k in (0, 1):
        ax.scatter(X[y == k, 0], X[y == k, 1], s=9, c=COLORS[k], marker=MARKERS[k],
                   edgecolors="none", label=f"class {k}")
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)


def draw_boundary(ax, epoch, res=120):
    """Draw the recorded run at ``epoch``: class-1 probability, 0.5 contour, the points."""
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


# ------------------------------------------------------------------ linear regions
def activation_regions(net, X):
    r"""Label every point by the linear region of a ReLU network that contains it.

    Inside one region every hidden unit keeps its sign, so the network is one affine map
    there; the region is named by the on/off pattern of all hidden units,
    :math:`(\mathbf{z}^{(1)} > 0, \dots, \mathbf{z}^{(L-1)} > 0)`.

    Parameters
    ----------
    net : MLP with ReLU hidden layers
    X : ndarray (m, n_in)

    Returns
    -------
    ids : ndarray (m,) of int, 0 .. R-1, one id per distinct pattern met (in order of the
        sorted patterns, so equal inputs give equal ids)
    R : int, the number of distinct regions among the points
    """
    if net.activation != "relu":
        raise ValueError(f"activation_regions needs ReLU hidden units, got {net.activation!r}")
    a, patterns = np.asarray(X, dtype=float), []
    for W, b in zip(net.weights[:-1], net.biases[:-1]):
        z = a @ W.T + b
        patterns.append(z > 0)
        a = np.maximum(z, 0.0)
    packed = np.packbits(np.concatenate(patterns, axis=1), axis=1)
    _, ids = np.unique(packed, axis=0, return_inverse=True)
    ids = ids.ravel()
    return ids, int(ids.max()) + 1


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
        s = np.linspace(-1, 1, self.res)
        gx, gy = np.meshgrid(s, s)
        grid_pts = np.column_stack([gx.ravel(), gy.ravel()])
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
        points = []
        for k in (0, 1):
            points.append(ax.scatter(self.X[self.y == k, 0], self.X[self.y == k, 1], s=7,
                                     c=COLORS[k], marker=MARKERS[k], edgecolors="none",
                                     label=f"class {k}"))
        ax.set_xlim(-1, 1)
        ax.set_ylim(-1, 1)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
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
