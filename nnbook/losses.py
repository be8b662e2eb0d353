r"""Loss functions, softmax, and their gradients.

Shapes: predictions and targets are ``(n, K)`` (or ``(n,)`` for the
single-output losses); every loss is the **mean over the n samples** and every
``*_grad`` returns the gradient of that mean with respect to the first
argument, with the same shape as it.

* ``mse``: :math:`\frac1n\sum_k \tfrac12\lVert y_k-\hat y_k\rVert^2`
* ``binary_cross_entropy`` from probabilities or (``from_logits=True``) logits
* ``softmax``, ``log_softmax``: stable, via the log-sum-exp trick
* ``cross_entropy`` from logits, labels as ints ``(n,)`` or one-hot ``(n, K)``:
  :math:`-\frac1n\sum_k \log p_{k,y_k}`; its gradient is :math:`(p - q)/n`
* ``hinge`` and ``perceptron_loss`` for labels in {-1, +1}
* ``MARGIN_LOSSES``: the per-sample losses of a linear classifier as functions of
  the margin :math:`m = yz`, for plotting and comparing them
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_labels
from .activations import sigmoid

__all__ = ["mse", "mse_grad", "binary_cross_entropy", "binary_cross_entropy_grad",
           "softmax", "log_softmax", "cross_entropy", "cross_entropy_grad",
           "one_hot", "hinge", "hinge_grad", "perceptron_loss", "perceptron_loss_grad",
           "MARGIN_LOSSES"]


def _pair(y_pred, y_true, name_pred="y_pred", name_true="y_true"):
    p = as_float_array(y_pred, name_pred, ndim=(1, 2))
    t = as_float_array(y_true, name_true, ndim=(1, 2))
    if p.shape != t.shape:
        raise ValueError(f"{name_pred} has shape {p.shape} but {name_true} has shape {t.shape}")
    return p, t


def mse(y_pred, y_true):
    r"""Mean over samples of :math:`\tfrac12\lVert y-\hat y\rVert^2`."""
    p, t = _pair(y_pred, y_true)
    d = p - t
    return 0.5 * float(np.sum(d * d)) / p.shape[0]


def mse_grad(y_pred, y_true):
    r""":math:`\partial L/\partial \hat y = (\hat y - y)/n`."""
    p, t = _pair(y_pred, y_true)
    return (p - t) / p.shape[0]


def _check_binary(t, name):
    if np.any((t < 0) | (t > 1)):
        raise ValueError(f"{name} must hold targets in [0, 1]")


def binary_cross_entropy(y_pred, y_true, from_logits=False):
    r"""Mean of :math:`-[y\log p + (1-y)\log(1-p)]`.

    With ``from_logits=True`` the first argument is the logit :math:`z` and
    :math:`p=\sigma(z)` is never formed, so the loss is finite for any z:
    :math:`\ell = \max(z,0) - zy + \log(1+e^{-|z|})`.
    """
    p, t = _pair(y_pred, y_true)
    _check_binary(t, "y_true")
    if from_logits:
        z = p
        ell = np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
    else:
        if np.any((p < 0) | (p > 1)):
            raise ValueError("y_pred must hold probabilities in [0, 1] "
                             "(or pass from_logits=True)")
        q = np.clip(p, np.finfo(p.dtype).eps, 1 - np.finfo(p.dtype).eps)
        ell = -(t * np.log(q) + (1 - t) * np.log1p(-q))
    if ell.ndim > 1:
        ell = ell.sum(axis=1)
    return float(np.mean(ell))


def binary_cross_entropy_grad(y_pred, y_true, from_logits=False):
    r"""Gradient of the mean BCE; from logits it is :math:`(\sigma(z) - y)/n`."""
    p, t = _pair(y_pred, y_true)
    _check_binary(t, "y_true")
    n = p.shape[0]
    if from_logits:
        return (sigmoid(p) - t) / n
    if np.any((p <= 0) | (p >= 1)):
        raise ValueError("y_pred must lie strictly inside (0, 1) for the BCE gradient")
    return (p - t) / (p * (1 - p)) / n


def softmax(z, axis=-1):
    r"""Softmax :math:`p_i = e^{z_i}/\sum_j e^{z_j}`, stable for any z.

    Subtracting :math:`\max_j z_j` first changes nothing mathematically but
    keeps every exponent <= 0, so nothing overflows.
    """
    z = as_float_array(z, "z", ndim=(1, 2))
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z, axis=-1):
    r""":math:`\log p_i = z_i - \operatorname{logsumexp}(z)`, computed stably."""
    z = as_float_array(z, "z", ndim=(1, 2))
    m = z.max(axis=axis, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def one_hot(y, n_classes):
    """One-hot matrix (n, n_classes) for integer labels ``y`` (n,)."""
    y = check_labels(y, "y", n_classes=n_classes)
    out = np.zeros((y.shape[0], n_classes))
    out[np.arange(y.shape[0]), y] = 1.0
    return out


def _targets(logits, y):
    z = as_float_array(logits, "logits", ndim=2)
    y_arr = np.asarray(y)
    if y_arr.ndim == 1:
        y_arr = check_labels(y_arr, "y", n_classes=z.shape[1], n_samples=z.shape[0])
        return z, one_hot(y_arr, z.shape[1]).astype(z.dtype)
    q = as_float_array(y_arr, "y", ndim=2)
    if q.shape != z.shape:
        raise ValueError(f"one-hot y has shape {q.shape} but logits have shape {z.shape}")
    if np.any(q < 0) or not np.allclose(q.sum(axis=1), 1.0):
        raise ValueError("one-hot y must have non-negative rows that sum to 1")
    return z, q


def cross_entropy(logits, y):
    r"""Mean cross-entropy :math:`-\frac1n\sum_k\sum_i q_{ki}\log p_{ki}` from logits.

    Parameters
    ----------
    logits : ndarray, shape (n, K)
        Scores before the softmax.
    y : ndarray, shape (n,) of int in 0..K-1, or (n, K) one-hot / probabilities
    """
    z, q = _targets(logits, y)
    return float(-np.sum(q * log_softmax(z)) / z.shape[0])


def cross_entropy_grad(logits, y):
    r"""Gradient of the mean cross-entropy w.r.t. the logits: :math:`(p - q)/n`."""
    z, q = _targets(logits, y)
    return (softmax(z) - q) / z.shape[0]


def _pm1(y, n):
    y = as_float_array(y, "y", ndim=1)
    if y.shape[0] != n:
        raise ValueError(f"y has {y.shape[0]} labels but scores has {n} entries")
    if not np.all(np.isin(y, (-1.0, 1.0))):
        raise ValueError("y must hold labels -1 or +1 for this loss")
    return y


def hinge(scores, y):
    r"""Mean hinge loss :math:`\max(0, 1 - y s)` for labels y in {-1, +1}."""
    s = as_float_array(scores, "scores", ndim=1)
    y = _pm1(y, s.shape[0])
    return float(np.mean(np.maximum(0.0, 1.0 - y * s)))


def hinge_grad(scores, y):
    r"""Subgradient :math:`-y\,\mathbb 1\{ys < 1\}/n`."""
    s = as_float_array(scores, "scores", ndim=1)
    y = _pm1(y, s.shape[0])
    return np.where(y * s < 1, -y, 0.0) / s.shape[0]


def perceptron_loss(scores, y):
    r"""Mean perceptron criterion :math:`\max(0, -y s)` for labels in {-1, +1}."""
    s = as_float_array(scores, "scores", ndim=1)
    y = _pm1(y, s.shape[0])
    return float(np.mean(np.maximum(0.0, -y * s)))


def perceptron_loss_grad(scores, y):
    r"""Subgradient :math:`-y\,\mathbb 1\{ys < 0\}/n`: only mistakes move the weights."""
    s = as_float_array(scores, "scores", ndim=1)
    y = _pm1(y, s.shape[0])
    return np.where(y * s < 0, -y, 0.0) / s.shape[0]


def _margin(m):
    return as_float_array(m, "m", allow_scalar=True)


#: The losses of a linear classifier written as functions of the margin
#: :math:`m = y z` (label :math:`y \in \{-1, +1\}`, score :math:`z`), elementwise on an
#: array of margins, in the order the book compares them. ``"squared"`` is
#: :math:`(1-m)^2`, which equals :math:`(y - z)^2`; Adaline's loss is half of it.
MARGIN_LOSSES = {
    "zero-one": lambda m: (_margin(m) <= 0).astype(float),
    "perceptron": lambda m: np.maximum(0.0, -_margin(m)),
    "squared": lambda m: (1.0 - _margin(m)) ** 2,
    "hinge": lambda m: np.maximum(0.0, 1.0 - _margin(m)),
    "logistic": lambda m: np.logaddexp(0.0, -_margin(m)),
}
