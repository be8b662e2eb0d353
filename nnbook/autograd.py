r"""Reverse-mode automatic differentiation on a graph of scalars.

A :class:`Value` wraps one number. Arithmetic on values records how each new
value was made: its inputs (``_prev``), the operation (``_op``) and a closure
``_backward`` holding the operation's *local* derivative. The chain rule then
only ever needs one step per node: if :math:`o = g(u, v)` and the gradient
:math:`\partial f/\partial o` has already arrived from above, then

.. math:: \frac{\partial f}{\partial u} \mathrel{+}= \frac{\partial f}{\partial o}\,
          \frac{\partial o}{\partial u}
          \qquad\text{(upstream gradient times local gradient)},

and likewise for :math:`v`. :meth:`Value.backward` applies it to every node,
from the output back to the inputs (reverse topological order); the ``+=`` makes
a node used on several paths receive the sum of the paths. Each operation below
states its local rule right beside its forward value, as Karpathy's *micrograd*
does. ``**`` takes real exponents only; the max gate is :func:`vmax`.

:class:`Dual` (forward mode, the other order) lives in :mod:`nnbook.forward_mode`;
it is importable from here too.
"""

from __future__ import annotations

import math

from ._checks import check_real
from .forward_mode import Dual, forward_gradient

__all__ = ["Value", "vmax", "graph", "Dual", "forward_gradient"]


class Value:
    """One scalar node of a computational graph.

    Parameters
    ----------
    data : float
        Any finite real number (int, float, NumPy scalar; not bool). Otherwise
        ``TypeError`` (not a real) or ``ValueError`` (NaN, inf) naming ``data``.
    label : str, optional
        A name for drawing and printing (``"x"``, ``"w0"`` ...).

    Attributes
    ----------
    data : float
        The value from the forward pass.
    grad : float
        :math:`\\partial f/\\partial\\,\\text{self}` after ``f.backward()``; 0 before.
    op : str
        The operation that made this node (``"+"``, ``"*"``, ``"**-1"``, ``"exp"``
        ...; ``""`` for an input), also stored as ``_op``.
    _prev : tuple of Value
        Its operands (a node appears twice in ``x * x``).
    """

    __slots__ = ("data", "grad", "label", "_prev", "_op", "_backward")

    def __init__(self, data, _children=(), _op="", label=""):
        if _op and not math.isfinite(data):             # a result, not user input
            raise OverflowError(f"the result of {_op!r} is {data}: too large for a float")
        if not isinstance(label, str):
            raise TypeError(f"label must be a str, got {type(label).__name__}")
        self.data = check_real(data, "data")
        self.grad = 0.0
        self.label = label
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None                   # an input has nothing to pass on

    @property
    def op(self):
        """The operation that produced this node, ``""`` for an input."""
        return self._op

    @staticmethod
    def _wrap(other):
        """A plain number as a constant input node, so ``2 * x`` and ``x + 1`` work."""
        return other if isinstance(other, Value) else Value(check_real(other, "operand"))

    def _name(self):
        return f"{self.label} = {self.data!r}" if self.label else repr(self.data)

    # ---- primitive operations: forward value, then the local rule ----------------
    def __add__(self, other):
        """:math:`o = u + v`; both local gradients are 1."""
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():                    # the add gate hands the gradient on unchanged
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        """:math:`o = u v`; local gradients v (for u) and u (for v)."""
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():                    # the multiply gate swaps its inputs
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        """:math:`o = u^k` for a real constant k; local gradient :math:`k u^{k-1}`."""
        k = check_real(k, "exponent")
        x = self.data
        if x < 0 and k != int(k):
            raise ValueError(f"{self._name()} ** {k:g}: a negative number to a non-integer "
                             "power is not real")
        if x == 0 and k < 0:
            raise ZeroDivisionError(f"{self._name()} ** {k:g}: division by zero")
        if x == 0 and 0 < k < 1:
            raise ValueError(f"{self._name()} ** {k:g}: the derivative at 0 is infinite")
        out = Value(x ** k, (self,), f"**{k:g}")

        def _backward():                    # the power rule; x ** 0 is flat everywhere
            self.grad += (k * x ** (k - 1) if k else 0.0) * out.grad
        out._backward = _backward
        return out

    def exp(self):
        """:math:`o = e^u`; local gradient :math:`e^u = o`."""
        try:
            e = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({self._name()}) is too large for a float") from None
        out = Value(e, (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        """:math:`o = \\ln u` for :math:`u > 0`; local gradient :math:`1/u`."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive value, got {self._name()}")
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        """:math:`o = \\tanh u`; local gradient :math:`1 - o^2`."""
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1.0 - t * t) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        """:math:`o = \\sigma(u) = 1/(1+e^{-u})` as one gate; local gradient :math:`o(1-o)`."""
        e = math.exp(-abs(self.data))       # e <= 1: no overflow for any input
        s = 1.0 / (1.0 + e) if self.data >= 0 else e / (1.0 + e)
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1.0 - s) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        """:math:`o = \\max(0, u)`; local gradient 1 for :math:`u > 0`, else 0 (also at 0)."""
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (1.0 if self.data > 0 else 0.0) * out.grad
        out._backward = _backward
        return out

    # ---- derived operations, built from the primitives ------------------------------
    def __neg__(self):                      # -u = u * (-1)
        return self * -1

    def __sub__(self, other):               # u - v = u + (-v)
        return self + (-self._wrap(other))

    def __truediv__(self, other):           # u / v = u * v**-1
        other = self._wrap(other)
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value equal to 0 ({other._name()})")
        return self * other ** -1

    def __radd__(self, other):              # 2 + x
        return self + other

    def __rmul__(self, other):              # 2 * x
        return self * other

    def __rsub__(self, other):              # 2 - x
        return self._wrap(other) - self

    def __rtruediv__(self, other):          # 2 / x
        return self._wrap(other) / self

    # ---- the backward pass ----------------------------------------------------------
    def backward(self):
        """Add :math:`\\partial\\,\\text{self}/\\partial n` to ``n.grad`` for every node n.

        Seeds :math:`\\partial\\,\\text{self}/\\partial\\,\\text{self} = 1`, then runs each
        node's local rule from ``self`` back to the inputs. Gradients *accumulate*,
        as in micrograd and PyTorch: a second call adds the same derivatives again,
        and ``L1.backward(); L2.backward()`` leaves :math:`\\partial(L_1+L_2)/\\partial x`
        in an input x they share. :meth:`zero_grad` starts again from zero.
        """
        order = _topological(self)
        before = [node.grad for node in order]
        for node in order:                  # this pass is computed from zero ...
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
        for node, g in zip(order, before):  # ... and then added to what was there
            node.grad += g

    def zero_grad(self):
        """Reset ``grad`` to 0 on this node and on every node it was computed from."""
        for node in _topological(self):
            node.grad = 0.0

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"


def vmax(a, b):
    """The max gate :math:`o = \\max(a, b)`: it *routes* the gradient to the larger input.

    ``a`` and ``b`` are Values or numbers. The local gradient is 1 for the larger
    input and 0 for the other; at a tie it all goes to ``a`` (a valid subgradient).
    """
    a, b = Value._wrap(a), Value._wrap(b)
    out = Value(max(a.data, b.data), (a, b), "max")

    def _backward():
        if a.data >= b.data:
            a.grad += out.grad
        else:
            b.grad += out.grad
    out._backward = _backward
    return out


def _topological(root):
    """Every node ``root`` depends on, each after all of its inputs (``root`` last)."""
    order, seen = [], set()
    stack = [(root, False)]
    while stack:                            # an explicit stack: deep graphs cannot
        node, done = stack.pop()            # exhaust Python's recursion limit
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for child in reversed(node._prev):  # reversed: the first operand is visited first
            if id(child) not in seen:
                stack.append((child, False))
    return order


def graph(root):
    """The nodes and edges of the graph that computed ``root``, for drawing.

    Parameters
    ----------
    root : Value

    Returns
    -------
    nodes : list of Value
        Every node after its inputs, ``root`` last; the order depends only on how
        the expression was built. Each has ``data``, ``grad``, ``op``, ``label``.
    edges : list of (Value, Value)
        ``(input, result)`` per operand: ``x * x`` gives ``(x, x*x)`` twice.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    nodes = _topological(root)
    edges = [(child, node) for node in nodes for child in node._prev]
    return nodes, edges
