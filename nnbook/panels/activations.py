r"""Panels and helpers for chapter 2, activation functions.

Notation as in the book: one neuron computes :math:`z = \mathbf{w}^\top\mathbf{x} + b` and
outputs :math:`a = f(z)`; a layer computes :math:`\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)}
+ \mathbf{b}^{(l)}` with :math:`W^{(l)}` of shape (n_out, n_in).

Panels (:class:`nnbook.widgets.Panel` instances: ``panel(**params)`` returns one figure,
built once and updated in place): ``neuron_1d`` (:class:`Neuron1D`: activation chooser,
w, b), ``depth_panel`` (:class:`DepthPanel`: gradient norm per layer), ``negative_side``
(:class:`NegativeSide`: leaky slope / ELU alpha). Static figures: :func:`zoo_figure`,
:func:`bias_figure`, :func:`landscape_figure`, :func:`vanishing_figure`.
"""

from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import numpy as np

from .. import activations as A
from .. import data
from ..mlp import MLP
from ..plotting import COLORS, DIVERGING, LINESTYLES, MARKERS, PALETTE
from ..widgets import Panel, pin_layout

__all__ = ["ZOO", "PANEL_ACTIVATIONS", "STACKS", "Neuron1D", "neuron_1d", "zoo_figure",
           "bias_data", "fit_neuron", "bias_figure", "landscape_data", "landscape_figure",
           "gradient_norms", "first_layer_norms", "vanishing_figure", "DepthPanel",
           "depth_panel", "NegativeSide", "negative_side", "MAXOUT_W", "MAXOUT_B", "sci",
           "relu_lr_runs", "INIT_SCALES", "NAMED_SCALES", "INIT_ACTIVATIONS", "deep_pass",
           "init_spread", "init_histogram_figure", "InitPanel", "init_panel", "MODERN_UNITS",
           "modern_figure"]

#: the 1-D maxout unit drawn in the zoo: max(x, -0.5x - 1)
MAXOUT_W = np.array([[1.0], [-0.5]])
MAXOUT_B = np.array([0.0, -1.0])


def _maxout_1d(z):
    return A.maxout(np.asarray(z, dtype=float)[:, None], MAXOUT_W, MAXOUT_B)


def _maxout_1d_grad(z):
    pieces = np.asarray(z, dtype=float)[:, None] @ MAXOUT_W.T + MAXOUT_B
    return MAXOUT_W[pieces.argmax(axis=1), 0]


#: name -> (f, f', formula shown in titles)
ZOO = {
    "step": (A.step, A.step_grad, r"$1\{z>0\}$ (½ at 0)"),
    "sign": (A.sign, A.sign_grad, r"$\mathrm{sign}(z)$"),
    "linear": (A.linear, A.linear_grad, r"$z$"),
    "sigmoid": (A.sigmoid, A.sigmoid_grad, r"$1/(1+e^{-z})$"),
    "tanh": (A.tanh, A.tanh_grad, r"$\tanh z$"),
    "relu": (A.relu, A.relu_grad, r"$\max(0, z)$"),
    "leaky_relu": (A.leaky_relu, A.leaky_relu_grad, r"$\max(0.1z, z)$"),
    "elu": (A.elu, A.elu_grad, r"$z$ or $e^z-1$ ($\alpha=1$)"),
    "maxout": (_maxout_1d, _maxout_1d_grad, r"$\max(z, -0.5z-1)$"),
}
#: the choices of the activation drop-down in :func:`neuron_1d`
PANEL_ACTIVATIONS = ("step", "sigmoid", "tanh", "relu")
#: the three stacks compared in the vanishing-gradient measurement
STACKS = ("sigmoid", "tanh", "relu")
_X1 = np.linspace(-4, 4, 401)
_YLIM = {"step": (-0.1, 1.1), "sigmoid": (-0.1, 1.1), "tanh": (-1.15, 1.15), "relu": (-0.5, 14.5)}


def _check_choice(value, choices, name):
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}, got {value!r}")


class Neuron1D(Panel):
    r"""Panel: one neuron over a 1-D input, :math:`a = f(wx+b)` (left) and the local
    gradient :math:`f'(z)` at :math:`z = wx+b` (right).

    ``neuron_1d(activation=..., w=..., b=...)`` returns the figure. The right-hand curve
    is the factor :math:`\partial a/\partial z` that every gradient through this neuron is
    multiplied by; the slope of the left-hand curve is :math:`da/dx = w\,f'(z)`, and the
    right-hand title reports the peaks of both; the dotted line marks :math:`x=-b/w`, where
    z = 0 (hidden when that point lies off the plot or w = 0).
    """

    figsize = (8.4, 3.2)

    def setup(self, fig):
        ax0, ax1 = self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.86, wspace=0.28)
        (self.curve,) = ax0.plot(_X1, 0 * _X1, color=COLORS[0], lw=2.5, ls="-")
        ax0.set_ylabel("output $a = f(wx+b)$")
        (self.slope,) = ax1.plot(_X1, 0 * _X1, color=COLORS[1], lw=2.5, ls="--")
        ax1.set_ylim(-0.05, 1.1)
        ax1.set_ylabel("local gradient $f'(z)$")
        self.crosses = []
        for ax in (ax0, ax1):
            ax.set_title(" ", fontsize=10)
            ax.set_xlim(-4, 4)
            ax.set_xlabel("input $x$")
            self.crosses.append(ax.axvline(0, color=PALETTE["grey"], ls=":", lw=1.5))
        self.jump = ax1.annotate("jump: no derivative", (0, 0), xytext=(0, 0.6), ha="center",
                                 fontsize=9, arrowprops={"arrowstyle": "->"})
        pin_layout(fig, auto=[ax0.yaxis])              # its limits follow the activation
        self._ylim = None
        self.moving(self.curve, self.slope, *self.crosses, self.jump, ax0.title, ax1.title)

    def update(self, activation="sigmoid", w=1.0, b=0.0):
        _check_choice(activation, PANEL_ACTIVATIONS, "activation")
        f, df, formula = ZOO[activation]
        z = w * _X1 + b
        slope = df(z)
        ax0, ax1 = self.axes
        self.curve.set_ydata(f(z))
        if self._ylim != _YLIM[activation]:          # limits change with the activation only
            self._ylim = _YLIM[activation]
            ax0.set_ylim(*self._ylim)
            self.refresh()                              # new ticks: redraw the background
        ax0.title.set_text(f"{activation}: $f(z)=${formula}")
        self.slope.set_ydata(slope)
        peak = float(slope.max())
        ax1.title.set_text(f"largest f'(z): {peak:.3g};  steepest da/dx = w f': "
                           f"{abs(w) * peak:.3g}")
        shown = w != 0 and abs(b / w) <= 4
        for line in self.crosses:
            line.set_visible(shown)
            if shown:
                line.set_xdata([-b / w, -b / w])
        self.jump.set_visible(activation == "step" and shown)
        if shown:
            self.jump.xy = (-b / w, 0)
            self.jump.set_position((-b / w, 0.6))


#: the activation panel of chapter 2: ``neuron_1d(activation, w, b)`` returns its figure
neuron_1d = Neuron1D()


#: how the zoo figure names the units whose code name is not the one the prose uses
_ZOO_TITLES = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "elu": "ELU"}


def zoo_figure():
    """Static figure: the nine activations of the chapter, f solid and f' dashed."""
    fig, axes = plt.subplots(3, 3, figsize=(9.6, 7.6), sharex=True)
    z = np.linspace(-3, 3, 601)
    for ax, (name, (f, df, formula)) in zip(axes.ravel(), ZOO.items()):
        ax.plot(z, f(z), color=COLORS[0], lw=2.2, ls="-", label="$f(z)$")
        g = df(z).astype(float)
        if name in ("step", "sign", "relu", "leaky_relu", "maxout"):
            g[np.abs(np.diff(g, prepend=g[0])) > 0] = np.nan     # no line across a jump
        ax.plot(z, g, color=COLORS[1], lw=2.0, ls="--", label="$f'(z)$")
        if name in ("step", "sign"):
            ax.plot([0], [0], marker="o", mfc="white", color=COLORS[1], ms=6)
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_title(f"{_ZOO_TITLES.get(name, name)}: {formula}", fontsize=10)
        ax.set_ylim(-1.6, 3.1)
    for ax in axes[-1]:
        ax.set_xlabel("$z$")
    for ax in axes[:, 0]:
        ax.set_ylabel("value")
    axes[0, 0].legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return fig


def bias_data(n=120, random_state=0):
    """Two round clouds on the same ray from the origin: class 0 near (1, 1), class 1 near
    (2.6, 2.6). Returns ``X`` (n, 2) and ``y`` (n,) in {0, 1}."""
    rng = np.random.default_rng(random_state)
    y = np.arange(n) % 2
    centres = np.where(y[:, None] == 1, 2.6, 1.0)
    return centres + 0.35 * rng.standard_normal((n, 2)), y


def fit_neuron(X, y, use_bias=True, lr=0.5, epochs=3000):
    r"""Full-batch gradient descent on the mean cross-entropy of one sigmoid neuron.

    The gradient of :math:`L=-\frac1n\sum[y\log a+(1-y)\log(1-a)]` with
    :math:`a=\sigma(\mathbf{w}^\top\mathbf{x}+b)` is :math:`\frac1n\sum (a-y)\mathbf{x}`
    for w and :math:`\frac1n\sum(a-y)` for b; ``use_bias=False`` keeps b at 0.

    Returns
    -------
    w : ndarray (d,), b : float
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        err = A.sigmoid(X @ w + b) - y            # dL/dz for every sample
        w -= lr * X.T @ err / len(y)
        if use_bias:
            b -= lr * err.mean()
    return w, float(b)


def _shade_neuron(ax, w, b, X, y, title):
    g = np.linspace(-0.5, 4.0, 181)
    gx, gy = np.meshgrid(g, g)
    p = A.sigmoid(w[0] * gx + w[1] * gy + b)
    ax.imshow(p, origin="lower", extent=(g[0], g[-1], g[0], g[-1]), cmap=DIVERGING,
              vmin=0, vmax=1, alpha=0.5, aspect="auto")
    ax.contour(gx, gy, p, levels=[0.5], colors="k", linewidths=1.8)
    for k in (0, 1):
        ax.scatter(*X[y == k].T, s=22, c=COLORS[k], marker=MARKERS[k], edgecolors="white",
                   linewidths=0.5, label=f"class {k}")
    ax.plot([0], [0], marker="+", color="k", ms=12, mew=2)
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("$x_1$")
    ax.set_xlim(g[0], g[-1])
    ax.set_ylim(g[0], g[-1])
    ax.grid(False)


def bias_figure():
    """Static figure: the best sigmoid neuron without a bias (left) and with one (right)."""
    X, y = bias_data()
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.9), sharey=True)
    for ax, use_bias in zip(axes, (False, True)):
        w, b = fit_neuron(X, y, use_bias=use_bias)
        acc = np.mean((X @ w + b >= 0) == y)
        _shade_neuron(ax, w, b, X, y, f"{'with' if use_bias else 'without'} bias: "
                                      f"accuracy {acc:.0%}")
    axes[0].set_ylabel("$x_2$")
    axes[1].legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return fig


def landscape_data():
    """1-D toy task: 12 inputs in [0.25, 3], label 1 exactly when x > 1.2."""
    x = np.linspace(0.25, 3.0, 12)
    return x, (x > 1.2).astype(float)


def _landscape(activation, ws, b=-1.0):
    x, y = landscape_data()
    f = ZOO[activation][0]
    return np.array([0.5 * np.mean((f(w * x + b) - y) ** 2) for w in ws])


def landscape_figure():
    """Static figure: mean squared error of one neuron a = f(wx - 1) as w varies, for the
    step (a staircase) and the sigmoid (a smooth valley)."""
    ws = np.linspace(-1.0, 4.0, 1001)
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.2), sharey=True)
    for ax, name, k in zip(axes, ("step", "sigmoid"), (0, 2)):
        ax.plot(ws, _landscape(name, ws), color=COLORS[k], lw=2.2, ls="-")
        ax.set_title(f"{name} neuron $a = f(wx-1)$", fontsize=10)
        ax.set_xlabel("weight $w$")
    axes[0].set_ylabel("loss $L(w)$")
    fig.tight_layout()
    return fig


@functools.cache
def gradient_norms(activation, depth, width=32, n_seeds=5):
    r"""Norm of :math:`\partial L/\partial W^{(l)}` for every layer of a fresh network.

    The network is ``MLP([2] + [width]*depth + [1], activation, output="sigmoid",
    loss="binary_cross_entropy", random_state=s)`` (Glorot initialisation for sigmoid and
    tanh, He for ReLU), evaluated on ``data.moons(200, noise=0.1, random_state=0)``.

    Returns
    -------
    ndarray (depth + 1,), read-only
        Geometric mean over the seeds s = 0..n_seeds-1 of the Frobenius norm of the
        weight gradient of layer l = 1..depth+1 (the last one is the output layer).
    """
    _check_choice(activation, STACKS, "activation")
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or depth < 1:
        raise ValueError(f"depth must be an integer >= 1, got {depth!r}")
    X, y = data.moons(n=200, noise=0.1, random_state=0)
    logs = []
    for seed in range(n_seeds):
        net = MLP([2] + [width] * depth + [1], activation=activation, output="sigmoid",
                  loss="binary_cross_entropy", random_state=seed)
        _, grads = net.loss_and_gradients(X, y)
        logs.append([np.log(np.linalg.norm(g)) for g in grads["weights"]])
    out = np.exp(np.mean(logs, axis=0))
    out.setflags(write=False)
    return out


def first_layer_norms(activation, depths):
    """``gradient_norms(activation, d)[0]`` for each d in ``depths``, as an array."""
    return np.array([gradient_norms(activation, int(d))[0] for d in depths])


def _stack_line(ax, x, values, k, label):
    ax.semilogy(x, values, color=COLORS[k], ls=LINESTYLES[k], marker=MARKERS[k], ms=5, lw=2,
                label=label)


def vanishing_figure(max_depth=20):
    """Static figure: gradient norm reaching the first layer against the number of layers."""
    depths = np.arange(1, max_depth + 1)
    fig, ax = plt.subplots(figsize=(6.6, 3.8))
    for k, name in enumerate(STACKS):
        _stack_line(ax, depths, first_layer_norms(name, depths), k, name)
    ax.set_xlabel("number of hidden layers")
    ax.set_ylabel(r"$\|\partial L/\partial W^{(1)}\|$")
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.legend()
    fig.tight_layout()
    return fig


class DepthPanel(Panel):
    r"""Panel: :math:`\|\partial L/\partial W^{(l)}\|` for layer l = 1..depth+1 of three
    fresh stacks with ``depth`` hidden layers (sigmoid, tanh, ReLU).

    ``depth_panel(depth=...)`` returns the figure; the norms come from the cached
    :func:`gradient_norms`, computed once per depth.
    """

    figsize = (6.4, 3.6)

    def setup(self, fig):
        ax = self.ax = fig.subplots()
        fig.subplots_adjust(left=0.14, right=0.97, bottom=0.15, top=0.9)
        self.lines = []
        for k, name in enumerate(STACKS):
            _stack_line(ax, [1], [1.0], k, name)
            self.lines.append(ax.lines[-1])
        ax.set_xlim(0.5, 21.5)
        ax.set_xticks([1, 5, 10, 15, 20])
        ax.set_ylim(1e-14, 10)
        ax.set_xlabel("layer $l$ (1 = next to the input, last = output)")
        ax.set_ylabel(r"$\|\partial L/\partial W^{(l)}\|$")
        ax.set_title(" ", fontsize=10)
        self.legend = ax.legend(loc="lower right", fontsize=9)
        pin_layout(fig)
        self.moving(*self.lines, ax.title, self.legend)     # the legend quotes the numbers

    def update(self, depth=10):
        norms = [gradient_norms(name, depth) for name in STACKS]    # validates depth
        layers = np.arange(1, depth + 2)
        for line, text, name, g in zip(self.lines, self.legend.get_texts(), STACKS, norms):
            line.set_data(layers, g)
            label = f"{name} (layer 1: {g[0]:.1e})"
            line.set_label(label)
            text.set_text(label)
        self.ax.title.set_text(f"{depth} hidden layers of 32 units")


#: the depth panel of chapter 2: ``depth_panel(depth)`` returns its figure
depth_panel = DepthPanel()


_Z_NEG = np.linspace(-4, 3, 351)
#: pre-activations of a mostly switched-off unit, z ~ N(-1, 1), for the mean slope
_Z_OFF = np.random.default_rng(0).normal(-1.0, 1.0, 4000)


class NegativeSide(Panel):
    r"""Panel: leaky ReLU with slope ``param`` or ELU with :math:`\alpha` = ``param``.

    ``negative_side(kind=..., param=...)`` returns the figure. Left: the function, with
    ReLU in grey for comparison. Right: its derivative, the factor a gradient is
    multiplied by on the way back; the title reports it at z = -2 and its average over
    pre-activations :math:`z\sim\mathcal N(-1, 1)` (a unit that is mostly switched off).
    """

    figsize = (8.4, 3.2)

    def setup(self, fig):
        ax0, ax1 = self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.08, right=0.98, bottom=0.17, top=0.86, wspace=0.25)
        z = _Z_NEG
        ax0.plot(z, A.relu(z), color=PALETTE["grey"], lw=4, ls="-", alpha=0.5, label="ReLU")
        (self.curve,) = ax0.plot(z, 0 * z, color=COLORS[0], lw=2.3, ls="-", label="leaky ReLU")
        ax0.set_ylim(-2.2, 3.1)
        ax0.set_ylabel("$f(z)$")
        ax0.set_title(" ", fontsize=10)
        self.legend = ax0.legend(loc="upper left", fontsize=9)
        (self.slope,) = ax1.plot(z, 0 * z, color=COLORS[1], lw=2.3, ls="--")
        (self.dot,) = ax1.plot([-2], [0.0], marker="o", color=COLORS[1])
        ax1.set_ylim(-0.05, 2.1)
        ax1.set_ylabel("$f'(z)$")
        ax1.set_title(" ", fontsize=9)
        for ax in (ax0, ax1):
            ax.set_xlim(z[0] - 0.35, z[-1] + 0.35)          # the autoscaled limits, fixed
            ax.set_xlabel("$z$")
            ax.axhline(0, color="k", lw=0.5)
            ax.axvline(0, color="k", lw=0.5)
        pin_layout(fig)
        self.kind = None
        self.moving(self.curve, self.slope, self.dot, ax0.title, ax1.title)

    def update(self, kind="leaky ReLU", param=0.1):
        _check_choice(kind, ("leaky ReLU", "ELU"), "kind")
        if not 0 <= param <= 2:
            raise ValueError(f"param must lie in [0, 2], got {param!r}")
        f, df = ((A.leaky_relu, A.leaky_relu_grad) if kind == "leaky ReLU"
                 else (A.elu, A.elu_grad))
        z = _Z_NEG
        ax0, ax1 = self.axes
        self.curve.set_ydata(f(z, param))
        self.curve.set_label(kind)
        self.legend.get_texts()[1].set_text(kind)
        if kind != self.kind:                           # the legend is in the background
            self.kind = kind
            self.refresh()
        ax0.title.set_text(f"{kind}, {'slope' if kind == 'leaky ReLU' else 'alpha'} = {param:g}")
        g = df(z, param).astype(float)
        g[np.abs(np.diff(g, prepend=g[0])) > 1e-2] = np.nan
        self.slope.set_ydata(g)
        at_minus_two = float(df(-2.0, param))
        self.dot.set_ydata([at_minus_two])
        ax1.title.set_text(f"f'(-2) = {at_minus_two:.3f};  mean f' for z~N(-1,1): "
                           f"{float(df(_Z_OFF, param).mean()):.2f}")


#: the negative-side panel of chapter 2: ``negative_side(kind, param)`` returns its figure
negative_side = NegativeSide()



# ------------------------------------------------------------------ number formatting
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(value, digits=2):
    """``value`` as readable scientific text for the prose: ``sci(3.6e-4)`` -> '3.6 × 10⁻⁴'.

    Values between 0.01 and 1000 are printed plainly with ``digits`` significant digits.
    """
    value = float(value)
    if value == 0 or 1e-2 <= abs(value) < 1e3:
        return f"{value:.{digits}g}"
    exponent = int(np.floor(np.log10(abs(value))))
    mantissa = value / 10.0 ** exponent
    if round(mantissa, digits - 1) >= 10:               # 9.99 rounds up to 10
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.{digits - 1}f} × 10{str(exponent).translate(_SUPERSCRIPT)}"


# ------------------------------------------------------------------ dying ReLUs
def relu_lr_runs(lr, seeds=range(10), epochs=50):
    """Train ``MLP([2, 64, 64, 2], "relu")`` on the moons with learning rate ``lr``, once per seed.

    The data are ``data.moons(200, noise=0.1, random_state=0)``; training is mini-batch SGD
    (batches of 20) for ``epochs`` epochs, started from ``random_state=seed``.

    Returns
    -------
    accuracy : ndarray (n_seeds,)
        Training accuracy of each run.
    dead : ndarray (n_seeds, 2)
        Units of each hidden layer whose pre-activation is <= 0 on every training point.
    """
    X, y = data.moons(n=200, noise=0.1, random_state=0)
    accuracy, dead = [], []
    for seed in seeds:
        net = MLP([2, 64, 64, 2], activation="relu", random_state=seed)
        net.fit(X, y, epochs=epochs, lr=lr, batch_size=20)
        net.forward(X)
        dead.append([int(np.sum(np.all(Z <= 0, axis=0))) for Z in net.zs[:-1]])
        accuracy.append(net.score(X, y))
    return np.array(accuracy), np.array(dead)


# ------------------------------------------------------------------ initial scale
#: the grid of the init panel: Var(w_ij) = c / n_in
INIT_SCALES = (0.25, 0.5, 1.0, 2.0, 4.0, 16.0)
#: the four scales the chapter names (for layers of equal width, Glorot is c = 1, He c = 2)
NAMED_SCALES = {"too small": 0.25, "Glorot": 1.0, "He": 2.0, "too large": 16.0}
#: the activations of the init panel
INIT_ACTIVATIONS = ("tanh", "relu", "sigmoid")
#: depth, width and batch of the init experiment
INIT_DEPTH, INIT_WIDTH, INIT_N = 20, 100, 256


def deep_pass(Ws, X, y, activation):
    r"""Forward and backward pass of a bias-free stack with a sigmoid output and the mean
    binary cross-entropy, written with the error signals :math:`\boldsymbol\delta^{(l)}`.

    Parameters
    ----------
    Ws : list of ndarray, ``Ws[l]`` of shape (n_{l+1}, n_l); the last one has one row
    X : ndarray (n, n_0), y : ndarray (n,) in {0, 1}
    activation : str, the hidden activation (a name for :func:`nnbook.activations.get`)

    Returns
    -------
    zs : list of (n, n_l) arrays, the pre-activations :math:`\mathbf z^{(l)}`, l = 1..D+1
    acts : list of (n, n_l) arrays, :math:`\mathbf a^{(0)} = X, \dots, \mathbf a^{(D+1)}`
    deltas : list of (n, n_l) arrays, :math:`\boldsymbol\delta^{(l)} = \partial L/\partial
        \mathbf z^{(l)}` for l = 1..D+1 (one row per sample; the mean over the batch puts a
        factor 1/n in every row), from :math:`\boldsymbol\delta^{(D+1)} = (\hat y - y)/n` and
        :math:`\boldsymbol\delta^{(l)} = f'(\mathbf z^{(l)}) \odot W^{(l+1)\top}
        \boldsymbol\delta^{(l+1)}`.
    """
    f, df = A.get(activation)
    a, zs, acts = np.asarray(X, dtype=float), [], [np.asarray(X, dtype=float)]
    depth = len(Ws) - 1
    for l, W in enumerate(Ws):
        z = a @ W.T
        zs.append(z)
        a = f(z) if l < depth else A.sigmoid(z)
        acts.append(a)
    delta = (a - np.asarray(y, dtype=float)[:, None]) / len(a)
    deltas = [delta]
    for l in range(depth, 0, -1):
        delta = (delta @ Ws[l]) * df(zs[l - 1])
        deltas.append(delta)
    return zs, acts, deltas[::-1]


def init_problem(c, depth=INIT_DEPTH, width=INIT_WIDTH, n=INIT_N, seed=0):
    r"""Weights :math:`w_{ij} \sim \mathcal N(0, c/n_\text{in})` of a stack of ``depth`` hidden
    layers of ``width`` units and one output unit, standard normal inputs ``X`` (n, width)
    and random labels ``y`` (n,), all drawn from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, width))
    y = rng.integers(0, 2, n).astype(float)
    sizes = [width] * (depth + 1) + [1]
    Ws = [rng.standard_normal((o, i)) * np.sqrt(c / i) for i, o in zip(sizes[:-1], sizes[1:])]
    return Ws, X, y


@functools.cache
def init_spread(activation, c, depth=INIT_DEPTH):
    r"""Spread of the activations and of the error signals, layer by layer, at initialisation.

    Returns
    -------
    a_std : ndarray (depth,)
        Standard deviation of :math:`\mathbf a^{(l)}` over units and samples, l = 1..depth.
    d_std : ndarray (depth,)
        Standard deviation of :math:`n\,\boldsymbol\delta^{(l)}` (the error signal of one
        sample), l = 1..depth.
    """
    _check_choice(activation, INIT_ACTIVATIONS, "activation")
    if not c > 0:
        raise ValueError(f"c must be > 0, got {c!r}")
    Ws, X, y = init_problem(c, depth)
    _, acts, deltas = deep_pass(Ws, X, y, activation)
    n = X.shape[0]
    a_std = np.array([acts[l].std() for l in range(1, depth + 1)])
    d_std = np.array([(n * deltas[l]).std() for l in range(depth)])
    a_std.setflags(write=False)
    d_std.setflags(write=False)
    return a_std, d_std


def init_histogram_figure(activation="tanh", layers=(1, 5, 10, 20)):
    """Static figure: histograms of the activations of a few layers, one plot per named scale."""
    fig, axes = plt.subplots(1, len(NAMED_SCALES), figsize=(10.4, 3.0), sharey=True)
    bins = np.linspace(-1, 1, 41) if activation == "tanh" else np.linspace(-0.05, 2.0, 42)
    for ax, (name, c) in zip(axes, NAMED_SCALES.items()):
        Ws, X, y = init_problem(c)
        _, acts, _ = deep_pass(Ws, X, y, activation)
        for k, l in enumerate(layers):
            counts, _ = np.histogram(np.clip(acts[l], bins[0], bins[-1]), bins=bins)
            ax.stairs(counts / counts.sum(), bins, color=COLORS[k], ls=LINESTYLES[k % 4], lw=1.8,
                      label=f"layer {l}")
        ax.set_title(f"{name}: Var(w) = {c:g}/n_in", fontsize=10)
        ax.set_xlabel(f"activation $a^{{(l)}}$ ({activation})")
        ax.set_yscale("log")
        ax.set_ylim(1e-4, 1.5)
    axes[0].set_ylabel("share of values")
    axes[-1].legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    return fig


class InitPanel(Panel):
    r"""Panel: spread of :math:`\mathbf a^{(l)}` (left) and of :math:`\boldsymbol\delta^{(l)}`
    (right) in every hidden layer of a 20-layer stack at initialisation,
    :math:`w_{ij}\sim\mathcal N(0, c/n_\text{in})`.

    ``init_panel(activation=..., c=...)`` returns the figure; the grey lines are the
    recommended scale for that activation (Glorot, c = 1, for tanh and sigmoid; He,
    c = 2, for ReLU).
    """

    figsize = (8.6, 3.4)

    def setup(self, fig):
        ax0, ax1 = self.axes = fig.subplots(1, 2)
        fig.subplots_adjust(left=0.09, right=0.98, bottom=0.16, top=0.86, wspace=0.28)
        layers = np.arange(1, INIT_DEPTH + 1)
        self.reference, self.lines = [], []
        for ax, k in ((ax0, 0), (ax1, 1)):
            (ref,) = ax.semilogy(layers, np.ones(INIT_DEPTH), color=PALETTE["grey"], lw=4,
                                 alpha=0.5, ls="-", label="recommended scale")
            (line,) = ax.semilogy(layers, np.ones(INIT_DEPTH), color=COLORS[k], lw=2,
                                  ls=LINESTYLES[k], marker=MARKERS[k], ms=4, label="this scale")
            self.reference.append(ref)
            self.lines.append(line)
            ax.set_xlim(0.5, INIT_DEPTH + 0.5)
            ax.set_xticks([1, 5, 10, 15, 20])
            ax.set_ylim(1e-12, 1e10)
            ax.set_xlabel("hidden layer $l$ (1 = next to the input)")
            ax.set_title(" ", fontsize=10)
        ax0.set_ylabel("spread (std) of $a^{(l)}$")
        ax1.set_ylabel(r"spread (std) of $\delta^{(l)}$")
        ax0.legend(loc="lower left", fontsize=8)
        pin_layout(fig)
        self.moving(*self.reference, *self.lines, ax0.title, ax1.title)

    def update(self, activation="tanh", c=1.0):
        a_std, d_std = init_spread(activation, c)           # validates both
        best = 2.0 if activation == "relu" else 1.0
        ref_a, ref_d = init_spread(activation, best)
        for line, values in zip(self.reference + self.lines, (ref_a, ref_d, a_std, d_std)):
            line.set_ydata(values)
        ax0, ax1 = self.axes
        ax0.title.set_text(f"{activation}, Var(w) = {c:g}/n_in: layer 20 / layer 1 = "
                           f"{a_std[-1] / a_std[0]:.1e}")
        ax1.title.set_text(f"error signal: layer 1 / layer 20 = {d_std[0] / d_std[-1]:.1e}")


#: the init-scale panel of chapter 2: ``init_panel(activation, c)`` returns its figure
init_panel = InitPanel()


# ------------------------------------------------------------------ modern smooth units
#: the smooth units of today, drawn beside ReLU
MODERN_UNITS = ("relu", "softplus", "gelu", "silu")


def modern_figure():
    """Static figure: ReLU, softplus, GELU and SiLU (left) and their derivatives (right)."""
    z = np.linspace(-4, 3, 701)
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.4))
    for k, name in enumerate(MODERN_UNITS):
        f, df = A.get(name)
        g = df(z).astype(float)
        if name == "relu":
            g[np.abs(np.diff(g, prepend=g[0])) > 0] = np.nan
        style = {"color": COLORS[k], "ls": LINESTYLES[k], "lw": 2.2}
        axes[0].plot(z, f(z), label=name, **style)
        axes[1].plot(z, g, label=f"{name}$'$", **style)
    axes[0].set_ylabel("$f(z)$")
    axes[1].set_ylabel("$f'(z)$")
    axes[0].set_ylim(-0.6, 3.1)
    axes[1].set_ylim(-0.2, 1.2)
    for ax in axes:
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.set_xlabel("$z$")
        ax.legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    return fig
