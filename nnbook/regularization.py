r"""Regularization: weight penalties, dropout and early stopping.

* L2: :math:`\Omega(\theta)=\tfrac{\lambda}{2}\lVert\theta\rVert_2^2`, gradient
  :math:`\lambda\theta`; the SGD step becomes
  :math:`\theta \leftarrow (1-\eta\lambda)\theta - \eta\,\partial L/\partial\theta`
  (weight decay).
* L1: :math:`\Omega(\theta)=\lambda\lVert\theta\rVert_1`, (sub)gradient
  :math:`\lambda\,\operatorname{sgn}(\theta)`.
* Dropout with **drop** probability p (not the keep probability). A network with N
  hidden units holds :math:`2^N` sub-networks, one per keep-mask;
  :func:`sub_network_proba` runs one of them and :func:`dropout_ensemble` averages
  all of them, the ensemble that scaling the weights at test time approximates.
* :class:`EarlyStopping`: watch a validation loss, keep the best weights.
* :func:`weight_norm` measures what the penalties shrink, and
  :func:`penalised_minimiser` solves the lectures' one-weight toy problem exactly.

Only weights are penalised, never biases: a bias shifts a boundary without
making the function any less smooth, and penalising it would pull every
unit's threshold towards zero for no benefit.
"""

from __future__ import annotations

import itertools

import numpy as np

from . import backprop
from ._checks import as_float_array, check_int, check_positive, check_probability, check_real

__all__ = ["l2_penalty", "l2_grad", "l1_penalty", "l1_grad", "soft_threshold",
           "penalised_minimiser", "weight_norm", "dropout_mask", "dropout",
           "sub_network_proba", "dropout_ensemble", "EarlyStopping"]


def _params(weights):
    if isinstance(weights, np.ndarray):
        return [weights]
    return list(weights)


def l2_penalty(weights, lam):
    r""":math:`\tfrac{\lambda}{2}\sum_l \lVert W_l\rVert_F^2` over an array or a list of arrays."""
    lam = check_positive(lam, "lam", allow_zero=True)
    return 0.5 * lam * sum(float(np.sum(np.square(w))) for w in _params(weights))


def l2_grad(w, lam):
    r""":math:`\lambda W`."""
    lam = check_positive(lam, "lam", allow_zero=True)
    return lam * as_float_array(w, "w", allow_scalar=True)


def l1_penalty(weights, lam):
    r""":math:`\lambda\sum_l \lVert W_l\rVert_1` over an array or a list of arrays."""
    lam = check_positive(lam, "lam", allow_zero=True)
    return lam * sum(float(np.sum(np.abs(w))) for w in _params(weights))


def l1_grad(w, lam):
    r"""Subgradient :math:`\lambda\,\operatorname{sgn}(W)` (0 at exactly 0)."""
    lam = check_positive(lam, "lam", allow_zero=True)
    return lam * np.sign(as_float_array(w, "w", allow_scalar=True))


def soft_threshold(x, t):
    r"""Soft thresholding :math:`\operatorname{sgn}(x)\max(|x|-t, 0)`.

    It is the exact minimiser of :math:`\tfrac12(\theta-x)^2 + t|\theta|`, which is why
    L1 produces weights that are exactly zero.
    """
    t = check_positive(t, "t", allow_zero=True)
    x = as_float_array(x, "x", allow_scalar=True)
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


def penalised_minimiser(lam, penalty="l1", c=2.0):
    r"""Minimiser of the lectures' toy loss :math:`(\theta-c)^2 + \Omega(\theta)` of one weight.

    L1, :math:`\Omega=\lambda|\theta|`: soft thresholding,
    :math:`\theta^*=\operatorname{sgn}(c)\max(|c|-\lambda/2, 0)`, exactly 0 once
    :math:`\lambda\ge 2|c|`. L2, :math:`\Omega=\tfrac{\lambda}{2}\theta^2`:
    :math:`\theta^*=c/(1+\lambda/2)`, never 0.

    Parameters
    ----------
    lam : float or ndarray of any shape, >= 0
        Penalty strength :math:`\lambda`.
    penalty : {"l1", "l2"}
    c : float
        The minimiser of the data loss alone.

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


def weight_norm(net, ord=2):
    r""":math:`\lVert\theta\rVert_2` (or :math:`\lVert\theta\rVert_1` with ``ord=1``) over
    all weight matrices :math:`W^{(l)}` of ``net``; biases are not counted (they are not
    penalised).

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


def dropout_mask(shape, p, rng):
    """Boolean keep-mask: each entry is kept with probability 1 - p.

    Parameters
    ----------
    shape : tuple of int
    p : float in [0, 1)
        Drop probability.
    rng : numpy.random.Generator, or any generator with ``random(shape)`` (the
        playground's portable one); one uniform draw per entry, in C order.
    """
    p = check_probability(p, "p")
    if not callable(getattr(rng, "random", None)):
        raise TypeError("rng must be a numpy.random.Generator (np.random.default_rng(seed)) "
                        f"or another generator with a random(shape) method, got "
                        f"{type(rng).__name__}")
    return rng.random(shape) >= p


def dropout(a, p, rng=None, *, training=True, inverted=True):
    r"""Apply dropout to activations ``a``.

    Two conventions that agree in expectation:

    * ``inverted=True`` (modern): in training keep each unit with probability
      1-p and divide the kept ones by 1-p; at test time return ``a`` unchanged.
    * ``inverted=False`` (the lectures): in training zero dropped units and
      leave the rest; at test time multiply by 1-p, which is the same as using
      :math:`W_{test}=(1-p)W_{train}` in the next layer.

    Parameters
    ----------
    a : ndarray, any shape
    p : float in [0, 1)
        Drop probability.
    rng : numpy.random.Generator, required when ``training``
    training : bool
    inverted : bool

    Returns
    -------
    ndarray, same shape as ``a``
    """
    a = as_float_array(a, "a", allow_scalar=True)
    p = check_probability(p, "p")
    if not training:
        return a.copy() if inverted else (1.0 - p) * a
    if rng is None:
        raise ValueError("rng is required in training mode (pass np.random.default_rng(seed))")
    keep = dropout_mask(a.shape, p, rng)
    out = np.where(keep, a, 0.0)
    return out / (1.0 - p) if inverted else out


def sub_network_proba(net, X, keep, p):
    r"""Class probabilities of the sub-network of ``net`` that keeps the hidden units in ``keep``.

    The forward pass :math:`\mathbf{a}^{(l)} = \mathbf{m}^{(l)}\odot
    \sigma(W^{(l)}\mathbf{a}^{(l-1)}+\mathbf{b}^{(l)})/(1-p)` of inverted dropout, with one
    fixed keep-mask :math:`\mathbf{m}^{(l)}` per hidden layer (the same for every row of
    ``X``), and a softmax output layer.

    Parameters
    ----------
    net : MLP with a softmax output
    X : ndarray, shape (n, n_in)
    keep : list of boolean arrays, ``keep[l]`` of shape (sizes[l+1],), one per hidden layer
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
        raise ValueError("sub_network_proba needs a network with a softmax output")
    hidden = net.sizes[1:-1]
    if len(keep) != len(hidden) or any(np.shape(m) != (h,) for m, h in zip(keep, hidden)):
        raise ValueError(f"keep must hold one boolean vector per hidden layer, sizes {hidden}")
    masks = [np.asarray(m, dtype=float) / (1 - p) for m in keep]
    return backprop.forward(net, A, masks).activations[-1]


def dropout_ensemble(net, X, p):
    r"""Exact dropout ensemble of ``net`` over all :math:`2^N` keep-masks of its N hidden units.

    Mask :math:`\mathbf{m}` is weighted by its probability
    :math:`(1-p)^{\text{kept}}p^{\text{dropped}}`; each sub-network is
    :func:`sub_network_proba`.

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
        P = sub_network_proba(net, X, np.split(bits, np.cumsum(hidden)[:-1]), p)
        arith = arith + w * P
        logs = logs + w * np.log(np.maximum(P, 1e-300))
        n_masks += 1
    G = np.exp(logs - logs.max(axis=1, keepdims=True))
    return arith, G / G.sum(axis=1, keepdims=True), n_masks


class EarlyStopping:
    """Stop training when the validation loss has not improved for ``patience`` epochs.

    Parameters
    ----------
    patience : int >= 1
        Epochs without improvement before stopping.
    min_delta : float >= 0
        An improvement must lower the loss by more than this.
    restore_best : bool
        Whether the network gets back the weights of its best epoch.

    Attributes
    ----------
    best_loss_, best_epoch_ : the best validation loss seen and its epoch (0-based)
    stopped_epoch_ : epoch at which training stopped, or None
    """

    def __init__(self, patience=10, min_delta=0.0, restore_best=True):
        self.patience = check_int(patience, "patience", minimum=1)
        self.min_delta = check_positive(min_delta, "min_delta", allow_zero=True)
        self.restore_best = bool(restore_best)
        self.reset()

    def reset(self):
        """Forget everything seen so far."""
        self.best_loss_ = np.inf
        self.best_epoch_ = None
        self.best_params_ = None
        self.stopped_epoch_ = None
        self._wait = 0

    def update(self, epoch, val_loss, params):
        """Record one epoch; return True when training should stop.

        ``params`` is a list of arrays; copies are kept for the best epoch.
        """
        if val_loss < self.best_loss_ - self.min_delta:
            self.best_loss_ = float(val_loss)
            self.best_epoch_ = epoch
            self.best_params_ = [p.copy() for p in params]
            self._wait = 0
            return False
        self._wait += 1
        if self._wait >= self.patience:
            self.stopped_epoch_ = epoch
            return True
        return False
