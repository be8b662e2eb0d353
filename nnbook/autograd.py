r"""A scalar computational graph with reverse-mode differentiation.

Each :class:`Value` holds a number (``data``), the derivative of the final
output with respect to it (``grad``), the values it was computed from, and a
small function that applies the chain rule locally: it receives the upstream
gradient :math:`\partial f/\partial\,\text{out}` and adds
:math:`\partial f/\partial\,\text{out}\cdot\partial\,\text{out}/\partial\,\text{in}`
to each input's ``grad`` ("upstream × local"). :meth:`Value.backward` visits
the graph from the output back to the leaves in reverse topological order.

Every operation defines its local rule right next to its forward rule; the
style follows Karpathy's *micrograd*.
"""

from __future__ import annotations

import math
import numbers

__all__ = ["Value", "vmax", "graph"]


def _check_number(x, name):
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {x}")
    return x


class Value:
    """A scalar node of a computational graph.

    Parameters
    ----------
    data : float
    label : str, optional
        A name shown when the graph is drawn (``"x"``, ``"w0"`` ...).

    Notes
    -----
    Within one backward pass gradients *accumulate*: a node used twice receives
    the sum of both paths' contributions. Each call of :meth:`backward` starts
    from zero, so calling it twice gives the same gradients.
    """

    __slots__ = ("data", "grad", "_prev", "_op", "_backward", "label")

    def __init__(self, data, _children=(), _op="", label=""):
        self.data = _check_number(data, "data")
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = lambda: None
        self.label = label

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(_check_number(other, "operand"))

    # ---- binary operations: value, then the local rule -------------------------
    def __add__(self, other):
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():                      # add distributes the gradient unchanged
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():                      # multiply swaps the inputs
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        k = _check_number(k, "exponent")
        if self.data == 0 and k < 1:
            raise ValueError(f"0 ** {k} has no finite derivative")
        out = Value(self.data ** k, (self,), f"**{k:g}")

        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    # ---- unary operations -------------------------------------------------------
    def exp(self):
        """:math:`e^x`, local gradient :math:`e^x`."""
        out = Value(math.exp(self.data), (self,), "exp")

        def _backward():
            self.grad += out.data * out.grad
        out._backward = _backward
        return out

    def log(self):
        """:math:`\\ln x` for x > 0, local gradient :math:`1/x`."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive value, got {self.data}")
        out = Value(math.log(self.data), (self,), "log")

        def _backward():
            self.grad += out.grad / self.data
        out._backward = _backward
        return out

    def tanh(self):
        """:math:`\\tanh x`, local gradient :math:`1-\\tanh^2 x`."""
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t * t) * out.grad
        out._backward = _backward
        return out

    def sigmoid(self):
        """:math:`\\sigma(x)` as one gate, local gradient :math:`\\sigma(1-\\sigma)`."""
        x = self.data
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        out = Value(s, (self,), "sigmoid")

        def _backward():
            self.grad += s * (1 - s) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        """:math:`\\max(0, x)`, local gradient 1 for x > 0, else 0."""
        out = Value(max(0.0, self.data), (self,), "relu")

        def _backward():
            self.grad += (self.data > 0) * out.grad
        out._backward = _backward
        return out

    # ---- derived operations (built from the ones above) -----------------------
    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __truediv__(self, other):
        other = self._wrap(other)
        if other.data == 0:
            raise ZeroDivisionError("division by a Value equal to 0")
        return self * other ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    # ---- the backward pass ------------------------------------------------------
    def backward(self):
        """Set every node's ``grad`` to the derivative of this value with respect to it."""
        order = _topological(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            node._backward()

    def zero_grad(self):
        """Set ``grad`` to 0 on this node and everything it depends on."""
        for node in _topological(self):
            node.grad = 0.0

    def __repr__(self):
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"


def vmax(a, b):
    """:math:`\\max(a, b)`: the gradient is routed to the larger input only."""
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
    order, seen = [], set()
    stack = [(root, False)]
    while stack:                               # iterative DFS: deep graphs are fine
        node, done = stack.pop()
        if done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for child in reversed(node._prev):
            if id(child) not in seen:
                stack.append((child, False))
    return order


def graph(root):
    """Nodes (inputs first, ``root`` last) and edges ``(child, parent)`` of the graph."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    nodes = _topological(root)
    edges = [(child, node) for node in nodes for child in node._prev]
    return nodes, edges
