r"""Chapter 2's experiments: the bias data, the step's loss landscape, gradient norms through
deep stacks, dying ReLUs and the spread of signals at initialisation.

Notation as in the book: a layer computes :math:`\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)}
+ \mathbf{b}^{(l)}` with :math:`W^{(l)}` of shape (n_out, n_in), and :math:`\mathbf a^{(l)} =
f(\mathbf z^{(l)})`.
"""

from __future__ import annotations

import functools

import numpy as np

from ... import activations, data
from ..._checks import as_float_array, check_int, check_option, check_positive, check_random_state
from ...mlp import MLP

__all__ = ["bias_data", "fit_neuron", "landscape_data", "landscape_loss",
           "STACKS", "gradient_norms", "first_layer_norms", "relu_lr_runs", "INIT_SCALES",
           "NAMED_SCALES", "INIT_ACTIVATIONS", "INIT_DEPTH", "INIT_WIDTH", "INIT_N", "deep_pass",
           "init_problem", "init_spread"]

#: the three stacks compared in the vanishing-gradient measurement
STACKS = ("sigmoid", "tanh", "relu")


def bias_data(n=120, random_state=0):
    """Two round clouds on the same ray from the origin: class 0 near (1, 1), class 1 near
    (2.6, 2.6), spread 0.35. Returns ``X`` (n, 2) and ``y`` (n,) in {0, 1}, alternating."""
    n = check_int(n, "n", minimum=2)
    rng = check_random_state(random_state)
    y = np.arange(n) % 2
    centres = np.where(y[:, None] == 1, 2.6, 1.0)
    return centres + 0.35 * rng.standard_normal((n, 2)), y


def fit_neuron(X, y, use_bias=True, lr=0.5, epochs=3000):
    r"""Full-batch gradient descent on the mean cross-entropy of one sigmoid neuron.

    The gradient of :math:`L=-\frac1n\sum[y\log a+(1-y)\log(1-a)]` with
    :math:`a=\sigma(\mathbf{w}^\top\mathbf{x}+b)` is :math:`\frac1n\sum (a-y)\mathbf{x}`
    for w and :math:`\frac1n\sum(a-y)` for b; ``use_bias=False`` keeps b at 0.

    Parameters
    ----------
    X : array_like (n, d), y : array_like (n,) of 0/1
    use_bias : bool
    lr : float > 0, the step size
    epochs : int >= 0, the number of full-batch steps

    Returns
    -------
    w : ndarray (d,), b : float
    """
    X = as_float_array(X, "X", ndim=2)
    y = as_float_array(y, "y", ndim=1)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"y has {y.shape[0]} labels but X has {X.shape[0]} rows")
    lr = check_positive(lr, "lr")
    epochs = check_int(epochs, "epochs", minimum=0)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        err = activations.sigmoid(X @ w + b) - y            # dL/dz for every sample
        w -= lr * X.T @ err / len(y)
        if use_bias:
            b -= lr * err.mean()
    return w, float(b)


def landscape_data():
    """1-D toy task: 12 inputs in [0.25, 3], label 1 exactly when x > 1.2."""
    x = np.linspace(0.25, 3.0, 12)
    return x, (x > 1.2).astype(float)


def landscape_loss(activation, ws, b=-1.0):
    r"""The loss :math:`L(w) = \frac{1}{2n}\sum_i (f(wx_i + b) - y_i)^2` of one neuron on
    :func:`landscape_data`, for each weight in ``ws`` (k,): (k,).

    ``activation`` is a name for :func:`nnbook.activations.get`.
    """
    x, y = landscape_data()
    f = activations.get(activation)[0]
    return np.array([0.5 * np.mean((f(w * x + b) - y) ** 2) for w in ws])


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
    check_option(activation, STACKS, "activation")
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
    f, df = activations.get(activation)
    a, zs, acts = np.asarray(X, dtype=float), [], [np.asarray(X, dtype=float)]
    depth = len(Ws) - 1
    for l, W in enumerate(Ws):
        z = a @ W.T
        zs.append(z)
        a = f(z) if l < depth else activations.sigmoid(z)
        acts.append(a)
    delta = (a - np.asarray(y, dtype=float)[:, None]) / len(a)
    deltas = [delta]
    for l in range(depth, 0, -1):
        delta = (delta @ Ws[l]) * df(zs[l - 1])
        deltas.append(delta)
    return zs, acts, deltas[::-1]


def init_problem(c, depth=INIT_DEPTH, width=INIT_WIDTH, n=INIT_N, random_state=0):
    r"""Weights :math:`w_{ij} \sim \mathcal N(0, c/n_\text{in})` of a stack of ``depth`` hidden
    layers of ``width`` units and one output unit, standard normal inputs ``X`` (n, width)
    and random labels ``y`` (n,), all drawn from
    :func:`~nnbook._checks.check_random_state` of ``random_state``; ``c > 0``."""
    c = check_positive(c, "c")
    rng = check_random_state(random_state)
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
    check_option(activation, INIT_ACTIVATIONS, "activation")
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
