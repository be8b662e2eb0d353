r"""Forward-mode automatic differentiation with dual numbers.

:class:`Dual` is the other order, *forward mode*: a dual number carries a value
and its derivative along one chosen direction, :math:`u + \dot u\,\epsilon` with
:math:`\epsilon^2 = 0`, and every operation updates both at once. One forward
sweep gives one directional derivative, so the gradient of a function of P
inputs needs P sweeps (:func:`forward_gradient`), where reverse mode needs one
forward and one backward sweep.

Chapter 5 uses it to show why backpropagation (reverse mode, :mod:`nnbook.autograd`)
is the cheap order for a loss with many parameters.
"""

from __future__ import annotations

import math

from ._checks import check_real

__all__ = ["Dual", "forward_gradient"]


class Dual:
    r"""A dual number :math:`u + \dot u\,\epsilon` (:math:`\epsilon^2 = 0`): forward-mode AD.

    Parameters
    ----------
    value : float
        The value :math:`u`.
    tangent : float, default 0
        The derivative :math:`\dot u = \partial u/\partial s` along the direction s
        that was seeded (1 on the input being differentiated, 0 elsewhere).

    Every operation applies its local derivative *forward*: for :math:`o = g(u, v)`,
    :math:`\dot o = \partial_u g\, \dot u + \partial_v g\, \dot v`. It supports
    ``+ - * / **`` (real exponent), ``exp``, ``log``, ``tanh``, ``sigmoid`` and
    ``relu``, with plain numbers on either side, like :class:`~nnbook.autograd.Value`. The class
    attribute ``operations`` counts every operation performed (reset it to 0 to count
    one computation).
    """

    __slots__ = ("value", "tangent")
    operations = 0

    def __init__(self, value, tangent=0.0):
        self.value = check_real(value, "value")
        self.tangent = check_real(tangent, "tangent")

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Dual) else Dual(check_real(other, "operand"))

    @classmethod
    def _make(cls, value, tangent):
        cls.operations += 1
        return cls(value, tangent)

    def __add__(self, other):
        other = self._wrap(other)
        return self._make(self.value + other.value, self.tangent + other.tangent)

    def __mul__(self, other):
        other = self._wrap(other)
        return self._make(self.value * other.value,
                          self.tangent * other.value + self.value * other.tangent)

    def __pow__(self, k):
        k = check_real(k, "exponent")
        return self._make(self.value ** k, (k * self.value ** (k - 1) if k else 0.0)
                          * self.tangent)

    def exp(self):
        e = math.exp(self.value)
        return self._make(e, e * self.tangent)

    def log(self):
        if self.value <= 0:
            raise ValueError(f"log needs a positive value, got {self.value!r}")
        return self._make(math.log(self.value), self.tangent / self.value)

    def tanh(self):
        t = math.tanh(self.value)
        return self._make(t, (1.0 - t * t) * self.tangent)

    def sigmoid(self):
        e = math.exp(-abs(self.value))
        s = 1.0 / (1.0 + e) if self.value >= 0 else e / (1.0 + e)
        return self._make(s, s * (1.0 - s) * self.tangent)

    def relu(self):
        return self._make(max(0.0, self.value), self.tangent if self.value > 0 else 0.0)

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __truediv__(self, other):
        other = self._wrap(other)
        if other.value == 0:
            raise ZeroDivisionError("division by a Dual equal to 0")
        return self * other ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    def __repr__(self):
        return f"Dual(value={self.value!r}, tangent={self.tangent!r})"


def forward_gradient(f, x):
    r"""The gradient of ``f`` at ``x`` by forward mode: one sweep per input.

    Parameters
    ----------
    f : callable
        ``f(list of P numbers) -> number``, written with ordinary arithmetic (and the
        ``exp``/``tanh``/``sigmoid``/``relu`` methods) so that it accepts :class:`Dual`.
    x : sequence of P floats

    Returns
    -------
    grad : list of P floats
        :math:`\partial f/\partial x_i`, sweep i seeding tangent 1 on :math:`x_i` only.
    sweeps : int
        The number of evaluations of ``f``, P.
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    x = [check_real(v, "x") for v in x]
    grad = []
    for i in range(len(x)):
        out = f([Dual(v, 1.0 if j == i else 0.0) for j, v in enumerate(x)])
        grad.append(out.tangent if isinstance(out, Dual) else 0.0)
    return grad, len(x)
