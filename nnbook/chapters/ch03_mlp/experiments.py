r"""Chapter 3's own computations: one layer three ways, the unstable softmax, the XOR
solution families, the two-unit bottleneck, and the table behind the depth figure.

Notation as in the book: layer l computes :math:`\mathbf{z}^{(l)} = W^{(l)}\mathbf{a}^{(l-1)} +
\mathbf{b}^{(l)}` and :math:`\mathbf{a}^{(l)} = f(\mathbf{z}^{(l)})`, with :math:`W^{(l)}` of
shape (n_out, n_in); over a batch of n rows the code computes ``Z = A @ W.T + b``.
The experiments the exercise checkers also grade (the XOR truth table and runs, the digit
split, the width sweep) live in :mod:`nnbook.exercises.ch3`; the margin losses the losses
figure draws are :data:`nnbook.losses.MARGIN_LOSSES`.
"""

from __future__ import annotations

import functools

import numpy as np

from ..._checks import as_float_array, check_int
from ...exercises.ch3 import digit_split
from ...metrics import accuracy
from ...mlp import MLP

__all__ = ["layer_scalar", "layer_per_sample", "layer_batched", "naive_softmax",
           "XOR_SEEDS", "xor_family", "BOTTLENECK_EPOCHS", "bottleneck_history",
           "IMAGENET"]

#: seeds of the trained 2-2-1 tanh XOR networks the chapter compares
XOR_SEEDS = tuple(range(10))
#: epochs at which :func:`bottleneck_history` keeps the hidden space of the validation images
BOTTLENECK_EPOCHS = (0, 1, 2, 5, 10, 20, 50)
#: ImageNet (ILSVRC) classification entries: name, year, weight layers, top-5 error % of the
#: entry, its place in that year's classification task, and how many networks the entry
#: averaged (the error of one network alone is higher; e.g. 4.49% for one ResNet-152)
IMAGENET = (("AlexNet", 2012, 8, 16.4, "1st", 5), ("VGG-19", 2014, 19, 7.3, "2nd", 7),
            ("GoogLeNet", 2014, 22, 6.7, "1st", 7), ("ResNet-152", 2015, 152, 3.57, "1st", 6))


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


# -------------------------------------------------------------- XOR: two solution families
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


# ------------------------------------------------------------ the two-unit bottleneck
@functools.cache
def bottleneck_history(epochs=BOTTLENECK_EPOCHS, lr=0.1, batch_size=50, random_state=0):
    """Train ``MLP([784, 2, 10])`` (ReLU, softmax) on the fit part of
    :func:`nnbook.exercises.ch3.digit_split` and keep, at each epoch in ``epochs``, the two
    hidden outputs of every validation image.

    Returns
    -------
    net : the trained MLP
    snaps : dict epoch -> (H (n_val, 2) hidden outputs, validation accuracy)
    """
    if not isinstance(epochs, tuple) or not epochs:
        raise TypeError("epochs must be a non-empty tuple of ints (it is a cache key)")
    epochs = tuple(check_int(e, "epochs[i]", minimum=0) for e in epochs)
    X_fit, y_fit, X_val, y_val, _, _ = digit_split()
    net = MLP([784, 2, 10], random_state=random_state)
    snaps = {}

    def keep(net, epoch):
        if epoch + 1 in epochs:
            proba = net.forward(X_val)
            snaps[epoch + 1] = (net.activations_[1].copy(),
                                accuracy(y_val, proba.argmax(axis=1)))

    if 0 in epochs:
        keep(net, -1)
    net.fit(X_fit, y_fit, epochs=max(epochs), lr=lr, batch_size=batch_size, callback=keep)
    return net, snaps
