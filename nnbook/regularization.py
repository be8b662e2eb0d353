r"""Regularization: weight penalties, dropout and early stopping.

* L2: :math:`\Omega(\theta)=\tfrac{\lambda}{2}\lVert\theta\rVert_2^2`, gradient
  :math:`\lambda\theta`; the SGD step becomes
  :math:`\theta \leftarrow (1-\eta\lambda)\theta - \eta\,\partial L/\partial\theta`
  (weight decay).
* L1: :math:`\Omega(\theta)=\lambda\lVert\theta\rVert_1`, (sub)gradient
  :math:`\lambda\,\operatorname{sgn}(\theta)`.
* Dropout with **drop** probability p (not the keep probability).
* :class:`EarlyStopping`: watch a validation loss, keep the best weights.

Only weights are penalised, never biases: a bias shifts a boundary without
making the function any less smooth, and penalising it would pull every
unit's threshold towards zero for no benefit.
"""

from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_int, check_positive, check_probability

__all__ = ["l2_penalty", "l2_grad", "l1_penalty", "l1_grad", "soft_threshold",
           "dropout_mask", "dropout", "EarlyStopping"]


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


def dropout_mask(shape, p, rng):
    """Boolean keep-mask: each entry is kept with probability 1 - p.

    Parameters
    ----------
    shape : tuple of int
    p : float in [0, 1)
        Drop probability.
    rng : numpy.random.Generator
    """
    p = check_probability(p, "p")
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy.random.Generator (np.random.default_rng(seed))")
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
