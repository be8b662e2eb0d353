r"""Stochastic gradient descent with momentum.

Plain SGD: :math:`\theta \leftarrow \theta - \eta\, g`. With momentum
:math:`\mu`, a velocity remembers past steps:

.. math:: v \leftarrow \mu v - \eta g, \qquad \theta \leftarrow \theta + v .

With :math:`\mu = 0` this is plain SGD.

:class:`SGD` takes one update two ways: :meth:`SGD.step` from the gradients :math:`g`
(the textbook form; chapter 4's valley uses it) and :meth:`SGD.apply` from steps
:math:`\eta g` already scaled by the learning rate (the MLP's training loop, which gets
the factor :math:`\eta` for free). ``step`` scales and calls ``apply``: the update is
written once.
"""

from __future__ import annotations

import numpy as np

from ._checks import check_positive, check_probability

__all__ = ["SGD"]


class SGD:
    """SGD (optionally with momentum) that updates a list of arrays in place.

    Parameters
    ----------
    params : list of ndarray
        Arrays updated in place by :meth:`step` (from gradients) or :meth:`apply` (from
        steps already multiplied by ``lr``).
    lr : float > 0
        Learning rate :math:`\\eta`.
    momentum : float in [0, 1)

    Attributes
    ----------
    velocity : list of ndarray (one per parameter), or None for plain SGD
    """

    def __init__(self, params, lr=0.1, momentum=0.0):
        self.params = list(params)
        self.lr = check_positive(lr, "lr")
        self.momentum = check_probability(momentum, "momentum")
        # plain SGD needs no velocity; step()'s scratch arrays are made on its first call
        self.velocity = [np.zeros_like(p) for p in self.params] if self.momentum else None
        self._scratch = None

    def step(self, grads):
        r"""One update from the gradients ``grads`` :math:`g` (same order and shapes as
        ``params``): computes :math:`\eta g` with the current ``lr`` and calls :meth:`apply`.
        """
        self._check(grads)
        if self._scratch is None:
            self._scratch = [np.empty_like(p) for p in self.params]   # reused every step
        for g, tmp in zip(grads, self._scratch):
            np.multiply(g, self.lr, out=tmp)          # tmp = eta * g
        self.apply(self._scratch)

    def apply(self, steps):
        r"""One update from ``steps`` = :math:`\eta g`, gradients already scaled.

        Plain SGD subtracts them, :math:`\theta \leftarrow \theta - \eta g`; with momentum
        :math:`v \leftarrow \mu v - \eta g`, then :math:`\theta \leftarrow \theta + v`.
        A caller that can fold :math:`\eta` into its gradients for free (the MLP
        scales the output error :math:`\delta^{(L)}` by :math:`\eta`, and every
        gradient inherits the factor) saves one pass over the parameters.
        """
        self._check(steps)
        if not self.momentum:
            for p, s in zip(self.params, steps):
                p -= s
            return
        for p, s, v in zip(self.params, steps, self.velocity):
            v *= self.momentum
            v -= s
            p += v

    def _check(self, grads):
        if len(grads) != len(self.params):
            raise ValueError(f"got {len(grads)} gradients for {len(self.params)} parameters")
        for p, g in zip(self.params, grads):
            if g.shape != p.shape:
                raise ValueError(f"gradient of shape {g.shape} for parameter of shape {p.shape}")

