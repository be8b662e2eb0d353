r"""Stochastic gradient descent with momentum.

Plain SGD: :math:`\theta \leftarrow \theta - \eta\, g`. With momentum
:math:`\mu`, a velocity remembers past steps:

.. math:: v \leftarrow \mu v - \eta g, \qquad \theta \leftarrow \theta + v .

With :math:`\mu = 0` this is plain SGD.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_positive, check_probability

__all__ = ["SGD", "step_decay"]


class SGD:
    """SGD (optionally with momentum) that updates a list of arrays in place.

    Parameters
    ----------
    params : list of ndarray
        Arrays updated in place by :meth:`step`.
    lr : float > 0
        Learning rate :math:`\\eta`.
    momentum : float in [0, 1)
    """

    def __init__(self, params, lr=0.1, momentum=0.0):
        self.params = list(params)
        self.lr = check_positive(lr, "lr")
        self.momentum = check_probability(momentum, "momentum")
        self.velocity = [np.zeros_like(p) for p in self.params]
        self._scratch = [np.empty_like(p) for p in self.params]   # no allocation per step

    def step(self, grads):
        """Apply one update with ``grads`` (same order and shapes as ``params``)."""
        if len(grads) != len(self.params):
            raise ValueError(f"got {len(grads)} gradients for {len(self.params)} parameters")
        for p, g, v, tmp in zip(self.params, grads, self.velocity, self._scratch):
            if g.shape != p.shape:
                raise ValueError(f"gradient of shape {g.shape} for parameter of shape {p.shape}")
            np.multiply(g, self.lr, out=tmp)          # tmp = eta * g
            if self.momentum:
                v *= self.momentum
                v -= tmp
                p += v
            else:
                p -= tmp


def step_decay(lr0, epoch, drop=0.5, every=10):
    r"""Learning rate :math:`\eta_0 \cdot \text{drop}^{\lfloor epoch/every \rfloor}`."""
    lr0 = check_positive(lr0, "lr0")
    drop = check_positive(drop, "drop")
    return lr0 * drop ** (int(epoch) // int(every))
